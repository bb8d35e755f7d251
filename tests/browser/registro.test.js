// The accounts issue in a real browser (headless Chromium through nginx over HTTPS), as the
// people do it: a new IPS's delegate registers from the login page (answering the
// challenge's text alternative, as a screen-reader user would, and attaching the
// designation letter), the set-password mail reaches a real SMTP server on loopback
// (Debian's aiosmtpd) through the mailer process, the link sets the password (a too short
// one first), the login shows only the waiting request; a funcionario MSPS opens it on
// "Solicitudes de delegado" and approves it; the delegate logs in; then another entity's
// delegate invites the same person in "Administrar autorizados", the person accepts from
// the mailed link, logged in, and at the next login chooses a role in "Mi lista de roles".
// Every page visited must be
// free of console errors, failed requests and Content-Security-Policy violations.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal } = require('../lib/portal.js');
const { startSmtpSink } = require('../lib/smtp.js');
const h = require('../e2e/helpers.js');
const k = require('../e2e/cuentas_helpers.js');
const b = require('./browser.js');

// The new entity and its delegate, as typed in the form.
const NIT = '901557123';
const RAZON = 'Clínica Los Andes de Pereira S.A.S.';
const DOC = '1088245913';
const NOMBRES = 'María José';
const APELLIDOS = 'Restrepo Ángel';
const CORREO = 'maria.restrepo@clinica-losandes.example.co';
const LOGIN = 'ADMINHCEIPS' + NIT;
const CLAVE = 'el café de la mañana en Pereira';
const CORTA = 'Corta-2026';
// The delegate of another IPS who authorizes the same person.
const OTRO = h.DEL_LLAVES;
const NIT_OTRO = '800100037';
const ROL = 'Delegado administrativo IHCE';
const SID = '__Host-sid';

const MSG_CORTA = 'La contraseña debe tener al menos 12 caracteres (puede usar espacios, letras, ' +
  'números y símbolos; una frase fácil de recordar sirve).';
const NUMEROS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'];

let inst, browser, watcher, smtpd, maildir, link;
const open = [];	// contexts to close after the run

// The DIAN check digit, computed here independently of cgi/core/valid.c.
function dv(nit) {
  const w = [41, 37, 29, 23, 19, 17, 13, 7, 3];
  const s = [...nit].reduce((a, d, i) => a + Number(d) * w[i], 0) % 11;
  return s > 1 ? 11 - s : s;
}



// Polls check (sync or async) until it returns a truthy value, which it returns; fails
// with what after ms.
async function poll(check, what, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The messages the SMTP server delivered into the maildir, decoded:
// [{ rcpt (envelope), to, subject, body }].
function messages() {
  const dir = path.join(maildir, 'new');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).sort().map((f) => {
    const raw = fs.readFileSync(path.join(dir, f), 'latin1');
    const cut = raw.search(/\r?\n\r?\n/);
    const head = raw.slice(0, cut).replace(/\r?\n[ \t]+/g, ' ');
    const get = (n) => ((new RegExp(`^${n}: (.*)$`, 'mi').exec(head) || [])[1] || '').trim();
    // RFC 2047 words joined before decoding (a character never spans two, but be safe).
    const words = [...get('Subject').matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)].map((m) => m[1]);
    const subject = words.length ? Buffer.concat(words.map((w) => Buffer.from(w, 'base64'))).toString('utf8')
      : get('Subject');
    // Only this person's mail matters (the demo's own mail is delivered too).
    if (!get('To').includes(CORREO)) return null;
    assert.match(head, /^Content-Transfer-Encoding: base64$/mi, `${f} is base64`);
    return { rcpt: get('X-RcptTo'), to: get('To'), subject,
      body: Buffer.from(raw.slice(cut).replace(/\s+/g, ''), 'base64').toString('utf8') };
  }).filter(Boolean);
}

