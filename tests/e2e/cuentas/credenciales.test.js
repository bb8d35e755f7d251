// Changing a credential needs the password (and the code, with a factor) given within the
// last 10 minutes, as "Mostrar" does: the CCF's or AP's connection password (/sat/clave),
// the OAuth credentials of a shared service, a MIPRES user token, and the ministry's IHCE
// keys and environment parameters. A form whose secret is never sent back asks before it
// shows and, if the time runs out while it is open, asks again and returns to it with
// nothing carried. Every change mails the entity's delegates (the ministry's
// administrators for the environments) in the same transaction, without the secret.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, totpAt, totpStep, DEMO_PASSWORD, DEMO_TOTP } = require('../../lib/portal');
const h = require('../helpers');

const CCF_A = 'CC1020300010';	// autorizado SAT of Caja Andina (892300110)
const MIPRES = 'ADMINMIPRESPROV901500013';
let inst;

before(async () => { inst = await startPortal(); });
after(async () => { if (inst) await inst.stop(); });

const uid = (login) => h.num(inst, `SELECT id FROM usuario WHERE login = '${login}'`);
// Makes the session's last authentication older than 10 minutes, as if time had passed.
const age = (login) => inst.sql(`UPDATE sesion SET autenticado = autenticado - 601 WHERE usuario_id = ${uid(login)}`);
const correos = () => h.num(inst, 'SELECT count(*) FROM correo');
// The active delegates' addresses of the entity with nit (securityAdmin_* roles), sorted.
const delegados = (nit) => inst.sql(`SELECT DISTINCT u.correo FROM usuario u JOIN rol_asignado r ON r.usuario_id = u.id JOIN entidad e ON e.id = r.entidad_id WHERE e.nit = '${nit}' AND substr(r.rol, 1, 14) = 'securityAdmin_' AND r.activo = 1 AND u.activo = 1 ORDER BY 1`).split('\n').filter(Boolean);
// The messages queued after id: [{ para, asunto, cuerpo }].
// Bodies are sealed: read as an operator does (portal correo-ver).
const mailsAfter = (id) => inst.correos(`id > ${id}`).map(({ para, asunto, cuerpo }) => ({ para, asunto, cuerpo }));
const lastMail = () => h.num(inst, 'SELECT coalesce(max(id), 0) FROM correo');

// Whether page is the re-authentication form (and not the form it interrupted).
function isReauth(r) {
  return r.status === 200 && /confirme su contraseña/.test(h.dataKMain(r.text, 'reautenticar') || '');
}

// Asserts mails (after the change) are one per delegate of nit, about que, with no secret.
function assertAviso(mails, para, que, secretos) {
  assert.deepEqual(mails.map((m) => m.para).sort(), [...para].sort(), 'one mail to each delegate');
  for (const m of mails) {
    assert.match(m.asunto, /cambio de credenciales/);
    assert.match(m.cuerpo, que);
    assert.match(m.cuerpo, /Desde la dirección: 127\.0\.0\.1/);
    for (const s of secretos) assert.ok(!m.cuerpo.includes(s) && !m.asunto.includes(s), 'no secret in the mail');
  }
}

async function autorizadoSat(login) {
  const c = await h.loginAs(inst, login);
  const r = await c.post('/sat/terminos', { csrf: await c.csrf('/sat/terminos'), decision: 'acepto' });
  assert.equal(r.status, 303);
  return c;
}

