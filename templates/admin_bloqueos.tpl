{{%AUTOESCAPE context="HTML"}}
<h1>Usuarios bloqueados</h1>
<p>Usuarios con 5 intentos fallidos de ingreso: quedan bloqueados 15 minutos. Desbloquee solo cuando haya confirmado con la persona que fue ella quien se equivocó.</p>
{{#OK}}<p class="notice" role="status" data-k="ok">El usuario fue desbloqueado.</p>{{/OK}}
{{#VACIA}}<p data-k="vacia">No hay usuarios bloqueados.</p>{{/VACIA}}
<div class="table-wrap">
<table class="bloqueos">
  <thead><tr><th scope="col">Usuario</th><th scope="col">Nombre</th><th scope="col">Intentos fallidos</th><th scope="col">Bloqueado hasta</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#BLOQUEO}}<tr><td data-k="bloqueado">{{LOGIN}}</td><td>{{NOMBRE}}</td><td>{{FALLOS}}</td><td>{{HASTA}}</td><td>
    <form method="post" action="/admin/bloqueos/desbloquear" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="login" value="{{LOGIN}}"><button type="submit" class="button small">Desbloquear</button></form>
  </td></tr>{{/BLOQUEO}}
  </tbody>
</table>
</div>
<p><a class="button" href="/admin">Volver</a></p>
