// The MIPRES cycle in a real browser (headless Chromium through nginx over HTTPS), clicking
// links and filling forms as the users do: the EPS's delegate directs a prescription to a
// dispenser; the dispenser's staff finds it by prescription number and programs, delivers
// (first with a quantity above the programmed one, refused next to the field with the values
// kept) and reports it; the EPS records the suministro and annuls it through the confirmation
// page; then the dispenser uploads a CSV of one good and one bad entrega (Cargue masivo).
// Every page visited must be free of console errors, failed requests and CSP violations.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../lib/portal.js');
const b = require('./browser.js');

const A = '/WSSUMMIPRESNOPBS/api';
const EPS = 'ADMINMIPRESEPSC901234561', EPS_NIT = '901234561';
const DISP = 'CC1040500010', PROV = '901500013';	// the demo Rol_MIPRES_Dispensador of PROV
const PRESC = '20261123000000000991';
const PACIENTE = '79333444';

// Today and a date ahead in Colombia (UTC-5), YYYY-MM-DD.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

let inst, browser, watcher, lineaId;
const open = [];

before(async () => {
  const [p, c] = await Promise.allSettled([startPortal(), b.launch()]);
  if (p.status === 'fulfilled') inst = p.value;
  if (c.status === 'fulfilled') browser = c.value;
  for (const x of [p, c]) if (x.status === 'rejected') throw x.reason;
  watcher = new b.Watcher(inst.base);
});

after(async () => {
  for (const c of open) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (inst) await inst.stop();
});

async function openPage() {
  const p = await b.openPage(browser, inst.base, watcher);
  open.push(p.context);
  return p;
}

const path = (page) => { const u = new URL(page.url()); return u.pathname + u.search; };

// The states of the steps of line id as mipres_paso holds them, oldest first: "D:2 P:2 ...".
function estados(id) {
  return inst.sql(`SELECT group_concat(tipo || ':' || estado, ' ') FROM (SELECT tipo, estado FROM mipres_paso WHERE linea_id = ${id} ORDER BY id)`);
}

// The card of line id in the Direccionamientos list.
const fila = (page, id) => page.locator(`ol[data-k="lineas"] li[data-id="${id}"]`);

// The state shown for each step of the row.
async function estadosFila(row) {
  const out = {};
  for (const k of ['direccionamiento', 'programacion', 'entrega', 'reporte', 'suministro'])
    out[k] = (await row.locator(`[data-k="est-${k}"]`).textContent()).trim();
  return out;
}

// The action links of the row, in order.
const acciones = (row) => row.locator('[data-k="accion"]').allTextContents();

// Clicks the record page's link back to the prescription's lines; returns the line's row.
async function volverALista(page) {
  const r = await b.navigate(page, () => page.locator('[data-k="enlace_lista"]').click());
  assert.equal(r.status(), 200);
  assert.equal(path(page), `/mipres/direccionamientos?por=prescripcion&prescripcion=${PRESC}`);
  return fila(page, lineaId);
}

// Submits the form with its button and expects the record page of a new step of paso.
async function registrar(page, boton, paso) {
  const r = await b.navigate(page, () => page.getByRole('button', { name: boton }).click());
  assert.equal(r.status(), 200);
  assert.match(path(page), new RegExp(`^/mipres/registro/${paso}/\\d+\\?hecho=registrado$`));
  assert.equal(await page.locator('[data-k="resultado"]').textContent(), 'El registro quedó guardado.');
  assert.equal(await page.locator('[data-k="id"]').textContent(), String(lineaId));
  assert.equal(await page.locator('[data-k="estado"]').textContent(), 'Activo');
  return Number(await page.locator('[data-k="idpaso"]').textContent());
}

