import { strict as assert } from 'node:assert';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { formatMessage } from '../../src/common/translate';
import { SignInError, createPkce, pkceChallenge, readRedirect, verifyIdToken } from '../../src/api/oidc';
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
