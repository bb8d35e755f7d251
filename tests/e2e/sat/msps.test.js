// SAT, the ministry's side (Rol_IHCE_MSPS): CCF/AP entities and their activation, the
// catalog of services with OpenAPI documents uploaded as multipart/form-data files and
// checked on upload, and the assignment of services to an entity, which generates the
// entity's Client ID (a random UUID v4) that the CCF then sees.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, csrfOf, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');

const CCF_A = 'CC1020300010';	// autorizado, Caja Andina (892300110, active)
const CCF_C = 'CC1020300030';	// autorizado, Caja del Llano (892300330, not active)
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let inst, msps;
before(async () => {
  inst = await startPortal();
  msps = await h.loginAs(inst, h.MSPS);
});
after(async () => { if (inst) await inst.stop(); });

const entidadId = (nit) => inst.rows(`SELECT id FROM entidad WHERE nit = '${nit}'`)[0].id;
const satEntidad = (nit) => inst.rows(`SELECT s.activo FROM sat_entidad s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '${nit}'`);
const audits = (accion) => inst.rows(`SELECT detalle, login FROM auditoria WHERE accion = '${accion}' ORDER BY id`);
// Everything the SAT pages of the ministry can change.
const estado = () => [
  inst.lista("SELECT id || '|' || nombre || '|' || descripcion || '|' || tipo_entidad || '|' || estado || '|' || url_base || '|' || metodo || '|' || length(openapi) || '|' || actualizado FROM servicio ORDER BY id", ';'),
  inst.lista("SELECT id || '|' || activo || '|' || client_id FROM servicio_asignado ORDER BY id", ';'),
  inst.lista("SELECT entidad_id || '|' || activo FROM sat_entidad ORDER BY entidad_id", ';'),
  inst.sql('SELECT count(*) FROM auditoria')].join('#');

// The selected option's value of <select name="name">, or null.
function selected(html, name) {
  const m = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  const s = m && /<option value="([^"]*)" selected>/.exec(m[1]);
  return s ? s[1] : null;
}

function openapi3(over = {}) {
  return {
    openapi: '3.0.3',
    info: { title: 'Certificado de afiliación', version: '1.0.0' },
    paths: {
      '/certificados/{documento}': {
        get: {
          summary: 'Expide el certificado',
          parameters: [{ name: 'documento', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'El certificado' } },
        },
      },
    },
    ...over,
  };
}

function servicio(over = {}) {
  return {
    nombre: 'Certificado de afiliación',
    descripcion: 'Expide el certificado de afiliación de una persona.',
    tipo_entidad: 'CCF',
    estado: 'Activo',
    url_base: 'https://sat.minsalud.gov.co/api/v1/certificados',
    metodo: 'GET',
    ...over,
  };
}

const doc = (obj, filename = 'api.json') =>
  ({ openapi: { filename, type: 'application/json', data: typeof obj === 'string' ? obj : JSON.stringify(obj) } });

async function nuevo(c, fields, files) {
  const csrf = await c.csrf('/msps/sat/servicios/nuevo');
  return c.postMultipart('/msps/sat/servicios/nuevo', { csrf, ...fields }, files);
}

async function aceptarTerminos(c) {
  const r = await c.get('/sat/terminos');
  const p = await c.post('/sat/terminos', { csrf: csrfOf(r.text), decision: 'acepto' });
  assert.equal(p.status, 303);
}

