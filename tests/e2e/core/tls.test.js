// TLS of `make run` and the tests (nginx/portal.conf.in): TLS 1.2 only with forward secrecy
// and AEAD (ECDHE with AES-GCM or ChaCha20-Poly1305), TLS 1.3 as is, on both ports. The
// production configuration (TLS 1.3 only) is tested in produccion.test.js.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const tls = require('node:tls');
const { spawnSync, execFileSync } = require('node:child_process');
const { startPortal } = require('../../lib/portal.js');

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
