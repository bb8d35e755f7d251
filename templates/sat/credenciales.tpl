{{%AUTOESCAPE context="HTML"}}
<h1>Credenciales OAuth 2.0</h1>
<p>Servicio <strong data-k="nombre">{{NOMBRE}}</strong>: cómo obtiene el Ministerio un token de acceso para llamarlo. La contraseña y el Client Secret se guardan cifrados y nunca se vuelven a mostrar.</p>
{{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p data-k="errores">Revise {{COUNT}} campo(s) marcados: no se ha guardado ningún cambio. Por seguridad, vuelva a escribir la contraseña y el Client Secret si los estaba cambiando.</p>{{>RESUMEN}}</div>{{/ERRORS}}
<form method="post" action="/sat/compartidos/{{ID}}/credenciales" class="card" novalidate autocomplete="off">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{>F_token_nombre}}
  {{>F_token_url}}
  {{>F_grant_type}}
  {{>F_cliente_auth}}
  <fieldset>
    <legend>Concesión por usuario y contraseña</legend>
    {{>F_usuario}}
    {{>F_clave}}
    {{#CLAVE_GUARDADA}}{{>F_quitar_clave}}{{/CLAVE_GUARDADA}}
  </fieldset>
  <fieldset>
    <legend>Cliente</legend>
    {{>F_client_id}}
    {{>F_client_secret}}
    {{#SECRET_GUARDADO}}{{>F_quitar_secret}}{{/SECRET_GUARDADO}}
  </fieldset>
  {{>F_scope}}
  <div class="actions">
    <button type="submit" class="button primary">Guardar credenciales</button>
    <a class="button" href="/sat/compartidos">Cancelar</a>
  </div>
</form>
