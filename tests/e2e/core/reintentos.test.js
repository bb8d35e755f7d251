// Concurrent writes on one row, each counted exactly once (issue 14 §1). On PostgreSQL the
// transactions are SERIALIZABLE: two failed logins from one address both read the address's
// failure count, then both write it, and PostgreSQL fails one with 40001 (DB_RETRY); the
// server runs that request again (cgi/core/server.c), since nothing of it committed. On
// SQLite the writers queue (BEGIN IMMEDIATE) and nothing runs twice. Either way every
// request gets its answer and every failure is counted once.
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
