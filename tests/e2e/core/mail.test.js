// Mail that leaves: the mailer process delivers the outbox to a real SMTP server on
// loopback (Debian's aiosmtpd), keeps messages while the server is down, and delivers each
// exactly once when it is back.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal } = require('../../lib/portal');
const { startSmtpSink, freePort } = require('../../lib/smtp');

let inst, smtpPort, maildir, smtpd;


const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The decoded messages in the maildir: [{to, subject, body}].
function messages() {
  const dir = path.join(maildir, 'new');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => {
    const raw = fs.readFileSync(path.join(dir, f), 'latin1');
    const [head, body] = raw.split(/\r?\n\r?\n/, 2);
    const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
    const get = (h) => (new RegExp(`^${h}: (.*)$`, 'mi').exec(unfolded) || [])[1] || '';
    const subject = get('Subject').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g,
      (_, b) => Buffer.from(b, 'base64').toString('utf8'));
    return { to: get('To'), subject,
      body: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
  });
}

async function waitFor(check, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (check()) return true; await sleep(200); }
  return false;
}

before(async () => {
  inst = await startPortal();
  smtpPort = await freePort();
  maildir = path.join(inst.dir, 'maildir');
  inst.portal(['smtp-set', `smtp://127.0.0.1:${smtpPort}`, 'portal@minsalud.example.co', '--sin-tls']);
});

after(async () => {
  if (smtpd) await smtpd.stop();
  await inst.stop();
});

test('with the SMTP server down nothing is lost, and it is delivered once when back', async () => {
  const pending = () => Number(inst.sql("SELECT count(*) FROM correo WHERE estado = 'pendiente'"));
  const before = pending();
  assert.ok(before > 0, 'the demo data queued mail');

  // The server is down: a pass fails, records the error and keeps every message.
  const out = (() => { try { return inst.portal(['mail-send']); } catch (e) { return String(e.stdout); } })();
  assert.match(out, /0 mensaje\(s\) enviados/);
  assert.equal(pending(), before);
  assert.ok(Number(inst.sql("SELECT count(*) FROM correo WHERE ultimo_error LIKE '%connect%'")) > 0);
  assert.equal(Number(inst.sql("SELECT count(*) FROM correo WHERE estado = 'enviado'")), 0);

  // The server comes back; the retry time of the failed messages is brought forward here as
  // if the backoff (one minute) had passed.
  smtpd = await startSmtpSink(maildir, smtpPort);
  inst.sql('UPDATE correo SET proximo = 0');

  // A new request by a delegate: its notice reaches the ministry through the mailer process.
  const c = inst.client();
  await c.login('ADMINHCEIPS800100000');
  const csrf = await c.csrf('/ihce/solicitud');
  const r = await c.post('/ihce/solicitud', { csrf, proveedor_tec: 'Proveedor Ñandú S.A.S.',
    software: 'HIS', lider_nombre: 'Ana', lider_correo: 'ana@ips.example.co',
    lider_tel: '3001234567', resp_nombre: 'Luis', resp_correo: 'luis@ips.example.co',
    resp_tel: '6012345678', acepta_terminos: 'si', autoriza_datos: 'si' });
  assert.equal(r.status, 303);
  // Every message but the demo's old activation mails, whose codes expired before they
  // could be delivered: their bodies were wiped and they are given up.
  const total = Number(inst.sql("SELECT count(*) FROM correo WHERE estado <> 'fallido'"));
  assert.ok(await waitFor(() => messages().length === total, 30000),
    `all ${total} messages delivered (got ${messages().length})`);
  assert.equal(pending(), 0);
  assert.equal(Number(inst.sql(`SELECT count(*) FROM correo WHERE estado = 'fallido' AND (cuerpo IS NOT NULL OR caduca > ${Math.floor(Date.now() / 1000)})`)), 0);

  const notice = messages().filter((m) => /Clínica|Hospital|IPS|Centro|Fundación|Unidad|ESE/.test(m.subject)
    && m.body.includes('NIT 800100000'));
  assert.equal(notice.length, 1, 'the new request was notified exactly once');
  assert.equal(notice[0].to, '<laura.gomez@minsalud.example.co>');
  assert.match(notice[0].subject, /^Nueva solicitud de llaves IHCE: /);
  assert.match(notice[0].body, /opción Asignar token/);

  // Another pass later sends nothing again.
  await sleep(6000);
  assert.equal(messages().length, total);
});
