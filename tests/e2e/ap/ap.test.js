// The AP web services (spec/ap.md) through nginx's AP port as the AP's client: POST /token
// (each OAuth error, the same answer for a wrong password and an unknown user, throttling
// per username), both services with good and bad records, duplicates, retractos of an
// unknown or another AP's radicado, a token of one service refused by the other, token
// expiry (lifetime shortened through PORTAL_AP_TOKEN_SEGUNDOS), and the services refused on
// the portal's main port.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { startPortal } = require('../../lib/portal.js');
const ap = require('../ap_helpers.js');

const { AP_A, AP_B, PASSWORD } = ap;
let inst, c;
before(async () => { inst = await startPortal(); c = ap.apClient(inst); });
after(async () => { if (inst) await inst.stop(); });

const count = (table, where = '1 = 1') => Number(inst.sql(`SELECT count(*) FROM ${table} WHERE ${where}`));

test('POST /token issues a 5-minute bearer token, stored only as its SHA-256', async () => {
  // Through curl, as the ministry's existing clients call it.
  const out = execFileSync('curl', ['-ks', '-D', '-', '-X', 'POST', `${inst.apBase}/token`,
    '-H', 'Content-Type: application/x-www-form-urlencoded',
    '--data-urlencode', 'grant_type=password', '--data-urlencode', `username=${AP_A.nit}`,
    '--data-urlencode', `password=${PASSWORD}`, '--data-urlencode', `client_id=${AP_A.afiliacion}`]).toString();
  const [head, body] = out.split('\r\n\r\n');
  assert.match(head, /^HTTP\/1\.1 200/);
  assert.match(head, /Cache-Control: no-store/i);
  assert.match(head, /Content-Type: application\/json/i);
  assert.doesNotMatch(head, /Set-Cookie/i, 'no cookies on the AP port');
  const j = JSON.parse(body);
  assert.deepEqual(Object.keys(j).sort(), ['access_token', 'expires_in', 'token_type']);
  assert.equal(j.token_type, 'bearer');
  assert.equal(j.expires_in, 300);
  assert.match(j.access_token, /^[A-Za-z0-9_-]{43}$/);
  const hash = crypto.createHash('sha256').update(j.access_token).digest('hex').toUpperCase();
  const rows = inst.rows(`SELECT ${inst.hex('token_hash')} AS h, expira - creado AS vida, e.nit FROM ap_token t JOIN entidad e ON e.id = t.entidad_id`);
  assert.deepEqual(rows, [{ h: hash, vida: 300, nit: AP_A.nit }]);
  assert.ok(!inst.volcado().includes(Buffer.from(j.access_token)),
    'the token itself is nowhere in the database');
  const audit = inst.rows(`SELECT accion, login, detalle FROM auditoria WHERE accion = 'ap_token'`);
  assert.deepEqual(audit, [{ accion: 'ap_token', login: AP_A.nit, detalle: 'ReportarAfiliaciontraslado' }]);
});

test('each OAuth error of /token, with the status the spec gives', async () => {
  const good = { grant_type: 'password', username: AP_A.nit, password: PASSWORD, client_id: AP_A.afiliacion };
  const cases = [
    [{ ...good, grant_type: undefined }, 400, 'invalid_request'],
    [{ ...good, grant_type: 'client_credentials' }, 400, 'unsupported_grant_type'],
    [{ ...good, username: undefined }, 400, 'invalid_request'],
    [{ ...good, password: '' }, 400, 'invalid_request'],
    [{ ...good, client_id: undefined }, 400, 'invalid_request'],
    [{ ...good, password: 'otra-clave-equivocada' }, 401, 'invalid_grant'],
    [{ ...good, client_id: AP_B.afiliacion }, 401, 'invalid_client'],
    [{ ...good, client_id: 'no-existe' }, 401, 'invalid_client'],
  ];
  const before = count('ap_token');
  for (const [f, status, error] of cases) {
    const fields = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
    const r = await ap.token(c, fields);
    assert.equal(r.status, status, JSON.stringify(fields));
    assert.equal(r.json.error, error, JSON.stringify(fields));
    assert.ok(r.json.error_description.length > 10, 'a Spanish description');
    assert.equal(r.json.access_token, undefined);
  }
  // Not a form: the JSON body of a confused client.
  const r = await c.request('POST', '/token', { headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(good) });
  assert.equal(r.status, 400);
  assert.equal(JSON.parse(r.text).error, 'invalid_request');
  assert.equal(count('ap_token'), before, 'no token issued');
  inst.sql(`DELETE FROM intento WHERE tipo = 'ap' AND clave = '${AP_A.nit}'`);
});

