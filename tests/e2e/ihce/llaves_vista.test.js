// Visualización de llaves tells the truth (issue 12 §3): a connection parameter the
// ministry has not set says "Aún no configurado por el Ministerio", an absent APIM key says
// there is none (no bullets, nothing to reveal), and "Copiar todo" never copies a masked
// value: on a masked block it is the Mostrar form's second button (the reveal comes first),
// and the copy script takes only the values marked data-copiar. All of it is in the HTML
// the server sends, so it reads the same without JavaScript; portal.js is the only script
// and the CSP allows it alone.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');

const MASK = '••••••••••••';
const FALTA = 'Aún no configurado por el Ministerio';
const SIN_APIM = 'No hay llave de suscripción APIM para este ambiente: el Ministerio aún no la ha configurado.';
let inst, del;

before(async () => {
  inst = await startPortal();
  del = await h.loginAs(inst, h.DEL_LLAVES);
});

after(async () => {
  if (inst) await inst.stop();
});

// The <section> of environment amb on the keys page.
function bloque(html, amb) {
  const m = new RegExp(`<section class="card ambiente" aria-labelledby="amb-${amb}">([\\s\\S]*?)</section>`).exec(html);
  assert.ok(m, `the block of ${amb}`);
  return m[1];
}

// The <dd> of data-k key in block b: its attributes and text.
function dd(b, key) {
  const m = new RegExp(`<dd data-k="${key}"([^>]*)>([\\s\\S]*?)</dd>`).exec(b);
  assert.ok(m, `a dd data-k="${key}"`);
  return { attrs: m[1], text: h.htmlDecode(m[2].trim()), copiable: /\bdata-copiar\b/.test(m[1]) };
}

// What the copy script (static/portal.js, copyBlock) puts on the clipboard for block b:
// "Label: value" for each dt whose dd is marked data-copiar.
function copia(b) {
  const dl = /<dl class="data copyable"[^>]*>([\s\S]*?)<\/dl>/.exec(b)[1];
  return [...dl.matchAll(/<dt>([^<]*)<\/dt>\s*<dd([^>]*)>([\s\S]*?)<\/dd>/g)]
    .filter((m) => /\bdata-copiar\b/.test(m[2])).map((m) => `${m[1]}: ${h.htmlDecode(m[3].trim())}`);
}

