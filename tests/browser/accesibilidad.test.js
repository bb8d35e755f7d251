// WCAG 2.1 AA (Resolución 1519 de 2020) in a real browser: axe-core, injected into every page
// each kind of user reaches (public pages; a MIPRES dispenser; an IHCE delegate; a funcionario
// MSPS; the administrator; a CCF's and an AP's SAT autorizado), at 1366x768 and 390x844, must
// find no violation of the WCAG 2.0 and 2.1 A and AA rules. Each role's pages are found by
// following the links of its pages from its home (one page per route and query shape), plus
// the states links do not reach (forms sent back with their errors, a Cargue masivo result, the
// second login step). Each page is also kept as a screenshot at both sizes in
// tests/screenshots/ (a11y-<role>-<page>-<size>.png) for a person to look at.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal, DEMO_PASSWORD, secretOf, totpAt, totpStep } = require('../lib/portal.js');
const b = require('./browser.js');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// And the rules behind the other findings: one banner (and one main, one footer),
// everything inside a landmark, and targets of at least 24 x 24 px (WCAG 2.2 2.5.8).
const EXTRA = ['landmark-no-duplicate-banner', 'landmark-banner-is-top-level', 'landmark-one-main',
  'landmark-no-duplicate-contentinfo', 'region', 'target-size'];
const SIZES = [{ width: 1366, height: 768 }, { width: 390, height: 844 }];
// Links the crawl does not follow: downloads (CSV, templates, the designation letter, the
// QR image), images, static files and other sites.
const NO_SEGUIR = /\.csv|formato=csv|\/plantilla|\/carta$|\/qr$|\/reto\/|^\/static\//;
// The footer's public pages, checked once without a session.
const PUBLICAS = ['/login', '/registro', '/registro/otro', '/clave/olvido', '/privacidad',
  '/terminos', '/accesibilidad'];

// Today in Colombia (UTC-5), YYYY-MM-DD: the demo's MIPRES lines are dated today.
const hoy = () => new Date(Date.now() - 5 * 3600e3).toISOString().slice(0, 10);

let inst, browser, watcher;
const open = [];
// Every page checked: "role path" → number of violations, for the summary.
const revisadas = [];
// Pages wider than the window (the whole page scrolls sideways): reported, not failed here.
const anchas = [];
// Milliseconds spent loading pages, in axe-core and in screenshots, for the summary.
const ms = { carga: 0, axe: 0, captura: 0 };
const medir = async (k, f) => { const t = Date.now(); try { return await f(); } finally { ms[k] += Date.now() - t; } };

before(async () => {
  const [p, c] = await Promise.allSettled([startPortal(), b.launch()]);
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

async function openPage() {
  const p = await b.openPage(browser, inst.base, watcher);
  open.push(p.context);
  return p;
}

// The path and query of the page shown.
const actual = (page) => { const u = new URL(page.url()); return u.pathname + u.search; };

// A file-name-safe name for a path.
const slug = (p) => (p.replace(/^\//, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '') || 'inicio').slice(0, 80);

// Runs axe-core on the page as shown now, at each size, saving a screenshot of each; returns
// the violations as readable lines ("[size] rule (impact): help — target: html").
async function revisar(page, rol, nombre = actual(page)) {
  const lineas = [];
  for (const s of SIZES) {
    await page.setViewportSize(s);
    // page.evaluate runs outside the page's CSP (which allows no inline script).
    const res = await medir('axe', async () => {
      if (!await page.evaluate(() => typeof window.axe === 'object')) await page.evaluate(AXE);
      return page.evaluate(([tags, extra]) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
        rules: Object.fromEntries(extra.map((r) => [r, { enabled: true }])) }), [TAGS, EXTRA]);
    });
    assert.ok(res.passes.length > 20, `axe-core ran on ${nombre}`);
    if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth))
      anchas.push(`${rol} ${nombre} ${s.width}x${s.height}`);
    for (const v of res.violations) {
      for (const n of v.nodes.slice(0, 5))
        lineas.push(`[${s.width}x${s.height}] ${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}: ${n.html.slice(0, 160)}${n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 200) : ''}`);
    }
    fs.mkdirSync(b.SCREENSHOTS, { recursive: true });
    await medir('captura', () => page.screenshot({ fullPage: true, timeout: 90000,
      path: path.join(b.SCREENSHOTS, `a11y-${rol}-${slug(nombre)}-${s.width}x${s.height}.png`) }));
  }
  revisadas.push([rol, nombre, lineas.length]);
  return lineas;
}

