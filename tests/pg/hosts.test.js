// Several hosts (issue 14 §3): two `portal serve` standing for two machines, each with its
// own VAR, one PostgreSQL database and one secrets key between them, behind one nginx
// upstream of their two sockets (tests/lib/hosts.js). Run by tests/pg/run.sh.
'use strict';
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startHosts } = require('../lib/hosts');
const { Client, DEMO_PASSWORD } = require('../lib/portal');
const { startSmtpSink, freePort } = require('../lib/smtp');
const ap = require('../e2e/ap_helpers');

const A = '/WSSUMMIPRESNOPBS/api';
const PROV = '901500013';	// a demo dispenser (cgi/tools/demo_mipres.c)
const DEL_NUEVO = 'ADMINHCEIPS800100000';	// a demo IPS delegate with no request yet
const DEL_LLAVES = 'ADMINHCEIPS800100037';

// A date d days from today in Colombia (UTC-5), YYYY-MM-DD.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

// A client that writes down which host answered each of its requests, into `hosts` (an
// array shared by every client of a test, in the order the answers came).
class Anotado extends Client {
  constructor(h, base, hosts, from = null) {
    super(base, h.sql, from);
    this.h = h;
    this.hosts = hosts;
  }

  async request(...args) {
    const r = await super.request(...args);
    this.hosts.push(this.h.hostOf(r));
    return r;
  }
}

// Every answer came from a host, each from the other one than the answer before.
function alterna(hosts) {
  assert.ok(hosts.length > 1);
  hosts.forEach((n, i) => {
    assert.ok(n === 1 || n === 2, `answer ${i + 1} came from a host (${n})`);
    if (i > 0) assert.notEqual(n, hosts[i - 1], `answers ${i} and ${i + 1} (hosts ${hosts.join(',')})`);
  });
}

function alertOf(html) {
  return [...html.matchAll(/<p class="alert" role="alert">([^<]*)<\/p>/g)].map((m) => m[1]);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, what, ms = 120000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error('timed out waiting for ' + what);
}

// The To and Subject of each message in the maildir (subjects are RFC 2047 words).
function delivered(sink) {
  return sink.files().map((raw) => {
    const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
    const get = (h) => (new RegExp(`^${h}: (.*)$`, 'mi').exec(head) || [])[1] || '';
    return { to: get('To').replace(/[<>]/g, ''), subject: get('Subject')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b) => Buffer.from(b, 'base64').toString('utf8')) };
  });
}

// The messages each host's mailer says it delivered ("mail: N message(s) delivered").
function deliveredBy(host) {
  return [...host.log().matchAll(/mail: (\d+) message\(s\) delivered/g)].reduce((s, m) => s + Number(m[1]), 0);
}

const abiertos = [];
after(async () => {
  for (const x of abiertos.reverse()) await x.stop();
});

test('mail goes once: two hosts each run the mailer over one outbox of 100 messages, each delivered once', async (t) => {
  const smtpPort = await freePort();
  let sink;
  // The outbox is full before either host starts: both mailers' first passes read the same
  // due messages and race for each one.
  const h = await startHosts({ demo: false, together: true, before: async (x) => {
    x.portal(['smtp-set', `smtp://127.0.0.1:${smtpPort}`, 'portal@minsalud.example.co', '--sin-tls']);
    sink = await startSmtpSink(path.join(x.top, 'maildir'), smtpPort);
    abiertos.push(sink);
    assert.match(x.demo(['seed-correo', '100']), /100 mensaje\(s\) en la cola/);
  } });
  abiertos.push(h);
  const enviados = () => Number(h.sql("SELECT count(*) FROM correo WHERE estado = 'enviado'"));
  await waitFor(() => enviados() === 100 && delivered(sink).length >= 100, '100 messages delivered');
  // A message delivered twice would be a second sender that claimed it too: its send may
  // still be on the way. Both mailers pass again (every 5 s) with nothing due.
  await sleep(12000);
  const got = delivered(sink);
  assert.equal(got.length, 100, `${got.length} messages in the maildir`);
  const porDestino = new Map();
  for (const m of got) porDestino.set(m.to, (porDestino.get(m.to) || 0) + 1);
  for (let i = 1; i <= 100; i++) {
    assert.equal(porDestino.get(`prueba-${i}@correo.example.co`), 1, `prueba-${i} delivered once`);
  }
  for (const m of got) {
    assert.equal(m.subject, `Prueba ${/^prueba-(\d+)@/.exec(m.to)[1]}`, m.to);
  }
  // Every row says so, its body wiped; both mailers ran, and between them they delivered
  // each message once.
  assert.deepEqual(h.rows("SELECT estado, count(*) AS n, count(cuerpo) AS cuerpos FROM correo GROUP BY estado"),
    [{ estado: 'enviado', n: 100, cuerpos: 0 }]);
  const [a, b] = h.hosts.map(deliveredBy);
  assert.equal(a + b, 100, `host 1 delivered ${a}, host 2 ${b}`);
  assert.ok(a > 0 && b > 0, `both mailers delivered: host 1 ${a}, host 2 ${b}`);
  // Each sealed body opened on either host: the one key file, no host made its own.
  for (const x of h.hosts) assert.ok(!fs.existsSync(path.join(x.dir, 'secret.key')), `host ${x.n} has no key of its own`);
  t.diagnostic(`host 1 delivered ${a}, host 2 ${b}`);
});

