// Issue 11 §2: a delegate cannot take or read someone else's account. "Nuevo" in
// Administrar autorizados invites; the role becomes active only when the person accepts it
// logged in as themselves (with the link mailed to the account's own address), or — for an
// account the entity created — by setting its first password. The delegate sees the same
// answer, list row and edit page for a known and an unknown document, and never another
// account's name or e-mail before acceptance.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { startPortal, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');
const ch = require('../cuentas_helpers.js');

const SID = '__Host-sid';
const CLAVE = 'Invitada-Segura-2026';
let inst, delA, entA, sedeA, razonA;

before(async () => {
  inst = await startPortal();
  entA = h.num(inst, "SELECT id FROM entidad WHERE nit = '800100037'");
  razonA = inst.sql(`SELECT razon_social FROM entidad WHERE id = ${entA}`);
  sedeA = inst.sql(`SELECT id FROM sede WHERE entidad_id = ${entA} ORDER BY id LIMIT 1`);
  delA = await h.loginAs(inst, h.DEL_LLAVES);
});
after(async () => { if (inst) await inst.stop(); });

const usuario = (login) => inst.rows(`SELECT id, nombre, correo, coalesce(primer_nombre, '') AS pn, pass_hash FROM usuario WHERE login = '${login}'`)[0];
const asignacion = (uid, ent = entA) => inst.rows(`SELECT id, activo, rol FROM rol_asignado WHERE usuario_id = ${uid} AND entidad_id = ${ent} ORDER BY id DESC LIMIT 1`)[0];
const lastMailId = () => h.num(inst, 'SELECT coalesce(max(id), 0) FROM correo');
// Bodies are sealed: read as an operator does (portal correo-ver).
const mailsAfter = (id) => inst.correos(`id > ${id}`).map(({ para, asunto, cuerpo }) => ({ para, asunto, cuerpo }));

// The typed person (same names, only the document differs between two invitations).
function persona(csrf, over = {}) {
  return { csrf, tipo_doc: 'CC', num_doc: '52999001', sexo: 'F', correo: 'escrito.por.delegado@clinica.example.co',
    primer_nombre: 'Nombre', segundo_nombre: 'Escrito', primer_apellido: 'Por', segundo_apellido: 'Delegado',
    rol: 'Rol_MIPRES_Dispensador', perfil: '2', sede: sedeA, ...over };
}

async function nuevo(c, over) {
  return c.post('/autorizados/nuevo', persona(await c.csrf('/autorizados/nuevo'), over));
}

