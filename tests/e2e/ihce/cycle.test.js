// The whole IHCE key cycle through nginx: request, queue search and pagination, key
// assignment, viewing and revealing keys, re-request, key update with history, rejection,
// and two officials racing on the same request.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');

const NIT0 = '800100000';
const RAZON0 = 'Clínica San Rafael Bogotá';
const CODIGO0 = '110010001000';

let inst, del, msps;
let ent0, solId, keys1, keys2, resolId;
const ids = {};	// ambiente -> llave id of keys1

before(async () => {
  inst = await startPortal();
  ent0 = h.num(inst, `SELECT id FROM entidad WHERE nit = '${NIT0}'`);
  assert.ok(ent0 > 0);
});

after(async () => {
  if (inst) await inst.stop();
});

test('a delegate without a request: / leads to /ihce, which offers Inscripción token', async () => {
  del = await h.loginAs(inst, h.DEL_NUEVO);
  let r = await del.get('/');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/ihce');
  r = await del.get('/ihce');
  assert.equal(r.status, 200);
  assert.equal(h.dataKMain(r.text, 'estado'), 'No ha solicitado token');
  const main = h.mainOf(r.text);
  assert.match(main, /<a class="button primary" href="\/ihce\/solicitud">Inscripción token<\/a>/);
  assert.doesNotMatch(main, /<span class="button disabled"[^>]*>Inscripción token/);
  assert.match(main, /<span class="button disabled"[^>]*>Resolicitud token/);
  assert.doesNotMatch(main, /href="\/ihce\/llaves"/);
  // The header shows the session's entity.
  assert.equal(h.dataKAll(r.text, 'login')[0], h.DEL_NUEVO);
  assert.equal(h.dataKAll(r.text, 'nit')[0], `${NIT0}-1`);
  assert.equal(h.dataKAll(r.text, 'entidad')[0], RAZON0);
  assert.equal(h.dataKAll(r.text, 'codigo')[0], CODIGO0);

  r = await del.get('/ihce/solicitud');
  assert.equal(r.status, 200);
  for (const f of ['proveedor_tec', 'software', 'lider_nombre', 'lider_correo', 'lider_tel',
    'resp_nombre', 'resp_correo', 'resp_tel', 'acepta_terminos', 'autoriza_datos'])
    assert.match(r.text, new RegExp(`name="${f}"`), `the form has ${f}`);
  assert.equal(h.fieldsWithErrors(r.text).length, 0);
});

test('the delegate sends the request: 303, message, state; outbox and audit written with it', async () => {
  const before = h.snapshot(inst);
  const csrf = await del.csrf('/ihce/solicitud');
  const fields = h.solicitudFields(csrf);
  let r = await del.post('/ihce/solicitud', fields);
  assert.equal(r.status, 303, r.text.slice(0, 2000));
  assert.equal(r.headers.location, '/ihce?ok=1');

  r = await del.get('/ihce?ok=1');
  assert.equal(r.status, 200);
  assert.match(r.text, /¡Registro de solicitud de llaves creado con éxito!/);
  assert.equal(h.dataKMain(r.text, 'estado'), 'Token solicitado por primera vez');
  const main = h.mainOf(r.text);
  assert.doesNotMatch(main, /<a class="button primary" href="\/ihce\/solicitud">Inscripción token/);
  assert.match(main, /Ya tiene una solicitud pendiente/);

  // The message belongs to the redirect only.
  r = await del.get('/ihce');
  assert.doesNotMatch(r.text, /creado con éxito/);

  const rows = inst.sql(`SELECT id, tipo, estado, vigente, version, proveedor_tec, software, lider_nombre, lider_correo, lider_tel, resp_nombre, resp_correo, resp_tel, terminos_ts, terminos_ip, datos_ts, datos_ip, fecha FROM solicitud WHERE entidad_id = ${ent0}`).split('\n');
  assert.equal(rows.length, 1, 'one request row');
  const c = rows[0].split('|');
  solId = Number(c[0]);
  assert.deepEqual(c.slice(1, 13), ['inscripcion', 'pendiente', '1', '1', fields.proveedor_tec,
    fields.software, fields.lider_nombre, fields.lider_correo, fields.lider_tel,
    fields.resp_nombre, fields.resp_correo, fields.resp_tel]);
  const fecha = Number(c[17]);
  assert.ok(Math.abs(fecha - Date.now() / 1000) < 120, 'fecha is now');
  // Evidence of the acceptance of the terms and of the personal-data authorization.
  assert.deepEqual([Number(c[13]), c[14], Number(c[15]), c[16]], [fecha, '127.0.0.1', fecha, '127.0.0.1']);

  // The ministry is notified in the same transaction (same timestamp as the request).
  const mails = inst.correos(`id > ${before.correo}`);
  assert.equal(Number(h.num(inst, 'SELECT count(*) FROM correo')), Number(before.correo) + 1,
    'one notice (the demo has one MSPS user)');
  const m = mails[0];
  assert.equal(m.para, h.MSPS_CORREO);
  assert.match(m.asunto, new RegExp(`Nueva solicitud de llaves IHCE: ${RAZON0}`));
  assert.match(m.cuerpo, new RegExp(`solicitud ${solId}\\b`));
  assert.match(m.cuerpo, new RegExp(NIT0));
  assert.equal(m.estado, 'pendiente');
  assert.equal(Number(m.creado), fecha);

  const aud = inst.sql(`SELECT ts, login, rol, entidad_id, ip, detalle FROM auditoria WHERE accion = 'ihce_inscripcion' AND entidad_id = ${ent0}`).split('\n');
  assert.equal(aud.length, 1);
  assert.deepEqual(aud[0].split('|'), [String(fecha), h.DEL_NUEVO, 'securityAdmin_IHCE_IPS',
    String(ent0), '127.0.0.1', `solicitud ${solId}`]);
});