// The demo's portal on two hosts for the tests below.
let demo;
async function dosHosts() {
  if (!demo) {
    demo = await startHosts({ workers: 2, together: true });
    abiertos.push(demo);
  }
  return demo;
}

test('the expiry warnings go once: both hosts run the job over the same keys due', async (t) => {
  // Both hosts started at once: their first passes met over the same keys.
  const h = await dosHosts();
  const grupos = () => h.rows(`SELECT e.nit, a.umbral, count(*) AS llaves FROM aviso_vencimiento a
    JOIN llave l ON l.id = a.llave_id JOIN entidad e ON e.id = l.entidad_id
    WHERE a.omitido = 0 GROUP BY e.nit, a.umbral ORDER BY e.nit`);
  await waitFor(() => grupos().length > 0, 'the warnings queued');
  // A pass of each host after that (every 5 s) finds nothing left due.
  await sleep(12000);
  const g = grupos();
  const audit = h.rows("SELECT detalle FROM auditoria WHERE accion = 'aviso_vencimiento' ORDER BY id").map((r) => r.detalle);
  assert.equal(audit.length, g.length, `one audited warning per entity and threshold: ${audit.join('; ')}`);
  for (const x of g) {
    assert.equal(audit.filter((d) => d.startsWith(`entidad ${x.nit} umbral ${x.umbral} `)).length, 1, `${x.nit} ${x.umbral}`);
    // The demo's delegate of each entity, and its líder técnico (one address for all).
    assert.equal(Number(h.sql(`SELECT count(*) FROM correo WHERE para = 'delegado.${x.nit}@ips.example.co'
      AND asunto LIKE 'Sus llaves IHCE vencen%'`)), 1, `the delegate of ${x.nit} warned once`);
  }
  assert.equal(Number(h.sql("SELECT count(*) FROM correo WHERE asunto LIKE 'Sus llaves IHCE vencen%'")), 2 * g.length);
  const perdidas = h.hosts.map((x) => (x.log().match(/avisos: could not queue the warning/g) || []).length);
  t.diagnostic(`${g.length} warnings; passes that lost the race (rolled back): host 1 ${perdidas[0]}, host 2 ${perdidas[1]}`);
});

test('any host can answer: a session, its CSRF token and a logout, every request on the other host', async () => {
  const h = await dosHosts();
  const hosts = [];
  const c = new Anotado(h, h.base, hosts);
  // The login's form on one host, its POST on the other, then each page on the next.
  const r = await c.login(DEL_NUEVO);
  assert.equal(r.status, 303, r.text);
  const inicio = await c.get('/');
  assert.equal(inicio.status, 303);
  assert.notEqual(inicio.headers.location, '/login', 'signed in');
  for (let i = 0; i < 4; i++) {
    const p = await c.get(inicio.headers.location);
    assert.equal(p.status, 200, `page ${i + 1}`);
    assert.match(p.text, /Cerrar sesión/, `page ${i + 1} is the signed-in layout`);
  }
  // A form's CSRF token from one host, its POST taken by the other: the request is filed.
  const form = await c.get('/ihce/solicitud');
  assert.equal(form.status, 200);
  const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)[1];
  const campos = { csrf, proveedor_tec: 'Proveedor de dos hosts S.A.S.', software: 'HIS',
    lider_nombre: 'Ana', lider_correo: 'ana@ips.example.co', lider_tel: '3001234567',
    resp_nombre: 'Luis', resp_correo: 'luis@ips.example.co', resp_tel: '6012345678',
    acepta_terminos: 'si', autoriza_datos: 'si' };
  // A wrong token is refused by whichever host takes it.
  const mala = await c.post('/ihce/solicitud', { ...campos, csrf: csrf.slice(0, -2) + 'xx' });
  assert.equal(mala.status, 403);
  const ok = await c.post('/ihce/solicitud', campos);
  assert.equal(ok.status, 303, ok.text);
  assert.equal(Number(h.sql(`SELECT count(*) FROM solicitud s JOIN entidad e ON e.id = s.entidad_id
    WHERE e.nit = '800100000' AND s.proveedor_tec = 'Proveedor de dos hosts S.A.S.'`)), 1);
  // Signing out on one host ends the session on both.
  const csrf2 = await c.csrf(inicio.headers.location);
  const out = await c.post('/logout', { csrf: csrf2 });
  assert.equal(out.status, 303);
  const despues = await c.get('/');
  assert.equal(despues.status, 303);
  assert.equal(despues.headers.location, '/login');
  alterna(hosts);
});

