// One thing, one name (issue 12 §5): every page each demo login reaches, a few answers that
// only a form brings, the mails they send, every template and the handlers' messages follow
// the glossary of README.md ("## Glosario"), whose forbidden words are tests/lib/glosario.js.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal, csrfOf, ROOT } = require('../../lib/portal.js');
const g = require('../../lib/glosario.js');
const h = require('../helpers.js');

// The demo logins of README.md, "Demo logins".
const LOGINS = ['CC1010202030', 'CC1010202040', 'ADMINHCEIPS800100000', 'ADMINHCEIPS800100037',
  'ADMINHCEIPS800100074', 'ADMINHCEIPS800100111', 'CC1010202050', 'ADMINHCEIPS800100370',
  'CC1020300010', 'CC1020300020', 'CC1020300030', 'ADMINSATCCF892300110', 'CC1030400010',
  'CC1030400020', 'ADMINMIPRESEPSC901234561', 'ADMINMIPRESPROV901500013', 'CC1040500010',
  'ADMINMIPRESPROV901500021'];
// Registered, waiting for the ministry: the login answers with one page.
const EN_ESPERA = ['ADMINWSAP800900202', 'ADMINHCEIPS901888004'];
// SAT autorizados who accept the terms first, so that their pages open (CC1020300020 does
// not: its walk reads the terms).
const ACEPTAN = ['CC1020300010', 'CC1030400010'];

const POR_LOGIN = 80;	// pages read per login at most
const POR_FORMA = 3;	// pages of one shape (/msps/solicitudes/N, ?p=N) at most

let inst;
const faltas = [];	// every finding, "where: what"
const vistas = new Map();	// login -> paths read

before(async () => { inst = await startPortal(); });
after(async () => { if (inst) await inst.stop(); });

// Applies every rule to one page; a finding is recorded with its place.
function revisar(donde, p, html) {
  const lineas = g.texto(html);
  for (const f of new Set([...g.prohibidas(lineas, { path: p }), ...g.signos(lineas), ...g.mayusculas(html)])) {
    faltas.push(`${donde} ${p}: ${f}`);
  }
  const pie = /<footer\b[^>]*>([\s\S]*?)<\/footer>/.exec(html);
  const modulos = pie ? g.texto(pie[1]).join(' ') : '';
  for (const m of ['IHCE', 'SAT', 'MIPRES', 'AP']) {
    if (!new RegExp(`\\b${m}\\b`).test(modulos)) faltas.push(`${donde} ${p}: the footer does not name ${m}`);
  }
}

// The same-site links of a page worth reading (no downloads, no static files).
function enlaces(html) {
  const out = [];
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)) {
    const href = h.htmlDecode(m[1]);
    if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/static/')) continue;
    if (/\.(csv|pdf)(\?|$)|\/carta$|\/plantilla/.test(href)) continue;
    out.push(href.split('#')[0]);
  }
  return out;
}

// Reads the pages c reaches from start (GET only, redirects followed), POR_LOGIN at most.
async function recorrer(c, donde, start) {
  const cola = [...start], visto = new Set(), formas = new Map(), leidas = [];
  while (cola.length && leidas.length < POR_LOGIN) {
    const p = cola.shift();
    if (visto.has(p)) continue;
    visto.add(p);
    const u = new URL(p, 'https://x');
    const forma = u.pathname.replace(/\d+/g, 'N') + '?' + [...u.searchParams.keys()].sort().join('&');
    if ((formas.get(forma) || 0) >= POR_FORMA) continue;
    formas.set(forma, (formas.get(forma) || 0) + 1);
    const r = await c.get(p);
    if (r.status >= 300 && r.status < 400 && r.headers.location) {
      cola.push(new URL(r.headers.location, 'https://x').pathname + new URL(r.headers.location, 'https://x').search);
      continue;
    }
    if (!/text\/html/.test(r.headers['content-type'] || '')) continue;
    leidas.push(p);
    revisar(donde, p, r.text);
    cola.push(...enlaces(r.text));
  }
  return leidas;
}

