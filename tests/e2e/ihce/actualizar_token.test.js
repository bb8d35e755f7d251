// Actualizar token and Rechazar ask before they write (issue 12 §3): the key form, once it
// validates, answers with a confirmation page (what changes per environment, secrets
// masked; the values sealed in one hidden field, never in clear) whose Confirmar alone
// writes; a blank ClientSecret keeps the stored one, so the official changes one
// environment without retyping the others'; Rechazar shows the reason and writes only on
// its own Confirmar. CSRF, the session and the version bind each confirmation.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal.js');
const h = require('../helpers.js');

const MASK = '••••••••••••';
const NIT_LLAVES = '800100037';
let inst, msps, del, solLlaves, solPend;

before(async () => {
  inst = await startPortal();
  msps = await h.loginAs(inst, h.MSPS);
  del = await h.loginAs(inst, h.DEL_LLAVES);
  solLlaves = h.num(inst, `SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '${NIT_LLAVES}' AND s.vigente = 1`);
  solPend = h.num(inst, "SELECT s.id FROM solicitud s JOIN entidad e ON e.id = s.entidad_id WHERE e.nit = '800100074' AND s.vigente = 1 AND s.estado = 'pendiente'");
  assert.ok(solLlaves > 0 && solPend > 0);
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${solLlaves}`), 'asignado');
});

after(async () => {
  if (inst) await inst.stop();
});

// The secret of each environment as the delegate sees it after Mostrar (activating the
// keys first when they wait for a code).
async function secretos(c, nit) {
  let r = await c.get('/ihce/llaves');
  if (h.dataKMain(r.text, 'activar') !== null) {
    await h.activar(inst, c, nit);
    r = await c.get('/ihce/llaves');
  }
  const ids = [...r.text.matchAll(/name="llave" value="(\d+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 3);
  const out = {};
  for (const [i, a] of h.AMBIENTES.entries()) {
    const s = await c.post('/ihce/llaves/mostrar', { csrf: h.csrfOf(r.text), llave: ids[i] });
    assert.equal(s.status, 200);
    out[a] = h.htmlDecode(h.dataKAll(h.mainOf(s.text), 'client_secret')[i]);
    assert.notEqual(out[a], MASK);
  }
  return out;
}

// The current keys of request sol's entity: ambiente -> { id, client_id, expira }.
function vigentes(sol) {
  const rows = inst.rows(`SELECT l.id, l.ambiente, l.client_id, l.expira FROM llave l JOIN solicitud s ON s.entidad_id = l.entidad_id WHERE s.id = ${sol} AND l.vigente = 1`);
  return Object.fromEntries(rows.map((x) => [x.ambiente, x]));
}

// The key form of request sol as the page prefills it, with changes.
async function formulario(sol, cambios = {}) {
  const page = await msps.get(`/msps/solicitudes/${sol}`);
  assert.equal(page.status, 200);
  return { ...h.formOf(page.text, `/msps/solicitudes/${sol}`), ...cambios };
}

test('the form says a blank ClientSecret keeps the stored one, where there is one', async () => {
  let r = await msps.get(`/msps/solicitudes/${solLlaves}`);
  for (const a of h.AMBIENTES) {
    assert.equal(h.inputValue(r.text, `client_secret_${a}`), '');
    assert.match(r.text, new RegExp(`<label for="f-client_secret_${a}">Client Secret</label>\\s*<p class="hint">Hay uno guardado \\(no se muestra\\)\\. Déjelo en blanco para conservarlo; escriba uno nuevo solo si cambia\\.</p>`));
  }
  r = await msps.get(`/msps/solicitudes/${solPend}`);
  for (const a of h.AMBIENTES)
    assert.match(r.text, new RegExp(`<label for="f-client_secret_${a}">Client Secret</label>\\s*<p class="hint">Este ambiente aún no tiene Client Secret: escríbalo`));
  assert.doesNotMatch(r.text, /data-confirm=/, 'no browser dialog: the confirmation is a page');
});

test('changing one environment keeps the others\' secrets: confirmation first, nothing written before Confirmar', async () => {
  const antes = await secretos(del, NIT_LLAVES);
  const v0 = vigentes(solLlaves);
  const nuevo = `Sec.prod~${Date.now()}`;
  const f = await formulario(solLlaves, { client_id_produccion: 'prod-nuevo-cid', client_secret_produccion: nuevo });
  for (const a of ['desarrollo', 'preproduccion']) assert.equal(f[`client_secret_${a}`], '');
  const before = h.snapshot(inst);
  let r = await msps.post(`/msps/solicitudes/${solLlaves}`, f);
  assert.equal(r.status, 200, h.mainOf(r.text).slice(0, 1500));
  assert.match(r.headers['cache-control'], /no-store/);
  assert.deepEqual(h.snapshot(inst), before, 'nothing written by the form');
  const main = h.mainOf(r.text);
  assert.match(h.dataKMain(r.text, 'confirmar'), /aún no se ha guardado nada/);
  assert.equal(h.dataKMain(r.text, 'cambio-desarrollo'), 'Sin cambios: se conservan las llaves actuales.');
  assert.equal(h.dataKMain(r.text, 'cambio-preproduccion'), 'Sin cambios: se conservan las llaves actuales.');
  assert.equal(h.dataKMain(r.text, 'cambio-produccion'), 'Cambian: se registrarán llaves nuevas y las actuales quedarán en el historial.');
  assert.equal(h.dataKMain(r.text, 'client_secret-desarrollo'), 'Se conserva el guardado (no se muestra)');
  assert.equal(h.dataKMain(r.text, 'client_secret-produccion'), `${MASK} (nuevo: reemplaza el guardado)`);
  assert.match(main, new RegExp(`data-k="client_id-produccion">prod-nuevo-cid <span class="hint">\\(antes: ${v0.produccion.client_id}\\)</span>`));
  assert.ok(!r.text.includes(nuevo), 'the new secret is not in the page, in clear');
  for (const a of h.AMBIENTES) assert.ok(!r.text.includes(antes[a]), `${a}: no stored secret in the page`);
  // The values travel sealed in one field; Confirmar and Cancelar.
  const conf = h.formOf(r.text, `/msps/solicitudes/${solLlaves}/confirmar`);
  assert.deepEqual(Object.keys(conf).sort(), ['csrf', 'sellado', 'version']);
  assert.match(conf.sellado, /^[A-Za-z0-9_-]{100,}$/);
  assert.match(main, /<button type="submit" class="button primary">Confirmar<\/button> <a class="button" href="\/msps\/solicitudes\/\d+">Cancelar<\/a>/);

  r = await msps.post(`/msps/solicitudes/${solLlaves}/confirmar`, conf);
  assert.equal(r.status, 303, h.mainOf(r.text).slice(0, 1500));
  assert.equal(r.headers.location, '/msps/actualizar?ok=llaves');
  const v1 = vigentes(solLlaves);
  assert.equal(v1.desarrollo.id, v0.desarrollo.id, 'an unchanged environment keeps its key row');
  assert.equal(v1.preproduccion.id, v0.preproduccion.id);
  assert.notEqual(v1.produccion.id, v0.produccion.id);
  assert.equal(v1.produccion.client_id, 'prod-nuevo-cid');
  assert.equal(inst.sql(`SELECT detalle FROM auditoria WHERE accion = 'ihce_actualizar_llaves' ORDER BY id DESC LIMIT 1`),
    `solicitud ${solLlaves} entidad ${NIT_LLAVES} estado asignado ambientes cambiados: produccion`);
  // As the delegate sees them: the two untouched secrets as before, the new one.
  const despues = await secretos(del, NIT_LLAVES);
  assert.deepEqual(despues, { desarrollo: antes.desarrollo, preproduccion: antes.preproduccion, produccion: nuevo });

  // Only a date: a new row for that environment, its secret kept (sealed to the new row).
  const blob = inst.sql(`SELECT ${inst.hex('client_secret')} FROM llave WHERE id = ${v1.desarrollo.id}`);
  r = await h.guardarLlaves(msps, solLlaves, null, { expira_desarrollo: h.fechaCol(400) });
  assert.equal(r.status, 303, h.mainOf(r.text).slice(0, 1500));
  const v2 = vigentes(solLlaves);
  assert.notEqual(v2.desarrollo.id, v1.desarrollo.id);
  assert.equal(v2.desarrollo.expira, h.fechaCol(400));
  assert.notEqual(inst.sql(`SELECT ${inst.hex('client_secret')} FROM llave WHERE id = ${v2.desarrollo.id}`), blob, 'sealed again to its row');
  assert.equal(v2.produccion.id, v1.produccion.id);
  assert.deepEqual(await secretos(del, NIT_LLAVES), despues);
});

test('a confirmation is asked only once the form validates; a blank secret with none stored is an error', async () => {
  const before = h.snapshot(inst);
  // A request without keys: each blank ClientSecret is refused, one invalid ClientID too.
  let r = await msps.post(`/msps/solicitudes/${solPend}`, await formulario(solPend, {
    client_id_desarrollo: 'nuevo-dev', expira_desarrollo: h.fechaCol(90), client_id_preproduccion: 'no vale',
    expira_preproduccion: h.fechaCol(90), client_id_produccion: 'nuevo-prod', expira_produccion: h.fechaCol(90) }));
  assert.equal(r.status, 400);
  assert.doesNotMatch(r.text, /\/confirmar"/, 'no confirmation');
  assert.deepEqual(h.fieldsWithErrors(r.text), ['client_secret_desarrollo', 'client_id_preproduccion',
    'client_secret_preproduccion', 'client_secret_produccion']);
  assert.equal(h.fieldError(r.text, 'client_secret_desarrollo'), 'Escriba el Client Secret: este ambiente aún no tiene uno guardado que se pueda conservar.');
  assert.deepEqual(h.snapshot(inst), before);
  // Valid: the confirmation, still nothing written.
  const k = h.llaves('conf');
  const page = await msps.get(`/msps/solicitudes/${solPend}`);
  r = await msps.post(`/msps/solicitudes/${solPend}`, h.llaveFields(h.csrfOf(page.text), h.versionOf(page.text), k));
  assert.equal(r.status, 200);
  for (const a of h.AMBIENTES) {
    assert.equal(h.dataKMain(r.text, `cambio-${a}`), 'Llaves nuevas: este ambiente aún no tiene llaves.');
    assert.equal(h.dataKMain(r.text, `client_secret-${a}`), `${MASK} (nuevo)`);
    assert.equal(h.dataKMain(r.text, `expira-${a}`), h.fechaEs(k[a].expira));
    assert.ok(!r.text.includes(k[a].client_secret));
  }
  assert.deepEqual(h.snapshot(inst), before, 'the confirmation page writes nothing');
  // Cancelar is a link back to the request: still nothing written.
  const back = await msps.get(`/msps/solicitudes/${solPend}`);
  assert.equal(back.status, 200);
  assert.deepEqual(h.snapshot(inst), before);

  // Actualizar token with nothing changed: refused, no confirmation.
  r = await msps.post(`/msps/solicitudes/${solLlaves}`, await formulario(solLlaves));
  assert.equal(r.status, 400);
  assert.match(h.mainOf(r.text), /No cambió ningún ambiente/);
  assert.doesNotMatch(r.text, /\/confirmar"/);
  assert.deepEqual(h.snapshot(inst), before);
});

test('the confirm step refuses a missing or foreign CSRF token, another session\'s or a tampered seal, a stale version', async () => {
  const page = await msps.get(`/msps/solicitudes/${solPend}`);
  let r = await msps.post(`/msps/solicitudes/${solPend}`, h.llaveFields(h.csrfOf(page.text), h.versionOf(page.text), h.llaves('csrf')));
  assert.equal(r.status, 200);
  const conf = h.formOf(r.text, `/msps/solicitudes/${solPend}/confirmar`);
  const path = `/msps/solicitudes/${solPend}/confirmar`;
  const otra = await h.loginAs(inst, h.MSPS);	// the same official, another session
  const otraCsrf = await otra.csrf(`/msps/solicitudes/${solPend}`);
  const before = h.snapshot(inst);
  assert.equal((await msps.post(path, { ...conf, csrf: 'x'.repeat(43) })).status, 403);
  assert.equal((await msps.post(path, { sellado: conf.sellado, version: conf.version })).status, 403);
  assert.equal((await otra.post(path, conf)).status, 403, 'the first session\'s token');
  r = await otra.post(path, { ...conf, csrf: otraCsrf });
  assert.equal(r.status, 400, 'sealed for another session');
  assert.match(h.mainOf(r.text), /La confirmación no es válida o venció/);
  const t = conf.sellado;
  const i = Math.floor(t.length / 2);
  r = await msps.post(path, { ...conf, sellado: t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1) });
  assert.equal(r.status, 400, 'tampered');
  r = await msps.post(path, { ...conf, version: String(Number(conf.version) + 1) });
  assert.equal(r.status, 400, 'another version');
  assert.deepEqual(h.snapshot(inst), before, 'nothing written');
  // The genuine one still works, once: its version is then stale (409).
  r = await msps.post(path, conf);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/msps/asignar?ok=llaves');
  r = await msps.post(path, conf);
  assert.equal(r.status, 409);
  assert.match(h.mainOf(r.text), /La solicitud cambió mientras usted la editaba/);
});

test('Rechazar asks for confirmation: the reason is shown, the rejection is recorded only on Confirmar', async () => {
  const sol = h.num(inst, "SELECT s.id FROM solicitud s WHERE s.vigente = 1 AND s.estado = 'pendiente' ORDER BY s.id LIMIT 1");
  const page = await msps.get(`/msps/solicitudes/${sol}`);
  const motivo = 'Falta el certificado "RUT" <actualizado>.\nEnvíelo de nuevo & vuelva a solicitar.';
  const before = h.snapshot(inst);
  let r = await msps.post(`/msps/solicitudes/${sol}/rechazar`, { csrf: h.csrfOf(page.text), version: String(h.versionOf(page.text)), motivo });
  assert.equal(r.status, 200);
  assert.deepEqual(h.snapshot(inst), before, 'nothing recorded yet');
  assert.match(h.dataKMain(r.text, 'confirmar'), /¿Rechazar esta solicitud\?/);
  assert.equal(h.htmlDecode(h.dataKMain(r.text, 'motivo')), motivo);
  const path = `/msps/solicitudes/${sol}/rechazar/confirmar`;
  const conf = h.formOf(r.text, path);
  assert.deepEqual(Object.keys(conf).sort(), ['csrf', 'sellado', 'version']);
  assert.match(h.mainOf(r.text), /<button type="submit" class="button danger">Confirmar el rechazo<\/button> <a class="button" href="\/msps\/solicitudes\/\d+">Cancelar<\/a>/);
  // Without its CSRF token: refused.
  assert.equal((await msps.post(path, { sellado: conf.sellado, version: conf.version })).status, 403);
  assert.deepEqual(h.snapshot(inst), before);
  // An empty reason never reaches the confirmation.
  r = await msps.post(`/msps/solicitudes/${sol}/rechazar`, { csrf: conf.csrf, version: conf.version, motivo: '  ' });
  assert.equal(r.status, 400);
  assert.doesNotMatch(r.text, /rechazar\/confirmar/);
  // Confirmed: recorded with the reason as typed.
  r = await msps.post(path, conf);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/msps/asignar?ok=rechazo');
  assert.equal(inst.sql(`SELECT estado FROM solicitud WHERE id = ${sol}`), 'rechazado');
  assert.equal(inst.rows(`SELECT motivo_rechazo FROM solicitud WHERE id = ${sol}`)[0].motivo_rechazo.replace(/\r\n/g, '\n'), motivo);
});