test('a wrong password and an unknown user get the same answer; failures are throttled', async () => {
  const wrong = await ap.token(c, { grant_type: 'password', username: AP_B.nit, password: 'mala-clave-1',
    client_id: AP_B.afiliacion });
  const unknown = await ap.token(c, { grant_type: 'password', username: '899999999', password: 'mala-clave-1',
    client_id: AP_B.afiliacion });
  assert.equal(wrong.status, 401);
  assert.deepEqual(unknown, { ...wrong, headers: unknown.headers }, 'identical status and body');
  // Four more failures reach five: then even the right password is refused, the same way.
  for (let i = 0; i < 4; i++) {
    const r = await ap.token(c, { grant_type: 'password', username: AP_B.nit, password: `mala-${i}`,
      client_id: AP_B.afiliacion });
    assert.equal(r.status, 401);
  }
  const locked = await ap.token(c, { grant_type: 'password', username: AP_B.nit, password: PASSWORD,
    client_id: AP_B.afiliacion });
  assert.equal(locked.status, 401);
  assert.deepEqual(locked.json, wrong.json, 'no hint that this one was throttled');
  // An unknown username is throttled just the same.
  for (let i = 0; i < 5; i++) {
    await ap.token(c, { grant_type: 'password', username: '899999999', password: `x-${i}`,
      client_id: AP_B.afiliacion });
  }
  const u = await ap.token(c, { grant_type: 'password', username: '899999999', password: 'x',
    client_id: AP_B.afiliacion });
  assert.deepEqual(u.json, wrong.json);
  assert.equal(count('ap_token', `entidad_id = (SELECT id FROM entidad WHERE nit = '${AP_B.nit}')`), 0);
  assert.ok(count('auditoria', `accion = 'ap_token_bloqueado' AND login = '${AP_B.nit}'`) >= 1);
  // Once the window is over (the row forgotten, as an administrator could), it works again.
  inst.sql(`DELETE FROM intento WHERE tipo = 'ap' AND clave = '${AP_B.nit}'`);
  assert.ok(await ap.tokenOf(c, AP_B, 'afiliacion'));
});

test('ReportarAfiliaciontraslado stores the valid records and reports each invalid one', async () => {
  const tok = await ap.tokenOf(c, AP_A, 'afiliacion');
  const r1 = ap.radicado('AFI'), r2 = ap.radicado('AFI'), r3 = ap.radicado('AFI');
  const body = [
    ap.afiliacion(r1),
    ap.afiliacion(r2, { numeroDocumento: '1.032.456.789' }),
    ap.afiliacion(r3, { tipoNovedad: 'AFILIACION', codigoAdministradoraOrigen: undefined,
      fechaNacimiento: '2030-01-01' }),
    ap.afiliacion('x', {}),
    'no soy un objeto',
  ];
  const r = await ap.call(c, '/ReportarAfiliaciontraslado', tok, body);
  assert.equal(r.status, 200);
  assert.equal(r.headers['www-authenticate'], undefined, 'a challenge only on a refusal');
  assert.equal(r.json.resultado, '200');
  assert.equal(r.json.codigo, '200');
  assert.match(r.json.mensaje, /5 registro\(s\): 1 aceptado\(s\), 4 rechazado\(s\)/);
  assert.deepEqual(r.json.registros.map((x) => [x.indice, x.radicado, x.codigo, x.campo]), [
    [0, r1, '200', undefined],
    [1, r2, '422', 'numeroDocumento'],
    [2, r3, '422', 'fechaNacimiento'],
    [3, 'x', '422', 'radicado'],
    [4, null, '422', undefined],
  ]);
  assert.match(r.json.registros[1].mensaje, /solo dígitos/);
  const rows = inst.rows(`SELECT radicado, tipo_doc, num_doc, primer_nombre, tipo_novedad, codigo_origen, e.nit FROM ap_afiliacion a JOIN entidad e ON e.id = a.entidad_id WHERE radicado IN ('${r1}', '${r2}', '${r3}')`);
  assert.deepEqual(rows, [{ radicado: r1, tipo_doc: 'CC', num_doc: '1032456789', primer_nombre: 'María',
    tipo_novedad: 'TRASLADO', codigo_origen: '25-14', nit: AP_A.nit }]);

  // One record alone (not a list), and the token without "Bearer ".
  const r4 = ap.radicado('AFI');
  const one = await ap.call(c, '/ReportarAfiliaciontraslado', tok,
    ap.afiliacion(r4, { tipoNovedad: 'afiliacion', codigoAdministradoraOrigen: null }), { prefix: false });
  assert.equal(one.status, 200);
  assert.deepEqual(one.json.registros.map((x) => x.codigo), ['200']);
  assert.equal(inst.sql(`SELECT tipo_novedad || '|' || coalesce(codigo_origen, 'NULL') FROM ap_afiliacion WHERE radicado = '${r4}'`), 'AFILIACION|NULL');
});

