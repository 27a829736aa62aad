import { createHash, randomBytes } from 'node:crypto';
import type { JSONWebKeySet, JWTPayload } from 'jose' with { 'resolution-mode': 'import' };
import type { Translate } from '../common/translate';
import { unsafeForCredentials } from './captureDomain';
import { UserFacingError } from '../common/userFacingError';
import { discoverySchema, tokenResponseSchema } from './hostedLoginSchemas';
import { describeServerError, jsonBody } from './hostedLoginClient';
import {
  basicAuthorization,
  sendRequest,
  urlParts,
  type CallOptions,
  type RequestOptions,
} from './httpRequest';

/** How the calls here are sent: the request layer's options, and this call's cancellation. */
export type OidcRequestOptions = RequestOptions & CallOptions;

/** The options of a request to Hosted Login: its failures are said to be Hosted Login's. */
const hostedLogin = (options: OidcRequestOptions): RequestOptions => ({ ...options, api: 'hostedLogin' });

// The OpenID Connect half of Try Sign-In, in plain TypeScript: PKCE (S256), the discovery document,
// the authorization URL, the code exchange and the ID token's verification against the JWKS (with
// jose). Tokens pass through here and are dropped: only their decoded claims go back.

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

/** A PKCE pair (RFC 7636): 32 random bytes as the verifier, its SHA-256 as the challenge, base64url. */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' };
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function randomState(): string {
  return randomBytes(16).toString('base64url');
}

export type Discovery = ReturnType<typeof discoverySchema.parse>;

/** Reads `{base}/login/.well-known/openid-configuration`: the issuer and endpoints (custom domains included). */
export async function fetchDiscovery(
  base: string,
  options: OidcRequestOptions,
  t: Translate,
): Promise<Discovery> {
  const url = `${base}/login/.well-known/openid-configuration`;
  const answer = await sendRequest(
    { method: 'GET', ...urlParts(url), headers: { Accept: 'application/json' } },
    hostedLogin(options),
    options,
  );
  const parsed = discoverySchema.safeParse(jsonBody(answer.text));
  if (answer.status !== 200 || !parsed.success) {
    throw new UserFacingError(
      t(
        'The discovery document at {0} could not be read (HTTP {1}). Check the customer ID and region with Connect Hosted Login….',
        url,
        answer.status,
      ),
      ['showLog'],
    );
  }
  // The code, the PKCE verifier and a confidential client's secret go to these: never in clear text.
  const endpoints = [parsed.data.authorization_endpoint, parsed.data.token_endpoint, parsed.data.jwks_uri];
  const unsafe = endpoints.find((endpoint) => !isSafeEndpoint(endpoint));
  if (unsafe !== undefined) {
    throw new UserFacingError(
      t(
        'The discovery document at {0} names the endpoint {1}, which is neither https nor on this machine: Try Sign-In sends nothing there.',
        url,
        unsafe,
      ),
      ['showLog'],
    );
  }
  return parsed.data;
}

function isSafeEndpoint(endpoint: string): boolean {
  try {
    return !unsafeForCredentials(new URL(endpoint));
  } catch {
    return false;
  }
}

export interface AuthorizeRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly state: string;
  readonly nonce: string;
  readonly pkce: Pkce;
}

export function authorizationUrl(discovery: Discovery, request: AuthorizeRequest): string {
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', request.scope);
  url.searchParams.set('state', request.state);
  url.searchParams.set('nonce', request.nonce);
  url.searchParams.set('code_challenge', request.pkce.challenge);
  url.searchParams.set('code_challenge_method', request.pkce.method);
  return url.toString();
}

/**
 * Sends the authorization request once with `prompt=none` and reads the answer without following
 * it: Hosted Login shows its refusals (a redirect URI not registered, "No flow available", an
 * unknown client) as HTML pages in the browser, where the extension cannot see them. A redirect
 * means the request itself is accepted.
 */
