{{%AUTOESCAPE context="HTML"}}
<h1>Asignar contraseña</h1>
{{#OK}}<p class="exito" role="status" data-k="clave-ok">La contraseña de conexión fue asignada. Úsela con el usuario {{NIT}} en los sistemas de su entidad.</p>{{/OK}}
{{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>Revise {{COUNT}} campo(s) marcados: la contraseña no se ha cambiado.</p>{{>RESUMEN}}</div>{{/ERRORS}}
<section class="card">
  <p>Usuario de conexión: <strong data-k="usuario">{{NIT}}</strong></p>
  {{#ASIGNADA}}<p data-k="clave-estado">Contraseña asignada el {{FECHA}} por {{QUIEN}}. Al guardar una nueva, la anterior deja de servir.</p>{{/ASIGNADA}}
  {{#SIN_CLAVE}}<p data-k="clave-estado">Su entidad todavía no tiene contraseña de conexión.</p>{{/SIN_CLAVE}}
  <p class="hint">Es la contraseña con la que los sistemas de su entidad consumen los servicios web del Ministerio (con el NIT como usuario y el Client ID de cada servicio). Al menos 12 caracteres; no use una contraseña común ni el NIT de la entidad.</p>
  <form method="post" action="/sat/clave" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_nueva}}
    {{>F_confirmacion}}
    <div class="actions"><button type="submit" class="button primary">Guardar contraseña</button> <a class="button" href="/sat">Cancelar</a></div>
  </form>
</section>
