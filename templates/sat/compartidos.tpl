{{%AUTOESCAPE context="HTML"}}
<h1>Compartir servicios de la entidad</h1>
{{#OK}}<p class="exito" role="status" data-k="ok">{{TEXT}}</p>{{/OK}}
<p>Los servicios web que su Caja comparte con el Ministerio. Cada uno tiene dos partes que puede guardar en momentos distintos: los datos del servicio y sus credenciales OAuth 2.0. Queda «Incompleto» hasta que ambas estén guardadas; entonces puede probar la conexión.</p>
<div class="actions"><a class="button primary" href="/sat/compartidos/nuevo" data-k="nuevo">Compartir un servicio</a></div>
{{#VACIA}}<p class="notice" data-k="vacia">Su entidad todavía no comparte servicios.</p>{{/VACIA}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Servicios compartidos">
<table data-k="compartidos">
  <thead><tr><th scope="col">Nombre</th><th scope="col">URL</th><th scope="col">Tipo de operación</th><th scope="col">Estado</th><th scope="col">Acciones</th></tr></thead>
  <tbody>
  {{#FILA}}<tr data-id="{{ID}}"><td data-k="nombre">{{NOMBRE}}</td><td data-k="url">{{URL}}</td><td data-k="metodo">{{METODO}}</td><td><span data-k="estado">{{ESTADO}}</span>{{#FALTA}}<br><small>{{TEXT}}</small>{{/FALTA}}</td><td><div class="acciones"><a class="button small" href="/sat/compartidos/{{ID}}" data-k="editar">Editar datos</a> <a class="button small" href="/sat/compartidos/{{ID}}/credenciales" data-k="credenciales">Credenciales OAuth 2.0</a>{{#PROBAR}} <a class="button small" href="/sat/compartidos/{{ID}}/probar" data-k="probar">Probar conexión</a>{{/PROBAR}} <a class="button small danger" href="/sat/compartidos/{{ID}}/eliminar" data-k="eliminar">Eliminar</a></div></td></tr>
  {{/FILA}}
  </tbody>
</table>
</div>
<p><a href="/sat">Volver a Servicios web SAT</a></p>
