{{%AUTOESCAPE context="HTML"}}
<section class="card">
  <h1>Verificación en dos pasos activada</h1>
  <p class="exito" role="status" data-k="activada">Desde ahora el portal le pedirá el código de su aplicación cada vez que ingrese.</p>
  <h2>Sus códigos de recuperación</h2>
  <p class="aviso">Guárdelos ahora en un lugar seguro (impresos o en un gestor de contraseñas): <strong>no se volverán a mostrar</strong>. Si pierde el teléfono, cada código le sirve una sola vez en lugar del código de la aplicación.</p>
  <ul class="codigos" data-k="codigos">
    {{#CODIGO}}<li><code data-k="codigo">{{TEXT}}</code></li>
    {{/CODIGO}}
  </ul>
  <p><a class="button primary" href="/">Continuar</a></p>
</section>
