// SAT for Cajas de Compensación Familiar, the module's gate: the role reaches /sat only;
// without the ministry's activation the autorizado reads why; the terms and the privacy
// policy come first, and the answer is recorded (who, entity, version, when, from where);
// declining keeps the module closed; the CCF's delegate administers the autorizados.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, csrfOf, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');

const CCF_A = 'CC1020300010';	// autorizado SAT, Caja Andina (module active)
const CCF_C = 'CC1020300030';	// autorizado SAT, Caja del Llano (module not active)
const DELEGADO = 'ADMINSATCCF892300110';

let inst;
before(async () => { inst = await startPortal(); });
after(async () => { if (inst) await inst.stop(); });

const terminos = (login) => inst.rows(`SELECT t.version, t.acepto, t.ip, e.nit FROM sat_terminos t JOIN usuario u ON u.id = t.usuario_id JOIN entidad e ON e.id = t.entidad_id WHERE u.login = '${login}' ORDER BY t.id`);

test('an autorizado answers the terms first; declining keeps the module closed', async () => {
  const c = await h.loginAs(inst, CCF_A);
  assert.equal((await c.get('/')).headers.location, '/sat', 'home of the role');
  let r = await c.get('/sat');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/sat/terminos');
  r = await c.get('/sat/terminos');
  assert.equal(r.status, 200);
  assert.match(h.mainOf(r.text), /Política de tratamiento y retención de datos/);
  const version = dataK(r.text, 'version');
  assert.match(version, /^\d{4}-\d{2}$/);

  r = await c.post('/sat/terminos', { decision: 'acepto' });
  assert.equal(r.status, 403, 'no CSRF token, nothing recorded');
  assert.equal(terminos(CCF_A).length, 0);

  r = await c.post('/sat/terminos', { csrf: csrfOf((await c.get('/sat/terminos')).text),
    decision: 'no_acepto' });
  assert.equal(r.status, 303);
  r = await c.get('/sat/terminos');
  assert.ok(dataK(r.text, 'declinado'), 'the page says the module stays closed');
  assert.equal((await c.get('/sat')).headers.location, '/sat/terminos');
  assert.deepEqual(terminos(CCF_A).map((t) => [t.version, t.acepto, t.nit]),
    [[version, 0, '892300110']]);

  r = await c.post('/sat/terminos', { csrf: csrfOf(r.text), decision: 'quizas' });
  assert.equal(r.status, 400);
  assert.equal(terminos(CCF_A).length, 1, 'an unknown answer records nothing');

  r = await c.post('/sat/terminos', { csrf: csrfOf((await c.get('/sat/terminos')).text),
    decision: 'acepto' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/sat');
  r = await c.get('/sat');
  assert.equal(r.status, 200);
  assert.ok(dataK(r.text, 'compartir'), 'Compartir servicios de la entidad');
  assert.ok(dataK(r.text, 'asignar-clave'), 'Asignar contraseña');
  const rows = terminos(CCF_A);
  assert.deepEqual(rows.map((t) => t.acepto), [0, 1]);
  assert.equal(rows[1].ip, '127.0.0.1');
  const audit = inst.rows(`SELECT accion FROM auditoria a JOIN usuario u ON u.id = a.usuario_id WHERE u.login = '${CCF_A}' AND accion LIKE 'sat_terminos%' ORDER BY a.id`);
  assert.deepEqual(audit.map((a) => a.accion), ['sat_terminos_no_acepto', 'sat_terminos_acepto']);
});

test('without the ministry activation the autorizado reads why, and nothing else opens', async () => {
  const c = await h.loginAs(inst, CCF_C);
  let r = await c.get('/sat');
  assert.equal(r.status, 200);
  assert.ok(dataK(r.text, 'sat-inactiva') !== null, 'explains the module is not active');
  assert.match(h.mainOf(r.text), /Ministerio/);
  r = await c.get('/sat/terminos');
  assert.equal(r.status, 403);
  r = await c.post('/sat/terminos', { csrf: csrfOf((await c.get('/sat')).text), decision: 'acepto' });
  assert.equal(r.status, 403);
  assert.equal(terminos(CCF_C).length, 0);
});

test('the CCF delegate administers autorizados, not the services; other roles are refused', async () => {
  const d = await h.loginAs(inst, DELEGADO);
  assert.equal((await d.get('/')).headers.location, '/autorizados');
  let r = await d.get('/autorizados');
  assert.equal(r.status, 200);
  assert.match(h.mainOf(r.text), /CC1020300010|1020300010/, 'lists the Caja\'s autorizado');
  r = await d.get('/autorizados/nuevo');
  assert.match(r.text, /<option value="Rol_SAT_CCF">Autorizado SAT \(servicios web de la Caja\)<\/option>/, 'the role it may authorize, by its label');
  assert.doesNotMatch(r.text, /Delegado administrativo IHCE/);
  assert.equal((await d.get('/sat')).status, 403);
  for (const login of [h.DEL_LLAVES, 'CC1010202030']) {
    const o = await h.loginAs(inst, login);
    assert.equal((await o.get('/sat')).status, 403, `${login} is not a CCF`);
  }
  const a = await h.loginAs(inst, CCF_A);
  assert.equal((await a.get('/autorizados')).status, 403, 'an autorizado is not a delegate');
  assert.equal((await a.get('/ihce')).status, 403);
});
