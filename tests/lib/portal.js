// Test harness: starts portal and nginx on a free port in a temporary directory and
// drives them over HTTPS with a cookie-keeping client.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { after: alFinal } = require('node:test');
const crypto = require('node:crypto');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PORTAL = path.join(ROOT, 'build', 'portal');
// The demo and bench loads (seed-demo, seed-mipres, bench-commits ...): not in PORTAL.
const PORTAL_DEMO = path.join(ROOT, 'build', 'portal-demo');
const DEMO_PASSWORD = 'Portal-Demo-2026';
// The demo's TOTP secret of the ministry staff (seed-demo prints it).
const DEMO_TOTP = 'MINSALUDPORTALDEMOSEGUNDOFACTORX';
const DEMO_TOTP_LOGINS = ['CC1010202030', 'CC1010202040', 'CC1010202050'];

// base32 (RFC 4648, no padding needed) to bytes.
function base32Decode(s) {
  const alpha = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, buf = 0;
  const out = [];
  for (const ch of s.replace(/[\s=-]/g, '').toUpperCase()) {
    const v = alpha.indexOf(ch);
    if (v < 0) throw new Error('not base32: ' + ch);
    buf = (buf << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((buf >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The RFC 6238 code (HMAC-SHA-1, 6 digits) of a base32 secret for time step.
function totpAt(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const off = mac[19] & 0x0f;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1e6).padStart(6, '0');
}

// The current time step (30 s).
function totpStep(t = Date.now() / 1000) {
  return Math.floor(t / 30);
}

// Secrets the clients know, by site and login: the demo staff's, and those a client
// enrolled itself.
const knownSecrets = new Map();
function rememberSecret(base, login, secret) {
  knownSecrets.set(`${base}|${login.toUpperCase()}`, secret);
}
function secretOf(base, login) {
  const k = `${base}|${login.toUpperCase()}`;
  if (knownSecrets.has(k)) return knownSecrets.get(k);
  return DEMO_TOTP_LOGINS.includes(login.toUpperCase()) ? DEMO_TOTP : null;
}

// PORTAL_TEST_DB=postgresql: every instance runs on PostgreSQL (issue 14). One private
// cluster serves the whole run (tests/lib/pg_e2e.sh, under /tmp: started by
// tests/run.sh, or here by the first instance when it is not running); each instance gets
// a database of its own, a copy of a migrated one (CREATE DATABASE ... TEMPLATE
// plantilla), dropped when it stops. portal and portal-demo reach it through PORTAL_DB;
// inst.sql and inst.rows through psql, their output shaped as the sqlite3 shell's.
const ENGINE = process.env.PORTAL_TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite';
const PG = ENGINE === 'postgresql';
const PG_BIN = (() => {
  const base = '/usr/lib/postgresql';
  const v = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => a - b).pop() : null;
  return v ? path.join(base, v, 'bin') : '/usr/bin';
})();
let pgUrl = null;	// the cluster's URL (database portal), once started
let pgCount = 0;
const pgBases = new Set();	// the databases made and not yet dropped

// Starts the run's cluster (once per test file), with plantilla up to date.
function pgCluster() {
  // tests/run.sh started it once for every file.
  if (!pgUrl && process.env.PORTAL_TEST_PG_URL) pgUrl = process.env.PORTAL_TEST_PG_URL;
  if (!pgUrl) {
    pgUrl = execFileSync('sh', [path.join(ROOT, 'tests', 'lib', 'pg_e2e.sh'), 'start'],
      { stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  }
  return pgUrl;
}

// The URL of database name on the run's cluster.
function pgUrlOf(name) {
  return pgCluster().replace(/\/portal\?/, `/${name}?`);
}

// psql on the database of url: q's statements in order, each result's rows as the sqlite3
// shell prints them (columns joined by |, NULL empty, no headers).
function psql(url, q, args = []) {
  return execFileSync(path.join(PG_BIN, 'psql'), ['-X', '-q', '-A', '-t', '-F', '|',
    '-v', 'ON_ERROR_STOP=1', ...pgConexion(url), ...args, '-f', '-'],
  { input: q, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } });
}

// libpq's options for url (postgresql://USER@/DB?host=DIR&port=N).
function pgConexion(url) {
  const m = /^postgres(?:ql)?:\/\/([^@/]*)@\/([^?]*)\?(.*)$/.exec(url);
  const u = new URLSearchParams(m[3]);
  return ['-h', u.get('host'), '-p', u.get('port'), '-U', m[1], '-d', m[2]];
}

function pgBorrar(name) {
  pgBases.delete(name);
  if (!process.env.KEEP_TEST_DIRS) psql(pgUrlOf('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// A new database for an instance, a copy of plantilla (or, vacia, an empty one). Two copies
// at once of the same template may fail ("being accessed by other users"): tried again.
async function pgCrear(vacia = false) {
  const name = `e2e_${process.pid}_${++pgCount}`;
  for (let vez = 1; ; vez++) {
    try {
      psql(pgUrlOf('postgres'), `CREATE DATABASE ${name}${vacia ? '' : ' TEMPLATE plantilla'}`);
      pgBases.add(name);
      return name;
    } catch (e) {
      if (vez >= 20 || !/being accessed by other users/.test(String(e.stderr))) throw e;
      await new Promise((r) => setTimeout(r, 100 * vez));
    }
  }
}

// The environment for portal commands on a new, empty database of their own, for a test that
// runs them on a var/ of its own (e.g. to restore a backup there): on PostgreSQL PORTAL_DB
// naming one (dropped when the file's tests end), on SQLite nothing (the var/'s portal.db).
async function baseVacia() {
  return PG ? { PORTAL_DB: pgUrlOf(await pgCrear(true)) } : {};
}

// The tests about SQLite itself (its WAL, checkpoints, online backup, the sqlite3 shell's
// lock), one visible list: tests/e2e/solo_sqlite.txt, a line "FILE<TAB>reason" for a whole
// file (tests/run.sh leaves it out of e2e-pg) or "FILE :: TEST NAME<TAB>reason" for one test,
// which passes soloSqlite(name) as its skip option: false on SQLite, and on PostgreSQL the
// reason when the list names it (node prints it beside the skip).
function soloSqlite(name) {
  if (!PG) return false;
  const file = path.relative(ROOT, process.argv[1] || '');
  for (const line of fs.readFileSync(path.join(ROOT, 'tests', 'e2e', 'solo_sqlite.txt'), 'utf8').split('\n')) {
    const [what, reason] = line.split('\t');
    if (!line.startsWith('#') && what === `${file} :: ${name}`) return `SQLite only: ${reason}`;
  }
  return false;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(check, what, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting for ' + what);
}

function canConnect(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
    c.on('error', () => resolve(false));
  });
}

// Every instance started and not yet stopped. A test file whose set-up failed halfway (two
// instances started at once, one of them failed) never learns of the other, which would keep
// node waiting for ever: the root test's last hook (registered here, when the test file loads
// this module, before any test runs) stops whatever is left.
// One still starting when the set-up failed is waited for first, then stopped too.
const vivos = new Set();
const arrancando = new Set();
alFinal(async () => {
  await Promise.allSettled([...arrancando]);
  await Promise.all([...vivos].map((i) => i.stop()));
  // An instance whose start failed after its database was made.
  for (const name of [...pgBases]) pgBorrar(name);
});

// Starts a portal with its own var/ directory. Options: demo (load demo data, default
// true), extra (more pending requests), workers, rate and burst (nginx's limit on the
// public forms; by default high enough not to interfere), root (the read-only tree:
// templates, migrations; by default this checkout), env (more environment for portal serve,
// e.g. { PORTAL_AP_TOKEN_SEGUNDOS: '2' } or PORTAL_CONEXION_PERMITIDAS; the hourly caps of
// registration, PORTAL_REGISTRO_POR_IP and PORTAL_REGISTRO_TOTAL, are high unless set here,
// as the tests register many people from 127.0.0.1), tokenRate and
// tokenBurst (nginx's limit on the AP port's POST /token; high by default), probarRate and
// probarBurst (nginx's limit on the POST of "Probar conexión"; high by default), prepare
// (called as prepare(dir, run) on the new, empty var/ before anything is made there, e.g. to
// restore a backup into it; on PostgreSQL its database is empty too, not a copy of plantilla;
// sql, its third argument, runs SQL on that database as inst.sql does), metricasPermitidas (the addresses nginx lets GET /metricas;
// default loopback: 127.0.0.1 and ::1). The AP web services listen on apPort (apBase).
function startPortal(opts = {}) {
  const p = arrancar(opts);
  arrancando.add(p);
  const fin = () => arrancando.delete(p);
  p.then(fin, fin);
  return p;
}

async function arrancar(opts) {
  // var/ as make run makes it: the portal user's alone (mkdtemp: mode 0700).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-test-'));
  fs.chmodSync(dir, 0o700);
  const port = await freePort();
  let apPort = await freePort();
  while (apPort === port) apPort = await freePort();
  const pre = opts.root ? ['-r', opts.root, '-v', dir] : ['-v', dir];
  // PostgreSQL: the instance's own database, which every portal command reaches.
  const pgName = PG ? await pgCrear(Boolean(opts.prepare)) : null;
  const pgDb = PG ? pgUrlOf(pgName) : null;
  const env = PG ? { ...process.env, PORTAL_DB: pgDb } : process.env;
  // The sqlite3 shell waits for a lock as the portal does (a worker's write, a checkpoint)
  // instead of failing at once with "database is locked".
  // On PostgreSQL, psql: rows through json_agg (a column keeps its name as PostgreSQL
  // gives it: an unquoted alias in lower case).
  const sqlite3 = (args, q) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', ...args, path.join(dir, 'portal.db'), q]);
  const sqlRaw = PG ? (q) => psql(pgDb, q) : (q) => sqlite3([], q);
  const sql = (q) => sqlRaw(q).toString().trim();
  const run = (args, input) => execFileSync(PORTAL, [...pre, ...args],
    { input, stdio: ['pipe', 'pipe', 'pipe'], env }).toString();
  const demo = (args) => execFileSync(PORTAL_DEMO, [...pre, ...args],
    { stdio: ['pipe', 'pipe', 'pipe'], env }).toString();
  if (opts.prepare) opts.prepare(dir, run, sql);
  run(['migrate']);
  if (opts.demo !== false) demo(['seed-demo', String(opts.extra || 0)]);
  execFileSync('sh', [path.join(ROOT, 'nginx', 'render.sh'), dir, String(port), String(apPort)],
    { env: { ...process.env, LOGIN_RATE: opts.rate || '1000r/s', LOGIN_BURST: opts.burst || '1000',
      TOKEN_RATE: opts.tokenRate || '1000r/s', TOKEN_BURST: opts.tokenBurst || '1000',
      PROBAR_RATE: opts.probarRate || '1000r/s', PROBAR_BURST: opts.probarBurst || '1000',
      ...(opts.metricasPermitidas ? { METRICAS_PERMITIDAS: opts.metricasPermitidas } : {}) } });
  const log = fs.openSync(path.join(dir, 'portal.log'), 'a');
  const serve = async () => {
    const p = spawn(PORTAL, [...pre, 'serve', '-w', String(opts.workers || 2)],
      { stdio: ['ignore', log, log], env: { ...env, PORTAL_REGISTRO_POR_IP: '100000',
        PORTAL_REGISTRO_TOTAL: '100000', ...(opts.env || {}) } });
    try {
      await waitFor(() => fs.existsSync(path.join(dir, 'portal.sock')), 'portal socket');
    } catch (e) {
      p.kill('SIGTERM');
      throw new Error(`${e.message} (see ${path.join(dir, 'portal.log')})`);
    }
    return p;
  };
  let portal = await serve();
  const nginx = spawn('nginx', ['-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', log, log] });
  try {
    await waitFor(() => canConnect(port), 'nginx on port ' + port);
    await waitFor(() => canConnect(apPort), 'nginx on the AP port ' + apPort);
  } catch (e) {
    // Nothing left running when start-up fails: the error says why, portal.log the rest.
    nginx.kill('SIGTERM');
    portal.kill('SIGTERM');
    throw new Error(`${e.message} (see ${path.join(dir, 'portal.log')})`);
  }
  const base = `https://localhost:${port}`;
  const apBase = `https://localhost:${apPort}`;
  const rows = PG ?
    (q) => JSON.parse(psql(pgDb, `SELECT coalesce(json_agg(x), '[]') FROM (${q.replace(/;\s*$/, '')}) x`)
      .toString().trim() || '[]') :
    (q) => JSON.parse(sqlite3(['-json'], q).toString().trim() || '[]');
  // The body of outbox message id as an operator reads it (`portal correo-ver`: opened with
  // this instance's key, audited), or null once it was wiped (delivered or expired).
  const correo = (id) => {
    try {
      return run(['correo-ver', String(id)]);
    } catch (e) {
      if (/ya no guarda su contenido/.test(String(e.stderr))) return null;
      throw e;
    }
  };
  const inst = {
    dir, port, base, apPort, apBase,
    // 'sqlite' or 'postgresql' (PORTAL_TEST_DB); on PostgreSQL the database's URL (pgDb,
    // what PORTAL_DB holds) and name.
    engine: ENGINE, pgDb, pgName,
    // The environment its portal commands run with (PORTAL_DB on PostgreSQL), for a test
    // that runs one itself (its exit status, more variables).
    env,
    get portalProcess() { return portal; },
    // Stops portal (SIGTERM, as an operator would) and starts it again on the same var/.
    async restart() {
      portal.kill('SIGTERM');
      await once(portal);
      fs.rmSync(path.join(dir, 'portal.sock'), { force: true });
      portal = await serve();
    },
    db: path.join(dir, 'portal.db'),
    // Runs a portal operator command against this instance.
    portal: run,
    // Runs a portal-demo command (seed-mipres, seed-ap, bench-commits ...) against it.
    demo,
    // Runs SQL with the sqlite3 command line tool and returns its output.
    sql,
    // Runs a query and returns its rows as objects ([] when none).
    rows,
    // Every byte the database holds, for a test that greps it for a secret: SQLite's file
    // and WAL as they are (old frames and free pages too), or PostgreSQL's rows as pg_dump
    // writes them (text as it is, bytea in hex).
    volcado: () => {
      if (PG) return execFileSync(path.join(PG_BIN, 'pg_dump'), ['--data-only', ...pgConexion(pgDb)]);
      return Buffer.concat(['portal.db', 'portal.db-wal'].map((f) => path.join(dir, f))
        .filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    },
    // SQL for a blob column's bytes in upper-case hex (SQLite's hex(), PostgreSQL's encode).
    hex: (col) => (PG ? `upper(encode(${col}, 'hex'))` : `hex(${col})`),
    // SQL for a blob literal of hex digits (SQLite's x'…', PostgreSQL's '\x…'::bytea).
    blob: (hex) => (PG ? `'\\x${hex}'::bytea` : `x'${hex}'`),
    // A query's rows joined by sep (its columns by |; '' when none): what SQLite's
    // group_concat gives, in any engine (PostgreSQL's is string_agg).
    lista: (q, sep = ',') => { const t = sql(q); return t === '' ? '' : t.split('\n').join(sep); },
    // The outbox stores bodies sealed: these read them as an operator does.
    correo,
    // The outbox messages matching an SQL condition on table correo, oldest first:
    // [{ id, para, asunto, estado, creado, cuerpo }] (cuerpo null once wiped).
    correos: (where = '1 = 1') => rows(`SELECT id, para, asunto, estado, creado FROM correo WHERE ${where} ORDER BY id`)
      .map((m) => ({ ...m, cuerpo: correo(m.id) })),
    log: () => fs.readFileSync(path.join(dir, 'portal.log'), 'utf8'),
    // A client; from: its source address in 127.0.0.0/8 (all loopback on Linux), which the
    // portal sees as REMOTE_ADDR (default 127.0.0.1).
    client: (from) => new Client(base, sqlRaw, from),
    async stop() {
      vivos.delete(inst);
      nginx.kill('SIGTERM');
      portal.kill('SIGTERM');
      await Promise.all([once(nginx), once(portal)]);
      if (!process.env.KEEP_TEST_DIRS) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      if (PG) pgBorrar(pgName);
    },
  };
  vivos.add(inst);
  return inst;
}

function once(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
  });
}

// An HTTPS client with a cookie jar; it never follows redirects.
class Client {
  // sql, when given, runs SQL on the instance's database (to forget the last TOTP step);
  // from, the local address to connect from (e.g. '127.0.0.2').
  constructor(base, sql = null, from = null) {
    this.base = base;
    this.sql = sql;
    this.cookies = new Map();
    this.agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true,
      ...(from ? { localAddress: from, family: 4 } : {}) });
  }

  request(method, p, { body, headers = {} } = {}) {
    const url = new URL(p, this.base);
    const h = { ...headers };
    if (this.cookies.size) h.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) h['Content-Length'] = Buffer.byteLength(body);
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers: h, agent: this.agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          for (const c of [].concat(res.headers['set-cookie'] || [])) {
            const [pair, ...attrs] = c.split(';');
            const i = pair.indexOf('=');
            const k = pair.slice(0, i).trim(), v = pair.slice(i + 1).trim();
            if (v === '' || attrs.some((a) => /max-age=0/i.test(a))) this.cookies.delete(k);
            else this.cookies.set(k, v);
          }
          resolve({ status: res.statusCode, headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  get(p, opts) { return this.request('GET', p, opts); }

  // POSTs fields (an object or [key, value] pairs) form-encoded.
  post(p, fields, opts = {}) {
    const body = new URLSearchParams(fields).toString();
    return this.request('POST', p, { ...opts, body, headers: {
      'Content-Type': 'application/x-www-form-urlencoded', ...(opts.headers || {}) } });
  }

  // POSTs multipart/form-data as a browser does: fields (an object or [key, value] pairs)
  // and files ({ field: { filename, type, data } }, data a string or Buffer).
  postMultipart(p, fields, files = {}, opts = {}) {
    const boundary = '----PortalTest' + crypto.randomBytes(12).toString('hex');
    const parts = [];
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    for (const [k, v] of pairs) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`));
      parts.push(Buffer.from(String(v)), Buffer.from('\r\n'));
    }
    for (const [k, f] of Object.entries(files)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; ` +
        `filename="${f.filename}"\r\nContent-Type: ${f.type || 'application/octet-stream'}\r\n\r\n`));
      parts.push(Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data), Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.request('POST', p, { ...opts, body: Buffer.concat(parts), headers: {
      'Content-Type': `multipart/form-data; boundary=${boundary}`, ...(opts.headers || {}) } });
  }

  // GETs a page and returns its first CSRF token.
  async csrf(p) {
    const r = await this.get(p);
    return csrfOf(r.text);
  }

  // Logs in; returns the POST's response (303 on success). A second step the portal asks
  // for is passed as a person would: the code of a known secret (the demo staff's, or one
  // this helper enrolled), or for ministry staff without a factor, enrolling one from the
  // secret the enrollment page shows. Then the response is the second step's (303 to /).
  async login(user, password = DEMO_PASSWORD) {
    const csrf = await this.csrf('/login');
    const r = await this.post('/login', { csrf, usuario: user, clave: password });
    if (r.status !== 303) return r;
    const next = (await this.get('/')).headers.location;
    if (next === '/login/codigo') return this.secondStep(user, r);
    if (next === '/cuenta/dos-pasos') return this.enroll(user, r);
    return r;
  }

  // Posts the current code of user's known secret on the second-step page. The portal never
  // accepts a time step twice, and tests log in many times a minute: unless keepStep is
  // set, the user's last accepted step is forgotten first, as if 30 s had passed
  // (tests/e2e/cuentas/totp.test.js checks the refusal itself with its own clients).
  async secondStep(user, r) {
    const secret = secretOf(this.base, user);
    if (!secret) return r;
    const page = await this.get('/login/codigo');
    if (this.sql && !this.keepStep) {
      this.sql(`UPDATE totp SET ultimo_paso = NULL WHERE usuario_id = (SELECT id FROM usuario WHERE login = '${user.replace(/'/g, "''")}')`);
    }
    return this.post('/login/codigo', { csrf: csrfOf(page.text), codigo: totpAt(secret, totpStep()) });
  }

  // Enrolls the second factor the portal requires of user, remembering the secret; returns
  // r (the login's 303 to /) when it worked, else the failing response.
  async enroll(user, r) {
    const page = await this.get('/cuenta/dos-pasos');
    const secret = (dataK(page.text, 'secreto') || '').replace(/\s/g, '');
    const done = await this.post('/cuenta/dos-pasos', { csrf: csrfOf(page.text),
      codigo: totpAt(secret, totpStep()) });
    if (done.status !== 200) return done;
    knownSecrets.set(`${this.base}|${user.toUpperCase()}`, secret);
    return r;
  }
}

function csrfOf(html) {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  return m ? m[1] : null;
}

// The text of the element marked data-k="key" (first one), tags stripped.
function dataK(html, key) {
  const m = new RegExp(`data-k="${key}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return m ? m[1].trim() : null;
}

module.exports = { ENGINE, soloSqlite, baseVacia, startPortal, Client, csrfOf, dataK, waitFor, DEMO_PASSWORD, DEMO_TOTP, ROOT,
  PORTAL, PORTAL_DEMO, freePort, canConnect, once, base32Decode, totpAt, totpStep, secretOf, rememberSecret };
