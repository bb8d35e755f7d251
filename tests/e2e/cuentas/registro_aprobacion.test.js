// Issue 11 §1 and §7: becoming an entity's delegado administrativo needs proof, and
// registration is no mail cannon. A delegate registration is a request with the designation
// letter (a PDF of at most 2 MiB, checked to be one) that waits for a funcionario MSPS on
// "Solicitudes de delegado" (cgi/cuentas/delegados.c): until approved the registrant reaches
// nothing of the entity (the login shows only the request's state); approval creates the
// role (and a new entity), rejection mails the reason; the entity's people and the ministry
// are told. Names are names, mail carries no typed text, and registrations are capped per
// client address and in total per hour (429).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startPortal, Client, ROOT, soloSqlite } = require('../../lib/portal.js');
const h = require('../helpers.js');
const k = require('../cuentas_helpers.js');
const ap = require('../ap_helpers.js');

let inst;
before(async () => { inst = await startPortal(); });
after(async () => { if (inst) await inst.stop(); });

const CLAVE = 'una frase larga para el registro';
const MSG_PENDIENTE = 'Ya hay una solicitud para ser delegado administrativo de esta entidad en este módulo, y el Ministerio de Salud y Protección Social la está revisando: no se registró otra. Si tiene preguntas, comuníquese con el Ministerio.';
const MSG_CARTA_FALTA = 'Adjunte la carta de designación firmada por el representante legal de la entidad, en PDF.';
const MSG_CARTA_GRANDE = 'La carta supera 2 MiB: adjunte un PDF de hasta 2 MiB (por ejemplo, escaneado en blanco y negro o a menor resolución).';
const MSG_CARTA_NO_PDF = 'El archivo no es un PDF válido: adjunte la carta de designación en formato PDF.';
const MSG_PN = "Escriba el primer nombre: solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres.";
const MSG_SN = "El segundo nombre admite solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres; déjelo vacío si no tiene.";
const MSG_PA = "Escriba el primer apellido: solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres.";
const MSG_SA = "El segundo apellido admite solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres; déjelo vacío si no tiene.";
const MIB = 1024 * 1024;

// Registers a delegate (fields over delegadoFields) and sets the password through the mailed
// link; returns { f, login, id } (id: the request's, read when asked).
async function registrado(over = {}, tipoPrefijo = 'ADMINHCEIPS') {
  const f = k.delegadoFields({ correo: `r${k.nuevoNit()}@registro.example.co`, ...over });
  const { r } = await k.registrar(inst, inst.client(), f);
  assert.equal(r.status, 200, r.text.slice(0, 400));
  const login = tipoPrefijo + f.nit;
  assert.equal((await k.setPassword(inst, k.linkToken(inst, f.correo), CLAVE)).status, 303);
  return { f, login, get id() { return k.solicitudDe(inst, login); } };
}

// The text of the page's element data-k="key" inside <main>, decoded.
const dk = (r, key) => { const v = h.dataKMain(r.text, key); return v === null ? null : h.htmlDecode(v); };

// Every message queued to para since id (exclusive): [{ asunto, cuerpo }].
function mailsTo(para, since = 0) {
  return inst.correos(`para = '${para}' AND id > ${since}`).map(({ asunto, cuerpo }) => ({ asunto, cuerpo }));
}
const lastMailId = () => Number(inst.sql('SELECT coalesce(max(id), 0) FROM correo'));

