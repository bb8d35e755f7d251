{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}} N.º {{ID}}</h1>
{{#ALERTA}}<div class="alert" role="alert" tabindex="-1" data-resumen><p data-k="alerta">{{TEXT}}</p>{{#ERRORS}}{{>RESUMEN}}{{/ERRORS}}</div>{{/ALERTA}}
<section class="card">
  <h2>Entidad</h2>
  <dl class="data">
    <dt>Razón social</dt><dd data-k="razon">{{RAZON}}{{#NUEVA}} <span class="badge">Entidad nueva: escrita por quien se registró</span>{{/NUEVA}}</dd>
    <dt>NIT</dt><dd data-k="nit">{{NIT}}</dd>
    <dt>Tipo de entidad</dt><dd>{{TIPO}}</dd>
    <dt>Módulo</dt><dd data-k="modulo">{{MODULO}}</dd>
    <dt>Rol</dt><dd data-k="rol">{{ROL}}</dd>
    {{#CONOCIDA}}<dt>Personas activas de la entidad</dt><dd data-k="personas">{{PERSONAS}} (reciben aviso de esta solicitud)</dd>{{/CONOCIDA}}
  </dl>
</section>
<section class="card">
  <h2>Persona</h2>
  <dl class="data">
    <dt>Usuario (login)</dt><dd data-k="login">{{LOGIN}}</dd>
    <dt>Primer nombre</dt><dd data-k="primer_nombre">{{PN}}</dd>
    <dt>Segundo nombre</dt><dd data-k="segundo_nombre">{{SN}}</dd>
    <dt>Primer apellido</dt><dd data-k="primer_apellido">{{PA}}</dd>
    <dt>Segundo apellido</dt><dd data-k="segundo_apellido">{{SA}}</dd>
    <dt>Documento</dt><dd data-k="documento">{{DOCUMENTO}}</dd>
    <dt>Correo</dt><dd data-k="correo">{{CORREO}}</dd>
    <dt>Fecha de la solicitud</dt><dd>{{FECHA}}</dd>
    <dt>Dirección de origen</dt><dd>{{IP}}</dd>
  </dl>
</section>
<section class="card">
  <h2>Carta de designación</h2>
  {{#CARTA}}<p><a class="button" href="/msps/delegados/{{ID}}/carta" data-k="carta">Descargar la carta ({{NOMBRE}}, {{TAMANO}})</a></p>
  <p class="hint">Se descarga como archivo PDF; ábrala con su visor de PDF.</p>{{/CARTA}}
  {{#SIN_CARTA}}<p data-k="sin-carta">Sin carta: el delegado se registró antes de que el portal la pidiera.</p>{{/SIN_CARTA}}
</section>
{{#PENDIENTE}}
<section class="card">
  <h2>Decisión</h2>
  <form method="post" action="/msps/delegados/{{ID}}/aprobar" class="inline" data-confirm="¿Aprobar a esta persona como delegado administrativo de la entidad?">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="button primary">Aprobar</button>
  </form>
</section>
<form method="post" action="/msps/delegados/{{ID}}/rechazar" class="card" novalidate>
  <h2>Rechazar la solicitud</h2>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{>F_motivo}}
  <div class="actions"><button type="submit" class="button danger">Rechazar</button></div>
</form>
{{/PENDIENTE}}
{{#APROBADA}}<section class="card"><h2>Decisión</h2><p data-k="decision">Aprobada el {{CUANDO}} por {{QUIEN}}.</p></section>{{/APROBADA}}
{{#RECHAZADA}}<section class="card"><h2>Decisión</h2><p data-k="decision">Rechazada el {{CUANDO}} por {{QUIEN}}.</p><dl class="data"><dt>Motivo</dt><dd data-k="motivo">{{MOTIVO}}</dd></dl></section>{{/RECHAZADA}}
<p><a class="button" href="/msps/delegados">Volver a las solicitudes</a></p>
