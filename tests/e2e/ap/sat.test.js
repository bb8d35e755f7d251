// An AP's autorizado uses the SAT pages a CCF uses (issue 6 §1): the two enabled services
// with their Client IDs and OpenAPI documentation, and "Asignar contraseña", whose password
// is then the one POST /token on the AP port accepts. Sharing services is a CCF's page only.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, csrfOf, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');
const ap = require('../ap_helpers.js');

const { AP_A, AP_B, PASSWORD } = ap;
let inst, c;
before(async () => {
  inst = await startPortal();
  c = await h.loginAs(inst, AP_A.login);
  const r = await c.get('/sat/terminos');
  assert.equal((await c.post('/sat/terminos', { csrf: csrfOf(r.text), decision: 'acepto' })).status, 303);
});
after(async () => { if (inst) await inst.stop(); });

const asignados = (nit) => inst.rows(`SELECT a.id, s.nombre, a.client_id FROM servicio_asignado a JOIN servicio s ON s.id = a.servicio_id JOIN entidad e ON e.id = a.entidad_id WHERE e.nit = '${nit}' ORDER BY s.nombre`);

test('the AP autorizado sees its two services, their Client IDs and documentation', async () => {
  const mine = asignados(AP_A.nit);
  assert.deepEqual(mine.map((s) => s.nombre).sort(),
    ['ReportarAfiliaciontraslado', 'ReportarRetractoAfiliacion']);
  let r = await c.get('/sat');
  assert.equal(r.status, 200);
  assert.deepEqual(h.dataKAll(r.text, 'nombre').sort(), mine.map((s) => s.nombre).sort());
  assert.equal(dataK(r.text, 'compartir'), null, 'no "Compartir servicios de la entidad" for an AP');
  assert.ok(dataK(r.text, 'reporte') !== null, 'its follow-up report');
  for (const s of mine) {
    r = await c.get(`/sat/servicios/${s.id}`);
    assert.equal(r.status, 200);
    const main = h.mainOf(r.text);
    assert.equal(dataK(main, 'client-id'), s.client_id);
    assert.equal(dataK(main, 'usuario'), AP_A.nit, 'the /token username');
    assert.match(main, new RegExp(`/${s.nombre}`), 'the operation of the OpenAPI document');
  }
  assert.ok(mine.some((s) => s.client_id === AP_A.afiliacion));
  for (const s of asignados(AP_B.nit)) {
    assert.equal((await c.get(`/sat/servicios/${s.id}`)).status, 404, 'another AP\'s service');
  }
  assert.equal((await c.get('/sat/compartidos')).status, 403);
});

test('the password set on "Asignar contraseña" is the one POST /token accepts', async () => {
  const nueva = 'Pensiones-Conexion-2026-Nueva';
  const page = await c.get('/sat/clave');
  assert.equal(page.status, 200);
  const r = await c.post('/sat/clave', { csrf: csrfOf(page.text), nueva, confirmacion: nueva });
  assert.equal(r.status, 303, 'saved');
  const api = ap.apClient(inst);
  const fields = { grant_type: 'password', username: AP_A.nit, client_id: AP_A.afiliacion };
  assert.equal((await ap.token(api, { ...fields, password: nueva })).status, 200);
  const old = await ap.token(api, { ...fields, password: PASSWORD });
  assert.equal(old.status, 401, 'the old password stops working');
  assert.equal(old.json.error, 'invalid_grant');
});