test('the attack of the issue fails: a stranger registers as delegate of an AP without one, sets a password, and reaches nothing', async () => {
  const AP = ap.AP_A.nit;	// Horizonte Demo: an autorizado, no delegado administrativo
  assert.equal(h.num(inst, `SELECT count(*) FROM rol_asignado r JOIN entidad e ON e.id = r.entidad_id WHERE e.nit = '${AP}' AND r.rol = 'securityAdmin_WS_AP'`), 0);
  const claveAntes = inst.sql(`SELECT s.clave FROM sat_entidad s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '${AP}'`);
  const desde = lastMailId();
  const reg = await registrado({ tipo_entidad: 'AP', nit: AP, razon_social: '',
    correo: 'atacante@correo.example.co', num_doc: '1099888777' }, 'ADMINWSAP');
  const { f, login } = reg;
  assert.equal(login, 'ADMINWSAP' + AP);

  // The right password: only the request's state, no session.
  const c = inst.client();
  const r = await c.login(login, CLAVE);
  assert.equal(r.status, 403);
  assert.equal(c.cookies.get('__Host-sid'), undefined, 'no session');
  assert.equal(h.num(inst, `SELECT count(*) FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${login}'`), 0, 'no role');
  const id = reg.id;
  assert.equal(inst.sql(`SELECT estado FROM solicitud_delegado WHERE id = ${id}`), 'pendiente');
  assert.equal(h.mainOf(r.text).match(/<h1>([^<]*)<\/h1>/)[1], 'Solicitud de delegado pendiente');
  assert.match(dk(r, 'estado-solicitud'), /^Su solicitud para ser delegado administrativo está pendiente/);
  assert.equal(dk(r, 'modulo'), 'Servicios web para Administradoras de Pensiones');
  const razon = inst.sql(`SELECT razon_social FROM entidad WHERE nit = '${AP}'`);
  assert.ok(!r.text.includes(razon), 'nothing of the entity');
  assert.doesNotMatch(r.text, /data-k="rol"/, 'no session header');
  assert.equal(inst.sql(`SELECT accion FROM auditoria WHERE login = '${login}' ORDER BY id DESC LIMIT 1`), 'login_delegado_pendiente');

  // Every page of the entity and of the role: the login page; every POST: refused.
  for (const p of ['/', '/autorizados', '/autorizados/nuevo', '/sat', '/sat/clave', '/sat/reporte', '/ihce', '/roles', '/cuenta/clave']) {
    const x = await c.get(p);
    assert.equal(x.status, 303, `GET ${p}`);
    assert.equal(x.headers.location, '/login', `GET ${p}`);
  }
  const csrf = await c.csrf('/login');	// the only token such a visitor has
  const antes = h.snapshot(inst);
  for (const [p, body] of [['/sat/clave', { csrf, nueva: 'la clave del atacante 2026', confirmacion: 'la clave del atacante 2026' }],
    ['/autorizados/nuevo', { csrf, tipo_doc: 'CC', num_doc: '1099888111', sexo: 'M', correo: 'segundo@correo.example.co',
      primer_nombre: 'Otro', primer_apellido: 'Atacante', rol: 'Rol_WS_AP', perfil: '5', sede: '1' }]]) {
    const x = await c.post(p, body);
    assert.ok([303, 403].includes(x.status), `POST ${p}: ${x.status}`);
  }
  assert.deepEqual(h.snapshot(inst), antes, 'nothing written');
  assert.equal(inst.sql(`SELECT s.clave FROM sat_entidad s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '${AP}'`), claveAntes);
  // The AP's own connection password still works.
  const t = await ap.token(ap.apClient(inst), { grant_type: 'password', username: AP, password: ap.PASSWORD, client_id: ap.AP_A.afiliacion });
  assert.equal(t.status, 200);

  // Somebody is told: the AP's autorizado and the ministry, with no text typed in the form.
  const aviso = mailsTo('ws.800900101@ap.example.co', desde);
  assert.equal(aviso.length, 1, JSON.stringify(aviso));
  assert.match(aviso[0].asunto, /solicitud de un nuevo delegado de su entidad/);
  assert.match(aviso[0].cuerpo, new RegExp(`usuario ${login}`));
  assert.match(aviso[0].cuerpo, /comuníquese de inmediato con el Ministerio/);
  const ministerio = mailsTo(h.MSPS_CORREO, desde);
  assert.equal(ministerio.length, 1);
  assert.match(ministerio[0].cuerpo, new RegExp(`/msps/delegados/${id}\\n`));
  const propio = mailsTo(f.correo, desde);
  assert.equal(propio.length, 1, 'the registrant: the link');
  assert.match(propio[0].cuerpo, new RegExp(`Usuario: ${login}\n`));
  for (const m of [...aviso, ...ministerio, ...propio]) {
    for (const typed of [f.primer_nombre, f.segundo_nombre, f.primer_apellido, f.segundo_apellido, f.num_doc, f.correo]) {
      assert.ok(!m.cuerpo.includes(typed), `"${typed}" in "${m.asunto}"`);
    }
  }
});

