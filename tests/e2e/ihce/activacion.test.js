// Activation of IHCE keys (manual IHCE v2): assigning keys mails the delegate a one-time
// code as a QR image (inline PNG) and as text; until it is entered the secrets stay
// hidden; entering it records who, when and from where; a code works once, only for its
// entity, and expires, and the official can send a new one.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { startPortal } = require('../../lib/portal');
const { startSmtpSink } = require('../../lib/smtp');
const h = require('../helpers');

const NIT = '800100074';	// DEL_PENDIENTE: a pending request, no keys yet
const UA = 'NavegadorDePrueba/1.0 (activación)';
let inst, msps, del, otro, smtpd, maildir, solId, ent, keys, actual;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));



// The MIME parts of a raw message: [{headers (lower-case names), body (decoded Buffer)}],
// multiparts opened recursively.
function parts(raw) {
  const i = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, i).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(i).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const k = line.indexOf(':');
    if (k > 0) headers[line.slice(0, k).toLowerCase()] = line.slice(k + 1).trim();
  }
  const ct = headers['content-type'] || 'text/plain';
  const b = /boundary="([^"]+)"/.exec(ct);
  if (/^multipart\//.test(ct) && b) {
    const out = [];
    const chunks = body.split(`--${b[1]}`);
    for (const c of chunks.slice(1)) {
      if (c.startsWith('--')) break;
      out.push(...parts(c.replace(/^\r?\n/, '')));
    }
    return [{ headers, body: null }, ...out];
  }
  const dec = /base64/i.test(headers['content-transfer-encoding'] || '')
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'latin1');
  return [{ headers, body: dec }];
}

// Width, height, bit depth, colour type and the unfiltered rows of a PNG (filter 0 only).
function png(buf) {
  assert.deepEqual([...buf.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  let off = 8, ihdr, idat = [], end = false;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off), type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    const crc = buf.readUInt32BE(off + 8 + len);
    assert.equal(crc, zlib.crc32(buf.subarray(off + 4, off + 8 + len)), `CRC of ${type}`);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') end = true;
    off += 12 + len;
  }
  assert.ok(ihdr && idat.length && end, 'IHDR, IDAT and IEND chunks');
  const w = ihdr.readUInt32BE(0), hgt = ihdr.readUInt32BE(4);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = Math.ceil(w / 8) + 1;
  assert.equal(raw.length, hgt * stride, 'the image data covers every row');
  // 1-bit grey: pixel (x, y) is dark when its bit is 0 (rows written with filter None).
  const dark = (x, y) => {
    assert.equal(raw[y * stride], 0, 'filter type None');
    return ((raw[y * stride + 1 + (x >> 3)] >> (7 - (x & 7))) & 1) === 0;
  };
  return { w, h: hgt, depth: ihdr[8], color: ihdr[9], dark };
}

// The delivered messages of the maildir, raw.
function delivered() {
  const dir = path.join(maildir, 'new');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'latin1')) : [];
}

async function waitFor(check, what, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) { const v = check(); if (v) return v; await sleep(100); }
  assert.fail('timed out waiting for ' + what);
}

// The activation code in the text part of a raw message, or null.
function codigoDe(raw) {
  const text = parts(raw).find((p) => /^text\/plain/.test(p.headers['content-type'] || ''));
  const m = text && /Código de activación: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text.body.toString('utf8'));
  return m ? m[1] : null;
}

// The next activation code delivered to the delegate, one not seen before: the mailer
// delivers as soon as it is queued, and a delivered body no longer is in the outbox.
const vistos = new Set();
function codigoNuevo() {
  // Delivered now rather than at the mailer process's next pass (a few seconds).
  inst.portal(['mail-send']);
  return waitFor(() => {
    const c = delivered().filter((m) => m.includes(`To: <delegado.${NIT}@ips.example.co>`))
      .map(codigoDe).find((x) => x && !vistos.has(x));
    if (c) vistos.add(c);
    return c;
  }, 'a new activation code delivered to the delegate');
}

