{{%AUTOESCAPE context="HTML"}}
<h1>Paso 2: Visualización de llaves</h1>
<p class="estado" data-k="estado">{{ESTADO}}</p>
{{#ACTIVADAS}}<p class="exito" role="status" data-k="activadas">Las llaves quedaron activadas. Gracias: su ingreso del código quedó registrado como firma de la declaración de seguridad.</p>{{/ACTIVADAS}}
{{#ACTIVAR}}<div class="alert" role="alert" data-k="activar"><p>Las llaves de su entidad están registradas pero aún no están activas. Para ver el ClientSecret y la llave de suscripción APIM, ingrese el código de activación que recibió por correo (vence el {{VENCE}}).</p><p><a class="button primary" href="/ihce/activar">Activar llaves</a></p></div>{{/ACTIVAR}}
<p class="hint">El ClientSecret y la llave de suscripción APIM se muestran al pulsar «Mostrar»; cada consulta queda registrada. «Copiar todo» copia el bloque del ambiente tal como se ve.</p>
{{#AMBIENTE}}
<section class="card ambiente" aria-labelledby="amb-{{SLUG}}">
  <h2 id="amb-{{SLUG}}">{{NOMBRE}}</h2>
  {{#SIN_LLAVE}}<p>Aún no hay llaves para este ambiente.</p>{{/SIN_LLAVE}}
  {{#CON_LLAVE}}
  {{#ALERTA}}<p class="aviso">{{TEXT}}</p>{{/ALERTA}}
  <dl class="data copyable" id="bloque-{{SLUG}}">
    <dt>ClientID</dt><dd data-k="client_id">{{CLIENT_ID}}</dd>
    <dt>ClientSecret</dt><dd data-k="client_secret">{{#OCULTO}}••••••••••••{{/OCULTO}}{{#VISIBLE}}{{SECRET}}{{/VISIBLE}}{{#SIN_ACTIVAR}}Disponible al activar las llaves{{/SIN_ACTIVAR}}</dd>
    <dt>Fecha de expiración</dt><dd data-k="expira">{{EXPIRA}}</dd>
    <dt>EndPoint</dt><dd>{{ENDPOINT}}</dd>
    <dt>TenantID</dt><dd>{{TENANT}}</dd>
    <dt>Scope</dt><dd>{{SCOPE}}</dd>
    <dt>Llave de suscripción APIM</dt><dd>{{#OCULTO}}••••••••••••{{/OCULTO}}{{#VISIBLE}}{{APIM}}{{/VISIBLE}}{{#SIN_ACTIVAR}}Disponible al activar las llaves{{/SIN_ACTIVAR}}</dd>
  </dl>
  <div class="actions">
    {{#OCULTO}}<form method="post" action="/ihce/llaves/mostrar" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="llave" value="{{ID}}">
      <button type="submit" class="button">Mostrar</button>
    </form>{{/OCULTO}}
    {{#OCULTO}}<button type="button" class="button js-only" data-copy="bloque-{{SLUG}}" hidden>Copiar todo</button>{{/OCULTO}}{{#VISIBLE}}<button type="button" class="button js-only" data-copy="bloque-{{SLUG}}" hidden>Copiar todo</button>{{/VISIBLE}}
  </div>
  {{/CON_LLAVE}}
</section>
{{/AMBIENTE}}
<p><a class="button" href="/ihce">Volver</a></p>
