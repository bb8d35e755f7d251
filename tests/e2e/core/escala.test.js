// The loads of national-scale data (issue 16, README "Operator commands"): seed-demo's
// extra providers, 1,000 to a transaction, each an entity with a pending request in the
// MSPS queue; seed-auditoria's audit rows, chained as the portal writes them, on the
// Auditoría page. (seed-ap is tested with the AP report, ap_reporte.test.js.)
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');

let inst;
// 1,500 extra providers: a batch of 1,000 and one of 500.
before(async () => { inst = await startPortal({ extra: 1500 }); });
after(async () => { if (inst) await inst.stop(); });

test('seed-demo N: N more providers, each its own entity with one pending request in the queue', async () => {
  // The extras are providers 1000... (NIT 800100000 + 37 k).
  const extras = inst.rows("SELECT e.nit, count(s.id) AS n, max(s.estado) AS estado FROM entidad e LEFT JOIN solicitud s ON s.entidad_id = e.id AND s.vigente = 1 WHERE e.tipo = 'IPS' AND CAST(e.nit AS INTEGER) >= 800137000 GROUP BY e.id");
  assert.equal(extras.length, 1500);
  assert.ok(extras.every((x) => x.n === 1 && x.estado === 'pendiente'));
  assert.equal(new Set(extras.map((x) => x.nit)).size, 1500);
  // Each request has its audit entry and the ministry its notice, as a delegate's own would.
  assert.equal(Number(inst.sql("SELECT count(*) FROM auditoria WHERE accion = 'ihce_inscripcion'")), Number(inst.sql("SELECT count(*) FROM solicitud WHERE tipo = 'inscripcion'")));
  const m = await h.loginAs(inst, 'CC1010202030');
  const r = await m.get(`/msps/asignar?q=${extras[1499].nit}`);
  assert.equal(r.status, 200);
  assert.equal(h.colaRows(r.text).length, 1, 'the last provider is in the queue');
  assert.equal(inst.sql("SELECT n FROM cola_total WHERE cola = 'asignar'"), inst.sql("SELECT count(*) FROM solicitud WHERE vigente = 1 AND cola = 'asignar'"));
});

test('seed-auditoria N [DIAS]: N chained rows over the days, audit-verify intact, on the Auditoría page', async () => {
  assert.throws(() => inst.demo(['seed-auditoria', '0']), /FILAS mayor que 0/);
  const antes = Number(inst.sql('SELECT count(*) FROM auditoria'));
  const ahora = Math.floor(Date.now() / 1000);
  const out = inst.demo(['seed-auditoria', '2500', '30']);
  assert.match(out, /^seed-auditoria: 2500 filas de \d+ persona\(s\) en 30 día\(s\), en [\d.]+ s$/m);
  // The rows and the load's own entry.
  assert.equal(Number(inst.sql('SELECT count(*) FROM auditoria')), antes + 2501);
  const rango = inst.rows("SELECT min(ts) AS desde, max(ts) AS hasta, count(DISTINCT login) AS personas, count(DISTINCT accion) AS acciones FROM auditoria WHERE detalle LIKE 'carga de prueba %'")[0];
  assert.ok(rango.desde >= ahora - 30 * 86400 - 5 && rango.hasta <= ahora + 5, JSON.stringify(rango));
  assert.ok(rango.personas > 10 && rango.acciones >= 10, JSON.stringify(rango));
  assert.match(inst.portal(['audit-verify']), /^Cadena de auditoría íntegra: \d+ filas verificadas/);
  // The administrator finds them by action.
  const a = await h.loginAs(inst, 'CC1010202040');
  const r = await a.get('/admin/auditoria?accion=ap_token');
  assert.equal(r.status, 200);
  assert.match(r.text, /carga de prueba \d+/);
});
