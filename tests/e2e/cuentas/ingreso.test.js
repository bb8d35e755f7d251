// Login floods and lockouts (issue 11 §6; cgi/cuentas/intento.c, cgi/core/passwd.c's cap):
// - failures lock a login per (login, client address): five from one address do not keep
//   the owner out from another; the AP /token usernames alike;
// - 100 consecutive failures from any addresses lock a login until an administrator lifts
//   it on /admin/bloqueos (shown as typed); a success resets the count;
// - the count is reserved before scrypt: 20 concurrent wrong passwords check exactly 5;
// - the hashes at once are capped (half the workers): over the cap the answer is an
//   immediate 429 with Retry-After, nothing counted, while other pages answer;
// - logins without an account leave bounded rows.
// Clients connect from several loopback addresses (127.0.0.0/8), which the portal sees as
// REMOTE_ADDR.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal, Client, DEMO_PASSWORD } = require('../../lib/portal.js');
const h = require('../helpers.js');
const ap = require('../ap_helpers.js');
// Now, in seconds (the portal's clock: unix time), computed here for every engine.
const ahora = () => Math.floor(Date.now() / 1000);

const NOMATCH = 'Los datos de usuario no corresponden';
const LOCKED = 'Por seguridad, el ingreso de este usuario desde su dirección de red está bloqueado durante 15 minutos por demasiados intentos fallidos. Espere e intente de nuevo, o pida al administrador del Ministerio que lo desbloquee.';
const RETENIDO = 'Por seguridad, este usuario está bloqueado por demasiados intentos fallidos seguidos. Pida al administrador del Ministerio que lo desbloquee.';
const OCUPADO = 'Hay muchas solicitudes de ingreso en este momento: intente de nuevo en unos segundos.';

// inst: 4 workers, so the default cap is 2. par: 8 workers and 8 hashes at once, so only
// the reservation keeps concurrent guesses to the limit.
let inst, par;
before(async () => {
  [inst, par] = await Promise.all([startPortal({ workers: 4 }),
    startPortal({ workers: 8, env: { PORTAL_CLAVES_SIMULTANEAS: '8' } })]);
});
after(async () => {
  await Promise.all([inst, par].filter(Boolean).map((x) => x.stop()));
});

// A login attempt from address from with a fresh pre-session: the POST's response.
async function attempt(portal, from, usuario, clave) {
  return portal.client(from).login(usuario, clave);
}

function alertOf(r) {
  return [...h.mainOf(r.text).matchAll(/<p class="alert" role="alert">([^<]*)<\/p>/g)].map((m) => h.htmlDecode(m[1]));
}

// POST /token from address from.
function token(portal, from, username, password, client = ap.AP_A.afiliacion) {
  return ap.token(new Client(portal.apBase, null, from),
    { grant_type: 'password', username, password, client_id: client });
}

const count = (portal, q) => Number(portal.sql(q));

test('five wrong passwords from one address lock (login, that address); the owner from another address gets in', async () => {
  const typed = 'AdminHceIps800100037';	// h.DEL_LLAVES as someone typed it
  for (let i = 1; i <= 5; i++) {
    const r = await attempt(inst, '127.0.0.2', typed, `Mala-${i}`);
    assert.equal(r.status, 400, `failure ${i}`);
    assert.deepEqual(alertOf(r), [NOMATCH]);
  }
  let r = await attempt(inst, '127.0.0.2', h.DEL_LLAVES, DEMO_PASSWORD);
  assert.equal(r.status, 429, 'the right password from the same address');
  assert.deepEqual(alertOf(r), [LOCKED]);
  r = await attempt(inst, '127.0.0.3', h.DEL_LLAVES, DEMO_PASSWORD);
  assert.equal(r.status, 303, 'the owner from another address');
  // The owner's success does not lift the lock of the address that failed.
  r = await attempt(inst, '127.0.0.2', h.DEL_LLAVES, DEMO_PASSWORD);
  assert.equal(r.status, 429, 'still locked from the first address');
  assert.equal(inst.lista(`SELECT ip || ':' || count(*) FROM auditoria WHERE accion = 'login_fallido' AND login = '${typed}' GROUP BY ip ORDER BY ip`), '127.0.0.2:5');
  assert.equal(count(inst, `SELECT count(*) FROM auditoria WHERE accion = 'login_bloqueado' AND ip = '127.0.0.2' AND detalle = 'demasiados intentos'`), 2);

  // The administrator sees the pair, with the login as it was typed, and can lift it.
  const a = await h.loginAs(inst, h.ADMIN);
  const list = await a.get('/admin/bloqueos');
  assert.equal(list.status, 200);
  const main = h.mainOf(list.text);
  assert.deepEqual(h.dataKAll(main, 'bloqueado'), [typed]);
  assert.deepEqual(h.dataKAll(main, 'ip'), ['127.0.0.2']);
  r = await a.post('/admin/bloqueos/desbloquear', { csrf: h.csrfOf(main), tipo: 'login', login: typed });
  assert.equal(r.status, 303);
  assert.equal(inst.sql("SELECT detalle FROM auditoria WHERE accion = 'login_desbloqueado' ORDER BY id DESC LIMIT 1"), `usuario ${typed}`);
  r = await attempt(inst, '127.0.0.2', h.DEL_LLAVES, DEMO_PASSWORD);
  assert.equal(r.status, 303, 'unlocked by the administrator');
});