// The key a page is visited once by: its path with numeric segments as {n}, and its
// query's names.
function clave(u) {
  const keys = [...u.searchParams.keys()].sort().join('&');
  return u.pathname.replace(/\/\d+(?=\/|$)/g, '/{n}') + (keys ? '?' + keys : '');
}

// Visits each path of inicio and every page its links lead to on this site (one per key,
// except those in ya), checking each; returns { violations: [...], visitadas: [...] }.
async function recorrer(page, rol, inicio, ya = new Set(PUBLICAS)) {
  const cola = [...new Set(inicio)], vistas = new Set(), fallas = [], visitadas = [];
  for (const p of inicio) vistas.add(clave(new URL(p, inst.base)));
  while (cola.length) {
    const p = cola.shift();
    const r = await medir('carga', () => page.goto(inst.base + p));
    assert.ok(r.status() < 400, `${rol} ${p}: status ${r.status()}`);
    visitadas.push(p);
    for (const l of await revisar(page, rol, p)) fallas.push(`${rol} ${p} ${l}`);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
    for (const h of hrefs) {
      const u = new URL(h);
      u.hash = '';
      if (u.origin !== inst.base || NO_SEGUIR.test(u.pathname + u.search)) continue;
      const k = clave(u);
      if (vistas.has(k) || ya.has(u.pathname)) continue;
      vistas.add(k);
      cola.push(u.pathname + u.search);
    }
  }
  return { fallas, visitadas };
}

// Logs user in through the form; for staff, checks the second-step page too.
async function ingresar(page, user, rol, fallas) {
  await page.goto(inst.base + '/login');
  await page.getByLabel('Usuario').fill(user);
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await b.navigate(page, () => page.getByRole('button', { name: 'Ingresar' }).click());
  if (new URL(page.url()).pathname === '/login/codigo') {
    for (const l of await revisar(page, rol)) fallas.push(`${rol} /login/codigo ${l}`);
    inst.sql(`UPDATE totp SET ultimo_paso = NULL WHERE usuario_id = (SELECT id FROM usuario WHERE login = '${user}')`);
    await page.getByLabel('Código de verificación').fill(totpAt(secretOf(inst.base, user), totpStep()));
    await b.navigate(page, () => page.getByRole('button', { name: 'Verificar' }).click());
  }
  assert.equal(await page.locator('[data-k="login"]').textContent(), user);
}

// Sends the form holding button (named nombre) of the page at p as it is (usually empty),
// expecting status, and checks the page it answers.
async function enviar(page, rol, p, nombre, status, fallas) {
  await page.goto(inst.base + p);
  const u = new URL(page.url());
  watcher.expect('POST', u.pathname, status);
  const r = await b.navigate(page, () => page.getByRole('button', { name: nombre, exact: true }).click());
  assert.equal(r.status(), status, `${rol} ${p}: ${nombre}`);
  for (const l of await revisar(page, rol, `${p} enviado`)) fallas.push(`${rol} ${p} (enviado) ${l}`);
}

function sinFallas(fallas) {
  assert.deepEqual(fallas, [], `axe-core found ${fallas.length} violation(s):\n${fallas.join('\n')}`);
  watcher.assertClean('pages checked');
}

test('public pages, their forms sent back with errors, and the error pages have no WCAG 2.1 AA violation', async () => {
  const { page } = await openPage();
  const { fallas } = await recorrer(page, 'publico', PUBLICAS, new Set());
  await enviar(page, 'publico', '/login', 'Ingresar', 400, fallas);
  await enviar(page, 'publico', '/clave/olvido', 'Enviar enlace', 400, fallas);
  watcher.expect('GET', '/no-existe', 404);
  await page.goto(inst.base + '/no-existe');
  for (const l of await revisar(page, 'publico', '/no-existe')) fallas.push(`publico /no-existe ${l}`);
  sinFallas(fallas);
});

// Logs user in and checks every page their links reach from start (and extra paths): at
// least min pages.
async function rol(rol, user, inicio, min = 4) {
  const { page } = await openPage();
  const fallas = [];
  await ingresar(page, user, rol, fallas);
  const { fallas: f, visitadas } = await recorrer(page, rol, [actual(page), ...inicio]);
  assert.ok(visitadas.length >= min, `${rol}: the crawl reached ${visitadas.join(', ')}`);
  return { page, fallas: fallas.concat(f) };
}

