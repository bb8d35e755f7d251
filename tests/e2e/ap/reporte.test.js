// The follow-up report of the AP services: the figures match exactly the calls this test
// makes; an AP sees only its own (URL and filter editing change nothing), ministry staff
// all or one; the date filter is validated; the CSV carries the same figures; the chart
// is server-drawn SVG with escaped labels; roles are enforced on the server. The report
// reads rollups (ap_resumen): counts, sums and maxima exact, median and p95 within 2.2%
// (and half a microsecond) of the exact values; migration 021 rolls up the calls measured
// before it; the page lists hours up to 7 days, the CSV always.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal, csrfOf, ROOT, soloSqlite } = require('../../lib/portal.js');
const h = require('../helpers.js');
const ap = require('../ap_helpers.js');

const { AP_A, AP_B, PASSWORD } = ap;
let inst, c;
before(async () => { inst = await startPortal(); c = ap.apClient(inst); });
after(async () => { if (inst) await inst.stop(); });

// The totals table of a report page: { servicio: { llamadas, recibidos, ... } }.
function totales(html) {
  const out = {};
  for (const m of html.matchAll(/<tr data-servicio="([^"]+)">([\s\S]*?)<\/tr>/g)) {
    const row = {};
    for (const c of m[2].matchAll(/data-k="(\w+)">([^<]*)</g)) row[c[1]] = c[2];
    out[m[1]] = row;
  }
  return out;
}

const { parseCsv } = h;

// Accepts the SAT terms for a logged-in autorizado.
async function aceptar(cl) {
  const r = await cl.post('/sat/terminos', { csrf: csrfOf((await cl.get('/sat/terminos')).text), decision: 'acepto' });
  assert.equal(r.status, 303);
}

