// nginx limits the public forms per client address (login and its second step,
// registration, password links, re-authentication) and answers the excess with a Spanish
// page; the rest of the site is not limited by it.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal');

let inst;
before(async () => { inst = await startPortal({ rate: '1r/m', burst: '2' }); });
after(async () => { await inst.stop(); });

test('past the burst, each public form gets 429 with a page in Spanish; other pages do not', async () => {
  const c = inst.client();
  // The zone is shared: three requests pass (one plus a burst of two), the next is refused.
  for (const p of ['/registro', '/clave/olvido', '/login']) {
    assert.equal((await c.get(p)).status, 200, p);
  }
  for (const p of ['/registro', '/registro/otro', '/clave/olvido', '/usuario/olvido', '/login', '/clave/' + 'x'.repeat(43)]) {
    const r = await c.get(p);
    assert.equal(r.status, 429, p);
    assert.match(r.text, /Demasiadas solicitudes/);
    assert.match(r.text, /Espere un minuto/);
  }
  const posted = await c.post('/login', { csrf: 'x', usuario: 'CC1', clave: 'y' });
  assert.equal(posted.status, 429);
  // Static files and the other pages are not in the zone.
  assert.equal((await c.get('/static/portal.css')).status, 200);
  const home = await c.get('/');
  assert.equal(home.status, 303);
  assert.equal((await c.get('/ihce')).status, 303, 'a protected page still redirects to /login');
});
