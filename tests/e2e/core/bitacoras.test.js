// No live secret in any log (issue 11 §4), and nginx's own answers (issue 11 §8): every
// answer nginx gives itself — 413, 429, a static file missing, 503 with the portal down —
// and a CSRF refusal of the portal are provoked with live tokens in the URL (a password
// link, MIPRES user and temporary tokens, an activation code, a challenge's id, an
// invitation-like link), then every log file of the instance is read: none holds any
// token, and the error log still records that the portal was down. Those answers carry
// the security headers, echo no URL, and the AP port answers its 5xx in OAuth's JSON.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');
const ap = require('../ap_helpers.js');

const A = '/WSSUMMIPRESNOPBS/api';
const PROV = '901500013';	// demo MIPRES provider (cgi/tools/demo_mipres.c)
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const randomToken = () => crypto.randomBytes(32).toString('base64url');

let inst;
// Every secret that went through a URL, a header or a body: none may reach a log.
const secrets = {};
// The answers nginx gave itself, by name, to check their headers and bodies.
const answers = {};

before(async () => {
  // The public forms' zone lets 1 + 6 requests through, then answers 429; the AP /token
  // zone 1 + 2.
  inst = await startPortal({ rate: '1r/m', burst: '6', tokenRate: '1r/m', tokenBurst: '2' });
});
after(async () => { if (inst) await inst.stop(); });

