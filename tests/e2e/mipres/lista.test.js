// MIPRES home (/mipres) and "Direccionamientos" (/mipres/direccionamientos) through nginx:
// the hub's links per role; the search by date, by prescription and by patient, with the
// state of each step and the next actions as links; validation (400, message, values
// kept); the CSV export equal to the table, with spreadsheet formulas neutralised; what
// each entity sees (provider by NoIDProv, EPS by entity and régimen); roles on the server;
// the demo dispensador.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');

const A = '/WSSUMMIPRESNOPBS/api';
const EPS = '901234561', P1 = '901500013', P2 = '901500021';
const DISP = 'CC1040500010';	// the demo Rol_MIPRES_Dispensador of P1
const L = '/mipres/direccionamientos';
let inst, api, tk = {};

// Today and another day in Colombia (UTC-5), YYYY-MM-DD.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);
// The demo's line k (cgi/tools/demo_mipres.c): prescription and patient.
const presc = (k) => `2026${String(1000 + k).padStart(16, '0')}`;
const doc = (k) => String(52000100 + k * 7);

async function put(op, nit, body) {
  const r = await api.request('PUT', `${A}/${op}/${nit}/${tk[nit]}`, {
    body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
  assert.equal(r.status, 200, r.text);
  return JSON.parse(r.text)[0];
}

const direccionamiento = (prov, extra = {}) => ({
  NoPrescripcion: '20261111000000000001', TipoTec: 'M', ConTec: 1, TipoIDPaciente: 'CC',
  NoIDPaciente: '79000111', NoEntrega: 1, NoSubEntrega: 0, TipoIDProv: 'NI', NoIDProv: prov,
  CodMunEnt: '11001', FecMaxEnt: dia(20), CantTotAEntregar: '10', DirPaciente: 'Cra 7 # 1-2',
  CodSerTecAEntregar: '019971860-01', ...extra,
});

// The lines of the result list: per line its data-k values (decoded), the step ids and
// the action links.
function filas(html) {
  const t = /<ol class="lineas" data-k="lineas">([\s\S]*?)<\/ol>/.exec(h.mainOf(html));
  if (!t) return [];
  return [...t[1].matchAll(/<li class="linea" data-id="(\d+)">([\s\S]*?)<\/details>/g)].map((m) => {
    const f = { id: m[1] };
    for (const x of m[2].matchAll(/data-k="([a-z-]+)"(?: data-paso="(\d*)")?>([^<]*)</g)) {
      if (x[1] === 'accion') continue;
      f[x[1]] = h.htmlDecode(x[3]);
      if (x[2] !== undefined) f['id-' + x[1].slice(4)] = x[2];
    }
    f.acciones = [...m[2].matchAll(/<a class="button small(?: danger)?" href="([^"]*)" data-k="accion" data-accion="([^"]*)">([^<]*)</g)]
      .map((a) => ({ href: h.htmlDecode(a[1]), k: a[2], texto: h.htmlDecode(a[3]) }));
    return f;
  });
}
const porPresc = (rows, p) => rows.find((f) => f.prescripcion === p);
const acc = (f) => f.acciones.map((a) => `${a.texto} ${a.href}`).sort();

const { parseCsv } = h;

let ambito, formula, subsid;
before(async () => {
  inst = await startPortal();
  api = inst.client();
  for (const [nit, reg] of [[EPS, 'contributivo'], [P1], [P2]]) {
    const user = inst.portal(['mipres-token', nit, ...(reg ? [reg] : [])]).trim();
    const r = await api.get(`${A}/GenerarToken/${nit}/${user}`);
    tk[nit] = JSON.parse(r.text);
  }
  // An entrega ámbito of P1, and a direccionamiento to P1 whose technology code is a formula.
  ambito = await put('EntregaAmbito', P1, { NoPrescripcion: '20261111000000000002', TipoTec: 'M',
    ConTec: 1, TipoIDPaciente: 'TI', NoIDPaciente: '1001234567', NoEntrega: 1,
    CodSerTecEntregado: '019971860-02', CantTotEntregada: '5', EntTotal: 1, CausaNoEntrega: null,
    FecEntrega: dia(), NoLote: 'L9' });
  formula = await put('Direccionamiento', EPS, direccionamiento(P1, { CodSerTecAEntregar: '=1+2,"x"' }));
  // A direccionamiento of the same EPS in the régimen subsidiado.
  const user = inst.portal(['mipres-token', EPS, 'subsidiado']).trim();
  tk.sub = JSON.parse((await api.get(`${A}/GenerarToken/${EPS}/${user}`)).text);
  const r = await api.request('PUT', `${A}/Direccionamiento/${EPS}/${tk.sub}`, {
    body: JSON.stringify(direccionamiento(P1, { NoPrescripcion: '20261111000000000003' })),
    headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 200, r.text);
  subsid = JSON.parse(r.text)[0];
});
after(() => inst && inst.stop());

test('the demo dispensador logs in and lands on the MIPRES home with the provider links', async () => {
  const c = await h.loginAs(inst, DISP);
  assert.equal((await c.get('/')).headers.location, '/mipres');
  const r = await c.get('/mipres');
  assert.equal(r.status, 200);
  // The header names the entity; the page does not repeat it.
  assert.deepEqual(h.dataKAll(r.text, 'entidad'), ['Dispensadora Farmacéutica del Centro']);
  assert.match(h.dataKAll(r.text, 'nit').join(), /^901500013-\d$/);
  assert.equal(h.dataKMain(r.text, 'entidad'), null);
  assert.equal(h.dataKMain(r.text, 'nit'), null);
  const links = [...h.mainOf(r.text).matchAll(/href="([^"]+)" data-k="enlace-([a-z]+)"/g)].map((m) => `${m[2]} ${m[1]}`);
  assert.deepEqual(links.sort(), ['ambito /mipres/ambito', 'cargue /mipres/cargue',
    'direccionamientos /mipres/direccionamientos', 'token /mipres/token']);
  // The EPS's home has its own links instead.
  const e = await (await h.loginAs(inst, 'ADMINMIPRESEPSC901234561')).get('/mipres');
  const elinks = [...h.mainOf(e.text).matchAll(/href="([^"]+)" data-k="enlace-([a-z]+)"/g)].map((m) => `${m[2]} ${m[1]}`);
  assert.deepEqual(elinks.sort(), ['direccionamientos /mipres/direccionamientos',
    'direccionar /mipres/direccionar', 'nodireccionar /mipres/nodireccionar', 'token /mipres/token']);
  assert.match(h.dataKAll(e.text, 'nit').join(), new RegExp(`^${EPS}-\\d$`));
});

test('by date: the provider sees its lines with the state of each step and its next actions', async () => {
  const c = await h.loginAs(inst, DISP);
  const r = await c.get(`${L}?por=fecha&fecha=${dia()}`);
  assert.equal(r.status, 200);
  assert.ok(h.mainOf(r.text).includes('La fecha es la del direccionamiento'));
  const rows = filas(r.text);
  assert.deepEqual(rows.map((f) => f.prescripcion).sort(), [presc(0), presc(2), presc(4), presc(6),
    presc(8), '20261111000000000001', '20261111000000000002', '20261111000000000003'].sort());
  assert.equal(h.dataKMain(r.text, 'total'), '8');
  const id = (k) => porPresc(rows, presc(k)).id;
  // k0: directed only.
  let f = porPresc(rows, presc(0));
  assert.equal(f['est-direccionamiento'], 'Activo');
  for (const s of ['programacion', 'entrega', 'reporte', 'suministro']) assert.equal(f['est-' + s], '—');
  assert.deepEqual([f.tipotec, f.contec, f.codsertec, f.tipodoc, f.numdoc, f.noentrega, f.cantidad, f.fecmaxent, f.fecha],
    ['M', '1', '019971860-01', 'CC', doc(0), '1', '60', h.fechaEs(dia(30)), h.fechaEs(dia())]);
  assert.equal(f.estado, 'Direccionamiento: Activo', 'the line\'s state in words');
  assert.deepEqual(acc(f), [`Programar /mipres/programar/${id(0)}`]);
  // k2: programmed.
  f = porPresc(rows, presc(2));
  assert.deepEqual([f['est-direccionamiento'], f['est-programacion'], f['est-entrega']], ['Procesado', 'Activo', '—']);
  const idP = inst.sql(`SELECT id FROM mipres_paso WHERE linea_id = ${id(2)} AND tipo = 'P'`);
  assert.equal(f['id-programacion'], idP);
  assert.deepEqual(acc(f), [`Anular programación /mipres/anular/programacion/${idP}`,
    `Entregar /mipres/entregar/${id(2)}`].sort());
  // k4: delivered and reported.
  f = porPresc(rows, presc(4));
  assert.deepEqual([f['est-entrega'], f['est-reporte'], f['est-suministro']], ['Procesado', 'Activo', '—']);
  const idR = inst.sql(`SELECT id FROM mipres_paso WHERE linea_id = ${id(4)} AND tipo = 'R'`);
  assert.deepEqual(acc(f), [`Anular reporte /mipres/anular/reporte/${idR}`]);
  assert.equal(f.estado, 'Reporte de entrega: Activo');
  // k8: the direccionamiento annulled: nothing to do.
  f = porPresc(rows, presc(8));
  assert.equal(f['est-direccionamiento'], 'Anulado');
  assert.deepEqual(f.acciones, []);
  assert.equal(f.estado, 'Direccionamiento: Anulado');
  assert.equal(f['sin-acciones'], 'Sin acciones pendientes.', 'an empty place says why');
  // The entrega ámbito: no direccionamiento; its date is the entrega's.
  f = rows.find((x) => x.id === String(ambito.Id));
  assert.deepEqual([f['est-direccionamiento'], f['est-entrega'], f.codsertec, f.cantidad, f.fecha, f.ambito],
    ['—', 'Activo', '019971860-02', '—', h.fechaEs(dia()), '(entrega ámbito)']);
  assert.equal(f.estado, 'Entrega: Activo');
  assert.deepEqual(acc(f), [`Anular entrega /mipres/anular/entrega/${ambito.IdEntrega}`,
    `Reportar entrega /mipres/reportar/${ambito.Id}`].sort());
  // Another day: nothing, with the message.
  const otro = await c.get(`${L}?por=fecha&fecha=${dia(-3)}`);
  assert.equal(otro.status, 200);
  assert.deepEqual(filas(otro.text), []);
  assert.match(h.dataKMain(otro.text, 'sin-resultados'), /No se encontraron direccionamientos/);
  assert.equal(h.dataKMain(otro.text, 'csv'), null);
  assert.equal(h.inputValue(otro.text, 'fecha'), dia(-3));
});

test('by prescription and by patient and date', async () => {
  const c = await h.loginAs(inst, 'ADMINMIPRESPROV901500021');
  let r = await c.get(`${L}?por=prescripcion&prescripcion=${presc(3)}`);
  assert.equal(r.status, 200);
  let rows = filas(r.text);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0]['est-programacion'], rows[0]['est-entrega'], rows[0]['est-reporte']], ['Procesado', 'Activo', '—']);
  const idE = inst.sql(`SELECT id FROM mipres_paso WHERE linea_id = ${rows[0].id} AND tipo = 'E'`);
  assert.deepEqual(acc(rows[0]), [`Anular entrega /mipres/anular/entrega/${idE}`,
    `Reportar entrega /mipres/reportar/${rows[0].id}`].sort());
  assert.equal(h.inputValue(r.text, 'prescripcion'), presc(3));
  // k5: the EPS recorded the suministro: nothing left for the provider.
  r = await c.get(`${L}?por=paciente&tipodoc=CC&numdoc=${doc(5)}&fecha=${dia()}`);
  rows = filas(r.text);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].prescripcion, presc(5));
  assert.equal(rows[0]['est-suministro'], 'Activo');
  assert.deepEqual(rows[0].acciones, []);
  assert.match(r.text, /<option value="CC" selected>/);
  assert.equal(h.inputValue(r.text, 'numdoc'), doc(5));
  // The same patient on another day, or with another document type: nothing.
  for (const q of [`tipodoc=CC&numdoc=${doc(5)}&fecha=${dia(1)}`, `tipodoc=TI&numdoc=${doc(5)}&fecha=${dia()}`]) {
    const x = await c.get(`${L}?por=paciente&${q}`);
    assert.equal(x.status, 200);
    assert.deepEqual(filas(x.text), []);
    assert.ok(h.dataKMain(x.text, 'sin-resultados'));
  }
});

