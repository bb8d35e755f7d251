// The follow-up report of the AP services: the figures match exactly the calls this test
// makes; an AP sees only its own (URL and filter editing change nothing), ministry staff
// all or one; the date filter is validated; the CSV carries the same figures; the chart
// is server-drawn SVG with escaped labels; roles are enforced on the server.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, csrfOf } = require('../lib/portal.js');
const h = require('./helpers.js');
const ap = require('./ap_helpers.js');

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