test('the README glossary names exactly the words the test forbids', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /^## Glosario\n([\s\S]*?)^## /m.exec(readme);
  assert.ok(m, 'README.md has a "## Glosario" section');
  const no = new Set();
  for (const fila of m[1].split('\n').filter((l) => l.startsWith('| ') && !/^\|[-| ]+\|$/.test(l))) {
    const celdas = fila.split('|');
    for (const w of celdas[celdas.length - 2].matchAll(/`([^`]+)`/g)) no.add(w[1]);
  }
  no.delete('Not');
  assert.deepEqual([...no].sort(), [...g.NO].sort());
});

test('the checks find what they look for', () => {
  const html = '<h1>REGISTRO SATISFACTORIO</h1><h3><span>POST</span> <code>/x</code></h3>' +
    '<p class="notice">Registro creado con éxito!</p><a href="/a">Actualizar keys</a> ' +
    '<a href="/b" aria-label="Ingresar info">Ir</a><dt>ClientID</dt><dt>Client Id</dt>' +
    '<label>Username</label><code>grant_type=password client_id</code><p>¡Listo! ¿Sí? Client ID.</p>';
  const l = g.texto(html);
  assert.deepEqual(g.prohibidas(l).map((f) => /«([^»]*)»/.exec(f)[1]),
    ['keys', 'Ingresar info', 'ClientID', 'Client Id', 'Username']);
  assert.equal(g.signos(l).length, 1);
  assert.deepEqual(g.mayusculas(html), ['<h1>REGISTRO SATISFACTORIO</h1>']);
  // "token" on the IHCE pages only inside the ministry's names.
  assert.deepEqual(g.prohibidas(['Asignar token', 'Se ha asignado el token'], { path: '/msps/asignar' }), []);
  assert.equal(g.prohibidas(['El token de su entidad'], { path: '/ihce' }).length, 1);
  assert.deepEqual(g.prohibidas(['Token del servicio web MIPRES'], { path: '/mipres/token' }), []);
});

test('every page of every demo login follows the glossary, with both marks, no capitals in headings, and a footer naming every module', async (t) => {
  vistas.set('(sin sesión)', await recorrer(inst.client(), '(sin sesión)',
    ['/login', '/registro', '/clave/olvido']));
  for (const login of LOGINS) {
    const c = await h.loginAs(inst, login);
    if (ACEPTAN.includes(login)) {
      const r = await c.get('/sat/terminos');
      assert.equal((await c.post('/sat/terminos', { csrf: csrfOf(r.text), decision: 'acepto' })).status, 303);
    }
    vistas.set(login, await recorrer(c, login, ['/']));
  }
  for (const login of EN_ESPERA) {
    const r = await inst.client().login(login);
    assert.equal(r.status, 403, login);
    revisar(login, '/login', r.text);
  }
  for (const [login, paginas] of vistas) assert.ok(paginas.length >= 2, `${login} read ${paginas.join(' ')}`);
  const total = [...vistas.values()].reduce((n, p) => n + p.length, 0);
  t.diagnostic(`${total} pages read: ${[...vistas].map(([l, p]) => `${l} ${p.length}`).join(', ')}`);
  assert.ok(total >= 120, `${total} pages read`);
  assert.deepEqual(faltas, []);
});

test('the answers a form brings and the mails they send follow it too', async () => {
  const antes = faltas.length;
  const m0 = Number(inst.sql('SELECT coalesce(max(id), 0) FROM correo'));
  // A request for keys: the success message, and the ministry's mail.
  const d = await h.loginAs(inst, 'ADMINHCEIPS800100000');
  let r = await d.post('/ihce/solicitud', h.solicitudFields(await d.csrf('/ihce/solicitud')));
  assert.equal(r.status, 303);
  r = await d.get(r.headers.location);
  assert.match(h.mainOf(r.text), /role="status">¡Registro de solicitud de llaves creado con éxito!</);
  revisar('ADMINHCEIPS800100000', '/ihce?ok=1', r.text);
  r = await d.post('/ihce/solicitud', h.solicitudFields(await d.csrf('/ihce/solicitud'), { software: '' }));
  revisar('ADMINHCEIPS800100000', 'POST /ihce/solicitud', r.text);
  // The ministry's queue and the request's page with the key form, errors on every field.
  const m = await h.loginAs(inst, 'CC1010202030');
  r = await m.get('/msps/asignar');
  const fila = h.colaRows(r.text)[0];
  assert.equal(fila.accion, 'Ingresar llaves');
  r = await m.get(`/msps/solicitudes/${fila.id}`);
  r = await m.post(`/msps/solicitudes/${fila.id}`, { csrf: csrfOf(r.text), version: h.inputValue(r.text, 'version') });
  assert.equal(r.status, 400);
  revisar('CC1010202030', `POST /msps/solicitudes/${fila.id}`, r.text);
  // A shared service's OAuth 2.0 credentials with the password grant and nothing else.
  const a = await h.loginAs(inst, 'CC1020300010');
  const ent = inst.sql("SELECT id FROM entidad WHERE nit = '892300110'");
  inst.sql(`INSERT INTO servicio_compartido(entidad_id, nombre, url, metodo, datos, creado, actualizado) VALUES (${ent}, 'glosario', 'https://api.caja.example.co/g', 'POST', 1, 1, 1)`);
  const id = inst.sql("SELECT id FROM servicio_compartido WHERE nombre = 'glosario'");
  r = await a.get(`/sat/compartidos/${id}/credenciales`);
  r = await a.post(`/sat/compartidos/${id}/credenciales`, { csrf: csrfOf(r.text), token_nombre: '',
    token_url: '', grant_type: 'password', cliente_auth: 'basic', usuario: '', clave: '', client_id: '',
    client_secret: '', scope: '' });
  assert.equal(r.status, 400);
  assert.deepEqual([h.fieldError(r.text, 'usuario'), h.fieldError(r.text, 'clave')],
    ['Con la concesión por usuario y contraseña, escriba el usuario.',
      'Con la concesión por usuario y contraseña, escriba la contraseña.']);
  revisar('CC1020300010', `POST /sat/compartidos/${id}/credenciales`, r.text);
  // The mails: subject and body.
  const correos = inst.correos(`id > ${m0}`);
  assert.ok(correos.length >= 1, 'the request mailed the ministry');
  for (const c of correos) {
    const lineas = [c.asunto, ...String(c.cuerpo || '').split('\n')].filter(Boolean);
    for (const f of [...g.prohibidas(lineas), ...g.signos(lineas)]) faltas.push(`mail «${c.asunto}»: ${f}`);
  }
  assert.deepEqual(faltas.slice(antes), []);
});

// The text between the tags of a template ({{…}} markers out), one line per block.
function textoPlantilla(tpl) {
  return g.texto(tpl.replace(/\{\{[^}]*\}\}/g, ' '));
}

test('every template follows it, in the sections no walk shows', () => {
  const dir = path.join(ROOT, 'templates');
  const found = [];
  for (const f of fs.readdirSync(dir, { recursive: true }).filter((x) => x.endsWith('.tpl'))) {
    const tpl = fs.readFileSync(path.join(dir, f), 'utf8');
    const lineas = textoPlantilla(tpl);
    for (const x of [...g.prohibidas(lineas, { plantilla: f }), ...g.signos(lineas),
      ...g.mayusculas(tpl.replace(/\{\{[^}]*\}\}/g, ' '))]) found.push(`${f}: ${x}`);
  }
  assert.deepEqual(found, []);
});

// The string literals of a C file (adjacent ones joined, comments out) with their line, but
// those of audit entries, logs and what the operator's command line prints (English, or
// internal): what the handlers say to people, and the mails.
function literales(src) {
  const limpio = src.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '));
  const out = [];
  for (const m of limpio.matchAll(/"(?:[^"\\\n]|\\.)*"(?:\s*"(?:[^"\\\n]|\\.)*")*/g)) {
    const sentencia = limpio.slice(Math.max(limpio.lastIndexOf(';', m.index), limpio.lastIndexOf('{', m.index),
      limpio.lastIndexOf('}', m.index)) + 1, m.index);
    if (/\b(audit|mipres_audit|log_\w+|printf|fprintf|fputs)\s*\(/.test(sentencia)) continue;
    out.push({ linea: limpio.slice(0, m.index).split('\n').length,
      texto: m[0].replace(/"\s*"/g, '').slice(1, -1).replace(/\\n/g, ' ') });
  }
  return out;
}

// the sql.c files hold SQL; main.c and tools/main.c (portal-demo) the operator's usage text;
// ap.c answers programs in the API's own field names (grant_type=password, username, client_id).
const SIN_TEXTO = new Set(['sql.c', 'core/sql.c', 'cuentas/sql.c', 'ihce/sql.c', 'sat/sql.c', 'ap/sql.c', 'mipres/sql.c', 'admin/sql.c', 'main.c', 'tools/main.c', 'ap/ap.c']);

test('the handlers\' messages and mails in cgi/ use none of the forbidden words', () => {
  const dir = path.join(ROOT, 'cgi');
  const found = [];
  for (const f of fs.readdirSync(dir, { recursive: true }).filter((x) => x.endsWith('.c') && !SIN_TEXTO.has(x))) {
    for (const l of literales(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      // A name, a path or a form body on the wire (a=b&c=d), not words for people.
      if (/^[\w.\-/%]*$/.test(l.texto) || /^\S*=\S*$/.test(l.texto)) continue;
      for (const x of g.prohibidas([l.texto])) found.push(`cgi/${f}:${l.linea}: ${x}`);
    }
  }
  assert.deepEqual(found, []);
});