test('the report counts exactly the calls made, per AP and for the ministry', async () => {
  // AP A: 2 tokens ok, 1 wrong password; 1 call with 3 records (2 good, 1 bad); 1 call of 1
  // good record; 1 malformed body; 1 retracto call with 1 good record.
  const ta = await ap.tokenOf(c, AP_A, 'afiliacion');
  const tr = await ap.tokenOf(c, AP_A, 'retracto');
  await ap.token(c, { grant_type: 'password', username: AP_A.nit, password: 'mala-clave', client_id: AP_A.afiliacion });
  const r1 = ap.radicado();
  await ap.call(c, '/ReportarAfiliaciontraslado', ta, [ap.afiliacion(r1), ap.afiliacion(ap.radicado()),
    ap.afiliacion(ap.radicado(), { sexo: 'X' })]);
  await ap.call(c, '/ReportarAfiliaciontraslado', ta, ap.afiliacion(ap.radicado()));
  await ap.call(c, '/ReportarAfiliaciontraslado', ta, '{no es json');
  await ap.call(c, '/ReportarRetractoAfiliacion', tr, [ap.retracto(r1)]);
  // AP B: 1 token, 1 call of 2 good records. Unidentified: 1 unknown user, 1 bad token.
  const tb = await ap.tokenOf(c, AP_B, 'afiliacion');
  await ap.call(c, '/ReportarAfiliaciontraslado', tb, [ap.afiliacion(ap.radicado()), ap.afiliacion(ap.radicado())]);
  await ap.token(c, { grant_type: 'password', username: '811111111', password: 'x', client_id: 'y' });
  await ap.call(c, '/ReportarAfiliaciontraslado', 'no-vale', [ap.afiliacion(ap.radicado())]);

  const ca = await h.loginAs(inst, AP_A.login);
  await aceptar(ca);
  let r = await ca.get('/sat');
  assert.ok(h.dataKMain(r.text, 'reporte'), 'the AP\'s menu links the report');
  r = await ca.get('/sat/reporte');
  assert.equal(r.status, 200);
  const a = totales(r.text);
  assert.deepEqual(Object.keys(a).sort(), ['ReportarAfiliaciontraslado', 'ReportarRetractoAfiliacion', 'token']);
  const pick = (x) => [x.llamadas, x.recibidos, x.aceptados, x.rechazados, x.aut, x.val, x.srv].map(Number);
  assert.deepEqual(pick(a.token), [3, 0, 0, 0, 1, 0, 0]);
  assert.deepEqual(pick(a.ReportarAfiliaciontraslado), [3, 4, 3, 1, 0, 2, 0]);
  assert.deepEqual(pick(a.ReportarRetractoAfiliacion), [1, 1, 1, 0, 0, 0, 0]);
  for (const x of Object.values(a)) {
    // Milliseconds with the decimal comma: "1,940".
    for (const v of [x.mediana, x.p95, x.max]) assert.match(v, /^\d{1,3}(\.\d{3})*,\d{3}$/);
    const [med, p95, max] = [x.mediana, x.p95, x.max].map((v) => Number(v.replace(/\./g, '').replace(',', '.')));
    assert.ok(med > 0 && med <= p95 && p95 <= max, `median ${med} <= p95 ${p95} <= max ${max}`);
  }

  // Editing the URL does not show another AP: the filter is the session's entity.
  const idB = inst.sql(`SELECT id FROM entidad WHERE nit = '${AP_B.nit}'`);
  r = await ca.get(`/sat/reporte?ap=${idB}`);
  assert.deepEqual(totales(r.text), a);
  r = await ca.get(`/sat/reporte.csv?ap=${idB}`);
  assert.doesNotMatch(r.text, /Porvenir del Caribe/);

  // AP B sees its own only.
  const cb = await h.loginAs(inst, AP_B.login);
  await aceptar(cb);
  const b = totales((await cb.get('/sat/reporte')).text);
  assert.deepEqual(pick(b.token), [1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(pick(b.ReportarAfiliaciontraslado), [1, 2, 2, 0, 0, 0, 0]);
  assert.equal(b.ReportarRetractoAfiliacion, undefined);

  // The ministry: everything, including the unidentified calls; or one AP.
  const m = await h.loginAs(inst, 'CC1010202030');
  assert.match((await m.get('/msps/asignar')).text, /href="\/msps\/ap\/reporte"/, 'MSPS navigation');
  const all = totales((await m.get('/msps/ap/reporte')).text);
  assert.deepEqual(pick(all.token), [5, 0, 0, 0, 2, 0, 0]);
  assert.deepEqual(pick(all.ReportarAfiliaciontraslado), [5, 6, 5, 1, 1, 2, 0]);
  const idA = inst.sql(`SELECT id FROM entidad WHERE nit = '${AP_A.nit}'`);
  r = await m.get(`/msps/ap/reporte?ap=${idA}`);
  assert.equal(r.status, 200);
  assert.deepEqual(totales(r.text), a, 'the ministry\'s view of A is A\'s own view');
  assert.match(r.text, new RegExp(`<option value="${idA}" selected>`));
});

test('the CSV carries the same figures, quoted, as an attachment', async () => {
  // A name that needs quoting and escaping.
  inst.sql(`UPDATE entidad SET razon_social = 'Pensiones "Uno", <b>&amp</b>' WHERE nit = '${AP_A.nit}'`);
  const ca = await h.loginAs(inst, AP_A.login);
  const page = await ca.get('/sat/reporte');
  const link = /href="([^"]+)" data-k="csv"/.exec(page.text)[1].replace(/&amp;/g, '&');
  const r = await ca.get(link);
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/csv; charset=utf-8/);
  assert.match(r.headers['content-disposition'], /^attachment; filename="reporte-ap-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
  const rows = parseCsv(r.text);
  assert.deepEqual(rows[0].slice(0, 5), ['administradora', 'servicio', 'periodo', 'fecha', 'llamadas']);
  assert.match(r.text, /^\uFEFFadministradora;servicio;/, 'a BOM, then ";" between cells');
  assert.match(r.text, /^"Pensiones ""Uno"", <b>&amp<\/b>";/m, 'RFC 4180 quoting');
  const tot = totales(page.text);
  const csvTot = rows.filter((x) => x[2] === 'total');
  assert.equal(csvTot.length, Object.keys(tot).length);
  for (const x of csvTot) {
    const t = tot[x[1]];
    assert.equal(x[0], 'Pensiones "Uno", <b>&amp</b>');
    assert.deepEqual(x.slice(4, 8), [t.llamadas, t.recibidos, t.aceptados, t.rechazados]);
    // The page writes milliseconds with the decimal comma ("1,940"); the CSV microseconds.
    const ms = (us) => {
      const [ent, dec] = (Number(us) / 1000).toFixed(3).split('.');
      return `${ent.replace(/\B(?=(\d{3})+$)/g, '.')},${dec}`;
    };
    assert.deepEqual(x.slice(8, 11).map(ms), [t.mediana, t.p95, t.max]);
    assert.deepEqual(x.slice(11), [t.aut, t.val, t.srv]);
    // The days and the hours add up to the total.
    for (const kind of ['dia', 'hora']) {
      const sum = rows.filter((y) => y[2] === kind && y[1] === x[1]).reduce((s, y) => s + Number(y[4]), 0);
      assert.equal(sum, Number(x[4]), `${kind} calls of ${x[1]}`);
    }
  }
});