function activacion(cols = "usado IS NULL AND anulado IS NULL") {
  return inst.sql(`SELECT count(*) FROM activacion WHERE entidad_id = ${ent} AND ${cols}`);
}

before(async () => {
  inst = await startPortal();
  maildir = path.join(inst.dir, 'maildir');
  smtpd = await startSmtpSink(maildir);
  const { port } = smtpd;
  // Only the mail of these tests matters: the demo's is marked sent.
  inst.sql("UPDATE correo SET estado = 'enviado'");
  inst.portal(['smtp-set', `smtp://127.0.0.1:${port}`, 'portal@minsalud.example.co', '--sin-tls']);
  ent = h.num(inst, `SELECT id FROM entidad WHERE nit = '${NIT}'`);
  solId = h.num(inst, `SELECT id FROM solicitud WHERE entidad_id = ${ent} AND vigente = 1`);
  msps = await h.loginAs(inst, h.MSPS);
  del = await h.loginAs(inst, h.DEL_PENDIENTE);
  otro = await h.loginAs(inst, h.DEL_LLAVES);
});

after(async () => {
  if (smtpd) await smtpd.stop();
  await inst.stop();
});

test('assigning keys mails the delegate the code as text and as an inline QR PNG', async () => {
  keys = h.llaves('act');
  const r = await h.guardarLlaves(msps, solId, keys);
  assert.equal(r.status, 303);
  inst.portal(['mail-send']);
  const raw = await waitFor(() => delivered().find((m) => m.includes(`To: <delegado.${NIT}@ips.example.co>`)), 'the delegate\'s mail');
  const ps = parts(raw);
  assert.match(ps[0].headers['content-type'], /^multipart\/related; boundary="[^"]+"; type="multipart\/alternative"$/);
  const text = ps.find((p) => /^text\/plain/.test(p.headers['content-type']));
  const html = ps.find((p) => /^text\/html/.test(p.headers['content-type']));
  const img = ps.find((p) => /^image\/png/.test(p.headers['content-type']));
  assert.ok(text && html && img, 'text, HTML and image parts');
  const body = text.body.toString('utf8');
  const m = /Código de activación: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(body);
  assert.ok(m, body);
  const codigo = m[1];
  assert.equal(codigoDe(raw), codigo);
  vistos.add(codigo);
  actual = codigo;
  const link = `https://localhost:${inst.port}/ihce/activar?codigo=${codigo}`;
  assert.ok(body.includes(link), 'the link in the text');
  for (const a of h.AMBIENTES) assert.ok(!raw.includes(keys[a].client_secret) && !body.includes(keys[a].client_secret), 'no secret in the mail');
  assert.match(html.body.toString('utf8'), /<img src="cid:qr-activacion@portal"/);
  assert.equal(img.headers['content-id'], '<qr-activacion@portal>');
  assert.match(img.headers['content-disposition'], /^inline; filename="activacion.png"$/);

  // A valid PNG: square, 6 pixels per module, a 4-module margin, a QR version's size,
  // and the finder pattern in the top-left corner.
  const p = png(img.body);
  assert.equal(p.w, p.h);
  assert.equal(p.depth, 1);
  assert.equal(p.color, 0);
  assert.equal(p.w % 6, 0);
  const modules = p.w / 6 - 8;
  assert.equal((modules - 17) % 4, 0, `${modules} modules is a QR size`);
  const mod = (x, y) => p.dark(x * 6 + 3, y * 6 + 3);
  assert.equal(mod(0, 0), false, 'the margin is white');
  for (let i = 0; i < 7; i++) {
    for (const [x, y] of [[4 + i, 4], [4 + i, 10], [4, 4 + i], [10, 4 + i]]) assert.ok(mod(x, y), `finder border at ${x},${y}`);
  }
  assert.ok(!mod(5, 5) && mod(6, 6) && mod(8, 8) && !mod(9, 9), 'finder pattern rings');
  // And it decodes to the link (zbar).
  const f = path.join(inst.dir, 'qr.png');
  fs.writeFileSync(f, img.body);
  assert.equal(execFileSync('zbarimg', ['-q', '--raw', f]).toString().trim(), link);

  // Only the code's SHA-256 is stored.
  const hash = crypto.createHash('sha256').update(codigo.replace(/-/g, '')).digest('hex').toUpperCase();
  assert.equal(inst.sql(`SELECT ${inst.hex('codigo_hash')} FROM activacion WHERE entidad_id = ${ent} AND usado IS NULL`), hash);
  assert.equal(activacion(), '1');

  // Delivered, the outbox keeps the message's metadata only: no body, no QR image (which
  // encodes the code), and the code is nowhere in the database's files.
  const id = h.num(inst, `SELECT max(id) FROM correo WHERE para = 'delegado.${NIT}@ips.example.co' AND asunto = 'Llaves IHCE disponibles'`);
  await waitFor(() => inst.sql(`SELECT estado FROM correo WHERE id = ${id}`) === 'enviado', 'the message marked sent');
  assert.equal(inst.sql(`SELECT CASE WHEN cuerpo IS NULL THEN 1 ELSE 0 END || '|' || intentos || '|' || CASE WHEN enviado >= creado THEN 1 ELSE 0 END || '|' || CASE WHEN caduca > creado THEN 1 ELSE 0 END FROM correo WHERE id = ${id}`), '1|1|1|1');
  assert.equal(h.num(inst, `SELECT count(*) FROM correo_adjunto WHERE correo_id = ${id}`), 0, 'the QR image is gone');
  assert.equal(inst.correo(id), null);
  assert.ok(!inst.volcado().includes(codigo), 'the code is not in the database');
});

