import { strict as assert } from 'node:assert';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { formatMessage } from '../../src/common/translate';
import {
  SignInError,
  authorizationUrl,
  checkAuthorizationRequest,
  createPkce,
  exchangeCode,
  fetchDiscovery,
  pkceChallenge,
  readRedirect,
  verifyIdToken,
  type Discovery,
} from '../../src/api/oidc';
import { CaptureClient } from '../../src/api/captureClient';
import { HostedLoginClient } from '../../src/api/hostedLoginClient';
import { parseOidcUrl } from '../../src/api/hostedLoginLocation';
import { SettingsClient } from '../../src/api/settingsClient';
import { UserFacingError } from '../../src/common/userFacingError';
import { LoopbackTimeout, startLoopbackRedirect } from '../../src/network/loopbackRedirect';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { signJwt } from '../emulator/hostedLogin';

// PKCE (S256) and ID-token verification (jose) in plain Node.

const t = formatMessage;

function key() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(4).toString('hex');
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

describe('PKCE', () => {
  it('makes a 43-character verifier and its S256 challenge (RFC 7636 appendix B)', () => {
    const pkce = createPkce();
    assert.match(pkce.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(pkce.challenge, createHash('sha256').update(pkce.verifier).digest('base64url'));
    assert.equal(pkce.method, 'S256');
    assert.equal(
      pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    assert.notEqual(createPkce().verifier, pkce.verifier);
  });
});

describe('ID token verification', () => {
  const issuer = 'https://v1.api.us.janrain.com/cid/login';
  const clientId = 'login-client-1';
  const now = Math.floor(Date.now() / 1000);
  const signer = key();
  const jwks = { keys: [signer.jwk] };
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: issuer,
    aud: clientId,
    sub: 'user-1',
    name: 'Test User',
    email: 'test@example.com',
    iat: now,
    exp: now + 3600,
    nonce: 'n-1',
    ...extra,
  });
  const problem = async (token: string) => {
    const error = await verifyIdToken(token, jwks, { issuer, clientId, nonce: 'n-1' }, t).then(
      () => assert.fail('should not verify'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SignInError);
    assert.ok(!error.message.includes(token), 'the token is never in the message');
    return error.message;
  };

  it('accepts a good token and gives its claims', async () => {
    const verified = await verifyIdToken(
      signJwt(claims(), signer),
      jwks,
      { issuer, clientId, nonce: 'n-1' },
      t,
    );
    assert.equal(verified.subject, 'user-1');
    assert.equal(verified.name, 'Test User');
    assert.equal(verified.email, 'test@example.com');
    assert.equal(verified.expiresAt.getTime(), (now + 3600) * 1000);
  });

  it('refuses an expired token', async () => {
    assert.match(await problem(signJwt(claims({ iat: now - 7200, exp: now - 3600 }), signer)), /expired/);
  });

  it('refuses a token for another audience', async () => {
    assert.match(
      await problem(signJwt(claims({ aud: 'someone-else' }), signer)),
      /another client, not login-client-1/,
    );
  });

  it('refuses a token signed with another key, even with the same kid', async () => {
    const other = key();
    assert.match(await problem(signJwt(claims(), { ...other, kid: signer.kid })), /signature does not match/);
    assert.match(await problem(signJwt(claims(), other)), /signature does not match/);
  });

  it('refuses another issuer and a replayed nonce', async () => {
    assert.match(
      await problem(signJwt(claims({ iss: 'https://evil.example/login' }), signer)),
      /another issuer/,
    );
    assert.match(await problem(signJwt(claims({ nonce: 'other' }), signer)), /nonce/);
  });

  it('reads the redirect: code, denied consent, another state', () => {
    assert.deepEqual(readRedirect(new URLSearchParams('code=c1&state=s1'), 's1', t), { code: 'c1' });
    assert.throws(
      () => readRedirect(new URLSearchParams('error=access_denied&state=s1'), 's1', t),
      (e: unknown) => e instanceof SignInError && e.cause === 'consentDenied',
    );
    assert.throws(
      () => readRedirect(new URLSearchParams('code=c1&state=s2'), 's1', t),
      (e: unknown) => e instanceof SignInError && e.cause === 'stateMismatch',
    );
  });
});

describe('sign-in failures against the emulator', () => {
  let emulator: Emulator;
  let api: HostedLoginClient;
  let discovery: Discovery;

  beforeEach(async () => {
    emulator = await startEmulator();
    const location = parseOidcUrl(emulator.hostedLogin.oidcUrl, t) as { customerId: string; origin: string };
    api = new HostedLoginClient(location, emulator.hostedLogin.configClient, { t });
    discovery = await fetchDiscovery(api.base, {}, t);
  });
  afterEach(() => emulator.close());

  const newClient = (type: 'public' | 'confidential') =>
    api.createClient({
      name: `${type} app`,
      type,
      redirectUris: ['http://127.0.0.1:8765/cb'],
      loginPolicy: emulator.hostedLogin.loginPolicies[0]!.id,
      tokenPolicy: emulator.hostedLogin.tokenPolicies[0]!.id,
    });

  const request = (clientId: string, redirectUri: string) =>
    authorizationUrl(discovery, {
      clientId,
      redirectUri,
      scope: 'openid',
      state: 's',
      nonce: 'n',
      pkce: createPkce(),
    });

  const context = { clientName: 'app', redirectUri: 'http://127.0.0.1:9999/', application: 'dev' };

  it('reads the issuer and endpoints from the discovery document', () => {
    assert.equal(discovery.issuer, emulator.hostedLogin.oidcUrl);
    assert.equal(discovery.jwks_uri, `${emulator.hostedLogin.oidcUrl}/jwk`);
  });

  it('refuses a discovery document that sends the token exchange over plain http to another host', async () => {
    // The emulator's real document, with its token endpoint moved off this machine.
    const error = await fetchDiscovery(
      api.base,
      {
        fetch: async (url, init) => {
          const real = (await (await fetch(url, init)).json()) as Record<string, unknown>;
          return Response.json({ ...real, token_endpoint: 'http://idp.example.com/token' });
        },
      },
      t,
    ).catch((e: unknown) => e);
    assert.ok(error instanceof UserFacingError);
    assert.match(error.message, /endpoint http:\/\/idp\.example\.com\/token, which is neither https nor/);
  });

  it('names a redirect URI that is not registered, before the browser opens', async () => {
    const client = await newClient('public');
    const error = await checkAuthorizationRequest(
      request(client.id, 'http://127.0.0.1:9999/'),
      context,
      {},
      t,
    ).catch((e: unknown) => e);
    assert.ok(error instanceof SignInError && error.cause === 'redirectMismatch');
    assert.match(error.message, /not registered on app\. Edit Redirect URIs… adds it/);
  });

  it('names "No flow available" and where to set the flow', async () => {
    const client = await newClient('public');
    const error = await checkAuthorizationRequest(
      request(client.id, 'http://127.0.0.1:8765/cb'),
      context,
      {},
      t,
    ).catch((e: unknown) => e);
    assert.ok(error instanceof SignInError && error.cause === 'noFlow');
    assert.match(error.message, /default_flow_name/);
    assert.match(
      error.message,
      /Pick a Flow… on its Settings sets both/,
      'the command that fixes it is named',
    );
  });

  it('accepts a request Hosted Login redirects, without following it, and traces no query', async () => {
    const client = await newClient('public');
    const appClient = emulator.hostedLogin.clients()[0]!.applicationClientId;
    await new SettingsClient(new CaptureClient({ domain: emulator.domain, ...emulator.owner })).set(
      appClient,
      'default_flow_name',
      'standard',
    );
    const url = authorizationUrl(discovery, {
      clientId: client.id,
      redirectUri: 'http://127.0.0.1:8765/cb',
      scope: 'openid',
      state: 'state-to-keep-out-of-the-log',
      nonce: 'nonce-to-keep-out-of-the-log',
      pkce: createPkce(),
    });
    const lines: string[] = [];
    // Following the 302 would reach 127.0.0.1:8765, where nothing listens, and fail.
    await checkAuthorizationRequest(url, context, { trace: (line) => lines.push(line) }, t);
    assert.deepEqual(
      lines.map((line) => line.replace(/ in \d+ ms$/, '')),
      [`GET ${new URL(discovery.authorization_endpoint).pathname} → HTTP 302`],
    );
  });

  it('names a wrong client secret at the code exchange, without the secret', async () => {
    const client = await newClient('confidential');
    const appClient = emulator.hostedLogin.clients()[0]!.applicationClientId;
    await new SettingsClient(new CaptureClient({ domain: emulator.domain, ...emulator.owner })).set(
      appClient,
      'default_flow_name',
      'standard',
    );
    const pkce = createPkce();
    const url = authorizationUrl(discovery, {
      clientId: client.id,
      redirectUri: 'http://127.0.0.1:8765/cb',
      scope: 'openid',
      state: 's',
      nonce: 'n',
      pkce,
    });
    const redirect = await fetch(url, { redirect: 'manual' });
    const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
    const error = await exchangeCode(
      discovery,
      {
        clientId: client.id,
        clientSecret: 'wrong-secret-1234',
        code,
        redirectUri: 'http://127.0.0.1:8765/cb',
        verifier: pkce.verifier,
      },
      {},
      t,
    ).catch((e: unknown) => e);
    assert.ok(error instanceof SignInError && error.cause === 'wrongSecret');
    assert.match(error.message, /Reset Login Client Secret… gives a new one/);
    assert.ok(!error.message.includes('wrong-secret-1234') && !error.message.includes(code));
  });

  it('the loopback server stops itself when no redirect comes', async () => {
    const loopback = await startLoopbackRedirect(0, '/', 50);
    assert.ok(loopback);
    await assert.rejects(loopback.result, LoopbackTimeout);
    await assert.rejects(fetch(loopback.uri), 'nothing listens any more');
  });
});
