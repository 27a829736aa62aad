import type * as z from 'zod/mini';
import {
  addResponseSchema,
  anyOkResponseSchema,
  apiClientSchema,
  listResponseSchema,
  okResponseSchema,
  statSchema,
} from './schemas';
import { describeShape, findClientId, findCreatedClient, findNewSecret } from './secretRecovery';
import { normalizeCaptureDomain } from './captureDomain';
import { hoursToLiveSchema } from './validation';
import { formatMessage } from '../common/translate';
import { CaptureApiError, RequestCancelledError, TransportError, unreadableAnswer } from './errors';
import { basicAuthorization, sendRequest, type CallOptions, type RequestOptions } from './httpRequest';

/** The owner client the extension authenticates as, at one application's Capture domain. */
export interface OwnerCredentials {
  /** An origin such as `https://myapp.us-dev.janraincapture.com` (see normalizeCaptureDomain). */
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** An API client as `/clients/list` and `/clients/add` describe it. Its secret is held in memory only. */
export interface ApiClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly description: string;
  readonly features: readonly string[];
  readonly whitelist: readonly string[];
}

export type { CallOptions, FetchLike } from './httpRequest';

export type CaptureClientOptions = RequestOptions;

/** A `/clients/<op>` operation, or a `settings/<op>` one (see settingsClient.ts). */
export type Operation = ClientsOperation | SettingsOperation;

export type SettingsOperation =
  | 'settings/items'
  | 'settings/keys'
  | 'settings/get'
  | 'settings/get_multi'
  | 'settings/set'
  | 'settings/set_multi'
  | 'settings/delete'
  | 'settings/get_default'
  | 'settings/set_default'
  | 'settings/delete_default';

type ClientsOperation =
  | 'add'
  | 'list'
  | 'delete'
  | 'set_description'
  | 'set_features'
  | 'set_whitelist'
  | 'clear_whitelist'
  | 'reset_secret';

/**
 * Talks to `{domain}/clients/*` with Basic auth. Every method sends `for_client_id` explicitly where
 * Capture would otherwise act on the calling owner client. Nothing is retried: `/clients/add` is not
 * idempotent, and the caller decides what a failure means for the user.
 */
export class CaptureClient {
  constructor(
    private readonly credentials: OwnerCredentials,
    private readonly options: CaptureClientOptions = {},
  ) {}

  /**
   * Creates a client. Once Capture has answered "ok" the client exists: when the answer does not
   * hold its secret where the docs say, the secret is looked for in other shapes, then read back
   * with one /clients/list. Only when that fails too is it a "malformed" failure with `answeredOk`.
   */
  async add(description: string, features: readonly string[], call: CallOptions = {}): Promise<ApiClient> {
    const body = await this.post(
      'add',
      { description, features: JSON.stringify(features) },
      anyOkResponseSchema,
      call,
    );
    const documented = addResponseSchema.safeParse(body);
    if (documented.success) return toApiClient(documented.data);
    const shape = describeShape(body);
    const variant = findCreatedClient(body);
    if (variant) {
      this.options.warn?.(
        `/clients/add answered "ok" in an undocumented shape (${shape}); the credentials were found in it.`,
      );
      return toApiClient(variant);
    }
    const clientId = findClientId(body);
    this.options.warn?.(
      `/clients/add answered "ok" without the client's secret (fields: ${shape}); ${clientId ? `reading client ${clientId} back with /clients/list.` : 'it named no client id, so it cannot be read back.'}`,
    );
    const found = clientId ? await this.readBack(clientId, call) : undefined;
    if (found) return found;
    throw this.withApplication(
      new TransportError(
        'malformed',
        `/clients/add answered "ok" but neither its answer (${shape}) nor /clients/list gave the new client's secret.`,
        true,
        { answeredOk: true, ...(clientId ? { clientId } : {}) },
      ),
    );
  }