test('the ministry reaches the SAT pages from its queue; other roles cannot', async () => {
  let r = await msps.get('/msps/asignar');
  assert.equal(dataK(r.text, 'nav-sat'), 'Servicios web SAT');
  r = await msps.get('/msps/sat?q=andina');
  assert.equal(r.status, 200);
  assert.match(h.mainOf(r.text), /data-nit="892300110"/);
  assert.doesNotMatch(h.mainOf(r.text), /data-nit="892300220"/, 'the search filters');
  r = await msps.get('/msps/sat?q=892300220');
  assert.match(h.mainOf(r.text), /data-nit="892300220"/);
  assert.doesNotMatch(h.mainOf(r.text), /data-nit="8001/, 'only CCF and AP entities');
  r = await msps.get('/msps/sat?q=%25');
  assert.equal(r.status, 200);
  assert.ok(dataK(r.text, 'vacia'), 'a % is a character, not a wildcard');

  const ccf = entidadId('892300330');
  for (const login of [CCF_A, h.DEL_LLAVES, h.ADMIN, 'ADMINSATCCF892300110']) {
    const c = await h.loginAs(inst, login);
    for (const p of ['/msps/sat', `/msps/sat/entidades/${ccf}`, '/msps/sat/servicios',
      '/msps/sat/servicios/nuevo', '/msps/sat/servicios/1']) {
      assert.equal((await c.get(p)).status, 403, `${login} GET ${p}`);
    }
    const before = estado();
    const csrf = csrfOf((await c.get('/')).text) || csrfOf((await c.get('/cuenta/clave')).text);
    assert.ok(csrf, 'a token of the session');
    for (const p of [`/msps/sat/entidades/${ccf}/activar`, `/msps/sat/entidades/${ccf}/asignar`,
      '/msps/sat/asignados/1/desactivar']) {
      assert.equal((await c.post(p, { csrf, servicio: '1' })).status, 403, `${login} POST ${p}`);
    }
    assert.equal((await c.postMultipart('/msps/sat/servicios/nuevo', { csrf, ...servicio() },
      doc(openapi3()))).status, 403);
    assert.equal(estado(), before, `${login} changed nothing`);
  }
});

test('activation opens the module for the CCF and deactivation closes it, audited', async () => {
  const id = entidadId('892300330');
  const llano = await h.loginAs(inst, CCF_C);
  assert.ok(dataK((await llano.get('/sat')).text, 'sat-inactiva') !== null);

  let r = await msps.get(`/msps/sat/entidades/${id}`);
  assert.equal(r.status, 200);
  assert.equal(dataK(r.text, 'activo'), 'Sin activar');
  const before = estado();
  r = await msps.post(`/msps/sat/entidades/${id}/activar`, {});
  assert.equal(r.status, 403, 'no CSRF token');
  assert.equal(estado(), before);

  r = await msps.post(`/msps/sat/entidades/${id}/activar`, { csrf: csrfOf(r.text) || csrfOf((await msps.get(`/msps/sat/entidades/${id}`)).text) });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, `/msps/sat/entidades/${id}?ok=activada`);
  assert.deepEqual(satEntidad('892300330'), [{ activo: 1 }]);
  assert.match(audits('sat_activar').at(-1).detalle, /892300330/);
  assert.equal(audits('sat_activar').at(-1).login, h.MSPS);
  r = await llano.get('/sat');
  assert.equal(r.headers.location, '/sat/terminos', 'the CCF now answers the terms');

  r = await msps.get(`/msps/sat/entidades/${id}`);
  assert.equal(dataK(r.text, 'activo'), 'Activo');
  assert.equal((await msps.post(`/msps/sat/entidades/${id}/activar`, { csrf: csrfOf(r.text) })).status, 409);
  assert.equal((await msps.post(`/msps/sat/entidades/${id}/desactivar`, {})).status, 403);
  assert.deepEqual(satEntidad('892300330'), [{ activo: 1 }]);
  r = await msps.post(`/msps/sat/entidades/${id}/desactivar`, { csrf: csrfOf(r.text) });
  assert.equal(r.status, 303);
  assert.deepEqual(satEntidad('892300330'), [{ activo: 0 }]);
  assert.equal(audits('sat_desactivar').length, 1);
  r = await llano.get('/sat');
  assert.ok(dataK(r.text, 'sat-inactiva') !== null, 'closed again, with the explanation');
  assert.equal((await llano.get('/sat/terminos')).status, 403);
  assert.equal((await msps.get('/msps/sat/entidades/1')).status, 404, 'the ministry is not a CCF/AP');
});

