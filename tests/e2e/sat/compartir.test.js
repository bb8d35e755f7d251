// "Compartir servicios de la entidad" through nginx: the service data and the OAuth 2.0
// credentials saved separately ("Incompleto" until both), the public key parsed, every
// validation error (400, message next to the field, values kept, nothing stored), secrets
// sealed and never shown, blank keeps, deletion; isolation between CCFs, CSRF on every POST,
// other roles refused.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startPortal, csrfOf } = require('../../lib/portal.js');
const { llaves } = require('../../lib/pki.js');
const h = require('../helpers.js');

const CCF_A = 'CC1020300010';	// Caja Andina
const CCF_B = 'CC1020300020';	// Caja del Litoral
const DELEGADO = 'ADMINSATCCF892300110';
const CLAVE = 'Clave OAuth & secreta 1';
const SECRETO = 'secreto-de-cliente-XYZ-987';

let inst, dir, k, a, b;

// Logs in and accepts the terms.
async function autorizado(login) {
  const c = await h.loginAs(inst, login);
  const r = await c.post('/sat/terminos', { csrf: await c.csrf('/sat/terminos'),
    decision: 'acepto' });
  assert.equal(r.status, 303);
  return c;
}

before(async () => {
  inst = await startPortal();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sat-compartir-'));
  k = llaves(dir);
  a = await autorizado(CCF_A);
  b = await autorizado(CCF_B);
});
after(async () => {
  if (inst) await inst.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// The valid service data form, with overrides.
function datos(over = {}) {
  return { nombre: 'consulta-afiliados', descripcion: 'Consulta de afiliados de la Caja',
    url: 'https://api.caja.example.co/afiliados', metodo: 'POST', llave: k.publica,
    ejemplo: '{"documento": "1020300010", "tipo": "CC"}', ...over };
}

// The valid credentials form (client credentials), with overrides.
function cred(over = {}) {
  return { token_nombre: 'token-sat', token_url: 'https://auth.caja.example.co/oauth/token',
    grant_type: 'client_credentials', cliente_auth: 'basic', usuario: '', clave: '',
    client_id: 'ministerio-sat', client_secret: SECRETO, scope: 'afiliados.lectura', ...over };
}

// Everything these pages may change: the shared services (sealed bytes as hex) and their
// audit entries, as a digest (a failure prints two short strings).
function estado() {
  const t = JSON.stringify(inst.rows(`SELECT id, entidad_id, nombre, descripcion, url, metodo, llave_pem, llave_huella, ejemplo, token_nombre, token_url, usuario, ${inst.hex('clave')} AS clave, client_id, ${inst.hex('client_secret')} AS client_secret, scope, grant_type, cliente_en_cuerpo, datos, credenciales, actualizado FROM servicio_compartido ORDER BY id`));
  const n = inst.sql("SELECT count(*) FROM auditoria WHERE accion LIKE 'sat_compartido%'");
  return `${n} audits, ${require('node:crypto').createHash('sha1').update(t).digest('hex')}`;
}

async function nuevo(c, over = {}) {
  return c.post('/sat/compartidos/nuevo', { csrf: await c.csrf('/sat/compartidos/nuevo'),
    ...datos(over) });
}

async function credenciales(c, id, over = {}) {
  const p = `/sat/compartidos/${id}/credenciales`;
  return c.post(p, { csrf: await c.csrf(p), ...cred(over) });
}

// The first service made of that name (Caja Andina's 'duplicado': Caja del Litoral made one
// of that name after it), in either engine: without ORDER BY PostgreSQL gives any order.
const fila = (nombre) => inst.rows(`SELECT * FROM servicio_compartido WHERE nombre = '${nombre}' ORDER BY id`)[0];

// The row of the list for service id: its state and actions.
function filaLista(html, id) {
  const m = new RegExp(`<tr data-id="${id}">([\\s\\S]*?)</tr>`).exec(html);
  assert.ok(m, `row ${id} in the list`);
  return { estado: h.dataKAll(m[1], 'estado')[0], probar: /data-k="probar"/.test(m[1]) };
}

test('both forms saved separately: Incompleto until the credentials, then Completo', async () => {
  let r = await a.get('/sat/compartidos');
  assert.equal(r.status, 200);
  assert.ok(h.dataKMain(r.text, 'vacia') !== null, 'no services yet');

  r = await nuevo(a);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/sat/compartidos?ok=nuevo');
  const s = fila('consulta-afiliados');
  assert.equal(s.metodo, 'POST');
  assert.equal(s.llave_tipo, 'RSA');
  assert.equal(s.llave_bits, 2048);
  assert.equal(s.llave_huella, k.huella);
  assert.equal(s.llave_vence, null);
  assert.ok(s.datos > 0);
  assert.equal(s.credenciales, null);
  assert.equal(inst.sql(`SELECT e.nit FROM entidad e WHERE e.id = ${s.entidad_id}`), '892300110');

  r = await a.get('/sat/compartidos');
  assert.deepEqual(filaLista(r.text, s.id), { estado: 'Incompleto', probar: false });
  assert.equal((await a.get(`/sat/compartidos/${s.id}/probar`)).status, 409,
    'no connection test while incomplete');

  // The edit form shows what was read from the key, and the values.
  r = await a.get(`/sat/compartidos/${s.id}`);
  assert.equal(r.status, 200);
  assert.equal(h.dataKMain(r.text, 'llave-tipo'), 'Llave pública RSA');
  assert.equal(h.dataKMain(r.text, 'llave-bits'), '2048 bits');
  assert.equal(h.dataKMain(r.text, 'llave-huella').replace(/<\/?code>/g, ''), k.huella);
  assert.equal(h.inputValue(r.text, 'url'), 'https://api.caja.example.co/afiliados');

  r = await credenciales(a, s.id);
  assert.equal(r.status, 303);
  r = await a.get('/sat/compartidos');
  assert.deepEqual(filaLista(r.text, s.id), { estado: 'Completo', probar: true });
  assert.equal((await a.get(`/sat/compartidos/${s.id}/probar`)).status, 200);

  // A certificate instead: subject's key, expiry shown.
  r = await a.post(`/sat/compartidos/${s.id}`, { csrf: await a.csrf(`/sat/compartidos/${s.id}`),
    ...datos({ llave: k.certificado, metodo: 'GET', ejemplo: '' }) });
  assert.equal(r.status, 303);
  r = await a.get(`/sat/compartidos/${s.id}`);
  assert.equal(h.dataKMain(r.text, 'llave-tipo'), 'Certificado X.509, llave RSA');
  assert.match(h.dataKMain(r.text, 'llave-vence'), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  assert.ok(fila('consulta-afiliados').llave_vence > Date.now() / 1000 + 29 * 86400);
  assert.equal(fila('consulta-afiliados').ejemplo, '');

  const acciones = inst.rows(`SELECT accion, detalle FROM auditoria WHERE accion LIKE 'sat_compartido%' ORDER BY id`);
  assert.deepEqual(acciones.map((x) => x.accion), ['sat_compartido_nuevo',
    'sat_compartido_credenciales', 'sat_compartido_editar']);
  for (const x of acciones) assert.ok(!x.detalle.includes(SECRETO), 'no secret in the audit');
});

test('secrets are sealed at rest, never shown; blank keeps them; Quitar removes one', async () => {
  let r = await nuevo(a, { nombre: 'pagos.v2' });
  assert.equal(r.status, 303);
  const id = fila('pagos.v2').id;
  r = await credenciales(a, id, { grant_type: 'password', usuario: 'ccf.usuario', clave: CLAVE,
    cliente_auth: 'cuerpo' });
  assert.equal(r.status, 303);
  let s = fila('pagos.v2');
  const hex = inst.sql(`SELECT ${inst.hex('clave')} || ' ' || ${inst.hex('client_secret')} FROM servicio_compartido WHERE id = ${id}`);
  for (const secret of [CLAVE, SECRETO]) {
    assert.ok(!hex.includes(Buffer.from(secret).toString('hex').toUpperCase()), 'sealed, not in clear');
    assert.ok(!inst.volcado().includes(secret), 'not in the database');
  }
  assert.equal(s.grant_type, 'password');
  assert.equal(s.cliente_en_cuerpo, 1);
  assert.ok(s.credenciales > 0);

  r = await a.get(`/sat/compartidos/${id}/credenciales`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes(CLAVE) && !r.text.includes(h.htmlEscape(CLAVE)), 'password not in the page');
  assert.ok(!r.text.includes(SECRETO), 'secret not in the page');
  assert.equal(h.inputValue(r.text, 'clave'), '');
  assert.equal(h.inputValue(r.text, 'client_secret'), '');
  assert.equal(h.inputValue(r.text, 'usuario'), 'ccf.usuario');
  assert.match(h.mainOf(r.text), /Déjelo en blanco para conservarlo/);
  assert.match(h.mainOf(r.text), /RFC 9700/);
  assert.match(r.headers['cache-control'] || '', /no-store/);

  // Blank keeps both (the sealed bytes are unchanged).
  const antes = inst.sql(`SELECT ${inst.hex('clave')} || ${inst.hex('client_secret')} FROM servicio_compartido WHERE id = ${id}`);
  r = await credenciales(a, id, { grant_type: 'password', usuario: 'ccf.usuario', clave: '',
    client_secret: '', scope: 'otro' });
  assert.equal(r.status, 303);
  assert.equal(inst.sql(`SELECT ${inst.hex('clave')} || ${inst.hex('client_secret')} FROM servicio_compartido WHERE id = ${id}`), antes);
  assert.equal(fila('pagos.v2').scope, 'otro');

  // A new value replaces; Quitar removes the client secret (allowed with the password grant).
  r = await credenciales(a, id, { grant_type: 'password', usuario: 'ccf.usuario', clave: 'Otra clave 2',
    client_secret: '', quitar_secret: 'si' });
  assert.equal(r.status, 303);
  s = fila('pagos.v2');
  assert.equal(s.client_secret, null);
  assert.notEqual(inst.sql(`SELECT ${inst.hex('clave')} FROM servicio_compartido WHERE id = ${id}`), antes.slice(0, 10));
  assert.ok(inst.sql(`SELECT length(clave) FROM servicio_compartido WHERE id = ${id}`) > 0);

  // Without a stored secret, client credentials needs one: 400, nothing written.
  const before = estado();
  r = await credenciales(a, id, { client_secret: '' });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'client_secret'), /Client Secret/);
  assert.equal(estado(), before);
  const detalles = inst.lista("SELECT detalle FROM auditoria WHERE accion LIKE 'sat_compartido%' ORDER BY id", '|');
  for (const secret of [CLAVE, SECRETO, 'Otra clave 2']) assert.ok(!detalles.includes(secret));
});

test('each invalid service field: 400, its message, values kept, nothing stored', async () => {
  const casos = [
    ['url', { url: 'no es una url' }, /no es una dirección válida/],
    ['url', { url: 'http://api.caja.example.co/x' }, /https:\/\//],
    ['url', { url: 'https://usuario:clave@api.caja.example.co/x' }, /usuario ni contraseña/],
    ['url', { url: '' }, /Escriba la URL del servicio/],
    ['llave', { llave: 'esto no es una llave' }, /No es un bloque PEM válido/],
    ['llave', { llave: k.privada }, /PRIVADA: nunca la comparta/],
    ['llave', { llave: k.vencido }, /venció el 31\/01\/2020/],
    ['llave', { llave: k.debil }, /1024 bits es demasiado débil/],
    ['llave', { llave: '' }, /Pegue la llave pública/],
    ['ejemplo', { ejemplo: '{"documento": 1020300010,\n "tipo": }' }, /línea 2, columna \d+/],
    ['ejemplo', { ejemplo: JSON.stringify({ x: 'y'.repeat(17000) }) }, /máximo es 16 KiB \(16384 bytes\)/],
    ['nombre', { nombre: '' }, /Nombre del servicio/],
    ['nombre', { nombre: 'con espacios' }, /sin espacios/],
    ['descripcion', { descripcion: '' }, /descripción/],
    ['metodo', { metodo: 'TRACE' }, /tipo de operación/],
    ['metodo', { metodo: '' }, /tipo de operación/],
  ];
  for (const [campo, over, msg] of casos) {
    const before = estado();
    const r = await nuevo(a, { nombre: 'valido-1', ...over });
    assert.equal(r.status, 400, `${campo} ${JSON.stringify(over).slice(0, 60)}`);
    assert.match(h.fieldError(r.text, campo) || '', msg, campo);
    assert.deepEqual(h.fieldsWithErrors(r.text), [campo], 'only that field is marked');
    assert.ok(h.dataKMain(r.text, 'errores'));
    const sent = { ...datos({ nombre: 'valido-1', ...over }) };
    assert.equal(h.inputValue(r.text, 'nombre'), sent.nombre);
    assert.equal(h.inputValue(r.text, 'url'), sent.url.trim());
    assert.equal(h.textareaValue(r.text, 'descripcion'), sent.descripcion);
    if (campo !== 'llave' || sent.llave.length < 16384) assert.equal(h.textareaValue(r.text, 'llave'), sent.llave.trim());
    assert.equal(h.textareaValue(r.text, 'ejemplo'), sent.ejemplo.trim());
    assert.equal(estado(), before, 'nothing stored');
  }
  // Several at once: each gets its message.
  const r = await nuevo(a, { url: 'ftp://x', llave: k.privada, ejemplo: '[1,', nombre: 'otro' });
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text).sort(), ['ejemplo', 'llave', 'url']);
});

