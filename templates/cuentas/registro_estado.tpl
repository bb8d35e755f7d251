{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>{{TITLE}}</h1>
  <dl class="data">
    <dt>Usuario (login)</dt><dd data-k="login">{{LOGIN}}</dd>
    <dt>Módulo</dt><dd data-k="modulo">{{MODULO}}</dd>
    <dt>Fecha de la solicitud</dt><dd data-k="fecha">{{FECHA}}</dd>
  </dl>
  {{#PENDIENTE}}<p class="notice" role="status" data-k="estado-solicitud">Su solicitud para ser delegado administrativo está pendiente: un funcionario del Ministerio de Salud y Protección Social debe revisar la carta de designación y aprobarla. Hasta entonces no puede actuar por la entidad. Le avisaremos por correo.</p>{{/PENDIENTE}}
  {{#RECHAZADA}}
  <p class="alert" role="alert" data-k="estado-solicitud">El Ministerio de Salud y Protección Social rechazó su solicitud para ser delegado administrativo el {{DECIDIDA}}.</p>
  <dl class="data"><dt>Motivo</dt><dd data-k="motivo">{{MOTIVO}}</dd></dl>
  <p>Si su entidad lo designó, puede registrarse de nuevo con la carta de designación firmada por el representante legal.</p>
  {{/RECHAZADA}}
  <p><a class="button" href="/login">Volver al inicio de sesión</a></p>
</section>
