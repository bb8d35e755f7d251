// The MIPRES cycle's forms through nginx: the EPS directs, the provider programs, delivers
// and reports, the EPS records the suministro, then every step is annulled in reverse
// order after a confirmation; format errors (400) and rules (422) come back next to the
// field with the values kept and nothing written, named by the fields' labels with their
// limits, both kinds in one answer (the JSON API keeps its own words); Entrega ámbito; one entity never sees or changes another's lines; roles and CSRF
// are enforced on the server.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');

const A = '/WSSUMMIPRESNOPBS/api';
const EPS = 'ADMINMIPRESEPSC901234561', P1 = 'ADMINMIPRESPROV901500013';
const P2 = 'ADMINMIPRESPROV901500021', EPS2 = 'ADMINMIPRESEPSS901777771';
let inst, eps, p1, p2, eps2;

// Today and a date ahead in Colombia (UTC-5), YYYY-MM-DD.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);
const pasos = () => inst.sql('SELECT count(*) FROM mipres_paso');
const estado = (id, tipo) => inst.lista(`SELECT estado FROM mipres_paso WHERE linea_id = ${id} AND tipo = '${tipo}' ORDER BY id`);

// The selected value of <select name="name">, or null when none is selected.
function selectValue(html, name) {
  const m = new RegExp(`<select[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!m) return null;
  const o = /<option value="([^"]*)" selected>/.exec(m[1]);
  return o ? h.htmlDecode(o[1]) : null;
}

// The option values of <select name="name">.
function selectOptions(html, name) {
  const m = new RegExp(`<select[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  return m ? [...m[1].matchAll(/<option value="([^"]*)"/g)].map((x) => h.htmlDecode(x[1])) : null;
}

// What a browser submits from the page's form (inputs and selects), with changes.
function envio(html, action, cambios = {}) {
  const f = h.formOf(html, action);
  for (const m of html.matchAll(/<select[^>]*\bname="([^"]*)"/g)) f[m[1]] = selectValue(html, m[1]) || '';
  return { ...f, ...cambios };
}

// The record page's confirmation is a success (class exito, role="status"), never in the
// error box (class alert, role="alert").
function assertExito(html) {
  const tag = /<[a-z]+ [^>]*data-k="resultado"[^>]*>/.exec(h.mainOf(html))[0];
  assert.match(tag, /class="exito"/, tag);
  assert.match(tag, /role="status"/, tag);
  assert.doesNotMatch(h.mainOf(html), /class="alert|role="alert"/);
}

// GETs the form at path, submits it with cambios and expects the 303 to the new record;
// returns the record page's { id, idpaso, html }.
async function registrar(c, path, cambios) {
  const page = await c.get(path);
  assert.equal(page.status, 200, page.text);
  const r = await c.post(path, envio(page.text, path, cambios));
  assert.equal(r.status, 303, h.mainOf(r.text));
  assert.match(r.headers.location, /^\/mipres\/registro\/[a-z]+\/\d+\?hecho=registrado$/);
  const rec = await c.get(r.headers.location);
  assert.equal(rec.status, 200);
  assert.equal(h.dataKMain(rec.text, 'resultado'), 'El registro quedó guardado.');
  assertExito(rec.text);
  return { id: Number(h.dataKMain(rec.text, 'id')), idpaso: Number(h.dataKMain(rec.text, 'idpaso')),
    html: rec.text, location: r.headers.location };
}

// Confirms the annulment of paso idpaso as c: the page says what and warns, then 303.
async function anular(c, paso, idpaso) {
  const path = `/mipres/anular/${paso}/${idpaso}`;
  const page = await c.get(path);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('Esta acción no se puede deshacer; el paso anterior vuelve a quedar Activo.'));
  assert.equal(h.dataKMain(page.text, 'idpaso'), String(idpaso));
  assert.equal(h.dataKMain(page.text, 'estado'), 'Activo');
  const r = await c.post(path, { csrf: h.csrfOf(page.text) });
  assert.equal(r.status, 303, h.mainOf(r.text));
  const rec = await c.get(r.headers.location);
  assert.equal(h.dataKMain(rec.text, 'estado'), 'Anulado');
  assert.match(h.dataKMain(rec.text, 'resultado'), /anulado/);
  assertExito(rec.text);
}

// A temporary API token of nit.
async function token(c, nit, reg) {
  const user = inst.portal(['mipres-token', nit, ...(reg ? [reg] : [])]).trim();
  const r = await c.get(`${A}/GenerarToken/${nit}/${user}`);
  assert.equal(r.status, 200);
  return JSON.parse(r.text);
}

const direccionamiento = (presc, prov, extra = {}) => ({ NoPrescripcion: presc, TipoTec: 'M',
  ConTec: '1', TipoIDPaciente: 'CC', NoIDPaciente: '79111222', NoEntrega: '1', NoSubEntrega: '0',
  TipoIDProv: 'NI', NoIDProv: prov, CodMunEnt: '05001', FecMaxEnt: dia(15), CantTotAEntregar: '20',
  DirPaciente: 'Calle 10 # 5-20', CodSerTecAEntregar: '019971860-02', ...extra });

before(async () => {
  inst = await startPortal();
  inst.portal(['entidad-add', '901777771', 'EPSS', 'EPS Otra del Sur']);
  inst.portal(['user-add', EPS2, 'securityAdmin_MIPRES_EPSS', '901777771', 'Delegado EPS Otra',
    'delegado@epsotra.example.co'], 'Portal-Demo-2026\n');
  // One after the other: concurrent logins may meet the hashing cap (429, Retry-After).
  const clients = [];
  for (const u of [EPS, P1, P2, EPS2]) clients.push(await h.loginAs(inst, u));
  [eps, p1, p2, eps2] = clients;
});
after(() => inst && inst.stop());

test('the whole cycle in the portal, then its annulments in reverse order', async () => {
  // The EPS's form: selects from the code tables, dates as dates, labels tied to inputs.
  const form = await eps.get('/mipres/direccionar');
  assert.equal(form.status, 200);
  assert.deepEqual(selectOptions(form.text, 'TipoTec'), ['', 'M', 'P', 'D', 'N', 'S']);
  assert.deepEqual(selectOptions(form.text, 'TipoIDPaciente'), ['', 'CC', 'RC', 'TI', 'CE', 'PA',
    'NV', 'CD', 'SC', 'PR', 'PE', 'AS', 'MS', 'PT']);
  assert.deepEqual(selectOptions(form.text, 'TipoIDProv'), ['', 'NI', 'CC', 'CE', 'PA']);
  assert.match(form.text, /<option value="CC"[^>]*>CC – Cédula de ciudadanía<\/option>/);
  assert.match(form.text, /<input type="date" id="f-FecMaxEnt" name="FecMaxEnt"/);
  assert.match(form.text, /<label for="f-NoIDProv">NIT del proveedor/);
  const presc = '20261123000000000777';
  const d = await registrar(eps, '/mipres/direccionar', direccionamiento(presc, '901500013'));
  assert.match(d.location, /^\/mipres\/registro\/direccionamiento\//);
  assert.ok(d.html.includes(`href="/mipres/direccionamientos?por=prescripcion&amp;prescripcion=${presc}"`));
  assert.ok(d.html.includes('href="/mipres"'));
  assert.equal(inst.sql(`SELECT prov_nit || ' ' || cant_total || ' ' || fec_max_ent FROM mipres_linea WHERE id = ${d.id}`),
    `901500013 20 ${dia(15)}`);

  // The provider's programación: the line shown, the form prefilled from it.
  let page = await p1.get(`/mipres/programar/${d.id}`);
  assert.equal(page.status, 200);
  assert.equal(h.dataKMain(page.text, 'prescripcion'), presc);
  assert.equal(h.dataKMain(page.text, 'paciente'), 'CC 79111222');
  assert.equal(h.dataKMain(page.text, 'cantidad'), '20');
  assert.equal(h.dataKMain(page.text, 'fecmaxent'), h.fechaEs(dia(15)));
  assert.match(h.dataKMain(page.text, 'tecnologia'), /^M – Medicamento, consecutivo 1$/);
  assert.equal(h.inputValue(page.text, 'CodSerTecAEntregar'), '019971860-02');
  assert.equal(h.inputValue(page.text, 'CantTotAEntregar'), '20');
  assert.equal(h.inputValue(page.text, 'FecMaxEnt'), dia(15));
  assert.equal(h.inputValue(page.text, 'ID'), null, 'the ID comes from the path');
  // Its record page leads the provider to the next step, not the EPS.
  assert.equal(h.dataKMain((await p1.get(d.location)).text, 'enlace_siguiente'), 'Programar la entrega');
  assert.equal(h.dataKMain(d.html, 'enlace_siguiente'), null);
  const p = await registrar(p1, `/mipres/programar/${d.id}`, { CodSedeProv: 'PROV000777', CantTotAEntregar: '15' });
  assert.equal(p.id, d.id);
  assert.match(p.location, /^\/mipres\/registro\/programacion\//);

  // The entrega: today, the programmed quantity, the patient as who receives.
  page = await p1.get(`/mipres/entregar/${d.id}`);
  assert.equal(h.inputValue(page.text, 'FecEntrega'), dia());
  assert.equal(h.inputValue(page.text, 'CantTotEntregada'), '15');
  assert.equal(h.inputValue(page.text, 'CodSerTecEntregado'), '019971860-02');
  assert.equal(selectValue(page.text, 'TipoIDRecibe'), 'CC');
  assert.equal(h.inputValue(page.text, 'NoIDRecibe'), '79111222');
  assert.equal(selectValue(page.text, 'EntTotal'), '1');
  assert.equal(selectOptions(page.text, 'CausaNoEntrega').length, 20);
  const e = await registrar(p1, `/mipres/entregar/${d.id}`, { NoLote: 'L-777' });
  // The reporte: its causes are only the dispenser's non-delivery ones.
  page = await p1.get(`/mipres/reportar/${d.id}`);
  assert.deepEqual(selectOptions(page.text, 'CausaNoEntrega'), ['', '7', '8', '9']);
  assert.match(page.text, /<option value="8">8 – Paciente fallecido<\/option>/);
  const rep = await registrar(p1, `/mipres/reportar/${d.id}`, { ValorEntregado: '98000' });
  // The EPS's suministro, prefilled from the entrega and the reporte.
  page = await eps.get(`/mipres/suministrar/${d.id}`);
  assert.equal(h.inputValue(page.text, 'CantTotEntregada'), '15');
  assert.equal(h.inputValue(page.text, 'ValorEntregado'), '98000');
  assert.equal(h.inputValue(page.text, 'NoLote'), 'L-777');
  const s = await registrar(eps, `/mipres/suministrar/${d.id}`, {});
  assert.equal(h.dataKMain(s.html, 'dato-CantTotEntregada'), '15');
  for (const [t, want] of [['D', '2'], ['P', '2'], ['E', '2'], ['R', '2'], ['S', '1']]) assert.equal(estado(d.id, t), want, t);
  // Every write was audited as the session's user.
  assert.equal(inst.sql(`SELECT count(*) FROM auditoria WHERE login = '${P1}' AND detalle LIKE '% ID ${d.id} %' AND accion LIKE 'mipres_%'`), '3');
  assert.equal(inst.sql(`SELECT count(*) FROM auditoria WHERE login = '${EPS}' AND detalle LIKE '% ID ${d.id} %' AND accion LIKE 'mipres_%'`), '2');

  // Annulments in reverse order; each returns the previous step to Activo.
  await anular(eps, 'suministro', s.idpaso);
  assert.equal(estado(d.id, 'S'), '0');
  assert.equal(estado(d.id, 'R'), '1');
  await anular(p1, 'reporte', rep.idpaso);
  assert.equal(estado(d.id, 'E'), '1');
  await anular(p1, 'entrega', e.idpaso);
  assert.equal(estado(d.id, 'P'), '1');
  // The direccionamiento cannot go while its programación is active: 422 in Spanish.
  page = await eps.get(`/mipres/anular/direccionamiento/${d.idpaso}`);
  const before = pasos();
  const r = await eps.post(`/mipres/anular/direccionamiento/${d.idpaso}`, { csrf: h.csrfOf(page.text) });
  assert.equal(r.status, 422);
  assert.equal(h.dataKMain(r.text, 'error_general'), 'No se puede anular el direccionamiento mientras su programación está activa: anule primero la programación.');
  assert.equal(estado(d.id, 'D'), '2');
  assert.equal(pasos(), before);
  await anular(p1, 'programacion', p.idpaso);
  assert.equal(estado(d.id, 'D'), '1');
  await anular(eps, 'direccionamiento', d.idpaso);
  assert.equal(estado(d.id, 'D'), '0');
  assert.equal(inst.sql(`SELECT count(*) FROM auditoria WHERE accion LIKE 'mipres_anular_%' AND detalle LIKE '% ID ${d.id} %'`), '5');
  // Annulled already: refused, not annulled twice.
  const again = await eps.get(`/mipres/anular/direccionamiento/${d.idpaso}`);
  assert.equal(again.status, 200);
  assert.equal(h.dataKMain(again.text, 'error_general'), 'El registro ya estaba anulado.');
  assert.ok(!again.text.includes('Confirmar la anulación'), 'no confirm button');
  const r2 = await eps.post(`/mipres/anular/direccionamiento/${d.idpaso}`, { csrf: h.csrfOf(again.text) });
  assert.equal(r2.status, 422);
  assert.equal(h.dataKMain(r2.text, 'error_general'), 'El registro ya estaba anulado.');
});

// The wire names a form message must not use for a field (it names them by their labels).
const API_NOMBRES = /\b(NoPrescripcion|TipoTec|ConTec|TipoIDPaciente|NoIDPaciente|NoEntrega|NoSubEntrega|TipoIDProv|NoIDProv|CodMunEnt|FecMaxEnt|CantTotAEntregar|DirPaciente|CodSerTecAEntregar|CausaNoEntrega|TipoIDSedeProv|NoIDSedeProv|CodSedeProv|CodSerTecEntregado|CantTotEntregada|EntTotal|FecEntrega|NoLote|TipoIDRecibe|NoIDRecibe|EstadoEntrega|ValorEntregado|UltEntrega|EntregaCompleta|ID)\b/;

// Every message next to a field of html, by field.
function mensajes(html) {
  return Object.fromEntries(h.fieldsWithErrors(html).map((f) => [f, h.fieldError(html, f)]));
}

test('format errors: 400, each message names its field by label and states the limit, values kept, nothing written; the API keeps its words', async () => {
  const id = inst.sql("SELECT min(id) FROM mipres_linea l WHERE prov_nit = '901500013' AND NOT EXISTS (SELECT 1 FROM mipres_paso p WHERE p.linea_id = l.id AND p.tipo <> 'D') AND EXISTS (SELECT 1 FROM mipres_paso p WHERE p.linea_id = l.id AND p.estado = 1)");
  const path = `/mipres/programar/${id}`;
  const page = await p1.get(path);
  const before = pasos();
  const bad = { CantTotAEntregar: '12a', FecMaxEnt: '2026-02-30', CodSedeProv: '<b>PROV</b>', TipoIDSedeProv: 'XX' };
  const r = await p1.post(path, envio(page.text, path, bad));
  assert.equal(r.status, 400);
  // The three malformed fields and, in the same answer, the rule the well-formed
  // TipoIDSedeProv breaks (a code MIPRES does not know).
  assert.deepEqual(mensajes(r.text), {
    FecMaxEnt: 'Fecha máxima de entrega: escriba una fecha válida (día, mes y año).',
    TipoIDSedeProv: 'Tipo de documento de la sede: elija NI, CC, CE o PA.',
    CodSedeProv: 'Código de la sede: máximo 10 caracteres (tiene 11).',
    CantTotAEntregar: 'Cantidad total a entregar: escriba solo dígitos, sin puntos ni signos (máximo 9).',
  });
  for (const m of Object.values(mensajes(r.text))) assert.doesNotMatch(m, API_NOMBRES, m);
  assert.match(r.text, /<input type="text" id="f-CantTotAEntregar" name="CantTotAEntregar" value="12a" aria-invalid="true" aria-describedby="f-CantTotAEntregar-err">/);
  assert.equal(h.inputValue(r.text, 'CantTotAEntregar'), '12a');
  assert.equal(h.inputValue(r.text, 'FecMaxEnt'), '2026-02-30');
  assert.equal(h.inputValue(r.text, 'CodSedeProv'), '<b>PROV</b>');
  assert.ok(!r.text.includes('<b>PROV</b>') && r.text.includes('&lt;b&gt;PROV&lt;/b&gt;'), 'escaped');
  assert.equal(selectValue(r.text, 'TipoIDSedeProv'), 'XX', 'a bad select value is kept');
  assert.equal(pasos(), before);
  // The same input through the JSON API: the spec's shape and its own words, format only.
  const api = inst.client();
  const tk = await token(api, '901500013');
  const body = { ID: Number(id), FecMaxEnt: '2026-02-30', TipoIDSedeProv: 'XX', NoIDSedeProv: '901500013',
    CodSedeProv: '<b>PROV</b>', CodSerTecAEntregar: '019971860-01', CantTotAEntregar: '12a' };
  const j = await api.request('PUT', `${A}/Programacion/901500013/${tk}`, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  assert.equal(j.status, 400);
  assert.deepEqual(JSON.parse(j.text), { Message: 'La solicitud no es válida.', ModelState: {
    'programacion.FecMaxEnt': ['La fecha debe tener el formato AAAA-MM-DD.'],
    'programacion.CodSedeProv': ['El valor es demasiado largo.'],
    'programacion.CantTotAEntregar': ['El valor debe ser una cadena de dígitos.'] } });
  assert.equal(pasos(), before);
  // A required field left blank: named as the sentence says it.
  const r2 = await p1.post(path, envio(page.text, path, { CodSerTecAEntregar: '  ' }));
  assert.equal(r2.status, 400);
  assert.deepEqual(mensajes(r2.text), { CodSedeProv: 'Escriba el código de la sede.',
    CodSerTecAEntregar: 'Escriba el código de la tecnología a entregar.' });
  assert.equal(pasos(), before);
});

test('several errors in one round: format and rule errors of an entrega together, a rule on a malformed field left out', async () => {
  const idp = inst.sql("SELECT min(l.id) FROM mipres_linea l WHERE prov_nit = '901500013' AND EXISTS (SELECT 1 FROM mipres_paso p WHERE p.linea_id = l.id AND p.tipo = 'P' AND p.estado = 1)");
  const path = `/mipres/entregar/${idp}`;
  const page = await p1.get(path);
  const before = pasos();
  // A quantity that is no number, a date after today, a lot too long and a partial
  // delivery without its cause: the partial-delivery rule reads the quantity, so it waits.
  const r = await p1.post(path, envio(page.text, path, { CantTotEntregada: 'cinco', FecEntrega: dia(2),
    NoLote: 'L'.repeat(31), EntTotal: '0' }));
  assert.equal(r.status, 400);
  const hoy = h.fechaEs(dia());
  assert.deepEqual(mensajes(r.text), {
    CantTotEntregada: 'Cantidad total entregada: escriba solo dígitos, sin puntos ni signos (máximo 9).',
    FecEntrega: `Fecha de entrega: no puede ser posterior a hoy (${hoy}).`,
    NoLote: 'Número de lote: máximo 30 caracteres (tiene 31).',
  });
  assert.equal(h.dataKMain(r.text, 'errores') !== null, true, 'the summary on top');
  // It links to each field in error with its message, in the form's order.
  assert.deepEqual(h.errorSummary(r.text).links, Object.entries(mensajes(r.text)).map(([k, m]) => [`#f-${k}`, m]));
  assert.equal(pasos(), before);
  // Fixed the quantity: now the partial-delivery rule speaks, with the others still there.
  const r2 = await p1.post(path, envio(page.text, path, { CantTotEntregada: '5', FecEntrega: dia(2),
    NoLote: 'L'.repeat(31), EntTotal: '0' }));
  assert.equal(r2.status, 400);
  assert.deepEqual(Object.keys(mensajes(r2.text)), ['CausaNoEntrega', 'FecEntrega', 'NoLote']);
  assert.equal(h.fieldError(r2.text, 'CausaNoEntrega'), 'Causa de no entrega: una entrega parcial (Entrega total: No) necesita la causa 4, 11, 12 o 13.');
  for (const m of Object.values(mensajes(r2.text))) assert.doesNotMatch(m, API_NOMBRES, m);
  assert.equal(pasos(), before);
  // The hints state the limits of the text fields.
  assert.match(page.text, /<label for="f-NoLote">Número de lote \(NoLote\) \(opcional\)<\/label>\s*<p class="hint">Máximo 30 caracteres\.<\/p>/);
});

test('rule errors: 422 next to the field, named by label with the limit, nothing written; the API keeps its words', async () => {
  const id = inst.sql("SELECT min(id) FROM mipres_linea l WHERE prov_nit = '901500013' AND NOT EXISTS (SELECT 1 FROM mipres_paso p WHERE p.linea_id = l.id AND p.tipo <> 'D') AND EXISTS (SELECT 1 FROM mipres_paso p WHERE p.linea_id = l.id AND p.estado = 1)");
  const cant = Number(inst.sql(`SELECT cant_total FROM mipres_linea WHERE id = ${id}`));
  const path = `/mipres/programar/${id}`;
  const page = await p1.get(path);
  const before = pasos();
  const r = await p1.post(path, envio(page.text, path, { CodSedeProv: 'PROV000001', CantTotAEntregar: String(cant + 1) }));
  assert.equal(r.status, 422);
  assert.equal(h.fieldError(r.text, 'CantTotAEntregar'), `Cantidad total a entregar: máximo ${cant}, la cantidad direccionada.`);
  assert.equal(h.inputValue(r.text, 'CantTotAEntregar'), String(cant + 1));
  assert.equal(h.inputValue(r.text, 'CodSedeProv'), 'PROV000001');
  assert.equal(pasos(), before);
  const api = inst.client();
  const tk = await token(api, '901500013');
  const j = await api.request('PUT', `${A}/Programacion/901500013/${tk}`, { headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ID: Number(id), FecMaxEnt: dia(5), TipoIDSedeProv: 'NI', NoIDSedeProv: '901500013',
      CodSedeProv: 'PROV000001', CodSerTecAEntregar: '019971860-01', CantTotAEntregar: String(cant + 1) }) });
  assert.equal(j.status, 422);
  assert.deepEqual(JSON.parse(j.text).Errors, ['CantTotAEntregar supera la cantidad direccionada.']);

  // An entrega parcial (EntTotal 0) without its cause, on a programmed line.
  const idp = inst.sql("SELECT min(l.id) FROM mipres_linea l WHERE prov_nit = '901500013' AND EXISTS (SELECT 1 FROM mipres_paso p WHERE p.linea_id = l.id AND p.tipo = 'P' AND p.estado = 1)");
  const pe = `/mipres/entregar/${idp}`;
  const ep = await p1.get(pe);
  const r2 = await p1.post(pe, envio(ep.text, pe, { EntTotal: '0', CantTotEntregada: '5' }));
  assert.equal(r2.status, 422);
  assert.equal(h.fieldError(r2.text, 'CausaNoEntrega'), 'Causa de no entrega: una entrega parcial (Entrega total: No) necesita la causa 4, 11, 12 o 13.');
  assert.equal(selectValue(r2.text, 'EntTotal'), '0');
  assert.equal(h.inputValue(r2.text, 'CantTotEntregada'), '5');
  // A rule about the line (no field on the page) goes to the top: a second programación.
  const r3 = await p1.post(`/mipres/programar/${idp}`, envio(page.text, path, { CodSedeProv: 'PROV000001', CantTotAEntregar: '1' }));
  assert.equal(r3.status, 422);
  assert.equal(h.dataKMain(r3.text, 'error_general'), 'La línea ya tiene una programación: anúlela para registrar otra.');
  assert.equal(pasos(), before);
});

test('Entrega ámbito: without direccionamiento, annulled by the provider', async () => {
  const page = await p2.get('/mipres/ambito');
  assert.equal(page.status, 200);
  assert.equal(h.dataKMain(page.text, 'linea'), null);
  assert.equal(h.inputValue(page.text, 'FecEntrega'), dia());
  const a = await registrar(p2, '/mipres/ambito', { NoPrescripcion: '20261123000000000888', TipoTec: 'M',
    TipoIDPaciente: 'TI', NoIDPaciente: '1012345678', CodSerTecEntregado: '019971860-03',
    CantTotEntregada: '3', NoLote: 'AMB-1' });
  assert.match(a.location, /^\/mipres\/registro\/entrega\//);
  assert.equal(h.dataKMain(a.html, 'paso'), 'Entrega ámbito');
  assert.equal(inst.sql(`SELECT coalesce(CAST(eps_id AS TEXT), 'null') || ' ' || prov_nit || ' ' || tipo_id_paciente FROM mipres_linea WHERE id = ${a.id}`), 'null 901500021 TI');
  assert.equal(inst.sql(`SELECT ambito || '' || estado FROM mipres_paso WHERE id = ${a.idpaso}`), '11');
  // Another provider does not see it.
  assert.equal((await p1.get(`/mipres/anular/entrega/${a.idpaso}`)).status, 404);
  assert.equal((await p1.get(a.location)).status, 404);
  await anular(p2, 'entrega', a.idpaso);
  assert.equal(estado(a.id, 'E'), '0');
});

test('isolation: another provider or EPS gets 404 for GET and POST, nothing written', async () => {
  // A line directed to 901500013 with an active programación.
  const id = inst.sql("SELECT min(l.id) FROM mipres_linea l WHERE prov_nit = '901500013' AND EXISTS (SELECT 1 FROM mipres_paso p WHERE p.linea_id = l.id AND p.tipo = 'P' AND p.estado = 1)");
  const idprog = inst.sql(`SELECT id FROM mipres_paso WHERE linea_id = ${id} AND tipo = 'P' AND estado = 1`);
  const iddir = inst.sql(`SELECT id FROM mipres_paso WHERE linea_id = ${id} AND tipo = 'D'`);
  const csrf = await p2.csrf('/mipres/ambito');
  const before = pasos();
  const none = await p2.get('/mipres/programar/999999999');
  assert.equal(none.status, 404);
  for (const paso of ['programar', 'entregar', 'reportar']) {
    const g = await p2.get(`/mipres/${paso}/${id}`);
    assert.equal(g.status, 404, paso);
    assert.equal(h.mainOf(g.text), h.mainOf(none.text), 'the same page as a line that does not exist');
    assert.ok(!g.text.includes(inst.sql(`SELECT no_prescripcion FROM mipres_linea WHERE id = ${id}`)));
    const p = await p2.post(`/mipres/${paso}/${id}`, { csrf, CodSedeProv: 'PROV000002', FecMaxEnt: dia(3),
      TipoIDSedeProv: 'NI', NoIDSedeProv: '901500021', CodSerTecAEntregar: 'X', CantTotAEntregar: '1',
      CodSerTecEntregado: 'X', CantTotEntregada: '1', EntTotal: '1', FecEntrega: dia(), TipoIDRecibe: 'CC',
      NoIDRecibe: '1', EstadoEntrega: '1', ValorEntregado: '1' });
    assert.equal(p.status, 404, paso);
  }
  assert.equal((await p2.get(`/mipres/anular/programacion/${idprog}`)).status, 404);
  assert.equal((await p2.post(`/mipres/anular/programacion/${idprog}`, { csrf })).status, 404);
  assert.equal((await p2.get(`/mipres/registro/programacion/${idprog}`)).status, 404);
  // Another EPS: the line is not its own.
  const csrf2 = await eps2.csrf('/mipres/direccionar');
  const sid = inst.sql("SELECT min(linea_id) FROM mipres_paso WHERE tipo = 'R' AND estado = 1");
  assert.equal((await eps2.get(`/mipres/suministrar/${sid}`)).status, 404);
  assert.equal((await eps2.post(`/mipres/suministrar/${sid}`, { csrf: csrf2, UltEntrega: '1', EntregaCompleta: '1',
    CantTotEntregada: '1', ValorEntregado: '1' })).status, 404);
  assert.equal((await eps2.get(`/mipres/anular/direccionamiento/${iddir}`)).status, 404);
  assert.equal((await eps2.post(`/mipres/anular/direccionamiento/${iddir}`, { csrf: csrf2 })).status, 404);
  assert.equal(pasos(), before);
  assert.equal(estado(id, 'P'), '1');
  // Its own direccionamiento it may record, and only it sees it.
  const d = await registrar(eps2, '/mipres/direccionar', direccionamiento('20261123000000000999', '901500021'));
  assert.equal((await eps.get(d.location.replace(/\?.*/, ''))).status, 404);
  assert.equal((await p2.get(d.location.replace(/\?.*/, ''))).status, 200, 'the provider it was directed to sees it');
  assert.equal(inst.sql(`SELECT regimen FROM mipres_linea WHERE id = ${d.id}`), 'subsidiado');
});

test('roles: each side opens only its own forms; every POST refuses a missing CSRF token', async () => {
  const id = inst.sql("SELECT min(id) FROM mipres_linea WHERE prov_nit = '901500013'");
  const iddir = inst.sql(`SELECT id FROM mipres_paso WHERE linea_id = ${id} AND tipo = 'D'`);
  for (const p of ['/mipres/direccionar', '/mipres/nodireccionar', `/mipres/suministrar/${id}`]) {
    assert.equal((await p1.get(p)).status, 403, p);
  }
  for (const p of [`/mipres/programar/${id}`, `/mipres/entregar/${id}`, `/mipres/reportar/${id}`, '/mipres/ambito']) {
    assert.equal((await eps.get(p)).status, 403, p);
  }
  // A provider does not annul a direccionamiento, an EPS not a programación.
  assert.equal((await p1.get(`/mipres/anular/direccionamiento/${iddir}`)).status, 403);
  assert.equal((await eps.get('/mipres/anular/programacion/1')).status, 403);
  assert.equal((await eps.get(`/mipres/anular/otracosa/${iddir}`)).status, 404);
  // Someone without a MIPRES role.
  const ips = await h.loginAs(inst, 'ADMINHCEIPS800100037');
  assert.equal((await ips.get('/mipres/direccionar')).status, 403);
  // No CSRF token: 403 and nothing written.
  const before = pasos();
  const posts = [[eps, '/mipres/direccionar', direccionamiento('20261123000000000555', '901500013')],
    [eps, '/mipres/nodireccionar', {}], [eps, `/mipres/suministrar/${id}`, {}],
    [p1, `/mipres/programar/${id}`, {}], [p1, `/mipres/entregar/${id}`, {}], [p1, `/mipres/reportar/${id}`, {}],
    [p1, '/mipres/ambito', {}], [eps, `/mipres/anular/direccionamiento/${iddir}`, {}]];
  for (const [c, p, f] of posts) assert.equal((await c.post(p, f)).status, 403, p);
  assert.equal(pasos(), before);
});

test('no direccionamiento: the EPS records one with its cause', async () => {
  const page = await eps.get('/mipres/nodireccionar');
  assert.equal(selectOptions(page.text, 'CausaNoEntrega').length, 20);
  const path = '/mipres/nodireccionar';
  const bad = await eps.post(path, envio(page.text, path, { NoPrescripcion: '20261123000000000444', TipoTec: 'P',
    TipoIDPaciente: 'RC', NoIDPaciente: '1100223344' }));
  assert.equal(bad.status, 400);
  assert.equal(h.fieldError(bad.text, 'CausaNoEntrega'), 'Seleccione la causa de no entrega.');
  const n = await registrar(eps, path, { NoPrescripcion: '20261123000000000444', TipoTec: 'P',
    TipoIDPaciente: 'RC', NoIDPaciente: '1100223344', CausaNoEntrega: '6' });
  assert.match(n.location, /^\/mipres\/registro\/nodireccionamiento\//);
  // The record names each field by its label, the wire name beside it; a code with its meaning.
  assert.equal(h.dataKMain(n.html, 'dato-CausaNoEntrega'), '6 – Paciente corresponde a otra EPS');
  assert.match(n.html, /<dt>Causa de no entrega <span class="hint">\(CausaNoEntrega\)<\/span><\/dt>/);
  assert.match(n.html, /<dt>Número de prescripción <span class="hint">\(NoPrescripcion\)<\/span><\/dt><dd data-k="dato-NoPrescripcion">20261123000000000444<\/dd>/);
  assert.doesNotMatch(n.html, /<dt>NoPrescripcion<\/dt>/);
  await anular(eps, 'nodireccionamiento', n.idpaso);
});

test('a line whose FecMaxEnt has passed: the programación is prefilled with today, which the rules accept', async () => {
  const d = await registrar(eps, '/mipres/direccionar', direccionamiento('20261123000000000901', '901500013'));
  inst.sql(`UPDATE mipres_linea SET fec_max_ent = '${dia(-3)}' WHERE id = ${d.id}`);
  const page = await p1.get(`/mipres/programar/${d.id}`);
  assert.equal(h.dataKMain(page.text, 'fecmaxent'), h.fechaEs(dia(-3)), 'the line shows its own date');
  assert.equal(h.inputValue(page.text, 'FecMaxEnt'), dia(), 'the form offers today');
  const p = await registrar(p1, `/mipres/programar/${d.id}`, { CodSedeProv: 'PROV000901' });
  assert.equal(p.id, d.id);
});
