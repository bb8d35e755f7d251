{{%AUTOESCAPE context="HTML"}}
<nav class="tabs" aria-label="Servicios web SAT">
  <a href="/msps/asignar">Asignar token</a>
  <a href="/msps/sat"{{#ENTIDADES}} aria-current="page"{{/ENTIDADES}}>Entidades SAT</a>
  <a href="/msps/sat/servicios"{{#CATALOGO}} aria-current="page"{{/CATALOGO}}>Catálogo de servicios</a>
</nav>
