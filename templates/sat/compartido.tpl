{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
{{#ERRORS}}<div class="alert" role="alert" tabindex="-1" data-resumen><p data-k="errores">Revise {{COUNT}} campo(s) marcados: no se ha guardado ningún cambio.</p>{{>RESUMEN}}</div>{{/ERRORS}}
<p>Datos del servicio web que su Caja comparte con el Ministerio. Las credenciales OAuth 2.0 se guardan aparte{{#EXISTENTE}}, en <a href="/sat/compartidos/{{ID}}/credenciales">Credenciales OAuth 2.0</a>{{/EXISTENTE}}.</p>
{{#LLAVE}}
<section class="card" data-k="llave-guardada">
  <h2>Llave pública guardada</h2>
  <dl class="datos">
    <div><dt>Tipo</dt><dd data-k="llave-tipo">{{TIPO}}</dd></div>
    <div><dt>Tamaño</dt><dd data-k="llave-bits">{{BITS}} bits</dd></div>
    <div><dt>Huella SHA-256</dt><dd data-k="llave-huella"><code>{{HUELLA}}</code></dd></div>
    {{#VENCE}}<div><dt>Vence</dt><dd data-k="llave-vence">{{FECHA}}</dd></div>{{/VENCE}}
  </dl>
</section>
{{/LLAVE}}
<form method="post" action="{{ACTION}}" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{>F_nombre}}
  {{>F_descripcion}}
  {{>F_url}}
  {{>F_metodo}}
  {{>F_llave}}
  {{>F_ejemplo}}
  <div class="actions">
    <button type="submit" class="button primary">Guardar datos del servicio</button>
    <a class="button" href="/sat/compartidos">Cancelar</a>
  </div>
</form>
