{{%AUTOESCAPE context="HTML"}}
<h1>{{TITULO}}</h1>
<p>{{INTRO}}</p>
{{#LINEA}}{{>LINEA_DATOS}}{{/LINEA}}
<form method="post" action="{{ACCION}}" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#ERRORES}}<div class="alert" role="alert" tabindex="-1" data-resumen>
    <p data-k="errores">No se pudo registrar: revise los campos marcados.</p>
    {{>RESUMEN}}
    {{#GENERAL}}<p data-k="error_general">{{TEXTO}}</p>{{/GENERAL}}
  </div>{{/ERRORES}}
  <p class="hint">Los campos sin «(opcional)» son obligatorios.</p>
  {{#CAMPO}}{{>FIELD}}{{/CAMPO}}
  <div class="actions"><button type="submit" class="button primary">{{BOTON}}</button> <a class="button" href="/mipres">Cancelar</a></div>
</form>
