// Passwords (cgi/cuentas/contrasena.c, cgi/core/claves_comunes.c, cgi/cuentas/enlace.c): the one-time link (works once,
// expires after 24 hours, a clear page otherwise), "¿Olvidó su contraseña?" (the same answer
// whether or not login and e-mail match), the rules (12+ characters, not common, not the
// login or document), "Cambiar contraseña" ending the other sessions, and CSRF.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, DEMO_PASSWORD } = require('../../lib/portal.js');
const h = require('../helpers.js');
const k = require('../cuentas_helpers.js');

let inst;
before(async () => { inst = await startPortal(); });
after(async () => { await inst.stop(); });

const MSG_CORTA = 'La contraseña debe tener al menos 12 caracteres (puede usar espacios, letras, números y símbolos; una frase fácil de recordar sirve).';
const MSG_COMUN = 'Esa contraseña es muy común y fácil de adivinar: elija otra, por ejemplo una frase de varias palabras.';
const MSG_PROPIA = 'La contraseña no puede contener su usuario ni su número de documento.';
const MSG_DISTINTAS = 'Las dos contraseñas no coinciden.';
const DEL_CORREO = (nit) => inst.sql(`SELECT correo FROM usuario WHERE login = 'ADMINHCEIPS${nit}'`);

// Registers a new IPS delegate, approved by the ministry (the link is the registration's);
// returns { login, correo, num_doc, token }.
async function nuevoDelegado(over = {}) {
  const f = k.delegadoFields({ correo: `d${k.nuevoNit()}@ips.example.co`, ...over });
  const { r } = await k.registrar(inst, inst.client(), f);
  assert.equal(r.status, 200);
  const token = k.linkToken(inst, f.correo);
  await k.aprobar(inst, `ADMINHCEIPS${f.nit}`);
  return { login: `ADMINHCEIPS${f.nit}`, correo: f.correo, num_doc: f.num_doc, token };
}

function hashOf(login) {
  return inst.sql(`SELECT coalesce(pass_hash, '-') FROM usuario WHERE login = '${login}'`);
}

