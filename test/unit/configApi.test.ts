import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigApiClient, orderVersions, parseConfigResponse } from '../../src/api/configApi';
import { checkAppId, configApiOrigin, suggestRegion } from '../../src/api/configRegion';
import { describeFailure } from '../../src/api/errorMessages';
import { ConfigApiError, TransportError } from '../../src/api/errors';
import * as z from 'zod/mini';
import { formatMessage as t } from '../../src/common/translate';
import { startEmulator, type Emulator } from '../emulator/emulator';

// The Configuration API module: region → host, and the real ConfigApiClient over real HTTP against
// the emulator's flow endpoints (and, for exact request lines, a bare server on 127.0.0.1).

describe('Configuration API: region → host', () => {
  const ok: Array<[string, string]> = [
    ['us', 'https://v1.api.us.janrain.com'],
    ['EU', 'https://v1.api.eu.janrain.com'],
    [' sg ', 'https://v1.api.sg.janrain.com'],
    ['', 'https://v1.api.us.janrain.com'],
    ['jp', 'https://v1.api.jp.janrain.com'],
    ['https://v1.api.eu.janrain.com/config/abc', 'https://v1.api.eu.janrain.com'],
    ['http://127.0.0.1:8790', 'http://127.0.0.1:8790'],
  ];
  for (const [input, origin] of ok) {
    it(`${JSON.stringify(input)} → ${origin}`, () => assert.deepEqual(configApiOrigin(input, t), { origin }));
  }
  const bad: Array<[string, RegExp]> = [
    [
      'http://v1.api.us.janrain.com',
      /^Use https:\/\/ for v1\.api\.us\.janrain\.com: owner credentials are never sent unencrypted\.$/,
    ],
    ['europe', /^"europe" is not a region\. Use one of us, eu, au, sa, cn, sg, or a full https:\/\/ address/],
    ['https://id:secret@v1.api.us.janrain.com', /^Remove the user name or password/],
    ['ftp://v1.api.us.janrain.com', /must start with https:\/\//],
  ];
  for (const [input, problem] of bad) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      const result = configApiOrigin(input, t);
      assert.ok('problem' in result, 'a problem');
      assert.match(result.problem, problem);
    });
  }

  it('suggests the region the Capture domain names', () => {
    assert.equal(suggestRegion('https://myapp.eu.janraincapture.com'), 'eu');
    assert.equal(suggestRegion('https://myapp.us-dev.janraincapture.com'), 'us');
    assert.equal(suggestRegion('myapp.au.janraincapture.com'), 'au');
    assert.equal(suggestRegion('https://myapp.janraincapture.com'), undefined);
    assert.equal(suggestRegion('http://127.0.0.1:8790'), undefined);
  });

  it('checks an application ID: letters and digits, not empty', () => {
    assert.equal(checkAppId('htb8fuhxnf8e38jrzub3c7pfrr', t), undefined);
    assert.match(checkAppId('  ', t)!, /Console → Manage Application/);
    assert.match(checkAppId('htb8-fuhx', t)!, /only letters and digits/);
  });
});

