{{%AUTOESCAPE context="HTML"}}
<h1>Servicios web SAT</h1>
<section class="card" data-k="sat-inactiva">
  <h2>El módulo aún no está activo para su entidad</h2>
  <p>La administración de servicios web del Sistema de Afiliación Transaccional (SAT) se habilita cuando el Ministerio de Salud y Protección Social activa el módulo para su entidad (Caja de Compensación Familiar o Administradora de Pensiones).</p>
  <p>Si su entidad ya debería tenerlo, escriba a la mesa de ayuda del Ministerio indicando el NIT de la entidad; cuando el Ministerio lo active, esta página mostrará los servicios habilitados.</p>
</section>
