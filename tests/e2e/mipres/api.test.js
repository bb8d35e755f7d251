// The MIPRES Suministro JSON API (spec/mipres.md), called as the field's clients call it:
// plain HTTPS through nginx, the NIT and the temporary token in the path, JSON bodies.
// Each endpoint, both token endings, any case, every error shape, [] when nothing
// matches, the whole cycle and its annulments, the business rules, isolation between
// entities, expiry, body cap, and that no log keeps a token.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal } = require('../../lib/portal.js');

const A = '/WSSUMMIPRESNOPBS/api';
const EPS = '901234561', P1 = '901500013', P2 = '901500021';
let inst, c, tk = {};

// Today and a date ahead in Colombia (UTC-5), YYYY-MM-DD.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

function call(method, p, body, headers = {}) {
  const opts = { headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    opts.body = typeof body === 'string' ? body : JSON.stringify(body);
    opts.headers['Content-Type'] = 'application/json';
  }
  return c.request(method, p, opts).then((r) => {
    let json = null;
    try { json = JSON.parse(r.text); } catch { /* asserted by the caller */ }
    return { ...r, json };
  });
}
const put = (op, nit, body, tok) => call('PUT', `${A}/${op}/${nit}/${tok || tk[nit]}`, body);

async function temporal(nit, userToken) {
  const r = await call('GET', `${A}/GenerarToken/${nit}/${userToken}`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.equal(typeof r.json, 'string');
  assert.match(r.json, /^[A-Za-z0-9_-]{43}=$/);
  return r.json;
}

const direccionamiento = (prov, extra = {}) => ({
  NoPrescripcion: '20260101123456789012', TipoTec: 'M', ConTec: 1, TipoIDPaciente: 'CC',
  NoIDPaciente: '79000111', NoEntrega: 1, NoSubEntrega: 0, TipoIDProv: 'NI', NoIDProv: prov,
  CodMunEnt: '11001', FecMaxEnt: dia(20), CantTotAEntregar: '10', DirPaciente: 'Cra 7 # 1-2',
  CodSerTecAEntregar: '019971860-01', ...extra,
});
const programacion = (id, extra = {}) => ({
  ID: id, FecMaxEnt: dia(10), TipoIDSedeProv: 'NI', NoIDSedeProv: P1, CodSedeProv: 'PROV000123',
  CodSerTecAEntregar: '019971860-01', CantTotAEntregar: '10', ...extra,
});
const entrega = (id, extra = {}) => ({
  ID: id, CodSerTecEntregado: '019971860-01', CantTotEntregada: '10', EntTotal: 1,
  CausaNoEntrega: null, FecEntrega: dia(), NoLote: 'L1', TipoIDRecibe: 'CC',
  NoIDRecibe: '79000111', ...extra,
});
const reporte = (id, extra = {}) => ({ ID: id, EstadoEntrega: 1, CausaNoEntrega: null,
  ValorEntregado: '150000', ...extra });
const suministro = (id, extra = {}) => ({ ID: id, UltEntrega: 1, EntregaCompleta: 1,
  CausaNoEntrega: null, NoPrescripcionAsociada: null, ConTecAsociada: null,
  CantTotEntregada: '10', NoLote: 'L1', ValorEntregado: '150000', ...extra });

// A new direccionamiento of the EPS to prov; returns { id, idDir }.
async function nuevaLinea(prov, extra) {
  const r = await put('Direccionamiento', EPS, direccionamiento(prov, extra));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json[0]), ['Id', 'IdDireccionamiento']);
  return { id: r.json[0].Id, idDir: r.json[0].IdDireccionamiento };
}

function assert422(r, part) {
  assert.equal(r.status, 422, r.text);
  assert.equal(typeof r.json.Message, 'string');
  assert.ok(Array.isArray(r.json.Errors) && r.json.Errors.length >= 1, r.text);
  if (part) assert.ok(r.json.Errors.some((e) => e.includes(part)), `${part} in ${r.text}`);
}