describe('Configuration API: flows against the emulator', () => {
  let emulator: Emulator;
  const clientFor = (creds: { clientId: string; clientSecret: string }, appId = emulator.appId) =>
    new ConfigApiClient({ origin: emulator.domain, appId, ...creds }, { application: 'dev' });

  beforeEach(async () => {
    emulator = await startEmulator({ appId: 'htb8fuhxnf8e38jrzub3c7pfrr' });
  });
  afterEach(() => emulator.close());

  /** Awaits a rejection of the given type and checks that it quotes no secret. */
  async function failure<T extends Error>(
    promise: Promise<unknown>,
    type: abstract new (...args: never[]) => T,
  ): Promise<T> {
    const caught = await promise.then(
      () => assert.fail('expected a failure'),
      (error: unknown) => error,
    );
    assert.ok(caught instanceof type, `expected ${type.name}, got ${String(caught)}`);
    const text = `${caught.message}\n${JSON.stringify(caught)}`;
    for (const c of emulator.clients()) assert.ok(!text.includes(c.clientSecret), 'quotes a secret');
    return caught;
  }

  it('GET /config/{app_id}/flows with Basic auth lists the flows, sorted by name', async () => {
    const flows = await clientFor(emulator.owner).flows();
    assert.deepEqual(
      flows.map((f) => f.name),
      ['signIn', 'standard', 'userProfile'],
    );
    const [request] = emulator.requests.filter((r) => r.op === 'config/flows');
    assert.equal(request?.method, 'GET');
    assert.equal(request?.authScheme, 'Basic');
    assert.equal(request?.authClientId, emulator.owner.clientId);
  });

  it('GET …/flows/{flow}/versions gives HEAD first, then pinned versions newest first, each with its change', async () => {
    const versions = await clientFor(emulator.owner).flowVersions('standard');
    assert.deepEqual(versions[0], { version: 'HEAD', change: 'Updated field: givenName' });
    assert.deepEqual(
      versions.map((v) => v.version),
      ['HEAD', '20240612195314276034', '20231103101502112233', '20230120195437074178'],
    );
    assert.equal(versions[3]!.change, 'Created.');
  });

  it('a client with direct_access may read flows; one with only direct_read_access gets 403', async () => {
    const direct = emulator.addClient({ features: ['direct_access'] });
    assert.equal((await clientFor(direct).flows()).length, 3);
    const reader = emulator.addClient({ features: ['direct_read_access'] });
    const error = await failure(clientFor(reader).flows(), ConfigApiError);
    assert.equal(error.status, 403);
    assert.equal(error.text, 'Authentication required.');
  });

  it('wrong credentials give 401 "Authentication required.", in words with the status and no secret', async () => {
    const error = await failure(
      clientFor({ clientId: emulator.owner.clientId, clientSecret: 'wrong-secret-value' }).flows(),
      ConfigApiError,
    );
    assert.equal(error.status, 401);
    assert.equal(error.application, 'dev');
    const { message, actions } = describeFailure(error, 'Listing the flows', t);
    assert.equal(
      message,
      'Listing the flows failed: the Configuration API did not accept the owner client ID or secret (HTTP 401). It said: "Authentication required." Set the owner credentials again.',
    );
    assert.ok(!message.includes(emulator.owner.clientSecret));
    assert.deepEqual(actions, ['setOwnerCredentials', 'showLog']);
  });

  it('an unknown application ID or flow gives 404 "Flow not found.", pointing at the ID and region', async () => {
    const wrongApp = await failure(clientFor(emulator.owner, 'nosuchapp').flows(), ConfigApiError);
    assert.equal(wrongApp.status, 404);
    const wrongFlow = await failure(clientFor(emulator.owner).flowVersions('nope'), ConfigApiError);
    assert.equal(wrongFlow.text, 'Flow not found.');
    assert.equal(
      describeFailure(wrongFlow, 'Listing the versions', t).message,
      'Listing the versions failed: the Configuration API does not know this application or flow (HTTP 404). It said: "Flow not found." Check the application ID (Console → Manage Application) and the region.',
    );
  });

  it('a 403 names the allow list only where the docs say it may apply', async () => {
    const outside = emulator.addClient({ features: ['owner'], whitelist: ['203.0.113.0/24'] });
    const flows = await failure(clientFor(outside).flows(), ConfigApiError);
    assert.equal(flows.allowList, 'undocumented');
    assert.match(
      describeFailure(flows, 'Listing the flows', t).message,
      /may also be outside the client's allow list/,
    );
    // Flow versions ignore the allow list (docs): the same client reads them.
    assert.equal((await clientFor(outside).flowVersions('signIn')).length, 2);
    const versions = new ConfigApiError(403, 'Authentication required.', '/flows/x/versions', 'ignored');
    assert.match(
      describeFailure(versions, 'Listing the versions', t).message,
      /this call ignores the allow list/,
    );
    const clients = new ConfigApiError(403, undefined, '/clients', 'respected');
    assert.match(
      describeFailure(clients, 'Listing the clients', t).message,
      /^Listing the clients failed: the Configuration API refused the owner client \(HTTP 403\)\. Either it lacks the feature this call needs, or this machine's IP address is outside the client's allow list\.$/,
    );
  });

  it('a 500 fault is a server error with its status; the next call works', async () => {
    emulator.injectConfigFault({ status: 500, errors: 'Internal Server Error.', endpoint: 'flows' });
    const error = await failure(clientFor(emulator.owner).flows(), ConfigApiError);
    assert.match(
      describeFailure(error, 'Listing the flows', t).message,
      /^Listing the flows failed: the Configuration API had a server error \(HTTP 500\)\. It said: "Internal Server Error\." Try again in a few minutes\.$/,
    );
    assert.equal((await clientFor(emulator.owner).flows()).length, 3);
  });
});

