{{%AUTOESCAPE context="HTML"}}
<section class="card doc" data-k="documentacion">
  <h2>Documentación del servicio</h2>
  {{#SIN_DOC}}<p class="muted" data-k="sin-doc">El Ministerio no ha publicado la documentación de este servicio.</p>{{/SIN_DOC}}
  {{#DOC}}
  <p><strong data-k="doc-titulo">{{TITULO}}</strong> · versión {{VERSION_API}} · <span class="muted">OpenAPI {{VERSION}}</span></p>
  {{#DESC}}<p class="pre" data-k="doc-desc">{{TEXT:pre_escape}}</p>{{/DESC}}
  {{#INCOMPLETO}}<p class="hint" data-k="doc-incompleta">El documento es demasiado extenso para mostrarlo completo: se muestran las primeras {{N}} operaciones, algunas quizá sin todos sus campos.</p>{{/INCOMPLETO}}
  {{#OP}}
  <article class="op" data-k="operacion">
    <h3><span class="metodo" data-k="op-metodo">{{METODO}}</span> <code data-k="op-ruta">{{RUTA}}</code></h3>
    {{#RESUMEN}}<p data-k="op-resumen"><strong>{{TEXT}}</strong></p>{{/RESUMEN}}
    {{#DESC}}<p class="pre" data-k="op-desc">{{TEXT:pre_escape}}</p>{{/DESC}}
    {{#OPID}}<p class="muted">Operación: <code>{{TEXT}}</code></p>{{/OPID}}
    {{#PARAMS}}
    <h4>Parámetros</h4>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Parámetros"><table data-k="parametros">
      <thead><tr><th scope="col">Nombre</th><th scope="col">Ubicación</th><th scope="col">Requerido</th><th scope="col">Tipo</th><th scope="col">Descripción</th></tr></thead>
      <tbody>{{#PARAM}}<tr data-k="param"><td><code>{{NOMBRE}}</code></td><td>{{EN}}</td><td>{{REQ}}</td><td>{{TIPO}}</td><td class="pre">{{DESC:pre_escape}}</td></tr>{{/PARAM}}</tbody>
    </table></div>
    {{/PARAMS}}
    {{#CUERPO}}
    <h4>Cuerpo de la petición{{#REQUERIDO}} (requerido){{/REQUERIDO}}</h4>
    {{>ESQUEMA}}
    {{/CUERPO}}
    <h4>Respuestas</h4>
    {{#SIN_RESP}}<p class="muted">El documento no describe respuestas.</p>{{/SIN_RESP}}
    {{#RESP}}
    <div class="resp" data-k="respuesta">
      <p><strong data-k="resp-codigo">{{CODIGO}}</strong> {{DESC}}</p>
      {{>ESQUEMA}}
    </div>
    {{/RESP}}
  </article>
  {{/OP}}
  {{/DOC}}
</section>
