// People, roles and names read as people (issue 12 §4): the four parts of a name (018's
// split of the accounts that had one name, and of those an operator adds), roles by their
// labels on every page the people of the portal read, the header's Rol, Reactivar (CSRF,
// role, entity), and /admin/bloqueos showing a login as it was typed.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startPortal, dataK, ROOT, soloSqlite } = require('../../lib/portal.js');
const { texto } = require('../../lib/glosario.js');
const h = require('../helpers.js');
const ch = require('../cuentas_helpers.js');

let inst, delA, delB, entA, sedeA;

before(async () => {
  inst = await startPortal();
  entA = h.num(inst, "SELECT id FROM entidad WHERE nit = '800100037'");
  sedeA = inst.sql(`SELECT id FROM sede WHERE entidad_id = ${entA} ORDER BY id LIMIT 1`);
  delA = await h.loginAs(inst, h.DEL_LLAVES);
  delB = await h.loginAs(inst, h.DEL_PENDIENTE);
});

after(async () => {
  if (inst) await inst.stop();
});

const partes = (login) => inst.sql(`SELECT primer_nombre || '|' || segundo_nombre || '|' || primer_apellido || '|' || segundo_apellido FROM usuario WHERE login = '${login}'`);

test('018 splits the one name of the accounts that existed into its four parts, by the documented rule; accounts added later with one name too', { skip: soloSqlite('018 splits the one name of the accounts that existed into its four parts, by the documented rule; accounts added later with one name too') }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-mig18-'));
  try {
    const db = path.join(dir, 'portal.db');
    const sql = (q) => execFileSync('sqlite3', [db, q]).toString().trim();
    // The database as 017 left it, built with the sqlite3 shell (today's binary prepares
    // statements of later migrations).
    for (const m of fs.readdirSync(path.join(ROOT, 'db', 'migrations')).filter((x) => /^\d+_.*\.sql$/.test(x) && parseInt(x, 10) < 18).sort()) {
      execFileSync('sqlite3', [db], { input: fs.readFileSync(path.join(ROOT, 'db', 'migrations', m)) });
      sql(`PRAGMA user_version = ${parseInt(m, 10)}`);
    }
    const antes = [
      ['CC1', 'Ana', 'Ana|||'],
      ['CC2', 'Juan  Pérez', 'Juan||Pérez|'],
      ['CC3', ' Juan Pérez Gómez ', 'Juan||Pérez|Gómez'],
      ['CC4', 'Ana María Pérez Gómez', 'Ana|María|Pérez|Gómez'],
      ['CC5', "María José del Pilar Núñez O'Neil", "María|José del Pilar|Núñez|O'Neil"],
    ];
    for (const [login, nombre] of antes) {
      sql(`INSERT INTO usuario(login, nombre, correo, creado) VALUES ('${login}', '${nombre.replace(/'/g, "''")}', 'x@y.example.co', 1)`);
    }
    // One added with "Nuevo" before 018 keeps its parts.
    sql("INSERT INTO usuario(login, nombre, correo, creado, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido) VALUES ('CC6', 'Luz Dary Ruiz', 'x@y.example.co', 1, 'Luz', 'Dary', 'Ruiz', '')");
    execFileSync(path.join(ROOT, 'build', 'portal'), ['-v', dir, 'migrate'], { stdio: ['pipe', 'pipe', 'pipe'] });
    assert.equal(sql('PRAGMA user_version') >= 18, true);
    for (const [login, , want] of antes) {
      assert.equal(sql(`SELECT primer_nombre || '|' || segundo_nombre || '|' || primer_apellido || '|' || segundo_apellido FROM usuario WHERE login = '${login}'`), want, login);
    }
    assert.equal(sql("SELECT primer_nombre || '|' || segundo_nombre || '|' || primer_apellido || '|' || segundo_apellido FROM usuario WHERE login = 'CC6'"), 'Luz|Dary|Ruiz|');
    assert.equal(sql('SELECT count(*) FROM usuario WHERE primer_nombre IS NULL OR segundo_nombre IS NULL OR primer_apellido IS NULL OR segundo_apellido IS NULL'), '0');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // After 018: an operator's account (one NOMBRE) gets its parts by the same rule, and
  // its document (given, or read from a "CC<número>" login).
  inst.portal(['user-add', 'CC55500099', 'Rol_IHCE_MSPS', '900474727', 'Marta Lucía Gil Rueda', 'marta.gil@minsalud.example.co'], 'una clave larga del operador\n');
  assert.equal(partes('CC55500099'), 'Marta|Lucía|Gil|Rueda');
  assert.equal(inst.sql("SELECT tipo_doc || ' ' || num_doc FROM usuario WHERE login = 'CC55500099'"), 'CC 55500099');
  inst.portal(['entidad-add', '860013571', 'IPS', 'Clínica del Operador']);
  inst.portal(['user-add', 'ADMINHCEIPS860013571', 'securityAdmin_IHCE_IPS', '860013571', 'Pedro Gil', 'pedro.gil@clinica.example.co', 'CE', '456789'], 'una clave larga del operador\n');
  assert.equal(partes('ADMINHCEIPS860013571'), 'Pedro||Gil|');
  assert.equal(inst.sql("SELECT tipo_doc || ' ' || num_doc FROM usuario WHERE login = 'ADMINHCEIPS860013571'"), 'CE 456789');
  assert.throws(() => inst.portal(['user-add', 'CC55500098', 'Rol_IHCE_MSPS', '900474727', 'X Y', 'x@y.example.co', 'ZZ', '12'], 'una clave larga\n'), (e) => e.status === 1);
  assert.equal(inst.sql("SELECT count(*) FROM usuario WHERE login = 'CC55500098'"), '0');
});

