// A real SMTP server on loopback for the mail tests: Debian's python3-aiosmtpd (run by
// /usr/bin/python3: the python3 on PATH may be another one) writing a maildir.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { freePort, canConnect } = require('./portal');

// Starts the server on port (a free one by default) writing into maildir, and waits until it
// accepts connections. Returns { port, maildir, files(), stop() }.
async function startSmtpSink(maildir, port) {
  port = port || await freePort();
  const p = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
    '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await canConnect(port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await canConnect(port))) { p.kill('SIGTERM'); throw new Error('aiosmtpd did not start'); }
  return {
    port, maildir,
    // The raw messages delivered so far (latin1 strings), oldest file name first.
    files() {
      const dir = path.join(maildir, 'new');
      if (!fs.existsSync(dir)) return [];
      return fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f), 'latin1'));
    },
    // Stops the server; resolves once it has exited.
    stop() {
      if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
      const gone = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      return gone;
    },
  };
}

module.exports = { startSmtpSink, freePort, canConnect };
