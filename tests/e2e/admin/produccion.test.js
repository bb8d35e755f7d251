// The production files (issue 15 §4), tested. nginx/production.conf, rendered by
// nginx/produccion.sh with a temporary directory's paths and a self-signed certificate,
// passes `nginx -t` and then serves a running portal: TLS 1.3 only, HSTS, HTTP redirected,
// the rate limits of the public forms, the MIPRES API and the AP /token, the body caps,
// no compression, /metricas to loopback only, tokens masked in the access log. The
// logrotate example rotates those logs and nginx reopens them. The systemd units pass
// `systemd-analyze verify` and carry their hardening; and the portal runs under the
// service's restrictions (emulated: no systemd here): a non-root user without
// capabilities, no new privileges, memory never writable and executable, the file system
// read-only but its var/ and a private /tmp.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const { startPortal, Client, waitFor, freePort, ROOT } = require('../../lib/portal.js');
const { renderProduction: render, startNginx } = require('../../lib/produccion.js');

const PORTAL = path.join(ROOT, 'build', 'portal');
const PORTAL_DEMO = path.join(ROOT, 'build', 'portal-demo');
let inst, dir, nginx;
const ports = {};

before(async () => {
  inst = await startPortal();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-prod-'));
  fs.mkdirSync(path.join(dir, 'log'));
  for (const k of ['http', 'https', 'ap']) ports[k] = await freePort();
  const r = render(['localhost'], {
    PORTAL_DIR: ROOT, TLS_CERT: path.join(inst.dir, 'tls', 'cert.pem'),
    TLS_KEY: path.join(inst.dir, 'tls', 'key.pem'), LOG_DIR: path.join(dir, 'log'),
    SOCKET: path.join(inst.dir, 'portal.sock'), PUERTO_HTTP: String(ports.http),
    PUERTO: String(ports.https), PUERTO_AP: String(ports.ap), METRICAS_PERMITIDAS: '127.0.0.1',
    LOGIN_RATE: '1r/m', LOGIN_BURST: '3', API_RATE: '1r/m', API_BURST: '2',
    TOKEN_RATE: '1r/m', TOKEN_BURST: '2',
  });
  assert.equal(r.status, 0, r.err);
  fs.writeFileSync(path.join(dir, 'portal.conf'), r.out);
  nginx = await startNginx(dir, ports.https, { gzip: true });
});

after(async () => {
  if (nginx) {
    nginx.kill('SIGTERM');
    await new Promise((r) => (nginx.exitCode !== null ? r() : nginx.once('exit', r)));
  }
  if (inst) await inst.stop();
  if (dir && !process.env.KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
});

const site = (from) => new Client(`https://localhost:${ports.https}`, null, from);
const apSite = (from) => new Client(`https://localhost:${ports.ap}`, null, from);

test('production.conf renders with every placeholder filled, TLS 1.3 only; nginx -t passed (before)', () => {
  const conf = fs.readFileSync(path.join(dir, 'portal.conf'), 'utf8');
  assert.doesNotMatch(conf, /@[A-Z_]+@/);
  const protos = [...conf.matchAll(/^\s*ssl_protocols\s+([^;]*);/gm)].map((m) => m[1]);
  assert.deepEqual(protos, ['TLSv1.3', 'TLSv1.3'], 'both TLS servers TLS 1.3 only');
  assert.match(conf, /limit_req_zone \$binary_remote_addr zone=portal_api:10m rate=1r\/m;/);
  // A value the script cannot put safely into the file is refused, naming it.
  const bad = render(['portal.example.co; evil'], {});
  assert.equal(bad.status, 1);
  assert.match(bad.err, /DOMINIO no válido/);
  assert.match(render(['x.co'], { METRICAS_PERMITIDAS: '10.0.0.1;' }).err, /no es una dirección/);
  // The defaults: Let's Encrypt's paths, /var/log/portal, /run/portal/portal.sock.
  const def = render(['portal.minsalud.gov.co'], {}).out;
  assert.match(def, /ssl_certificate \/etc\/letsencrypt\/live\/portal\.minsalud\.gov\.co\/fullchain\.pem;/);
  assert.match(def, /access_log \/var\/log\/portal\/access\.log portal;/);
  assert.match(def, /fastcgi_pass unix:\/run\/portal\/portal\.sock;/);
  assert.match(def, /listen 443 ssl http2;/);
});

// Whether a TLS handshake with at most version max succeeds on port; resolves the
// protocol or 'refused'.
function handshake(port, opts) {
  return new Promise((resolve) => {
    const s = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', rejectUnauthorized: false,
      ...opts }, () => { const p = s.getProtocol(); s.end(); resolve(p); });
    s.on('error', () => resolve('refused'));
  });
}

