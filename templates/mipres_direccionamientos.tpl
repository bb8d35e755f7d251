{{%AUTOESCAPE context="HTML"}}
<h1>Direccionamientos</h1>
<p>Busque por fecha, por número de prescripción o por paciente. <strong>La fecha es la del direccionamiento de la línea</strong> (para una entrega ámbito, sin direccionamiento, la de la entrega), en hora de Colombia.</p>
{{#ERRORES}}<p class="alert" role="alert" data-k="errores">Revise el campo marcado.</p>{{/ERRORES}}
{{#E_POR}}<p class="error" id="f-por-err">{{TEXT}}</p>{{/E_POR}}
<div class="busquedas">
<form method="get" action="/mipres/direccionamientos" class="card" novalidate data-k="por-fecha">
  <h2>Por fecha</h2>
  <input type="hidden" name="por" value="fecha">
  <div class="field{{#E_FECHA}} invalid{{/E_FECHA}}">
    <label for="f-fecha">Fecha del direccionamiento</label>
    <input type="date" id="f-fecha" name="fecha" value="{{FECHA}}" aria-describedby="f-fecha-err"{{#E_FECHA}} aria-invalid="true"{{/E_FECHA}}>
    {{#E_FECHA}}<p class="error" id="f-fecha-err">{{TEXT}}</p>{{/E_FECHA}}
  </div>
  <div class="actions"><button type="submit" class="button primary">Buscar</button></div>
</form>
<form method="get" action="/mipres/direccionamientos" class="card" novalidate data-k="por-prescripcion">
  <h2>Por número de prescripción</h2>
  <input type="hidden" name="por" value="prescripcion">
  <div class="field{{#E_PRESCRIPCION}} invalid{{/E_PRESCRIPCION}}">
    <label for="f-prescripcion">Número de prescripción</label>
    <input type="text" inputmode="numeric" id="f-prescripcion" name="prescripcion" value="{{PRESCRIPCION}}" maxlength="20" aria-describedby="f-prescripcion-err"{{#E_PRESCRIPCION}} aria-invalid="true"{{/E_PRESCRIPCION}}>
    {{#E_PRESCRIPCION}}<p class="error" id="f-prescripcion-err">{{TEXT}}</p>{{/E_PRESCRIPCION}}
  </div>
  <div class="actions"><button type="submit" class="button primary">Buscar</button></div>
</form>
<form method="get" action="/mipres/direccionamientos" class="card" novalidate data-k="por-paciente">
  <h2>Por paciente</h2>
  <input type="hidden" name="por" value="paciente">
  <div class="field{{#E_TIPODOC}} invalid{{/E_TIPODOC}}">
    <label for="f-tipodoc">Tipo de documento</label>
    <select id="f-tipodoc" name="tipodoc" aria-describedby="f-tipodoc-err"{{#E_TIPODOC}} aria-invalid="true"{{/E_TIPODOC}}><option value="">Seleccione…</option>{{#TIPODOC}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/TIPODOC}}</select>
    {{#E_TIPODOC}}<p class="error" id="f-tipodoc-err">{{TEXT}}</p>{{/E_TIPODOC}}
  </div>
  <div class="field{{#E_NUMDOC}} invalid{{/E_NUMDOC}}">
    <label for="f-numdoc">Número de documento</label>
    <input type="text" id="f-numdoc" name="numdoc" value="{{NUMDOC}}" maxlength="20" aria-describedby="f-numdoc-err"{{#E_NUMDOC}} aria-invalid="true"{{/E_NUMDOC}}>
    {{#E_NUMDOC}}<p class="error" id="f-numdoc-err">{{TEXT}}</p>{{/E_NUMDOC}}
  </div>
  <div class="field{{#E_PFECHA}} invalid{{/E_PFECHA}}">
    <label for="f-pfecha">Fecha del direccionamiento</label>
    <input type="date" id="f-pfecha" name="fecha" value="{{PFECHA}}" aria-describedby="f-pfecha-err"{{#E_PFECHA}} aria-invalid="true"{{/E_PFECHA}}>
    {{#E_PFECHA}}<p class="error" id="f-pfecha-err">{{TEXT}}</p>{{/E_PFECHA}}
  </div>
  <div class="actions"><button type="submit" class="button primary">Buscar</button></div>
</form>
</div>
{{#RESULTADO}}<section class="card" aria-labelledby="resultado-titulo">
  <h2 id="resultado-titulo">Líneas {{DESCRIPCION}}: <span data-k="total">{{TOTAL}}</span></h2>
  {{#VACIO}}<p class="notice" data-k="sin-resultados">No se encontraron direccionamientos con esos datos. Revise la fecha (es la del direccionamiento), el número o el documento.</p>{{/VACIO}}
  {{#TOPE}}<p class="aviso" data-k="tope">Se muestran solo las primeras {{MAX}} líneas; afine la búsqueda para ver las demás (el CSV trae hasta {{CSV_MAX}}).</p>{{/TOPE}}
  {{#TABLA}}<p><a class="button" href="{{CSV}}" data-k="csv">Descargar CSV</a></p>
  <div class="table-wrap">
  <table data-k="lineas">
    <thead><tr><th scope="col">ID</th><th scope="col">Prescripción</th><th scope="col">Tecnología</th><th scope="col">Paciente</th><th scope="col">No. entrega</th><th scope="col">Cantidad direccionada</th><th scope="col">Fecha máxima de entrega</th><th scope="col">Fecha</th><th scope="col">Direccionamiento</th><th scope="col">Programación</th><th scope="col">Entrega</th><th scope="col">Reporte de entrega</th><th scope="col">Suministro</th><th scope="col">Acciones</th></tr></thead>
    <tbody>
    {{#LINEA}}<tr data-id="{{ID}}"><td data-k="id">{{ID}}</td><td data-k="prescripcion">{{PRESCRIPCION}}</td><td><span data-k="tipotec">{{TIPOTEC}}</span> <span data-k="contec">{{CONTEC}}</span> <span data-k="codsertec">{{CODSERTEC}}</span></td><td><span data-k="tipodoc">{{TIPODOC}}</span> <span data-k="numdoc">{{NUMDOC}}</span></td><td data-k="noentrega">{{NOENTREGA}}</td><td data-k="cantidad">{{CANTIDAD}}</td><td data-k="fecmaxent">{{FECMAXENT}}</td><td><span data-k="fecha">{{FECHA}}</span>{{#AMBITO}} <span class="hint" data-k="ambito">(entrega ámbito)</span>{{/AMBITO}}</td><td data-k="est-direccionamiento" data-paso="{{ID_D}}">{{EST_D}}</td><td data-k="est-programacion" data-paso="{{ID_P}}">{{EST_P}}</td><td data-k="est-entrega" data-paso="{{ID_E}}">{{EST_E}}</td><td data-k="est-reporte" data-paso="{{ID_R}}">{{EST_R}}</td><td data-k="est-suministro" data-paso="{{ID_S}}">{{EST_S}}</td><td class="acciones">{{#ACCION}}<a class="button small" href="{{HREF}}" data-k="accion" data-accion="{{K}}">{{TEXTO}}</a> {{/ACCION}}</td></tr>
    {{/LINEA}}</tbody>
  </table>
  </div>{{/TABLA}}
</section>{{/RESULTADO}}
