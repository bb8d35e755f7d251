{{%AUTOESCAPE context="HTML"}}
<h1>Probar conexión</h1>
<section class="card">
  <h2>Servicio <span data-k="nombre">{{NOMBRE}}</span></h2>
  <dl class="datos">
    <div><dt>URL del servicio</dt><dd>{{METODO}} {{URL}}</dd></div>
    <div><dt>URL del servicio de autorización</dt><dd>{{TOKEN_URL}}</dd></div>
    <div><dt>Tipo de concesión</dt><dd>{{GRANT}}</dd></div>
    <div><dt>Autenticación del cliente</dt><dd>{{CLIENTE}}</dd></div>
  </dl>
  <p>El portal pedirá un token de acceso al servicio de autorización con las credenciales guardadas y luego llamará al servicio con ese token, el tipo de operación y el ejemplo. El token nunca se muestra.</p>
  <form method="post" action="/sat/compartidos/{{ID}}/probar">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="actions"><button type="submit" class="button primary" data-k="probar">Probar conexión</button> <a class="button" href="/sat/compartidos">Volver</a></div>
  </form>
</section>
{{#EXITO}}<p class="exito" role="status" data-k="resultado">Conexión correcta: se obtuvo el token de acceso y el servicio respondió.</p>{{/EXITO}}
{{#FALLO}}<p class="alert" role="alert" data-k="resultado">La prueba no fue exitosa: revise el paso que falló.</p>{{/FALLO}}
{{#PASO_TOKEN}}
<section class="card" data-k="paso-token">
  <h2>Paso 1: token de acceso</h2>
  <p class="{{CLASE}}"><strong data-k="token-estado">{{ESTADO}}</strong>{{#HTTP}} (HTTP <span data-k="token-http">{{CODIGO}}</span>){{/HTTP}}</p>
  <p data-k="token-mensaje">{{MENSAJE}}</p>
  <dl class="datos">
    {{#TOKEN_TIPO}}<div><dt>Tipo de token</dt><dd data-k="token-tipo">{{TEXT}}</dd></div>{{/TOKEN_TIPO}}
    {{#EXPIRA}}<div><dt>Vigencia</dt><dd><span data-k="token-expira">{{SEGUNDOS}}</span> segundos</dd></div>{{/EXPIRA}}
    {{#OAUTH}}<div><dt>Error OAuth</dt><dd data-k="oauth-error">{{ERROR}}</dd></div>{{/OAUTH}}
  </dl>
  {{#EXTRACTO}}<p>Extracto de la respuesta:</p><pre data-k="token-extracto">{{TEXT}}</pre>{{/EXTRACTO}}
</section>
{{/PASO_TOKEN}}
{{#PASO_SERVICIO}}
<section class="card" data-k="paso-servicio">
  <h2>Paso 2: servicio</h2>
  <p class="{{CLASE}}"><strong data-k="servicio-estado">{{ESTADO}}</strong>{{#HTTP}} (HTTP <span data-k="servicio-http">{{CODIGO}}</span>){{/HTTP}}</p>
  <p data-k="servicio-mensaje">{{MENSAJE}}</p>
  {{#EXTRACTO}}<p>Extracto de la respuesta:</p><pre data-k="servicio-extracto">{{TEXT}}</pre>{{/EXTRACTO}}
</section>
{{/PASO_SERVICIO}}
