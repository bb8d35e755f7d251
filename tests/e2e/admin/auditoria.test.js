// The audit trail proves itself (issue 15 §2): every row chained by an HMAC keyed from the
// secrets key; `portal audit-verify` names the first row changed, removed or inserted in the
// file; migration 019 chains the rows an older database already had; and the administrator's
// Auditoría page (/admin/auditoria): filters, 50 a page, CSV, other roles refused.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startPortal, ROOT, soloSqlite } = require('../../lib/portal.js');
const h = require('../helpers.js');

const PORTAL = path.join(ROOT, 'build', 'portal');
const A = '/WSSUMMIPRESNOPBS/api';
const P1 = '901500013';
const API_P1 = `API MIPRES ${P1}`;
let inst, tmp, admin;

const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);
const entrega = (id) => ({ ID: id, CodSerTecEntregado: '019971860-01', CantTotEntregada: '30',
  EntTotal: 1, CausaNoEntrega: null, FecEntrega: dia(), NoLote: 'L2026-11', TipoIDRecibe: 'CC',
  NoIDRecibe: '79000111' });
function portal(dir, args, opts = {}) {
  try {
    const out = execFileSync(PORTAL, [...(opts.root ? ['-r', opts.root] : []), '-v', dir, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout: out.toString(), stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
  }
}
const sqlOf = (db, q) => execFileSync('sqlite3', [db, q]).toString().trim();
const ids = (html) => [...h.mainOf(html).matchAll(/<tr data-id="(\d+)">/g)].map((m) => Number(m[1]));

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-auditoria-'));
  inst = await startPortal();
  // 120 entregas through the API, eight at a time: 120 audit rows written concurrently.
  const m = /\(ID (\d+) a (\d+)\)/.exec(inst.demo(['seed-mipres', '120']));
  const user = inst.portal(['mipres-token', P1]).trim();
  const c = inst.client();
  const tk = JSON.parse((await c.get(`${A}/GenerarToken/${P1}/${user}`)).text);
  let next = Number(m[1]);
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next <= Number(m[2])) {
      const id = next++;
      const r = await c.request('PUT', `${A}/Entrega/${P1}/${tk}`, { body: JSON.stringify(entrega(id)),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
      assert.equal(r.status, 200, r.text);
    }
  }));
  admin = await h.loginAs(inst, h.ADMIN);
});
after(async () => {
  if (inst) await inst.stop();
  if (tmp && !process.env.KEEP_TEST_DIRS) fs.rmSync(tmp, { recursive: true, force: true });
});

// A copy of the instance (its database through portal backup, and its key) to tamper with.
function copia(nombre) {
  const dir = path.join(tmp, nombre);
  fs.mkdirSync(dir, { mode: 0o700 });
  fs.copyFileSync(path.join(inst.dir, 'secret.key'), path.join(dir, 'secret.key'));
  const f = path.join(tmp, `${nombre}.db`);
  assert.equal(portal(inst.dir, ['backup', f]).status, 0);
  assert.equal(portal(dir, ['restore', f]).status, 0);
  return { dir, db: path.join(dir, 'portal.db'), sql: (q) => sqlOf(path.join(dir, 'portal.db'), q) };
}

