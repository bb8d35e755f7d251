// Roles (DESIGN "Cuentas y roles"): a person with several roles chooses one after login in
// "Mi lista de roles"; the header shows the active role and "Cambiar rol"; each change
// rotates the session id (the old cookie stops working); nobody chooses a role they do not
// hold. A person with one role goes straight to its home.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');

const MULTI = 'CC1010202050';	// administradora MSPS, delegada de 800100185 y 800100222
const SID = '__Host-sid';

let inst, ids;

before(async () => {
  inst = await startPortal();
  const q = (nit, rol) => h.num(inst, `SELECT r.id FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id JOIN entidad e ON e.id = r.entidad_id WHERE u.login = '${MULTI}' AND e.nit = '${nit}' AND r.rol = '${rol}'`);
  ids = {
    admin: q('900474727', 'Administrador_MSPS'),
    ips1: q('800100185', 'securityAdmin_IHCE_IPS'),
    ips2: q('800100222', 'securityAdmin_IHCE_IPS'),
    otro: h.num(inst, `SELECT r.id FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${h.DEL_LLAVES}'`),
  };
  for (const [k, v] of Object.entries(ids)) assert.ok(v > 0, `assignment ${k} exists`);
});

after(async () => {
  if (inst) await inst.stop();
});

// The rows of "Mi lista de roles": [{ id, nombre, nit, entidad, actual }].
function roleRows(html) {
  const rows = [];
  for (const m of h.mainOf(html).matchAll(/<tr data-rol="(\d+)">([\s\S]*?)<\/tr>/g)) {
    rows.push({ id: Number(m[1]), nombre: dataK(m[2], 'rol-nombre'), nit: dataK(m[2], 'rol-nit'),
      entidad: h.htmlDecode(dataK(m[2], 'rol-entidad')), actual: /Rol actual/.test(m[2]) });
  }
  return rows;
}

// The DIAN check digit of a 9-digit NIT.
function dv(nit) {
  const w = [41, 37, 29, 23, 19, 17, 13, 7, 3];
  const s = [...nit.padStart(9, '0')].reduce((a, d, i) => a + Number(d) * w[i], 0) % 11;
  return s > 1 ? 11 - s : s;
}

const header = (html) => ({ rol: dataK(html, 'rol'), nit: dataK(html, 'nit'),
  entidad: dataK(html, 'entidad') && h.htmlDecode(dataK(html, 'entidad')),
  cambiar: /data-k="cambiar-rol"/.test(html) });

// A client with its own copy of another's cookies (the "old" browser).
function cloneOf(c) {
  const o = inst.client();
  for (const [k, v] of c.cookies) o.cookies.set(k, v);
  return o;
}

// Chooses role id with c's CSRF token from the role list; returns the response.
async function choose(c, id) {
  const csrf = await c.csrf('/roles');
  assert.ok(csrf, 'the role list has a form');
  return c.post('/roles', { csrf, rol: String(id) });
}

function count(q) {
  return h.num(inst, q);
}

