// SAT, the CCF autorizado's side: "Información del servicio" (the service of its own entity,
// the documentation rendered server-side from the OpenAPI document, escaped) and
// "Asignar contraseña" (the entity's connection password, scrypt, audited without it).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, csrfOf, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');

const CCF_A = 'CC1020300010';	// Caja Andina, 892300110
const CCF_B = 'CC1020300020';	// Caja del Litoral, 892300220

let inst, a, b;
before(async () => {
  inst = await startPortal();
  a = await h.loginAs(inst, CCF_A);
  b = await h.loginAs(inst, CCF_B);
  for (const c of [a, b]) {
    const r = await c.get('/sat/terminos');
    assert.equal((await c.post('/sat/terminos', { csrf: csrfOf(r.text), decision: 'acepto' })).status, 303);
  }
});
after(async () => { if (inst) await inst.stop(); });

const asignados = (nit) => inst.rows(`SELECT a.id, s.nombre, a.client_id FROM servicio_asignado a JOIN servicio s ON s.id = a.servicio_id JOIN entidad e ON e.id = a.entidad_id WHERE e.nit = '${nit}' ORDER BY a.id`);
const clave = (nit) => inst.rows(`SELECT s.clave, s.clave_fecha, u.login FROM sat_entidad s JOIN entidad e ON e.id = s.entidad_id LEFT JOIN usuario u ON u.id = s.clave_por WHERE e.nit = '${nit}'`)[0];

test('the menu lists the services of the entity and each opens its documentation', async () => {
  const mine = asignados('892300110');
  assert.equal(mine.length, 3);
  let r = await a.get('/sat');
  assert.deepEqual(h.dataKAll(r.text, 'nombre').sort(), mine.map((s) => s.nombre).sort());
  const afiliados = mine.find((s) => s.nombre === 'Consulta de afiliados SAT');
  r = await a.get(`/sat/servicios/${afiliados.id}`);
  assert.equal(r.status, 200);
  const main = h.mainOf(r.text);
  assert.equal(dataK(main, 'nombre'), 'Consulta de afiliados SAT');
  assert.equal(dataK(main, 'client-id'), afiliados.client_id);
  assert.match(main, /data-copy="client-id"/, 'a copy button');
  assert.equal(dataK(main, 'estado'), 'Activo');
  assert.equal(dataK(main, 'url'), 'https://sat.minsalud.gov.co/api/v1/afiliados');
  assert.equal(dataK(main, 'metodo'), 'GET');
  assert.equal(dataK(main, 'usuario'), '892300110');
  // The operation, its parameters (path item's and own), the response schema with the
  // $ref resolved and nested rows, and the example pretty-printed.
  assert.deepEqual(h.dataKAll(main, 'op-metodo'), ['GET']);
  assert.deepEqual(h.dataKAll(main, 'op-ruta'), ['/afiliados/{tipoDocumento}/{numeroDocumento}']);
  assert.match(main, /Consultar un afiliado/);
  const params = [...main.matchAll(/<tr data-k="param"><td><code>([^<]*)<\/code><\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)]
    .map((m) => m.slice(1).map(h.htmlDecode));
  assert.deepEqual(params, [
    ['fechaCorte', 'query', 'No', 'string (date)'],
    ['tipoDocumento', 'path', 'Sí', 'TipoDocumento'],
    ['numeroDocumento', 'path', 'Sí', 'string'],
  ]);
  const props = [...main.matchAll(/<tr data-k="prop" class="nivel-(\d)"><td><code>([^<]*)<\/code><\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)]
    .map((m) => [m[2], h.htmlDecode(m[3]), m[4], m[1]]);
  assert.deepEqual(props.find((p) => p[0] === 'estado'), ['estado', 'string: "Activo", "Suspendido", "Retirado"', 'Sí', '0']);
  assert.deepEqual(props.find((p) => p[0] === 'caja.nit'), ['caja.nit', 'string', 'Sí', '1']);
  assert.deepEqual(props.find((p) => p[0] === 'beneficiarios[].parentesco').slice(2), ['No', '1']);
  assert.deepEqual(h.dataKAll(main, 'resp-codigo'), ['200', '404', '401']);
  const ejemplos = h.dataKAll(main, 'ejemplo').map(h.htmlDecode);
  assert.ok(ejemplos.some((e) => e.includes('\n  "numeroDocumento": "1020304050",')), 'pretty-printed');
  assert.ok(ejemplos.some((e) => e.includes('AFI-404')), 'the $ref response example');

  // A request body (OpenAPI 3) and the OpenAPI 2 body parameter.
  const nov = mine.find((s) => s.nombre === 'Novedades de afiliación');
  r = await a.get(`/sat/servicios/${nov.id}`);
  assert.deepEqual(h.dataKAll(r.text, 'op-metodo'), ['POST', 'GET']);
  assert.match(r.text, /Cuerpo de la petición \(requerido\)/);
  assert.match(r.text, /<code>afiliado\.numeroDocumento<\/code>/);
  assert.match(r.text, /Ingreso de un trabajador/);
  const sub = mine.find((s) => s.nombre === 'Reporte de subsidio familiar');
  r = await a.get(`/sat/servicios/${sub.id}`);
  assert.match(r.text, /OpenAPI 2\.0/);
  assert.match(r.text, /<code>registros\[\]\.valor<\/code>/);
  assert.match(h.dataKAll(r.text, 'ejemplo').map(h.htmlDecode).join(), /"valor": 52000/);
});

