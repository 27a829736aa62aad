// A corporate network, proven in the real extension host: a proxy that asks for credentials
// (407), http.proxySupport off, http.noProxy with its wildcard, Check Connection's report for each
// way a connection breaks, and no proxy password or owner secret in anything the user sees or any
// state file. As in network.test.ts, the proxied Capture domain is 127.0.0.2, where nothing
// listens: only the proxy (which routes it to the emulator on 127.0.0.1) reaches it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../emulator/emulator';
import { byId } from '../failureMatrix';
import { UNRESOLVABLE_DOMAIN } from '../unresolvableDomain';
import { waitUntil } from '../waitUntil';
import { FakeUi, type Message } from './helpers/fakeUi';
import { closedPort, startTlsFront, type ForwardProxy } from './helpers/network';
import {
  assertNoSecretShown,
  assertOneProblem,
  configureApplication,
  emulatorSecrets,
  problems,
  removeApplications,
  requestsFor,
  resetNetworkSettings,
  secretForms,
  setUserSetting,
  startWithProxy,
  workspaceFolder,
} from './helpers/workbench';

const EXTENSION_ID = 'identity-cloud-tools.identity-cloud-clients';
const USER = 'corp-user';
const PASSWORD = 'proxy-Pa55word-never-shown';
const CORP = 'corp';

