import type * as z from 'zod/mini';
import type { Translate } from '../common/translate';
import { UserFacingError } from '../common/userFacingError';
import { TransportError } from './errors';
import { hostedLoginBase, type HostedLoginLocation } from './hostedLoginLocation';
import {
  configErrorSchema,
  configTokenSchema,
  loginPolicyListSchema,
  oauthErrorSchema,
  oidcClientListSchema,
  oidcClientSchema,
  secretSchema,
  tokenPolicyListSchema,
} from './hostedLoginSchemas';
import {
  basicAuthorization,
  sendRequest,
  urlParts,
  type CallOptions,
  type HttpRequest,
  type RequestOptions,
} from './httpRequest';

/** The configuration client that gets configuration tokens. Its secret is held in memory only. */
export interface ConfigurationClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

export type LoginClientType = 'public' | 'confidential';

/** A Hosted Login (OIDC) login client. It never holds a secret: `GET` never returns one. */
export interface LoginClient {
  readonly id: string;
  readonly name: string;
  readonly type: LoginClientType;
  readonly redirectUris: readonly string[];
  readonly loginPolicy: string;
  readonly tokenPolicy: string;
}

export interface NewLoginClient {
  readonly name: string;
  readonly type: LoginClientType;
  readonly redirectUris: readonly string[];
  readonly loginPolicy: string;
  readonly tokenPolicy: string;
}

export interface Policy {
  readonly id: string;
  readonly title: string;
}

export interface HostedLoginOptions extends RequestOptions {
  /** The scope asked for configuration tokens. Default `*:config/**`. */
  readonly scope?: string;
  /** The clock, in ms since the epoch (tests move it). Default `Date.now`. */
  readonly now?: () => number;
  readonly t: Translate;
}

type Answer = Awaited<ReturnType<typeof sendRequest>>;

export const DEFAULT_CONFIG_SCOPE = '*:config/**';
/** A token is fetched again this long before its `expires_in` runs out. */
export const TOKEN_MARGIN_MS = 60_000;

/** Hosted Login answered with an error. The message is the user's, never holds a secret. */
export class HostedLoginError extends UserFacingError {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly reason:
      'noScope' | 'credentials' | 'forbidden' | 'notFound' | 'conflict' | 'rejected' | 'malformed',
  ) {
    super(message, ['showLog']);
  }
}

/**
 * Talks to `{base}/config/*` with a configuration token (Bearer), fetched with the configuration
 * client's Basic credentials from `{base}/login/token`. The token lives in this object only, is
 * reused until {@link TOKEN_MARGIN_MS} before it expires, and is fetched again once on a 403 (the
 * docs' answer to an expired token), never in a loop.
 */
export class HostedLoginClient {
  readonly base: string;
  /** `base` as the request layer takes it: the origin, and the path every call starts with. */
  private readonly at: { origin: string; path: string };
  private token: { value: string; expiresAt: number } | undefined;
  /** A token request under way: calls made meanwhile wait for it rather than ask for another. */
  private pending: Promise<string> | undefined;
  private readonly scope: string;
  private readonly now: () => number;

  private readonly options: HostedLoginOptions;

  constructor(
    location: HostedLoginLocation,
    private readonly credentials: ConfigurationClient,
    options: HostedLoginOptions,
  ) {
    // Failures on the way are Hosted Login's, said so in their words.
    this.options = { ...options, api: 'hostedLogin' };
    this.base = hostedLoginBase(location);
    this.at = urlParts(this.base);
    this.scope = options.scope?.trim() || DEFAULT_CONFIG_SCOPE;
    this.now = options.now ?? Date.now;
  }

  /** Fetches a configuration token now (Connect checks the credentials with it). */
  async checkCredentials(call: CallOptions = {}): Promise<void> {
    this.token = undefined;
    await this.accessToken(call);
  }

  async listClients(call: CallOptions = {}): Promise<LoginClient[]> {
    const body = await this.config('GET', '/config/clients', undefined, oidcClientListSchema, call);
    const list = Array.isArray(body) ? body : body._embedded.clients;
    // The list also holds configuration clients (no login policy): they are not login clients.
    return list.map(toLoginClient).filter((c): c is LoginClient => c !== undefined);
  }

  async getClient(id: string, call: CallOptions = {}): Promise<LoginClient> {
    const body = await this.config('GET', `/config/clients/${enc(id)}`, undefined, oidcClientSchema, call);
    return this.checked(toLoginClient(body));
  }

