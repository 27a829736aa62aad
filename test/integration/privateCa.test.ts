// A private CA, trusted as a corporate machine trusts it, proven in the real extension host.
// test/harness/testCa.ts made two CAs for this run before code-server started: "corporate", added
// to the OS store (/etc/ssl/certs, mounted in the server's own mount namespace), and "extra",
// named by NODE_EXTRA_CA_CERTS. Each test puts an HTTPS front signed by one of them before the
// emulator.
//
// What VS Code's fetch trusts, read in @vscode/proxy-agent (0.32 in 1.100, 0.45 in 1.139) and
// proven here: with http.systemCertificates on (the default) it passes Node's bundled roots plus
// the OS store's certificates as the explicit CA list, which leaves out NODE_EXTRA_CA_CERTS;
// with it off, fetch uses Node's defaults, which include NODE_EXTRA_CA_CERTS and not the OS store.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator } from '../emulator/emulator';
import { byId } from '../failureMatrix';
import { FakeUi } from './helpers/fakeUi';
import { startTlsFront, testCa, type ForwardProxy, type TlsFront } from './helpers/network';
import {
  assertNoSecretShown,
  assertOneProblem,
  configureApplication,
  emulatorSecrets,
  problems,
  removeApplications,
  requestsFor,
  resetNetworkSettings,
  setUserSetting,
  startWithProxy,
} from './helpers/workbench';

const DIRECT = 'private-ca';
const PROXIED = 'private-ca-proxied';
const EXTRA = 'extra-ca';

describe('a private CA trusted through the OS store (and NODE_EXTRA_CA_CERTS)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let corporate: TlsFront;
  let extra: TlsFront;
  let proxy: ForwardProxy;
  let ui: FakeUi;
  const typed = new Set<string>();

  before(async function () {
    assert.equal(
      process.env.HARNESS_OS_CA,
      'mounted',
      'the harness could not add the test CA to the OS store in a private mount namespace',
    );
    ({ emulator, proxy } = await startWithProxy());
    corporate = await startTlsFront(emulator.port, '127.0.0.1', testCa('corporate'));
    extra = await startTlsFront(emulator.port, '127.0.0.1', testCa('extra'));
    const owner = emulator.owner.clientId;
    await configureApplication({ name: DIRECT, domain: corporate.origin, clientId: owner });
    await configureApplication({
      name: PROXIED,
      domain: `https://127.0.0.2:${corporate.port}`,
      clientId: owner,
    });
    await configureApplication({ name: EXTRA, domain: extra.origin, clientId: owner });
  });

  beforeEach(() => {
    ui = new FakeUi();
  });

  afterEach(async () => {
    try {
      assertNoSecretShown(ui, emulatorSecrets(emulator));
    } finally {
      ui.restore();
      await resetNetworkSettings();
    }
  });

  after(async () => {
    try {
      await FakeUi.during(async (cleanup) => removeApplications(cleanup, [DIRECT, PROXIED, EXTRA]));
    } finally {
      await proxy?.close();
      await corporate?.close();
      await extra?.close();
      await emulator?.close();
    }
  });

  /** Create API Client in `application`; the owner secret is typed the first time it is asked for. */
  async function create(application: string): Promise<void> {
    if (!typed.has(application)) {
      ui.type(emulator.owner.clientSecret);
      typed.add(application);
    }
    await vscode.commands.executeCommand('identityCloud.createClient', {
      application,
      description: `over TLS to ${application}`,
      features: ['direct_read_access'],
      destination: 'clipboard',
    });
  }

  async function delivered(application: string): Promise<void> {
    assert.deepEqual(problems(ui), []);
    const created = emulator
      .clients()
      .filter((c) => c.description === `over TLS to ${application}`)
      .at(-1);
    assert.ok(created, 'the client exists');
    assert.ok(
      (await vscode.env.clipboard.readText()).includes(
        `IDENTITY_CLOUD_CLIENT_SECRET=${created.clientSecret}`,
      ),
    );
  }

  async function refused(application: string, front: TlsFront): Promise<void> {
    const adds = requestsFor(emulator, 'add').length;
    const connections = front.connections;
    await create(application);
    assertOneProblem(ui, byId('NET-CA-UNTRUSTED').message);
    assert.ok(front.connections > connections, 'it reached the front');
    assert.equal(requestsFor(emulator, 'add').length, adds, 'but nothing got past the certificate');
  }

  it('in the OS store with http.systemCertificates on (the default): Create API Client succeeds over TLS', async () => {
    await create(DIRECT);
    await delivered(DIRECT);
  });

  it('the same through the proxy (HTTPS tunnelled with CONNECT)', async () => {
    await setUserSetting('proxy', proxy.url, 'http');
    const logged = proxy.log.length;
    await create(PROXIED);
    await delivered(PROXIED);
    assert.ok(proxy.log.slice(logged).includes(`CONNECT 127.0.0.2:${corporate.port}`), proxy.log.join('\n'));
  });

  it('the same CA untrusted (http.systemCertificates off): the certificate message, nothing created', async () => {
    await setUserSetting('systemCertificates', false, 'http');
    await refused(DIRECT, corporate);
  });

  it('NODE_EXTRA_CA_CERTS alone is not enough while http.systemCertificates is on', async () => {
    await refused(EXTRA, extra);
  });

  it('NODE_EXTRA_CA_CERTS is honoured once http.systemCertificates is off', async () => {
    await setUserSetting('systemCertificates', false, 'http');
    await create(EXTRA);
    await delivered(EXTRA);
  });

  it('Check Connection over the trusted CA: all steps pass', async () => {
    await vscode.commands.executeCommand('identityCloud.checkConnection', { application: DIRECT });
    const summary = ui.messages.find((m) => /^Connection to /.test(m.text));
    assert.match(summary?.text ?? '', /^Connection to private-ca: all steps passed/);
  });
});
