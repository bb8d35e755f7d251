// How the workers write (issue 17 §2, §4): a writer queues on the writers' lock
// (VAR/escritura.lock, flock) and goes on as soon as it is let go; held longer than 2 s
// it answers 503 with nothing written; a holder killed (kill -9) lets it go at once.
// Readers do not wait for it. Acknowledged writes survive kill -9 of every process.
// PORTAL_SINCRONO takes NORMAL or FULL and nothing else.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startPortal, waitFor } = require('../../lib/portal.js');

const A = '/WSSUMMIPRESNOPBS/api';
const PROV = '901500013';
let inst, c, tmp, lock;

// A date d days from today in Colombia (UTC-5), YYYY-MM-DD.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

const entrega = (id) => ({ ID: id, CodSerTecEntregado: '019971860-01', CantTotEntregada: '30',
  EntTotal: 1, CausaNoEntrega: null, FecEntrega: dia(), NoLote: 'L2026-11', TipoIDRecibe: 'CC',
  NoIDRecibe: '79000111' });

// n new programmed lines of PROV for today: their first and last ID.
function lineas(n) {
  const m = inst.demo(['seed-mipres', String(n)]).match(/\(ID (\d+) a (\d+)\)/);
  return [Number(m[1]), Number(m[2])];
}

async function put(id) {
  const t0 = Date.now();
  const r = await c.request('PUT', `${A}/Entrega/${PROV}/${tmp}`, {
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(entrega(id)) });
  return { ...r, ms: Date.now() - t0 };
}

const entregas = (desde, hasta) => Number(inst.sql(`SELECT count(*) FROM mipres_paso
  WHERE tipo = 'E' AND estado = 1 AND linea_id BETWEEN ${desde} AND ${hasta}`));

