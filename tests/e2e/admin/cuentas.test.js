// Account administration by the ministry administrator (cgi/admin/cuentas.c): staff who
// registered as "Otro usuario" cannot work until granted Rol_IHCE_MSPS (grant / reject,
// audited, mailed); locked logins are listed and unlocked (audited). Other roles get 403,
// and every POST refuses a missing CSRF token.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, DEMO_PASSWORD } = require('../../lib/portal.js');
const h = require('../helpers.js');
const k = require('../cuentas_helpers.js');

let inst;
before(async () => { inst = await startPortal(); });
after(async () => { await inst.stop(); });

const PENDING = 'Su cuenta aún no ha sido habilitada: un administrador del Ministerio debe asignarle el rol. Le avisaremos por correo.';
const LOCKED = 'Por seguridad, el ingreso de este usuario desde su dirección de red está bloqueado durante 15 minutos por demasiados intentos fallidos. Espere e intente de nuevo, o pida al administrador del Ministerio que lo desbloquee.';

// Registers staff, sets the password through the mailed link; returns { login, correo, id }.
async function funcionario(clave) {
  const f = k.otroFields({ correo: `f${k.nuevoNit()}@minsalud.example.co` });
  const { r } = await k.registrar(inst, inst.client(), f, { path: '/registro/otro' });
  assert.equal(r.status, 200);
  const login = `CC${f.num_doc}`;
  assert.equal((await k.setPassword(inst, k.linkToken(inst, f.correo), clave)).status, 303);
  return { login, correo: f.correo, id: Number(inst.sql(`SELECT id FROM usuario WHERE login = '${login}'`)) };
}

// The tests below fail many logins from 127.0.0.1; the per-address throttle (20) is
// login.test.js's subject, so each batch of failures forgets the address's count.
function forgetAddress() {
  inst.sql("DELETE FROM intento WHERE clave = ''");
}

function alertOf(r) {
  return [...h.mainOf(r.text).matchAll(/<p class="alert" role="alert">([^<]*)<\/p>/g)].map((m) => h.htmlDecode(m[1]));
}

test('the administration home lists the two new pages', async () => {
  const c = await h.loginAs(inst, h.ADMIN);
  const r = await c.get('/admin');
  assert.match(h.mainOf(r.text), /<a href="\/admin\/cuentas">Cuentas pendientes de aprobación<\/a>/);
  assert.match(h.mainOf(r.text), /<a href="\/admin\/bloqueos">Usuarios bloqueados<\/a>/);
});

test('a staff account cannot log in until granted; the grant is audited and mailed, and the role works', async () => {
  const u = await funcionario('frase del funcionario nuevo');
  // The right password: told the account waits (no session, no failure counted).
  const c = inst.client();
  let r = await c.login(u.login, 'frase del funcionario nuevo');
  assert.equal(r.status, 403);
  assert.deepEqual(alertOf(r), [PENDING]);
  assert.ok(!c.cookies.get('__Host-sid'));
  assert.equal(inst.sql(`SELECT coalesce(sum(fallos), 0) FROM intento WHERE clave = '${u.login.toLowerCase()}'`), '0');
  assert.equal(inst.sql(`SELECT coalesce(sum(fallos), 0) FROM intento_seguido WHERE clave = '${u.login.toLowerCase()}'`), '0');
  // A wrong password gets the usual answer: the waiting state is not revealed.
  r = await inst.client().login(u.login, 'otra cosa cualquiera');
  assert.equal(r.status, 400);
  assert.deepEqual(alertOf(r), ['Los datos de usuario no corresponden']);

  const a = await h.loginAs(inst, h.ADMIN);
  const list = await a.get('/admin/cuentas');
  assert.equal(list.status, 200);
  const row = new RegExp(`<tr data-k="cuenta-${u.id}"><td>${u.login}</td>`);
  assert.match(list.text, row);
  const csrf = h.csrfOf(h.mainOf(list.text));
  r = await a.post(`/admin/cuentas/${u.id}/aprobar`, { csrf });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/admin/cuentas?ok=aprobada');
  const after = await a.get('/admin/cuentas?ok=aprobada');
  assert.match(h.dataKMain(after.text, 'ok'), /habilitada/);
  assert.doesNotMatch(after.text, row);
  assert.equal(inst.sql(`SELECT u.aprobacion || '|' || r.rol || '|' || e.tipo FROM usuario u JOIN rol_asignado r ON r.usuario_id = u.id JOIN entidad e ON e.id = r.entidad_id WHERE u.id = ${u.id}`),
    'aprobada|Rol_IHCE_MSPS|MSPS');
  assert.equal(inst.sql(`SELECT login || '|' || rol || '|' || detalle FROM auditoria WHERE accion = 'cuenta_aprobada' ORDER BY id DESC LIMIT 1`),
    `${h.ADMIN}|Administrador_MSPS|usuario ${u.login} rol Rol_IHCE_MSPS`);
  assert.match(k.lastMail(inst, u.correo).asunto, /su cuenta fue habilitada/);
  // Now the account works, as funcionario MSPS.
  const m = inst.client();
  r = await m.login(u.login, 'frase del funcionario nuevo');
  assert.equal(r.status, 303);
  assert.equal((await m.get('/')).headers.location, '/msps/asignar');
  assert.equal((await m.get('/msps/asignar')).status, 200);
  // A second decision on the same account: 404, nothing written.
  const snap = k.cuentasSnapshot(inst);
  assert.equal((await a.post(`/admin/cuentas/${u.id}/rechazar`, { csrf })).status, 404);
  assert.equal((await a.post(`/admin/cuentas/${u.id}/aprobar`, { csrf })).status, 404);
  assert.equal((await a.post('/admin/cuentas/999999/aprobar', { csrf })).status, 404);
  assert.deepEqual(k.cuentasSnapshot(inst), snap);
});

