{{%AUTOESCAPE context="HTML"}}
<h1>Catálogo de servicios</h1>
{{>TABS}}
{{#OK}}<p class="exito" role="status" data-k="ok">El servicio fue guardado.</p>{{/OK}}
<p><a class="button primary" href="/msps/sat/servicios/nuevo" data-k="nuevo">Nuevo servicio</a></p>
{{#VACIO}}<p class="muted" data-k="vacio">El catálogo está vacío.</p>{{/VACIO}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Catálogo de servicios">
<table data-k="catalogo">
  <thead><tr><th scope="col">Nombre</th><th scope="col">Tipo de entidad</th><th scope="col">Estado</th><th scope="col">Método</th><th scope="col">URL base</th><th scope="col">Entidades</th><th scope="col">Actualizado</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#FILA}}<tr data-id="{{ID}}"><td data-k="nombre">{{NOMBRE}}</td><td>{{TIPO}}</td><td>{{ESTADO}}</td><td>{{METODO}}</td><td><code>{{URL}}</code></td><td>{{ENTIDADES}}</td><td>{{FECHA}}</td><td><a class="button small" href="/msps/sat/servicios/{{ID}}">Editar</a></td></tr>{{/FILA}}
  </tbody>
</table>
</div>
