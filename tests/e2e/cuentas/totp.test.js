// "Verificación en dos pasos": TOTP enrollment from a QR code, the login's second step
// (wrong codes counted, replays refused, one step either side), recovery codes, mandatory
// enrollment for ministry staff, and the administrator's audited reset.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { startPortal, totpAt, totpStep, base32Decode, rememberSecret, DEMO_PASSWORD } =
  require('../../lib/portal');
const h = require('../helpers');

const DEL = h.DEL_PENDIENTE;	// a delegate: the factor is offered, not required
const OTRO = h.DEL_RECHAZADO;	// another delegate
let inst;
let secret = null;	// DEL's secret once enrolled
let codes = [];		// DEL's recovery codes

before(async () => { inst = await startPortal(); });
after(async () => { await inst.stop(); });

const uid = (login) => h.num(inst, `SELECT id FROM usuario WHERE login = '${login}'`);
// The login's failures from 127.0.0.1 in the current window.
const fallos = (login) => inst.sql(`SELECT coalesce((SELECT fallos FROM intento WHERE tipo = 'login' AND clave = '${login.toLowerCase()}' AND ip = '127.0.0.1'), 0)`);
const audits = (accion) => h.num(inst, `SELECT count(*) FROM auditoria WHERE accion = '${accion}'`);

// Waits, when the current 30 s step is about to end, for the next one: a test that uses
// the steps around "now" must not see now move under it. (A wait, never an assertion.)
async function freshStep() {
  const left = 30 - (Date.now() / 1000) % 30;
  if (left < 6) await new Promise((r) => setTimeout(r, left * 1000 + 200));
  return totpStep();
}

// A client that gave only the password: the session waits for the code.
async function passwordOnly(user, password = DEMO_PASSWORD) {
  const c = inst.client();
  const csrf = await c.csrf('/login');
  const r = await c.post('/login', { csrf, usuario: user, clave: password });
  assert.equal(r.status, 303, `password of ${user}`);
  return c;
}

async function sendCode(c, codigo) {
  const page = await c.get('/login/codigo');
  assert.equal(page.status, 200);
  return c.post('/login/codigo', { csrf: h.csrfOf(page.text), codigo });
}

// Every byte of the database (inst.volcado: the files on SQLite, a pg_dump on PostgreSQL).
function dbBytes() {
  return [inst.volcado()];
}

