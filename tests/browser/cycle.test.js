// The IHCE key cycle in a real browser (headless Chromium through nginx over HTTPS), clicking
// and typing as the users do: the delegate's request form with its errors, the ministry's
// queue, search and key form (with its confirmation page), and the delegate's keys page
// with Mostrar and Copiar todo. Every page visited must be free of console errors, failed
// requests and Content-Security-Policy violations.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../lib/portal.js');
const h = require('../e2e/helpers.js');
const b = require('./browser.js');

const NIT0 = '800100000';
const RAZON0 = 'Clínica San Rafael Bogotá';
const MASK = '••••••••••••';
const NOMBRES = { desarrollo: 'Desarrollo', preproduccion: 'Preproducción', produccion: 'Producción' };

// The request form as the delegate sees it: field -> label, and the Spanish message each
// field shows when it is left empty.
const CAMPOS = {
  proveedor_tec: ['Proveedor tecnológico del SIH', 'Escriba el nombre del proveedor tecnológico (máximo 200 caracteres).'],
  software: ['Nombre del software', 'Escriba el nombre del software (máximo 200 caracteres).'],
  lider_nombre: ['Líder técnico: nombre completo', 'Escriba el nombre del líder técnico.'],
  lider_correo: ['Líder técnico: correo institucional', 'Escriba un correo válido, por ejemplo nombre@entidad.gov.co.'],
  lider_tel: ['Líder técnico: teléfono', 'Escriba un celular de 10 dígitos que empiece por 3, o un fijo de 10 dígitos que empiece por 60 (o de 7 dígitos).'],
  resp_nombre: ['Responsable de protección de datos: nombre completo', 'Escriba el nombre del responsable de protección de datos.'],
  resp_correo: ['Responsable de protección de datos: correo', 'Escriba un correo válido, por ejemplo nombre@entidad.gov.co.'],
  resp_tel: ['Responsable de protección de datos: teléfono', 'Escriba un celular de 10 dígitos que empiece por 3, o un fijo de 10 dígitos que empiece por 60 (o de 7 dígitos).'],
  acepta_terminos: ['Acepto los términos y condiciones para la solicitud de llaves', 'Debe aceptar los términos para enviar la solicitud.'],
  autoriza_datos: ['Autorizo el tratamiento de mis datos personales', 'Debe autorizar el tratamiento de datos personales.'],
};
const CHECKS = ['acepta_terminos', 'autoriza_datos'];

let inst, browser, watcher, ent0, solId, keys;
const open = [];	// contexts to close after the run

before(async () => {
  // Both at once; whichever started is stopped by after() even when the other failed.
  const [p, c] = await Promise.allSettled([startPortal(), b.launch()]);
  if (p.status === 'fulfilled') inst = p.value;
  if (c.status === 'fulfilled') browser = c.value;
  for (const x of [p, c]) if (x.status === 'rejected') throw x.reason;
  watcher = new b.Watcher(inst.base);
  ent0 = h.num(inst, `SELECT id FROM entidad WHERE nit = '${NIT0}'`);
  assert.ok(ent0 > 0);
});

after(async () => {
  for (const c of open) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (inst) await inst.stop();
});

async function openPage(opts) {
  const p = await b.openPage(browser, inst.base, watcher, opts);
  open.push(p.context);
  return p;
}