test('the link sets the password once: the form, the rules, then a clear page on a second use', async () => {
  const d = await nuevoDelegado({ num_doc: '80012345' });
  const c = inst.client();
  const page = await c.get(`/clave/${d.token}`);
  assert.equal(page.status, 200);
  assert.equal(page.headers['cache-control'], 'no-store');
  assert.equal(h.dataKMain(page.text, 'login'), d.login);
  const csrf = h.csrfOf(page.text);
  // The rules: each refusal is a 400 with the message on the field and nothing written.
  const cases = [
    ['short', 'corta-11car', MSG_CORTA, 'nueva'],
    ['empty', '', 'Escriba la nueva contraseña.', 'nueva', ['nueva', 'confirmar']],
    ['common', 'Contraseña123', MSG_COMUN, 'nueva'],
    ['common, another case', 'QWERTYUIOP123', MSG_COMUN, 'nueva'],
    ['common sequence', '123456789012', MSG_COMUN, 'nueva'],
    ['contains the login', `mi clave ${d.login.toLowerCase()}!`, MSG_PROPIA, 'nueva'],
    ['contains the document', 'documento 80012345 y más', MSG_PROPIA, 'nueva'],
  ];
  for (const [what, pw, msg, field, marked = [field]] of cases) {
    const before = k.cuentasSnapshot(inst);
    const r = await c.post(`/clave/${d.token}`, { csrf, nueva: pw, confirmar: pw });
    assert.equal(r.status, 400, what);
    assert.deepEqual(h.fieldsWithErrors(r.text), marked, what);
    assert.equal(h.fieldError(r.text, field), msg, what);
    assert.equal(h.inputValue(r.text, 'nueva'), '', `${what}: the password is not sent back`);
    assert.deepEqual(k.cuentasSnapshot(inst), before, `${what}: nothing written`);
  }
  let r = await c.post(`/clave/${d.token}`, { csrf, nueva: 'una frase bastante larga', confirmar: 'una frase bastante largo' });
  assert.equal(r.status, 400);
  assert.equal(h.fieldError(r.text, 'confirmar'), MSG_DISTINTAS);
  // Any characters, no composition rules: twelve lower-case letters and a space, or emoji.
  r = await c.post(`/clave/${d.token}`, { csrf, nueva: 'café con pan de yuca 🙂', confirmar: 'café con pan de yuca 🙂' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/login?clave=1');
  const notice = await c.get('/login?clave=1');
  assert.match(h.dataKMain(notice.text, 'clave'), /Su contraseña fue asignada/);
  assert.match(hashOf(d.login), /^\$s1\$/);
  assert.equal(inst.sql(`SELECT accion FROM auditoria WHERE login = '${d.login}' ORDER BY id DESC LIMIT 1`), 'clave_asignada');
  assert.equal((await inst.client().login(d.login, 'café con pan de yuca 🙂')).status, 303);
  // Second use: a clear page offering a new link, and the password stays.
  const hash = hashOf(d.login);
  const again = await inst.client().get(`/clave/${d.token}`);
  assert.equal(again.status, 410);
  assert.match(h.dataKMain(again.text, 'invalido'), /ya fue usado/);
  assert.match(h.mainOf(again.text), /<a class="button primary" href="\/clave\/olvido">Pedir un enlace nuevo<\/a>/);
  r = await c.post(`/clave/${d.token}`, { csrf, nueva: 'otra frase bastante larga', confirmar: 'otra frase bastante larga' });
  assert.equal(r.status, 410);
  assert.equal(hashOf(d.login), hash, 'a used link changes nothing');
});

test('an expired link (aged in the database) gets a clear page and changes nothing; an unknown one gets 404', async () => {
  const d = await nuevoDelegado();
  inst.sql(`UPDATE enlace_clave SET expira = expira - 86400 - 1, creado = creado - 86400 - 1 WHERE token_hash = ${inst.blob(k.sha256(d.token))}`);
  const c = inst.client();
  const page = await c.get(`/clave/${d.token}`);
  assert.equal(page.status, 410);
  assert.match(h.dataKMain(page.text, 'invalido'), /venció/);
  assert.match(h.mainOf(page.text), /href="\/clave\/olvido"/);
  const csrf = await c.csrf('/clave/olvido');
  const before = k.cuentasSnapshot(inst);
  const r = await c.post(`/clave/${d.token}`, { csrf, nueva: 'una frase bastante larga', confirmar: 'una frase bastante larga' });
  assert.equal(r.status, 410);
  assert.deepEqual(k.cuentasSnapshot(inst), before);
  assert.equal(hashOf(d.login), '-');
  const unknown = await c.get('/clave/' + 'x'.repeat(43));
  assert.equal(unknown.status, 404);
  assert.match(h.dataKMain(unknown.text, 'invalido'), /no existe/);
  assert.equal((await c.get('/clave/corto')).status, 404);
});

test('forgot password: the same answer for a match, a wrong e-mail and an unknown login; only a match gets a link', async () => {
  const d = await nuevoDelegado();
  assert.equal((await k.setPassword(inst, d.token, 'mi frase secreta de siempre')).status, 303);
  const ask = async (usuario, correo) => {
    const c = inst.client();
    const csrf = await c.csrf('/clave/olvido');
    const r = await c.post('/clave/olvido', { csrf, usuario, correo });
    const next = r.headers.location ? await c.get(r.headers.location) : null;
    return { r, page: next && h.mainOf(next.text).replace(/name="csrf" value="[^"]*"/, '') };
  };
  const mails = () => Number(inst.sql('SELECT count(*) FROM correo'));
  const n0 = mails();
  const answers = [];
  for (const [what, usuario, correo, nuevo] of [
    ['match (e-mail in another case)', d.login, d.correo.toUpperCase(), 1],
    ['wrong e-mail', d.login, 'otro@ips.example.co', 0],
    ['unknown login', 'ADMINHCEIPS999999998', d.correo, 0],
    ['login in lower case', d.login.toLowerCase(), d.correo, 1],
  ]) {
    const before = mails();
    const { r, page } = await ask(usuario, correo);
    assert.equal(r.status, 303, what);
    assert.equal(r.headers.location, '/clave/olvido?enviado=1', what);
    assert.equal(mails() - before, nuevo, `${what}: messages queued`);
    answers.push(page);
  }
  assert.ok(answers.every((p) => p === answers[0]), 'every answer is the same page');
  assert.match(answers[0], /Si el usuario y el correo corresponden a una cuenta del portal, enviamos/);
  assert.equal(mails() - n0, 2);
  assert.equal(inst.sql(`SELECT count(*) FROM auditoria WHERE accion = 'clave_olvido'`), '4');
  // The newest link works; the first reset link was superseded by it.
  const tokens = inst.correos(`para = '${d.correo}' AND asunto LIKE '%restablecer%'`).map((m) => m.cuerpo).join('\n')
    .match(/\/clave\/([A-Za-z0-9_-]{43})/g).map((x) => x.slice(7));
  assert.equal(tokens.length, 2);
  assert.equal((await inst.client().get(`/clave/${tokens[0]}`)).status, 410);
  assert.equal((await inst.client().get(`/clave/${tokens[1]}`)).status, 200);
  // Malformed input is the only other answer: 400 with messages, nothing written.
  const before = k.cuentasSnapshot(inst);
  const c = inst.client();
  const csrf = await c.csrf('/clave/olvido');
  const r = await c.post('/clave/olvido', { csrf, usuario: 'a b', correo: 'no-es-correo' });
  assert.equal(r.status, 400);
  assert.deepEqual(h.fieldsWithErrors(r.text), ['usuario', 'correo']);
  assert.equal(h.inputValue(r.text, 'correo'), 'no-es-correo');
  assert.deepEqual(k.cuentasSnapshot(inst), before);
});

test('a password reset through a link ends every session of the user and lifts a lock', async () => {
  const d = await nuevoDelegado();
  assert.equal((await k.setPassword(inst, d.token, 'primera frase muy larga')).status, 303);
  const s1 = inst.client();
  assert.equal((await s1.login(d.login, 'primera frase muy larga')).status, 303);
  assert.equal((await s1.get('/ihce')).status, 200);
  for (let i = 0; i < 5; i++) await inst.client().login(d.login, `mala-${i}`);
  assert.equal((await inst.client().login(d.login, 'primera frase muy larga')).status, 429);
  const c = inst.client();
  const csrf = await c.csrf('/clave/olvido');
  await c.post('/clave/olvido', { csrf, usuario: d.login, correo: d.correo });
  const tok = k.linkToken(inst, d.correo);
  assert.equal((await k.setPassword(inst, tok, 'segunda frase muy larga')).status, 303);
  const after = await s1.get('/ihce');
  assert.equal(after.status, 303, 'the old session is gone');
  assert.equal(after.headers.location, '/login');
  assert.equal(inst.sql(`SELECT count(*) FROM sesion s JOIN usuario u ON u.id = s.usuario_id WHERE u.login = '${d.login}'`), '0');
  assert.equal((await inst.client().login(d.login, 'segunda frase muy larga')).status, 303, 'unlocked by the reset');
  assert.equal(inst.sql(`SELECT accion FROM auditoria WHERE login = '${d.login}' AND accion LIKE 'clave_%' ORDER BY id DESC LIMIT 1`), 'clave_restablecida');
});

test('Cambiar contraseña: the current password is required, the rules apply, and the other sessions end', async () => {
  const d = await nuevoDelegado({ num_doc: '91919191' });
  assert.equal((await k.setPassword(inst, d.token, 'la clave inicial larga')).status, 303);
  const a = inst.client(), b = inst.client();
  assert.equal((await a.login(d.login, 'la clave inicial larga')).status, 303);
  assert.equal((await b.login(d.login, 'la clave inicial larga')).status, 303);
  const page = await a.get('/cuenta/clave');
  assert.equal(page.status, 200);
  assert.match(page.text, /<a href="\/cuenta\/clave">Cambiar contraseña<\/a>/, 'linked from the header');
  const csrf = h.csrfOf(h.mainOf(page.text));
  const cases = [
    ['wrong current password', { actual: 'no es la actual', nueva: 'una nueva frase larga', confirmar: 'una nueva frase larga' }, 'actual', 'La contraseña actual no es correcta.'],
    ['short', { actual: 'la clave inicial larga', nueva: 'corta', confirmar: 'corta' }, 'nueva', MSG_CORTA],
    ['common', { actual: 'la clave inicial larga', nueva: 'Password123!', confirmar: 'Password123!' }, 'nueva', MSG_COMUN],
    ['document', { actual: 'la clave inicial larga', nueva: 'x91919191x-larga', confirmar: 'x91919191x-larga' }, 'nueva', MSG_PROPIA],
    ['mismatch', { actual: 'la clave inicial larga', nueva: 'una nueva frase larga', confirmar: 'otra nueva frase larga' }, 'confirmar', MSG_DISTINTAS],
  ];
  for (const [what, f, field, msg] of cases) {
    const before = k.cuentasSnapshot(inst);
    const r = await a.post('/cuenta/clave', { csrf, ...f });
    assert.equal(r.status, 400, what);
    assert.deepEqual(h.fieldsWithErrors(r.text), [field], what);
    assert.equal(h.fieldError(r.text, field), msg, what);
    const after = k.cuentasSnapshot(inst);
    if (what === 'wrong current password') {
      // A wrong current password is a failed login: counted and audited, nothing else.
      assert.equal(Number(after.auditoria), Number(before.auditoria) + 1, what);
      assert.notEqual(after.intento, before.intento, `${what}: counted`);
      for (const t of ['claves', 'sesion', 'enlace', 'usuario']) assert.equal(after[t], before[t], `${what}: ${t}`);
    } else {
      assert.deepEqual(after, before, `${what}: nothing written`);
    }
  }
  assert.equal((await b.get('/ihce')).status, 200, 'b still in');
  const r = await a.post('/cuenta/clave', { csrf, actual: 'la clave inicial larga', nueva: 'una nueva frase larga', confirmar: 'una nueva frase larga' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/cuenta/clave?ok=1');
  assert.match(h.dataKMain((await a.get('/cuenta/clave?ok=1')).text, 'ok'), /Las demás sesiones/);
  assert.equal((await a.get('/ihce')).status, 200, 'this session goes on');
  const gone = await b.get('/ihce');
  assert.equal(gone.status, 303, 'the other session ended');
  assert.equal(gone.headers.location, '/login');
  assert.equal((await inst.client().login(d.login, 'la clave inicial larga')).status, 400, 'the old password no longer works');
  assert.equal((await inst.client().login(d.login, 'una nueva frase larga')).status, 303);
  assert.equal(inst.sql(`SELECT detalle FROM auditoria WHERE login = '${d.login}' AND accion = 'clave_cambiada'`), 'otras sesiones cerradas: 1');
  // A demo user of another role has the page too; without a session it redirects to login.
  const m = await h.loginAs(inst, h.MSPS);
  assert.equal((await m.get('/cuenta/clave')).status, 200);
  const anon = await inst.client().get('/cuenta/clave');
  assert.equal(anon.status, 303);
  assert.equal(anon.headers.location, '/login');
});

test('every password POST refuses a missing or foreign CSRF token and changes nothing', async () => {
  const d = await nuevoDelegado();
  const c = await h.loginAs(inst, h.DEL_NUEVO);
  const foreign = await inst.client().csrf('/login');
  const posts = [
    ['/clave/olvido', inst.client(), { usuario: d.login, correo: d.correo }],
    [`/clave/${d.token}`, inst.client(), { nueva: 'una frase bastante larga', confirmar: 'una frase bastante larga' }],
    ['/cuenta/clave', c, { actual: DEMO_PASSWORD, nueva: 'una frase bastante larga', confirmar: 'una frase bastante larga' }],
  ];
  for (const [path, client, fields] of posts) {
    await client.get(path === '/cuenta/clave' ? path : '/clave/olvido');
    for (const [what, tok] of [['no token', undefined], ['foreign token', foreign]]) {
      const before = k.cuentasSnapshot(inst);
      const r = await client.post(path, tok === undefined ? fields : { csrf: tok, ...fields });
      assert.equal(r.status, 403, `${path}: ${what}`);
      assert.deepEqual(k.cuentasSnapshot(inst), before, `${path}: ${what}`);
    }
  }
  assert.equal((await inst.client().get(`/clave/${d.token}`)).status, 200, 'the link still works');
});

test('the common-password list ships with the portal, generated, with thousands of entries', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const lines = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'db', 'claves_comunes.txt'), 'utf8')
    .split('\n').filter((l) => l && !l.startsWith('#'));
  assert.ok(lines.length >= 3000, `${lines.length} entries`);
  for (const x of ['contraseña123', '123456789012', 'colombia2025', 'password123!', 'qwertyuiop123']) {
    assert.ok(lines.includes(x), x);
  }
  assert.equal(new Set(lines).size, lines.length, 'no duplicates');
});

test('Cambiar contraseña: wrong current passwords count toward the lock, are audited, and the lock holds', async () => {
  const login = h.DEL_RECHAZADO;
  const c = await h.loginAs(inst, login);
  const change = async (actual) => {
    const page = await c.get('/cuenta/clave');
    return c.post('/cuenta/clave', { csrf: h.csrfOf(page.text), actual, nueva: 'una frase nueva y larga', confirmar: 'una frase nueva y larga' });
  };
  const fields = (await c.get('/cuenta/clave')).text;
  assert.ok(fields.includes('name="actual"'), 'the current-password field is named actual');
  for (let i = 0; i < 5; i++) {
    const r = await change('no es la clave ' + i);
    assert.equal(r.status, 400);
    assert.equal(h.fieldError(r.text, 'actual'), 'La contraseña actual no es correcta.');
  }
  assert.equal(h.num(inst, `SELECT count(*) FROM auditoria WHERE login = '${login}' AND accion = 'clave_actual_fallida'`), 5);
  // Locked now: even the right current password is refused, and nothing changes.
  const hash = inst.sql(`SELECT pass_hash FROM usuario WHERE login = '${login}'`);
  const r = await change(DEMO_PASSWORD);
  assert.equal(r.status, 400);
  assert.match(h.fieldError(r.text, 'actual'), /bloquead|Demasiados intentos/);
  assert.equal(inst.sql(`SELECT pass_hash FROM usuario WHERE login = '${login}'`), hash);
  assert.equal((await inst.client().login(login)).status, 429, 'the login is locked too');
});

test('the access log never holds a link\'s token or an activation code: they are masked', async () => {
  const d = await nuevoDelegado();
  const c = inst.client();
  assert.equal((await c.get(`/clave/${d.token}`)).status, 200);
  assert.equal((await c.get('/clave/' + d.token + '?x=1')).status, 200);
  const del = await h.loginAs(inst, h.DEL_LLAVES);
  await del.get('/ihce/activar?codigo=ABCD-EFGH-JKLM-NPQR');
  const log = await k.accessLog(inst, /"GET \/ihce\/activar\?/);
  assert.ok(!log.includes(d.token), 'the token is not in the log');
  assert.ok(!log.includes('ABCD-EFGH-JKLM-NPQR'), 'the code is not in the log');
  assert.match(log, /"GET \/clave\/\*\*\* HTTP\/1\.1" 200/);
  assert.match(log, /"GET \/clave\/\*\*\*\?x=1 HTTP\/1\.1" 200/);
  assert.match(log, /"GET \/ihce\/activar\?codigo=\*\*\* HTTP\/1\.1"/);
});
