// The GOV.CO look every page shares: the GOV.CO bar linking to www.gov.co, one banner, the
// footer with the ministry's contact details and modules, and the three public pages it links
// to (personal-data policy, terms of use, accessibility statement); the Work Sans files the
// stylesheet names are served, and the CSP lets the page load them.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal, ROOT } = require('../../lib/portal');
const h = require('../helpers');

const PAGINAS = {
  '/privacidad': ['Política de tratamiento de datos personales', [/Ley Estatutaria 1581 de 2012/,
    /Superintendencia de Industria y Comercio/, /conocer, actualizar y rectificar/]],
  '/terminos': ['Términos de uso', [/personales e intransferibles/, /Ley 1273 de 2009/]],
  '/accesibilidad': ['Declaración de accesibilidad', [/WCAG\) 2\.1/, /nivel AA/,
    /Resolución 1519 de 2020/, /¿Encontró una barrera\?/]],
};

let inst;
before(async () => { inst = await startPortal(); });
after(async () => { await inst.stop(); });

// The <footer> of a page.
function pieOf(html) {
  const m = /<footer class="site">([\s\S]*?)<\/footer>/.exec(html);
  assert.ok(m, 'a footer');
  return m[1];
}

// Checks the layout's GOV.CO parts on a page: one banner (the header, holding the GOV.CO
// bar), the bar's link, and the footer's contact details, modules and links; returns the
// footer's link targets.
function assertLayout(html, what) {
  assert.equal((html.match(/<header\b/g) || []).length, 1, `${what}: one header`);
  assert.doesNotMatch(html, /role="banner"/, `${what}: no second banner`);
  const header = /<header class="site">([\s\S]*?)<\/header>/.exec(html)[1];
  assert.match(header, /<nav class="govco" aria-label="Portal del Estado colombiano">\s*<a class="govco-logo" href="https:\/\/www\.gov\.co">/,
    `${what}: the GOV.CO bar inside the header`);
  const pie = pieOf(html);
  const texto = pie.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  for (const s of ['Ministerio de Salud y Protección Social', 'Carrera 13 No. 32-76, Bogotá D.C.',
    'PBX: (601) 330 5000', 'Línea gratuita nacional: 018000 960020',
    'Horario de atención: lunes a viernes de 7:00 a 16:30'])
    assert.ok(texto.includes(s), `${what}: the footer says ${s}`);
  assert.deepEqual(h.dataKAll(pie, 'modulos').length, 1);
  const modulos = [...pie.matchAll(/<li>(IHCE|SAT|MIPRES|AP|Cuentas)\b/g)].map((m) => m[1]);
  assert.deepEqual(modulos, ['IHCE', 'SAT', 'MIPRES', 'AP', 'Cuentas'], `${what}: the modules`);
  assert.match(pie, /href="tel:\+576013305000"/);
  assert.match(pie, /href="https:\/\/www\.gov\.co"/);
  return [...pie.matchAll(/<a href="(\/[^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
}

test('the login page has one banner with the GOV.CO bar and the footer links to the three public pages', async () => {
  const c = inst.client();
  const r = await c.get('/login');
  assert.equal(r.status, 200);
  assert.deepEqual(assertLayout(r.text, '/login'), [
    ['/privacidad', 'Política de tratamiento de datos personales'],
    ['/terminos', 'Términos de uso'],
    ['/accesibilidad', 'Declaración de accesibilidad'],
  ]);
});

test('each footer page answers without a session, in Spanish, with its title, breadcrumb and content', async () => {
  const c = inst.client();
  for (const [p, [titulo, contenido]] of Object.entries(PAGINAS)) {
    const r = await c.get(p);
    assert.equal(r.status, 200, p);
    assert.match(r.headers['content-type'], /^text\/html; charset=utf-8/);
    h.assertSecurityHeaders(r, p);
    assert.match(r.text, /<html lang="es">/);
    assert.match(r.text, new RegExp(`<title>${titulo} · Portal de Interoperabilidad · MinSalud</title>`));
    const main = h.mainOf(r.text);
    assert.deepEqual([...main.matchAll(/<h1>([^<]*)<\/h1>/g)].map((m) => m[1]), [titulo], p);
    assert.match(r.text, new RegExp(`<span aria-current="page">${titulo}</span>`), `${p}: breadcrumb`);
    for (const re of contenido) assert.match(main, re, `${p}: ${re}`);
    assertLayout(r.text, p);
    assert.equal(h.dataKAll(r.text, 'login').length, 0, `${p}: no session header`);
    assert.equal(c.cookies.size, 0, `${p}: no cookie set`);
  }
  // The pages only answer GET (and HEAD).
  assert.equal((await c.request('HEAD', '/privacidad')).status, 200);
  assert.equal((await c.post('/terminos', { csrf: 'x' })).status, 405);
});

test('a logged-in user reads the footer pages with the session header', async () => {
  const c = await h.loginAs(inst, h.DEL_LLAVES);
  for (const p of Object.keys(PAGINAS)) {
    const r = await c.get(p);
    assert.equal(r.status, 200, p);
    assert.deepEqual(h.dataKAll(r.text, 'login'), [h.DEL_LLAVES], p);
  }
});

test('the stylesheet loads Work Sans from static/fonts (latin and latin-ext, 400/500/700) and the CSP allows it', async () => {
  const c = inst.client();
  const css = await c.get('/static/portal.css');
  assert.equal(css.status, 200);
  const faces = [...css.text.matchAll(/@font-face \{([^}]*)\}/g)].map((m) => m[1]);
  const urls = faces.map((f) => {
    assert.match(f, /font-family: "Work Sans"/);
    assert.match(f, /font-display: swap/);
    return /url\(([^)]+)\)/.exec(f)[1];
  });
  const want = [];
  for (const w of [400, 500, 700]) for (const s of ['latin-ext', 'latin']) want.push(`fonts/work-sans-${s}-${w}-normal.woff2`);
  assert.deepEqual(urls, want);
  assert.match(css.text, /font: [^;]*"Work Sans", Arial/);
  for (const u of urls) {
    const r = await c.get('/static/' + u);
    assert.equal(r.status, 200, u);
    assert.equal(r.headers['content-type'], 'font/woff2', u);
    assert.equal(r.text.slice(0, 4), 'wOF2', u);
  }
  const page = await c.get('/login');
  assert.match(page.headers['content-security-policy'], /font-src 'self'/);
  const logo = await c.get('/static/govco.svg');
  assert.equal(logo.status, 200);
  assert.match(logo.headers['content-type'], /^image\/svg\+xml/);
});

