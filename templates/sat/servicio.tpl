{{%AUTOESCAPE context="HTML"}}
<h1>Información del servicio</h1>
<section class="card">
  <h2 data-k="nombre">{{NOMBRE}}</h2>
  <dl class="data">
    <dt>Client ID</dt><dd><span id="client-id" data-k="client-id">{{CLIENT_ID}}</span> <button type="button" class="button small js-only" data-copy="client-id" hidden>Copiar</button></dd>
    <dt>Estado</dt><dd data-k="estado">{{ESTADO}}</dd>
    <dt>URL base</dt><dd><code data-k="url">{{URL}}</code></dd>
    <dt>Método HTTP</dt><dd data-k="metodo">{{METODO}}</dd>
    <dt>Descripción</dt><dd class="pre" data-k="descripcion">{{DESCRIPCION:pre_escape}}</dd>
    <dt>Usuario de conexión</dt><dd data-k="usuario">{{NIT}}</dd>
  </dl>
  <p class="hint">Sus sistemas consumen el servicio con este Client ID, el NIT de la entidad como usuario y la contraseña que usted asigna en <a href="/sat/clave">Asignar contraseña</a>.</p>
</section>
{{>DOC}}
<p><a href="/sat">Volver a los servicios</a></p>
