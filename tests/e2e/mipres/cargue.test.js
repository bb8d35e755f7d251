// MIPRES "Cargue masivo" (/mipres/cargue): a provider uploads a CSV or a JSON array of
// entregas or reportes de entrega through nginx; each row is validated and applied on its
// own by the API's code; the result lists every row with its ids or reasons; the same file
// twice creates nothing new (until the step is annulled); a bad file is a 400 with the
// form kept and nothing written; another provider's lines are refused as the API refuses
// them; CSRF and roles are enforced on the server.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');

const A = '/WSSUMMIPRESNOPBS/api';
const EPS = '901234561', P1 = '901500013', P2 = '901500021';
const LOGIN_P1 = 'ADMINMIPRESPROV901500013', LOGIN_P2 = 'ADMINMIPRESPROV901500021';
const DISP = 'DISPMIPRES901500013', DISP_CLAVE = 'Dispensa-Prueba-2026-xyz';
let inst, api, tk = {};

const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

async function put(op, nit, body, extra = '') {
  const r = await api.request('PUT', `${A}/${op}/${nit}/${tk[nit]}${extra}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
  return { ...r, json: JSON.parse(r.text) };
}

// A line of the EPS directed to prov (10 units), programmed by prov: ready for an entrega.
async function lineaProgramada(prov, paciente) {
  let r = await put('Direccionamiento', EPS, { NoPrescripcion: '20260301000000000' + paciente.slice(-3),
    TipoTec: 'M', ConTec: 1, TipoIDPaciente: 'CC', NoIDPaciente: paciente, NoEntrega: 1,
    NoSubEntrega: 0, TipoIDProv: 'NI', NoIDProv: prov, CodMunEnt: '11001', FecMaxEnt: dia(20),
    CantTotAEntregar: '10', DirPaciente: 'Cra 7 # 1-2', CodSerTecAEntregar: '019971860-01' });
  assert.equal(r.status, 200, r.text);
  const id = r.json[0].Id;
  r = await put('Programacion', prov, { ID: id, FecMaxEnt: dia(10), TipoIDSedeProv: 'NI',
    NoIDSedeProv: prov, CodSedeProv: 'PROV000123', CodSerTecAEntregar: '019971860-01',
    CantTotAEntregar: '10' });
  assert.equal(r.status, 200, r.text);
  return id;
}

// Uploads a file as a browser does (the csrf of the page unless given).
async function cargar(c, tipo, filename, data, { csrf, type = 'text/csv' } = {}) {
  if (csrf === undefined) csrf = await c.csrf('/mipres/cargue');
  const fields = {};
  if (csrf !== null) fields.csrf = csrf;
  if (tipo !== null) fields.tipo = tipo;
  const files = filename === null ? {} : { archivo: { filename, type, data } };
  return c.postMultipart('/mipres/cargue', fields, files);
}

// The rows of the result table: { fila, resultado, id, idpaso, motivos }.
function filas(html) {
  return [...html.matchAll(/<tr data-fila="(\d+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({
    fila: Number(m[1]),
    resultado: dataK(m[2], 'resultado'),
    id: dataK(m[2], 'id'),
    idpaso: dataK(m[2], 'idpaso'),
    motivos: h.dataKAll(m[2], 'motivo').map(h.htmlDecode),
  }));
}

function resumen(html) {
  return ['aplicadas', 'repetidas', 'rechazadas'].map((k) => Number(h.dataKMain(html, k).replace(/\./g, '')));
}

// What an upload may write: steps, upload rows, MIPRES audit entries.
const estado = () => inst.sql("SELECT (SELECT count(*) || ':' || coalesce(sum(estado), 0) FROM mipres_paso) || ' ' || " +
  "(SELECT count(*) FROM mipres_cargue_fila) || ' ' || (SELECT count(*) FROM auditoria WHERE accion LIKE 'mipres%')");
// SQL for the value of key k of the JSON text in column col (SQLite's json_extract;
// PostgreSQL's ->>, the same text).
const campo = (col, k) => (inst.engine === 'postgresql' ? `(${col})::json->>'${k}'` : `json_extract(${col}, '$.${k}')`);
const pasos = (tipo, id) => inst.rows(`SELECT id, estado FROM mipres_paso WHERE tipo = '${tipo}' AND linea_id = ${id} ORDER BY id`);

const ENC = 'ID,CodSerTecEntregado,CantTotEntregada,EntTotal,CausaNoEntrega,FecEntrega,NoLote,TipoIDRecibe,NoIDRecibe';
const fila = (id, o = {}) => [id, '019971860-01', o.cant ?? '10', o.total ?? '1', o.causa ?? '',
  o.fecha ?? dia(), o.lote ?? 'L1', 'CC', '79000111'].join(',');

let L = {};	// the lines of the tests, by name
let mixto;	// the CSV of good and bad rows, uploaded twice

before(async () => {
  inst = await startPortal();
  api = inst.client();
  for (const [nit, reg] of [[EPS, 'contributivo'], [P1], [P2]]) {
    const user = inst.portal(['mipres-token', nit, ...(reg ? [reg] : [])]).trim();
    const r = await api.get(`${A}/GenerarToken/${nit}/${user}`);
    assert.equal(r.status, 200, r.text);
    tk[nit] = JSON.parse(r.text);
  }
  for (const k of ['bien', 'formato', 'regla', 'comillas', 'columnas', 'json1', 'json2', 'bom', 'aislada'])
    L[k] = await lineaProgramada(P1, '7900' + (100 + Object.keys(L).length));
  L.ajena = await lineaProgramada(P2, '79000999');
  inst.portal(['user-add', DISP, 'Rol_MIPRES_Dispensador', P1, 'Ana Dispensadora', 'ana@dispensadora.example.co'],
    DISP_CLAVE + '\n');
});
after(() => inst && inst.stop());

test('the page: the form, the limits, the columns of each kind and their CSV templates', async () => {
  const c = await h.loginAs(inst, LOGIN_P1);
  const r = await c.get('/mipres/cargue');
  assert.equal(r.status, 200);
  const main = h.mainOf(r.text);
  assert.match(main, /enctype="multipart\/form-data"/);
  assert.match(main, /1024 KiB \(1 MiB\) y 5\.000 filas/);
  assert.match(main, /<select id="f-tipo" name="tipo"/);
  assert.match(main, /<code>CantTotEntregada<\/code><strong>\*<\/strong>/);
  assert.match(main, /<code>NoLote<\/code>,/);
  const t = await c.get('/mipres/cargue/plantilla?tipo=entrega');
  assert.equal(t.status, 200);
  assert.match(t.headers['content-type'], /^text\/csv/);
  assert.match(t.headers['content-disposition'], /attachment; filename="plantilla-entregas.csv"/);
  assert.equal(t.text, '\uFEFF' + ENC.replace(/,/g, ';') + '\r\n');
  const rep = await c.get('/mipres/cargue/plantilla?tipo=reporte');
  assert.equal(rep.text, '\uFEFFID;EstadoEntrega;CausaNoEntrega;ValorEntregado\r\n');
  assert.equal((await c.get('/mipres/cargue/plantilla?tipo=suministro')).status, 404);
});

test('a CSV of good and bad rows: each applied or refused on its own, with ids or reasons', async () => {
  const c = await h.loginAs(inst, LOGIN_P1);
  // The API's own answer for another provider's line (it writes nothing).
  const ajena = await put('Entrega', P1, { ID: L.ajena, CodSerTecEntregado: '019971860-01',
    CantTotEntregada: '10', EntTotal: 1, CausaNoEntrega: null, FecEntrega: dia(), NoLote: 'L1',
    TipoIDRecibe: 'CC', NoIDRecibe: '79000111' });
  assert.equal(ajena.status, 422);
  mixto = [ENC,
    fila(L.bien),                                     // line 2: good
    fila(L.formato, { cant: 'diez', fecha: '2026-02-30' }), // 3: two malformed fields
    fila(L.regla, { total: '0' }),                    // 4: partial without its cause
    fila(L.ajena),                                    // 5: another provider's line
    '',                                               // 6: blank, skipped
    fila(L.comillas, { lote: '"L-5, lote ""A"""' }),  // 7: good, quoted field
    `${L.columnas},019971860-01,10`,                  // 8: too few columns
  ].join('\n') + '\n';
  const antes = estado();
  const r = await cargar(c, 'entrega', 'entregas.csv', mixto);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(resumen(r.text), [2, 0, 4]);
  const f = filas(r.text);
  assert.deepEqual(f.map((x) => [x.fila, x.resultado]), [[2, 'Registrada'], [3, 'Rechazada'],
    [4, 'Rechazada'], [5, 'Rechazada'], [7, 'Registrada'], [8, 'Rechazada']]);
  // The ids shown are the steps written, and only the good rows wrote one.
  const eBien = pasos('E', L.bien), eComillas = pasos('E', L.comillas);
  assert.equal(eBien.length, 1);
  assert.equal(eComillas.length, 1);
  assert.deepEqual([f[0].id, f[0].idpaso], [String(L.bien), String(eBien[0].id)]);
  assert.deepEqual([f[4].id, f[4].idpaso], [String(L.comillas), String(eComillas[0].id)]);
  for (const k of ['formato', 'regla', 'ajena', 'columnas']) assert.deepEqual(pasos('E', L[k]), [], k);
  assert.equal(inst.sql(`SELECT ${campo('datos', 'NoLote')} FROM mipres_paso WHERE id = ${eComillas[0].id}`), 'L-5, lote "A"');
  // The reasons name the field, as the API's messages do.
  assert.deepEqual(f[1].motivos, ['CantTotEntregada: El valor debe ser una cadena de dígitos.',
    'FecEntrega: La fecha debe tener el formato AAAA-MM-DD.']);
  assert.deepEqual(f[2].motivos, ['CausaNoEntrega: una entrega parcial (EntTotal 0) necesita la causa 4, 11, 12 o 13.']);
  assert.deepEqual(f[3].motivos, ajena.json.Errors);
  assert.match(f[3].motivos[0], /^ID: no existe un direccionamiento con ese ID para este proveedor/);
  assert.deepEqual(f[5].motivos, ['La fila tiene 3 columnas; el encabezado tiene 9.']);
  for (const x of [f[1], f[2], f[3], f[5]]) assert.deepEqual([x.id, x.idpaso], ['—', '—']);
  // Exactly two steps, two upload rows, and the audit: one per step plus one for the upload.
  assert.notEqual(estado(), antes);
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_cargue_fila f JOIN entidad e ON e.id = f.entidad_id WHERE e.nit = '${P1}'`), '2');
  const aud = inst.rows("SELECT detalle, login FROM auditoria WHERE accion = 'mipres_cargue'");
  assert.equal(aud.length, 1);
  assert.equal(aud[0].login, LOGIN_P1);
  assert.match(aud[0].detalle, /Entregas \(archivo entregas\.csv\): 6 filas, 2 registradas, 0 ya registradas, 4 rechazadas/);
  assert.equal(inst.sql(`SELECT count(*) FROM auditoria WHERE accion = 'mipres_Entrega' AND login = '${LOGIN_P1}'`), '2');
});

