{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>Verificación en dos pasos</h1>
  <p>Su contraseña es correcta. Para terminar de ingresar escriba el código de 6 dígitos que muestra ahora su aplicación de autenticación.</p>
  {{#FAIL}}<p class="alert" role="alert">{{TEXT}}</p>{{/FAIL}}
  <form method="post" action="/login/codigo" novalidate data-k="segundo-paso">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_codigo}}
    <button type="submit" class="button primary">Verificar</button>
  </form>
  <form method="post" action="/logout" class="inline">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="link">Cancelar y cerrar sesión</button>
  </form>
</section>
