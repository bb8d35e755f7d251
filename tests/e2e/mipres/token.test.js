// "Generar token" (/mipres/token): a dispenser's or EPS's delegate logs in, sees the entity's
// NIT, generates a GUID user token shown once in full and afterwards only by its last
// characters; a new one revokes the old (GenerarToken refuses it); EPS choose the régimen;
// CSRF and roles are enforced on the server; every generation is audited.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');

const A = '/WSSUMMIPRESNOPBS/api';
let inst;

before(async () => { inst = await startPortal(); });
after(() => inst && inst.stop());

const generar = (c, nit, tok) => c.get(`${A}/GenerarToken/${nit}/${tok}`);

test('a dispenser logs in, generates a token shown once, and the old one stops working', async () => {
  const c = await h.loginAs(inst, 'ADMINMIPRESPROV901500013');
  assert.equal((await c.get('/')).headers.location, '/mipres');
  let page = await c.get('/mipres/token');
  assert.equal(page.status, 200);
  assert.equal(page.headers['cache-control'], 'no-store');
  assert.equal(dataK(page.text, 'nit_sin_dv'), '901500013');
  assert.match(dataK(page.text, 'nit'), /^901500013-\d$/);
  assert.equal(dataK(page.text, 'token_nuevo'), null);
  const csrf = h.csrfOf ? h.csrfOf(page.text) : /name="csrf" value="([^"]+)"/.exec(page.text)[1];
  let r = await c.post('/mipres/token', { csrf });
  assert.equal(r.status, 200);
  const first = dataK(r.text, 'token_nuevo');
  assert.match(first, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(r.text.includes('data-copy="token-nuevo"'), 'copy button');
  assert.equal((await generar(c, '901500013', first)).status, 200);
  // Afterwards only its last characters.
  page = await c.get('/mipres/token');
  assert.ok(!page.text.includes(first));
  assert.ok(dataK(page.text, 'token_final').endsWith(first.slice(-4)));
  // A new one revokes the old.
  r = await c.post('/mipres/token', { csrf });
  const second = dataK(r.text, 'token_nuevo');
  assert.notEqual(second, first);
  assert.equal((await generar(c, '901500013', first)).status, 401);
  assert.equal((await generar(c, '901500013', second)).status, 200);
  assert.equal(inst.sql("SELECT count(*) FROM mipres_token t JOIN entidad e ON e.id = t.entidad_id WHERE e.nit = '901500013' AND revocado IS NULL"), '1');
  assert.ok(Number(inst.sql("SELECT count(*) FROM auditoria WHERE accion = 'mipres_token' AND login = 'ADMINMIPRESPROV901500013'")) >= 2);
  // Never stored in clear.
  assert.equal(inst.sql(`SELECT count(*) FROM mipres_token WHERE hash = '${second}' OR final = '${second}'`), '0');
});

test('POST without the CSRF token is refused and nothing changes', async () => {
  const c = await h.loginAs(inst, 'ADMINMIPRESPROV901500021');
  const before = inst.sql('SELECT count(*) FROM mipres_token');
  const r = await c.post('/mipres/token', {});
  assert.equal(r.status, 403);
  const bad = await c.post('/mipres/token', { csrf: 'x'.repeat(43) });
  assert.equal(bad.status, 403);
  assert.equal(inst.sql('SELECT count(*) FROM mipres_token'), before);
});

test('an EPS\'s token is its role\'s régimen: the form cannot choose another', async () => {
  const c = await h.loginAs(inst, 'ADMINMIPRESEPSC901234561');
  const page = await c.get('/mipres/token');
  assert.equal(dataK(page.text, 'regimen_rol'), 'contributivo');
  assert.doesNotMatch(page.text, /name="regimen"/, 'no choice offered');
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)[1];
  const vigentes = () => inst.lista("SELECT regimen FROM mipres_token t JOIN entidad e ON e.id = t.entidad_id WHERE e.nit = '901234561' AND revocado IS NULL ORDER BY regimen");
  // A subsidiado token made by the operator (another delegate's régimen) is not shown here.
  const sub = inst.portal(['mipres-token', '901234561', 'subsidiado']).trim();
  const before = vigentes();
  let r = await c.post('/mipres/token', { csrf, regimen: 'subsidiado' });
  assert.equal(r.status, 200);
  const con = dataK(r.text, 'token_nuevo');
  assert.deepEqual(h.dataKAll(r.text, 'regimen'), ['contributivo'], 'only its régimen listed');
  assert.equal(inst.sql(`SELECT regimen FROM mipres_token WHERE final = '${con.slice(-4)}' AND revocado IS NULL`), 'contributivo',
    'the posted régimen is ignored');
  assert.equal(vigentes(), before, 'still one token per régimen');
  assert.equal((await generar(c, '901234561', sub)).status, 200, 'the subsidiado token was not revoked');
  assert.equal((await generar(c, '901234561', con)).status, 200);
});

test('other roles are refused the page; anonymous users go to the login', async () => {
  const ips = await h.loginAs(inst, 'ADMINHCEIPS800100037');
  assert.equal((await ips.get('/mipres/token')).status, 403);
  const csrf = /name="csrf" value="([^"]+)"/.exec((await ips.get('/ihce')).text)[1];
  assert.equal((await ips.post('/mipres/token', { csrf })).status, 403);
  const anon = inst.client();
  const r = await anon.get('/mipres/token');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login');
  // And a dispenser cannot reach the IHCE pages.
  const prov = await h.loginAs(inst, 'ADMINMIPRESPROV901500013');
  assert.equal((await prov.get('/ihce')).status, 403);
});
