{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
{{#OK}}<p class="exito" role="status">{{TEXT}}</p>{{/OK}}
<nav class="tabs" aria-label="Colas">
  <a href="/msps/asignar">Asignar token</a>
  <a href="/msps/actualizar">Actualizar token</a>
  <a href="/msps/delegados" data-k="nav-delegados">Solicitudes de delegado</a>
  <a href="/msps/ambientes">Configuración de ambientes</a>
  <a href="/msps/sat" data-k="nav-sat">Servicios web SAT</a>
  <a href="/msps/ap/reporte" data-k="reporte-ap">Reporte servicios web AP</a>
</nav>
<form method="get" action="{{PATH}}" class="search" role="search">
  <label for="q">Buscar por NIT, código de habilitación, razón social o estado</label>
  <div class="row">
    <input type="search" id="q" name="q" value="{{Q}}" maxlength="100">
    <button type="submit" class="button">Buscar</button>
  </div>
</form>
<p class="filters" data-k="filtros">
  {{#FILTRO_TODAS}}<span aria-current="page">Todas</span> · <a href="{{PATH}}?vence=1" data-k="por_vencer">Por vencer (30 días o menos)</a>{{/FILTRO_TODAS}}
  {{#FILTRO_VENCE}}<a href="{{PATH}}">Todas</a> · <span aria-current="page">Por vencer (30 días o menos)</span>{{/FILTRO_VENCE}}
</p>
<p class="muted" data-k="total">{{TOTAL}} entidad(es)</p>
{{#MAS}}<p class="hint" data-k="mas">La búsqueda coincide con muchas entidades: se muestran las primeras. Escriba más letras del nombre, o el NIT, para encontrar la que busca.</p>{{/MAS}}
{{#VACIA}}<p>No hay entidades que coincidan.</p>{{/VACIA}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Entidades">
<table class="cola">
  <thead><tr><th scope="col">#</th><th scope="col">NIT</th><th scope="col">Código habilitación</th><th scope="col">Razón social</th><th scope="col">Fecha solicitud</th><th scope="col">Estado</th><th scope="col">Acción</th><th scope="col">Vencimiento</th></tr></thead>
  <tbody>
  {{#FILA}}<tr><td>{{N:x-cifras}}</td><td>{{NIT:x-cifras}}</td><td>{{CODIGO:x-cifras}}</td><td>{{RAZON}}</td><td>{{FECHA:x-cifras}}</td><td>{{ESTADO}}</td><td><a class="button small" href="/msps/solicitudes/{{ID:x-cifras}}">{{ACCION}}</a></td><td>{{#VENCE}}<span class="badge" data-k="vence">{{TEXT}}</span>{{/VENCE}}</td></tr>{{/FILA}}
  </tbody>
</table>
</div>
{{#PAGINAS}}
<nav class="pager" aria-label="Páginas">
  {{#ANTERIOR}}<a href="{{HREF}}" rel="prev">Anterior</a>{{/ANTERIOR}}
  {{#PAGINA}}{{#ACTUAL}}<span aria-current="page">{{N:x-cifras}}</span>{{/ACTUAL}}{{#LINK}}<a href="{{HREF}}">{{N:x-cifras}}</a>{{/LINK}}{{/PAGINA}}
  {{#SIGUIENTE}}<a href="{{HREF}}" rel="next">Siguiente</a>{{/SIGUIENTE}}
</nav>
{{/PAGINAS}}
