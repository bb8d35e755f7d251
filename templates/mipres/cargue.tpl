{{%AUTOESCAPE context="HTML"}}
<h1>Cargue masivo</h1>
<p>Registre de una vez muchas entregas o reportes de entrega con un archivo CSV o JSON. Cada fila se valida y se registra por separado, con las mismas reglas del servicio web: una fila con errores no impide registrar las demás. Cargar otra vez el mismo archivo no duplica registros: las filas ya registradas se muestran como «Ya registrada».</p>
{{#RESULTADO}}<section class="card" aria-labelledby="resultado-titulo">
  <h2 id="resultado-titulo">Resultado del cargue</h2>
  <p>Archivo <strong data-k="archivo">{{ARCHIVO}}</strong> ({{TIPO}}): <span data-k="filas">{{FILAS}}</span> filas.</p>
  <div role="status" data-k="conteo"><dl class="data">
    <dt>Registradas</dt><dd data-k="aplicadas">{{APLICADAS}}</dd>
    <dt>Ya registradas antes</dt><dd data-k="repetidas">{{REPETIDAS}}</dd>
    <dt>Rechazadas</dt><dd data-k="rechazadas">{{RECHAZADAS}}</dd>
  </dl></div>
  <p class="hint">Fila: en un CSV, la línea del archivo (el encabezado es la 1, como en Excel); en un JSON, la posición del objeto en el arreglo.</p>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Resultado por fila">
  <table id="filas">
    <thead><tr><th scope="col">Fila</th><th scope="col">Resultado</th><th scope="col">ID</th><th scope="col">{{IDPASO_NOMBRE}}</th><th scope="col">Motivos</th></tr></thead>
    <tbody>
    {{#FILA}}<tr data-fila="{{NUM}}" class="{{CLASE}}"><td data-k="fila">{{NUM}}</td><td data-k="resultado">{{RESULTADO}}</td><td data-k="id">{{ID}}</td><td data-k="idpaso">{{IDPASO}}</td><td>{{#MOTIVO}}<p data-k="motivo">{{TEXTO}}</p>{{/MOTIVO}}</td></tr>
    {{/FILA}}
    </tbody>
  </table>
  </div>
</section>{{/RESULTADO}}
<form method="post" action="/mipres/cargue" enctype="multipart/form-data" class="card" novalidate>
  <h2>{{FORM_TITULO}}</h2>
  {{#ERRORES}}<div class="alert" role="alert" tabindex="-1" data-resumen><p data-k="errores">Revise los campos marcados: no se registró ninguna fila. Adjunte de nuevo el archivo corregido.</p>{{>RESUMEN}}</div>{{/ERRORES}}
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{>F_tipo}}
  <div class="field{{#ARCHIVO_ERROR}} invalid{{/ARCHIVO_ERROR}}">
    <label for="f-archivo">Archivo CSV o JSON</label>
    <p class="hint">Hasta {{MAX_KIB}} KiB (1 MiB) y {{MAX_FILAS}} filas. CSV con separador coma (,) o punto y coma (;), en UTF-8; o un arreglo JSON de objetos como los cuerpos del servicio web.</p>
    <input type="file" id="f-archivo" name="archivo" accept=".csv,.json,.txt,text/csv,application/json" aria-invalid="{{ARCHIVO_INVALIDO}}" aria-describedby="f-archivo-err">
    {{#ARCHIVO_ERROR}}<p class="error" id="f-archivo-err">{{TEXT}}</p>{{/ARCHIVO_ERROR}}
  </div>
  <div class="actions"><button type="submit" class="button primary">Cargar</button></div>
</form>
<section class="card" aria-labelledby="formato-titulo">
  <h2 id="formato-titulo">Formato del archivo</h2>
  <p>CSV: la primera fila es el encabezado con los nombres de los campos del servicio web (en cualquier orden; mayúsculas o minúsculas), y cada fila siguiente un registro. Una celda vacía es un campo sin valor. Las fechas van como AAAA-MM-DD. Campos entre comillas dobles si contienen el separador.</p>
  <p>JSON: un arreglo <code>[{…}, {…}]</code> de objetos con los mismos campos y tipos que el cuerpo de cada llamada (números o cadenas de dígitos donde el servicio los acepta).</p>
  {{#FORMATO}}<h3>{{NOMBRE}}</h3>
  <p>Columnas (<strong>*</strong> obligatoria): {{#COLUMNA}}<code>{{NOMBRE}}</code>{{#OBLIGATORIA}}<strong>*</strong>{{/OBLIGATORIA}}{{#COLUMNA_separator}}, {{/COLUMNA_separator}}{{/COLUMNA}}.</p>
  <p><a class="button small" href="/mipres/cargue/plantilla?tipo={{CLAVE}}" data-k="plantilla-{{CLAVE}}">Descargar plantilla CSV de {{NOMBRE}}</a></p>
  {{/FORMATO}}
</section>
