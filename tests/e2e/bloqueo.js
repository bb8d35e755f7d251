// Another writer holding the database, for the tests of the portal's answer when it stays
// locked (503, Retry-After, nothing written). SQLite: its one writers' lock, BEGIN IMMEDIATE
// in the sqlite3 shell. PostgreSQL has no such lock: one psql transaction locks every table
// of the portal in EXCLUSIVE mode (readers go on, every writer waits for it, then its
// lock_timeout fails the statement: DB_BUSY, the same answer).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { waitFor } = require('../lib/portal.js');

// psql's program and connection options for a PostgreSQL URL of the harness
// (postgresql://USER@/DB?host=DIR&port=N).
function psql(url) {
  const base = '/usr/lib/postgresql';
  const v = fs.readdirSync(base).sort((a, b) => a - b).pop();
  const m = /^postgres(?:ql)?:\/\/([^@/]*)@\/([^?]*)\?(.*)$/.exec(url);
  const u = new URLSearchParams(m[3]);
  return [path.join(base, v, 'bin', 'psql'),
    ['-X', '-q', '-A', '-t', '-h', u.get('host'), '-p', u.get('port'), '-U', m[1], '-d', m[2]]];
}

const LOCK_PG = `BEGIN;
DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('LOCK TABLE %I IN EXCLUSIVE MODE', t);
  END LOOP;
END $$;
SELECT 'bloqueada';
`;

// Takes the write lock of inst's database from another process; resolves once it holds it,
// to { release() } (a promise: the lock let go, nothing written).
async function bloquear(inst) {
  const [prog, args] = inst.engine === 'postgresql' ? psql(inst.pgDb) : ['sqlite3', [inst.db]];
  const sh = spawn(prog, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  sh.stdout.on('data', (d) => { out += d; });
  sh.stdin.write(inst.engine === 'postgresql' ? LOCK_PG : "BEGIN IMMEDIATE;\nSELECT 'bloqueada';\n");
  await waitFor(() => out.includes('bloqueada'), 'the write lock');
  return {
    release: () => new Promise((resolve) => {
      sh.on('exit', resolve);
      sh.stdin.end(inst.engine === 'postgresql' ? 'ROLLBACK;\n\\q\n' : 'ROLLBACK;\n.quit\n');
    }),
  };
}

module.exports = { bloquear };
