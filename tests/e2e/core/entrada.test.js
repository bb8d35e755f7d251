// Input that is not UTF-8 (issue 11 §8): refused with 400 wherever it comes — a path, a
// query, a form value or name, a multipart field, a header the portal reads — in the
// shape of each port (HTML page, the MIPRES API's {"Message"}, OAuth's JSON on the AP
// port), and never stored; another application's cookie that is not UTF-8 is ignored.
// And `portal user-add` is one transaction: a run that fails leaves no user behind.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startPortal, DEMO_PASSWORD, ROOT } = require('../../lib/portal.js');
const h = require('../helpers.js');
const ap = require('../ap_helpers.js');

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
let inst, msps;

before(async () => {
  inst = await startPortal();
  msps = await h.loginAs(inst, h.MSPS);
});
after(async () => { if (inst) await inst.stop(); });

// Rows of the tables a refused request could have written, and whether any text column of
// them holds a byte sequence that is not UTF-8 (SQLite's CAST to BLOB keeps the bytes).
function stored() {
  const count = (t) => Number(inst.sql(`SELECT count(*) FROM ${t}`));
  return { auditoria: count('auditoria'), ap_medicion: count('ap_medicion'),
    intento: count('intento'), intento_seguido: count('intento_seguido'), correo: count('correo'), usuario: count('usuario') };
}
function rawBytes() {
  // A text column's bytes in hex: PostgreSQL's UTF8 database would refuse such bytes.
  const x = (c) => (inst.engine === 'postgresql' ? `upper(encode(convert_to(${c}, 'UTF8'), 'hex'))` : `hex(CAST(${c} AS BLOB))`);
  return Number(inst.sql(`SELECT (SELECT count(*) FROM auditoria WHERE ${x('login')} LIKE '%FF%' ` +
    `OR ${x('detalle')} LIKE '%FF%') + (SELECT count(*) FROM intento WHERE ` +
    `${x('clave')} LIKE '%FF%' OR ${x('login')} LIKE '%FF%') + ` +
    `(SELECT count(*) FROM intento_seguido WHERE ${x('login')} LIKE '%FF%')`));
}

test('AP /token: a username with %FF is a 400 invalid_request, nothing measured or audited', async () => {
  const c = ap.apClient(inst);
  const before = stored();
  for (const username of ['%FF', '800900101%FF', '%C3', '%ED%A0%80']) {
    const body = `grant_type=password&username=${username}&password=x&client_id=${ap.AP_A.afiliacion}`;
    const r = await c.request('POST', '/token', { body, headers: FORM });
    assert.equal(r.status, 400, `${username}: ${r.text}`);
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.deepEqual(JSON.parse(r.text), { error: 'invalid_request',
      error_description: 'La solicitud no es válida.' });
  }
  // A password or client_id that is not UTF-8 too.
  const r = await c.request('POST', '/token', { headers: FORM,
    body: `grant_type=password&username=${ap.AP_A.nit}&password=%FF&client_id=${ap.AP_A.afiliacion}` });
  assert.equal(r.status, 400);
  assert.deepEqual(stored(), before);
  assert.equal(rawBytes(), 0);
  // The same username in UTF-8 is an ordinary failure (401), measured.
  const ok = await c.request('POST', '/token', { headers: FORM,
    body: `grant_type=password&username=%C3%B1&password=x&client_id=${ap.AP_A.afiliacion}` });
  assert.equal(ok.status, 401, ok.text);
  assert.equal(stored().ap_medicion, before.ap_medicion + 1);
});

test('AP services: a JSON body that is not UTF-8 is a 400 invalid_request', async () => {
  const c = ap.apClient(inst);
  const tok = await ap.tokenOf(c, ap.AP_A, 'afiliacion');
  const [pre, post] = JSON.stringify([ap.afiliacion(ap.radicado(), { primerNombre: 'MAR#IA' })]).split('#');
  const r = await c.request('POST', '/ReportarAfiliaciontraslado', { headers: {
    'Content-Type': 'application/json', Authorization: `Bearer ${tok}` },
  body: Buffer.concat([Buffer.from(pre), Buffer.from([0xff]), Buffer.from(post)]) });
  assert.equal(r.status, 400, r.text);
  assert.equal(JSON.parse(r.text).error, 'invalid_request');
});

test('a search with %FF is a 400, not a search for nothing; ñ escaped is still searched', async () => {
  const r = await msps.get('/msps/asignar?q=cl%FFnica');
  assert.equal(r.status, 400);
  assert.match(r.text, /Solicitud no válida/);
  h.assertSecurityHeaders(r, 'search with %FF');
  assert.equal((await msps.get('/msps/asignar?q=%FF')).status, 400);
  assert.equal((await msps.get('/msps/asignar?q=%FFcl%C3%ADnica')).status, 400);
  const ok = await msps.get('/msps/asignar?q=cl%C3%ADnica');
  assert.equal(ok.status, 200);
});

