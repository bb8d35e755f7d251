// Re-authentication: a secret (the IHCE keys' "Mostrar") shows only within 10 minutes of
// the password (and the code, when the factor is active); after that the portal asks for
// them again and then shows the secret.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, totpAt, totpStep, rememberSecret, DEMO_PASSWORD } = require('../../lib/portal');
const h = require('../helpers');

const DEL = h.DEL_LLAVES;	// keys assigned
const MASK = '••••••••••••';
let inst, del, llave;

before(async () => {
  inst = await startPortal();
  del = await h.loginAs(inst, DEL);
  llave = h.inputValue((await del.get('/ihce/llaves')).text, 'llave');
});
after(async () => { await inst.stop(); });

const uid = (login) => h.num(inst, `SELECT id FROM usuario WHERE login = '${login}'`);
const reveals = () => h.num(inst, `SELECT count(*) FROM auditoria WHERE accion = 'ihce_mostrar_secreto'`);
// The secrets a page shows unmasked.
const shown = (html) => h.dataKAll(h.mainOf(html), 'client_secret').filter((s) => s !== MASK);
// Makes the session's last authentication older than 10 minutes, as if time had passed.
const age = (login) => inst.sql(`UPDATE sesion SET autenticado = autenticado - 601 WHERE usuario_id = ${uid(login)}`);

async function mostrar(c, fields = {}) {
  const csrf = await c.csrf('/ihce/llaves');
  return c.post('/ihce/llaves/mostrar', { csrf, llave, ...fields });
}

test('within 10 minutes of the login the secret shows at once', async () => {
  const n = reveals();
  const r = await mostrar(del);
  assert.equal(r.status, 200);
  assert.equal(shown(r.text).length, 1);
  assert.match(shown(r.text)[0], /^demo~/);
  assert.equal(reveals(), n + 1);
});

test('after 10 minutes the portal asks for the password, then shows the secret', async () => {
  age(DEL);
  const n = reveals();
  let r = await mostrar(del);
  assert.equal(r.status, 200);
  assert.match(r.headers['cache-control'], /no-store/);
  assert.match(h.dataKMain(r.text, 'reautenticar'), /confirme su contraseña/);
  assert.deepEqual(shown(r.text), [], 'no secret before the password');
  assert.equal(reveals(), n, 'nothing revealed');
  const form = h.formOf(r.text, '/reautenticar');
  assert.equal(form.destino, '/ihce/llaves/mostrar');
  assert.equal(form.llave, llave, 'the request\'s fields are carried');
  assert.ok(!('codigo' in form), 'no code field without a factor');
  const at = inst.sql(`SELECT autenticado FROM sesion WHERE usuario_id = ${uid(DEL)}`);

  // No CSRF token: 403, nothing changes.
  const { csrf, ...noCsrf } = form;
  assert.equal((await del.post('/reautenticar', { ...noCsrf, clave: DEMO_PASSWORD })).status, 403);
  assert.equal(inst.sql(`SELECT autenticado FROM sesion WHERE usuario_id = ${uid(DEL)}`), at);
  // Empty password: 400 with the message; the carried fields stay.
  r = await del.post('/reautenticar', { ...form, clave: '' });
  assert.equal(r.status, 400);
  assert.equal(h.fieldError(r.text, 'clave'), 'Escriba su contraseña.');
  assert.equal(h.formOf(r.text, '/reautenticar').llave, llave);
  // A wrong password: 400, counted as a failed login, no secret.
  r = await del.post('/reautenticar', { ...form, clave: 'no es la clave' });
  assert.equal(r.status, 400);
  assert.match(r.text, /La contraseña no es correcta/);
  assert.deepEqual(shown(r.text), []);
  assert.equal(inst.sql(`SELECT fallos FROM intento WHERE clave = '${DEL.toLowerCase()}'`), '1');
  assert.equal(reveals(), n);
  assert.equal(inst.sql(`SELECT autenticado FROM sesion WHERE usuario_id = ${uid(DEL)}`), at);
  // A destination that is not a secret's, or unknown: 404.
  for (const destino of ['/ihce/solicitud', '/nada', '/cuenta/clave']) {
    assert.equal((await del.post('/reautenticar', { ...form, destino, clave: DEMO_PASSWORD })).status, 404, destino);
  }
  // The right password: the secret, audited, and the clock restarted.
  r = await del.post('/reautenticar', { ...form, clave: DEMO_PASSWORD });
  assert.equal(r.status, 200);
  assert.match(r.headers['cache-control'], /no-store/);
  assert.equal(shown(r.text).length, 1);
  assert.equal(reveals(), n + 1);
  assert.equal(inst.sql(`SELECT accion FROM auditoria WHERE login = '${DEL}' ORDER BY id DESC LIMIT 2`),
    'ihce_mostrar_secreto\nreautenticacion');
  assert.ok(Number(inst.sql(`SELECT autenticado FROM sesion WHERE usuario_id = ${uid(DEL)}`)) > Number(at) + 600);
  assert.equal(inst.sql(`SELECT count(*) FROM intento WHERE clave = '${DEL.toLowerCase()}'`), '0');
  // And the next reveal needs nothing more.
  assert.equal(shown((await mostrar(del)).text).length, 1);
});

