{{%AUTOESCAPE context="HTML"}}
<h1>Paso 2: Visualización de llaves</h1>
<p class="estado" data-k="estado">{{ESTADO}}</p>
{{#ACTIVADAS}}<p class="exito" role="status" data-k="activadas">Las llaves quedaron activadas. Gracias: su ingreso del código quedó registrado como firma de la declaración de seguridad.</p>{{/ACTIVADAS}}
{{#ACTIVAR}}<div class="alert" role="alert" data-k="activar"><p>Las llaves de su entidad están registradas pero aún no están activas. Para ver el Client Secret y la llave de suscripción APIM, ingrese el código de activación que recibió por correo (vence el {{VENCE}}).</p><p><a class="button primary" href="/ihce/activar">Activar llaves</a></p></div>{{/ACTIVAR}}
<p class="hint">El Client Secret y la llave de suscripción APIM se muestran al pulsar «Mostrar»; cada consulta queda registrada. «Copiar todo» copia los valores del ambiente que están a la vista: si el Client Secret está oculto, primero lo muestra y luego se pulsa «Copiar todo» otra vez.</p>
{{#AMBIENTE}}
<section class="card ambiente" aria-labelledby="amb-{{SLUG}}">
  <h2 id="amb-{{SLUG}}">{{NOMBRE}}</h2>
  {{#SIN_LLAVE}}<p>Aún no hay llaves para este ambiente.</p>{{/SIN_LLAVE}}
  {{#CON_LLAVE}}
  {{#ALERTA}}<p class="aviso">{{TEXT}}</p>{{/ALERTA}}
  {{#PARA_COPIAR}}<p class="notice" role="status" data-k="para-copiar">El Client Secret de este ambiente está a la vista: pulse «Copiar todo» para copiar el bloque completo.</p>{{/PARA_COPIAR}}
  <dl class="data copyable" id="bloque-{{SLUG}}">
    <dt>Client ID</dt><dd data-k="client_id" data-copiar>{{CLIENT_ID}}</dd>
    <dt>Client Secret</dt>{{#OCULTO}}<dd data-k="client_secret">••••••••••••</dd>{{/OCULTO}}{{#VISIBLE}}<dd data-k="client_secret" data-copiar>{{SECRET}}</dd>{{/VISIBLE}}{{#SIN_ACTIVAR}}<dd data-k="client_secret">Disponible al activar las llaves</dd>{{/SIN_ACTIVAR}}
    <dt>Fecha de expiración</dt><dd data-k="expira" data-copiar>{{EXPIRA}}</dd>
    {{#PARAMETRO}}<dt>{{NOMBRE}}</dt>{{#VALOR}}<dd data-k="{{K}}" data-copiar>{{TEXT}}</dd>{{/VALOR}}{{#FALTA}}<dd data-k="{{K}}" class="falta">Aún no configurado por el Ministerio</dd>{{/FALTA}}
    {{/PARAMETRO}}
    <dt>Llave de suscripción APIM</dt>{{#APIM_NO}}<dd data-k="apim" class="falta">No hay llave de suscripción APIM para este ambiente: el Ministerio aún no la ha configurado.</dd>{{/APIM_NO}}{{#APIM_OCULTA}}<dd data-k="apim">••••••••••••</dd>{{/APIM_OCULTA}}{{#APIM_VISIBLE}}<dd data-k="apim" data-copiar>{{TEXT}}</dd>{{/APIM_VISIBLE}}{{#APIM_SIN_ACTIVAR}}<dd data-k="apim">Disponible al activar las llaves</dd>{{/APIM_SIN_ACTIVAR}}
  </dl>
  <div class="actions">
    {{#OCULTO}}<form method="post" action="/ihce/llaves/mostrar" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="llave" value="{{ID}}">
      <button type="submit" class="button">Mostrar</button>
      <button type="submit" name="copiar" value="1" class="button js-only" data-revelar hidden>Copiar todo</button>
    </form>{{/OCULTO}}
    {{#VISIBLE}}<button type="button" class="button js-only" data-copy="bloque-{{SLUG}}"{{#ENFOCAR}} data-enfocar{{/ENFOCAR}} hidden>Copiar todo</button>{{/VISIBLE}}
  </div>
  {{/CON_LLAVE}}
</section>
{{/AMBIENTE}}
<p><a class="button" href="/ihce">Volver</a></p>
