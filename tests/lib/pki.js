// Keys and certificates for tests, made with the openssl command line tool in a directory:
// test CAs with a server certificate for localhost, and the public keys, private keys and
// certificates a CCF might paste as its "Llave pública".
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function openssl(dir, args) {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

// A CA (name.ca.pem) and a server certificate it signs for localhost and 127.0.0.1
// (name.pem, name.key).
function makeCa(dir, name) {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj',
    `/CN=${name} CA de prueba`, '-keyout', `${name}.ca.key`, '-out', `${name}.ca.pem`]);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost',
    '-keyout', `${name}.key`, '-out', `${name}.csr`]);
  fs.writeFileSync(path.join(dir, `${name}.ext`),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${name}.ca.pem`, '-CAkey',
    `${name}.ca.key`, '-CAcreateserial', '-days', '30', '-extfile', `${name}.ext`,
    '-out', `${name}.pem`]);
}

// What a CCF may paste, as PEM text: an RSA 2048 public key and its SHA-256 fingerprint
// (of the DER SubjectPublicKeyInfo, XX:XX:...), a certificate valid 30 days, one that
// expired in 2020, the private key, and a weak RSA 1024 public key.
function llaves(dir) {
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
  openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'llave.key']);
  openssl(dir, ['pkey', '-in', 'llave.key', '-pubout', '-out', 'llave.pub']);
  openssl(dir, ['req', '-x509', '-key', 'llave.key', '-days', '30', '-subj',
    '/O=Caja Andina/CN=api.caja.example', '-out', 'llave.crt']);
  openssl(dir, ['req', '-new', '-key', 'llave.key', '-subj', '/CN=vencido', '-out', 'llave.csr']);
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '01\n');
  fs.writeFileSync(path.join(dir, 'ca.cnf'), '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\n' +
    'new_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n');
  openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'llave.key',
    '-in', 'llave.csr', '-startdate', '20200101000000Z', '-enddate', '20200201000000Z',
    '-notext', '-out', 'vencido.crt']);
  openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'debil.key']);
  openssl(dir, ['pkey', '-in', 'debil.key', '-pubout', '-out', 'debil.pub']);
  const der = execFileSync('openssl', ['pkey', '-pubin', '-in', 'llave.pub', '-outform', 'DER'],
    { cwd: dir });
  const huella = require('node:crypto').createHash('sha256').update(der).digest('hex')
    .toUpperCase().match(/../g).join(':');
  return { publica: read('llave.pub'), huella, certificado: read('llave.crt'),
    vencido: read('vencido.crt'), privada: read('llave.key'), debil: read('debil.pub') };
}

module.exports = { openssl, makeCa, llaves };
