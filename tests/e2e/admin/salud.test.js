// Health and metrics (issue 15 §5). GET /salud answers 200 when the database takes a read
// and a write, var/ has room and the mail queue keeps up, else 503 naming the failing
// check (the disk bound set absurdly high, an SMTP server that never answers while old
// messages wait, the database locked by another writer). GET /metricas is Prometheus's
// text: scraped before and after known traffic, its counters move by exactly that
// traffic (routes and statuses, histogram buckets, MIPRES and AP calls by outcome, login
// failures, a worker killed and replaced); nginx lets only loopback scrape it.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { execFileSync } = require('node:child_process');
const { startPortal, Client, csrfOf, waitFor } = require('../../lib/portal.js');
const { bloquear } = require('../bloqueo.js');

let inst;
before(async () => { inst = await startPortal(); });
after(async () => { if (inst) await inst.stop(); });

// Parses the Prometheus text: a Map from 'name{labels}' (as written) to its number, and
// checks each sample line's shape and each family's TYPE on the way.
function parse(text) {
  const m = new Map();
  const types = new Map();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let t = /^# TYPE (\w+) (counter|gauge|histogram)$/.exec(line);
    if (t) { types.set(t[1], t[2]); continue; }
    if (line.startsWith('# HELP ')) continue;
    // Label values are quoted and may hold braces (route="/x/{id}").
    t = /^(\w+)(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\})? (\d+(?:\.\d+)?)$/.exec(line);
    assert.ok(t, 'not a sample line: ' + line);
    const family = t[1].replace(/_(bucket|sum|count)$/, (s) => (types.has(t[1]) ? s : ''));
    assert.ok(types.has(family) || types.has(t[1]), 'no TYPE before ' + line);
    m.set(t[1] + (t[2] || ''), Number(t[3]));
  }
  return m;
}

