{{%AUTOESCAPE context="HTML"}}
<h1>Reporte de seguimiento de servicios web AP</h1>
<p>Lo que el protocolo de paso a producción pide a cada Administradora de Pensiones: llamadas y registros por servicio y periodo, tiempos de respuesta (mediana, percentil 95 y máximo) e incidentes por tipo. Las fechas y horas son de Colombia.</p>
<p data-k="precision">Las llamadas, los registros, los incidentes y el máximo son exactos. La mediana y el percentil 95 salen de un histograma de los tiempos por hora y por día: difieren a lo sumo un 2,2 % del valor exacto.</p>
<form method="get" action="{{ACCION}}" class="card" novalidate data-k="filtro">
  <div class="field{{#ERR_DESDE}} invalid{{/ERR_DESDE}}">
    <label for="f-desde">Desde</label>
    <input type="date" id="f-desde" name="desde" value="{{DESDE}}" aria-describedby="f-desde-err">
    {{#ERR_DESDE}}<p class="error" id="f-desde-err">{{TEXT}}</p>{{/ERR_DESDE}}
  </div>
  <div class="field{{#ERR_HASTA}} invalid{{/ERR_HASTA}}">
    <label for="f-hasta">Hasta</label>
    <input type="date" id="f-hasta" name="hasta" value="{{HASTA}}" aria-describedby="f-hasta-err">
    {{#ERR_HASTA}}<p class="error" id="f-hasta-err">{{TEXT}}</p>{{/ERR_HASTA}}
  </div>
  {{#FILTRO_AP}}<div class="field{{#ERR_AP}} invalid{{/ERR_AP}}">
    <label for="f-ap">Administradora</label>
    <select id="f-ap" name="ap" aria-describedby="f-ap-err"><option value="">Todas</option>{{#OPCION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/OPCION}}</select>
    {{#ERR_AP}}<p class="error" id="f-ap-err">{{TEXT}}</p>{{/ERR_AP}}
  </div>{{/FILTRO_AP}}
  <div class="actions"><button type="submit" class="button primary">Consultar</button></div>
</form>
{{#DATOS}}
<section class="card">
  <h2>Resumen: <span data-k="alcance">{{ALCANCE}}</span></h2>
  <p><a class="button" href="{{CSV}}" data-k="csv">Descargar CSV</a></p>
  {{#SIN_DATOS}}<p class="notice" data-k="sin-datos">No hubo llamadas en este periodo.</p>{{/SIN_DATOS}}
  <div class="table-wrap" tabindex="0" role="region" aria-label="Resumen por servicio">
  <table data-k="totales">
    <thead><tr><th scope="col">Servicio</th><th scope="col">Llamadas</th><th scope="col">Registros recibidos</th><th scope="col">Aceptados</th><th scope="col">Rechazados</th><th scope="col">Mediana (ms)</th><th scope="col">P95 (ms)</th><th scope="col">Máximo (ms)</th><th scope="col">Incidentes de autenticación</th><th scope="col">De validación</th><th scope="col">Del servidor</th></tr></thead>
    <tbody>
    {{#TOTAL}}<tr data-servicio="{{SERVICIO}}"><th scope="row">{{SERVICIO}}</th><td data-k="llamadas">{{LLAMADAS}}</td><td data-k="recibidos">{{RECIBIDOS}}</td><td data-k="aceptados">{{ACEPTADOS}}</td><td data-k="rechazados">{{RECHAZADOS}}</td><td data-k="mediana">{{MEDIANA}}</td><td data-k="p95">{{P95}}</td><td data-k="max">{{MAX}}</td><td data-k="aut">{{AUT}}</td><td data-k="val">{{VAL}}</td><td data-k="srv">{{SRV}}</td></tr>{{/TOTAL}}
    </tbody>
  </table>
  </div>
</section>
<section class="card">
  <h2>Llamadas por día</h2>
  <svg xmlns="http://www.w3.org/2000/svg" class="grafica" data-k="grafica" role="img" aria-labelledby="grafica-titulo" width="{{SVG_ANCHO}}" height="{{SVG_ALTO}}" viewBox="0 0 {{SVG_ANCHO}} {{SVG_ALTO}}">
    <title id="grafica-titulo">{{GRAFICA_TITULO}}</title>
    <line x1="38" y1="{{EJE_Y}}" x2="{{SVG_ANCHO}}" y2="{{EJE_Y}}" stroke="#333"/>
    <text x="2" y="16" font-size="11">{{MAXIMO}}</text>
    <text x="2" y="{{EJE_Y}}" font-size="11">0</text>
    {{!the bars: see grafica in cgi/ap/reporte.c, why :none}}{{BARRAS:none}}
    {{!the day labels: see grafica in cgi/ap/reporte.c, why :none}}{{ETIQUETAS:none}}
    {{#LEYENDA}}<rect x="{{X}}" y="{{Y}}" width="10" height="10" fill="{{COLOR}}"/><text x="{{TX}}" y="{{Y}}" dy="9" font-size="11">{{TEXTO}}</text>{{/LEYENDA}}
  </svg>
</section>
<section class="card">
  <h2>Por día</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Llamadas por día">
  <table data-k="dias">
    <thead><tr><th scope="col">Servicio</th><th scope="col">Día</th><th scope="col">Llamadas</th><th scope="col">Registros</th><th scope="col">Aceptados</th><th scope="col">Rechazados</th><th scope="col">Mediana (ms)</th><th scope="col">P95 (ms)</th><th scope="col">Máximo (ms)</th><th scope="col">Aut.</th><th scope="col">Val.</th><th scope="col">Serv.</th></tr></thead>
    <tbody>
    {{!DIA_FILAS: see filas_html in cgi/ap/reporte.c, why :none}}{{DIA_FILAS:none}}
    </tbody>
  </table>
  </div>
</section>
<section class="card">
  <h2>Por hora</h2>
  {{#HORAS_CSV}}<p class="notice" data-k="horas-csv">Para un periodo de más de {{DIAS}} días, las cifras por hora están en el <a href="{{CSV}}">CSV</a>.</p>{{/HORAS_CSV}}
  {{#HORAS}}<div class="table-wrap" tabindex="0" role="region" aria-label="Llamadas por hora">
  <table data-k="horas">
    <thead><tr><th scope="col">Servicio</th><th scope="col">Hora</th><th scope="col">Llamadas</th><th scope="col">Registros</th><th scope="col">Aceptados</th><th scope="col">Rechazados</th><th scope="col">Mediana (ms)</th><th scope="col">P95 (ms)</th><th scope="col">Máximo (ms)</th><th scope="col">Aut.</th><th scope="col">Val.</th><th scope="col">Serv.</th></tr></thead>
    <tbody>
    {{!HORA_FILAS: see filas_html in cgi/ap/reporte.c, why :none}}{{HORA_FILAS:none}}
    </tbody>
  </table>
  </div>{{/HORAS}}
</section>
{{/DATOS}}
