{{%AUTOESCAPE context="HTML"}}
<h1>Verificación en dos pasos</h1>
<p>Usuarios con la verificación en dos pasos activa. Restablézcala solo a quien perdió su teléfono y sus códigos de recuperación, después de confirmar su identidad por otro medio: sus sesiones se cierran, se le avisa por correo y al ingresar de nuevo la activará otra vez. Cada restablecimiento queda registrado.</p>
{{#OK}}<p class="exito" role="status" data-k="ok">La verificación en dos pasos del usuario fue restablecida.</p>{{/OK}}
{{#VACIA}}<p data-k="vacia">Ningún usuario tiene activa la verificación en dos pasos.</p>{{/VACIA}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Usuarios con la verificación en dos pasos activa">
<table class="cola" data-k="usuarios">
  <thead><tr><th scope="col">Usuario</th><th scope="col">Primer nombre</th><th scope="col">Segundo nombre</th><th scope="col">Primer apellido</th><th scope="col">Segundo apellido</th><th scope="col">Activa desde</th><th scope="col">Códigos de recuperación sin usar</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#USUARIO}}<tr><td data-k="login">{{LOGIN}}</td><td data-k="primer_nombre">{{PN}}</td><td data-k="segundo_nombre">{{SN}}</td><td data-k="primer_apellido">{{PA}}</td><td data-k="segundo_apellido">{{SA}}</td><td>{{DESDE}}</td><td>{{RESTANTES}}</td><td>
    <form method="post" action="/admin/dos-pasos/{{ID}}/restablecer" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button">Restablecer</button>
    </form></td></tr>
  {{/USUARIO}}
  </tbody>
</table>
</div>
