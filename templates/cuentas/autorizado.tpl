{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
{{#ALERT}}<p class="alert" role="alert" data-k="alerta">{{TEXT}}</p>{{/ALERT}}
{{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>Revise {{COUNT}} campo(s) marcados: no se ha guardado ningún cambio.</p>{{>RESUMEN}}</div>{{/ERRORS}}
<form method="post" action="{{ACTION}}" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#FIJO}}
  <dl class="datos">
    <div><dt>Tipo de documento</dt><dd data-k="tipo_doc">{{TIPO}}</dd></div>
    <div><dt>Número de identificación</dt><dd data-k="num_doc">{{NUM}}</dd></div>
    <div><dt>Rol autorizado</dt><dd data-k="rol">{{ROL}}</dd></div>
    <div><dt>Estado</dt><dd data-k="estado">{{ESTADO}}</dd></div>
  </dl>
  {{/FIJO}}
  <fieldset>
    <legend>Datos de la persona</legend>
    {{>F_tipo_doc}}
    {{>F_num_doc}}
    {{#PERSONA_FIJA}}
    <p class="hint">Esta persona ya tiene cuenta en el portal o está autorizada por otra entidad: sus datos personales los actualiza ella misma.</p>
    <dl class="datos">
      <div><dt>Primer nombre</dt><dd data-k="primer_nombre">{{PN}}</dd></div>
      <div><dt>Segundo nombre</dt><dd data-k="segundo_nombre">{{SN}}</dd></div>
      <div><dt>Primer apellido</dt><dd data-k="primer_apellido">{{PA}}</dd></div>
      <div><dt>Segundo apellido</dt><dd data-k="segundo_apellido">{{SA}}</dd></div>
      <div><dt>Correo electrónico</dt><dd data-k="correo">{{CORREO}}</dd></div>
    </dl>
    {{/PERSONA_FIJA}}
    {{>F_sexo}}
    {{>F_correo}}
    {{>F_primer_nombre}}
    {{>F_segundo_nombre}}
    {{>F_primer_apellido}}
    {{>F_segundo_apellido}}
  </fieldset>
  <fieldset>
    <legend>Autorización</legend>
    {{>F_rol}}
    {{>F_perfil}}
    {{>F_sede}}
  </fieldset>
  <div class="actions">
    <button type="submit" class="button primary">Guardar</button>
    <a class="button" href="/autorizados">Cancelar</a>
  </div>
</form>
