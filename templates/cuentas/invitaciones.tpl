{{%AUTOESCAPE context="HTML"}}
<h1>Invitaciones pendientes</h1>
{{#OK}}<p class="exito" role="status" data-k="ok">{{TEXT}}</p>{{/OK}}
{{#SIN_ROL}}<p class="notice" data-k="sin-rol">Su usuario no tiene roles activos en el portal. Para trabajar con el rol al que lo invitaron, acepte la invitación desde el enlace que le llegó por correo electrónico.</p>{{/SIN_ROL}}
{{#VACIA}}<p data-k="vacia">No tiene invitaciones pendientes.</p>{{/VACIA}}
{{#LISTA}}<p>Para aceptar o rechazar una invitación, abra el enlace que le llegó por correo electrónico con este usuario (vence a los 7 días). Si lo perdió o venció, pida a la entidad que lo invite de nuevo.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Invitaciones pendientes">
<table class="invitaciones">
  <thead><tr><th scope="col">Entidad</th><th scope="col">NIT</th><th scope="col">Rol</th><th scope="col">Perfil</th><th scope="col">Sede</th><th scope="col">Vence</th></tr></thead>
  <tbody>
  {{#FILA}}<tr><td data-k="entidad">{{ENTIDAD}}</td><td data-k="nit">{{NIT}}</td><td data-k="rol">{{ROL}}</td><td>{{PERFIL}}</td><td>{{SEDE}}</td><td>{{VENCE}}</td></tr>
  {{/FILA}}
  </tbody>
</table>
</div>{{/LISTA}}
