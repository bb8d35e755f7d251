// Several portal hosts behind one nginx (issue 14 §5; README, "Varios servidores"): the
// production site rendered with PORTAL_HOSTS passes to an upstream of two hosts, one on a
// unix socket and one listening on TCP (PORTAL_FASTCGI, as a host on another machine
// does); both answer; a host killed with -9 is left out by nginx's passive check and the
// other answers every request. A portal on TCP answers only the addresses of
// FCGI_WEB_SERVER_ADDRS (a direct FastCGI client could pass the parameters nginx sets, such
// as PORTAL_METRICAS), and does not start without them. The external active check
// (nginx/salud-hosts.sh) marks a host whose /salud fails "down" while another passes.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { startPortal, Client, waitFor, freePort, ROOT } = require('../../lib/portal.js');
const { renderProduction, startNginx } = require('../../lib/produccion.js');

const PORTAL = path.join(ROOT, 'build', 'portal');
let a, dir, nginx, tcp, puertoB;
const hijos = [];
const ports = {};

// One FastCGI request (the roles nginx plays), params an object; resolves the bytes of
// its stdout, or '' when the portal closed the connection without answering.
function fastcgi(to, params) {
  const rec = (type, body) => {
    const h = Buffer.alloc(8);
    h.writeUInt8(1, 0); h.writeUInt8(type, 1); h.writeUInt16BE(1, 2); h.writeUInt16BE(body.length, 4);
    return Buffer.concat([h, body]);
  };
  const len = (n) => (n < 128 ? Buffer.from([n]) : (() => { const b = Buffer.alloc(4); b.writeUInt32BE(n | 0x80000000); return b; })());
  const pares = Buffer.concat(Object.entries(params).map(([k, v]) =>
    Buffer.concat([len(Buffer.byteLength(k)), len(Buffer.byteLength(v)), Buffer.from(k), Buffer.from(v)])));
  const begin = Buffer.from([0, 1, 0, 0, 0, 0, 0, 0]);	// role RESPONDER, no keep-alive
  return new Promise((resolve, reject) => {
    const s = net.connect(to);
    let got = Buffer.alloc(0);
    s.on('connect', () => s.write(Buffer.concat([rec(1, begin), rec(4, pares), rec(4, Buffer.alloc(0)),
      rec(5, Buffer.alloc(0))])));
    s.on('data', (d) => { got = Buffer.concat([got, d]); });
    s.on('error', (e) => (e.code === 'ECONNRESET' ? null : reject(e)));
    s.on('close', () => {
      let out = '';
      for (let i = 0; i + 8 <= got.length;) {
        const type = got[i + 1], n = got.readUInt16BE(i + 4), pad = got[i + 6];
        if (type === 6) out += got.subarray(i + 8, i + 8 + n).toString();
        i += 8 + n + pad;
      }
      resolve(out);
    });
  });
}
const GET = (p, extra = {}) => ({ REQUEST_METHOD: 'GET', DOCUMENT_URI: p, REQUEST_URI: p,
  QUERY_STRING: '', REMOTE_ADDR: '127.0.0.1', HTTP_HOST: 'localhost', ...extra });
// How many GET /salud a host counted (its /metricas, asked directly as nginx would).
async function saludes(to) {
  const m = await fastcgi(to, GET('/metricas', { PORTAL_METRICAS: '1' }));
  return [...m.matchAll(/^portal_http_requests_total\{method="GET",route="\/salud",status="200"\} (\d+)$/gm)]
    .reduce((n, x) => n + Number(x[1]), 0);
}

// portal serve on TCP in its own var/; resolves the child once the port takes connections.
async function serveTcp(nombre, port, addrs, env = {}) {
  const v = fs.mkdtempSync(path.join(dir, `${nombre}-`));
  execFileSync(PORTAL, ['-v', v, 'migrate'], { stdio: 'pipe' });
  const log = fs.openSync(path.join(v, 'portal.log'), 'a');
  // Its own process group: killing the host kills master, worker and mailer at once.
  const p = spawn(PORTAL, ['-v', v, 'serve', '-w', '1'], { stdio: ['ignore', log, log], detached: true,
    env: { ...process.env, PORTAL_FASTCGI: `127.0.0.1:${port}`, FCGI_WEB_SERVER_ADDRS: addrs, ...env } });
  hijos.push(p);
  await waitFor(() => new Promise((ok) => {
    const c = net.connect(port, '127.0.0.1', () => { c.destroy(); ok(true); });
    c.on('error', () => ok(false));
  }), `${nombre} on TCP`);
  return p;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-varios-'));
  a = await startPortal({ demo: false });
  puertoB = await freePort();
  tcp = await serveTcp('b', puertoB, '127.0.0.1');
  fs.mkdirSync(path.join(dir, 'log'));
  for (const k of ['http', 'https', 'ap', 'salud']) ports[k] = await freePort();
  fs.writeFileSync(path.join(dir, 'portal.conf'), renderizar(`unix:${path.join(a.dir, 'portal.sock')} 127.0.0.1:${puertoB}`));
  nginx = await startNginx(dir, ports.https);
});

