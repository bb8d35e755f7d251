// A newcomer finds the way (issue 12 §7): the login page explains the login formats (the
// prefixes of registration's table, the document types), and "¿Olvidó su usuario?" mails
// the logins of a document or an e-mail to the accounts' own addresses, answering the same
// whether or not anything matched, with CSRF, audited, never showing a login.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');

let inst;
const CORREO = 'marta.gil@minsalud.example.co';

before(async () => {
  inst = await startPortal();
  // One person, two accounts at the same address (written in another case the second
  // time): a funcionaria MSPS and the delegate of an IPS, both with her cédula 55500011.
  inst.portal(['user-add', 'CC55500011', 'Rol_IHCE_MSPS', '900474727', 'Marta Lucía Gil Rueda', CORREO], 'una clave larga de la operadora\n');
  inst.portal(['entidad-add', '860013572', 'IPS', 'Clínica Olvido Demo']);
  inst.portal(['user-add', 'ADMINHCEIPS860013572', 'securityAdmin_IHCE_IPS', '860013572', 'Marta Lucía Gil Rueda',
    CORREO.toUpperCase(), 'CC', '55500011'], 'una clave larga de la operadora\n');
});

after(async () => {
  if (inst) await inst.stop();
});

const ultimo = () => Number(inst.sql('SELECT coalesce(max(id), 0) FROM correo'));

// Posts dato to /usuario/olvido with a fresh client; returns { r, ms }.
async function pedir(dato, c = inst.client()) {
  const csrf = await c.csrf('/usuario/olvido');
  const t0 = process.hrtime.bigint();
  const r = await c.post('/usuario/olvido', { csrf, dato });
  return { r, ms: Number(process.hrtime.bigint() - t0) / 1e6, c };
}

test('the login page explains the logins: a delegate\'s prefix + NIT for each entity type, a person\'s document type + number; it links to ¿Olvidó su usuario?', async () => {
  const r = await inst.client().get('/login');
  assert.equal(r.status, 200);
  const main = h.mainOf(r.text);
  assert.match(main, /<h2 id="formatos-titulo">¿Cuál es mi usuario\?<\/h2>/);
  const items = (k) => [...main.matchAll(new RegExp(`<li data-k="${k}">([\\s\\S]*?)</li>`, 'g'))]
    .map((x) => h.htmlDecode(x[1].replace(/<[^>]*>/g, '')));
  const entidades = items('formato-entidad');
  assert.deepEqual(entidades, [
    'ADMINHCEIPS + NIT: Institución Prestadora de Servicios de Salud (Administración de llaves IHCE)',
    'ADMINMIPRESEPSC + NIT: EPS contributivo (MIPRES)',
    'ADMINMIPRESEPSS + NIT: EPS subsidiado (MIPRES)',
    'ADMINMIPRESET + NIT: Entidad territorial (MIPRES)',
    'ADMINMIPRESPROV + NIT: Proveedor (MIPRES)',
    'ADMINSATCCF + NIT: Caja de Compensación Familiar (Administración de servicios web (SAT))',
    'ADMINWSAP + NIT: Administradora de Pensiones (Servicios web para Administradoras de Pensiones)',
  ]);
  const docs = items('formato-documento');
  assert.deepEqual(docs, ['CC + número: Cédula de ciudadanía', 'CE + número: Cédula de extranjería', 'PA + número: Pasaporte',
    'PE + número: Permiso especial de permanencia', 'PT + número: Permiso por protección temporal']);
  assert.match(main, /sin dígito de verificación \(por ejemplo <code>ADMINHCEIPS892000501<\/code>\)/);
  assert.match(main, /<a href="\/usuario\/olvido">¿Olvidó su usuario\?<\/a>/);
  // The prefixes are the ones registration gives (the demo's logins follow them).
  for (const p of ['ADMINHCEIPS800100037', 'ADMINSATCCF892300110', 'ADMINMIPRESPROV901500013', 'ADMINMIPRESEPSC901234561']) {
    assert.ok(entidades.some((e) => p.startsWith(e.split(' ')[0])), p);
    assert.equal(inst.sql(`SELECT count(*) FROM usuario WHERE login = '${p}'`), '1', p);
  }
  // And the forgotten-password page links to it too.
  assert.match(h.mainOf((await inst.client().get('/clave/olvido')).text), /<a href="\/usuario\/olvido">¿Olvidó su usuario\?<\/a>/);
});