test('the queue lists the waiting requests with entity, NIT, module, person, document, e-mail, date and letter; the letter downloads as a PDF, for the ministry only', async () => {
  const letter = k.pdf('Designacion firmada por la representante legal');
  const f = k.delegadoFields({ correo: 'cola@registro.example.co', num_doc: '52111222', primer_nombre: 'Lucía', segundo_nombre: '', primer_apellido: "D'Costa-Ruiz", segundo_apellido: '' });
  const { r } = await k.registrar(inst, inst.client(), f, { file: k.carta(letter, 'designación Lucía.pdf') });
  assert.equal(r.status, 200);
  const login = 'ADMINHCEIPS' + f.nit;
  const id = k.solicitudDe(inst, login);
  const msps = await h.loginAs(inst, h.MSPS);
  // Linked from the ministry's queues.
  const asignar = await msps.get('/msps/asignar');
  assert.match(h.mainOf(asignar.text), /<a href="\/msps\/delegados" data-k="nav-delegados">Solicitudes de delegado<\/a>/);
  const q = await msps.get('/msps/delegados');
  assert.equal(q.status, 200);
  assert.equal(h.mainOf(q.text).match(/<h1>([^<]*)<\/h1>/)[1], 'Solicitudes de delegado');
  const row = new RegExp(`<tr data-k="solicitud-${id}">([\\s\\S]*?)</tr>`).exec(q.text);
  assert.ok(row, 'the request is listed');
  const cells = [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => h.htmlDecode(m[1].replace(/<[^>]+>/g, '').trim()));
  // The person by the four parts of the name (issue 12 §4).
  assert.deepEqual(cells.slice(1, 10), [`${f.razon_social} Entidad nueva`, `${f.nit}-${dv(f.nit)}`,
    'Administración de llaves IHCE', 'Lucía', '', 'D\'Costa-Ruiz', '', 'CC 52111222', f.correo]);
  assert.match(cells[10], /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  assert.match(row[1], new RegExp(`href="/msps/delegados/${id}/carta"`));
  // The demo's two requests wait too.
  assert.ok(h.num(inst, "SELECT count(*) FROM solicitud_delegado WHERE estado = 'pendiente'") >= 3);
  assert.match(dk(q, 'total'), /^\d+ solicitud\(es\) pendiente\(s\)$/);

  const page = await msps.get(`/msps/delegados/${id}`);
  assert.equal(page.status, 200);
  assert.equal(dk(page, 'login'), login);
  assert.equal(dk(page, 'documento'), 'CC 52111222');
  assert.deepEqual(['primer_nombre', 'segundo_nombre', 'primer_apellido', 'segundo_apellido'].map((x) => h.htmlDecode(dk(page, x))),
    ['Lucía', '', "D'Costa-Ruiz", '']);
  assert.equal(dk(page, 'rol'), 'Delegado administrativo IHCE', 'the role by its label');
  assert.match(dk(page, 'carta'), /^Descargar la carta \(designación Lucía\.pdf, 1 KB\)$/);
  assert.match(h.mainOf(page.text), new RegExp(`action="/msps/delegados/${id}/aprobar"`));
  assert.match(h.mainOf(page.text), new RegExp(`action="/msps/delegados/${id}/rechazar"`));

  const carta = await msps.request('GET', `/msps/delegados/${id}/carta`);
  assert.equal(carta.status, 200);
  assert.equal(carta.headers['content-type'], 'application/pdf');
  assert.equal(carta.headers['content-disposition'], `attachment; filename="carta-delegado-${id}.pdf"`);
  assert.equal(carta.headers['cache-control'], 'no-store');
  assert.equal(carta.headers['x-content-type-options'], 'nosniff');
  assert.match(carta.headers['content-security-policy'], /default-src 'none'/);
  assert.equal(Buffer.from(carta.text, 'utf8').length > 0, true);
  assert.equal(inst.sql(`SELECT ${inst.hex('carta')} FROM solicitud_delegado WHERE id = ${id}`), letter.toString('hex').toUpperCase(), 'stored as sent');
  assert.equal(Number(carta.headers['content-length']), letter.length);
  assert.equal(inst.sql(`SELECT accion FROM auditoria WHERE login = '${h.MSPS}' ORDER BY id DESC LIMIT 1`), 'delegado_carta');
  assert.equal((await msps.get('/msps/delegados/999999/carta')).status, 404);
  assert.equal((await msps.get('/msps/delegados/999999')).status, 404);

  // Nobody else: a delegate, the administrator, an autorizado get 403; a visitor the login.
  const csrfDel = await (await h.loginAs(inst, h.DEL_LLAVES)).csrf('/ihce');
  for (const who of [h.DEL_LLAVES, h.ADMIN, ap.AP_A.login]) {
    const c = await h.loginAs(inst, who);
    for (const p of ['/msps/delegados', `/msps/delegados/${id}`, `/msps/delegados/${id}/carta`]) {
      const x = await c.get(p);
      assert.equal(x.status, 403, `${who} GET ${p}`);
      assert.doesNotMatch(x.text, /%PDF/);
    }
    const antes = h.snapshot(inst);
    const x = await c.post(`/msps/delegados/${id}/aprobar`, { csrf: csrfDel });
    assert.equal(x.status, 403, `${who} POST aprobar`);
    assert.deepEqual(h.snapshot(inst), antes);
  }
  const anon = inst.client();
  for (const p of ['/msps/delegados', `/msps/delegados/${id}/carta`]) {
    const x = await anon.get(p);
    assert.equal(x.status, 303);
    assert.equal(x.headers.location, '/login');
  }
  assert.equal(inst.sql(`SELECT estado FROM solicitud_delegado WHERE id = ${id}`), 'pendiente');
});

// The DIAN check digit.
function dv(nit) {
  const w = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  let sum = 0;
  for (let i = 0; i < nit.length; i++) sum += Number(nit[nit.length - 1 - i]) * w[i];
  const r = sum % 11;
  return r > 1 ? 11 - r : r;
}

test('approval: the role (and the new entity) exist only then, audited, mailed to the delegate, the entity\'s people and the ministry; a second approval is refused', async () => {
  const { f, login, id } = await registrado();
  assert.equal(h.num(inst, `SELECT count(*) FROM entidad WHERE nit = '${f.nit}'`), 0, 'a new entity waits too');
  // Both decisions need the session's CSRF token.
  const msps = await h.loginAs(inst, h.MSPS);
  const otro = await inst.client().csrf('/login');
  const antesCsrf = h.snapshot(inst);
  for (const [accion, body] of [['aprobar', {}], ['aprobar', { csrf: otro }], ['rechazar', { csrf: otro, motivo: 'No.' }]]) {
    assert.equal((await msps.post(`/msps/delegados/${id}/${accion}`, body)).status, 403, `${accion} ${JSON.stringify(body)}`);
  }
  assert.deepEqual(h.snapshot(inst), antesCsrf);
  const desde = lastMailId();
  await k.aprobar(inst, login);
  assert.equal(inst.sql(`SELECT estado || '|' || CASE WHEN decidida IS NOT NULL THEN 1 ELSE 0 END || '|' || (SELECT login FROM usuario WHERE id = decidio_id) FROM solicitud_delegado WHERE id = ${id}`),
    `aprobada|1|${h.MSPS}`);
  assert.equal(inst.sql(`SELECT razon_social || '|' || tipo FROM entidad WHERE nit = '${f.nit}'`), `${f.razon_social}|IPS`);
  assert.equal(inst.sql(`SELECT r.rol || '|' || r.activo || '|' || e.nit FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id JOIN entidad e ON e.id = r.entidad_id WHERE u.login = '${login}'`),
    `securityAdmin_IHCE_IPS|1|${f.nit}`);
  assert.match(inst.sql(`SELECT detalle FROM auditoria WHERE accion = 'delegado_aprobado' ORDER BY id DESC LIMIT 1`),
    new RegExp(`^solicitud ${id} usuario ${login} entidad ${f.nit} rol securityAdmin_IHCE_IPS$`));
  const m = mailsTo(f.correo, desde);
  assert.equal(m.length, 1);
  assert.match(m[0].asunto, /fue aprobada/);
  assert.match(m[0].cuerpo, new RegExp(`Usuario: ${login}\\n`));
  assert.equal(mailsTo(h.MSPS_CORREO, desde).length, 1);
  assert.match(mailsTo(h.MSPS_CORREO, desde)[0].cuerpo, new RegExp(`fue aprobada por ${h.MSPS}`));
  // Now the login works, with the entity in the header.
  const c = inst.client();
  assert.equal((await c.login(login, CLAVE)).status, 303);
  const home = await c.get('/ihce');
  assert.equal(home.status, 200);
  assert.equal(h.htmlDecode(h.dataKAll(home.text, 'entidad')[0]), f.razon_social);
  // A second approval (a second click, or another official): 409, nothing changes.
  const antes = h.snapshot(inst);
  const again = await k.decidir(inst, login, 'aprobar');
  assert.equal(again.status, 409);
  assert.match(dk(again, 'alerta'), /^Esta solicitud ya fue decidida/);
  assert.match(dk(again, 'decision'), new RegExp(`^Aprobada el .* por ${h.MSPS}\\.$`));
  assert.deepEqual(h.snapshot(inst), antes);
  const rech = await k.decidir(inst, login, 'rechazar');
  assert.equal(rech.status, 409, 'nor rejected afterwards');
  assert.equal(h.num(inst, `SELECT count(*) FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${login}'`), 1);
});

test('approval of a request for an entity that has meanwhile got its delegate is refused with the reason', async () => {
  const nit = k.nuevoNit();
  inst.portal(['entidad-add', nit, 'CCF', 'Caja de Prueba del Sur']);
  const { login } = await registrado({ nit, tipo_entidad: 'CCF', razon_social: '' }, 'ADMINSATCCF');
  inst.portal(['user-add', 'CC70111222', 'securityAdmin_SAT_CCF', nit, 'Delegada por operador', 'op@caja.example.co'],
    'una clave larga del operador');
  const antes = h.snapshot(inst);
  const r = await k.decidir(inst, login, 'aprobar');
  assert.equal(r.status, 409);
  assert.equal(dk(r, 'alerta'), 'La entidad ya tiene un delegado administrativo activo para este módulo: rechace esta solicitud.');
  assert.deepEqual(h.snapshot(inst), antes, 'nothing written');
  assert.equal(inst.sql(`SELECT estado FROM solicitud_delegado WHERE id = ${k.solicitudDe(inst, login)}`), 'pendiente');
});

test('rejection: the reason is required, mailed to the registrant, shown at login; the entity may register again', async () => {
  const { f, login, id } = await registrado({ correo: 'rechazo@registro.example.co' });
  const antes = h.snapshot(inst);
  let r = await k.decidir(inst, login, 'rechazar', '   ');
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text), ['motivo']);
  assert.match(h.fieldError(r.text, 'motivo'), /^Escriba el motivo del rechazo/);
  assert.deepEqual(h.errorSummary(r.text).links, [['#f-motivo', h.fieldError(r.text, 'motivo')]],
    'the summary on top links to the field');
  assert.deepEqual(h.snapshot(inst), antes, 'nothing written');
  const desde = lastMailId();
  const motivo = 'La carta no tiene la firma del representante legal.';
  r = await k.decidir(inst, login, 'rechazar', motivo);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/msps/delegados?ok=rechazada');
  assert.equal(inst.sql(`SELECT estado || '|' || motivo FROM solicitud_delegado WHERE id = ${id}`), `rechazada|${motivo}`);
  assert.equal(h.num(inst, `SELECT count(*) FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${login}'`), 0);
  assert.equal(h.num(inst, `SELECT count(*) FROM entidad WHERE nit = '${f.nit}'`), 0, 'the new entity never existed');
  const m = mailsTo(f.correo, desde);
  assert.equal(m.length, 1);
  assert.match(m[0].asunto, /no fue aprobada/);
  assert.ok(m[0].cuerpo.includes(`Motivo: ${motivo}\n`), m[0].cuerpo);
  assert.match(inst.sql("SELECT detalle FROM auditoria WHERE accion = 'delegado_rechazado' ORDER BY id DESC LIMIT 1"), new RegExp(`^solicitud ${id} `));
  // The login says so, with the reason, and gives nothing.
  const c = inst.client();
  const x = await c.login(login, CLAVE);
  assert.equal(x.status, 403);
  assert.equal(c.cookies.get('__Host-sid'), undefined);
  assert.match(dk(x, 'estado-solicitud'), /rechazó su solicitud/);
  assert.equal(dk(x, 'motivo'), motivo);
  // The entity registers again: the same login, the new person, without the old password.
  const otra = { ...f, num_doc: '1030555666', primer_nombre: 'Pedro', segundo_nombre: '', primer_apellido: 'Gil', segundo_apellido: '', correo: 'pedro.gil@registro.example.co', razon_social: 'Clínica Corregida S.A.S.' };
  const again = await k.registrar(inst, inst.client(), otra);
  assert.equal(again.r.status, 200, again.r.text.slice(0, 300));
  assert.equal(h.dataKMain(again.r.text, 'login'), login);
  assert.equal(inst.sql(`SELECT nombre || '|' || correo || '|' || num_doc || '|' || CASE WHEN pass_hash IS NULL THEN 1 ELSE 0 END FROM usuario WHERE login = '${login}'`),
    `Pedro Gil|pedro.gil@registro.example.co|1030555666|1`);
  assert.equal(inst.lista(`SELECT estado FROM solicitud_delegado d JOIN usuario u ON u.id = d.usuario_id WHERE u.login = '${login}' ORDER BY d.id`), 'rechazada,pendiente');
  assert.equal((await inst.client().login(login, CLAVE)).status, 400, 'the old password is gone');
});

