{{%AUTOESCAPE context="HTML"}}
<h1>Administrar autorizados</h1>
{{#OK}}<p class="exito" role="status" data-k="ok">{{TEXT}}</p>{{/OK}}
{{#ALERT}}<p class="alert" role="alert" data-k="alerta">{{TEXT}}</p>{{/ALERT}}
<p>Las personas que su entidad autoriza en el portal, con su rol, perfil y sede. Una persona tiene cada rol una sola vez; al inactivarla pierde el acceso con ese rol de inmediato.</p>
<p>Al agregar una persona con «Nuevo» le enviamos una invitación: la autorización queda activa solo cuando ella la acepta (con su propio usuario, o al crear su contraseña si aún no tenía cuenta). Hasta entonces la lista muestra «Invitación pendiente» con los datos que usted escribió.</p>
<div class="actions"><a class="button primary" href="/autorizados/nuevo">Nuevo</a></div>
<div class="table-wrap" role="region" aria-label="Personas autorizadas" tabindex="0">
<table class="autorizados">
  <thead><tr><th scope="col">Tipo de documento</th><th scope="col">Número de identificación</th><th scope="col">Primer nombre</th><th scope="col">Segundo nombre</th><th scope="col">Primer apellido</th><th scope="col">Segundo apellido</th><th scope="col">Rol</th><th scope="col">Perfil</th><th scope="col">Sede</th><th scope="col">Estado</th><th scope="col">Acciones</th></tr></thead>
  <tbody>
  {{#FILA}}<tr data-id="{{ID}}"><td data-k="tipo_doc">{{TIPO}}</td><td data-k="num_doc">{{NUM}}</td><td data-k="primer_nombre">{{PN}}</td><td data-k="segundo_nombre">{{SN}}</td><td data-k="primer_apellido">{{PA}}</td><td data-k="segundo_apellido">{{SA}}</td><td data-k="rol">{{ROL}}</td><td data-k="perfil">{{PERFIL}}</td><td data-k="sede">{{SEDE}}</td><td data-k="estado">{{ESTADO}}</td><td><div class="acciones"><a class="button small" href="/autorizados/{{ID}}">Editar</a>{{#INACTIVAR}}<form method="post" action="/autorizados/{{ID}}/inactivar" class="inline" data-confirm="¿Inactivar a esta persona? Perderá el acceso con este rol de inmediato.">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button small danger">Inactivar</button>
    </form>{{/INACTIVAR}}{{#REACTIVAR}}<form method="post" action="/autorizados/{{ID}}/reactivar" class="inline" data-confirm="¿Reactivar a esta persona? Podrá ingresar de nuevo con este rol.">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button small">Reactivar</button>
    </form>{{/REACTIVAR}}{{#ANULAR}}<form method="post" action="/autorizados/{{ID}}/inactivar" class="inline" data-confirm="¿Anular esta invitación? La persona ya no podrá aceptarla.">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button small danger">Anular invitación</button>
    </form>{{/ANULAR}}</div></td></tr>
  {{/FILA}}
  </tbody>
</table>
</div>
