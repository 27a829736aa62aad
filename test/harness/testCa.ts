// Private certificate authorities made for one test run, trusted the way a corporate machine trusts
// its company's CA, before code-server starts (a process reads its trust store at start):
//
//   corporate  added to the operating system's store, /etc/ssl/certs (the bundle
//              ca-certificates.crt and a hashed link, as update-ca-certificates leaves them). The
//              machine's store is not touched: code-server runs in a private mount namespace
//              (unshare, needs root or user namespaces) in which a copy of /etc/ssl/certs with the
//              CA added is mounted over the original.
//   extra      named by NODE_EXTRA_CA_CERTS in the server's environment (Node's own mechanism).
//
// The keys live in the run's temp dir and go with it; nothing is committed. The tests sign
// server certificates with them (HARNESS_TEST_CA_DIR: corporate.pem/.key, extra.pem/.key) and
// learn from HARNESS_OS_CA whether the OS store could be set up ('mounted' or the reason not).

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const OS_CERTS = '/etc/ssl/certs';

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A certificate authority (`<name>.key`, `<name>.pem` in `dir`): the one way the tests make one. */
export function makeCa(dir: string, name: string, subject: string): { key: string; cert: string } {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.pem`);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    subject,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { key, cert };
}

/** Whether this process may make a private mount namespace and bind-mount in it. */
function canMount(): boolean {
  if (process.platform !== 'linux' || !fs.existsSync(path.join(OS_CERTS, 'ca-certificates.crt')))
    return false;
  try {
    execFileSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind /tmp /tmp'], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes both CAs in `<serverDir>/test-ca` and a copy of /etc/ssl/certs holding the corporate one.
 * Returns the environment for the server and, when the OS store can be replaced, the command
 * prefix that starts code-server with it.
 */
export function setUpTestCas(serverDir: string): {
  env: Record<string, string>;
  prefix: string[] | undefined;
} {
  const dir = path.join(serverDir, 'test-ca');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const corporate = makeCa(dir, 'corporate', '/O=Identity Cloud tests/CN=Corporate Test Root CA');
  const extra = makeCa(dir, 'extra', '/O=Identity Cloud tests/CN=NODE_EXTRA_CA_CERTS Test CA');
  const env = { HARNESS_TEST_CA_DIR: dir, NODE_EXTRA_CA_CERTS: extra.cert };
  if (!canMount()) {
    return {
      env: { ...env, HARNESS_OS_CA: 'unavailable: no private mount namespace (run as root)' },
      prefix: undefined,
    };
  }
  const certs = path.join(serverDir, 'os-certs');
  execFileSync('cp', ['-a', OS_CERTS, certs]);
  const bundle = path.join(certs, 'ca-certificates.crt');
  fs.rmSync(bundle, { force: true }); // a symlink on some systems: write a real file
  fs.writeFileSync(
    bundle,
    fs.readFileSync(path.join(OS_CERTS, 'ca-certificates.crt'), 'utf8') +
      fs.readFileSync(corporate.cert, 'utf8'),
  );
  fs.copyFileSync(corporate.cert, path.join(certs, 'identity-cloud-test-corporate.pem'));
  openssl(['rehash', certs]);
  const script = `mount --bind "$0" ${OS_CERTS} && exec "$@"`;
  return {
    env: { ...env, HARNESS_OS_CA: 'mounted' },
    prefix: ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', script, certs],
  };
}