test('a second request while one is pending: 409, no new row, no notice', async () => {
  const before = h.snapshot(inst);
  let r = await del.get('/ihce/solicitud');
  assert.equal(r.status, 409);
  assert.match(r.text, /Ya tiene una solicitud pendiente/);
  const csrf = h.csrfOf(r.text);
  r = await del.post('/ihce/solicitud', h.solicitudFields(csrf, { software: 'Otro software' }));
  assert.equal(r.status, 409);
  assert.match(r.text, /Ya tiene una solicitud pendiente/);
  assert.deepEqual(h.snapshot(inst), before);
  assert.equal(h.num(inst, `SELECT count(*) FROM solicitud WHERE entidad_id = ${ent0}`), 1);
});

test('the delegate sees the detail of the own request', async () => {
  const home = await del.get('/ihce');
  assert.match(home.text, new RegExp(`href="/ihce/solicitudes/${solId}"`));
  const r = await del.get(`/ihce/solicitudes/${solId}`);
  assert.equal(r.status, 200);
  const main = h.mainOf(r.text);
  assert.match(main, /Token solicitado por primera vez/);
  assert.match(main, /HIS Andino 5\.2/);
  assert.match(main, /lider\.tecnico@clinica\.example\.co/);
});

test('MSPS finds the request by NIT, código, razón social without accents, and state', async () => {
  msps = await h.loginAs(inst, h.MSPS);
  let r = await msps.get('/');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/msps/asignar');

  const search = async (q) => {
    const res = await msps.get('/msps/asignar?q=' + encodeURIComponent(q));
    assert.equal(res.status, 200, `search ${q}`);
    return { total: Number(h.dataKMain(res.text, 'total').split(' ')[0]), rows: h.colaRows(res.text), html: res.text };
  };

  let s = await search(NIT0);
  assert.equal(s.total, 1);
  assert.equal(s.rows.length, 1);
  assert.deepEqual([s.rows[0].id, s.rows[0].nit, s.rows[0].codigo, s.rows[0].razon, s.rows[0].estado, s.rows[0].accion],
    [solId, NIT0, CODIGO0, RAZON0, 'Pendiente', 'Ingresar llaves']);
  assert.equal(h.inputValue(s.html, 'q'), NIT0, 'the search box keeps q');

  // NIT prefix.
  s = await search('8001000');
  assert.ok(s.rows.some((x) => x.id === solId));
  assert.ok(s.rows.every((x) => x.nit.startsWith('8001000')));

  // Código de habilitación prefix.
  s = await search('11001');
  assert.deepEqual(s.rows.map((x) => x.id), [solId]);

  // Razón social: part of it, lower case without accents; and upper case with accents.
  const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  for (const q of ['rafael bogota', 'clinica san rafael', 'CLÍNICA SAN RAFAEL BOGOTÁ', 'San Rafael Bogotá']) {
    s = await search(q);
    assert.ok(s.rows.some((x) => x.id === solId), `search "${q}" finds the entity`);
    assert.ok(s.rows.every((x) => fold(x.razon).includes(fold(q))), `search "${q}" only matches`);
  }

  // The exact state word, any case; a part of it matches nothing.
  const pend = h.num(inst, "SELECT count(*) FROM solicitud WHERE vigente = 1 AND estado = 'pendiente'");
  s = await search('PENDIENTE');
  assert.equal(s.total, pend);
  assert.ok(s.rows.length > 0 && s.rows.every((x) => x.estado === 'Pendiente'));
  s = await search('resolicitado');
  assert.ok(s.rows.length > 0 && s.rows.every((x) => x.estado === 'Resolicitado'));
  s = await search('pendient');
  assert.equal(s.total, 0);
  assert.match(s.html, /No hay entidades que coincidan/);

  // Something that matches nothing.
  s = await search('zzz no existe');
  assert.equal(s.total, 0);
  assert.equal(s.rows.length, 0);
});

