{{%AUTOESCAPE context="HTML"}}
<h1>Paso 1: Solicitud de llaves</h1>
{{#BLOQUEADA}}<p class="alert" role="alert">{{WHY}}</p><p><a class="button" href="/ihce">Volver</a></p>{{/BLOQUEADA}}
{{#FORM}}
{{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p>Revise {{COUNT}} campo(s) marcados: la solicitud no se ha enviado.</p>{{>RESUMEN}}</div>{{/ERRORS}}
<form method="post" action="/ihce/solicitud" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <fieldset>
    <legend>Sistema de información</legend>
    {{>F_proveedor_tec}}
    {{>F_software}}
  </fieldset>
  <fieldset>
    <legend>Líder técnico</legend>
    {{>F_lider_nombre}}
    {{>F_lider_correo}}
    {{>F_lider_tel}}
  </fieldset>
  <fieldset>
    <legend>Responsable de protección de datos</legend>
    {{>F_resp_nombre}}
    {{>F_resp_correo}}
    {{>F_resp_tel}}
  </fieldset>
  <fieldset>
    <legend>Términos y condiciones para la solicitud de llaves</legend>
    <div class="terms" tabindex="0">
      <p>La entidad solicitante se compromete a usar las llaves de interoperabilidad (Client ID y Client Secret) que asigne el Ministerio de Salud y Protección Social exclusivamente para el intercambio de la información de la Historia Clínica Electrónica Interoperable (IHCE) en los términos de la Ley 2015 de 2020 y sus reglamentos.</p>
      <p>Las llaves son personales e intransferibles de la entidad: no deben compartirse con terceros distintos de su proveedor tecnológico, ni publicarse en repositorios de código, correos o documentos. La entidad debe custodiarlas con medidas de seguridad razonables y solicitar su reemplazo (Resolicitud token) ante cualquier sospecha de exposición.</p>
      <p>El Ministerio podrá revocar las llaves cuando verifique un uso indebido, y cada consulta y revelación de llaves en este portal queda registrada con fecha, hora y dirección de origen.</p>
    </div>
    {{>F_acepta_terminos}}
  </fieldset>
  <fieldset>
    <legend>Autorización de tratamiento de datos personales</legend>
    <div class="terms" tabindex="0">
      <p>En cumplimiento de la Ley 1581 de 2012 y el Decreto 1377 de 2013, autorizo al Ministerio de Salud y Protección Social a tratar los datos personales registrados en este formulario (nombres, correos y teléfonos del líder técnico y del responsable de protección de datos) con la finalidad de gestionar la solicitud de llaves, comunicar novedades sobre su asignación y atender incidentes de seguridad.</p>
      <p>Como titular puede conocer, actualizar, rectificar y suprimir sus datos, y revocar esta autorización, mediante los canales de atención del Ministerio. La aceptación se registra con la fecha, la hora y la dirección desde la que se envía.</p>
    </div>
    {{>F_autoriza_datos}}
  </fieldset>
  <div class="actions">
    <button type="submit" class="button primary">Enviar solicitud</button>
    <a class="button" href="/ihce">Cancelar</a>
  </div>
</form>
{{/FORM}}
