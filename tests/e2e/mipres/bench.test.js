// What `make bench` prepares for MIPRES (tests/bench.sh): `portal-demo seed-mipres` loads the
// lines it says, in the states it says, shaped so the API answers them like lines it recorded
// itself, and ready for the entregas the bench sends; `portal-demo bench-commits` commits the
// entregas it says; `portal-demo bench-commits-ap` the AP calls it says. If these break, the
// bench's numbers would mean nothing. The production program has none of these commands.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal.js');

const A = '/WSSUMMIPRESNOPBS/api';
const P1 = '901500013', P2 = '901500021', P3 = '901600017', BENCH = '901699999';
let inst, c, tk = {};

// A date d days from today in Colombia (UTC-5), YYYY-MM-DD.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

async function call(method, p, body) {
  const opts = { headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    opts.body = JSON.stringify(body);
    opts.headers['Content-Type'] = 'application/json';
  }
  const r = await c.request(method, p, opts);
  return { ...r, json: JSON.parse(r.text) };
}

// The numbers seed-mipres prints.
function parseCarga(out) {
  const m = out.match(/^seed-mipres: (\d+) líneas \(ID (\d+) a (\d+)\), (\d+) pasos, (\d+) entregas, (\d+) proveedor\(es\), (\d+) día\(s\), en [\d.]+ s\n$/);
  assert.ok(m, out);
  const [lineas, primera, ultima, pasos, entregas] = m.slice(1, 6).map(Number);
  return { lineas, primera, ultima, pasos, entregas };
}

const entrega = (id) => ({ ID: id, CodSerTecEntregado: '019971860-01', CantTotEntregada: '30',
  EntTotal: 1, CausaNoEntrega: null, FecEntrega: dia(), NoLote: 'L2026-11', TipoIDRecibe: 'CC',
  NoIDRecibe: '79000111' });

before(async () => {
  inst = await startPortal();
  c = inst.client();
  for (const nit of [P1, P2]) {
    const user = inst.portal(['mipres-token', nit]).trim();
    const r = await call('GET', `${A}/GenerarToken/${nit}/${user}`);
    assert.equal(r.status, 200, r.text);
    tk[nit] = r.json;
  }
});
after(() => inst && inst.stop());

test('seed-mipres refuses bad arguments and writes nothing', () => {
  const antes = inst.sql('SELECT count(*) FROM mipres_linea');
  for (const args of [['0'], ['10', '0'], ['10', '1', '9'], ['x'], []]) {
    assert.throws(() => inst.demo(['seed-mipres', ...args]), /seed-mipres LINEAS|usage/, args.join(' '));
  }
  assert.equal(inst.sql('SELECT count(*) FROM mipres_linea'), antes);
});

test('seed-mipres N DIAS PROVEEDORES: the lines, steps and states it prints, spread as it says', async () => {
  const antes = Number(inst.sql('SELECT max(id) FROM mipres_linea'));
  const k = parseCarga(inst.demo(['seed-mipres', '90', '6', '3']));
  assert.equal(k.lineas, 90);
  assert.equal(k.primera, antes + 1);
  assert.equal(k.ultima, antes + 90);
  const rango = `linea_id BETWEEN ${k.primera} AND ${k.ultima}`;
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_linea WHERE id BETWEEN ${k.primera} AND ${k.ultima}`), '90');
  assert.equal(Number(inst.sql(`SELECT count(*) FROM mipres_paso WHERE ${rango}`)), k.pasos);
  assert.equal(Number(inst.sql(`SELECT count(*) FROM mipres_paso WHERE tipo = 'E' AND ${rango}`)), k.entregas);
  assert.ok(k.entregas > 0);
  // Every line has its direccionamiento; three providers, 30 lines each; six days.
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_paso WHERE tipo = 'D' AND ${rango}`), '90');
  assert.equal(inst.lista(`SELECT count(*) FROM mipres_linea WHERE id BETWEEN ${k.primera} AND ${k.ultima} GROUP BY prov_nit ORDER BY prov_nit`), '30,30,30');
  assert.equal(inst.lista(`SELECT DISTINCT prov_nit FROM mipres_linea WHERE id BETWEEN ${k.primera} AND ${k.ultima} ORDER BY 1`), [P1, P2, P3].join(','));
  assert.equal(inst.sql(`SELECT count(DISTINCT dia) FROM mipres_paso WHERE ${rango}`), '6');
  assert.equal(inst.sql(`SELECT min(dia) || ' ' || max(dia) FROM mipres_paso WHERE ${rango}`), `${dia(-5)} ${dia()}`);
  // The made-up provider exists as a dispenser.
  assert.equal(inst.sql(`SELECT tipo FROM entidad WHERE nit = '${P3}'`), 'PROV');
  // At most one live step per kind and line, the earlier ones processed: the cycle's order.
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_paso a JOIN mipres_paso b ON b.linea_id = a.linea_id
    WHERE a.${rango} AND a.estado = 1 AND b.estado = 1 AND a.id <> b.id`), '0');
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_paso WHERE ${rango} AND tipo = 'P' AND estado = 2
    AND linea_id NOT IN (SELECT linea_id FROM mipres_paso WHERE tipo = 'E' AND estado = 1)`), '0');
  // Today's lines wait for their entrega: directed (processed) and programmed (active).
  assert.equal(inst.lista(`SELECT tipo || estado FROM mipres_paso
    WHERE ${rango} AND dia = '${dia()}' GROUP BY tipo, estado ORDER BY tipo`), 'D2,P1');
  assert.equal(inst.sql("SELECT count(*) FROM auditoria WHERE accion = 'mipres_carga'"), '1');
});