test('an invalid search is a 400 with the message next to the field and the values kept', async () => {
  const c = await h.loginAs(inst, DISP);
  let r = await c.get(`${L}?por=fecha&fecha=2026-02-30`);
  assert.equal(r.status, 400);
  assert.equal(h.fieldError(r.text, 'fecha'), 'Escriba una fecha válida con el formato AAAA-MM-DD.');
  assert.equal(h.inputValue(r.text, 'fecha'), '2026-02-30');
  assert.deepEqual(filas(r.text), []);
  r = await c.get(`${L}?por=prescripcion&prescripcion=${encodeURIComponent('12a<b>')}`);
  assert.equal(r.status, 400);
  assert.equal(h.fieldError(r.text, 'prescripcion'), 'Escriba el número de prescripción: solo dígitos, hasta 20.');
  assert.equal(h.inputValue(r.text, 'prescripcion'), '12a<b>');
  assert.ok(!r.text.includes('12a<b>'), 'escaped');
  r = await c.get(`${L}?por=paciente&tipodoc=XX&numdoc=${encodeURIComponent('52.000 1')}&fecha=`);
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text).sort(), ['numdoc', 'pfecha', 'tipodoc']);
  assert.equal(h.fieldError(r.text, 'tipodoc'), 'Elija el tipo de documento del paciente.');
  assert.match(h.fieldError(r.text, 'numdoc'), /solo letras y dígitos/);
  assert.equal(h.fieldError(r.text, 'pfecha'), 'Escriba la fecha del direccionamiento (AAAA-MM-DD).');
  assert.equal(h.inputValue(r.text, 'numdoc'), '52.000 1');
  // The summary on top links to each wrong field, in the page's order.
  assert.deepEqual(h.errorSummary(r.text).links.map((l) => l[0]), ['#f-pfecha', '#f-tipodoc', '#f-numdoc']);
  assert.equal(h.errorSummary(r.text).links[1][1], 'Elija el tipo de documento del paciente.');
  r = await c.get(`${L}?por=otra`);
  assert.equal(r.status, 400);
  assert.match(r.text, /<p class="error" id="f-por-err">Elija cómo buscar/);
  // The CSV of an invalid search is the page with its messages.
  r = await c.get(`${L}?por=fecha&fecha=ayer&formato=csv`);
  assert.equal(r.status, 400);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.ok(h.fieldError(r.text, 'fecha'));
  r = await c.get(`${L}?formato=csv`);
  assert.equal(r.status, 400);
  // Without a search: only the forms, today's date proposed.
  r = await c.get(L);
  assert.equal(r.status, 200);
  assert.equal(h.inputValue(r.text, 'fecha'), dia());
  assert.equal(h.dataKMain(r.text, 'total'), null);
});

