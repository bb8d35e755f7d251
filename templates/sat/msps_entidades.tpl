{{%AUTOESCAPE context="HTML"}}
<h1>Entidades SAT</h1>
{{>TABS}}
<p>Cajas de Compensación Familiar (CCF) y Administradoras de Pensiones (AP): active el módulo de servicios web para una entidad y habilite los servicios del catálogo que puede consumir.</p>
<form method="get" action="/msps/sat" class="search" role="search">
  <label for="q">Buscar por NIT o razón social</label>
  <div class="row">
    <input type="search" id="q" name="q" value="{{Q}}" maxlength="100">
    <button type="submit" class="button">Buscar</button>
  </div>
</form>
{{#VACIA}}<p data-k="vacia">No hay entidades CCF o AP que coincidan.</p>{{/VACIA}}
{{#MAS}}<p class="hint" data-k="mas">Se muestran las primeras {{N}} entidades: escriba el NIT o más letras del nombre.</p>{{/MAS}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Entidades">
<table data-k="entidades">
  <thead><tr><th scope="col">NIT</th><th scope="col">Razón social</th><th scope="col">Tipo</th><th scope="col">Módulo SAT</th><th scope="col">Servicios habilitados</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#FILA}}<tr data-nit="{{NIT}}"><td>{{NIT}}</td><td>{{RAZON}}</td><td>{{TIPO}}</td><td data-k="activo">{{ACTIVO}}</td><td>{{SERVICIOS}}</td><td><a class="button small" href="/msps/sat/entidades/{{ID}}">Administrar</a></td></tr>{{/FILA}}
  </tbody>
</table>
</div>
