{{%AUTOESCAPE context="HTML"}}
<article class="card legal">
  <h1>Política de tratamiento de datos personales</h1>
  <p>El Ministerio de Salud y Protección Social, responsable del Portal de Interoperabilidad, trata los datos personales que usted registra en él conforme a la Ley Estatutaria 1581 de 2012, el Decreto 1377 de 2013 (compilado en el Decreto 1074 de 2015) y su política institucional de protección de datos personales.</p>

  <h2>Qué datos tratamos</h2>
  <ul>
    <li>De las personas que usan el portal: tipo y número de documento, nombres y apellidos, correo electrónico institucional, teléfono, entidad, rol y perfil.</li>
    <li>De las solicitudes de llaves: los datos del líder técnico y del oficial de protección de datos de la entidad, y la carta de designación del delegado.</li>
    <li>De la seguridad del portal: fecha, hora, dirección de red y navegador de cada ingreso, de cada aceptación de términos y de cada cambio, en la bitácora de auditoría.</li>
  </ul>

  <h2>Para qué los usamos</h2>
  <ul>
    <li>Crear y administrar las cuentas, los roles y las autorizaciones de las entidades.</li>
    <li>Tramitar las solicitudes de llaves de interoperabilidad, los servicios web y los reportes de los módulos IHCE, MIPRES, SAT y de Administradoras de Pensiones.</li>
    <li>Enviar por correo electrónico los avisos del trámite: enlaces para asignar la contraseña, códigos de activación, respuestas y vencimientos.</li>
    <li>Proteger el portal: detectar y bloquear accesos indebidos y dejar constancia de quién hizo cada cambio.</li>
  </ul>
  <p>No vendemos ni cedemos sus datos. Solo los conocen los funcionarios del Ministerio que atienden estos trámites y, cuando la ley lo exige, las autoridades competentes.</p>

  <h2>Sus derechos</h2>
  <p>Como titular de los datos usted puede, según el artículo 8 de la Ley 1581 de 2012:</p>
  <ul>
    <li>conocer, actualizar y rectificar sus datos;</li>
    <li>pedir prueba de la autorización que otorgó y ser informado del uso que se les ha dado;</li>
    <li>revocar la autorización o pedir que se supriman sus datos, cuando no exista un deber legal o contractual de conservarlos;</li>
    <li>presentar quejas ante la Superintendencia de Industria y Comercio, después de haber consultado o reclamado ante el Ministerio.</li>
  </ul>

  <h2>Cómo ejercerlos</h2>
  <p>Escriba o llame a los canales de atención del Ministerio indicados al pie de esta página (Carrera 13 No. 32-76, Bogotá D.C.; PBX (601) 330 5000; línea gratuita 018000 960020; lunes a viernes de 7:00 a 16:30). Atendemos las consultas en un máximo de diez días hábiles y los reclamos en un máximo de quince días hábiles, como lo establece la ley.</p>
  <p>Puede actualizar su nombre y correo con el delegado de su entidad (en «Administrar autorizados») o pidiéndolo al Ministerio.</p>
</article>