test('a seeded entrega answers EntregaXFecha like one the API recorded, with the same fields', async () => {
  // The demo's entrega of today for P2 went through the API; the seeded ones of other days
  // must have the same keys in the same order, and every seeded entrega of a day is listed.
  const hoy = await call('GET', `${A}/EntregaXFecha/${P2}/${tk[P2]}/${dia()}`);
  assert.equal(hoy.status, 200, hoy.text);
  assert.ok(hoy.json.length >= 1);
  const claves = Object.keys(hoy.json[0]);
  let vistas = 0;
  for (let d = -5; d < 0; d++) {
    const r = await call('GET', `${A}/EntregaXFecha/${P2}/${tk[P2]}/${dia(d)}`);
    assert.equal(r.status, 200, r.text);
    const ids = inst.lista(`SELECT linea_id FROM mipres_paso
      WHERE tipo = 'E' AND prov_nit = '${P2}' AND dia = '${dia(d)}' ORDER BY id`);
    assert.equal(r.json.map((o) => o.ID).join(','), ids);
    for (const o of r.json) {
      assert.deepEqual(Object.keys(o), claves);
      assert.equal(o.FecEntrega, `${dia(d)} 00:00`);
      assert.equal(o.EstEntrega, 1);
    }
    vistas += r.json.length;
  }
  assert.ok(vistas > 0, 'some seeded entregas listed');
  // The same for a direccionamiento.
  const dHoy = await call('GET', `${A}/DireccionamientoXFecha/${P2}/${tk[P2]}/${dia()}`);
  const dAyer = await call('GET', `${A}/DireccionamientoXFecha/${P2}/${tk[P2]}/${dia(-1)}`);
  assert.ok(dAyer.json.length >= 1);
  assert.deepEqual(Object.keys(dAyer.json[0]), Object.keys(dHoy.json[0]));
});

test('seed-mipres N: N lines of today for one provider, each taking exactly one entrega', async () => {
  const k = parseCarga(inst.demo(['seed-mipres', '3']));
  assert.equal(k.lineas, 3);
  assert.equal(k.entregas, 0);
  assert.equal(inst.sql(`SELECT DISTINCT prov_nit FROM mipres_linea WHERE id BETWEEN ${k.primera} AND ${k.ultima}`), P1);
  // The bench's request: 200 the first time, 422 the second (the line has its entrega).
  const r = await call('PUT', `${A}/Entrega/${P1}/${tk[P1]}`, entrega(k.primera));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json[0].Id, k.primera);
  const otra = await call('PUT', `${A}/Entrega/${P1}/${tk[P1]}`, entrega(k.primera));
  assert.equal(otra.status, 422, otra.text);
  // Another provider cannot deliver them.
  const ajena = await call('PUT', `${A}/Entrega/${P2}/${tk[P2]}`, entrega(k.ultima));
  assert.equal(ajena.status, 422, ajena.text);
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_paso WHERE tipo = 'E' AND linea_id BETWEEN ${k.primera} AND ${k.ultima}`), '1');
});

test('bench-commits N: N entregas committed one by one, each programación processed', () => {
  const out = inst.demo(['bench-commits', '25']);
  assert.match(out, /^bench-commits: 25 commits en [\d.]+ s: \d+ commits\/s\n$/);
  const q = (w) => inst.sql(`SELECT count(*) FROM mipres_paso WHERE prov_nit = '${BENCH}' AND ${w}`);
  assert.equal(q("tipo = 'E' AND estado = 1"), '25');
  assert.equal(q("tipo = 'P' AND estado = 2"), '25');
  assert.equal(q("tipo = 'P' AND estado = 1"), '0');
  assert.throws(() => inst.demo(['bench-commits', '0']), /usage/);
});

test('bench-commits-ap N: N AP calls committed, each 100 new afiliación rows and its measurement (with its rollups)', () => {
  const q = (t, w = '1 = 1') => Number(inst.sql(`SELECT count(*) FROM ${t} WHERE ${w}`));
  const filas = q('ap_afiliacion'), medidas = q('ap_medicion', "servicio = 'ReportarAfiliaciontraslado' AND aceptados = 100");
  assert.match(inst.demo(['bench-commits-ap', '3']), /^bench-commits-ap: 3 llamadas de 100 registros en [\d.]+ s: \d+ llamadas\/s\n$/);
  // A second run writes new rows too: its radicados are its own.
  inst.demo(['bench-commits-ap', '2']);
  assert.equal(q('ap_afiliacion'), filas + 500);
  assert.equal(q('ap_medicion', "servicio = 'ReportarAfiliaciontraslado' AND aceptados = 100"), medidas + 5);
  assert.equal(q('ap_afiliacion', "entidad_id = (SELECT id FROM entidad WHERE nit = '800900101')"), q('ap_afiliacion'));
  assert.throws(() => inst.demo(['bench-commits-ap', '0']), /usage/);
});

test('the production program has none of these: portal answers its usage for each, as for any unknown command; portal-demo lists them', () => {
  const uso = (prog, cmd) => (e) => e.status === 2 &&
    String(e.stderr).startsWith(`usage: ${prog} [-r root] [-v var] [-d postgresql://...] command [args]\n`) &&
    String(e.stderr).includes(`\n  ${cmd} `) === (prog === 'portal-demo');
  for (const cmd of ['seed-demo', 'seed-mipres', 'seed-ap', 'seed-auditoria', 'bench-commits', 'bench-commits-ap']) {
    assert.throws(() => inst.portal([cmd, '1']), uso('portal', cmd), cmd);
  }
  assert.throws(() => inst.portal(['no-existe']), uso('portal', 'no-existe'));
  assert.throws(() => inst.demo(['serve']), uso('portal-demo', 'seed-mipres'));
});
