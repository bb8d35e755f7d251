{{%AUTOESCAPE context="HTML"}}
<h1>Invitación</h1>
{{#NO_VALIDA}}<p class="alert" role="alert" data-k="no-valida">Esta invitación no se puede usar: no existe, no es para el usuario con el que ingresó ({{LOGIN}}), ya fue respondida o anulada, o venció. Si la esperaba, ingrese con el usuario al que le llegó el correo, o pida a la entidad que lo invite de nuevo.</p>{{/NO_VALIDA}}
{{#INVITACION}}
{{#ERROR}}<p class="alert" role="alert" data-k="alerta">{{TEXT}}</p>{{/ERROR}}
<section class="card">
  <p>La entidad <strong data-k="entidad">{{ENTIDAD}}</strong> (NIT <span data-k="nit">{{NIT}}</span>) lo invita a trabajar en el Portal de Interoperabilidad con este rol:</p>
  <dl class="datos">
    <div><dt>Rol</dt><dd data-k="rol">{{ROL}}</dd></div>
    <div><dt>Perfil</dt><dd data-k="perfil">{{PERFIL}}</dd></div>
    <div><dt>Sede</dt><dd data-k="sede">{{SEDE}}</dd></div>
    <div><dt>Invitación de</dt><dd data-k="invito">{{INVITO}}</dd></div>
    <div><dt>Enviada</dt><dd>{{CREADA}}</dd></div>
    <div><dt>Vence</dt><dd data-k="vence">{{VENCE}}</dd></div>
  </dl>
  <p>Si acepta, la entidad verá su nombre y su correo en su lista de autorizados, y usted podrá elegir este rol en «Mi lista de roles». Si no conoce a esta entidad o no esperaba la invitación, rechácela.</p>
  <form method="post" action="/invitaciones/{{TOKEN}}" class="actions">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" name="decision" value="aceptar" class="button primary">Aceptar</button>
    <button type="submit" name="decision" value="rechazar" class="button danger">Rechazar</button>
  </form>
</section>
{{/INVITACION}}