before(async () => {
  inst = await startPortal();
  c = inst.client();
  for (const [nit, reg] of [[EPS, 'contributivo'], [P1], [P2]]) {
    const user = inst.portal(['mipres-token', nit, ...(reg ? [reg] : [])]).trim();
    assert.match(user, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    tk[nit] = await temporal(nit, user);
    tk['user' + nit] = user;
  }
});
after(() => inst && inst.stop());

test('GenerarToken: a JSON string of 44 characters; wrong user token or NIT is 401 JSON', async () => {
  const t = await temporal(P1, tk['user' + P1].toUpperCase());
  assert.notEqual(t, tk[P1]);
  for (const p of [`${P1}/00000000-0000-4000-8000-000000000000`, `${P2}/${tk['user' + P1]}`,
    `${P1}/no-es-un-guid`]) {
    const r = await call('GET', `${A}/GenerarToken/${p}`);
    assert.equal(r.status, 401);
    assert.deepEqual(Object.keys(r.json), ['Message']);
    assert.match(r.json.Message, /token/);
  }
  // Only its hash is stored; the audit records the issue.
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_token WHERE hash = '${tk['user' + P1]}' OR final = '${tk['user' + P1]}'`), '0');
  assert.ok(Number(inst.sql("SELECT count(*) FROM auditoria WHERE accion = 'mipres_token_temporal'")) >= 4);
});

test('token endings = and %3D, routes in any case, an Authorization header ignored', async () => {
  const q = `${A}/DireccionamientoXFecha/${EPS}`;
  const raw = await call('GET', `${q}/${tk[EPS]}/${dia()}`);
  const enc = await call('GET', `${q}/${tk[EPS].replace(/=$/, '%3D')}/${dia()}`);
  const low = await call('GET', `${A.toLowerCase()}/direccionamientoxfecha/${EPS}/${tk[EPS].replace(/=$/, '%3d')}/${dia()}`,
    undefined, { Authorization: 'Bearer otra-cosa' });
  assert.equal(raw.status, 200);
  assert.ok(raw.json.length >= 1, 'the demo lines of today');
  assert.deepEqual(enc.json, raw.json);
  assert.deepEqual(low.json, raw.json);
  const nodir = await put('nodireccionamiento', EPS, { NoPrescripcion: '20260101000000000077',
    TipoTec: 'P', ConTec: 2, TipoIDPaciente: 'TI', NoIDPaciente: '1001', NoPrescripcionAsociada: null,
    ConTecAsociada: null, CausaNoEntrega: 6 }, tk[EPS].replace(/=$/, '%3D'));
  assert.equal(nodir.status, 200, nodir.text);
  assert.deepEqual(Object.keys(nodir.json[0]), ['Id', 'IdNODireccionamiento']);
  const got = await call('GET', `${A}/NODireccionamientoXPrescripcion/${EPS}/${tk[EPS]}/20260101000000000077`);
  assert.equal(got.json.length, 1);
  assert.equal(got.json[0].ID, nodir.json[0].Id);
  assert.equal(got.json[0].IDNODireccionamiento, nodir.json[0].IdNODireccionamiento);
  assert.equal(got.json[0].CausaNoEntrega, 6);
  assert.equal(got.json[0].EstNODireccionamiento, 1);
});

test('the whole cycle: shapes, types, states, queries by date, prescription and patient', async () => {
  const { id, idDir } = await nuevaLinea(P1, { NoPrescripcion: '20260101000000000001', NoIDPaciente: '5550001' });
  let r = await put('Programacion', P1, programacion(id, { CantTotAEntregar: '8' }));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json[0]), ['Id', 'IdProgramacion']);
  assert.equal(r.json[0].Id, id);
  const idProg = r.json[0].IdProgramacion;
  r = await put('Entrega', P1, entrega(id, { CantTotEntregada: '8' }));
  assert.equal(r.status, 200, r.text);
  const idEnt = r.json[0].IdEntrega;
  r = await put('ReporteEntrega', P1, reporte(id));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json[0]), ['Id', 'IdReporteEntrega']);
  r = await put('Suministro', EPS, suministro(id, { CantTotEntregada: '8' }));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json[0]), ['Id', 'IdSuministro']);

  // Reads: ID and ID<Step>, strings of digits, integers, dates "YYYY-MM-DD HH:mm", states.
  const [e] = (await call('GET', `${A}/EntregaXPrescripcion/${P1}/${tk[P1]}/20260101000000000001`)).json;
  assert.equal(e.ID, id);
  assert.equal(e.IDEntrega, idEnt);
  assert.equal(e.CantTotEntregada, '8');
  assert.equal(e.EntTotal, 1);
  assert.equal(e.ConTec, 1);
  assert.equal(e.CausaNoEntrega, null);
  assert.equal(e.FecEntrega, `${dia()} 00:00`);
  assert.equal(e.EstEntrega, 2, 'processed: its reporte is active');
  assert.equal(e.FecAnulacion, null);
  assert.equal(e.NoPrescripcion, '20260101000000000001');
  assert.equal(e.TipoIDRecibe, 'CC');
  const [d] = (await call('GET', `${A}/DireccionamientoXPacienteFecha/${EPS}/${dia()}/${tk[EPS]}/CC/5550001`)).json;
  assert.equal(d.IDDireccionamiento, idDir);
  assert.equal(d.CantTotAEntregar, '10');
  assert.equal(d.EstDireccionamiento, 2);
  assert.match(d.FecDireccionamiento, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.equal(d.FecMaxEnt, `${dia(20)} 00:00`);
  const [p] = (await call('GET', `${A}/ProgramacionXPacienteFecha/${P1}/${dia()}/${tk[P1]}/CC/5550001`)).json;
  assert.equal(p.IDProgramacion, idProg);
  assert.equal(p.CantTotAEntregar, '8');
  const [rep] = (await call('GET', `${A}/ReporteEntregaXFecha/${P1}/${tk[P1]}/${dia()}`)).json.filter((x) => x.ID === id);
  assert.equal(rep.ValorEntregado, '150000');
  assert.equal(rep.EstadoEntrega, 1);
  assert.equal(rep.EstRepEntrega, 2);
  const [s] = (await call('GET', `${A}/SuministroXPrescripcion/${EPS}/${tk[EPS]}/20260101000000000001`)).json;
  assert.equal(s.EstSuministro, 1);
  assert.equal(s.UltEntrega, 1);
  assert.equal(s.CantTotEntregada, '8');

  // Annulments walk back: refused while the next step is active; the previous step returns
  // to Activo each time.
  r = await call('PUT', `${A}/AnularEntrega/${P1}/${tk[P1]}/${idEnt}`);
  assert422(r, 'reporte');
  const ids = { Suministro: s.IDSuministro, ReporteEntrega: rep.IDReporteEntrega };
  r = await call('PUT', `${A}/AnularSuministro/${EPS}/${tk[EPS]}/${ids.Suministro}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, [{ Mensaje: `Anulación Exitosa ID: ${ids.Suministro}` }]);
  assert.equal(inst.sql(`SELECT estado FROM mipres_paso WHERE id = ${rep.IDReporteEntrega}`), '1');
  r = await call('PUT', `${A}/AnularSuministro/${EPS}/${tk[EPS]}/${ids.Suministro}`);
  assert422(r, 'anulado');
  r = await call('PUT', `${A}/ANULARREPORTEENTREGA/${P1}/${tk[P1]}/${ids.ReporteEntrega}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(inst.sql(`SELECT estado FROM mipres_paso WHERE id = ${idEnt}`), '1');
  r = await call('PUT', `${A}/AnularEntrega/${P1}/${tk[P1]}/${idEnt}`);
  assert.equal(r.status, 200);
  r = await call('PUT', `${A}/AnularProgramacion/${P1}/${tk[P1]}/${idProg}`);
  assert.equal(r.status, 200);
  assert.equal(inst.sql(`SELECT estado FROM mipres_paso WHERE id = ${idDir}`), '1');
  const [ea] = (await call('GET', `${A}/EntregaXPrescripcion/${P1}/${tk[P1]}/20260101000000000001`)).json;
  assert.equal(ea.EstEntrega, 0);
  assert.match(ea.FecAnulacion, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  // Programmed again after the annulment, then the direccionamiento cannot be annulled.
  r = await put('Programacion', P1, programacion(id));
  assert.equal(r.status, 200, r.text);
  r = await call('PUT', `${A}/AnularDireccionamiento/${EPS}/${tk[EPS]}/${idDir}`);
  assert422(r, 'programación');
  // Every write and annulment left an audit row.
  assert.ok(Number(inst.sql("SELECT count(*) FROM auditoria WHERE accion LIKE 'mipres_anular_%'")) >= 4);
});

test('an empty string in an optional field is an absent field (NODireccionamiento, Suministro)', async () => {
  const vacios = { NoPrescripcionAsociada: '', ConTecAsociada: '' };
  const nodir = await put('NODireccionamiento', EPS, { NoPrescripcion: '20260101000000000078',
    TipoTec: 'P', ConTec: 2, TipoIDPaciente: 'TI', NoIDPaciente: '1002', CausaNoEntrega: 6, ...vacios });
  assert.equal(nodir.status, 200, nodir.text);
  const [n] = (await call('GET', `${A}/NODireccionamientoXPrescripcion/${EPS}/${tk[EPS]}/20260101000000000078`)).json;
  assert.equal(n.NoPrescripcionAsociada, null);
  assert.equal(n.ConTecAsociada, null);
  const { id } = await nuevaLinea(P1, { NoPrescripcion: '20260101000000000079' });
  for (const [op, body] of [['Programacion', programacion(id)], ['Entrega', entrega(id, { CausaNoEntrega: '' })],
    ['ReporteEntrega', reporte(id, { CausaNoEntrega: '' })]]) {
    const r = await put(op, P1, body);
    assert.equal(r.status, 200, `${op}: ${r.text}`);
  }
  const r = await put('Suministro', EPS, suministro(id, { CausaNoEntrega: '', ...vacios }));
  assert.equal(r.status, 200, r.text);
  const [s] = (await call('GET', `${A}/SuministroXPrescripcion/${EPS}/${tk[EPS]}/20260101000000000079`)).json;
  assert.equal(s.NoPrescripcionAsociada, null);
  assert.equal(s.CausaNoEntrega, null);
  // A required field stays required: "" there is a 400 naming it.
  const bad = await put('Suministro', EPS, suministro(id, { ValorEntregado: '' }));
  assert.equal(bad.status, 400);
  assert.ok(Object.keys(bad.json.ModelState).some((k) => /ValorEntregado/.test(k)), bad.text);
});

test('EntregaAmbito: no direccionamiento; annulled on its own', async () => {
  const r = await put('EntregaAmbito', P2, { NoPrescripcion: '20260101000000000099', TipoTec: 'M',
    ConTec: 1, TipoIDPaciente: 'CC', NoIDPaciente: '888', NoEntrega: 1, CodSerTecEntregado: 'X1',
    CantTotEntregada: '3', EntTotal: 1, CausaNoEntrega: 0, FecEntrega: dia(), NoLote: null });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json[0]), ['Id', 'IdEntrega']);
  const [e] = (await call('GET', `${A}/EntregaXPrescripcion/${P2}/${tk[P2]}/20260101000000000099`)).json;
  assert.equal(e.CausaNoEntrega, null);
  assert.equal(e.EstEntrega, 1);
  const a = await call('PUT', `${A}/AnularEntrega/${P2}/${tk[P2]}/${r.json[0].IdEntrega}`);
  assert.equal(a.status, 200, a.text);
});

test('business rules: each a 422 naming the field, nothing written', async () => {
  const { id } = await nuevaLinea(P1);
  const before = inst.sql('SELECT count(*) FROM mipres_paso');
  assert422(await put('Entrega', P1, entrega(id)), 'programación activa');
  assert422(await put('ReporteEntrega', P1, reporte(id)), 'entrega activa');
  assert422(await put('Suministro', EPS, suministro(id)), 'reporte de entrega activo');
  assert422(await put('Programacion', P1, programacion(id, { CantTotAEntregar: '11' })), 'CantTotAEntregar');
  assert422(await put('Programacion', P1, programacion(id, { CantTotAEntregar: '0' })), 'CantTotAEntregar');
  assert422(await put('Programacion', P1, programacion(id, { CodSedeProv: 'SEDE1' })), 'CodSedeProv');
  assert422(await put('Direccionamiento', EPS, direccionamiento(P1, { TipoTec: 'X' })), 'TipoTec');
  assert422(await put('Direccionamiento', EPS, direccionamiento(P1, { FecMaxEnt: dia(-1) })), 'FecMaxEnt');
  assert422(await put('Direccionamiento', P1, direccionamiento(P1)), 'EPS');
  assert.equal(inst.sql('SELECT count(*) FROM mipres_paso'), before);
  assert.equal((await put('Programacion', P1, programacion(id, { CantTotAEntregar: '6' }))).status, 200);
  assert422(await put('Programacion', P1, programacion(id)), 'ya tiene una programación');
  assert422(await put('Entrega', P1, entrega(id, { CantTotEntregada: '7' })), 'CantTotEntregada');
  assert422(await put('Entrega', P1, entrega(id, { CantTotEntregada: '5', EntTotal: 0 })), '4, 11, 12 o 13');
  assert422(await put('Entrega', P1, entrega(id, { CantTotEntregada: '0', EntTotal: 0, CausaNoEntrega: 4 })), '7, 8 o 9');
  assert422(await put('Entrega', P1, entrega(id, { CantTotEntregada: '5', CausaNoEntrega: 8 })), 'CantTotEntregada');
  assert422(await put('Entrega', P1, entrega(id, { FecEntrega: dia(1) })), 'FecEntrega');
  // After FecMaxEnt only with a cause.
  inst.sql(`UPDATE mipres_linea SET fec_max_ent = '${dia(-3)}' WHERE id = ${id}`);
  assert422(await put('Entrega', P1, entrega(id, { CantTotEntregada: '6' })), 'FecMaxEnt');
  // A partial delivery with its cause, then a reporte de no entrega needs 7, 8 or 9.
  const ok = await put('Entrega', P1, entrega(id, { CantTotEntregada: '4', EntTotal: 0, CausaNoEntrega: 12 }));
  assert.equal(ok.status, 200, ok.text);
  assert422(await put('ReporteEntrega', P1, reporte(id, { EstadoEntrega: 0 })), '7, 8 o 9');
  // A non-delivery (cause 7, quantity 0) on another line.
  const l2 = await nuevaLinea(P1);
  assert.equal((await put('Programacion', P1, programacion(l2.id))).status, 200);
  const nd = await put('Entrega', P1, entrega(l2.id, { CantTotEntregada: '0', EntTotal: 0, CausaNoEntrega: 7 }));
  assert.equal(nd.status, 200, nd.text);
  assert422(await put('Suministro', EPS, suministro(l2.id)), 'reporte');
});

test('400 with ModelState: malformed body, ill-typed or missing fields; nothing written', async () => {
  const before = inst.sql('SELECT count(*) FROM mipres_paso');
  let r = await put('Entrega', P1, '{"ID": 1, ');
  assert.equal(r.status, 400);
  assert.equal(r.json.Message, 'La solicitud no es válida.');
  assert.deepEqual(Object.keys(r.json.ModelState), ['entrega']);
  // The parser's cause in Spanish, never jansson's English ("expected near …").
  assert.equal(r.json.ModelState.entrega[0],
    'El cuerpo no es un JSON válido (línea 1, columna 10): el texto termina antes de cerrar el JSON.');
  r = await put('Entrega', P1, '{"ID": 1 "x": 2}');
  assert.match(r.json.ModelState.entrega[0], /\(línea 1, columna \d+\): sintaxis inválida \(revise comas/);
  r = await put('Entrega', P1, '[1,2]');
  assert.equal(r.status, 400);
  r = await put('Entrega', P1, entrega('uno', { CantTotEntregada: 10, EntTotal: true, FecEntrega: '2026-02-30' }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(Object.keys(r.json.ModelState).sort(), ['entrega.EntTotal']);
  r = await put('Entrega', P1, entrega('uno', { CantTotEntregada: 'diez', FecEntrega: '30/01/2026', NoIDRecibe: undefined }));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(Object.keys(r.json.ModelState).sort(),
    ['entrega.CantTotEntregada', 'entrega.FecEntrega', 'entrega.ID', 'entrega.NoIDRecibe']);
  for (const v of Object.values(r.json.ModelState)) assert.ok(Array.isArray(v) && typeof v[0] === 'string');
  r = await call('PUT', `${A}/AnularEntrega/${P1}/${tk[P1]}/abc`);
  assert.equal(r.status, 400);
  assert.ok(r.json.ModelState);
  r = await call('GET', `${A}/EntregaXFecha/${P1}/${tk[P1]}/2026-13-01`);
  assert.equal(r.status, 400);
  assert.ok(r.json.ModelState.fecha);
  assert.equal(inst.sql('SELECT count(*) FROM mipres_paso'), before);
});

test('empty results are [], the router\'s own errors are JSON, the body is capped', async () => {
  for (const e of ['Direccionamiento', 'NODireccionamiento', 'Programacion', 'Entrega', 'ReporteEntrega', 'Suministro']) {
    for (const p of [`${e}XFecha/${P2}/${tk[P2]}/2020-01-01`, `${e}XPrescripcion/${P2}/${tk[P2]}/1`,
      `${e}XPacienteFecha/${P2}/2020-01-01/${tk[P2]}/CC/1`]) {
      const r = await call('GET', `${A}/${p}`);
      assert.equal(r.status, 200, p);
      assert.equal(r.text, '[]', p);
    }
  }
  let r = await call('GET', `${A}/NoExiste/${P1}/${tk[P1]}`);
  assert.equal(r.status, 404);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.equal(typeof r.json.Message, 'string');
  r = await call('POST', `${A}/Entrega/${P1}/${tk[P1]}`, entrega(1));
  assert.equal(r.status, 405);
  assert.equal(typeof r.json.Message, 'string');
  r = await call('GET', `${A}/Entrega/${P1}/${tk[P1]}`);
  assert.equal(r.status, 405);
  r = await put('Entrega', P1, JSON.stringify({ ...entrega(1), NoLote: 'x'.repeat(70 * 1024) }));
  assert.equal(r.status, 413);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.match(r.json.Message, /64 KiB/);
  // No session cookie is needed or set, and no CSRF token.
  assert.equal(c.cookies.size, 0);
});

test('401: wrong token, expired, another NIT\'s', async () => {
  const q = (nit, t) => call('GET', `${A}/EntregaXFecha/${nit}/${t}/${dia()}`);
  let r = await q(P1, 'A'.repeat(43) + '=');
  assert.equal(r.status, 401);
  assert.deepEqual(Object.keys(r.json), ['Message']);
  r = await q(P1, 'corto');
  assert.equal(r.status, 401);
  r = await q(P2, tk[P1]);
  assert.equal(r.status, 401);
  assert.match(r.json.Message, new RegExp(P2));
  r = await put('Entrega', P2, entrega(1), tk[P1]);
  assert.equal(r.status, 401);
  // Expired: 24 h after it was issued.
  const t = await temporal(P2, tk['user' + P2]);
  assert.equal((await q(P2, t)).status, 200);
  const hash = crypto.createHash('sha256').update(t).digest('hex');
  inst.sql(`UPDATE mipres_token_temp SET expira = ${Math.floor(Date.now() / 1000) - 1} WHERE hash = ${inst.blob(hash)}`);
  r = await q(P2, t);
  assert.equal(r.status, 401);
  assert.match(r.json.Message, /venció/);
  assert.equal((await q(P2, tk[P2])).status, 200, 'the other token still works');
});

test('isolation: a provider cannot see or touch another\'s lines; an EPS sees only its own', async () => {
  const { id, idDir } = await nuevaLinea(P1, { NoPrescripcion: '20260101000000000555' });
  assert422(await put('Programacion', P2, programacion(id)), 'ID');
  const prog = await put('Programacion', P1, programacion(id));
  assert.equal(prog.status, 200);
  assert422(await call('PUT', `${A}/AnularProgramacion/${P2}/${tk[P2]}/${prog.json[0].IdProgramacion}`), 'IdProgramacion');
  assert422(await put('Entrega', P2, entrega(id)), 'ID');
  assert.equal((await call('GET', `${A}/DireccionamientoXPrescripcion/${P2}/${tk[P2]}/20260101000000000555`)).text, '[]');
  assert.equal((await call('GET', `${A}/DireccionamientoXPrescripcion/${P1}/${tk[P1]}/20260101000000000555`)).json.length, 1);
  assert.ok((await call('GET', `${A}/DireccionamientoXFecha/${P2}/${tk[P2]}/${dia()}`)).json.every((d) => d.NoIDProv === P2));
  // A second EPS sees none of the first's, and cannot annul them.
  inst.portal(['entidad-add', '901777001', 'EPSS', 'EPS Otra']);
  const t2 = await temporal('901777001', inst.portal(['mipres-token', '901777001', 'subsidiado']).trim());
  assert.equal((await call('GET', `${A}/DireccionamientoXPrescripcion/901777001/${t2}/20260101000000000555`)).text, '[]');
  assert422(await call('PUT', `${A}/AnularDireccionamiento/901777001/${t2}/${idDir}`), 'IdDireccionamiento');
  assert422(await put('Suministro', '901777001', suministro(id), t2), 'ID');
  // A provider cannot act as an EPS.
  assert422(await call('PUT', `${A}/AnularDireccionamiento/${P1}/${tk[P1]}/${idDir}`));
});

test('an EPS\'s token of one régimen neither sees nor touches its lines of the other', async () => {
  const { id, idDir } = await nuevaLinea(P1, { NoPrescripcion: '20260101000000000777' });
  await put('Programacion', P1, programacion(id));
  const sub = await temporal(EPS, inst.portal(['mipres-token', EPS, 'subsidiado']).trim());
  const q = (t) => call('GET', `${A}/DireccionamientoXPrescripcion/${EPS}/${t}/20260101000000000777`);
  assert.equal((await q(sub)).text, '[]');
  assert.equal((await q(tk[EPS])).json.length, 1, 'the contributivo token sees it');
  assert.ok((await call('GET', `${A}/DireccionamientoXFecha/${EPS}/${sub}/${dia()}`)).json
    .every((d) => d.ID !== id));
  const antes = inst.sql('SELECT count(*) || \'/\' || sum(estado) FROM mipres_paso');
  assert422(await call('PUT', `${A}/AnularDireccionamiento/${EPS}/${sub}/${idDir}`), 'IdDireccionamiento');
  assert422(await put('Suministro', EPS, suministro(id), sub), 'este régimen');
  assert.equal(inst.sql('SELECT count(*) || \'/\' || sum(estado) FROM mipres_paso'), antes, 'nothing written');
  // Its own subsidiado line is its own.
  const r = await put('Direccionamiento', EPS, direccionamiento(P1, { NoPrescripcion: '20260101000000000778' }), sub);
  assert.equal(r.status, 200, r.text);
  assert.equal(inst.sql(`SELECT regimen FROM mipres_linea WHERE id = ${r.json[0].Id}`), 'subsidiado');
  assert.equal((await call('GET', `${A}/DireccionamientoXPrescripcion/${EPS}/${tk[EPS]}/20260101000000000778`)).text, '[]');
  assert.equal((await call('PUT', `${A}/AnularDireccionamiento/${EPS}/${sub}/${r.json[0].IdDireccionamiento}`)).status, 200);
});

test('no log keeps a token: nginx access log and the portal log mask it', async () => {
  await call('GET', `${A}/EntregaXPacienteFecha/${P1}/${dia()}/${tk[P1].replace(/=$/, '%3D')}/CC/1`);
  await call('GET', `${A}/GenerarToken/${P1}/${tk['user' + P1]}`);
  await call('GET', `${A}//entregaxfecha/${P1}/${tk[P1]}/${dia()}`);
  const nginxLog = fs.readFileSync(path.join(inst.dir, 'nginx-access.log'), 'utf8');
  const portalLog = inst.log();
  assert.match(nginxLog, /EntregaXPacienteFecha\/901500013\/\d{4}-\d\d-\d\d\/\*\*\*\/CC\/1/);
  assert.match(nginxLog, /GenerarToken\/901500013\/\*\*\*/);
  assert.match(portalLog, /api: GET \/WSSUMMIPRESNOPBS\/api\/GenerarToken\/901500013\/\*\*\*/);
  for (const secret of [tk[P1], tk[P1].slice(0, 40), tk[EPS].slice(0, 40), tk['user' + P1], tk['user' + EPS]]) {
    assert.ok(!nginxLog.includes(secret), 'nginx access log holds a token');
    assert.ok(!portalLog.includes(secret), 'portal log holds a token');
  }
});