test('re-authentication does not reach another entity\'s key', async () => {
  const otro = await h.loginAs(inst, 'ADMINHCEIPS800100370');
  age('ADMINHCEIPS800100370');
  const n = reveals();
  const r0 = await mostrar(otro);	// DEL's key id, from another entity
  const form = h.formOf(r0.text, '/reautenticar');
  const r = await otro.post('/reautenticar', { ...form, clave: DEMO_PASSWORD });
  assert.equal(r.status, 404);
  assert.deepEqual(shown(r.text), []);
  assert.equal(reveals(), n);
});

test('with the factor active the code is asked too, and a used code is refused', async () => {
  // The delegate enrolls.
  const page = await del.get('/cuenta/dos-pasos');
  const secret = h.dataKMain(page.text, 'secreto').replace(/ /g, '');
  const s = totpStep();
  assert.equal((await del.post('/cuenta/dos-pasos', { csrf: h.csrfOf(page.text), codigo: totpAt(secret, s) })).status, 200);
  rememberSecret(inst.base, DEL, secret);
  age(DEL);
  const n = reveals();
  let r = await mostrar(del);
  const form = h.formOf(r.text, '/reautenticar');
  assert.ok('codigo' in form, 'the code is asked');
  // The right password without a code: 400 with the field's message.
  r = await del.post('/reautenticar', { ...form, clave: DEMO_PASSWORD });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /6 dígitos/);
  // The code the enrollment used: refused.
  r = await del.post('/reautenticar', { ...form, clave: DEMO_PASSWORD, codigo: totpAt(secret, s) });
  assert.equal(r.status, 400);
  assert.match(r.text, /La contraseña o el código de verificación no son correctos/);
  assert.deepEqual(shown(r.text), []);
  // A wrong password with the right code: refused, and the code is not spent.
  r = await del.post('/reautenticar', { ...form, clave: 'otra cosa', codigo: totpAt(secret, s + 1) });
  assert.equal(r.status, 400);
  assert.equal(inst.sql(`SELECT ultimo_paso FROM totp WHERE usuario_id = ${uid(DEL)}`), String(s));
  assert.equal(reveals(), n);
  r = await del.post('/reautenticar', { ...form, clave: DEMO_PASSWORD, codigo: totpAt(secret, s + 1) });
  assert.equal(r.status, 200);
  assert.equal(shown(r.text).length, 1);
  assert.equal(reveals(), n + 1);
  inst.sql('DELETE FROM intento');
});

test('enrolling a second factor from a session older than 10 minutes asks for the password first', async () => {
  const login = h.DEL_PENDIENTE;
  const c = await h.loginAs(inst, login);
  const page = await c.get('/cuenta/dos-pasos');
  const b32 = h.dataKMain(page.text, 'secreto').replace(/ /g, '');
  age(login);
  const activo = () => inst.sql(`SELECT coalesce(max(activo), 0) FROM totp WHERE usuario_id = ${uid(login)}`);
  // An idle session (a stolen one, say) cannot bind an authenticator without the password.
  let r = await c.post('/cuenta/dos-pasos', { csrf: h.csrfOf(page.text), codigo: totpAt(b32, totpStep()) });
  assert.equal(r.status, 200);
  assert.match(h.dataKMain(r.text, 'reautenticar'), /confirme su contraseña/);
  assert.equal(activo(), '0', 'not enrolled');
  const form = h.formOf(r.text, '/reautenticar');
  assert.equal(form.destino, '/cuenta/dos-pasos');
  r = await c.post('/reautenticar', { ...form, clave: 'no es la clave' });
  assert.equal(r.status, 400);
  assert.equal(activo(), '0');
  // With the password: back to the page (the code typed before may have expired), where a
  // fresh code of the same pending secret enrolls it.
  r = await c.post('/reautenticar', { ...form, clave: DEMO_PASSWORD });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/cuenta/dos-pasos');
  const again = await c.get('/cuenta/dos-pasos');
  assert.equal(h.dataKMain(again.text, 'secreto').replace(/ /g, ''), b32, 'the same pending secret');
  r = await c.post('/cuenta/dos-pasos', { csrf: h.csrfOf(again.text), codigo: totpAt(b32, totpStep()) });
  assert.equal(r.status, 200);
  assert.equal(activo(), '1', 'enrolled');
  rememberSecret(inst.base, login, b32);
});