test('the chart is server-drawn SVG with escaped labels', async () => {
  const ca = await h.loginAs(inst, AP_A.login);
  const r = await ca.get('/sat/reporte');
  const svg = /<svg[^>]*data-k="grafica"[\s\S]*?<\/svg>/.exec(r.text);
  assert.ok(svg, 'an inline SVG');
  assert.match(svg[0], /<title id="grafica-titulo">Llamadas por día y servicio — Pensiones &quot;Uno&quot;, &lt;b&gt;&amp;amp&lt;\/b&gt;<\/title>/);
  assert.doesNotMatch(svg[0], /<b>/);
  assert.equal((svg[0].match(/<rect [^>]*><title>/g) || []).length >= 3, true, 'a bar per service with calls today');
  assert.doesNotMatch(r.text, /<script(?! src="\/static\/portal\.js")/, 'no script but the site\'s own');
});

test('the date filter is validated, with Spanish messages and the values kept', async () => {
  const m = await h.loginAs(inst, 'CC1010202030');
  let r = await m.get('/msps/ap/reporte?desde=2026-02-30&hasta=2026-03-01');
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'desde'), /fecha válida/);
  assert.match(r.text, /value="2026-02-30"/);
  assert.doesNotMatch(r.text, /data-k="totales"/);
  r = await m.get('/msps/ap/reporte?desde=2026-03-10&hasta=2026-03-01');
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'hasta'), /anterior a la inicial/);
  r = await m.get('/msps/ap/reporte?desde=2026-01-01&hasta=2026-06-01');
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'hasta'), /92 días/);
  r = await m.get('/msps/ap/reporte?ap=999999');
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'ap'), /Elija una administradora/);
  r = await m.get('/msps/ap/reporte.csv?hasta=ayer');
  assert.equal(r.status, 400);
  // A range with no calls.
  r = await m.get('/msps/ap/reporte?desde=2020-01-01&hasta=2020-01-07');
  assert.equal(r.status, 200);
  assert.ok(h.dataKMain(r.text, 'sin-datos'));
});

test('roles are enforced on the server', async () => {
  const anon = inst.client();
  for (const p of ['/sat/reporte', '/msps/ap/reporte', '/msps/ap/reporte.csv', '/sat/reporte.csv']) {
    const r = await anon.get(p);
    assert.equal(r.status, 303, p);
    assert.equal(r.headers.location, '/login');
  }
  const ccf = await h.loginAs(inst, 'CC1020300010');
  assert.equal((await ccf.get('/sat/reporte')).status, 403, 'a CCF has no AP report');
  const ca = await h.loginAs(inst, AP_A.login);
  assert.equal((await ca.get('/msps/ap/reporte')).status, 403);
  assert.equal((await ca.get('/msps/ap/reporte.csv')).status, 403);
  const m = await h.loginAs(inst, 'CC1010202030');
  assert.equal((await m.get('/sat/reporte')).status, 403);
});

