import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientStore } from './store';

// Hosted Login (OIDC) mounted on the emulator's server under /{customerId}/…, as
// /work/shared/HOSTED-LOGIN-API.md describes it: the configuration token, login and token policies,
// OIDC clients (each with its Capture application client in the emulator's store), discovery,
// authorize (a test user who signs in without a form), the token endpoint with PKCE, the JWKS
// (an RS256 key made on first use) and userinfo. Configuration errors use the docs' {"errors": "…"};
// OAuth endpoints use RFC 6749's {"error", "error_description"}; authorize errors are HTML pages.

export interface HostedLoginOptions {
  customerId?: string;
  configClient?: { clientId?: string; clientSecret?: string };
  /** Scopes the configuration client's token policy holds. Default `*:config/**` and `*:**`. */
  configScopes?: string[];
}

export interface EmulatedLoginClient {
  id: string;
  name: string;
  type: 'public' | 'confidential';
  redirectURIs: string[];
  loginPolicy: string;
  tokenPolicy: string;
  secret: string | undefined;
  /** The Capture API client Hosted Login made for it (feature login_client). */
  applicationClientId: string;
}

export interface TestUser {
  sub: string;
  name: string;
  email: string;
}

export interface HostedLoginEmulator {
  readonly customerId: string;
  /** `http://127.0.0.1:PORT/{customerId}/login`, as Console → Global Settings shows oidc_url. */
  readonly oidcUrl: string;
  readonly configClient: { readonly clientId: string; readonly clientSecret: string };
  readonly loginPolicies: ReadonlyArray<{ id: string; title: string }>;
  readonly tokenPolicies: ReadonlyArray<{ id: string; title: string }>;
  readonly user: TestUser;
  /** Deep copies of the login clients, in creation order. */
  clients(): EmulatedLoginClient[];
  /** Every configuration token stops working at once (as if expired): the next call gets a 403. */
  expireConfigTokens(): void;
  /** Every authorization code, access, ID and refresh token issued so far (to check none is shown or logged). */
  issuedTokens(): string[];
  /** The next sign-in is refused by the user: the redirect carries error=access_denied. */
  denyNextSignIn(): void;
  /** Removes default_flow_name / default_flow_version from a login client's application client (as in the Console). */
  clearFlow(loginClientId: string): void;
  /** Whether this path belongs to Hosted Login. */
  handles(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, body: string, now: number): string;
}

interface Code {
  clientId: string;
  redirectUri: string;
  challenge: string | undefined;
  nonce: string | undefined;
  scope: string;
  expiresAt: number;
}