test('the CSV holds the table: same lines and values, step ids, formulas neutralised', async () => {
  const c = await h.loginAs(inst, DISP);
  const page = await c.get(`${L}?por=fecha&fecha=${dia()}`);
  const href = h.htmlDecode(/href="([^"]+)" data-k="csv"/.exec(page.text)[1]);
  assert.equal(href, `${L}?por=fecha&fecha=${dia()}&formato=csv`);
  const r = await c.get(href);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'text/csv; charset=utf-8');
  assert.equal(r.headers['content-disposition'], `attachment; filename="direccionamientos-${dia()}.csv"`);
  const [head, ...body] = parseCsv(r.text);
  assert.deepEqual(head, ['ID', 'NoPrescripcion', 'TipoTec', 'ConTec', 'CodSerTecAEntregar',
    'TipoIDPaciente', 'NoIDPaciente', 'NoEntrega', 'CantTotAEntregar', 'FecMaxEnt',
    'FecDireccionamiento', 'EntregaAmbito', 'IDDireccionamiento', 'EstDireccionamiento',
    'IDProgramacion', 'EstProgramacion', 'IDEntrega', 'EstEntrega', 'IDReporteEntrega',
    'EstReporteEntrega', 'IDSuministro', 'EstSuministro']);
  const rows = filas(page.text);
  assert.equal(body.length, rows.length);
  const guion = (s) => (s === '—' ? '' : s);
  for (let i = 0; i < rows.length; i++) {
    const f = rows[i], x = Object.fromEntries(head.map((k, j) => [k, body[i][j]]));
    const cod = x.CodSerTecAEntregar.startsWith("'") ? x.CodSerTecAEntregar.slice(1) : x.CodSerTecAEntregar;
    assert.deepEqual([x.ID, x.NoPrescripcion, x.TipoTec, x.ConTec, cod, x.TipoIDPaciente, x.NoIDPaciente,
      x.NoEntrega, x.CantTotAEntregar, h.fechaEs(x.FecMaxEnt), h.fechaEs(x.FecDireccionamiento)],
    [f.id, f.prescripcion, f.tipotec, f.contec, f.codsertec, f.tipodoc, f.numdoc, guion(f.noentrega),
      guion(f.cantidad), guion(f.fecmaxent), f.fecha]);
    for (const [s, k] of [['direccionamiento', 'Direccionamiento'], ['programacion', 'Programacion'],
      ['entrega', 'Entrega'], ['reporte', 'ReporteEntrega'], ['suministro', 'Suministro']]) {
      assert.equal(x['Est' + k], guion(f['est-' + s]), `${f.id} ${s}`);
      assert.equal(x['ID' + k], f['id-' + s], `${f.id} id ${s}`);
    }
    assert.equal(x.EntregaAmbito, f.ambito ? '1' : '0');
  }
  // The formula: shown as text in the page, neutralised in the file.
  const f = rows.find((x) => x.id === String(formula.Id));
  assert.equal(f.codsertec, '=1+2,"x"');
  assert.ok(r.text.includes(`"'=1+2,""x"""`), 'quoted, with the apostrophe');
  assert.equal(body.find((x) => x[0] === String(formula.Id))[4], `'=1+2,"x"`);
  for (const row of body) for (const cell of row) assert.ok(!/^[=+\-@]/.test(cell), cell);
});