test('GET /usuario/olvido: one labelled field, a CSRF token, no login shown', async () => {
  const r = await inst.client().get('/usuario/olvido');
  assert.equal(r.status, 200);
  h.assertSecurityHeaders(r, '/usuario/olvido');
  const main = h.mainOf(r.text);
  assert.match(main, /<h1>¿Olvidó su usuario\?<\/h1>/);
  assert.match(main, /<label for="f-dato">Número de documento o correo electrónico<\/label>/);
  assert.ok(h.csrfOf(r.text), 'a CSRF token');
  assert.match(main, /<form method="post" action="\/usuario\/olvido" novalidate>/);
});

test('a document: each account\'s own address gets its logins and roles by mail; the page says the same as for an unknown one', async () => {
  const desde = ultimo();
  const si = await pedir('55500011');
  assert.equal(si.r.status, 303);
  assert.equal(si.r.headers.location, '/usuario/olvido?enviado=1');
  // One mail: both accounts share the address (whatever its case).
  const m = inst.correos(`id > ${desde}`);
  assert.equal(m.length, 1, JSON.stringify(m.map((x) => x.para)));
  assert.equal(m[0].para.toLowerCase(), CORREO);
  assert.equal(m[0].asunto, 'Portal de Interoperabilidad: su usuario');
  assert.match(m[0].cuerpo, /^- ADMINHCEIPS860013572: Delegado administrativo IHCE \(NIT 860013572-\d\)$/m);
  assert.match(m[0].cuerpo, /^- CC55500011: Funcionario MSPS \(NIT 900474727-\d\)$/m);
  assert.match(m[0].cuerpo, new RegExp(`Ingrese en ${inst.base.replace(/[.]/g, '\\.')}/login con uno de ellos`));
  assert.match(m[0].cuerpo, /«¿Olvidó su contraseña\?»/);
  assert.doesNotMatch(m[0].cuerpo, /Marta|Gil|Rueda|Clínica Olvido/, 'nothing typed at registration');
  // Audited per account.
  assert.equal(inst.lista(`SELECT login FROM auditoria WHERE accion = 'usuario_olvido' AND detalle = 'usuario enviado al correo de la cuenta' ORDER BY login`),
    'ADMINHCEIPS860013572,CC55500011');

  // An unknown document: the same status, the same place, nothing mailed, audited.
  const desde2 = ultimo();
  const no = await pedir('99988877766');
  assert.equal(no.r.status, si.r.status);
  assert.equal(no.r.headers.location, si.r.headers.location);
  assert.equal(no.r.text, si.r.text, 'the same body');
  assert.equal(ultimo(), desde2, 'nothing mailed');
  assert.equal(inst.sql("SELECT detalle FROM auditoria WHERE accion = 'usuario_olvido' ORDER BY id DESC LIMIT 1"), 'sin coincidencia (por documento)');
  // The notice after it is the same page either way and names no login.
  const ps = await si.c.get(si.r.headers.location);
  const pn = await no.c.get(no.r.headers.location);
  assert.equal(ps.status, 200);
  const sinToken = (x) => h.mainOf(x.text).replace(/name="csrf" value="[^"]*"/, '');
  assert.equal(sinToken(ps), sinToken(pn));
  assert.match(h.htmlDecode(h.dataKMain(ps.text, 'enviado')), /^Si el dato corresponde a una cuenta del portal, enviamos al correo electrónico registrado/);
  assert.match(ps.text, /<p class="exito" role="status" data-k="enviado">/);
  for (const x of [si.r, no.r, ps, pn]) assert.ok(!/ADMINHCEIPS860013572|CC55500011/.test(x.text), 'no login on the page');
});