test('any host can answer: failed logins count on both hosts; the lock holds on either', async () => {
  const h = await dosHosts();
  const hosts = [];
  const c = new Anotado(h, h.base, hosts, '127.0.0.9');
  let csrf = await c.csrf('/login');
  const posts = [];
  // Five wrong passwords, the POSTs landing on the two hosts in turn.
  for (let i = 1; i <= 5; i++) {
    const r = await c.post('/login', { csrf, usuario: DEL_LLAVES, clave: `Mala-${i}` });
    posts.push(hosts[hosts.length - 1]);
    assert.equal(r.status, 400, `failure ${i}`);
    csrf = /name="csrf" value="([^"]+)"/.exec(r.text)[1];
  }
  assert.deepEqual([...new Set(posts)].sort(), [1, 2], `the failures reached both hosts (${posts})`);
  // The right password now, on either host: locked, as one host would have it.
  for (let i = 0; i < 2; i++) {
    const r = await c.post('/login', { csrf, usuario: DEL_LLAVES, clave: DEMO_PASSWORD });
    assert.equal(r.status, 429, `the right password, try ${i + 1}`);
    assert.ok(alertOf(r.text).some((a) => /bloqueado durante 15 minutos/.test(a)), r.text);
    csrf = /name="csrf" value="([^"]+)"/.exec(r.text)[1];
  }
  alterna(hosts);
});

test('any host can answer: a MIPRES temporary token made on one host works on the other', async () => {
  const h = await dosHosts();
  const hosts = [];
  const c = new Anotado(h, h.base, hosts);
  const json = { headers: { Accept: 'application/json' } };
  const user = h.portal(['mipres-token', PROV]).trim();
  const g = await c.request('GET', `${A}/GenerarToken/${PROV}/${user}`, json);
  assert.equal(g.status, 200, g.text);
  const tmp = JSON.parse(g.text);
  const m = h.demo(['seed-mipres', '4']).match(/\(ID (\d+) a (\d+)\)/);
  const ids = [Number(m[1]), Number(m[1]) + 1, Number(m[1]) + 2, Number(m[1]) + 3];
  for (const id of ids) {
    const r = await c.request('PUT', `${A}/Entrega/${PROV}/${tmp}`, {
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ ID: id, CodSerTecEntregado: '019971860-01', CantTotEntregada: '30',
        EntTotal: 1, CausaNoEntrega: null, FecEntrega: dia(), NoLote: 'L2026-11',
        TipoIDRecibe: 'CC', NoIDRecibe: '79000111' }) });
    assert.equal(r.status, 200, `PUT Entrega of ${id}: ${r.text}`);
  }
  for (let i = 0; i < 2; i++) {
    const r = await c.request('GET', `${A}/EntregaXFecha/${PROV}/${tmp}/${dia()}`, json);
    assert.equal(r.status, 200, r.text);
    const vistas = new Set(JSON.parse(r.text).map((o) => o.ID));
    for (const id of ids) assert.ok(vistas.has(id), `line ${id} read back`);
  }
  // A token that is not one is refused on both.
  for (let i = 0; i < 2; i++) {
    const r = await c.request('GET', `${A}/EntregaXFecha/${PROV}/${'x'.repeat(44)}/${dia()}`, json);
    assert.equal(r.status, 401, r.text);
  }
  alterna(hosts);
});

