// Mail storage holds no usable secret: a mailed link is stored sealed (never in clear in
// the database's files), read back only by an operator with the key (portal correo-ver,
// audited), wiped once delivered or once it expires, the metadata kept; and var/ and the
// database belong to the portal's user alone (0700 / 0600), under the test harness and
// under make run (nginx/run.sh).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { startPortal, waitFor, ROOT, soloSqlite } = require('../../lib/portal.js');
const { startSmtpSink, canConnect } = require('../../lib/smtp');
const h = require('../helpers');

const PARA = 'delegado.800100037@ips.example.co';	// h.DEL_LLAVES's address
let inst;

before(async () => { inst = await startPortal(); });
after(async () => { await inst.stop(); });

// Asks for a password reset link for h.DEL_LLAVES; returns the new message's id and token.
async function pedirEnlace() {
  const c = inst.client();
  const r = await c.post('/clave/olvido', { csrf: await c.csrf('/clave/olvido'), usuario: h.DEL_LLAVES, correo: PARA });
  assert.equal(r.status, 303);
  const id = h.num(inst, `SELECT max(id) FROM correo WHERE para = '${PARA}'`);
  const m = /\/clave\/([A-Za-z0-9_-]{43})\n/.exec(inst.correo(id));
  assert.ok(m, 'the message carries a reset link');
  return { id, token: m[1] };
}

// Whether the bytes of the database file, its WAL or its shared memory contain s (on
// PostgreSQL: its rows, pg_dump's).
function enArchivos(s) {
  if (inst.engine === 'postgresql') return inst.volcado().includes(s) ? ['pg_dump'] : [];
  return ['portal.db', 'portal.db-wal', 'portal.db-shm'].filter((f) => {
    const p = path.join(inst.dir, f);
    return fs.existsSync(p) && fs.readFileSync(p).includes(s);
  });
}

const modo = (p) => (fs.statSync(p).mode & 0o777).toString(8);

test('a reset link is stored sealed: not in the database files; correo-ver reads it, audited', async () => {
  const { id, token } = await pedirEnlace();
  assert.deepEqual(enArchivos(token), [], 'the token is in no file of the database');
  // The stored type, and where the link's path is in the body (0: nowhere), in each dialect.
  const [tipo, dentro] = inst.engine === 'postgresql' ?
    ["CASE WHEN pg_typeof(cuerpo) = 'bytea'::regtype THEN 'blob' END", "position(convert_to('/clave/', 'UTF8') in cuerpo)"] :
    ['typeof(cuerpo)', "instr(cuerpo, '/clave/')"];
  assert.equal(inst.sql(`SELECT ${tipo} || '|' || ${dentro} || '|' || (caduca - creado) FROM correo WHERE id = ${id}`),
    'blob|0|86400', 'a sealed body, expiring with the link (24 hours)');
  // What correo-ver printed is the real link, and reading it was audited.
  assert.equal((await inst.client().get(`/clave/${token}`)).status, 200);
  assert.equal(inst.sql(`SELECT login || '|' || detalle FROM auditoria WHERE accion = 'correo_ver' ORDER BY id DESC LIMIT 1`),
    `operador|contenido del correo ${id} leído con portal correo-ver`);
  // Unknown message: exit status 1, a message in Spanish.
  assert.throws(() => inst.portal(['correo-ver', '999999']), (e) => /No existe el mensaje 999999/.test(String(e.stderr)));
});

test('a body whose link expired undelivered is wiped; the message is given up and cannot be retried', async () => {
  const { id, token } = await pedirEnlace();
  const meta = inst.sql(`SELECT para || '|' || asunto || '|' || creado FROM correo WHERE id = ${id}`);
  inst.sql(`UPDATE correo SET caduca = ${Math.floor(Date.now() / 1000)} - 1 WHERE id = ${id}`);
  // Any start of the portal (here an operator command) and every mailer pass wipe it.
  inst.portal(['outbox']);
  assert.equal(inst.sql(`SELECT CASE WHEN cuerpo IS NULL THEN 1 ELSE 0 END || '|' || estado || '|' || para || '|' || asunto || '|' || creado FROM correo WHERE id = ${id}`),
    `1|fallido|${meta}`);
  assert.match(inst.sql(`SELECT ultimo_error FROM correo WHERE id = ${id}`), /venció sin que se entregara: su contenido se borró/);
  assert.equal(inst.correo(id), null);
  assert.throws(() => inst.portal(['correo-ver', String(id)]), (e) => /ya no guarda su contenido/.test(String(e.stderr)));
  // The administrator's outbox: "Borrado", no Reintentar; a POST of it is refused.
  const admin = await h.loginAs(inst, h.ADMIN);
  const page = await admin.get('/admin/correo?estado=fallido');
  const row = new RegExp(`<tr data-id="${id}">([\\s\\S]*?)</tr>`).exec(page.text)[1];
  assert.match(row, /data-k="contenido">Borrado</);
  assert.doesNotMatch(row, /reintentar/);
  const r = await admin.post(`/admin/correo/${id}/reintentar`, { csrf: h.csrfOf(page.text) });
  assert.equal(r.status, 409);
  assert.match(h.mainOf(r.text), /su contenido se borró/);
  assert.equal(inst.sql(`SELECT estado FROM correo WHERE id = ${id}`), 'fallido');
  assert.deepEqual(enArchivos(token), []);
});