test('until the code is entered, step 2 shows the keys\' state but no secret and no Mostrar', async () => {
  let r = await del.get('/ihce/llaves');
  assert.equal(r.status, 200);
  assert.deepEqual(h.dataKAll(r.text, 'client_id'), h.AMBIENTES.map((a) => keys[a].client_id));
  assert.deepEqual(h.dataKAll(r.text, 'client_secret'), Array(3).fill('Disponible al activar las llaves'));
  assert.doesNotMatch(r.text, /action="\/ihce\/llaves\/mostrar"/);
  assert.match(h.dataKMain(r.text, 'activar'), /aún no están activas/);
  assert.match(h.mainOf(r.text), /href="\/ihce\/activar"/);
  assert.match(h.dataKMain((await del.get('/ihce')).text, 'activar'), /esperan activación/);
  const llave = h.num(inst, `SELECT id FROM llave WHERE entidad_id = ${ent} AND vigente = 1 LIMIT 1`);
  const before = h.snapshot(inst);
  r = await del.post('/ihce/llaves/mostrar', { csrf: h.csrfOf(r.text), llave: String(llave) });
  assert.equal(r.status, 409);
  assert.match(h.mainOf(r.text), /activ/i, "the page says the keys wait for activation");
  assert.doesNotMatch(r.text, /Error del servidor/);
  for (const a of h.AMBIENTES) assert.ok(!r.text.includes(keys[a].client_secret));
  assert.deepEqual(h.snapshot(inst), before, 'no audit row, nothing written');
  // The official sees it pending.
  r = await msps.get(`/msps/solicitudes/${solId}`);
  assert.match(h.dataKMain(r.text, 'activacion'), /^Pendiente: el delegado aún no ha ingresado el código de activación\. El código vence el /);
});

