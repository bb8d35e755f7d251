// Security rules (DESIGN §3): CSRF and Origin on every POST, entity isolation, roles,
// sessions, headers, error pages, secrets at rest, request size and encoding.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');

let inst, msps, delA, delB, delNuevo;
let entA, entB, solA, llavesA;	// A: 800100037 (keys), B: 800100074 (pending)
let solB, solRech, solGrep;
const sello = {};	// the sealed field of a confirmation page of msps: llaves (solB), rechazo (solRech)

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const fakeToken = () => crypto.randomBytes(32).toString('base64url');	// 43 characters

before(async () => {
  inst = await startPortal();
  const one = (q) => h.num(inst, q);
  entA = one("SELECT id FROM entidad WHERE nit = '800100037'");
  entB = one("SELECT id FROM entidad WHERE nit = '800100074'");
  solA = one(`SELECT id FROM solicitud WHERE entidad_id = ${entA} AND vigente = 1`);
  solB = one(`SELECT id FROM solicitud WHERE entidad_id = ${entB} AND vigente = 1`);
  solRech = one("SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100259' AND s.vigente = 1");
  solGrep = one("SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100296' AND s.vigente = 1");
  llavesA = inst.sql(`SELECT id FROM llave WHERE entidad_id = ${entA} AND vigente = 1 ORDER BY id`).split('\n').map(Number);
  assert.equal(llavesA.length, 3);
  msps = await h.loginAs(inst, h.MSPS);
  delA = await h.loginAs(inst, h.DEL_LLAVES);
  delB = await h.loginAs(inst, h.DEL_PENDIENTE);
  // The confirmation pages of msps's session (the confirm routes need what they carry).
  let p = await msps.get(`/msps/solicitudes/${solB}`);
  let c = await msps.post(`/msps/solicitudes/${solB}`, h.llaveFields(h.csrfOf(p.text), h.versionOf(p.text), h.llaves('csrf')));
  sello.llaves = h.formOf(c.text, `/msps/solicitudes/${solB}/confirmar`).sellado;
  p = await msps.get(`/msps/solicitudes/${solRech}`);
  c = await msps.post(`/msps/solicitudes/${solRech}/rechazar`, { csrf: h.csrfOf(p.text), version: String(h.versionOf(p.text)), motivo: 'Datos incompletos.' });
  sello.rechazo = h.formOf(c.text, `/msps/solicitudes/${solRech}/rechazar/confirmar`).sellado;
  assert.ok(sello.llaves && sello.rechazo);
  delNuevo = await h.loginAs(inst, h.DEL_NUEVO);
});

after(async () => {
  if (inst) await inst.stop();
});