test('nginx\'s own pages (413, 429, 503) share the GOV.CO bar, the skip link and the footer', async () => {
  const c = inst.client();
  for (const [f, h1] of [['413', 'Archivo demasiado grande'], ['429', 'Demasiadas solicitudes'],
    ['503', 'Servicio no disponible por un momento']]) {
    // The 503 page is nginx's internal answer only (tests/e2e/core/disponibilidad.test.js
    // provokes it): read from the file.
    let r = await c.get(`/static/${f}.html`);
    if (f === '503') {
      assert.equal(r.status, 404, 'not served directly');
      r = { text: fs.readFileSync(path.join(ROOT, 'static', '503.html'), 'utf8') };
    } else {
      assert.equal(r.status, 200, f);
    }
    assertLayout(r.text, f);
    assert.match(r.text, /<a class="skip" href="#contenido">Ir al contenido<\/a>/, `${f}: the skip link`);
    assert.match(r.text, new RegExp(`<main id="contenido">\\s*<h1>${h1}</h1>`), `${f}: its heading in main`);
    assert.match(r.text, new RegExp(`<title>${h1} · Portal de Interoperabilidad · MinSalud</title>`), f);
    assert.doesNotMatch(r.text, /\{\{|Cerrar sesión/, `${f}: no template markers, no session`);
  }
});
