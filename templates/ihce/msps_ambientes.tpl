{{%AUTOESCAPE context="HTML"}}
<h1>Configuración de ambientes</h1>
{{#OK}}<p class="exito" role="status">La configuración fue guardada.</p>{{/OK}}
{{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>Revise {{COUNT}} campo(s) marcados: no se guardó nada.</p>{{>RESUMEN}}</div>{{/ERRORS}}
<form method="post" action="/msps/ambientes" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <fieldset><legend>Desarrollo</legend>{{>F_endpoint_desarrollo}}{{>F_tenant_desarrollo}}{{>F_scope_desarrollo}}{{#APIM_0}}<p class="hint">Hay una llave de suscripción APIM guardada.</p>{{/APIM_0}}{{>F_apim_desarrollo}}</fieldset>
  <fieldset><legend>Preproducción</legend>{{>F_endpoint_preproduccion}}{{>F_tenant_preproduccion}}{{>F_scope_preproduccion}}{{#APIM_1}}<p class="hint">Hay una llave de suscripción APIM guardada.</p>{{/APIM_1}}{{>F_apim_preproduccion}}</fieldset>
  <fieldset><legend>Producción</legend>{{>F_endpoint_produccion}}{{>F_tenant_produccion}}{{>F_scope_produccion}}{{#APIM_2}}<p class="hint">Hay una llave de suscripción APIM guardada.</p>{{/APIM_2}}{{>F_apim_produccion}}</fieldset>
  <div class="actions"><button type="submit" class="button primary">Guardar</button></div>
</form>