export function createHostedLogin(
  store: ClientStore,
  origin: string,
  options: HostedLoginOptions = {},
): HostedLoginEmulator {
  const customerId = options.customerId ?? randomUUID();
  const base = `${origin}/${customerId}`;
  const issuer = `${base}/login`;
  const configClient = {
    clientId: options.configClient?.clientId ?? randomUUID(),
    clientSecret: options.configClient?.clientSecret ?? randomBytes(24).toString('base64url'),
  };
  const configScopes = options.configScopes ?? ['*:config/**', '*:**'];
  const configTokens = new Map<string, number>(); // token → expires at
  let denyNext = false;
  const loginPolicies = [
    { id: randomUUID(), title: 'Standard login (janrainCapture user)' },
    { id: randomUUID(), title: 'Social login' },
  ];
  const tokenPolicies = [
    {
      id: randomUUID(),
      title: 'Web apps: openid profile email',
      allowedScopes: ['openid', 'profile', 'email'],
    },
    { id: randomUUID(), title: 'Minimal: openid', allowedScopes: ['openid'] },
  ];
  const clients = new Map<string, EmulatedLoginClient>();
  const codes = new Map<string, Code>();
  const accessTokens = new Map<string, { scope: string; expiresAt: number }>();
  const issued: string[] = [];
  const user: TestUser = { sub: randomUUID(), name: 'Test User', email: 'test.user@example.com' };
  // Made on first use: an RSA key takes about half a second, and most emulators never sign a token.
  let key: SigningKey | undefined;
  const signingKey = () => (key ??= newKey());

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': typeof body === 'string' ? 'text/html;charset=utf-8' : 'application/json;charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(text);
  };
  const page = (title: string) =>
    `<!DOCTYPE html>\n<html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1></body></html>\n`;
  const configError = (res: ServerResponse, status: number, errors: string) => {
    send(res, status, { errors });
    return `${status} ${errors}`;
  };
  const oauthError = (res: ServerResponse, status: number, error: string, description: string) => {
    send(res, status, { error, error_description: description });
    return `${status} ${error}`;
  };

  const view = (c: EmulatedLoginClient) => ({
    id: c.id,
    name: c.name,
    type: c.type,
    redirectURIs: [...c.redirectURIs],
    loginPolicy: c.loginPolicy,
    tokenPolicy: c.tokenPolicy,
    _links: { self: { href: `/config/${customerId}/clients/${c.id}` } },
  });

  /** The body of a POST/PUT client, checked like the docs' field errors; a message when it is wrong. */
  const checkClientBody = (
    raw: unknown,
    existing?: EmulatedLoginClient,
  ): string | Omit<EmulatedLoginClient, 'id' | 'secret' | 'applicationClientId'> => {
    const body = (raw ?? {}) as Record<string, unknown>;
    for (const field of ['name', 'redirectURIs', 'loginPolicy', 'tokenPolicy', 'type']) {
      if (body[field] === undefined) return `('${field}',) field required`;
    }
    if (typeof body.name !== 'string' || !body.name.trim()) return 'name must be a non-empty string';
    if (body.type !== 'public' && body.type !== 'confidential') return 'type must be public or confidential';
    if (existing && body.type !== existing.type) return 'type cannot be changed';
    const uris = body.redirectURIs;
    if (!Array.isArray(uris) || uris.some((u) => typeof u !== 'string'))
      return 'redirectURIs must be a list of strings';
    for (const uri of uris as string[]) {
      let url: URL;
      try {
        url = new URL(uri);
      } catch {
        return `invalid redirect URI ${uri}`;
      }
      if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
        return `redirect URI ${uri}: the only allowed HTTP link is localhost`;
      }
    }
    if (!loginPolicies.some((p) => p.id === body.loginPolicy))
      return `unknown loginPolicy ${String(body.loginPolicy)}`;
    if (!tokenPolicies.some((p) => p.id === body.tokenPolicy))
      return `unknown tokenPolicy ${String(body.tokenPolicy)}`;
    const name = body.name.trim();
    if ([...clients.values()].some((c) => c.name === name && c.id !== existing?.id))
      return `409:name ${name} is taken`;
    return {
      name,
      type: body.type,
      redirectURIs: uris as string[],
      loginPolicy: body.loginPolicy as string,
      tokenPolicy: body.tokenPolicy as string,
    };
  };

  const handleConfig = (
    req: IncomingMessage,
    res: ServerResponse,
    rest: string,
    body: string,
    now: number,
  ): string => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = bearer ? configTokens.get(bearer) : undefined;
    if (expires === undefined || now >= expires) return configError(res, 403, 'Forbidden');
    const method = req.method ?? 'GET';
    if (rest === '/loginPolicies' && method === 'GET') {
      send(res, 200, {
        total: loginPolicies.length,
        _embedded: { loginPolicies: loginPolicies.map(policyView('loginPolicies')) },
      });
      return '200';
    }
    if (rest === '/tokenPolicies' && method === 'GET') {
      send(res, 200, {
        total: tokenPolicies.length,
        _embedded: { tokenPolicies: tokenPolicies.map(policyView('tokenPolicies')) },
      });
      return '200';
    }
    if (rest === '/clients' && method === 'GET') {
      const list = [...clients.values()].map(view);
      send(res, 200, { total: list.length, _embedded: { clients: list } });
      return '200';
    }
    let json: unknown;
    if (body) {
      try {
        json = JSON.parse(body);
      } catch {
        return configError(res, 400, 'request body is not JSON');
      }
    }
    if (rest === '/clients' && method === 'POST') {
      const checked = checkClientBody(json);
      if (typeof checked === 'string')
        return configError(res, checked.startsWith('409:') ? 409 : 400, checked.replace(/^409:/, ''));
      const id = randomUUID();
      const application = store.add({
        description: checked.name,
        features: ['login_client'],
        settings: {
          janrainOidcClientId: id,
          site_name: checked.name,
          user_entity_type: 'user',
          password_recover_url: `${base}/auth-ui/reset-password?client_id=${id}`,
          verify_email_url: `${base}/auth-ui/verify-account?client_id=${id}`,
        },
      });
      const client: EmulatedLoginClient = {
        id,
        ...checked,
        secret: checked.type === 'confidential' ? randomBytes(24).toString('base64url') : undefined,
        applicationClientId: application.clientId,
      };
      clients.set(id, client);
      send(res, 201, view(client));
      return '201';
    }
    const match = /^\/clients\/([^/]+)(\/secret)?$/.exec(rest);
    const client = match ? clients.get(decodeURIComponent(match[1]!)) : undefined;
    if (match && !client) return configError(res, 404, 'Not Found');
    if (client && match?.[2]) {
      if (client.type !== 'confidential') return configError(res, 400, 'public clients have no secret');
      if (method === 'POST')
        client.secret = randomBytes(24).toString('base64url'); // no grace period
      else if (method !== 'GET') return configError(res, 405, 'Method Not Allowed');
      send(res, method === 'POST' ? 201 : 200, { secret: client.secret });
      return method === 'POST' ? '201 (secret reset)' : '200';
    }
    if (client && method === 'GET') {
      send(res, 200, view(client));
      return '200';
    }
    if (client && method === 'PUT') {
      const checked = checkClientBody(json, client);
      if (typeof checked === 'string')
        return configError(res, checked.startsWith('409:') ? 409 : 400, checked.replace(/^409:/, ''));
      Object.assign(client, checked);
      send(res, 200, view(client));
      return '200';
    }
    if (client && method === 'DELETE') {
      clients.delete(client.id);
      store.delete(client.applicationClientId);
      res.writeHead(204).end();
      return '204';
    }
    return configError(res, 404, 'Not Found');
  };

  const policyView = (kind: string) => (p: { id: string; title: string }) => ({
    id: p.id,
    title: p.title,
    _links: { self: { href: `/${customerId}/config/${kind}/${p.id}` } },
  });

  const discovery = () => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    introspection_endpoint: `${issuer}/token/introspect`,
    revocation_endpoint: `${issuer}/token/revoke`,
    userinfo_endpoint: `${base}/profiles/oidc/userinfo`,
    jwks_uri: `${issuer}/jwk`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'profile', 'email', 'address', 'phone'],
    code_challenge_methods_supported: ['S256'],
  });

  const authorize = (res: ServerResponse, query: URLSearchParams, now: number): string => {
    const client = clients.get(query.get('client_id') ?? '');
    if (!client) {
      send(res, 400, page('Invalid client_id'));
      return '400 invalid client_id';
    }
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!client.redirectURIs.includes(redirectUri)) {
      send(res, 400, page('Invalid redirect_uri: it is not registered for this client'));
      return '400 invalid redirect_uri';
    }
    if (query.get('response_type') !== 'code') {
      send(res, 400, page('Unsupported response_type'));
      return '400 response_type';
    }
    const scope = query.get('scope') ?? '';
    if (!scope.split(' ').includes('openid')) {
      send(res, 400, page('The scope must contain openid'));
      return '400 scope';
    }
    const challenge = query.get('code_challenge') ?? undefined;
    if (challenge !== undefined && query.get('code_challenge_method') !== 'S256') {
      send(res, 400, page('Unsupported code_challenge_method'));
      return '400 code_challenge_method';
    }
    if (client.type === 'public' && !challenge) {
      send(res, 400, page('Public clients must use PKCE (code_challenge)'));
      return '400 PKCE required';
    }
    const flow =
      store.get(client.applicationClientId)?.settings.default_flow_name ?? store.defaults.default_flow_name;
    if (!flow) {
      send(res, 400, page('No flow available'));
      return '400 No flow available';
    }
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (query.get('prompt') === 'none') {
      // No browser session here: the OIDC answer to a silent request.
      back.searchParams.set('error', 'login_required');
      if (state !== null) back.searchParams.set('state', state);
      res.writeHead(302, { Location: back.toString(), 'Content-Length': 0 }).end();
      return '302 (login_required: prompt=none)';
    }
    const denied = denyNext;
    if (denied) {
      denyNext = false;
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user denied the request');
    } else {
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        clientId: client.id,
        redirectUri,
        challenge,
        nonce: query.get('nonce') ?? undefined,
        scope,
        expiresAt: now + 60_000,
      });
      issued.push(code);
      back.searchParams.set('code', code);
    }
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { Location: back.toString(), 'Content-Length': 0 }).end();
    return denied ? '302 (denied)' : '302 (signed in as the test user)';
  };

  const token = (req: IncomingMessage, res: ServerResponse, form: URLSearchParams, now: number): string => {
    const basic = parseBasic(req.headers.authorization);
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') {
      if (!basic || basic.id !== configClient.clientId || basic.secret !== configClient.clientSecret) {
        return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
      }
      const token = randomBytes(24).toString('base64url');
      configTokens.set(token, now + 3600_000);
      const scope = form.get('scope') ?? '';
      // The docs' trap: an unknown scope still gets a token, with no scope, that can do nothing.
      const known = configScopes.includes(scope);
      if (!known) configTokens.set(token, 0);
      send(res, 200, {
        access_token: token,
        expires_in: 3600,
        token_type: 'Bearer',
        ...(known ? { scope } : {}),
      });
      return known ? '200 (configuration token)' : '200 (token without scope)';
    }
    if (grant !== 'authorization_code')
      return oauthError(res, 400, 'unsupported_grant_type', `grant_type ${grant ?? '(none)'}`);
    const code = codes.get(form.get('code') ?? '');
    const clientId = basic?.id ?? form.get('client_id') ?? '';
    const client = clients.get(clientId);
    if (!client) return oauthError(res, 401, 'invalid_client', 'Unknown client');
    if (client.type === 'confidential' && (!basic || basic.secret !== client.secret)) {
      return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
    }
    if (!code || code.clientId !== client.id || now >= code.expiresAt) {
      return oauthError(res, 400, 'invalid_grant', 'The authorization code is invalid or expired');
    }
    codes.delete(form.get('code')!);
    if (form.get('redirect_uri') !== code.redirectUri) {
      return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request');
    }
    if (code.challenge !== undefined) {
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
        return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed');
      }
    }
    const policy = tokenPolicies.find((p) => p.id === client.tokenPolicy);
    const scopes = code.scope.split(' ').filter((s) => policy?.allowedScopes.includes(s));
    const iat = Math.floor(now / 1000);
    const claims: Record<string, unknown> = {
      iss: issuer,
      sub: user.sub,
      aud: client.id,
      iat,
      exp: iat + 3600,
      auth_time: iat,
      ...(code.nonce ? { nonce: code.nonce } : {}),
      ...(scopes.includes('profile') ? { name: user.name } : {}),
      ...(scopes.includes('email') ? { email: user.email, email_verified: true } : {}),
    };
    const accessToken = randomBytes(24).toString('base64url');
    accessTokens.set(accessToken, { scope: scopes.join(' '), expiresAt: now + 3600_000 });
    const idToken = signJwt(claims, signingKey());
    const refreshToken = randomBytes(24).toString('base64url');
    issued.push(accessToken, idToken, refreshToken);
    send(res, 200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: scopes.join(' '),
      id_token: idToken,
      refresh_token: refreshToken,
    });
    return '200 (tokens)';
  };

  const userinfo = (req: IncomingMessage, res: ServerResponse, now: number): string => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = bearer ? accessTokens.get(bearer) : undefined;
    if (!grant || now >= grant.expiresAt)
      return oauthError(res, 401, 'invalid_token', 'The access token is invalid');
    const scopes = grant.scope.split(' ');
    send(res, 200, {
      sub: user.sub,
      ...(scopes.includes('profile') ? { name: user.name } : {}),
      ...(scopes.includes('email') ? { email: user.email, email_verified: true } : {}),
    });
    return '200';
  };

  const prefix = `/${customerId}/`;
  return {
    customerId,
    oidcUrl: issuer,
    configClient,
    loginPolicies: loginPolicies.map(({ id, title }) => ({ id, title })),
    tokenPolicies: tokenPolicies.map(({ id, title }) => ({ id, title })),
    user,
    clients: () => [...clients.values()].map((c) => ({ ...c, redirectURIs: [...c.redirectURIs] })),
    issuedTokens: () => [...issued],
    expireConfigTokens: () => {
      for (const t of configTokens.keys()) configTokens.set(t, 0);
    },
    denyNextSignIn: () => void (denyNext = true),
    clearFlow: (loginClientId) => {
      const application = store.get(clients.get(loginClientId)?.applicationClientId ?? '');
      if (!application) throw new Error(`The emulator has no login client ${loginClientId}.`);
      store.update(application, (c) => {
        delete c.settings.default_flow_name;
        delete c.settings.default_flow_version;
      });
    },
    handles: (path) => path.startsWith(prefix),
    handle: (req, res, body, now) => {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const rest = url.pathname.slice(prefix.length - 1);
      const method = req.method ?? 'GET';
      const form = /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')
        ? new URLSearchParams(body)
        : new URLSearchParams();
      if (rest.startsWith('/config/')) return handleConfig(req, res, rest.slice('/config'.length), body, now);
      if (rest === '/login/.well-known/openid-configuration' && method === 'GET') {
        send(res, 200, discovery());
        return '200';
      }
      if (rest === '/login/authorize' && method === 'GET') return authorize(res, url.searchParams, now);
      if (rest === '/login/token' && method === 'POST') return token(req, res, form, now);
      if (rest === '/login/jwk' && method === 'GET') {
        send(res, 200, { keys: [signingKey().jwk] });
        return '200';
      }
      if (rest === '/profiles/oidc/userinfo' && method === 'GET') return userinfo(req, res, now);
      send(res, 404, page('Not Found'));
      return '404';
    },
  };
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

/** A compact RS256 JWT. */
export function signJwt(
  claims: Record<string, unknown>,
  key: { kid: string; privateKey: KeyObject },
): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header?.trim() ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) } : undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
