{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>Confirme su identidad</h1>
  <p data-k="reautenticar">Para mostrar información secreta, cambiar una contraseña o credencial, o activar la verificación en dos pasos, el portal necesita que confirme su contraseña (y el código de verificación, si lo tiene activado). Pasados 10 minutos se la volverá a pedir.</p>
  {{#VOLVER}}<p class="notice" data-k="reautenticar-volver">Al confirmar volverá al formulario. Si ya lo había llenado, escríbalo de nuevo: por seguridad, las contraseñas, secretos y códigos que haya escrito no se conservan.</p>{{/VOLVER}}
  {{#FAIL}}<p class="alert" role="alert">{{TEXT}}</p>{{/FAIL}}
  <form method="post" action="/reautenticar" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="destino" value="{{DESTINO}}">
    {{#CAMPO}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
    {{/CAMPO}}
    {{>F_clave}}
    {{>F_codigo}}
    <button type="submit" class="button primary">Confirmar y continuar</button>
  </form>
  <p><a href="/">Cancelar</a></p>
</section>
