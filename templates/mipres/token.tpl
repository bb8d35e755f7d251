{{%AUTOESCAPE context="HTML"}}
<h1>Token del servicio web MIPRES</h1>
<p>Los programas de su entidad usan este token de usuario para obtener, con <code>GenerarToken/{NIT}/{token}</code>, el token temporal (válido 24 horas) que acompaña cada llamada al servicio web de MIPRES Suministro (<code>/WSSUMMIPRESNOPBS/api/</code>).</p>
<dl class="data">
  <dt>NIT de la entidad</dt><dd data-k="nit">{{NIT}}</dd>
  <dt>NIT para el servicio web (sin dígito de verificación)</dt><dd data-k="nit_sin_dv">{{NIT_SIN_DV}}</dd>
  <dt>Entidad</dt><dd data-k="entidad">{{ENTIDAD}}</dd>
</dl>
{{#NUEVO}}<section class="card" aria-labelledby="nuevo-titulo">
  <h2 id="nuevo-titulo">Nuevo token de usuario</h2>
  <p class="aviso" role="status">Cópielo ahora y guárdelo en un lugar seguro: <strong>no se volverá a mostrar completo</strong>. El token anterior dejó de funcionar.</p>
  <p><code id="token-nuevo" data-k="token_nuevo">{{TOKEN}}</code></p>
  <button type="button" class="button js-only" data-copy="token-nuevo" hidden>Copiar token</button>
</section>{{/NUEVO}}
<section class="card">
  <h2>Token vigente</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Token vigente">
  <table data-k="tokens">
    <thead><tr><th scope="col">Régimen</th><th scope="col">Token</th><th scope="col">Generado</th></tr></thead>
    <tbody>
    {{#TOKEN}}<tr><td data-k="regimen">{{REGIMEN}}</td><td><code data-k="token_final">{{FINAL}}</code></td><td>{{CREADO}}</td></tr>
    {{/TOKEN}}
    </tbody>
  </table>
  </div>
</section>
<form method="post" action="/mipres/token" class="card" novalidate data-confirm="Generar un token nuevo reemplaza el actual: los programas que usen el anterior dejarán de funcionar. ¿Continuar?">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#EPS}}<p>Régimen del token: <strong data-k="regimen_rol">{{REGIMEN}}</strong>, el de su rol. El token de cada régimen solo alcanza los direccionamientos de ese régimen; el del otro régimen lo genera el delegado de ese régimen.</p>{{/EPS}}
  <p>Al generar un token nuevo se revoca el anterior{{#EPS}} del mismo régimen{{/EPS}}.</p>
  <div class="actions"><button type="submit" class="button primary">Generar token</button></div>
</form>