test('the same file again creates nothing: "Ya registrada" with the original ids; after an annulment it applies again', async () => {
  const c = await h.loginAs(inst, LOGIN_P1);
  const primera = { bien: pasos('E', L.bien)[0].id, comillas: pasos('E', L.comillas)[0].id };
  const nPasos = inst.sql('SELECT count(*) FROM mipres_paso');
  let r = await cargar(c, 'entrega', 'entregas (copia).csv', mixto);
  assert.equal(r.status, 200);
  assert.deepEqual(resumen(r.text), [0, 2, 4]);
  let f = filas(r.text);
  assert.deepEqual(f.map((x) => x.resultado), ['Ya registrada', 'Rechazada', 'Rechazada',
    'Rechazada', 'Ya registrada', 'Rechazada']);
  assert.deepEqual([f[0].id, f[0].idpaso], [String(L.bien), String(primera.bien)]);
  assert.deepEqual([f[4].id, f[4].idpaso], [String(L.comillas), String(primera.comillas)]);
  assert.equal(inst.sql('SELECT count(*) FROM mipres_paso'), nPasos);
  // The same content written differently (separator, quotes, CRLF, "010" for 10) is the same row.
  const otra = [ENC, fila(L.bien, { cant: '010' })].join('\r\n').replace(/,/g, ';');
  r = await cargar(c, 'entrega', 'otra.csv', otra);
  assert.deepEqual(resumen(r.text), [0, 1, 0]);
  assert.equal(filas(r.text)[0].idpaso, String(primera.bien));
  // Annulled through the API, the row is applied again, and its new step is the one shown after.
  const an = await put('AnularEntrega', P1, undefined, `/${primera.bien}`);
  assert.equal(an.status, 200, an.text);
  r = await cargar(c, 'entrega', 'entregas.csv', mixto);
  assert.deepEqual(resumen(r.text), [1, 1, 4]);
  f = filas(r.text);
  assert.equal(f[0].resultado, 'Registrada');
  const nueva = pasos('E', L.bien);
  assert.deepEqual(nueva.map((p) => p.estado), [0, 1]);
  assert.equal(f[0].idpaso, String(nueva[1].id));
  r = await cargar(c, 'entrega', 'entregas.csv', mixto);
  assert.deepEqual(resumen(r.text), [0, 2, 4]);
  assert.equal(filas(r.text)[0].idpaso, String(nueva[1].id));
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_cargue_fila f JOIN entidad e ON e.id = f.entidad_id WHERE e.nit = '${P1}'`), '2');
});

test('the same file uploaded twice at the same time: each row registered once, "Ya registrada" in the other', async () => {
  const ids = [];
  for (let i = 0; i < 30; i++) ids.push(await lineaProgramada(P1, String(79500000 + i)));
  const csv = [ENC, ...ids.map((id) => fila(id))].join('\n');
  // Logged in one after the other: concurrent logins may meet the hashing cap (429).
  const a = await h.loginAs(inst, LOGIN_P1), b = await h.loginAs(inst, LOGIN_P1);
  const [ra, rb] = await Promise.all([cargar(a, 'entrega', 'doble.csv', csv), cargar(b, 'entrega', 'doble.csv', csv)]);
  assert.equal(ra.status, 200);
  assert.equal(rb.status, 200);
  const [sa, sb] = [resumen(ra.text), resumen(rb.text)];
  assert.deepEqual([sa[0] + sb[0], sa[1] + sb[1], sa[2] + sb[2]], [30, 30, 0], `${sa} / ${sb}`);
  for (const id of ids) assert.deepEqual(pasos('E', id).map((x) => x.estado), [1], `line ${id}`);
});

test('a JSON array of reportes de entrega, typed as the API accepts them', async () => {
  const c = await h.loginAs(inst, LOGIN_P1);
  // Two more lines delivered through the API, to report on.
  for (const k of ['json1', 'json2']) {
    const r = await put('Entrega', P1, { ID: L[k], CodSerTecEntregado: '019971860-01',
      CantTotEntregada: '10', EntTotal: 1, CausaNoEntrega: null, FecEntrega: dia(), NoLote: 'L1',
      TipoIDRecibe: 'CC', NoIDRecibe: '79000111' });
    assert.equal(r.status, 200, r.text);
  }
  const cuerpo = JSON.stringify([
    { ID: L.json1, EstadoEntrega: 1, CausaNoEntrega: null, ValorEntregado: '150000' },
    { id: String(L.json2), estadoentrega: '1', ValorEntregado: 98000, Otro: 'ignorado' },
    { ID: L.bien, EstadoEntrega: true, ValorEntregado: '1' },
    { ID: L.comillas, EstadoEntrega: 0, ValorEntregado: '0' },
    'no es un objeto',
    { ID: L.ajena, EstadoEntrega: 1, ValorEntregado: '150000' },
  ], null, 2);
  const antes = inst.sql("SELECT count(*) FROM mipres_paso WHERE tipo = 'R'");
  let r = await cargar(c, 'reporte', 'reportes.json', cuerpo, { type: 'application/json' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(resumen(r.text), [2, 0, 4]);
  const f = filas(r.text);
  assert.deepEqual(f.map((x) => [x.fila, x.resultado]), [[1, 'Registrada'], [2, 'Registrada'],
    [3, 'Rechazada'], [4, 'Rechazada'], [5, 'Rechazada'], [6, 'Rechazada']]);
  assert.equal(f[0].idpaso, String(pasos('R', L.json1)[0].id));
  assert.equal(f[1].idpaso, String(pasos('R', L.json2)[0].id));
  assert.equal(f[1].id, String(L.json2));
  assert.match(r.text, />IdReporteEntrega</);
  assert.deepEqual(f[2].motivos, ['EstadoEntrega: El valor no es válido para el tipo del campo.']);
  assert.deepEqual(f[3].motivos, ['CausaNoEntrega: un reporte de no entrega (EstadoEntrega 0) necesita la causa 7, 8 o 9.']);
  assert.deepEqual(f[4].motivos, ['El elemento no es un objeto JSON ({…}).']);
  assert.match(f[5].motivos[0], /^ID: no existe un direccionamiento con ese ID para este proveedor/);
  assert.equal(inst.sql("SELECT count(*) FROM mipres_paso WHERE tipo = 'R'"), String(Number(antes) + 2));
  assert.equal(inst.sql(`SELECT ${campo('datos', 'ValorEntregado')} FROM mipres_paso WHERE id = ${f[1].idpaso}`), '98000');
  // Again: nothing new.
  r = await cargar(c, 'reporte', 'reportes.json', cuerpo, { type: 'application/json' });
  assert.deepEqual(resumen(r.text), [0, 2, 4]);
  assert.equal(inst.sql("SELECT count(*) FROM mipres_paso WHERE tipo = 'R'"), String(Number(antes) + 2));
});

test("';' with a BOM and CRLF (Excel in Colombia), columns in any order and case, by a Dispensador", async () => {
  const c = inst.client();
  const login = await c.login(DISP, DISP_CLAVE);
  assert.equal(login.status, 303);
  // Two blank lines before the header: the row is still named by its line in the file (4).
  const csv = '\uFEFF\r\n \r\nnoidrecibe;TipoIDRecibe;ID;codsertecentregado;CantTotEntregada;EntTotal;FecEntrega\r\n' +
    `"79000111";CC;${L.bom};019971860-01;4;1;${dia()}\r\n`;
  const r = await cargar(c, 'entrega', 'excel.csv', Buffer.from(csv, 'utf8'));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(resumen(r.text), [1, 0, 0]);
  const e = pasos('E', L.bom);
  assert.equal(e.length, 1);
  assert.equal(filas(r.text)[0].idpaso, String(e[0].id));
  assert.equal(filas(r.text)[0].fila, 4);
  assert.equal(inst.sql(`SELECT cantidad FROM mipres_paso WHERE id = ${e[0].id}`), '4');
  assert.equal(inst.sql(`SELECT count(*) FROM auditoria WHERE accion = 'mipres_cargue' AND login = '${DISP}'`), '1');
});

test('a bad file: 400, the message next to the file, the kind kept, nothing written', async () => {
  const c = await h.loginAs(inst, LOGIN_P1);
  const csrf = await c.csrf('/mipres/cargue');
  const linea = fila(L.aislada) + '\n';
  const grande = ENC + '\n' + linea.repeat(Math.ceil(1.1 * 1024 * 1024 / linea.length));
  const muchas = ENC + '\n' + linea.repeat(5001);
  assert.ok(muchas.length < 1024 * 1024);
  const casos = [
    ['libro.xlsx', Buffer.from('PK\x03\x04\x00\x00binario\x00'), /no es un CSV ni un JSON/],
    ['vacio.csv', '', /El archivo está vacío/],
    ['blancos.csv', ' \r\n\r\n', /El archivo está vacío/],
    ['solo.csv', ENC + '\r\n', /solo tiene el encabezado/],
    ['otras.csv', 'ID,Cantidad,Foo\n1,2,3\n', /Columnas desconocidas: Cantidad, Foo/],
    ['faltan.csv', 'ID,CodSerTecEntregado,CantTotEntregada,EntTotal,NoLote\n1,x,1,1,L\n',
      /Faltan columnas obligatorias de Entregas: FecEntrega, TipoIDRecibe, NoIDRecibe/],
    ['repetida.csv', `${ENC},id\n${fila(L.aislada)},1\n`, /La columna ID está repetida/],
    ['reportes.csv', 'ID,EstadoEntrega,ValorEntregado\n1,1,5\n', /Columnas desconocidas: EstadoEntrega, ValorEntregado/],
    ['comillas.csv', ENC + '\n' + fila(L.aislada, { lote: '"abierto' }) + '\n', /Línea 2: unas comillas/],
    ['latin1.csv', Buffer.concat([Buffer.from(ENC + '\n'), Buffer.from(fila(L.aislada, { lote: 'Año' }), 'latin1')]), /no está en UTF-8/],
    ['objeto.json', '{"ID": 1}', /debe ser un arreglo de objetos/],
    ['roto.json', '[{"ID": 1,]', /no es un JSON válido \(línea 1/, 'reporte'],
    ['vacio.json', ' [ ] ', /arreglo JSON está vacío/],
    ['grande.csv', grande, /supera el tamaño permitido \(1 MiB\)/],
    ['muchas.csv', muchas, /más de 5000 filas además del encabezado/],
    ['muchas.json', JSON.stringify(Array(5001).fill({ ID: 1 })), /más de 5000 registros/],
    // Counted before parsing: refused for its size although its end is not even JSON.
    ['muchas-rotas.json', '[' + '{"NoLote": "a,[b"},'.repeat(5001) + '{]', /más de 5000 registros/],
  ];
  const antes = estado();
  for (const [nombre, data, msg, tipo = 'entrega'] of casos) {
    const r = await cargar(c, tipo, nombre, data, { csrf });
    assert.equal(r.status, 400, nombre);
    assert.match(h.fieldError(r.text, 'archivo') || '', msg, nombre);
    assert.ok(h.dataKMain(r.text, 'errores'), nombre);
    assert.match(r.text, new RegExp(`<option value="${tipo}" selected>`), `${nombre}: the kind kept`);
    assert.deepEqual(filas(r.text), [], nombre);
  }
  // No kind chosen, and no file at all.
  let r = await cargar(c, null, 'x.csv', ENC + '\n' + fila(L.aislada) + '\n', { csrf });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'tipo'), /Elija qué registra el archivo/);
  r = await cargar(c, 'entrega', null, null, { csrf });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'archivo'), /Adjunte el archivo CSV o JSON/);
  assert.equal(estado(), antes);
  assert.deepEqual(pasos('E', L.aislada), []);
  // Over the body's cap nginx refuses it before the portal reads it.
  r = await cargar(c, 'entrega', 'enorme.csv', 'x'.repeat(2 * 1024 * 1024 + 10), { csrf });
  assert.equal(r.status, 413);
  assert.equal(estado(), antes);
});

test("isolation: a provider uploading another's line IDs gets them refused, nothing written", async () => {
  const c2 = await h.loginAs(inst, LOGIN_P2);
  const antes = estado();
  // P1's untouched line, and the exact row P1 registered: no "Ya registrada" across entities.
  const r = await cargar(c2, 'entrega', 'ajenas.csv', [ENC, fila(L.aislada), fila(L.bien)].join('\n'));
  assert.equal(r.status, 200);
  assert.deepEqual(resumen(r.text), [0, 0, 2]);
  for (const f of filas(r.text)) {
    assert.equal(f.resultado, 'Rechazada');
    assert.deepEqual([f.id, f.idpaso], ['—', '—']);
    assert.deepEqual(f.motivos, ['ID: no existe un direccionamiento con ese ID para este proveedor (NoIDProv).']);
  }
  assert.deepEqual(pasos('E', L.aislada), []);
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_cargue_fila f JOIN entidad e ON e.id = f.entidad_id WHERE e.nit = '${P2}'`), '0');
  // Only the upload's own audit entry was added.
  const [p0, f0, a0] = antes.split(' '), [p1, f1, a1] = estado().split(' ');
  assert.deepEqual([p1, f1, Number(a1)], [p0, f0, Number(a0) + 1]);
  // P2's own line goes through.
  const ok = await cargar(c2, 'entrega', 'propias.csv', [ENC, fila(L.ajena)].join('\n'));
  assert.deepEqual(resumen(ok.text), [1, 0, 0]);
  assert.equal(pasos('E', L.ajena).length, 1);
});

