{{%AUTOESCAPE context="HTML"}}
<h1>Direccionamientos</h1>
<p>Busque por fecha, por número de prescripción o por paciente. <strong>La fecha es la del direccionamiento de la línea</strong> (para una entrega ámbito, sin direccionamiento, la de la entrega), en hora de Colombia.</p>
{{#ERRORES}}<div class="alert" role="alert" tabindex="-1" data-resumen><p data-k="errores">Revise el campo marcado.</p>{{>RESUMEN}}</div>{{/ERRORES}}
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
  <p class="hint">Cada línea muestra su estado y las acciones que siguen; el detalle (tecnología, cantidad, fecha máxima de entrega y el estado de cada paso) se abre con «Detalle de la línea».</p>
  <ol class="lineas" data-k="lineas">
    {{#LINEA}}<li class="linea" data-id="{{ID}}">
      <div class="linea-titulo">
        <h3 id="linea-{{ID}}">Prescripción <span class="ident" data-k="prescripcion">{{PRESCRIPCION}}</span></h3>
        <p class="muted">Entrega <span data-k="noentrega">{{NOENTREGA}}</span> · Línea <span data-k="id">{{ID}}</span>{{#AMBITO}} · <span data-k="ambito">(entrega ámbito)</span>{{/AMBITO}}</p>
      </div>
      <dl class="linea-datos">
        <div><dt>Paciente</dt><dd><span data-k="tipodoc">{{TIPODOC}}</span> <span class="ident" data-k="numdoc">{{NUMDOC}}</span></dd></div>
        <div><dt>Fecha</dt><dd data-k="fecha">{{FECHA}}</dd></div>
        <div><dt>Estado</dt><dd class="estado-linea" data-k="estado">{{ESTADO}}</dd></div>
      </dl>
      <div class="linea-acciones">{{#ACCIONES}}<ul class="acciones-linea" aria-label="Acciones de la línea {{ID}}">
        {{#ACCION}}<li><a class="button small{{#ANULAR}} danger{{/ANULAR}}" href="{{HREF}}" data-k="accion" data-accion="{{K}}">{{TEXTO}}</a></li>
        {{/ACCION}}</ul>{{/ACCIONES}}{{#SIN_ACCIONES}}<p class="muted" data-k="sin-acciones">{{TEXTO}}</p>{{/SIN_ACCIONES}}</div>
      <details class="linea-detalle">
        <summary>Detalle de la línea<span class="visually-hidden"> {{ID}}</span></summary>
        <dl class="data">
          <dt>Tecnología</dt><dd><span data-k="tipotec">{{TIPOTEC}}</span> <span data-k="contec">{{CONTEC}}</span> <span class="ident" data-k="codsertec">{{CODSERTEC}}</span></dd>
          <dt>Cantidad direccionada</dt><dd data-k="cantidad">{{CANTIDAD}}</dd>
          <dt>Fecha máxima de entrega</dt><dd data-k="fecmaxent">{{FECMAXENT}}</dd>
          {{#PASO}}<dt>{{NOMBRE}}</dt><dd><span data-k="est-{{K}}" data-paso="{{IDPASO}}">{{EST}}</span>{{#CON_ID}} <span class="muted">({{IDNOMBRE}} <span class="ident">{{IDPASO}}</span>)</span>{{/CON_ID}}</dd>
          {{/PASO}}        </dl>
      </details>
    </li>
    {{/LINEA}}</ol>{{/TABLA}}
</section>{{/RESULTADO}}
