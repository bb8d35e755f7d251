// "Administrar autorizados": an entity's delegate lists, invites, edits and inactivates the
// people authorized with a role of the entity. A person holds a role once; an inactivated
// person loses access at once; "Nuevo" invites (the authorization waits until the person
// accepts: tests/e2e/cuentas/invitaciones.test.js); a person without an account gets a mailed
// one-time link to set a password, which accepts; every change is audited; no delegate
// reaches another entity's people, roles or sedes.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');
const ch = require('../cuentas_helpers.js');

let inst, delA, delB, entA, entB, sedesA, sedesB, ownA;

const MSG = {
  tipo_doc: 'Seleccione el tipo de documento.',
  num_doc: 'Escriba el número de documento: de 3 a 15 dígitos, sin puntos, comas ni espacios.',
  sexo: 'Seleccione el sexo.',
  correo: 'Escriba un correo válido, por ejemplo nombre@entidad.gov.co.',
  primer_nombre: "Escriba el primer nombre: solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres.",
  segundo_nombre: "El segundo nombre admite solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres; déjelo vacío si no tiene.",
  primer_apellido: "Escriba el primer apellido: solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres.",
  segundo_apellido: "El segundo apellido admite solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres; déjelo vacío si no tiene.",
  rol: 'Seleccione uno de los roles que su entidad puede autorizar.',
  perfil: 'Seleccione un perfil del rol elegido.',
  sede: 'Seleccione una sede de su entidad.',
};
const PERFIL_DELEGADO = '1';
const PERFIL_DISPENSA = '2';
const PERFIL_CONSULTA = '3';
const PERFIL_CCF = '4';

before(async () => {
  inst = await startPortal();
  entA = h.num(inst, "SELECT id FROM entidad WHERE nit = '800100037'");
  entB = h.num(inst, "SELECT id FROM entidad WHERE nit = '800100074'");
  sedesA = inst.sql(`SELECT id FROM sede WHERE entidad_id = ${entA} ORDER BY id`).split('\n');
  sedesB = inst.sql(`SELECT id FROM sede WHERE entidad_id = ${entB} ORDER BY id`).split('\n');
  assert.ok(sedesA.length >= 2 && sedesB.length >= 2, 'demo sedes');
  ownA = h.num(inst, `SELECT r.id FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${h.DEL_LLAVES}'`);
  delA = await h.loginAs(inst, h.DEL_LLAVES);
  delB = await h.loginAs(inst, h.DEL_PENDIENTE);
});

after(async () => {
  if (inst) await inst.stop();
});

// A valid new-person form for entity A (overrides replace or, with undefined, remove).
function persona(csrf, over = {}) {
  const f = {
    csrf, tipo_doc: 'CC', num_doc: '52123456', sexo: 'F', correo: 'ana.suarez@clinica.example.co',
    primer_nombre: 'Ana', segundo_nombre: 'María', primer_apellido: 'Suárez', segundo_apellido: "O'Neill",
    rol: 'Rol_MIPRES_Dispensador', perfil: PERFIL_DISPENSA, sede: sedesA[0],
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete f[k];
    else f[k] = v;
  }
  return f;
}

// Everything a refused request must not change, authorizations and people included.
function snap() {
  return {
    ...h.snapshot(inst),
    rol_asignado: inst.lista("SELECT id || ':' || usuario_id || ':' || entidad_id || ':' || rol || ':' || activo || ':' || coalesce(CAST(perfil_id AS TEXT), '') || ':' || coalesce(CAST(sede_id AS TEXT), '') FROM rol_asignado ORDER BY id"),
    personas: inst.lista("SELECT id || ':' || login || ':' || nombre || ':' || correo || ':' || coalesce(sexo, '') || ':' || coalesce(pass_hash, '') FROM usuario ORDER BY id"),
    invitaciones: inst.lista("SELECT id || ':' || rol_id || ':' || estado || ':' || correo || ':' || primer_nombre FROM invitacion ORDER BY id"),
  };
}

