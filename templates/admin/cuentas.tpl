{{%AUTOESCAPE context="HTML"}}
<h1>Cuentas pendientes de aprobación</h1>
<p>Funcionarios que se registraron como «Otro usuario». Su cuenta funciona solo cuando usted les asigna el rol de funcionario MSPS.</p>
{{#OK}}<p class="exito" role="status" data-k="ok">{{TEXT}}</p>{{/OK}}
{{#VACIA}}<p data-k="vacia">No hay cuentas pendientes.</p>{{/VACIA}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Cuentas pendientes">
<table class="cuentas">
  <thead><tr><th scope="col">Usuario</th><th scope="col">Primer nombre</th><th scope="col">Segundo nombre</th><th scope="col">Primer apellido</th><th scope="col">Segundo apellido</th><th scope="col">Documento</th><th scope="col">Correo</th><th scope="col">Registrada</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#CUENTA}}<tr data-k="cuenta-{{ID}}"><td>{{LOGIN}}</td><td data-k="primer_nombre">{{PN}}</td><td data-k="segundo_nombre">{{SN}}</td><td data-k="primer_apellido">{{PA}}</td><td data-k="segundo_apellido">{{SA}}</td><td>{{DOCUMENTO}}</td><td>{{CORREO}}</td><td>{{FECHA}}</td><td>
    <form method="post" action="/admin/cuentas/{{ID}}/aprobar" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="button small primary">Asignar rol</button></form>
    <form method="post" action="/admin/cuentas/{{ID}}/rechazar" class="inline" data-confirm="¿Rechazar la cuenta {{LOGIN}}?"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="button small danger">Rechazar</button></form>
  </td></tr>{{/CUENTA}}
  </tbody>
</table>
</div>
<p><a class="button" href="/admin">Volver</a></p>
