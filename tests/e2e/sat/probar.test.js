// "Probar conexión" of a shared service through nginx and the portal, against real servers on
// loopback started here: a second nginx with a certificate from its own CA (the OAuth token
// endpoint and the service, answers chosen by the Authorization header), a server whose
// certificate another CA signed, a closed port and a TCP listener that never answers. The
// operator's limits reach `portal serve` through PORTAL_CONEXION_* (CA, allow-listed
// loopback, ports, timeouts); a second portal without the allow-list refuses loopback.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { startPortal, csrfOf } = require('../../lib/portal.js');
const { freePort } = require('../../lib/smtp');
const { makeCa, llaves } = require('../../lib/pki.js');
const h = require('../helpers.js');

const CCF_A = 'CC1020300010';
const CLIENT_ID = 'cliente-sat';
const CLIENT_SECRET = 's3creto:+/';
const TOKEN = 'tok-123-abc-NO-DEBE-VERSE';
const TOTAL = 3;	// seconds: PORTAL_CONEXION_TOTAL

let dir, nginx, hang, inst, cerrado, portA, portB, portClosed, portHang, k, a;

function nginxConf() {
  const basic = Buffer.from(`${encodeURIComponent(CLIENT_ID)}:` +
    `${encodeURIComponent(CLIENT_SECRET)}`).toString('base64');
  const user = process.getuid() === 0 ? 'user root;' : '';
  return `${user}
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  map $http_authorization $token_ok { "Basic ${basic}" 1; default 0; }
  map $http_authorization $bearer_ok { "Bearer ${TOKEN}" 1; default 0; }
  server {
    listen 127.0.0.1:${portA} ssl;
    server_name localhost;
    ssl_certificate ${dir}/sat.pem;
    ssl_certificate_key ${dir}/sat.key;
    default_type application/json;
    location = /token {
      if ($token_ok) {
        return 200 '{"access_token":"${TOKEN}","token_type":"Bearer","expires_in":3600}';
      }
      return 401 '{"error":"invalid_client","error_description":"Cliente desconocido"}';
    }
    location = /servicio {
      if ($bearer_ok) { return 200 '{"estado":"ok","servicio":"SAT <de> prueba"}'; }
      return 401 '{"error":"invalid_token"}';
    }
  }
  server {
    listen 127.0.0.1:${portB} ssl;
    server_name localhost;
    ssl_certificate ${dir}/otra.pem;
    ssl_certificate_key ${dir}/otra.key;
    location / { return 200 '{"access_token":"x","token_type":"Bearer"}'; }
  }
}
`;
}

function canConnect(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
    c.on('error', () => resolve(false));
  });
}

// Logs in and accepts the terms.
async function autorizado(p, login) {
  const c = await h.loginAs(p, login);
  const r = await c.post('/sat/terminos', { csrf: await c.csrf('/sat/terminos'),
    decision: 'acepto' });
  assert.equal(r.status, 303);
  return c;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sat-probar-'));
  fs.mkdirSync(path.join(dir, 'tmp'));
  makeCa(dir, 'sat');
  makeCa(dir, 'otra');
  k = llaves(dir);
  [portA, portB, portHang] = [await freePort(), await freePort(), await freePort()];
  // Port 1 (tcpmux) has no listener: a free port picked now could be taken by the portals'
  // own nginx started below.
  portClosed = 1;
  assert.equal(await canConnect(portClosed), false, 'nothing listens on port 1');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConf());
  nginx = spawn('nginx', ['-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  // Accepts connections and never says a word.
  hang = net.createServer((sock) => { sock.on('error', () => {}); });
  await new Promise((r) => hang.listen(portHang, '127.0.0.1', r));
  for (let i = 0; i < 200 && !(await canConnect(portA) && await canConnect(portB)); i++)
    await new Promise((r) => setTimeout(r, 50));
  const limites = { PORTAL_CONEXION_CA: path.join(dir, 'sat.ca.pem'),
    PORTAL_CONEXION_PUERTOS: [portA, portB, portClosed, portHang].join(','),
    PORTAL_CONEXION_CONECTAR: '2', PORTAL_CONEXION_TOTAL: String(TOTAL) };
  inst = await startPortal({ env: { ...limites, PORTAL_CONEXION_PERMITIDAS: '127.0.0.1 ::1' } });
  cerrado = await startPortal({ env: limites, probarRate: '1r/m', probarBurst: '1' });
  a = await autorizado(inst, CCF_A);
});