test('a service with a valid OpenAPI 3 document is created, listed and edited', async () => {
  const before = audits('sat_servicio_crear').length;
  let r = await nuevo(msps, servicio(), doc(openapi3()));
  assert.equal(r.status, 303, r.text.slice(0, 300));
  assert.equal(r.headers.location, '/msps/sat/servicios?ok=1');
  const [s] = inst.rows("SELECT * FROM servicio WHERE nombre = 'Certificado de afiliación'");
  assert.equal(s.tipo_entidad, 'CCF');
  assert.equal(s.metodo, 'GET');
  assert.deepEqual(JSON.parse(s.openapi), openapi3());
  assert.equal(audits('sat_servicio_crear').length, before + 1);
  r = await msps.get('/msps/sat/servicios');
  assert.ok(h.dataKAll(r.text, 'nombre').includes('Certificado de afiliación'));

  // The edit page shows the documentation; saving without a file keeps the document.
  r = await msps.get(`/msps/sat/servicios/${s.id}`);
  assert.equal(h.inputValue(r.text, 'nombre'), 'Certificado de afiliación');
  assert.equal(dataK(r.text, 'doc-titulo'), 'Certificado de afiliación');
  r = await msps.postMultipart(`/msps/sat/servicios/${s.id}`, { csrf: csrfOf(r.text),
    ...servicio({ estado: 'Inactivo', metodo: 'POST' }) }, { openapi: { filename: '', data: '' } });
  assert.equal(r.status, 303);
  const [t] = inst.rows(`SELECT * FROM servicio WHERE id = ${s.id}`);
  assert.equal(t.estado, 'Inactivo');
  assert.equal(t.metodo, 'POST');
  assert.equal(t.openapi, s.openapi);
  // An OpenAPI 2 document replaces it.
  const v2 = { swagger: '2.0', info: { title: 'Certificados v2', version: '2' },
    paths: { '/c': { post: { responses: { 200: { description: 'ok' } } } } } };
  r = await msps.postMultipart(`/msps/sat/servicios/${s.id}`, {
    csrf: csrfOf((await msps.get(`/msps/sat/servicios/${s.id}`)).text), ...servicio() }, doc(v2));
  assert.equal(r.status, 303);
  assert.deepEqual(JSON.parse(inst.rows(`SELECT openapi FROM servicio WHERE id = ${s.id}`)[0].openapi), v2);
  assert.equal(audits('sat_servicio_editar').length, 2);
  assert.equal((await msps.get('/msps/sat/servicios/99999')).status, 404);
});

test('bad input: 400, the message next to the field, values kept, nothing stored', async () => {
  const big = openapi3({ info: { title: 'x'.repeat(140 * 1024), version: '1' } });
  const cases = [
    ['not JSON', servicio({ nombre: 'S1' }), doc('{"openapi": "3.0.3",\n  "info": }'), 'openapi', /no es JSON válido: error en la línea 2, columna/],
    ['JSON, not an object', servicio({ nombre: 'S2' }), doc('[1, 2, 3]'), 'openapi', /objeto JSON/],
    ['JSON, not OpenAPI', servicio({ nombre: 'S3' }), doc({ nombre: 'x', paths: {} }), 'openapi', /versión de OpenAPI/],
    ['a wrong version', servicio({ nombre: 'S3b' }), doc(openapi3({ openapi: '3.0' })), 'openapi', /3\.x\.y/],
    ['no info.title', servicio({ nombre: 'S4' }), doc(openapi3({ info: { version: '1' } })), 'openapi', /info\.title/],
    ['no paths', servicio({ nombre: 'S5' }), doc(openapi3({ paths: undefined })), 'openapi', /"paths"/],
    ['an operation that is not an object', servicio({ nombre: 'S6' }), doc(openapi3({ paths: { '/a': { get: 'x' } } })), 'openapi', /operación get/],
    ['oversized', servicio({ nombre: 'S7' }), doc(big), 'openapi', /128 KiB/],
    ['a document whose page would not end (issue 11)', servicio({ nombre: 'S7b' }), doc(h.openapiAllOf(false)), 'openapi', /demasiado extenso para mostrarlo/],
    ['no file on a new service', servicio({ nombre: 'S8' }), {}, 'openapi', /Adjunte el documento/],
    ['a non-https URL', servicio({ nombre: 'S9', url_base: 'http://sat.minsalud.gov.co/api' }), doc(openapi3()), 'url_base', /https:\/\//],
    ['a relative URL', servicio({ nombre: 'S10', url_base: '/api/v1' }), doc(openapi3()), 'url_base', /https:\/\//],
    ['no name', servicio({ nombre: '  ' }), doc(openapi3()), 'nombre', /nombre del servicio/],
    ['no description', servicio({ nombre: 'S11', descripcion: '' }), doc(openapi3()), 'descripcion', /descripción/],
    ['an unknown method', servicio({ nombre: 'S12', metodo: 'TRACE' }), doc(openapi3()), 'metodo', /método HTTP/],
    ['an unknown entity type', servicio({ nombre: 'S13', tipo_entidad: 'IPS' }), doc(openapi3()), 'tipo_entidad', /tipo de entidad/],
    ['a name already in the catalog', servicio({ nombre: 'Consulta de afiliados SAT' }), doc(openapi3()), 'nombre', /Ya existe/],
  ];
  for (const [what, fields, files, field, msg] of cases) {
    const before = estado();
    const r = await nuevo(msps, fields, files);
    assert.equal(r.status, 400, what);
    assert.match(h.fieldError(r.text, field) || '', msg, `${what}: message next to ${field}`);
    assert.ok(dataK(r.text, 'errores'), `${what}: the alert`);
    assert.equal(h.inputValue(r.text, 'nombre'), fields.nombre.trim(), `${what}: nombre kept`);
    assert.equal(h.textareaValue(r.text, 'descripcion'), fields.descripcion, `${what}: descripción kept`);
    assert.equal(h.inputValue(r.text, 'url_base'), fields.url_base, `${what}: URL kept`);
    if (field !== 'metodo') assert.equal(selected(r.text, 'metodo'), fields.metodo, `${what}: método kept`);
    assert.equal(estado(), before, `${what}: nothing stored`);
  }
  assert.equal(inst.rows("SELECT id FROM servicio WHERE nombre LIKE 'S%'").length, 0);
});

test('a valid document sent with a wrong field is kept for the corrected form', async () => {
  const d = openapi3({ info: { title: 'Conservado', version: '3' } });
  let r = await nuevo(msps, servicio({ nombre: 'Conservado', url_base: 'ftp://x' }), doc(d));
  assert.equal(r.status, 400);
  assert.ok(dataK(r.text, 'doc-conservado'));
  const kept = h.inputValue(r.text, 'openapi_actual');
  assert.deepEqual(JSON.parse(kept), d);
  // Resubmitted without a file, as a browser sends the re-rendered form.
  r = await msps.postMultipart('/msps/sat/servicios/nuevo', { ...h.formOf(r.text,
    '/msps/sat/servicios/nuevo'), ...servicio({ nombre: 'Conservado' }) }, { openapi: { filename: '', data: '' } });
  assert.equal(r.status, 303);
  assert.deepEqual(JSON.parse(inst.rows("SELECT openapi FROM servicio WHERE nombre = 'Conservado'")[0].openapi), d);
  // A kept document is checked again like a file.
  r = await msps.postMultipart('/msps/sat/servicios/nuevo', { csrf: csrfOf(r.text) || csrfOf((await msps.get('/msps/sat/servicios')).text),
    ...servicio({ nombre: 'Trampa' }), openapi_actual: '{"openapi": "3.0.3"}' });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'openapi'), /info\.title/);
});

