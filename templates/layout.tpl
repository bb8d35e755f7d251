{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Portal de Interoperabilidad · MinSalud</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/portal.css">
<script src="/static/portal.js" defer></script>
</head>
<body>
<a class="skip" href="#contenido">Ir al contenido</a>
<header class="site">
<nav class="govco" aria-label="Portal del Estado colombiano">
  <a class="govco-logo" href="https://www.gov.co"><img src="/static/govco.svg" alt="" width="28" height="28"><span>GOV.CO</span><span class="visually-hidden"> — Portal único del Estado colombiano</span></a>
</nav>
<div class="cabecera">
  <div class="brand">
    <span class="ministerio">Ministerio de Salud y Protección Social</span>
    <span class="portal">Portal de Interoperabilidad</span>
  </div>
  {{#SESSION}}
  <dl class="session" aria-label="Datos de la sesión">
    <div><dt>Login</dt><dd data-k="login">{{LOGIN}}</dd></div>
    <div><dt>NIT Entidad</dt><dd data-k="nit">{{NIT}}</dd></div>
    <div><dt>Entidad</dt><dd data-k="entidad">{{ENTIDAD}}</dd></div>
    <div><dt>Rol</dt><dd data-k="rol">{{ROL}}</dd></div>
    <div><dt>Código</dt><dd data-k="codigo">{{CODIGO}}</dd></div>
  </dl>
  <nav class="usernav" aria-label="Sesión">
    <a href="{{HOME}}">Mi inicio</a>
    {{#CAMBIAR}}<a href="/roles" data-k="cambiar-rol">Cambiar rol</a>{{/CAMBIAR}}
    {{#CUENTA}}<a href="/cuenta/clave">Cambiar contraseña</a>
    <a href="/cuenta/dos-pasos" data-k="dos-pasos">Verificación en dos pasos</a>{{/CUENTA}}
    <form method="post" action="/logout" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="link">Cerrar sesión</button>
    </form>
  </nav>
  {{/SESSION}}
</div>
</header>
<nav class="crumbs" aria-label="Ruta de navegación">
  <ol>
    <li><a href="/">Inicio</a></li>
    {{#CRUMB}}<li>{{#LINK}}<a href="{{HREF}}">{{LABEL}}</a>{{/LINK}}{{#CURRENT}}<span aria-current="page">{{LABEL}}</span>{{/CURRENT}}</li>{{/CRUMB}}
  </ol>
</nav>
<main id="contenido">
{{>BODY}}
</main>
<footer class="site">
<div class="pie">
  <div class="pie-bloque">
    <h2 class="pie-titulo">Ministerio de Salud y Protección Social</h2>
    <address data-k="contacto">
      Carrera 13 No. 32-76, Bogotá D.C., Colombia<br>
      PBX: <a href="tel:+576013305000">(601) 330 5000</a><br>
      Línea gratuita nacional: <a href="tel:018000960020">018000 960020</a><br>
      Horario de atención: lunes a viernes de 7:00 a 16:30
    </address>
  </div>
  <div class="pie-bloque">
    <h2 class="pie-titulo">Módulos del Portal de Interoperabilidad</h2>
    <ul data-k="modulos">
      <li>IHCE: llaves de interoperabilidad de la historia clínica electrónica</li>
      <li>SAT: servicios web de las Cajas de Compensación Familiar</li>
      <li>MIPRES: suministro de tecnologías en salud</li>
      <li>AP: servicios web de las Administradoras de Pensiones</li>
      <li>Cuentas de usuario, roles y autorizados</li>
    </ul>
  </div>
  <nav class="pie-bloque" aria-label="Políticas del portal">
    <h2 class="pie-titulo">Políticas</h2>
    <ul>
      <li><a href="/privacidad">Política de tratamiento de datos personales</a></li>
      <li><a href="/terminos">Términos de uso</a></li>
      <li><a href="/accesibilidad">Declaración de accesibilidad</a></li>
    </ul>
  </nav>
</div>
<p class="pie-govco"><a href="https://www.gov.co"><img src="/static/govco.svg" alt="" width="20" height="20"> GOV.CO</a> · Portal único del Estado colombiano</p>
</footer>
</body>
</html>
