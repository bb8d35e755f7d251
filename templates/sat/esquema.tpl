{{%AUTOESCAPE context="HTML"}}
{{#DESC}}<p class="pre">{{TEXT:pre_escape}}</p>{{/DESC}}
{{#TIPO}}<p>Tipo: <code data-k="esquema-tipo">{{TEXT}}</code>{{#MEDIA}} · <span class="muted">{{TEXT}}</span>{{/MEDIA}}</p>{{/TIPO}}
{{#PROPS}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Campos del esquema"><table data-k="esquema">
  <thead><tr><th scope="col">Campo</th><th scope="col">Tipo</th><th scope="col">Requerido</th><th scope="col">Descripción</th></tr></thead>
  <tbody>{{#PROP}}<tr data-k="prop" class="nivel-{{NIVEL}}"><td><code>{{NOMBRE}}</code></td><td>{{TIPO}}</td><td>{{REQ}}</td><td class="pre">{{DESC:pre_escape}}</td></tr>{{/PROP}}</tbody>
</table></div>
{{#TRUNCADO}}<p class="hint">El esquema tiene más campos de los que se muestran aquí.</p>{{/TRUNCADO}}
{{/PROPS}}
{{#EJEMPLO}}<p class="muted">{{LABEL}}</p><pre class="ejemplo" data-k="ejemplo" tabindex="0">{{JSON:pre_escape}}</pre>{{/EJEMPLO}}