// Every POST route, with the client that may use it and a body that would succeed with
// the right token (csrf is filled in by the caller).
function postRoutes() {
  const k = h.llaves('csrf');
  return [
    { name: 'POST /login', path: '/login', pre: true,
      fields: { usuario: h.DEL_RECHAZADO, clave: 'Portal-Demo-2026' }, ok: 303 },
    { name: 'POST /ihce/solicitud', path: '/ihce/solicitud', client: () => delNuevo,
      fields: h.solicitudFields(undefined), ok: 303 },
    { name: 'POST /ihce/llaves/mostrar', path: '/ihce/llaves/mostrar', client: () => delA,
      fields: { llave: String(llavesA[0]) }, ok: 200 },
    // The key form and Rechazar answer with their confirmation page (nothing written);
    // the confirm routes write.
    { name: 'POST /msps/solicitudes/{id}', path: `/msps/solicitudes/${solB}`, client: () => msps,
      fields: h.llaveFields(undefined, 1, k), ok: 200 },
    { name: 'POST /msps/solicitudes/{id}/confirmar', path: `/msps/solicitudes/${solB}/confirmar`,
      client: () => msps, fields: { version: '1', sellado: sello.llaves }, ok: 303 },
    { name: 'POST /msps/solicitudes/{id}/rechazar', path: `/msps/solicitudes/${solRech}/rechazar`,
      client: () => msps, fields: { version: '1', motivo: 'Datos incompletos.' }, ok: 200 },
    { name: 'POST /msps/solicitudes/{id}/rechazar/confirmar', path: `/msps/solicitudes/${solRech}/rechazar/confirmar`,
      client: () => msps, fields: { version: '1', sellado: sello.rechazo }, ok: 303 },
    { name: 'POST /msps/ambientes', path: '/msps/ambientes', client: () => msps, fields: {
      endpoint_desarrollo: 'https://dev.ihce.example.gov.co/api', tenant_desarrollo: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', scope_desarrollo: 'api://ihce-dev/.default', apim_desarrollo: '',
      endpoint_preproduccion: 'https://pre.ihce.example.gov.co/api', tenant_preproduccion: '3f2504e0-4f89-11d3-9a0c-0305e82c3302', scope_preproduccion: 'api://ihce-pre/.default', apim_preproduccion: '',
      endpoint_produccion: 'https://ihce.example.gov.co/api', tenant_produccion: '3f2504e0-4f89-11d3-9a0c-0305e82c3303', scope_produccion: 'api://ihce/.default', apim_produccion: '',
    }, ok: 303 },
    // Last: it ends delA's session.
    { name: 'POST /logout', path: '/logout', client: () => delA, fields: {}, ok: 303 },
  ];
}

// The client and valid token of route rt (a fresh pre-session client for /login).
async function clientFor(rt) {
  if (rt.pre) {
    const c = inst.client();
    const csrf = await c.csrf('/login');
    assert.ok(c.cookies.get('__Host-pre'), 'pre-session cookie');
    return { c, csrf };
  }
  const c = rt.client();
  const r = await c.get(c === msps ? '/msps/asignar' : '/ihce');
  assert.equal(r.status, 200);
  return { c, csrf: h.csrfOf(r.text) };
}

const withCsrf = (fields, csrf) => {
  const f = { ...fields };
  delete f.csrf;
  return csrf === undefined ? f : { csrf, ...f };
};

test('404 for an unknown path: an HTML page in Spanish', async () => {
  for (const c of [inst.client(), delA]) {
    const r = await c.get('/no/existe');
    assert.equal(r.status, 404);
    assert.match(r.headers['content-type'], /^text\/html; charset=utf-8/);
    assert.match(r.text, /<html lang="es">/);
    assert.match(r.text, /<h1>Página no encontrada<\/h1>/);
    assert.match(r.text, /La dirección no existe/);
    h.assertSecurityHeaders(r, 'GET /no/existe');
  }
  const r = await delA.get('/ihce/solicitudes/abc');
  assert.equal(r.status, 404);
});

test('405 for a wrong method on a known path, in Spanish', async () => {
  const csrf = await delA.csrf('/ihce');
  const cases = [
    await inst.client().request('DELETE', '/login'),
    await delA.post('/ihce', { csrf }),
    await delA.request('PUT', '/ihce/solicitud', { body: `csrf=${csrf}`, headers: FORM }),
    await msps.post('/msps/asignar', { csrf: await msps.csrf('/msps/asignar') }),
  ];
  for (const r of cases) {
    assert.equal(r.status, 405);
    assert.match(r.text, /Método no permitido/);
    h.assertSecurityHeaders(r, '405');
  }
});

test('unknown /WSSUMMIPRESNOPBS/api path: 404 with JSON {"Message": ...}', async () => {
  for (const p of ['/WSSUMMIPRESNOPBS/api/Direccionamiento/NoExiste/900474727/abc', '/wssummipresnopbs/api/x']) {
    const r = await inst.client().get(p);
    assert.equal(r.status, 404);
    assert.match(r.headers['content-type'], /^application\/json/);
    const j = JSON.parse(r.text);
    assert.equal(typeof j.Message, 'string');
    assert.ok(j.Message.length > 0);
    assert.doesNotMatch(r.text, /<html/);
  }
});