test('Asignar contraseña: asks for the password before the form after 10 minutes, never carries the new one, mails the delegates', async () => {
  const a = await autorizadoSat(CCF_A);
  const para = delegados('892300110');
  assert.ok(para.length >= 1, 'Caja Andina has a delegate');
  const clave = () => inst.sql("SELECT coalesce(clave, '') FROM sat_entidad s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '892300110'");

  // Within 10 minutes: the form, and the change mails each delegate.
  let r = await a.get('/sat/clave');
  assert.equal(r.status, 200);
  assert.notEqual(h.inputValue(r.text, 'nueva'), null);
  let m0 = lastMail();
  const pw1 = 'Caja-Andina-Credencial-2026';
  r = await a.post('/sat/clave', { csrf: h.csrfOf(r.text), nueva: pw1, confirmacion: pw1 });
  assert.equal(r.status, 303);
  assertAviso(mailsAfter(m0), para, /nueva contraseña de conexión.*892300110/, [pw1]);
  const stored = clave();
  assert.match(stored, /^\$s1\$/);

  // After 10 minutes the page asks first; nothing of the form shows.
  age(CCF_A);
  r = await a.get('/sat/clave');
  assert.ok(isReauth(r), 'the re-authentication form');
  assert.match(r.headers['cache-control'], /no-store/);
  assert.equal(h.inputValue(r.text, 'nueva'), null);
  assert.ok(h.dataKMain(r.text, 'reautenticar-volver'), 'says it returns to the form');
  assert.equal(h.formOf(r.text, '/reautenticar').destino, '/sat/clave');

  // A POST from a form left open: asked again, the password typed is not sent back, and
  // nothing is stored, audited or mailed.
  const pw2 = 'Caja-Andina-Credencial-2027';
  const before = [clave(), correos(), h.num(inst, 'SELECT count(*) FROM auditoria WHERE accion = \'sat_clave_asignada\'')];
  r = await a.post('/sat/clave', { csrf: h.csrfOf(r.text), nueva: pw2, confirmacion: pw2 });
  assert.ok(isReauth(r));
  assert.ok(!r.text.includes(pw2), 'the new password is not in the page');
  const form = h.formOf(r.text, '/reautenticar');
  assert.deepEqual(Object.keys(form).sort(), ['clave', 'csrf', 'destino'], 'nothing carried');
  assert.deepEqual([clave(), correos(), h.num(inst, 'SELECT count(*) FROM auditoria WHERE accion = \'sat_clave_asignada\'')], before);

  // A wrong password: still nothing.
  r = await a.post('/reautenticar', { ...form, clave: 'no es la clave' });
  assert.equal(r.status, 400);
  assert.equal(clave(), stored);
  inst.sql('DELETE FROM intento; DELETE FROM intento_seguido');
  // The right one: back to the form (GET), which now shows; then the change goes through.
  r = await a.post('/reautenticar', { ...form, clave: DEMO_PASSWORD });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/sat/clave');
  r = await a.get('/sat/clave');
  assert.equal(r.status, 200);
  assert.notEqual(h.inputValue(r.text, 'nueva'), null);
  m0 = lastMail();
  r = await a.post('/sat/clave', { csrf: h.csrfOf(r.text), nueva: pw2, confirmacion: pw2 });
  assert.equal(r.status, 303);
  assert.notEqual(clave(), stored);
  assertAviso(mailsAfter(m0), para, /nueva contraseña de conexión/, [pw2]);
  assert.equal(inst.sql(`SELECT accion FROM auditoria WHERE login = '${CCF_A}' ORDER BY id DESC LIMIT 2`),
    'sat_clave_asignada\nreautenticacion');
});

