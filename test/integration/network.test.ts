// Proxies and certificates, proven in the real extension host. The extension calls the global
// fetch, which VS Code patches (@vscode/proxy-agent, `http.fetchAdditionalSupport`) to follow
// http.proxy, http.noProxy, http.proxySupport and the OS certificates.
//
// What the hosts do, found by reading their proxy agents (0.32 in VS Code 1.100, 0.45 in 1.139)
// and confirmed by these tests:
// - http.proxy is read on every request, so changing the user setting at run time is enough.
// - localhost, 127.0.0.1, ::1 and ::ffff:127.0.0.1 always go direct, whatever http.proxy says.
//   127.0.0.2 is loopback too but not on that list, so the tests give Capture that address, and
//   nothing listens there: only the test's proxy (which routes 127.0.0.2 to the emulator on
//   127.0.0.1, as a corporate proxy is the only way out) can reach it. No traffic leaves 127/8.
// - A proxied request, http:// included, is tunnelled with CONNECT; inside a tunnel to a plain
//   HTTP server the proxy can read each request line, which is what its log shows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/ids';
import type { Emulator } from '../emulator/emulator';
import { byId } from '../failureMatrix';
import { FakeUi } from './helpers/fakeUi';
import { startTlsFront, type ForwardProxy } from './helpers/network';
import {
  addApplication,
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

const EXTENSION_ID = 'identity-cloud-tools.identity-cloud-clients';
const PROXIED = 'proxied';

describe('network: http.proxy, http.noProxy and certificates', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let proxy: ForwardProxy;
  let ui: FakeUi;
  let domain: string;

  before(async () => {
    ({ emulator, proxy, proxiedDomain: domain } = await startWithProxy());
  });

  beforeEach(() => {
    ui = new FakeUi();
  });

  afterEach(async () => {
    try {
      assertNoSecretShown(ui, emulatorSecrets(emulator));
      assert.ok(
        proxy.log.every((line) => !/authorization|basic /i.test(line)),
        'the proxy log holds no credentials',
      );
    } finally {
      ui.restore();
      await resetNetworkSettings();
    }
  });

  after(async () => {
    try {
      await FakeUi.during(async (cleanup) => {
        await removeApplications(cleanup, [PROXIED, 'proxied-tls']);
      });
    } finally {
      await proxy?.close();
      await emulator?.close();
    }
  });

  function create(application = PROXIED): Thenable<unknown> {
    return vscode.commands.executeCommand(Commands.createClient, {
      application,
      description: 'made through the proxy',
      features: ['direct_read_access'],
      destination: 'clipboard',
    });
  }

  it('Create API Client reaches Capture through http.proxy, and the proxy logs the requests', async () => {
    await setUserSetting('proxy', proxy.url, 'http');
    await addApplication(ui, { domain, owner: emulator.owner }, PROXIED);
    await create();
    assert.deepEqual(problems(ui), []);
    const created = emulator.clients().find((c) => c.description === 'made through the proxy');
    assert.ok(created, 'the client exists');
    assert.ok(
      (await vscode.env.clipboard.readText()).includes(`IDENTITY_CLOUD_CLIENT_ID=${created.clientId}`),
    );
    const authority = `127.0.0.2:${emulator.port}`;
    assert.ok(proxy.log.includes(`CONNECT ${authority}`), proxy.log.join('\n'));
    assert.ok(proxy.log.includes('→ POST /clients/list'), 'the credentials check went through the proxy');
    assert.ok(proxy.log.includes('→ POST /clients/add'), 'the create went through the proxy');
  });

  it('without http.proxy the same Capture domain cannot be reached: the traffic above went through the proxy', async () => {
    const logged = proxy.log.length;
    const adds = requestsFor(emulator, 'add').length;
    await create();
    assertOneProblem(ui, /^Creating the client failed: the connection was refused\./);
    assert.equal(requestsFor(emulator, 'add').length, adds);
    assert.equal(proxy.log.length, logged, 'the proxy saw nothing');
  });

  it('http.noProxy sends a listed host direct', async () => {
    await setUserSetting('proxy', proxy.url, 'http');
    await setUserSetting('noProxy', ['127.0.0.2'], 'http');
    const logged = proxy.log.length;
    await create();
    assertOneProblem(ui, /^Creating the client failed: the connection was refused\./);
    assert.equal(proxy.log.length, logged, 'the proxy saw nothing');
  });

  it('a Capture domain on 127.0.0.1 goes direct even with http.proxy set (VS Code never proxies localhost)', async () => {
    await setUserSetting('proxy', proxy.url, 'http');
    await configureApplication({
      name: 'direct',
      domain: emulator.domain,
      clientId: emulator.owner.clientId,
    });
    ui.type(emulator.owner.clientSecret);
    try {
      const logged = proxy.log.length;
      const adds = requestsFor(emulator, 'add').length;
      await create('direct');
      assert.deepEqual(problems(ui), []);
      assert.equal(requestsFor(emulator, 'add').length, adds + 1);
      assert.equal(proxy.log.length, logged, 'the proxy saw nothing');
    } finally {
      await removeApplications(ui, ['direct']);
    }
  });

  it('an untrusted certificate behind the proxy: the certificate message, and nothing reached Capture', async () => {
    const front = await startTlsFront(emulator.port);
    try {
      await setUserSetting('proxy', proxy.url, 'http');
      await configureApplication({
        name: 'proxied-tls',
        domain: `https://127.0.0.2:${front.port}`,
        clientId: emulator.owner.clientId,
      });
      ui.type(emulator.owner.clientSecret);
      const before = emulator.requests.length;
      await create('proxied-tls');
      const shown = assertOneProblem(ui, byId('NET-TLS').message);
      assert.ok(shown.actions.includes('Open Network Settings'));
      assert.ok(proxy.log.includes(`CONNECT 127.0.0.2:${front.port}`), 'it went through the proxy');
      assert.ok(front.connections > 0, 'and reached the TLS front');
      assert.equal(emulator.requests.length, before, 'but no request got past the certificate');
      assert.equal(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined, 'verification was not switched off');
    } finally {
      await front.close();
    }
  });

  it('the extension never turns certificate checks off', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // The bundle VS Code loads and every chunk beside it (dist/*.js), and the sources.
    const main = path.join(extension.extensionPath, (extension.packageJSON as { main: string }).main);
    const bundles = fs
      .readdirSync(path.dirname(main))
      .filter((name) => name.endsWith('.js'))
      .map((name) => path.join(path.dirname(main), name));
    const sources = [...bundles, ...walk(path.join(extension.extensionPath, 'src'))];
    const offSwitches = /rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity|strictSSL/;
    const found = sources.filter((file) => offSwitches.test(fs.readFileSync(file, 'utf8')));
    assert.ok(sources.length > 10, `read the bundle and the sources (${sources.length} files)`);
    assert.deepEqual(found, [], 'files that mention a switch that turns certificate checks off');
  });
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : /\.ts$/.test(entry.name) ? [full] : [];
  });
}