test('security headers on every kind of response', async () => {
  const anon = inst.client();
  const seen = [];
  const add = async (what, p) => { seen.push([what, await p]); };
  await add('GET /login', anon.get('/login'));
  await add('GET / (redirect)', anon.get('/'));
  await add('GET /ihce anonymous (redirect)', anon.get('/ihce'));
  await add('POST /login without csrf', anon.post('/login', { usuario: 'x', clave: 'y' }));
  await add('GET /ihce', delA.get('/ihce'));
  await add('GET /ihce/llaves', delA.get('/ihce/llaves'));
  await add('GET /ihce/solicitud 409', delB.get('/ihce/solicitud'));
  await add('GET /msps/asignar as delegate', delA.get('/msps/asignar'));
  await add('GET /msps/asignar', msps.get('/msps/asignar'));
  await add('GET /msps/solicitudes/{id}', msps.get(`/msps/solicitudes/${solA}`));
  await add('GET /nada', anon.get('/nada'));
  await add('DELETE /login', anon.request('DELETE', '/login'));
  await add('GET /msps/asignar?q=%zz', msps.get('/msps/asignar?q=%zz'));
  await add('JSON 404', anon.get('/WSSUMMIPRESNOPBS/api/x'));
  for (const [what, r] of seen) h.assertSecurityHeaders(r, `${what} (${r.status})`);
  const statuses = new Set(seen.map(([, r]) => r.status));
  for (const s of [200, 303, 400, 403, 404, 405, 409]) assert.ok(statuses.has(s), `covered ${s}`);
  // Pages that show secrets are not stored.
  assert.equal(seen.find(([w]) => w === 'GET /ihce/llaves')[1].headers['cache-control'], 'no-store');
});

test('a body over 256 KiB gets 413 and nothing is written', async () => {
  const csrf = await delNuevo.csrf('/ihce/solicitud');
  const before = h.snapshot(inst);
  const fields = h.solicitudFields(csrf, { software: 'x'.repeat(300 * 1024) });
  let r = await delNuevo.post('/ihce/solicitud', fields);
  assert.equal(r.status, 413);
  // Just over the cap.
  const base = new URLSearchParams(h.solicitudFields(csrf)).toString() + '&relleno=';
  const over = base + 'y'.repeat(256 * 1024 + 1 - base.length);
  assert.equal(Buffer.byteLength(over), 256 * 1024 + 1);
  r = await delNuevo.request('POST', '/ihce/solicitud', { body: over, headers: FORM });
  assert.equal(r.status, 413);
  assert.deepEqual(h.snapshot(inst), before);
  // Exactly at the cap the portal reads it (the form is valid: it is accepted).
  const at = base + 'y'.repeat(256 * 1024 - base.length);
  r = await inst.client().request('POST', '/login', { body: at, headers: FORM });
  assert.notEqual(r.status, 413, 'a body of exactly 256 KiB is not too large');
});

test('a form body or query with %00 or a bad escape gets 400 and nothing is written', async () => {
  const csrf = await delNuevo.csrf('/ihce/solicitud');
  const valid = new URLSearchParams(h.solicitudFields(csrf)).toString();
  const before = h.snapshot(inst);
  for (const bad of ['HIS%00Andino', 'HIS%zzAndino', 'HIS%4', 'HIS%G1', '%']) {
    const body = valid.replace(/software=[^&]*/, 'software=' + bad);
    const r = await delNuevo.request('POST', '/ihce/solicitud', { body, headers: FORM });
    assert.equal(r.status, 400, `software=${bad}`);
    assert.match(r.text, /Solicitud no válida/);
    h.assertSecurityHeaders(r, `400 ${bad}`);
  }
  // A NUL in a field name too.
  let r = await delNuevo.request('POST', '/ihce/solicitud', { body: valid + '&x%00y=1', headers: FORM });
  assert.equal(r.status, 400);
  for (const q of ['%00', '%zz', 'abc%']) {
    r = await msps.get('/msps/asignar?q=' + q);
    assert.equal(r.status, 400, `q=${q}`);
  }
  assert.deepEqual(h.snapshot(inst), before);
  // (The same body without the bad escape is accepted in the Origin test below.)
  assert.equal(h.num(inst, "SELECT count(*) FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100000'"), 0);
});

