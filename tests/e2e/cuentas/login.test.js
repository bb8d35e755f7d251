// Login (cgi/cuentas/ingreso.c): the form, one answer for every wrong user or password, the
// session cookie on success, the portal's own throttle (5 failures of a login from one
// address and 20 of an address in 15 minutes → 429; other addresses, the 100-failure lock
// and the hashing cap are in ingreso.test.js), the audit of failures, and the pre-session
// CSRF token.
// nginx's /login rate limit is set very high by startPortal, so the portal's is what is
// tested. The throttle runs on a second portal: its per-address count starts at zero and
// does not block the other tests.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, DEMO_PASSWORD } = require('../../lib/portal.js');
const h = require('../helpers.js');

const NOMATCH = 'Los datos de usuario no corresponden';
const TOO_MANY = 'Demasiados intentos fallidos. Espere 15 minutos antes de intentar de nuevo.';
const LOCKED = 'Por seguridad, el ingreso de este usuario desde su dirección de red está bloqueado durante 15 minutos por demasiados intentos fallidos. Espere e intente de nuevo, o pida al administrador del Ministerio que lo desbloquee.';
const INACTIVO = 'CC7007007007';	// a valid account, deactivated in before()

let inst, thr;

before(async () => {
  [inst, thr] = await Promise.all([startPortal(), startPortal()]);
  inst.portal(['user-add', INACTIVO, 'Rol_IHCE_MSPS', '900474727', 'Cuenta Inactiva', 'inactiva@minsalud.example.co'],
    DEMO_PASSWORD + '\n');
  inst.sql(`UPDATE usuario SET activo = 0 WHERE login = '${INACTIVO}'`);
});

after(async () => {
  await Promise.all([inst, thr].filter(Boolean).map((x) => x.stop()));
});

// POSTs a login with a fresh pre-session (what a browser does from the login page).
async function attempt(portal, usuario, clave) {
  const c = portal.client();
  const r = await c.login(usuario, clave);
  return { c, r };
}

function sidCookie(r) {
  return [].concat(r.headers['set-cookie'] || []).find((x) => x.startsWith('__Host-sid='));
}

// Asserts a refused login: status, the one alert, the typed user kept, no password back,
// no session.
function assertRefused(r, status, alert, usuario, clave, what) {
  assert.equal(r.status, status, what);
  const main = h.mainOf(r.text);
  assert.deepEqual([...main.matchAll(/<p class="alert" role="alert">([^<]*)<\/p>/g)].map((m) => m[1]), [alert], `${what}: the message`);
  assert.deepEqual(h.fieldsWithErrors(r.text), [], `${what}: no message on a field`);
  assert.equal(h.inputValue(r.text, 'usuario'), usuario, `${what}: the typed user is kept`);
  assert.equal(h.inputValue(r.text, 'clave'), '', `${what}: the password field is empty`);
  assert.ok(!r.text.includes(clave), `${what}: the password is not echoed`);
  assert.equal(sidCookie(r), undefined, `${what}: no session cookie`);
  assert.ok(h.csrfOf(r.text), `${what}: the form can be sent again`);
}

// The page without what legitimately differs between two refusals: token and typed user.
function normalized(r, usuario) {
  return h.mainOf(r.text).replace(/name="csrf" value="[^"]*"/, 'name="csrf" value="TOKEN"')
    .split(`value="${usuario}"`).join('value="USUARIO"');
}

