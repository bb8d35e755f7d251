// One secrets key for several hosts (issue 14 §3 and §5): PORTAL_SECRET_KEY_FILE names a key
// file that each host, with its own var/, reads instead of VAR/secret.key. What one host
// sealed (mail bodies, second-factor secrets, the audit chain) another opens; another key
// file does not; a key file that is missing, not 32 bytes, relative or readable by others
// stops the portal; without the variable the key is VAR/secret.key, created as before.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startPortal, baseVacia, ROOT } = require('../../lib/portal.js');

const PORTAL = path.join(ROOT, 'build', 'portal');
let tmp, llave, a, respaldo, id, cuerpo;

// Runs portal against var dir with more environment (an instance's env: its database);
// returns { status, stdout, stderr }.
function portal(dir, args, env = {}) {
  try {
    const out = execFileSync(PORTAL, ['-v', dir, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    return { status: 0, stdout: out.toString(), stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
  }
}
const modo = (p) => (fs.statSync(p).mode & 0o777).toString(8);
// A key file as the README makes it: 32 random bytes, mode 0600, in a directory of its own.
function nuevaLlave(nombre) {
  const d = fs.mkdtempSync(path.join(tmp, `${nombre}-`));
  const f = path.join(d, 'secret.key');
  fs.writeFileSync(f, crypto.randomBytes(32), { mode: 0o600 });
  return f;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-llave-'));
  llave = nuevaLlave('compartida');
  // Every portal command of this file (the harness's migrate, seed-demo, serve) reads it.
  process.env.PORTAL_SECRET_KEY_FILE = llave;
  a = await startPortal();
  id = a.sql("SELECT min(id) FROM correo WHERE estado = 'pendiente' AND cuerpo IS NOT NULL");
  cuerpo = a.portal(['correo-ver', id]);
  // SQLite's file, or PostgreSQL's pg_dump.
  respaldo = path.join(tmp, 'a.respaldo');
  assert.equal(portal(a.dir, ['backup', respaldo], a.env).status, 0);
});
after(async () => {
  if (a) await a.stop();
  if (tmp && !process.env.KEEP_TEST_DIRS) fs.rmSync(tmp, { recursive: true, force: true });
});

test('host A reads the key from PORTAL_SECRET_KEY_FILE: none in its var/, the file unchanged', () => {
  assert.equal(fs.existsSync(path.join(a.dir, 'secret.key')), false);
  assert.equal(modo(llave), '600');
  assert.equal(fs.statSync(llave).size, 32);
  assert.ok(cuerpo.length > 20, 'A opens its own sealed mail body');
  assert.equal(portal(a.dir, ['audit-verify'], a.env).status, 0);
});

test('host B, its own var/ and the same key file, opens what A sealed and serves', async () => {
  let salida = '';
  const b = await startPortal({ demo: false, prepare: (dir, run) => {
    salida = run(['restore', respaldo]);
  } });
  try {
    assert.doesNotMatch(salida, /Falta la llave/, 'the key file was in place');
    assert.equal(fs.existsSync(path.join(b.dir, 'secret.key')), false);
    assert.notEqual(b.dir, a.dir);
    // A mail body A sealed; the ministry staff's second-factor secret the demo sealed on A
    // (the login's second step opens it in B's workers).
    assert.equal(b.portal(['correo-ver', id]), cuerpo);
    const m = b.client();
    assert.equal((await m.login('CC1010202030')).status, 303);
    assert.equal((await m.get('/msps/asignar')).status, 200);
    // The audit chain A keyed and B extended (the reading, the login) verifies on B.
    const r = portal(b.dir, ['audit-verify'], b.env);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(Number(b.sql("SELECT count(*) FROM auditoria WHERE accion = 'correo_ver'")) >= 2);
  } finally {
    await b.stop();
  }
});

test('a var/ with another key file opens none of it', async () => {
  const otra = nuevaLlave('otra');
  const dir = path.join(tmp, 'var-otra');
  const env = { PORTAL_SECRET_KEY_FILE: otra, ...(await baseVacia()) };
  assert.equal(portal(dir, ['restore', respaldo], env).status, 0);
  const r = portal(dir, ['correo-ver', id], env);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`El contenido del mensaje ${id} no abre con la llave ${otra}`));
  assert.equal(portal(dir, ['audit-verify'], env).status, 1);
});

test('a key file readable or writable by others, missing, of another size or relative stops every command', () => {
  const dir = path.join(tmp, 'var-rechazos');
  const f = nuevaLlave('rechazos');
  const env = { PORTAL_SECRET_KEY_FILE: f };
  for (const m of [0o640, 0o604, 0o620, 0o644]) {
    fs.chmodSync(f, m);
    const r = portal(dir, ['migrate'], env);
    assert.equal(r.status, 1, m.toString(8));
    assert.equal(r.stderr, `portal: PORTAL_SECRET_KEY_FILE: la llave ${f} tiene modo ${m.toString(8)}: otros usuarios pueden leerla o cambiarla; déjela en 0600 (chmod 600 ${f})\n`);
  }
  assert.equal(fs.existsSync(path.join(dir, 'portal.db')), false, 'nothing opened');
  fs.chmodSync(f, 0o600);
  assert.equal(portal(dir, ['migrate'], env).status, 0);

  const falta = path.join(path.dirname(f), 'no-existe.key');
  let r = portal(dir, ['migrate'], { PORTAL_SECRET_KEY_FILE: falta });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^portal: PORTAL_SECRET_KEY_FILE: no se puede leer la llave .*no-existe\.key: No such file or directory \(cópiela del primer servidor, modo 0600; nunca se crea sola\)\n$/);
  assert.equal(fs.existsSync(falta), false, 'never created');

  const corta = path.join(path.dirname(f), 'corta.key');
  fs.writeFileSync(corta, crypto.randomBytes(31), { mode: 0o600 });
  r = portal(dir, ['migrate'], { PORTAL_SECRET_KEY_FILE: corta });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no tiene 32 bytes \(tiene 31\)/);
  fs.writeFileSync(corta, crypto.randomBytes(33));
  assert.match(portal(dir, ['migrate'], { PORTAL_SECRET_KEY_FILE: corta }).stderr, /no tiene 32 bytes \(tiene 33\)/);

  r = portal(dir, ['migrate'], { PORTAL_SECRET_KEY_FILE: 'secret.key' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /PORTAL_SECRET_KEY_FILE debe ser una ruta absoluta: «secret\.key»/);
  assert.equal(fs.existsSync(path.join(dir, 'secret.key')), false);
});

test('without PORTAL_SECRET_KEY_FILE (or empty) the key is VAR/secret.key, made 0600 at first start', () => {
  const dir = path.join(tmp, 'var-propia');
  assert.equal(portal(dir, ['migrate'], { PORTAL_SECRET_KEY_FILE: '' }).status, 0);
  assert.equal(modo(path.join(dir, 'secret.key')), '600');
  assert.equal(fs.statSync(path.join(dir, 'secret.key')).size, 32);
  assert.notDeepEqual(fs.readFileSync(path.join(dir, 'secret.key')), fs.readFileSync(llave));
});