test('any host can answer: an AP access token from one host is honoured by the other', async () => {
  const h = await dosHosts();
  const hosts = [];
  const c = new Anotado(h, h.apBase, hosts);
  const tok = await ap.tokenOf(c, ap.AP_A, 'afiliacion');
  const rads = [];
  for (let i = 0; i < 4; i++) {
    const rad = ap.radicado('HOSTS');
    rads.push(rad);
    const r = await ap.call(c, '/ReportarAfiliaciontraslado', tok, [ap.afiliacion(rad)]);
    assert.equal(r.status, 200, r.text);
  }
  assert.equal(Number(h.sql(`SELECT count(*) FROM ap_afiliacion WHERE radicado IN (${rads.map((x) => `'${x}'`).join(',')})`)), 4);
  // A token that is not one is refused by both; a wrong password gets no token.
  for (let i = 0; i < 2; i++) {
    const r = await ap.call(c, '/ReportarAfiliaciontraslado', tok.slice(0, -4) + 'AAAA', [ap.afiliacion(ap.radicado('HOSTS'))]);
    assert.equal(r.status, 401, r.text);
  }
  const mal = await ap.token(c, { grant_type: 'password', username: ap.AP_A.nit, password: 'Mala-1',
    client_id: ap.AP_A.afiliacion });
  assert.equal(mal.status, 401, JSON.stringify(mal.json));
  assert.equal(mal.json.error, 'invalid_grant');
  alterna(hosts);
});

test('losing a host loses nothing: kill -9 of one host under PUT Entrega load; every acknowledged write is there, the other host goes on', async (t) => {
  const h = await dosHosts();
  const json = { headers: { Accept: 'application/json' } };
  const user = h.portal(['mipres-token', PROV]).trim();
  const g = await new Client(h.base).request('GET', `${A}/GenerarToken/${PROV}/${user}`, json);
  assert.equal(g.status, 200, g.text);
  const tmp = JSON.parse(g.text);
  const m = h.demo(['seed-mipres', '400']).match(/\(ID (\d+) a (\d+)\)/);
  const ids = Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i);
  const ok = [], otros = [], antes = [], despues = [];
  let muerto = 0, enviadas = 0;
  const victima = h.hosts[0];
  // Eight connections, each its own client; the kill lands while some are in flight.
  const uno = async () => {
    const c = new Client(h.base);
    while (ids.length) {
      const id = ids.shift();
      enviadas++;
      if (enviadas === 120 && !muerto) {
        muerto = Date.now();
        await victima.kill9();
      }
      const t0 = Date.now();
      try {
        const r = await c.request('PUT', `${A}/Entrega/${PROV}/${tmp}`, {
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ ID: id, CodSerTecEntregado: '019971860-01', CantTotEntregada: '30',
            EntTotal: 1, CausaNoEntrega: null, FecEntrega: dia(), NoLote: 'L2026-11',
            TipoIDRecibe: 'CC', NoIDRecibe: '79000111' }) });
        const quien = h.hostOf(r);
        if (r.status >= 200 && r.status < 300) {
          ok.push(id);
          (muerto && t0 > muerto ? despues : antes).push(quien);
        } else otros.push({ id, status: r.status, quien, tras: muerto ? t0 - muerto : null });
      } catch (e) {
        otros.push({ id, error: e.code || e.message });
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, uno));
  assert.ok(muerto > 0, 'host 1 was killed');
  assert.equal(victima.process.signalCode, 'SIGKILL');
  // Both hosts took writes before; after the kill, host 2 took every one sent after it.
  assert.deepEqual([...new Set(antes)].sort(), [1, 2], `before the kill: ${antes}`);
  assert.ok(despues.length >= 100, `${despues.length} acknowledged after the kill (${JSON.stringify(otros)})`);
  assert.ok(despues.every((n) => n === 2), `after the kill, only host 2 answered: ${despues}`);
  // Every acknowledged entrega is in the database, once.
  const filas = h.rows(`SELECT linea_id AS id, count(*) AS n FROM mipres_paso WHERE tipo = 'E' AND estado = 1
    AND linea_id BETWEEN ${m[1]} AND ${m[2]} GROUP BY linea_id`);
  const en = new Map(filas.map((f) => [Number(f.id), Number(f.n)]));
  for (const id of ok) assert.equal(en.get(id), 1, `line ${id} acknowledged, in the database once`);
  // Not acknowledged but stored: a PUT the dead host committed, which nginx sent again to
  // the other (a PUT is idempotent to nginx), refused there as a second entrega.
  const guardadas = otros.filter((o) => en.get(o.id) === 1);
  t.diagnostic(`${ok.length} acknowledged (${antes.length} before the kill, ${despues.length} after); ` +
    `${otros.length} not (${guardadas.length} of them stored: ${JSON.stringify(guardadas)}): ` +
    JSON.stringify(otros.map((o) => o.status || o.error)));
  // The survivor reads them all back.
  const r = await new Client(h.base).request('GET', `${A}/EntregaXFecha/${PROV}/${tmp}/${dia()}`, json);
  assert.equal(r.status, 200, r.text);
  assert.equal(h.hostOf(r), 2);
  const vistas = new Set(JSON.parse(r.text).map((o) => o.ID));
  for (const id of ok) assert.ok(vistas.has(id), `line ${id} answered by EntregaXFecha`);
});