test('AP /token: five failures of a username from one address refuse it there; the AP from another address gets its token', async () => {
  const first = await token(inst, '127.0.0.4', ap.AP_B.nit, 'mala-0', ap.AP_B.afiliacion);
  assert.equal(first.status, 401);
  for (let i = 1; i < 5; i++)
    assert.equal((await token(inst, '127.0.0.4', ap.AP_B.nit, `mala-${i}`, ap.AP_B.afiliacion)).status, 401);
  const locked = await token(inst, '127.0.0.4', ap.AP_B.nit, ap.PASSWORD, ap.AP_B.afiliacion);
  assert.equal(locked.status, 401);
  assert.deepEqual(locked.json, first.json, 'the same answer as a wrong password');
  const other = await token(inst, '127.0.0.5', ap.AP_B.nit, ap.PASSWORD, ap.AP_B.afiliacion);
  assert.equal(other.status, 200, 'the AP from another address');
  assert.ok(other.json.access_token);
  assert.equal(count(inst, `SELECT count(*) FROM auditoria WHERE accion = 'ap_token_fallido' AND login = '${ap.AP_B.nit}' AND ip = '127.0.0.4'`), 5);
  assert.equal(count(inst, `SELECT count(*) FROM auditoria WHERE accion = 'ap_token_bloqueado' AND login = '${ap.AP_B.nit}' AND ip = '127.0.0.4'`), 1);
});

test('100 consecutive failures from any addresses lock a login until an administrator lifts it', async () => {
  const U = h.DEL_PENDIENTE;
  // 25 addresses, 4 failures each: never 5 from one address, nor 20 from one address.
  let c;
  for (let i = 0; i < 100; i++) {
    const from = `127.0.1.${1 + Math.floor(i / 4)}`;
    if (i % 4 === 0) c = inst.client(from);
    const r = await c.login(U, `Mala-${i}`);
    assert.equal(r.status, 400, `failure ${i + 1} from ${from}`);
  }
  assert.equal(inst.sql(`SELECT fallos FROM intento_seguido WHERE tipo = 'login' AND clave = '${U.toLowerCase()}'`), '100');
  // Now the right password from an address that never failed is refused too.
  let r = await attempt(inst, '127.0.1.200', U, DEMO_PASSWORD);
  assert.equal(r.status, 429);
  assert.deepEqual(alertOf(r), [RETENIDO]);
  assert.equal(h.inputValue(r.text, 'usuario'), U);
  // It does not end with the window.
  inst.sql('UPDATE intento SET desde = desde - 16 * 60');
  assert.equal((await attempt(inst, '127.0.1.201', U, DEMO_PASSWORD)).status, 429);

  // Listed as typed, with its count; lifting it is audited and lets the owner in.
  const a = await h.loginAs(inst, h.ADMIN);
  const list = await a.get('/admin/bloqueos');
  const main = h.mainOf(list.text);
  assert.deepEqual(h.dataKAll(main, 'retenido'), [U]);
  assert.match(main, /<td data-k="retenido">ADMINHCEIPS800100074<\/td><td>Portal<\/td><td>[^<]+<\/td><td>100<\/td>/);
  r = await a.post('/admin/bloqueos/desbloquear', { csrf: h.csrfOf(main), login: U });
  assert.equal(r.status, 303);
  assert.equal(count(inst, `SELECT count(*) FROM intento_seguido WHERE clave = '${U.toLowerCase()}'`), 0);
  assert.equal((await attempt(inst, '127.0.1.200', U, DEMO_PASSWORD)).status, 303);
  // Not locked any more: 404, nothing written.
  r = await a.post('/admin/bloqueos/desbloquear', { csrf: h.csrfOf(main), login: U });
  assert.equal(r.status, 404);
});

