{{%AUTOESCAPE context="HTML"}}
<section class="card">
  <h1>Verificación en dos pasos</h1>
  {{#ACTIVO}}
  <p class="exito" role="status" data-k="estado">La verificación en dos pasos está activa desde {{DESDE}}.</p>
  <p>Cada vez que ingrese, después de la contraseña, el portal le pedirá el código de 6 dígitos de su aplicación de autenticación. También se lo pedirá antes de mostrar una llave secreta.</p>
  <p>Le quedan <strong data-k="restantes">{{RESTANTES}}</strong> códigos de recuperación sin usar. Si perdió el teléfono y los códigos, pida al administrador del Ministerio que restablezca su verificación.</p>
  {{/ACTIVO}}
  {{#OBLIGATORIO}}<p class="alert" role="alert" data-k="obligatorio">Su rol en el Ministerio exige la verificación en dos pasos (Resolución 1888 de 2025). Actívela para continuar.</p>{{/OBLIGATORIO}}
  {{#ENROLAR}}
  <p>Con la verificación en dos pasos, además de la contraseña el portal le pedirá un código que cambia cada 30 segundos y que solo su teléfono conoce.</p>
  <ol class="pasos">
    <li>Instale una aplicación de autenticación en su teléfono (Google Authenticator, Microsoft Authenticator, FreeOTP u otra compatible).</li>
    <li>En la aplicación, agregue una cuenta leyendo este código QR:
      <p><img src="/cuenta/dos-pasos/qr" alt="Código QR para su aplicación de autenticación" width="246" height="246" data-k="qr"></p>
      <p>O escríbala a mano con esta clave (tipo «basada en el tiempo»):</p>
      <p class="secreto"><code data-k="secreto">{{SECRETO}}</code></p>
    </li>
    <li>Escriba el código de 6 dígitos que muestra la aplicación para confirmar:</li>
  </ol>
  <form method="post" action="/cuenta/dos-pasos" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_codigo}}
    <button type="submit" class="button primary">Activar</button>
  </form>
  {{/ENROLAR}}
</section>