test('OAuth credentials of a shared service: re-authentication first, the secrets never carried, the delegates mailed', async () => {
  const a = await autorizadoSat(CCF_A);
  const ent = h.num(inst, "SELECT id FROM entidad WHERE nit = '892300110'");
  inst.sql(`INSERT INTO servicio_compartido(entidad_id, nombre, url, metodo, datos, creado, actualizado) VALUES (${ent}, 'reauth-servicio', 'https://api.caja.example.co/x', 'POST', 1, 1, 1)`);
  const id = h.num(inst, "SELECT id FROM servicio_compartido WHERE nombre = 'reauth-servicio'");
  const p = `/sat/compartidos/${id}/credenciales`;
  const secreto = 'secreto-de-cliente-REAUTH-42';
  const cred = (csrf) => ({ csrf, token_nombre: 'token-sat', token_url: 'https://auth.caja.example.co/oauth/token',
    grant_type: 'client_credentials', cliente_auth: 'basic', usuario: '', clave: '',
    client_id: 'ministerio-sat', client_secret: secreto, scope: 'afiliados.lectura' });
  const sellado = () => inst.sql(`SELECT coalesce(${inst.hex('client_secret')}, '') FROM servicio_compartido WHERE id = ${id}`);

  age(CCF_A);
  let r = await a.get(p);
  assert.ok(isReauth(r));
  assert.equal(h.inputValue(r.text, 'client_secret'), null);
  const csrf = h.csrfOf(r.text);
  // Posted from a form left open: the secret does not come back in the page.
  const n = correos();
  r = await a.post(p, cred(csrf));
  assert.ok(isReauth(r));
  assert.ok(!r.text.includes(secreto));
  assert.equal(sellado(), '');
  assert.equal(correos(), n);
  const form = h.formOf(r.text, '/reautenticar');
  assert.equal(form.destino, p);
  assert.ok(!('client_secret' in form) && !('token_url' in form), 'nothing carried');
  r = await a.post('/reautenticar', { ...form, clave: DEMO_PASSWORD });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, p);
  r = await a.get(p);
  assert.equal(r.status, 200);
  assert.equal(h.inputValue(r.text, 'client_secret'), '');
  const m0 = lastMail();
  r = await a.post(p, cred(h.csrfOf(r.text)));
  assert.equal(r.status, 303);
  assert.notEqual(sellado(), '');
  assertAviso(mailsAfter(m0), delegados('892300110'), /credenciales OAuth 2\.0.*«reauth-servicio».*Client Secret: nuevo/s, [secreto]);
});