test('the Asignar queue paginates 20 a page and keeps q in the page links', async () => {
  const total = h.num(inst, "SELECT count(*) FROM solicitud WHERE vigente = 1 AND estado IN ('pendiente','resolicitado')");
  assert.ok(total > 20 && total <= 40, `demo data gives two pages (${total})`);

  // Without a search.
  let r = await msps.get('/msps/asignar');
  assert.equal(Number(h.dataKMain(r.text, 'total').split(' ')[0]), total);
  let rows = h.colaRows(r.text);
  assert.equal(rows.length, 20);

  // With a search that matches every NIT of the demo.
  r = await msps.get('/msps/asignar?q=8001');
  assert.equal(r.status, 200);
  assert.equal(Number(h.dataKMain(r.text, 'total').split(' ')[0]), total);
  const p1 = h.colaRows(r.text);
  assert.equal(p1.length, 20);
  assert.deepEqual(p1.map((x) => x.n), Array.from({ length: 20 }, (_, i) => i + 1));
  let pg = h.pager(r.text);
  assert.ok(pg, 'page links');
  assert.equal(pg.prev, null, 'no Anterior on page 1');
  assert.equal(pg.next, '/msps/asignar?q=8001&p=2');
  assert.deepEqual(pg.pages, [{ n: 1, href: null }, { n: 2, href: '/msps/asignar?q=8001&p=2' }]);

  r = await msps.get(pg.next);
  assert.equal(r.status, 200);
  const p2 = h.colaRows(r.text);
  assert.equal(p2.length, total - 20);
  assert.equal(p2[0].n, 21);
  pg = h.pager(r.text);
  assert.equal(pg.prev, '/msps/asignar?q=8001&p=1');
  assert.match(r.text, /rel="prev">Anterior<\/a>/);
  assert.equal(pg.next, null, 'no Siguiente on the last page');
  assert.deepEqual(pg.pages, [{ n: 1, href: '/msps/asignar?q=8001&p=1' }, { n: 2, href: null }]);
  const all = new Set([...p1, ...p2].map((x) => x.id));
  assert.equal(all.size, total, 'pages do not overlap and cover the queue');
  assert.ok(all.has(solId));

  // A state search pages the same way.
  r = await msps.get('/msps/asignar?q=pendiente&p=1');
  assert.equal(r.status, 200);
  const pend = h.num(inst, "SELECT count(*) FROM solicitud WHERE vigente = 1 AND estado = 'pendiente'");
  pg = h.pager(r.text);
  if (pend > 20) assert.equal(pg.next, '/msps/asignar?q=pendiente&p=2');
  else assert.equal(pg, null, 'one page: no pager');
  rows = h.colaRows(r.text);
  assert.equal(rows.length, Math.min(pend, 20));
});

