{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>¿Olvidó su contraseña?</h1>
  {{#ENVIADO}}<p class="exito" role="status" data-k="enviado">Si el usuario y el correo corresponden a una cuenta del portal, enviamos a ese correo un enlace para asignar una nueva contraseña. El enlace sirve una sola vez y durante 24 horas; si no llega en unos minutos, revise la carpeta de correo no deseado.</p>{{/ENVIADO}}
  {{#FAIL}}<p class="alert" role="alert">{{TEXT}}</p>{{/FAIL}}
  {{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>Revise {{COUNT}} campo(s) marcados.</p>{{>RESUMEN}}</div>{{/ERRORS}}
  <p>Escriba su usuario y el correo con el que se registró; le enviaremos un enlace para asignar una nueva contraseña.</p>
  <form method="post" action="/clave/olvido" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_usuario}}
    {{>F_correo}}
    <button type="submit" class="button primary">Enviar enlace</button>
  </form>
  <ul class="links">
    <li><a href="/login">Volver a iniciar sesión</a></li>
    <li><a href="/usuario/olvido">¿Olvidó su usuario?</a></li>
  </ul>
</section>
