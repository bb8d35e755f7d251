// The portal's process model (issue 2 §2): a master with N workers and the mailer; a worker
// that dies is replaced; SIGHUP reloads the templates; SIGTERM lets the requests in flight
// finish and stops everything.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startPortal, soloSqlite, waitFor: until, ROOT, PORTAL } = require('../../lib/portal');
const h = require('../helpers');

let inst, root;

// The master's children (workers and the mailer), by pid: not its WAL checkpoint job, a
// short process named portal-wal (cgi/core/wal.c).
function children(pid) {
  let kids;
  try {
    kids = execFileSync('pgrep', ['-P', String(pid)]).toString().trim().split('\n').map(Number);
  } catch (e) {
    return [];	// pgrep exits 1 when there is none
  }
  return kids.filter((k) => {
    try {
      return fs.readFileSync(`/proc/${k}/comm`, 'utf8').trim() !== 'portal-wal';
    } catch (e) {
      return false;	// ended meanwhile
    }
  });
}


before(async () => {
  // A read-only tree of its own, so this test may edit a template: the templates copied,
  // the migrations and static files shared.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-root-'));
  fs.cpSync(path.join(ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'db'), path.join(root, 'db'));
  fs.symlinkSync(path.join(ROOT, 'static'), path.join(root, 'static'));
  // Every worker may hash a password at once (the default cap is half of them), so the
  // logins of the SIGTERM test are all in flight rather than refused with 429.
  inst = await startPortal({ root, workers: 3, env: { PORTAL_CLAVES_SIMULTANEAS: '3' } });
});

