// Registration (cgi/cuentas/registro.c): the delegado administrativo of an entity and "Otro usuario"
// (ministry staff). The success page, the generated login, the request per entity type
// (the entity and the role come with the ministry's approval: registro_aprobacion.test.js),
// the mail with the one-time link, one delegate per entity and module, every invalid field
// (400, message, values kept, nothing written), the anti-automation challenge and CSRF.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');
const k = require('../cuentas_helpers.js');

let inst;
before(async () => { inst = await startPortal(); });
after(async () => { await inst.stop(); });

// The DIAN check digit, computed here independently of cgi/core/valid.c.
function dvNit(nit) {
  const w = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  let sum = 0;
  for (let i = 0; i < nit.length; i++) sum += Number(nit[nit.length - 1 - i]) * w[i];
  const r = sum % 11;
  return r > 1 ? 11 - r : r;
}

const MSG_RETO_MAL = 'El código no coincide: escriba el de la nueva imagen (o responda la nueva pregunta).';

test('the login page links to registration and to the forgotten-password page', async () => {
  const r = await inst.client().get('/login');
  assert.match(h.mainOf(r.text), /<a href="\/registro">Registrar usuario<\/a>/);
  assert.match(h.mainOf(r.text), /<a href="\/clave\/olvido">¿Olvidó su contraseña\?<\/a>/);
});

test('GET /registro: every field, the seven entity types, the challenge image and its text alternative', async () => {
  const c = inst.client();
  const r = await c.get('/registro');
  assert.equal(r.status, 200);
  h.assertSecurityHeaders(r, '/registro');
  const main = h.mainOf(r.text);
  assert.match(main, /<form method="post" action="\/registro" enctype="multipart\/form-data"/);
  for (const f of ['modulo', 'tipo_entidad', 'nit', 'razon_social', 'tipo_doc', 'num_doc', 'primer_nombre', 'segundo_nombre', 'primer_apellido', 'segundo_apellido', 'correo', 'carta', 'reto', 'acepta_confidencialidad']) {
    assert.match(main, new RegExp(`name="${f}"`), f);
    assert.match(main, new RegExp(`id="f-${f}"`), `${f} has a label target`);
  }
  const opts = [.../<select[^>]*name="tipo_entidad"[^>]*>([\s\S]*?)<\/select>/.exec(main)[1]
    .matchAll(/<option value="([^"]+)">([^<]*)<\/option>/g)].map((m) => `${m[1]}=${m[2]}`);
  assert.deepEqual(opts, ['IPS=Institución Prestadora de Servicios de Salud', 'EPSC=EPS contributivo',
    'EPSS=EPS subsidiado', 'ET=Entidad territorial', 'PROV=Proveedor',
    'CCF=Caja de Compensación Familiar', 'AP=Administradora de Pensiones']);
  // The module is chosen explicitly, among the four.
  const mods = [.../<select[^>]*name="modulo"[^>]*>([\s\S]*?)<\/select>/.exec(main)[1]
    .matchAll(/<option value="([^"]+)">([^<]*)<\/option>/g)].map((m) => m[1]);
  assert.deepEqual(mods, ['IHCE', 'MIPRES', 'SAT', 'AP']);
  // The names in four labelled fields, the second ones optional.
  for (const [f, l] of [['primer_nombre', 'Primer nombre'], ['segundo_nombre', 'Segundo nombre (opcional)'], ['primer_apellido', 'Primer apellido'], ['segundo_apellido', 'Segundo apellido (opcional)']]) {
    assert.match(main, new RegExp(`<label for="f-${f}">${l.replace(/[()]/g, '\\$&')}</label>`), f);
  }
  assert.match(main, /acuerdo de confidencialidad/i);
  const ch = k.retoOf(inst, r.text);
  assert.match(ch.codigo, /^[A-Z0-9]{6}$/);
  assert.match(main, new RegExp(`<img class="reto" src="/registro/reto/${ch.id}"[^>]*alt="[^"]+"`));
  assert.match(h.dataKMain(r.text, 'pregunta'), /^¿Cuánto es [a-z]+ más [a-z]+\? Escriba el resultado en números\.$/);
  // The image is a PNG drawn by the portal itself (no outside service).
  const img = await c.get(`/registro/reto/${ch.id}`);
  assert.equal(img.status, 200);
  assert.equal(img.headers['content-type'], 'image/png');
  assert.equal(img.headers['cache-control'], 'no-store');
  assert.ok(img.text.startsWith('\uFFFDPNG'), 'PNG signature');
  assert.equal((await c.get('/registro/reto/' + 'A'.repeat(43))).status, 404);
  // Links may lead out (the GOV.CO bar to www.gov.co); nothing the page loads comes from outside.
  assert.doesNotMatch(r.text, /(?:src|action|srcset)="https?:\/\/(?!localhost)|<link[^>]*href="https?:\/\/(?!localhost)/i, 'no outside resource on the page');
});

