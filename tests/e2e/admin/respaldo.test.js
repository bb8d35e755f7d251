// Backup and restore (issue 15 §1): `portal backup FILE` under MIPRES write load holds every
// entrega acknowledged before it started; `portal restore FILE` fills an empty var/ only;
// the restored portal serves, and its sealed values open with the original key and not
// with another; the daily timer's script keeps N copies.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startPortal, ROOT } = require('../../lib/portal.js');

const PORTAL = path.join(ROOT, 'build', 'portal');
const A = '/WSSUMMIPRESNOPBS/api';
const P1 = '901500013';
const PROV = 'ADMINMIPRESPROV901500013';
let inst, c, tk, tmp, respaldo, primera, ultima;

// A date d days from today in Colombia (UTC-5), YYYY-MM-DD.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);
const entrega = (id) => ({ ID: id, CodSerTecEntregado: '019971860-01', CantTotEntregada: '30',
  EntTotal: 1, CausaNoEntrega: null, FecEntrega: dia(), NoLote: 'L2026-11', TipoIDRecibe: 'CC',
  NoIDRecibe: '79000111' });
// The highest migration number: the version a backup of a migrated database carries.
const ultimaMigracion = () => Math.max(...fs.readdirSync(path.join(ROOT, 'db', 'migrations'))
  .filter((f) => /^\d+_.*\.sql$/.test(f)).map((f) => parseInt(f, 10)));
// Runs portal against var dir; returns { status, stdout, stderr }.
function portal(dir, args) {
  try {
    const out = execFileSync(PORTAL, ['-v', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout: out.toString(), stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
  }
}
const sqlOf = (db, q) => execFileSync('sqlite3', [db, q]).toString().trim();
const modo = (p) => (fs.statSync(p).mode & 0o777).toString(8);
const vacio = () => fs.mkdtempSync(path.join(tmp, 'var-'));

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-respaldo-'));
  inst = await startPortal();
  c = inst.client();
  // A database of some size, so the copy takes a while, then today's lines waiting for P1's
  // entregas, which the load sends.
  inst.demo(['seed-mipres', '20000', '10', '3']);
  const m = /\(ID (\d+) a (\d+)\)/.exec(inst.demo(['seed-mipres', '4000']));
  [primera, ultima] = [Number(m[1]), Number(m[2])];
  const user = inst.portal(['mipres-token', P1]).trim();
  const r = await c.get(`${A}/GenerarToken/${P1}/${user}`, { headers: { Accept: 'application/json' } });
  assert.equal(r.status, 200, r.text);
  tk = JSON.parse(r.text);
});
after(async () => {
  if (inst) await inst.stop();
  if (tmp && !process.env.KEEP_TEST_DIRS) fs.rmSync(tmp, { recursive: true, force: true });
});