test('every field rule answers 422 with its field', async () => {
  const tok = await ap.tokenOf(c, AP_A, 'afiliacion');
  const cases = [
    [{ tipoDocumento: 'XX' }, 'tipoDocumento'],
    [{ tipoDocumento: 'TI', numeroDocumento: '12345' }, 'numeroDocumento'],
    [{ numeroDocumento: 1032456789 }, 'numeroDocumento'],
    [{ primerNombre: undefined }, 'primerNombre'],
    [{ primerApellido: '<script>' }, 'primerApellido'],
    [{ sexo: 'X' }, 'sexo'],
    [{ tipoNovedad: 'REINGRESO' }, 'tipoNovedad'],
    [{ codigoAdministradoraOrigen: undefined }, 'codigoAdministradoraOrigen'],
    [{ codigoAdministradoraDestino: '25-14' }, 'codigoAdministradoraDestino'],
    [{ codigoAdministradoraDestino: 'abc' }, 'codigoAdministradoraDestino'],
    [{ fechaSolicitud: '2026-02-30' }, 'fechaSolicitud'],
    [{ fechaSolicitud: '1990-01-01' }, 'fechaSolicitud'],
    [{ fechaEfectividad: ap.dia(20) }, 'fechaEfectividad'],
    [{ fechaNacimiento: '17/05/1990' }, 'fechaNacimiento'],
  ];
  const body = cases.map(([over]) => ap.afiliacion(ap.radicado('BAD'), over));
  const before = count('ap_afiliacion');
  const r = await ap.call(c, '/ReportarAfiliaciontraslado', tok, body);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.registros.map((x) => [x.codigo, x.campo]), cases.map(([, f]) => ['422', f]));
  for (const x of r.json.registros) assert.ok(x.mensaje.length > 5);
  assert.equal(count('ap_afiliacion'), before, 'nothing stored');
});

test('resending a radicado reports it as already received and stores it once', async () => {
  const tok = await ap.tokenOf(c, AP_A, 'afiliacion');
  const rad = ap.radicado('DUP');
  let r = await ap.call(c, '/ReportarAfiliaciontraslado', tok, [ap.afiliacion(rad)]);
  assert.equal(r.json.registros[0].codigo, '200');
  r = await ap.call(c, '/ReportarAfiliaciontraslado', tok,
    [ap.afiliacion(rad, { primerNombre: 'Otra' }), ap.afiliacion(rad)]);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.registros.map((x) => x.codigo), ['208', '208']);
  assert.match(r.json.registros[0].mensaje, /ya había sido recibido/);
  assert.equal(count('ap_afiliacion', `radicado = '${rad}'`), 1);
  assert.equal(inst.sql(`SELECT primer_nombre FROM ap_afiliacion WHERE radicado = '${rad}'`), 'María',
    'the first record is kept');
  // Another AP may use the same radicado: it is its own.
  const tb = await ap.tokenOf(c, AP_B, 'afiliacion');
  r = await ap.call(c, '/ReportarAfiliaciontraslado', tb, [ap.afiliacion(rad)]);
  assert.equal(r.json.registros[0].codigo, '200');
  assert.equal(count('ap_afiliacion', `radicado = '${rad}'`), 2);
});