test('a delegate of a new IPS registers: Registro satisfactorio, login ADMINHCEIPS+NIT, a request waiting with its letter, a mail with a one-time link; the entity and the role come with the approval', async () => {
  const f = k.delegadoFields({ correo: 'delegada.nueva@clinica.example.co', num_doc: '1020304050' });
  const antes = Number(inst.sql('SELECT count(*) FROM entidad'));
  const { r } = await k.registrar(inst, inst.client(), f);
  assert.equal(r.status, 200, r.text.slice(0, 300));
  const main = h.mainOf(r.text);
  assert.match(main, /<h1>Registro satisfactorio<\/h1>/);
  const login = `ADMINHCEIPS${f.nit}`;
  assert.equal(h.dataKMain(r.text, 'login'), login);
  assert.equal(h.dataKMain(r.text, 'documento'), 'CC 1020304050');
  assert.equal(h.dataKMain(r.text, 'correo'), f.correo);
  // The entity by its razón social (issue 12: not its type), its NIT and the module.
  assert.equal(h.htmlDecode(h.dataKMain(r.text, 'entidad_registrada')), f.razon_social);
  assert.equal(h.dataKMain(r.text, 'nit_registrado'), `${f.nit}-${dvNit(f.nit)}`);
  assert.match(h.htmlDecode(h.dataKMain(r.text, 'modulo_registrado')), /^Administración de llaves IHCE/);
  assert.match(h.dataKMain(r.text, 'nota'), /^Su solicitud quedó pendiente: un funcionario del Ministerio revisará la carta de designación/);
  assert.equal(r.headers['cache-control'], 'no-store');
  // No entity and no role yet: a request, with the razón social typed and the letter.
  assert.equal(Number(inst.sql('SELECT count(*) FROM entidad')), antes);
  assert.equal(inst.sql(`SELECT count(*) FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${login}'`), '0');
  assert.equal(inst.sql(`SELECT d.estado || '|' || d.nit || '|' || d.tipo || '|' || d.rol || '|' || d.razon_social || '|' || CASE WHEN d.entidad_id IS NULL THEN 1 ELSE 0 END || '|' || d.carta_nombre || '|' || length(d.carta) FROM solicitud_delegado d JOIN usuario u ON u.id = d.usuario_id WHERE u.login = '${login}'`),
    `pendiente|${f.nit}|IPS|securityAdmin_IHCE_IPS|${f.razon_social}|1|carta-designacion.pdf|${k.pdf().length}`);
  // The user, without a password yet.
  assert.equal(inst.sql(`SELECT nombre || '|' || correo || '|' || tipo_doc || '|' || num_doc || '|' || CASE WHEN pass_hash IS NULL THEN 1 ELSE 0 END || '|' || coalesce(aprobacion, '-') FROM usuario WHERE login = '${login}'`),
    `Ana María Pérez Gómez|${f.correo}|CC|1020304050|1|-`);
  // The name's four parts as typed.
  assert.equal(inst.sql(`SELECT primer_nombre || '|' || segundo_nombre || '|' || primer_apellido || '|' || segundo_apellido FROM usuario WHERE login = '${login}'`),
    'Ana|María|Pérez|Gómez');
  // The mail: login, the NIT with its check digit, the link, the pending state; nothing
  // typed (names, razón social); the link's token is stored only hashed.
  const m = k.lastMail(inst, f.correo);
  assert.match(m.asunto, /asigne su contraseña/);
  assert.match(m.cuerpo, new RegExp(`Usuario: ${login}\\n`));
  assert.match(m.cuerpo, new RegExp(`NIT ${f.nit}-${dvNit(f.nit)}\\n`));
  assert.match(m.cuerpo, /La solicitud queda pendiente hasta que un funcionario del Ministerio revise la carta/);
  for (const typed of [f.primer_nombre, f.segundo_nombre, f.primer_apellido, f.segundo_apellido, f.razon_social, f.num_doc]) assert.ok(!m.cuerpo.includes(typed), typed);
  const tok = k.linkToken(inst, f.correo);
  assert.equal(inst.sql(`SELECT count(*) FROM enlace_clave WHERE token_hash = ${inst.blob(k.sha256(tok))} AND proposito = 'activar' AND usado IS NULL AND expira - creado = 86400`), '1');
  assert.equal(inst.sql(`SELECT count(*) FROM enlace_clave WHERE ${inst.hex('token_hash')} LIKE '%${Buffer.from(tok).toString('hex').toUpperCase().slice(0, 20)}%'`), '0');
  // Audited, and no session was started.
  assert.match(inst.sql(`SELECT accion || '|' || detalle FROM auditoria WHERE login = '${login}'`),
    new RegExp(`^registro_delegado\\|solicitud \\d+ entidad ${f.nit} tipo IPS rol securityAdmin_IHCE_IPS: pendiente de aprobación$`));
  assert.equal([].concat(r.headers['set-cookie'] || []).some((x) => x.startsWith('__Host-sid=')), false);
  // The password can be set, but the login shows only the waiting request.
  const set = await k.setPassword(inst, tok, 'una frase larga de la delegada');
  assert.equal(set.status, 303);
  const c = inst.client();
  assert.equal((await c.login(login, 'una frase larga de la delegada')).status, 403);
  assert.equal((await c.get('/ihce')).status, 303);
  // Once a funcionario MSPS approves it, the delegate enters the IHCE pages with the entity
  // (created now, with the razón social typed) in the header.
  await k.aprobar(inst, login);
  assert.equal(Number(inst.sql('SELECT count(*) FROM entidad')), antes + 1);
  assert.equal(inst.sql(`SELECT razon_social || '|' || tipo FROM entidad WHERE nit = '${f.nit}'`), `${f.razon_social}|IPS`);
  assert.equal(inst.sql(`SELECT r.rol || '|' || e.nit FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id JOIN entidad e ON e.id = r.entidad_id WHERE u.login = '${login}'`),
    `securityAdmin_IHCE_IPS|${f.nit}`);
  assert.equal((await c.login(login, 'una frase larga de la delegada')).status, 303);
  const home = await c.get('/ihce');
  assert.equal(home.status, 200);
  assert.equal(h.dataKAll(home.text, 'nit')[0], `${f.nit}-${dvNit(f.nit)}`);
  assert.equal(h.htmlDecode(h.dataKAll(home.text, 'entidad')[0]), f.razon_social);
});