  /** Creates a login client. Hosted Login creates its application (Capture API) client with it. */
  async createClient(client: NewLoginClient, call: CallOptions = {}): Promise<LoginClient> {
    const body = await this.config('POST', '/config/clients', wire(client), oidcClientSchema, call);
    return this.checked(toLoginClient({ ...wire(client), ...body }));
  }

  /** Replaces a login client (every field is sent; `type` cannot change). */
  async updateClient(client: LoginClient, call: CallOptions = {}): Promise<LoginClient> {
    const body = await this.config(
      'PUT',
      `/config/clients/${enc(client.id)}`,
      { id: client.id, ...wire(client) },
      oidcClientSchema,
      call,
    );
    return this.checked(toLoginClient({ ...wire(client), ...body }));
  }

  /** Deletes a login client; Hosted Login deletes its application client too. */
  async deleteClient(id: string, call: CallOptions = {}): Promise<void> {
    await this.config('DELETE', `/config/clients/${enc(id)}`, undefined, undefined, call);
  }

  /** A new secret for a confidential client: the old one stops working at once. */
  async resetSecret(id: string, call: CallOptions = {}): Promise<string> {
    const body = await this.config(
      'POST',
      `/config/clients/${enc(id)}/secret`,
      undefined,
      secretSchema,
      call,
    );
    return body.secret;
  }

  /** The current secret of a confidential client ("the only way to return the secret"). */
  async getSecret(id: string, call: CallOptions = {}): Promise<string> {
    const body = await this.config('GET', `/config/clients/${enc(id)}/secret`, undefined, secretSchema, call);
    return body.secret;
  }

  async loginPolicies(call: CallOptions = {}): Promise<Policy[]> {
    const body = await this.config('GET', '/config/loginPolicies', undefined, loginPolicyListSchema, call);
    return body._embedded.loginPolicies.map((p) => ({ id: p.id, title: p.title || p.id }));
  }

  async tokenPolicies(call: CallOptions = {}): Promise<Policy[]> {
    const body = await this.config('GET', '/config/tokenPolicies', undefined, tokenPolicyListSchema, call);
    return body._embedded.tokenPolicies.map((p) => ({ id: p.id, title: p.title || p.id }));
  }

  private checked(client: LoginClient | undefined): LoginClient {
    if (client) return client;
    throw new HostedLoginError(
      this.options.t("Hosted Login answered without the login client's name or type."),
      200,
      'malformed',
    );
  }

  /** One configuration call; on a 403, one new token and one more try. */
  private async config<S extends z.ZodMiniType>(
    method: HttpRequest['method'],
    path: string,
    body: unknown,
    schema: S | undefined,
    call: CallOptions,
  ): Promise<z.infer<S>> {
    let answer = await this.send(method, path, body, await this.accessToken(call), call);
    if (answer.status === 403) {
      this.token = undefined;
      answer = await this.send(method, path, body, await this.accessToken(call), call);
      if (answer.status === 403) {
        const t = this.options.t;
        throw new HostedLoginError(
          t(
            "Hosted Login refused a newly fetched configuration token (HTTP 403 {0}). Check that the configuration client's token policy allows the scope {1}.",
            this.serverText(answer),
            this.scope,
          ),
          403,
          'forbidden',
        );
      }
    }
    return this.parse(answer, path, schema);
  }

