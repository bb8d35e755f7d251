{{%AUTOESCAPE context="HTML"}}
<h1>{{TITULO}}: {{RAZON}}</h1>
{{#LLAVES}}
<p class="aviso" data-k="confirmar">Revise los cambios: aún no se ha guardado nada. Al confirmar, la entidad recibirá por correo un nuevo código de activación para ver sus llaves.</p>
{{#AMBIENTE}}
<section class="card" aria-labelledby="conf-{{SLUG}}">
  <h2 id="conf-{{SLUG}}">{{NOMBRE}}</h2>
  <p data-k="cambio-{{SLUG}}">{{RESUMEN}}</p>
  <dl class="data">
    <dt>Client ID</dt><dd data-k="client_id-{{SLUG}}">{{CLIENT_ID}}{{#CLIENT_ID_ANTES}} <span class="hint">(antes: {{TEXT}})</span>{{/CLIENT_ID_ANTES}}</dd>
    <dt>Client Secret</dt><dd data-k="client_secret-{{SLUG}}">{{SECRET}}</dd>
    <dt>Fecha de expiración</dt><dd data-k="expira-{{SLUG}}">{{EXPIRA}}{{#EXPIRA_ANTES}} <span class="hint">(antes: {{TEXT}})</span>{{/EXPIRA_ANTES}}</dd>
  </dl>
</section>
{{/AMBIENTE}}
<form method="post" action="/msps/solicitudes/{{ID}}/confirmar" class="card">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="version" value="{{VERSION}}">
  <input type="hidden" name="sellado" value="{{SELLADO}}">
  <div class="actions"><button type="submit" class="button primary">Confirmar</button> <a class="button" href="/msps/solicitudes/{{ID}}">Cancelar</a></div>
</form>
{{/LLAVES}}
{{#RECHAZO}}
<p class="aviso" data-k="confirmar">¿Rechazar esta solicitud? La entidad recibirá por correo el motivo. Aún no se ha registrado nada.</p>
<section class="card" aria-labelledby="conf-motivo">
  <h2 id="conf-motivo">Motivo del rechazo</h2>
  <p class="motivo" data-k="motivo">{{MOTIVO:pre_escape}}</p>
</section>
<form method="post" action="/msps/solicitudes/{{ID}}/rechazar/confirmar" class="card">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="version" value="{{VERSION}}">
  <input type="hidden" name="sellado" value="{{SELLADO}}">
  <div class="actions"><button type="submit" class="button danger">Confirmar el rechazo</button> <a class="button" href="/msps/solicitudes/{{ID}}">Cancelar</a></div>
</form>
{{/RECHAZO}}
