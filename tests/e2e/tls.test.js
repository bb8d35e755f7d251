// TLS of `make run` and the tests (nginx/portal.conf.in): TLS 1.2 only with forward secrecy
// and AEAD (ECDHE with AES-GCM or ChaCha20-Poly1305), TLS 1.3 as is, on both ports; and the
// production example (nginx/production.conf) is a configuration nginx accepts, TLS 1.3 only.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');
const { spawnSync, execFileSync } = require('node:child_process');
const { startPortal, ROOT } = require('../lib/portal.js');

// The TLS 1.2 suites nginx may offer: ECDHE key exchange, AEAD cipher.
const ALLOWED = new Set(['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305']);

let inst;
before(async () => { inst = await startPortal({ demo: false }); });
after(async () => { if (inst) await inst.stop(); });

// Whether a TLS 1.2 handshake on port with suite (OpenSSL's name; security level 0 so that
// the client offers it) succeeds, with openssl s_client.
function sClient(port, suite) {
  const r = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername',
    'localhost', '-tls1_2', '-cipher', `${suite}:@SECLEVEL=0`], { input: '', encoding: 'utf8',
    timeout: 10000 });
  return r.status === 0 && new RegExp(`^\\s*Cipher\\s*:\\s*${suite}$`, 'm').test(r.stdout);
}

// The same in this process (node's OpenSSL, faster for many suites), TLS 1.2 unless
// version says otherwise: 'ok', 'refused' (the server's alert), or 'unknown' when this
// OpenSSL cannot offer the suite.
function handshake(port, suite, version = 'TLSv1.2') {
  return new Promise((resolve) => {
    let s;
    try {
      s = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false,
        minVersion: version, maxVersion: version, ciphers: `${suite}:@SECLEVEL=0` });
    } catch (e) {
      return resolve('unknown');
    }
    s.once('secureConnect', () => {
      const ok = s.getProtocol() === version;
      s.destroy();
      resolve(ok ? 'ok' : 'wrong protocol');
    });
    s.once('error', (e) => resolve(/alert|handshake failure|ECONNRESET/i.test(`${e.code} ${e.message}`)
      ? 'refused' : `error ${e.code}`));
  });
}

test('TLS 1.2: a suite without forward secrecy is refused, ECDHE with AEAD accepted, on both ports', async () => {
  for (const port of [inst.port, inst.apPort]) {
    assert.equal(sClient(port, 'AES128-GCM-SHA256'), false, `${port}: AES128-GCM-SHA256 (RSA key exchange)`);
    assert.equal(sClient(port, 'ECDHE-RSA-AES128-GCM-SHA256'), true, `${port}: ECDHE-RSA-AES128-GCM-SHA256`);
    assert.equal(await handshake(port, 'DEFAULT', 'TLSv1.3'), 'ok', `${port}: TLS 1.3`);
  }
});

test('TLS 1.2: of every suite OpenSSL knows, both ports accept only ECDHE with AEAD', async () => {
  const all = execFileSync('openssl', ['ciphers', '-tls1_2', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'])
    .toString().trim().split(':').filter((s) => !s.startsWith('TLS_') && !/PSK|SRP/.test(s));
  for (const port of [inst.port, inst.apPort]) {
    const got = {};
    for (const s of all) got[s] = await handshake(port, s);
    const tried = all.filter((s) => got[s] !== 'unknown');
    assert.ok(tried.length > 40, `${tried.length} suites offered`);
    assert.deepEqual(tried.filter((s) => !['ok', 'refused'].includes(got[s])), [], 'unexpected errors');
    const accepted = tried.filter((s) => got[s] === 'ok');
    assert.deepEqual(accepted.filter((s) => !ALLOWED.has(s)), [], `${port}: suites outside ECDHE + AEAD`);
    // The certificate is RSA: its three ECDHE-RSA suites.
    assert.deepEqual(accepted.sort(), ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384',
      'ECDHE-RSA-CHACHA20-POLY1305'], `${port}`);
  }
});

test('nginx/production.conf: nginx -t accepts it; TLS 1.3 only on every server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-prod-'));
  try {
    fs.mkdirSync(path.join(dir, 'log'));
    fs.copyFileSync(path.join(inst.dir, 'tls', 'cert.pem'), path.join(dir, 'fullchain.pem'));
    fs.copyFileSync(path.join(inst.dir, 'tls', 'key.pem'), path.join(dir, 'privkey.pem'));
    fs.copyFileSync('/etc/nginx/fastcgi_params', path.join(dir, 'fastcgi_params'));
    const conf = fs.readFileSync(path.join(ROOT, 'nginx', 'production.conf'), 'utf8');
    const protos = [...conf.matchAll(/^\s*ssl_protocols\s+([^;]*);/gm)].map((m) => m[1]);
    assert.deepEqual(protos, ['TLSv1.3', 'TLSv1.3'], 'both servers TLS 1.3 only');
    fs.writeFileSync(path.join(dir, 'portal.conf'), conf
      .replaceAll('/var/log/nginx/', `${dir}/log/`).replaceAll('/etc/ssl/portal/', `${dir}/`));
    fs.writeFileSync(path.join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid;\nevents {}\n` +
      `http {\n\tinclude /etc/nginx/mime.types;\n\tinclude ${dir}/portal.conf;\n}\n`);
    const r = spawnSync('nginx', ['-t', '-c', path.join(dir, 'nginx.conf'), '-e',
      path.join(dir, 'log', 'error.log')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
