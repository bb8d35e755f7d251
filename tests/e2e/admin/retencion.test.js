// Retention (issue 15 §3, Ley 1581): `portal retencion` and the mailer's periodic job remove
// each kind of kept data at its own time — expired sessions, old failed-login counts,
// delivered or failed mail, spent password links, expired tokens and challenges, AP
// measurements and audit rows past their years — and nothing younger; removing audit rows
// moves the chain's anchor so it still verifies; every pass that removes is audited.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startPortal, ROOT, waitFor } = require('../../lib/portal.js');
const h = require('../helpers.js');

const PORTAL = path.join(ROOT, 'build', 'portal');
const DIA = 86400;
const AHORA = () => Math.floor(Date.now() / 1000);
let inst, tmp;

// A portal run against the instance (its database); returns { status, stdout, stderr }.
function portal(args, env = {}, dir = inst.dir) {
  const r = spawnSync(PORTAL, ['-v', dir, ...args], { env: { ...inst.env, ...env } });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}
const n = (q) => h.num(inst, q);

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-retencion-'));
  // An older database (migrations before 019) whose audit trail starts in 2015: forty rows
  // of 2015, one of yesterday, then one more of 2015 (after a newer row: it must stay).
  // Each engine's migrations (SQLite's and PostgreSQL's, db/migrations/pg) before 019.
  const viejo = path.join(tmp, 'arbol-viejo');
  fs.mkdirSync(viejo);
  fs.symlinkSync(path.join(ROOT, 'templates'), path.join(viejo, 'templates'));
  for (const d of [path.join('db', 'migrations'), path.join('db', 'migrations', 'pg')]) {
    fs.mkdirSync(path.join(viejo, d), { recursive: true });
    for (const f of fs.readdirSync(path.join(ROOT, d)).filter((x) => parseInt(x, 10) < 19)) {
      fs.copyFileSync(path.join(ROOT, d, f), path.join(viejo, d, f));
    }
  }
  inst = await startPortal({ prepare: (dir, run, sql) => {
    run(['-r', viejo, 'migrate']);
    sql(`
      WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 40)
      INSERT INTO auditoria(ts, login, rol, ip, accion, detalle) SELECT 1420070400 + i * 3600, 'viejo', 'Rol_IHCE_MSPS', '10.0.0.1', 'login', 'fila de 2015 n.º ' || i FROM k;
      INSERT INTO auditoria(ts, login, accion, detalle) VALUES (${AHORA() - DIA}, 'reciente', 'login', 'ayer');
      INSERT INTO auditoria(ts, login, accion, detalle) VALUES (1420070400, 'viejo', 'login', 'de 2015, después de una más nueva');`);
  } });
});
after(async () => {
  if (inst) await inst.stop();
  if (tmp && !process.env.KEEP_TEST_DIRS) fs.rmSync(tmp, { recursive: true, force: true });
});