async function scrape(c = inst.client()) {
  const r = await c.get('/metricas');
  assert.equal(r.status, 200, r.text.slice(0, 200));
  assert.match(r.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  assert.equal(r.headers['cache-control'], 'no-store');
  return parse(r.text);
}

const val = (m, k) => m.get(k) || 0;
const req = (method, route, status) =>
  `portal_http_requests_total{method="${method}",route="${route}",status="${status}"}`;
const hist = (part, method, route, le) => `portal_http_request_duration_seconds_${part}` +
  `{method="${method}",route="${route}"${le ? `,le="${le}"` : ''}}`;

test('/salud: 200 with each check ok, on both ports, and HEAD too', async () => {
  const c = inst.client();
  const antes = Number(inst.sql('SELECT comprobado FROM salud'));
  const r = await c.get('/salud');
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.equal(r.headers['cache-control'], 'no-store');
  assert.deepEqual(JSON.parse(r.text), { estado: 'ok', lectura: 'ok', escritura: 'ok',
    disco: 'ok', correo: 'sin comprobar (no hay servidor SMTP configurado)' });
  // The write check wrote: the row holds the probe's time.
  assert.ok(Number(inst.sql('SELECT comprobado FROM salud')) >= Math.max(antes, Date.now() / 1000 - 60));
  // No session was started for it.
  assert.equal(r.headers['set-cookie'], undefined);
  const head = await c.request('HEAD', '/salud');
  assert.equal(head.status, 200);
  assert.equal(head.text, '');
  const ap = await new Client(inst.apBase).get('/salud');
  assert.equal(ap.status, 200, ap.text);
  assert.equal(JSON.parse(ap.text).estado, 'ok');
});

test('/metricas: the counters move by exactly the traffic made between two scrapes', async () => {
  const c = inst.client();
  const a = await scrape(c);
  // Known traffic: three login pages, a page that does not exist, a wrong password (its
  // form asks for /login once more), a MIPRES call with a bad token, an AP token refused.
  for (let i = 0; i < 3; i++) assert.equal((await c.get('/login')).status, 200);
  assert.equal((await c.get('/no-existe')).status, 404);
  const bad = await inst.client().login('CC1010202030', 'no-es-la-clave');
  assert.equal(bad.status, 400);
  const api = await c.get('/WSSUMMIPRESNOPBS/api/GenerarToken/901500013/no-es-un-token');
  assert.ok(api.status >= 400, api.text);
  const tok = await new Client(inst.apBase).post('/token', { grant_type: 'password' });
  assert.equal(tok.status, 400, tok.text);
  const b = await scrape(c);

  const d = (k) => val(b, k) - val(a, k);
  assert.equal(d(req('GET', '/login', 200)), 4);
  assert.equal(d(req('POST', '/login', 400)), 1);
  assert.equal(d(req('', '(ninguna)', 404)), 1);
  assert.equal(d(req('GET', '/metricas', 200)), 1);	// the first scrape
  assert.equal(d(req('GET', '/WSSUMMIPRESNOPBS/api/GenerarToken/{nit}/{token}', api.status)), 1);
  assert.equal(d(req('POST', '/token', 400)), 1);
  // Histograms: the count and +Inf moved by the requests, buckets are cumulative.
  assert.equal(d(hist('count', 'GET', '/login')), 4);
  assert.equal(d(hist('bucket', 'GET', '/login', '+Inf')), 4);
  assert.ok(d(hist('sum', 'GET', '/login')) > 0);
  const les = ['0.001', '0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1',
    '2.5', '5', '10', '30', '+Inf'];
  let prev = 0;
  for (const le of les) {
    const v = val(b, hist('bucket', 'GET', '/login', le));
    assert.ok(v >= prev, `bucket le=${le} below the previous one`);
    prev = v;
  }
  assert.equal(prev, val(b, hist('count', 'GET', '/login')));
  // Calls by outcome, and the login failure.
  const outcome = api.status === 401 || api.status === 403 ? 'unauthorized' : 'rejected';
  assert.equal(d(`portal_mipres_calls_total{operation="GenerarToken",outcome="${outcome}"}`), 1);
  assert.equal(d('portal_ap_calls_total{service="token",outcome="rejected"}'), 1);
  assert.equal(d('portal_login_failures_total{reason="password"}'), 1);
  assert.equal(d('portal_login_failures_total{reason="code"}'), 0);
  // The demo's outbox (no SMTP server): depth and ages.
  assert.equal(val(b, 'portal_mail_queue_messages'),
    Number(inst.sql("SELECT count(*) FROM correo WHERE estado = 'pendiente'")));
  assert.ok(val(b, 'portal_mail_oldest_pending_seconds') > 0);
  assert.equal(val(b, 'portal_workers'), 2);
});

test('/metricas: each reason of a failed login is counted', async () => {
  const f = (m, r) => val(m, `portal_login_failures_total{reason="${r}"}`);
  const a = await scrape();
  // A wrong second-step code: the right password first, then a code that is not the one.
  const c = inst.client('127.0.0.21');
  const csrf = await c.csrf('/login');
  assert.equal((await c.post('/login', { csrf, usuario: 'CC1010202030', clave: 'Portal-Demo-2026' })).status, 303);
  const page = await c.get('/login/codigo');
  assert.equal((await c.post('/login/codigo', { csrf: csrfOf(page.text), codigo: '000000' })).status, 400);
  // A wrong current password on "Cambiar contraseña".
  const d = inst.client('127.0.0.22');
  assert.equal((await d.login('CC1010202030')).status, 303);
  const form = await d.get('/cuenta/clave');
  assert.equal((await d.post('/cuenta/clave', { csrf: csrfOf(form.text), actual: 'no-es-la-actual',
    nueva: 'una frase nueva bastante larga', confirmar: 'una frase nueva bastante larga' })).status, 400);
  // Five wrong passwords of one login from one address lock the pair: the sixth is refused.
  const e = inst.client('127.0.0.23');
  const statuses = [];
  for (let i = 0; i < 6; i++) statuses.push((await e.login('CC1010202040', 'no-es-la-clave')).status);
  assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
  const b = await scrape();
  assert.equal(f(b, 'code') - f(a, 'code'), 1);
  assert.equal(f(b, 'current_password') - f(a, 'current_password'), 1);
  assert.equal(f(b, 'password') - f(a, 'password'), 5);
  assert.equal(f(b, 'locked') - f(a, 'locked'), 1);
  assert.equal(f(b, 'reauth') - f(a, 'reauth'), 0);
});

test('/metricas: a worker killed is counted when the master replaces it', async () => {
  const a = await scrape();
  const master = inst.portalProcess.pid;
  const kids = execFileSync('pgrep', ['-P', String(master)]).toString().trim().split('\n').map(Number);
  // The workers are forked first, the mailer last: the lowest pid is a worker.
  process.kill(kids[0], 'SIGKILL');
  const k = 'portal_worker_restarts_total{process="worker",cause="signal"}';
  let b;
  await waitFor(async () => { b = await scrape(); return val(b, k) === val(a, k) + 1; },
    'the restart counted');
  assert.equal(val(b, 'portal_worker_restarts_total{process="worker",cause="exit"}'), 0);
  assert.equal(val(b, 'portal_worker_restarts_total{process="mailer",cause="signal"}'), 0);
  assert.match(inst.log(), new RegExp(`server: worker ${kids[0]} ended`));
});

test('/metricas: only loopback may scrape it (nginx); 403 from another address', async () => {
  const r = await inst.client('127.0.0.2').get('/metricas');
  assert.equal(r.status, 403);
  assert.doesNotMatch(r.text, /portal_/);
  // The AP port does not pass it at all.
  const ap = await new Client(inst.apBase).get('/metricas');
  assert.equal(ap.status, 404);
  assert.doesNotMatch(ap.text, /portal_/);
});

test('/metricas: the allowed list is configurable (METRICAS_PERMITIDAS)', async () => {
  const other = await startPortal({ demo: false, metricasPermitidas: '127.0.0.2' });
  try {
    assert.equal((await other.client('127.0.0.1').get('/metricas')).status, 403);
    const ok = await other.client('127.0.0.2').get('/metricas');
    assert.equal(ok.status, 200);
    assert.match(ok.text, /^# HELP portal_http_requests_total /);
  } finally {
    await other.stop();
  }
});

test('/salud: 503 naming the disk when its bound is above the free space', async () => {
  const other = await startPortal({ demo: false, env: { PORTAL_SALUD_DISCO_MIB: '1000000000' } });
  try {
    const r = await other.client().get('/salud');
    assert.equal(r.status, 503, r.text);
    const j = JSON.parse(r.text);
    assert.equal(j.estado, 'falla');
    assert.deepEqual(j.fallas, ['disco']);
    assert.match(j.disco, /^\d+ MiB libres; el mínimo es 1000000000 MiB$/);
    assert.equal(j.lectura, 'ok');
    assert.equal(j.escritura, 'ok');
  } finally {
    await other.stop();
  }
});

test('/salud: a bad bound stops start-up naming the variable', () => {
  const r = (() => {
    try {
      execFileSync(require('node:path').join(__dirname, '..', '..', '..', 'build', 'portal'),
        ['-v', inst.dir, 'serve'], { env: { ...process.env, PORTAL_SALUD_CORREO_MINUTOS: 'diez' },
          stdio: ['ignore', 'pipe', 'pipe'] });
      return null;
    } catch (e) { return e; }
  })();
  assert.ok(r, 'serve started with a bad PORTAL_SALUD_CORREO_MINUTOS');
  assert.match(String(r.stderr), /PORTAL_SALUD_CORREO_MINUTOS: valor no válido «diez»/);
});

test('/salud: 503 naming the mail when due messages wait on an SMTP server that never answers', async () => {
  // A server that accepts and never speaks: the mailer waits on it (30 s), the demo's
  // old messages stay due meanwhile.
  const sockets = new Set();
  const mudo = net.createServer((s) => { sockets.add(s); s.on('error', () => {}); });
  await new Promise((r) => mudo.listen(0, '127.0.0.1', r));
  const other = await startPortal();
  try {
    const c = other.client();
    assert.equal((await c.get('/salud')).status, 200);
    other.portal(['smtp-set', `smtp://127.0.0.1:${mudo.address().port}`, 'portal@example.co', '--sin-tls']);
    const r = await c.get('/salud');
    assert.equal(r.status, 503, r.text);
    const j = JSON.parse(r.text);
    assert.deepEqual(j.fallas, ['correo']);
    assert.match(j.correo, /^el correo más antiguo por enviar espera desde hace \d+ min; el máximo es 30 min$/);
    // The metric says the same.
    const m = parse((await c.get('/metricas')).text);
    assert.ok(val(m, 'portal_mail_oldest_due_seconds') >= 30 * 60);
  } finally {
    for (const s of sockets) s.destroy();
    mudo.close();
    await other.stop();
  }
});

test('/salud: the mail check off (PORTAL_SALUD_CORREO_MINUTOS=0) keeps 200 with the same queue', async () => {
  const sockets = new Set();
  const mudo = net.createServer((s) => { sockets.add(s); s.on('error', () => {}); });
  await new Promise((r) => mudo.listen(0, '127.0.0.1', r));
  const other = await startPortal({ env: { PORTAL_SALUD_CORREO_MINUTOS: '0' } });
  try {
    other.portal(['smtp-set', `smtp://127.0.0.1:${mudo.address().port}`, 'portal@example.co', '--sin-tls']);
    const r = await other.client().get('/salud');
    assert.equal(r.status, 200, r.text);
    assert.equal(JSON.parse(r.text).correo, 'sin comprobar (PORTAL_SALUD_CORREO_MINUTOS=0)');
  } finally {
    for (const s of sockets) s.destroy();
    mudo.close();
    await other.stop();
  }
});

test('/salud: 503 naming the write when another writer holds the database; its own answer, not the busy page', async () => {
  const lock = await bloquear(inst);
  try {
    const r = await inst.client().get('/salud');
    assert.equal(r.status, 503, r.text);
    const j = JSON.parse(r.text);
    assert.deepEqual(j.fallas, ['escritura']);
    assert.equal(j.lectura, 'ok');
    assert.equal(j.escritura, 'la base de datos siguió ocupada por otra escritura 2 s');
  } finally {
    await lock.release();
  }
  assert.equal((await inst.client().get('/salud')).status, 200);
});