test('each entity type gets its own login prefix and the role of its module', async () => {
  const want = { EPSC: ['ADMINMIPRESEPSC', 'securityAdmin_MIPRES_EPSC', 'MIPRES'], EPSS: ['ADMINMIPRESEPSS', 'securityAdmin_MIPRES_EPSS', 'MIPRES'],
    ET: ['ADMINMIPRESET', 'securityAdmin_MIPRES_ET', 'MIPRES'], PROV: ['ADMINMIPRESPROV', 'securityAdmin_MIPRES_PROV', 'MIPRES'],
    CCF: ['ADMINSATCCF', 'securityAdmin_SAT_CCF', 'SAT'], AP: ['ADMINWSAP', 'securityAdmin_WS_AP', 'AP'] };
  for (const [tipo, [prefijo, rol, modulo]] of Object.entries(want)) {
    const f = k.delegadoFields({ modulo, tipo_entidad: tipo, razon_social: `Entidad ${tipo} de prueba` });
    const { r } = await k.registrar(inst, inst.client(), f);
    assert.equal(r.status, 200, tipo);
    assert.equal(h.dataKMain(r.text, 'login'), prefijo + f.nit, tipo);
    assert.equal(inst.sql(`SELECT d.tipo || '|' || d.rol || '|' || d.estado FROM usuario u JOIN solicitud_delegado d ON d.usuario_id = u.id WHERE u.login = '${prefijo + f.nit}'`), `${tipo}|${rol}|pendiente`);
  }
});