  private send(
    method: HttpRequest['method'],
    path: string,
    body: unknown,
    token: string,
    call: CallOptions,
  ): Promise<Answer> {
    return sendRequest(
      {
        method,
        origin: this.at.origin,
        path: `${this.at.path}${path}`,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      this.options,
      call,
    );
  }

  private accessToken(call: CallOptions): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - TOKEN_MARGIN_MS)
      return Promise.resolve(this.token.value);
    this.pending ??= this.fetchToken(call).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(call: CallOptions): Promise<string> {
    const t = this.options.t;
    const answer = await sendRequest(
      {
        method: 'POST',
        origin: this.at.origin,
        path: `${this.at.path}/login/token`,
        headers: {
          Authorization: basicAuthorization(this.credentials.clientId, this.credentials.clientSecret),
          'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
          Accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: this.scope }).toString(),
      },
      this.options,
      call,
    );
    if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
      throw new HostedLoginError(
        t(
          'Hosted Login did not accept the configuration client {0} (HTTP {1} {2}). Check its ID and secret with Connect Hosted Login….',
          this.credentials.clientId,
          answer.status,
          this.serverText(answer),
        ),
        answer.status,
        'credentials',
      );
    }
    const token = this.parse(answer, '/login/token', configTokenSchema);
    if (!token.scope) {
      throw new HostedLoginError(
        t(
          "Hosted Login gave a configuration token without a scope: the configuration client's token policy does not allow the scope {0}, so the token can do nothing. Ask for a scope the policy holds (identityCloud.hostedLoginScope), such as *:config/** or *:**.",
          this.scope,
        ),
        answer.status,
        'noScope',
      );
    }
    const seconds = typeof token.expires_in === 'number' && token.expires_in > 0 ? token.expires_in : 3600;
    this.token = { value: token.access_token, expiresAt: this.now() + seconds * 1000 };
    return token.access_token;
  }

  private parse<S extends z.ZodMiniType>(answer: Answer, path: string, schema: S | undefined): z.infer<S> {
    const t = this.options.t;
    if (answer.status < 200 || answer.status > 299) {
      const reason = answer.status === 404 ? 'notFound' : answer.status === 409 ? 'conflict' : 'rejected';
      const detail = this.serverText(answer);
      const text =
        reason === 'notFound'
          ? t(
              'Hosted Login has no {0} (HTTP 404 {1}): it may have been deleted. Refresh the view.',
              path,
              detail,
            )
          : reason === 'conflict'
            ? t(
                'Hosted Login refused it as a conflict (HTTP 409 {0}): a login client with that name may exist already.',
                detail,
              )
            : t('Hosted Login refused the request (HTTP {0} {1}).', answer.status, detail);
      throw new HostedLoginError(text, answer.status, reason);
    }
    if (!schema) return undefined as z.infer<S>;
    const json = jsonBody(answer.text);
    if (json === undefined) {
      throw this.answerFailure(
        /^\s*</.test(answer.text) ? 'http' : 'malformed',
        `${path} answered HTTP ${answer.status} without JSON.`,
        answer.status,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      throw this.answerFailure(
        'malformed',
        `${path} answered without the expected fields (${fields}).`,
        answer.status,
      );
    }
    return parsed.data as z.infer<S>;
  }

  /** An answer that came but cannot be used, as Hosted Login's failure (the request layer's are too). */
  private answerFailure(failure: 'http' | 'malformed', message: string, status: number): TransportError {
    const error = new TransportError(failure, message, true, { status, answeredOk: true });
    error.api = 'hostedLogin';
    error.application = this.options.application;
    return error;
  }

  /** What the server said, as one short line without the configuration secret. */
  private serverText(answer: Answer): string {
    return describeServerError(answer.text, [this.credentials.clientSecret, this.token?.value]);
  }
}

/**
 * The docs' error format (`{"errors": "…"}`, a string or a list) or OAuth's (`error`,
 * `error_description`), as one short line with `secrets` removed; empty for anything else.
 */
export function describeServerError(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  const json = jsonBody(text);
  let line = '';
  const config = configErrorSchema.safeParse(json);
  const oauth = oauthErrorSchema.safeParse(json);
  if (config.success) {
    const errors = config.data.errors;
    line =
      typeof errors === 'string'
        ? errors
        : Array.isArray(errors)
          ? errors.map(String).join('; ')
          : JSON.stringify(errors);
  } else if (oauth.success) {
    line = oauth.data.error_description
      ? `${oauth.data.error}: ${oauth.data.error_description}`
      : oauth.data.error;
  }
  for (const secret of secrets)
    if (secret && secret.length >= 4) line = line.split(secret).join('<redacted>');
  line = line.replace(/\s+/g, ' ').trim();
  if (line.length > 200) line = `${line.slice(0, 200)}…`;
  return line ? `"${line}"` : '';
}

/** Parses a JSON body, or undefined when it is not JSON. */
export function jsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

function wire(c: NewLoginClient) {
  return {
    name: c.name,
    type: c.type,
    redirectURIs: [...c.redirectUris],
    loginPolicy: c.loginPolicy,
    tokenPolicy: c.tokenPolicy,
  };
}

/** A login client from the wire; undefined for configuration clients and anything unnamed. */
function toLoginClient(raw: z.infer<typeof oidcClientSchema>): LoginClient | undefined {
  if (raw.type !== 'public' && raw.type !== 'confidential') return undefined;
  if (!raw.loginPolicy) return undefined; // configuration clients have none
  return {
    id: raw.id,
    name: raw.name ?? raw.id,
    type: raw.type,
    redirectUris: raw.redirectURIs ?? [],
    loginPolicy: raw.loginPolicy,
    tokenPolicy: raw.tokenPolicy ?? '',
  };
}