test('the link fills the form; bad input, another entity\'s delegate and no CSRF change nothing', async () => {
  const codigo = actual;
  let r = await del.get(`/ihce/activar?codigo=${codigo}`);
  assert.equal(r.status, 200);
  assert.equal(h.inputValue(r.text, 'codigo'), codigo);
  const csrf = h.csrfOf(h.mainOf(r.text));
  const before = h.snapshot(inst);

  r = await del.post('/ihce/activar', { codigo });
  assert.equal(r.status, 403, 'no CSRF token');
  for (const bad of ['', '1234', 'ABCD-EFGH-IJKL-MNOP', `${codigo}-AAAA`, '<script>']) {
    r = await del.post('/ihce/activar', { csrf, codigo: bad });
    assert.equal(r.status, 400, bad);
    assert.match(h.fieldError(r.text, 'codigo'), /Escriba el código de activación/);
    assert.equal(h.inputValue(r.text, 'codigo'), bad.trim());
  }
  // A well-formed code that is not one.
  r = await del.post('/ihce/activar', { csrf, codigo: 'AAAA-BBBB-CCCC-DDDD' });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /no corresponde a ninguna activación pendiente de su entidad/);
  // Another entity's delegate with this entity's code: refused alike.
  r = await otro.post('/ihce/activar', { csrf: await otro.csrf('/ihce/activar'), codigo });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /no corresponde a ninguna activación pendiente de su entidad/);
  assert.equal(h.inputValue(r.text, 'codigo'), codigo);
  // The official cannot enter it either.
  r = await msps.post('/ihce/activar', { csrf: await msps.csrf('/msps/asignar'), codigo });
  assert.equal(r.status, 403);
  assert.deepEqual(h.snapshot(inst), before);
  assert.equal(activacion(), '1', 'still waiting');
});

test('entering the code once enables the keys, recording who, when and from where', async () => {
  const codigo = actual;
  const csrf = await del.csrf('/ihce/activar');
  const t0 = Math.floor(Date.now() / 1000);
  // Any case, without dashes, with blanks around: the same code.
  let r = await del.post('/ihce/activar', { csrf, codigo: ` ${codigo.replace(/-/g, '').toLowerCase()} ` },
    { headers: { 'User-Agent': UA } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/ihce/llaves?activadas=1');
  const uid = h.num(inst, `SELECT id FROM usuario WHERE login = '${h.DEL_PENDIENTE}'`);
  const [usado, por, ip, ua] = inst.sql(`SELECT usado, usado_por, usado_ip, usado_ua FROM activacion WHERE entidad_id = ${ent} AND usado IS NOT NULL`).split('|');
  assert.ok(Number(usado) >= t0 - 1 && Number(usado) <= t0 + 60);
  assert.deepEqual([Number(por), ip, ua], [uid, '127.0.0.1', UA]);
  const aud = inst.sql("SELECT login || '|' || entidad_id || '|' || ip || '|' || detalle FROM auditoria WHERE accion = 'ihce_activar_llaves' AND login = '" + h.DEL_PENDIENTE + "'");
  assert.match(aud, new RegExp(`^${h.DEL_PENDIENTE}\\|${ent}\\|127\\.0\\.0\\.1\\|activacion \\d+ entidad ${NIT} agente ${UA.replace(/[()/.]/g, '\\$&')}$`));

  r = await del.get(r.headers.location);
  assert.match(h.dataKMain(r.text, 'activadas'), /quedaron activadas/);
  assert.deepEqual(h.dataKAll(r.text, 'client_secret'), Array(3).fill('••••••••••••'));
  const llave = /name="llave" value="(\d+)"/.exec(r.text)[1];
  r = await del.post('/ihce/llaves/mostrar', { csrf: h.csrfOf(r.text), llave });
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(keys.desarrollo.client_secret), 'the secret shows after activation');
  r = await msps.get(`/msps/solicitudes/${solId}`);
  assert.match(h.dataKMain(r.text, 'activacion'), new RegExp(`^Activadas el \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d por ${h.DEL_PENDIENTE} desde 127\\.0\\.0\\.1 \\(`));

  // Once only.
  const before = h.snapshot(inst);
  r = await del.post('/ihce/activar', { csrf, codigo });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /ya fue usado/);
  assert.deepEqual(h.snapshot(inst), before);
  r = await del.get('/ihce/activar');
  assert.match(h.dataKMain(r.text, 'sin_pendiente'), /no tiene llaves esperando activación/);
  // Nothing to send again.
  r = await msps.post(`/msps/solicitudes/${solId}/activacion`, { csrf: await msps.csrf(`/msps/solicitudes/${solId}`) });
  assert.equal(r.status, 409);
  assert.deepEqual(h.snapshot(inst), before);
});

