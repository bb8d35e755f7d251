{{%AUTOESCAPE context="HTML"}}
<h1>Eliminar servicio compartido</h1>
<section class="card">
  <p data-k="confirmar">¿Eliminar el servicio <strong>{{NOMBRE}}</strong> ({{URL}})? Se borran sus datos y sus credenciales OAuth 2.0; el Ministerio dejará de verlo. Esta acción no se puede deshacer.</p>
  <form method="post" action="/sat/compartidos/{{ID}}/eliminar" class="inline">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="actions">
      <button type="submit" class="button danger">Sí, eliminar el servicio</button>
      <a class="button" href="/sat/compartidos">No, volver</a>
    </div>
  </form>
</section>