test('a second registration for an entity and module while one waits: 409, saying nothing of who', async () => {
  const { f } = await registrado({ primer_nombre: 'Marta', segundo_nombre: 'Inés', primer_apellido: 'Zapata', segundo_apellido: '', num_doc: '43222111', correo: 'marta.zapata@registro.example.co' });
  const before = k.cuentasSnapshot(inst);
  const seg = { ...f, primer_nombre: 'Otro', primer_apellido: 'Intento', num_doc: '71000111', correo: 'otro.intento@registro.example.co' };
  const { r } = await k.registrar(inst, inst.client(), seg);
  assert.equal(r.status, 409);
  assert.equal(k.failOf(r.text), MSG_PENDIENTE);
  for (const x of ['Marta', 'Zapata', '43222111', 'marta.zapata']) assert.ok(!r.text.includes(x), x);
  assert.equal(h.inputValue(r.text, 'primer_nombre'), 'Otro', 'values kept');
  assert.match(dk(r, 'carta-otra-vez'), /adjunte la carta de nuevo/);
  assert.deepEqual(k.cuentasSnapshot(inst), before, 'nothing written, nothing mailed');
});

test('the letter: required, a PDF by its structure, at most 2 MiB; each refusal next to the field, values kept, to be attached again', async () => {
  const html = Buffer.from('<html><body>%PDF-1.4 no</body></html>');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const good = k.pdf();
  const cases = [
    ['no file', null, MSG_CARTA_FALTA],
    ['an empty file', k.carta(Buffer.alloc(0)), MSG_CARTA_FALTA],
    ['a PNG named .pdf', k.carta(png, 'carta.pdf'), MSG_CARTA_NO_PDF],
    ['HTML said to be a PDF', k.carta(html, 'carta.pdf', 'application/pdf'), MSG_CARTA_NO_PDF],
    ['a truncated PDF (no %%EOF)', k.carta(good.subarray(0, good.length - 20)), MSG_CARTA_NO_PDF],
    ['a PDF with something after %%EOF', k.carta(Buffer.concat([good, Buffer.from('<script>x</script>')])), MSG_CARTA_NO_PDF],
    ['only the header', k.carta(Buffer.from('%PDF-1.7\n%%EOF\n')), MSG_CARTA_NO_PDF],
    ['2 MiB and a byte', k.carta(k.pdfOfSize(2 * MIB + 1)), MSG_CARTA_GRANDE],
  ];
  assert.equal(cases[7][1].data.length, 2 * MIB + 1);
  for (const [what, file, msg] of cases) {
    const f = k.delegadoFields();
    const before = k.cuentasSnapshot(inst);
    const { r } = await k.registrar(inst, inst.client(), f, { file });
    assert.equal(r.status, 400, what);
    assert.deepEqual(h.fieldsWithErrors(r.text), ['carta'], what);
    assert.equal(h.fieldError(r.text, 'carta'), msg, what);
    assert.match(h.mainOf(r.text), /Revise 1 campo\(s\) marcados/, what);
    for (const t of ['nit', 'razon_social', 'num_doc', 'primer_nombre', 'segundo_nombre', 'primer_apellido', 'segundo_apellido', 'correo']) assert.equal(h.inputValue(r.text, t), f[t], `${what}: ${t} kept`);
    assert.match(dk(r, 'carta-otra-vez'), /^Por seguridad, el archivo no se conserva/, what);
    assert.match(h.mainOf(r.text), /<input type="file" id="f-carta" name="carta" accept="application\/pdf,.pdf" aria-invalid="true"/, what);
    assert.deepEqual(k.cuentasSnapshot(inst), before, `${what}: nothing written`);
  }
  // Exactly 2 MiB is accepted and stored whole.
  const big = k.pdfOfSize(2 * MIB);
  assert.equal(big.length, 2 * MIB);
  const f = k.delegadoFields();
  const { r } = await k.registrar(inst, inst.client(), f, { file: k.carta(big) });
  assert.equal(r.status, 200);
  assert.equal(h.num(inst, `SELECT length(carta) FROM solicitud_delegado d JOIN usuario u ON u.id = d.usuario_id WHERE u.login = 'ADMINHCEIPS${f.nit}'`), 2 * MIB);
});