test('every POST route refuses a missing or wrong CSRF token with 403 and changes nothing', async () => {
  for (const rt of postRoutes()) {
    const { c, csrf } = await clientFor(rt);
    const other = rt.pre ? await inst.client().csrf('/login') : (rt.client() === msps ? await delB.csrf('/ihce') : await msps.csrf('/msps/asignar'));
    assert.ok(other && other !== csrf);
    const flipped = csrf.slice(0, 42) + (csrf[42] === 'A' ? 'B' : 'A');
    const variants = [
      ['missing', withCsrf(rt.fields, undefined)],
      ['empty', withCsrf(rt.fields, '')],
      ['random', withCsrf(rt.fields, fakeToken())],
      ['one character changed', withCsrf(rt.fields, flipped)],
      ['token of another session', withCsrf(rt.fields, other)],
      ['too long', withCsrf(rt.fields, csrf + 'A')],
    ];
    for (const [what, fields] of variants) {
      const before = h.snapshot(inst);
      const r = await c.post(rt.path, fields);
      assert.equal(r.status, 403, `${rt.name}, csrf ${what}`);
      assert.match(r.text, /Acceso no permitido/);
      assert.equal(r.headers['set-cookie'], undefined, `${rt.name}, csrf ${what}: no cookie set`);
      assert.deepEqual(h.snapshot(inst), before, `${rt.name}, csrf ${what}: nothing changed`);
    }
    // The right token in the query string instead of the body.
    let before = h.snapshot(inst);
    let r = await c.post(`${rt.path}?csrf=${csrf}`, withCsrf(rt.fields, undefined));
    assert.equal(r.status, 403, `${rt.name}, csrf in the query string`);
    assert.deepEqual(h.snapshot(inst), before);
    // The right token in a text/plain body (what a cross-site form can send).
    before = h.snapshot(inst);
    r = await c.request('POST', rt.path, { body: new URLSearchParams(withCsrf(rt.fields, csrf)).toString(),
      headers: { 'Content-Type': 'text/plain' } });
    assert.equal(r.status, 403, `${rt.name}, text/plain body`);
    assert.deepEqual(h.snapshot(inst), before);
  }
  // The sessions still work after all this.
  assert.equal((await delA.get('/ihce')).status, 200);
});

test('a foreign Origin is refused even with the right token', async () => {
  const origins = ['https://evil.example', 'null', inst.base.replace('https:', 'http:'),
    inst.base + '.evil.example', `https://evil.example/${inst.base.slice(8)}`];
  for (const rt of postRoutes()) {
    for (const origin of origins) {
      const { c, csrf } = await clientFor(rt);
      const before = h.snapshot(inst);
      const r = await c.post(rt.path, withCsrf(rt.fields, csrf), { headers: { Origin: origin } });
      assert.equal(r.status, 403, `${rt.name} with Origin ${origin}`);
      assert.deepEqual(h.snapshot(inst), before, `${rt.name} with Origin ${origin}: nothing changed`);
    }
  }
});

