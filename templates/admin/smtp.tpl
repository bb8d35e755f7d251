{{%AUTOESCAPE context="HTML"}}
<h1>Servidor de correo</h1>
{{#SIN_SMTP}}<p class="aviso" data-k="sin_smtp">No hay servidor de correo configurado: las notificaciones se guardan en la bandeja de salida y se enviarán cuando se configure uno.</p>{{/SIN_SMTP}}
{{#SMTP}}
<section class="card">
  <dl class="data">
    <dt>URL</dt><dd data-k="url">{{URL}}</dd>
    <dt>Remitente</dt><dd data-k="remitente">{{REMITENTE}}</dd>
    <dt>Usuario</dt><dd data-k="usuario">{{USUARIO}}</dd>
    <dt>Contraseña</dt><dd data-k="clave">{{CLAVE}}</dd>
    <dt>Cifrado</dt><dd data-k="tls">{{TLS}}</dd>
    <dt>Actualizado</dt><dd>{{ACTUALIZADO}}</dd>
  </dl>
</section>
{{/SMTP}}
<p class="hint">El operador del servidor cambia esta configuración con la orden <code>portal smtp-set URL REMITENTE [USUARIO]</code> (la contraseña se lee de la entrada estándar y se guarda cifrada).</p>
<p><a class="button" href="/admin">Volver</a></p>