// The page a client lands on from / (following the redirects of a first visit: the SAT
// terms, the role list).
async function inicio(c) {
  let r = await c.get('/');
  for (let i = 0; i < 4 && r.status === 303; i++) r = await c.get(r.headers.location);
  assert.equal(r.status, 200);
  return r;
}

// The ids of the portal's roles, as they must never be read on a page.
const ROL_ID = /\b(securityAdmin_[A-Za-z_]+|Rol_[A-Za-z_]+|Administrador_MSPS)\b/;

test('roles read as labels on every page people read: lists, forms, the header, the role list, the ministry\'s queue', async () => {
  const solicitud = h.num(inst, "SELECT min(id) FROM solicitud_delegado WHERE estado = 'pendiente'");
  const own = h.num(inst, `SELECT r.id FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${h.DEL_LLAVES}'`);
  const visitas = [
    [h.DEL_LLAVES, ['/ihce', '/autorizados', '/autorizados/nuevo', `/autorizados/${own}`]],
    ['ADMINSATCCF892300110', ['/autorizados', '/autorizados/nuevo']],
    ['ADMINMIPRESPROV901500013', ['/mipres', '/autorizados', '/autorizados/nuevo']],
    [h.MSPS, ['/msps/delegados', `/msps/delegados/${solicitud}`]],
    [h.ADMIN, ['/admin', '/admin/cuentas']],
  ];
  for (const [login, paginas] of visitas) {
    const c = login === h.DEL_LLAVES ? delA : await h.loginAs(inst, login);
    for (const p of paginas) {
      const r = await c.get(p);
      assert.equal(r.status, 200, `${login} ${p}`);
      const leido = texto(r.text).filter((l) => ROL_ID.test(l));
      assert.deepEqual(leido, [], `${login} ${p}: a role's id on the page`);
    }
  }
  for (const login of ['CC1020300010', 'CC1030400010']) {
    assert.deepEqual(texto((await inicio(await h.loginAs(inst, login))).text).filter((l) => ROL_ID.test(l)), [], login);
  }
  // The multi-role person's role list: each role by its label.
  const multi = inst.client();
  await multi.login('CC1010202050');
  const roles = await multi.get('/roles');
  assert.equal(roles.status, 200);
  assert.deepEqual(texto(roles.text).filter((l) => ROL_ID.test(l)), []);
  assert.ok(h.dataKAll(h.mainOf(roles.text), 'rol-nombre').includes('Delegado administrativo IHCE'));
});

