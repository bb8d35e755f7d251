// Expiry warnings of IHCE keys: at 90, 45, 30 and 7 days before the date a mail goes to
// the entity's delegate and to the request's líder técnico, each threshold once, whether
// the mailer process or the `portal avisos` cron command finds it, through many passes and
// a restart of the portal. The ministry's queue flags the entities whose keys expire soon.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal');
const h = require('../helpers');

let inst;
const NIT20 = '800100370';	// the demo entity whose keys expire in 20 days
const LIDER = 'lider.tecnico@ips.example.co';	// the demo requests' líder técnico
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, what, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (check()) return; await sleep(100); }
  assert.fail('timed out waiting for ' + what);
}

// Entities (NITs) whose current keys all expire in more than 100 days, in the actualizar queue.
function lejanas() {
  return inst.sql(`SELECT e.nit FROM entidad e JOIN solicitud s ON s.entidad_id = e.id AND s.vigente = 1 AND s.cola = 'actualizar'
    WHERE (SELECT min(expira) FROM llave l WHERE l.entidad_id = e.id AND l.vigente = 1) > '${h.fechaCol(100)}' ORDER BY e.id`).split('\n');
}

// Moves entity nit's current keys to expire days from today (Colombia).
function expiraEn(nit, days) {
  inst.sql(`UPDATE llave SET expira = '${h.fechaCol(days)}' WHERE vigente = 1 AND entidad_id = (SELECT id FROM entidad WHERE nit = '${nit}')`);
}

// How many warnings of days to address para are in the outbox.
function avisos(para, days) {
  return h.num(inst, `SELECT count(*) FROM correo WHERE para = '${para}' AND asunto = 'Sus llaves IHCE vencen en ${days} días'`);
}

const delegado = (nit) => `delegado.${nit}@ips.example.co`;

// Makes the mailer prove it did a pass after now: a fresh entity's keys move to 7 days and
// its warning must appear. Returns that entity's NIT.
async function pasada(pool) {
  const nit = pool.shift();
  expiraEn(nit, 7);
  await waitFor(() => avisos(delegado(nit), 7) === 1, `the mailer's warning for ${nit}`);
  return nit;
}

before(async () => { inst = await startPortal(); });
after(async () => { await inst.stop(); });

test('the demo entity whose keys expire in 20 days is warned once, delegate and líder técnico', async () => {
  await waitFor(() => avisos(delegado(NIT20), 20) === 1, 'the warning of the 20-day keys');
  const ent = h.num(inst, `SELECT id FROM entidad WHERE nit = '${NIT20}'`);
  const mails = inst.correos("asunto = 'Sus llaves IHCE vencen en 20 días'");
  const mine = mails.filter((m) => m.cuerpo.includes(`NIT ${NIT20}`));
  assert.deepEqual(mine.map((m) => m.para).sort(), [delegado(NIT20), LIDER]);
  const { cuerpo } = mine.find((m) => m.para === LIDER);
  for (const amb of ['Desarrollo', 'Preproducción', 'Producción']) {
    assert.match(cuerpo, new RegExp(`- ${amb}: vence el ${h.fechaCol(20)} \\(en 20 días\\)`));
  }
  assert.match(cuerpo, /Resolicitud token/);
  // The 30-day threshold was sent; the farther ones are recorded as passed.
  const avs = inst.sql(`SELECT a.umbral || ':' || a.omitido FROM aviso_vencimiento a JOIN llave l ON l.id = a.llave_id WHERE l.entidad_id = ${ent} ORDER BY l.id, a.umbral DESC`).split('\n');
  assert.deepEqual(avs, ['90:1', '45:1', '30:0', '90:1', '45:1', '30:0', '90:1', '45:1', '30:0']);
  const aud = inst.sql(`SELECT detalle FROM auditoria WHERE accion = 'aviso_vencimiento' AND detalle LIKE 'entidad ${NIT20} %'`);
  assert.match(aud, new RegExp(`^entidad ${NIT20} umbral 30 dias 20 llaves \\d+,\\d+,\\d+$`));
  // The cron command finds nothing more to send.
  assert.match(inst.portal(['avisos']), /^0 aviso\(s\) de vencimiento/);
  assert.equal(avisos(delegado(NIT20), 20), 1);
  assert.equal(avisos(LIDER, 20), new Set(inst.correos("asunto = 'Sus llaves IHCE vencen en 20 días'").map((m) => m.cuerpo)).size);
});