export async function checkAuthorizationRequest(
  authorizeUrl: string,
  context: { clientName: string; redirectUri: string; application: string },
  options: OidcRequestOptions,
  t: Translate,
): Promise<void> {
  const url = new URL(authorizeUrl);
  url.searchParams.set('prompt', 'none');
  const answer = await sendRequest(
    { method: 'GET', ...urlParts(url.toString()), headers: { Accept: 'text/html' }, redirect: 'manual' },
    hostedLogin(options),
    options,
  );
  if (answer.status >= 300 && answer.status < 400) return;
  if (answer.status === 200) return; // a login page: accepted
  const text = answer.text.replace(/<[^>]*>/g, ' ');
  if (/no flow available/i.test(text)) {
    throw new SignInError(
      t(
        'Hosted Login answered "No flow available": the application client of {0} has no default_flow_name / default_flow_version. In the Identity Cloud view, the application client row under {0} leads to that API client in {1}; Pick a Flow… on its Settings sets both. Then Try Sign-In again.',
        context.clientName,
        context.application,
      ),
      'noFlow',
    );
  }
  if (/redirect_uri/i.test(text)) {
    throw new SignInError(
      t(
        'Hosted Login refused the redirect URI {0}: it is not registered on {1}. Edit Redirect URIs… adds it (or let Try Sign-In register it).',
        context.redirectUri,
        context.clientName,
      ),
      'redirectMismatch',
    );
  }
  throw new SignInError(
    t(
      'Hosted Login refused the sign-in request for {0} (HTTP {1}: {2}).',
      context.clientName,
      answer.status,
      text.replace(/\s+/g, ' ').trim().slice(0, 120),
    ),
    'tokenRejected',
  );
}

/** Why a sign-in failed: the cause and the fix in one message. */
export class SignInError extends UserFacingError {
  constructor(
    message: string,
    readonly cause:
      | 'redirectMismatch'
      | 'noFlow'
      | 'wrongSecret'
      | 'consentDenied'
      | 'timeout'
      | 'stateMismatch'
      | 'tokenRejected'
      | 'idToken',
  ) {
    super(message, ['showLog']);
  }
}

export interface CodeExchange {
  readonly clientId: string;
  /** Only for confidential clients: sent as Basic credentials. */
  readonly clientSecret?: string;
  readonly code: string;
  readonly redirectUri: string;
  readonly verifier: string;
}

/** Exchanges the code at the token endpoint; returns the ID and access tokens (never logged). */
export async function exchangeCode(
  discovery: Discovery,
  exchange: CodeExchange,
  options: OidcRequestOptions,
  t: Translate,
): Promise<{ idToken: string; accessToken: string | undefined; scope: string | undefined }> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
    code_verifier: exchange.verifier,
  });
  if (!exchange.clientSecret) form.set('client_id', exchange.clientId);
  const answer = await sendRequest(
    {
      method: 'POST',
      ...urlParts(discovery.token_endpoint),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
        Accept: 'application/json',
        ...(exchange.clientSecret
          ? { Authorization: basicAuthorization(exchange.clientId, exchange.clientSecret) }
          : {}),
      },
      body: form.toString(),
    },
    hostedLogin(options),
    options,
  );
  const secrets = [exchange.clientSecret, exchange.code, exchange.verifier];
  if (answer.status === 401 || (answer.status === 400 && /invalid_client/.test(answer.text))) {
    throw new SignInError(
      exchange.clientSecret
        ? t(
            'The token endpoint refused the client secret of {0} ({1}). Its secret was probably reset: Reset Login Client Secret… gives a new one, then Try Sign-In again.',
            exchange.clientId,
            describeServerError(answer.text, secrets),
          )
        : t(
            'The token endpoint refused client {0} ({1}).',
            exchange.clientId,
            describeServerError(answer.text, secrets),
          ),
      'wrongSecret',
    );
  }
  const parsed = tokenResponseSchema.safeParse(jsonBody(answer.text));
  if (answer.status !== 200 || !parsed.success) {
    throw new SignInError(
      t(
        'The token endpoint did not give an ID token (HTTP {0} {1}). Check that the token policy allows the openid scope, then Try Sign-In again.',
        answer.status,
        describeServerError(answer.text, secrets),
      ),
      'tokenRejected',
    );
  }
  return {
    idToken: parsed.data.id_token,
    accessToken: parsed.data.access_token ?? undefined,
    scope: parsed.data.scope ?? undefined,
  };
}

export async function fetchJwks(
  discovery: Discovery,
  options: OidcRequestOptions,
  t: Translate,
): Promise<JSONWebKeySet> {
  const answer = await sendRequest(
    { method: 'GET', ...urlParts(discovery.jwks_uri), headers: { Accept: 'application/json' } },
    hostedLogin(options),
    options,
  );
  const json = jsonBody(answer.text) as { keys?: unknown } | undefined;
  if (answer.status !== 200 || !json || !Array.isArray(json.keys)) {
    throw new SignInError(
      t('The signing keys at {0} could not be read (HTTP {1}).', discovery.jwks_uri, answer.status),
      'idToken',
    );
  }
  return json as JSONWebKeySet;
}

