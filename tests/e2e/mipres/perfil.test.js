// A dispenser's delegate administers its dispensadores (Administrar autorizados), and the
// perfil "Consulta de direccionamientos" only consults: the list and its CSV, no action links,
// and every route that writes (or shows a form that would) answers 403 with nothing written.
// Changing the perfil to "Dispensación" opens them at the next request.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, dataK } = require('../../lib/portal.js');
const h = require('../helpers.js');
const { linkToken, setPassword } = require('../cuentas_helpers.js');

const DEL = 'ADMINMIPRESPROV901500013', CLAVE = 'Consulta-Mipres-2026';
let inst, del, id, linea, prog;

before(async () => {
  inst = await startPortal();
  del = await h.loginAs(inst, DEL);
  // A line of this dispenser with a live programación (demo data).
  [{ linea, prog }] = inst.rows("SELECT linea_id AS linea, id AS prog FROM mipres_paso " +
    "WHERE tipo = 'P' AND estado = 1 AND prov_nit = '901500013' ORDER BY id LIMIT 1");
});
after(() => inst && inst.stop());

// The option values of <select name="name">, without the empty prompt.
function options(html, name) {
  const m = new RegExp(`<select[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  assert.ok(m, `select ${name}`);
  return [...m[1].matchAll(/<option value="([^"]*)"/g)].map((x) => x[1]).filter((v) => v !== '');
}

const escrito = () => inst.sql("SELECT (SELECT count(*) || ':' || sum(estado) FROM mipres_paso) || ' ' || " +
  "(SELECT count(*) FROM mipres_token) || ' ' || (SELECT count(*) FROM auditoria WHERE accion LIKE 'mipres%')");

test('the dispenser\'s delegate authorizes a dispensador with the consultation perfil', async () => {
  let r = await del.get('/mipres');
  assert.match(r.text, /href="\/autorizados" data-k="enlace-autorizados"/);
  r = await del.get('/autorizados/nuevo');
  assert.equal(r.status, 200);
  assert.deepEqual(options(r.text, 'rol'), ['Rol_MIPRES_Dispensador'], 'only what a dispenser may authorize');
  assert.deepEqual(options(r.text, 'perfil'), ['2', '3']);
  const sede = options(r.text, 'sede')[0];
  r = await del.post('/autorizados/nuevo', { csrf: h.csrfOf(r.text), tipo_doc: 'CC', num_doc: '52777001',
    sexo: 'M', correo: 'consulta@dispensadora.example.co', primer_nombre: 'Luis', segundo_nombre: '',
    primer_apellido: 'Pardo', segundo_apellido: '', rol: 'Rol_MIPRES_Dispensador', perfil: '3', sede });
  assert.equal(r.status, 303, h.mainOf(r.text));
  [{ id }] = inst.rows("SELECT r.id FROM rol_asignado r JOIN usuario u ON u.id = r.usuario_id " +
    "JOIN entidad e ON e.id = r.entidad_id WHERE u.login = 'CC52777001' AND e.nit = '901500013' " +
    "AND r.rol = 'Rol_MIPRES_Dispensador' AND r.perfil_id = 3");
  const s = await setPassword(inst, linkToken(inst, 'consulta@dispensadora.example.co'), CLAVE);
  assert.ok(s.status < 400, h.mainOf(s.text));
});

test('the consultation perfil sees the lines and their CSV, and changes nothing', async () => {
  const c = inst.client();
  assert.equal((await c.login('CC52777001', CLAVE)).status, 303);
  let r = await c.get('/mipres');
  assert.equal(r.status, 200);
  assert.ok(dataK(r.text, 'solo-consulta'));
  for (const k of ['enlace-token', 'enlace-cargue', 'enlace-ambito', 'enlace-autorizados'])
    assert.equal(dataK(r.text, k), null, `no ${k}`);
  const presc = inst.sql(`SELECT no_prescripcion FROM mipres_linea WHERE id = ${linea}`);
  r = await c.get(`/mipres/direccionamientos?por=prescripcion&prescripcion=${presc}`);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`<li class="linea" data-id="${linea}"`));
  assert.doesNotMatch(r.text, /data-k="accion"/, 'no action links');
  assert.equal(dataK(r.text, 'sin-acciones'), 'Su perfil es de consulta.');
  r = await c.get(`/mipres/direccionamientos?por=prescripcion&prescripcion=${presc}&formato=csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/csv/);

  const antes = escrito();
  const csrf = h.csrfOf((await c.get('/cuenta/clave')).text);
  assert.ok(csrf);
  for (const p of [`/mipres/programar/${linea}`, `/mipres/entregar/${linea}`, `/mipres/reportar/${linea}`,
    '/mipres/ambito', '/mipres/token', '/mipres/cargue', `/mipres/anular/programacion/${prog}`]) {
    assert.equal((await c.get(p)).status, 403, `GET ${p}`);
    assert.equal((await c.post(p, { csrf, CantTotEntregada: '1' })).status, 403, `POST ${p}`);
  }
  assert.equal(escrito(), antes, 'nothing written');
  assert.equal((await c.get(`/mipres/registro/programacion/${prog}`)).status, 200, 'a record can be read');
  assert.equal((await c.get('/autorizados')).status, 403, 'not a delegate');

  // The delegate gives the dispensación perfil: the next request may write.
  r = await del.get(`/autorizados/${id}`);
  r = await del.post(`/autorizados/${id}`, { csrf: h.csrfOf(r.text), perfil: '2',
    sede: options(r.text, 'sede')[0], sexo: 'M', correo: 'consulta@dispensadora.example.co',
    primer_nombre: 'Luis', segundo_nombre: '', primer_apellido: 'Pardo', segundo_apellido: '' });
  assert.equal(r.status, 303, h.mainOf(r.text));
  r = await c.get(`/mipres/anular/programacion/${prog}`);
  assert.equal(r.status, 200);
  assert.equal(dataK((await c.get('/mipres')).text, 'solo-consulta'), null);
});

test('the EPS and the IHCE delegates do not administer a dispenser\'s people', async () => {
  const eps = await h.loginAs(inst, 'ADMINMIPRESEPSC901234561');
  assert.equal((await eps.get('/autorizados')).status, 403);
  assert.equal(dataK((await eps.get('/mipres')).text, 'enlace-autorizados'), null);
  // Another dispenser's delegate does not see this one's people.
  const otro = await h.loginAs(inst, 'ADMINMIPRESPROV901500021');
  assert.equal((await otro.get(`/autorizados/${id}`)).status, 404);
  assert.doesNotMatch((await otro.get('/autorizados')).text, /52777001/);
});
