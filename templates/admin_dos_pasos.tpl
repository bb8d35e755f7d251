{{%AUTOESCAPE context="HTML"}}
<h1>Verificación en dos pasos</h1>
<p>Usuarios con la verificación en dos pasos activa. Restablézcala solo a quien perdió su teléfono y sus códigos de recuperación, después de confirmar su identidad por otro medio: sus sesiones se cierran, se le avisa por correo y al ingresar de nuevo la activará otra vez. Cada restablecimiento queda registrado.</p>
{{#OK}}<p class="exito" role="status" data-k="ok">La verificación en dos pasos del usuario fue restablecida.</p>{{/OK}}
{{#VACIA}}<p data-k="vacia">Ningún usuario tiene activa la verificación en dos pasos.</p>{{/VACIA}}
<table class="cola" data-k="usuarios">
  <thead><tr><th>Usuario</th><th>Nombre</th><th>Activa desde</th><th>Códigos de recuperación sin usar</th><th>Acción</th></tr></thead>
  <tbody>
  {{#USUARIO}}<tr><td data-k="login">{{LOGIN}}</td><td>{{NOMBRE}}</td><td>{{DESDE}}</td><td>{{RESTANTES}}</td><td>
    <form method="post" action="/admin/dos-pasos/{{ID}}/restablecer" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button">Restablecer</button>
    </form></td></tr>
  {{/USUARIO}}
  </tbody>
</table>