// Rows of every kind, each just past its retention or just within it.
async function envejecer() {
  const t = AHORA();
  // Two sessions of the administrator: one idle for an hour (expired), one in use.
  const vieja = await h.loginAs(inst, h.ADMIN);
  const nueva = await h.loginAs(inst, h.ADMIN);
  assert.equal((await nueva.get('/admin')).status, 200);
  inst.sql(`UPDATE sesion SET ultimo = ${t - 3600} WHERE id_hash = ${inst.blob(sesion(vieja))}`);
  const usuario = inst.sql(`SELECT id FROM usuario WHERE login = '${h.ADMIN}'`);
  const tokenMipres = inst.sql('SELECT min(id) FROM mipres_token');
  const asignado = inst.sql("SELECT id || '|' || entidad_id FROM servicio_asignado ORDER BY id LIMIT 1").split('|');
  inst.sql(`
    INSERT INTO intento VALUES ('login', 'ventana-pasada', '10.9.9.1', 'ventana-pasada', 3, ${t - 16 * 60});
    INSERT INTO intento VALUES ('login', 'ventana-en-curso', '10.9.9.1', 'ventana-en-curso', 3, ${t - 60});
    INSERT INTO intento_seguido VALUES ('login', 'seguidos-31-dias', 'seguidos-31-dias', 7, ${t - 31 * DIA}, 1);
    INSERT INTO intento_seguido VALUES ('login', 'seguidos-29-dias', 'seguidos-29-dias', 7, ${t - 29 * DIA}, 1);
    INSERT INTO intento_seguido VALUES ('login', 'bloqueado-hace-un-ano', 'bloqueado-hace-un-ano', 100, ${t - 365 * DIA}, 1);
    INSERT INTO correo(id, para, asunto, estado, creado, enviado) VALUES (900001, 'a@x.co', 'entregado hace 91 días', 'enviado', ${t - 95 * DIA}, ${t - 91 * DIA});
    INSERT INTO correo_adjunto(correo_id, cid, nombre, tipo, datos) VALUES (900001, 'qr', 'qr.png', 'image/png', ${inst.blob('00')});
    INSERT INTO correo(id, para, asunto, estado, creado, enviado) VALUES (900002, 'a@x.co', 'entregado hace 89 días', 'enviado', ${t - 95 * DIA}, ${t - 89 * DIA});
    INSERT INTO correo(id, para, asunto, estado, creado) VALUES (900003, 'a@x.co', 'fallido hace 91 días', 'fallido', ${t - 91 * DIA});
    INSERT INTO correo(id, para, asunto, estado, creado, cuerpo) VALUES (900004, 'a@x.co', 'pendiente de hace un año', 'pendiente', ${t - 365 * DIA}, ${inst.blob('00')});
    INSERT INTO enlace_clave(token_hash, usuario_id, proposito, creado, expira, usado) VALUES
      (${azar()}, ${usuario}, 'restablecer', ${t - 40 * DIA}, ${t - 39 * DIA}, ${t - 31 * DIA}),
      (${azar()}, ${usuario}, 'restablecer', ${t - 40 * DIA}, ${t - 39 * DIA}, NULL),
      (${azar()}, ${usuario}, 'restablecer', ${t - 10 * DIA}, ${t - 9 * DIA}, ${t - 10 * DIA}),
      (${azar()}, ${usuario}, 'restablecer', ${t}, ${t + DIA}, NULL);
    INSERT INTO mipres_token_temp VALUES (${azar()}, ${tokenMipres}, ${t - 60});
    INSERT INTO mipres_token_temp VALUES (${azar()}, ${tokenMipres}, ${t + 3600});
    INSERT INTO ap_token(token_hash, entidad_id, asignado_id, creado, expira) VALUES (${azar()}, ${asignado[1]}, ${asignado[0]}, ${t - 3 * DIA}, ${t - 2 * DIA});
    INSERT INTO reto VALUES (${azar()}, 'ABC123', 'x', ${t - 3600});
    INSERT INTO ap_medicion(entidad_id, servicio, fecha, estado, duracion_us) VALUES
      (NULL, 'token', ${t - 731 * DIA}, 200, 1000), (NULL, 'token', ${t - 700 * DIA}, 200, 1000);`);
  return { vieja, nueva };
}

// 32 random bytes as an SQL blob literal (a token's or a challenge's hash).
const azar = () => inst.blob(crypto.randomBytes(32).toString('hex'));

// The stored hash of a client's session (the SHA-256 of its cookie), in hex.
const sesion = (c) => crypto.createHash('sha256').update(c.cookies.get('__Host-sid')).digest('hex');