test('a delegate enrolls from the QR code: no-store PNG, the secret sealed, recovery codes shown once', async () => {
  const c = await h.loginAs(inst, DEL);
  const home = await c.get('/ihce');
  assert.equal(home.status, 200, 'the factor is not required of a delegate');
  assert.match(home.text, /<a href="\/cuenta\/dos-pasos" data-k="dos-pasos">Verificación en dos pasos<\/a>/);

  const page = await c.get('/cuenta/dos-pasos');
  assert.equal(page.status, 200);
  assert.match(page.headers['cache-control'], /no-store/);
  const shown = h.dataKMain(page.text, 'secreto');
  assert.match(shown, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  const b32 = shown.replace(/ /g, '');
  assert.match(page.text, /<img src="\/cuenta\/dos-pasos\/qr"/);
  // The same pending secret until it is confirmed.
  assert.equal(h.dataKMain((await c.get('/cuenta/dos-pasos')).text, 'secreto'), shown);

  const qr = await c.get('/cuenta/dos-pasos/qr');
  assert.equal(qr.status, 200);
  assert.equal(qr.headers['content-type'], 'image/png');
  assert.match(qr.headers['cache-control'], /no-store/);
  assert.ok(qr.text.startsWith('\ufffdPNG'), 'a PNG');

  // Stored sealed: neither the base32 text nor the raw key is in the database files.
  assert.equal(inst.sql(`SELECT activo || '|' || length(secreto) FROM totp WHERE usuario_id = ${uid(DEL)}`), '0|72');
  for (const bytes of dbBytes()) {
    assert.equal(bytes.indexOf(Buffer.from(b32)), -1, 'base32 secret in the clear');
    assert.equal(bytes.indexOf(base32Decode(b32)), -1, 'raw secret in the clear');
  }

  // No CSRF token: 403, nothing activated.
  assert.equal((await c.post('/cuenta/dos-pasos', { codigo: totpAt(b32, totpStep()) })).status, 403);
  const csrf = h.csrfOf(page.text);
  // Malformed and wrong codes: 400 with the message and the value kept, nothing written.
  let r = await c.post('/cuenta/dos-pasos', { csrf, codigo: '12ab' });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /6 dígitos/);
  assert.equal(h.inputValue(r.text, 'codigo'), '12ab');
  const wrong = String((Number(totpAt(b32, totpStep())) + 1) % 1e6).padStart(6, '0');
  r = await c.post('/cuenta/dos-pasos', { csrf, codigo: wrong });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /no corresponde/);
  assert.equal(h.inputValue(r.text, 'codigo'), wrong);
  assert.equal(h.dataKMain(r.text, 'secreto'), shown, 'the same secret shown again');
  assert.equal(inst.sql(`SELECT activo FROM totp WHERE usuario_id = ${uid(DEL)}`), '0');
  assert.equal(h.num(inst, `SELECT count(*) FROM totp_recuperacion WHERE usuario_id = ${uid(DEL)}`), 0);

  // The right code: active, ten recovery codes shown this once.
  r = await c.post('/cuenta/dos-pasos', { csrf, codigo: totpAt(b32, totpStep()) });
  assert.equal(r.status, 200);
  assert.match(r.headers['cache-control'], /no-store/);
  codes = h.dataKAll(h.mainOf(r.text), 'codigo');
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const k of codes) assert.match(k, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  assert.equal(inst.sql(`SELECT activo FROM totp WHERE usuario_id = ${uid(DEL)}`), '1');
  assert.equal(h.num(inst, `SELECT count(*) FROM totp_recuperacion WHERE usuario_id = ${uid(DEL)} AND usado IS NULL`), 10);
  assert.equal(inst.sql(`SELECT login FROM auditoria WHERE accion = 'totp_activado' ORDER BY id DESC LIMIT 1`), DEL);
  for (const bytes of dbBytes()) {
    for (const k of codes) assert.equal(bytes.indexOf(Buffer.from(k)), -1, 'recovery code in the clear');
  }
  // Never again: the page shows the state only, the QR code is gone, a second activation 409.
  const state = await c.get('/cuenta/dos-pasos');
  assert.match(h.dataKMain(state.text, 'estado'), /activa desde/);
  assert.equal(h.dataKMain(state.text, 'restantes'), '10');
  assert.equal(h.dataKMain(state.text, 'secreto'), null);
  for (const k of codes) assert.ok(!state.text.includes(k));
  assert.equal((await c.get('/cuenta/dos-pasos/qr')).status, 404);
  assert.equal((await c.post('/cuenta/dos-pasos', { csrf, codigo: totpAt(b32, totpStep() + 1) })).status, 409);
  secret = b32;
});

test('one user cannot see or use another user\'s factor', async () => {
  assert.ok(secret);
  const o = await h.loginAs(inst, OTRO);
  const page = await o.get('/cuenta/dos-pasos');
  const mine = h.dataKMain(page.text, 'secreto').replace(/ /g, '');
  assert.notEqual(mine, secret);
  // The QR route has no id: it draws only the session's own pending secret.
  assert.equal((await o.get('/cuenta/dos-pasos/qr')).status, 200);
  // DEL's code does not confirm OTRO's secret.
  const r = await o.post('/cuenta/dos-pasos', { csrf: h.csrfOf(page.text), codigo: totpAt(secret, totpStep()) });
  assert.equal(r.status, 400);
  assert.equal(inst.sql(`SELECT activo FROM totp WHERE usuario_id = ${uid(OTRO)}`), '0');
});