test('the whole cycle: direct, program, deliver (an error first), report, suministro, annul', async () => {
  // 1. The EPS directs a prescription to the dispenser.
  const eps = (await openPage()).page;
  await b.login(eps, inst.base, EPS);
  assert.equal(path(eps), '/mipres');
  assert.equal((await eps.locator('header [data-k="nit"]').textContent()).split('-')[0], EPS_NIT);
  let r = await b.navigate(eps, () => eps.getByRole('link', { name: 'Nuevo direccionamiento' }).click());
  assert.equal(r.status(), 200);
  assert.equal(path(eps), '/mipres/direccionar');
  const L = (label) => eps.getByLabel(label, { exact: true });
  await L('Número de prescripción (NoPrescripcion)').fill(PRESC);
  await L('Tipo de tecnología (TipoTec)').selectOption({ label: 'M – Medicamento' });
  await L('Consecutivo de la tecnología (ConTec)').fill('1');
  await L('Tipo de documento del paciente (TipoIDPaciente)').selectOption({ label: 'CC – Cédula de ciudadanía' });
  await L('Número de documento del paciente (NoIDPaciente)').fill(PACIENTE);
  await L('Número de la entrega (NoEntrega)').fill('1');
  await L('Número de subentrega (NoSubEntrega) (opcional)').fill('0');
  await L('Tipo de documento del proveedor (TipoIDProv)').selectOption({ label: 'NI – NIT' });
  await L('NIT del proveedor (NoIDProv)').fill(PROV);
  await L('Municipio de entrega (CodMunEnt)').fill('05001');
  await L('Fecha máxima de entrega (FecMaxEnt)').fill(dia(15));
  await L('Cantidad total a entregar (CantTotAEntregar)').fill('20');
  await L('Dirección del paciente (DirPaciente) (opcional)').fill('Calle 10 # 5-20');
  await L('Código de la tecnología a entregar (CodSerTecAEntregar)').fill('019971860-02');
  const pasosAntes = inst.sql('SELECT count(*) FROM mipres_paso');
  r = await b.navigate(eps, () => eps.getByRole('button', { name: 'Registrar direccionamiento' }).click());
  assert.equal(r.status(), 200);
  assert.match(path(eps), /^\/mipres\/registro\/direccionamiento\/\d+\?hecho=registrado$/);
  assert.equal(await eps.locator('[data-k="resultado"]').textContent(), 'El registro quedó guardado.');
  lineaId = Number(await eps.locator('[data-k="id"]').textContent());
  assert.ok(lineaId > 0, 'the created Id is shown');
  assert.equal(Number(inst.sql('SELECT count(*) FROM mipres_paso')), Number(pasosAntes) + 1);
  assert.equal(inst.sql(`SELECT no_prescripcion || ' ' || prov_nit || ' ' || cant_total || ' ' || fec_max_ent FROM mipres_linea WHERE id = ${lineaId}`),
    `${PRESC} ${PROV} 20 ${dia(15)}`);
  assert.equal(estados(lineaId), 'D:1');
  watcher.assertClean('the EPS directs');

  // 2. The dispenser's staff finds the line by prescription number and programs it.
  const disp = (await openPage()).page;
  await b.login(disp, inst.base, DISP);
  assert.equal(path(disp), '/mipres');
  assert.equal((await disp.locator('header [data-k="nit"]').textContent()).split('-')[0], PROV);
  r = await b.navigate(disp, () => disp.locator('main').getByRole('link', { name: 'Direccionamientos', exact: true }).click());
  assert.equal(r.status(), 200);
  const buscar = disp.locator('form[data-k="por-prescripcion"]');
  await buscar.getByLabel('Número de prescripción').fill(PRESC);
  r = await b.navigate(disp, () => buscar.getByRole('button', { name: 'Buscar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(path(disp), `/mipres/direccionamientos?por=prescripcion&prescripcion=${PRESC}`);
  assert.equal(await disp.locator('[data-k="total"]').textContent(), '1');
  let row = fila(disp, lineaId);
  assert.equal(await row.locator('[data-k="prescripcion"]').textContent(), PRESC);
  assert.equal(await row.locator('[data-k="numdoc"]').textContent(), PACIENTE);
  assert.equal(await row.locator('[data-k="cantidad"]').textContent(), '20');
  assert.deepEqual(await estadosFila(row), { direccionamiento: 'Activo', programacion: '—',
    entrega: '—', reporte: '—', suministro: '—' });
  assert.deepEqual(await acciones(row), ['Programar']);

  r = await b.navigate(disp, () => row.getByRole('link', { name: 'Programar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(path(disp), `/mipres/programar/${lineaId}`);
  assert.equal(await disp.getByLabel('Cantidad total a entregar (CantTotAEntregar)', { exact: true }).inputValue(), '20');
  assert.equal(await disp.getByLabel('Fecha máxima de entrega (FecMaxEnt)', { exact: true }).inputValue(), dia(15));
  assert.equal(await disp.getByLabel('Número de documento de la sede (NoIDSedeProv)', { exact: true }).inputValue(), PROV);
  // The sede's code is the one thing the portal cannot know: the dispenser types it.
  await disp.getByLabel('Código de la sede (CodSedeProv)', { exact: true }).fill('PROV000991');
  const idP = await registrar(disp, 'Registrar programación', 'programacion');
  assert.equal(estados(lineaId), 'D:2 P:1');
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_paso WHERE id = ${idP} AND tipo = 'P' AND linea_id = ${lineaId}`), '1');

  // The entrega: a quantity above the programmed one is refused next to the field.
  row = await volverALista(disp);
  assert.deepEqual(await estadosFila(row), { direccionamiento: 'Procesado', programacion: 'Activo',
    entrega: '—', reporte: '—', suministro: '—' });
  assert.deepEqual(await acciones(row), ['Entregar', 'Anular programación']);
  r = await b.navigate(disp, () => row.getByRole('link', { name: 'Entregar' }).click());
  assert.equal(path(disp), `/mipres/entregar/${lineaId}`);
  const cant = disp.getByLabel('Cantidad total entregada (CantTotEntregada)', { exact: true });
  const lote = disp.getByLabel('Número de lote (NoLote) (opcional)', { exact: true });
  assert.equal(await cant.inputValue(), '20');
  assert.equal(await disp.getByLabel('Fecha de entrega (FecEntrega)', { exact: true }).inputValue(), dia());
  await cant.fill('25');
  await lote.fill('L-991');
  watcher.expect('POST', `/mipres/entregar/${lineaId}`, 422);
  const antes = estados(lineaId);
  r = await b.navigate(disp, () => disp.getByRole('button', { name: 'Registrar entrega' }).click());
  assert.equal(r.status(), 422);
  assert.equal(path(disp), `/mipres/entregar/${lineaId}`);
  assert.deepEqual(await b.fieldsWithErrors(disp), ['CantTotEntregada']);
  assert.equal(await b.errorNextTo(disp, 'CantTotEntregada'), 'Cantidad total entregada: máximo 20, la cantidad programada.');
  assert.equal(await cant.inputValue(), '25', 'the value typed is kept');
  assert.equal(await lote.inputValue(), 'L-991');
  assert.equal(await disp.getByLabel('Tipo de documento de quien recibe (TipoIDRecibe)', { exact: true }).inputValue(), 'CC');
  assert.equal(estados(lineaId), antes, 'nothing written');
  await b.screenshot(disp, 'mipres-entrega-error');
  await cant.fill('20');
  const idE = await registrar(disp, 'Registrar entrega', 'entrega');
  assert.equal(await disp.locator('[data-k="dato-NoLote"]').textContent(), 'L-991');
  assert.equal(inst.sql(`SELECT json_extract(datos, '$.CantTotEntregada') || ' ' || json_extract(datos, '$.NoLote') FROM mipres_paso WHERE id = ${idE}`), '20 L-991');

  // The reporte de entrega, prefilled.
  row = await volverALista(disp);
  assert.deepEqual(await acciones(row), ['Reportar entrega', 'Anular entrega']);
  r = await b.navigate(disp, () => row.getByRole('link', { name: 'Reportar entrega' }).click());
  assert.equal(path(disp), `/mipres/reportar/${lineaId}`);
  await disp.getByLabel('Valor entregado (ValorEntregado)', { exact: true }).fill('98000');
  await registrar(disp, 'Registrar reporte de entrega', 'reporte');
  assert.equal(estados(lineaId), 'D:2 P:2 E:2 R:1');
  row = await volverALista(disp);
  assert.deepEqual(await acciones(row), ['Anular reporte']);
  watcher.assertClean('the dispenser programs, delivers and reports');

  // 3. The EPS records the suministro from the line.
  r = await b.navigate(eps, () => eps.locator('[data-k="enlace_lista"]').click());
  row = fila(eps, lineaId);
  assert.deepEqual(await acciones(row), ['Registrar suministro']);
  r = await b.navigate(eps, () => row.getByRole('link', { name: 'Registrar suministro' }).click());
  assert.equal(path(eps), `/mipres/suministrar/${lineaId}`);
  assert.equal(await eps.getByLabel('Cantidad total entregada (CantTotEntregada)', { exact: true }).inputValue(), '20');
  const idS = await registrar(eps, 'Registrar suministro', 'suministro');
  row = await volverALista(eps);
  assert.deepEqual(await estadosFila(row), { direccionamiento: 'Procesado', programacion: 'Procesado',
    entrega: 'Procesado', reporte: 'Procesado', suministro: 'Activo' });
  assert.deepEqual(await acciones(row), ['Anular suministro']);
  assert.equal(estados(lineaId), 'D:2 P:2 E:2 R:2 S:1');
  assert.equal(inst.sql(`SELECT count(*) FROM auditoria WHERE login = '${DISP}' AND accion LIKE 'mipres_%' AND detalle LIKE '% ID ${lineaId} %'`), '3');
  assert.equal(inst.sql(`SELECT count(*) FROM auditoria WHERE login = '${EPS}' AND accion LIKE 'mipres_%' AND detalle LIKE '% ID ${lineaId} %'`), '2');

  // The dispenser's list offers no annulment of the suministro.
  await b.navigate(disp, () => disp.reload());
  assert.deepEqual(await acciones(fila(disp, lineaId)), []);

  // 4. The EPS annuls the suministro through the confirmation page.
  r = await b.navigate(eps, () => row.getByRole('link', { name: 'Anular suministro' }).click());
  assert.equal(path(eps), `/mipres/anular/suministro/${idS}`);
  assert.ok(await eps.getByText('Esta acción no se puede deshacer; el paso anterior vuelve a quedar Activo.').isVisible());
  assert.equal(await eps.locator('[data-k="idpaso"]').textContent(), String(idS));
  assert.equal(estados(lineaId), 'D:2 P:2 E:2 R:2 S:1', 'nothing annulled by opening the page');
  r = await b.navigate(eps, () => eps.getByRole('button', { name: 'Confirmar la anulación' }).click());
  assert.equal(r.status(), 200);
  assert.equal(await eps.locator('[data-k="estado"]').textContent(), 'Anulado');
  assert.match(await eps.locator('[data-k="resultado"]').textContent(), /quedó anulado/);
  row = await volverALista(eps);
  assert.deepEqual(await estadosFila(row), { direccionamiento: 'Procesado', programacion: 'Procesado',
    entrega: 'Procesado', reporte: 'Activo', suministro: 'Anulado' });
  assert.deepEqual(await acciones(row), ['Registrar suministro']);
  assert.equal(estados(lineaId), 'D:2 P:2 E:2 R:1 S:0');
  assert.equal(inst.sql(`SELECT count(*) FROM auditoria WHERE login = '${EPS}' AND accion = 'mipres_anular_Suministro' AND detalle LIKE '% ID ${lineaId} %'`), '1');
  watcher.assertClean('the EPS records and annuls the suministro');
});

// A line of the EPS directed to PROV (10 units) and programmed by it, through the API.
async function lineaProgramada(api, tk, paciente) {
  const put = async (op, nit, body) => {
    const r = await api.request('PUT', `${A}/${op}/${nit}/${tk[nit]}`, { body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
    assert.equal(r.status, 200, r.text);
    return JSON.parse(r.text);
  };
  const d = await put('Direccionamiento', EPS_NIT, { NoPrescripcion: '20261123000000001' + paciente.slice(-3),
    TipoTec: 'M', ConTec: 1, TipoIDPaciente: 'CC', NoIDPaciente: paciente, NoEntrega: 1,
    NoSubEntrega: 0, TipoIDProv: 'NI', NoIDProv: PROV, CodMunEnt: '11001', FecMaxEnt: dia(20),
    CantTotAEntregar: '10', DirPaciente: 'Cra 7 # 1-2', CodSerTecAEntregar: '019971860-01' });
  await put('Programacion', PROV, { ID: d[0].Id, FecMaxEnt: dia(10), TipoIDSedeProv: 'NI',
    NoIDSedeProv: PROV, CodSedeProv: 'PROV000123', CodSerTecAEntregar: '019971860-01',
    CantTotAEntregar: '10' });
  return d[0].Id;
}

test('Cargue masivo: a CSV of one good and one bad entrega', async () => {
  const api = inst.client(), tk = {};
  for (const [nit, reg] of [[EPS_NIT, 'contributivo'], [PROV]]) {
    const user = inst.portal(['mipres-token', nit, ...(reg ? [reg] : [])]).trim();
    const r = await api.get(`${A}/GenerarToken/${nit}/${user}`);
    assert.equal(r.status, 200, r.text);
    tk[nit] = JSON.parse(r.text);
  }
  const bien = await lineaProgramada(api, tk, '79000501');
  const mal = await lineaProgramada(api, tk, '79000502');
  const csv = ['ID;CodSerTecEntregado;CantTotEntregada;EntTotal;CausaNoEntrega;FecEntrega;NoLote;TipoIDRecibe;NoIDRecibe',
    `${bien};019971860-01;10;1;;${dia()};L-501;CC;79000501`,
    `${mal};019971860-01;12;1;;${dia()};L-502;CC;79000502`].join('\r\n') + '\r\n';

  const { page } = await openPage();
  await b.login(page, inst.base, DISP);
  let r = await b.navigate(page, () => page.getByRole('link', { name: 'Cargue masivo' }).click());
  assert.equal(r.status(), 200);
  assert.equal(path(page), '/mipres/cargue');
  await page.getByLabel('Tipo de registros').selectOption({ label: 'Entregas' });
  await page.getByLabel('Archivo CSV o JSON').setInputFiles({ name: 'entregas.csv', mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8') });
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Cargar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(await page.locator('[data-k="archivo"]').textContent(), 'entregas.csv');
  assert.deepEqual(await Promise.all(['aplicadas', 'repetidas', 'rechazadas'].map((k) =>
    page.locator(`[data-k="${k}"]`).textContent())), ['1', '0', '1']);
  const f2 = page.locator('tr[data-fila="2"]'), f3 = page.locator('tr[data-fila="3"]');
  const eBien = inst.rows(`SELECT id, estado FROM mipres_paso WHERE tipo = 'E' AND linea_id = ${bien}`);
  assert.equal(eBien.length, 1);
  assert.equal(eBien[0].estado, 1);
  assert.deepEqual(await f2.locator('[data-k="resultado"], [data-k="id"], [data-k="idpaso"]').allTextContents(),
    ['Registrada', String(bien), String(eBien[0].id)]);
  assert.equal(await f3.locator('[data-k="resultado"]').textContent(), 'Rechazada');
  assert.deepEqual(await f3.locator('[data-k="motivo"]').allTextContents(),
    ['CantTotEntregada supera la cantidad programada.']);
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_paso WHERE tipo = 'E' AND linea_id = ${mal}`), '0');
  assert.equal(inst.sql(`SELECT json_extract(datos, '$.NoLote') FROM mipres_paso WHERE id = ${eBien[0].id}`), 'L-501');
  const aud = inst.rows("SELECT login, detalle FROM auditoria WHERE accion = 'mipres_cargue'");
  assert.equal(aud.length, 1);
  assert.equal(aud[0].login, DISP);
  assert.match(aud[0].detalle, /2 filas, 1 registradas, 0 ya registradas, 1 rechazadas/);
  await b.screenshot(page, 'mipres-cargue');
  watcher.assertClean('Cargue masivo');
});
