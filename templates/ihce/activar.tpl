{{%AUTOESCAPE context="HTML"}}
<h1>Activar llaves</h1>
<p>Cuando el Ministerio de Salud asigna o actualiza las llaves de su entidad, envía al delegado administrativo un correo con un código de activación (como código QR y como texto). Al ingresarlo usted habilita las llaves y firma, en nombre del proveedor, la declaración de seguridad: quedan registrados su usuario, la fecha y hora, la dirección IP y el navegador.</p>
{{#SIN_PENDIENTE}}<p class="notice" data-k="sin_pendiente">Su entidad no tiene llaves esperando activación.</p>{{/SIN_PENDIENTE}}
{{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>Revise el código: las llaves no se han activado.</p>{{>RESUMEN}}</div>{{/ERRORS}}
<form method="post" action="/ihce/activar" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{>F_codigo}}
  <div class="actions"><button type="submit" class="button primary">Activar llaves</button></div>
</form>
<p><a class="button" href="/ihce/llaves">Volver</a></p>