test('a second delegate for the same entity and module gets a clear 409 and nothing is written', async () => {
  const f = k.delegadoFields();
  assert.equal((await k.registrar(inst, inst.client(), f)).r.status, 200);
  await k.aprobar(inst, `ADMINHCEIPS${f.nit}`);
  const cases = [
    ['the same registration again', { ...f, razon_social: '', num_doc: '11223344', correo: 'otra.persona@clinica.example.co' }],
    ['a demo IPS that already has its delegate', k.delegadoFields({ nit: '800100000', razon_social: '' })],
  ];
  for (const [what, fields] of cases) {
    const before = k.cuentasSnapshot(inst);
    const { r } = await k.registrar(inst, inst.client(), fields);
    assert.equal(r.status, 409, what);
    assert.match(k.failOf(r.text), /^La entidad ya tiene un delegado administrativo registrado para este módulo\./, what);
    assert.equal(h.inputValue(r.text, 'num_doc'), fields.num_doc, `${what}: values kept`);
    assert.deepEqual(k.cuentasSnapshot(inst), before, `${what}: nothing written`);
  }
});

test('an entity registered without a delegate: the delegate registers without razón social, and only with its own type', async () => {
  const nit = k.nuevoNit();
  inst.portal(['entidad-add', nit, 'EPSC', 'EPS Registrada Antes']);
  const before = k.cuentasSnapshot(inst);
  let { r } = await k.registrar(inst, inst.client(), k.delegadoFields({ nit, modulo: 'IHCE', tipo_entidad: 'IPS', razon_social: '' }));
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'tipo_entidad'), /ya está registrado con otro tipo de entidad/);
  assert.deepEqual(k.cuentasSnapshot(inst), before, 'nothing written');
  ({ r } = await k.registrar(inst, inst.client(), k.delegadoFields({ nit, modulo: 'MIPRES', tipo_entidad: 'EPSC', razon_social: '' })));
  assert.equal(r.status, 200);
  // The success page names the entity as the portal knows it (the typed razón social
  // was empty).
  assert.equal(h.htmlDecode(h.dataKMain(r.text, 'entidad_registrada')), 'EPS Registrada Antes');
  assert.equal(inst.sql(`SELECT CASE WHEN d.entidad_id = e.id THEN 1 ELSE 0 END || '|' || CASE WHEN d.razon_social IS NULL THEN 1 ELSE 0 END FROM solicitud_delegado d JOIN entidad e ON e.nit = d.nit WHERE d.nit = '${nit}'`), '1|1',
    'the request names the registered entity');
  await k.aprobar(inst, `ADMINMIPRESEPSC${nit}`);
  assert.equal(inst.sql(`SELECT count(*) || '|' || max(razon_social) FROM entidad WHERE nit = '${nit}'`), '1|EPS Registrada Antes');
});

