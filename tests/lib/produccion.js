// The production site (nginx/production.conf, rendered by nginx/produccion.sh) served by a
// private nginx: what tests/e2e/admin/produccion.test.js and varios_hosts.test.js share.
'use strict';
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { waitFor, canConnect, ROOT } = require('./portal');

// Renders the site with args and env (added to the process's); { status, out, err }.
function renderProduction(args, env) {
  const r = spawnSync('sh', [path.join(ROOT, 'nginx', 'produccion.sh'), ...args],
    { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

// Serves dir/portal.conf as Debian's nginx.conf serves a site (mime types, fastcgi_params
// beside it, gzip when asked), its logs in dir/log and its temporary files in dir/tmp;
// checks it with nginx -t, then resolves the nginx child once port takes connections.
async function startNginx(dir, port, { gzip = false } = {}) {
  fs.mkdirSync(path.join(dir, 'log'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  fs.copyFileSync('/etc/nginx/fastcgi_params', path.join(dir, 'fastcgi_params'));
  const t = path.join(dir, 'tmp');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), `${process.getuid() === 0 ? 'user root;\n' : ''}` +
    `worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/log/nginx.log warn;\n` +
    `events {}\nhttp {\n\tinclude /etc/nginx/mime.types;\n` +
    (gzip ? '\tgzip on;\n\tgzip_types text/html application/json text/plain;\n' : '') +
    `\tclient_body_temp_path ${t}/body;\n` +
    `\tfastcgi_temp_path ${t}/fastcgi;\n\tproxy_temp_path ${t}/proxy;\n\tuwsgi_temp_path ${t}/uwsgi;\n` +
    `\tscgi_temp_path ${t}/scgi;\n\tinclude ${dir}/portal.conf;\n}\n`);
  const check = spawnSync('nginx', ['-t', '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  const nginx = spawn('nginx', ['-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  await waitFor(() => canConnect(port), 'production nginx');
  return nginx;
}

module.exports = { renderProduction, startNginx };
