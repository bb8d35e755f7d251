{{%AUTOESCAPE context="HTML"}}
<h1>Auditoría</h1>
<p class="hint">Cada cambio, ingreso, revelación de un secreto y trámite del portal queda aquí: quién, con qué rol y entidad, cuándo (hora de Colombia), desde qué dirección y qué hizo. Las filas no guardan secretos. Las más recientes van primero.</p>
{{#ERRORES}}<p class="alert" role="alert" data-k="errores">Revise {{COUNT}} campo(s) marcados del filtro.</p>{{/ERRORES}}
{{#CSV_GRANDE}}<p class="alert" role="alert" data-k="csv-grande">La exportación CSV llega hasta 100.000 filas y este filtro tiene {{TOTAL}}: acótelo (fechas, persona, entidad o acción) y vuelva a descargar.</p>{{/CSV_GRANDE}}
<form method="get" action="/admin/auditoria" class="card" novalidate data-k="filtro">
  <div class="field{{#ERR_PERSONA}} invalid{{/ERR_PERSONA}}">
    <label for="f-persona">Persona (usuario con que ingresa)</label>
    <input type="text" id="f-persona" name="persona" value="{{PERSONA}}" autocomplete="off" aria-describedby="f-persona-err"{{#ERR_PERSONA}} aria-invalid="true"{{/ERR_PERSONA}}>
    {{#ERR_PERSONA}}<p class="error" id="f-persona-err">{{TEXT}}</p>{{/ERR_PERSONA}}
  </div>
  <div class="field{{#ERR_NIT}} invalid{{/ERR_NIT}}">
    <label for="f-nit">NIT de la entidad (9 dígitos, sin dígito de verificación)</label>
    <input type="text" id="f-nit" name="nit" value="{{NIT}}" inputmode="numeric" autocomplete="off" aria-describedby="f-nit-err"{{#ERR_NIT}} aria-invalid="true"{{/ERR_NIT}}>
    {{#ERR_NIT}}<p class="error" id="f-nit-err">{{TEXT}}</p>{{/ERR_NIT}}
  </div>
  <div class="field{{#ERR_ACCION}} invalid{{/ERR_ACCION}}">
    <label for="f-accion">Acción</label>
    <select id="f-accion" name="accion" aria-describedby="f-accion-err"{{#ERR_ACCION}} aria-invalid="true"{{/ERR_ACCION}}><option value="">Todas</option>{{#ACCION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/ACCION}}</select>
    {{#ERR_ACCION}}<p class="error" id="f-accion-err">{{TEXT}}</p>{{/ERR_ACCION}}
  </div>
  <div class="field{{#ERR_DESDE}} invalid{{/ERR_DESDE}}">
    <label for="f-desde">Desde (día)</label>
    <input type="date" id="f-desde" name="desde" value="{{DESDE}}" aria-describedby="f-desde-err"{{#ERR_DESDE}} aria-invalid="true"{{/ERR_DESDE}}>
    {{#ERR_DESDE}}<p class="error" id="f-desde-err">{{TEXT}}</p>{{/ERR_DESDE}}
  </div>
  <div class="field{{#ERR_HASTA}} invalid{{/ERR_HASTA}}">
    <label for="f-hasta">Hasta (día, incluido)</label>
    <input type="date" id="f-hasta" name="hasta" value="{{HASTA}}" aria-describedby="f-hasta-err"{{#ERR_HASTA}} aria-invalid="true"{{/ERR_HASTA}}>
    {{#ERR_HASTA}}<p class="error" id="f-hasta-err">{{TEXT}}</p>{{/ERR_HASTA}}
  </div>
  <div class="actions"><button type="submit" class="button primary">Filtrar</button> <a class="button" href="/admin/auditoria">Quitar filtros</a></div>
</form>
<p class="muted" data-k="total">{{TOTAL}} registro(s)</p>
{{#CSV}}<p><a class="button" href="{{HREF}}" data-k="csv">Descargar CSV</a></p>{{/CSV}}
{{#SIN_CSV}}<p class="notice" data-k="sin-csv">Para descargar en CSV, acote el filtro a 100.000 filas o menos.</p>{{/SIN_CSV}}
{{#VACIA}}<p class="notice" data-k="vacia">No hay registros con este filtro.</p>{{/VACIA}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Registros de auditoría">
<table class="auditoria" data-k="filas" aria-label="Registros de auditoría, del más reciente al más antiguo">
  <thead><tr><th scope="col">N.º</th><th scope="col">Fecha y hora</th><th scope="col">Usuario</th><th scope="col">Rol</th><th scope="col">Entidad</th><th scope="col">Dirección IP</th><th scope="col">Acción</th><th scope="col">Detalle</th></tr></thead>
  <tbody>
  {{#FILA}}<tr data-id="{{ID}}"><td>{{ID}}</td><td data-k="fecha">{{FECHA}}</td><td data-k="login">{{LOGIN}}</td><td data-k="rol">{{ROL}}</td><td data-k="entidad">{{ENTIDAD}}</td><td data-k="ip">{{IP}}</td><td data-k="accion">{{ACCION}}</td><td data-k="detalle">{{DETALLE}}</td></tr>
  {{/FILA}}
  </tbody>
</table>
</div>
{{#PAGINAS}}
<nav class="pager" aria-label="Páginas">
  {{#ANTERIOR}}<a href="{{HREF}}" rel="prev">Anterior</a>{{/ANTERIOR}}
  <span aria-current="page" data-k="pagina">Página {{N}} de {{DE}}</span>
  {{#SIGUIENTE}}<a href="{{HREF}}" rel="next">Siguiente</a>{{/SIGUIENTE}}
</nav>
{{/PAGINAS}}
<p><a class="button" href="/admin">Volver</a></p>