// ---- Exact figures against the rollups ----

// The nearest-rank percentile p of durations d (sorted here).
function percentil(d, p) {
  const s = [...d].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((s.length * p) / 100) - 1)];
}

// The exact figures of measurements ms ({ servicio, fecha, recibidos, aceptados,
// rechazados, duracion_us, incidente }) per CSV row: key "servicio|periodo|fecha" ->
// [llamadas, recibidos, aceptados, rechazados, mediana, p95, max, aut, val, srv].
function exactas(ms) {
  const grupos = new Map();
  for (const m of ms) {
    const local = new Date((m.fecha - 5 * 3600) * 1000).toISOString();
    for (const [kind, per] of [['total', 'total'], ['dia', local.slice(0, 10)],
      ['hora', `${local.slice(0, 10)} ${local.slice(11, 13)}:00`]]) {
      const k = `${m.servicio}|${kind}|${per}`;
      if (!grupos.has(k)) grupos.set(k, []);
      grupos.get(k).push(m);
    }
  }
  const out = new Map();
  for (const [k, g] of grupos) {
    const d = g.map((m) => m.duracion_us);
    const sum = (f) => g.reduce((s, m) => s + f(m), 0);
    out.set(k, [g.length, sum((m) => m.recibidos), sum((m) => m.aceptados), sum((m) => m.rechazados),
      percentil(d, 50), percentil(d, 95), Math.max(...d),
      sum((m) => m.incidente === 'autenticacion'), sum((m) => m.incidente === 'validacion'),
      sum((m) => m.incidente === 'servidor')]);
  }
  return out;
}

// Asserts that CSV rows (data rows of the report's CSV) carry exactly the groups of ex:
// counts, sums, maxima and incidents equal; median and p95 within 2.2% + 0.5 us.
function comparar(rows, ex) {
  const vistos = new Set();
  for (const r of rows) {
    const k = `${r[1]}|${r[2]}|${r[3]}`;
    const e = ex.get(k);
    assert.ok(e, `an exact group for CSV row ${k}`);
    vistos.add(k);
    const v = r.slice(4).map(Number);
    assert.deepEqual([v[0], v[1], v[2], v[3], v[6], v[7], v[8], v[9]],
      [e[0], e[1], e[2], e[3], e[6], e[7], e[8], e[9]], `exact figures of ${k}`);
    for (const [i, nombre] of [[4, 'median'], [5, 'p95']]) {
      assert.ok(Math.abs(v[i] - e[i]) <= 0.022 * e[i] + 0.5, `${nombre} of ${k}: ${v[i]}, exact ${e[i]}`);
      assert.ok(v[i] <= v[6], `${nombre} of ${k} at most the maximum`);
    }
  }
  assert.deepEqual([...vistos].sort(), [...ex.keys()].sort(), 'every group, no other');
}

// The calls measured in the report's default range (the last 7 days in Colombia), of one
// AP (id) or all.
function medidas(id) {
  const desde = Date.parse(`${ap.dia(6)}T05:00:00Z`) / 1000;
  return inst.rows(`SELECT servicio, fecha, recibidos, aceptados, rechazados, duracion_us, incidente FROM ap_medicion WHERE fecha >= ${desde}${id ? ` AND entidad_id = ${id}` : ''}`);
}

test('median and p95 of the live calls are within 2.2% of the exact values; counts and maxima exact', async () => {
  const m = await h.loginAs(inst, 'CC1010202030');
  const rows = parseCsv((await m.get('/msps/ap/reporte.csv')).text).slice(1).filter((x) => x.length > 1);
  assert.ok(rows.length > 0);
  comparar(rows, exactas(medidas()));
  // Each call is in its hour's and its day's rollup: as many calls in each as measured.
  assert.equal(inst.sql('SELECT sum(llamadas) FROM ap_resumen WHERE segundos = 3600'), inst.sql('SELECT count(*) FROM ap_medicion'));
  assert.equal(inst.sql('SELECT sum(llamadas) FROM ap_resumen WHERE segundos = 86400'), inst.sql('SELECT count(*) FROM ap_medicion'));
});