before(async () => {
  // Both at once; whichever started is stopped by after() even when the other failed.
  const [p, c] = await Promise.allSettled([startPortal(), b.launch()]);
  if (p.status === 'fulfilled') inst = p.value;
  if (c.status === 'fulfilled') browser = c.value;
  for (const x of [p, c]) if (x.status === 'rejected') throw x.reason;
  watcher = new b.Watcher(inst.base);
  assert.equal(h.num(inst, `SELECT count(*) FROM entidad WHERE nit = '${NIT}'`), 0, 'a new entity');
  assert.equal(h.num(inst, `SELECT count(*) FROM usuario WHERE num_doc = '${DOC}' OR login = '${LOGIN}'`), 0, 'a new person');

  // A real SMTP server on loopback (Debian's python3, which has python3-aiosmtpd), and the
  // portal pointed at it; the running mailer process reads the setting on each pass.
  maildir = path.join(inst.dir, 'maildir');
  smtpd = await startSmtpSink(maildir);
  inst.portal(['smtp-set', `smtp://127.0.0.1:${smtpd.port}`, 'portal@minsalud.example.co', '--sin-tls']);
});

after(async () => {
  for (const c of open) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (smtpd) await smtpd.stop();
  if (inst) await inst.stop();
});

async function openPage(opts) {
  const p = await b.openPage(browser, inst.base, watcher, opts);
  open.push(p.context);
  return p;
}


const label = (page, text) => page.getByLabel(text, { exact: true });

// The session header: { login, nit, entidad, rol, cambiar }.
async function header(page) {
  const s = page.locator('header.site');
  const text = async (k) => (await s.locator(`[data-k="${k}"]`).textContent()).trim();
  return { login: await text('login'), nit: await text('nit'), entidad: await text('entidad'),
    rol: await text('rol'), cambiar: await s.getByRole('link', { name: 'Cambiar rol' }).count() };
}

async function sid(page) {
  const c = (await page.context().cookies(inst.base)).find((x) => x.name === SID);
  return c ? c.value : null;
}

// The rows of "Mi lista de roles" as shown: [rol, nit, entidad, acción].
async function roleRows(page) {
  const rows = page.getByRole('table').locator('tbody tr');
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')]
    .map((td) => td.textContent.trim().replace(/\s+/g, ' '))));
}

