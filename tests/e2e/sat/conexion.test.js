// "Probar conexión" engine through `portal probar-conexion`, against real servers on loopback:
// a second nginx with a certificate from its own CA (token endpoint and service, fixed
// answers chosen by the Authorization header), a second nginx server whose certificate
// another CA signed, a closed port, and a TCP listener that accepts and never answers.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { ROOT } = require('../../lib/portal');
const { freePort } = require('../../lib/smtp');
const { makeCa } = require('../../lib/pki');

const PORTAL = path.join(ROOT, 'build', 'portal');
const CLIENT_ID = 'cliente-sat';
// ':' '+' '/' must be form-encoded inside the Basic credentials (RFC 6749 §2.3.1).
const CLIENT_SECRET = 's3creto:+/';
const TOKEN = 'tok-123-abc-NO-DEBE-VERSE';

let dir, nginx, hang, silent, portA, portB, portClosed, portHang, portSilent;

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
    root ${dir}/www;
    location = /token {
      if ($token_ok) {
        return 200 '{"access_token":"${TOKEN}","token_type":"Bearer","expires_in":3600}';
      }
      return 401 '{"error":"invalid_client","error_description":"Cliente desconocido"}';
    }
    location = /servicio {
      if ($bearer_ok) { return 200 '{"estado":"ok","servicio":"SAT de prueba"}'; }
      return 401 '{"error":"invalid_token"}';
    }
    location = /redir { return 302 https://example.org/destino; }
    location = /no-json { return 200 'esto no es JSON'; }
    location = /grande.json { }
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

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-conexion-'));
  fs.mkdirSync(path.join(dir, 'tmp'));
  fs.mkdirSync(path.join(dir, 'www'));
  // 200 KiB of valid JSON: over the 64 KiB cap.
  fs.writeFileSync(path.join(dir, 'www', 'grande.json'),
    JSON.stringify({ datos: 'x'.repeat(200 * 1024) }));
  makeCa(dir, 'sat');
  makeCa(dir, 'otra');
  // Four distinct free ports for the listeners; "closed" is port 1, where nothing listens
  // (a free port picked now could be taken by the time it is tried).
  const ports = new Set();
  while (ports.size < 4) ports.add(await freePort());
  [portA, portB, portHang, portSilent] = [...ports];
  portClosed = 1;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConf());
  nginx = spawn('nginx', ['-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  // Accepts connections and never says a word.
  hang = net.createServer((sock) => { sock.on('error', () => {}); });
  await new Promise((r) => hang.listen(portHang, '127.0.0.1', r));
  // TLS with the trusted certificate: /silencio never answers; /chunked sends 100 KiB
  // without a Content-Length, so only the reading itself can stop it.
  silent = https.createServer({ key: fs.readFileSync(path.join(dir, 'sat.key')),
    cert: fs.readFileSync(path.join(dir, 'sat.pem')) }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (req.url === '/chunked') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        for (let i = 0; i < 100; i++) res.write('ñ'.repeat(512));
        res.end();
      } else if (req.url === '/token-password') {
        // The password grant with the client in the body: every field must be right.
        const f = new URLSearchParams(body);
        const ok = req.method === 'POST' && !req.headers.authorization &&
          req.headers['content-type'] === 'application/x-www-form-urlencoded' &&
          f.get('grant_type') === 'password' && f.get('username') === 'ccf.usuario' &&
          f.get('password') === 'clave & más' && f.get('client_id') === CLIENT_ID &&
          f.get('client_secret') === CLIENT_SECRET && f.get('scope') === 'sat.lectura';
        res.writeHead(ok ? 200 : 400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(ok ? { access_token: TOKEN, token_type: 'bearer', expires_in: 600 }
          : { error: 'invalid_grant', error_description: 'Usuario o clave incorrectos' }));
      } else if (req.url === '/eco') {
        // What the service call carried, minus the token itself.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ metodo: req.method, tipo: req.headers['content-type'] || '',
          bearer: req.headers.authorization === `Bearer ${TOKEN}`, cuerpo: body }));
      }
      // Anything else (/silencio) never gets an answer.
    });
  });
  silent.on('clientError', () => {});
  await new Promise((r) => silent.listen(portSilent, '127.0.0.1', r));
  for (let i = 0; i < 200 && !(await canConnect(portA) && await canConnect(portB)); i++)
    await new Promise((r) => setTimeout(r, 50));
  execFileSync(PORTAL, ['-v', path.join(dir, 'var'), 'migrate'], { stdio: 'ignore' });
});

