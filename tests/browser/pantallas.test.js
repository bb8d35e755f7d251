// Pages that fit the screen (issue 12 §1, §2), in headless Chromium at a laptop's 1366x768
// and a phone's 390x844: the MIPRES lines show their state and next actions inside the
// screen, no page scrolls sideways as a whole (wide data scrolls only inside a named,
// focusable region), the AP chart scales, the phone header leaves room for the page, and a
// confirmation is a success (role="status"), never the error box.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { startPortal, csrfOf } = require('../lib/portal.js');
const b = require('./browser.js');

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const DISP = 'CC1040500010';	// Rol_MIPRES_Dispensador of 901500013
const CCF = 'CC1020300010';	// autorizado SAT of Caja Andina
const AP = 'CC1030400010';	// autorizado de servicios web AP

// Today in Colombia (UTC-5), YYYY-MM-DD: the demo's direccionamientos are dated today.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);
const LISTA = () => `/mipres/direccionamientos?por=fecha&fecha=${dia()}`;

let inst, browser, watcher;
const open = [];

before(async () => {
  // "Probar conexión" may reach 127.0.0.1:1, where nothing listens: the test fails at once.
  const [p, c] = await Promise.allSettled([startPortal({ env: {
    PORTAL_CONEXION_PERMITIDAS: '127.0.0.1', PORTAL_CONEXION_PUERTOS: '1',
    PORTAL_CONEXION_CONECTAR: '2', PORTAL_CONEXION_TOTAL: '3' } }), b.launch()]);
  if (p.status === 'fulfilled') inst = p.value;
  if (c.status === 'fulfilled') browser = c.value;
  for (const x of [p, c]) if (x.status === 'rejected') throw x.reason;
  watcher = new b.Watcher(inst.base);
});

after(async () => {
  for (const c of open) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (inst) await inst.stop();
});

// A new page logged in as user (none: '-'); the SAT terms accepted when asked.
async function pageAs(user) {
  const p = await b.openPage(browser, inst.base, watcher);
  open.push(p.context);
  if (user === '-') return p.page;
  await b.login(p.page, inst.base, user, undefined, inst);
  if (new URL(p.page.url()).pathname === '/sat/terminos')
    await b.navigate(p.page, () => p.page.getByRole('button', { name: 'Acepto', exact: true }).click());
  return p.page;
}

// How wide the document is against the viewport: { scroll, viewport }.
const anchura = (page) => page.evaluate(() => ({
  scroll: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));

// The rectangle of every action link of the MIPRES list, with its line and text.
const accionesRect = (page) => page.locator('ol[data-k="lineas"] [data-k="accion"]').evaluateAll((as) =>
  as.map((a) => {
    const r = a.getBoundingClientRect();
    return { linea: a.closest('li.linea').dataset.id, texto: a.textContent, left: r.left, right: r.right,
      width: r.width, height: r.height };
  }));

test('MIPRES Direccionamientos: each line\'s state and actions are inside the screen at both sizes', async () => {
  const page = await pageAs(DISP);
  for (const vp of [LAPTOP, PHONE]) {
    await page.setViewportSize(vp);
    const r = await page.goto(inst.base + LISTA());
    assert.equal(r.status(), 200);
    const lineas = await page.locator('ol[data-k="lineas"] > li').count();
    assert.ok(lineas >= 4, `the demo's lines of today (${lineas})`);
    const acc = await accionesRect(page);
    assert.ok(acc.length >= 3, 'the demo lines offer actions');
    for (const a of acc) {
      assert.ok(a.width > 0 && a.height > 0, `${a.texto} of line ${a.linea} is shown at ${vp.width}`);
      assert.ok(a.left >= 0 && a.right <= vp.width, `${a.texto} of line ${a.linea} at x=${a.left}..${a.right} fits ${vp.width}`);
    }
    // The state of every line is shown (not folded into its detail), next to its actions.
    for (const e of await page.locator('ol[data-k="lineas"] > li [data-k="estado"]').all()) {
      assert.ok(await e.isVisible());
      assert.match(await e.textContent(), /^(Direccionamiento|Programación|Entrega|Reporte de entrega|Suministro): (Activo|Procesado|Anulado)$/);
    }
    // The first action of the first line is in the first screen at the laptop size; on the
    // phone it is reached by scrolling down only.
    const primera = page.locator('ol[data-k="lineas"] [data-k="accion"]').first();
    await primera.scrollIntoViewIfNeeded();
    const box = await primera.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width,
      `the first action is in view at ${vp.width}x${vp.height}`);
    const w = await anchura(page);
    assert.ok(w.scroll <= w.viewport, `no sideways scroll at ${vp.width}: ${w.scroll}`);
    await b.screenshot(page, `pantallas-mipres-lista-${vp.width}`);
  }
  // The detail of a line is one click away: its steps' states and ids.
  const linea = page.locator('ol[data-k="lineas"] > li').first();
  const det = linea.locator('[data-k="est-direccionamiento"]');
  assert.equal(await det.isVisible(), false, 'folded');
  await linea.getByText('Detalle de la línea').click();
  assert.ok(await det.isVisible());
  assert.ok(await linea.locator('[data-k="cantidad"]').isVisible());
  watcher.assertClean('the MIPRES list');
});