test('TLS 1.3 only on both ports, HSTS on pages and static files, HTTP redirected', async () => {
  for (const port of [ports.https, ports.ap]) {
    assert.equal(await handshake(port, { maxVersion: 'TLSv1.2' }), 'refused', `${port} TLS 1.2`);
    assert.equal(await handshake(port, {}), 'TLSv1.3');
  }
  const hsts = 'max-age=63072000; includeSubDomains';
  const page = await site().get('/login');
  assert.equal(page.status, 200);
  assert.equal(page.headers['strict-transport-security'], hsts);
  const css = await site().get('/static/portal.css');
  assert.equal(css.status, 200);
  assert.equal(css.headers['strict-transport-security'], hsts);
  const plain = await new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: ports.http, path: '/clave/abc', headers: { Host: 'localhost' } },
      (r) => { r.resume(); resolve(r); }).on('error', reject);
  });
  assert.equal(plain.statusCode, 301);
  assert.equal(plain.headers.location, 'https://localhost/clave/abc');
});

test('rate limits: public forms (429 page), MIPRES API (429 JSON), /salud, AP /token (slow_down)', async () => {
  // Each on its own client address: the zones count per address.
  const forms = [];
  for (let i = 0; i < 6; i++) forms.push((await site('127.0.0.3').get('/login')).status);
  assert.deepEqual(forms.slice(0, 4), [200, 200, 200, 200], forms.join());
  assert.equal(forms[5], 429, forms.join());
  // Another address is not limited by the first one's requests.
  assert.equal((await site('127.0.0.4').get('/login')).status, 200);

  const api = [];
  for (let i = 0; i < 5; i++) {
    api.push(await site('127.0.0.5').get('/WSSUMMIPRESNOPBS/api/GenerarToken/901500013/no-es-un-token'));
  }
  assert.notEqual(api[0].status, 429);
  const limited = api.filter((r) => r.status === 429);
  assert.ok(limited.length >= 1, api.map((r) => r.status).join());
  assert.match(limited[0].headers['content-type'], /^application\/json/);
  assert.match(JSON.parse(limited[0].text).Message, /Demasiadas solicitudes/);

  // /salud commits a row per call: it has the API's rate too.
  const salud = [];
  for (let i = 0; i < 5; i++) salud.push((await site('127.0.0.13').get('/salud')).status);
  assert.equal(salud[0], 200);
  assert.equal(salud[4], 429, salud.join());

  const tok = [];
  for (let i = 0; i < 5; i++) tok.push(await apSite('127.0.0.6').post('/token', { grant_type: 'password' }));
  assert.equal(tok[0].status, 400);
  const slow = tok.filter((r) => r.status === 429);
  assert.ok(slow.length >= 1, tok.map((r) => r.status).join());
  assert.equal(JSON.parse(slow[0].text).error, 'slow_down');
});