describe('Configuration API: request lines and answers', () => {
  let server: Server;
  let seen: Array<{ method: string; url: string; headers: Record<string, unknown> }>;
  let answer: { status: number; body: string; type?: string };

  beforeEach(async () => {
    seen = [];
    answer = { status: 200, body: '[]' };
    server = createServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      res.writeHead(answer.status, { 'Content-Type': answer.type ?? 'application/json' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const api = (warn?: (line: string) => void) =>
    new ConfigApiClient(
      {
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        appId: 'app123',
        clientId: 'owner-id',
        clientSecret: 'owner-secret',
      },
      { warn },
    );

  it('encodes the flow name in the path and sends Basic auth and Accept: application/json', async () => {
    await api().flowVersions('my flow/2');
    assert.equal(seen[0]!.method, 'GET');
    assert.equal(seen[0]!.url, '/config/app123/flows/my%20flow%2F2/versions');
    assert.equal(
      seen[0]!.headers.authorization,
      `Basic ${Buffer.from('owner-id:owner-secret').toString('base64')}`,
    );
    assert.equal(seen[0]!.headers.accept, 'application/json');
    assert.equal(seen[0]!.headers['content-type'], undefined, 'a GET has no body');
  });

  it('skips an entry of an undocumented shape (with a warning naming no value) instead of failing the list', async () => {
    answer.body = JSON.stringify([
      { name: 'standard', _self: '/x' },
      { title: 'odd' },
      { name: 'signIn', extra: 1 },
    ]);
    const warnings: string[] = [];
    const flows = await api((line) => warnings.push(line)).flows();
    assert.deepEqual(
      flows.map((f) => f.name),
      ['signIn', 'standard'],
    );
    assert.deepEqual(warnings, ['/flows: skipped 1 of 3 entries in an undocumented shape.']);
  });

  it('an HTML error page is a transport error with the status, not an API answer', async () => {
    answer = { status: 502, body: '<html><body>Bad Gateway</body></html>', type: 'text/html' };
    const error = await api()
      .flows()
      .then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof TransportError);
    assert.equal(error.failure, 'http');
    assert.equal(error.detail.status, 502);
    assert.equal(
      describeFailure(error, 'Listing the flows', t).message,
      'Listing the flows failed: the answer was not from the Configuration API (HTTP 502). A proxy or load balancer may be in the way; check http.proxy.',
    );
  });

  it('a network failure names the Configuration API host, not the Capture domain', async () => {
    const unresolved = new ConfigApiClient(
      {
        origin: 'https://v1.api.zz.janrain.com',
        appId: 'app123',
        clientId: 'owner-id',
        clientSecret: 'owner-secret',
      },
      {
        // What undici throws for a host name that does not resolve.
        fetch: () =>
          Promise.reject(
            new TypeError('fetch failed', {
              cause: Object.assign(new Error('getaddrinfo ENOTFOUND v1.api.zz.janrain.com'), {
                code: 'ENOTFOUND',
              }),
            }),
          ),
      },
    );
    const dns = await unresolved.flows().then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(dns instanceof TransportError);
    assert.equal(
      describeFailure(dns, 'Listing the flows', t).message,
      'Listing the flows failed: the Configuration API host could not be found. Check its spelling, your VPN, and the http.proxy setting.',
    );
    // The emulated API stopped: nothing listens on its port any more (afterEach's close is then a no-op).
    const stopped = api();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const refused = await stopped.flows().then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(refused instanceof TransportError);
    assert.equal(
      describeFailure(refused, 'Listing the flows', t).message,
      'Listing the flows failed: the connection was refused. Check the Configuration API host and the http.proxy setting.',
    );
  });

  it('an error status with a JSON body that lacks "errors" still names the status', () => {
    assert.throws(
      () => parseConfigResponse('/flows', 409, '{"message":"x"}', z.array(z.unknown()), 'respected'),
      (e: unknown) => e instanceof ConfigApiError && e.status === 409 && e.text === undefined,
    );
  });

  it('orders versions HEAD first, then newest pinned first; non-numeric versions keep their order', () => {
    const v = (version: string) => ({ version, change: '' });
    assert.deepEqual(
      orderVersions([v('2019'), v('HEAD'), v('2024'), v('2021')]).map((x) => x.version),
      ['HEAD', '2024', '2021', '2019'],
    );
    assert.deepEqual(
      orderVersions([v('b'), v('a'), v('HEAD')]).map((x) => x.version),
      ['HEAD', 'b', 'a'],
    );
  });
});