after(async () => {
  if (nginx) {
    nginx.kill('SIGTERM');
    await new Promise((r) => (nginx.exitCode !== null ? r() : nginx.once('exit', r)));
  }
  for (const p of hijos) {
    if (p.exitCode === null && p.signalCode === null) {
      const fin = new Promise((r) => p.once('exit', r));
      process.kill(-p.pid, 'SIGTERM');
      await fin;
    }
  }
  if (a) await a.stop();
  if (dir && !process.env.KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
});

// The pids of this nginx's workers that take new connections: titled "nginx: worker
// process"; one that took a reload's QUIT is "... is shutting down" and has closed its
// listening sockets.
function workersAbiertos() {
  let kids;
  try {
    kids = execFileSync('pgrep', ['-P', String(nginx.pid)]).toString().trim().split('\n').map(Number);
  } catch (e) {
    return [];	// pgrep exits 1 when there is none
  }
  return kids.filter((k) => {
    try {
      return fs.readFileSync(`/proc/${k}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() === 'nginx: worker process';
    } catch (e) {
      return false;	// ended meanwhile
    }
  });
}

// The production site for hosts (PORTAL_HOSTS), rendered.
function renderizar(hosts) {
  const r = renderProduction(['localhost'], { PORTAL_DIR: ROOT, TLS_CERT: path.join(a.dir, 'tls', 'cert.pem'),
    TLS_KEY: path.join(a.dir, 'tls', 'key.pem'), LOG_DIR: path.join(dir, 'log'),
    PUERTO_HTTP: String(ports.http), PUERTO: String(ports.https), PUERTO_AP: String(ports.ap),
    PUERTO_SALUD: String(ports.salud), PORTAL_HOSTS: hosts, FALLOS: '1', FALLO_SEGUNDOS: '60' });
  assert.equal(r.status, 0, r.err);
  return r.out;
}
const site = () => new Client(`https://localhost:${ports.https}`, null, null);
const sockA = () => path.join(a.dir, 'portal.sock');
const hostB = () => ({ host: '127.0.0.1', port: puertoB });

test('the rendered upstream lists both hosts with the passive check, and every location passes to it', () => {
  const conf = fs.readFileSync(path.join(dir, 'portal.conf'), 'utf8');
  const up = /^upstream portal_hosts \{\n([^}]*)\}/m.exec(conf);
  assert.ok(up, 'upstream block');
  assert.deepEqual(up[1].trim().split('\n').map((l) => l.trim()), ['zone portal_hosts 64k;',
    `server unix:${sockA()} max_fails=1 fail_timeout=60s;`,
    `server 127.0.0.1:${puertoB} max_fails=1 fail_timeout=60s;`]);
  assert.equal((conf.match(/fastcgi_pass portal_hosts;/g) || []).length, 11);
  // Besides, the loopback check server: each host's own /salud, in the upstream's order.
  assert.match(conf, new RegExp(`listen 127\\.0\\.0\\.1:${ports.salud};`));
  assert.deepEqual([...conf.matchAll(/location = \/salud\/(\d) \{\n\t\trewrite \^ \/salud break;\n\t\tinclude fastcgi_params;\n\t\tfastcgi_pass ([^;]*);/g)]
    .map((m) => `${m[1]} ${m[2]}`), [`1 unix:${sockA()}`, `2 127.0.0.1:${puertoB}`]);
  assert.doesNotMatch(conf, /@[A-Z_]+@/);
  assert.equal((conf.match(/^\tfastcgi_connect_timeout 2s;$/gm) || []).length, 2);
});

test('both hosts answer through nginx (round robin)', async () => {
  const [a0, b0] = [await saludes(sockA()), await saludes(hostB())];
  const c = site();
  for (let i = 0; i < 8; i++) {
    const r = await c.get('/salud');
    assert.equal(r.status, 200, r.text);
  }
  const [a1, b1] = [await saludes(sockA()), await saludes(hostB())];
  assert.equal(a1 - a0 + b1 - b0, 8);
  assert.ok(a1 - a0 >= 2 && b1 - b0 >= 2, `A ${a1 - a0}, B ${b1 - b0}`);
});

test('a portal on TCP answers nginx\'s address only; without FCGI_WEB_SERVER_ADDRS it does not start', async () => {
  // From an address of the list: an answer (here /metricas, which the portal trusts
  // PORTAL_METRICAS for: why no other peer may connect).
  assert.match(await fastcgi(hostB(), GET('/metricas', { PORTAL_METRICAS: '1' })), /^Status: 200/m);
  // A portal whose list has another address closes the connection unanswered.
  const port = await freePort();
  await serveTcp('c', port, '127.0.0.2');
  assert.equal(await fastcgi({ host: '127.0.0.1', port }, GET('/salud')), '');
  for (const [env, msg] of [
    [{ PORTAL_FASTCGI: '127.0.0.1:9' }, /^portal: PORTAL_FASTCGI escucha por TCP: FCGI_WEB_SERVER_ADDRS debe listar las direcciones IPv4 de nginx/m],
    [{ PORTAL_FASTCGI: '127.0.0.1:9', FCGI_WEB_SERVER_ADDRS: '10.0.0.5,nginx' }, /FCGI_WEB_SERVER_ADDRS debe listar .*hoy «10\.0\.0\.5,nginx»/],
    [{ PORTAL_FASTCGI: '127.0.0.1:99999', FCGI_WEB_SERVER_ADDRS: '127.0.0.1' }, /^portal: PORTAL_FASTCGI: valor no válido «127\.0\.0\.1:99999»/m],
    [{ PORTAL_FASTCGI: 'portal-b:9000', FCGI_WEB_SERVER_ADDRS: '127.0.0.1' }, /«portal-b» no es una dirección IPv4/],
  ]) {
    const v = fs.mkdtempSync(path.join(dir, 'mal-'));
    const r = spawnSync(PORTAL, ['-v', v, 'serve'], { encoding: 'utf8', env: { ...process.env, FCGI_WEB_SERVER_ADDRS: '', ...env } });
    assert.equal(r.status, 1, JSON.stringify(env));
    assert.match(r.stderr, msg);
  }
});

test('a host killed with -9: nginx leaves it out and the other answers every request', async () => {
  const a0 = await saludes(sockA());
  // The whole host at once (master, worker, mailer), as when its machine fails.
  process.kill(-tcp.pid, 'SIGKILL');
  await new Promise((r) => (tcp.signalCode !== null ? r() : tcp.once('exit', r)));
  await waitFor(() => new Promise((ok) => {
    const s = net.connect(puertoB, '127.0.0.1', () => { s.destroy(); ok(false); });
    s.on('error', () => ok(true));
  }), 'host B gone');
  const c = site();
  for (let i = 0; i < 6; i++) {
    const r = await c.get('/salud');
    assert.equal(r.status, 200, `request ${i}: ${r.status} ${r.text}`);
  }
  assert.equal((await c.get('/login')).status, 200);
  assert.equal(await saludes(sockA()) - a0, 6, 'host A answered them all');
  // nginx said why, in its error log's [fallo] lines or not at all: no 5xx reached a client.
  const acc = fs.readFileSync(path.join(dir, 'log', 'access.log'), 'utf8');
  assert.doesNotMatch(acc, /" 50[234] /);
});

test('systemd: the network drop-in for the timers\' units verifies, adds Internet sockets and keeps the score at most 2.0', () => {
  const out = fs.mkdtempSync(path.join(dir, 'units-'));
  const dropin = fs.readFileSync(path.join(ROOT, 'systemd', 'portal-red-postgresql.conf'), 'utf8');
  for (const n of ['portal-avisos.service', 'portal-respaldo.service']) {
    // A drop-in's settings apply as if they followed the unit's own: the unit, then it.
    const unit = fs.readFileSync(path.join(ROOT, 'systemd', n), 'utf8').replaceAll('/opt/portal', ROOT);
    const f = path.join(out, n);
    fs.writeFileSync(f, `${unit}\n${dropin}`);
    const v = spawnSync('systemd-analyze', ['verify', f], { encoding: 'utf8' });
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stderr.trim(), '', 'verify warned');
    const s = spawnSync('systemd-analyze', ['security', '--offline=yes', f], { encoding: 'utf8' });
    assert.match(s.stdout, /✗ RestrictAddressFamilies=~AF_\(INET\|INET6\) /, n);
    assert.match(s.stdout, /✗ PrivateNetwork= /, n);
    assert.match(s.stdout, /✓ RestrictAddressFamilies=~AF_PACKET /, n);
    const m = /Overall exposure level for .*: (\d+\.\d+)/.exec(s.stdout);
    assert.ok(m && Number(m[1]) <= 2.0, `${n}: ${m && m[1]}`);
  }
});

test('salud-hosts.sh: a host whose /salud fails (its disk) is marked down while another passes, and back when it passes', async () => {
  // Host C answers, but its /salud fails: nginx's passive check does not see that (an
  // answer is an answer), so a client gets C's 503 now and then.
  const puertoC = await freePort();
  const c = await serveTcp('c-disco', puertoC, '127.0.0.1', { PORTAL_SALUD_DISCO_MIB: '1000000000' });
  const conf = path.join(dir, 'portal.conf');
  fs.writeFileSync(conf, renderizar(`unix:${sockA()} 127.0.0.1:${puertoC}`));
  const NGINX = `nginx -c ${path.join(dir, 'nginx.conf')}`;
  // Until the old worker has taken the reload's QUIT (and closed its listening sockets), it
  // can still take a new connection, and answer for host 2 as B, gone: 502 (seen twice in
  // make test under load).
  const viejos = workersAbiertos();
  execFileSync('sh', ['-c', `${NGINX} -s reload`]);
  await waitFor(() => {
    const w = workersAbiertos();
    return w.length > 0 && w.every((p) => !viejos.includes(p));
  }, 'only the reload\'s new worker takes connections');
  const cliente = site();
  // A new connection each (nginx's reload closes the old workers' idle ones).
  const estados = async (n) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push((await cliente.get('/salud', { headers: { Connection: 'close' } })).status);
    return out;
  };
  await waitFor(async () => (await estados(4)).includes(503), 'C in the upstream after the reload');
  // The check server too (its new worker's first answer).
  const salud2 = () => new Promise((ok) => {
    http.get(`http://127.0.0.1:${ports.salud}/salud/2`, (res) => { res.resume(); ok(res.statusCode); })
      .on('error', () => ok(0));
  });
  await waitFor(async () => (await salud2()) === 503, 'C behind the check server after the reload');
  const checker = (puerto = ports.salud) => spawnSync('sh', [path.join(ROOT, 'nginx', 'salud-hosts.sh'), conf, String(puerto)],
    { encoding: 'utf8', env: { ...process.env, NGINX } });
  let r = checker();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^salud-hosts: unix:${sockA().replace(/[.]/g, '\\.')} bien \\(/salud 200\\)$`, 'm'));
  assert.match(r.stdout, new RegExp(`^salud-hosts: 127\\.0\\.0\\.1:${puertoC} falla \\(/salud 503\\)$`, 'm'));
  assert.match(r.stdout, /^salud-hosts: upstream cambiado; nginx recargado:$/m);
  assert.match(fs.readFileSync(conf, 'utf8'), new RegExp(`^\\tserver 127\\.0\\.0\\.1:${puertoC} max_fails=1 fail_timeout=60s down;$`, 'm'));
  assert.match(fs.readFileSync(conf, 'utf8'), new RegExp(`^\\tserver unix:\\S+ max_fails=1 fail_timeout=60s;$`, 'm'));
  // Once nginx's new workers serve: only A answers, every /salud 200.
  await waitFor(async () => (await estados(6)).every((s) => s === 200), 'C left out after the reload');
  // A second pass changes nothing; nothing reloads.
  const antes = fs.readFileSync(conf, 'utf8');
  r = checker();
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /cambiado/);
  assert.equal(fs.readFileSync(conf, 'utf8'), antes);
  // A host marked down that passes comes back (A, marked by hand); C stays down.
  fs.writeFileSync(conf, antes.replace(/^(\tserver unix:\S+ max_fails=1 fail_timeout=60s);$/m, '$1 down;'));
  r = checker();
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.readFileSync(conf, 'utf8'), antes);
  // No host answering the check (here: the wrong port): nothing is marked, exit status 1.
  r = checker(1);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ningún host pasa \/salud: se dejan todos como estaban/);
  assert.equal(fs.readFileSync(conf, 'utf8'), antes);
  assert.equal(c.exitCode, null, 'C served throughout (after() stops it)');
});
