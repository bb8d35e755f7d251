{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  {{#INVALIDO}}
  <h1>Enlace no válido</h1>
  <p class="alert" role="alert" data-k="invalido">{{TEXT}}</p>
  <p>Puede pedir un enlace nuevo: le llegará al correo registrado.</p>
  <p><a class="button primary" href="/clave/olvido">Pedir un enlace nuevo</a> <a class="button" href="/login">Iniciar sesión</a></p>
  {{/INVALIDO}}
  {{#FORM}}
  <h1>Asignar contraseña</h1>
  <p>Usuario: <strong data-k="login">{{LOGIN}}</strong></p>
  {{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>Revise {{COUNT}} campo(s) marcados: la contraseña no se ha cambiado.</p>{{>RESUMEN}}</div>{{/ERRORS}}
  <form method="post" action="/clave/{{TOKEN}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_nueva}}
    {{>F_confirmar}}
    <button type="submit" class="button primary">Guardar contraseña</button>
  </form>
  {{/FORM}}
</section>