test('the delegate of a new IPS registers from the login page, answering the challenge\'s text question', async () => {
  const { page } = await openPage();
  let r = await page.goto(inst.base + '/');
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/login');
  r = await b.navigate(page, () => page.getByRole('link', { name: 'Registrar usuario' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/registro');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Registrar usuario');
  assert.equal(await page.getByRole('link', { name: 'Delegado administrativo de una entidad' }).getAttribute('aria-current'), 'page');
  assert.deepEqual(await b.fieldsWithErrors(page), []);

  await label(page, 'Módulo').selectOption({ value: 'IHCE' });
  await label(page, 'Tipo de entidad').selectOption({ label: 'Institución Prestadora de Servicios de Salud' });
  await label(page, 'NIT de la entidad').fill(NIT);
  await label(page, 'Razón social de la entidad').fill(RAZON);
  await label(page, 'Tipo de identificación').selectOption({ label: 'Cédula de ciudadanía' });
  await label(page, 'Número de identificación').fill(DOC);
  await label(page, 'Primer nombre').fill(NOMBRES.split(' ')[0]);
  await label(page, 'Segundo nombre (opcional)').fill(NOMBRES.split(' ')[1]);
  await label(page, 'Primer apellido').fill(APELLIDOS.split(' ')[0]);
  await label(page, 'Segundo apellido (opcional)').fill(APELLIDOS.split(' ')[1]);
  await label(page, 'Correo electrónico institucional').fill(CORREO);
  await label(page, 'Carta de designación (PDF)').setInputFiles({ name: 'designacion-losandes.pdf',
    mimeType: 'application/pdf', buffer: k.pdf('Designacion de Maria Jose Restrepo') });

  // The challenge: the image is drawn and shown, and its alternative text points to the
  // question in text, which is answered here as a screen-reader user would.
  const img = page.getByRole('img', { name: /^Código de verificación/ });
  assert.match(await img.getAttribute('alt'), /responda la pregunta de texto/);
  await poll(() => img.evaluate((e) => e.complete && e.naturalWidth > 0), 'the challenge image', 15000);
  assert.deepEqual(await img.evaluate((e) => [e.naturalWidth, e.naturalHeight]), [224, 70]);
  const question = (await page.getByText(/^Alternativa en texto:/).textContent()).trim();
  const m = /^Alternativa en texto: ¿Cuánto es ([a-z]+) más ([a-z]+)\? Escriba el resultado en números\.$/.exec(question);
  assert.ok(m, question);
  const answer = String(NUMEROS.indexOf(m[1]) + NUMEROS.indexOf(m[2]));
  assert.ok(NUMEROS.includes(m[1]) && NUMEROS.includes(m[2]), question);
  await label(page, 'Código de verificación').fill(answer);
  await label(page, 'He leído y acepto el acuerdo de confidencialidad').check();
  await b.screenshot(page, 'registro-formulario');

  r = await b.navigate(page, () => page.getByRole('button', { name: 'Registrar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/registro');
  assert.equal(r.headers()['cache-control'], 'no-store');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Registro satisfactorio');
  const main = page.getByRole('main');
  assert.equal(await main.locator('[data-k="login"]').textContent(), LOGIN);
  assert.equal(await main.locator('[data-k="documento"]').textContent(), `CC ${DOC}`);
  assert.equal(await main.locator('[data-k="entidad_registrada"]').textContent(), RAZON);
  assert.equal(await main.locator('[data-k="nit_registrado"]').textContent(), `${NIT}-${dv(NIT)}`);
  assert.equal((await page.getByRole('status').textContent()).trim(),
    `Enviamos a ${CORREO} un enlace para asignar su contraseña. El enlace sirve una sola vez y durante 24 horas.`);
  assert.match(await main.locator('[data-k="nota"]').textContent(), /^Su solicitud quedó pendiente/);
  assert.equal(await page.locator('[data-k="rol"]').count(), 0, 'no session was started');
  await b.screenshot(page, 'registro-satisfactorio');

  // A request waits with the letter; no entity and no role yet.
  assert.equal(inst.sql(`SELECT d.razon_social || '|' || d.tipo || '|' || d.rol || '|' || d.estado || '|' || d.carta_nombre || '|' || u.num_doc || '|' || (u.pass_hash IS NULL) FROM usuario u JOIN solicitud_delegado d ON d.usuario_id = u.id WHERE u.login = '${LOGIN}'`),
    `${RAZON}|IPS|securityAdmin_IHCE_IPS|pendiente|designacion-losandes.pdf|${DOC}|1`);
  assert.equal(h.num(inst, `SELECT count(*) FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${LOGIN}'`), 0);

  // "Ir a iniciar sesión" leads to the login page.
  r = await b.navigate(page, () => page.getByRole('link', { name: 'Ir a iniciar sesión' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/login');
  watcher.assertClean('registration');
});

test('the mailer delivers the mail to the SMTP server: recipient, subject and a one-time link to this site', async () => {
  const mine = await poll(() => {
    const x = messages().filter((msg) => msg.rcpt === CORREO || msg.to.includes(CORREO));
    return x.length ? x : null;
  }, `the mail to ${CORREO} in ${maildir}`, 30000);
  assert.equal(mine.length, 1, 'exactly one message to the delegate');
  const msg = mine[0];
  assert.equal(msg.rcpt, CORREO);
  assert.equal(msg.to, `<${CORREO}>`);
  assert.equal(msg.subject, 'Registro en el Portal de Interoperabilidad: asigne su contraseña');
  assert.match(msg.body, /^Recibimos su solicitud para ser delegado administrativo/);
  assert.ok(msg.body.includes(`\nEntidad: NIT ${NIT}-${dv(NIT)}\n`), msg.body);
  assert.ok(msg.body.includes(`\nUsuario: ${LOGIN}\n`), msg.body);
  for (const typed of [...NOMBRES.split(' '), ...APELLIDOS.split(' '), RAZON, DOC]) assert.ok(!msg.body.includes(typed), `"${typed}" in the mail`);
  const links = [...msg.body.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
  assert.equal(links.length, 1, msg.body);
  assert.match(links[0], new RegExp(`^${inst.base.replace(/\./g, '\\.')}/clave/[A-Za-z0-9_-]{43}$`));
  link = links[0];
  assert.equal(inst.sql(`SELECT estado FROM correo WHERE para = '${CORREO}'`), 'enviado');
});

test('the link sets the password: a too short one is refused next to the field, the good one works; the login shows only the waiting request', async () => {
  assert.ok(link, 'the link of the previous test');
  const { page } = await openPage();
  const token = new URL(link).pathname;
  let r = await page.goto(link);
  assert.equal(r.status(), 200);
  assert.equal(r.headers()['cache-control'], 'no-store');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Asignar contraseña');
  assert.equal(await page.getByRole('main').locator('[data-k="login"]').textContent(), LOGIN);

  // Too short: 400, the message next to the field, the link still good, nothing written.
  watcher.expect('POST', token, 400);
  await label(page, 'Nueva contraseña').fill(CORTA);
  await label(page, 'Confirme la nueva contraseña').fill(CORTA);
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Guardar contraseña' }).click());
  assert.equal(r.status(), 400);
  assert.equal(new URL(page.url()).pathname, token);
  assert.equal((await b.errorSummary(page)).text, 'Revise 1 campo(s) marcados: la contraseña no se ha cambiado.');
  assert.deepEqual(await b.fieldsWithErrors(page), ['nueva']);
  assert.equal(await b.errorNextTo(page, 'nueva'), MSG_CORTA);
  assert.equal(await page.getByRole('main').locator('[data-k="login"]').textContent(), LOGIN, 'still the same account');
  assert.equal(await label(page, 'Nueva contraseña').inputValue(), '', 'a password is never sent back');
  assert.equal(inst.sql(`SELECT (u.pass_hash IS NULL) || '|' || count(e.id) || '|' || count(e.usado) FROM usuario u JOIN enlace_clave e ON e.usuario_id = u.id WHERE u.login = '${LOGIN}'`),
    '1|1|0', 'no password and the link unused');
  await b.screenshot(page, 'registro-clave-corta');

  // A good one: the login page says so; the link is used up.
  await label(page, 'Nueva contraseña').fill(CLAVE);
  await label(page, 'Confirme la nueva contraseña').fill(CLAVE);
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Guardar contraseña' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/login?clave=1');
  assert.equal((await page.getByRole('status').textContent()).trim(),
    'Su contraseña fue asignada. Ingrese con su usuario y la nueva contraseña.');
  assert.equal(inst.sql(`SELECT (u.pass_hash IS NULL) || '|' || count(e.usado) FROM usuario u JOIN enlace_clave e ON e.usuario_id = u.id WHERE u.login = '${LOGIN}'`), '0|1');

  // The link works once.
  watcher.expect('GET', token, 410);
  r = await page.goto(link);
  assert.equal(r.status(), 410);
  assert.equal((await page.getByRole('alert').textContent()).trim(),
    'Este enlace ya fue usado (o fue reemplazado por uno más reciente). Cada enlace sirve una sola vez.');

  // The login shows only the waiting request: no session, nothing of the entity.
  watcher.expect('POST', '/login', 403);
  await page.goto(inst.base + '/login');
  await page.getByLabel('Usuario').fill(LOGIN);
  await page.getByLabel('Contraseña').fill(CLAVE);
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Ingresar' }).click());
  assert.equal(r.status(), 403);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Solicitud de delegado pendiente');
  assert.match((await page.getByRole('status').textContent()).trim(), /^Su solicitud para ser delegado administrativo está pendiente/);
  assert.equal(await sid(page), null, 'no session');
  await b.screenshot(page, 'registro-pendiente');
  watcher.assertClean('set password and the waiting request');
});

test('a funcionario MSPS finds the request on Solicitudes de delegado, sees the letter, and approves it', async () => {
  const { page } = await openPage();
  await b.login(page, inst.base, h.MSPS, undefined, inst);
  assert.equal(new URL(page.url()).pathname, '/msps/asignar');
  let r = await b.navigate(page, () => page.getByRole('link', { name: 'Solicitudes de delegado' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/msps/delegados');
  const row = page.getByRole('row').filter({ hasText: RAZON });
  assert.equal(await row.count(), 1);
  const cells = (await row.locator('td').allTextContents()).map((x) => x.trim().replace(/\s+/g, ' '));
  assert.deepEqual(cells.slice(1, 10), [`${RAZON} Entidad nueva`, `${NIT}-${dv(NIT)}`, 'Administración de llaves IHCE',
    ...NOMBRES.split(' '), ...APELLIDOS.split(' '), `CC ${DOC}`, CORREO]);
  await b.screenshot(page, 'registro-cola-delegados');
  r = await b.navigate(page, () => row.getByRole('link', { name: 'Revisar' }).click());
  assert.equal(r.status(), 200);
  assert.match(new URL(page.url()).pathname, /^\/msps\/delegados\/\d+$/);
  const carta = page.getByRole('link', { name: /^Descargar la carta \(designacion-losandes\.pdf, 1 KB\)$/ });
  assert.equal(await carta.count(), 1);
  // The letter is a download (attachment), not a page: fetched, it is the PDF sent.
  const res = await page.request.get(inst.base + await carta.getAttribute('href'));
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.match(res.headers()['content-disposition'], /^attachment; filename="carta-delegado-\d+\.pdf"$/);
  assert.equal((await res.body()).toString('latin1'), k.pdf('Designacion de Maria Jose Restrepo').toString('latin1'));
  await b.screenshot(page, 'registro-solicitud-delegado');
  // Aprobar asks first.
  page.once('dialog', (d) => d.accept());
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Aprobar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/msps/delegados?ok=aprobada');
  assert.match((await page.getByRole('status').textContent()).trim(), /^La solicitud fue aprobada/);
  assert.equal(inst.sql(`SELECT e.razon_social || '|' || r.rol FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id JOIN entidad e ON e.id = r.entidad_id WHERE u.login = '${LOGIN}'`),
    `${RAZON}|securityAdmin_IHCE_IPS`);
  await b.logout(page);
  watcher.assertClean('approval');
});

test('once approved, the delegate logs in with one role: straight to the IHCE home of the new entity', async () => {
  const { page } = await openPage();
  await b.login(page, inst.base, LOGIN, CLAVE);
  assert.equal(new URL(page.url()).pathname, '/ihce');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Administración de llaves IHCE');
  assert.deepEqual(await header(page), { login: LOGIN, nit: `${NIT}-${dv(NIT)}`, entidad: RAZON, rol: ROL, cambiar: 0 });
  assert.equal(await page.getByRole('main').locator('[data-k="estado"]').textContent(), 'No ha solicitado token');
  await b.screenshot(page, 'registro-ihce');
  await b.logout(page);
  watcher.assertClean('set password and first login');
});

test('the delegate of another IPS invites the same person (same document) in Administrar autorizados', async () => {
  const { page } = await openPage();
  await b.login(page, inst.base, OTRO);
  assert.equal((await header(page)).nit, `${NIT_OTRO}-${dv(NIT_OTRO)}`);
  let r = await b.navigate(page, () => page.getByRole('link', { name: 'Administrar autorizados' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/autorizados');
  r = await b.navigate(page, () => page.getByRole('link', { name: 'Nuevo', exact: true }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/autorizados/nuevo');

  await label(page, 'Tipo de documento').selectOption({ label: 'Cédula de ciudadanía' });
  await label(page, 'Número de identificación').fill(DOC);
  await label(page, 'Sexo').selectOption({ label: 'Femenino' });
  await label(page, 'Correo electrónico').fill(CORREO);
  await label(page, 'Primer nombre').fill('María');
  await label(page, 'Segundo nombre (opcional)').fill('José');
  await label(page, 'Primer apellido').fill('Restrepo');
  await label(page, 'Segundo apellido (opcional)').fill('Ángel');
  await label(page, 'Rol autorizado').selectOption({ label: ROL });
  const perfiles = await label(page, 'Perfil autorizado').locator('option').allTextContents();
  const perfil = perfiles.find((x) => x.startsWith(`${ROL}: `));
  assert.ok(perfil, perfiles.join(' / '));
  await label(page, 'Perfil autorizado').selectOption({ label: perfil });
  const sedes = await label(page, 'Sede').locator('option').allTextContents();
  const sede = sedes.find((x) => x.startsWith('Sede principal ('));
  assert.ok(sede, sedes.join(' / '));
  await label(page, 'Sede').selectOption({ label: sede });
  await b.screenshot(page, 'registro-autorizar');

  const asignaciones = h.num(inst, `SELECT count(*) FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${LOGIN}'`);
  assert.equal(asignaciones, 1);
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Guardar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/autorizados?ok=invitado');
  // The person already has an account: the authorization waits for them, invited at the
  // account's own address; the list shows what the delegate typed (never the account's
  // data) and "Invitación pendiente"; nothing typed here is written to the account.
  assert.match((await page.getByRole('status').textContent()).trim(), /^Enviamos la invitación a la persona\./);
  const row = page.getByRole('table').locator('tbody tr', { hasText: DOC });
  assert.equal(await row.count(), 1);
  // Each row's actions line up with it: every button lies inside its own row's box.
  for (const tr of await page.getByRole('table').locator('tbody tr').all()) {
    const rb = await tr.boundingBox();
    for (const btn of await tr.locator('.acciones .button').all()) {
      const bb = await btn.boundingBox();
      assert.ok(bb.y >= rb.y - 1 && bb.y + bb.height <= rb.y + rb.height + 1,
        `an action of row ${await tr.getAttribute('data-id')} sits outside it: ${JSON.stringify([rb, bb])}`);
    }
  }
  assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 10).map((x) => x.trim()),
    ['Cédula de ciudadanía', DOC, 'María', 'José', 'Restrepo', 'Ángel', ROL,
      perfil.slice(ROL.length + 2), sede.replace(/ \(.*$/, ''), 'Invitación pendiente']);
  assert.equal(inst.sql(`SELECT nombre || '|' || correo || '|' || coalesce(primer_nombre, '-') FROM usuario WHERE login = '${LOGIN}'`),
    `${NOMBRES} ${APELLIDOS}|${CORREO}|${NOMBRES.split(' ')[0]}`);
  assert.equal(inst.sql(`SELECT count(*) || '|' || group_concat(nit, ',') FROM (SELECT e.nit FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id JOIN entidad e ON e.id = r.entidad_id WHERE u.login = '${LOGIN}' AND r.activo = 1 ORDER BY r.id)`),
    `1|${NIT}`, 'not bound before accepting');
  assert.equal(h.num(inst, `SELECT count(*) FROM usuario WHERE num_doc = '${DOC}'`), 1, 'one person, one account');
  // Three mails to the person: the registration (the only password link), its approval and
  // the invitation (an account that has a password gets no link to set one).
  assert.equal(inst.sql(`SELECT count(*) FROM correo WHERE para = '${CORREO}'`), '3', 'the registration, its approval and the invitation');
  assert.match(inst.sql(`SELECT asunto FROM correo WHERE para = '${CORREO}' ORDER BY id DESC LIMIT 1`), /^Invitación/);
  await b.logout(page);
  watcher.assertClean('invitation');
});

test('the person accepts the invitation from the mailed link, logged in as themselves', async () => {
  // The mailer delivers the invitation to the real SMTP server.
  const msg = await poll(() => messages().find((m) => /\/invitaciones\//.test(m.body)), 'the invitation mail', 30000);
  assert.equal(msg.rcpt, CORREO);
  const enlace = new RegExp(`${inst.base.replace(/[.]/g, '\\.')}(/invitaciones/[A-Za-z0-9_-]{43})`).exec(msg.body)[1];
  const razonOtro = inst.sql(`SELECT razon_social FROM entidad WHERE nit = '${NIT_OTRO}'`);
  const { page } = await openPage();
  await b.login(page, inst.base, LOGIN, CLAVE);
  assert.equal(new URL(page.url()).pathname, '/ihce', 'one active role so far');
  let r = await page.goto(inst.base + enlace);
  assert.equal(r.status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Invitación');
  assert.equal((await page.locator('main [data-k="entidad"]').textContent()).trim(), razonOtro);
  assert.equal((await page.locator('main [data-k="rol"]').textContent()).trim(), ROL);
  await b.screenshot(page, 'registro-invitacion');
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Aceptar' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/roles');
  assert.match((await page.getByRole('status').first().textContent()).trim(), /^Aceptó la invitación/);
  assert.equal(inst.sql(`SELECT count(*) FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id WHERE u.login = '${LOGIN}' AND r.activo = 1`), '2');
  await b.logout(page);
  watcher.assertClean('acceptance');
});

test('at the next login the person sees Mi lista de roles with both, chooses one, and can change it', async () => {
  const razonOtro = inst.sql(`SELECT razon_social FROM entidad WHERE nit = '${NIT_OTRO}'`);
  assert.ok(razonOtro, 'the authorizing entity');
  const { page } = await openPage();
  await b.login(page, inst.base, LOGIN, CLAVE);
  assert.equal(new URL(page.url()).pathname, '/roles');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Mi lista de roles');
  assert.match((await page.getByRole('status').textContent()).trim(), /^Usted tiene varios roles en el portal\. Elija el rol/);
  assert.deepEqual(await header(page), { login: LOGIN, nit: '—', entidad: '—', rol: 'Por elegir', cambiar: 1 });
  assert.deepEqual(await roleRows(page), [
    [ROL, `${NIT}-${dv(NIT)}`, RAZON, 'Elegir'],
    [ROL, `${NIT_OTRO}-${dv(NIT_OTRO)}`, razonOtro, 'Elegir'],
  ]);
  await b.screenshot(page, 'registro-mis-roles');

  // Choosing the other entity's role: its home, the header names it, a new session id.
  const sid0 = await sid(page);
  assert.ok(sid0);
  const fila = (nit) => page.getByRole('row').filter({ hasText: `${nit}-${dv(nit)}` });
  let r = await b.navigate(page, () => fila(NIT_OTRO).getByRole('button', { name: 'Elegir' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/ihce');
  assert.deepEqual(await header(page), { login: LOGIN, nit: `${NIT_OTRO}-${dv(NIT_OTRO)}`, entidad: razonOtro, rol: ROL, cambiar: 1 });
  const sid1 = await sid(page);
  assert.ok(sid1 && sid1 !== sid0, 'the session cookie changed');
  await b.screenshot(page, 'registro-rol-elegido');

  // "Cambiar rol": the current role is marked; choosing the own entity rotates the id again.
  r = await b.navigate(page, () => page.getByRole('link', { name: 'Cambiar rol' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/roles');
  assert.deepEqual((await roleRows(page)).map((x) => x[3]), ['Elegir', 'Rol actual']);
  r = await b.navigate(page, () => fila(NIT).getByRole('button', { name: 'Elegir' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/ihce');
  assert.deepEqual(await header(page), { login: LOGIN, nit: `${NIT}-${dv(NIT)}`, entidad: RAZON, rol: ROL, cambiar: 1 });
  const sid2 = await sid(page);
  assert.ok(sid2 && sid2 !== sid1 && sid2 !== sid0, 'the session cookie changed again');

  assert.equal(h.num(inst, `SELECT count(*) FROM auditoria WHERE accion = 'cambio_rol' AND login = '${LOGIN}'`), 2);
  await b.logout(page);
  watcher.assertClean('role choice');
});

test('every page visited carried the CSP and nothing was blocked, failed or logged as an error', async () => {
  watcher.assertClean('all pages');
  const docs = watcher.documents;
  const paths = new Set(docs.map((d) => new URL(d.url).pathname.replace(/^\/(clave|invitaciones)\/[A-Za-z0-9_-]{43}$/, '/$1/T')));
  for (const p of ['/login', '/registro', '/clave/T', '/ihce', '/autorizados', '/autorizados/nuevo', '/invitaciones/T', '/roles', '/msps/delegados'])
    assert.ok(paths.has(p), `visited ${p} (${[...paths].join(', ')})`);
  for (const d of docs) {
    assert.ok(d.csp, `${d.method} ${d.url}: Content-Security-Policy`);
    assert.match(d.csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(d.csp, /unsafe-inline|unsafe-eval/);
  }
  // Only the too short password, the used link and the login of the waiting request
  // answered with an error status.
  assert.deepEqual(docs.filter((d) => d.status >= 400).map((d) => `${d.method} ${new URL(d.url).pathname.replace(/[A-Za-z0-9_-]{43}$/, 'T')} ${d.status}`),
    ['POST /clave/T 400', 'GET /clave/T 410', 'POST /login 403']);
});
