{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>Iniciar sesión</h1>
  {{#FAIL}}<p class="alert" role="alert">{{TEXT}}</p>{{/FAIL}}
  {{#BYE}}<p class="exito" role="status">Su sesión se cerró.</p>{{/BYE}}
  {{#CLAVE}}<p class="exito" role="status" data-k="clave">Su contraseña fue asignada. Ingrese con su usuario y la nueva contraseña.</p>{{/CLAVE}}
  <form method="post" action="/login" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_usuario}}
    {{>F_clave}}
    <button type="submit" class="button primary">Ingresar</button>
  </form>
  <ul class="links">
    <li><a href="/clave/olvido">¿Olvidó su contraseña?</a></li>
    <li><a href="/registro">Registrar usuario</a></li>
  </ul>
</section>
