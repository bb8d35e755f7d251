{{%AUTOESCAPE context="HTML"}}
<article class="card legal">
  <h1>Declaración de accesibilidad</h1>
  <p>El Ministerio de Salud y Protección Social quiere que todas las personas puedan usar el Portal de Interoperabilidad, incluidas las personas con discapacidad. El portal busca cumplir el nivel AA de las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.1, como lo exige la Resolución 1519 de 2020 del Ministerio de Tecnologías de la Información y las Comunicaciones (Anexo 1).</p>

  <h2>Qué hicimos</h2>
  <ul>
    <li>Todas las páginas funcionan con el teclado y sin JavaScript, con un enlace «Ir al contenido» y un indicador de foco visible.</li>
    <li>Cada campo tiene su etiqueta y sus indicaciones; los errores aparecen junto al campo y se conservan los datos escritos.</li>
    <li>Los textos y controles tienen el contraste que piden las pautas y las páginas se adaptan a teléfonos y a pantallas amplias; las tablas anchas se desplazan dentro de su propio recuadro, que también se alcanza con el teclado.</li>
    <li>El código contra registros automáticos tiene una alternativa de texto, y el código QR de la verificación en dos pasos, su clave escrita.</li>
    <li>Cada página de cada rol se revisa en cada versión con un analizador automático (axe-core), en pantalla de computador y de teléfono.</li>
  </ul>

  <h2>Limitaciones conocidas</h2>
  <p>Los documentos que cargan las entidades (por ejemplo, la carta de designación en PDF) son responsabilidad de quien los elabora y pueden no ser accesibles.</p>

  <h2>¿Encontró una barrera?</h2>
  <p>Si alguna parte del portal no le funciona con su tecnología de apoyo, o si necesita la información en otro formato, comuníquese con el Ministerio: PBX (601) 330 5000, línea gratuita 018000 960020, lunes a viernes de 7:00 a 16:30, o en la Carrera 13 No. 32-76, Bogotá D.C. Díganos la página, lo que intentaba hacer y la tecnología que usa; le responderemos y corregiremos la barrera.</p>
</article>
