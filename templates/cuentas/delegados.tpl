{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
{{#OK}}<p class="exito" role="status" data-k="ok">{{TEXT}}</p>{{/OK}}
<nav class="tabs" aria-label="Colas">
  <a href="/msps/asignar">Asignar token</a>
  <a href="/msps/actualizar">Actualizar token</a>
  <a href="/msps/delegados" aria-current="page">Solicitudes de delegado</a>
  <a href="/msps/ambientes">Configuración de ambientes</a>
  <a href="/msps/sat">Servicios web SAT</a>
  <a href="/msps/ap/reporte">Reporte servicios web AP</a>
</nav>
<p>Personas que se registraron como delegado administrativo de una entidad. No tienen acceso a nada de la entidad hasta que usted apruebe la solicitud: revise la carta de designación firmada por el representante legal (y, si la entidad ya está en el portal, que sus datos coincidan) antes de aprobarla.</p>
<p class="muted" data-k="total">{{TOTAL}} solicitud(es) pendiente(s)</p>
{{#VACIA}}<p data-k="vacia">No hay solicitudes de delegado pendientes.</p>{{/VACIA}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Solicitudes de delegado">
<table class="cola">
  <thead><tr><th scope="col">#</th><th scope="col">Entidad</th><th scope="col">NIT</th><th scope="col">Módulo</th><th scope="col">Primer nombre</th><th scope="col">Segundo nombre</th><th scope="col">Primer apellido</th><th scope="col">Segundo apellido</th><th scope="col">Documento</th><th scope="col">Correo</th><th scope="col">Fecha</th><th scope="col">Carta</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#FILA}}<tr data-k="solicitud-{{ID}}"><td>{{N}}</td><td>{{RAZON}}{{#NUEVA}} <span class="badge">Entidad nueva</span>{{/NUEVA}}</td><td>{{NIT}}</td><td>{{MODULO}}</td><td data-k="primer_nombre">{{PN}}</td><td data-k="segundo_nombre">{{SN}}</td><td data-k="primer_apellido">{{PA}}</td><td data-k="segundo_apellido">{{SA}}</td><td>{{DOCUMENTO}}</td><td>{{CORREO}}</td><td>{{FECHA}}</td><td><a href="/msps/delegados/{{ID}}/carta">PDF ({{TAMANO}})</a></td><td><a class="button small" href="/msps/delegados/{{ID}}">Revisar</a></td></tr>{{/FILA}}
  </tbody>
</table>
</div>
{{#ANTERIOR}}<a href="/msps/delegados?p={{P}}" rel="prev">Anterior</a>{{/ANTERIOR}}
{{#SIGUIENTE}}<a href="/msps/delegados?p={{P}}" rel="next">Siguiente</a>{{/SIGUIENTE}}
