// SAT "Compartir servicios de la entidad" in a real browser (headless Chromium through nginx over
// HTTPS): a CCF's autorizado accepts the terms, shares a service (first with a private key
// pasted by mistake, which is refused next to the field), fills its OAuth 2.0 credentials,
// and runs "Probar conexión" against an HTTPS token endpoint and service on loopback (its CA
// and the loopback range given to the portal by the operator's PORTAL_CONEXION_*).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const { startPortal } = require('../lib/portal.js');
const { freePort } = require('../lib/smtp');
const { makeCa, llaves } = require('../lib/pki.js');
const b = require('./browser.js');

const CCF_A = 'CC1020300010';
const TOKEN = 'token-navegador-NO-DEBE-VERSE';
const BASIC = 'Basic ' + Buffer.from('cliente-sat:secreto-sat').toString('base64');

let dir, server, port, inst, browser, watcher, k;
const open = [];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sat-browser-'));
  makeCa(dir, 'sat');
  k = llaves(dir);
  port = await freePort();
  // The CCF's token endpoint and service.
  server = https.createServer({ key: fs.readFileSync(path.join(dir, 'sat.key')),
    cert: fs.readFileSync(path.join(dir, 'sat.pem')) }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/token' && req.headers.authorization === BASIC)
        return res.end(JSON.stringify({ access_token: TOKEN, token_type: 'Bearer', expires_in: 300 }));
      if (req.url === '/afiliados' && req.headers.authorization === `Bearer ${TOKEN}`)
        return res.end('{"afiliados":[{"documento":"1020300010"}]}');
      res.statusCode = 401;
      res.end('{"error":"invalid_client"}');
    });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  const [p, c] = await Promise.allSettled([startPortal({ env: {
    PORTAL_CONEXION_CA: path.join(dir, 'sat.ca.pem'), PORTAL_CONEXION_PERMITIDAS: '127.0.0.1',
    PORTAL_CONEXION_PUERTOS: String(port), PORTAL_CONEXION_TOTAL: '5' } }), b.launch()]);
  if (p.status === 'fulfilled') inst = p.value;
  if (c.status === 'fulfilled') browser = c.value;
  for (const x of [p, c]) if (x.status === 'rejected') throw x.reason;
  watcher = new b.Watcher(inst.base);
});

after(async () => {
  for (const c of open) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (inst) await inst.stop();
  if (server) server.closeAllConnections(), server.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('share a service, add its OAuth 2.0 credentials, probar conexión: success', async () => {
  const { context, page } = await b.openPage(browser, inst.base, watcher);
  open.push(context);
  await b.login(page, inst.base, CCF_A);
  assert.equal(new URL(page.url()).pathname, '/sat/terminos');
  let r = await b.navigate(page, () => page.getByRole('button', { name: 'Acepto', exact: true }).click());
  assert.equal(new URL(page.url()).pathname, '/sat');

  r = await b.navigate(page, () => page.getByRole('link', { name: 'Compartir servicios de la entidad' }).click());
  assert.equal(r.status(), 200);
  r = await b.navigate(page, () => page.getByRole('link', { name: 'Compartir un servicio' }).click());
  await page.getByLabel('Nombre del servicio').fill('consulta-afiliados');
  await page.getByLabel('Descripción').fill('Consulta de afiliados de la Caja');
  await page.getByLabel('URL del servicio').fill(`https://localhost:${port}/afiliados`);
  await page.getByLabel('Tipo de operación').selectOption('POST');
  await page.getByLabel('Llave pública').fill(k.privada);
  await page.getByLabel('Ejemplo del servicio').fill('{"documento": "1020300010"}');
  watcher.expect('POST', '/sat/compartidos/nuevo', 400);
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Guardar datos del servicio' }).click());
  assert.equal(r.status(), 400);
  assert.deepEqual(await b.fieldsWithErrors(page), ['llave']);
  assert.match(await b.errorNextTo(page, 'llave'), /PRIVADA: nunca la comparta/);
  assert.equal(await page.getByLabel('URL del servicio').inputValue(), `https://localhost:${port}/afiliados`);
  await page.getByLabel('Llave pública').fill(k.publica);
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Guardar datos del servicio' }).click());
  assert.equal(r.status(), 200);
  const row = page.locator('tr', { has: page.locator('[data-k="nombre"]', { hasText: 'consulta-afiliados' }) });
  assert.equal(await row.locator('[data-k="estado"]').textContent(), 'Incompleto');
  assert.equal(await row.getByRole('link', { name: 'Probar conexión' }).count(), 0);

  r = await b.navigate(page, () => row.getByRole('link', { name: 'Credenciales OAuth 2.0' }).click());
  await page.getByLabel('Nombre del token').fill('token-sat');
  await page.getByLabel('URL del servicio de autorización').fill(`https://localhost:${port}/token`);
  await page.getByLabel('Tipo de concesión').selectOption('client_credentials');
  await page.getByLabel('Autenticación del cliente').selectOption('basic');
  await page.getByLabel('Client ID', { exact: true }).fill('cliente-sat');
  await page.getByLabel('Client Secret', { exact: true }).fill('secreto-sat');
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Guardar credenciales' }).click());
  assert.equal(r.status(), 200);
  assert.equal(await row.locator('[data-k="estado"]').textContent(), 'Completo');

  r = await b.navigate(page, () => row.getByRole('link', { name: 'Probar conexión' }).click());
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Probar conexión' }).click());
  assert.equal(r.status(), 200);
  assert.match(await page.locator('[data-k="resultado"]').textContent(), /Conexión correcta/);
  assert.equal(await page.locator('[data-k="token-tipo"]').textContent(), 'Bearer');
  assert.equal(await page.locator('[data-k="token-expira"]').textContent(), '300');
  assert.equal(await page.locator('[data-k="servicio-http"]').textContent(), '200');
  assert.match(await page.locator('[data-k="servicio-extracto"]').textContent(), /1020300010/);
  assert.ok(!(await page.content()).includes(TOKEN), 'the token is never shown');
  await b.screenshot(page, 'sat-probar-conexion');
  watcher.assertClean('share, credentials and connection test');
});