test('the document\'s text is escaped: a <script> in it comes out as text', async () => {
  const [s] = asignados('892300110');
  const evil = JSON.stringify({ openapi: '3.0.3',
    info: { title: '<script>alert(1)</script>', version: '1', description: '<img src=x onerror=alert(2)>' },
    paths: { '/x"><script>alert(3)</script>': { get: { summary: '<script>alert(4)</script>',
      responses: { 200: { description: '<b>ok</b>', content: { 'application/json': {
        example: { v: '</pre><script>alert(5)</script>' } } } } } } } } });
  inst.sql(`UPDATE servicio SET openapi = '${evil.replace(/'/g, "''")}' WHERE nombre = '${s.nombre}'`);
  const r = await a.get(`/sat/servicios/${s.id}`);
  assert.equal(r.status, 200);
  const main = h.mainOf(r.text);
  assert.doesNotMatch(main, /<script|<img|<b>ok/);
  assert.match(main, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(main, /&lt;script&gt;alert\(4\)/);
  assert.match(main, /&lt;\/pre&gt;&lt;script&gt;alert\(5\)/);
  assert.equal(h.htmlDecode(dataK(main, 'doc-titulo')), '<script>alert(1)</script>');
});

test('schemas that fan out through allOf (issue 11): each $ref merged once; a document stored before the budget shows what fits', async () => {
  const [s] = asignados('892300110');
  const guardar = (d) => inst.sql(`UPDATE servicio SET openapi = '${JSON.stringify(d)}' WHERE nombre = '${s.nombre}'`);
  // Each schema names the next 16 times: 16^7 merges before, 8 rows now.
  guardar(h.openapiAllOf(true));
  let r = await a.get(`/sat/servicios/${s.id}`);
  assert.equal(r.status, 200);
  const filas = h.dataKAll(h.mainOf(r.text), 'prop').map((x) => x.replace(/<[^>]*>/g, ''));
  assert.deepEqual(filas.sort(), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
  assert.equal(dataK(r.text, 'doc-incompleta'), null);
  // 16 different schemas per level (upload refuses it; sat_msps.test.js): the page stops at
  // the budget and says so.
  guardar(h.openapiAllOf(false));
  r = await a.get(`/sat/servicios/${s.id}`);
  assert.equal(r.status, 200);
  assert.match(dataK(r.text, 'doc-incompleta'), /demasiado extenso para mostrarlo completo/);
});

test('an entity never sees another entity\'s services, nor a disabled one', async () => {
  const ajenos = asignados('892300110');
  for (const s of ajenos) {
    const r = await b.get(`/sat/servicios/${s.id}`);
    assert.equal(r.status, 404, `${s.nombre} of Caja Andina`);
    assert.doesNotMatch(r.text, new RegExp(s.client_id));
  }
  const [suyo] = asignados('892300220');
  assert.equal((await b.get(`/sat/servicios/${suyo.id}`)).status, 200);
  assert.equal((await a.get(`/sat/servicios/${suyo.id}`)).status, 404, 'and the other way round');
  for (const p of ['/sat/servicios/0', '/sat/servicios/99999', '/sat/servicios/abc', '/sat/servicios/-1']) {
    assert.equal((await b.get(p)).status, 404, p);
  }
  inst.sql(`UPDATE servicio_asignado SET activo = 0 WHERE id = ${suyo.id}`);
  assert.equal((await b.get(`/sat/servicios/${suyo.id}`)).status, 404, 'disabled');
  inst.sql(`UPDATE servicio_asignado SET activo = 1 WHERE id = ${suyo.id}`);
  // Other roles and a closed module.
  const ips = await h.loginAs(inst, h.DEL_LLAVES);
  assert.equal((await ips.get(`/sat/servicios/${suyo.id}`)).status, 403);
  assert.equal((await ips.get('/sat/clave')).status, 403);
  const llano = await h.loginAs(inst, 'CC1020300030');
  const r = await llano.get(`/sat/servicios/${suyo.id}`);
  assert.equal(r.status, 403);
  assert.ok(dataK(r.text, 'sat-inactiva') !== null);
  assert.equal((await llano.get('/sat/clave')).status, 403);
});

test('Asignar contraseña: mismatch and weak passwords refused, the good one stored as scrypt', async () => {
  let r = await a.get('/sat/clave');
  assert.equal(r.status, 200);
  assert.equal(dataK(r.text, 'usuario'), '892300110');
  assert.match(dataK(r.text, 'clave-estado'), /todavía no tiene/);
  const csrf = csrfOf(r.text);
  const auditCount = () => Number(inst.sql('SELECT count(*) FROM auditoria'));
  const before = [clave('892300110'), auditCount()];

  const cases = [
    ['no CSRF', { nueva: 'Caja-Andina-Conexion-2026', confirmacion: 'Caja-Andina-Conexion-2026' }, 403],
    ['mismatch', { csrf, nueva: 'Caja-Andina-Conexion-2026', confirmacion: 'Caja-Andina-Conexion-2027' }, 400, 'confirmacion', /no coincide/],
    ['too short', { csrf, nueva: 'corta', confirmacion: 'corta' }, 400, 'nueva', /12/],
    ['common', { csrf, nueva: 'contraseña123', confirmacion: 'contraseña123' }, 400, 'nueva', /./],
    ['contains the NIT', { csrf, nueva: 'clave892300110larga', confirmacion: 'clave892300110larga' }, 400, 'nueva', /./],
    ['empty', { csrf, nueva: '', confirmacion: '' }, 400, 'nueva', /Escriba/],
  ];
  for (const [what, fields, status, field, msg] of cases) {
    r = await a.post('/sat/clave', fields);
    assert.equal(r.status, status, what);
    if (field) {
      assert.match(h.fieldError(r.text, field) || '', msg, `${what}: message next to ${field}`);
      assert.equal(h.inputValue(r.text, 'nueva'), '', 'a password is never sent back');
    }
    assert.deepEqual([clave('892300110'), auditCount()], before, `${what}: nothing stored`);
  }
  const common = await a.post('/sat/clave', { csrf, nueva: 'contraseña123', confirmacion: 'contraseña123' });
  assert.equal(h.fieldsWithErrors(common.text).length, 1);

  const pw = 'Caja-Andina-Conexion-2026';
  r = await a.post('/sat/clave', { csrf, nueva: pw, confirmacion: pw });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/sat/clave?ok=1');
  const row = clave('892300110');
  assert.match(row.clave, /^\$s1\$/, 'scrypt MCF');
  assert.equal(row.login, CCF_A);
  assert.ok(row.clave_fecha > 0);
  r = await a.get(r.headers.location);
  assert.ok(dataK(r.text, 'clave-ok'), 'the result is confirmed');
  assert.match(dataK(r.text, 'clave-estado'), /Contraseña asignada el \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  const [au] = inst.rows("SELECT login, entidad_id, detalle FROM auditoria WHERE accion = 'sat_clave_asignada'");
  assert.equal(au.login, CCF_A);
  assert.match(au.detalle, /892300110/);
  assert.equal(inst.sql("SELECT count(*) FROM auditoria WHERE detalle LIKE '%Caja-Andina-Conexion%'"), '0', 'never the password');
  assert.equal(clave('892300220').clave, null, 'the other entity is untouched');
  // The ministry sees that it was set.
  const m = await h.loginAs(inst, h.MSPS);
  const id = inst.rows("SELECT id FROM entidad WHERE nit = '892300110'")[0].id;
  assert.match(dataK((await m.get(`/msps/sat/entidades/${id}`)).text, 'clave'), /^Asignada el/);
});
