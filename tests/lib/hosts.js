// Several hosts (issue 14 §3): N `portal serve` processes standing for N machines, each with
// its own VAR, sharing ONE PostgreSQL database (a private cluster, db/pg/cluster.sh) and the
// same secrets key (PORTAL_SECRET_KEY_FILE), behind ONE nginx whose upstream holds their N
// sockets (nginx/render.sh's PORTAL_SOCKETS). The test's nginx adds a header X-Portal-Upstream with
// nginx's $upstream_addr, so every answer names the socket, i.e. the host, that gave it.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { after: alFinal } = require('node:test');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  Client, waitFor, freePort, canConnect, once, ROOT, PORTAL, PORTAL_DEMO,
} = require('./portal');

const CLUSTER = path.join(ROOT, 'db', 'pg', 'cluster.sh');

// Every set of hosts started and not yet stopped: stopped when the test file ends.
const vivos = new Set();
alFinal(async () => {
  await Promise.all([...vivos].map((h) => h.stop()));
});

// Starts the cluster, migrates it, and serves it from `hosts` portal hosts behind one
// nginx. Options: hosts (2), workers (per host, 2), demo (seed the demo data, default
// true), together (start the hosts at once; by default one after the other), env (more
// environment for portal serve), before (called as before(h) once the
// database is migrated and seeded, before any host serves: e.g. to queue mail), rate/burst
// (nginx's limit on the public forms, high by default), tokenRate/tokenBurst (the AP
// port's POST /token). Returns an object: top (the directory of it all: pg/, host1/ ...,
// nginx.conf, secret.key), url (PORTAL_DB), env (PORTAL_DB and PORTAL_SECRET_KEY_FILE), base and apBase (nginx's two servers), hosts (each
// { n, dir, sock, process, log(), kill9(), start(), stop() }), hostOf(res) (the number of
// the host that answered res, from X-Portal-Upstream; 0 when nginx answered alone), sql(q),
// rows(q) (psql on the shared database), portal(args) and demo(args) (a command against
// it, from host 1's VAR), client(from), stop().
async function startHosts(opts = {}) {
  const n = opts.hosts || 2;
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-hosts-'));
  fs.chmodSync(top, 0o700);
  const set = { top, stopped: false };
  vivos.add(set);
  let nginx = null;
  const hosts = [];
  set.stop = async () => {
    if (set.stopped) return;
    set.stopped = true;
    vivos.delete(set);
    if (nginx) { nginx.kill('SIGTERM'); await once(nginx); }
    await Promise.all(hosts.map((h) => h.stop()));
    try { execFileSync('sh', [CLUSTER, 'stop', top], { stdio: 'ignore' }); } catch (e) { /* gone */ }
    if (!process.env.KEEP_TEST_DIRS) fs.rmSync(top, { recursive: true, force: true });
  };
  try {
    return await montar(set, n, opts, hosts, (p) => { nginx = p; });
  } catch (e) {
    await set.stop();
    throw e;
  }
}