test('a rejected staff account never works; the rejection is audited and mailed, and its links stop', async () => {
  const u = await funcionario('frase del rechazado largo');
  const a = await h.loginAs(inst, h.ADMIN);
  const csrf = h.csrfOf(h.mainOf((await a.get('/admin/cuentas')).text));
  const r = await a.post(`/admin/cuentas/${u.id}/rechazar`, { csrf });
  assert.equal(r.status, 303);
  assert.equal(inst.sql(`SELECT aprobacion || '|' || activo FROM usuario WHERE id = ${u.id}`), 'rechazada|0');
  assert.equal(inst.sql(`SELECT count(*) FROM rol_asignado WHERE usuario_id = ${u.id}`), '0');
  assert.equal(inst.sql(`SELECT detalle FROM auditoria WHERE accion = 'cuenta_rechazada' ORDER BY id DESC LIMIT 1`), `usuario ${u.login}`);
  assert.match(k.lastMail(inst, u.correo).asunto, /no fue aprobado/);
  const login = await inst.client().login(u.login, 'frase del rechazado largo');
  assert.equal(login.status, 400);
  assert.deepEqual(alertOf(login), ['Los datos de usuario no corresponden']);
  // It cannot get a reset link either.
  const n = Number(inst.sql('SELECT count(*) FROM correo'));
  const c = inst.client();
  await c.post('/clave/olvido', { csrf: await c.csrf('/clave/olvido'), usuario: u.login, correo: u.correo });
  assert.equal(Number(inst.sql('SELECT count(*) FROM correo')), n);
});

test('a locked login is listed with "Desbloquear"; unlocking is audited and lets the user in', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await inst.client().login(h.DEL_LLAVES, `mala-${i}`)).status, 400);
  let r = await inst.client().login(h.DEL_LLAVES, DEMO_PASSWORD);
  assert.equal(r.status, 429);
  assert.deepEqual(alertOf(r), [LOCKED]);
  // An unknown login locks the same way and gets the same message.
  for (let i = 0; i < 5; i++) await inst.client().login('ADMINHCEIPS777777777', `mala-${i}`);
  r = await inst.client().login('ADMINHCEIPS777777777', 'lo que sea');
  assert.equal(r.status, 429);
  assert.deepEqual(alertOf(r), [LOCKED]);
  forgetAddress();

  const a = await h.loginAs(inst, h.ADMIN);
  const list = await a.get('/admin/bloqueos');
  assert.equal(list.status, 200);
  // Each login as it was typed (issue 12: not folded to lower case), with the address.
  const locked = h.dataKAll(h.mainOf(list.text), 'bloqueado');
  assert.ok(locked.includes(h.DEL_LLAVES), JSON.stringify(locked));
  assert.ok(locked.includes('ADMINHCEIPS777777777'));
  assert.ok(h.dataKAll(h.mainOf(list.text), 'ip').every((ip) => ip === '127.0.0.1'));
  assert.match(list.text, /\(no existe una cuenta con ese usuario\)/);
  const csrf = h.csrfOf(h.mainOf(list.text));
  r = await a.post('/admin/bloqueos/desbloquear', { csrf, login: h.DEL_LLAVES.toLowerCase() });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/admin/bloqueos?ok=1');
  const after = await a.get('/admin/bloqueos?ok=1');
  assert.match(h.dataKMain(after.text, 'ok'), /desbloqueado/);
  assert.ok(!h.dataKAll(h.mainOf(after.text), 'bloqueado').includes(h.DEL_LLAVES));
  assert.equal(inst.sql("SELECT login || '|' || detalle FROM auditoria WHERE accion = 'login_desbloqueado'"),
    `${h.ADMIN}|usuario ${h.DEL_LLAVES.toLowerCase()}`);
  assert.equal((await inst.client().login(h.DEL_LLAVES, DEMO_PASSWORD)).status, 303);
  // A login that is not locked: 404, nothing written.
  const snap = k.cuentasSnapshot(inst);
  assert.equal((await a.post('/admin/bloqueos/desbloquear', { csrf, login: h.DEL_PENDIENTE })).status, 404);
  assert.equal((await a.post('/admin/bloqueos/desbloquear', { csrf, login: '<x>' })).status, 404);
  assert.deepEqual(k.cuentasSnapshot(inst), snap);
});

