// Pages that fit the screen (issue 12 §1, §2), in headless Chromium at a laptop's 1366x768
// and a phone's 390x844: the MIPRES lines show their state and next actions inside the
// screen, no page scrolls sideways as a whole (wide data scrolls only inside a named,
// focusable region), the AP chart scales, the phone header leaves room for the page, and a
// confirmation is a success (role="status"), never the error box.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startPortal } = require('../lib/portal.js');
const b = require('./browser.js');

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const DISP = 'CC1040500010';	// Rol_MIPRES_Dispensador of 901500013

// Today in Colombia (UTC-5), YYYY-MM-DD: the demo's direccionamientos are dated today.
const dia = (d = 0) => new Date(Date.now() - 5 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);
const LISTA = () => `/mipres/direccionamientos?por=fecha&fecha=${dia()}`;

let inst, browser, watcher;
const open = [];

before(async () => {
  const [p, c] = await Promise.allSettled([startPortal(), b.launch()]);
  if (p.status === 'fulfilled') inst = p.value;
  if (c.status === 'fulfilled') browser = c.value;
  for (const x of [p, c]) if (x.status === 'rejected') throw x.reason;
  watcher = new b.Watcher(inst.base);
});

after(async () => {
  for (const c of open) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (inst) await inst.stop();
});

// A new page logged in as user.
async function pageAs(user) {
  const p = await b.openPage(browser, inst.base, watcher);
  open.push(p.context);
  await b.login(p.page, inst.base, user, undefined, inst);
  return p.page;
}

// How wide the document is against the viewport: { scroll, viewport }.
const anchura = (page) => page.evaluate(() => ({
  scroll: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));

// The rectangle of every action link of the MIPRES list, with its line and text.
const accionesRect = (page) => page.locator('ol[data-k="lineas"] [data-k="accion"]').evaluateAll((as) =>
  as.map((a) => {
    const r = a.getBoundingClientRect();
    return { linea: a.closest('li.linea').dataset.id, texto: a.textContent, left: r.left, right: r.right,
      width: r.width, height: r.height };
  }));

test('MIPRES Direccionamientos: each line\'s state and actions are inside the screen at both sizes', async () => {
  const page = await pageAs(DISP);
  for (const vp of [LAPTOP, PHONE]) {
    await page.setViewportSize(vp);
    const r = await page.goto(inst.base + LISTA());
    assert.equal(r.status(), 200);
    const lineas = await page.locator('ol[data-k="lineas"] > li').count();
    assert.ok(lineas >= 4, `the demo's lines of today (${lineas})`);
    const acc = await accionesRect(page);
    assert.ok(acc.length >= 3, 'the demo lines offer actions');
    for (const a of acc) {
      assert.ok(a.width > 0 && a.height > 0, `${a.texto} of line ${a.linea} is shown at ${vp.width}`);
      assert.ok(a.left >= 0 && a.right <= vp.width, `${a.texto} of line ${a.linea} at x=${a.left}..${a.right} fits ${vp.width}`);
    }
    // The state of every line is shown (not folded into its detail), next to its actions.
    for (const e of await page.locator('ol[data-k="lineas"] > li [data-k="estado"]').all()) {
      assert.ok(await e.isVisible());
      assert.match(await e.textContent(), /^(Direccionamiento|Programación|Entrega|Reporte de entrega|Suministro): (Activo|Procesado|Anulado)$/);
    }
    // The first action of the first line is in the first screen at the laptop size; on the
    // phone it is reached by scrolling down only.
    const primera = page.locator('ol[data-k="lineas"] [data-k="accion"]').first();
    await primera.scrollIntoViewIfNeeded();
    const box = await primera.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width,
      `the first action is in view at ${vp.width}x${vp.height}`);
    const w = await anchura(page);
    assert.ok(w.scroll <= w.viewport, `no sideways scroll at ${vp.width}: ${w.scroll}`);
    await b.screenshot(page, `pantallas-mipres-lista-${vp.width}`);
  }
  // The detail of a line is one click away: its steps' states and ids.
  const linea = page.locator('ol[data-k="lineas"] > li').first();
  const det = linea.locator('[data-k="est-direccionamiento"]');
  assert.equal(await det.isVisible(), false, 'folded');
  await linea.getByText('Detalle de la línea').click();
  assert.ok(await det.isVisible());
  assert.ok(await linea.locator('[data-k="cantidad"]').isVisible());
  watcher.assertClean('the MIPRES list');
});

test('a MIPRES save is confirmed in the success style (role="status"), not in the error box', async () => {
  const page = await pageAs(DISP);
  await page.setViewportSize(PHONE);
  await page.goto(inst.base + LISTA());
  const linea = page.locator('ol[data-k="lineas"] > li', { has: page.locator('[data-accion="programar"]') }).first();
  const id = await linea.getAttribute('data-id');
  let r = await b.navigate(page, () => linea.getByRole('link', { name: 'Programar' }).click());
  assert.equal(r.status(), 200);
  await page.getByLabel('Código de la sede (CodSedeProv)', { exact: true }).fill('PROV000777');
  r = await b.navigate(page, () => page.getByRole('button', { name: 'Registrar programación' }).click());
  assert.equal(r.status(), 200);
  assert.match(new URL(page.url()).pathname, /^\/mipres\/registro\/programacion\/\d+$/);
  const ok = page.getByRole('status');
  assert.equal((await ok.textContent()).trim(), 'El registro quedó guardado.');
  assert.equal(await ok.getAttribute('class'), 'exito');
  assert.equal(await page.getByRole('alert').count(), 0, 'nothing in the error box');
  assert.equal(await page.locator('main .alert').count(), 0);
  // The success and error styles differ at a glance.
  const color = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(await color('.exito'), 'rgb(253, 236, 238)', 'not the error box\'s pink');
  assert.equal(inst.sql(`SELECT estado FROM mipres_paso WHERE linea_id = ${id} AND tipo = 'P'`), '1');
  await b.screenshot(page, 'pantallas-mipres-guardado-390');
  watcher.assertClean('the MIPRES save');
});
