{{%AUTOESCAPE context="HTML"}}
<h1>{{TITULO}}</h1>
{{>TABS}}
{{#OK}}<p class="exito" role="status" data-k="ok">El servicio fue guardado.</p>{{/OK}}
{{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p data-k="errores">Revise los campos marcados: no se guardó nada.</p>{{>RESUMEN}}</div>{{/ERRORS}}
<form method="post" action="{{ACTION}}" enctype="multipart/form-data" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{>F_nombre}}
  {{>F_descripcion}}
  {{>F_tipo_entidad}}
  {{>F_estado}}
  {{>F_url_base}}
  {{>F_metodo}}
  <div class="field{{#DOC_ERROR}} invalid{{/DOC_ERROR}}">
    <label for="f-openapi">Documento OpenAPI (JSON)</label>
    <p class="hint">OpenAPI 2 (<code>"swagger": "2.0"</code>) u OpenAPI 3 (<code>"openapi": "3.x.y"</code>), con info.title, info.version y las operaciones en paths; hasta {{MAX_KIB}} KiB.{{#ACTUAL}} Deje el campo vacío para conservar el documento publicado.{{/ACTUAL}}</p>
    <input type="file" id="f-openapi" name="openapi" accept="application/json,.json" aria-invalid="{{DOC_INVALID}}" aria-describedby="f-openapi-err">
    {{#CONSERVADO}}<input type="hidden" name="openapi_actual" value="{{TEXTO}}"><p class="hint" data-k="doc-conservado">El documento recibido es válido y se conserva si no adjunta otro.</p>{{/CONSERVADO}}
    {{#DOC_ERROR}}<p class="error" id="f-openapi-err">{{TEXT}}</p>{{/DOC_ERROR}}
  </div>
  <div class="actions"><button type="submit" class="button primary">Guardar</button> <a class="button" href="/msps/sat/servicios">Cancelar</a></div>
</form>
{{#VISTA}}{{>DOC}}{{/VISTA}}
