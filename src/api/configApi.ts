import * as z from 'zod/mini';
import { lazySchema } from './lazySchema';
import { ConfigApiError, TransportError, unreadableAnswer, type AllowListRule } from './errors';
import { basicAuthorization, sendRequest, type CallOptions, type RequestOptions } from './httpRequest';
import { HEAD_VERSION } from './settingsRules';

// The Identity Cloud Configuration API, `{origin}/config/{app_id}/…` (CONFIG-API.md): HTTP Basic
// with the owner client, JSON answers, errors as `{"errors": "…"}` with an HTTP status. Only the
// flow endpoints are used today; `request` is the one way in, so the client operations
// (`/clients`, `/clients/{id}`, `/clients/{id}/settings`) can later run here per application.

/** Where and as whom: an origin checked by configApiOrigin, the application ID and the owner client. */
export interface ConfigApiTarget {
  readonly origin: string;
  readonly appId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A flow of the application (`GET /config/{app_id}/flows`). */
export interface Flow {
  readonly name: string;
}

/** One version of a flow (`GET …/flows/{flow}/versions`): `HEAD` or a pinned version, with its change text. */
export interface FlowVersion {
  readonly version: string;
  readonly change: string;
}

// Lenient where the docs are thin: extra fields are dropped, and one odd entry is skipped (with a
// warning) rather than failing the whole list.
const flowSchema = lazySchema(() => z.object({ name: z.string().check(z.minLength(1)) }));
const versionSchema = lazySchema(() =>
  z.object({
    version: z.union([z.string().check(z.minLength(1)), z.number()]),
    change: z.nullish(z.string()),
  }),
);
const listSchema = lazySchema(() => z.array(z.unknown()));
const errorBodySchema = lazySchema(() => z.object({ errors: z.unknown() }));

export class ConfigApiClient {
  constructor(
    private readonly target: ConfigApiTarget,
    private readonly options: RequestOptions = {},
  ) {}

  /** The application's flows, sorted by name. */
  async flows(call: CallOptions = {}): Promise<Flow[]> {
    const list = await this.request('GET', '/flows', listSchema, 'undocumented', call);
    return this.entries('/flows', list, flowSchema)
      .map((f) => ({ name: f.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A flow's versions: `HEAD` first, then the pinned ones newest first (see {@link orderVersions}). */
  async flowVersions(flow: string, call: CallOptions = {}): Promise<FlowVersion[]> {
    const path = `/flows/${encodeURIComponent(flow)}/versions`;
    const list = await this.request('GET', path, listSchema, 'ignored', call);
    return orderVersions(
      this.entries(path, list, versionSchema).map((v) => ({
        version: String(v.version),
        change: v.change ?? '',
      })),
    );
  }

  /**
   * One call to `{origin}/config/{app_id}{path}`, its answer checked with `schema`. `allowList` says
   * whether the docs have the endpoint respect the client allow list, for the words of a 403.
   */
  async request<S extends z.ZodMiniType>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: S,
    allowList: AllowListRule,
    call: CallOptions,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const full = `/config/${encodeURIComponent(this.target.appId)}${path}`;
    try {
      const { status, text } = await sendRequest(
        {
          method,
          origin: this.target.origin,
          path: full,
          headers: {
            Authorization: basicAuthorization(this.target.clientId, this.target.clientSecret),
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        },
        this.options,
        call,
      );
      return parseConfigResponse(path, status, text, schema, allowList);
    } catch (error) {
      if (error instanceof TransportError) error.api = 'configApi';
      if (error instanceof TransportError || error instanceof ConfigApiError) {
        error.application = this.options.application;
      }
      throw error;
    }
  }

  private entries<T>(path: string, list: readonly unknown[], schema: z.ZodMiniType<T>): T[] {
    const good: T[] = [];
    for (const entry of list) {
      const parsed = schema.safeParse(entry);
      if (parsed.success) good.push(parsed.data);
    }
    if (good.length < list.length) {
      this.options.warn?.(
        `${path}: skipped ${list.length - good.length} of ${list.length} entries in an undocumented shape.`,
      );
    }
    return good;
  }
}

/**
 * Reads a Configuration API answer. An error status with JSON becomes a {@link ConfigApiError}
 * (its `errors` text kept when it is a short line); anything that is not JSON is a transport error,
 * as for Capture. The body is never quoted otherwise: it may hold secrets (client objects do).
 */
export function parseConfigResponse<S extends z.ZodMiniType>(
  path: string,
  status: number,
  text: string,
  schema: S,
  allowList: AllowListRule,
): z.infer<S> {
  let json: unknown;
  try {
    json = text.trim().length === 0 && status >= 200 && status < 300 ? null : JSON.parse(text);
  } catch {
    throw unreadableAnswer(path, status, text, 'JSON');
  }
  if (status < 200 || status >= 300) {
    const body = errorBodySchema.safeParse(json);
    const said = body.success && typeof body.data.errors === 'string' ? oneLine(body.data.errors) : undefined;
    throw new ConfigApiError(status, said, path, allowList);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new TransportError(
      'malformed',
      `${path} answered HTTP ${status} without the expected shape (${fields}).`,
      true,
      {
        status,
      },
    );
  }
  return parsed.data as z.infer<S>;
}

/**
 * `HEAD` first (the latest: fine for testing), then the pinned versions newest first. The docs show
 * the list newest-first; pinned versions are timestamps (`201601201954370741786`), so when every one
 * is digits they are sorted by number, else kept in the order given.
 */
export function orderVersions(versions: readonly FlowVersion[]): FlowVersion[] {
  const head = versions.filter((v) => v.version === HEAD_VERSION);
  const pinned = versions.filter((v) => v.version !== HEAD_VERSION);
  if (pinned.every((v) => /^\d+$/.test(v.version))) {
    pinned.sort((a, b) =>
      a.version.length !== b.version.length
        ? b.version.length - a.version.length
        : b.version < a.version
          ? -1
          : b.version > a.version
            ? 1
            : 0,
    );
  }
  return [...head.slice(0, 1), ...pinned];
}

/** The newest pinned version: what production should use. */
export function newestPinned(versions: readonly FlowVersion[]): FlowVersion | undefined {
  return orderVersions(versions).find((v) => v.version !== HEAD_VERSION);
}

function oneLine(text: string): string | undefined {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length === 0) return undefined;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