// Holds the writers' lock from other processes (flock(1) and its shell, in a process group
// of their own) for some seconds; matar() kills them all at once (kill -9), as the kernel
// would see a worker die.
const grupos = new Set();
async function tener(segundos) {
  const p = spawn('flock', [lock, 'sh', '-c', `echo tomado; sleep ${segundos}`],
    { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  grupos.add(p.pid);
  p.once('exit', () => grupos.delete(p.pid));
  await new Promise((resolve) => p.stdout.once('data', resolve));
  p.matar = () => { try { process.kill(-p.pid, 'SIGKILL'); } catch (e) { /* gone */ } };
  return p;
}

// The master's children (workers and the mailer), by pid.
function children(pid) {
  try {
    return execFileSync('pgrep', ['-P', String(pid)]).toString().trim().split('\n').map(Number);
  } catch (e) {
    return [];	// pgrep exits 1 when there is none
  }
}

before(async () => {
  inst = await startPortal({ workers: 3 });
  c = inst.client();
  lock = path.join(inst.dir, 'escritura.lock');
  const user = inst.portal(['mipres-token', PROV]).trim();
  const r = await c.request('GET', `${A}/GenerarToken/${PROV}/${user}`, { headers: { Accept: 'application/json' } });
  assert.equal(r.status, 200, r.text);
  tmp = JSON.parse(r.text);
});
after(async () => {
  for (const pid of grupos) try { process.kill(-pid, 'SIGKILL'); } catch (e) { /* gone */ }
  if (inst) await inst.stop();
});

test('a write waits for the writers\' lock and goes on once it is let go; reads do not wait', async () => {
  assert.ok(fs.existsSync(lock), 'the lock file is in var/');
  assert.equal(fs.statSync(lock).mode & 0o777, 0o600);
  const [id] = lineas(2);
  const holder = await tener(0.8);
  let suelto = 0;
  holder.once('exit', () => { suelto = Date.now(); });
  const escritura = put(id);
  // A read meanwhile answers without waiting.
  const t0 = Date.now();
  const lectura = await c.request('GET', `${A}/EntregaXFecha/${PROV}/${tmp}/${dia()}`, { headers: { Accept: 'application/json' } });
  assert.equal(lectura.status, 200);
  assert.ok(Date.now() - t0 < 600, `the read took ${Date.now() - t0} ms`);
  const r = await escritura;
  assert.equal(r.status, 200, r.text);
  // The answer may reach this process before the holder's exit does: wait for both.
  if (holder.exitCode === null && holder.signalCode === null) await new Promise((res) => holder.once('exit', res));
  assert.ok(suelto > 0 && r.ms >= 600, `the write waited for the lock (${r.ms} ms)`);
  assert.equal(entregas(id, id), 1);
});

test('the lock held past 2 s: 503 with Retry-After, nothing written; the next write goes on', async () => {
  const [id] = lineas(1);
  const holder = await tener(4);
  const r = await put(id);
  holder.matar();
  assert.equal(r.status, 503, r.text);
  assert.equal(r.headers['retry-after'], '2');
  assert.ok(r.ms >= 1900 && r.ms < 3900, `gave up after about 2 s (${r.ms} ms)`);
  assert.equal(entregas(id, id), 0);
  assert.match(inst.log(), /db: the writers' lock stayed taken 2000 ms/);
  await waitFor(() => holder.exitCode !== null || holder.signalCode !== null, 'flock to end');
  const otra = await put(id);
  assert.equal(otra.status, 200, otra.text);
  assert.equal(entregas(id, id), 1);
});

test('a holder killed with kill -9 lets the lock go: the waiting write goes on at once', async () => {
  const [id] = lineas(1);
  const holder = await tener(30);
  const escritura = put(id);
  await new Promise((resolve) => setTimeout(resolve, 300));
  holder.matar();
  const r = await escritura;
  assert.equal(r.status, 200, r.text);
  assert.ok(r.ms < 1500, `the write went on when the holder died (${r.ms} ms)`);
});

test('acknowledged entregas survive kill -9 of the master, the workers and the mailer', async () => {
  const [desde, hasta] = lineas(60);
  const ids = Array.from({ length: hasta - desde + 1 }, (_, i) => desde + i);
  const ok = [];
  // Eight at a time, the way the bench sends them; the kill lands while some are in flight.
  const master = inst.portalProcess.pid;
  let enviadas = 0;
  const uno = async () => {
    while (ids.length) {
      const id = ids.shift();
      enviadas++;
      if (enviadas === 45) {
        for (const pid of [...children(master), master]) {
          try { process.kill(pid, 'SIGKILL'); } catch (e) { /* a checkpoint job that just ended */ }
        }
      }
      try {
        const r = await put(id);
        if (r.status === 200) ok.push(id);
      } catch (e) { /* the connection cut by the kill */ }
    }
  };
  await Promise.all(Array.from({ length: 8 }, uno));
  await waitFor(() => inst.portalProcess.signalCode !== null, 'the master to die');
  assert.ok(ok.length >= 30, `${ok.length} acknowledged before the kill`);
  await inst.restart();
  // Every acknowledged entrega is there, read by the restarted portal and by sqlite3.
  for (const id of ok) assert.equal(entregas(id, id), 1, `line ${id}`);
  const r = await c.request('GET', `${A}/EntregaXFecha/${PROV}/${tmp}/${dia()}`, { headers: { Accept: 'application/json' } });
  assert.equal(r.status, 200, r.text);
  const vistas = new Set(JSON.parse(r.text).map((o) => o.ID));
  for (const id of ok) assert.ok(vistas.has(id), `line ${id} answered by EntregaXFecha`);
  assert.equal(inst.sql('PRAGMA integrity_check'), 'ok');
  // The restarted workers write again: nobody holds the lock.
  const [otra] = lineas(1);
  assert.equal((await put(otra)).status, 200);
});

test('each worker that stops logs what its writers waited', async () => {
  await inst.restart();
  assert.match(inst.log(), /db: pid \d+: [1-9]\d* writes, \d+ waited for the write lock \(\d+ ms in all, at most \d+ ms\), busy handler \d+ times \(\d+ ms\)/);
});

test('PORTAL_SINCRONO: FULL is applied and logged; a value other than NORMAL or FULL stops the portal', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sincrono-'));
  const run = (env, args) => execFileSync(path.join(__dirname, '..', '..', '..', 'build', 'portal'),
    ['-v', dir, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    for (const v of ['rapido', 'full', 'OFF', '2']) {
      assert.throws(() => run({ PORTAL_SINCRONO: v }, ['migrate']),
        (e) => e.status === 1 && String(e.stderr).includes(`portal: PORTAL_SINCRONO: valor no válido «${v}» (use NORMAL o FULL)`), v);
      assert.ok(!fs.existsSync(path.join(dir, 'portal.db')), 'nothing created');
    }
    run({ PORTAL_SINCRONO: 'FULL' }, ['migrate']);
    run({ PORTAL_SINCRONO: 'NORMAL' }, ['migrate']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const full = await startPortal({ demo: false, env: { PORTAL_SINCRONO: 'FULL' } });
  try {
    assert.match(full.log(), /db: synchronous=FULL \(PORTAL_SINCRONO\)/);
  } finally {
    await full.stop();
  }
  assert.match(inst.log(), /db: synchronous=NORMAL \(PORTAL_SINCRONO\)/);
});