test('the header\'s Rol names the role, never the entity\'s type', async () => {
  for (const [login, rol] of [['CC1020300010', 'Autorizado SAT (servicios web de la Caja)'], ['CC1030400010', 'Autorizado servicios web AP'],
    ['ADMINSATCCF892300110', 'Delegado administrativo SAT'], [h.DEL_LLAVES, 'Delegado administrativo IHCE'], ['CC1040500010', 'Dispensador MIPRES']]) {
    const r = await inicio(await h.loginAs(inst, login));
    const shown = h.htmlDecode(dataK(r.text, 'rol'));
    assert.equal(shown, rol, login);
    assert.doesNotMatch(shown, /^(Caja de Compensación Familiar|Administradora de Pensiones|Institución Prestadora|Proveedor)/, login);
  }
});

// What a refused Reactivar must not change: the authorizations, the outbox, the audit of
// the authorizations.
const estado = () => ({
  roles: inst.lista("SELECT id || ':' || activo || ':' || coalesce(CAST(actualizado AS TEXT), '') FROM rol_asignado ORDER BY id"),
  correo: inst.sql('SELECT count(*) FROM correo'),
  auditoria: inst.sql("SELECT count(*) FROM auditoria WHERE accion LIKE 'autorizado%'"),
});

// Invites a new person into entity A with delegate A, who accepts by setting the password
// through the mailed link. Returns { id, login, correo }.
async function aceptado(num, correo) {
  const csrf = await delA.csrf('/autorizados/nuevo');
  const r = await delA.post('/autorizados/nuevo', { csrf, tipo_doc: 'CC', num_doc: num, sexo: 'F', correo,
    primer_nombre: 'Rosa', segundo_nombre: 'Elena', primer_apellido: 'Vélez', segundo_apellido: 'Mora',
    rol: 'Rol_MIPRES_Dispensador', perfil: '2', sede: sedeA });
  assert.equal(r.status, 303);
  assert.equal((await ch.setPassword(inst, ch.linkToken(inst, correo), 'Portal-Demo-2026')).status, 303);
  const id = h.num(inst, `SELECT r.id FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = 'CC${num}' AND r.entidad_id = ${entA}`);
  assert.equal(h.num(inst, `SELECT activo FROM rol_asignado WHERE id = ${id}`), 1, 'accepted');
  return { id, login: `CC${num}`, correo };
}