test('the Origin check compares scheme, host and port: the page\'s own origin is accepted', async () => {
  // Browsers send Origin with every form POST, so the portal's own origin
  // (https://localhost:PORT) must pass, and https://localhost (port 443, another origin) must not.
  const problems = [];
  const routes = postRoutes().filter((rt) => ['POST /login', 'POST /ihce/llaves/mostrar',
    'POST /msps/ambientes', 'POST /logout'].includes(rt.name));
  for (const rt of routes) {
    const { c, csrf } = await clientFor(rt);
    const r = await c.post(rt.path, withCsrf(rt.fields, csrf), { headers: { Origin: inst.base } });
    if (r.status !== rt.ok) problems.push(`${rt.name} with Origin ${inst.base} (own origin): ${r.status}, expected ${rt.ok}`);
  }
  delA = await h.loginAs(inst, h.DEL_LLAVES);	// it may have logged out above
  const other = 'https://' + new URL(inst.base).hostname;
  for (const rt of routes.filter((x) => x.name !== 'POST /logout')) {
    const { c, csrf } = await clientFor(rt);
    const before = h.snapshot(inst);
    const r = await c.post(rt.path, withCsrf(rt.fields, csrf), { headers: { Origin: other } });
    if (r.status !== 403) problems.push(`${rt.name} with Origin ${other} (another port): ${r.status}, expected 403`);
    else assert.deepEqual(h.snapshot(inst), before);
  }
  assert.deepEqual(problems, []);
});

test('with the right token (and no Origin header) every POST route does its work', async () => {
  for (const rt of postRoutes()) {
    const { c, csrf } = await clientFor(rt);
    const r = await c.post(rt.path, withCsrf(rt.fields, csrf));
    assert.equal(r.status, rt.ok, `${rt.name}: ${h.mainOf(r.text).slice(0, 600)}`);
  }
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${solB}`), 'asignado');
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${solRech}`), 'rechazado');
  assert.equal(inst.sql("SELECT estado FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100000' AND s.vigente = 1"), 'pendiente');
  assert.equal(inst.sql("SELECT endpoint FROM ambiente WHERE nombre = 'produccion'"), 'https://ihce.example.gov.co/api');
  delA = await h.loginAs(inst, h.DEL_LLAVES);	// it logged out above
});