test('a malformed body is 400 invalid_request and stores nothing', async () => {
  const tok = await ap.tokenOf(c, AP_A, 'afiliacion');
  const before = count('ap_afiliacion');
  const bodies = ['{"radicado": ', '', '[]', '42', '"texto"',
    JSON.stringify(Array.from({ length: 501 }, (_, i) => ({ radicado: `R-${i}` }))),
    '{"radicado":"RAD-1","radicado":"RAD-2"}'];
  for (const b of bodies) {
    const r = await ap.call(c, '/ReportarAfiliaciontraslado', tok, b);
    assert.equal(r.status, 400, b.slice(0, 40));
    assert.equal(r.json.error, 'invalid_request');
    assert.ok(r.json.error_description.length > 10);
    assert.doesNotMatch(r.json.error_description, /expected|near|duplicate|object key/, b.slice(0, 40));
  }
  // Over nginx's 256 KiB: refused before the portal, in the same shape.
  const big = await ap.call(c, '/ReportarAfiliaciontraslado', tok, 'x'.repeat(300 * 1024));
  assert.equal(big.status, 413);
  assert.equal(big.json.error, 'invalid_request');
  assert.equal(count('ap_afiliacion'), before);
});

test('ReportarRetractoAfiliacion: only the AP\'s own radicado, with its affiliate', async () => {
  const ta = await ap.tokenOf(c, AP_A, 'afiliacion');
  const tb = await ap.tokenOf(c, AP_B, 'afiliacion');
  const mine = ap.radicado('RET'), theirs = ap.radicado('RET');
  assert.equal((await ap.call(c, '/ReportarAfiliaciontraslado', ta, [ap.afiliacion(mine)])).json.registros[0].codigo, '200');
  assert.equal((await ap.call(c, '/ReportarAfiliaciontraslado', tb, [ap.afiliacion(theirs)])).json.registros[0].codigo, '200');

  const tr = await ap.tokenOf(c, AP_A, 'retracto');
  const r = await ap.call(c, '/ReportarRetractoAfiliacion', tr, [
    ap.retracto(mine),
    ap.retracto(theirs),
    ap.retracto(ap.radicado('NUNCA')),
    ap.retracto(mine, { numeroDocumento: '79000111' }),
    ap.retracto(mine, { motivo: '' }),
    ap.retracto(mine),
  ]);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.registros.map((x) => [x.codigo, x.campo]), [
    ['200', undefined], ['404', 'radicado'], ['404', 'radicado'], ['409', 'numeroDocumento'],
    ['422', 'motivo'], ['208', undefined]]);
  assert.match(r.json.mensaje, /6 registro\(s\): 2 aceptado\(s\), 4 rechazado\(s\)/);
  const rows = inst.rows(`SELECT t.radicado, e.nit, a.radicado AS de FROM ap_retracto t JOIN entidad e ON e.id = t.entidad_id JOIN ap_afiliacion a ON a.id = t.afiliacion_id`);
  assert.deepEqual(rows, [{ radicado: mine, nit: AP_A.nit, de: mine }]);
  assert.equal(count('ap_retracto', `radicado = '${theirs}'`), 0, 'the other AP\'s radicado untouched');
});

test('a token is good only for the service whose Client ID asked for it', async () => {
  const tAfi = await ap.tokenOf(c, AP_A, 'afiliacion');
  const tRet = await ap.tokenOf(c, AP_A, 'retracto');
  const before = count('ap_afiliacion') + count('ap_retracto');
  let r = await ap.call(c, '/ReportarRetractoAfiliacion', tAfi, [ap.retracto(ap.radicado())]);
  assert.equal(r.status, 403);
  assert.equal(r.json.error, 'insufficient_scope');
  r = await ap.call(c, '/ReportarAfiliaciontraslado', tRet, [ap.afiliacion(ap.radicado())]);
  assert.equal(r.status, 403);
  assert.equal(r.json.error, 'insufficient_scope');
  assert.equal(r.headers['www-authenticate'], 'Bearer realm="MinSalud AP", error="insufficient_scope"');
  assert.equal(count('ap_afiliacion') + count('ap_retracto'), before);
});