test('a MIPRES save is confirmed in the success style (role="status"), not in the error box', async () => {
  const page = await pageAs(DISP);
  await page.setViewportSize(PHONE);
  await page.goto(inst.base + LISTA());
  const linea = page.locator('ol[data-k="lineas"] > li', { has: page.locator('[data-accion="programar"]') }).first();
  const id = await linea.getAttribute('data-id');
  let r = await b.navigate(page, () => linea.getByRole('link', { name: 'Programar' }).click());
  assert.equal(r.status(), 200);
  await page.getByLabel('Código de la sede (CodSedeProv)', { exact: true }).fill('PROV000777');
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Registrar programación' }).click());
  assert.equal(r.status(), 200);
  assert.match(new URL(page.url()).pathname, /^\/mipres\/registro\/programacion\/\d+$/);
  const ok = page.getByRole('status');
  assert.equal((await ok.textContent()).trim(), 'El registro quedó guardado.');
  assert.equal(await ok.getAttribute('class'), 'exito');
  assert.equal(await page.getByRole('alert').count(), 0, 'nothing in the error box');
  assert.equal(await page.locator('main .alert').count(), 0);
  // The success and error styles differ at a glance.
  const color = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(await color('.exito'), 'rgb(253, 236, 238)', 'not the error box\'s pink');
  assert.equal(inst.sql(`SELECT estado FROM mipres_paso WHERE linea_id = ${id} AND tipo = 'P'`), '1');
  await b.screenshot(page, 'pantallas-mipres-guardado-390');
  watcher.assertClean('the MIPRES save');
});

// What a page does wrong with width at the current viewport: the document wider than the
// screen, a box that scrolls sideways without being a named, focusable region, a word
// broken anywhere (word-break: break-all).
const problemasDeAncho = (page) => page.evaluate(() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth)
    out.push(`the page is ${root.scrollWidth} px wide in ${root.clientWidth}`);
  for (const e of document.body.querySelectorAll('*')) {
    const st = getComputedStyle(e);
    const name = `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''}`;
    if (st.wordBreak === 'break-all') out.push(`${name} breaks words anywhere`);
    if (/auto|scroll/.test(st.overflowX) && e.scrollWidth > e.clientWidth + 1 &&
      !(e.getAttribute('role') === 'region' && e.tabIndex === 0 && e.getAttribute('aria-label')))
      out.push(`${name} scrolls sideways but is no named, focusable region`);
  }
  return out;
});

// The first link of the page's main whose path matches re.
async function enlace(page, re) {
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const h = hrefs.find((x) => re.test(x));
  assert.ok(h, `a link like ${re} on ${page.url()}`);
  return h;
}

// Each role's pages: a path, or a function of the page (after the previous path) giving one.
const PAGINAS = {
  '-': ['/login', '/registro', '/registro/otro', '/clave/olvido'],
  [DISP]: ['/mipres', LISTA, (p) => enlace(p, /^\/mipres\/programar\/\d+$/), '/mipres/cargue',
    '/mipres/ambito', '/mipres/token'],
  ADMINMIPRESEPSC901234561: ['/mipres', LISTA, '/mipres/direccionar', '/mipres/nodireccionar'],
  ADMINMIPRESPROV901500013: ['/autorizados', (p) => enlace(p, /^\/autorizados\/\d+$/), '/autorizados/nuevo'],
  ADMINSATCCF892300110: ['/autorizados', (p) => enlace(p, /^\/autorizados\/\d+$/)],
  ADMINHCEIPS800100037: ['/ihce', (p) => enlace(p, /^\/ihce\/solicitudes\/\d+$/), '/ihce/llaves'],
  ADMINHCEIPS800100000: ['/ihce/solicitud'],
  CC1010202030: ['/msps/asignar', (p) => enlace(p, /^\/msps\/solicitudes\/\d+$/), '/msps/actualizar',
    '/msps/delegados', (p) => enlace(p, /^\/msps\/delegados\/\d+$/), '/msps/ap/reporte', '/msps/sat',
    (p) => enlace(p, /^\/msps\/sat\/entidades\/\d+$/), '/msps/sat/servicios',
    (p) => enlace(p, /^\/msps\/sat\/servicios\/\d+$/)],
  CC1010202040: ['/admin', '/admin/cuentas', '/admin/bloqueos', '/admin/correo', '/admin/smtp',
    '/admin/dos-pasos'],
  [CCF]: ['/sat', (p) => enlace(p, /^\/sat\/servicios\/\d+$/), '/sat/compartidos', '/sat/compartidos/nuevo'],
  [AP]: ['/sat', (p) => enlace(p, /^\/sat\/servicios\/\d+$/), '/sat/reporte'],
  CC1010202050: ['/roles'],
};

