{{%AUTOESCAPE context="HTML"}}
<h1>Administrar autorizados</h1>
{{#OK}}<p class="exito" role="status" data-k="ok">{{TEXT}}</p>{{/OK}}
{{#ALERT}}<p class="alert" role="alert" data-k="alerta">{{TEXT}}</p>{{/ALERT}}
<p>Las personas que su entidad autoriza en el portal, con su rol, perfil y sede. Una persona tiene cada rol una sola vez; al inactivarla pierde el acceso con ese rol de inmediato.</p>
<p>Al agregar una persona con «Nuevo» le enviamos una invitación: la autorización queda activa solo cuando ella la acepta (con su propio usuario, o al crear su contraseña si aún no tenía cuenta). Hasta entonces la lista muestra «Invitación pendiente» con los datos que usted escribió.</p>
<div class="actions"><a class="button primary" href="/autorizados/nuevo">Nuevo</a></div>
<div class="table-wrap">
<table class="autorizados">
  <thead><tr><th scope="col">Tipo de documento</th><th scope="col">Número de identificación</th><th scope="col">Primer nombre</th><th scope="col">Primer apellido</th><th scope="col">Rol</th><th scope="col">Perfil</th><th scope="col">Sede</th><th scope="col">Estado</th><th scope="col">Acciones</th></tr></thead>
  <tbody>
  {{#FILA}}<tr data-id="{{ID}}"><td>{{TIPO}}</td><td>{{NUM}}</td><td>{{NOMBRE}}</td><td>{{APELLIDO}}</td><td>{{ROL}}</td><td>{{PERFIL}}</td><td>{{SEDE}}</td><td>{{ESTADO}}</td><td class="acciones"><a class="button small" href="/autorizados/{{ID}}">Editar</a>{{#INACTIVAR}}<form method="post" action="/autorizados/{{ID}}/inactivar" class="inline" data-confirm="¿Inactivar a esta persona? Perderá el acceso con este rol de inmediato.">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button small danger">Inactivar</button>
    </form>{{/INACTIVAR}}{{#ANULAR}}<form method="post" action="/autorizados/{{ID}}/inactivar" class="inline" data-confirm="¿Anular esta invitación? La persona ya no podrá aceptarla.">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button small danger">Anular invitación</button>
    </form>{{/ANULAR}}</td></tr>
  {{/FILA}}
  </tbody>
</table>
</div>