after(() => {
  if (nginx) nginx.kill();
  if (hang) hang.close();
  if (silent) silent.closeAllConnections(), silent.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// The usual parameters for server A; over() replaces or adds some (null removes one).
function params(over = {}) {
  const p = {
    token_url: `https://localhost:${portA}/token`,
    servicio_url: `https://localhost:${portA}/servicio`,
    grant: 'client_credentials',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    ca: path.join(dir, 'sat.ca.pem'),
    permitidas: '127.0.0.1 ::1',
    puertos: String(portA),
    conectar: '2',
    total: '4',
    ...over,
  };
  return Object.entries(p).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n';
}

// Runs probar-conexion with the parameters on stdin (or as arguments): {code, out, err, ms}.
// Asynchronously: the TLS server in this process must keep answering meanwhile.
function probar(input, args = []) {
  const start = Date.now();
  return new Promise((resolve) => {
    const p = execFile(PORTAL, ['-v', path.join(dir, 'var'), 'probar-conexion', ...args],
      { timeout: 30000 }, (e, out, err) => resolve({
        code: e ? e.code : 0, out: out.toString(), err: err.toString(), ms: Date.now() - start,
      }));
    p.stdin.end(input);
  });
}

// The lines of one step ("Paso 1, token" or "Paso 2, servicio") in the output.
function paso(out, n) {
  const parts = out.split(/^(?=Paso \d)/m);
  return parts.find((s) => s.startsWith(`Paso ${n}`)) || '';
}

test('success: token type and lifetime shown, token never printed, service answer shown',
  async () => {
    const r = await probar(params());
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(paso(r.out, 1), /^Paso 1, token: correcto \(HTTP 200\)/);
    assert.match(paso(r.out, 1), /token de tipo «Bearer» válido por 3600 segundos/);
    assert.match(paso(r.out, 2), /^Paso 2, servicio: correcto \(HTTP 200\)/);
    assert.match(paso(r.out, 2), /Extracto de la respuesta: \{"estado":"ok","servicio":"SAT de prueba"\}/);
    assert.ok(!r.out.includes(TOKEN) && !r.err.includes(TOKEN), 'the token is printed');
    assert.ok(!r.out.includes(CLIENT_SECRET), 'the secret is printed');
  });

test('arguments work like stdin; method, JSON body and bearer token reach the service',
  async () => {
    fs.writeFileSync(path.join(dir, 'cuerpo.json'), '{"nit":"900474727"}');
    const args = params({ metodo: 'PATCH', cuerpo_archivo: path.join(dir, 'cuerpo.json'),
      servicio_url: `https://localhost:${portSilent}/eco`, puertos: `${portA},${portSilent}` })
      .trim().split('\n');
    const { code, out } = await probar('', args);
    assert.equal(code, 0, out);
    assert.match(out, /Paso 2, servicio: correcto \(HTTP 200\)/);
    const ex = /Extracto de la respuesta: (.*)/.exec(out);
    assert.deepEqual(JSON.parse(ex[1]), { metodo: 'PATCH', tipo: 'application/json',
      bearer: true, cuerpo: '{"nit":"900474727"}' });
    // GET by default, without a body.
    const r = await probar(params({ servicio_url: `https://localhost:${portSilent}/eco`,
      puertos: `${portA},${portSilent}` }));
    assert.deepEqual(JSON.parse(/Extracto de la respuesta: (.*)/.exec(r.out)[1]),
      { metodo: 'GET', tipo: '', bearer: true, cuerpo: '' });
  });

test('password grant with the client in the body (form-encoded) and a scope', async () => {
  const p = { token_url: `https://localhost:${portSilent}/token-password`, grant: 'password',
    usuario: 'ccf.usuario', clave: 'clave & más', cliente: 'cuerpo', scope: 'sat.lectura',
    puertos: `${portA},${portSilent}` };
  const r = await probar(params(p));
  assert.equal(r.code, 0, r.out);
  assert.match(paso(r.out, 1), /token de tipo «bearer» válido por 600 segundos/);
  assert.ok(!r.out.includes(TOKEN));
  // A wrong password: 400 with invalid_grant and its advice.
  const w = await probar(params({ ...p, clave: 'otra' }));
  assert.equal(w.code, 1);
  assert.match(paso(w.out, 1), /HTTP 400 \(solicitud incorrecta\) con el error OAuth «invalid_grant»/);
  assert.match(paso(w.out, 1), /Revise el usuario y la contraseña/);
});

test('wrong client secret: HTTP 401 with the OAuth error, service not tried', async () => {
  const r = await probar(params({ client_secret: 'otro' }));
  assert.equal(r.code, 1);
  assert.match(paso(r.out, 1), /^Paso 1, token: respuesta HTTP inesperada \(HTTP 401\)/);
  assert.match(paso(r.out, 1), /error OAuth «invalid_client»: «Cliente desconocido»/);
  assert.match(paso(r.out, 1), /Revise el identificador \(client_id\) y el secreto/);
  assert.match(paso(r.out, 2), /^Paso 2, servicio: no se intentó/);
});

test('client credentials in the body instead of Basic are not what this server takes',
  async () => {
    // The server only accepts Basic: proves the default is Basic and the option changes it.
    const r = await probar(params({ cliente: 'cuerpo' }));
    assert.equal(r.code, 1);
    assert.match(paso(r.out, 1), /invalid_client/);
  });

test('a certificate the given CA did not sign is not trusted', async () => {
  const r = await probar(params({ token_url: `https://localhost:${portB}/token`,
    puertos: `${portA},${portB}` }));
  assert.equal(r.code, 1);
  assert.match(paso(r.out, 1), /^Paso 1, token: certificado TLS no confiable\n/);
  assert.match(paso(r.out, 1), /no es de confianza/);
  // Nor is the right server's certificate without its CA (the system bundle only).
  const s = await probar(params({ ca: null }));
  assert.equal(s.code, 1);
  assert.match(paso(s.out, 1), /^Paso 1, token: certificado TLS no confiable\n/);
});

test('a closed port: connection refused (loopback allowed by the allow-list)', async () => {
  const r = await probar(params({ token_url: `https://127.0.0.1:${portClosed}/token`,
    puertos: `${portA},${portClosed}` }));
  assert.equal(r.code, 1);
  assert.match(paso(r.out, 1), /^Paso 1, token: conexión rechazada\n/);
  assert.match(paso(r.out, 1), new RegExp(`puerto ${portClosed}, no hay un servicio escuchando`));
});

test('a server that accepts and never answers: the run ends at the connect timeout',
  async () => {
    const r = await probar(params({ token_url: `https://127.0.0.1:${portHang}/token`,
      puertos: `${portA},${portHang}`, conectar: '1', total: '1.5' }));
    assert.equal(r.code, 1);
    assert.match(paso(r.out, 1), /^Paso 1, token: tiempo de espera agotado\n/);
    assert.match(paso(r.out, 1), /no se completó la conexión \(TCP y TLS\)/);
    // Ended: not held past the bound (1.5 s) plus a generous margin for start-up.
    assert.ok(r.ms < 1500 + 5000, `took ${r.ms} ms`);
  });

test('a TLS server that never answers the request: the run ends at the total timeout',
  async () => {
    const r = await probar(params({
      servicio_url: `https://localhost:${portSilent}/silencio`,
      puertos: `${portA},${portSilent}`, conectar: '1', total: '1.5' }));
    assert.equal(r.code, 1);
    assert.match(paso(r.out, 1), /^Paso 1, token: correcto/);
    assert.match(paso(r.out, 2), /^Paso 2, servicio: tiempo de espera agotado\n/);
    assert.match(paso(r.out, 2), /aceptó la conexión pero no respondió a tiempo/);
    assert.ok(r.ms < 1500 + 5000, `took ${r.ms} ms`);
  });

test('loopback is refused without the allow-list, by name and by address', async () => {
  for (const host of ['localhost', '127.0.0.1', '[::1]', '[::ffff:127.0.0.1]']) {
    const r = await probar(params({ token_url: `https://${host}:${portA}/token`,
      permitidas: null }));
    assert.equal(r.code, 1, host);
    assert.match(paso(r.out, 1), /^Paso 1, token: dirección no permitida\n/, host);
    assert.match(paso(r.out, 1), /bucle local \(loopback\)/, host);
  }
  // Allowing 127.0.0.1 alone does not allow ::1.
  const r = await probar(params({ token_url: `https://[::1]:${portA}/token`,
    permitidas: '127.0.0.1' }));
  assert.match(paso(r.out, 1), /^Paso 1, token: dirección no permitida\n/);
});

test('private, link-local and CGNAT addresses are refused before any connection', async () => {
  const cases = [
    ['10.1.2.3', /red privada/], ['192.168.0.10', /red privada/],
    ['[fd00::1]', /red privada/], ['169.254.169.254', /enlace local/],
    ['100.64.0.1', /CGNAT/], ['[64:ff9b::a00:1]', /red privada/],
  ];
  for (const [host, why] of cases) {
    const r = await probar(params({ token_url: `https://${host}/token` }));
    assert.equal(r.code, 1, host);
    assert.match(paso(r.out, 1), /^Paso 1, token: dirección no permitida\n/, host);
    assert.match(paso(r.out, 1), why, host);
  }
});

test('URL checks: https only, allowed ports only, no user in the URL', async () => {
  let r = await probar(params({ token_url: `http://localhost:${portA}/token` }));
  assert.match(paso(r.out, 1), /^Paso 1, token: la dirección no usa https\n/);
  r = await probar(params({ puertos: null }));
  assert.match(paso(r.out, 1), /^Paso 1, token: puerto no permitido\n/);
  assert.match(paso(r.out, 1), new RegExp(`El puerto ${portA} `));
  r = await probar(params({ token_url: `https://u:p@localhost:${portA}/token` }));
  assert.match(paso(r.out, 1), /^Paso 1, token: la dirección incluye usuario o contraseña\n/);
  assert.equal(r.code, 1);
});

test('a redirect is reported, not followed', async () => {
  const r = await probar(params({ servicio_url: `https://localhost:${portA}/redir` }));
  assert.equal(r.code, 1);
  assert.match(paso(r.out, 1), /^Paso 1, token: correcto/);
  assert.match(paso(r.out, 2), /^Paso 2, servicio: redirección no seguida \(HTTP 302\)/);
  assert.match(paso(r.out, 2), /hacia «https:\/\/example\.org\/destino»/);
});

test('an answer announced over the size cap is not read', async () => {
  const r = await probar(params({ servicio_url: `https://localhost:${portA}/grande.json` }));
  assert.equal(r.code, 1);
  assert.match(paso(r.out, 2), /^Paso 2, servicio: respuesta demasiado grande \(HTTP 200\)/);
  assert.match(paso(r.out, 2), /más de 65536 bytes/);
});

test('an answer that grows past the cap is cut, with a short excerpt', async () => {
  const r = await probar(params({ servicio_url: `https://localhost:${portSilent}/chunked`,
    puertos: `${portA},${portSilent}`, max_bytes: '20000' }));
  assert.equal(r.code, 1);
  assert.match(paso(r.out, 2), /^Paso 2, servicio: respuesta demasiado grande \(HTTP 200\)/);
  assert.match(paso(r.out, 2), /más de 20000 bytes/);
  // 300 bytes are 150 two-byte characters, none cut in half.
  const ex = /Extracto de la respuesta: (.*)/.exec(paso(r.out, 2));
  assert.ok(ex, paso(r.out, 2));
  assert.equal(ex[1], 'ñ'.repeat(150));
});

test('a token answer that is not JSON is reported as such', async () => {
  const r = await probar(params({ token_url: `https://localhost:${portA}/no-json` }));
  assert.equal(r.code, 1);
  assert.match(paso(r.out, 1), /^Paso 1, token: la respuesta no es JSON válido \(HTTP 200\)/);
});

test('bad parameters: exit status 2 and a Spanish message', async () => {
  let r = await probar(params({ permitidas: '10.0.0.0/8, intranet' }));
  assert.equal(r.code, 2);
  assert.match(r.err, /permitidas: entrada no válida desde «intranet»/);
  r = await probar(params({ metodo: 'TRACE' }));
  assert.equal(r.code, 2);
  r = await probar(params({ token_url: null }));
  assert.equal(r.code, 2);
  assert.match(r.err, /Faltan parámetros/);
});
