{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>Iniciar sesión</h1>
  {{#FAIL}}<p class="alert" role="alert">{{TEXT}}</p>{{/FAIL}}
  {{#BYE}}<p class="notice" role="status">Su sesión se cerró.</p>{{/BYE}}
  <form method="post" action="/login" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_usuario}}
    {{>F_clave}}
    <button type="submit" class="button primary">Ingresar</button>
  </form>
</section>