test('the second step: nothing answers before it; a wrong code is refused and counted; the right one rotates the session', async () => {
  const c = await passwordOnly(DEL);
  const sid = c.cookies.get('__Host-sid');
  assert.equal((await c.get('/')).headers.location, '/login/codigo');
  assert.equal((await c.get('/login')).headers.location, '/login/codigo');
  for (const p of ['/ihce', '/ihce/llaves', '/cuenta/clave', '/cuenta/dos-pasos', '/roles', '/autorizados']) {
    assert.equal((await c.get(p)).status, 403, p);
  }
  const page = await c.get('/login/codigo');
  assert.match(page.text, /data-k="rol">Por verificar</);
  // No CSRF token: 403, not even counted.
  assert.equal((await c.post('/login/codigo', { codigo: '123456' })).status, 403);
  assert.equal(fallos(DEL), '0');
  // Malformed: 400 with the message, not counted.
  let r = await sendCode(c, 'abc');
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /6 dígitos/);
  assert.equal(h.inputValue(r.text, 'codigo'), 'abc');
  assert.equal(fallos(DEL), '0');

  await freshStep();
  const wrong = String((Number(totpAt(secret, totpStep())) + 500000) % 1e6).padStart(6, '0');
  const before = audits('login_codigo_fallido');
  r = await sendCode(c, wrong);
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /no es correcto/);
  assert.equal(fallos(DEL), '1');
  assert.equal(audits('login_codigo_fallido'), before + 1);
  inst.sql(`DELETE FROM intento`);
  assert.equal((await c.get('/ihce')).status, 403);

  // The step the enrollment used is spent; a later one within the window works.
  const last = h.num(inst, `SELECT ultimo_paso FROM totp WHERE usuario_id = ${uid(DEL)}`);
  r = await sendCode(c, totpAt(secret, last));
  assert.equal(r.status, 400, 'the step the enrollment used');
  r = await sendCode(c, totpAt(secret, Math.max(last + 1, totpStep())));
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/');
  assert.notEqual(c.cookies.get('__Host-sid'), sid, 'a new session id');
  assert.equal(inst.sql(`SELECT count(*) FROM sesion WHERE usuario_id = ${uid(DEL)} AND paso <> 0`), '0');
  assert.equal((await c.get('/')).headers.location, '/ihce');
  assert.equal((await c.get('/ihce')).status, 200);
  assert.equal(fallos(DEL), '0', 'a complete login clears the failures');
  // A wrong code counted, then a right one: cleared.
  const d = await passwordOnly(DEL);
  assert.equal((await sendCode(d, wrong)).status, 400);
  assert.equal(fallos(DEL), '1');
  inst.sql(`UPDATE totp SET ultimo_paso = NULL WHERE usuario_id = ${uid(DEL)}`);
  assert.equal((await sendCode(d, totpAt(secret, totpStep()))).status, 303);
  assert.equal(fallos(DEL), '0');
});

test('a code is never accepted twice; one step either side is', async () => {
  const s = await freshStep();
  // As if time had passed since the last login.
  inst.sql(`UPDATE totp SET ultimo_paso = NULL WHERE usuario_id = ${uid(DEL)}`);
  let c = await passwordOnly(DEL);
  assert.equal((await sendCode(c, totpAt(secret, s - 1))).status, 303, 'one step back');
  c = await passwordOnly(DEL);
  assert.equal((await sendCode(c, totpAt(secret, s - 1))).status, 400, 'the same code again');
  assert.equal((await sendCode(c, totpAt(secret, s))).status, 303, 'the current step');
  assert.equal(inst.sql(`SELECT ultimo_paso FROM totp WHERE usuario_id = ${uid(DEL)}`), String(s));
  c = await passwordOnly(DEL);
  assert.equal((await sendCode(c, totpAt(secret, s))).status, 400, 'replayed');
  assert.equal((await sendCode(c, totpAt(secret, s + 2))).status, 400, 'two steps ahead');
  assert.equal((await sendCode(c, totpAt(secret, s + 1))).status, 303, 'one step ahead');
  c = await passwordOnly(DEL);
  assert.equal((await sendCode(c, totpAt(secret, s - 1))).status, 400, 'older than the last');
  inst.sql(`DELETE FROM intento`);
});