// The status of r is want (with its body in the message).
function expectStatus(r, want, what) {
  assert.equal(r.status, want, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
  return r;
}

test('a real password link, MIPRES tokens and a CSRF refusal on /clave/<token> with the portal up', async () => {
  const c = inst.client();
  // Forgot password: the mailed link's token is live.
  const csrf = await c.csrf('/clave/olvido');
  expectStatus(await c.post('/clave/olvido', { csrf, usuario: h.MSPS, correo: h.MSPS_CORREO }),
    303, 'POST /clave/olvido');
  const body = inst.correos(`para = '${h.MSPS_CORREO}'`).at(-1).cuerpo;
  const m = /\/clave\/([A-Za-z0-9_-]{43})\n/.exec(body);
  assert.ok(m, 'a reset link was mailed');
  secrets.reset = m[1];
  secrets.csrf = csrf;
  secrets.preSession = c.cookies.get('__Host-pre') || '';
  // Its page, then its form posted with a wrong token: the portal logs the refusal.
  const page = expectStatus(await c.get(`/clave/${secrets.reset}`), 200, 'GET /clave/<token>');
  secrets.pageCsrf = h.csrfOf(page.text);
  expectStatus(await c.post(`/clave/${secrets.reset}`, { csrf: 'x'.repeat(43),
    nueva: 'una frase bastante larga', confirmar: 'una frase bastante larga' }), 403,
  'POST /clave/<token> with a wrong CSRF token');
  assert.match(inst.log(), /csrf: refused POST \/clave\/\{token\} from /, 'the refusal is logged, by route');
  // The link still works: the refusal changed nothing.
  assert.equal(inst.sql(`SELECT count(*) FROM enlace_clave WHERE usado IS NULL AND token_hash = ${inst.blob(crypto.createHash('sha256').update(secrets.reset).digest('hex'))}`), '1');

  // A challenge's id (its image is public for 30 minutes).
  const reg = expectStatus(await c.get('/registro'), 200, 'GET /registro');
  secrets.reto = h.inputValue(reg.text, 'reto_id');
  assert.match(secrets.reto, /^[A-Za-z0-9_-]{43}$/);
  expectStatus(await c.get(`/registro/reto/${secrets.reto}`), 200, 'the challenge image');

  // MIPRES: the user token (GenerarToken's path) and the temporary token.
  secrets.mipresUser = inst.portal(['mipres-token', PROV]).trim();
  const t = expectStatus(await c.get(`${A}/GenerarToken/${PROV}/${secrets.mipresUser}`), 200, 'GenerarToken');
  secrets.mipresTemp = JSON.parse(t.text);
  assert.match(secrets.mipresTemp, /^[A-Za-z0-9_-]{43}=$/);
  expectStatus(await c.get(`${A}/DireccionamientoXFecha/${PROV}/${encodeURIComponent(secrets.mipresTemp)}/2026-01-01`),
    200, 'a query with the temporary token');

  // An AP bearer token, used once.
  const apc = ap.apClient(inst);
  secrets.apToken = await ap.tokenOf(apc, ap.AP_A, 'afiliacion');
  const rr = await ap.call(apc, '/ReportarAfiliaciontraslado', secrets.apToken, []);
  assert.ok(rr.status < 500, rr.text);

  // A portal page keeps its own headers, once (nginx adds none of its own to it).
  const login = await c.get('/login');
  h.assertSecurityHeaders(login, 'GET /login');
  secrets.activacion = 'QW7K-9ZPX-M3RT-V2NY';
  secrets.invitacion = randomToken();
});

test('413: a body too large on /clave/<token>, on the MIPRES API and on the AP port', async () => {
  const c = inst.client();
  const big = 'x='.padEnd(300 * 1024, 'y');
  answers['413'] = expectStatus(await c.request('POST', `/clave/${secrets.reset}`, { body: big, headers: FORM }),
    413, '413 on /clave/<token>');
  answers['413 API'] = expectStatus(await c.request('PUT', `${A}/Programacion/${PROV}/${secrets.mipresTemp}`,
    { body: JSON.stringify([{ x: 'y'.repeat(70 * 1024) }]), headers: { 'Content-Type': 'application/json' } }),
  413, '413 on the MIPRES API');
  assert.match(answers['413 API'].headers['content-type'], /^application\/json/);
  answers['413 AP'] = expectStatus(await ap.apClient(inst).request('POST', '/ReportarAfiliaciontraslado',
    { body: big, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secrets.apToken}` } }),
  413, '413 on the AP port');
  assert.equal(JSON.parse(answers['413 AP'].text).error, 'invalid_request');
  answers['404 static'] = expectStatus(await c.get('/static/no-existe.css'), 404, 'a static file missing');
  // Not a token: a search's words stay readable in the access log.
  expectStatus(await c.get('/no/existe?q=cl%C3%ADnica%20san%20rafael%20de%20pasto%202026'), 404, 'a page missing');
});

test('503: the portal down (its socket gone, then refusing) on every kind of token URL', async () => {
  const c = inst.client();
  const apc = ap.apClient(inst);
  inst.portalProcess.kill('SIGTERM');
  await new Promise((resolve) => inst.portalProcess.once('exit', resolve));
  const sock = path.join(inst.dir, 'portal.sock');
  const down = async () => {
    const out = {
      mipresUser: await c.get(`${A}/GenerarToken/${PROV}/${secrets.mipresUser}`),
      mipresTemp: await c.get(`${A}/DireccionamientoXFecha/${PROV}/${secrets.mipresTemp}/2026-01-01`),
      activacion: await c.get(`/ihce/activar?codigo=${secrets.activacion}`),
      reto: await c.get(`/registro/reto/${secrets.reto}`),
      invitacion: await c.get(`/invitaciones/${secrets.invitacion}`),
      ap: await apc.request('POST', '/ReportarAfiliaciontraslado', { body: '[]',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secrets.apToken}` } }),
    };
    for (const [k, r] of Object.entries(out)) expectStatus(r, 503, `${k} with the portal down`);
    return out;
  };
  // No socket (nginx logs that at "crit")...
  assert.ok(!fs.existsSync(sock));
  const gone = await down();
  answers['503'] = expectStatus(await c.get(`/clave/${secrets.reset}`), 503, '/clave/<token> with the portal down');
  answers['503 API'] = gone.mipresTemp;
  answers['503 AP'] = gone.ap;
  // ...and a socket nobody listens on (at "error").
  execFileSync('python3', ['-c', 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', sock]);
  await down();
  // The AP port answers OAuth's JSON, not nginx's HTML.
  assert.match(gone.ap.headers['content-type'], /^application\/json/);
  assert.deepEqual(Object.keys(JSON.parse(gone.ap.text)), ['error', 'error_description']);
  assert.equal(JSON.parse(gone.ap.text).error, 'temporarily_unavailable');
  assert.match(JSON.parse(gone.ap.text).error_description, /no está disponible/);
});

