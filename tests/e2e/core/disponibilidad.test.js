// No request can hold the portal (issue 11 §3, §8). A request past the time limit
// (PORTAL_LIMITE_SEGUNDOS, here 4 s: above the 2 s a statement waits for the database's
// write lock) has its worker cut by the master, logged by route and replaced, and the user
// reads the portal's 503 page. A database locked by another writer answers 503 with
// Retry-After in each dialect (page, MIPRES JSON, AP OAuth JSON) and writes nothing. With
// the portal down, nginx answers the same 503 shapes. The slow request is a real one:
// "Probar conexión" against a TCP listener that never answers, with the operator's
// connection timeout (20 s) above the limit.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { startPortal, csrfOf, waitFor } = require('../../lib/portal.js');
const { freePort } = require('../../lib/smtp');
const { llaves } = require('../../lib/pki.js');
const h = require('../helpers.js');
const ap = require('../ap_helpers.js');
const { bloquear } = require('../bloqueo.js');

const CCF_A = 'CC1020300010';	// Caja Andina, 892300110
const MIPRES_PROV = '901500013';
let dir, hang, portHang, inst, k, a, conexiones = 0;

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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disponibilidad-'));
  k = llaves(dir);
  portHang = await freePort();
  // Accepts connections and never says a word: a TLS handshake that never ends.
  hang = net.createServer((sock) => { conexiones++; sock.on('error', () => {}); });
  await new Promise((r) => hang.listen(portHang, '127.0.0.1', r));
  inst = await startPortal({ workers: 2, env: { PORTAL_LIMITE_SEGUNDOS: '4',
    PORTAL_CONEXION_PERMITIDAS: '127.0.0.1', PORTAL_CONEXION_PUERTOS: String(portHang),
    PORTAL_CONEXION_CONECTAR: '20', PORTAL_CONEXION_TOTAL: '20' } });
  a = await h.loginAs(inst, CCF_A);
  const r = await a.post('/sat/terminos', { csrf: await a.csrf('/sat/terminos'), decision: 'acepto' });
  assert.equal(r.status, 303);
});