test('MSPS assigns the keys: 303, the request moves to Actualizar token as Asignado', async () => {
  let r = await msps.get(`/msps/solicitudes/${solId}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['cache-control'], 'no-store');
  assert.equal(h.dataKMain(r.text, 'nit'), `${NIT0}-1`);
  assert.equal(h.dataKMain(r.text, 'estado'), 'Pendiente');
  const main = h.mainOf(r.text);
  assert.match(main, /HIS Andino 5\.2/);
  assert.match(main, /Andrés Felipe Rojas Peña · lider\.tecnico@clinica\.example\.co · 3001234567/);
  assert.match(main, new RegExp(`action="/msps/solicitudes/${solId}/rechazar"`));
  const version = h.versionOf(r.text);
  assert.equal(version, 1);

  keys1 = h.llaves('k1');
  const before = h.snapshot(inst);
  r = await msps.post(`/msps/solicitudes/${solId}`, h.llaveFields(h.csrfOf(r.text), version, keys1));
  assert.equal(r.status, 200, h.mainOf(r.text));
  assert.deepEqual(h.snapshot(inst), before, 'the confirmation page writes nothing');
  r = await msps.post(`/msps/solicitudes/${solId}/confirmar`, h.formOf(r.text, `/msps/solicitudes/${solId}/confirmar`));
  assert.equal(r.status, 303, h.mainOf(r.text));
  assert.equal(r.headers.location, '/msps/asignar?ok=llaves');
  r = await msps.get(r.headers.location);
  assert.match(r.text, /Las llaves fueron guardadas y la entidad fue notificada\./);

  // The database: three current keys, sealed secrets, the request answered.
  const ll = inst.sql(`SELECT id, ambiente, client_id, vigente, solicitud_id, ${inst.hex('client_secret')} FROM llave WHERE entidad_id = ${ent0} ORDER BY id`).split('\n').map((x) => x.split('|'));
  assert.equal(ll.length, 3);
  for (const [i, a] of h.AMBIENTES.entries()) {
    ids[a] = Number(ll[i][0]);
    assert.deepEqual(ll[i].slice(1, 5), [a, keys1[a].client_id, '1', String(solId)]);
    assert.ok(!ll[i][5].includes(Buffer.from(keys1[a].client_secret).toString('hex').toUpperCase()),
      'the secret is not stored in clear');
    assert.ok(ll[i][5].length > 2 * keys1[a].client_secret.length, 'sealed secret is longer than the secret');
  }
  const mspsId = h.num(inst, `SELECT id FROM usuario WHERE login = '${h.MSPS}'`);
  assert.equal(inst.sql(`SELECT estado || '|' || version || '|' || respondio_id FROM solicitud WHERE id = ${solId}`),
    `asignado|2|${mspsId}`);
  const mail = inst.correos(`id > ${before.correo}`).map((x) => `${x.para}|${x.asunto}|${x.cuerpo}`).join('\n');
  assert.match(mail, /^delegado\.800100000@ips\.example\.co\|Llaves IHCE disponibles\|/);
  for (const a of h.AMBIENTES) assert.ok(!mail.includes(keys1[a].client_secret), 'no secret in the mail');
  const aud = inst.sql(`SELECT login || '|' || detalle FROM auditoria WHERE accion = 'ihce_asignar_llaves' AND id > ${before.auditoria}`);
  assert.equal(aud, `${h.MSPS}|solicitud ${solId} entidad ${NIT0} estado asignado ambientes cambiados: desarrollo,preproduccion,produccion`);

  // Queues: gone from Asignar token, in Actualizar token as Asignado.
  r = await msps.get(`/msps/asignar?q=${NIT0}`);
  assert.equal(h.colaRows(r.text).length, 0);
  r = await msps.get(`/msps/actualizar?q=${NIT0}`);
  const rows = h.colaRows(r.text);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0].id, rows[0].estado, rows[0].accion], [solId, 'Asignado', 'Actualizar llaves']);
});

test('the delegate sees the three ClientIDs with the secrets masked, no-store', async () => {
  let r = await del.get('/ihce');
  assert.equal(h.dataKMain(r.text, 'estado'), 'Se ha asignado el token');
  const main = h.mainOf(r.text);
  assert.match(main, /<a class="button primary" href="\/ihce\/solicitud">Resolicitud token<\/a>/);
  assert.match(main, /<a class="button" href="\/ihce\/llaves">Visualización de llaves<\/a>/);
  assert.doesNotMatch(main, /<a class="button primary" href="\/ihce\/solicitud">Inscripción token/);

  // Until the activation code of the mail is entered: the ClientIDs, no secret, no Mostrar.
  r = await del.get('/ihce/llaves');
  assert.equal(r.status, 200);
  assert.deepEqual(h.dataKAll(r.text, 'client_id'), h.AMBIENTES.map((a) => keys1[a].client_id));
  assert.deepEqual(h.dataKAll(r.text, 'client_secret'), Array(3).fill('Disponible al activar las llaves'));
  assert.doesNotMatch(r.text, /name="llave"/);
  assert.match(h.dataKMain(r.text, 'activar'), /aún no están activas/);
  await h.activar(inst, del, NIT0);

  r = await del.get('/ihce/llaves');
  assert.equal(r.status, 200);
  assert.equal(r.headers['cache-control'], 'no-store');
  assert.deepEqual(h.dataKAll(r.text, 'client_id'), h.AMBIENTES.map((a) => keys1[a].client_id));
  assert.deepEqual(h.dataKAll(r.text, 'client_secret'), ['••••••••••••', '••••••••••••', '••••••••••••']);
  for (const a of h.AMBIENTES) assert.ok(!r.text.includes(keys1[a].client_secret), `${a} secret not in the page`);
  const forms = [...r.text.matchAll(/name="llave" value="(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(forms, h.AMBIENTES.map((a) => ids[a]));
});

test('the expiry dates typed by MSPS are stored and shown as typed; a key near expiry is flagged', async () => {
  // The database.
  assert.deepEqual(inst.sql(`SELECT expira FROM llave WHERE entidad_id = ${ent0} ORDER BY id`).split('\n'),
    h.AMBIENTES.map((a) => keys1[a].expira));
  // The delegate's page.
  let r = await del.get('/ihce/llaves');
  assert.deepEqual(h.dataKAll(r.text, 'expira'), h.AMBIENTES.map((a) => h.fechaEs(keys1[a].expira)));
  assert.doesNotMatch(h.mainOf(r.text), /Vence en 30 días|Llaves vencidas/, 'a key for a year is not flagged');
  // The official's form (prefilled) and the history.
  r = await msps.get(`/msps/solicitudes/${solId}`);
  for (const a of h.AMBIENTES) assert.equal(h.inputValue(r.text, 'expira_' + a), keys1[a].expira);
  assert.deepEqual(h.historial(r.text).map((x) => x.expira), h.AMBIENTES.map((a) => h.fechaEs(keys1[a].expira)));
  // The demo entity whose keys expire in 20 days (ADMINHCEIPS800100370) sees the warning.
  const d = await h.loginAs(inst, 'ADMINHCEIPS800100370');
  r = await d.get('/ihce/llaves');
  assert.equal(r.status, 200);
  assert.deepEqual(h.dataKAll(r.text, 'expira'), Array(3).fill(h.fechaEs(h.fechaCol(20))));
  assert.equal((h.mainOf(r.text).match(/<p class="aviso">Vence en 30 días o menos<\/p>/g) || []).length, 3);
});

test('Mostrar reveals one environment\'s secret only, audited, no-store', async () => {
  const before = h.snapshot(inst);
  const csrf = await del.csrf('/ihce/llaves');
  const r = await del.post('/ihce/llaves/mostrar', { csrf, llave: String(ids.preproduccion) });
  assert.equal(r.status, 200);
  assert.equal(r.headers['cache-control'], 'no-store');
  assert.deepEqual(h.dataKAll(r.text, 'client_secret'),
    ['••••••••••••', keys1.preproduccion.client_secret, '••••••••••••']);
  assert.ok(!r.text.includes(keys1.desarrollo.client_secret));
  assert.ok(!r.text.includes(keys1.produccion.client_secret));
  const aud = inst.sql(`SELECT login, rol, entidad_id, ip, detalle FROM auditoria WHERE accion = 'ihce_mostrar_secreto' AND id > ${before.auditoria}`).split('\n');
  assert.equal(aud.length, 1);
  assert.deepEqual(aud[0].split('|'), [h.DEL_NUEVO, 'securityAdmin_IHCE_IPS', String(ent0), '127.0.0.1',
    `llave ${ids.preproduccion} ambiente preproduccion`]);
  assert.equal(h.num(inst, 'SELECT count(*) FROM auditoria'), Number(before.auditoria) + 1);

  // A reload masks it again.
  const again = await del.get('/ihce/llaves');
  assert.ok(!again.text.includes(keys1.preproduccion.client_secret));
});

test('Resolicitud token: state resolicitado, listed as Resolicitado in Asignar token', async () => {
  const before = h.snapshot(inst);
  let r = await del.get('/ihce/solicitud');
  assert.equal(r.status, 200);
  r = await del.post('/ihce/solicitud', h.solicitudFields(h.csrfOf(r.text), { software: 'HIS Andino 6' }));
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/ihce?ok=1');
  r = await del.get('/ihce');
  assert.equal(h.dataKMain(r.text, 'estado'), 'Resolicitud de token');
  assert.doesNotMatch(h.mainOf(r.text), /<a class="button primary" href="\/ihce\/solicitud">/);

  const cur = inst.sql(`SELECT id, tipo, estado FROM solicitud WHERE entidad_id = ${ent0} AND vigente = 1`).split('|');
  resolId = Number(cur[0]);
  assert.notEqual(resolId, solId);
  assert.deepEqual(cur.slice(1), ['resolicitud', 'resolicitado']);
  assert.equal(inst.sql(`SELECT estado || '|' || vigente FROM solicitud WHERE id = ${solId}`), 'asignado|0');
  assert.equal(h.num(inst, `SELECT count(*) FROM auditoria WHERE accion = 'ihce_resolicitud' AND id > ${before.auditoria}`), 1);
  assert.match(inst.correos(`id > ${before.correo}`).map((x) => `${x.para}|${x.cuerpo}`).join('\n'),
    new RegExp(`^${h.MSPS_CORREO}\\|.*resolicitud.*solicitud ${resolId}`));

  // Until the ministry answers, the current keys are still shown.
  r = await del.get('/ihce/llaves');
  assert.deepEqual(h.dataKAll(r.text, 'client_id'), h.AMBIENTES.map((a) => keys1[a].client_id));

  r = await msps.get(`/msps/asignar?q=${NIT0}`);
  const rows = h.colaRows(r.text);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0].id, rows[0].estado], [resolId, 'Resolicitado']);
  r = await msps.get(`/msps/actualizar?q=${NIT0}`);
  assert.equal(h.colaRows(r.text).length, 0);
});

test('MSPS enters new keys: reasignado; the old keys stay as history (Reemplazada)', async () => {
  let r = await msps.get(`/msps/solicitudes/${resolId}`);
  assert.equal(r.status, 200);
  assert.equal(h.dataKMain(r.text, 'estado'), 'Resolicitado');
  // The form comes prefilled with the current ClientIDs and dates, never the secrets.
  for (const a of h.AMBIENTES) {
    assert.equal(h.inputValue(r.text, 'client_id_' + a), keys1[a].client_id);
    assert.equal(h.inputValue(r.text, 'client_secret_' + a), '');
    assert.ok(!r.text.includes(keys1[a].client_secret));
  }
  keys2 = h.llaves('k2', 500);
  r = await h.guardarLlaves(msps, resolId, keys2);
  assert.equal(r.status, 303, h.mainOf(r.text));
  assert.equal(r.headers.location, '/msps/asignar?ok=llaves');
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${resolId}`), 'reasignado');

  const ll = inst.sql(`SELECT ambiente, client_id, vigente, CASE WHEN reemplazada IS NOT NULL THEN 1 ELSE 0 END FROM llave WHERE entidad_id = ${ent0} ORDER BY id`).split('\n');
  assert.deepEqual(ll, [
    ...h.AMBIENTES.map((a) => `${a}|${keys1[a].client_id}|0|1`),
    ...h.AMBIENTES.map((a) => `${a}|${keys2[a].client_id}|1|0`),
  ]);
  // The replaced rows are the same rows as before (not overwritten in place).
  assert.deepEqual(inst.sql(`SELECT id FROM llave WHERE entidad_id = ${ent0} AND vigente = 0 ORDER BY id`).split('\n').map(Number),
    h.AMBIENTES.map((a) => ids[a]));

  r = await msps.get(`/msps/solicitudes/${resolId}`);
  assert.equal(h.dataKMain(r.text, 'estado'), 'Reasignado');
  const hist = h.historial(r.text);
  assert.equal(hist.length, 6);
  for (const a of h.AMBIENTES) {
    const old = hist.find((x) => x.client_id === keys1[a].client_id);
    const cur = hist.find((x) => x.client_id === keys2[a].client_id);
    assert.ok(old && cur, `history lists both keys of ${a}`);
    assert.equal(old.estado, 'Reemplazada');
    assert.notEqual(old.reemplazada, '');
    assert.equal(cur.estado, 'Vigente');
  }
  r = await msps.get(`/msps/actualizar?q=${NIT0}`);
  assert.deepEqual(h.colaRows(r.text).map((x) => [x.id, x.estado]), [[resolId, 'Reasignado']]);

  // The delegate sees the new keys only; an old key can no longer be revealed.
  r = await del.get('/ihce');
  assert.equal(h.dataKMain(r.text, 'estado'), 'Se ha reasignado el token');
  r = await del.get('/ihce/llaves');
  assert.deepEqual(h.dataKAll(r.text, 'client_id'), h.AMBIENTES.map((a) => keys2[a].client_id));
  for (const a of h.AMBIENTES) assert.ok(!r.text.includes(keys1[a].client_id));
  const aud = h.num(inst, 'SELECT count(*) FROM auditoria');
  const csrf = h.csrfOf(r.text);
  const old = await del.post('/ihce/llaves/mostrar', { csrf, llave: String(ids.produccion) });
  assert.equal(old.status, 404);
  assert.ok(!old.text.includes(keys1.produccion.client_secret));
  assert.equal(h.num(inst, 'SELECT count(*) FROM auditoria'), aud, 'no audit row for a refused reveal');
  // The new keys wait for their own activation code.
  const newId0 = h.num(inst, `SELECT id FROM llave WHERE entidad_id = ${ent0} AND vigente = 1 AND ambiente = 'produccion'`);
  const early = await del.post('/ihce/llaves/mostrar', { csrf, llave: String(newId0) });
  assert.equal(early.status, 409);
  assert.ok(!early.text.includes(keys2.produccion.client_secret));
  await h.activar(inst, del, NIT0);
  const newId = h.num(inst, `SELECT id FROM llave WHERE entidad_id = ${ent0} AND vigente = 1 AND ambiente = 'produccion'`);
  const shown = await del.post('/ihce/llaves/mostrar', { csrf, llave: String(newId) });
  assert.equal(shown.status, 200);
  assert.deepEqual(h.dataKAll(shown.text, 'client_secret'), ['••••••••••••', '••••••••••••', keys2.produccion.client_secret]);
});