after(async () => {
  if (nginx) nginx.kill();
  if (hang) hang.close();
  if (inst) await inst.stop();
  if (cerrado) await cerrado.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Shares a complete service through both forms; returns its id.
async function compartir(c, p, nombre, { url, tokenUrl, secret = CLIENT_SECRET } = {}) {
  let r = await c.post('/sat/compartidos/nuevo', { csrf: await c.csrf('/sat/compartidos/nuevo'),
    nombre, descripcion: 'Servicio de prueba', url: url || `https://localhost:${portA}/servicio`,
    metodo: 'POST', llave: k.publica, ejemplo: '{"documento": "1020300010"}' });
  assert.equal(r.status, 303, h.fieldsWithErrors(r.text).join());
  const id = Number(p.sql(`SELECT id FROM servicio_compartido WHERE nombre = '${nombre}'`));
  const cp = `/sat/compartidos/${id}/credenciales`;
  r = await c.post(cp, { csrf: await c.csrf(cp), token_nombre: 'token-sat',
    token_url: tokenUrl || `https://localhost:${portA}/token`, grant_type: 'client_credentials',
    cliente_auth: 'basic', client_id: CLIENT_ID, client_secret: secret, scope: '' });
  assert.equal(r.status, 303, h.fieldsWithErrors(r.text).join());
  return id;
}

// Runs the test from its page: {status, text, ms}.
async function probar(c, id) {
  const page = await c.get(`/sat/compartidos/${id}/probar`);
  assert.equal(page.status, 200);
  const start = Date.now();
  const r = await c.post(`/sat/compartidos/${id}/probar`, { csrf: csrfOf(page.text) });
  // Every step's outcome reads as Spanish sentences: a capital, a full stop, no English
  // system error (libcurl's and the resolver's words go to the operator's log).
  for (const k of ['token', 'servicio']) {
    for (const t of [h.dataKMain(r.text, `${k}-estado`), h.dataKMain(r.text, `${k}-mensaje`)]) {
      if (t === null) continue;
      const plano = h.htmlDecode(t);
      assert.match(plano, /^[A-ZÁÉÍÓÚÑ¿]/, plano);
      assert.match(plano, /[.)]$/, plano);
      assert.doesNotMatch(plano, /\b(SSL|certificate|Could not|Connection|refused|timed out|Name or service|failed|error:)\b/i, plano);
    }
  }
  return { ...r, ms: Date.now() - start };
}

const paso = (text, key) => h.dataKMain(text, key);
const auditorias = (p) => p.rows("SELECT detalle FROM auditoria WHERE accion = 'sat_compartido_probar' ORDER BY id").map((x) => x.detalle);

test('success: token type and lifetime shown, never the token; the service answer escaped', async () => {
  const id = await compartir(a, inst, 'exito');
  const r = await probar(a, id);
  assert.equal(r.status, 200);
  assert.match(r.headers['cache-control'] || '', /no-store/);
  assert.match(paso(r.text, 'resultado'), /Conexión correcta/);
  assert.equal(paso(r.text, 'token-estado'), 'Correcto.');
  assert.equal(paso(r.text, 'token-http'), '200');
  assert.equal(paso(r.text, 'token-tipo'), 'Bearer');
  assert.equal(paso(r.text, 'token-expira'), '3600');
  assert.equal(paso(r.text, 'servicio-estado'), 'Correcto.');
  assert.equal(paso(r.text, 'servicio-http'), '200');
  assert.match(paso(r.text, 'servicio-extracto'), /SAT &lt;de&gt; prueba/, 'escaped');
  assert.ok(!r.text.includes(TOKEN), 'the token never reaches the page');
  assert.ok(!r.text.includes(CLIENT_SECRET) && !r.text.includes(h.htmlEscape(CLIENT_SECRET)));
  const d = auditorias(inst).at(-1);
  assert.match(d, new RegExp(`servicio compartido ${id}: exito; token: correcto \\(HTTP 200\\); servicio: correcto \\(HTTP 200\\)`));
  assert.ok(!d.includes(TOKEN) && !d.includes(CLIENT_SECRET));
});

test('wrong credentials: HTTP 401 with the OAuth error, the service not tried', async () => {
  const id = await compartir(a, inst, 'clave-mala', { secret: 'otro-secreto' });
  const r = await probar(a, id);
  assert.equal(r.status, 200);
  assert.match(paso(r.text, 'resultado'), /no fue exitosa/);
  assert.equal(paso(r.text, 'token-http'), '401');
  assert.equal(paso(r.text, 'oauth-error'), 'invalid_client');
  assert.match(paso(r.text, 'token-mensaje'), /Cliente desconocido|client_secret|secreto/);
  assert.equal(paso(r.text, 'servicio-estado'), 'No se intentó.');
  assert.match(auditorias(inst).at(-1), /token: respuesta HTTP inesperada \(HTTP 401, error invalid_client\)/);
});

test('a certificate the configured CA did not sign is not trusted', async () => {
  const id = await compartir(a, inst, 'no-confiable', { tokenUrl: `https://localhost:${portB}/token` });
  const r = await probar(a, id);
  assert.equal(paso(r.text, 'token-estado'), 'Certificado TLS no confiable.');
  assert.ok(!paso(r.text, 'token-http'));
});

test('a closed port: connection refused', async () => {
  const id = await compartir(a, inst, 'rechazada', { tokenUrl: `https://127.0.0.1:${portClosed}/token` });
  const r = await probar(a, id);
  assert.equal(paso(r.text, 'token-estado'), 'Conexión rechazada.');
  assert.match(paso(r.text, 'token-mensaje'), new RegExp(`${portClosed}`));
});

test('a name that does not resolve', async () => {
  const id = await compartir(a, inst, 'sin-nombre', { tokenUrl: 'https://no-existe.invalid/token' });
  const r = await probar(a, id);
  assert.equal(paso(r.text, 'token-estado'), 'Nombre no resuelto.');
});

test('a server that accepts and never answers: timeout within the configured total', async () => {
  const id = await compartir(a, inst, 'silencio', { tokenUrl: `https://127.0.0.1:${portHang}/token` });
  const r = await probar(a, id);
  assert.equal(r.status, 200);
  assert.equal(paso(r.text, 'token-estado'), 'Tiempo de espera agotado.');
  // The worker is held at most the configured total, plus a margin for a loaded machine.
  assert.ok(r.ms < TOTAL * 1000 + 5000, `took ${r.ms} ms`);
  assert.match(auditorias(inst).at(-1), /token: tiempo de espera agotado/);
});

test('loopback is refused when the operator did not allow-list it', async () => {
  const c = await autorizado(cerrado, CCF_A);
  const id = await compartir(c, cerrado, 'bucle-local');
  const r = await probar(c, id);
  assert.equal(paso(r.text, 'token-estado'), 'Dirección no permitida.');
  assert.match(paso(r.text, 'token-mensaje'), /loopback/);
  assert.equal(paso(r.text, 'servicio-estado'), 'No se intentó.');
  // nginx limits the POST per address (here 1 a minute, burst 1); the page itself is not.
  assert.equal((await probar(c, id)).status, 200, 'within the burst');
  assert.equal((await c.post(`/sat/compartidos/${id}/probar`,
    { csrf: await c.csrf(`/sat/compartidos/${id}/probar`) })).status, 429);
  assert.equal((await c.get(`/sat/compartidos/${id}/probar`)).status, 200);
  assert.equal(auditorias(cerrado).length, 2, 'the refused POST ran no test');
});

test('the test page needs a complete service, the CSRF token and the same entity', async () => {
  const id = Number(inst.sql("SELECT id FROM servicio_compartido WHERE nombre = 'exito'"));
  const n = auditorias(inst).length;
  assert.equal((await a.post(`/sat/compartidos/${id}/probar`, {})).status, 403);
  const b = await autorizado(inst, 'CC1020300020');
  assert.equal((await b.get(`/sat/compartidos/${id}/probar`)).status, 404);
  assert.equal((await b.post(`/sat/compartidos/${id}/probar`,
    { csrf: await b.csrf('/sat/compartidos') })).status, 404);
  const r = await a.post('/sat/compartidos/nuevo', { csrf: await a.csrf('/sat/compartidos/nuevo'),
    nombre: 'a-medias', descripcion: 'x', url: `https://localhost:${portA}/servicio`,
    metodo: 'GET', llave: k.publica, ejemplo: '' });
  assert.equal(r.status, 303);
  const mid = Number(inst.sql("SELECT id FROM servicio_compartido WHERE nombre = 'a-medias'"));
  assert.equal((await a.post(`/sat/compartidos/${mid}/probar`,
    { csrf: await a.csrf('/sat/compartidos') })).status, 409);
  assert.equal(auditorias(inst).length, n, 'no test ran');
});

test('portal serve refuses to start with a bad operator limit, naming the variable', () => {
  const { spawnSync } = require('node:child_process');
  const { ROOT } = require('../../lib/portal.js');
  const v = path.join(dir, 'var-malo');
  for (const [name, value] of [['PORTAL_CONEXION_PERMITIDAS', '10.0.0.0/8, intranet'],
    ['PORTAL_CONEXION_PUERTOS', '0'], ['PORTAL_CONEXION_TOTAL', 'diez']]) {
    const r = spawnSync(path.join(ROOT, 'build', 'portal'), ['-v', v, 'serve', '-w', '1'],
      { env: { ...process.env, [name]: value }, timeout: 10000 });
    assert.equal(r.status, 1, `${name}=${value}`);
    assert.match(r.stderr.toString(), new RegExp(`${name}: valor no válido`));
  }
  assert.ok(!fs.existsSync(path.join(v, 'portal.sock')), 'never served');
});
