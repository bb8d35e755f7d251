// Test harness: starts portal and nginx on a free port in a temporary directory and
// drives them over HTTPS with a cookie-keeping client.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PORTAL = path.join(ROOT, 'build', 'portal');
const DEMO_PASSWORD = 'Portal-Demo-2026';

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

async function waitFor(check, what, ms = 10000) {
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

// Starts a portal with its own var/ directory. Options: demo (load demo data, default
// true), extra (more pending requests), workers.
async function startPortal(opts = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-test-'));
  const port = await freePort();
  const run = (args, input) => execFileSync(PORTAL, ['-v', dir, ...args],
    { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
  run(['migrate']);
  if (opts.demo !== false) run(['seed-demo', String(opts.extra || 0)]);
  execFileSync('sh', [path.join(ROOT, 'nginx', 'render.sh'), dir, String(port)],
    { env: { ...process.env, LOGIN_RATE: '1000r/s', LOGIN_BURST: '1000' } });
  const log = fs.openSync(path.join(dir, 'portal.log'), 'a');
  const serve = async () => {
    const p = spawn(PORTAL, ['-v', dir, 'serve', '-w', String(opts.workers || 2)],
      { stdio: ['ignore', log, log] });
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
  } catch (e) {
    // Nothing left running when start-up fails: the error says why, portal.log the rest.
    nginx.kill('SIGTERM');
    portal.kill('SIGTERM');
    throw new Error(`${e.message} (see ${path.join(dir, 'portal.log')})`);
  }
  const base = `https://localhost:${port}`;
  return {
    dir, port, base,
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
    // Runs SQL with the sqlite3 command line tool and returns its output.
    sql: (q) => execFileSync('sqlite3', [path.join(dir, 'portal.db'), q]).toString().trim(),
    log: () => fs.readFileSync(path.join(dir, 'portal.log'), 'utf8'),
    client: () => new Client(base),
    async stop() {
      nginx.kill('SIGTERM');
      portal.kill('SIGTERM');
      await Promise.all([once(nginx), once(portal)]);
      if (!process.env.KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function once(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
  });
}

// An HTTPS client with a cookie jar; it never follows redirects.
class Client {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });
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

  // GETs a page and returns its first CSRF token.
  async csrf(p) {
    const r = await this.get(p);
    return csrfOf(r.text);
  }

  // Logs in; returns the POST's response (303 on success).
  async login(user, password = DEMO_PASSWORD) {
    const csrf = await this.csrf('/login');
    return this.post('/login', { csrf, usuario: user, clave: password });
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

module.exports = { startPortal, Client, csrfOf, dataK, DEMO_PASSWORD, ROOT };