test('no page scrolls sideways at 1366x768 or 390x844, as each role; the phone header stays small', async () => {
  const vistos = [];
  for (const [user, paginas] of Object.entries(PAGINAS)) {
    const page = await pageAs(user);
    for (const x of paginas) {
      const ruta = typeof x === 'function' ? await x(page) : x;
      for (const vp of [LAPTOP, PHONE]) {
        await page.setViewportSize(vp);
        const r = await page.goto(inst.base + ruta);
        assert.equal(r.status(), 200, `${user} ${ruta}`);
        assert.deepEqual(await problemasDeAncho(page), [], `${user} ${ruta} at ${vp.width}x${vp.height}`);
        const header = page.locator('header.site');
        if (vp === PHONE && await header.count() && await page.locator('[data-k="login"]').count()) {
          const alto = (await header.boundingBox()).y + (await header.boundingBox()).height;
          assert.ok(alto <= 0.3 * vp.height, `${user} ${ruta}: the header takes ${alto} px of ${vp.height}`);
        }
      }
      vistos.push(`${user} ${ruta}`);
    }
    await page.context().close();
  }
  assert.ok(vistos.length >= 40, `${vistos.length} pages`);
  watcher.assertClean('every role\'s pages');
});

test('the AP chart scales with the screen and draws its whole legend inside', async () => {
  const page = await pageAs(AP);
  for (const vp of [LAPTOP, PHONE]) {
    await page.setViewportSize(vp);
    const r = await page.goto(inst.base + '/sat/reporte');
    assert.equal(r.status(), 200);
    const g = await page.locator('svg[data-k="grafica"]').evaluate((svg) => {
      const box = svg.getBoundingClientRect(), card = svg.parentElement.getBoundingClientRect();
      const textos = [...svg.querySelectorAll('text')].filter((t) => t.previousElementSibling &&
        t.previousElementSibling.tagName === 'rect' && t.previousElementSibling.getAttribute('width') === '10');
      return { viewBox: svg.getAttribute('viewBox'), box: { left: box.left, right: box.right },
        card: { left: card.left, right: card.right },
        leyenda: textos.map((t) => { const b = t.getBoundingClientRect(); return { texto: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom }; }),
        alto: { top: box.top, bottom: box.bottom } };
    });
    assert.match(g.viewBox, /^0 0 \d+ \d+$/);
    assert.ok(g.box.right <= g.card.right + 0.5, `the chart fits its card at ${vp.width}: ${g.box.right} > ${g.card.right}`);
    assert.deepEqual(g.leyenda.map((l) => l.texto), ['token', 'ReportarAfiliaciontraslado', 'ReportarRetractoAfiliacion']);
    for (const l of g.leyenda)
      assert.ok(l.left >= g.box.left && l.right <= g.box.right + 0.5 && l.bottom <= g.alto.bottom + 0.5,
        `legend "${l.texto}" inside the chart at ${vp.width}: ${JSON.stringify(l)} in ${JSON.stringify(g.box)}`);
    await b.screenshot(page, `pantallas-ap-reporte-${vp.width}`);
  }
  watcher.assertClean('the AP report');
});

