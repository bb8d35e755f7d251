{{%AUTOESCAPE context="HTML"}}
<h1>Administración de llaves IHCE</h1>
{{#CREADA}}<p class="exito" role="status">¡Registro de solicitud de llaves creado con éxito!</p>{{/CREADA}}
{{#ACTIVAR}}<p class="aviso" role="status" data-k="activar">Sus llaves esperan activación: ingrese el código que recibió por correo en <a href="/ihce/activar">Activar llaves</a>.</p>{{/ACTIVAR}}
<section class="card">
  <h2>Estado de su solicitud</h2>
  <p class="estado estado-{{ESTADO_CLASE}}" data-k="estado">{{ESTADO}}</p>
  {{#RECHAZO}}<p class="aviso">Motivo del rechazo: <span data-k="motivo">{{MOTIVO}}</span></p>{{/RECHAZO}}
  <div class="actions">
    {{#INSCRIPCION_ON}}<a class="button primary" href="/ihce/solicitud">Inscripción token</a>{{/INSCRIPCION_ON}}
    {{#INSCRIPCION_OFF}}<span class="button disabled" aria-disabled="true">Inscripción token</span><p class="hint">{{WHY}}</p>{{/INSCRIPCION_OFF}}
    {{#RESOLICITUD_ON}}<a class="button primary" href="/ihce/solicitud">Resolicitud token</a>{{/RESOLICITUD_ON}}
    {{#RESOLICITUD_OFF}}<span class="button disabled" aria-disabled="true">Resolicitud token</span><p class="hint">{{WHY}}</p>{{/RESOLICITUD_OFF}}
    {{#LLAVES}}<a class="button" href="/ihce/llaves">Visualización de llaves</a>{{/LLAVES}}
  </div>
</section>
<section class="card">
  <h2>Personas autorizadas</h2>
  <p>Autorice a otras personas de su entidad en el portal, con su rol, perfil y sede.</p>
  <p><a class="button" href="/autorizados" data-k="autorizados">Administrar autorizados</a></p>
</section>
<section class="card">
  <h2>Solicitudes de su entidad</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Solicitudes de su entidad">
  <table>
    <thead><tr><th scope="col">N.º</th><th scope="col">Tipo</th><th scope="col">Estado</th><th scope="col">Fecha solicitud</th><th scope="col">Fecha respuesta</th></tr></thead>
    <tbody>
    {{#SOLICITUD}}<tr><td><a href="/ihce/solicitudes/{{ID}}">{{ID}}</a></td><td>{{TIPO}}</td><td>{{ESTADO}}</td><td>{{FECHA}}</td><td>{{RESPUESTA}}</td></tr>{{/SOLICITUD}}
    </tbody>
  </table>
  </div>
</section>
