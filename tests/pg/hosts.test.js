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
