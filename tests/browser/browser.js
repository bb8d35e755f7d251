// Shared setup of the browser tests: headless Chromium (playwright-core) against a portal
// started by tests/lib/portal.js, with a watcher that records every console error, page
// error, failed request, failed static file and CSP violation of every page visited.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { ROOT, DEMO_PASSWORD, secretOf, totpAt, totpStep } = require('../lib/portal.js');

const SCREENSHOTS = path.join(ROOT, 'tests', 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

// Reports every CSP violation on the console, where the watcher sees it (init scripts run
// outside the page's CSP).
const CSP_REPORTER = `document.addEventListener('securitypolicyviolation', function (e) {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
    ' at ' + e.sourceFile + ':' + e.lineNumber);
}, true);`;

// Everything the pages of one test run did wrong, and every document they loaded.
class Watcher {
  constructor(base) {
    this.base = base;
    this.problems = [];	// strings: console errors, page errors, failed requests
    this.documents = [];	// { method, url, status, csp }
    this.expected = [];	// [method, path, status]: a document with an error status on purpose
  }

  // A document answer with error status expected (a form sent back with its errors).
  expect(method, pathname, status) {
    this.expected.push([method, pathname, status]);
  }

  isExpected(url, status, method) {
    const u = new URL(url);
    if (u.origin !== this.base) return false;
    return this.expected.some(([m, p, s]) => (method === undefined || m === method) &&
      p === u.pathname && (status === undefined || s === status));
  }

  attach(page) {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const loc = m.location();
      // Chromium logs "Failed to load resource: ... status of 400" for a document answered
      // with an error status; those the test asked for are not a problem.
      const st = /status of (\d{3})/.exec(m.text());
      if (st && loc.url && this.isExpected(loc.url, Number(st[1]))) return;
      this.problems.push(`console error on ${page.url()}: ${m.text()} (${loc.url || '?'}:${loc.lineNumber})`);
    });
    page.on('pageerror', (e) => this.problems.push(`page error on ${page.url()}: ${e.message}`));
    page.on('requestfailed', (r) => {
      this.problems.push(`request failed: ${r.method()} ${r.url()}: ${r.failure() && r.failure().errorText}`);
    });
    page.on('response', (r) => {
      const req = r.request();
      const u = new URL(r.url());
      if (u.pathname.startsWith('/static/') && r.status() >= 400)
        this.problems.push(`static file ${r.url()} answered ${r.status()}`);
      if (req.isNavigationRequest() && r.frame() === page.mainFrame() && u.origin === this.base) {
        const status = r.status();
        this.documents.push({ method: req.method(), url: r.url(), status,
          csp: r.headers()['content-security-policy'] || null });
        if (status >= 400 && !this.isExpected(r.url(), status, req.method()))
          this.problems.push(`document ${req.method()} ${u.pathname} answered ${status}`);
      }
    });
  }

  // Fails with every problem seen so far, then starts a new list.
  assertClean(what) {
    const p = this.problems.splice(0);
    assert.deepEqual(p, [], `${what}: console errors, failed requests or CSP violations`);
  }
}

// A fresh context (cookies, permissions) and page on base, watched by watcher.
async function openPage(browser, base, watcher, { clipboard = false } = {}) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'es-CO',
    timezoneId: 'America/Bogota', viewport: { width: 1280, height: 900 } });
  if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await context.addInitScript(CSP_REPORTER);
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(15000);
  const page = await context.newPage();
  watcher.attach(page);
  return { context, page };
}

// Runs action (a click that submits or follows a link) and waits for the document it leads
// to: returns the final response (after any redirect), once that page has loaded.
async function navigate(page, action) {
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() &&
    r.frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400));
  const loaded = page.waitForEvent('load');
  await action();
  const r = await response;
  await loaded;
  return r;
}

// Logs user in through the login form (from /, which leads there) and returns the response
// of the home page the portal sends them to. When the portal asks for the second step, the
// code of the user's known secret is typed (inst.sql first forgets the last accepted
// step: the portal never takes one twice, see Client.secondStep).
async function login(page, base, user, password = DEMO_PASSWORD, inst = null) {
  let r = await page.goto(base + '/');
  assert.equal(r.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.getByLabel('Usuario').fill(user);
  await page.getByLabel('Contraseña').fill(password);
  r = await navigate(page, () => page.getByRole('button', { name: 'Ingresar' }).click());
  if (new URL(page.url()).pathname === '/login/codigo') {
    const secret = secretOf(base, user);
    assert.ok(secret, `a known TOTP secret for ${user}`);
    if (inst) inst.sql(`UPDATE totp SET ultimo_paso = NULL WHERE usuario_id = (SELECT id FROM usuario WHERE login = '${user}')`);
    await page.getByLabel('Código de verificación').fill(totpAt(secret, totpStep()));
    r = await navigate(page, () => page.getByRole('button', { name: 'Verificar' }).click());
  }
  assert.equal(r.status(), 200, `login of ${user}`);
  assert.equal(await page.locator('[data-k="login"]').textContent(), user);
  return r;
}

// Logs out with the header's "Cerrar sesión" and checks the login page says so.
async function logout(page) {
  const r = await navigate(page, () => page.getByRole('button', { name: 'Cerrar sesión' }).click());
  assert.equal(r.status(), 200);
  const u = new URL(page.url());
  assert.equal(u.pathname + u.search, '/login?salio=1');
  assert.equal((await page.getByRole('status').textContent()).trim(), 'Su sesión se cerró.');
  assert.equal(await page.locator('[data-k="login"]').count(), 0, 'no session header');
}

// A full-page screenshot for humans (never compared).
async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name + '.png');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// The error message shown next to field name, in the field's own block, or null; checks the
// field points to it (aria-invalid, aria-describedby) and that it is visible.
async function errorNextTo(page, name) {
  const block = page.locator('div.field', { has: page.locator(`#f-${name}`) });
  const err = block.locator('p.error');
  if (await err.count() === 0) return null;
  assert.equal(await page.locator(`#f-${name}`).getAttribute('aria-invalid'), 'true', `${name} aria-invalid`);
  assert.equal(await page.locator(`#f-${name}`).getAttribute('aria-describedby'), await err.getAttribute('id'));
  assert.ok(await err.isVisible(), `the message of ${name} is visible`);
  return (await err.textContent()).trim();
}

// The error summary on top of a form sent back: its sentence and its links
// ([href, text], in order), and whether it has the focus; null when there is none.
async function errorSummary(page) {
  const s = page.locator('[data-resumen]');
  if (await s.count() === 0) return null;
  assert.equal(await s.getAttribute('role'), 'alert');
  return { text: (await s.locator('p').first().textContent()).trim(),
    links: await s.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent])),
    focused: await s.evaluate((e) => e === document.activeElement) };
}

// The names of the fields that show an error, in page order.
async function fieldsWithErrors(page) {
  const ids = await page.locator('div.field p.error').evaluateAll((ps) => ps.map((p) => p.id));
  return ids.map((id) => id.replace(/^f-/, '').replace(/-err$/, ''));
}

module.exports = { launch, Watcher, openPage, navigate, login, logout, screenshot, SCREENSHOTS,
  errorNextTo, fieldsWithErrors, errorSummary };