test('every invalid field: 400, its message, the values kept, nothing written', async () => {
  const cases = [
    ['nit', { nit: '800.100.000' }, 'Escriba solo los dígitos del NIT: sin puntos, comas, guiones ni espacios, y sin dígito de verificación.'],
    ['nit', { nit: '800100000-1' }, 'Escriba solo los dígitos del NIT: sin puntos, comas, guiones ni espacios, y sin dígito de verificación.'],
    ['nit', { nit: '800,100,000' }, 'Escriba solo los dígitos del NIT: sin puntos, comas, guiones ni espacios, y sin dígito de verificación.'],
    ['nit', { nit: '800 100 000' }, 'Escriba solo los dígitos del NIT: sin puntos, comas, guiones ni espacios, y sin dígito de verificación.'],
    ['nit', { nit: '80010000' }, 'Escriba los 9 dígitos del NIT, sin dígito de verificación.'],
    ['nit', { nit: '8001000001' }, 'Escriba los 9 dígitos del NIT, sin dígito de verificación.'],
    ['nit', { nit: 'ABC100000' }, 'Escriba los 9 dígitos del NIT, sin dígito de verificación.'],
    ['tipo_entidad', { tipo_entidad: '' }, 'Seleccione el tipo de entidad.'],
    ['tipo_entidad', { tipo_entidad: 'MSPS' }, 'Seleccione el tipo de entidad.'],
    ['razon_social', { razon_social: 'x'.repeat(201) }, 'La razón social puede tener hasta 200 caracteres.'],
    ['razon_social', { razon_social: '' }, 'Escriba la razón social: la entidad aún no está registrada.'],
    ['tipo_doc', { tipo_doc: 'XX' }, 'Seleccione el tipo de identificación.'],
    ['num_doc', { num_doc: '79.123.456' }, 'Escriba solo dígitos: sin puntos, comas, guiones ni espacios.'],
    ['num_doc', { num_doc: '79 123 456' }, 'Escriba solo dígitos: sin puntos, comas, guiones ni espacios.'],
    ['num_doc', { num_doc: '12' }, 'Escriba el número de documento: de 3 a 15 dígitos.'],
    ['num_doc', { num_doc: 'AB123456' }, 'Escriba el número de documento: de 3 a 15 dígitos.'],
    ['primer_nombre', { primer_nombre: '   ' }, "Escriba el primer nombre: solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres."],
    ['primer_nombre', { primer_nombre: 'Ana www.premio.example' }, "Escriba el primer nombre: solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres."],
    ['segundo_nombre', { segundo_nombre: 'M4ría' }, "El segundo nombre admite solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres; déjelo vacío si no tiene."],
    ['primer_apellido', { primer_apellido: undefined }, "Escriba el primer apellido: solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres."],
    ['segundo_apellido', { segundo_apellido: 'G'.repeat(61) }, "El segundo apellido admite solo letras, espacios, apóstrofo (') y guion (-), máximo 60 caracteres; déjelo vacío si no tiene."],
    ['modulo', { modulo: '' }, 'Seleccione el módulo en el que se registra como delegado.'],
    ['modulo', { modulo: 'OTRO' }, 'Seleccione el módulo en el que se registra como delegado.'],
    ['tipo_entidad', { modulo: 'SAT' }, 'En el módulo elegido se registran solo estos tipos de entidad: «Caja de Compensación Familiar». Seleccione uno de ellos, o el módulo que corresponde a su entidad.'],
    ['tipo_entidad', { modulo: 'MIPRES', tipo_entidad: 'CCF' }, 'En el módulo elegido se registran solo estos tipos de entidad: «EPS contributivo», «EPS subsidiado», «Entidad territorial», «Proveedor». Seleccione uno de ellos, o el módulo que corresponde a su entidad.'],
    ['correo', { correo: 'ana.perez@' }, 'Escriba un correo válido, por ejemplo nombre@entidad.gov.co.'],
    ['correo', { correo: 'ana perez@clinica.co' }, 'Escriba un correo válido, por ejemplo nombre@entidad.gov.co.'],
    ['acepta_confidencialidad', { acepta_confidencialidad: undefined }, 'Debe aceptar el acuerdo de confidencialidad para registrarse.'],
  ];
  for (const [field, over, msg] of cases) {
    const what = `${field}=${JSON.stringify(over[field])}`;
    const f = k.delegadoFields(over);
    const before = k.cuentasSnapshot(inst);
    const { r } = await k.registrar(inst, inst.client(), f);
    assert.equal(r.status, 400, what);
    assert.deepEqual(h.fieldsWithErrors(r.text), [field], `${what}: only that field is marked`);
    assert.equal(h.fieldError(r.text, field), msg, what);
    for (const t of ['nit', 'razon_social', 'num_doc', 'primer_nombre', 'segundo_nombre', 'primer_apellido', 'segundo_apellido', 'correo']) {
      if (f[t] !== undefined) assert.equal(h.inputValue(r.text, t), f[t].trim(), `${what}: ${t} kept`);
    }
    if (field !== 'tipo_entidad' || over.modulo) assert.equal(k.selectedOf(r.text, 'tipo_entidad'), f.tipo_entidad, `${what}: tipo kept`);
    if (field !== 'modulo') assert.equal(k.selectedOf(r.text, 'modulo'), f.modulo, `${what}: module kept`);
    if (field !== 'tipo_doc') assert.equal(k.selectedOf(r.text, 'tipo_doc'), f.tipo_doc, `${what}: tipo_doc kept`);
    assert.equal(h.isChecked(r.text, 'acepta_confidencialidad'), f.acepta_confidencialidad === 'si', `${what}: checkbox kept`);
    assert.equal(h.inputValue(r.text, 'reto'), '', `${what}: the old answer is not kept`);
    assert.ok(k.retoOf(inst, r.text), `${what}: a new challenge`);
    assert.deepEqual(k.cuentasSnapshot(inst), before, `${what}: nothing written`);
  }
});