test('malformed multipart bodies and missing CSRF tokens are refused', async () => {
  const before = estado();
  const csrf = await msps.csrf('/msps/sat/servicios/nuevo');
  const bodies = [
    `--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--XyZ`,
    `--XyZ\r\nContent-Type: text/plain\r\n\r\n${csrf}\r\n--XyZ--`,
    `preamble\r\n--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--XyZ--`,
  ];
  for (const body of bodies) {
    const r = await msps.request('POST', '/msps/sat/servicios/nuevo', { body,
      headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' } });
    assert.equal(r.status, 400, JSON.stringify(body));
  }
  let r = await msps.request('POST', '/msps/sat/servicios/nuevo', { body: '--XyZ--',
    headers: { 'Content-Type': 'multipart/form-data' } });
  assert.equal(r.status, 400, 'no boundary');
  r = await msps.postMultipart('/msps/sat/servicios/nuevo', servicio({ nombre: 'Sin CSRF' }), doc(openapi3()));
  assert.equal(r.status, 403);
  r = await msps.postMultipart('/msps/sat/servicios/1', servicio({ nombre: 'Sin CSRF' }), doc(openapi3()));
  assert.equal(r.status, 403);
  assert.equal(estado(), before);
});

test('enabling a service generates a UUID v4 Client ID that the CCF sees; disabling hides it', async () => {
  const andina = entidadId('892300110');
  let r = await nuevo(msps, servicio({ nombre: 'Paz y salvo de aportes', url_base: 'https://sat.minsalud.gov.co/api/v1/paz' }),
    doc(openapi3({ info: { title: 'Paz y salvo', version: '1' } })));
  assert.equal(r.status, 303);
  const sid = inst.rows("SELECT id FROM servicio WHERE nombre = 'Paz y salvo de aportes'")[0].id;
  r = await nuevo(msps, servicio({ nombre: 'Servicio AP', tipo_entidad: 'AP' }), doc(openapi3()));
  assert.equal(r.status, 303);
  const ap = inst.rows("SELECT id FROM servicio WHERE nombre = 'Servicio AP'")[0].id;

  r = await msps.get(`/msps/sat/entidades/${andina}`);
  assert.match(r.text, new RegExp(`<option value="${sid}">`), 'offered for the CCF');
  assert.doesNotMatch(r.text, new RegExp(`<option value="${ap}">`), 'an AP service is not offered');
  const before = estado();
  assert.equal((await msps.post(`/msps/sat/entidades/${andina}/asignar`, { servicio: sid })).status, 403);
  assert.equal(estado(), before);
  let p = await msps.post(`/msps/sat/entidades/${andina}/asignar`, { csrf: csrfOf(r.text), servicio: ap });
  assert.equal(p.status, 400, 'an AP service for a CCF');
  assert.ok(dataK(p.text, 'alerta'));
  assert.equal(estado(), before);
  p = await msps.post(`/msps/sat/entidades/${andina}/asignar`, { csrf: csrfOf(r.text), servicio: '99999' });
  assert.equal(p.status, 400);
  assert.equal(estado(), before);

  p = await msps.post(`/msps/sat/entidades/${andina}/asignar`, { csrf: csrfOf(r.text), servicio: sid });
  assert.equal(p.status, 303);
  const [a] = inst.rows(`SELECT id, client_id, activo FROM servicio_asignado WHERE servicio_id = ${sid} AND entidad_id = ${andina}`);
  assert.match(a.client_id, UUID4);
  const ids = inst.rows('SELECT client_id FROM servicio_asignado').map((x) => x.client_id);
  assert.equal(new Set(ids).size, ids.length, 'Client IDs are unique');
  assert.ok(ids.every((x) => UUID4.test(x)), 'the demo ones too');
  assert.match(audits('sat_servicio_asignar').at(-1).detalle, /Paz y salvo de aportes.*892300110/);
  r = await msps.get(`/msps/sat/entidades/${andina}`);
  assert.ok(h.dataKAll(r.text, 'client-id').includes(a.client_id), 'shown to the ministry');
  p = await msps.post(`/msps/sat/entidades/${andina}/asignar`, { csrf: csrfOf(r.text), servicio: sid });
  assert.equal(p.status, 409, 'already enabled');

  // The CCF sees it in its menu with the same Client ID.
  const c = await h.loginAs(inst, CCF_A);
  await aceptarTerminos(c);
  r = await c.get('/sat');
  assert.ok(h.dataKAll(r.text, 'nombre').includes('Paz y salvo de aportes'));
  r = await c.get(`/sat/servicios/${a.id}`);
  assert.equal(r.status, 200);
  assert.equal(dataK(r.text, 'client-id'), a.client_id);

  // Disabled: gone for the CCF; enabled again: the same Client ID.
  assert.equal((await msps.post(`/msps/sat/asignados/${a.id}/desactivar`, {})).status, 403);
  p = await msps.post(`/msps/sat/asignados/${a.id}/desactivar`, { csrf: await msps.csrf(`/msps/sat/entidades/${andina}`) });
  assert.equal(p.status, 303);
  assert.equal(audits('sat_servicio_retirar').length, 1);
  assert.equal((await c.get(`/sat/servicios/${a.id}`)).status, 404);
  assert.ok(!h.dataKAll((await c.get('/sat')).text, 'nombre').includes('Paz y salvo de aportes'));
  r = await msps.get(`/msps/sat/entidades/${andina}`);
  assert.equal((await msps.post(`/msps/sat/asignados/${a.id}/desactivar`, { csrf: csrfOf(r.text) })).status, 409);
  p = await msps.post(`/msps/sat/entidades/${andina}/asignar`, { csrf: csrfOf(r.text), servicio: sid });
  assert.equal(p.status, 303);
  assert.deepEqual(inst.rows(`SELECT client_id, activo FROM servicio_asignado WHERE id = ${a.id}`),
    [{ client_id: a.client_id, activo: 1 }]);
  assert.equal((await msps.post('/msps/sat/asignados/99999/desactivar', { csrf: csrfOf(r.text) })).status, 404);

  // While it is enabled for a CCF its entity type cannot become AP; the rest may change.
  const antes = estado();
  const form = () => servicio({ nombre: 'Paz y salvo de aportes', url_base: 'https://sat.minsalud.gov.co/api/v1/paz' });
  p = await msps.postMultipart(`/msps/sat/servicios/${sid}`, { csrf: csrfOf(r.text),
    ...form(), tipo_entidad: 'AP' }, { openapi: { filename: '', data: '' } });
  assert.equal(p.status, 400);
  assert.match(h.fieldError(p.text, 'tipo_entidad') || '', /habilitado para entidades del tipo actual/);
  assert.equal(selected(p.text, 'tipo_entidad'), 'AP', 'the value kept');
  assert.equal(estado(), antes, 'nothing stored');
  p = await msps.postMultipart(`/msps/sat/servicios/${sid}`, { csrf: csrfOf(r.text),
    ...form(), descripcion: 'Otra descripción' }, { openapi: { filename: '', data: '' } });
  assert.equal(p.status, 303);
  assert.equal(inst.rows(`SELECT tipo_entidad FROM servicio WHERE id = ${sid}`)[0].tipo_entidad, 'CCF');
});