test('a missing, unknown or disabled service\'s token is 401 invalid_token', async () => {
  const rec = [ap.afiliacion(ap.radicado())];
  for (const tok of [null, '', 'Bearer ', 'no-es-un-token', crypto.randomBytes(32).toString('base64url')]) {
    const r = await ap.call(c, '/ReportarAfiliaciontraslado', tok, rec, { prefix: false });
    assert.equal(r.status, 401, String(tok));
    assert.equal(r.json.error, 'invalid_token');
    // RFC 6750 §3: no token, the realm alone; a refused token, its error code.
    const sent = tok !== null && tok.replace(/^Bearer +/, '') !== '';
    assert.equal(r.headers['www-authenticate'], sent
      ? 'Bearer realm="MinSalud AP", error="invalid_token"' : 'Bearer realm="MinSalud AP"', String(tok));
  }
  // The ministry turns the assignment off: its tokens stop working at once.
  const tok = await ap.tokenOf(c, AP_B, 'afiliacion');
  inst.sql(`UPDATE servicio_asignado SET activo = 0 WHERE client_id = '${AP_B.afiliacion}'`);
  const r = await ap.call(c, '/ReportarAfiliaciontraslado', tok, rec);
  assert.equal(r.status, 401);
  const t = await ap.token(c, { grant_type: 'password', username: AP_B.nit, password: PASSWORD, client_id: AP_B.afiliacion });
  assert.equal(t.status, 401);
  assert.equal(t.json.error, 'invalid_client');
  inst.sql(`UPDATE servicio_asignado SET activo = 1 WHERE client_id = '${AP_B.afiliacion}'`);
  inst.sql(`DELETE FROM intento WHERE tipo = 'ap' AND clave = '${AP_B.nit}'`);
});

test('the services answer only on the AP port, and the AP port serves nothing else', async () => {
  const main = inst.client();
  for (const p of ['/token', '/ReportarAfiliaciontraslado', '/ReportarRetractoAfiliacion']) {
    const r = await main.post(p, { grant_type: 'password', username: AP_A.nit, password: PASSWORD,
      client_id: AP_A.afiliacion });
    assert.equal(r.status, 404, `main port ${p}`);
    assert.doesNotMatch(r.text, /access_token/);
  }
  for (const p of ['/login', '/sat', '/msps/asignar', '/static/portal.css']) {
    const r = await c.get(p);
    assert.equal(r.status, 404, `AP port ${p}`);
    assert.equal(JSON.parse(r.text).error, 'invalid_request');
  }
  const r = await c.get('/token');
  assert.ok([404, 405].includes(r.status));
});

test('every call is measured, the failed ones with their incident', async () => {
  const rows = inst.rows(`SELECT servicio, estado, incidente, count(*) AS n, sum(CASE WHEN entidad_id IS NULL THEN 1 ELSE 0 END) AS anon FROM ap_medicion GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  const get = (s, e, i) => rows.find((x) => x.servicio === s && x.estado === e && x.incidente === i);
  assert.ok(get('token', 200, null).n >= 10);
  assert.ok(get('token', 400, 'validacion').n >= 6);
  assert.ok(get('token', 401, 'autenticacion').anon >= 7, 'unknown usernames, unattributed');
  assert.ok(get('ReportarAfiliaciontraslado', 400, 'validacion').n >= 7);
  assert.ok(get('ReportarAfiliaciontraslado', 401, 'autenticacion').anon >= 5);
  assert.equal(get('ReportarAfiliaciontraslado', 403, 'autenticacion').anon, 0, 'the token named its AP');
  assert.ok(get('ReportarAfiliaciontraslado', 200, 'validacion').n >= 2);
  assert.ok(inst.rows(`SELECT duracion_us FROM ap_medicion`).every((x) => x.duracion_us >= 0));
});

test('a token expires after the configured lifetime (PORTAL_AP_TOKEN_SEGUNDOS)', async () => {
  const short = await startPortal({ env: { PORTAL_AP_TOKEN_SEGUNDOS: '1' } });
  try {
    const sc = ap.apClient(short);
    const t = await ap.token(sc, { grant_type: 'password', username: AP_A.nit, password: PASSWORD,
      client_id: AP_A.afiliacion });
    assert.equal(t.json.expires_in, 1);
    // Wait until the portal's clock (whole seconds) is past the expiry, then call.
    const exp = Number(short.sql('SELECT expira FROM ap_token'));
    while (Date.now() / 1000 < exp + 1) await new Promise((r) => setTimeout(r, 200));
    const r = await ap.call(sc, '/ReportarAfiliaciontraslado', t.json.access_token,
      [ap.afiliacion(ap.radicado())]);
    assert.equal(r.status, 401);
    assert.equal(r.json.error, 'invalid_token');
    assert.match(r.json.error_description, /venció/);
    assert.equal(r.headers['www-authenticate'], 'Bearer realm="MinSalud AP", error="invalid_token"');
    assert.equal(Number(short.sql('SELECT count(*) FROM ap_afiliacion')), 0);
  } finally {
    await short.stop();
  }
});