test('the body cap is larger for POST /registro only: past it nginx answers 413 with a page in Spanish; other routes keep 256 KiB', async () => {
  const c = await h.loginAs(inst, h.DEL_NUEVO);
  const before = k.cuentasSnapshot(inst);
  const { r } = await k.registrar(inst, inst.client(), k.delegadoFields(), { file: k.carta(k.pdf('enorme', 3 * MIB)) });
  assert.equal(r.status, 413);
  assert.match(r.text, /<h1>Archivo demasiado grande<\/h1>/);
  assert.match(r.text, /PDF de hasta 2 MiB/);
  const otro = await k.registrar(inst, inst.client(), { ...k.otroFields(), relleno: 'x'.repeat(300 * 1024) }, { path: '/registro/otro' });
  assert.equal(otro.r.status, 413, '/registro/otro keeps the common cap');
  const csrf = await c.csrf('/ihce/solicitud');
  const big = await c.postMultipart('/ihce/solicitud', h.solicitudFields(csrf), { adjunto: { filename: 'x.pdf', type: 'application/pdf', data: k.pdf('x', 600 * 1024) } });
  assert.equal(big.status, 413, 'another route keeps 256 KiB');
  assert.deepEqual(k.cuentasSnapshot(inst), before);
});

test('names are names: letters, blanks, apostrophe and hyphen, up to 60; no URL; both forms', async () => {
  const bad = [
    ['primer_nombre', 'Ana https://evil.example/x', MSG_PN],
    ['segundo_nombre', 'Visite www.premios.example', MSG_SN],
    ['primer_apellido', 'Pérez <b>Gómez</b>', MSG_PA],
    ['segundo_apellido', 'Gómez 2', MSG_SA],
    ['primer_nombre', 'a'.repeat(61), MSG_PN],
    ['segundo_nombre', '-Ana', MSG_SN],
    ['primer_apellido', 'Pérez@Gómez', MSG_PA],
    ['primer_nombre', '   ', MSG_PN],
  ];
  for (const [field, value, msg] of bad) {
    for (const [pathForm, fields] of [['/registro', k.delegadoFields({ [field]: value })], ['/registro/otro', k.otroFields({ [field]: value })]]) {
      const before = k.cuentasSnapshot(inst);
      const { r } = await k.registrar(inst, inst.client(), fields, { path: pathForm });
      assert.equal(r.status, 400, `${pathForm} ${field}=${value}`);
      assert.deepEqual(h.fieldsWithErrors(r.text), [field], `${pathForm} ${field}=${value}`);
      assert.equal(h.fieldError(r.text, field), msg);
      assert.equal(h.inputValue(r.text, field), value.trim(), 'kept');
      assert.deepEqual(k.cuentasSnapshot(inst), before);
    }
  }
  for (const [pn, sn, pa, sa] of [['María José', '', "O'Neil-Pérez", ''], ['Ñuflo', 'Ángel', 'Müller', 'Ørsted'], ['a'.repeat(60), 'b'.repeat(60), 'D’Alessandro', 'c'.repeat(60)]]) {
    const { r } = await k.registrar(inst, inst.client(), k.delegadoFields({ primer_nombre: pn, segundo_nombre: sn, primer_apellido: pa, segundo_apellido: sa }));
    assert.equal(r.status, 200, `${pn} ${sn} ${pa} ${sa}`);
  }
});