test('portal retencion removes each kind past its time, keeps the rest, and audits the pass', async () => {
  // What the mailer's first pass at start-up left: the 2015 audit rows are already gone.
  await waitFor(() => n("SELECT count(*) FROM auditoria WHERE accion = 'retencion' AND login = 'sistema'") > 0, 'the periodic pass at start-up');
  assert.equal(inst.sql('SELECT hasta FROM auditoria_ancla'), '40');
  assert.equal(n("SELECT count(*) FROM auditoria WHERE login = 'viejo'"), 1, 'the 2015 row after a newer one stays');
  assert.match(inst.sql("SELECT detalle FROM auditoria WHERE accion = 'retencion' AND login = 'sistema'"),
    /^retención \(Ley 1581\): .*, 40 fila\(s\) de auditoría \(ancla en la fila 40\)$/);
  // The Auditoría page's counts per day and action (migration 028) lost the 40 rows removed.
  const dias = 'SELECT ts - ((ts - 18000) % 86400 + 86400) % 86400, accion, count(*) FROM auditoria GROUP BY 1, 2';
  const guardados = 'SELECT dia, accion, n FROM auditoria_dia WHERE n > 0';
  assert.equal(n(`SELECT count(*) FROM (${dias} EXCEPT ${guardados}) x`), 0);
  assert.equal(n(`SELECT count(*) FROM (${guardados} EXCEPT ${dias}) x`), 0);

  const { vieja, nueva } = await envejecer();
  const auditAntes = n('SELECT max(id) FROM auditoria');
  const r = portal(['retencion']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'retención: 1 sesión(es) vencida(s); 2 registro(s) de intentos fallidos (más de 30 días); ' +
    '2 correo(s) (más de 90 días); 2 enlace(s) de contraseña (más de 30 días); 3 token(s) o reto(s) vencido(s); ' +
    '1 medición(es) AP (más de 2 años); 0 fila(s) de auditoría (más de 5 años; ancla en la fila 40).\n');
  // Each kind: the old one gone, the young one (or the locked login, the pending mail) kept.
  assert.equal(n(`SELECT count(*) FROM sesion WHERE id_hash = ${inst.blob(sesion(vieja))}`), 0, 'the expired session is gone');
  assert.equal(n(`SELECT count(*) FROM sesion WHERE id_hash = ${inst.blob(sesion(nueva))}`), 1);
  assert.equal((await nueva.get('/admin')).status, 200);
  assert.equal(inst.lista("SELECT clave FROM intento WHERE clave LIKE 'ventana%' ORDER BY clave"), 'ventana-en-curso');
  assert.equal(inst.lista("SELECT clave FROM intento_seguido WHERE clave LIKE 'seguidos%' OR clave LIKE 'bloqueado%' ORDER BY clave"),
    'bloqueado-hace-un-ano,seguidos-29-dias');
  assert.equal(inst.lista('SELECT id FROM correo WHERE id > 900000 ORDER BY id'), '900002,900004');
  assert.equal(n('SELECT count(*) FROM correo_adjunto WHERE correo_id = 900001'), 0);
  assert.equal(n(`SELECT count(*) FROM enlace_clave WHERE creado < ${Math.floor(Date.now() / 1000)} - 30 * 86400`), 0);
  assert.equal(n(`SELECT count(*) FROM enlace_clave WHERE usuario_id = (SELECT id FROM usuario WHERE login = '${h.ADMIN}')`), 2);
  assert.equal(n(`SELECT count(*) FROM mipres_token_temp WHERE expira < ${Math.floor(Date.now() / 1000)}`), 0);
  assert.equal(n(`SELECT count(*) FROM mipres_token_temp WHERE expira > ${Math.floor(Date.now() / 1000)}`), 1);
  assert.equal(n("SELECT count(*) FROM reto WHERE codigo = 'ABC123'"), 0);
  assert.equal(n(`SELECT count(*) FROM ap_medicion WHERE fecha < ${Math.floor(Date.now() / 1000)} - 710 * 86400`), 0);
  assert.equal(n(`SELECT count(*) FROM ap_medicion WHERE fecha < ${Math.floor(Date.now() / 1000)} - 690 * 86400`), 1);
  // One audit row, by the operator, saying it all.
  assert.equal(inst.sql(`SELECT login || '|' || rol || '|' || detalle FROM auditoria WHERE id > ${auditAntes} AND accion = 'retencion'`),
    'operador|operador|retención (Ley 1581): 1 sesión(es) vencida(s), 2 registro(s) de intentos fallidos, 2 correo(s), ' +
    '2 enlace(s) de contraseña, 3 token(s) o reto(s) vencido(s), 1 medición(es) AP, 0 fila(s) de auditoría (ancla en la fila 40)');
  // Again: nothing left to remove, nothing audited.
  const otra = portal(['retencion']);
  assert.match(otra.stdout, /^retención: 0 sesión\(es\) vencida\(s\); 0 registro\(s\)/);
  assert.equal(n(`SELECT count(*) FROM auditoria WHERE id > ${auditAntes} AND accion = 'retencion'`), 1);
  // The chain still verifies from its anchor.
  const v = portal(['audit-verify']);
  assert.equal(v.status, 0, v.stdout);
  assert.match(v.stdout, /^Cadena de auditoría íntegra: \d+ filas verificadas \(las filas hasta la 40 las quitó la retención\)\./);
});

test('audit rows past PORTAL_RETENCION_AUDITORIA_ANIOS go, the oldest first, and the chain verifies', () => {
  // The row of yesterday (41) is within a year; the 2015 row after it (42) is old, but the
  // chain loses only its start: with one year, nothing moves.
  let r = portal(['retencion'], { PORTAL_RETENCION_AUDITORIA_ANIOS: '1' });
  assert.match(r.stdout, /0 fila\(s\) de auditoría \(más de 1 años; ancla en la fila 40\)\.\n$/);
  // The database still refuses to delete a row past the anchor.
  assert.throws(() => inst.sql('DELETE FROM auditoria WHERE id = 42'), /solo adición/);
  assert.equal(n('SELECT count(*) FROM auditoria WHERE id = 42'), 1);
  assert.equal(portal(['audit-verify']).status, 0);
});

