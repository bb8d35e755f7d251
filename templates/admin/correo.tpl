{{%AUTOESCAPE context="HTML"}}
<h1>Correo saliente</h1>
{{#OK}}<p class="exito" role="status">El mensaje volvió a la cola: se intentará enviar en el próximo ciclo.</p>{{/OK}}
<p class="hint">Cada notificación del portal queda aquí hasta que el servidor de correo la acepta. El contenido de los mensajes no se muestra: puede incluir enlaces de un solo uso. Se guarda cifrado y se borra cuando el mensaje se entrega o cuando vence el enlace o código que lleva; entonces ya no se puede reintentar.</p>
<nav class="tabs" aria-label="Filtrar por estado">
  {{#FILTRO}}{{#ACTUAL}}<span aria-current="page" data-k="filtro">{{LABEL}}</span>{{/ACTUAL}}{{#LINK}}<a href="{{HREF}}">{{LABEL}}</a>{{/LINK}}
  {{/FILTRO}}
</nav>
<p class="muted" data-k="total">{{TOTAL}} mensaje(s)</p>
{{#VACIA}}<p>No hay mensajes en este estado.</p>{{/VACIA}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Mensajes">
<table class="correo">
  <thead><tr><th scope="col">N.º</th><th scope="col">Estado</th><th scope="col">Para</th><th scope="col">Asunto</th><th scope="col">Creado</th><th scope="col">Intentos</th><th scope="col">Próximo intento</th><th scope="col">Último error</th><th scope="col">Contenido</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#CORREO}}<tr data-id="{{ID}}"><td>{{ID}}</td><td data-k="estado">{{ESTADO}}</td><td data-k="para">{{PARA}}</td><td data-k="asunto">{{ASUNTO}}</td><td>{{CREADO}}</td><td data-k="intentos">{{INTENTOS}}</td><td data-k="proximo">{{PROXIMO}}</td><td data-k="error">{{ERROR}}</td><td data-k="contenido">{{CONTENIDO}}</td><td>{{#REINTENTAR}}<form method="post" action="/admin/correo/{{ID}}/reintentar" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button small">Reintentar</button>
    </form>{{/REINTENTAR}}</td></tr>
  {{/CORREO}}
  </tbody>
</table>
</div>
{{#PAGINAS}}
<nav class="pager" aria-label="Páginas">
  {{#ANTERIOR}}<a href="{{HREF}}" rel="prev">Anterior</a>{{/ANTERIOR}}
  <span aria-current="page">Página {{N}} de {{DE}}</span>
  {{#SIGUIENTE}}<a href="{{HREF}}" rel="next">Siguiente</a>{{/SIGUIENTE}}
</nav>
{{/PAGINAS}}
<p><a class="button" href="/admin">Volver</a></p>