test('an expired code is refused; the official sends a new one, which voids the old', async () => {
  // New keys: a new code; the secrets hide again.
  const keys2 = h.llaves('act2');
  let r = await h.guardarLlaves(msps, solId, keys2);
  assert.equal(r.status, 303);
  const viejo = await codigoNuevo();
  r = await del.get('/ihce/llaves');
  assert.deepEqual(h.dataKAll(r.text, 'client_secret'), Array(3).fill('Disponible al activar las llaves'));
  inst.sql(`UPDATE activacion SET expira = ${Math.floor(Date.now() / 1000) - 60} WHERE entidad_id = ${ent} AND usado IS NULL AND anulado IS NULL`);

  const csrf = await del.csrf('/ihce/activar');
  let before = h.snapshot(inst);
  r = await del.post('/ihce/activar', { csrf, codigo: viejo });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /venció/);
  assert.deepEqual(h.snapshot(inst), before);

  // The official's page says so and offers a new code: CSRF and role enforced.
  r = await msps.get(`/msps/solicitudes/${solId}`);
  assert.match(h.dataKMain(r.text, 'activacion'), /El código venció el /);
  const mcsrf = h.csrfOf(/<form method="post" action="\/msps\/solicitudes\/\d+\/activacion"[\s\S]*?<\/form>/.exec(r.text)[0]);
  r = await msps.post(`/msps/solicitudes/${solId}/activacion`, {});
  assert.equal(r.status, 403);
  r = await del.post(`/msps/solicitudes/${solId}/activacion`, { csrf });
  assert.equal(r.status, 403);
  assert.deepEqual(h.snapshot(inst), before);
  r = await msps.post(`/msps/solicitudes/${solId}/activacion`, { csrf: mcsrf });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, `/msps/solicitudes/${solId}?ok=codigo`);
  assert.equal(h.num(inst, "SELECT count(*) FROM auditoria WHERE accion = 'ihce_reemitir_activacion'"), 1);
  const nuevo = await codigoNuevo();
  assert.notEqual(nuevo, viejo);
  assert.equal(activacion(), '1');
  assert.equal(activacion('anulado IS NOT NULL'), '1');

  before = h.snapshot(inst);
  r = await del.post('/ihce/activar', { csrf, codigo: viejo });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'codigo'), /reemplazado por uno más reciente/);
  assert.deepEqual(h.snapshot(inst), before);
  r = await del.post('/ihce/activar', { csrf, codigo: nuevo });
  assert.equal(r.status, 303);
  r = await del.get('/ihce/llaves');
  assert.deepEqual(h.dataKAll(r.text, 'client_secret'), Array(3).fill('••••••••••••'));
});

test('the demo\'s delegates with keys start activated', async () => {
  assert.equal(h.num(inst, `SELECT count(*) FROM activacion WHERE usado IS NULL AND anulado IS NULL AND entidad_id <> ${ent}`), 0);
  assert.ok(h.num(inst, `SELECT count(DISTINCT entidad_id) FROM activacion WHERE usado IS NOT NULL AND usado_ua = 'datos de demostración'`) >= 20);
  assert.equal(h.dataKMain((await del.get('/ihce')).text, 'activar'), null, 'activated: no notice');
  const r = await otro.get('/ihce/llaves');
  assert.equal(h.dataKMain(r.text, 'activar'), null);
  assert.equal((r.text.match(/name="llave"/g) || []).length, 3);
});