after(async () => {
  await inst.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('a worker that dies is replaced, and the site keeps answering', async () => {
  const master = inst.portalProcess.pid;
  const kids = children(master);
  assert.equal(kids.length, 4, 'three workers and the mailer');
  process.kill(kids[0], 'SIGKILL');
  await until(() => { const k = children(master); return k.length === 4 && !k.includes(kids[0]); },
    'a new worker');
  const c = inst.client();
  for (let i = 0; i < 12; i++) assert.equal((await c.get('/login')).status, 200);
});

test('a worker that cannot start is started again after a growing pause, not in a tight loop; once it can, it serves', { skip: soloSqlite('a worker that cannot start is started again after a growing pause, not in a tight loop; once it can, it serves') }, async () => {
  const master = inst.portalProcess.pid;
  const db = path.join(inst.dir, 'portal.db');
  const log = path.join(inst.dir, 'portal.log');
  const cortas = () => (fs.readFileSync(log, 'utf8').match(/ms after its start \(status \d+\); another in \d+ ms/g) || []).length;
  const antes = cortas();
  // Its database a folder: a new worker's db_open fails and it exits at once.
  fs.renameSync(db, `${db}.aparte`);
  fs.mkdirSync(db);
  try {
    const kids = children(master);
    process.kill(kids[0], 'SIGKILL');
    await new Promise((r) => setTimeout(r, 3000));
    const n = cortas() - antes;
    // Pauses of 100, 200, 400, 800 ms... at the master's 500 ms tick: a handful in 3 s,
    // where a tight loop made thousands.
    assert.ok(n >= 2 && n <= 8, `${n} short lives in 3 s`);
    assert.match(fs.readFileSync(log, 'utf8'), /another in 400 ms/);
  } finally {
    fs.rmdirSync(db);
    fs.renameSync(`${db}.aparte`, db);
  }
  // Within the longest pause, three workers and the mailer again, and every request answered.
  await until(() => children(master).length === 4, 'the workers back', 15000);
  const c = inst.client();
  for (let i = 0; i < 12; i++) assert.equal((await c.get('/login')).status, 200);
});

test('SIGHUP reloads the templates: a changed text shows without a restart', async () => {
  const c = inst.client();
  assert.doesNotMatch((await c.get('/login')).text, /Texto recargado/);
  const tpl = path.join(root, 'templates', 'cuentas', 'login.tpl');
  fs.appendFileSync(tpl, '<p>Texto recargado por SIGHUP</p>\n');
  process.kill(inst.portalProcess.pid, 'SIGHUP');
  // Every worker reloads (the signal reaches each one on its own time): soon, nine requests
  // in a row, spread over the three workers, all show the new text.
  let row = 0;
  await until(async () => {
    row = (await c.get('/login')).text.includes('Texto recargado por SIGHUP') ? row + 1 : 0;
    return row === 9;
  }, 'every worker to reload');
});

test('kill -9 of the master: its workers and mailer stop too, and a new master serves', async () => {
  const master = inst.portalProcess.pid;
  const kids = children(master);
  assert.ok(kids.length >= 4, `3 workers and the mailer (${kids})`);
  process.kill(master, 'SIGKILL');
  // Without the parent-death signal they would go on serving the socket left behind,
  // orphaned, with nobody to replace them or stop them (seen on a host killed this way).
  await until(() => kids.every((k) => {
    try { process.kill(k, 0); return false; } catch (e) { return true; }
  }), 'the orphaned children to exit');
  const r = await inst.client().get('/login');
  assert.equal(r.status, 503, 'nothing answers on the socket: nginx says so');
  await inst.restart();
  assert.equal((await inst.client().get('/login')).status, 200);
});

test('SIGTERM: the requests in flight finish, then every process stops', async () => {
  const master = inst.portalProcess.pid;
  const kids = children(master);
  // Logins cost a password hash each (~50 ms): with 3 workers, some are being served when
  // the signal arrives.
  const c = inst.client();
  const csrf = await c.csrf('/login');
  const started = Date.now();
  let killedAt = 0;
  const answers = Array.from({ length: 9 }, () =>
    c.post('/login', { csrf, usuario: h.DEL_LLAVES, clave: 'una clave equivocada' })
      .then((r) => ({ status: r.status, at: Date.now() })));
  await new Promise((r) => setTimeout(r, 30));
  killedAt = Date.now();
  process.kill(master, 'SIGTERM');
  const got = await Promise.all(answers);
  // Each answer is whole: the portal's (400) for those it took, nginx's 503 page (the
  // upstream gone) for the rest.
  for (const a of got) assert.ok([400, 503].includes(a.status), `status ${a.status}`);
  assert.ok(got.some((a) => a.status === 400 && a.at > killedAt),
    `a request in flight when SIGTERM came finished (${JSON.stringify(got.map((a) => [a.status, a.at - started]))}, kill at ${killedAt - started})`);
  await until(() => inst.portalProcess.exitCode !== null, 'the master to exit');
  assert.equal(inst.portalProcess.exitCode, 0);
  for (const k of kids) assert.throws(() => process.kill(k, 0), `child ${k} is gone`);
  assert.ok(!fs.existsSync(path.join(inst.dir, 'portal.sock')), 'the socket is removed');
});

test('portal serve does not start with a bad number in its environment, and says which and why', () => {
  // Each of these is read once at start (core/config.c config_entero: digits only, within
  // its range), so a typo stops the service instead of running it with a default.
  for (const [k, v, unidad, min, max] of [
    ['PORTAL_AP_TOKEN_SEGUNDOS', '5m', 'segundos enteros', 1, 86400],
    ['PORTAL_AP_TOKEN_SEGUNDOS', '0', 'segundos enteros', 1, 86400],
    ['PORTAL_REGISTRO_POR_IP', '+5', 'registros por hora', 1, 1000000],
    ['PORTAL_REGISTRO_TOTAL', ' 200', 'registros por hora', 1, 1000000],
    ['PORTAL_LIMITE_SEGUNDOS', '51', 'segundos enteros', 1, 50],
    ['PORTAL_SALUD_DISCO_MIB', '-1', 'MiB enteros', 0, 1000000000],
    ['PORTAL_CLAVES_SIMULTANEAS', '65', 'cálculos a la vez', 1, 64],
  ]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-mal-'));
    const r = spawnSync(PORTAL, ['-v', dir, 'serve', '-w', '1'], { encoding: 'utf8', timeout: 30000, env: { ...process.env, [k]: v } });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 1, `${k}=${v}: ${r.stderr}`);
    const esc = (x) => x.replace(/[+]/g, '\\+');
    assert.match(r.stderr, new RegExp(`${k}: valor no válido «${esc(v)}» \\(${unidad} de ${min} a ${max}\\)`), k);
  }
});
