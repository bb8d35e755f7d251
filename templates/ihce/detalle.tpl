{{%AUTOESCAPE context="HTML"}}
<h1>Solicitud N.º {{ID}}</h1>
<section class="card">
  <dl class="data">
    <dt>Estado</dt><dd>{{ESTADO}}</dd>
    <dt>Fecha de solicitud</dt><dd>{{FECHA}}</dd>
    <dt>Proveedor tecnológico</dt><dd>{{PROVEEDOR}}</dd>
    <dt>Software</dt><dd>{{SOFTWARE}}</dd>
    <dt>Líder técnico</dt><dd>{{LIDER_NOMBRE}} · {{LIDER_CORREO}} · {{LIDER_TEL}}</dd>
    <dt>Responsable de protección de datos</dt><dd>{{RESP_NOMBRE}} · {{RESP_CORREO}} · {{RESP_TEL}}</dd>
    {{#RECHAZO}}<dt>Motivo del rechazo</dt><dd>{{MOTIVO}}</dd>{{/RECHAZO}}
  </dl>
  <p><a class="button" href="/ihce">Volver</a></p>
</section>