test('an e-mail, in any case, finds the accounts too; a demo person with one account gets one line', async () => {
  let desde = ultimo();
  let x = await pedir('Marta.Gil@MinSalud.example.co');
  assert.equal(x.r.status, 303);
  let m = inst.correos(`id > ${desde}`);
  assert.equal(m.length, 1);
  assert.match(m[0].cuerpo, /- ADMINHCEIPS860013572: /);
  assert.match(m[0].cuerpo, /- CC55500011: /);
  // The demo's funcionaria by her document: her login with her role.
  desde = ultimo();
  x = await pedir('1010202030');
  m = inst.correos(`id > ${desde}`);
  assert.deepEqual(m.map((y) => y.para), [h.MSPS_CORREO]);
  assert.match(m[0].cuerpo, /^- CC1010202030: Funcionario MSPS \(NIT 900474727-\d\)$/m);
  // An unknown address: the same answer, nothing mailed.
  desde = ultimo();
  x = await pedir('nadie@ninguna.example.co');
  assert.equal(x.r.status, 303);
  assert.equal(x.r.headers.location, '/usuario/olvido?enviado=1');
  assert.equal(ultimo(), desde);
  assert.equal(inst.sql("SELECT detalle FROM auditoria WHERE accion = 'usuario_olvido' ORDER BY id DESC LIMIT 1"), 'sin coincidencia (por correo)');
});

test('timing: an existing and an unknown document take about as long (one write transaction each)', async () => {
  const N = 12;
  const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const si = [], no = [];
  for (let i = 0; i < N; i++) {
    si.push((await pedir('55500011')).ms);
    no.push((await pedir(String(77700000 + i))).ms);
  }
  const a = med(si), b = med(no);
  console.log(`usuario/olvido median: existing ${a.toFixed(1)} ms, unknown ${b.toFixed(1)} ms`);
  assert.ok(Math.max(a, b) / Math.min(a, b) < 3, `medians ${a} / ${b}`);
});

test('bad input: 400 with the value kept and the limits stated; no CSRF: 403; nothing mailed or audited', async () => {
  const msg = 'Escriba su número de documento (solo dígitos, de 3 a 15, sin puntos ni espacios) o el correo electrónico de su cuenta (hasta 254 caracteres).';
  for (const dato of ['', '12', '79.123.456', 'CC55500011', 'marta@', '1'.repeat(16), '<b>x</b>']) {
    const desde = ultimo();
    const audits = inst.sql("SELECT count(*) FROM auditoria WHERE accion = 'usuario_olvido'");
    const { r } = await pedir(dato);
    assert.equal(r.status, 400, dato);
    assert.deepEqual(h.fieldsWithErrors(r.text), ['dato'], dato);
    assert.equal(h.fieldError(r.text, 'dato'), msg, dato);
    assert.equal(h.inputValue(r.text, 'dato'), dato.trim(), `${dato}: kept`);
    assert.equal(ultimo(), desde);
    assert.equal(inst.sql("SELECT count(*) FROM auditoria WHERE accion = 'usuario_olvido'"), audits);
  }
  const c = inst.client();
  const csrf = await c.csrf('/usuario/olvido');
  for (const [what, body, opts] of [['missing', { dato: '55500011' }, {}], ['wrong', { csrf: 'A'.repeat(43), dato: '55500011' }, {}],
    ['other origin', { csrf, dato: '55500011' }, { headers: { Origin: 'https://evil.example.co' } }]]) {
    const desde = ultimo();
    const r = await c.post('/usuario/olvido', body, opts);
    assert.equal(r.status, 403, what);
    assert.equal(ultimo(), desde, `${what}: nothing mailed`);
  }
});