test('POST without a valid CSRF token is refused and writes nothing', async () => {
  const c = await h.loginAs(inst, LOGIN_P1);
  const antes = estado();
  const data = [ENC, fila(L.aislada)].join('\n');
  let r = await cargar(c, 'entrega', 'x.csv', data, { csrf: null });
  assert.equal(r.status, 403);
  r = await cargar(c, 'entrega', 'x.csv', data, { csrf: 'x'.repeat(43) });
  assert.equal(r.status, 403);
  assert.equal(estado(), antes);
  assert.deepEqual(pasos('E', L.aislada), []);
});

test('roles: EPS, other modules and anonymous users cannot use the upload', async () => {
  const data = [ENC, fila(L.aislada)].join('\n');
  const antes = estado();
  for (const user of ['ADMINMIPRESEPSC901234561', h.DEL_LLAVES]) {
    const c = await h.loginAs(inst, user);
    const csrf = await c.csrf('/');
    assert.equal((await c.get('/mipres/cargue')).status, 403, user);
    assert.equal((await c.get('/mipres/cargue/plantilla?tipo=entrega')).status, 403, user);
    assert.equal((await cargar(c, 'entrega', 'x.csv', data, { csrf: csrf || 'x' })).status, 403, user);
  }
  const anon = inst.client();
  const g = await anon.get('/mipres/cargue');
  assert.ok([303, 401, 403].includes(g.status), String(g.status));
  assert.ok((await cargar(anon, 'entrega', 'x.csv', data, { csrf: 'x' })).status >= 300);
  assert.equal(estado(), antes);
  assert.deepEqual(pasos('E', L.aislada), []);
});