test('GET /login shows Usuario and Contraseña, a password field, and sets the pre-session cookie', async () => {
  const c = inst.client();
  const r = await c.get('/login');
  assert.equal(r.status, 200);
  const main = h.mainOf(r.text);
  assert.match(main, /<h1>Iniciar sesión<\/h1>/);
  assert.match(main, /<form method="post" action="\/login"/);
  assert.match(main, /<label for="f-usuario">Usuario<\/label>/);
  assert.match(main, /<label for="f-clave">Contraseña<\/label>/);
  assert.match(main, /<input type="text" id="f-usuario" name="usuario" value=""/);
  assert.match(main, /<input type="password" id="f-clave" name="clave" value=""/);
  assert.match(h.csrfOf(r.text), /^[A-Za-z0-9_-]{43}$/);
  assert.ok(c.cookies.get('__Host-pre'), 'the pre-session cookie');
  assert.doesNotMatch(main, /role="alert"/);
  assert.equal(sidCookie(r), undefined);
});

test('wrong password, unknown user and inactive account: the same 400 and message, user kept, password not echoed', async () => {
  const before = h.snapshot(inst);
  const tries = [
    ['wrong password', h.DEL_LLAVES, 'Clave-Equivocada-1'],
    ['wrong password, other case', h.DEL_LLAVES.toLowerCase(), 'Clave-Equivocada-2'],
    ['unknown user', 'ADMINHCEIPS999999999', 'Clave-Equivocada-3'],
    ['unknown user, right demo password', 'CC9999999999', DEMO_PASSWORD],
    ['inactive account, right password', INACTIVO, DEMO_PASSWORD],
  ];
  const pages = [];
  for (const [what, usuario, clave] of tries) {
    const { r } = await attempt(inst, usuario, clave);
    assertRefused(r, 400, NOMATCH, usuario, clave, what);
    pages.push([what, normalized(r, usuario)]);
  }
  for (const [what, page] of pages.slice(1))
    assert.equal(page, pages[0][1], `${what}: the same page as ${pages[0][0]}`);
  const now = h.snapshot(inst);
  assert.equal(now.sesion, before.sesion, 'no session created');
  assert.notEqual(now.intento, before.intento, 'the failures are counted');
});

test('the failures are audited with the typed login and the address, never the password', async () => {
  const rows = inst.sql("SELECT login || '|' || ip || '|' || usuario_id || '|' || coalesce(detalle, '') FROM auditoria WHERE accion = 'login_fallido' ORDER BY id").split('\n');
  assert.deepEqual(rows, [h.DEL_LLAVES, h.DEL_LLAVES.toLowerCase(), 'ADMINHCEIPS999999999', 'CC9999999999', INACTIVO]
    .map((u) => `${u}|127.0.0.1|0|`));
  assert.equal(h.num(inst, "SELECT count(*) FROM auditoria WHERE coalesce(login, '') || coalesce(detalle, '') LIKE '%Clave-Equivocada%'"), 0);
  assert.ok(!inst.log().includes('Clave-Equivocada'), 'the log holds no password');
});

test('empty user or password: 400 with the message next to the field', async () => {
  let { r } = await attempt(inst, '', 'algo');
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text), ['usuario']);
  assert.equal(h.fieldError(r.text, 'usuario'), 'Escriba su usuario.');
  ({ r } = await attempt(inst, h.DEL_LLAVES, ''));
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text), ['clave']);
  assert.equal(h.fieldError(r.text, 'clave'), 'Escriba su contraseña.');
  assert.equal(h.inputValue(r.text, 'usuario'), h.DEL_LLAVES);
  assert.equal(sidCookie(r), undefined);
});

test('a successful login: 303 to /, a __Host-sid session cookie, audited', async () => {
  const uid = h.num(inst, `SELECT id FROM usuario WHERE login = '${h.DEL_LLAVES}'`);
  const sesiones = h.num(inst, `SELECT count(*) FROM sesion WHERE usuario_id = ${uid}`);
  const { c, r } = await attempt(inst, h.DEL_LLAVES, DEMO_PASSWORD);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/');
  assert.match(sidCookie(r) || '', /^__Host-sid=[A-Za-z0-9_-]{43};/);
  assert.equal(h.num(inst, `SELECT count(*) FROM sesion WHERE usuario_id = ${uid}`), sesiones + 1);
  let p = await c.get('/');
  assert.equal(p.status, 303);
  assert.equal(p.headers.location, '/ihce');
  p = await c.get('/ihce');
  assert.equal(p.status, 200);
  assert.equal(h.dataKAll(p.text, 'login')[0], h.DEL_LLAVES);
  assert.equal(inst.sql(`SELECT login || '|' || usuario_id || '|' || ip FROM auditoria WHERE accion = 'login' ORDER BY id DESC LIMIT 1`),
    `${h.DEL_LLAVES}|${uid}|127.0.0.1`);
});