test('a user with several roles sees "Mi lista de roles" after login, with each role\'s NIT and entity', async () => {
  const c = inst.client();
  const r = await c.login(MULTI);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/');
  const home = await c.get('/');
  assert.equal(home.status, 303);
  assert.equal(home.headers.location, '/roles');
  const list = await c.get('/roles');
  assert.equal(list.status, 200);
  assert.match(h.mainOf(list.text), /<h1>Mi lista de roles<\/h1>/);
  const rows = roleRows(list.text);
  assert.deepEqual(rows.map((x) => x.id), [ids.admin, ids.ips1, ids.ips2]);
  const razon = (nit) => inst.sql(`SELECT razon_social FROM entidad WHERE nit = '${nit}'`);
  assert.deepEqual(rows.map((x) => [x.nombre, x.nit, x.entidad]), [
    ['Administrador MSPS', `900474727-${dv('900474727')}`, 'Ministerio de Salud y Protección Social'],
    ['Delegado administrativo IHCE', `800100185-${dv('800100185')}`, razon('800100185')],
    ['Delegado administrativo IHCE', `800100222-${dv('800100222')}`, razon('800100222')],
  ]);
  assert.ok(rows.every((x) => !x.actual), 'no role is active before choosing');
  // Until a role is chosen, no role's page answers and the header names no entity.
  const hd = header(list.text);
  assert.equal(hd.rol, 'Por elegir');
  assert.equal(hd.nit, '—');
  for (const p of ['/admin', '/ihce', '/autorizados', '/msps/asignar']) {
    assert.equal((await c.get(p)).status, 403, `${p} before choosing`);
  }
  // Nor does the header link to them: every link of the page answers (the account's pages,
  // which need a chosen role, are offered only after the choice).
  const enlaces = [...new Set([...list.text.matchAll(/<a [^>]*href="(\/[^"]*)"/g)].map((m) => m[1]))];
  assert.ok(enlaces.includes('/roles') || enlaces.includes('/'), 'the page has links');
  for (const p of enlaces) assert.ok([200, 303].includes((await c.get(p)).status), `${p}: a link of the role list`);
  assert.doesNotMatch(list.text, /href="\/cuenta\//);
});

test('a user with one role goes straight to its home and never sees the role list', async () => {
  const c = inst.client();
  const r = await c.login(h.DEL_LLAVES);
  assert.equal(r.status, 303);
  assert.equal((await c.get('/')).headers.location, '/ihce');
  const home = await c.get('/ihce');
  assert.equal(home.status, 200);
  assert.equal(header(home.text).cambiar, false, 'no "Cambiar rol" for one role');
  const list = await c.get('/roles');
  assert.equal(list.status, 303, 'the role list sends a one-role user home');
  assert.equal(list.headers.location, '/ihce');
  // Nor can they choose anything, not even their own role through a forged form.
  const before = h.snapshot(inst);
  const sid = c.cookies.get(SID);
  const csrf = await c.csrf('/ihce');
  const x = await c.post('/roles', { csrf, rol: String(ids.ips1) });
  assert.equal(x.status, 403);
  assert.equal(c.cookies.get(SID), sid);
  assert.deepEqual(h.snapshot(inst), before);
});

test('choosing a role sets the header and the home, rotates the session id and ends the old one', async () => {
  const c = inst.client();
  await c.login(MULTI);
  const picking = cloneOf(c);
  const sid0 = c.cookies.get(SID);
  const audits = count("SELECT count(*) FROM auditoria WHERE accion = 'cambio_rol'");
  const r = await choose(c, ids.ips1);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/ihce');
  const sid1 = c.cookies.get(SID);
  assert.ok(sid1 && sid1 !== sid0, 'a new session id');
  // The header shows the chosen role and its entity, and offers "Cambiar rol".
  const home = await c.get('/ihce');
  assert.equal(home.status, 200);
  assert.deepEqual(header(home.text), { rol: 'Delegado administrativo IHCE',
    nit: `800100185-${dv('800100185')}`,
    entidad: inst.sql("SELECT razon_social FROM entidad WHERE nit = '800100185'"), cambiar: true });
  assert.equal((await c.get('/')).headers.location, '/ihce');
  assert.equal((await c.get('/admin')).status, 403, 'the other role\'s pages stay closed');
  // The pre-choice cookie no longer opens anything.
  const old = await picking.get('/roles');
  assert.equal(old.status, 303);
  assert.equal(old.headers.location, '/login');
  assert.equal(count("SELECT count(*) FROM auditoria WHERE accion = 'cambio_rol'"), audits + 1);
  const uid = count(`SELECT id FROM usuario WHERE login = '${MULTI}'`);
  assert.equal(inst.sql("SELECT usuario_id || '|' || login || '|' || detalle FROM auditoria WHERE accion = 'cambio_rol' ORDER BY id DESC LIMIT 1"),
    `${uid}|${MULTI}|asignación ${ids.ips1}, rol securityAdmin_IHCE_IPS`);
});

test('"Cambiar rol" leads to the list with the current role marked; each change rotates the id again', async () => {
  const c = inst.client();
  await c.login(MULTI);
  await choose(c, ids.ips1);
  const page = await c.get('/ihce');
  assert.match(page.text, /<a href="\/roles" data-k="cambiar-rol">Cambiar rol<\/a>/);
  const list = await c.get('/roles');
  assert.equal(list.status, 200);
  assert.deepEqual(roleRows(list.text).map((x) => [x.id, x.actual]),
    [[ids.admin, false], [ids.ips1, true], [ids.ips2, false]]);
  const uid = count(`SELECT id FROM usuario WHERE login = '${MULTI}'`);
  const sessions = count(`SELECT count(*) FROM sesion WHERE usuario_id = ${uid}`);
  const seen = new Set([c.cookies.get(SID)]);
  for (const [id, home, rol, nit] of [[ids.admin, '/admin', 'Administrador MSPS', '900474727'],
    [ids.ips2, '/ihce', 'Delegado administrativo IHCE', '800100222'],
    [ids.ips1, '/ihce', 'Delegado administrativo IHCE', '800100185']]) {
    const prev = cloneOf(c);
    const r = await choose(c, id);
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, home);
    const sid = c.cookies.get(SID);
    assert.ok(!seen.has(sid), 'a session id never seen before');
    seen.add(sid);
    const p = await c.get(home);
    assert.equal(p.status, 200);
    assert.equal(header(p.text).rol, rol);
    assert.equal(header(p.text).nit, `${nit}-${dv(nit)}`);
    const o = await prev.get(home);
    assert.equal(o.status, 303, 'the previous cookie stopped working');
    assert.equal(o.headers.location, '/login');
  }
  // Still one session row for this browser, whatever the number of changes.
  assert.equal(count(`SELECT count(*) FROM sesion WHERE usuario_id = ${uid}`), sessions);
});

test('a user cannot choose a role they do not hold: 403, same session, nothing changed', async () => {
  const c = inst.client();
  await c.login(MULTI);
  await choose(c, ids.admin);
  const sid = c.cookies.get(SID);
  const csrf = await c.csrf('/roles');
  // Another person's role, an inactive role of theirs, nonsense and nothing.
  inst.sql(`UPDATE rol_asignado SET activo = 0 WHERE id = ${ids.ips2}`);
  try {
    for (const rol of [String(ids.otro), String(ids.ips2), '0', '-1', 'abc', `${ids.ips1} `, '999999', undefined]) {
      const before = h.snapshot(inst);
      const f = { csrf };
      if (rol !== undefined) f.rol = rol;
      const r = await c.post('/roles', f);
      assert.equal(r.status, 403, `rol=${rol}`);
      assert.equal(r.headers['set-cookie'], undefined, `rol=${rol}: no new cookie`);
      assert.equal(c.cookies.get(SID), sid);
      assert.deepEqual(h.snapshot(inst), before, `rol=${rol}: nothing changed`);
    }
    // The inactive role is not listed either, and the session is still the administrator's.
    const list = await c.get('/roles');
    assert.deepEqual(roleRows(list.text).map((x) => x.id), [ids.admin, ids.ips1]);
    const p = await c.get('/admin');
    assert.equal(p.status, 200);
    assert.equal(header(p.text).rol, 'Administrador MSPS');
  } finally {
    inst.sql(`UPDATE rol_asignado SET activo = 1 WHERE id = ${ids.ips2}`);
  }
});

test('POST /roles refuses a missing or wrong CSRF token and a foreign Origin', async () => {
  const c = inst.client();
  await c.login(MULTI);
  const sid = c.cookies.get(SID);
  const csrf = await c.csrf('/roles');
  const tries = [
    [{ rol: String(ids.ips1) }, {}],
    [{ csrf: 'x'.repeat(43), rol: String(ids.ips1) }, {}],
    [{ csrf, rol: String(ids.ips1) }, { headers: { Origin: 'https://evil.example.co' } }],
  ];
  for (const [f, opts] of tries) {
    const before = h.snapshot(inst);
    const r = await c.post('/roles', f, opts);
    assert.equal(r.status, 403);
    assert.equal(c.cookies.get(SID), sid);
    assert.deepEqual(h.snapshot(inst), before);
  }
  assert.equal(header((await c.get('/roles')).text).rol, 'Por elegir');
});

test('without a session the role list sends to the login page', async () => {
  const c = inst.client();
  const r = await c.get('/roles');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login');
  const csrf = await c.csrf('/login');
  const before = h.snapshot(inst);
  const p = await c.post('/roles', { csrf, rol: String(ids.ips1) });
  assert.equal(p.status, 303);
  assert.equal(p.headers.location, '/login');
  assert.deepEqual(h.snapshot(inst), before);
});

test('logout works before a role is chosen', async () => {
  const c = inst.client();
  await c.login(MULTI);
  const csrf = await c.csrf('/roles');
  const r = await c.post('/logout', { csrf });
  assert.equal(r.status, 303);
  assert.equal((await c.get('/roles')).headers.location, '/login');
});