test('every row is chained, ids follow each other, and audit-verify says the chain is intact', { skip: soloSqlite('every row is chained, ids follow each other, and audit-verify says the chain is intact') }, () => {
  const r = portal(inst.dir, ['audit-verify']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const [n, min, max] = inst.sql('SELECT count(*) || \' \' || min(id) || \' \' || max(id) FROM auditoria').split(' ').map(Number);
  assert.ok(n > 120);
  assert.equal(max - min + 1, n, 'consecutive ids, concurrent writers included');
  assert.equal(inst.sql('SELECT count(*) FROM auditoria WHERE length(mac) = 32'), String(n));
  assert.equal(inst.sql('SELECT hasta FROM auditoria_ancla'), '0');
  const mac = inst.sql(`SELECT lower(hex(mac)) FROM auditoria WHERE id = ${max}`);
  assert.match(r.stdout, new RegExp(`^Cadena de auditoría íntegra: ${n} filas verificadas\\. Última fila ${max}, mac ${mac}: guárdela aparte`));
});

test('the database refuses to change or delete a row, or move the anchor back', { skip: soloSqlite('the database refuses to change or delete a row, or move the anchor back') }, () => {
  for (const q of ["UPDATE auditoria SET detalle = 'x' WHERE id = 3", 'DELETE FROM auditoria WHERE id = 3',
    'DELETE FROM auditoria_ancla', 'UPDATE auditoria_ancla SET hasta = -1']) {
    assert.throws(() => inst.sql(q), /solo adición|solo avanza|no se borra/, q);
  }
  assert.equal(portal(inst.dir, ['audit-verify']).status, 0);
});

test('audit-verify names a changed row', { skip: soloSqlite('audit-verify names a changed row') }, () => {
  const c = copia('editada');
  c.sql("DROP TRIGGER auditoria_no_update; UPDATE auditoria SET detalle = 'nada que ver' WHERE id = 40");
  const r = portal(c.dir, ['audit-verify']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'La fila 40 de la auditoría fue modificada: su contenido no corresponde a su mac.\n');
  // Its time or its actor changed, the same.
  const d = copia('editada2');
  d.sql("DROP TRIGGER auditoria_no_update; UPDATE auditoria SET ts = ts + 1 WHERE id = 77");
  assert.match(portal(d.dir, ['audit-verify']).stdout, /^La fila 77 de la auditoría fue modificada/);
});

test('audit-verify names a removed row', { skip: soloSqlite('audit-verify names a removed row') }, () => {
  const c = copia('borrada');
  c.sql('DROP TRIGGER auditoria_no_delete; DELETE FROM auditoria WHERE id = 55');
  const r = portal(c.dir, ['audit-verify']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'La fila 55 de la auditoría fue borrada: la cadena salta de la 54 a una posterior.\n');
  // The oldest rows removed without moving the (sealed) anchor: the first one is named.
  const d = copia('borradas');
  d.sql('DROP TRIGGER auditoria_no_delete; DELETE FROM auditoria WHERE id <= 10');
  assert.match(portal(d.dir, ['audit-verify']).stdout, /^La fila 1 de la auditoría fue borrada/);
  // ... and moving the anchor past them breaks its seal.
  const e = copia('ancla');
  e.sql('DROP TRIGGER auditoria_no_delete; UPDATE auditoria_ancla SET hasta = 10, mac = (SELECT mac FROM auditoria WHERE id = 10); DELETE FROM auditoria WHERE id <= 10');
  assert.match(portal(e.dir, ['audit-verify']).stdout, /^El ancla de la cadena de auditoría no verifica/);
});

test('audit-verify names an inserted row, at the end or in the middle', { skip: soloSqlite('audit-verify names an inserted row, at the end or in the middle') }, () => {
  const c = copia('insertada');
  const max = Number(c.sql('SELECT max(id) FROM auditoria'));
  c.sql("INSERT INTO auditoria(ts, login, accion, detalle) VALUES (strftime('%s','now'), 'CC1010202040', 'login', 'falsa')");
  let r = portal(c.dir, ['audit-verify']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, `La fila ${max + 1} de la auditoría fue insertada fuera del portal: no tiene mac válida y la cadena sigue sin ella.\n`);
  // The portal goes on recording after it (the next row chains from zeros), and the
  // inserted row is still the one named.
  assert.equal(portal(c.dir, ['mipres-token', P1]).status, 0);
  assert.equal(c.sql(`SELECT accion FROM auditoria WHERE id = ${max + 2}`), 'mipres_token');
  assert.match(portal(c.dir, ['audit-verify']).stdout, new RegExp(`^La fila ${max + 1} de la auditoría fue insertada`));
  // In the middle: the later rows renumbered to make room, a mac copied from another row.
  const d = copia('insertada2');
  d.sql(`DROP TRIGGER auditoria_no_update; UPDATE auditoria SET id = -id WHERE id > 30;
    UPDATE auditoria SET id = 1 - id WHERE id < 0;
    INSERT INTO auditoria(id, ts, login, accion, detalle, mac) SELECT 31, ts, login, accion, 'falsa', mac FROM auditoria WHERE id = 5`);
  r = portal(d.dir, ['audit-verify']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^La fila 31 de la auditoría fue insertada fuera del portal/);
});

test('with another secrets key the chain does not verify', { skip: soloSqlite('with another secrets key the chain does not verify') }, () => {
  const c = copia('otra-llave');
  fs.writeFileSync(path.join(c.dir, 'secret.key'), Buffer.alloc(32, 7));
  const r = portal(c.dir, ['audit-verify']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^El ancla de la cadena de auditoría no verifica: falta, fue alterada, o la llave secret\.key no es la de esta base de datos\./);
});

test('migration 019 chains the rows an older database already had, even one already past 19', { skip: soloSqlite('migration 019 chains the rows an older database already had, even one already past 19') }, () => {
  // A tree with every migration but the chain's: its database goes past 19 (020, 021), so
  // the next start skips 019_auditoria_cadena.sql by number and cadena_ensure applies it.
  // (retencion.test.js starts from a database at 18.)
  const viejo = path.join(tmp, 'arbol-viejo');
  fs.mkdirSync(path.join(viejo, 'db', 'migrations'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'templates'), path.join(viejo, 'templates'));
  for (const f of fs.readdirSync(path.join(ROOT, 'db', 'migrations')).filter((x) => /^\d+_.*\.sql$/.test(x) && !x.includes('auditoria_cadena'))) {
    fs.copyFileSync(path.join(ROOT, 'db', 'migrations', f), path.join(viejo, 'db', 'migrations', f));
  }
  const dir = path.join(tmp, 'var-viejo');
  assert.equal(portal(dir, ['migrate'], { root: viejo }).status, 0);
  const db = path.join(dir, 'portal.db');
  const version = sqlOf(db, 'PRAGMA user_version');
  assert.ok(Number(version) > 19);
  assert.equal(sqlOf(db, "SELECT count(*) FROM pragma_table_info('auditoria') WHERE name = 'mac'"), '0');
  sqlOf(db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
    INSERT INTO auditoria(ts, usuario_id, login, rol, entidad_id, ip, accion, detalle)
    SELECT 1700000000 + i, i, 'CC' || i, 'Rol_IHCE_MSPS', NULL, '10.0.0.' || (i % 250), 'login', CASE WHEN i % 7 = 0 THEN NULL ELSE 'fila ' || i END FROM n`);
  const antes = sqlOf(db, "SELECT group_concat(id || ts || login || coalesce(detalle, '-')) FROM auditoria");
  assert.equal(portal(dir, ['migrate']).status, 0);
  assert.equal(sqlOf(db, 'PRAGMA user_version'), version, 'the version never goes back');
  assert.equal(sqlOf(db, "SELECT group_concat(id || ts || login || coalesce(detalle, '-')) FROM auditoria"), antes);
  const r = portal(dir, ['audit-verify']);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /^Cadena de auditoría íntegra: 300 filas verificadas\. Última fila 300,/);
  // New rows go on from there.
  assert.equal(portal(dir, ['backup', path.join(tmp, 'viejo.db')]).status, 0);
  assert.equal(sqlOf(db, "SELECT id FROM auditoria WHERE accion = 'respaldo'"), '301');
  assert.match(portal(dir, ['audit-verify']).stdout, /^Cadena de auditoría íntegra: 301 filas/);
});

test('Auditoría: the administrator only; others get 403, and no session goes to the login', async () => {
  assert.match(h.mainOf((await admin.get('/admin')).text), /<a href="\/admin\/auditoria">Auditoría<\/a>/);
  for (const who of [h.MSPS, h.DEL_LLAVES, 'ADMINMIPRESPROV901500013']) {
    const c = await h.loginAs(inst, who);
    for (const p of ['/admin/auditoria', '/admin/auditoria.csv']) {
      assert.equal((await c.get(p)).status, 403, `${who} ${p}`);
    }
  }
  const r = await inst.client().get('/admin/auditoria');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login');
});

test('Auditoría lists the newest first, 50 a page, with what each row says and no mac', async () => {
  const antes = h.num(inst, 'SELECT count(*) FROM auditoria');
  const r = await admin.get('/admin/auditoria');
  const despues = h.num(inst, 'SELECT count(*) FROM auditoria');
  assert.equal(r.status, 200);
  const total = Number(h.dataKMain(r.text, 'total').replace(/\D/g, ''));
  assert.ok(total >= antes && total <= despues);
  const filas = ids(r.text);
  assert.equal(filas.length, 50);
  const esperadas = inst.lista(`SELECT id FROM auditoria WHERE id <= ${filas[0]} ORDER BY ts DESC, id DESC LIMIT 50`);
  assert.equal(filas.join(','), esperadas);
  // One row in full: dd/mm/aaaa HH:MM:SS in Colombia, the entity with its check digit.
  const id = inst.sql(`SELECT max(id) FROM auditoria WHERE login = '${API_P1}'`);
  const p = await admin.get(`/admin/auditoria?persona=${encodeURIComponent(API_P1)}`);
  const tr = new RegExp(`<tr data-id="${id}">([\\s\\S]*?)</tr>`).exec(p.text)[1];
  const [ts, ent] = inst.sql(`SELECT ts || '|' || (SELECT razon_social FROM entidad WHERE id = a.entidad_id) FROM auditoria a WHERE id = ${id}`).split('|');
  const f = new Date((Number(ts) - 5 * 3600) * 1000).toISOString();
  assert.equal(h.dataKAll(tr, 'fecha')[0], `${f.slice(8, 10)}/${f.slice(5, 7)}/${f.slice(0, 4)} ${f.slice(11, 19)}`);
  assert.equal(h.htmlDecode(h.dataKAll(tr, 'entidad')[0]), `${P1}-${dv(P1)} ${ent}`);
  assert.equal(h.dataKAll(tr, 'accion')[0], 'mipres_Entrega');
  assert.equal(h.htmlDecode(h.dataKAll(tr, 'login')[0]), API_P1);
  assert.equal(h.dataKAll(tr, 'rol')[0], 'API_MIPRES');
  // No mac on the page.
  for (const m of inst.sql(`SELECT ${inst.hex('mac')} FROM auditoria ORDER BY id DESC LIMIT 60`).split('\n')) {
    assert.ok(!r.text.toUpperCase().includes(m), 'a mac shown');
  }
});

// The DIAN check digit of a NIT.
function dv(nit) {
  const w = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  let s = 0;
  for (let i = 0; i < nit.length; i++) s += Number(nit[nit.length - 1 - i]) * w[i];
  const r = s % 11;
  return r > 1 ? 11 - r : r;
}

test('Auditoría filters by person (any case), entity, action and dates, and pages keep the filter', async () => {
  const ent = inst.sql(`SELECT id FROM entidad WHERE nit = '${P1}'`);
  const casos = [
    [`persona=${encodeURIComponent(API_P1.toLowerCase())}`, `login = '${API_P1}'`],
    [`nit=${P1}`, `entidad_id = ${ent}`],
    ['accion=mipres_Entrega', "accion = 'mipres_Entrega'"],
    [`accion=mipres_Entrega&nit=${P1}&desde=${dia()}&hasta=${dia()}`, `accion = 'mipres_Entrega' AND entidad_id = ${ent}`],
    ['desde=2026-09-01&hasta=2026-09-03', `ts >= ${Date.UTC(2026, 8, 1) / 1000 + 5 * 3600} AND ts < ${Date.UTC(2026, 8, 4) / 1000 + 5 * 3600}`],
    [`desde=${dia(1)}`, `ts >= ${Date.parse(dia(1)) / 1000 + 5 * 3600}`],
    [`accion=mipres_Entrega&desde=${dia()}&hasta=${dia()}`, `accion = 'mipres_Entrega' AND ts >= ${Date.parse(dia()) / 1000 + 5 * 3600} AND ts < ${Date.parse(dia()) / 1000 + 29 * 3600}`],
    ['accion=mipres_Entrega&desde=2026-09-01', `accion = 'mipres_Entrega' AND ts >= ${Date.UTC(2026, 8, 1) / 1000 + 5 * 3600}`],
  ];
  for (const [q, where] of casos) {
    const r = await admin.get(`/admin/auditoria?${q}`);
    assert.equal(r.status, 200, q);
    const n = h.num(inst, `SELECT count(*) FROM auditoria WHERE ${where}`);
    assert.equal(Number(h.dataKMain(r.text, 'total').replace(/\D/g, '')), n, q);
    assert.equal(ids(r.text).join(','), inst.lista(`SELECT id FROM auditoria WHERE ${where} ORDER BY ts DESC, id DESC LIMIT 50`), q);
    if (n === 0) assert.equal(h.dataKMain(r.text, 'vacia'), 'No hay registros con este filtro.');
  }
  // 120 entregas (and the demo's): three pages; the links keep the filter.
  const n = h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'mipres_Entrega'");
  assert.ok(n > 100 && n <= 150);
  // A page goes on from the last row shown (keyset: "tras"), "p" numbers it.
  const filtro = '/admin/auditoria?persona=&nit=&accion=mipres_Entrega&desde=&hasta=';
  let r = await admin.get('/admin/auditoria?accion=mipres_Entrega');
  let pg = h.pager(r.text);
  assert.equal(h.dataKMain(r.text, 'pagina'), 'Página 1 de 3');
  assert.equal(pg.prev, null);
  const vistas = ids(r.text);
  assert.equal(pg.next, `${filtro}&p=2&tras=${vistas[49]}`);
  r = await admin.get(pg.next);
  const segunda = ids(r.text);
  vistas.push(...segunda);
  assert.equal(h.pager(r.text).prev, `${filtro}&p=1`);
  r = await admin.get(h.pager(r.text).next);
  pg = h.pager(r.text);
  assert.equal(h.dataKMain(r.text, 'pagina'), 'Página 3 de 3');
  assert.equal(pg.next, null);
  // Anterior goes on from the row a page before this one's first: the second page again.
  assert.equal(pg.prev, `${filtro}&p=2&tras=${vistas[49]}`);
  assert.deepEqual(ids((await admin.get(pg.prev)).text), segunda);
  vistas.push(...ids(r.text));
  assert.equal(vistas.length, n);
  assert.equal(new Set(vistas).size, n);
  // A row past the last, or one that is not there, shows the first page.
  for (const t of [vistas[n - 1], 999999999]) {
    r = await admin.get(`${filtro}&p=4&tras=${t}`);
    assert.deepEqual(ids(r.text), vistas.slice(0, 50), `tras=${t}`);
    assert.equal(h.dataKMain(r.text, 'pagina'), 'Página 1 de 3');
  }
  // The action list holds the recorded actions; the chosen one stays selected.
  assert.match(r.text, /<option value="mipres_Entrega" selected>mipres_Entrega<\/option>/);
  assert.match(r.text, /<option value="login">login<\/option>/);
  // Dates are native date inputs, the values kept.
  r = await admin.get(`/admin/auditoria?desde=${dia(-3)}&hasta=${dia()}`);
  assert.equal(h.inputValue(r.text, 'desde'), dia(-3));
  assert.match(r.text, /<input type="date" id="f-desde" name="desde"/);
});

test('Auditoría: a wrong filter is 400 with the message by the field and the values kept', async () => {
  const casos = [
    ['nit=12345', 'nit', 'Escriba el NIT con 9 dígitos, sin dígito de verificación.'],
    ['nit=999999999', 'nit', 'No hay una entidad con ese NIT.'],
    ['desde=2026-02-30', 'desde', 'Escriba una fecha válida.'],
    ['desde=2026-05-10&hasta=2026-05-01', 'hasta', 'La fecha final no puede ser anterior a la inicial.'],
    ['accion=%3Cscript%3E', 'accion', 'Elija una acción de la lista.'],
  ];
  for (const [q, campo, msg] of casos) {
    const r = await admin.get(`/admin/auditoria?${q}&persona=alguien`);
    assert.equal(r.status, 400, q);
    assert.equal(h.fieldError(r.text, campo), msg, q);
    assert.match(h.mainOf(r.text), /<p class="alert" role="alert" data-k="errores">Revise 1 campo\(s\) marcados del filtro\.<\/p>/);
    assert.equal(h.inputValue(r.text, 'persona'), 'alguien');
    assert.deepEqual(ids(r.text), []);
    assert.equal((await admin.get(`/admin/auditoria.csv?${q}`)).status, 400, q);
  }
});

test('Auditoría CSV: ";" and a BOM, every filtered row, newest first; the export is audited', async () => {
  const r = await admin.get(`/admin/auditoria.csv?nit=${P1}&accion=mipres_Entrega`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'text/csv; charset=utf-8');
  assert.match(r.headers['content-disposition'], /^attachment; filename="auditoria\.csv"$/);
  const rows = h.parseCsv(r.text);
  assert.deepEqual(rows[0], ['id', 'fecha', 'usuario', 'rol', 'entidad', 'ip', 'accion', 'detalle']);
  const where = `accion = 'mipres_Entrega' AND entidad_id = (SELECT id FROM entidad WHERE nit = '${P1}')`;
  const n = h.num(inst, `SELECT count(*) FROM auditoria WHERE ${where}`);
  assert.ok(n >= 120);
  assert.equal(rows.length, n + 1);
  assert.equal(rows.slice(1).map((x) => x[0]).join(','), inst.lista(`SELECT id FROM auditoria WHERE ${where} ORDER BY ts DESC, id DESC`));
  for (const x of rows.slice(1)) {
    assert.match(x[1], /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    assert.equal(x[2], API_P1);
    assert.match(x[4], new RegExp(`^${P1}-${dv(P1)} `));
    assert.equal(x[6], 'mipres_Entrega');
    assert.match(x[7], /^Entrega ID \d+ IdEntrega \d+$/);
  }
  assert.ok(r.text.includes('\r\n'));
  assert.equal(inst.sql("SELECT login || '|' || detalle FROM auditoria WHERE accion = 'auditoria_exportada' ORDER BY id DESC LIMIT 1"),
    `${h.ADMIN}|exportación CSV de ${n} fila(s) de la auditoría; filtro: persona «», NIT «${P1}», acción «mipres_Entrega», desde «», hasta «»`);
  // The page links to it with its filter.
  const p = await admin.get(`/admin/auditoria?nit=${P1}&accion=mipres_Entrega`);
  assert.match(h.mainOf(p.text), new RegExp(`<a class="button" href="/admin/auditoria\\.csv\\?persona=&amp;nit=${P1}&amp;accion=mipres_Entrega&amp;desde=&amp;hasta=" data-k="csv">Descargar CSV</a>`));
});

test('Auditoría CSV past 100.000 rows: 422, narrow the filter (the page offers no download)', async () => {
  // Rows made in the database (the page reads them; the chain is this test's last concern),
  // numbered after the tail as the portal numbers its rows (PostgreSQL's identity column
  // never counted the portal's, so it is not asked for one).
  inst.sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100001),
    cola(id) AS (SELECT max(id) FROM auditoria)
    INSERT INTO auditoria(id, ts, login, accion, detalle)
    SELECT cola.id + i, 1600000000 + i, 'relleno', 'relleno', 'fila ' || i FROM n, cola`);
  const r = await admin.get('/admin/auditoria.csv?accion=relleno');
  assert.equal(r.status, 422);
  assert.match(r.headers['content-type'], /^text\/html/);
  // A filter's rows are counted up to 100.001: "más de 100.000".
  assert.equal(h.htmlDecode(h.dataKMain(r.text, 'csv-grande')), 'La exportación CSV llega hasta 100.000 filas y este filtro tiene más de 100.000: acótelo (fechas, persona, entidad o acción) y vuelva a descargar.');
  const p = await admin.get('/admin/auditoria?accion=relleno');
  assert.equal(p.status, 200);
  assert.equal(h.dataKMain(p.text, 'total'), 'Más de 100.000 registro(s)');
  assert.equal(h.dataKMain(p.text, 'csv'), null);
  assert.equal(h.dataKMain(p.text, 'sin-csv'), 'Para descargar en CSV, acote el filtro a 100.000 filas o menos.');
  assert.equal(h.dataKMain(p.text, 'pagina'), 'Página 1 de más de 2.000');
  // With no filter the count is exact (the chain's ids), whatever the size.
  const todas = await admin.get('/admin/auditoria');
  const n = h.num(inst, 'SELECT count(*) FROM auditoria');
  assert.equal(Number(h.dataKMain(todas.text, 'total').replace(/\D/g, '')), n);
  assert.equal(h.dataKMain(todas.text, 'pagina'), `Página 1 de ${String(Math.ceil(n / 50)).replace(/\B(?=(\d{3})+$)/g, '.')}`);
  assert.equal((await admin.get('/admin/auditoria.csv?accion=relleno&desde=2020-09-13&hasta=2020-09-13')).status, 200);
});