test('five wrong codes lock the login for 15 minutes; the password alone does not clear the count', async () => {
  await freshStep();
  const wrong = String((Number(totpAt(secret, totpStep())) + 1) % 1e6).padStart(6, '0');
  let c = await passwordOnly(DEL);
  for (let i = 0; i < 4; i++) assert.equal((await sendCode(c, wrong)).status, 400);
  assert.equal(fallos(DEL), '4');
  // The right password again: the failures stay (no fresh guesses).
  c = await passwordOnly(DEL);
  assert.equal(fallos(DEL), '4');
  const waiting = () => h.num(inst, `SELECT count(*) FROM sesion WHERE usuario_id = ${uid(DEL)} AND paso = 1`);
  const w = waiting();
  const r = await sendCode(c, wrong);
  assert.equal(r.status, 429);
  assert.match(r.text, /bloqueado durante 15 minutos/);
  assert.ok(!c.cookies.get('__Host-sid'), 'the session ended');
  assert.equal(waiting(), w - 1);
  // Locked: even the right password is refused now.
  const again = inst.client();
  const r2 = await again.post('/login', { csrf: await again.csrf('/login'), usuario: DEL, clave: DEMO_PASSWORD });
  assert.equal(r2.status, 429);
  inst.sql(`DELETE FROM intento`);
});

test('a recovery code works once instead of the code', async () => {
  let c = await passwordOnly(DEL);
  // Typed in capitals with blanks: the same code.
  const typed = codes[0].toUpperCase().replace(/-/g, ' ');
  let r = await sendCode(c, typed);
  assert.equal(r.status, 303);
  assert.equal((await c.get('/ihce')).status, 200);
  assert.equal(inst.sql(`SELECT detalle FROM auditoria WHERE accion = 'login' AND login = '${DEL}' ORDER BY id DESC LIMIT 1`),
    'código de recuperación usado (quedan 9)');
  c = await passwordOnly(DEL);
  r = await sendCode(c, codes[0]);
  assert.equal(r.status, 400, 'spent');
  assert.equal(h.num(inst, `SELECT count(*) FROM totp_recuperacion WHERE usuario_id = ${uid(DEL)} AND usado IS NULL`), 9);
  // Another user's recovery code is not this user's.
  r = await sendCode(c, 'abcd-efgh-jkmn-pqrs');
  assert.equal(r.status, 400);
  assert.equal((await sendCode(c, codes[1])).status, 303);
  inst.sql(`DELETE FROM intento`);
});