test('the challenge: a wrong or missing answer is refused, an answer works once, the text question is accepted', async () => {
  let before = k.cuentasSnapshot(inst);
  const f = k.delegadoFields();
  let { r } = await k.registrar(inst, inst.client(), f, { reto: (ch) => ch.codigo === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA' });
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text), ['reto']);
  assert.equal(h.fieldError(r.text, 'reto'), MSG_RETO_MAL);
  assert.equal(h.inputValue(r.text, 'nit'), f.nit);
  assert.deepEqual(k.cuentasSnapshot(inst), before, 'wrong answer: nothing written');

  ({ r } = await k.registrar(inst, inst.client(), f, { reto: '' }));
  assert.equal(r.status, 400);
  assert.equal(h.fieldError(r.text, 'reto'), 'Escriba el código de la imagen o la respuesta a la pregunta.');

  // A challenge answered once (here with another field wrong) cannot be answered again.
  const c = inst.client();
  const page = await c.get('/registro');
  const ch = k.retoOf(inst, page.text);
  const body = { csrf: h.csrfOf(page.text), reto_id: ch.id, reto: ch.codigo, ...f };
  const carta = { carta: k.carta() };
  r = await c.postMultipart('/registro', { ...body, correo: 'malo' }, carta);
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text), ['correo']);
  r = await c.postMultipart('/registro', body, carta);
  assert.equal(r.status, 400, 'the same challenge a second time');
  assert.equal(h.fieldError(r.text, 'reto'), MSG_RETO_MAL);
  // A challenge older than 30 minutes is refused.
  const p2 = await c.get('/registro');
  const ch2 = k.retoOf(inst, p2.text);
  inst.sql(`UPDATE reto SET creado = creado - 1801 WHERE id_hash = ${inst.blob(k.sha256(ch2.id))}`);
  r = await c.postMultipart('/registro', { ...body, csrf: h.csrfOf(p2.text), reto_id: ch2.id, reto: ch2.codigo }, carta);
  assert.equal(r.status, 400, 'expired challenge');
  assert.equal(h.fieldError(r.text, 'reto'), MSG_RETO_MAL);
  assert.deepEqual(k.cuentasSnapshot(inst), before, 'nothing written');

  // The text alternative's answer, and the code in lower case with blanks, both work.
  ({ r } = await k.registrar(inst, inst.client(), f, { reto: (x) => x.respuesta }));
  assert.equal(r.status, 200, 'text alternative');
  ({ r } = await k.registrar(inst, inst.client(), k.delegadoFields(), { reto: (x) => ` ${x.codigo.slice(0, 3).toLowerCase()} ${x.codigo.slice(3)} ` }));
  assert.equal(r.status, 200, 'code typed in lower case with blanks');
});