test('the lock lasts 15 minutes from the failure that set it (the counters aged in the database)', async () => {
  const U = h.DEL_RECHAZADO;
  const key = U.toLowerCase();
  forgetAddress();
  for (let i = 0; i < 4; i++) await inst.client().login(U, `mala-${i}`);
  inst.sql(`UPDATE intento SET desde = desde - 600 WHERE clave = '${key}'`);
  assert.equal((await inst.client().login(U, 'mala-5')).status, 400, 'fifth failure, ten minutes after the first');
  inst.sql(`UPDATE intento SET desde = desde - 600 WHERE clave = '${key}'`);
  assert.equal((await inst.client().login(U, DEMO_PASSWORD)).status, 429, '20 minutes after the first failure, 10 after the lock');
  inst.sql(`UPDATE intento SET desde = desde - 301 WHERE clave = '${key}'`);
  assert.equal((await inst.client().login(U, DEMO_PASSWORD)).status, 303, 'over 15 minutes after the lock');
});

test('other roles get 403 on every administration page and POST, and nothing changes', async () => {
  const u = await funcionario('frase de la prueba de roles');
  for (let i = 0; i < 5; i++) await inst.client().login(h.DEL_PENDIENTE, `mala-${i}`);
  forgetAddress();
  for (const who of [h.MSPS, h.DEL_NUEVO]) {
    const c = await h.loginAs(inst, who);
    const csrf = h.csrfOf((await c.get('/cuenta/clave')).text);
    for (const p of ['/admin/cuentas', '/admin/bloqueos']) assert.equal((await c.get(p)).status, 403, `${who} GET ${p}`);
    const snap = k.cuentasSnapshot(inst);
    for (const [p, f] of [[`/admin/cuentas/${u.id}/aprobar`, {}], [`/admin/cuentas/${u.id}/rechazar`, {}],
      ['/admin/bloqueos/desbloquear', { login: h.DEL_PENDIENTE }]]) {
      assert.equal((await c.post(p, { csrf, ...f })).status, 403, `${who} POST ${p}`);
    }
    assert.deepEqual(k.cuentasSnapshot(inst), snap, `${who}: nothing changed`);
  }
  const anon = inst.client();
  assert.equal((await anon.get('/admin/cuentas')).headers.location, '/login');
  assert.equal(inst.sql(`SELECT aprobacion FROM usuario WHERE id = ${u.id}`), 'pendiente');
});

test('the administration POSTs refuse a missing or foreign CSRF token', async () => {
  const u = await funcionario('frase de la prueba csrf');
  forgetAddress();
  for (let i = 0; i < 5; i++) await inst.client().login(h.DEL_PENDIENTE, `otra-${i}`);
  forgetAddress();
  const a = await h.loginAs(inst, h.ADMIN);
  const foreign = h.csrfOf((await (await h.loginAs(inst, h.ADMIN)).get('/admin/cuentas')).text);
  for (const [p, f] of [[`/admin/cuentas/${u.id}/aprobar`, {}], [`/admin/cuentas/${u.id}/rechazar`, {}],
    ['/admin/bloqueos/desbloquear', { login: h.DEL_PENDIENTE }]]) {
    for (const [what, tok] of [['no token', undefined], ['foreign token', foreign]]) {
      const snap = k.cuentasSnapshot(inst);
      const r = await a.post(p, tok === undefined ? f : { csrf: tok, ...f });
      assert.equal(r.status, 403, `${p}: ${what}`);
      assert.deepEqual(k.cuentasSnapshot(inst), snap, `${p}: ${what}`);
    }
  }
  assert.equal(inst.sql(`SELECT aprobacion FROM usuario WHERE id = ${u.id}`), 'pendiente');
});
