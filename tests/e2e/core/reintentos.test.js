// Concurrent writes on one row, each counted exactly once (issue 14 §1). On PostgreSQL the
// transactions are SERIALIZABLE: two failed logins from one address both read the address's
// failure count, then both write it, and PostgreSQL fails one with 40001 (DB_RETRY); the
// reservation's transaction runs again (db_tx_run, cgi/cuentas/intento.c), and a request
// that failed so elsewhere runs again whole while nothing of it committed
// (cgi/core/server.c). On SQLite the writers queue (BEGIN IMMEDIATE) and nothing runs twice. Either way every
// request gets its answer and every failure is counted once. Audited writes at once (the
// audit chain, one writer at a time) likewise: none gives up.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal, csrfOf } = require('../../lib/portal.js');

const N = 16;	// under INTENTO_DIRECCION_MAX (20): none is refused for the address; every worker
// may hash a password at once (PORTAL_CLAVES_SIMULTANEAS), so none is refused for that
let inst;

before(async () => {
  inst = await startPortal({ demo: false, workers: 4, env: { PORTAL_CLAVES_SIMULTANEAS: '4' } });
});
after(() => inst && inst.stop());

test(`${N} failed logins at once from one address: each answered 400, the address's count is ${N}`, async (t) => {
  const clients = [];
  for (let i = 0; i < N; i++) {
    const c = inst.client();
    c.csrf_ = csrfOf((await c.get('/login')).text);
    assert.ok(c.csrf_, 'a CSRF token');
    clients.push(c);
  }
  const login = (i) => `NADIE${String(i).padStart(2, '0')}`;
  const res = await Promise.all(clients.map((c, i) => c.post('/login',
    { csrf: c.csrf_, usuario: login(i), clave: `Clave-Equivocada-${i}` })));
  res.forEach((r, i) => assert.equal(r.status, 400, `${login(i)}: ${r.status} ${r.text.slice(0, 200)}`));
  assert.equal(inst.sql("SELECT fallos FROM intento WHERE tipo = 'login' AND clave = '' AND ip = '127.0.0.1'"),
    String(N), 'the address: one failure per request');
  assert.equal(inst.sql("SELECT count(*) || '|' || sum(fallos) FROM intento WHERE tipo = 'login' AND clave LIKE 'nadie%'"),
    `${N}|${N}`, 'each (login, address): one failure');
  assert.equal(inst.sql("SELECT count(*) || '|' || sum(fallos) FROM intento_seguido WHERE clave LIKE 'nadie%'"),
    `${N}|${N}`, 'each login: one consecutive failure');
  const again = (inst.log().match(/could not be serialized: running it again/g) || []).length;
  assert.doesNotMatch(inst.log(), /could not be serialized \(run/, 'no request gave up');
  t.diagnostic(`${inst.engine}: ${again} run(s) again after a serialization failure`);
});

// Audited writes at once (issue 14): each MIPRES entrega writes an audit row, and the chain
// lets one writer at a time extend it. On PostgreSQL a run that takes the audit writers'
// lock at its audit row, after its snapshot, fails whenever another request's row committed
// meanwhile; a request that changes data, and any run again, takes the lock at its begin
// (db_turno), so it cannot lose so. When only a run again took it there, 8 clients on 2
// workers saw a request give up after its fifth run within the first 40 entregas.
const P1 = '901500013';
const A = '/WSSUMMIPRESNOPBS/api';
test('120 MIPRES entregas, 8 at a time on 2 workers: each answered 200 and audited once, the chain intact', async (t) => {
  const m = await startPortal({ workers: 2 });
  try {
    const ids = /\(ID (\d+) a (\d+)\)/.exec(m.demo(['seed-mipres', '120']));
    const user = m.portal(['mipres-token', P1]).trim();
    const c = m.client();
    const tk = JSON.parse((await c.get(`${A}/GenerarToken/${P1}/${user}`)).text);
    const hoy = new Date(Date.now() - 5 * 3600e3).toISOString().slice(0, 10);
    const antes = Number(m.sql("SELECT count(*) FROM auditoria"));
    let next = Number(ids[1]);
    const status = [];
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next <= Number(ids[2])) {
        const id = next++;
        const r = await c.request('PUT', `${A}/Entrega/${P1}/${tk}`, { body: JSON.stringify({ ID: id,
          CodSerTecEntregado: '019971860-01', CantTotEntregada: '30', EntTotal: 1, CausaNoEntrega: null,
          FecEntrega: hoy, NoLote: 'L2026-11', TipoIDRecibe: 'CC', NoIDRecibe: '79000111' }),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
        status.push(`${r.status}${r.status === 200 ? '' : ' ' + r.text}`);
      }
    }));
    assert.deepEqual(status.filter((s) => s !== '200'), [], 'every entrega answered 200');
    assert.equal(status.length, 120);
    const [n, min, max] = m.sql("SELECT count(*) || ' ' || min(id) || ' ' || max(id) FROM auditoria")
      .split(' ').map(Number);
    assert.equal(n, antes + 120, 'one audit row per entrega');
    assert.equal(max - min + 1, n, 'consecutive ids');
    assert.match(m.portal(['audit-verify']), new RegExp(`^Cadena de auditoría íntegra: ${n} filas verificadas`));
    assert.doesNotMatch(m.log(), /could not be serialized \(run/, 'no request gave up');
    const again = (m.log().match(/could not be serialized: running it again/g) || []).length;
    t.diagnostic(`${m.engine}: ${again} run(s) again`);
  } finally {
    await m.stop();
  }
});
