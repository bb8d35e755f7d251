{{%AUTOESCAPE context="HTML"}}
<h1>Usuarios bloqueados</h1>
<p>Un usuario (del portal, o de conexión a los servicios web AP) con {{PAR}} intentos fallidos de ingreso desde una misma dirección queda bloqueado 15 minutos desde esa dirección; desde otra puede seguir entrando. Con {{SEGUIDOS}} intentos fallidos seguidos, desde cualquier dirección, queda bloqueado hasta que un administrador lo desbloquee. Desbloquee solo cuando haya confirmado con la persona que fue ella quien se equivocó.</p>
{{#OK}}<p class="exito" role="status" data-k="ok">El usuario fue desbloqueado.</p>{{/OK}}
{{#VACIA}}<p data-k="vacia">No hay usuarios bloqueados.</p>{{/VACIA}}
<h2>Bloqueados hasta que un administrador los desbloquee</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="Bloqueados hasta que un administrador los desbloquee">
<table class="bloqueos" data-k="retenidos">
  <thead><tr><th scope="col">Usuario</th><th scope="col">Servicio</th><th scope="col">Nombre</th><th scope="col">Intentos fallidos seguidos</th><th scope="col">Último intento</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#RETENIDO}}<tr><td data-k="retenido">{{LOGIN}}</td><td>{{TIPO_TEXTO}}</td><td>{{NOMBRE}}</td><td>{{FALLOS}}</td><td>{{ULTIMO}}</td><td>
    <form method="post" action="/admin/bloqueos/desbloquear" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="tipo" value="{{TIPO}}"><input type="hidden" name="login" value="{{LOGIN}}"><button type="submit" class="button small" aria-label="Desbloquear {{LOGIN}}">Desbloquear</button></form>
  </td></tr>{{/RETENIDO}}
  </tbody>
</table>
</div>
<h2>Bloqueados 15 minutos desde una dirección</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="Bloqueados 15 minutos desde una dirección">
<table class="bloqueos" data-k="pares">
  <thead><tr><th scope="col">Usuario</th><th scope="col">Servicio</th><th scope="col">Nombre</th><th scope="col">Dirección</th><th scope="col">Intentos fallidos</th><th scope="col">Bloqueado hasta</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#BLOQUEO}}<tr><td data-k="bloqueado">{{LOGIN}}</td><td>{{TIPO_TEXTO}}</td><td>{{NOMBRE}}</td><td data-k="ip">{{IP}}</td><td>{{FALLOS}}</td><td>{{HASTA}}</td><td>
    <form method="post" action="/admin/bloqueos/desbloquear" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="tipo" value="{{TIPO}}"><input type="hidden" name="login" value="{{LOGIN}}"><button type="submit" class="button small" aria-label="Desbloquear {{LOGIN}}">Desbloquear</button></form>
  </td></tr>{{/BLOQUEO}}
  </tbody>
</table>
</div>
<p><a class="button" href="/admin">Volver</a></p>