test('a success resets the consecutive count; an unknown login reaches the same lock with the same page', async () => {
  const U = h.DEL_RECHAZADO, X = 'ADMINHCEIPS755555555';
  // 99 failures so far (set in the database): the right password still gets in, and the
  // count starts again.
  inst.sql(`INSERT INTO intento_seguido VALUES ('login', '${U.toLowerCase()}', '${U}', 99, ${ahora()}, 1)`);
  assert.equal((await attempt(inst, '127.0.2.1', U, DEMO_PASSWORD)).status, 303);
  assert.equal(count(inst, `SELECT count(*) FROM intento_seguido WHERE clave = '${U.toLowerCase()}'`), 0);
  // 99 then one more: locked, and so is a login with no account, with the same answer.
  const pages = [];
  for (const L of [U, X]) {
    inst.sql(`DELETE FROM intento_seguido WHERE tipo = 'login' AND clave = '${L.toLowerCase()}';
      INSERT INTO intento_seguido VALUES ('login', '${L.toLowerCase()}', '${L}', 99, ${ahora()}, ${L === U ? 1 : 0})`);
    assert.equal((await attempt(inst, '127.0.2.2', L, 'Mala')).status, 400, `${L}: the 100th failure`);
    const r = await attempt(inst, '127.0.2.3', L, DEMO_PASSWORD);
    assert.equal(r.status, 429, L);
    assert.deepEqual(alertOf(r), [RETENIDO]);
    pages.push(h.mainOf(r.text).replace(/name="csrf" value="[^"]*"/, '').split(L).join('USUARIO'));
  }
  assert.equal(pages[1], pages[0], 'the same page whether or not the account exists');
  const a = await h.loginAs(inst, h.ADMIN);
  const main = h.mainOf((await a.get('/admin/bloqueos')).text);
  assert.match(main, /<td data-k="retenido">ADMINHCEIPS755555555<\/td><td>Portal<\/td><td>\(no existe una cuenta con ese usuario\)<\/td>/);
  for (const L of [U, X])
    assert.equal((await a.post('/admin/bloqueos/desbloquear', { csrf: h.csrfOf(main), login: L.toLowerCase() })).status, 303);
  assert.equal((await attempt(inst, '127.0.2.3', U, DEMO_PASSWORD)).status, 303);
});

test('AP /token: 100 consecutive failures lock the username until an administrator lifts it', async () => {
  const A = ap.AP_A;
  inst.sql(`DELETE FROM intento_seguido WHERE tipo = 'ap' AND clave = '${A.nit}';
    INSERT INTO intento_seguido VALUES ('ap', '${A.nit}', '${A.nit}', 99, ${ahora()}, 1)`);
  const wrong = await token(inst, '127.0.3.1', A.nit, 'mala');
  assert.equal(wrong.status, 401);
  const r = await token(inst, '127.0.3.2', A.nit, ap.PASSWORD);
  assert.equal(r.status, 401, 'the right password from another address');
  assert.deepEqual(r.json, wrong.json);
  assert.match(r.json.error_description, /100 intentos fallidos seguidos/);
  const a = await h.loginAs(inst, h.ADMIN);
  const main = h.mainOf((await a.get('/admin/bloqueos')).text);
  assert.match(main, new RegExp(`<td data-k="retenido">${A.nit}</td><td>Servicios web AP \\(/token\\)</td><td>Administradora de Pensiones y Cesantías Horizonte Demo</td><td>100</td>`));
  // The portal's login of the same name is another thing: 404.
  assert.equal((await a.post('/admin/bloqueos/desbloquear', { csrf: h.csrfOf(main), login: A.nit })).status, 404);
  assert.equal((await a.post('/admin/bloqueos/desbloquear', { csrf: h.csrfOf(main), tipo: 'ap', login: A.nit })).status, 303);
  assert.equal(inst.sql("SELECT detalle FROM auditoria WHERE accion = 'login_desbloqueado' ORDER BY id DESC LIMIT 1"), `usuario AP ${A.nit}`);
  assert.equal((await token(inst, '127.0.3.2', A.nit, ap.PASSWORD)).status, 200);
});

test('logins without an account leave bounded rows: old windows are purged, at most 10,000 consecutive counts kept', async () => {
  // 10,000 counts of logins without an account, all older than any new one, and a
  // window row long past.
  inst.sql('DELETE FROM intento_seguido WHERE cuenta = 0');
  inst.sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
    INSERT INTO intento_seguido SELECT 'login', 'cc9' || i, 'CC9' || i, 1, 1000 + i, 0 FROM n`);
  inst.sql("INSERT INTO intento VALUES ('login', 'viejo', '127.9.9.9', 'VIEJO', 3, 1000)");
  assert.equal((await attempt(inst, '127.0.4.1', 'CC8000000001', 'Mala')).status, 400);
  assert.equal(count(inst, 'SELECT count(*) FROM intento_seguido WHERE cuenta = 0'), 10000);
  assert.equal(count(inst, "SELECT count(*) FROM intento_seguido WHERE clave = 'cc91'"), 0, 'the oldest forgotten');
  assert.equal(count(inst, "SELECT count(*) FROM intento_seguido WHERE clave = 'cc910000'"), 1);
  assert.equal(count(inst, "SELECT count(*) FROM intento_seguido WHERE clave = 'cc8000000001'"), 1, 'the new one kept');
  assert.equal(count(inst, "SELECT count(*) FROM intento WHERE clave = 'viejo'"), 0, 'a past window purged');
  // A real account's count is never among those forgotten.
  assert.equal((await attempt(inst, '127.0.4.1', h.MSPS, 'Mala')).status, 400);
  assert.equal((await attempt(inst, '127.0.4.1', 'CC8000000002', 'Mala')).status, 400);
  assert.equal(count(inst, `SELECT cuenta FROM intento_seguido WHERE clave = '${h.MSPS.toLowerCase()}'`), 1);
  assert.equal(count(inst, 'SELECT count(*) FROM intento_seguido WHERE cuenta = 0'), 10000);
  inst.sql('DELETE FROM intento_seguido WHERE cuenta = 0');
  inst.sql(`DELETE FROM intento_seguido WHERE clave = '${h.MSPS.toLowerCase()}'`);
});

// Fires n requests at once (each made by mk(i), already prepared) and returns the answers.
async function atOnce(n, prepare) {
  const sends = await Promise.all(Array.from({ length: n }, (_, i) => prepare(i)));
  return Promise.all(sends.map((send) => send()));
}

test('20 concurrent wrong passwords for one login from one address: exactly 5 are checked', async () => {
  const U = h.DEL_NUEVO;
  const rs = await atOnce(20, async () => {
    const c = par.client('127.0.0.6');
    const csrf = await c.csrf('/login');
    return () => c.post('/login', { csrf, usuario: U, clave: 'Clave-Equivocada' });
  });
  const statuses = rs.map((r) => r.status).sort();
  assert.deepEqual(statuses, [...Array(5).fill(400), ...Array(15).fill(429)], JSON.stringify(statuses));
  assert.equal(count(par, `SELECT count(*) FROM auditoria WHERE accion = 'login_fallido' AND login = '${U}'`), 5, 'five passwords checked');
  assert.equal(count(par, `SELECT count(*) FROM auditoria WHERE accion = 'login_bloqueado' AND login = '${U}'`), 15);
  assert.equal(par.sql(`SELECT fallos FROM intento WHERE clave = '${U.toLowerCase()}' AND ip = '127.0.0.6'`), '5');
  assert.equal(par.sql(`SELECT fallos FROM intento_seguido WHERE clave = '${U.toLowerCase()}'`), '5');
});

test('AP /token: 20 concurrent wrong passwords for one username from one address: exactly 5 are checked', async () => {
  const A = ap.AP_A;
  const rs = await atOnce(20, async () => {
    const c = new Client(par.apBase, null, '127.0.0.7');
    return () => ap.token(c, { grant_type: 'password', username: A.nit, password: 'mala', client_id: A.afiliacion });
  });
  assert.deepEqual(rs.map((r) => r.status), Array(20).fill(401));
  assert.equal(count(par, `SELECT count(*) FROM auditoria WHERE accion = 'ap_token_fallido' AND login = '${A.nit}'`), 5);
  assert.equal(count(par, `SELECT count(*) FROM auditoria WHERE accion = 'ap_token_bloqueado' AND login = '${A.nit}'`), 15);
});

// Holds the portal's hashing slots (its lock files) from outside, as busy workers would;
// returns a function that frees them.
async function holdSlots(portal, n) {
  const procs = [];
  for (let i = 0; i < n; i++) {
    const p = spawn('flock', ['-x', path.join(portal.dir, `scrypt.${i}.lock`), 'sh', '-c', 'echo held; exec cat'],
      { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise((resolve, reject) => { p.stdout.once('data', resolve); p.once('error', reject); });
    procs.push(p);
  }
  return async () => {
    await Promise.all(procs.map((p) => new Promise((resolve) => { p.once('exit', resolve); p.stdin.end(); })));
  };
}

test('every hashing slot taken: 429 with Retry-After at once, nothing counted, and the other pages answer', async () => {
  // 4 workers: half of them, 2 slots.
  assert.ok(fs.existsSync(path.join(inst.dir, 'scrypt.1.lock')));
  assert.ok(!fs.existsSync(path.join(inst.dir, 'scrypt.2.lock')));
  const user = await h.loginAs(inst, h.DEL_LLAVES);
  const free = await holdSlots(inst, 2);
  try {
    const before = h.snapshot(inst);
    let r = await attempt(inst, '127.0.5.1', h.DEL_NUEVO, DEMO_PASSWORD);
    assert.equal(r.status, 429, 'login');
    assert.equal(r.headers['retry-after'], '2');
    assert.deepEqual(alertOf(r), [OCUPADO]);
    assert.equal(h.inputValue(r.text, 'usuario'), h.DEL_NUEVO, 'the typed user kept');
    // The AP's /token: the OAuth error shape.
    const t = await token(inst, '127.0.5.1', ap.AP_A.nit, ap.PASSWORD);
    assert.equal(t.status, 429, '/token');
    assert.equal(t.headers['retry-after'], '2');
    assert.deepEqual(t.json, { error: 'slow_down', error_description: OCUPADO });
    // "¿Olvidó su contraseña?" costs a hash too.
    const o = inst.client('127.0.5.1');
    r = await o.post('/clave/olvido', { csrf: await o.csrf('/clave/olvido'), usuario: h.DEL_NUEVO, correo: 'x@ips.example.co' });
    assert.equal(r.status, 429, '/clave/olvido');
    assert.equal(r.headers['retry-after'], '2');
    // Changing a password (current password checked, new one hashed).
    r = await user.post('/cuenta/clave', { csrf: await user.csrf('/cuenta/clave'), actual: DEMO_PASSWORD,
      nueva: 'una frase nueva bastante larga', confirmar: 'una frase nueva bastante larga' });
    assert.equal(r.status, 429, '/cuenta/clave');
    assert.equal(h.fieldError(r.text, 'actual'), OCUPADO);
    // Nothing counted or changed (the /token call is measured, as every call on that port).
    const now = h.snapshot(inst);
    assert.deepEqual({ ...now, auditoria: null }, { ...before, auditoria: null });
    assert.equal(count(inst, `SELECT count(*) FROM auditoria WHERE ip = '127.0.5.1'`), 0);
    // A logged-in user's pages answer.
    assert.equal((await user.get('/ihce')).status, 200);
  } finally {
    await free();
  }
  assert.equal((await attempt(inst, '127.0.5.1', h.DEL_NUEVO, DEMO_PASSWORD)).status, 303, 'a slot free again');
});

test('a flood of wrong passwords from rotating addresses: each answered 400 or 429, and another user\'s page answers meanwhile', async () => {
  const user = await h.loginAs(inst, h.DEL_LLAVES);
  const n = 24;
  const before = count(inst, "SELECT count(*) FROM auditoria WHERE accion = 'login_fallido'");
  // Every request from its own address, for its own unknown login: each would cost a hash.
  const prepared = await Promise.all(Array.from({ length: n }, async (_, i) => {
    const c = inst.client(`127.0.6.${i + 1}`);
    const csrf = await c.csrf('/login');
    return () => c.post('/login', { csrf, usuario: `CC70000000${String(i).padStart(2, '0')}`, clave: 'Mala' });
  }));
  const flood = Promise.all(prepared.map((send) => send()));
  const page = await user.get('/ihce');
  const rs = await flood;
  assert.equal(page.status, 200, 'the page during the flood');
  const busy = rs.filter((r) => r.status === 429);
  const checked = rs.filter((r) => r.status === 400);
  assert.equal(busy.length + checked.length, n, JSON.stringify(rs.map((r) => r.status)));
  for (const r of busy) {
    assert.deepEqual(alertOf(r), [OCUPADO]);
    assert.equal(r.headers['retry-after'], '2');
  }
  for (const r of checked) assert.deepEqual(alertOf(r), [NOMATCH]);
  assert.ok(busy.length > 0, 'the cap turned some away');
  assert.equal(count(inst, "SELECT count(*) FROM auditoria WHERE accion = 'login_fallido'") - before, checked.length,
    'only the answered 400 cost a hash');
});