test('body caps: 256 KiB for a form (413 page), 64 KiB for the MIPRES API (413 JSON)', async () => {
  const big = await site('127.0.0.7').request('POST', '/cuenta/clave', {
    body: 'x='.padEnd(300 * 1024, 'a'), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(big.status, 413);
  const api = await site('127.0.0.8').request('PUT', '/WSSUMMIPRESNOPBS/api/Entrega/901500013/t', {
    body: JSON.stringify({ x: 'a'.repeat(70 * 1024) }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(api.status, 413);
  assert.match(JSON.parse(api.text).Message, /64 KiB/);
});

test('no compression even though nginx.conf turns gzip on (pages carry CSRF tokens)', async () => {
  const r = await site('127.0.0.9').get('/login', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], undefined);
});

test('/salud on both ports; /metricas to the listed addresses only', async () => {
  const s = await site('127.0.0.10').get('/salud');
  assert.equal(s.status, 200, s.text);
  assert.equal(JSON.parse(s.text).estado, 'ok');
  assert.equal((await apSite('127.0.0.10').get('/salud')).status, 200);
  const m = await site('127.0.0.1').get('/metricas');
  assert.equal(m.status, 200);
  assert.match(m.text, /^portal_http_requests_total\{method="GET",route="\/login",status="200"\} \d+$/m);
  assert.equal((await site('127.0.0.10').get('/metricas')).status, 403);
  assert.equal((await apSite('127.0.0.1').get('/metricas')).status, 404);
});

test('the access log masks tokens', async () => {
  const token = crypto.randomBytes(32).toString('base64url');
  await site('127.0.0.11').get(`/clave/${token}`);
  await site('127.0.0.11').get(`/WSSUMMIPRESNOPBS/api/EntregaXFecha/901500013/${token}/2026-01-01`);
  // nginx writes the line once the answer is sent: wait for it.
  let log = '';
  await waitFor(() => {
    log = fs.readFileSync(path.join(dir, 'log', 'access.log'), 'utf8');
    return log.includes('/2026-01-01"');
  }, 'the access log lines');
  assert.match(log, /"GET \/clave\/\*\*\* HTTP\/1\.1"/);
  assert.match(log, /"GET \/WSSUMMIPRESNOPBS\/api\/EntregaXFecha\/901500013\/\*\*\*\/2026-01-01"/);
  assert.ok(!log.includes(token), 'a token in the access log');
});

test('logrotate: the example passes logrotate -d, rotates the logs, and nginx reopens them', async () => {
  const conf = fs.readFileSync(path.join(ROOT, 'nginx', 'logrotate.conf'), 'utf8')
    .replaceAll('/var/log/portal', path.join(dir, 'log')).replaceAll('/run/nginx.pid', path.join(dir, 'nginx.pid'));
  const lr = path.join(dir, 'logrotate.conf');
  fs.writeFileSync(lr, conf);
  const state = path.join(dir, 'logrotate.state');
  const dry = spawnSync('logrotate', ['-d', '-s', state, lr], { encoding: 'utf8' });
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stderr + dry.stdout, new RegExp(`considering log ${path.join(dir, 'log')}/access\\.log`));
  const forced = spawnSync('logrotate', ['-f', '-s', state, lr], { encoding: 'utf8' });
  assert.equal(forced.status, 0, forced.stderr);
  assert.ok(fs.existsSync(path.join(dir, 'log', 'access.log.1')), 'access.log rotated');
  // nginx writes the next request into the new file, once it has reopened (SIGUSR1).
  await waitFor(async () => {
    await site('127.0.0.12').get('/login?rotado=1');
    const now = fs.existsSync(path.join(dir, 'log', 'access.log')) ?
      fs.readFileSync(path.join(dir, 'log', 'access.log'), 'utf8') : '';
    return now.includes('/login?rotado=1');
  }, 'nginx writing to the new access.log');
  assert.equal(fs.statSync(path.join(dir, 'log', 'access.log')).mode & 0o777, 0o640);
});

// The units with /opt/portal replaced by this checkout (systemd-analyze checks that each
// command exists), in a temporary directory.
function units() {
  const sd = path.join(ROOT, 'systemd');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-units-'));
  const names = fs.readdirSync(sd).filter((f) => /\.(service|timer)$/.test(f));
  for (const f of names) {
    fs.writeFileSync(path.join(out, f), fs.readFileSync(path.join(sd, f), 'utf8').replaceAll('/opt/portal', ROOT));
  }
  return { out, names };
}

test('systemd: every unit passes systemd-analyze verify; portal.service is hardened', () => {
  const { out, names } = units();
  try {
    for (const n of ['portal.service', 'portal-avisos.service', 'portal-avisos.timer']) {
      assert.ok(names.includes(n), n + ' missing');
    }
    const v = spawnSync('systemd-analyze', ['verify', ...names.map((n) => path.join(out, n))], { encoding: 'utf8' });
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stderr.trim(), '', 'verify warned');
    const unit = fs.readFileSync(path.join(ROOT, 'systemd', 'portal.service'), 'utf8');
    for (const line of ['User=portal', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/portal',
      'PrivateTmp=yes', 'NoNewPrivileges=yes', 'CapabilityBoundingSet=',
      'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6', 'MemoryDenyWriteExecute=yes',
      'ExecStart=/opt/portal/build/portal -r /opt/portal -v /var/lib/portal serve']) {
      assert.match(unit, new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'), line);
    }
    // Only var/ is writable: no other ReadWritePaths line.
    assert.deepEqual([...unit.matchAll(/^ReadWritePaths=(.*)$/gm)].map((m) => m[1]), ['/var/lib/portal']);
    assert.match(fs.readFileSync(path.join(ROOT, 'systemd', 'portal-avisos.timer'), 'utf8'),
      /^OnCalendar=\*-\*-\* 06:00:00$/m);
    // systemd's own score of the sandbox: 0 the most restricted, 10 the least.
    for (const n of ['portal.service', 'portal-avisos.service']) {
      const s = spawnSync('systemd-analyze', ['security', '--offline=yes', path.join(out, n)], { encoding: 'utf8' });
      const m = /Overall exposure level for .*: (\d+\.\d+)/.exec(s.stdout);
      assert.ok(m, s.stdout + s.stderr);
      assert.ok(Number(m[1]) <= 2.0, `${n}: exposure ${m[1]}`);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('the portal serves under portal.service\'s restrictions (emulated with unshare and setpriv)', async () => {
  assert.equal(process.getuid(), 0, 'this test builds a mount namespace and changes user: run it as root');
  // var/ outside /tmp, which the sandbox replaces with a private one (PrivateTmp).
  const v = fs.mkdtempSync(path.join(ROOT, 'build', 'sandbox-'));
  const mdwe = `${v}.mdwe`;	// not in /tmp, which the sandbox replaces
  execFileSync('cc', ['-O2', '-o', mdwe, path.join(ROOT, 'tests', 'lib', 'mdwe.c')]);
  const port = await freePort();
  let apPort = await freePort();
  while (apPort === port) apPort = await freePort();
  execFileSync(PORTAL, ['-v', v, 'migrate'], { stdio: 'pipe' });
  execFileSync(PORTAL_DEMO, ['-v', v, 'seed-demo'], { stdio: 'pipe' });
  execFileSync('sh', [path.join(ROOT, 'nginx', 'render.sh'), v, String(port), String(apPort)]);
  execFileSync('chown', ['-R', '65534:65534', v]);
  const log = fs.openSync(path.join(dir, 'sandbox.log'), 'a');
  // The file system read-only but var/, a private /tmp and /var/tmp; then user nobody, no
  // capability (bounding, inheritable), no new privileges, no W+X memory.
  const script = 'set -e; mount --make-rprivate /; mount --rbind / /; mount -o remount,bind,ro /; ' +
    // A checkout under /tmp (a clone there) stays reachable: the old /tmp on /mnt, the
    // checkout bound back at its path in the new one.
    'mount --bind /tmp /mnt; mount -t tmpfs -o mode=1777 tmpfs /tmp; ' +
    'case "$ROOT" in /tmp/*) mkdir -p "$ROOT"; mount --bind "/mnt${ROOT#/tmp}" "$ROOT";; esac; ' +
    'mount -t tmpfs -o mode=1777 tmpfs /var/tmp; ' +
    'mount --bind "$V" "$V"; mount -o remount,bind,rw "$V"; ' +
    'exec "$MDWE" setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs ' +
    '--bounding-set=-all --inh-caps=-all "$PORTAL" -v "$V" serve -w 2';
  const portal = spawn('unshare', ['-m', 'sh', '-c', script],
    { env: { ...process.env, V: v, MDWE: mdwe, PORTAL, ROOT }, stdio: ['ignore', log, log] });
  const ng = spawn('nginx', ['-c', path.join(v, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  try {
    await waitFor(() => fs.existsSync(path.join(v, 'portal.sock')), 'the sandboxed portal', 20000);
    const c = new Client(`https://localhost:${port}`);
    let s;
    await waitFor(async () => { s = await c.get('/salud'); return s.status !== 502 && s.status !== 503 ||
      /"estado"/.test(s.text); }, 'a worker answering', 20000);
    assert.equal(s.status, 200, s.text);
    assert.equal(JSON.parse(s.text).escritura, 'ok');
    // A login writes (session, attempts, audit) and a page reads.
    assert.equal((await c.login('CC1010202030')).status, 303);
    assert.equal((await c.get('/msps/asignar')).status, 200);
    // Every process of the tree runs as nobody, without capabilities or new privileges.
    const kids = execFileSync('pgrep', ['-f', `${PORTAL} -v ${v} serve`]).toString().trim().split('\n');
    assert.ok(kids.length >= 4, kids.join());
    // A short job the master forks (a WAL checkpoint) may have ended since pgrep saw it.
    let vistos = 0;
    for (const pid of kids) {
      let st;
      try {
        st = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch (e) {
        if (e.code === 'ENOENT') continue;
        throw e;
      }
      vistos++;
      assert.match(st, /^Uid:\s+65534\s+65534\s+65534\s+65534$/m, pid);
      assert.match(st, /^CapBnd:\s+0000000000000000$/m, pid);
      assert.match(st, /^NoNewPrivs:\s+1$/m, pid);
    }
    assert.ok(vistos >= 4, `${vistos} processes read: the master, two workers and the mailer`);
  } finally {
    ng.kill('SIGTERM');
    portal.kill('SIGTERM');
    await Promise.all([ng, portal].map((p) => new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', r)))));
    fs.rmSync(v, { recursive: true, force: true });
    fs.rmSync(mdwe, { force: true });
  }
  assert.doesNotMatch(fs.readFileSync(path.join(dir, 'sandbox.log'), 'utf8'), /error/);
});
