{{%AUTOESCAPE context="HTML"}}
<section class="card" aria-labelledby="linea-titulo">
  <h2 id="linea-titulo">Direccionamiento</h2>
  <dl class="data">
    <dt>ID</dt><dd data-k="linea">{{ID}}</dd>
    <dt>Prescripción</dt><dd data-k="prescripcion">{{PRESC}}</dd>
    <dt>Tecnología</dt><dd data-k="tecnologia">{{TEC}}</dd>
    <dt>Paciente</dt><dd data-k="paciente">{{PACIENTE}}</dd>
    <dt>Número de entrega</dt><dd data-k="noentrega">{{NOENTREGA}}</dd>
    <dt>Cantidad direccionada</dt><dd data-k="cantidad">{{CANT}}</dd>
    <dt>Fecha máxima de entrega</dt><dd data-k="fecmaxent">{{FECMAX}}</dd>
    <dt>NIT del proveedor</dt><dd data-k="proveedor">{{PROV}}</dd>
  </dl>
</section>
