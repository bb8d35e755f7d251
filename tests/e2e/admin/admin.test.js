// The ministry administrator's role: its own home, and no way into the other roles' pages
// (nor they into its).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../../lib/portal');
const h = require('../helpers');

let inst;
before(async () => { inst = await startPortal(); });
after(async () => { await inst.stop(); });

test('the administrator logs in to /admin, and the header shows the role', async () => {
  const c = inst.client();
  const r = await c.login(h.ADMIN);
  assert.equal(r.status, 303);
  const home = await c.get(r.headers.location);
  assert.equal(home.status, 303);
  assert.equal(home.headers.location, '/admin');
  const page = await c.get('/admin');
  assert.equal(page.status, 200);
  assert.match(h.mainOf(page.text), /Administración del portal/);
  assert.match(page.text, /Administrador MSPS/);
});

test('the administrator gets 403 on the official\'s and the delegate\'s pages', async () => {
  const c = await h.loginAs(inst, h.ADMIN);
  for (const p of ['/msps/asignar', '/msps/ambientes', '/ihce', '/ihce/llaves']) {
    assert.equal((await c.get(p)).status, 403, p);
  }
});

test('the official and a delegate get 403 on /admin', async () => {
  for (const who of [h.MSPS, h.DEL_LLAVES]) {
    const c = await h.loginAs(inst, who);
    assert.equal((await c.get('/admin')).status, 403, who);
  }
});