// The list's row of assignment id: its cells (text) and the actions it offers.
function fila(html, id) {
  const m = new RegExp(`<tr data-id="${id}">([\\s\\S]*?)</tr>`).exec(h.mainOf(html));
  assert.ok(m, `row ${id} in the list`);
  return { cells: [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((x) => h.htmlDecode(x[1].replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim())),
    html: m[1] };
}

// The invitation link in a mail body: the path, or null.
function enlaceInvitacion(cuerpo) {
  const m = new RegExp(`${inst.base.replace(/[.]/g, '\\.')}(/invitaciones/[A-Za-z0-9_-]{43})\\n`).exec(cuerpo);
  return m ? m[1] : null;
}

test('a known and an unknown document: the same answer, list row and edit page; the mail goes to the account\'s own address', async () => {
  const admin = usuario(h.ADMIN);
  const m0 = lastMailId();
  const rNuevo = await nuevo(delA, { num_doc: '52999001' });
  const rAdmin = await nuevo(delA, { num_doc: '1010202040' });
  // The same answer, byte for byte.
  assert.deepEqual([rAdmin.status, rAdmin.headers.location, rAdmin.text], [rNuevo.status, rNuevo.headers.location, rNuevo.text]);
  assert.equal(rNuevo.status, 303);
  assert.equal(rNuevo.headers.location, '/autorizados?ok=invitado');

  const nuevoUid = usuario('CC52999001').id;
  const aN = asignacion(nuevoUid), aA = asignacion(admin.id);
  assert.equal(aN.activo, 0, 'the new person\'s authorization waits');
  assert.equal(aA.activo, 0, 'the administrator\'s authorization waits: not bound');
  // The administrator's account is untouched, and nothing of it shows.
  assert.deepEqual(usuario(h.ADMIN), admin);
  const list = await delA.get(rNuevo.headers.location);
  assert.match(h.dataKMain(list.text, 'ok'), /Enviamos la invitación/);
  const main = h.mainOf(list.text);
  assert.ok(!main.includes(admin.nombre) && !main.includes(admin.correo), 'no name or e-mail of the account');
  const fN = fila(list.text, aN.id), fA = fila(list.text, aA.id);
  assert.deepEqual(fA.cells.map((c) => c.replace('1010202040', 'DOC')), fN.cells.map((c) => c.replace('52999001', 'DOC')));
  assert.deepEqual(fN.cells.slice(0, 10), ['Cédula de ciudadanía', '52999001', 'Nombre', 'Escrito', 'Por', 'Delegado', 'Dispensador MIPRES',
    'Dispensación y reporte de entregas', inst.sql(`SELECT nombre FROM sede WHERE id = ${sedeA}`), 'Invitación pendiente']);
  assert.equal(fA.html.replace(new RegExp(String(aA.id), 'g'), 'ID').replace('1010202040', 'DOC'),
    fN.html.replace(new RegExp(String(aN.id), 'g'), 'ID').replace('52999001', 'DOC'), 'the same actions');
  assert.match(fN.html, /Anular invitación/);
  // The edit pages: the typed data, the same fields, nothing of the account.
  const eN = h.mainOf((await delA.get(`/autorizados/${aN.id}`)).text);
  const eA = h.mainOf((await delA.get(`/autorizados/${aA.id}`)).text);
  assert.ok(!eA.includes(admin.nombre) && !eA.includes(admin.correo));
  assert.equal(eA.replace(new RegExp(`/autorizados/${aA.id}\\b`, 'g'), 'X').replace(/1010202040/g, 'DOC'),
    eN.replace(new RegExp(`/autorizados/${aN.id}\\b`, 'g'), 'X').replace(/52999001/g, 'DOC'));
  assert.equal(h.inputValue(eA, 'correo'), 'escrito.por.delegado@clinica.example.co');
  assert.equal(dataK(eA, 'estado'), 'Invitación pendiente');

  // Mails: the new person at the typed address with a set-password link; the administrator
  // at the account's own address with the invitation link; nothing to the typed address for
  // the existing account.
  const mails = mailsAfter(m0);
  assert.equal(mails.length, 2);
  assert.equal(mails[0].para, 'escrito.por.delegado@clinica.example.co');
  assert.match(mails[0].cuerpo, /\/clave\/[A-Za-z0-9_-]{43}\n/);
  assert.match(mails[0].cuerpo, /Al crear su contraseña acepta esta autorización/);
  assert.equal(mails[1].para, admin.correo);
  assert.ok(enlaceInvitacion(mails[1].cuerpo), 'the invitation link');
  assert.match(mails[1].cuerpo, new RegExp(`ingrese al portal con su usuario ${h.ADMIN}`));
  assert.ok(!mails[1].cuerpo.includes('Nombre Escrito'), 'the typed name is not used');
  // Audited, with what happened to the account (for operators only).
  const audits = inst.sql("SELECT detalle FROM auditoria WHERE accion = 'autorizado_nuevo' ORDER BY id DESC LIMIT 2").split('\n');
  assert.match(audits[0], new RegExp(`asignación ${aA.id}: invitación a CC 1010202040 \\(cuenta existente, usuario ${admin.id}\\)`));
  assert.match(audits[1], new RegExp(`asignación ${aN.id}: invitación a CC 52999001 \\(cuenta nueva, usuario ${nuevoUid}\\)`));
});

test('the ministry administrator (CC1010202040) cannot be bound: the waiting role gives nothing, only the administrator answers it', async () => {
  const admin = usuario(h.ADMIN);
  const a = asignacion(admin.id);
  const link = enlaceInvitacion(ch.lastMail(inst, admin.correo).cuerpo);
  assert.ok(link);
  // The administrator's login is as before: one role, no role list, the waiting one not choosable.
  const c = await h.loginAs(inst, h.ADMIN);
  assert.equal((await c.get('/')).headers.location, '/admin');
  assert.equal((await c.get('/roles')).status, 303);
  const msps = await h.loginAs(inst, h.MSPS);
  const before = h.snapshot(inst);
  const csrf = await c.csrf('/admin');
  assert.equal((await c.post('/roles', { csrf, rol: String(a.id) })).status, 403, 'a waiting role cannot be chosen');
  // The delegate and other users cannot use the link; without a session it asks to log in.
  for (const other of [delA, msps]) {
    const g = await other.get(link);
    assert.equal(g.status, 404);
    assert.ok(h.dataKMain(g.text, 'no-valida'));
    assert.ok(!h.mainOf(g.text).includes(razonA) && !h.mainOf(g.text).includes('Dispensador'), 'nothing of the invitation shows');
    const p = await other.post(link, { csrf: h.csrfOf(g.text), decision: 'aceptar' });
    assert.equal(p.status, 404);
  }
  const anon = await inst.client().get(link);
  assert.equal(anon.status, 303);
  assert.equal(anon.headers.location, '/login');
  assert.deepEqual(h.snapshot(inst), before, 'nothing changed');
  assert.equal(asignacion(admin.id).activo, 0);
  // The administrator reads it and declines it.
  let r = await c.get(link);
  assert.equal(r.status, 200);
  assert.match(r.headers['cache-control'], /no-store/);
  assert.equal(h.htmlDecode(h.dataKMain(r.text, 'entidad')), razonA);
  assert.equal(h.dataKMain(r.text, 'rol'), 'Dispensador MIPRES');
  // A decision that is neither: 400, nothing changes.
  const bad = await c.post(link, { csrf: h.csrfOf(r.text), decision: 'quizas' });
  assert.equal(bad.status, 400);
  assert.match(h.dataKMain(bad.text, 'alerta'), /Aceptar/);
  const m0 = lastMailId();
  r = await c.post(link, { csrf: h.csrfOf(r.text), decision: 'rechazar' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/invitaciones?ok=rechazada');
  assert.equal(asignacion(admin.id).activo, 0);
  assert.equal(inst.sql(`SELECT estado FROM invitacion WHERE rol_id = ${a.id}`), 'rechazada');
  assert.match(inst.sql("SELECT login || ' ' || detalle FROM auditoria WHERE accion = 'invitacion_rechazada' ORDER BY id DESC LIMIT 1"),
    new RegExp(`^${h.ADMIN} invitación \\d+: asignación ${a.id}, entidad 800100037`));
  const aviso = mailsAfter(m0);
  assert.equal(aviso.length, 1);
  assert.equal(aviso[0].para, usuario(h.DEL_LLAVES).correo);
  assert.match(aviso[0].cuerpo, /CC 1010202040 .* rechazó la invitación/);
  assert.ok(!aviso[0].cuerpo.includes(admin.nombre), 'nothing of the account when declined');
  // The link works once; the list says it was declined, still without the account's data.
  assert.equal((await c.get(link)).status, 404);
  const list = await delA.get('/autorizados');
  assert.equal(fila(list.text, a.id).cells[9], 'Invitación rechazada');
  assert.ok(!h.mainOf(list.text).includes(admin.correo));
});

test('accepting: the role becomes active for that person only, the session id changes, then the delegate sees the account', async () => {
  const msps = usuario(h.MSPS);
  let r = await nuevo(delA, { num_doc: '1010202030', correo: 'otra.direccion@clinica.example.co' });
  assert.equal(r.status, 303);
  const a = asignacion(msps.id);
  assert.equal(a.activo, 0);
  const mail = ch.lastMail(inst, msps.correo);
  const link = enlaceInvitacion(mail.cuerpo);
  assert.equal(h.num(inst, "SELECT count(*) FROM correo WHERE para = 'otra.direccion@clinica.example.co'"), 0);
  // Only the SHA-256 of the token is stored.
  const token = link.split('/').pop();
  assert.equal(h.num(inst, `SELECT count(*) FROM invitacion WHERE token_hash = ${inst.blob(crypto.createHash('sha256').update(token).digest('hex'))}`), 1);

  const c = await h.loginAs(inst, h.MSPS);
  assert.equal((await c.get('/')).headers.location, '/msps/asignar');
  r = await c.get(link);
  assert.equal(r.status, 200);
  const sid = c.cookies.get(SID);
  const m0 = lastMailId();
  r = await c.post(link, { csrf: h.csrfOf(r.text), decision: 'aceptar' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/roles?invitacion=aceptada');
  assert.notEqual(c.cookies.get(SID), sid, 'a new session id');
  const hashOf = (v) => crypto.createHash('sha256').update(v).digest('hex');
  assert.equal(h.num(inst, `SELECT count(*) FROM sesion WHERE id_hash = ${inst.blob(hashOf(sid))}`), 0, 'the old one ended');
  assert.equal(asignacion(msps.id).activo, 1);
  const roles = await c.get('/roles?invitacion=aceptada');
  assert.equal(roles.status, 200);
  assert.ok(h.dataKMain(roles.text, 'invitacion-aceptada'));
  assert.match(h.mainOf(roles.text), new RegExp(`data-rol="${a.id}"`));
  assert.match(inst.sql("SELECT login || ' ' || detalle FROM auditoria WHERE accion = 'invitacion_aceptada' ORDER BY id DESC LIMIT 1"),
    new RegExp(`^${h.MSPS} invitación \\d+: asignación ${a.id}, entidad 800100037, rol Rol_MIPRES_Dispensador$`));
  assert.match(mailsAfter(m0).map((m) => m.cuerpo).join('\n'), /CC 1010202030 .* aceptó la invitación: la autorización ya está activa/);
  // Now the delegate sees the account as it is, active; the typed e-mail was never written.
  const row = fila((await delA.get('/autorizados')).text, a.id);
  assert.equal(row.cells.slice(2, 6).filter((x) => x).join(' '), msps.nombre, 'the account\'s name, in its four parts');
  assert.equal(row.cells[2], msps.pn);
  assert.equal(row.cells[9], 'Activo');
  assert.deepEqual(usuario(h.MSPS), msps);
  // The link is used.
  assert.equal((await c.get(link)).status, 404);
});

test('a person with no active role logs in to their invitations only, and accepting opens the new role', async () => {
  // A person the provider 800100074 created, who set a password (which accepted it), then
  // was inactivated: no active role left.
  const delB = await h.loginAs(inst, h.DEL_PENDIENTE);
  const sedeB = inst.sql("SELECT s.id FROM sede s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100074' ORDER BY s.id LIMIT 1");
  let r = await nuevo(delB, { num_doc: '52999002', correo: 'persona.sin.rol@ips.example.co', sede: sedeB });
  assert.equal(r.status, 303);
  const s = await ch.setPassword(inst, ch.linkToken(inst, 'persona.sin.rol@ips.example.co'), CLAVE);
  assert.equal(s.status, 303);
  const uid = usuario('CC52999002').id;
  const aB = asignacion(uid, h.num(inst, "SELECT id FROM entidad WHERE nit = '800100074'"));
  assert.equal(aB.activo, 1, 'the first password accepted the entity\'s invitation');
  r = await delB.post(`/autorizados/${aB.id}/inactivar`, { csrf: await delB.csrf('/autorizados') });
  assert.equal(r.status, 303);
  assert.equal((await inst.client().login('CC52999002', CLAVE)).status, 400, 'no role, no invitation: no login');
  inst.sql('DELETE FROM intento; DELETE FROM intento_seguido');

  // Provider A invites the same document.
  r = await nuevo(delA, { num_doc: '52999002', correo: 'otra@clinica.example.co' });
  assert.equal(r.status, 303);
  const link = enlaceInvitacion(ch.lastMail(inst, 'persona.sin.rol@ips.example.co').cuerpo);
  assert.ok(link, 'mailed to the account\'s address');
  const c = inst.client();
  r = await c.login('CC52999002', CLAVE);
  assert.equal(r.status, 303);
  assert.equal((await c.get('/')).headers.location, '/invitaciones');
  const page = await c.get('/invitaciones');
  assert.equal(page.status, 200);
  assert.ok(h.dataKMain(page.text, 'sin-rol'));
  assert.equal(h.htmlDecode(h.dataKMain(page.text, 'entidad')), razonA);
  assert.equal(dataK(page.text, 'rol'), 'Sin rol activo', 'the header names no role');
  assert.ok(!page.text.includes('/cuenta/clave'), 'no account links');
  for (const p of ['/ihce', '/mipres', '/roles', '/autorizados', '/cuenta/clave', '/sat', '/admin']) {
    assert.equal((await c.get(p)).status, 403, p);
  }
  const sid = c.cookies.get(SID);
  r = await c.get(link);
  assert.equal(r.status, 200);
  r = await c.post(link, { csrf: h.csrfOf(r.text), decision: 'aceptar' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/mipres');
  assert.notEqual(c.cookies.get(SID), sid);
  assert.equal((await c.get('/mipres')).status, 200, 'works in the accepted role');
  assert.equal(dataK((await c.get('/mipres')).text, 'rol'), 'Dispensador MIPRES');
});

test('an invitation expires after 7 days, the delegate may void one, and the entity\'s new account accepts only while it waits', async () => {
  let r = await nuevo(delA, { num_doc: '52999003', correo: 'vence@clinica.example.co' });
  assert.equal(r.status, 303);
  const uid = usuario('CC52999003').id;
  const a = asignacion(uid);
  // Expired: the list says so, setting the password accepts nothing.
  inst.sql(`UPDATE invitacion SET expira = ${Math.floor(Date.now() / 1000) - 1} WHERE rol_id = ${a.id}`);
  let row = fila((await delA.get('/autorizados')).text, a.id);
  assert.equal(row.cells[9], 'Invitación vencida');
  assert.doesNotMatch(row.html, /Anular invitación/);
  const tok = ch.linkToken(inst, 'vence@clinica.example.co');
  assert.equal((await ch.setPassword(inst, tok, CLAVE)).status, 303);
  assert.equal(asignacion(uid).activo, 0, 'an expired invitation is not accepted');
  assert.equal((await inst.client().login('CC52999003', CLAVE)).status, 400);
  inst.sql('DELETE FROM intento; DELETE FROM intento_seguido');
  // Invited again: the account now has a password, so the link comes to its address.
  r = await nuevo(delA, { num_doc: '52999003', correo: 'ignorado@clinica.example.co' });
  assert.equal(r.status, 303);
  assert.equal(asignacion(uid).id, a.id, 'the same authorization');
  const link = enlaceInvitacion(ch.lastMail(inst, 'vence@clinica.example.co').cuerpo);
  assert.ok(link);
  assert.equal(inst.lista(`SELECT estado FROM invitacion WHERE rol_id = ${a.id} ORDER BY id`), 'anulada,pendiente');
  // A second Nuevo while it waits: 409, nothing written.
  const before = h.snapshot(inst);
  r = await nuevo(delA, { num_doc: '52999003' });
  assert.equal(r.status, 409);
  assert.match(h.fieldError(r.text, 'rol'), /invitación pendiente/);
  assert.deepEqual(h.snapshot(inst), before);
  // The delegate voids it: the link stops working.
  row = fila((await delA.get('/autorizados')).text, a.id);
  assert.match(row.html, /Anular invitación/);
  r = await delA.post(`/autorizados/${a.id}/inactivar`, { csrf: await delA.csrf('/autorizados') });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/autorizados?ok=anulada');
  assert.equal(inst.sql("SELECT detalle FROM auditoria WHERE accion = 'autorizado_invitacion_anulada' ORDER BY id DESC LIMIT 1").startsWith(`asignación ${a.id}: invitación`), true);
  assert.equal(fila((await delA.get('/autorizados')).text, a.id).cells[9], 'Inactivo');
  const c = inst.client();
  assert.equal((await c.login('CC52999003', CLAVE)).status, 400, 'nothing waits any more');
  inst.sql('DELETE FROM intento; DELETE FROM intento_seguido');
  assert.equal(asignacion(uid).activo, 0);
});

test('editing a waiting invitation changes what the delegate typed, never the invited account', async () => {
  const msps = usuario('CC1010202050');
  let r = await nuevo(delA, { num_doc: '1010202050' });
  assert.equal(r.status, 303);
  const a = asignacion(msps.id);
  const page = await delA.get(`/autorizados/${a.id}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes(msps.correo) && !page.text.includes(msps.nombre));
  r = await delA.post(`/autorizados/${a.id}`, { csrf: h.csrfOf(page.text), perfil: '3', sede: sedeA, sexo: 'M',
    correo: 'corregido@clinica.example.co', primer_nombre: 'Corregido', segundo_nombre: '', primer_apellido: 'Apellido', segundo_apellido: '' });
  assert.equal(r.status, 303);
  assert.deepEqual(usuario('CC1010202050'), msps, 'the account is untouched');
  assert.equal(inst.sql(`SELECT correo || '|' || primer_nombre FROM invitacion WHERE rol_id = ${a.id} AND estado = 'pendiente'`), 'corregido@clinica.example.co|Corregido');
  assert.equal(inst.sql(`SELECT perfil_id FROM rol_asignado WHERE id = ${a.id}`), '3');
  assert.equal(fila((await delA.get('/autorizados')).text, a.id).cells[2], 'Corregido');
  assert.equal(h.num(inst, "SELECT count(*) FROM correo WHERE para = 'corregido@clinica.example.co'"), 0, 'nothing mailed to a typed address');
  // Her role list (she has several roles) does not offer the waiting one.
  const c = await h.loginAs(inst, 'CC1010202050');
  const roles = await c.get('/roles');
  assert.equal(roles.status, 200);
  assert.ok(!roles.text.includes(`data-rol="${a.id}"`), 'not offered');
  assert.ok(!h.mainOf(roles.text).includes(razonA));
  assert.equal((await c.post('/roles', { csrf: h.csrfOf(roles.text), rol: String(a.id) })).status, 403);
});

test('the access log masks the invitation token', async () => {
  const link = enlaceInvitacion(ch.lastMail(inst, usuario('CC1010202050').correo).cuerpo);
  const c = await h.loginAs(inst, 'CC1010202050');
  // The invitation pages logged so far (the earlier tests opened some).
  const re = /GET \/invitaciones\//;
  const antes = (await ch.accessLog(inst, re, 0)).split('\n').filter((l) => re.test(l)).length;
  assert.equal((await c.get(link)).status, 200);
  const log = await ch.accessLog(inst, re, antes + 1);
  assert.ok(!log.includes(link.split('/').pop()), 'no token in the access log');
  assert.match(log, /GET \/invitaciones\/\*\*\* /);
});
