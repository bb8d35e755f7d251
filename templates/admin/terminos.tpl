{{%AUTOESCAPE context="HTML"}}
<article class="card legal">
  <h1>Términos de uso</h1>
  <p>El Portal de Interoperabilidad del Ministerio de Salud y Protección Social sirve a las entidades del sector salud, a las Cajas de Compensación Familiar y a las Administradoras de Pensiones para tramitar sus credenciales y servicios web con el Ministerio. Al ingresar, usted acepta estos términos.</p>

  <h2>Uso permitido</h2>
  <ul>
    <li>Use el portal solo para los trámites de su entidad y del rol que le fue asignado.</li>
    <li>Su usuario, su contraseña y su verificación en dos pasos son personales e intransferibles. No los comparta ni los escriba donde otros puedan verlos.</li>
    <li>Las llaves, tokens y contraseñas de conexión que obtenga aquí son confidenciales: guárdelas solo en los sistemas de su entidad que las necesitan.</li>
    <li>La información que registre debe ser veraz y estar actualizada; usted responde por ella.</li>
  </ul>

  <h2>Lo que no está permitido</h2>
  <ul>
    <li>Intentar ingresar con usuarios ajenos, a información de otras entidades o a funciones que su rol no tiene.</li>
    <li>Alterar, sobrecargar o probar la seguridad del portal sin autorización escrita del Ministerio.</li>
  </ul>
  <p>Estas conductas pueden constituir delitos informáticos (Ley 1273 de 2009). El Ministerio puede suspender el acceso de quien las cometa.</p>

  <h2>Registro de actividad</h2>
  <p>El portal deja constancia de cada ingreso, cada cambio y cada vez que se muestra un secreto: quién, cuándo y desde qué dirección de red. Estos registros se tratan según la <a href="/privacidad">política de tratamiento de datos personales</a>.</p>

  <h2>Disponibilidad y cambios</h2>
  <p>El Ministerio procura que el portal esté disponible todo el tiempo, pero puede interrumpirlo para mantenimiento o por razones de seguridad. Estos términos pueden cambiar; la versión vigente es siempre la publicada en esta página.</p>
  <p>Estos términos se rigen por las leyes de la República de Colombia.</p>
</article>
