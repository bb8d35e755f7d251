{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>Cambiar contraseña</h1>
  {{#OK}}<p class="exito" role="status" data-k="ok">Su contraseña fue cambiada. Las demás sesiones abiertas con su usuario se cerraron.</p>{{/OK}}
  {{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>Revise {{COUNT}} campo(s) marcados: la contraseña no se ha cambiado.</p>{{>RESUMEN}}</div>{{/ERRORS}}
  <form method="post" action="/cuenta/clave" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_actual}}
    {{>F_nueva}}
    {{>F_confirmar}}
    <button type="submit" class="button primary">Cambiar contraseña</button>
  </form>
</section>
