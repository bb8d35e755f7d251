{{%AUTOESCAPE context="HTML"}}
<h1>MIPRES Suministro</h1>
{{#CONSULTA}}<p class="aviso" role="status" data-k="solo-consulta">Su perfil es de consulta: puede ver los direccionamientos de su entidad y descargarlos, pero no registrar ni anular. Si necesita hacerlo, pida al delegado administrativo de su entidad que le cambie el perfil.</p>{{/CONSULTA}}
<section class="card">
  <h2>Direccionamientos</h2>
  {{#PROVEEDOR}}<p>Consulte los direccionamientos que las EPS hicieron a su entidad, por fecha, por número de prescripción o por paciente, con el estado de cada paso{{#ESCRIBE}}; desde cada línea programe, entregue, reporte la entrega o anule{{/ESCRIBE}}.</p>{{/PROVEEDOR}}
  {{#EPS}}<p>Consulte los direccionamientos de su EPS, por fecha, por número de prescripción o por paciente, con el estado de cada paso; desde cada línea registre el suministro o anule.</p>{{/EPS}}
  <div class="actions">
    <a class="button primary" href="/mipres/direccionamientos" data-k="enlace-direccionamientos">Direccionamientos</a>
    {{#EPS}}<a class="button" href="/mipres/direccionar" data-k="enlace-direccionar">Nuevo direccionamiento</a>
    <a class="button" href="/mipres/nodireccionar" data-k="enlace-nodireccionar">No direccionamiento</a>{{/EPS}}
  </div>
</section>
{{#PROVEEDOR}}{{#ESCRIBE}}<section class="card">
  <h2>Entregas sin direccionamiento y cargues</h2>
  <p>Registre una entrega en el ámbito de urgencias u hospitalario, o cargue un archivo con varias entregas o reportes de entrega.</p>
  <div class="actions">
    <a class="button" href="/mipres/ambito" data-k="enlace-ambito">Entrega ámbito</a>
    <a class="button" href="/mipres/cargue" data-k="enlace-cargue">Cargue masivo</a>
  </div>
</section>{{/ESCRIBE}}{{/PROVEEDOR}}
{{#ESCRIBE}}<section class="card">
  <h2>Servicio web</h2>
  <p>Los programas de su entidad usan el token de usuario para llamar al servicio web de MIPRES Suministro.</p>
  <div class="actions"><a class="button" href="/mipres/token" data-k="enlace-token">Token del servicio web</a></div>
</section>{{/ESCRIBE}}
{{#DELEGADO}}<section class="card">
  <h2>Dispensadores de su entidad</h2>
  <p>Autorice a las personas de su entidad con el rol Dispensador MIPRES, con el perfil de dispensación y reporte de entregas o solo de consulta, y retíreles la autorización cuando ya no la necesiten.</p>
  <div class="actions"><a class="button" href="/autorizados" data-k="enlace-autorizados">Administrar autorizados</a></div>
</section>{{/DELEGADO}}