test('a duplicate name in the same entity is refused; another entity may use it', async () => {
  let r = await nuevo(a, { nombre: 'duplicado' });
  assert.equal(r.status, 303);
  const before = estado();
  r = await nuevo(a, { nombre: 'duplicado', url: 'https://otra.caja.example.co/' });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'nombre'), /ya tiene un servicio con este nombre/);
  assert.equal(h.inputValue(r.text, 'url'), 'https://otra.caja.example.co/');
  assert.equal(estado(), before);
  // Renaming another service to it is refused too.
  const id = fila('pagos.v2').id;
  r = await a.post(`/sat/compartidos/${id}`, { csrf: await a.csrf(`/sat/compartidos/${id}`),
    ...datos({ nombre: 'duplicado' }) });
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'nombre'), /ya tiene un servicio con este nombre/);
  assert.equal(estado(), before);
  r = await nuevo(b, { nombre: 'duplicado' });
  assert.equal(r.status, 303, 'names are unique per entity');
});

test('each invalid credentials field: 400, its message, values kept, secrets not echoed', async () => {
  const id = fila('duplicado').id;
  const casos = [
    ['token_url', { token_url: 'http://auth.caja.example.co/token' }, /https:\/\//],
    ['token_url', { token_url: '' }, /Escriba la URL del servicio de autorización/],
    ['token_nombre', { token_nombre: '' }, /nombre del token/],
    ['grant_type', { grant_type: 'implicit' }, /tipo de concesión/],
    ['cliente_auth', { cliente_auth: 'header' }, /el Client ID y el Client Secret/],
    ['usuario', { grant_type: 'password', clave: CLAVE }, /escriba el usuario\./],
    ['clave', { grant_type: 'password', usuario: 'ccf.usuario' }, /escriba la contraseña\./],
    ['client_id', { client_id: '' }, /escriba el Client ID\./],
    ['client_secret', { client_secret: '' }, /Client Secret/],
  ];
  for (const [campo, over, msg] of casos) {
    const before = estado();
    const r = await credenciales(a, id, over);
    assert.equal(r.status, 400, campo);
    assert.match(h.fieldError(r.text, campo) || '', msg, campo);
    assert.deepEqual(h.fieldsWithErrors(r.text), [campo]);
    const sent = cred(over);
    assert.equal(h.inputValue(r.text, 'token_nombre'), sent.token_nombre);
    assert.equal(h.inputValue(r.text, 'client_id'), sent.client_id);
    assert.equal(h.inputValue(r.text, 'scope'), sent.scope);
    assert.equal(h.inputValue(r.text, 'client_secret'), '');
    assert.equal(h.inputValue(r.text, 'clave'), '');
    assert.ok(!r.text.includes(SECRETO) && !r.text.includes(h.htmlEscape(CLAVE)), 'secrets not echoed');
    assert.equal(estado(), before);
  }
});

test('isolation: another CCF gets 404 for these ids on every GET and POST, nothing changes', async () => {
  const ids = inst.rows(`SELECT s.id FROM servicio_compartido s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '892300110'`).map((x) => x.id);
  assert.ok(ids.length >= 2);
  const before = estado();
  const csrf = await b.csrf('/sat/compartidos');
  for (const id of ids) {
    for (const p of ['', '/credenciales', '/eliminar', '/probar'])
      assert.equal((await b.get(`/sat/compartidos/${id}${p}`)).status, 404, `GET ${id}${p}`);
    for (const [p, body] of [['', datos({ nombre: 'robado' })], ['/credenciales', cred()],
      ['/eliminar', {}], ['/probar', {}]])
      assert.equal((await b.post(`/sat/compartidos/${id}${p}`, { csrf, ...body })).status, 404,
        `POST ${id}${p}`);
  }
  const r = await b.get('/sat/compartidos');
  for (const id of ids) assert.ok(!r.text.includes(`data-id="${id}"`), 'not listed to B');
  assert.equal(estado(), before);
  assert.equal((await b.get('/sat/compartidos/999999')).status, 404);
});

test('every POST refuses a missing CSRF token; nothing changes', async () => {
  const id = fila('pagos.v2').id;
  const before = estado();
  for (const [p, body] of [['/sat/compartidos/nuevo', datos({ nombre: 'sin-csrf' })],
    [`/sat/compartidos/${id}`, datos({ nombre: 'sin-csrf' })],
    [`/sat/compartidos/${id}/credenciales`, cred()],
    [`/sat/compartidos/${id}/eliminar`, {}], [`/sat/compartidos/${id}/probar`, {}]]) {
    assert.equal((await a.post(p, body)).status, 403, p);
    assert.equal((await a.post(p, { ...body, csrf: 'x'.repeat(43) })).status, 403, p);
  }
  assert.equal(estado(), before);
});

test('other roles are refused on every page', async () => {
  const id = fila('pagos.v2').id;
  const before = estado();
  for (const login of [DELEGADO, h.MSPS, h.DEL_LLAVES]) {
    const c = await h.loginAs(inst, login);
    const csrf = csrfOf((await c.get('/cuenta/clave')).text);
    for (const p of ['/sat/compartidos', '/sat/compartidos/nuevo', `/sat/compartidos/${id}`,
      `/sat/compartidos/${id}/credenciales`, `/sat/compartidos/${id}/eliminar`,
      `/sat/compartidos/${id}/probar`])
      assert.equal((await c.get(p)).status, 403, `${login} GET ${p}`);
    for (const p of ['/sat/compartidos/nuevo', `/sat/compartidos/${id}/credenciales`,
      `/sat/compartidos/${id}/eliminar`, `/sat/compartidos/${id}/probar`])
      assert.equal((await c.post(p, { csrf, ...datos(), ...cred() })).status, 403, `${login} POST ${p}`);
  }
  assert.equal(estado(), before);
  const anon = inst.client();
  assert.notEqual((await anon.get('/sat/compartidos')).status, 200);
});

test('deleting asks for confirmation, then removes the service and audits it', async () => {
  const id = fila('duplicado').id;
  let r = await a.get('/sat/compartidos');
  assert.match(r.text, new RegExp(`href="/sat/compartidos/${id}/eliminar"`));
  r = await a.get(`/sat/compartidos/${id}/eliminar`);
  assert.equal(r.status, 200);
  assert.match(h.dataKMain(r.text, 'confirmar'), /duplicado/);
  assert.ok(fila('duplicado'), 'the confirmation page deletes nothing');
  r = await a.post(`/sat/compartidos/${id}/eliminar`, { csrf: csrfOf(r.text) });
  assert.equal(r.status, 303);
  assert.equal(inst.sql(`SELECT count(*) FROM servicio_compartido WHERE id = ${id}`), '0');
  assert.equal(inst.sql(`SELECT count(*) FROM servicio_compartido WHERE nombre = 'duplicado'`), '1',
    "the other entity's service of that name stays");
  assert.match(inst.sql("SELECT detalle FROM auditoria WHERE accion = 'sat_compartido_eliminar'"),
    new RegExp(`servicio compartido ${id}: duplicado`));
  assert.equal((await a.get(`/sat/compartidos/${id}`)).status, 404);
});