  async list(hasFeatures?: readonly string[], call: CallOptions = {}): Promise<ApiClient[]> {
    const params: Record<string, string> = hasFeatures ? { has_features: JSON.stringify(hasFeatures) } : {};
    const body = await this.post('list', params, listResponseSchema, call);
    return body.results.map(toApiClient);
  }

  async delete(clientId: string, call: CallOptions = {}): Promise<void> {
    await this.post('delete', { client_id_for_deletion: clientId }, okResponseSchema, call);
  }

  async setDescription(forClientId: string, description: string, call: CallOptions = {}): Promise<void> {
    await this.post('set_description', { for_client_id: forClientId, description }, okResponseSchema, call);
  }

  /** Replaces the client's features (a JSON list in a form field). */
  setFeatures(forClientId: string, features: readonly string[], call: CallOptions = {}): Promise<void> {
    return this.replaceList('set_features', 'features', forClientId, features, call);
  }

  /** Replaces the client's allow list of CIDRs (a JSON list in a form field). */
  setWhitelist(forClientId: string, cidrs: readonly string[], call: CallOptions = {}): Promise<void> {
    return this.replaceList('set_whitelist', 'whitelist', forClientId, cidrs, call);
  }

  async clearWhitelist(forClientId: string, call: CallOptions = {}): Promise<void> {
    await this.post('clear_whitelist', { for_client_id: forClientId }, okResponseSchema, call);
  }

  /**
   * Returns the new secret. The old one keeps working for `hoursToLive` hours (0–168). Once Capture
   * has answered "ok" the secret has changed: when the answer does not hold it as a string in
   * `new_secret`, it is looked for in the documented variants (a dictionary), then read back with
   * one /clients/list. Only when that fails too is it a "malformed" failure with `answeredOk`.
   */
  async resetSecret(forClientId: string, hoursToLive: number, call: CallOptions = {}): Promise<string> {
    if (!hoursToLiveSchema.safeParse(hoursToLive).success) {
      throw new RangeError('hoursToLive must be a whole number from 0 to 168');
    }
    const body = await this.post(
      'reset_secret',
      { for_client_id: forClientId, hours_to_live: String(hoursToLive) },
      anyOkResponseSchema,
      call,
    );
    const secret = findNewSecret(body);
    const shape = describeShape(body);
    if (secret) {
      if (typeof body.new_secret !== 'string') {
        this.options.warn?.(
          `/clients/reset_secret answered "ok" in an undocumented shape (${shape}); the new secret was found in it.`,
        );
      }
      return secret;
    }
    this.options.warn?.(
      `/clients/reset_secret answered "ok" without the new secret (fields: ${shape}); reading client ${forClientId} back with /clients/list.`,
    );
    const found = await this.readBack(forClientId, call);
    if (found) return found.clientSecret;
    throw this.withApplication(
      new TransportError(
        'malformed',
        `/clients/reset_secret answered "ok" but neither its answer (${shape}) nor /clients/list gave the new secret.`,
        true,
        { answeredOk: true, clientId: forClientId },
      ),
    );
  }

