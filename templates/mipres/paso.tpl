{{%AUTOESCAPE context="HTML"}}
<section class="card" aria-labelledby="registro-titulo">
  <h2 id="registro-titulo">Registro</h2>
  <dl class="data">
    <dt>Tipo</dt><dd data-k="paso">{{PASO}}</dd>
    <dt>Id (ID del direccionamiento)</dt><dd data-k="id">{{ID}}</dd>
    <dt>{{IDNOMBRE}}</dt><dd data-k="idpaso">{{IDPASO}}</dd>
    <dt>Estado</dt><dd data-k="estado">{{ESTADO}}</dd>
    <dt>Registrado</dt><dd data-k="fecha">{{FECHA}}</dd>
    {{#ANULADO}}<dt>Anulado</dt><dd data-k="fecanulacion">{{FECHA}}</dd>{{/ANULADO}}
    {{#DATO}}<dt>{{NOMBRE}}{{#API}} <span class="hint">({{TEXT}})</span>{{/API}}</dt><dd data-k="dato-{{CAMPO}}">{{VALOR}}</dd>
    {{/DATO}}
  </dl>
</section>