async function montar(set, n, opts, hosts, setNginx) {
  const { top } = set;
  execFileSync('sh', [CLUSTER, 'start', top], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = execFileSync('sh', [CLUSTER, 'url', top]).toString().trim();
  // One secrets key for every host (PORTAL_SECRET_KEY_FILE: read, never made by portal),
  // 0600, as an operator copies the same file to each machine.
  const key = path.join(top, 'secret.key');
  fs.writeFileSync(key, crypto.randomBytes(32), { mode: 0o600 });
  const env = { ...process.env, PORTAL_DB: url, PORTAL_SECRET_KEY_FILE: key };
  const dirs = Array.from({ length: n }, (_, i) => path.join(top, `host${i + 1}`));
  for (const d of dirs) fs.mkdirSync(d, { mode: 0o700 });
  const run = (dir, args) => execFileSync(PORTAL, ['-v', dir, ...args],
    { env, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
  const demo = (args) => execFileSync(PORTAL_DEMO, ['-v', dirs[0], ...args],
    { env, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
  run(dirs[0], ['migrate']);
  if (opts.demo !== false) demo(['seed-demo']);
  const psql = (args, q) => execFileSync('sh', [CLUSTER, 'psql', top, '-X', '-q', '-A', '-t',
    '-v', 'ON_ERROR_STOP=1', ...args, '-c', q], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  const sql = (q) => psql([], q).trim();
  const rows = (q) => JSON.parse(sql(`SELECT coalesce(json_agg(t), '[]') FROM (${q}) t`));

  const port = await freePort();
  let apPort = await freePort();
  while (apPort === port) apPort = await freePort();
  execFileSync('sh', [path.join(ROOT, 'nginx', 'render.sh'), top, String(port), String(apPort)],
    { env: { ...process.env, PORTAL_SOCKETS: dirs.map((d) => path.join(d, 'portal.sock')).join(' '),
      LOGIN_RATE: opts.rate || '1000r/s', LOGIN_BURST: opts.burst || '1000',
      TOKEN_RATE: opts.tokenRate || '1000r/s', TOKEN_BURST: opts.tokenBurst || '1000',
      PROBAR_RATE: '1000r/s', PROBAR_BURST: '1000' } });
  // Each answer names the upstream that gave it (both servers; the locations that set
  // headers of their own are nginx's, not a host's).
  const conf = path.join(top, 'nginx.conf');
  const texto = fs.readFileSync(conf, 'utf8').replace(/^\t\tadd_header Referrer-Policy \$referrer_nginx always;$/mg,
    '$&\n\t\tadd_header X-Portal-Upstream $upstream_addr always;');
  fs.writeFileSync(conf, texto);

  const h = {
    top, url, env, hosts, sql, rows, demo,
    portal: (args) => run(dirs[0], args),
    base: `https://localhost:${port}`,
    apBase: `https://localhost:${apPort}`,
    port, apPort,
    // The host (1..n) whose socket gave res: the last address nginx tried.
    hostOf(res) {
      const a = String(res.headers['x-portal-upstream'] || '').split(/,\s*/).pop();
      const i = hosts.findIndex((x) => `unix:${x.sock}` === a);
      return i + 1;
    },
    client: (from) => new Client(h.base, sql, from),
    stop: () => set.stop(),
  };
  for (let i = 0; i < n; i++) hosts.push(host(i + 1, dirs[i], env, opts));
  if (opts.before) await opts.before(h);
  // One after the other, as an operator brings machines up; at once with opts.together.
  if (opts.together) await Promise.all(hosts.map((x) => x.start()));
  else for (const x of hosts) await x.start();
  const nginx = spawn('nginx', ['-c', conf, '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', fs.openSync(path.join(top, 'nginx.log'), 'a')] });
  setNginx(nginx);
  await waitFor(() => canConnect(port), 'nginx on port ' + port);
  await waitFor(() => canConnect(apPort), 'nginx on the AP port ' + apPort);
  return h;
}

// One host: `portal serve` on its own VAR, in a process group of its own (its workers and
// its mailer too), so kill9() takes the whole machine's portal down at once.
function host(n, dir, env, opts) {
  const sock = path.join(dir, 'portal.sock');
  const logFile = path.join(dir, 'portal.log');
  const x = {
    n, dir, sock, process: null,
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    async start() {
      fs.rmSync(sock, { force: true });
      const out = fs.openSync(logFile, 'a');
      x.process = spawn(PORTAL, ['-v', dir, 'serve', '-w', String(opts.workers || 2)],
        { stdio: ['ignore', out, out], detached: true, env: { ...env,
          PORTAL_REGISTRO_POR_IP: '100000', PORTAL_REGISTRO_TOTAL: '100000', ...(opts.env || {}) } });
      fs.closeSync(out);
      const p = x.process;
      const fuera = () => p.exitCode !== null || p.signalCode !== null;
      try {
        await waitFor(() => fs.existsSync(sock) || fuera(), `host ${n}'s socket`, 120000);
      } catch (e) {
        p.kill('SIGTERM');
        throw new Error(`${e.message} (see ${logFile})`);
      }
      if (fuera()) throw new Error(`host ${n}'s portal serve exited (${p.exitCode ?? p.signalCode}): ${x.log()}`);
    },
    // kill -9 of the master, its workers and its mailer at once, as a machine lost.
    async kill9() {
      const p = x.process;
      try { process.kill(-p.pid, 'SIGKILL'); } catch (e) { /* gone */ }
      await once(p);
    },
    async stop() {
      const p = x.process;
      if (!p) return;
      p.kill('SIGTERM');
      await once(p);
      // A worker of a master killed with kill -9 has no one to stop it.
      try { process.kill(-p.pid, 'SIGKILL'); } catch (e) { /* none left */ }
    },
  };
  return x;
}

module.exports = { startHosts };