// 3,000 unidentified calls on 10 and 11 January 2026 (Colombia), durations spread from
// 100 us to 2 s, measured before migration 021 (the database built up to 020).
function medicionesAntiguas() {
  const t0 = Date.UTC(2026, 0, 10, 5) / 1000;
  const servicios = ['token', 'ReportarAfiliaciontraslado', 'ReportarRetractoAfiliacion'];
  let x = 12345;
  const azar = () => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648; };
  const out = [];
  for (let i = 0; i < 3000; i++) {
    const recibidos = i % 5;
    const rechazados = recibidos > 0 && i % 7 === 0 ? 1 : 0;
    out.push({ servicio: servicios[i % 3], fecha: t0 + Math.floor((i * 172800) / 3000) + (i % 11),
      recibidos, aceptados: recibidos - rechazados, rechazados,
      duracion_us: Math.round(100 * Math.pow(20000, azar())),
      incidente: i % 10 === 0 ? 'validacion' : i % 17 === 0 ? 'autenticacion' : i % 29 === 0 ? 'servidor' : null });
  }
  return out;
}

test('migration 021 rolls up the calls measured before it; the page lists hours up to 7 days, the CSV always', { skip: soloSqlite('migration 021 rolls up the calls measured before it; the page lists hours up to 7 days, the CSV always') }, async () => {
  const antiguas = medicionesAntiguas();
  const viejo = await startPortal({ prepare: (dir) => {
    const db = path.join(dir, 'portal.db');
    const migs = fs.readdirSync(path.join(ROOT, 'db', 'migrations')).filter((x) => /^\d+_.*\.sql$/.test(x) && parseInt(x, 10) < 21).sort();
    for (const m of migs) execFileSync('sqlite3', [db], { input: fs.readFileSync(path.join(ROOT, 'db', 'migrations', m)) });
    const q = (v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
    const values = antiguas.map((m) => `(NULL, ${q(m.servicio)}, ${m.fecha}, 200, ${m.recibidos}, ${m.aceptados}, ${m.rechazados}, ${m.duracion_us}, ${q(m.incidente)})`);
    execFileSync('sqlite3', [db], { input: `PRAGMA user_version = ${parseInt(migs[migs.length - 1], 10)};
      INSERT INTO ap_medicion(entidad_id, servicio, fecha, estado, recibidos, aceptados, rechazados, duracion_us, incidente) VALUES ${values.join(',\n')};` });
  } });
  try {
    assert.equal(viejo.sql('SELECT sum(llamadas) FROM ap_resumen WHERE segundos = 3600'), '3000');
    assert.equal(viejo.sql('SELECT sum(llamadas) FROM ap_resumen WHERE segundos = 86400'), '3000');
    const m = await h.loginAs(viejo, 'CC1010202030');
    const csv = parseCsv((await m.get('/msps/ap/reporte.csv?desde=2026-01-10&hasta=2026-01-11')).text);
    const rows = csv.slice(1).filter((x) => x.length > 1);
    assert.equal(rows.filter((x) => x[2] === 'hora').length, 3 * 48, 'each service in each of the 48 hours');
    comparar(rows, exactas(antiguas));

    // Two days: the page lists the hours, with the totals of the CSV.
    let r = await m.get('/msps/ap/reporte?desde=2026-01-10&hasta=2026-01-11');
    assert.equal(r.status, 200);
    const horas = /<table data-k="horas">[\s\S]*?<\/table>/.exec(r.text);
    assert.ok(horas, 'the hours table');
    assert.equal((horas[0].match(/<tr>/g) || []).length, 3 * 48 + 1, 'a row per service and hour, and the header');
    assert.ok(!h.dataKMain(r.text, 'horas-csv'));
    const tot = totales(r.text);
    for (const x of rows.filter((y) => y[2] === 'total')) assert.equal(Number(tot[x[1]].llamadas.replace(/\./g, '')), Number(x[4]));
    assert.match(r.text, /difieren a lo sumo un 2,2 % del valor exacto/, 'the page says how exact the figures are');
    // A month: the days and the totals only, and where the hours are.
    r = await m.get('/msps/ap/reporte?desde=2026-01-01&hasta=2026-01-31');
    assert.equal(r.status, 200);
    assert.deepEqual(totales(r.text), tot, 'the same totals');
    assert.doesNotMatch(r.text, /data-k="horas"/);
    assert.match(r.text, /data-k="horas-csv">Para un periodo de más de 7 días, las cifras por hora están en el <a href="\/msps\/ap\/reporte\.csv\?desde=2026-01-01&amp;hasta=2026-01-31">CSV<\/a>\./);
    const dias = /<table data-k="dias">[\s\S]*?<\/table>/.exec(r.text)[0];
    assert.equal((dias.match(/<tr>/g) || []).length, 3 * 2 + 1, 'a row per service and day with calls');
    const mes = parseCsv((await m.get('/msps/ap/reporte.csv?desde=2026-01-01&hasta=2026-01-31')).text);
    assert.equal(mes.filter((x) => x[2] === 'hora').length, 3 * 48, 'the CSV has every hour');
  } finally {
    await viejo.stop();
  }
});

test('portal seed-ap loads calls with their rollups: the report gives their exact figures, each AP its own', async () => {
  const antes = Number(inst.sql('SELECT count(*) FROM ap_medicion'));
  assert.throws(() => inst.demo(['seed-ap', '0']), /LLAMADAS mayor que 0/);
  const out = inst.demo(['seed-ap', '6000', '3']);
  assert.match(out, /^seed-ap: 6000 llamadas de 2 administradora\(s\) y sin identificar en 3 día\(s\), \d+ escrituras de resúmenes, en [\d.]+ s$/m);
  assert.equal(Number(inst.sql('SELECT count(*) FROM ap_medicion')), antes + 6000);
  for (const seg of [3600, 86400]) assert.equal(inst.sql(`SELECT sum(llamadas) FROM ap_resumen WHERE segundos = ${seg}`), String(antes + 6000));
  assert.equal(inst.sql("SELECT count(*) FROM auditoria WHERE accion = 'ap_carga' AND detalle LIKE 'seed-ap: 6000 llamadas%'"), '1');
  // Every kind of call and outcome is there, the unidentified ones too.
  const tipos = inst.rows('SELECT DISTINCT servicio, incidente, CASE WHEN entidad_id IS NULL THEN 1 ELSE 0 END AS anon FROM ap_medicion');
  for (const inc of ['autenticacion', 'validacion', 'servidor', null]) assert.ok(tipos.some((x) => x.incidente === inc), `incidente ${inc}`);
  assert.ok(tipos.some((x) => x.anon === 1));

  const csvRows = async (cl, url) => parseCsv((await cl.get(url)).text).slice(1).filter((x) => x.length > 1);
  const m = await h.loginAs(inst, 'CC1010202030');
  comparar(await csvRows(m, '/msps/ap/reporte.csv'), exactas(medidas()));
  const idA = inst.sql(`SELECT id FROM entidad WHERE nit = '${AP_A.nit}'`);
  const idB = inst.sql(`SELECT id FROM entidad WHERE nit = '${AP_B.nit}'`);
  comparar(await csvRows(m, `/msps/ap/reporte.csv?ap=${idA}`), exactas(medidas(idA)));
  // An AP's autorizado: its own calls only, whatever the URL says.
  const cb = await h.loginAs(inst, AP_B.login);
  comparar(await csvRows(cb, `/sat/reporte.csv?ap=${idA}`), exactas(medidas(idB)));
});