test('parameters the ministry has not set say so; an absent APIM key says there is none, with nothing to reveal', async () => {
  assert.equal(inst.sql("SELECT count(*) FROM ambiente WHERE endpoint = '' AND tenant_id = '' AND scope = '' AND apim_key IS NULL"), '3',
    'the demo leaves the environments unconfigured');
  const r = await del.get('/ihce/llaves');
  assert.equal(r.status, 200);
  h.assertSecurityHeaders(r, '/ihce/llaves');
  assert.match(r.text, /<script src="\/static\/portal\.js"/, 'the copy script, from the portal itself');
  assert.doesNotMatch(r.text, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  for (const a of h.AMBIENTES) {
    const b = bloque(h.mainOf(r.text), a);
    for (const k of ['endpoint', 'tenant', 'scope']) {
      assert.equal(dd(b, k).text, FALTA, `${a} ${k}`);
      assert.ok(!dd(b, k).copiable, `${a} ${k}: not copied`);
    }
    assert.equal(dd(b, 'apim').text, SIN_APIM, `${a}: no APIM key`);
    assert.ok(!dd(b, 'apim').copiable);
    assert.equal(dd(b, 'client_secret').text, MASK, `${a}: the secret is masked`);
    assert.equal(b.split('•').length - 1, MASK.length, `${a}: bullets only for the ClientSecret`);
    // One reveal per block (the ClientSecret's); the masked block's Copiar todo is its
    // second button, hidden until the script runs; no copy button acts on masked values.
    assert.equal((b.match(/<form method="post" action="\/ihce\/llaves\/mostrar"/g) || []).length, 1);
    assert.match(b, /<button type="submit" class="button">Mostrar<\/button>\s*<button type="submit" name="copiar" value="1" class="button js-only" data-revelar hidden>Copiar todo<\/button>/);
    assert.doesNotMatch(b, /data-copy=/, `${a}: nothing copies a masked block`);
    assert.deepEqual(copia(b).map((l) => l.split(': ')[0]), ['Client ID', 'Fecha de expiración']);
  }
});

test('Copiar todo on a masked block reveals it first (audited), then its copy button takes the secret, never bullets', async () => {
  let r = await del.get('/ihce/llaves');
  const ids = [...r.text.matchAll(/name="llave" value="(\d+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 3);
  const aud = h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'ihce_mostrar_secreto'");
  r = await del.post('/ihce/llaves/mostrar', { csrf: h.csrfOf(r.text), llave: ids[2], copiar: '1' });
  assert.equal(r.status, 200);
  assert.equal(h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'ihce_mostrar_secreto'"), aud + 1);
  const main = h.mainOf(r.text);
  const p = bloque(main, 'produccion');
  const secret = dd(p, 'client_secret');
  assert.match(secret.text, /^demo~produccion~/);
  assert.ok(secret.copiable);
  assert.match(p, /<button type="button" class="button js-only" data-copy="bloque-produccion" data-enfocar hidden>Copiar todo<\/button>/,
    'the revealed block\'s copy button, which the script focuses');
  assert.equal(h.dataKAll(p, 'para-copiar').length, 1, 'it says the secret is ready to copy');
  assert.doesNotMatch(p, /action="\/ihce\/llaves\/mostrar"/, 'nothing left to reveal');
  assert.equal(dd(p, 'apim').text, SIN_APIM, 'still none: no "could not decrypt", no bullets');
  assert.deepEqual(copia(p), [`Client ID: ${dd(p, 'client_id').text}`, `Client Secret: ${secret.text}`,
    `Fecha de expiración: ${dd(p, 'expira').text}`]);
  for (const l of copia(p)) assert.ok(!l.includes('•') && !l.includes(FALTA), l);
  // The other blocks stay masked, without a focus mark or the notice.
  for (const a of ['desarrollo', 'preproduccion']) {
    assert.equal(dd(bloque(main, a), 'client_secret').text, MASK);
    assert.doesNotMatch(bloque(main, a), /data-enfocar|para-copiar/);
  }
  // Mostrar alone reveals without the copy notice.
  r = await del.post('/ihce/llaves/mostrar', { csrf: h.csrfOf(r.text), llave: ids[0] });
  const d = bloque(h.mainOf(r.text), 'desarrollo');
  assert.match(dd(d, 'client_secret').text, /^demo~desarrollo~/);
  assert.match(d, /data-copy="bloque-desarrollo" hidden>Copiar todo/);
  assert.doesNotMatch(d, /data-enfocar|para-copiar/);
});

test('once the ministry configures an environment, its values show and copy; its APIM key is masked until Mostrar', async () => {
  const msps = await h.loginAs(inst, h.MSPS);
  const apim = 'APIM-' + crypto.randomBytes(8).toString('hex');
  const f = { csrf: await msps.csrf('/msps/ambientes') };
  for (const a of h.AMBIENTES) Object.assign(f, { [`endpoint_${a}`]: '', [`tenant_${a}`]: '', [`scope_${a}`]: '', [`apim_${a}`]: '' });
  // The form needs the three environments: two get parameters but no APIM key.
  Object.assign(f, { endpoint_desarrollo: 'https://dev.ihce.example.gov.co/api', tenant_desarrollo: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    scope_desarrollo: 'api://ihce-dev/.default', apim_desarrollo: apim,
    endpoint_preproduccion: 'https://pre.ihce.example.gov.co/api', tenant_preproduccion: '3f2504e0-4f89-11d3-9a0c-0305e82c3302',
    scope_preproduccion: 'api://ihce-pre/.default',
    endpoint_produccion: 'https://ihce.example.gov.co/api', tenant_produccion: '3f2504e0-4f89-11d3-9a0c-0305e82c3303',
    scope_produccion: 'api://ihce/.default' });
  let r = await msps.post('/msps/ambientes', f);
  assert.equal(r.status, 303, h.mainOf(r.text).slice(0, 800));

  r = await del.get('/ihce/llaves');
  const d = bloque(h.mainOf(r.text), 'desarrollo');
  assert.deepEqual(['endpoint', 'tenant', 'scope'].map((k) => [dd(d, k).text, dd(d, k).copiable]),
    [['https://dev.ihce.example.gov.co/api', true], ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', true], ['api://ihce-dev/.default', true]]);
  assert.equal(dd(d, 'apim').text, MASK, 'a stored APIM key is masked');
  assert.ok(!dd(d, 'apim').copiable);
  assert.equal(dd(bloque(h.mainOf(r.text), 'preproduccion'), 'apim').text, SIN_APIM);
  assert.ok(!r.text.includes(apim));

  const ids = [...r.text.matchAll(/name="llave" value="(\d+)"/g)].map((m) => m[1]);
  r = await del.post('/ihce/llaves/mostrar', { csrf: h.csrfOf(r.text), llave: ids[0], copiar: '1' });
  const v = bloque(h.mainOf(r.text), 'desarrollo');
  assert.equal(dd(v, 'apim').text, apim);
  assert.deepEqual(copia(v).map((l) => l.split(': ')[0]), ['Client ID', 'Client Secret', 'Fecha de expiración',
    'EndPoint', 'TenantID', 'Scope', 'Llave de suscripción APIM']);
  assert.equal(copia(v)[6], `Llave de suscripción APIM: ${apim}`);
  assert.equal(dd(bloque(h.mainOf(r.text), 'preproduccion'), 'apim').text, SIN_APIM);
});

test('keys waiting for their activation code: no reveal, no copy of a secret, and an absent APIM key still says none', async () => {
  const c = await h.loginAs(inst, h.DEL_PENDIENTE);
  // Its request gets keys: they wait for the code mailed with them.
  const msps = await h.loginAs(inst, h.MSPS);
  const sol = h.num(inst, "SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100074' AND s.vigente = 1");
  const r0 = await h.guardarLlaves(msps, sol, h.llaves('vista'));
  assert.equal(r0.status, 303);
  const r = await c.get('/ihce/llaves');
  for (const a of h.AMBIENTES) {
    const b = bloque(h.mainOf(r.text), a);
    assert.equal(dd(b, 'client_secret').text, 'Disponible al activar las llaves');
    assert.doesNotMatch(b, /data-copy=|data-revelar|name="llave"/);
  }
  // Desarrollo has an APIM key (the test above): waiting too; the others have none.
  assert.equal(dd(bloque(h.mainOf(r.text), 'desarrollo'), 'apim').text, 'Disponible al activar las llaves');
  assert.equal(dd(bloque(h.mainOf(r.text), 'produccion'), 'apim').text, SIN_APIM);
});