test('429: past the limit on /clave/<token> and on the AP /token', async () => {
  const c = inst.client();
  let r;
  for (let i = 0; i < 12 && (!r || r.status !== 429); i++) r = await c.get(`/clave/${secrets.reset}`);
  answers['429'] = expectStatus(r, 429, '/clave/<token> past the limit');
  expectStatus(await c.get(`/clave/${randomToken()}`), 429, 'another link past the limit');
  assert.match(r.text, /Demasiadas solicitudes/);
  const apc = ap.apClient(inst);
  for (r = null; !r || r.status !== 429;) {
    r = await apc.post('/token', { grant_type: 'password', username: ap.AP_A.nit,
      password: ap.PASSWORD, client_id: ap.AP_A.afiliacion });
  }
  answers['429 AP'] = r;
  assert.equal(JSON.parse(r.text).error, 'slow_down');
});

test('nginx\'s own answers carry the security headers and echo no URL', () => {
  for (const name of ['404 static', '413', '413 API', '413 AP', '429', '429 AP', '503', '503 API', '503 AP']) {
    const r = answers[name];
    assert.ok(r, `${name} was provoked`);
    h.assertSecurityHeaders(r, name);
    assert.match(r.headers['strict-transport-security'] || '', /max-age=/, `${name}: HSTS`);
    for (const s of Object.values(secrets)) assert.ok(!r.text.includes(s), `${name} echoes a token`);
    assert.doesNotMatch(r.text, /\/clave\/|WSSUMMIPRESNOPBS/, `${name} echoes the URL`);
  }
});

test('no log file holds any token; the error log still records the portal down, masked', () => {
  const files = fs.readdirSync(inst.dir).filter((f) => f.endsWith('.log'));
  for (const f of ['nginx-access.log', 'nginx-error.log', 'portal.log']) assert.ok(files.includes(f), f);
  const logs = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(inst.dir, f), 'latin1')]));
  assert.equal(Object.keys(secrets).length, 10);
  for (const [name, s] of Object.entries(secrets)) {
    assert.ok(s && s.length >= 19, `${name} is a token`);
    // The token, its first 19 characters, and its percent-encoded spelling.
    for (const needle of new Set([s, s.slice(0, 19), encodeURIComponent(s)])) {
      for (const [f, text] of Object.entries(logs)) {
        assert.ok(!text.includes(needle), `${f} holds the ${name} token (${needle}):\n` +
          text.split('\n').filter((l) => l.includes(needle)).join('\n'));
      }
    }
  }
  const err = logs['nginx-error.log'];
  // No request line of nginx's own messages...
  assert.doesNotMatch(err, /request: "[A-Z]+ \/[^"]*" ?, host:/);
  assert.doesNotMatch(err, /\[(error|crit|warn)\]/);
  // ...but one "[fallo]" line per 5xx, the request masked: the portal down is on record.
  const fallos = err.split('\n').filter((l) => / \[fallo\] 503, upstream: /.test(l));
  assert.ok(fallos.length >= 13, `${fallos.length} [fallo] lines:\n${err}`);
  assert.ok(fallos.some((l) => l.includes('"GET /clave/*** HTTP/1.1"')), err);
  assert.ok(fallos.some((l) => l.includes(`"GET ${A}/GenerarToken/${PROV}/***"`)), err);
  assert.ok(fallos.some((l) => l.includes('"GET /ihce/activar?codigo=*** HTTP/1.1"')), err);
  assert.ok(fallos.some((l) => l.includes('"GET /invitaciones/*** HTTP/1.1"')), err);
  assert.ok(fallos.some((l) => l.includes('"POST /ReportarAfiliaciontraslado HTTP/1.1"')), err);
  // The access log has every answer, masked: the 413, the 429s and the 503s included.
  const acc = logs['nginx-access.log'];
  assert.match(acc, /"POST \/clave\/\*\*\* HTTP\/1\.1" 413 /);
  assert.match(acc, /"GET \/clave\/\*\*\* HTTP\/1\.1" 429 /);
  assert.match(acc, /"GET \/clave\/\*\*\* HTTP\/1\.1" 503 /);
  assert.match(acc, /"GET \/registro\/reto\/\*\*\* HTTP\/1\.1" 200 /);
  assert.ok(acc.includes('"GET /no/existe?q=cl%C3%ADnica%20san%20rafael%20de%20pasto%202026 HTTP/1.1" 404 '), acc);
});