test('a successful login clears that login\'s failures: four more are answered 400, not 429', async () => {
  for (const round of [1, 2]) {
    for (let i = 1; i <= 4; i++) {
      const { r } = await attempt(inst, h.DEL_RECHAZADO, `Mala-${round}-${i}`);
      assertRefused(r, 400, NOMATCH, h.DEL_RECHAZADO, `Mala-${round}-${i}`, `round ${round}, failure ${i}`);
    }
    const { r } = await attempt(inst, h.DEL_RECHAZADO, DEMO_PASSWORD);
    assert.equal(r.status, 303, `round ${round}: the right password after four failures`);
  }
});

test('a login without the pre-session cookie or its token gets 403 and nothing happens', async () => {
  const creds = { usuario: h.DEL_PENDIENTE, clave: DEMO_PASSWORD };
  const other = await inst.client().csrf('/login');
  const variants = [
    ['no cookie, no token', () => inst.client(), () => undefined],
    ['cookie, no token', async () => { const c = inst.client(); await c.get('/login'); return c; }, () => undefined],
    ['cookie, empty token', async () => { const c = inst.client(); await c.get('/login'); return c; }, () => ''],
    ['token, no cookie', () => inst.client(), () => other],
    ['token of another pre-session', async () => { const c = inst.client(); await c.get('/login'); return c; }, () => other],
  ];
  for (const [what, mk, tok] of variants) {
    const c = await mk();
    const before = h.snapshot(inst);
    const t = tok();
    const r = await c.post('/login', t === undefined ? creds : { csrf: t, ...creds });
    assert.equal(r.status, 403, what);
    assert.match(r.text, /Acceso no permitido/, what);
    assert.equal(sidCookie(r), undefined, `${what}: no session cookie`);
    assert.deepEqual(h.snapshot(inst), before, `${what}: no session, no failure counted, no audit`);
  }
  // The same credentials with the page's token and cookie log in.
  const { r } = await attempt(inst, h.DEL_PENDIENTE, DEMO_PASSWORD);
  assert.equal(r.status, 303);
});

// ---------------------------------------------------------------------------------------
// The throttle, on its own portal (thr). Every failure below comes from 127.0.0.1.

const A = h.DEL_LLAVES, B = h.DEL_PENDIENTE, C = h.DEL_RECHAZADO, U = 'ADMINHCEIPS999999999';

