{{%AUTOESCAPE context="HTML"}}
<h1>Registrar usuario</h1>
<nav class="tabs" aria-label="Tipo de registro">
  <a href="/registro"{{#DELEGADO}} aria-current="page"{{/DELEGADO}}>Delegado administrativo de una entidad</a>
  <a href="/registro/otro"{{#OTRO}} aria-current="page"{{/OTRO}}>Otro usuario (funcionario del Ministerio)</a>
</nav>
{{#FAIL}}<p class="alert" role="alert" data-k="fail">{{TEXT}}</p>{{/FAIL}}
{{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>Revise {{COUNT}} campo(s) marcados: el registro no se ha hecho.</p>{{>RESUMEN}}</div>{{/ERRORS}}
<form method="post" action="{{ACTION}}" enctype="multipart/form-data" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#DELEGADO}}
  <p class="hint">Cada entidad tiene un delegado administrativo por módulo. Su usuario se forma con el prefijo del tipo de entidad y el NIT (por ejemplo ADMINHCEIPS892000501). Su registro queda pendiente hasta que un funcionario del Ministerio revise la carta de designación y lo apruebe.</p>
  <fieldset>
    <legend>Módulo y entidad</legend>
    {{>F_modulo}}
    {{>F_tipo_entidad}}
    <details class="formatos">
      <summary>Qué tipos de entidad se registran en cada módulo, y su usuario</summary>
      <ul data-k="formatos">
        {{#FORMATO}}<li><strong>{{MODULO}}</strong>: {{TIPO}}; usuario <code>{{PREFIJO}}</code> + NIT</li>{{/FORMATO}}
      </ul>
    </details>
    {{>F_nit}}
    {{>F_razon_social}}
  </fieldset>
  {{/DELEGADO}}
  {{#OTRO}}
  <p class="hint">Para funcionarios del Ministerio de Salud y Protección Social. Su usuario será el tipo y número de su documento (por ejemplo CC1010202030); la cuenta funcionará cuando un administrador del Ministerio le asigne el rol.</p>
  {{/OTRO}}
  <fieldset>
    <legend>Datos de la persona</legend>
    {{>F_tipo_doc}}
    {{>F_num_doc}}
    {{>F_primer_nombre}}
    {{>F_segundo_nombre}}
    {{>F_primer_apellido}}
    {{>F_segundo_apellido}}
    {{>F_correo}}
  </fieldset>
  {{#CARTA}}
  <fieldset>
    <legend>Carta de designación</legend>
    <div class="field{{#ERROR}} invalid{{/ERROR}}">
      <label for="f-carta">Carta de designación (PDF)</label>
      <p class="hint" id="f-carta-hint">La carta firmada por el representante legal de la entidad que lo designa como delegado administrativo: un PDF de hasta {{MAX_MIB}} MiB.</p>
      {{#OTRA_VEZ}}<p class="hint" data-k="carta-otra-vez">Por seguridad, el archivo no se conserva cuando el formulario vuelve: adjunte la carta de nuevo.</p>{{/OTRA_VEZ}}
      <input type="file" id="f-carta" name="carta" accept="application/pdf,.pdf" aria-invalid="{{INVALID}}" aria-describedby="f-carta-hint f-carta-err">
      {{#ERROR}}<p class="error" id="f-carta-err">{{TEXT}}</p>{{/ERROR}}
    </div>
  </fieldset>
  {{/CARTA}}
  <fieldset>
    <legend>Verificación</legend>
    {{#RETO}}
    <input type="hidden" name="reto_id" value="{{RETO_ID}}">
    <p><img class="reto" src="/registro/reto/{{RETO_ID}}" width="224" height="70" alt="Código de verificación: si no puede ver la imagen, responda la pregunta de texto que sigue."></p>
    <p class="hint" id="reto-texto">Alternativa en texto: <span data-k="pregunta">{{PREGUNTA}}</span></p>
    {{/RETO}}
    {{>F_reto}}
  </fieldset>
  <fieldset>
    <legend>Acuerdo de confidencialidad</legend>
    <div class="terms" tabindex="0">
      <p>Como usuario del Portal de Interoperabilidad del Ministerio de Salud y Protección Social me comprometo a mantener la reserva de la información a la que acceda (llaves de interoperabilidad, credenciales, datos de entidades y de personas) y a usarla solo para los fines de la función que desempeño, conforme a la Ley 1581 de 2012, la Ley 2015 de 2020 y las normas de reserva de la historia clínica.</p>
      <p>Mi usuario y mi contraseña son personales e intransferibles: no los compartiré, y avisaré al Ministerio ante cualquier sospecha de uso indebido. Entiendo que mis acciones en el portal quedan registradas con fecha, hora y dirección de origen.</p>
    </div>
    {{>F_acepta_confidencialidad}}
  </fieldset>
  <div class="actions">
    <button type="submit" class="button primary">Registrar</button>
    <a class="button" href="/login">Cancelar</a>
  </div>
</form>
