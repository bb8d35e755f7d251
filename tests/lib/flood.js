// A flood of failed logins for make bench (tests/bench.sh): CONCURRENCY loops POST
// /login with a wrong password, each request for a login without an account (so no lock
// spares the hash) and from the next of 240 loopback source addresses (127.0.8.1-240: the
// portal sees each as its own client, and nginx's per-address rate limit does not merge
// them), for SECONDS seconds; then prints one line:
//   enviadas N 400 A ocupado B bloqueado C otras D
// (400: a password checked; ocupado: 429 because every hashing slot was taken; bloqueado:
// 429 for a lock; otras: anything else).
// usage: node tests/lib/flood.js BASE SECONDS CONCURRENCY
'use strict';
const { Client, csrfOf } = require('./portal.js');

const [base, seconds, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const ADDRESSES = 240;
const end = Date.now() + seconds * 1000;
const counts = { enviadas: 0, 400: 0, ocupado: 0, bloqueado: 0, otras: 0 };
const clients = new Map();

// The client of source address k, with its pre-session token (fetched once).
async function clientOf(k) {
  if (!clients.has(k)) {
    const c = new Client(base, null, `127.0.8.${k + 1}`);
    c.token = csrfOf((await c.get('/login')).text);
    clients.set(k, c);
  }
  return clients.get(k);
}

async function loop(j) {
  for (let n = 0; Date.now() < end; n++) {
    const c = await clientOf((j + n * concurrency) % ADDRESSES);
    const usuario = `CC9${String(j).padStart(3, '0')}${String(n).padStart(6, '0')}`;
    const r = await c.post('/login', { csrf: c.token, usuario, clave: 'Clave-Equivocada' });
    counts.enviadas++;
    if (r.status === 400) counts[400]++;
    else if (r.status === 429 && r.headers['retry-after']) counts.ocupado++;
    else if (r.status === 429) counts.bloqueado++;
    else counts.otras++;
  }
}

Promise.all(Array.from({ length: concurrency }, (_, j) => loop(j))).then(() => {
  console.log(`enviadas ${counts.enviadas} 400 ${counts[400]} ocupado ${counts.ocupado} ` +
    `bloqueado ${counts.bloqueado} otras ${counts.otras}`);
}, (e) => { console.error(e); process.exit(1); });
