{{%AUTOESCAPE context="HTML"}}
<h1>Términos y condiciones</h1>
{{#DECLINADO}}<p class="aviso" role="status" data-k="declinado">Usted no aceptó los términos y condiciones: la administración de servicios web permanece cerrada. Puede leerlos de nuevo y aceptarlos cuando lo decida.</p>{{/DECLINADO}}
{{#ACEPTADO}}<p class="notice" role="status" data-k="aceptado">Usted ya aceptó esta versión de los términos. <a href="/sat">Ir a Servicios web SAT</a>.</p>{{/ACEPTADO}}
<section class="card terminos" data-k="terminos">
  <h2>Uso de los servicios web del Sistema de Afiliación Transaccional</h2>
  <p class="hint">Versión <span data-k="version">{{VERSION}}</span></p>
  <ol>
    <li>Los servicios web y las credenciales que el Ministerio de Salud y Protección Social habilita para su entidad son para el intercambio de información de afiliación de la propia entidad; no pueden cederse ni usarse para otros fines.</li>
    <li>La entidad es responsable de custodiar sus contraseñas, Client ID y secretos, de cambiarlos cuando sospeche que se conocieron, y de avisar al Ministerio de inmediato ante cualquier incidente de seguridad.</li>
    <li>Los servicios que la entidad comparte con el Ministerio deben publicarse por HTTPS con un certificado válido, y las credenciales OAuth 2.0 registradas deben corresponder a un usuario técnico de uso exclusivo del Ministerio.</li>
    <li>El Ministerio puede suspender el acceso de la entidad cuando detecte un uso indebido o un riesgo para la seguridad de la información.</li>
  </ol>
  <h2>Política de tratamiento y retención de datos</h2>
  <ol>
    <li>Los datos personales que se intercambian se tratan conforme a la Ley 1581 de 2012, el Decreto 1377 de 2013 (compilado en el Decreto 1074 de 2015) y la política de tratamiento de datos del Ministerio, solo para las finalidades del Sistema de Afiliación Transaccional.</li>
    <li>El portal registra su aceptación (usuario, fecha y hora, dirección IP y versión de este texto) y las acciones que usted realice; esos registros se conservan como evidencia de auditoría.</li>
    <li>Las contraseñas y secretos se guardan cifrados y no se muestran de nuevo; la información de los servicios se conserva mientras la entidad tenga el módulo activo y, después, durante el tiempo que exijan las normas de archivo.</li>
    <li>Usted puede conocer, actualizar y rectificar sus datos personales a través de los canales de atención del Ministerio.</li>
  </ol>
</section>
<form method="post" action="/sat/terminos" class="card">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <p>¿Acepta los términos y condiciones y la política de tratamiento y retención de datos?</p>
  <div class="actions">
    <button type="submit" name="decision" value="acepto" class="button primary">Acepto</button>
    <button type="submit" name="decision" value="no_acepto" class="button">No acepto</button>
  </div>
</form>