test('backup under MIPRES write load: every entrega acknowledged before it began is in the copy', async () => {
  const acks = [];	// [linea id, ms when its 200 arrived]
  let next = primera, stop = false, errores = 0;
  const worker = async () => {
    while (!stop && next <= ultima) {
      const id = next++;
      const r = await c.request('PUT', `${A}/Entrega/${P1}/${tk}`, { body: JSON.stringify(entrega(id)),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
      if (r.status === 200) acks.push([id, performance.now()]);
      else errores++;
    }
  };
  const load = Array.from({ length: 6 }, worker);
  while (acks.length < 50) await new Promise((r) => setTimeout(r, 20));
  respaldo = path.join(tmp, 'portal-respaldo.db');
  const t0 = performance.now();
  const antes = new Set(acks.filter(([, t]) => t < t0).map(([id]) => id));
  const b = spawn(PORTAL, ['-v', inst.dir, 'backup', respaldo], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  b.stdout.on('data', (d) => { out += d; });
  b.stderr.on('data', (d) => { err += d; });
  const status = await new Promise((resolve) => b.on('exit', resolve));
  const t1 = performance.now();
  await new Promise((r) => setTimeout(r, 100));
  stop = true;
  await Promise.all(load);
  assert.equal(status, 0, err);
  assert.equal(errores, 0, 'every PUT Entrega answered 200');
  const durante = acks.filter(([, t]) => t >= t0 && t <= t1).length;
  assert.ok(durante > 0, 'writers were answered while the backup ran');
  const v = ultimaMigracion();
  assert.match(out, new RegExp(`^respaldo: ${respaldo}, versión de migración ${v}, \\d+ páginas \\([\\d,]+ MiB\\) en [\\d,]+ s\\. La llave secret\\.key no va en el respaldo: guárdela aparte\\.\\n$`));
  // The copy: sound, of this migration version, a single file (no WAL), the portal user's alone.
  assert.equal(sqlOf(respaldo, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sqlOf(respaldo, 'PRAGMA user_version'), String(v));
  assert.equal(sqlOf(respaldo, 'PRAGMA journal_mode'), 'delete');
  assert.equal(modo(respaldo), '600');
  assert.equal(fs.existsSync(`${respaldo}.parcial`), false);
  // Every entrega acknowledged before the backup began is in it.
  const copia = new Set(sqlOf(respaldo, `SELECT linea_id FROM mipres_paso WHERE tipo = 'E' AND estado = 1
    AND linea_id BETWEEN ${primera} AND ${ultima}`).split('\n').filter(Boolean).map(Number));
  const faltan = [...antes].filter((id) => !copia.has(id));
  assert.deepEqual(faltan, [], `${antes.size} acknowledged before the backup`);
  assert.ok(antes.size >= 50);
  // And the live database holds every acknowledged one, before and after.
  assert.equal(Number(inst.sql(`SELECT count(*) FROM mipres_paso WHERE tipo = 'E' AND estado = 1
    AND linea_id BETWEEN ${primera} AND ${ultima}`)), acks.length);
  // The copy never holds the secrets key, and the backup is audited in the live database.
  const key = fs.readFileSync(path.join(inst.dir, 'secret.key'));
  assert.equal(fs.readFileSync(respaldo).indexOf(key), -1);
  assert.equal(inst.sql(`SELECT login || '|' || detalle FROM auditoria WHERE accion = 'respaldo'`),
    `operador|respaldo de la base de datos en ${respaldo} con portal backup`);
});

test('backup never overwrites: an existing FILE is refused and left as it was', () => {
  const f = path.join(tmp, 'existe.db');
  fs.writeFileSync(f, 'no tocar');
  const r = portal(inst.dir, ['backup', f]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ya existe: un respaldo nunca sobrescribe otro/);
  assert.equal(fs.readFileSync(f, 'utf8'), 'no tocar');
  assert.equal(portal(inst.dir, ['backup']).status, 2, 'FILE is required');
});

test('restore refuses a var/ that is not empty, a damaged file and a newer version, writing nothing', () => {
  // What the refused restore must leave as it was: the file's time would not do, since the
  // serving portal's own jobs (the WAL's checkpoints, the search index's) write it.
  const estado = () => inst.sql("SELECT (SELECT count(*) FROM entidad) || '/' || " +
    "(SELECT count(*) FROM mipres_paso) || '/' || (SELECT max(id) FROM auditoria)");
  const antes = estado();
  const lleno = portal(inst.dir, ['restore', respaldo]);
  assert.equal(lleno.status, 1);
  assert.match(lleno.stderr, /^El directorio .* no está vacío \(tiene [^)]+\): la restauración solo llena un var\/ vacío/);
  assert.equal(estado(), antes);

  const basura = path.join(tmp, 'basura.db');
  fs.writeFileSync(basura, 'esto no es una base de datos'.repeat(100));
  let dir = vacio();
  let r = portal(dir, ['restore', basura]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no es una base de datos SQLite legible/);
  assert.deepEqual(fs.readdirSync(dir), []);

  // A page of the copy overwritten: integrity_check fails, nothing restored.
  const danada = path.join(tmp, 'danada.db');
  fs.copyFileSync(respaldo, danada);
  const ps = Number(sqlOf(danada, 'PRAGMA page_size'));
  const raiz = Number(sqlOf(danada, "SELECT rootpage FROM sqlite_schema WHERE name = 'mipres_paso'"));
  const fd = fs.openSync(danada, 'r+');
  fs.writeSync(fd, Buffer.alloc(ps, 0x5a), 0, ps, (raiz - 1) * ps);
  fs.closeSync(fd);
  r = portal(dir, ['restore', danada]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /está dañado \(PRAGMA integrity_check: |no es una base de datos SQLite legible/);
  assert.deepEqual(fs.readdirSync(dir), []);

  const nueva = path.join(tmp, 'nueva.db');
  fs.copyFileSync(respaldo, nueva);
  execFileSync('sqlite3', [nueva, `PRAGMA user_version = ${ultimaMigracion() + 1}`]);
  r = portal(dir, ['restore', nueva]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /es de una versión más nueva del portal/);
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('restore fills an empty var/: 0700, the database 0600, sound; it names the missing key', () => {
  const dir = path.join(vacio(), 'var');	// not there yet: restore creates it
  const r = portal(dir, ['restore', respaldo]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^restaurado: ${dir}/portal\\.db desde ${respaldo} \\(versión de migración ${ultimaMigracion()}, integridad ok, \\d+ páginas\\)\\.\\nFalta la llave: copie la llave secret\\.key`));
  assert.deepEqual(fs.readdirSync(dir), ['portal.db']);
  assert.equal(modo(dir), '700');
  assert.equal(modo(path.join(dir, 'portal.db')), '600');
  assert.equal(sqlOf(path.join(dir, 'portal.db'), 'PRAGMA integrity_check'), 'ok');
});

test('the restored portal serves the data, and its sealed values open with the original key only', async () => {
  const key = path.join(inst.dir, 'secret.key');
  // A pending message's body is sealed with the key; the original opens it.
  const id = inst.sql("SELECT min(id) FROM correo WHERE estado = 'pendiente' AND cuerpo IS NOT NULL");
  const cuerpo = inst.portal(['correo-ver', id]);
  assert.ok(cuerpo.length > 20);
  let salida = '';
  const otra = await startPortal({ demo: false, prepare: (dir, run) => {
    fs.copyFileSync(key, path.join(dir, 'secret.key'));
    fs.chmodSync(path.join(dir, 'secret.key'), 0o600);
    salida = run(['restore', respaldo]);
  } });
  try {
    assert.doesNotMatch(salida, /Falta la llave/, 'the key was in place');
    assert.equal(modo(otra.db), '600');
    assert.equal(otra.sql('PRAGMA integrity_check'), 'ok');
    // Log in as the provider and see its lines; the ministry's staff log in with their
    // second factor, whose secret is sealed.
    const p = otra.client();
    assert.equal((await p.login(PROV)).status, 303);
    const lista = await p.get('/mipres/direccionamientos');
    assert.equal(lista.status, 200);
    assert.match(lista.text, /901500013|Dispensadora Farmacéutica del Centro/);
    const m = otra.client();
    assert.equal((await m.login('CC1010202030')).status, 303);
    assert.equal((await m.get('/msps/asignar')).status, 200);
    assert.equal(otra.portal(['correo-ver', id]), cuerpo);
  } finally {
    await otra.stop();
  }
  // Without the key (the portal makes a new one) the same body does not open.
  const dir = vacio();
  assert.equal(portal(dir, ['restore', respaldo]).status, 0);
  const r = portal(dir, ['correo-ver', id]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`El contenido del mensaje ${id} no abre con la llave`));
});

test('the daily timer: its units verify, and its script backs up and keeps the newest N', () => {
  const sd = path.join(ROOT, 'systemd');
  execFileSync('systemd-analyze', ['verify', path.join(sd, 'portal-respaldo.service'),
    path.join(sd, 'portal-respaldo.timer')], { stdio: 'pipe' });
  assert.match(fs.readFileSync(path.join(sd, 'portal-respaldo.timer'), 'utf8'), /^OnCalendar=\*-\*-\* 02:30:00$/m);
  const dir = path.join(tmp, 'copias');
  fs.mkdirSync(dir);
  const viejas = ['portal-20240101T023000Z.db', 'portal-20250101T023000Z.db', 'portal-20260101T023000Z.db'];
  for (const f of viejas) fs.writeFileSync(path.join(dir, f), 'copia vieja');
  fs.writeFileSync(path.join(dir, 'notas.txt'), 'otro archivo');
  const out = execFileSync('sh', [path.join(sd, 'portal-respaldo.sh'), dir, '2'], { env: { ...process.env,
    PORTAL, PORTAL_ROOT: ROOT, PORTAL_VAR: inst.dir } }).toString();
  const quedan = fs.readdirSync(dir).sort();
  assert.equal(quedan.length, 3, quedan.join(' '));
  assert.equal(quedan[0], 'notas.txt');
  assert.equal(quedan[1], viejas[2]);
  assert.match(quedan[2], /^portal-\d{8}T\d{6}Z\.db$/);
  assert.equal(sqlOf(path.join(dir, quedan[2]), 'PRAGMA integrity_check'), 'ok');
  assert.match(out, /^respaldo: /);
  assert.match(out, /borrado .*portal-20240101T023000Z\.db \(se guardan los 2 más recientes\)/);
  assert.throws(() => execFileSync('sh', [path.join(sd, 'portal-respaldo.sh'), dir, '0'],
    { stdio: 'pipe' }), /N debe ser un entero mayor que 0/);
});