test('more than a pass holds: 10,050 old AP measurements go in two audited passes', () => {
  const antes = n('SELECT max(id) FROM auditoria');
  inst.sql(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 10050)
    INSERT INTO ap_medicion(entidad_id, servicio, fecha, estado, duracion_us) SELECT NULL, 'token', 1420070400 + i, 200, 1000 FROM k`);
  const r = portal(['retencion']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /; 10050 medición\(es\) AP \(más de 2 años\);/);
  assert.equal(n('SELECT count(*) FROM ap_medicion WHERE fecha < 1500000000'), 0);
  const pasadas = inst.sql(`SELECT detalle FROM auditoria WHERE id > ${antes} AND accion = 'retencion' ORDER BY id`).split('\n');
  assert.equal(pasadas.length, 2);
  assert.match(pasadas[0], /, 10000 medición\(es\) AP, /);
  assert.match(pasadas[1], /, 50 medición\(es\) AP, /);
  assert.equal(portal(['audit-verify']).status, 0);
});

test('the policy is configurable: a shorter mail retention takes a younger message; a bad value is refused', () => {
  const t = AHORA();
  inst.sql(`INSERT INTO correo(id, para, asunto, estado, creado, enviado) VALUES (900010, 'b@x.co', 'entregado hace 11 días', 'enviado', ${t - 12 * DIA}, ${t - 11 * DIA})`);
  assert.match(portal(['retencion']).stdout, /; 0 correo\(s\) \(más de 90 días\);/);
  // With 10 days: that one, and the demo's failed messages of months ago; the rest stays.
  const corte = t - 10 * DIA;
  const viejos = n(`SELECT count(*) FROM correo WHERE (estado = 'enviado' AND enviado < ${corte}) OR (estado = 'fallido' AND creado < ${corte})`);
  const quedan = n('SELECT count(*) FROM correo') - viejos;
  assert.ok(viejos > 1);
  assert.match(portal(['retencion'], { PORTAL_RETENCION_CORREO_DIAS: '10' }).stdout, new RegExp(`; ${viejos} correo\\(s\\) \\(más de 10 días\\);`));
  assert.equal(n('SELECT count(*) FROM correo WHERE id = 900010'), 0);
  assert.equal(n('SELECT count(*) FROM correo'), quedan);
  for (const [k, v] of [['PORTAL_RETENCION_CORREO_DIAS', '0'], ['PORTAL_RETENCION_AP_ANIOS', 'dos'],
    ['PORTAL_RETENCION_AUDITORIA_ANIOS', '51'], ['PORTAL_RETENCION_CADA_MINUTOS', '5m']]) {
    const r = portal(['retencion'], { [k]: v });
    assert.equal(r.status, 2, k);
    assert.match(r.stderr, new RegExp(`^portal: ${k}: valor no válido «${v}» \\((días|años|minutos) enteros de \\d+ a \\d+\\)\\n$`));
  }
  // portal serve does not start with one.
  const dir = fs.mkdtempSync(path.join(tmp, 'var-'));
  const s = spawnSync(PORTAL, ['-v', dir, 'serve'], { env: { ...process.env, PORTAL_RETENCION_INTENTOS_DIAS: '-3' }, timeout: 20000 });
  assert.equal(s.status, 1);
  assert.match(s.stderr.toString(), /portal: PORTAL_RETENCION_INTENTOS_DIAS: valor no válido «-3»/);
});

test('the periodic job: the mailer applies the policy at start and then every PORTAL_RETENCION_CADA_MINUTOS', async () => {
  const t = AHORA();
  inst.sql(`INSERT INTO ap_medicion(entidad_id, servicio, fecha, estado, duracion_us) VALUES (NULL, 'token', ${t - 800 * DIA}, 200, 1000)`);
  const antes = n("SELECT count(*) FROM auditoria WHERE accion = 'retencion' AND login = 'sistema'");
  await inst.restart();
  await waitFor(() => n("SELECT count(*) FROM auditoria WHERE accion = 'retencion' AND login = 'sistema'") > antes, 'the pass after the restart');
  assert.equal(n(`SELECT count(*) FROM ap_medicion WHERE fecha = ${t - 800 * DIA}`), 0);
  assert.match(inst.sql("SELECT detalle FROM auditoria WHERE accion = 'retencion' AND login = 'sistema' ORDER BY id DESC LIMIT 1"), /, 1 medición\(es\) AP, /);
  assert.match(inst.log(), /retencion: .* 1 AP measurements, 0 audit rows removed/);
  assert.equal(portal(['audit-verify']).status, 0);
});