test('ministry staff ("Otro usuario") mail carries the login and the link, no typed text', async () => {
  const f = k.otroFields({ primer_nombre: 'Germán', segundo_nombre: '', primer_apellido: 'Cañas', segundo_apellido: 'Ortiz', correo: 'german.canas@minsalud.example.co' });
  const desde = lastMailId();
  const { r } = await k.registrar(inst, inst.client(), f, { path: '/registro/otro' });
  assert.equal(r.status, 200);
  const msgs = inst.correos(`id > ${desde}`).map(({ para, cuerpo }) => ({ para, cuerpo }));
  assert.ok(msgs.length >= 2, 'to the person and the administrators');
  for (const m of msgs) for (const typed of ['Germán', 'Cañas', 'Ortiz']) assert.ok(!m.cuerpo.includes(typed), `${typed} in mail to ${m.para}`);
  assert.match(msgs.find((m) => m.para === f.correo).cuerpo, new RegExp(`Usuario: CC${f.num_doc}\\n`));
});

test('the migration keeps the delegates that existed approved, recorded as such', { skip: soloSqlite('the migration keeps the delegates that existed approved, recorded as such') }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-mig-'));
  const old = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-root-'));
  try {
    fs.mkdirSync(path.join(old, 'db', 'migrations'), { recursive: true });
    for (const m of fs.readdirSync(path.join(ROOT, 'db', 'migrations')).filter((x) => /^\d+_.*\.sql$/.test(x) && parseInt(x, 10) < 14)) {
      fs.copyFileSync(path.join(ROOT, 'db', 'migrations', m), path.join(old, 'db', 'migrations', m));
    }
    fs.copyFileSync(path.join(ROOT, 'db', 'claves_comunes.txt'), path.join(old, 'db', 'claves_comunes.txt'));
    const portal = (root, args, input) => execFileSync(path.join(ROOT, 'build', 'portal'), ['-r', root, '-v', dir, ...args], { input, stdio: ['pipe', 'pipe', 'pipe'] });
    const db = path.join(dir, 'portal.db');
    const sql = (q) => execFileSync('sqlite3', [db, q]).toString().trim();
    // The database as 013 left it, built with the sqlite3 shell: today's binary prepares
    // statements of later migrations, so it cannot run on it.
    for (const m of fs.readdirSync(path.join(old, 'db', 'migrations')).sort()) {
      execFileSync('sqlite3', [db], { input: fs.readFileSync(path.join(old, 'db', 'migrations', m)) });
      sql(`PRAGMA user_version = ${parseInt(m, 10)}`);
    }
    assert.equal(sql("SELECT count(*) FROM sqlite_master WHERE name = 'solicitud_delegado'"), '0', 'before 014');
    sql("INSERT INTO entidad(nit, razon_social, razon_norm, tipo, creada) VALUES ('860013570', 'Clínica Anterior', 'clinica anterior', 'IPS', 1700000000)");
    sql("INSERT INTO usuario(login, nombre, correo, creado) VALUES ('ADMINHCEIPS860013570', 'Delegado Anterior', 'anterior@clinica.example.co', 1700000000)");
    sql("INSERT INTO rol_asignado(usuario_id, entidad_id, rol) SELECT u.id, e.id, 'securityAdmin_IHCE_IPS' FROM usuario u, entidad e WHERE u.login = 'ADMINHCEIPS860013570' AND e.nit = '860013570'");
    portal(ROOT, ['migrate']);
    assert.equal(sql("SELECT d.estado || '|' || d.nit || '|' || d.rol || '|' || CASE WHEN d.carta IS NULL THEN 1 ELSE 0 END || '|' || CASE WHEN d.decidio_id IS NULL THEN 1 ELSE 0 END FROM solicitud_delegado d JOIN usuario u ON u.id = d.usuario_id WHERE u.login = 'ADMINHCEIPS860013570'"),
      'aprobada|860013570|securityAdmin_IHCE_IPS|1|1');
    assert.equal(sql("SELECT count(*) FROM rol_asignado WHERE activo = 1 AND rol = 'securityAdmin_IHCE_IPS'"), '1', 'the role is untouched');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
});