test('isolation: a provider sees only its lines, in the page and the CSV; an EPS its own of its régimen', async () => {
  const p2 = await h.loginAs(inst, 'ADMINMIPRESPROV901500021');
  const mine = [1, 3, 5, 7].map(presc);
  const r = await p2.get(`${L}?por=fecha&fecha=${dia()}`);
  assert.deepEqual(filas(r.text).map((f) => f.prescripcion).sort(), mine);
  const csv = parseCsv((await p2.get(`${L}?por=fecha&fecha=${dia()}&formato=csv`)).text);
  assert.deepEqual(csv.slice(1).map((x) => x[1]).sort(), mine);
  const p1ids = inst.lista(`SELECT id FROM mipres_linea WHERE prov_nit = '${P1}' ORDER BY id`).split(',');
  for (const row of csv.slice(1)) assert.ok(!p1ids.includes(row[0]));
  // P1's prescription, patient and ámbito line, asked by P2: nothing.
  for (const q of [`por=prescripcion&prescripcion=${presc(4)}`, `por=paciente&tipodoc=CC&numdoc=${doc(4)}&fecha=${dia()}`,
    'por=prescripcion&prescripcion=20261111000000000002']) {
    const x = await p2.get(`${L}?${q}`);
    assert.equal(x.status, 200);
    assert.deepEqual(filas(x.text), []);
    assert.equal(parseCsv((await p2.get(`${L}?${q}&formato=csv`)).text).length, 1, 'only the header');
  }
  // The EPS (contributivo): its direccionamientos to both providers, not the ámbito line
  // (no EPS), not the subsidiado one; its own actions.
  const eps = await h.loginAs(inst, 'ADMINMIPRESEPSC901234561');
  const e = filas((await eps.get(`${L}?por=fecha&fecha=${dia()}`)).text);
  assert.deepEqual(e.map((f) => f.prescripcion).sort(),
    [...[0, 1, 2, 3, 4, 5, 6, 7, 8].map(presc), '20261111000000000001'].sort());
  const idOf = (k, t) => inst.sql(`SELECT id FROM mipres_paso WHERE linea_id = ${porPresc(e, presc(k)).id} AND tipo = '${t}'`);
  assert.deepEqual(acc(porPresc(e, presc(4))), [`Registrar suministro /mipres/suministrar/${porPresc(e, presc(4)).id}`]);
  assert.deepEqual(acc(porPresc(e, presc(5))), [`Anular suministro /mipres/anular/suministro/${idOf(5, 'S')}`]);
  assert.deepEqual(acc(porPresc(e, presc(1))), [`Anular direccionamiento /mipres/anular/direccionamiento/${idOf(1, 'D')}`]);
  assert.deepEqual(porPresc(e, presc(2)).acciones, [], 'a programmed line: nothing for the EPS');
  assert.deepEqual(porPresc(e, presc(8)).acciones, []);
  // The régimen subsidiado's line: seen by the EPS's subsidiado role only.
  assert.deepEqual(filas((await eps.get(`${L}?por=prescripcion&prescripcion=20261111000000000003`)).text), []);
  inst.portal(['user-add', 'ADMINMIPRESEPSS901234561', 'securityAdmin_MIPRES_EPSS', EPS, 'Delegada subsidiado',
    'subsidiado@eps.example.co'], 'Portal-Demo-2026\n');
  const sub = await h.loginAs(inst, 'ADMINMIPRESEPSS901234561');
  const s = filas((await sub.get(`${L}?por=fecha&fecha=${dia()}`)).text);
  assert.deepEqual(s.map((f) => f.id), [String(subsid.Id)]);
  // Another EPS sees none of them.
  inst.sql(`INSERT INTO entidad(nit, razon_social, razon_norm, tipo, creada) VALUES ('901234570', 'Otra EPS', 'otra eps', 'EPSC', 0)`);
  inst.portal(['user-add', 'ADMINMIPRESEPSC901234570', 'securityAdmin_MIPRES_EPSC', '901234570', 'Delegada otra EPS',
    'otra@eps.example.co'], 'Portal-Demo-2026\n');
  const otra = await h.loginAs(inst, 'ADMINMIPRESEPSC901234570');
  for (const q of [`por=fecha&fecha=${dia()}`, `por=prescripcion&prescripcion=${presc(4)}`]) {
    const x = await otra.get(`${L}?${q}`);
    assert.deepEqual(filas(x.text), []);
    assert.equal(parseCsv((await otra.get(`${L}?${q}&formato=csv`)).text).length, 1);
  }
});

