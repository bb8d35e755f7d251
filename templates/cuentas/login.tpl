{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>Iniciar sesión</h1>
  {{#FAIL}}<p class="alert" role="alert">{{TEXT}}</p>{{/FAIL}}
  {{#BYE}}<p class="exito" role="status">Su sesión se cerró.</p>{{/BYE}}
  {{#CLAVE}}<p class="exito" role="status" data-k="clave">Su contraseña fue asignada. Ingrese con su usuario y la nueva contraseña.</p>{{/CLAVE}}
  <form method="post" action="/login" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{>F_usuario}}
    {{>F_clave}}
    <button type="submit" class="button primary">Ingresar</button>
  </form>
  <ul class="links">
    <li><a href="/usuario/olvido">¿Olvidó su usuario?</a></li>
    <li><a href="/clave/olvido">¿Olvidó su contraseña?</a></li>
    <li><a href="/registro">Registrar usuario</a></li>
  </ul>
  <section class="formatos" data-k="formatos">
    <h2 id="formatos-titulo">¿Cuál es mi usuario?</h2>
    <p>El <strong>delegado administrativo de una entidad</strong> ingresa con el prefijo de su tipo de entidad seguido del NIT de la entidad, sin dígito de verificación (por ejemplo <code>ADMINHCEIPS892000501</code>):</p>
    <ul>
      {{#FORMATO}}<li data-k="formato-entidad"><code>{{PREFIJO}}</code> + NIT: {{TIPO}} ({{MODULO}})</li>
      {{/FORMATO}}
    </ul>
    <p>Las <strong>demás personas</strong> (funcionarios del Ministerio y personas que una entidad autorizó) ingresan con la sigla de su tipo de documento seguida del número, sin puntos ni espacios (por ejemplo <code>CC1010202030</code>):</p>
    <ul>
      {{#TIPO_DOC}}<li data-k="formato-documento"><code>{{CODIGO}}</code> + número: {{NOMBRE}}</li>
      {{/TIPO_DOC}}
    </ul>
    <p>Si no lo recuerda, use «¿Olvidó su usuario?»: se lo enviamos al correo de su cuenta.</p>
  </section>
</section>
