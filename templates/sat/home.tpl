{{%AUTOESCAPE context="HTML"}}
<h1>Servicios web SAT</h1>
<section class="card">
  <h2>Servicios habilitados para su entidad</h2>
  <p>Servicios web del Ministerio que su entidad puede consumir. Consulte en cada uno su Client ID y su documentación.</p>
  {{#SIN_SERVICIOS}}<p class="notice" data-k="sin-servicios">El Ministerio todavía no ha habilitado servicios para su entidad.</p>{{/SIN_SERVICIOS}}
  <div class="table-wrap" tabindex="0" role="region" aria-label="Servicios habilitados">
  <table data-k="catalogo">
    <thead><tr><th scope="col">Nombre servicio</th><th scope="col">Descripción servicio</th><th scope="col">Acción</th></tr></thead>
    <tbody>
    {{#SERVICIO}}<tr data-id="{{ID}}"><td data-k="nombre">{{NOMBRE}}</td><td>{{DESCRIPCION}}</td><td><a href="/sat/servicios/{{ID}}">Información del servicio</a></td></tr>{{/SERVICIO}}
    </tbody>
  </table>
  </div>
</section>
<section class="card">
  <h2>Conexión de su entidad</h2>
  {{#CCF}}<p>Registre los servicios web que su entidad comparte con el Ministerio, con sus credenciales OAuth 2.0, y pruebe la conexión.</p>{{/CCF}}
  <p>La contraseña de conexión es la que usan los sistemas de su entidad para consumir los servicios del Ministerio.</p>
  <div class="actions">
    {{#CCF}}<a class="button primary" href="/sat/compartidos" data-k="compartir">Compartir servicios de la entidad</a>{{/CCF}}
    <a class="button" href="/sat/clave" data-k="asignar-clave">Asignar contraseña</a>
  </div>
</section>
{{#AP}}<section class="card">
  <h2>Seguimiento</h2>
  <p>Llamadas, registros, tiempos de respuesta e incidentes de los servicios de su Administradora, para el reporte de la primera semana de producción.</p>
  <div class="actions"><a class="button" href="/sat/reporte" data-k="reporte">Reporte de seguimiento</a></div>
</section>{{/AP}}
