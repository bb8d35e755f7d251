{{%AUTOESCAPE context="HTML"}}
<section class="card error-page">
  <h1>{{TITLE}}</h1>
  <p>{{TEXT}}</p>
  <p class="muted">Código HTTP {{STATUS}}</p>
  <p><a class="button" href="/">Volver al inicio</a></p>
</section>
