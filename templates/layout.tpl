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
<div class="govco" role="banner"><span class="govco-logo">GOV.CO</span></div>
<header class="site">
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
  <p>Ministerio de Salud y Protección Social · Carrera 13 No. 32-76, Bogotá D.C., Colombia</p>
  <p data-k="modulos">Portal de Interoperabilidad, con sus módulos IHCE (llaves de interoperabilidad de la historia clínica electrónica), SAT (servicios web de las Cajas de Compensación Familiar), MIPRES (suministro de tecnologías en salud) y AP (servicios web de las Administradoras de Pensiones).</p>
</footer>
</body>
</html>
