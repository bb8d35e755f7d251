{{%AUTOESCAPE context="HTML"}}
<h1>Administración del portal</h1>
<p>Tareas del administrador del Ministerio de Salud y Protección Social.</p>
<ul class="menu" data-k="tareas">
  <li><a href="/admin/cuentas">Cuentas pendientes de aprobación</a></li>
  <li><a href="/admin/bloqueos">Usuarios bloqueados</a></li>
  <li><a href="/admin/correo">Correo saliente</a>: estado de cada notificación, reintento de las fallidas.</li>
  <li><a href="/admin/smtp">Servidor de correo</a>: a dónde se envían las notificaciones.</li>
  <li><a href="/admin/auditoria">Auditoría</a>: quién hizo qué y cuándo, con filtros y exportación CSV.</li>
  <li><a href="/admin/dos-pasos">Verificación en dos pasos: restablecer un factor perdido</a></li>
</ul>
