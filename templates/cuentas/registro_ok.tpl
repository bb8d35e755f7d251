{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>Registro satisfactorio</h1>
  <dl class="data">
    <dt>Usuario (login)</dt><dd data-k="login">{{LOGIN}}</dd>
    <dt>Documento</dt><dd data-k="documento">{{DOCUMENTO}}</dd>
    {{#ENTIDAD}}<dt>Entidad</dt><dd data-k="entidad_registrada">{{RAZON}}</dd>
    <dt>NIT</dt><dd data-k="nit_registrado">{{NIT}}</dd>
    <dt>Módulo</dt><dd data-k="modulo_registrado">{{MODULO}}</dd>{{/ENTIDAD}}
  </dl>
  <p class="exito" role="status">Enviamos a <span data-k="correo">{{CORREO}}</span> un enlace para asignar su contraseña. El enlace sirve una sola vez y durante 24 horas.</p>
  {{#NOTA}}<p data-k="nota">{{TEXT}}</p>{{/NOTA}}
  <p><a class="button primary" href="/login">Ir a iniciar sesión</a></p>
</section>