describe('corporate network: an authenticating proxy, proxy settings and Check Connection', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let proxy: ForwardProxy;
  let ui: FakeUi;
  let proxyWithPassword: string;
  const apps = new Set<string>([CORP]);
  const shownEver: Message[] = [];

  /** The proxy password in every form it could leak in. */
  const proxySecrets = () => [PASSWORD, Buffer.from(`${USER}:${PASSWORD}`).toString('base64')];

  before(async () => {
    let domain: string;
    ({
      emulator,
      proxy,
      proxiedDomain: domain,
    } = await startWithProxy({
      auth: { username: USER, password: PASSWORD },
    }));
    proxyWithPassword = proxy.url.replace('http://', `http://${USER}:${PASSWORD}@`);
    await configureApplication({ name: CORP, domain, clientId: emulator.owner.clientId });
    // The owner secret stored here, through the proxy, so that each test stands on its own.
    await setUserSetting('proxy', proxyWithPassword, 'http');
    try {
      await FakeUi.during(async (setUp) => {
        setUp.type(emulator.owner.clientId, emulator.owner.clientSecret);
        await vscode.commands.executeCommand('identityCloud.setOwnerCredentials', { application: CORP });
        await setUp.waitForMessage(/^Saved corp\. The owner credentials work\./);
      });
    } finally {
      await resetNetworkSettings();
    }
  });

  beforeEach(() => {
    ui = new FakeUi();
  });

  afterEach(async () => {
    try {
      assertNoSecretShown(ui, [...emulatorSecrets(emulator), ...proxySecrets()]);
      assert.ok(
        proxy.log.every((line) => !line.includes(PASSWORD) && !/authorization|basic /i.test(line)),
        'the proxy log holds no credentials',
      );
    } finally {
      shownEver.push(...ui.messages);
      ui.restore();
      await resetNetworkSettings();
    }
  });

  after(async () => {
    try {
      await FakeUi.during(async (cleanup) => removeApplications(cleanup, [...apps]));
    } finally {
      await proxy?.close();
      await emulator?.close();
    }
  });

  function create(application = CORP, description = 'corp service'): Thenable<unknown> {
    return vscode.commands.executeCommand('identityCloud.createClient', {
      application,
      description,
      features: ['direct_read_access'],
      destination: 'clipboard',
    });
  }

  async function checkConnection(application: string): Promise<Message> {
    await vscode.commands.executeCommand('identityCloud.checkConnection', { application });
    const summary = ui.messages.filter((m) => /^Connection to /.test(m.text)).at(-1);
    assert.ok(summary, `one summary message: ${ui.messages.map((m) => m.text).join(' | ')}`);
    assert.equal(ui.messages.filter((m) => /^Connection to /.test(m.text)).length, 1);
    return summary;
  }

  async function appAt(name: string, domain: string): Promise<void> {
    apps.add(name);
    await configureApplication({ name, domain, clientId: emulator.owner.clientId });
  }

  describe('a proxy that answers 407', () => {
    it('without credentials: the message names the proxy and the settings to use, and nothing is created', async () => {
      await setUserSetting('proxy', proxy.url, 'http');
      const adds = requestsFor(emulator, 'add').length;
      await create();
      const shown = assertOneProblem(ui, byId('NET-PROXY-407').message);
      assert.ok(shown.text.includes(proxy.url), `names the proxy: ${shown.text}`);
      assert.ok(shown.actions.includes('Check Connection…'));
      assert.equal(requestsFor(emulator, 'add').length, adds, 'nothing reached Capture');
      assert.ok(proxy.log.includes(`407 CONNECT 127.0.0.2:${emulator.port}`), proxy.log.join('\n'));
    });

    it("the message's Check Connection… button probes that application at once", async () => {
      await setUserSetting('proxy', proxy.url, 'http');
      ui.onMessage(/asks for credentials \(HTTP 407\)/, 'Check Connection…');
      await create();
      const summary = await ui.waitForMessage(/^Connection to corp /);
      assert.match(
        summary.text,
        /^Connection to corp stopped at HTTP \(VS Code\): the proxy asks for credentials \(HTTP 407\)/,
      );
      assert.equal(ui.shown.length, 0, 'no application was asked for');
    });

    it('with a wrong password: the same message, naming the proxy without the password', async () => {
      await setUserSetting('proxy', proxy.url.replace('http://', `http://${USER}:wrong-pass@`), 'http');
      await create();
      const shown = assertOneProblem(ui, byId('NET-PROXY-407').message);
      assert.ok(shown.text.includes(`http://${USER}:***@127.0.0.1:`), shown.text);
      assert.ok(!shown.text.includes('wrong-pass'));
    });

    it("http.proxyAuthorization does not reach the extension host's fetch (VS Code applies it to its own requests): still 407", async () => {
      await setUserSetting('proxy', proxy.url, 'http');
      await setUserSetting('proxyAuthorization', `Basic ${proxySecrets()[1]}`, 'http');
      try {
        const adds = requestsFor(emulator, 'add').length;
        await create(CORP, 'with proxyAuthorization');
        assertOneProblem(ui, byId('NET-PROXY-407').message);
        assert.equal(requestsFor(emulator, 'add').length, adds, 'nothing reached Capture');
      } finally {
        await setUserSetting('proxyAuthorization', undefined, 'http');
      }
    });

    it('with credentials in http.proxy: create succeeds and the proxy logs the authenticated tunnel', async () => {
      await setUserSetting('proxy', proxyWithPassword, 'http');
      const logged = proxy.log.length;
      await create();
      assert.deepEqual(problems(ui), []);
      const created = emulator.clients().find((c) => c.description === 'corp service');
      assert.ok(created);
      assert.ok(
        (await vscode.env.clipboard.readText()).includes(`IDENTITY_CLOUD_CLIENT_ID=${created.clientId}`),
      );
      const since = proxy.log.slice(logged);
      assert.ok(since.includes(`CONNECT 127.0.0.2:${emulator.port} as ${USER}`), since.join('\n'));
      assert.ok(since.includes('→ POST /clients/add'), since.join('\n'));
    });
  });

  describe('Check Connection', () => {
    it('all good: one summary, and every step with its time in the log', async () => {
      await setUserSetting('proxy', proxyWithPassword, 'http');
      const summary = await checkConnection(CORP);
      assert.equal(summary.level, 'info');
      assert.match(
        summary.text,
        /^Connection to corp: all steps passed in \d+ ms\. The connection and the owner credentials work\.$/,
      );
      const log = await extensionLog(
        /Check Connection: corp[\s\S]*The connection and the owner credentials work/,
      );
      const lines = log.slice(log.lastIndexOf('Check Connection: corp')).split('\n');
      for (const step of [
        'Capture domain',
        'Proxy',
        'DNS',
        'TCP',
        'TLS',
        'HTTP \\(VS Code\\)',
        'Capture answer',
        'Owner credentials',
      ]) {
        assert.ok(
          lines.some((l) => new RegExp(`[✓!–] ${step}: .*\\(\\d+ ms\\)`).test(l)),
          `${step} in ${lines.join('\n')}`,
        );
      }
      assert.ok(
        lines.some((l) => l.includes(`Proxy: http://${USER}:***@127.0.0.1:`)),
        'the proxy, redacted',
      );
      assert.ok(lines.some((l) => /HTTP \(VS Code\): HTTP 200.*\[through the proxy\]/.test(l)));
      assert.ok(lines.some((l) => /TCP: connected to the proxy/.test(l)));
    });

    it('a proxy returning 407: stops at HTTP and says to give the proxy its credentials', async () => {
      await setUserSetting('proxy', proxy.url, 'http');
      const summary = await checkConnection(CORP);
      assert.equal(summary.level, 'warning');
      assert.match(
        summary.text,
        /stopped at HTTP \(VS Code\): the proxy asks for credentials \(HTTP 407\)\. Give the proxy its credentials in http\.proxy: http:\/\/user:password@host:port \(http\.proxyAuthorization does not reach extensions\)\.$/,
      );
    });

    it('DNS failure: stops at DNS (no query leaves the machine)', async () => {
      await appAt('unresolvable', UNRESOLVABLE_DOMAIN);
      const summary = await checkConnection('unresolvable');
      assert.match(summary.text, /stopped at DNS: .*ENOTFOUND.*check its spelling, your VPN and your DNS\.$/);
    });

    it('a refused port: stops at TCP', async () => {
      await appAt('refusing', `http://127.0.0.1:${await closedPort()}`);
      const summary = await checkConnection('refusing');
      assert.match(summary.text, /stopped at TCP: ECONNREFUSED\./);
    });

    it('an untrusted certificate: stops at HTTP with the certificate advice', async () => {
      const front = await startTlsFront(emulator.port);
      try {
        await appAt('untrusted', front.origin);
        const summary = await checkConnection('untrusted');
        assert.match(
          summary.text,
          /stopped at HTTP \(VS Code\): the certificate is not trusted.*http\.systemCertificates/,
        );
      } finally {
        await front.close();
      }
    });

    it('an HTML page instead of Capture: stops at the Capture step', async () => {
      await setUserSetting('proxy', proxyWithPassword, 'http');
      emulator.injectFault({ op: 'list', kind: 'html', status: 502 });
      const summary = await checkConnection(CORP);
      assert.match(
        summary.text,
        /stopped at Capture answer: an HTML page \(HTTP 502\) instead of Capture JSON\. Something other than Capture answered/,
      );
    });

    it('a wrong owner secret: stops at the owner credentials and points to Set Owner Credentials', async () => {
      await setUserSetting('proxy', proxyWithPassword, 'http');
      emulator.injectFault({ op: 'list', kind: 'error', code: 402, error: 'invalid_client_credentials' });
      const summary = await checkConnection(CORP);
      assert.match(
        summary.text,
        /stopped at Owner credentials: Capture answered error 402 invalid_client_credentials\. The owner client ID or secret is wrong: run Set Owner Credentials\.$/,
      );
    });
  });

  describe('proxy settings', () => {
    it('http.proxySupport off: requests go direct even with http.proxy set', async () => {
      await setUserSetting('proxy', proxyWithPassword, 'http');
      await setUserSetting('proxySupport', 'off', 'http');
      const logged = proxy.log.length;
      await create();
      // Direct, 127.0.0.2 has nothing listening: refused, and the proxy saw nothing.
      assertOneProblem(ui, /^Creating the client failed: the connection was refused\./);
      assert.equal(proxy.log.length, logged, 'the proxy saw nothing');
    });

    it('http.noProxy ["*"] sends everything direct; "*.0.0.2" is no wildcard in VS Code, so that goes through the proxy', async () => {
      await setUserSetting('proxy', proxyWithPassword, 'http');
      await setUserSetting('noProxy', ['*'], 'http');
      let logged = proxy.log.length;
      await create();
      assertOneProblem(ui, /^Creating the client failed: the connection was refused\./);
      assert.equal(proxy.log.length, logged, 'the proxy saw nothing');

      await setUserSetting('noProxy', ['*.0.0.2'], 'http');
      logged = proxy.log.length;
      const adds = requestsFor(emulator, 'add').length;
      await create(CORP, 'not a wildcard');
      assert.equal(requestsFor(emulator, 'add').length, adds + 1, 'created through the proxy');
      assert.ok(proxy.log.length > logged, 'the proxy carried it');
    });
  });

  describe('afterwards', () => {
    it('hygiene: the proxy password and the owner secret are in no message, log line or state file', async () => {
      const secrets = [
        ...proxySecrets(),
        ...secretForms(emulator.owner.clientId, emulator.owner.clientSecret),
      ];
      const texts = shownEver.flatMap((m) => [m.text, m.detail ?? '', ...m.actions]).join('\n');
      assert.deepEqual(
        secrets.filter((s) => texts.includes(s)),
        [],
        'secrets in messages',
      );
      // The extension's own log, and every state file of the server (the user's settings.json holds
      // http.proxy as the user typed it: that is where they asked for the password to be).
      const log = await extensionLog(/Check Connection: corp/);
      assert.deepEqual(
        secrets.filter((s) => log.includes(s)),
        [],
        'secrets in the extension log',
      );
      const userData = process.env.HARNESS_USER_DATA_DIR!;
      const settings = path.join(userData, 'User', 'settings.json');
      const state = files(userData).filter(
        (f) => f !== settings && !f.includes(`${path.sep}logs${path.sep}`),
      );
      const found = state.filter((f) => secrets.some((s) => fs.readFileSync(f).includes(s)));
      assert.deepEqual(found, [], `state files holding a secret (of ${state.length})`);
    });
  });
});

function files(dir: string): string[] {
  if (path.resolve(dir) === path.resolve(workspaceFolder().uri.fsPath)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : entry.isFile() ? [full] : [];
  });
}

/** The extension's own log files, once they hold `wanted`. */
async function extensionLog(wanted: RegExp): Promise<string> {
  const userData = process.env.HARNESS_USER_DATA_DIR;
  assert.ok(userData, 'HARNESS_USER_DATA_DIR is set by test/harness/runIntegration.js');
  const read = () =>
    files(path.join(userData, 'logs'))
      .filter((f) => f.includes(`${path.sep}${EXTENSION_ID}${path.sep}`))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
  await waitUntil('the lines in the extension log', () => wanted.test(read()));
  return read();
}