after(async () => {
  if (hang) hang.close();
  if (inst) await inst.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Shares a service whose token URL is the silent listener; returns its id.
async function silencioso(nombre) {
  let r = await a.post('/sat/compartidos/nuevo', { csrf: await a.csrf('/sat/compartidos/nuevo'),
    nombre, descripcion: 'Servicio que no responde', url: `https://127.0.0.1:${portHang}/servicio`,
    metodo: 'POST', llave: k.publica, ejemplo: '' });
  assert.equal(r.status, 303, h.fieldsWithErrors(r.text).join());
  const id = Number(inst.sql(`SELECT id FROM servicio_compartido WHERE nombre = '${nombre}'`));
  const cp = `/sat/compartidos/${id}/credenciales`;
  r = await a.post(cp, { csrf: await a.csrf(cp), token_nombre: 'token', grant_type: 'client_credentials',
    token_url: `https://127.0.0.1:${portHang}/token`, cliente_auth: 'basic', client_id: 'c',
    client_secret: 's', scope: '' });
  assert.equal(r.status, 303, h.fieldsWithErrors(r.text).join());
  return id;
}

// Starts the connection test of service id (the POST of its page).
async function probar(id) {
  const page = await a.get(`/sat/compartidos/${id}/probar`);
  assert.equal(page.status, 200);
  return a.post(`/sat/compartidos/${id}/probar`, { csrf: csrfOf(page.text) });
}

test('a request past the limit: its worker is cut and replaced, the route logged, the user reads the 503 page', async () => {
  const master = inst.portalProcess.pid;
  const before = children(master);
  assert.equal(before.length, 3, 'two workers and the mailer');
  const id = await silencioso('silencio');
  const r = await probar(id);
  // Uncut, the test would wait the 20 s the operator allows and answer 200 with a timeout.
  assert.equal(r.status, 503);
  assert.equal(r.headers['retry-after'], '10');
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.match(r.text, /<html lang="es">/);
  assert.match(r.text, /Servicio no disponible por un momento/);
  assert.match(r.text, /Espere unos segundos e intente de nuevo/);
  // The master logged the route (its pattern: no id, no token of a path) and the limit.
  await waitFor(() => /vigia: worker \d+ held POST \/sat\/compartidos\/\{id\}\/probar for [\d.]+ s \(limit 4 s\): cut/.test(inst.log()),
    'the guard\'s log line');
  const cut = Number(/vigia: worker (\d+) held/.exec(inst.log())[1]);
  assert.ok(before.includes(cut), 'one of the workers was cut');
  await waitFor(() => { const k = children(master); return k.length === 3 && !k.includes(cut); },
    'a new worker in its place');
  assert.equal(auditoriasProbar(id), 0, 'the cut test left nothing half-done');
  assert.equal((await a.get('/sat')).status, 200);
});

const auditoriasProbar = (id) => Number(inst.sql("SELECT count(*) FROM auditoria WHERE accion = " +
  `'sat_compartido_probar' AND detalle LIKE 'servicio compartido ${id}:%'`));

test('every worker held by a slow request: the next one is still served once they are cut', async () => {
  const id = await silencioso('silencio-dos');
  const c = inst.client();
  // Two tests pin both workers; a login page asked meanwhile waits for a worker, not 60 s.
  const pages = [await a.get(`/sat/compartidos/${id}/probar`), await a.get(`/sat/compartidos/${id}/probar`)];
  const antes = conexiones;
  const slow = pages.map((p) => a.post(`/sat/compartidos/${id}/probar`, { csrf: csrfOf(p.text) }));
  await waitFor(() => conexiones === antes + 2, 'both workers waiting on the silent server');
  const login = await c.get('/login');
  assert.equal(login.status, 200);
  for (const r of await Promise.all(slow)) assert.equal(r.status, 503);
});

test('database locked by another writer: 503 with Retry-After and nothing written, in each dialect', async () => {
  const claveAntes = inst.sql("SELECT coalesce(clave, '-') FROM sat_entidad WHERE entidad_id = (SELECT id FROM entidad WHERE nit = '892300110')");
  const userToken = inst.portal(['mipres-token', MIPRES_PROV]).trim();
  const apc = ap.apClient(inst);
  const count = (t) => Number(inst.sql(`SELECT count(*) FROM ${t}`));
  const antes = { temp: count('mipres_token_temp'), ap: count('ap_token'), audit: count('auditoria') };
  const csrf = await a.csrf('/sat/clave');
  const lock = await bloquear(inst);
  try {
    // A page's form: the Spanish 503 page.
    const nueva = 'Una-Clave-De-Conexion-2026';
    let r = await a.post('/sat/clave', { csrf, nueva, confirmacion: nueva });
    assert.equal(r.status, 503);
    assert.equal(r.headers['retry-after'], '2');
    assert.match(r.headers['content-type'], /^text\/html/);
    assert.match(h.mainOf(r.text), /Servicio ocupado por un momento/);
    assert.match(h.mainOf(r.text), /no se guardó ningún cambio/);
    // The MIPRES API: its {"Message"} shape.
    r = await inst.client().get(`/WSSUMMIPRESNOPBS/api/GenerarToken/${MIPRES_PROV}/${userToken}`);
    assert.equal(r.status, 503);
    assert.equal(r.headers['retry-after'], '2');
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.deepEqual(Object.keys(JSON.parse(r.text)), ['Message']);
    assert.match(JSON.parse(r.text).Message, /ocupado/);
    // The AP port: the OAuth error shape.
    r = await apc.post('/token', { grant_type: 'password', username: ap.AP_A.nit,
      password: ap.PASSWORD, client_id: ap.AP_A.afiliacion });
    assert.equal(r.status, 503);
    assert.equal(r.headers['retry-after'], '2');
    const j = JSON.parse(r.text);
    assert.equal(j.error, 'temporarily_unavailable');
    assert.match(j.error_description, /ocupado/);
  } finally {
    await lock.release();
  }
  assert.equal(inst.sql("SELECT coalesce(clave, '-') FROM sat_entidad WHERE entidad_id = (SELECT id FROM entidad WHERE nit = '892300110')"), claveAntes);
  assert.deepEqual({ temp: count('mipres_token_temp'), ap: count('ap_token'), audit: count('auditoria') }, antes);
  assert.match(inst.log(), /db: locked by another writer for 2000 ms, 503 to POST \/sat\/clave/);
  assert.match(inst.log(), /503 to GET \/WSSUMMIPRESNOPBS\/api\/GenerarToken\/\{nit\}\/\*\*\*/);
  // The lock released, the same form goes through.
  const nueva = 'Una-Clave-De-Conexion-2026';
  const r = await a.post('/sat/clave', { csrf: await a.csrf('/sat/clave'), nueva, confirmacion: nueva });
  assert.equal(r.status, 303);
});

test('the portal down: nginx answers the same 503 shapes', async () => {
  inst.portalProcess.kill('SIGTERM');
  await waitFor(() => inst.portalProcess.exitCode !== null, 'the portal to stop');
  let r = await a.get('/sat');
  assert.equal(r.status, 503);
  assert.equal(r.headers['retry-after'], '10');
  assert.match(r.text, /Servicio no disponible por un momento/);
  r = await inst.client().get(`/WSSUMMIPRESNOPBS/api/GenerarToken/${MIPRES_PROV}/x`);
  assert.equal(r.status, 503);
  assert.equal(r.headers['retry-after'], '10');
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.deepEqual(Object.keys(JSON.parse(r.text)), ['Message']);
  r = await ap.apClient(inst).post('/token', { grant_type: 'password' });
  assert.equal(r.status, 503);
  assert.equal(r.headers['retry-after'], '10');
  assert.equal(JSON.parse(r.text).error, 'temporarily_unavailable');
  r = await a.get('/login');
  assert.equal(r.status, 503, 'a location with its own error_page too');
});