// Sends the key form (its "Guardar llaves") and checks the confirmation page it answers with:
// the request's own path, its heading, no browser dialog, no secret of k in the page.
async function toConfirmation(page, id, razon, k) {
  const r = await b.navigate(page, () => page.getByRole('button', { name: 'Guardar llaves' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/msps/solicitudes/${id}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `Confirme las llaves: ${razon}`);
  const text = await page.locator('main').textContent();
  for (const a of h.AMBIENTES) assert.ok(!text.includes(k[a].client_secret), `${a}: the secret is masked`);
  assert.match(await page.locator('main [data-k="confirmar"]').textContent(), /aún no se ha guardado nada/);
}

function field(page, name) {
  return page.getByLabel(CAMPOS[name][0], { exact: true });
}

// The fieldset of one environment in the ministry's key form.
function grupo(page, amb) {
  return page.getByRole('group', { name: NOMBRES[amb], exact: true });
}

async function fillKeys(page, k) {
  for (const a of h.AMBIENTES) {
    const g = grupo(page, a);
    await g.getByLabel('Client ID', { exact: true }).fill(k[a].client_id);
    await g.getByLabel('Client Secret', { exact: true }).fill(k[a].client_secret);
    await g.getByLabel('Fecha de expiración', { exact: true }).fill(k[a].expira);
  }
}

// The delegate's section of one environment on the keys page.
function ambiente(page, amb) {
  return page.getByRole('region', { name: NOMBRES[amb], exact: true });
}

// Searches the MSPS queue for q with the search box and opens the only row, which must be
// the entity razon in state estado.
async function openFromQueue(page, q, razon, estado) {
  await page.getByLabel('Buscar por NIT, código de habilitación, razón social o estado').fill(q);
  let r = await b.navigate(page, () => page.getByRole('button', { name: 'Buscar' }).click());
  assert.equal(r.status(), 200);
  const u = new URL(page.url());
  assert.equal(u.pathname, '/msps/asignar');
  assert.equal(u.searchParams.get('q'), q);
  assert.equal(await page.locator('main [data-k="total"]').textContent(), '1 entidad(es)');
  const rows = page.locator('table.cola tbody tr');
  assert.equal(await rows.count(), 1);
  const cells = await rows.first().locator('td').allTextContents();
  assert.deepEqual([cells[1], cells[3], cells[5], cells[6]], [q, razon, estado, 'Ingresar llaves']);
  r = await b.navigate(page, () => rows.first().getByRole('link', { name: 'Ingresar llaves' }).click());
  assert.equal(r.status(), 200);
  assert.match(new URL(page.url()).pathname, /^\/msps\/solicitudes\/\d+$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `Asignar token: ${razon}`);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

test('the delegate sends the request form: empty, it comes back with Spanish errors by each field and nothing typed is lost', async () => {
  const { page } = await openPage();
  await b.login(page, inst.base, h.DEL_NUEVO);
  assert.equal(new URL(page.url()).pathname, '/ihce');
  assert.equal(await page.locator('main [data-k="estado"]').textContent(), 'No ha solicitado token');
  // The stylesheet is allowed by the CSP and applied.
  assert.equal(await page.locator('.govco').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(51, 102, 204)');

  let r = await b.navigate(page, () => page.getByRole('link', { name: 'Inscripción token' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/ihce/solicitud');
  assert.deepEqual(await b.fieldsWithErrors(page), []);

  // Sent empty: 400, every field marked with its message next to it, nothing written.
  watcher.expect('POST', '/ihce/solicitud', 400);
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Enviar solicitud' }).click());
  assert.equal(r.status(), 400);
  assert.equal(new URL(page.url()).pathname, '/ihce/solicitud');
  assert.deepEqual(await b.errorSummary(page), { text: 'Revise 10 campo(s) marcados: la solicitud no se ha enviado.',
    links: Object.entries(CAMPOS).map(([name, [, msg]]) => [`#f-${name}`, msg]), focused: true });
  assert.deepEqual(await b.fieldsWithErrors(page), Object.keys(CAMPOS));
  for (const [name, [, msg]] of Object.entries(CAMPOS)) assert.equal(await b.errorNextTo(page, name), msg, name);
  assert.equal(h.num(inst, `SELECT count(*) FROM solicitud WHERE entidad_id = ${ent0}`), 0);
  await b.screenshot(page, 'ihce-solicitud-errores');

  // Half filled, one address wrong: only the rest is marked and what was typed comes back.
  const v = h.solicitudFields('');
  for (const n of ['proveedor_tec', 'software', 'lider_nombre', 'lider_tel']) await field(page, n).fill(v[n]);
  await field(page, 'lider_correo').fill('lider.tecnico@');
  await field(page, 'acepta_terminos').check();
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Enviar solicitud' }).click());
  assert.equal(r.status(), 400);
  assert.equal((await b.errorSummary(page)).text, 'Revise 5 campo(s) marcados: la solicitud no se ha enviado.');
  assert.deepEqual(await b.fieldsWithErrors(page), ['lider_correo', 'resp_nombre', 'resp_correo', 'resp_tel', 'autoriza_datos']);
  assert.equal(await b.errorNextTo(page, 'lider_correo'), CAMPOS.lider_correo[1]);
  assert.equal(await b.errorNextTo(page, 'software'), null);
  for (const n of ['proveedor_tec', 'software', 'lider_nombre', 'lider_tel']) assert.equal(await field(page, n).inputValue(), v[n], `${n} kept`);
  assert.equal(await field(page, 'lider_correo').inputValue(), 'lider.tecnico@', 'the wrong address is kept to correct it');
  assert.equal(await field(page, 'acepta_terminos').isChecked(), true, 'the accepted terms stay accepted');
  assert.equal(await field(page, 'autoriza_datos').isChecked(), false);
  assert.equal(h.num(inst, `SELECT count(*) FROM solicitud WHERE entidad_id = ${ent0}`), 0);

  // Completed: sent, and the home page says so.
  await field(page, 'lider_correo').fill(v.lider_correo);
  for (const n of ['resp_nombre', 'resp_correo', 'resp_tel']) await field(page, n).fill(v[n]);
  await field(page, 'autoriza_datos').check();
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Enviar solicitud' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/ihce?ok=1');
  assert.equal((await page.getByRole('status').textContent()).trim(),
    '¡Registro de solicitud de llaves creado con éxito!');
  assert.equal(await page.locator('main [data-k="estado"]').textContent(), 'Token solicitado por primera vez');

  const row = inst.sql(`SELECT id, estado, proveedor_tec, software, lider_nombre, lider_correo, lider_tel, resp_nombre, resp_correo, resp_tel, terminos_ts IS NOT NULL, datos_ts IS NOT NULL FROM solicitud WHERE entidad_id = ${ent0}`).split('|');
  solId = Number(row[0]);
  assert.deepEqual(row.slice(1), ['pendiente', ...['proveedor_tec', 'software', 'lider_nombre', 'lider_correo',
    'lider_tel', 'resp_nombre', 'resp_correo', 'resp_tel'].map((n) => v[n]), '1', '1']);

  await b.logout(page);
  watcher.assertClean('request form');
});

test('the MSPS official finds the entity in Asignar token, opens it and saves the keys of the three environments', async () => {
  assert.ok(solId, 'the request of the previous test');
  const { page } = await openPage();
  await b.login(page, inst.base, h.MSPS, undefined, inst);
  assert.equal(new URL(page.url()).pathname, '/msps/asignar');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Asignar token');
  // The queue pages: 20 rows and a link to the next page.
  assert.equal(await page.locator('table.cola tbody tr').count(), 20);
  assert.equal(await page.getByRole('navigation', { name: 'Páginas' }).getByRole('link', { name: 'Siguiente' }).count(), 1);

  const id = await openFromQueue(page, NIT0, RAZON0, 'Pendiente');
  assert.equal(id, solId);
  assert.equal(await page.locator('main [data-k="nit"]').textContent(), `${NIT0}-1`);
  assert.equal(await page.locator('main [data-k="estado"]').textContent(), 'Pendiente');
  assert.ok(await page.getByText('HIS Andino 5.2', { exact: true }).isVisible(), 'the software the delegate typed');

  keys = h.llaves('nav');
  await fillKeys(page, keys);
  await toConfirmation(page, id, RAZON0, keys);
  for (const a of h.AMBIENTES)
    assert.equal(await page.locator(`main [data-k="cambio-${a}"]`).textContent(), 'Llaves nuevas: este ambiente aún no tiene llaves.');
  const r = await b.navigate(page, () => page.getByRole('button', { name: 'Confirmar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/msps/asignar?ok=llaves');
  assert.equal((await page.getByRole('status').textContent()).trim(), 'Las llaves fueron guardadas y la entidad fue notificada.');

  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${solId}`), 'asignado');
  assert.deepEqual(inst.sql(`SELECT ambiente || '|' || client_id || '|' || vigente FROM llave WHERE entidad_id = ${ent0} ORDER BY id`).split('\n'),
    h.AMBIENTES.map((a) => `${a}|${keys[a].client_id}|1`));

  // It left the Asignar token queue.
  await page.getByLabel('Buscar por NIT, código de habilitación, razón social o estado').fill(NIT0);
  await b.navigate(page, () => page.getByRole('button', { name: 'Buscar' }).click());
  assert.equal(await page.locator('main [data-k="total"]').textContent(), '0 entidad(es)');
  assert.ok(await page.getByText('No hay entidades que coincidan.').isVisible());

  await b.logout(page);
  watcher.assertClean('MSPS key form');
});

test('the delegate sees the keys: ClientIDs, secrets masked until Mostrar, and Copiar todo copies the block', async () => {
  assert.ok(keys, 'the keys of the previous test');
  const { page } = await openPage({ clipboard: true });
  await b.login(page, inst.base, h.DEL_NUEVO);
  assert.equal(await page.locator('main [data-k="estado"]').textContent(), 'Se ha asignado el token');
  // The keys wait for the activation code mailed with them (manual IHCE v2): the delegate
  // follows the notice and types the code.
  assert.match(await page.locator('main [data-k="activar"]').textContent(), /esperan activación/);
  await b.navigate(page, () => page.getByRole('link', { name: 'Activar llaves' }).click());
  await page.getByLabel('Código de activación', { exact: true }).fill(h.codigoActivacion(inst, '800100000'));
  let r = await b.navigate(page, () => page.getByRole('button', { name: 'Activar llaves' }).click());
  assert.equal(new URL(page.url()).pathname, '/ihce/llaves');
  r = await b.navigate(page, () => page.getByRole('link', { name: 'Mi inicio' }).click());
  r = await b.navigate(page, () => page.getByRole('link', { name: 'Visualización de llaves' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/ihce/llaves');
  assert.equal(r.headers()['cache-control'], 'no-store');

  for (const a of h.AMBIENTES) {
    const s = ambiente(page, a);
    assert.equal(await s.locator('[data-k="client_id"]').textContent(), keys[a].client_id, `${a} ClientID`);
    assert.equal(await s.locator('[data-k="client_secret"]').textContent(), MASK, `${a} secret masked`);
    assert.equal(await s.locator('[data-k="expira"]').textContent(), h.fechaEs(keys[a].expira));
    // portal.js (allowed by the CSP) shows the button it works.
    assert.ok(await s.getByRole('button', { name: 'Copiar todo' }).isVisible(), `${a}: Copiar todo shown`);
  }
  const text = await page.locator('main').textContent();
  for (const a of h.AMBIENTES) assert.ok(!text.includes(keys[a].client_secret), `${a} secret not in the page`);

  // Mostrar reveals that environment's secret only, and the reveal is audited.
  const aud = h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'ihce_mostrar_secreto'");
  r = await b.navigate(page, () => ambiente(page, 'produccion').getByRole('button', { name: 'Mostrar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(r.headers()['cache-control'], 'no-store');
  assert.equal(await ambiente(page, 'produccion').locator('[data-k="client_secret"]').textContent(), keys.produccion.client_secret);
  assert.equal(await ambiente(page, 'produccion').getByRole('button', { name: 'Mostrar' }).count(), 0);
  for (const a of ['desarrollo', 'preproduccion'])
    assert.equal(await ambiente(page, a).locator('[data-k="client_secret"]').textContent(), MASK, `${a} still masked`);
  assert.equal(h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'ihce_mostrar_secreto'"), aud + 1);
  await b.screenshot(page, 'ihce-llaves');

  // Copiar todo: the block of Producción, as it is seen, goes to the clipboard.
  const copy = ambiente(page, 'produccion').getByRole('button', { name: 'Copiar todo' });
  await copy.click();
  await ambiente(page, 'produccion').getByRole('button', { name: 'Copiado' }).waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  const lines = clip.split('\n');
  assert.equal(lines[0], `Client ID: ${keys.produccion.client_id}`);
  assert.equal(lines[1], `Client Secret: ${keys.produccion.client_secret}`);
  assert.equal(lines[2], `Fecha de expiración: ${h.fechaEs(keys.produccion.expira)}`);
  // The demo leaves EndPoint, TenantID, Scope and the APIM key unset: the page says so,
  // and those notes are not copied as if they were values.
  assert.deepEqual(lines.map((l) => l.split(': ')[0]), ['Client ID', 'Client Secret', 'Fecha de expiración']);
  assert.equal(await ambiente(page, 'produccion').locator('[data-k="endpoint"]').textContent(), 'Aún no configurado por el Ministerio');
  assert.match(await ambiente(page, 'produccion').locator('[data-k="apim"]').textContent(), /^No hay llave de suscripción APIM/);
  // The button goes back to its label by itself.
  await ambiente(page, 'produccion').getByRole('button', { name: 'Copiar todo' }).waitFor();

  // A masked block's Copiar todo reveals it first (audited, like Mostrar; the clipboard
  // is untouched), and the focus lands on its copy button, which copies the secret.
  r = await b.navigate(page, () => ambiente(page, 'desarrollo').getByRole('button', { name: 'Copiar todo' }).click());
  assert.equal(r.status(), 200);
  assert.equal(h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'ihce_mostrar_secreto'"), aud + 2);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), clip, 'nothing copied by the reveal');
  assert.equal(await ambiente(page, 'desarrollo').locator('[data-k="client_secret"]').textContent(), keys.desarrollo.client_secret);
  assert.match(await ambiente(page, 'desarrollo').locator('[data-k="para-copiar"]').textContent(), /pulse «Copiar todo»/);
  const focused = await page.evaluate(() => [document.activeElement.textContent, document.activeElement.getAttribute('data-copy')]);
  assert.deepEqual(focused, ['Copiar todo', 'bloque-desarrollo']);
  await page.keyboard.press('Enter');
  await ambiente(page, 'desarrollo').getByRole('button', { name: 'Copiado' }).waitFor();
  const clip2 = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip2, [`Client ID: ${keys.desarrollo.client_id}`, `Client Secret: ${keys.desarrollo.client_secret}`,
    `Fecha de expiración: ${h.fechaEs(keys.desarrollo.expira)}`].join('\n'));
  assert.ok(!clip2.includes('•'), 'never the bullets');

  await b.logout(page);
  watcher.assertClean('keys page');
});

test('the key form asks before saving, on a page: Cancelar sends nothing, Confirmar saves', async () => {
  // Another entity's pending request.
  const [nit, razon] = inst.sql(`SELECT e.nit, e.razon_social FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE s.vigente = 1 AND s.estado = 'pendiente' AND e.nit <> '${NIT0}' ORDER BY s.id LIMIT 1`).split('|');
  assert.ok(nit, 'a pending request in the demo data');
  const { page } = await openPage();
  await b.login(page, inst.base, h.MSPS, undefined, inst);
  const id = await openFromQueue(page, nit, razon, 'Pendiente');
  const state = () => inst.sql(`SELECT s.estado || '|' || s.version || '|' || (SELECT count(*) FROM llave WHERE solicitud_id = s.id) || '|' || (SELECT count(*) FROM auditoria) FROM solicitud s WHERE s.id = ${id}`);
  const before = state();
  assert.match(before, /^pendiente\|\d+\|0\|\d+$/);

  const posts = [];
  const dialogs = [];
  page.on('request', (q) => { if (q.method() === 'POST') posts.push(new URL(q.url()).pathname); });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const k = h.llaves('confirm');
  await fillKeys(page, k);

  // The form answers with the confirmation page; Cancelar goes back, nothing written.
  await toConfirmation(page, id, razon, k);
  assert.deepEqual(posts, [`/msps/solicitudes/${id}`]);
  assert.equal(state(), before);
  let r = await b.navigate(page, () => page.getByRole('link', { name: 'Cancelar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/msps/solicitudes/${id}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `Asignar token: ${razon}`);
  assert.equal(state(), before);

  // Again, and Confirmar: one more POST, saved.
  await fillKeys(page, k);
  await toConfirmation(page, id, razon, k);
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Confirmar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/msps/asignar?ok=llaves');
  assert.deepEqual(posts, [`/msps/solicitudes/${id}`, `/msps/solicitudes/${id}`, `/msps/solicitudes/${id}/confirmar`]);
  assert.deepEqual(dialogs, [], 'no browser dialog');
  assert.match(state(), /^asignado\|\d+\|3\|\d+$/);
  assert.deepEqual(inst.sql(`SELECT client_id FROM llave WHERE solicitud_id = ${id} ORDER BY id`).split('\n'),
    h.AMBIENTES.map((a) => k[a].client_id));

  await b.logout(page);
  watcher.assertClean('confirmation page');
});

test('every page visited carried the CSP and nothing was blocked, failed or logged as an error', async () => {
  watcher.assertClean('all pages');
  const docs = watcher.documents;
  const paths = new Set(docs.map((d) => new URL(d.url).pathname.replace(/\/\d+$/, '/N')));
  for (const p of ['/login', '/ihce', '/ihce/solicitud', '/ihce/llaves', '/ihce/llaves/mostrar',
    '/msps/asignar', '/msps/solicitudes/N'])
    assert.ok(paths.has(p), `visited ${p} (${[...paths].join(', ')})`);
  for (const d of docs) {
    assert.ok(d.csp, `${d.method} ${d.url}: Content-Security-Policy`);
    assert.match(d.csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(d.csp, /unsafe-inline|unsafe-eval/);
  }
  // Only the two form submissions with errors answered with an error status.
  assert.deepEqual(docs.filter((d) => d.status >= 400).map((d) => `${d.method} ${new URL(d.url).pathname} ${d.status}`),
    ['POST /ihce/solicitud 400', 'POST /ihce/solicitud 400']);
});