test('five failures for one login: then 429 saying the user is locked, even with the right password or another case', async () => {
  const sesiones = thr.sql('SELECT count(*) FROM sesion');
  for (let i = 1; i <= 5; i++) {
    const { r } = await attempt(thr, A, `Mala-${i}`);
    assertRefused(r, 400, NOMATCH, A, `Mala-${i}`, `failure ${i}`);
  }
  const blocked = [];
  for (const [what, usuario, clave] of [['sixth wrong password', A, 'Mala-6'], ['right password', A, DEMO_PASSWORD],
    ['right password, login in lower case', A.toLowerCase(), DEMO_PASSWORD]]) {
    const { r } = await attempt(thr, usuario, clave);
    assertRefused(r, 429, LOCKED, usuario, clave, what);
    blocked.push(normalized(r, usuario));
  }
  assert.equal(thr.sql('SELECT count(*) FROM sesion'), sesiones, 'no session while throttled');

  // An unknown login is throttled the same way: a 429 does not tell that the account exists.
  for (let i = 1; i <= 5; i++) {
    const { r } = await attempt(thr, U, `Mala-${i}`);
    assertRefused(r, 400, NOMATCH, U, `Mala-${i}`, `unknown user, failure ${i}`);
  }
  const { r } = await attempt(thr, U, 'Mala-6');
  assertRefused(r, 429, LOCKED, U, 'Mala-6', 'unknown user, sixth');
  assert.equal(normalized(r, U), blocked[0], 'the same 429 page as for an existing account');

  // Audited: each failure, and each refusal while throttled.
  const aud = (accion, login) => {
    const where = `FROM auditoria WHERE accion = '${accion}' AND login = '${login}'`;
    return `${thr.sql(`SELECT count(*) ${where}`)}|${thr.lista(`SELECT DISTINCT ip || ':' || coalesce(detalle, '') ${where}`)}`;
  };
  assert.equal(aud('login_fallido', A), '5|127.0.0.1:');
  assert.equal(aud('login_bloqueado', A), '2|127.0.0.1:demasiados intentos');
  assert.equal(aud('login_bloqueado', A.toLowerCase()), '1|127.0.0.1:demasiados intentos');
  assert.equal(aud('login_fallido', U), '5|127.0.0.1:');
  assert.equal(aud('login_bloqueado', U), '1|127.0.0.1:demasiados intentos');
});

test('another login is not blocked by that throttle, until the address reaches 20 failures', async () => {
  // 10 failures so far from this address (the refusals while throttled do not count).
  for (let i = 1; i <= 4; i++) {
    const { r } = await attempt(thr, B, `Mala-${i}`);
    assertRefused(r, 400, NOMATCH, B, `Mala-${i}`, `${B} failure ${i}`);
  }
  let { r } = await attempt(thr, B, DEMO_PASSWORD);
  assert.equal(r.status, 303, `${B}: four failures do not block, and ${A}'s throttle does not either`);
  assert.ok(sidCookie(r));
  // 14 failures: five more, each for another login, make 19.
  for (let i = 1; i <= 5; i++) {
    const u = `CC100000000${i}`;
    ({ r } = await attempt(thr, u, 'Mala'));
    assertRefused(r, 400, NOMATCH, u, 'Mala', `failure ${14 + i} of the address`);
  }
  ({ r } = await attempt(thr, C, DEMO_PASSWORD));
  assert.equal(r.status, 303, 'at 19 failures of the address a right login passes');
  ({ r } = await attempt(thr, 'CC1000000009', 'Mala'));
  assertRefused(r, 400, NOMATCH, 'CC1000000009', 'Mala', 'failure 20 of the address');
  // Now every login from the address is refused, right password or not.
  for (const [usuario, clave] of [[C, DEMO_PASSWORD], [h.MSPS, DEMO_PASSWORD], ['CC1000000010', 'Mala']]) {
    ({ r } = await attempt(thr, usuario, clave));
    assertRefused(r, 429, TOO_MANY, usuario, clave, `${usuario} after 20 failures of the address`);
  }
  assert.equal(h.num(thr, `SELECT count(*) FROM auditoria WHERE accion = 'login_bloqueado' AND login IN ('${C}', '${h.MSPS}', 'CC1000000010')`), 3);
});

test('after the 15-minute window the logins work again (the counters aged in the database)', async () => {
  thr.sql('UPDATE intento SET desde = desde - 16 * 60');
  for (const u of [A, C, h.MSPS]) {
    const { r } = await attempt(thr, u, DEMO_PASSWORD);
    assert.equal(r.status, 303, u);
  }
  // A failure now starts a new count: four more are still answered 400, not 429.
  for (let i = 1; i <= 4; i++) {
    const { r } = await attempt(thr, U, `Otra-${i}`);
    assert.equal(r.status, 400, `${U}, failure ${i} of the new window`);
  }
});
