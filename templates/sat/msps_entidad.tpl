{{%AUTOESCAPE context="HTML"}}
<h1>{{RAZON}}</h1>
{{>TABS}}
{{#OK}}<p class="exito" role="status" data-k="ok">{{TEXT}}</p>{{/OK}}
{{#ALERTA}}<p class="alert" role="alert" data-k="alerta">{{TEXT}}</p>{{/ALERTA}}
<section class="card">
  <dl class="datos">
    <div><dt>NIT</dt><dd data-k="nit">{{NIT}}</dd></div>
    <div><dt>Tipo de entidad</dt><dd data-k="tipo">{{TIPO}}</dd></div>
    <div><dt>Módulo SAT</dt><dd data-k="activo">{{ACTIVO}}</dd></div>
    {{#ACTIVADO}}<div><dt>Activado</dt><dd>{{FECHA}} por {{QUIEN}}</dd></div>{{/ACTIVADO}}
    <div><dt>Contraseña de conexión</dt><dd data-k="clave">{{CLAVE}}</dd></div>
  </dl>
  {{#PUEDE_ACTIVAR}}<form method="post" action="/msps/sat/entidades/{{ID}}/activar"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="button primary" data-k="activar">Activar</button> <span class="hint">Los autorizados de la entidad podrán entrar al módulo de servicios web.</span></form>{{/PUEDE_ACTIVAR}}
  {{#PUEDE_DESACTIVAR}}<form method="post" action="/msps/sat/entidades/{{ID}}/desactivar" data-confirm="¿Desactivar el módulo SAT para esta entidad?"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="button danger" data-k="desactivar">Desactivar</button> <span class="hint">Sus autorizados verán que el Ministerio debe activar el módulo.</span></form>{{/PUEDE_DESACTIVAR}}
</section>
<section class="card">
  <h2>Servicios habilitados</h2>
  {{#SIN_ASIGNADOS}}<p class="muted" data-k="sin-asignados">Ningún servicio del catálogo está habilitado para esta entidad.</p>{{/SIN_ASIGNADOS}}
  <div class="table-wrap" tabindex="0" role="region" aria-label="Servicios habilitados">
  <table data-k="asignados">
    <thead><tr><th scope="col">Servicio</th><th scope="col">Client ID</th><th scope="col">Estado</th><th scope="col">Habilitado</th><th scope="col">Acción</th></tr></thead>
    <tbody>
    {{#ASIGNADO}}<tr data-id="{{ID}}"><td data-k="servicio">{{NOMBRE}}</td><td><code data-k="client-id">{{CLIENT_ID}}</code></td><td data-k="asignado-estado">{{ESTADO}}</td><td>{{FECHA}} por {{QUIEN}}</td><td>{{#ACTIVO}}<form method="post" action="/msps/sat/asignados/{{ID}}/desactivar" data-confirm="¿Desactivar este servicio para la entidad?"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="button small danger">Desactivar</button></form>{{/ACTIVO}}</td></tr>{{/ASIGNADO}}
    </tbody>
  </table>
  </div>
  {{#ASIGNAR}}
  <form method="post" action="/msps/sat/entidades/{{ID}}/asignar" class="search">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="f-servicio">Habilitar un servicio del catálogo ({{TIPO}})</label>
    <div class="row">
      <select id="f-servicio" name="servicio"><option value="">Seleccione…</option>{{#OPCION}}<option value="{{VALUE}}">{{TEXT}}</option>{{/OPCION}}</select>
      <button type="submit" class="button primary" data-k="asignar">Habilitar</button>
    </div>
    <p class="hint">Al habilitarlo se genera el Client ID de la entidad para el servicio; la entidad lo ve en su menú.</p>
  </form>
  {{/ASIGNAR}}
  {{#NADA_QUE_ASIGNAR}}<p class="hint">No hay más servicios activos del catálogo para entidades {{TIPO}}.</p>{{/NADA_QUE_ASIGNAR}}
</section>