// The list's row of assignment id: { cells, reactivar, inactivar }.
function fila(html, id) {
  const m = new RegExp(`<tr data-id="${id}">([\\s\\S]*?)</tr>`).exec(h.mainOf(html));
  assert.ok(m, `row ${id}`);
  return { cells: [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((x) => h.htmlDecode(x[1].replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim())),
    reactivar: m[1].includes(`action="/autorizados/${id}/reactivar"`), inactivar: m[1].includes(`action="/autorizados/${id}/inactivar"`),
    html: m[1] };
}

test('Reactivar: an inactive person the entity had authorized works again with the role, audited and told by mail; the actions sit in the row\'s own cell', async () => {
  const p = await aceptado('66100200', 'rosa.velez@clinica.example.co');
  let list = await delA.get('/autorizados');
  // Each row's actions are in its own last cell (no cell made a layout box of its own).
  const f0 = fila(list.text, p.id);
  assert.match(f0.html, /<td><div class="acciones"><a class="button small" href="\/autorizados\/\d+">Editar<\/a>/);
  assert.equal(f0.cells.length, 11);
  assert.equal(f0.reactivar, false, 'an active person has no Reactivar');
  const csrf = h.csrfOf(list.text);
  assert.equal((await delA.post(`/autorizados/${p.id}/inactivar`, { csrf })).status, 303);
  assert.equal((await inst.client().login(p.login)).status, 400, 'inactive: no login');
  list = await delA.get('/autorizados');
  const f = fila(list.text, p.id);
  assert.equal(f.cells[9], 'Inactivo');
  assert.equal(f.reactivar, true);
  assert.match(f.html, /<button type="submit" class="button small">Reactivar<\/button>/);
  // Reactivar.
  const desde = h.num(inst, 'SELECT coalesce(max(id), 0) FROM correo');
  const r = await delA.post(`/autorizados/${p.id}/reactivar`, { csrf });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/autorizados?ok=reactivado');
  assert.equal(h.num(inst, `SELECT activo FROM rol_asignado WHERE id = ${p.id}`), 1);
  const ok = await delA.get(r.headers.location);
  assert.match(h.htmlDecode(dataK(h.mainOf(ok.text), 'ok')), /^La autorización quedó activa de nuevo/);
  assert.match(ok.text, /<p class="exito" role="status" data-k="ok">/);
  assert.equal(fila(ok.text, p.id).cells[9], 'Activo');
  assert.equal(inst.sql("SELECT login || '|' || entidad_id || '|' || detalle FROM auditoria WHERE accion = 'autorizado_reactivar' ORDER BY id DESC LIMIT 1"),
    `${h.DEL_LLAVES}|${entA}|asignación ${p.id}: CC 66100200, rol Rol_MIPRES_Dispensador`);
  // The mail goes to the account's own address: the role by its label, the login.
  const mails = inst.correos(`id > ${desde}`);
  assert.deepEqual(mails.map((m) => m.para), [p.correo]);
  assert.match(mails[0].asunto, /reactivada/);
  assert.match(mails[0].cuerpo, /reactivó su autorización .* con el rol Dispensador MIPRES\./s);
  assert.match(mails[0].cuerpo, /Ya puede ingresar con su usuario CC66100200\./);
  assert.doesNotMatch(mails[0].cuerpo, ROL_ID);
  // The person works again.
  const c = await h.loginAs(inst, p.login);
  assert.equal((await c.get('/mipres')).status, 200);
  // Twice: 409, nothing changed.
  const before = estado();
  const twice = await delA.post(`/autorizados/${p.id}/reactivar`, { csrf });
  assert.equal(twice.status, 409);
  assert.match(dataK(h.mainOf(twice.text), 'alerta'), /ya estaba activa/);
  assert.deepEqual(estado(), before);
});

test('Reactivar refuses what it must: another entity\'s person (404), no CSRF (403), other roles (403), anonymous (login), an invitation never accepted (409)', async () => {
  const p = await aceptado('66100201', 'tomas.rey@clinica.example.co');
  const csrfA = await delA.csrf('/autorizados');
  assert.equal((await delA.post(`/autorizados/${p.id}/inactivar`, { csrf: csrfA })).status, 303);
  const snap0 = estado();
  // Entity B's delegate cannot reach A's person, whatever the id.
  const csrfB = await delB.csrf('/autorizados');
  for (const id of [p.id, 0, 999999, 'abc']) {
    const r = await delB.post(`/autorizados/${id}/reactivar`, { csrf: csrfB });
    assert.equal(r.status, 404, `B reactivates ${id}`);
  }
  assert.deepEqual(estado(), snap0, 'nothing changed by B');
  // CSRF: missing, wrong, another origin.
  for (const [what, body, opts] of [['missing', {}, {}], ['wrong', { csrf: 'A'.repeat(43) }, {}],
    ['other origin', { csrf: csrfA }, { headers: { Origin: 'https://evil.example.co' } }]]) {
    const r = await delA.post(`/autorizados/${p.id}/reactivar`, body, opts);
    assert.equal(r.status, 403, what);
  }
  assert.deepEqual(estado(), snap0, 'nothing changed without a valid token');
  // Other roles: the ministry, an autorizado (even of the same entity type), anonymous.
  for (const login of [h.MSPS, h.ADMIN, 'CC1040500010']) {
    const c = await h.loginAs(inst, login);
    const csrf = h.csrfOf((await inicio(c)).text);
    assert.ok(csrf, login);
    assert.equal((await c.post(`/autorizados/${p.id}/reactivar`, { csrf })).status, 403, login);
  }
  const anon = await inst.client().post(`/autorizados/${p.id}/reactivar`, { csrf: 'x' });
  assert.ok([303, 403].includes(anon.status), `anonymous: ${anon.status}`);
  assert.deepEqual(estado(), snap0, 'nothing changed by other roles');
  assert.equal(h.num(inst, `SELECT activo FROM rol_asignado WHERE id = ${p.id}`), 0);
  // An invitation voided before it was accepted: no Reactivar, and a POST is refused (the
  // person never accepted: "Nuevo" invites again).
  let csrf = await delA.csrf('/autorizados/nuevo');
  assert.equal((await delA.post('/autorizados/nuevo', { csrf, tipo_doc: 'CC', num_doc: '66100202', sexo: 'M', correo: 'nunca@clinica.example.co',
    primer_nombre: 'Nunca', segundo_nombre: '', primer_apellido: 'Aceptó', segundo_apellido: '', rol: 'Rol_MIPRES_Dispensador', perfil: '2', sede: sedeA })).status, 303);
  const inv = h.num(inst, `SELECT r.id FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = 'CC66100202'`);
  csrf = await delA.csrf('/autorizados');
  assert.equal((await delA.post(`/autorizados/${inv}/inactivar`, { csrf })).status, 303, 'voided');
  const row = fila((await delA.get('/autorizados')).text, inv);
  assert.equal(row.cells[9], 'Inactivo');
  assert.equal(row.reactivar, false);
  const snap1 = estado();
  const r = await delA.post(`/autorizados/${inv}/reactivar`, { csrf });
  assert.equal(r.status, 409);
  assert.match(h.htmlDecode(dataK(h.mainOf(r.text), 'alerta')), /nunca aceptó la invitación.*«Nuevo»/);
  assert.deepEqual(estado(), snap1);
});

test('/admin/bloqueos shows a login as it was typed, and unlocks it whatever its case', async () => {
  const typed = 'AdminHceIps800100074';
  const from = '127.0.0.77';
  for (let i = 0; i < 5; i++) await inst.client(from).login(typed, `mala-${i}`);
  assert.equal((await inst.client(from).login(h.DEL_PENDIENTE)).status, 429, 'locked from that address');
  const a = await h.loginAs(inst, h.ADMIN);
  const list = await a.get('/admin/bloqueos');
  const locked = h.dataKAll(h.mainOf(list.text), 'bloqueado');
  assert.ok(locked.includes(typed), JSON.stringify(locked));
  assert.ok(!locked.includes(typed.toLowerCase()) && !locked.includes(h.DEL_PENDIENTE));
  const r = await a.post('/admin/bloqueos/desbloquear', { csrf: h.csrfOf(list.text), login: typed });
  assert.equal(r.status, 303);
  assert.equal((await inst.client(from).login(h.DEL_PENDIENTE)).status, 303, 'unlocked');
});

test('the administrator\'s lists of people show the name\'s four parts too: Cuentas pendientes and the two-step list', async () => {
  const f = ch.otroFields({ primer_nombre: 'Luz', segundo_nombre: 'Adriana', primer_apellido: 'Mora', segundo_apellido: '', correo: 'luz.mora@minsalud.example.co' });
  const { r: reg } = await ch.registrar(inst, inst.client(), f, { path: '/registro/otro' });
  assert.equal(reg.status, 200);
  const a = await h.loginAs(inst, h.ADMIN);
  const partesDe = (html, re) => {
    const m = re.exec(h.mainOf(html));
    assert.ok(m, String(re));
    return ['primer_nombre', 'segundo_nombre', 'primer_apellido', 'segundo_apellido']
      .map((k) => h.htmlDecode(new RegExp(`<td data-k="${k}">([^<]*)</td>`).exec(m[1])[1]));
  };
  const cuentas = await a.get('/admin/cuentas');
  for (const th of ['Primer nombre', 'Segundo nombre', 'Primer apellido', 'Segundo apellido']) assert.match(h.mainOf(cuentas.text), new RegExp(`<th scope="col">${th}</th>`));
  assert.deepEqual(partesDe(cuentas.text, new RegExp(`<tr data-k="cuenta-\\d+"><td>CC${f.num_doc}</td>([\\s\\S]*?)</tr>`)), ['Luz', 'Adriana', 'Mora', '']);
  const dos = await a.get('/admin/dos-pasos');
  assert.deepEqual(partesDe(dos.text, new RegExp(`<tr><td data-k="login">${h.MSPS}</td>([\\s\\S]*?)</tr>`)),
    inst.sql(`SELECT primer_nombre || '|' || segundo_nombre || '|' || primer_apellido || '|' || segundo_apellido FROM usuario WHERE login = '${h.MSPS}'`).split('|'));
  assert.deepEqual(partesDe(dos.text, new RegExp(`<tr><td data-k="login">${h.MSPS}</td>([\\s\\S]*?)</tr>`)), ['Laura', '', 'Gómez', 'Restrepo']);
});