test('registration is capped per client address and in total per hour: 429, values kept, nothing written or mailed', async () => {
  const cap = await startPortal({ env: { PORTAL_REGISTRO_POR_IP: '2', PORTAL_REGISTRO_TOTAL: '4' } });
  try {
    // A refused form (400) does not count; two registrations (either form) do.
    let r = (await k.registrar(cap, cap.client(), k.delegadoFields({ correo: 'malo' }))).r;
    assert.equal(r.status, 400);
    assert.equal((await k.registrar(cap, cap.client(), k.delegadoFields())).r.status, 200);
    assert.equal((await k.registrar(cap, cap.client(), k.otroFields(), { path: '/registro/otro' })).r.status, 200);
    assert.equal(cap.lista('SELECT ip FROM registro_envio ORDER BY ip'), '127.0.0.1,127.0.0.1');
    for (const [p, f] of [['/registro', k.delegadoFields({ primer_nombre: 'Tercera' })], ['/registro/otro', k.otroFields({ primer_nombre: 'Tercero' })]]) {
      const before = k.cuentasSnapshot(cap);
      r = (await k.registrar(cap, cap.client(), f, { path: p })).r;
      assert.equal(r.status, 429, p);
      assert.match(k.failOf(r.text), /^Desde su conexión ya se hizo el máximo de registros permitido en una hora: no se registró nada\./);
      assert.equal(h.inputValue(r.text, 'primer_nombre'), f.primer_nombre, 'values kept');
      assert.deepEqual(k.cuentasSnapshot(cap), before, `${p}: nothing written`);
    }
    // In total: other addresses used the rest of the hour's registrations.
    cap.sql(`DELETE FROM registro_envio; INSERT INTO registro_envio(ip, ts) VALUES ${['10.1.1.1', '10.1.1.2', '10.1.1.3', '10.1.1.4'].map((ip) => `('${ip}', ${Math.floor(Date.now() / 1000)})`).join(', ')}`);
    r = (await k.registrar(cap, cap.client(), k.delegadoFields())).r;
    assert.equal(r.status, 429);
    assert.match(k.failOf(r.text), /^El portal recibió demasiados registros en la última hora: no se registró nada\./);
    // An hour later they no longer count, and are forgotten: the table stays small.
    cap.sql("UPDATE registro_envio SET ts = ts - 3600");
    r = (await k.registrar(cap, cap.client(), k.delegadoFields())).r;
    assert.equal(r.status, 200);
    assert.equal(cap.sql('SELECT count(*) FROM registro_envio'), '1');
  } finally {
    await cap.stop();
  }
});