test('only the administrator resets a factor: 403 for others, CSRF, audited, sessions ended', async () => {
  const id = uid(DEL);
  const d = await h.loginAs(inst, DEL);
  rememberSecret(inst.base, DEL, secret);
  const snap = () => inst.sql(`SELECT count(*) || '|' || (SELECT count(*) FROM totp_recuperacion) || '|' || (SELECT count(*) FROM auditoria WHERE accion = 'totp_restablecido') FROM totp`);
  const before = snap();
  for (const who of [h.MSPS, OTRO, DEL]) {
    const c = await h.loginAs(inst, who);
    const csrf = h.csrfOf((await c.get('/')).text) || h.csrfOf((await c.get(who === h.MSPS ? '/msps/asignar' : '/ihce')).text);
    assert.equal((await c.get('/admin/dos-pasos')).status, 403, who);
    assert.equal((await c.post(`/admin/dos-pasos/${id}/restablecer`, { csrf })).status, 403, who);
  }
  assert.equal(snap(), before);

  const a = await h.loginAs(inst, h.ADMIN);
  const home = await a.get('/admin');
  assert.match(home.text, /<a href="\/admin\/dos-pasos">/);
  const list = await a.get('/admin/dos-pasos');
  assert.equal(list.status, 200);
  assert.ok(h.dataKAll(h.mainOf(list.text), 'login').includes(DEL));
  const csrf = h.csrfOf(h.mainOf(list.text));
  assert.equal((await a.post(`/admin/dos-pasos/${id}/restablecer`, {})).status, 403, 'no CSRF token');
  assert.equal(snap(), before);
  assert.equal((await a.post(`/admin/dos-pasos/${uid(OTRO)}/restablecer`, { csrf })).status, 404, 'no active factor');
  assert.equal((await a.post('/admin/dos-pasos/999999/restablecer', { csrf })).status, 404);
  const r = await a.post(`/admin/dos-pasos/${id}/restablecer`, { csrf });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/admin/dos-pasos?ok=1');
  assert.equal(h.num(inst, `SELECT count(*) FROM totp WHERE usuario_id = ${id}`), 0);
  assert.equal(h.num(inst, `SELECT count(*) FROM totp_recuperacion WHERE usuario_id = ${id}`), 0);
  assert.equal(inst.sql(`SELECT login || '|' || rol || '|' || detalle FROM auditoria WHERE accion = 'totp_restablecido' ORDER BY id DESC LIMIT 1`),
    `${h.ADMIN}|Administrador_MSPS|usuario ${DEL}`);
  assert.match(inst.sql(`SELECT asunto FROM correo ORDER BY id DESC LIMIT 1`), /verificación en dos pasos restablecida/);
  // The delegate's session ended; the next login needs no code (not required of a delegate).
  assert.equal((await d.get('/ihce')).status, 303);
  const c = inst.client();
  const csrf2 = await c.csrf('/login');
  assert.equal((await c.post('/login', { csrf: csrf2, usuario: DEL, clave: DEMO_PASSWORD })).status, 303);
  assert.equal((await c.get('/')).headers.location, '/ihce');
});

test('ministry staff must enroll before any page; then the code is asked at every login', async () => {
  // The administrator resets the official's factor.
  const a = await h.loginAs(inst, h.ADMIN);
  const csrf = h.csrfOf(h.mainOf((await a.get('/admin/dos-pasos')).text));
  assert.equal((await a.post(`/admin/dos-pasos/${uid(h.MSPS)}/restablecer`, { csrf })).status, 303);

  const c = await passwordOnly(h.MSPS);
  assert.equal((await c.get('/')).headers.location, '/cuenta/dos-pasos');
  for (const p of ['/msps/asignar', '/msps/ambientes', '/cuenta/clave', '/login/codigo', '/roles']) {
    assert.equal((await c.get(p)).status, 403, p);
  }
  const page = await c.get('/cuenta/dos-pasos');
  assert.equal(page.status, 200);
  assert.match(h.dataKMain(page.text, 'obligatorio'), /exige la verificación en dos pasos/);
  const b32 = h.dataKMain(page.text, 'secreto').replace(/ /g, '');
  assert.equal((await c.post('/cuenta/dos-pasos', { codigo: totpAt(b32, totpStep()) })).status, 403, 'no CSRF token');
  const sid = c.cookies.get('__Host-sid');
  const r = await c.post('/cuenta/dos-pasos', { csrf: h.csrfOf(page.text), codigo: totpAt(b32, totpStep()) });
  assert.equal(r.status, 200);
  assert.equal(h.dataKAll(h.mainOf(r.text), 'codigo').length, 10);
  assert.notEqual(c.cookies.get('__Host-sid'), sid, 'a new session id once enrolled');
  assert.equal((await c.get('/')).headers.location, '/msps/asignar');
  assert.equal((await c.get('/msps/asignar')).status, 200);
  rememberSecret(inst.base, h.MSPS, b32);

  // The next login asks for the code.
  const n = await passwordOnly(h.MSPS);
  assert.equal((await n.get('/')).headers.location, '/login/codigo');
  assert.equal((await n.get('/msps/asignar')).status, 403);
  await freshStep();
  inst.sql(`UPDATE totp SET ultimo_paso = NULL WHERE usuario_id = ${uid(h.MSPS)}`);
  assert.equal((await sendCode(n, totpAt(b32, totpStep()))).status, 303);
  assert.equal((await n.get('/msps/asignar')).status, 200);
});