test('each threshold (90, 45, 30, 7) is sent once through many passes and a restart', async () => {
  const pool = lejanas();
  assert.ok(pool.length >= 8, `enough demo entities with far keys (${pool.length})`);
  const nit = pool.shift();
  const sent = {};
  for (const days of [90, 45, 30, 7]) {
    expiraEn(nit, days);
    // Either the cron command or the mailer process queues it, never both.
    const out = inst.portal(['avisos']);
    assert.match(out, /^[01] aviso\(s\) de vencimiento/);
    await waitFor(() => avisos(delegado(nit), days) === 1, `the ${days}-day warning`);
    await pasada(pool);
    await pasada(pool);
    assert.match(inst.portal(['avisos']), /^0 aviso\(s\)/);
    sent[days] = 1;
    for (const d of Object.keys(sent)) {
      assert.equal(avisos(delegado(nit), d), 1, `${d}-day warning to the delegate, once`);
      assert.equal(inst.correos(`para = '${LIDER}' AND asunto = 'Sus llaves IHCE vencen en ${d} días'`)
        .filter((m) => m.cuerpo.includes(`NIT ${nit}`)).length, 1, `${d}-day warning to the líder técnico, once`);
    }
  }
  const ent = h.num(inst, `SELECT id FROM entidad WHERE nit = '${nit}'`);
  assert.equal(inst.lista(`SELECT a.umbral || ':' || a.omitido FROM aviso_vencimiento a JOIN llave l ON l.id = a.llave_id WHERE l.entidad_id = ${ent} AND l.ambiente = 'produccion' ORDER BY a.umbral DESC`),
    '90:0,45:0,30:0,7:0');

  // A restart: the new mailer passes (proved by fresh warnings) and repeats nothing.
  const total = h.num(inst, 'SELECT count(*) FROM correo');
  await inst.restart();
  await pasada(pool);
  await pasada(pool);
  assert.equal(h.num(inst, 'SELECT count(*) FROM correo'), total + 4, 'only the two new entities were warned');
  for (const d of [90, 45, 30, 7]) assert.equal(avisos(delegado(nit), d), 1);
  assert.equal(avisos(delegado(NIT20), 20), 1);
  assert.match(inst.portal(['avisos']), /^0 aviso\(s\)/);
});

test('an expired key, or one expiring in more than 90 days, is not warned', async () => {
  const [a, b] = lejanas();
  expiraEn(a, 91);
  inst.sql(`UPDATE llave SET expira = '${h.fechaCol(-1)}' WHERE vigente = 1 AND entidad_id = (SELECT id FROM entidad WHERE nit = '${b}')`);
  const before = h.num(inst, 'SELECT count(*) FROM correo');
  assert.match(inst.portal(['avisos']), /^0 aviso\(s\)/);
  assert.equal(h.num(inst, 'SELECT count(*) FROM correo'), before);
});

test('the Actualizar token queue flags keys expiring within 30 days and filters them', async () => {
  const msps = await h.loginAs(inst, h.MSPS);
  let r = await msps.get(`/msps/actualizar?q=${NIT20}`);
  assert.equal(r.status, 200);
  assert.equal(h.colaRows(r.text).length, 1);
  assert.equal(h.dataKMain(r.text, 'vence'), 'Vence en 20 días');
  // A far one has no badge; a near one says its days.
  const [lejos, cerca] = lejanas();
  r = await msps.get(`/msps/actualizar?q=${lejos}`);
  assert.equal(h.colaRows(r.text).length, 1);
  assert.equal(h.dataKMain(r.text, 'vence'), null);
  expiraEn(cerca, 3);
  r = await msps.get(`/msps/actualizar?q=${cerca}`);
  assert.equal(h.dataKMain(r.text, 'vence'), 'Vence en 3 días');

  // "Por vencer" lists exactly the entities with a key expiring within 30 days, nearest first.
  r = await msps.get('/msps/actualizar');
  assert.match(r.text, /href="\/msps\/actualizar\?vence=1"[^>]*>Por vencer/);
  r = await msps.get('/msps/actualizar?vence=1');
  assert.equal(r.status, 200);
  const want = inst.sql(`SELECT e.nit FROM solicitud s JOIN entidad e ON e.id = s.entidad_id
    JOIN (SELECT entidad_id, min(expira) AS x FROM llave WHERE vigente = 1 GROUP BY entidad_id) v ON v.entidad_id = s.entidad_id
    WHERE s.vigente = 1 AND s.cola = 'actualizar' AND v.x <= '${h.fechaCol(30)}' ORDER BY v.x, s.fecha, s.id`).split('\n');
  const got = h.colaRows(r.text);
  assert.deepEqual(got.map((x) => x.nit), want);
  assert.ok(want.includes(NIT20) && want.includes(cerca) && !want.includes(lejos));
  assert.equal(h.dataKMain(r.text, 'total'), `${want.length} entidad(es)`);
  assert.equal(h.dataKAll(h.mainOf(r.text), 'vence').length, want.length, 'every row has its badge');
  // The key that expired yesterday (test above) comes first, then the one in 3 days.
  assert.deepEqual(h.dataKAll(h.mainOf(r.text), 'vence').slice(0, 2), ['Llaves vencidas', 'Vence en 3 días']);
  // The filter is not open to a delegate.
  const del = await h.loginAs(inst, h.DEL_LLAVES);
  assert.equal((await del.get('/msps/actualizar?vence=1')).status, 403);
});