test('a delegate cannot read or reveal another entity\'s request or keys (404, no audit)', async () => {
  // A's own request and keys work for A.
  let r = await delA.get(`/ihce/solicitudes/${solA}`);
  assert.equal(r.status, 200);
  const csrfA = await delA.csrf('/ihce/llaves');
  r = await delA.post('/ihce/llaves/mostrar', { csrf: csrfA, llave: String(llavesA[2]) });
  assert.equal(r.status, 200);
  const secretA = h.dataKAll(r.text, 'client_secret')[2];
  assert.match(secretA, /^demo~produccion~/);

  // B asks for A's request: the same 404 as for an id that does not exist.
  const none = await delB.get('/ihce/solicitudes/999999');
  assert.equal(none.status, 404);
  r = await delB.get(`/ihce/solicitudes/${solA}`);
  assert.equal(r.status, 404);
  assert.equal(r.text, none.text, 'no difference between someone else\'s and a missing id');
  assert.doesNotMatch(r.text, /Hospital Santa Clara Medellín|HIS Andino/);

  const csrfB = await delB.csrf('/ihce');
  for (const id of llavesA) {
    const before = h.snapshot(inst);
    r = await delB.post('/ihce/llaves/mostrar', { csrf: csrfB, llave: String(id) });
    assert.equal(r.status, 404, `llave ${id} of entity A`);
    assert.ok(!r.text.includes('demo~'), 'no secret in the answer');
    assert.deepEqual(h.snapshot(inst), before, 'no audit row');
  }
  assert.equal(h.num(inst, `SELECT count(*) FROM auditoria WHERE accion = 'ihce_mostrar_secreto' AND entidad_id = ${entB}`), 0);
  // Odd ids are 404 as well.
  for (const id of ['', '0', '-1', `${llavesA[0]}abc`, '99999999999999999999']) {
    r = await delB.post('/ihce/llaves/mostrar', { csrf: csrfB, llave: id });
    assert.equal(r.status, 404, `llave=${id}`);
  }
  // B's key page shows none of A's keys.
  r = await delB.get('/ihce/llaves');
  for (const cid of inst.sql(`SELECT client_id FROM llave WHERE entidad_id = ${entA}`).split('\n'))
    assert.ok(!r.text.includes(cid));

  // A request form cannot be aimed at another entity with extra fields.
  const d = await h.loginAs(inst, h.DEL_RECHAZADO);
  const entD = h.num(inst, "SELECT id FROM entidad WHERE nit = '800100111'");
  const beforeA = inst.sql(`SELECT id || estado || version FROM solicitud WHERE entidad_id = ${entA}`);
  r = await d.post('/ihce/solicitud', h.solicitudFields(await d.csrf('/ihce/solicitud'),
    { entidad_id: String(entA), entidad: String(entA), nit: '800100037', id: String(solA) }));
  assert.equal(r.status, 303);
  assert.equal(inst.sql(`SELECT id || estado || version FROM solicitud WHERE entidad_id = ${entA}`), beforeA);
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE entidad_id = ${entD} AND vigente = 1`), 'pendiente');
});

test('delegates get 403 on every /msps route, GET and POST', async () => {
  const csrf = await delA.csrf('/ihce');
  const k = h.llaves('del');
  const gets = ['/msps/asignar', '/msps/actualizar', `/msps/solicitudes/${solA}`, `/msps/solicitudes/${solGrep}`,
    '/msps/ambientes', '/msps/asignar?q=8001&p=2'];
  for (const p of gets) {
    const r = await delA.get(p);
    assert.equal(r.status, 403, `GET ${p}`);
    assert.match(r.text, /Acceso no permitido/);
    assert.doesNotMatch(r.text, /ADMINHCEIPS800100296|Clínica San Juan de Dios Pasto|name="client_id_/);
  }
  const posts = [
    [`/msps/solicitudes/${solGrep}`, h.llaveFields(csrf, 1, k)],
    [`/msps/solicitudes/${solA}`, h.llaveFields(csrf, 2, k)],
    [`/msps/solicitudes/${solGrep}/rechazar`, { csrf, version: '1', motivo: 'No.' }],
    ['/msps/ambientes', { csrf, endpoint_desarrollo: 'https://evil.example/api' }],
  ];
  for (const [p, f] of posts) {
    const before = h.snapshot(inst);
    const r = await delA.post(p, f);
    assert.equal(r.status, 403, `POST ${p}`);
    assert.deepEqual(h.snapshot(inst), before, `POST ${p}: nothing changed`);
  }
});

test('MSPS gets 403 on the delegate\'s /ihce routes', async () => {
  const csrf = await msps.csrf('/msps/asignar');
  for (const p of ['/ihce', '/ihce/solicitud', `/ihce/solicitudes/${solA}`, '/ihce/llaves']) {
    const r = await msps.get(p);
    assert.equal(r.status, 403, `GET ${p}`);
    assert.match(r.text, /Acceso no permitido/);
  }
  for (const [p, f] of [['/ihce/solicitud', h.solicitudFields(csrf)], ['/ihce/llaves/mostrar', { csrf, llave: String(llavesA[0]) }]]) {
    const before = h.snapshot(inst);
    const r = await msps.post(p, f);
    assert.equal(r.status, 403, `POST ${p}`);
    assert.ok(!r.text.includes('demo~'));
    assert.deepEqual(h.snapshot(inst), before);
  }
});

test('without a session: pages redirect to /login and POSTs change nothing', async () => {
  const anon = inst.client();
  for (const p of ['/ihce', '/ihce/solicitud', `/ihce/solicitudes/${solA}`, '/ihce/llaves', '/msps/asignar',
    '/msps/actualizar', `/msps/solicitudes/${solA}`, '/msps/ambientes']) {
    const r = await anon.get(p);
    assert.equal(r.status, 303, `GET ${p}`);
    assert.equal(r.headers.location, '/login');
  }
  let r = await anon.get('/');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login');
  // A made-up session cookie is no session.
  const forged = inst.client();
  forged.cookies.set('__Host-sid', fakeToken());
  r = await forged.get('/ihce');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login');
  const csrf = await anon.csrf('/login');	// a pre-session token is no session token
  for (const [p, f] of [['/ihce/solicitud', h.solicitudFields(csrf)], ['/ihce/llaves/mostrar', { csrf, llave: String(llavesA[0]) }],
    [`/msps/solicitudes/${solGrep}`, h.llaveFields(csrf, 1, h.llaves('anon'))], ['/logout', { csrf }]]) {
    const before = h.snapshot(inst);
    r = await anon.post(p, f);
    assert.ok(r.status === 303 || r.status === 403, `POST ${p}: ${r.status}`);
    if (r.status === 303) assert.equal(r.headers.location, '/login');
    assert.ok(!r.text.includes('demo~'));
    assert.deepEqual(h.snapshot(inst), before, `POST ${p}`);
  }
});

test('session cookie: __Host-sid; Secure; HttpOnly; SameSite=Strict; Path=/; stored only hashed', async () => {
  const c = inst.client();
  let r = await c.get('/login');
  const pre = [].concat(r.headers['set-cookie'] || []).find((x) => x.startsWith('__Host-pre='));
  assert.ok(pre, 'the login form sets the pre-session cookie');
  const attrs = (cookie) => cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
  for (const a of ['secure', 'httponly', 'samesite=strict', 'path=/']) assert.ok(attrs(pre).includes(a), `__Host-pre ${a}`);
  r = await c.post('/login', { csrf: h.csrfOf(r.text), usuario: h.DEL_LLAVES, clave: 'Portal-Demo-2026' });
  assert.equal(r.status, 303);
  const sid = [].concat(r.headers['set-cookie'] || []).find((x) => x.startsWith('__Host-sid='));
  assert.ok(sid, 'login sets __Host-sid');
  const at = attrs(sid);
  for (const a of ['secure', 'httponly', 'samesite=strict', 'path=/']) assert.ok(at.includes(a), `__Host-sid ${a}: ${sid}`);
  assert.ok(!at.some((a) => a.startsWith('domain=')), '__Host- cookies carry no Domain');
  const tok = sid.split(';')[0].slice('__Host-sid='.length);
  assert.match(tok, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
  const hash = crypto.createHash('sha256').update(tok).digest('hex').toUpperCase();
  assert.equal(h.num(inst, `SELECT count(*) FROM sesion WHERE ${inst.hex('id_hash')} = '${hash}'`), 1, 'stored as SHA-256');
  assert.equal(h.num(inst, `SELECT count(*) FROM sesion WHERE ${inst.hex('id_hash')} LIKE '%${Buffer.from(tok).toString('hex').toUpperCase()}%'`), 0);
});

test('logout kills the session: the old cookie no longer works', async () => {
  const c = await h.loginAs(inst, h.DEL_LLAVES);
  const tok = c.cookies.get('__Host-sid');
  const hash = crypto.createHash('sha256').update(tok).digest('hex').toUpperCase();
  let r = await c.get('/ihce');
  assert.equal(r.status, 200);
  r = await c.post('/logout', { csrf: h.csrfOf(r.text) });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login?salio=1');
  const clear = [].concat(r.headers['set-cookie'] || []).find((x) => x.startsWith('__Host-sid='));
  assert.ok(clear && /max-age=0/i.test(clear), 'the cookie is cleared');
  assert.equal(h.num(inst, `SELECT count(*) FROM sesion WHERE ${inst.hex('id_hash')} = '${hash}'`), 0, 'the session row is gone');
  r = await c.get('/login?salio=1');
  assert.match(r.text, /Su sesión se cerró/);

  const replay = inst.client();
  replay.cookies.set('__Host-sid', tok);
  r = await replay.get('/ihce');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login');
  r = await replay.get('/ihce/llaves');
  assert.equal(r.status, 303);
  assert.equal(h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'logout'") > 0, true);
});

test('the session id changes at each login; a planted id is not adopted; a login rotates the live one', async () => {
  const c = inst.client();
  const planted = fakeToken();
  c.cookies.set('__Host-sid', planted);
  let r = await c.login(h.DEL_LLAVES);
  assert.equal(r.status, 303);
  const s1 = c.cookies.get('__Host-sid');
  assert.notEqual(s1, planted);
  const c2 = await h.loginAs(inst, h.DEL_LLAVES);
  const s2 = c2.cookies.get('__Host-sid');
  assert.notEqual(s2, s1);

  // Logging in again from a live session replaces it.
  r = await c.get('/ihce');
  assert.equal(r.status, 200);
  r = await c.post('/login', { csrf: h.csrfOf(r.text), usuario: h.DEL_LLAVES, clave: 'Portal-Demo-2026' });
  assert.equal(r.status, 303);
  const s3 = c.cookies.get('__Host-sid');
  assert.notEqual(s3, s1);
  const old = inst.client();
  old.cookies.set('__Host-sid', s1);
  r = await old.get('/ihce');
  assert.equal(r.status, 303, 'the previous id is dead');
  assert.equal((await c.get('/ihce')).status, 200);
  assert.equal((await c2.get('/ihce')).status, 200, 'other sessions of the user live on');
});

test('the database files do not hold a ClientSecret or an APIM key in clear', async () => {
  // Keys with known secrets and an APIM key, entered through the pages.
  const k = h.llaves('grep');
  let r = await h.guardarLlaves(msps, solGrep, k);
  assert.equal(r.status, 303);
  const apim = 'APIM-' + crypto.randomBytes(12).toString('hex');
  r = await msps.get('/msps/ambientes');
  const amb = {
    csrf: h.csrfOf(r.text),
    endpoint_desarrollo: 'https://dev.ihce.example.gov.co/api', tenant_desarrollo: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', scope_desarrollo: 'api://ihce-dev/.default', apim_desarrollo: apim,
    endpoint_preproduccion: 'https://pre.ihce.example.gov.co/api', tenant_preproduccion: '3f2504e0-4f89-11d3-9a0c-0305e82c3302', scope_preproduccion: 'api://ihce-pre/.default', apim_preproduccion: '',
    endpoint_produccion: 'https://ihce.example.gov.co/api', tenant_produccion: '3f2504e0-4f89-11d3-9a0c-0305e82c3303', scope_produccion: 'api://ihce/.default', apim_produccion: '',
  };
  r = await msps.post('/msps/ambientes', amb);
  assert.equal(r.status, 303);
  r = await msps.get('/msps/ambientes');
  assert.ok(!r.text.includes(apim), 'the APIM key is not sent back');

  // They were stored: the delegate can reveal them.
  const d = await h.loginAs(inst, 'ADMINHCEIPS800100296');
  await h.activar(inst, d, '800100296');
  r = await d.get('/ihce/llaves');
  const llave = /name="llave" value="(\d+)"/.exec(r.text)[1];
  r = await d.post('/ihce/llaves/mostrar', { csrf: h.csrfOf(r.text), llave });
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(k.desarrollo.client_secret), 'the secret opens');
  assert.ok(r.text.includes(apim), 'the APIM key opens');

  const bytes = inst.volcado();
  assert.ok(bytes.length >= 1);
  const needles = [apim, 'S3cr3t.', ...h.AMBIENTES.map((a) => k[a].client_secret)];
  for (const n of needles) assert.equal(bytes.indexOf(Buffer.from(n)), -1, `the database holds ${n} in clear`);
  // The client ids are there (the search works on real data).
  assert.ok(bytes.indexOf(Buffer.from(k.desarrollo.client_id)) >= 0);
  // Nor does the log.
  for (const n of needles) assert.ok(!inst.log().includes(n), `the log holds ${n}`);
  // The key file is private.
  assert.equal(fs.statSync(`${inst.dir}/secret.key`).mode & 0o777, 0o600);
});