test('Probar conexión: the result fits both screens', async () => {
  // A shared service whose URLs are long and lead nowhere (port 1), through the forms.
  const c = inst.client();
  assert.equal((await c.login(CCF)).status, 303);
  await c.post('/sat/terminos', { csrf: await c.csrf('/sat/terminos'), decision: 'acepto' });
  const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const largo = '/afiliaciones/consulta-de-novedades-de-traslado/' + 'segmento-muy-largo-'.repeat(6) + 'fin';
  let r = await c.post('/sat/compartidos/nuevo', { csrf: await c.csrf('/sat/compartidos/nuevo'),
    nombre: 'consulta-novedades', descripcion: 'Servicio de prueba de anchura',
    url: `https://127.0.0.1:1${largo}`, metodo: 'POST', llave: publicKey,
    ejemplo: JSON.stringify({ documento: '1020300010', observaciones: 'x'.repeat(200) }) });
  assert.equal(r.status, 303, [...r.text.matchAll(/<p class="error" id="([^"]*)">([^<]*)/g)].map((m) => m[1] + ': ' + m[2]).join('; '));
  const id = Number(inst.sql("SELECT id FROM servicio_compartido WHERE nombre = 'consulta-novedades'"));
  const cp = `/sat/compartidos/${id}/credenciales`;
  r = await c.post(cp, { csrf: await c.csrf(cp), token_nombre: 'token-sat',
    token_url: `https://127.0.0.1:1/oauth2/v2.0/token${largo}`, grant_type: 'client_credentials',
    cliente_auth: 'basic', client_id: 'cliente-sat', client_secret: 's3creto', scope: '' });
  assert.equal(r.status, 303, [...r.text.matchAll(/<p class="error" id="([^"]*)">([^<]*)/g)].map((m) => m[1] + ': ' + m[2]).join('; '));

  const page = await pageAs(CCF);
  r = await page.goto(inst.base + `/sat/compartidos/${id}/probar`);
  assert.equal(r.status(), 200);
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Probar conexión' }).click());
  assert.equal(r.status(), 200);
  assert.ok(await page.locator('[data-k="paso-token"]').isVisible(), 'the result of the token step');
  for (const vp of [LAPTOP, PHONE]) {
    await page.setViewportSize(vp);
    assert.deepEqual(await problemasDeAncho(page), [], `Probar conexión at ${vp.width}`);
    await b.screenshot(page, `pantallas-probar-${vp.width}`);
  }
  for (const ruta of ['/sat/compartidos', `/sat/compartidos/${id}`]) {
    await page.goto(inst.base + ruta);
    for (const vp of [LAPTOP, PHONE]) {
      await page.setViewportSize(vp);
      assert.deepEqual(await problemasDeAncho(page), [], `${ruta} at ${vp.width}`);
    }
  }
  watcher.assertClean('Probar conexión');
});

test('an error summary lists links to the fields in error and takes the focus; without JavaScript it is still there', async () => {
  const page = await pageAs(DISP);
  await page.goto(inst.base + '/mipres/direccionamientos');
  const form = page.locator('form[data-k="por-prescripcion"]');
  await form.getByLabel('Número de prescripción').fill('12a');
  watcher.expect('GET', '/mipres/direccionamientos', 400);
  let r = await b.navigate(page, () => form.getByRole('button', { name: 'Buscar' }).click());
  assert.equal(r.status(), 400);
  const resumen = page.locator('[data-resumen]');
  assert.equal(await resumen.getAttribute('role'), 'alert');
  assert.ok(await resumen.evaluate((e) => e === document.activeElement), 'the summary has the focus');
  const link = resumen.getByRole('link');
  assert.deepEqual(await link.allTextContents(), ['Escriba el número de prescripción: solo dígitos, hasta 20.']);
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-prescripcion', 'the link leads to the field');
  assert.equal(await page.locator('#f-prescripcion').inputValue(), '12a', 'the value is kept');
  watcher.assertClean('the error summary');

  // Without JavaScript: the same summary and links, and a line's detail opens all the same.
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true, javaScriptEnabled: false,
    viewport: PHONE, locale: 'es-CO', timezoneId: 'America/Bogota' });
  open.push(ctx);
  const sin = await ctx.newPage();
  await b.login(sin, inst.base, DISP, undefined, inst);
  r = await sin.goto(inst.base + '/mipres/direccionamientos?por=prescripcion&prescripcion=12a');
  assert.equal(r.status(), 400);
  assert.equal(await sin.locator('[data-resumen] a[href="#f-prescripcion"]').count(), 1);
  await sin.goto(inst.base + LISTA());
  const linea = sin.locator('ol[data-k="lineas"] > li').first();
  await linea.getByText('Detalle de la línea').click();
  assert.ok(await linea.locator('[data-k="est-direccionamiento"]').isVisible());
});