test('forms: a value or a name that is not UTF-8, urlencoded or multipart, is a 400 and nothing is written', async () => {
  const del = await h.loginAs(inst, h.DEL_NUEVO);
  const csrf = await del.csrf('/ihce/solicitud');
  const valid = new URLSearchParams(h.solicitudFields(csrf)).toString();
  const before = h.snapshot(inst);
  for (const [what, body] of [
    ['value', valid.replace(/software=[^&]*/, 'software=HIS%FFAndino')],
    ['value, raw byte', valid.replace(/software=[^&]*/, 'software=HIS\u00ffAndino')],
    ['name', valid + '&x%FF=1'],
  ]) {
    const r = await del.request('POST', '/ihce/solicitud', { headers: FORM,
      body: Buffer.from(body, 'latin1') });
    assert.equal(r.status, 400, what);
    assert.match(r.text, /Solicitud no válida/, what);
  }
  // multipart/form-data: a field's value, and a file's name (its bytes are free).
  const multipart = (value, filename) => {
    const b = 'PortalPrueba' + Date.now();
    const parts = Object.entries(h.solicitudFields(csrf)).map(([k, v]) =>
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n` +
        (k === 'software' ? value : v) + '\r\n', k === 'software' ? 'latin1' : 'utf8'));
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="adjunto"; ` +
      `filename="${filename}"\r\n\r\n\xff\xfe\r\n--${b}--\r\n`, 'latin1'));
    return del.request('POST', '/ihce/solicitud', { body: Buffer.concat(parts),
      headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } });
  };
  for (const [what, r] of [['multipart value', await multipart('HIS\u00ffAndino', 'a.csv')],
    ['multipart file name', await multipart('HIS Andino', 'a\u00ff.csv')]]) {
    assert.equal(r.status, 400, what);
    assert.match(r.text, /Solicitud no válida/, what);
  }
  // Logging in with a login that is not UTF-8: 400, no failure counted for it.
  const anon = inst.client();
  const lc = await anon.csrf('/login');
  const r = await anon.request('POST', '/login', { headers: FORM,
    body: `csrf=${lc}&usuario=CC1010202030%FF&clave=${DEMO_PASSWORD}` });
  assert.equal(r.status, 400);
  assert.deepEqual(h.snapshot(inst), before);
  assert.equal(rawBytes(), 0);
});

test('paths and headers: %FF in a path, a User-Agent that is not UTF-8: 400 in each port\'s shape', async () => {
  const anon = inst.client();
  let r = await anon.get('/clave/abc%FFdef');
  assert.equal(r.status, 400);
  assert.match(r.text, /Solicitud no válida/);
  r = await anon.get('/WSSUMMIPRESNOPBS/api/DireccionamientoXFecha/901500013/abc%FF/2026-01-01');
  assert.equal(r.status, 400);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.equal(typeof JSON.parse(r.text).Message, 'string');
  r = await msps.get('/msps/asignar', { headers: { 'User-Agent': 'Navegador \u00ff' } });
  assert.equal(r.status, 400);
  // In UTF-8 (as a browser sends it, ASCII) it is fine.
  r = await msps.get('/msps/asignar', { headers: { 'User-Agent': 'Navegador/1.0' } });
  assert.equal(r.status, 200);
});

test('another application\'s cookie that is not UTF-8 is ignored: the session still works', async () => {
  const c = await h.loginAs(inst, h.MSPS);
  c.cookies.set('otra_app', '\u00ff\u00fe');
  const r = await c.get('/msps/asignar');
  assert.equal(r.status, 200);
  assert.match(r.text, /CC1010202030/);
});

test('portal user-add: a run that fails leaves no user; one that works leaves the user, its role and an audit entry', () => {
  const users = () => Number(inst.sql('SELECT count(*) FROM usuario'));
  // Registrants waiting for approval hold no role by design: count, don't expect zero.
  const sinRol = () => Number(inst.sql("SELECT count(*) FROM usuario u WHERE NOT EXISTS (SELECT 1 FROM rol_asignado r WHERE r.usuario_id = u.id)"));
  const before = users(), sinRol0 = sinRol();
  const audits = Number(inst.sql('SELECT count(*) FROM auditoria'));
  // 800100037 already has its delegate: the role cannot be assigned.
  for (let i = 0; i < 3; i++) {
    assert.throws(() => inst.portal(['user-add', `ADMINHCEIPS80010003${i}X`, 'securityAdmin_IHCE_IPS',
      '800100037', 'Otra Delegada', 'otra@clinica.example.co'], 'Una-clave-bastante-larga\n'),
    (e) => e.status === 1 && /no se pudo asignar el rol .*el usuario no se creó/.test(e.stderr.toString()));
  }
  assert.equal(users(), before, 'no user without a role is left');
  assert.equal(sinRol(), sinRol0, 'no user without a role is left');
  // Unknown role, unknown entity: refused before anything.
  for (const args of [['CC99001', 'Rol_Inexistente', '800100037', 'Ana Ruiz', 'ana@x.example.co'],
    ['CC99002', 'Rol_IHCE_MSPS', '999999999', 'Ana Ruiz', 'ana@x.example.co']]) {
    assert.throws(() => inst.portal(['user-add', ...args], 'Una-clave-bastante-larga\n'), (e) => e.status === 1);
  }
  // A name that is not UTF-8 (a byte 0xFF: through the shell, node's arguments are UTF-8).
  assert.throws(() => execFileSync('sh', ['-c', 'printf "Una-clave-bastante-larga\\n" | "$0" -v "$1" ' +
    'user-add CC99003 Rol_IHCE_MSPS 800100037 "$(printf "Ana \\377")" ana@x.example.co',
  path.join(ROOT, 'build', 'portal'), inst.dir], { stdio: 'pipe' }), (e) => e.status === 1);
  assert.equal(users(), before);
  assert.equal(Number(inst.sql('SELECT count(*) FROM auditoria')), audits);
  // A good run.
  const out = inst.portal(['user-add', 'CC99004', 'Rol_IHCE_MSPS', '800100037', 'Ana Ruiz',
    'ana.ruiz@minsalud.example.co'], 'Una-clave-bastante-larga\n');
  assert.match(out, /usuario CC99004 creado/);
  assert.equal(users(), before + 1);
  assert.equal(inst.sql("SELECT r.rol FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = 'CC99004'"), 'Rol_IHCE_MSPS');
  assert.equal(inst.sql("SELECT login || '|' || accion FROM auditoria ORDER BY id DESC LIMIT 1"), 'operador|usuario_creado');
});
