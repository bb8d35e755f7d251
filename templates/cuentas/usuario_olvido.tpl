{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>¿Olvidó su usuario?</h1>
  {{#ENVIADO}}<p class="exito" role="status" data-k="enviado">Si el dato corresponde a una cuenta del portal, enviamos al correo electrónico registrado en esa cuenta su usuario (o sus usuarios, si tiene varios). Si no llega en unos minutos, revise la carpeta de correo no deseado; si su correo cambió, comuníquese con el delegado administrativo de su entidad o con el Ministerio.</p>{{/ENVIADO}}
  {{#ERRORS}}<p class="alert" role="alert">Revise {{COUNT}} campo(s) marcados.</p>{{/ERRORS}}
  <p>Escriba su número de documento o el correo electrónico de su cuenta: le enviaremos su usuario a ese correo. Por seguridad, esta página no muestra el usuario.</p>
  <form method="post" action="/usuario/olvido" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_dato}}
    <button type="submit" class="button primary">Enviar mi usuario</button>
  </form>
  <ul class="links">
    <li><a href="/login">Volver a iniciar sesión</a></li>
    <li><a href="/clave/olvido">¿Olvidó su contraseña?</a></li>
  </ul>
</section>