// The rows of the list: [{ id, cells: [...11 columns' text], inactivar, reactivar }]:
// tipo de documento, número, primer nombre, segundo nombre, primer apellido, segundo
// apellido, rol, perfil, sede, estado, acciones.
function rows(html) {
  const t = /<table class="autorizados">([\s\S]*?)<\/table>/.exec(h.mainOf(html));
  assert.ok(t, 'the list table');
  return [...t[1].matchAll(/<tr data-id="(\d+)">([\s\S]*?)<\/tr>/g)].map((m) => ({
    id: Number(m[1]),
    cells: [...m[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((x) => h.htmlDecode(x[1])),
    inactivar: m[2].includes(`action="/autorizados/${m[1]}/inactivar"`),
    reactivar: m[2].includes(`action="/autorizados/${m[1]}/reactivar"`),
  }));
}

// The selected value of <select name="name">, or null.
function selected(html, name) {
  const m = new RegExp(`<select[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!m) return null;
  const o = /<option value="([^"]*)" selected>/.exec(m[1]);
  return o ? h.htmlDecode(o[1]) : '';
}

// The option values of <select name="name">, without the empty prompt.
function options(html, name) {
  const m = new RegExp(`<select[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  assert.ok(m, `select ${name}`);
  return [...m[1].matchAll(/<option value="([^"]*)"/g)].map((x) => h.htmlDecode(x[1])).filter((v) => v !== '');
}

// The option labels of <select name="name">, without the empty prompt.
function optionLabels(html, name) {
  const m = new RegExp(`<select[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  assert.ok(m, `select ${name}`);
  return [...m[1].matchAll(/<option value="([^"]+)"[^>]*>([^<]*)</g)].map((x) => h.htmlDecode(x[2]));
}

// What the form shows for field name: an input's value or a select's choice.
function shown(html, name) {
  const v = h.inputValue(html, name);
  return v !== null ? v : selected(html, name);
}

const assignmentOf = (tipo, num, ent) => h.num(inst, `SELECT r.id FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.tipo_doc = '${tipo}' AND u.num_doc = '${num}' AND r.entidad_id = ${ent} ORDER BY r.id DESC LIMIT 1`);

// Adds a person through the form with client c; returns the response.
async function nuevo(c, over) {
  const csrf = await c.csrf('/autorizados/nuevo');
  return c.post('/autorizados/nuevo', persona(csrf, over));
}

test('the delegate\'s home links to "Administrar autorizados", which lists the entity\'s people', async () => {
  const home = await delA.get('/ihce');
  assert.match(h.mainOf(home.text), /<a class="button" href="\/autorizados" data-k="autorizados">Administrar autorizados<\/a>/);
  const r = await delA.get('/autorizados');
  assert.equal(r.status, 200);
  const main = h.mainOf(r.text);
  for (const th of ['Tipo de documento', 'Número de identificación', 'Primer nombre', 'Segundo nombre', 'Primer apellido', 'Segundo apellido', 'Rol', 'Perfil', 'Sede', 'Estado', 'Acciones']) {
    assert.ok(main.includes(`<th scope="col">${th}</th>`), th);
  }
  assert.match(main, /<a class="button primary" href="\/autorizados\/nuevo">Nuevo<\/a>/);
  const list = rows(r.text);
  assert.deepEqual(list.map((x) => x.id), [ownA], 'only the entity\'s own delegate so far');
  // The delegate's own row is complete: document, the name's four parts (as the demo's
  // single name split by 018's rule), the role's label, what it may do and where.
  const own = inst.rows(`SELECT num_doc, primer_nombre, segundo_nombre, primer_apellido, segundo_apellido FROM usuario WHERE login = '${h.DEL_LLAVES}'`)[0];
  assert.match(own.num_doc, /^\d{10}$/);
  assert.ok(own.primer_nombre && own.primer_apellido, JSON.stringify(own));
  assert.deepEqual(list[0].cells.slice(0, 10), ['Cédula de ciudadanía', own.num_doc, own.primer_nombre, own.segundo_nombre,
    own.primer_apellido, own.segundo_apellido, 'Delegado administrativo IHCE', 'Todas las funciones del rol', 'Todas las sedes', 'Activo']);
  assert.equal(list[0].inactivar, false, 'no "Inactivar" on one\'s own authorization');
  // The form offers the entity's roles, their perfiles and its own sedes only.
  const f = await delA.get('/autorizados/nuevo');
  assert.equal(f.status, 200);
  assert.deepEqual(options(f.text, 'rol'), ['securityAdmin_IHCE_IPS', 'Rol_MIPRES_Dispensador']);
  assert.deepEqual(optionLabels(f.text, 'rol'), ['Delegado administrativo IHCE', 'Dispensador MIPRES'], 'roles by their labels');
  assert.ok(optionLabels(f.text, 'perfil').every((l) => !/securityAdmin|Rol_/.test(l)), 'perfiles by their labels');
  assert.deepEqual(options(f.text, 'perfil'), [PERFIL_DELEGADO, PERFIL_DISPENSA, PERFIL_CONSULTA]);
  assert.deepEqual(options(f.text, 'sede'), inst.sql(`SELECT id FROM sede WHERE entidad_id = ${entA} ORDER BY nombre`).split('\n'));
  assert.deepEqual(options(f.text, 'tipo_doc'), ['CC', 'CE', 'PA', 'PE', 'PT']);
  assert.deepEqual(options(f.text, 'sexo'), ['F', 'M', 'I']);
});

test('Nuevo: a person without an account is created without a password, invited (the authorization waits) and audited', async () => {
  const before = snap();
  const correos = h.num(inst, 'SELECT count(*) FROM correo');
  const r = await nuevo(delA, {});
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/autorizados?ok=invitado');
  const u = inst.sql("SELECT login || '|' || nombre || '|' || correo || '|' || sexo || '|' || primer_nombre || '|' || segundo_nombre || '|' || primer_apellido || '|' || segundo_apellido || '|' || CASE WHEN pass_hash IS NULL THEN 1 ELSE 0 END || '|' || activo FROM usuario WHERE tipo_doc = 'CC' AND num_doc = '52123456'");
  assert.equal(u, "CC52123456|Ana María Suárez O'Neill|ana.suarez@clinica.example.co|F|Ana|María|Suárez|O'Neill|1|1");
  const id = assignmentOf('CC', '52123456', entA);
  const delAId = h.num(inst, `SELECT id FROM usuario WHERE login = '${h.DEL_LLAVES}'`);
  assert.equal(inst.sql(`SELECT rol || '|' || activo || '|' || perfil_id || '|' || sede_id || '|' || asignado_por FROM rol_asignado WHERE id = ${id}`),
    `Rol_MIPRES_Dispensador|0|${PERFIL_DISPENSA}|${sedesA[0]}|${delAId}`, 'inactive until accepted');
  // The invitation, queued in the same change, carries a one-time link to set the password.
  assert.equal(h.num(inst, 'SELECT count(*) FROM correo'), correos + 1);
  const { para, asunto, cuerpo } = inst.correos('id = (SELECT max(id) FROM correo)')[0];
  assert.equal(para, 'ana.suarez@clinica.example.co');
  assert.match(asunto, /Invitación/);
  const link = new RegExp(`https://localhost:${inst.port}(/clave/[A-Za-z0-9_-]{43})\\n`).exec(cuerpo);
  assert.ok(link, 'a set-password link in the invitation');
  assert.match(cuerpo, /Su usuario es CC52123456/);
  assert.match(cuerpo, /Dispensador MIPRES/);
  assert.equal(inst.sql("SELECT login || '|' || entidad_id || '|' || rol || '|' || detalle FROM auditoria WHERE accion = 'autorizado_nuevo' ORDER BY id DESC LIMIT 1"),
    `${h.DEL_LLAVES}|${entA}|securityAdmin_IHCE_IPS|asignación ${id}: invitación a CC 52123456 (cuenta nueva, usuario ${h.num(inst, "SELECT id FROM usuario WHERE login = 'CC52123456'")}), rol Rol_MIPRES_Dispensador, perfil ${PERFIL_DISPENSA}, sede ${sedesA[0]}`);
  // The link opens the set-password form (tests/e2e/cuentas/claves.test.js covers using it).
  const form = await inst.client().get(link[1]);
  assert.equal(form.status, 200);
  assert.notEqual(h.inputValue(form.text, 'nueva'), null, 'the new-password field');
  const after = snap();
  assert.notDeepEqual(after.rol_asignado, before.rol_asignado);
  // The list shows the person with the labels.
  const list = await delA.get('/autorizados?ok=invitado');
  assert.match(dataK(h.mainOf(list.text), 'ok'), /Enviamos la invitación a la persona/);
  const row = rows(list.text).find((x) => x.id === id);
  const sede = inst.sql(`SELECT nombre FROM sede WHERE id = ${sedesA[0]}`);
  assert.deepEqual(row.cells.slice(0, 10), ['Cédula de ciudadanía', '52123456', 'Ana', 'María', 'Suárez', "O'Neill",
    'Dispensador MIPRES', 'Dispensación y reporte de entregas', sede, 'Invitación pendiente']);
  assert.equal(row.reactivar, false, 'an invitation is not reactivated');
  assert.equal(row.inactivar, true, 'the invitation can be voided');
});

test('a person holds a role once: a second assignment is refused with a clear message, nothing written', async () => {
  await nuevo(delA, { num_doc: '52123457' });
  const before = snap();
  const over = { num_doc: '52123457', perfil: PERFIL_CONSULTA, sede: sedesA[1], correo: 'otro@clinica.example.co' };
  const r = await nuevo(delA, over);
  assert.equal(r.status, 409);
  assert.match(dataK(h.mainOf(r.text), 'alerta'), /ya tiene este rol/);
  assert.match(h.fieldError(r.text, 'rol'), /^Esta persona ya tiene este rol en su entidad/);
  const typed = persona(null, over);
  for (const k of ['tipo_doc', 'num_doc', 'sexo', 'correo', 'primer_nombre', 'rol', 'perfil', 'sede']) {
    assert.equal(shown(r.text, k), typed[k], `${k} kept`);
  }
  assert.deepEqual(snap(), before);
  // The same person may hold another role of the entity (and, still without a password,
  // is invited again with the new role).
  const other = await nuevo(delA, { num_doc: '52123457', rol: 'securityAdmin_IHCE_IPS', perfil: PERFIL_DELEGADO });
  assert.equal(other.status, 303);
  assert.equal(other.headers.location, '/autorizados?ok=invitado');
  assert.equal(h.num(inst, "SELECT count(*) FROM usuario WHERE num_doc = '52123457'"), 1, 'one user');
});

test('invalid fields: 400, a message next to each, the values kept, nothing written', async () => {
  const cases = [
    ['tipo_doc', ''], ['tipo_doc', 'XX'], ['tipo_doc', undefined],
    ['num_doc', ''], ['num_doc', '52.123.456'], ['num_doc', '12'], ['num_doc', '1234567890123456'], ['num_doc', '5212345a'],
    ['sexo', ''], ['sexo', 'X'],
    ['correo', ''], ['correo', 'ana@'], ['correo', 'ana suarez@clinica.example.co'],
    ['primer_nombre', ''], ['primer_nombre', '   '], ['primer_nombre', 'Ana2'], ['primer_nombre', '<b>Ana</b>'], ['primer_nombre', 'A'.repeat(61)],
    ['segundo_nombre', 'M@ria'], ['primer_apellido', ''], ['primer_apellido', 'Suárez;'], ['segundo_apellido', '1'],
    ['rol', ''], ['rol', 'Rol_SAT_CCF'], ['rol', 'Rol_IHCE_MSPS'], ['rol', 'Administrador_MSPS'], ['rol', "x' OR 1=1 --"],
    ['perfil', ''], ['perfil', PERFIL_CCF], ['perfil', PERFIL_DELEGADO], ['perfil', '999'], ['perfil', 'abc'],
    ['sede', ''], ['sede', '0'], ['sede', '99999'], ['sede', 'x'],
  ];
  const csrf = await delA.csrf('/autorizados/nuevo');
  for (const [field, value] of cases) {
    const before = snap();
    const f = persona(csrf, { num_doc: '71000001', [field]: value });
    const r = await delA.post('/autorizados/nuevo', f);
    const what = `${field}=${JSON.stringify(value)}`;
    assert.equal(r.status, 400, what);
    assert.deepEqual(h.fieldsWithErrors(r.text), [field], `${what}: only ${field} marked`);
    assert.equal(h.fieldError(r.text, field), MSG[field], `${what}: message`);
    assert.match(r.text, new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`), `${what}: aria-invalid`);
    for (const k of ['num_doc', 'correo', 'primer_nombre', 'segundo_nombre', 'primer_apellido', 'segundo_apellido']) {
      if (k !== field) assert.equal(h.inputValue(r.text, k), f[k], `${what}: ${k} kept`);
    }
    for (const k of ['tipo_doc', 'sexo', 'rol', 'perfil', 'sede']) {
      if (k !== field) assert.equal(selected(r.text, k), f[k], `${what}: ${k} still chosen`);
    }
    if (field !== 'primer_nombre' || value !== '   ') {
      if (h.inputValue(r.text, field) !== null && value !== undefined) assert.equal(h.inputValue(r.text, field), value.trim(), `${what}: the bad value is shown to fix`);
    }
    assert.deepEqual(snap(), before, `${what}: nothing written`);
  }
  // Every field wrong at once: every message.
  const r = await delA.post('/autorizados/nuevo', { csrf });
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text).sort(), ['correo', 'num_doc', 'perfil', 'primer_apellido', 'primer_nombre', 'rol', 'sede', 'sexo', 'tipo_doc'].sort());
  assert.match(h.mainOf(r.text), /Revise 9 campo\(s\) marcados/);
  // A value needing escapes comes back escaped.
  const x = await delA.post('/autorizados/nuevo', persona(csrf, { num_doc: '71000002', correo: '"><script>x</script>' }));
  assert.equal(x.status, 400);
  assert.ok(!x.text.includes('<script>x'), 'escaped');
  assert.equal(h.inputValue(x.text, 'correo'), '"><script>x</script>');
});

test('Editar: perfil, sede and the data of a person the entity created change, audited', async () => {
  const id = assignmentOf('CC', '52123456', entA);
  const page = await delA.get(`/autorizados/${id}`);
  assert.equal(page.status, 200);
  assert.equal(dataK(h.mainOf(page.text), 'num_doc'), '52123456');
  assert.equal(dataK(h.mainOf(page.text), 'rol'), 'Dispensador MIPRES');
  assert.equal(selected(page.text, 'perfil'), PERFIL_DISPENSA);
  assert.deepEqual(options(page.text, 'perfil'), [PERFIL_DISPENSA, PERFIL_CONSULTA], 'only the role\'s perfiles');
  assert.equal(selected(page.text, 'sede'), sedesA[0]);
  assert.equal(h.inputValue(page.text, 'correo'), 'ana.suarez@clinica.example.co');
  assert.equal(h.inputValue(page.text, 'num_doc'), null, 'the document is not editable');
  const csrf = h.csrfOf(page.text);
  const audits = h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'autorizado_editar'");
  const r = await delA.post(`/autorizados/${id}`, { csrf, perfil: PERFIL_CONSULTA, sede: sedesA[1], sexo: 'F',
    correo: 'ana.m.suarez@clinica.example.co', primer_nombre: 'Ana', segundo_nombre: '', primer_apellido: 'Suárez', segundo_apellido: 'Pérez',
    // Ignored: the document and the role are fixed.
    tipo_doc: 'CE', num_doc: '99999999', rol: 'securityAdmin_IHCE_IPS' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/autorizados?ok=editado');
  assert.equal(inst.sql(`SELECT rol || '|' || perfil_id || '|' || sede_id FROM rol_asignado WHERE id = ${id}`), `Rol_MIPRES_Dispensador|${PERFIL_CONSULTA}|${sedesA[1]}`);
  assert.equal(inst.sql("SELECT tipo_doc || '|' || num_doc || '|' || nombre || '|' || correo FROM usuario WHERE login = 'CC52123456'"),
    'CC|52123456|Ana Suárez Pérez|ana.m.suarez@clinica.example.co');
  assert.equal(h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'autorizado_editar'"), audits + 1);
  // Invalid edit: 400, values kept, nothing written; a perfil of another role or a sede of
  // another entity is refused too.
  for (const [field, value] of [['perfil', PERFIL_DELEGADO], ['perfil', PERFIL_CCF], ['sede', sedesB[0]], ['correo', 'x@'], ['primer_apellido', '']]) {
    const before = snap();
    const f = { csrf, perfil: PERFIL_DISPENSA, sede: sedesA[0], sexo: 'M', correo: 'nuevo@clinica.example.co',
      primer_nombre: 'Ana', segundo_nombre: '', primer_apellido: 'Suárez', segundo_apellido: '', [field]: value };
    const x = await delA.post(`/autorizados/${id}`, f);
    assert.equal(x.status, 400, `${field}=${value}`);
    assert.deepEqual(h.fieldsWithErrors(x.text), [field]);
    assert.equal(h.fieldError(x.text, field), MSG[field]);
    if (field !== 'correo') assert.equal(h.inputValue(x.text, 'correo'), 'nuevo@clinica.example.co');
    if (field !== 'sede') assert.equal(selected(x.text, 'sede'), sedesA[0]);
    assert.equal(selected(x.text, 'sexo'), 'M');
    assert.deepEqual(snap(), before);
  }
});

test('a person who already has an account keeps their data: invited at their own address, the typed data only shown to the delegate', async () => {
  // The ministry official (CC 1010202030) invited by the provider as a dispenser.
  const before = inst.sql(`SELECT nombre || '|' || correo FROM usuario WHERE login = '${h.MSPS}'`);
  const correos = h.num(inst, 'SELECT count(*) FROM correo');
  const r = await nuevo(delA, { num_doc: '1010202030', correo: 'atacante@example.co', primer_nombre: 'Otro', primer_apellido: 'Nombre' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/autorizados?ok=invitado', 'the same answer as for a new person');
  assert.equal(inst.sql(`SELECT nombre || '|' || correo FROM usuario WHERE login = '${h.MSPS}'`), before);
  assert.equal(h.num(inst, 'SELECT count(*) FROM correo'), correos + 1, 'one invitation');
  assert.equal(inst.sql('SELECT para FROM correo ORDER BY id DESC LIMIT 1'), h.MSPS_CORREO, 'at the account\'s own address');
  assert.equal(h.num(inst, "SELECT count(*) FROM correo WHERE para = 'atacante@example.co'"), 0);
  assert.equal(h.num(inst, "SELECT count(*) FROM usuario WHERE num_doc = '1010202030'"), 1, 'no second user');
  // Editing shows what the delegate typed, never the account's data, and changes only that.
  const id = assignmentOf('CC', '1010202030', entA);
  assert.equal(h.num(inst, `SELECT activo FROM rol_asignado WHERE id = ${id}`), 0);
  const page = await delA.get(`/autorizados/${id}`);
  assert.equal(page.status, 200);
  assert.equal(h.inputValue(page.text, 'correo'), 'atacante@example.co');
  assert.ok(!h.mainOf(page.text).includes(h.MSPS_CORREO), 'not the account\'s e-mail');
  const x = await delA.post(`/autorizados/${id}`, { csrf: h.csrfOf(page.text), perfil: PERFIL_CONSULTA, sede: sedesA[1], sexo: 'M',
    correo: 'atacante2@example.co', primer_nombre: 'X', segundo_nombre: '', primer_apellido: 'Y', segundo_apellido: '' });
  assert.equal(x.status, 303);
  assert.equal(inst.sql(`SELECT nombre || '|' || correo FROM usuario WHERE login = '${h.MSPS}'`), before);
  assert.equal(inst.sql(`SELECT perfil_id || '|' || sede_id FROM rol_asignado WHERE id = ${id}`), `${PERFIL_CONSULTA}|${sedesA[1]}`);
});

test('Inactivar: the person\'s open session stops working at once, login refuses them, audited; Nuevo reactivates', async () => {
  const r0 = await nuevo(delA, { num_doc: '80111222', rol: 'securityAdmin_IHCE_IPS', perfil: PERFIL_DELEGADO, correo: 'luis@clinica.example.co', primer_nombre: 'Luis', primer_apellido: 'Gómez' });
  assert.equal(r0.status, 303);
  // The person creates the password with the mailed link, which accepts the authorization.
  const set = await ch.setPassword(inst, ch.linkToken(inst, 'luis@clinica.example.co'), 'Portal-Demo-2026');
  assert.equal(set.status, 303);
  const p = await h.loginAs(inst, 'CC80111222');
  assert.equal((await p.get('/ihce')).status, 200);
  const id = assignmentOf('CC', '80111222', entA);
  assert.equal(h.num(inst, `SELECT count(*) FROM sesion WHERE rol_id = ${id}`), 1);
  const list = await delA.get('/autorizados');
  const csrf = h.csrfOf(list.text);
  const r = await delA.post(`/autorizados/${id}/inactivar`, { csrf });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/autorizados?ok=inactivado');
  const gone = await p.get('/ihce');
  assert.equal(gone.status, 303, 'the open session no longer works');
  assert.equal(gone.headers.location, '/login');
  assert.equal(h.num(inst, `SELECT count(*) FROM sesion WHERE rol_id = ${id}`), 0);
  assert.equal(h.num(inst, `SELECT activo FROM rol_asignado WHERE id = ${id}`), 0);
  assert.equal(inst.sql("SELECT login || '|' || detalle FROM auditoria WHERE accion = 'autorizado_inactivar' ORDER BY id DESC LIMIT 1"),
    `${h.DEL_LLAVES}|asignación ${id}: CC 80111222, rol securityAdmin_IHCE_IPS`);
  const again = await inst.client().login('CC80111222');
  assert.equal(again.status, 400, 'no active role: no login');
  const row = rows((await delA.get('/autorizados')).text).find((x) => x.id === id);
  assert.equal(row.cells[9], 'Inactivo');
  assert.equal(row.inactivar, false);
  assert.equal(row.reactivar, true, 'an accepted authorization, inactive, can be reactivated');
  // Inactivating twice changes nothing.
  const before = snap();
  const twice = await delA.post(`/autorizados/${id}/inactivar`, { csrf });
  assert.equal(twice.status, 409);
  assert.deepEqual(snap(), before);
  // Nuevo for the same person and role invites them again: the same assignment, active
  // once they accept (logged in: they have no other role, so only the invitation answers).
  const back = await nuevo(delA, { num_doc: '80111222', rol: 'securityAdmin_IHCE_IPS', perfil: PERFIL_DELEGADO, sede: sedesA[1] });
  assert.equal(back.status, 303);
  assert.equal(assignmentOf('CC', '80111222', entA), id, 'the same assignment');
  assert.equal(inst.sql(`SELECT activo || '|' || sede_id FROM rol_asignado WHERE id = ${id}`), `0|${sedesA[1]}`);
  const mail = ch.lastMail(inst, 'luis@clinica.example.co').cuerpo;
  const link = new RegExp(`https://localhost:${inst.port}(/invitaciones/[A-Za-z0-9_-]{43})\\n`).exec(mail)[1];
  const q = inst.client();
  assert.equal((await q.login('CC80111222')).status, 303);
  assert.equal((await q.get('/')).headers.location, '/invitaciones');
  const inv = await q.get(link);
  assert.equal((await q.post(link, { csrf: h.csrfOf(inv.text), decision: 'aceptar' })).headers.location, '/ihce');
  assert.equal(inst.sql(`SELECT activo FROM rol_asignado WHERE id = ${id}`), '1');
  assert.equal((await q.get('/ihce')).status, 200);
});

test('a delegate cannot inactivate their own authorization', async () => {
  const before = snap();
  const csrf = await delA.csrf('/autorizados');
  const r = await delA.post(`/autorizados/${ownA}/inactivar`, { csrf });
  assert.equal(r.status, 409);
  assert.match(dataK(h.mainOf(r.text), 'alerta'), /No puede inactivar la autorización con la que está trabajando/);
  assert.deepEqual(snap(), before);
  assert.equal((await delA.get('/ihce')).status, 200);
});

test('another entity\'s delegate cannot see, edit or inactivate A\'s people, nor use A\'s sedes', async () => {
  const id = assignmentOf('CC', '52123456', entA);
  const listB = await delB.get('/autorizados');
  assert.equal(listB.status, 200);
  assert.ok(!listB.text.includes('52123456'), 'A\'s person is not in B\'s list');
  assert.ok(rows(listB.text).every((x) => h.num(inst, `SELECT entidad_id FROM rol_asignado WHERE id = ${x.id}`) === entB));
  const csrf = h.csrfOf(listB.text);
  const before = snap();
  const g = await delB.get(`/autorizados/${id}`);
  assert.equal(g.status, 404);
  assert.ok(!g.text.includes('52123456') && !g.text.includes('ana.m.suarez'), 'nothing of A\'s person shows');
  for (const [path, f] of [
    [`/autorizados/${id}`, { csrf, perfil: PERFIL_DISPENSA, sede: sedesB[0], sexo: 'M', correo: 'b@ips.example.co', primer_nombre: 'B', segundo_nombre: '', primer_apellido: 'B', segundo_apellido: '' }],
    [`/autorizados/${id}`, { csrf, perfil: PERFIL_DISPENSA, sede: sedesA[0], sexo: 'M', correo: 'b@ips.example.co', primer_nombre: 'B', segundo_nombre: '', primer_apellido: 'B', segundo_apellido: '' }],
    [`/autorizados/${id}/inactivar`, { csrf }],
    [`/autorizados/${ownA}/inactivar`, { csrf }],
  ]) {
    const r = await delB.post(path, f);
    assert.equal(r.status, 404, path);
    assert.deepEqual(snap(), before, `${path}: nothing changed`);
  }
  // Ids that do not parse or do not exist look the same.
  for (const p of ['/autorizados/0', '/autorizados/abc', '/autorizados/999999', `/autorizados/${id}x`]) {
    assert.equal((await delB.get(p)).status, 404, p);
  }
  // B cannot authorize at A's sede, nor with a role B's entity type cannot assign.
  for (const [field, value] of [['sede', sedesA[0]], ['rol', 'Rol_SAT_CCF']]) {
    const r = await delB.post('/autorizados/nuevo', persona(csrf, { num_doc: '63000001', sede: sedesB[0], [field]: value }));
    assert.equal(r.status, 400);
    assert.deepEqual(h.fieldsWithErrors(r.text), [field]);
    assert.deepEqual(snap(), before);
  }
  // A still sees its person unchanged (the invitation still waiting).
  assert.equal(h.num(inst, `SELECT activo FROM rol_asignado WHERE id = ${id}`), 0);
  assert.equal(inst.sql(`SELECT estado FROM invitacion WHERE rol_id = ${id} ORDER BY id DESC LIMIT 1`), 'pendiente');
});

test('every POST refuses a missing or wrong CSRF token, nothing changed', async () => {
  const id = assignmentOf('CC', '52123456', entA);
  const csrf = await delA.csrf('/autorizados');
  const posts = [
    ['/autorizados/nuevo', persona(undefined, { num_doc: '64000001' })],
    [`/autorizados/${id}`, { perfil: PERFIL_DISPENSA, sede: sedesA[0], sexo: 'F', correo: 'c@clinica.example.co', primer_nombre: 'C', segundo_nombre: '', primer_apellido: 'C', segundo_apellido: '' }],
    [`/autorizados/${id}/inactivar`, {}],
  ];
  for (const [path, f] of posts) {
    for (const [what, tok, opts] of [['missing', undefined, {}], ['wrong', 'A'.repeat(43), {}], ['other origin', csrf, { headers: { Origin: 'https://evil.example.co' } }]]) {
      const before = snap();
      const body = { ...f };
      if (tok !== undefined) body.csrf = tok;
      else delete body.csrf;
      const r = await delA.post(path, body, opts);
      assert.equal(r.status, 403, `${path} ${what}`);
      assert.deepEqual(snap(), before, `${path} ${what}: nothing changed`);
    }
  }
  assert.equal(inst.sql(`SELECT estado FROM invitacion WHERE rol_id = ${id} ORDER BY id DESC LIMIT 1`), 'pendiente');
});

test('roles are enforced on the server: the MSPS official and the administrator get 403', async () => {
  const id = assignmentOf('CC', '52123456', entA);
  for (const who of [h.MSPS, h.ADMIN]) {
    const c = await h.loginAs(inst, who);
    for (const p of ['/autorizados', '/autorizados/nuevo', `/autorizados/${id}`]) {
      assert.equal((await c.get(p)).status, 403, `${who} GET ${p}`);
    }
    const csrf = await c.csrf(who === h.MSPS ? '/msps/asignar' : '/admin');
    assert.ok(csrf);
    for (const p of ['/autorizados/nuevo', `/autorizados/${id}`, `/autorizados/${id}/inactivar`]) {
      const before = snap();
      const r = await c.post(p, persona(csrf, { num_doc: '65000001' }));
      assert.equal(r.status, 403, `${who} POST ${p}`);
      assert.deepEqual(snap(), before);
    }
  }
  // Without a session: the login page.
  const anon = inst.client();
  const r = await anon.get('/autorizados');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login');
});

test('a person who registered but has no password yet is not this entity\'s to change: no takeover', async () => {
  // Ministry staff who registered ("Otro usuario"): no password until their link is used,
  // no role anywhere, waiting for approval.
  const ch = require('../cuentas_helpers');
  const fields = ch.otroFields({ num_doc: '71555666', correo: 'jorge.real@minsalud.example.co' });
  const { r: reg } = await ch.registrar(inst, inst.client(), fields, { path: '/registro/otro' });
  assert.equal(reg.status, 200);
  const before = inst.sql("SELECT nombre || '|' || correo || '|' || aprobacion FROM usuario WHERE num_doc = '71555666'");
  const linkBefore = ch.linkToken(inst, 'jorge.real@minsalud.example.co');
  // A provider's delegate "authorizes" that document with an e-mail of their own.
  const r = await nuevo(delA, { num_doc: '71555666', correo: 'atacante@clinica.example.co', primer_nombre: 'X', primer_apellido: 'Y' });
  assert.equal(r.status, 303);
  assert.equal(inst.sql("SELECT nombre || '|' || correo || '|' || aprobacion FROM usuario WHERE num_doc = '71555666'"), before,
    'name, e-mail and approval state untouched');
  assert.equal(h.num(inst, "SELECT count(*) FROM correo WHERE para = 'atacante@clinica.example.co'"), 0,
    'nothing mailed to the typed address');
  assert.ok(inst.correos("para = 'jorge.real@minsalud.example.co'").some((m) => m.cuerpo.includes('/clave/')));
  assert.ok(linkBefore, 'the person had a link');
});