test('delivered to the SMTP server, a message keeps its metadata only: the body is wiped', async () => {
  const { id, token } = await pedirEnlace();
  const meta = inst.sql(`SELECT para || '|' || asunto || '|' || creado FROM correo WHERE id = ${id}`);
  const smtpd = await startSmtpSink(path.join(inst.dir, 'maildir'));
  try {
    inst.portal(['smtp-set', `smtp://127.0.0.1:${smtpd.port}`, 'portal@minsalud.example.co', '--sin-tls']);
    await waitFor(() => {
      try { inst.portal(['mail-send']); } catch (e) { /* another sender had them */ }
      return inst.sql(`SELECT estado FROM correo WHERE id = ${id}`) === 'enviado';
    }, 'the message delivered', 30000);
    // The person got the link...
    const raw = smtpd.files().find((m) => m.includes(`Message-ID: <${id}.`));
    assert.ok(raw, 'the message reached the SMTP server');
    const body = Buffer.from(raw.split(/\r?\n\r?\n/)[1].replace(/\s+/g, ''), 'base64').toString('utf8');
    assert.ok(body.includes(`/clave/${token}\n`), body);
  } finally {
    await smtpd.stop();
    inst.sql('DELETE FROM smtp');
  }
  // ...and the outbox keeps who, what and when, not the body.
  assert.equal(inst.sql(`SELECT CASE WHEN cuerpo IS NULL THEN 1 ELSE 0 END || '|' || estado || '|' || intentos || '|' || CASE WHEN enviado >= creado THEN 1 ELSE 0 END || '|' || para || '|' || asunto || '|' || creado FROM correo WHERE id = ${id}`),
    `1|enviado|1|1|${meta}`);
  assert.equal(inst.correo(id), null);
  assert.equal(h.num(inst, "SELECT count(*) FROM correo WHERE estado = 'enviado' AND cuerpo IS NOT NULL"), 0);
  assert.equal(h.num(inst, "SELECT count(*) FROM correo_adjunto a JOIN correo c ON c.id = a.correo_id WHERE c.cuerpo IS NULL"), 0);
  assert.deepEqual(enArchivos(token), []);
});

test('var/ is 0700 and the database 0600 after start; a looser database is tightened', { skip: soloSqlite('var/ is 0700 and the database 0600 after start; a looser database is tightened') }, async () => {
  assert.equal(modo(inst.dir), '700');
  for (const f of ['portal.db', 'portal.db-wal', 'portal.db-shm', 'secret.key']) {
    assert.ok(fs.existsSync(path.join(inst.dir, f)), f);
    assert.equal(modo(path.join(inst.dir, f)), '600', f);
  }
  // A var/ the portal creates itself; a database left readable by others is tightened.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-var-'));
  try {
    const v = path.join(tmp, 'var');
    execFileSync(path.join(ROOT, 'build', 'portal'), ['-v', v, 'migrate'], { stdio: 'pipe' });
    assert.equal(modo(v), '700');
    assert.equal(modo(path.join(v, 'portal.db')), '600');
    fs.chmodSync(path.join(v, 'portal.db'), 0o644);
    execFileSync(path.join(ROOT, 'build', 'portal'), ['-v', v, 'outbox'], { stdio: 'pipe' });
    assert.equal(modo(path.join(v, 'portal.db')), '600');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

// A free port whose next one is free too (make run's AP port is PORT + 1).
async function dosPuertos() {
  const libre = (p) => new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  for (;;) {
    const s = net.createServer();
    const p = await new Promise((resolve) => s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }));
    if (p < 65535 && await libre(p) && await libre(p + 1)) return p;
  }
}

test('make run (nginx/run.sh) makes var/ 0700 and the database 0600, and nginx still reaches the portal', { skip: soloSqlite('make run (nginx/run.sh) makes var/ 0700 and the database 0600, and nginx still reaches the portal') }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-run-'));
  const v = path.join(tmp, 'var');
  // A var/ from before, open to everyone, with a database readable by all.
  fs.mkdirSync(v, { mode: 0o755 });
  fs.chmodSync(v, 0o755);
  fs.writeFileSync(path.join(v, 'portal.db'), '', { mode: 0o644 });
  fs.chmodSync(path.join(v, 'portal.db'), 0o644);
  const port = await dosPuertos();
  const log = fs.openSync(path.join(tmp, 'run.log'), 'a');
  const run = spawn('sh', [path.join(ROOT, 'nginx', 'run.sh'), v, String(port)], { stdio: ['ignore', log, log] });
  const gone = new Promise((resolve) => run.once('exit', resolve));
  try {
    await waitFor(() => fs.existsSync(path.join(v, 'portal.sock')), 'the portal socket', 60000);
    await waitFor(() => canConnect(port), 'nginx', 30000);
    assert.equal(modo(v), '700');
    for (const f of ['portal.db', 'portal.db-wal', 'portal.db-shm', 'secret.key']) assert.equal(modo(path.join(v, f)), '600', f);
    // nginx's workers reach the socket inside the closed var/: the login page answers.
    const r = await inst.client().request('GET', `https://localhost:${port}/login`);
    assert.equal(r.status, 200);
  } finally {
    run.kill('SIGTERM');	// run.sh's trap stops portal and nginx
    await gone;
    fs.closeSync(log);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