test('a MIPRES dispenser\'s pages (and the EPS\'s), a form sent back and a Cargue masivo result', async () => {
  const dir = `/mipres/direccionamientos?por=fecha&fecha=${hoy()}`;
  const { page, fallas } = await rol('dispensador', 'ADMINMIPRESPROV901500013', [dir]);
  // A line the dispenser may program, its form sent empty.
  const id = inst.sql(`SELECT l.id FROM mipres_linea l WHERE l.prov_nit = '901500013' AND NOT EXISTS (SELECT 1 FROM mipres_paso p WHERE p.linea_id = l.id AND p.tipo <> 'D') AND EXISTS (SELECT 1 FROM mipres_paso p WHERE p.linea_id = l.id AND p.tipo = 'D' AND p.estado = 1) LIMIT 1`).trim();
  assert.match(id, /^\d+$/);
  await enviar(page, 'dispensador', `/mipres/programar/${id}`, 'Registrar programación', 400, fallas);
  // Cargue masivo: two rows the portal rejects, listed on the result page.
  await page.goto(inst.base + '/mipres/cargue');
  await page.getByLabel('Tipo de registros').selectOption({ label: 'Entregas' });
  await page.getByLabel('Archivo CSV o JSON').setInputFiles({ name: 'entregas.csv', mimeType: 'text/csv',
    buffer: Buffer.from('ID;CodSerTecEntregado;CantTotEntregada;EntTotal;FecEntrega;NoLote;TipoIDRecibe;NoIDRecibe\r\n' +
      '999999991;019971860-01;1;1;' + hoy() + ';L1;CC;1\r\n999999992;x;0;1;' + hoy() + ';L1;CC;1\r\n') });
  const r = await b.navigate(page, () => page.getByRole('button', { name: 'Cargar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(await page.locator('[data-k="rechazadas"]').textContent(), '2');
  for (const l of await revisar(page, 'dispensador', '/mipres/cargue resultado')) fallas.push(`dispensador cargue ${l}`);
  const eps = await rol('eps', 'ADMINMIPRESEPSC901234561', [dir]);
  sinFallas(fallas.concat(eps.fallas));
});

test('an IHCE delegate\'s pages: with keys, and with no request (its form sent back with errors)', async () => {
  const conLlaves = await rol('delegado', 'ADMINHCEIPS800100037', ['/ihce/llaves', '/autorizados/nuevo']);
  const nuevo = await rol('delegado-nuevo', 'ADMINHCEIPS800100000', ['/ihce/solicitud']);
  const fallas = conLlaves.fallas.concat(nuevo.fallas);
  await enviar(nuevo.page, 'delegado-nuevo', '/ihce/solicitud', 'Enviar solicitud', 400, fallas);
  await enviar(conLlaves.page, 'delegado', '/autorizados/nuevo', 'Guardar', 400, fallas);
  sinFallas(fallas);
});

test('a funcionario MSPS\'s queues, requests and SAT and AP pages', async () => {
  const { fallas } = await rol('funcionario', 'CC1010202030', ['/msps/actualizar', '/msps/delegados',
    '/msps/sat', '/msps/sat/servicios', '/msps/ap/reporte', '/msps/ambientes']);
  sinFallas(fallas);
});

test('the administrator\'s pages, and the role list of a person with several roles', async () => {
  const admin = await rol('administrador', 'CC1010202040', ['/admin/cuentas', '/admin/bloqueos',
    '/admin/correo', '/admin/smtp', '/admin/dos-pasos']);
  // Before choosing, the role list links only to itself and the footer's pages.
  const varios = await rol('varios-roles', 'CC1010202050', ['/roles'], 2);
  sinFallas(admin.fallas.concat(varios.fallas));
});

test('a CCF\'s SAT pages (terms, services, shared services and their forms) and an AP\'s', async () => {
  const ccf = await rol('ccf', 'CC1020300010', []);
  const fallas = ccf.fallas;
  if (new URL(ccf.page.url()).pathname !== '/sat') {
    await ccf.page.goto(inst.base + '/sat/terminos');
    await b.navigate(ccf.page, () => ccf.page.getByRole('button', { name: 'Acepto', exact: true }).click());
  }
  fallas.push(...(await recorrer(ccf.page, 'ccf', ['/sat', '/sat/compartidos/nuevo'])).fallas);
  await enviar(ccf.page, 'ccf', '/sat/compartidos/nuevo', 'Guardar datos del servicio', 400, fallas);
  const ap = await rol('ap', 'CC1030400010', ['/sat/reporte']);
  sinFallas(fallas.concat(ap.fallas));
});


// The relative luminance of a CSS colour "rgb(r, g, b)" (WCAG 2.1).
function luminancia(css) {
  const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map((x) => {
    const c = Number(x) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
}
const contraste = (a, c) => {
  const [x, y] = [luminancia(a), luminancia(c)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

test('the keyboard focus ring contrasts at least 3:1 with what surrounds it, on white and on the GOV.CO bar', async () => {
  const { page } = await openPage();
  await page.goto(inst.base + '/login');
  const vistos = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const cs = getComputedStyle(e);
      // The colour around the element: the first ancestor with a background.
      let p = e.parentElement, bg = null;
      for (; p && !bg; p = p.parentElement) {
        const c = getComputedStyle(p).backgroundColor;
        if (c !== 'rgba(0, 0, 0, 0)') bg = c;
      }
      return { que: `${e.tagName} ${(e.textContent.trim() || e.id).slice(0, 40)}`, style: cs.outlineStyle,
        width: parseFloat(cs.outlineWidth), offset: parseFloat(cs.outlineOffset), color: cs.outlineColor,
        halo: cs.boxShadow, bg: bg || 'rgb(255, 255, 255)' };
    });
    if (!f || vistos.some((v) => v.que === f.que)) break;
    vistos.push(f);
  }
  assert.ok(vistos.length >= 10, `focusable elements reached: ${vistos.map((v) => v.que).join(', ')}`);
  assert.ok(vistos.some((v) => v.que.startsWith('A GOV.CO — Portal') && v.bg === 'rgb(51, 102, 204)'),
    `the GOV.CO link, on the blue bar, is reached: ${JSON.stringify(vistos)}`);
  for (const v of vistos) {
    assert.equal(v.style, 'solid', `${v.que}: outline style`);
    assert.ok(v.width >= 3 && v.offset >= 2, `${v.que}: a 3 px ring 2 px outside (${v.width}, ${v.offset})`);
    assert.ok(contraste(v.color, v.bg) >= 3, `${v.que}: ring ${v.color} on ${v.bg}: ${contraste(v.color, v.bg).toFixed(2)}:1`);
    assert.match(v.halo, /rgb\(255, 255, 255\) 0px 0px 0px 2px/, `${v.que}: white halo`);
    assert.ok(contraste(v.color, 'rgb(255, 255, 255)') >= 3, `${v.que}: ring on its white halo`);
  }
  // The calendar button of a date input shows its own focus: the button's pixels change
  // when Tab reaches it (the input itself then keeps its focus, so only the button shows it).
  await ingresar(page, 'ADMINMIPRESPROV901500013', 'foco', []);
  await page.goto(inst.base + '/mipres/direccionamientos');
  const fecha = page.locator('#f-fecha');
  const bb = await fecha.boundingBox();
  const boton = { x: bb.x + bb.width - 38, y: bb.y + 4, width: 34, height: bb.height - 8 };
  const quieto = await page.screenshot({ clip: boton });
  await fecha.focus();
  let n = 0;
  while (n < 6 && await page.evaluate(() => document.activeElement.id) === 'f-fecha') {
    n++;
    await page.keyboard.press('Tab');
  }
  assert.ok(n >= 2, `the date input takes ${n} Tab(s)`);
  await page.keyboard.press('Shift+Tab');	// back to the calendar button, its last stop
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-fecha');
  const enfocado = await page.screenshot({ clip: boton });
  assert.ok(!quieto.equals(enfocado), 'the calendar button looks different when focused');
});

test('checkboxes and file inputs are at least 24 x 24 px (WCAG 2.2 2.5.8)', async () => {
  const { page } = await openPage();
  for (const p of ['/registro', '/registro/otro']) {
    await page.goto(inst.base + p);
    const cajas = await page.locator('input[type=checkbox], input[type=radio], input[type=file]').evaluateAll(
      (es) => es.map((e) => { const r = e.getBoundingClientRect(); return [e.type, e.id, r.width, r.height]; }));
    assert.ok(cajas.some(([t]) => t === 'checkbox'), `${p}: a checkbox`);
    for (const [t, id, w, h] of cajas) assert.ok(w >= 24 && h >= 24, `${p} ${t} #${id}: ${w}x${h}`);
  }
});

test('summary: pages checked, pages wider than the window, time spent', () => {
  const porRol = {};
  for (const [r] of revisadas) porRol[r] = (porRol[r] || 0) + 1;
  console.log(`# axe-core ${require('axe-core/package.json').version}: ${revisadas.length} pages at 2 sizes`, porRol);
  console.log(`# ${anchas.length} page(s) scroll sideways as a whole:\n${anchas.join('\n')}`);
  console.log(`# seconds loading pages ${ms.carga / 1000}, in axe-core ${ms.axe / 1000}, in screenshots ${ms.captura / 1000}`);
});