test('roles: other roles are refused, anonymous users go to the login', async () => {
  const ips = await h.loginAs(inst, h.DEL_LLAVES);
  for (const p of ['/mipres', `${L}?por=fecha&fecha=${dia()}`, `${L}?por=fecha&fecha=${dia()}&formato=csv`]) {
    const r = await ips.get(p);
    assert.equal(r.status, 403, p);
    assert.ok(!r.text.includes(presc(0)));
    const anon = await inst.client().get(p);
    assert.equal(anon.status, 303, p);
    assert.equal(anon.headers.location, '/login');
  }
});

test('a search of more than 500 lines shows the first 500 with a note; the CSV holds them all', async () => {
  const d = dia(-5);
  inst.sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 505)
    INSERT INTO mipres_linea(eps_id, regimen, prov_nit, no_prescripcion, tipo_tec, con_tec,
      tipo_id_paciente, no_id_paciente, no_entrega, fec_max_ent, cant_total, creada)
    SELECT (SELECT id FROM entidad WHERE nit = '${EPS}'), 'contributivo', '${P2}',
      '20265550' || (100000000000 + i), 'M', 1, 'CC', '' || (70000000 + i), 1, '${dia(20)}', 3, 0 FROM n;
    INSERT INTO mipres_paso(linea_id, tipo, estado, fecha, dia, prov_nit, eps_id, cantidad, datos)
    SELECT id, 'D', 1, 0, '${d}', prov_nit, eps_id, 3, '{"CodSerTecAEntregar":"019971860-01"}'
    FROM mipres_linea WHERE no_prescripcion LIKE '2026555%';`);
  const c = await h.loginAs(inst, 'ADMINMIPRESPROV901500021');
  const r = await c.get(`${L}?por=fecha&fecha=${d}`);
  assert.equal(r.status, 200);
  const rows = filas(r.text);
  assert.equal(rows.length, 500);
  assert.equal(h.dataKMain(r.text, 'total'), '500');
  assert.match(h.dataKMain(r.text, 'tope'), /primeras 500 líneas/);
  const first = Number(inst.sql(`SELECT min(id) FROM mipres_linea WHERE no_prescripcion LIKE '2026555%'`));
  assert.deepEqual(rows.map((f) => Number(f.id)), Array.from({ length: 500 }, (_, i) => first + i), 'the first 500 by ID');
  const csv = parseCsv((await c.get(`${L}?por=fecha&fecha=${d}&formato=csv`)).text);
  assert.equal(csv.length, 1 + 505);
  // Under the cap, no note.
  const few = await c.get(`${L}?por=fecha&fecha=${dia()}`);
  assert.equal(h.dataKMain(few.text, 'tope'), null);
});
