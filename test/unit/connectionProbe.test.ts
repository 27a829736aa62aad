import { strict as assert } from 'node:assert';
import * as dns from 'node:dns';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { formatMessage } from '../../src/common/translate';
import { probeConnection, type ProbeReport } from '../../src/network/connectionProbe';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { closedPort, startTlsFront } from '../integration/helpers/network';
import { UNRESOLVABLE_DOMAIN } from '../unresolvableDomain';
import { makeCa } from '../harness/testCa';

// Check Connection's probe against real servers on 127.0.0.1, with Node's own fetch standing in
// for VS Code's (the integration tier runs it with VS Code's).

describe('Check Connection probe', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  const deps = {
    fetch: (url: string, init: RequestInit) => fetch(url, init),
    dns: dns.promises,
    net,
    tls,
    t: formatMessage,
  };
  const direct = { kind: 'direct', reason: 'localhost' } as const;

  function probe(
    domain: string,
    secret: string | undefined = emulator.owner.clientSecret,
  ): Promise<ProbeReport> {
    return probeConnection(
      { domain, clientId: emulator.owner.clientId, clientSecret: secret, proxy: direct },
      deps,
    );
  }

  const statuses = (r: ProbeReport) => r.steps.map((s) => `${s.step}:${s.status}`);
  const shown = (r: ProbeReport) => [...r.steps.map((s) => s.detail), r.next].join('\n');

  it('all good: every step passes, with timings, and the credentials are proven', async () => {
    const report = await probe(emulator.domain);
    assert.equal(report.stoppedAt, undefined);
    assert.deepEqual(statuses(report), [
      'domain:ok',
      'proxy:ok',
      'dns:skipped',
      'tcp:ok',
      'tls:skipped',
      'http:ok',
      'capture:ok',
      'credentials:ok',
    ]);
    assert.ok(report.steps.every((s) => Number.isInteger(s.ms) && s.ms >= 0));
    assert.match(report.steps.at(-1)!.detail, /they work \(1 client with the owner feature\)/);
    const list = emulator.requests.at(-1)!;
    assert.equal(list.op, 'list');
    assert.equal(list.params.has_features, '["owner"]', 'kept small with has_features');
    assert.ok(!shown(report).includes(emulator.owner.clientSecret));
  });

  it('a malformed domain stops at the first step, sending nothing', async () => {
    const before = emulator.requests.length;
    const report = await probe('ftp://capture.example.com');
    assert.equal(report.stoppedAt, 'domain');
    assert.equal(emulator.requests.length, before);
    // What to do names only what exists: no command edits a domain in place.
    assert.match(report.next, /remove the application and add it again, or edit identityCloud\.applications/);
  });

  it('DNS failure stops at DNS (the name is too long to be sent to any resolver)', async () => {
    const report = await probe(UNRESOLVABLE_DOMAIN);
    assert.equal(report.stoppedAt, 'dns');
    assert.match(report.steps.at(-1)!.detail, /ENOTFOUND/);
    assert.match(report.next, /spelling, your VPN/);
  });

  it('a refused port stops at TCP', async () => {
    const report = await probe(`http://127.0.0.1:${await closedPort()}`);
    assert.equal(report.stoppedAt, 'tcp');
    assert.match(report.steps.at(-1)!.detail, /ECONNREFUSED/);
  });

  it('an untrusted certificate: TLS warns with the reason, HTTP stops with the certificate advice', async () => {
    const front = await startTlsFront(emulator.port);
    try {
      const report = await probe(front.origin);
      assert.equal(report.steps.find((s) => s.step === 'tls')?.status, 'warn');
      assert.match(
        report.steps.find((s) => s.step === 'tls')!.detail,
        /^Node's built-in CA list does not trust the certificate \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\)/,
      );
      assert.equal(report.stoppedAt, 'http');
      assert.match(report.next, /http\.systemCertificates/);
    } finally {
      await front.close();
    }
  });

  it('a trusted certificate: TLS names its subject, issuer and expiry', async function () {
    this.timeout(30_000); // three RSA keys from openssl
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icc-probe-ca-'));
    const ca = makeCa(dir, 'ca', '/CN=Probe Test Root CA');
    const front = await startTlsFront(emulator.port, '127.0.0.1', ca);
    try {
      const caPem = fs.readFileSync(ca.cert, 'utf8');
      // tls told to trust the CA, as VS Code's patched tls does for a CA in the OS store (Node's
      // own fetch does not trust it, so the probe then stops at HTTP: VS Code's fetch decides).
      const trusting = {
        ...deps,
        tls: {
          connect: ((options: tls.ConnectionOptions) =>
            tls.connect({ ...options, ca: caPem })) as typeof tls.connect,
        },
      };
      const report = await probeConnection(
        {
          domain: front.origin,
          clientId: emulator.owner.clientId,
          clientSecret: emulator.owner.clientSecret,
          proxy: direct,
        },
        trusting,
      );
      assert.equal(report.stoppedAt, 'http', JSON.stringify(report.steps));
      const expiry = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      assert.equal(
        report.steps.find((s) => s.step === 'tls')?.detail,
        `certificate for Identity Cloud test (private CA) issued by Probe Test Root CA, valid until ${expiry}`,
      );
    } finally {
      await front.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an HTML page instead of Capture stops at the Capture step, without quoting the page', async () => {
    emulator.injectFault({ op: 'list', kind: 'html', status: 502 });
    const report = await probe(emulator.domain);
    assert.equal(report.stoppedAt, 'capture');
    assert.match(report.steps.at(-1)!.detail, /an HTML page \(HTTP 502\) instead of Capture JSON/);
    assert.ok(!shown(report).includes('Bad Gateway'));
  });

  it('a wrong owner secret stops at the credentials with Set Owner Credentials as the next step', async () => {
    const report = await probe(emulator.domain, 'wrong-secret-for-the-probe');
    assert.equal(report.stoppedAt, 'credentials');
    assert.match(report.steps.at(-1)!.detail, /error 402 invalid_client_credentials/);
    assert.match(report.next, /Set Owner Credentials/);
    assert.ok(!shown(report).includes('wrong-secret-for-the-probe'));
  });

  it('without owner credentials it proves the answer is Capture and says so', async () => {
    const report = await probe(emulator.domain, '');
    assert.equal(report.stoppedAt, undefined);
    assert.equal(report.steps.at(-1)!.status, 'skipped');
    assert.match(report.next, /Set the owner credentials/);
  });

  it('through a proxy: TCP goes to the proxy, TLS is left to VS Code, and a local DNS failure only warns', async () => {
    const proxyPort = await closedPort();
    const report = await probeConnection(
      {
        domain: UNRESOLVABLE_DOMAIN,
        proxy: {
          kind: 'proxy',
          proxy: `http://alice:***@127.0.0.1:${proxyPort}`,
          source: 'http.proxy',
          hasCredentials: true,
          hasProxyAuthorization: false,
        },
      },
      deps,
    );
    assert.equal(report.steps.find((s) => s.step === 'dns')?.status, 'warn');
    assert.equal(report.stoppedAt, 'tcp');
    assert.match(report.steps.at(-1)!.detail, new RegExp(`ECONNREFUSED`));
    assert.match(report.next, /proxy address: check http\.proxy/);
    assert.match(report.steps[1]!.detail, /^http:\/\/alice:\*\*\*@127\.0\.0\.1:\d+ \(from http\.proxy\)$/);
  });
});