// ---- Rows applied in groups (100 to a transaction, each in a savepoint of its own) ----

// n more programmed lines of P1 for today (portal seed-mipres): their IDs.
function lineasSembradas(n) {
  const [, a, b] = /\(ID (\d+) a (\d+)\)/.exec(inst.demo(['seed-mipres', String(n)]));
  const ids = [];
  for (let id = Number(a); id <= Number(b); id++) ids.push(id);
  assert.equal(ids.length, n);
  return ids;
}
const csvDe = (ids) => [ENC, ...ids.map((id) => fila(id, { cant: '30' }))].join('\n');
// The active entregas of lines ids: { linea: idpaso }.
const entregas = (ids) => Object.fromEntries(inst.rows(`SELECT linea_id, id FROM mipres_paso WHERE tipo = 'E' AND estado > 0 AND linea_id BETWEEN ${ids[0]} AND ${ids[ids.length - 1]}`).map((x) => [x.linea_id, x.id]));

test('5,000 rows, the most an upload takes: each applied once, with its own ids; again, each "Ya registrada"', async (t) => {
  const ids = lineasSembradas(5000);
  const c = await h.loginAs(inst, LOGIN_P1);
  const csv = csvDe(ids);
  const t0 = process.hrtime.bigint();
  let r = await cargar(c, 'entrega', 'grande.csv', csv);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  t.diagnostic(`Cargue masivo de 5.000 filas: ${ms.toFixed(0)} ms (carga ${require('node:fs').readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
  assert.equal(r.status, 200);
  assert.deepEqual(resumen(r.text), [5000, 0, 0]);
  const e = entregas(ids);
  const f = filas(r.text);
  assert.equal(f.length, 5000);
  assert.deepEqual(f.map((x) => [x.id, x.idpaso]), ids.map((id) => [String(id), String(e[id])]), 'each row its line and its own entrega');
  r = await cargar(c, 'entrega', 'grande.csv', csv);
  assert.deepEqual(resumen(r.text), [0, 5000, 0]);
  assert.deepEqual(filas(r.text).map((x) => x.idpaso), f.map((x) => x.idpaso), 'the original ids');
  assert.deepEqual(entregas(ids), e, 'nothing new');
});

test('a group that does not commit: its rows are reported as not registered, none of them stays; the other groups stand', async () => {
  const ids = lineasSembradas(250);
  const antes = Number(inst.sql('SELECT count(*) FROM mipres_cargue_fila'));
  // The entrega of row 151 (the 51st of the second group) rolls back the whole transaction
  // (SQLite); on PostgreSQL it fails to serialize, in every run of the group (a savepoint
  // survives any other error).
  const pg = inst.engine === 'postgresql';
  inst.sql(pg ? `CREATE FUNCTION prueba_falla() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'prueba' USING ERRCODE = '40001'; END $$;
    CREATE TRIGGER prueba_falla BEFORE INSERT ON mipres_paso FOR EACH ROW WHEN (NEW.linea_id = ${ids[150]})
      EXECUTE FUNCTION prueba_falla()` :
    `CREATE TRIGGER prueba_falla BEFORE INSERT ON mipres_paso WHEN NEW.linea_id = ${ids[150]} BEGIN SELECT RAISE(ROLLBACK, 'prueba'); END`);
  const c = await h.loginAs(inst, LOGIN_P1);
  let r;
  try {
    r = await cargar(c, 'entrega', 'grupo.csv', csvDe(ids));
  } finally {
    inst.sql(pg ? 'DROP TRIGGER prueba_falla ON mipres_paso; DROP FUNCTION prueba_falla()' : 'DROP TRIGGER prueba_falla');
  }
  assert.equal(r.status, 200);
  // Rows 1-100 committed; 101-150 were in the lost transaction, 151 failed; 152-250 in the next.
  assert.deepEqual(resumen(r.text), [199, 0, 51]);
  const e = entregas(ids);
  for (const x of filas(r.text)) {
    const id = Number(x.id) || ids[x.fila - 2];
    if (x.resultado === 'Registrada') {
      assert.equal(x.idpaso, String(e[id]), `row ${x.fila} is in the database`);
    } else {
      assert.equal(e[ids[x.fila - 2]], undefined, `row ${x.fila} is not`);
      assert.deepEqual(x.motivos, ['No se pudo registrar la fila por un error del portal; vuelva a cargar el archivo más tarde (las filas ya registradas no se repiten).']);
    }
  }
  assert.deepEqual(filas(r.text).filter((x) => x.resultado !== 'Registrada').map((x) => x.fila - 2), [...Array(51).keys()].map((k) => 100 + k));
  assert.equal(Number(inst.sql('SELECT count(*) FROM mipres_cargue_fila')), antes + 199);
  // Uploaded again, the 51 apply and the 199 are "Ya registrada".
  r = await cargar(c, 'entrega', 'grupo.csv', csvDe(ids));
  assert.deepEqual(resumen(r.text), [51, 199, 0]);
  assert.equal(Object.keys(entregas(ids)).length, 250);
});

test('300 rows uploaded twice at the same time, over several groups: each registered once', async () => {
  const ids = lineasSembradas(300);
  const a = await h.loginAs(inst, LOGIN_P1), b = await h.loginAs(inst, LOGIN_P1);
  const [ra, rb] = await Promise.all([cargar(a, 'entrega', 'doble.csv', csvDe(ids)), cargar(b, 'entrega', 'doble.csv', csvDe(ids))]);
  assert.equal(ra.status, 200);
  assert.equal(rb.status, 200);
  const [sa, sb] = [resumen(ra.text), resumen(rb.text)];
  assert.deepEqual([sa[0] + sb[0], sa[1] + sb[1], sa[2] + sb[2]], [300, 300, 0], `${sa} / ${sb}`);
  const e = entregas(ids);
  assert.equal(Object.keys(e).length, 300);
  // Both pages name the same entrega for each row.
  const fa = filas(ra.text), fb = filas(rb.text);
  for (let i = 0; i < 300; i++) assert.equal(fa[i].idpaso, fb[i].idpaso, `row ${i + 2}`);
});