test('rejecting: an empty motivo is refused; with one, the delegate sees it and can request again', async () => {
  const nit = '800100074';
  const ent = h.num(inst, `SELECT id FROM entidad WHERE nit = '${nit}'`);
  const id = h.num(inst, `SELECT id FROM solicitud WHERE entidad_id = ${ent} AND vigente = 1 AND estado = 'pendiente'`);
  assert.ok(id > 0);
  let r = await msps.get(`/msps/solicitudes/${id}`);
  const csrf = h.csrfOf(r.text);
  const version = h.versionOf(r.text);

  for (const motivo of ['', '   \r\n  ']) {
    const before = h.snapshot(inst);
    r = await msps.post(`/msps/solicitudes/${id}/rechazar`, { csrf, version: String(version), motivo });
    assert.equal(r.status, 400, `motivo ${JSON.stringify(motivo)}`);
    assert.equal(h.errorSummary(r.text).text, 'Escriba el motivo del rechazo.');
    assert.equal(h.fieldError(r.text, 'motivo'), 'Escriba el motivo del rechazo (hasta 2000 caracteres): la entidad lo leerá.');
    assert.deepEqual(h.snapshot(inst), before, 'nothing changed');
  }
  // Too long: refused, and the text typed comes back.
  const long = 'Motivo extenso. '.repeat(130);
  r = await msps.post(`/msps/solicitudes/${id}/rechazar`, { csrf, version: String(version), motivo: long });
  assert.equal(r.status, 400);
  assert.equal(h.textareaValue(r.text, 'motivo'), long.trim());
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${id}`), 'pendiente');

  const motivo = 'El correo del líder técnico no es institucional: use <b>@ips.gov.co</b> & reenvíe.';
  const before = h.snapshot(inst);
  r = await msps.post(`/msps/solicitudes/${id}/rechazar`, { csrf, version: String(version), motivo });
  assert.equal(r.status, 200, h.mainOf(r.text));
  assert.deepEqual(h.snapshot(inst), before, 'asked first: nothing recorded');
  r = await msps.post(`/msps/solicitudes/${id}/rechazar/confirmar`, h.formOf(r.text, `/msps/solicitudes/${id}/rechazar/confirmar`));
  assert.equal(r.status, 303, h.mainOf(r.text));
  assert.equal(r.headers.location, '/msps/asignar?ok=rechazo');
  r = await msps.get(r.headers.location);
  assert.match(r.text, /La solicitud fue rechazada y la entidad fue notificada\./);
  assert.equal(inst.sql(`SELECT estado || '|' || motivo_rechazo || '|' || version FROM solicitud WHERE id = ${id}`),
    `rechazado|${motivo}|${version + 1}`);
  const mail = inst.correos(`id > ${before.correo}`).map((x) => `${x.para}|${x.asunto}|${x.cuerpo}`).join('\n');
  assert.ok(mail.startsWith(`delegado.${nit}@ips.example.co|Solicitud de llaves IHCE rechazada|`), mail);
  assert.ok(mail.includes(motivo));
  assert.equal(h.num(inst, `SELECT count(*) FROM auditoria WHERE accion = 'ihce_rechazar' AND id > ${before.auditoria}`), 1);

  // Rejecting it again is refused (the request is no longer pending).
  r = await msps.post(`/msps/solicitudes/${id}/rechazar`, { csrf, version: String(version + 1), motivo: 'otra vez' });
  assert.equal(r.status, 409);
  assert.equal(inst.sql(`SELECT motivo_rechazo FROM solicitud WHERE id = ${id}`), motivo);

  const d = await h.loginAs(inst, h.DEL_PENDIENTE);
  r = await d.get('/ihce');
  assert.equal(h.dataKMain(r.text, 'estado'), 'Solicitud rechazada');
  assert.equal(h.dataKMain(r.text, 'motivo'), h.htmlEscape(motivo), 'the reason, escaped');
  assert.ok(!r.text.includes('<b>@ips.gov.co</b>'));
  assert.match(h.mainOf(r.text), /<a class="button primary" href="\/ihce\/solicitud">Inscripción token<\/a>/);
  r = await d.get(`/ihce/solicitudes/${id}`);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(h.htmlEscape(motivo)));

  r = await d.get('/ihce/solicitud');
  assert.equal(r.status, 200);
  r = await d.post('/ihce/solicitud', h.solicitudFields(h.csrfOf(r.text), { lider_correo: 'lider@ips.gov.co' }));
  assert.equal(r.status, 303);
  const cur = inst.sql(`SELECT tipo || '|' || estado FROM solicitud WHERE entidad_id = ${ent} AND vigente = 1`);
  assert.equal(cur, 'inscripcion|pendiente');
  r = await d.get('/ihce');
  assert.equal(h.dataKMain(r.text, 'estado'), 'Token solicitado por primera vez');
  r = await msps.get(`/msps/asignar?q=${nit}`);
  assert.deepEqual(h.colaRows(r.text).map((x) => x.estado), ['Pendiente']);
});

test('two officials on the same request: the second gets 409 and the first one\'s keys stay', async () => {
  inst.portal(['user-add', 'CC1020304050', 'Rol_IHCE_MSPS', '900474727', 'Pedro Pérez (funcionario MSPS)',
    'pedro.perez@minsalud.example.co'], 'Portal-Demo-2026\n');
  const a = msps;
  const b = await h.loginAs(inst, 'CC1020304050');
  const nit = '800100259';
  const ent = h.num(inst, `SELECT id FROM entidad WHERE nit = '${nit}'`);
  const id = h.num(inst, `SELECT id FROM solicitud WHERE entidad_id = ${ent} AND vigente = 1 AND estado = 'pendiente'`);
  assert.ok(id > 0);

  const pa = await a.get(`/msps/solicitudes/${id}`);
  const pb = await b.get(`/msps/solicitudes/${id}`);
  assert.equal(h.versionOf(pa.text), h.versionOf(pb.text));
  const keysA = h.llaves('ofa');
  const keysB = h.llaves('ofb');
  const before = h.snapshot(inst);

  // Both reach their confirmation page; A confirms first.
  const conf = `/msps/solicitudes/${id}/confirmar`;
  const ca = await a.post(`/msps/solicitudes/${id}`, h.llaveFields(h.csrfOf(pa.text), h.versionOf(pa.text), keysA));
  const cb = await b.post(`/msps/solicitudes/${id}`, h.llaveFields(h.csrfOf(pb.text), h.versionOf(pb.text), keysB));
  assert.deepEqual([ca.status, cb.status], [200, 200]);
  let r = await a.post(conf, h.formOf(ca.text, conf));
  assert.equal(r.status, 303);
  r = await b.post(conf, h.formOf(cb.text, conf));
  assert.equal(r.status, 409);
  assert.match(r.text, /La solicitud cambió mientras usted la editaba/);
  assert.equal(h.dataKMain(r.text, 'estado'), 'Asignado', 'the page shows the current state');
  // A form sent after A's save is refused at once, what B typed kept.
  r = await b.post(`/msps/solicitudes/${id}`, h.llaveFields(h.csrfOf(pb.text), h.versionOf(pb.text), keysB));
  assert.equal(r.status, 409);
  assert.equal(h.inputValue(r.text, 'client_id_desarrollo'), keysB.desarrollo.client_id, 'what B typed is kept');

  assert.deepEqual(inst.sql(`SELECT client_id FROM llave WHERE entidad_id = ${ent} ORDER BY id`).split('\n'),
    h.AMBIENTES.map((x) => keysA[x].client_id));
  assert.equal(h.num(inst, `SELECT count(*) FROM llave WHERE client_id LIKE 'ofb-%'`), 0);
  const aId = h.num(inst, `SELECT id FROM usuario WHERE login = '${h.MSPS}'`);
  assert.equal(inst.sql(`SELECT estado || '|' || version || '|' || respondio_id FROM solicitud WHERE id = ${id}`), `asignado|2|${aId}`);
  assert.equal(h.num(inst, `SELECT count(*) FROM correo WHERE id > ${before.correo}`), 1, 'one notice');
  assert.equal(h.num(inst, `SELECT count(*) FROM auditoria WHERE id > ${before.auditoria} AND accion LIKE 'ihce_%'`), 1);

  // A stale reject is refused the same way.
  r = await b.post(`/msps/solicitudes/${id}/rechazar`, { csrf: h.csrfOf(pb.text), version: String(h.versionOf(pb.text)), motivo: 'tarde' });
  assert.equal(r.status, 409);
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${id}`), 'asignado');

  // After reloading, B can correct the keys (Actualizar token): A's keys become history.
  const again = await b.get(`/msps/solicitudes/${id}`);
  assert.equal(h.versionOf(again.text), 2);
  r = await h.guardarLlaves(b, id, keysB);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/msps/actualizar?ok=llaves');
  assert.equal(inst.sql(`SELECT estado || '|' || version FROM solicitud WHERE id = ${id}`), 'asignado|3');
  assert.deepEqual(inst.sql(`SELECT client_id || ':' || vigente FROM llave WHERE entidad_id = ${ent} ORDER BY id`).split('\n'),
    [...h.AMBIENTES.map((x) => keysA[x].client_id + ':0'), ...h.AMBIENTES.map((x) => keysB[x].client_id + ':1')]);
  assert.equal(h.num(inst, `SELECT count(*) FROM auditoria WHERE accion = 'ihce_actualizar_llaves' AND login = 'CC1020304050'`), 1);
});

test('after the whole cycle, the queue totals kept by triggers match the requests', async () => {
  const kept = inst.sql('SELECT cola || \'|\' || n FROM cola_total ORDER BY cola').split('\n');
  const counted = inst.sql(`SELECT c || '|' || (SELECT count(*) FROM solicitud WHERE vigente = 1 AND cola = c)
    FROM (SELECT 'actualizar' AS c UNION ALL SELECT 'asignar') AS colas ORDER BY c`).split('\n');
  assert.deepEqual(kept, counted);
  // And the pages show those totals.
  const msps = await h.loginAs(inst, h.MSPS);
  for (const line of kept) {
    const [cola, n] = line.split('|');
    const r = await msps.get('/msps/' + cola);
    assert.equal(h.dataKMain(r.text, 'total'), `${n} entidad(es)`);
  }
});
