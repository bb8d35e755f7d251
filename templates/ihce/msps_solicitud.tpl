{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}: {{RAZON}}</h1>
{{#ALERTA}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>{{TEXT}}</p>{{#ERRORS}}{{>RESUMEN}}{{/ERRORS}}</div>{{/ALERTA}}
{{#CODIGO_ENVIADO}}<p class="exito" role="status">Se envió un nuevo código de activación a los delegados de la entidad; el anterior ya no sirve.</p>{{/CODIGO_ENVIADO}}
<section class="card">
  <h2>Solicitud N.º {{ID}}</h2>
  <dl class="data">
    <dt>NIT</dt><dd data-k="nit">{{NIT}}</dd>
    <dt>Código habilitación</dt><dd>{{CODIGO}}</dd>
    <dt>Tipo</dt><dd>{{TIPO}}</dd>
    <dt>Estado</dt><dd data-k="estado">{{ESTADO}}</dd>
    <dt>Fecha solicitud</dt><dd>{{FECHA}}</dd>
    <dt>Proveedor tecnológico</dt><dd>{{PROVEEDOR}}</dd>
    <dt>Software</dt><dd>{{SOFTWARE}}</dd>
    <dt>Líder técnico</dt><dd>{{LIDER}}</dd>
    <dt>Responsable de protección de datos</dt><dd>{{RESPONSABLE}}</dd>
  </dl>
</section>
{{#ACTIVACION_PENDIENTE}}
<section class="card">
  <h2>Activación de las llaves</h2>
  <p data-k="activacion">Pendiente: el delegado aún no ha ingresado el código de activación. {{#VENCIDO}}El código venció el {{VENCE}}: envíe uno nuevo.{{/VENCIDO}}{{#VIGENTE}}El código vence el {{VENCE}}.{{/VIGENTE}}</p>
  <form method="post" action="/msps/solicitudes/{{ID}}/activacion" class="inline">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="button">Enviar un nuevo código de activación</button>
  </form>
</section>
{{/ACTIVACION_PENDIENTE}}
{{#ACTIVACION_HECHA}}
<section class="card">
  <h2>Activación de las llaves</h2>
  <p data-k="activacion">Activadas el {{CUANDO}} por {{QUIEN}} desde {{IP}} ({{UA}}).</p>
</section>
{{/ACTIVACION_HECHA}}
{{#LLAVES_FORM}}
<form method="post" action="/msps/solicitudes/{{ID}}" class="card" novalidate>
  <h2>Llaves por ambiente</h2>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="version" value="{{VERSION}}">
  <fieldset><legend>Desarrollo</legend>{{>F_client_id_desarrollo}}{{>F_client_secret_desarrollo}}{{>F_expira_desarrollo}}</fieldset>
  <fieldset><legend>Preproducción</legend>{{>F_client_id_preproduccion}}{{>F_client_secret_preproduccion}}{{>F_expira_preproduccion}}</fieldset>
  <fieldset><legend>Producción</legend>{{>F_client_id_produccion}}{{>F_client_secret_produccion}}{{>F_expira_produccion}}</fieldset>
  <p class="hint">Antes de guardar verá una página con los cambios para confirmarlos.</p>
  <div class="actions"><button type="submit" class="button primary">{{BOTON}}</button></div>
</form>
{{/LLAVES_FORM}}
{{#RECHAZO_FORM}}
<form method="post" action="/msps/solicitudes/{{ID}}/rechazar" class="card" novalidate>
  <h2>Rechazar la solicitud</h2>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="version" value="{{VERSION}}">
  {{>F_motivo}}
  <p class="hint">Antes de registrar el rechazo verá una página para confirmarlo.</p>
  <div class="actions"><button type="submit" class="button danger">Rechazar</button></div>
</form>
{{/RECHAZO_FORM}}
<section class="card">
  <h2>Historial de llaves</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Historial de llaves">
  <table>
    <thead><tr><th scope="col">Ambiente</th><th scope="col">Client ID</th><th scope="col">Expira</th><th scope="col">Estado</th><th scope="col">Registrada</th><th scope="col">Reemplazada</th><th scope="col">Por</th></tr></thead>
    <tbody>
    {{#HISTORIAL}}<tr><td>{{AMBIENTE}}</td><td>{{CLIENT_ID}}</td><td>{{EXPIRA}}</td><td>{{VIGENTE}}</td><td>{{CREADA}}</td><td>{{REEMPLAZADA}}</td><td>{{POR}}</td></tr>{{/HISTORIAL}}
    </tbody>
  </table>
  </div>
</section>