test('"Otro usuario": login CC+number, waiting for approval, a link by mail and a notice to the administrators', async () => {
  const f = k.otroFields({ tipo_doc: 'CE', num_doc: '456789', correo: 'funcionaria.nueva@minsalud.example.co' });
  const adminMails = Number(inst.sql("SELECT count(*) FROM correo WHERE para = 'carlos.ruiz@minsalud.example.co'"));
  const page = await inst.client().get('/registro/otro');
  assert.equal(page.status, 200);
  assert.doesNotMatch(h.mainOf(page.text), /name="nit"/);
  const { r } = await k.registrar(inst, inst.client(), f, { path: '/registro/otro' });
  assert.equal(r.status, 200);
  assert.match(h.mainOf(r.text), /Registro satisfactorio/);
  assert.equal(h.dataKMain(r.text, 'login'), 'CE456789');
  assert.equal(h.dataKMain(r.text, 'documento'), 'CE 456789');
  assert.match(h.dataKMain(r.text, 'nota'), /administrador del Ministerio/);
  assert.equal(inst.sql("SELECT aprobacion || '|' || activo || '|' || CASE WHEN pass_hash IS NULL THEN 1 ELSE 0 END FROM usuario WHERE login = 'CE456789'"), 'pendiente|1|1');
  assert.equal(inst.sql("SELECT count(*) FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = 'CE456789'"), '0');
  assert.ok(k.linkToken(inst, f.correo));
  assert.equal(Number(inst.sql("SELECT count(*) FROM correo WHERE para = 'carlos.ruiz@minsalud.example.co'")), adminMails + 1);
  assert.equal(inst.sql("SELECT accion FROM auditoria WHERE login = 'CE456789'"), 'registro_otro');
  // The same document again: the same page (the form does not tell who has an account),
  // no account, nothing to the address typed; the account's own address is told, audited.
  const before = k.cuentasSnapshot(inst);
  const again = await k.registrar(inst, inst.client(), { ...f, correo: 'otra@minsalud.example.co' }, { path: '/registro/otro' });
  assert.equal(again.r.status, 200);
  assert.match(h.mainOf(again.r.text), /Registro satisfactorio/);
  assert.equal(h.dataKMain(again.r.text, 'login'), 'CE456789');
  // Taken before reading the mail: each reading (portal correo-ver) is audited too.
  const after = k.cuentasSnapshot(inst);
  assert.equal(k.lastMail(inst, 'otra@minsalud.example.co'), null, 'nothing to the address typed');
  const aviso = k.lastMail(inst, f.correo);
  assert.match(aviso.asunto, /intento de registro con su documento/);
  assert.match(aviso.cuerpo, /No se creó ninguna cuenta/);
  assert.doesNotMatch(aviso.cuerpo, /\/clave\//, 'no password link in the notice');
  const { auditoria: a0, correo: c0, envios: e0, ...resto0 } = before;
  const { auditoria: a1, correo: c1, envios: e1, ...resto1 } = after;
  assert.deepEqual(resto1, resto0, 'no account, role or link');
  assert.deepEqual([Number(a1) - Number(a0), Number(c1) - Number(c0), Number(e1) - Number(e0)], [1, 1, 1],
    'the notice, its audit entry, and one registration of the hourly cap');
  assert.equal(inst.sql("SELECT count(*) FROM usuario WHERE login = 'CE456789'"), '1');
  assert.equal(inst.sql("SELECT count(*) FROM auditoria WHERE accion = 'registro_otro_repetido' AND login = 'CE456789'"), '1');
  // An invalid field of this form: 400, message, values kept.
  const antesMal = k.cuentasSnapshot(inst);
  const bad = await k.registrar(inst, inst.client(), { ...k.otroFields(), num_doc: '1.234.567' }, { path: '/registro/otro' });
  assert.equal(bad.r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(bad.r.text), ['num_doc']);
  assert.equal(h.inputValue(bad.r.text, 'num_doc'), '1.234.567');
  assert.deepEqual(k.cuentasSnapshot(inst), antesMal);
});

test('both registration POSTs refuse a missing or foreign CSRF token, and write nothing', async () => {
  for (const [path, fields] of [['/registro', k.delegadoFields()], ['/registro/otro', k.otroFields()]]) {
    const other = await inst.client().csrf(path);
    for (const [what, tok] of [['no token', undefined], ['token of another visitor', other]]) {
      const c = inst.client();
      const page = await c.get(path);
      const ch = k.retoOf(inst, page.text);
      const before = k.cuentasSnapshot(inst);
      const body = { reto_id: ch.id, reto: ch.codigo, ...fields };
      if (tok !== undefined) body.csrf = tok;
      const r = await c.post(path, body);
      assert.equal(r.status, 403, `${path}: ${what}`);
      assert.deepEqual(k.cuentasSnapshot(inst), before, `${path}: ${what}: nothing written`);
    }
  }
});