test('a MIPRES user token: generated after the password, shown once, the delegates mailed without it', async () => {
  const c = await h.loginAs(inst, MIPRES);
  const tokens = () => inst.sql("SELECT count(*) FROM mipres_token t JOIN entidad e ON e.id = t.entidad_id WHERE e.nit = '901500013'");
  const csrf = await c.csrf('/mipres/token');
  age(MIPRES);
  const n = [tokens(), correos()];
  let r = await c.post('/mipres/token', { csrf });
  assert.ok(isReauth(r));
  assert.equal(h.dataKMain(r.text, 'token_nuevo'), null);
  assert.deepEqual([tokens(), correos()], n, 'nothing generated or mailed');
  const form = h.formOf(r.text, '/reautenticar');
  assert.equal(form.destino, '/mipres/token');
  assert.equal(h.dataKMain(r.text, 'reautenticar-volver'), null, 'nothing typed to lose: it goes on');
  const m0 = lastMail();
  r = await c.post('/reautenticar', { ...form, clave: DEMO_PASSWORD });
  assert.equal(r.status, 200);
  assert.match(r.headers['cache-control'], /no-store/);
  const token = h.dataKMain(r.text, 'token_nuevo');
  assert.match(token, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
  assert.equal(Number(tokens()), Number(n[0]) + 1);
  assertAviso(mailsAfter(m0), delegados('901500013'), /nuevo token de usuario del servicio web MIPRES/,
    [token, token.slice(-4) + '.', token.replace(/-/g, '')]);
});

test('the ministry\'s keys: the official confirms password and code, the keys typed are carried, the delegate is mailed', async () => {
  const msps = await h.loginAs(inst, h.MSPS);
  const sol = h.num(inst, "SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100074' AND s.vigente = 1");
  let r = await msps.get(`/msps/solicitudes/${sol}`);
  assert.equal(r.status, 200);
  const k = h.llaves('reauth');
  const fields = h.llaveFields(h.csrfOf(r.text), h.versionOf(r.text), k);
  age(h.MSPS);
  const before = h.snapshot(inst);
  // The form answers with its confirmation (secrets masked): the password is asked by
  // Confirmar, which writes.
  r = await msps.post(`/msps/solicitudes/${sol}`, fields);
  assert.equal(r.status, 200);
  assert.ok(!isReauth(r));
  r = await msps.post(`/msps/solicitudes/${sol}/confirmar`, h.formOf(r.text, `/msps/solicitudes/${sol}/confirmar`));
  assert.ok(isReauth(r));
  assert.deepEqual(h.snapshot(inst), before, 'no key stored, nothing mailed');
  const form = h.formOf(r.text, '/reautenticar');
  assert.ok('codigo' in form, 'the code is asked');
  assert.equal(form.destino, `/msps/solicitudes/${sol}/confirmar`);
  assert.match(form.sellado, /^[A-Za-z0-9_-]+$/, 'the keys are carried sealed');
  for (const a of h.AMBIENTES) assert.ok(!r.text.includes(k[a].client_secret), `${a}: no secret in clear on the step`);
  inst.sql(`UPDATE totp SET ultimo_paso = NULL WHERE usuario_id = ${uid(h.MSPS)}`);
  const m0 = lastMail();
  r = await msps.post('/reautenticar', { ...form, clave: DEMO_PASSWORD, codigo: totpAt(DEMO_TOTP, totpStep()) });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/msps/asignar?ok=llaves');
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${sol}`), 'asignado');
  const mails = mailsAfter(m0).filter((m) => m.para === 'delegado.800100074@ips.example.co');
  assert.ok(mails.length >= 1, 'the entity\'s delegate is told, in the same change');
  for (const m of mails) for (const a of h.AMBIENTES) assert.ok(!m.cuerpo.includes(k[a].client_secret), 'no secret in the mail');
});

test('the environments\' parameters: asked before the form, the APIM key never carried, the administrators mailed', async () => {
  const msps = await h.loginAs(inst, h.MSPS);
  let r = await msps.get('/msps/ambientes');
  assert.equal(r.status, 200);
  const apim = 'APIM-reauth-' + Date.now();
  const amb = {
    csrf: h.csrfOf(r.text),
    endpoint_desarrollo: 'https://dev.ihce.example.gov.co/api', tenant_desarrollo: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', scope_desarrollo: 'api://ihce-dev/.default', apim_desarrollo: apim,
    endpoint_preproduccion: 'https://pre.ihce.example.gov.co/api', tenant_preproduccion: '3f2504e0-4f89-11d3-9a0c-0305e82c3302', scope_preproduccion: 'api://ihce-pre/.default', apim_preproduccion: '',
    endpoint_produccion: 'https://ihce.example.gov.co/api', tenant_produccion: '3f2504e0-4f89-11d3-9a0c-0305e82c3303', scope_produccion: 'api://ihce/.default', apim_produccion: '',
  };
  age(h.MSPS);
  r = await msps.get('/msps/ambientes');
  assert.ok(isReauth(r));
  const before = h.snapshot(inst);
  r = await msps.post('/msps/ambientes', amb);
  assert.ok(isReauth(r));
  assert.ok(!r.text.includes(apim), 'the APIM key is not sent back');
  assert.deepEqual(h.snapshot(inst), before);
  const form = h.formOf(r.text, '/reautenticar');
  assert.deepEqual(Object.keys(form).sort(), ['clave', 'codigo', 'csrf', 'destino']);
  inst.sql(`UPDATE totp SET ultimo_paso = NULL WHERE usuario_id = ${uid(h.MSPS)}`);
  r = await msps.post('/reautenticar', { ...form, clave: DEMO_PASSWORD, codigo: totpAt(DEMO_TOTP, totpStep()) });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/msps/ambientes');
  r = await msps.get('/msps/ambientes');
  assert.equal(r.status, 200);
  const m0 = lastMail();
  r = await msps.post('/msps/ambientes', { ...amb, csrf: h.csrfOf(r.text) });
  assert.equal(r.status, 303);
  const admins = inst.sql("SELECT DISTINCT u.correo FROM usuario u JOIN rol_asignado r ON r.usuario_id = u.id WHERE r.rol = 'Administrador_MSPS' AND r.activo = 1 AND u.activo = 1").split('\n');
  assert.ok(admins.length >= 1);
  assertAviso(mailsAfter(m0), admins, /ambientes IHCE.*Ambientes con nueva llave de suscripción APIM: Desarrollo\./s, [apim]);
});