export interface VerifiedClaims {
  readonly subject: string;
  readonly name: string | undefined;
  readonly email: string | undefined;
  readonly issuer: string;
  readonly audience: string;
  readonly expiresAt: Date;
  readonly issuedAt: Date | undefined;
  /** Every claim of the ID token (no token itself). */
  readonly claims: JWTPayload;
}

/**
 * Verifies an ID token: an RS256/ES256 signature by a key of `jwks`, the issuer, the audience (the
 * client ID), the expiry (with 60 s of clock tolerance) and the nonce. Throws a SignInError saying
 * which check failed.
 */
export async function verifyIdToken(
  idToken: string,
  jwks: JSONWebKeySet,
  expected: { issuer: string; clientId: string; nonce?: string; now?: Date },
  t: Translate,
): Promise<VerifiedClaims> {
  // jose is an ES module: loaded on first use (the bundle inlines it).
  const [{ jwtVerify }, { createLocalJWKSet }, errors] = await Promise.all([
    import('jose/jwt/verify'),
    import('jose/jwks/local'),
    import('jose/errors'),
  ]);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ['RS256', 'ES256', 'PS256'],
      clockTolerance: 60,
      ...(expected.now ? { currentDate: expected.now } : {}),
    }));
  } catch (error) {
    throw new SignInError(idTokenProblem(errors, error, expected, t), 'idToken');
  }
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce) {
    throw new SignInError(
      t('The ID token does not carry the nonce this sign-in sent: it was not issued for it.'),
      'idToken',
    );
  }
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : undefined);
  return {
    subject: payload.sub ?? '',
    name: text('name') ?? text('preferred_username') ?? text('given_name'),
    email: text('email'),
    issuer: payload.iss ?? '',
    audience: expected.clientId,
    expiresAt: new Date((payload.exp ?? 0) * 1000),
    issuedAt: payload.iat ? new Date(payload.iat * 1000) : undefined,
    claims: payload,
  };
}

function idTokenProblem(
  joseErrors: typeof import('jose/errors', { with: { 'resolution-mode': 'import' } }),
  error: unknown,
  expected: { issuer: string; clientId: string },
  t: Translate,
): string {
  if (error instanceof joseErrors.JWTExpired) {
    return t("The ID token has expired already: check this computer's clock, then Try Sign-In again.");
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return t('The ID token was issued for another client, not {0}.', expected.clientId);
    if (error.claim === 'iss') {
      return t(
        "The ID token was issued by another issuer than {0} (the discovery document's issuer).",
        expected.issuer,
      );
    }
    return t('The ID token\'s "{0}" claim is not valid ({1}).', error.claim, error.reason);
  }
  if (
    error instanceof joseErrors.JWKSNoMatchingKey ||
    error instanceof joseErrors.JWSSignatureVerificationFailed
  ) {
    return t(
      "The ID token's signature does not match any key of the issuer's JWKS: it was not signed by this Hosted Login.",
    );
  }
  return t('The ID token could not be verified: {0}', error instanceof Error ? error.message : String(error));
}

/** Reads the `?code=…&state=…` (or `?error=…`) a redirect brought back into a result or a SignInError. */
export function readRedirect(query: URLSearchParams, expectedState: string, t: Translate): { code: string } {
  const error = query.get('error');
  if (error) {
    const description = query.get('error_description') ?? '';
    if (error === 'access_denied') {
      throw new SignInError(
        t(
          'The sign-in was cancelled or consent was denied ({0}). Try Sign-In again and accept.',
          description || error,
        ),
        'consentDenied',
      );
    }
    throw new SignInError(
      t('Hosted Login ended the sign-in with {0}: {1}', error, description),
      'tokenRejected',
    );
  }
  if (query.get('state') !== expectedState) {
    throw new SignInError(
      t("The redirect did not carry this sign-in's state: it came from another sign-in. Try Sign-In again."),
      'stateMismatch',
    );
  }
  const code = query.get('code');
  if (!code) throw new SignInError(t('The redirect carried no authorization code.'), 'tokenRejected');
  return { code };
}