  /** One /clients/list (it returns every client's secret) for a client whose secret an "ok" answer left out. */
  private async readBack(clientId: string, call: CallOptions): Promise<ApiClient | undefined> {
    try {
      const found = (await this.list(undefined, call)).find((c) => c.clientId === clientId);
      if (!found) this.options.warn?.(`/clients/list does not list client ${clientId}.`);
      return found;
    } catch (error) {
      if (error instanceof RequestCancelledError) throw error;
      this.options.warn?.(
        `Reading client ${clientId} back failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }

  private withApplication<E extends TransportError>(error: E): E {
    error.application = this.options.application;
    return error;
  }

  private async replaceList(
    op: 'set_features' | 'set_whitelist',
    field: string,
    forClientId: string,
    list: readonly string[],
    call: CallOptions,
  ): Promise<void> {
    await this.post(
      op,
      { for_client_id: forClientId, [field]: JSON.stringify(list) },
      okResponseSchema,
      call,
    );
  }

  /** One form POST to `op` (a settings call, for instance), parsed with `schema`. Used by SettingsClient. */
  async post<S extends z.ZodMiniType>(
    op: Operation,
    params: Record<string, string>,
    schema: S,
    call: CallOptions,
  ): Promise<z.infer<S>> {
    try {
      return await this.send(op, params, schema, call);
    } catch (error) {
      if (error instanceof TransportError || error instanceof CaptureApiError) {
        error.application = this.options.application;
      }
      throw error;
    }
  }

  private async send<S extends z.ZodMiniType>(
    op: Operation,
    params: Record<string, string>,
    schema: S,
    call: CallOptions,
  ): Promise<z.infer<S>> {
    // Owner credentials go only to https, or plain http on this machine (the emulator).
    const checked = normalizeCaptureDomain(this.credentials.domain, formatMessage);
    if ('problem' in checked) {
      throw new TransportError('network', `Not sending owner credentials: ${checked.problem}`, false);
    }
    const { status, text } = await sendRequest(
      {
        method: 'POST',
        origin: checked.origin,
        path: endpoint(op),
        headers: {
          Authorization: basicAuthorization(this.credentials.clientId, this.credentials.clientSecret),
          'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
          Accept: 'application/json',
        },
        body: new URLSearchParams(params).toString(),
      },
      this.options,
      call,
    );
    return parseCaptureResponse(op, status, text, schema);
  }
}

/**
 * Reads a Capture answer. Never trusts the HTTP status alone: errors usually come with HTTP 200,
 * and a non-JSON body (a proxy's or load balancer's page) is a transport error. Error text never
 * quotes the body, which may hold secrets.
 */
export function parseCaptureResponse<S extends z.ZodMiniType>(
  op: Operation,
  status: number,
  text: string,
  schema: S,
): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unreadableAnswer(endpoint(op), status, text, 'Capture JSON');
  }
  const stat = statSchema.safeParse(json);
  if (!stat.success) {
    throw new TransportError('malformed', `${endpoint(op)} got JSON without "stat" (HTTP ${status}).`, true, {
      status,
    });
  }
  if (stat.data.stat === 'error') {
    // Field by field: one field of an unexpected type (a null description, an array request_token)
    // must not hide the others, above all the request id support asks for.
    const body = json as Record<string, unknown>;
    const field = (key: string): string | undefined => {
      const value = body[key];
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      return typeof value === 'string' ? value : undefined;
    };
    const codeText = field('code')?.trim();
    const code = codeText ? Number(codeText) : NaN;
    throw new CaptureApiError(
      Number.isFinite(code) ? code : undefined,
      field('error') ?? 'unknown_error',
      field('error_description'),
      field('request_id') ?? field('request_token'),
      field('argument_name'),
    );
  }
  if (stat.data.stat !== 'ok') {
    throw new TransportError(
      'malformed',
      `${endpoint(op)} got "stat":"${String(stat.data.stat).slice(0, 20)}".`,
      true,
      { status },
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new TransportError(
      'malformed',
      `${endpoint(op)} answered "ok" but without the expected fields (${fields}).`,
      true,
      {
        status,
        answeredOk: true,
      },
    );
  }
  return parsed.data as z.infer<S>;
}

/** The path an operation is posted to: `/clients/add`, `/settings/items`. */
export function endpoint(op: Operation): string {
  return op.startsWith('settings/') ? `/${op}` : `/clients/${op}`;
}

function toApiClient(raw: z.infer<typeof apiClientSchema>): ApiClient {
  return {
    clientId: raw.client_id,
    clientSecret: raw.client_secret,
    description: raw.description ?? '',
    features: raw.features ?? [],
    whitelist: raw.whitelist ?? [],
  };
}
