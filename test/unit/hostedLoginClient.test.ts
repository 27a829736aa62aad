import { strict as assert } from 'node:assert';
import { formatMessage } from '../../src/common/translate';
import {
  HostedLoginClient,
  HostedLoginError,
  TOKEN_MARGIN_MS,
  describeServerError,
} from '../../src/api/hostedLoginClient';
import {
  checkRedirectUri,
  hostedLoginBase,
  parseOidcUrl,
  parseRedirectUris,
} from '../../src/api/hostedLoginLocation';
import { describeFailure } from '../../src/api/errorMessages';
import { TransportError } from '../../src/api/errors';
import { fetchDiscovery } from '../../src/api/oidc';
import { startEmulator, type Emulator } from '../emulator/emulator';

// The real HostedLoginClient, over real HTTP (global fetch), against the emulator's Hosted Login.

const t = formatMessage;
const START = Date.UTC(2025, 0, 1);

describe('HostedLoginClient against the emulator', () => {
  let emulator: Emulator;
  let clock: number;
  let api: HostedLoginClient;
  let trace: string[];

  const make = (scope?: string, secret?: string) =>
    new HostedLoginClient(
      parseOidcUrl(emulator.hostedLogin.oidcUrl, t) as { customerId: string; origin: string },
      {
        clientId: emulator.hostedLogin.configClient.clientId,
        clientSecret: secret ?? emulator.hostedLogin.configClient.clientSecret,
      },
      { t, now: () => clock, trace: (line) => trace.push(line), ...(scope ? { scope } : {}) },
    );

  beforeEach(async () => {
    clock = START;
    trace = [];
    emulator = await startEmulator({ now: () => clock });
    api = make();
  });
  afterEach(() => emulator.close());

  const tokenRequests = () => emulator.requests.filter((r) => r.op.endsWith('/login/token'));

  it('asks for a token with client_credentials, Basic auth and the scope *:config/**', async () => {
    await api.checkCredentials();
    const [request] = tokenRequests();
    assert.equal(request?.authScheme, 'Basic');
    assert.equal(request?.authClientId, emulator.hostedLogin.configClient.clientId);
    assert.deepEqual(request?.params, { grant_type: 'client_credentials', scope: '*:config/**' });
    assert.match(request?.contentType ?? '', /^application\/x-www-form-urlencoded/);
  });

  it('creates, reads, lists, updates and deletes a login client; its application client comes and goes with it', async () => {
    const [login] = await api.loginPolicies();
    const [token] = await api.tokenPolicies();
    assert.equal(login?.title, emulator.hostedLogin.loginPolicies[0]!.title);
    const created = await api.createClient({
      name: 'web app',
      type: 'public',
      redirectUris: ['http://localhost:3000/callback'],
      loginPolicy: login!.id,
      tokenPolicy: token!.id,
    });
    assert.equal(created.type, 'public');
    const [emulated] = emulator.hostedLogin.clients();
    assert.equal(emulated?.id, created.id);
    const appClient = emulator.client(emulated!.applicationClientId);
    assert.deepEqual(appClient?.features, ['login_client']);
    assert.equal(appClient?.settings.janrainOidcClientId, created.id);

    assert.deepEqual(await api.getClient(created.id), created);
    assert.deepEqual(
      (await api.listClients()).map((c) => c.name),
      ['web app'],
    );
    const updated = await api.updateClient({
      ...created,
      redirectUris: ['http://localhost:3000/callback', 'https://app.example.com/callback'],
    });
    assert.deepEqual(updated.redirectUris, [
      'http://localhost:3000/callback',
      'https://app.example.com/callback',
    ]);
    await api.deleteClient(created.id);
    assert.deepEqual(await api.listClients(), []);
    assert.equal(
      emulator.client(emulated!.applicationClientId),
      undefined,
      'the application client is gone too',
    );
  });

  it('resets a confidential secret (a new one at once) and reads it back', async () => {
    const created = await api.createClient({
      name: 'server app',
      type: 'confidential',
      redirectUris: ['https://app.example.com/callback'],
      loginPolicy: emulator.hostedLogin.loginPolicies[0]!.id,
      tokenPolicy: emulator.hostedLogin.tokenPolicies[0]!.id,
    });
    const first = await api.getSecret(created.id);
    const second = await api.resetSecret(created.id);
    assert.notEqual(first, second);
    assert.equal(await api.getSecret(created.id), second);
    // One line per request, path and status only: no secret, no token, no body.
    const base = new URL(api.base).pathname;
    assert.deepEqual(
      trace.map((line) => line.replace(/ in \d+ ms$/, '')),
      [
        `POST ${base}/login/token → HTTP 200`,
        `POST ${base}/config/clients → HTTP 201`,
        `GET ${base}/config/clients/${created.id}/secret → HTTP 200`,
        `POST ${base}/config/clients/${created.id}/secret → HTTP 201`,
        `GET ${base}/config/clients/${created.id}/secret → HTTP 200`,
      ],
    );
  });

  it('reuses its token until shortly before it expires, then fetches one again', async () => {
    await api.listClients();
    await api.loginPolicies();
    assert.equal(tokenRequests().length, 1, 'one token for both calls');
    clock += 3600_000 - TOKEN_MARGIN_MS + 1;
    await api.listClients();
    assert.equal(tokenRequests().length, 2, 'a new token shortly before expires_in');
  });

  it('on a 403 fetches one new token and tries once more', async () => {
    await api.listClients();
    emulator.hostedLogin.expireConfigTokens();
    assert.deepEqual(await api.listClients(), []);
    assert.equal(tokenRequests().length, 2);
    const listCalls = emulator.requests.filter((r) => r.op.endsWith('/config/clients'));
    assert.equal(listCalls.length, 3, 'the first list, the refused one, and one more');
  });

  it('never loops on a 403 that a new token does not cure', async () => {
    // Every configuration call finds its token refused, as a policy without config scopes would.
    const refusing = new HostedLoginClient(
      parseOidcUrl(emulator.hostedLogin.oidcUrl, t) as { customerId: string; origin: string },
      emulator.hostedLogin.configClient,
      {
        t,
        now: () => clock,
        fetch: (url, init) => {
          if (url.includes('/config/')) emulator.hostedLogin.expireConfigTokens();
          return fetch(url, init);
        },
      },
    );
    const error = await refusing.listClients().catch((e: unknown) => e);
    assert.ok(error instanceof HostedLoginError);
    assert.equal(error.reason, 'forbidden');
    assert.match(error.message, /newly fetched configuration token.*\*:config\/\*\*/);
    assert.equal(tokenRequests().length, 2, 'one token, then one more: no loop');
  });

  it('names a token without a scope before any call is made', async () => {
    // An unknown scope gets a token with no scope (the docs' trap): named before any call is made.
    const noScope = make('GET:nothing/**');
    const error = await noScope.listClients().then(
      () => assert.fail('should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof HostedLoginError);
    assert.equal(error.reason, 'noScope');
    assert.match(error.message, /without a scope/);
    assert.match(error.message, /GET:nothing\/\*\*/);
    assert.equal(tokenRequests().length, 1);
    assert.deepEqual(
      emulator.requests.filter((r) => r.op.includes('/config/')),
      [],
      'no configuration call with a token that can do nothing',
    );
  });

  it('names wrong configuration credentials without quoting the secret', async () => {
    const wrong = make(undefined, 'not-the-secret-1234');
    const error = await wrong.checkCredentials().then(
      () => assert.fail('should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof HostedLoginError);
    assert.equal(error.reason, 'credentials');
    assert.match(error.message, /Connect Hosted Login/);
    assert.ok(!error.message.includes('not-the-secret-1234'));
  });

  it('a network failure is worded as Hosted Login’s, with Connect Hosted Login… to correct its address', async () => {
    const location = parseOidcUrl(emulator.hostedLogin.oidcUrl, t) as { customerId: string; origin: string };
    await emulator.close(); // nothing listens on its port any more
    const refused = await make()
      .listClients()
      .then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
    assert.ok(refused instanceof TransportError);
    const report = describeFailure(refused, 'Listing the login clients', t);
    assert.equal(
      report.message,
      'Listing the login clients failed: the connection was refused. Check the Hosted Login host (the oidc_url given to Connect Hosted Login…) and the http.proxy setting.',
    );
    assert.deepEqual(report.actions, ['connectHostedLogin', 'openNetworkSettings', 'showLog']);

    // Try Sign-In's own requests (discovery, token, keys) go through the same words.
    const discovery = await fetchDiscovery(hostedLoginBase(location), {}, t).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(discovery instanceof TransportError);
    assert.match(describeFailure(discovery, 'Try Sign-In', t).message, /Check the Hosted Login host/);
  });

  it("maps the docs' error format to one message", async () => {
    const error = await api
      .createClient({ name: 'x', type: 'public', redirectUris: [], loginPolicy: 'nope', tokenPolicy: 'nope' })
      .then(
        () => assert.fail('should fail'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof HostedLoginError);
    assert.equal(error.status, 400);
    assert.match(error.message, /HTTP 400 "unknown loginPolicy nope"/);
    const missing = await api.getClient('no-such-client').catch((e: unknown) => e);
    assert.ok(missing instanceof HostedLoginError && missing.reason === 'notFound');
  });
});

describe('Hosted Login locations and redirect URIs', () => {
  it('derives customer ID and region from an oidc_url, or keeps another origin', () => {
    assert.deepEqual(parseOidcUrl('https://v1.api.eu.janrain.com/abc-123/login', t), {
      customerId: 'abc-123',
      region: 'eu',
    });
    assert.deepEqual(parseOidcUrl('https://login.example.org/abc-123/login', t), {
      customerId: 'abc-123',
      origin: 'https://login.example.org',
    });
    assert.ok('problem' in parseOidcUrl('http://login.example.org/abc-123/login', t), 'no plain http');
    assert.ok('problem' in parseOidcUrl('https://v1.api.us.janrain.com/', t), 'a customer ID is needed');
    assert.equal(hostedLoginBase({ customerId: 'abc', region: 'us' }), 'https://v1.api.us.janrain.com/abc');
  });

  it('accepts https, localhost-only http and app schemes as redirect URIs', () => {
    assert.equal(checkRedirectUri('http://localhost:3000/callback', t), undefined);
    assert.equal(checkRedirectUri('http://127.0.0.1:8080/cb', t), undefined);
    assert.equal(checkRedirectUri('https://app.example.com/cb', t), undefined);
    assert.equal(checkRedirectUri('com.example.app:/callback', t), undefined);
    assert.match(checkRedirectUri('http://app.example.com/cb', t) ?? '', /only http:\/\/localhost/);
    assert.match(checkRedirectUri('javascript:alert(1)', t) ?? '', /cannot be a redirect URI/);
    assert.deepEqual(parseRedirectUris('http://localhost:3000/callback, https://a.example/cb', t), {
      uris: ['http://localhost:3000/callback', 'https://a.example/cb'],
    });
  });

  it('reads both error formats and removes secrets', () => {
    assert.equal(
      describeServerError('{"errors":"(\'title\',) field required"}'),
      `"('title',) field required"`,
    );
    assert.equal(
      describeServerError('{"error":"invalid_client","error_description":"bad secret s3cr3t-value"}', [
        's3cr3t-value',
      ]),
      '"invalid_client: bad secret <redacted>"',
    );
    assert.equal(describeServerError('<html>oops</html>'), '');
  });
});
