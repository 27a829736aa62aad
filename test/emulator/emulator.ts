import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  OperationFailure,
  SELF_READ_OPERATIONS,
  ipv4RangeContains,
  isOperation,
  missing,
  runOperation,
  type CaptureErrorSpec,
  type Operation,
} from './operations';
import { ClientStore, copyClient, randomToken, type ClientSeed, type EmulatedClient } from './store';
import { EXAMPLE_FLOWS, answerConfig, configOp, type ConfigFault } from './configApi';
import { createHostedLogin, type HostedLoginEmulator, type HostedLoginOptions } from './hostedLogin';

export type { EmulatedClient, ClientSeed } from './store';
export { OPERATIONS, type Operation } from './operations';

/**
 * A local stand-in for an Identity Cloud application's `/clients/*` API: a real HTTP server on
 * 127.0.0.1 that behaves as /work/shared/DOMAIN.md documents, with one-shot faults for the failures a
 * real network produces. Used by the unit and integration tests, the sandbox and the benchmark.
 */
export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Delay before every answer (and every injected reset), in ms. */
  latencyMs?: number;
  /** JSON file holding the clients: loaded at start when it exists, rewritten after every change. */
  persistFile?: string;
  /** The owner client created when there is no persisted state. Id and secret are random when left out. */
  seedOwner?: { clientId?: string; clientSecret?: string; description?: string };
  /** Which key carries the request id in error bodies (DOMAIN.md: docs use both). Default `request_id`. */
  requestIdStyle?: 'request_id' | 'request_token';
  /** The emulator's clock in ms since the epoch (secret grace periods). Default `Date.now`. */
  now?: () => number;
  /** Receives one line per request, without credentials or secrets. */
  log?: (line: string) => void;
  /** Hosted Login (OIDC) under /{customerId}/…: its customer ID and configuration client. */
  hostedLogin?: HostedLoginOptions;
  /** The application ID the Configuration API (`/config/{app_id}/…`) answers for. Random when left out. */
  appId?: string;
  /** Counts the requests in flight; emulators that share one count together (see startEmulators). */
  inFlight?: InFlight;
  /**
   * Holds every answer until the test releases it (after any latency): what is in flight then
   * depends on the code under test alone, never on how fast the machine is. Shared like `inFlight`.
   */
  gate?: AnswerGate;
}

/**
 * Answers held back until released, oldest first: a test decides when each request in flight is
 * answered, and waits for requests to arrive by event, not by time.
 */
export class AnswerGate {
  private readonly held: Array<() => void> = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  private opened = false;

  /** How many answers are held now. */
  get holding(): number {
    return this.held.length;
  }

  /** Resolves once at least `count` answers are held (at once if they are). */
  whenHolding(count: number): Promise<void> {
    if (this.held.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Sends the oldest held answer; false when none is held. */
  releaseOne(): boolean {
    const answer = this.held.shift();
    answer?.();
    return answer !== undefined;
  }

  /** Sends every held answer, and every later one at once (the end of a test). */
  open(): void {
    this.opened = true;
    while (this.releaseOne());
  }

  /** Holds answers again from now on (after {@link open}, e.g. once a test's set-up is done). */
  close(): void {
    this.opened = false;
  }

  /** @internal the emulator's side: sends `answer` now if open, else holds it. */
  hold(answer: () => void): void {
    if (this.opened) return answer();
    this.held.push(answer);
    const ready = this.waiters.filter((w) => this.held.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.held.length < w.count);
    for (const w of ready) w.resolve();
  }
}

/** Requests received and not yet answered, now and at most (one count may serve many emulators). */
export class InFlight {
  private count = 0;
  private peak = 0;
  get now(): number {
    return this.count;
  }
  /** The most requests in flight at once since the start or the last {@link resetPeak}. */
  get max(): number {
    return this.peak;
  }
  resetPeak(): void {
    this.peak = this.count;
  }
  enter(): void {
    this.peak = Math.max(this.peak, ++this.count);
  }
  leave(): void {
    this.count--;
  }
}

/** A one-shot fault: applies to the next request (for `op`, when given), then is gone. */
export type Fault = FaultKind & { op?: Operation };

export type FaultKind =
  /** Answer this Capture error (HTTP 200) without processing, e.g. 221, 480, 500, 510. */
  | { kind: 'error'; code: number; error: string; description?: string; argumentName?: string }
  /** Answer an HTML page with this HTTP status (default 502), as a proxy or load balancer would. */
  | { kind: 'html'; status?: number }
  /** Process the request, then send only the first half of the JSON answer. */
  | { kind: 'truncate' }
  /** Read the request, then drop the connection without processing it. */
  | { kind: 'resetBeforeProcessing' }
  /** Process the request (e.g. really create the client), then drop the connection. */
  | { kind: 'resetAfterProcessing' }
  /** Read the request and never answer (until close()). Nothing is processed. */
  | { kind: 'stall' }
  /** Process the request, then leave `client_secret` / `new_secret` out of the answer (and out of list results). */
  | { kind: 'okWithoutSecret' }
  /** Process the request, then answer the secret as a dictionary: `"new_secret": {"secret": "…"}` (same for `client_secret`). */
  | { kind: 'secretAsObject' }
  /** Process the request, then add fields Capture does not document to the answer. */
  | { kind: 'extraFields' }
  /** Answer `{"stat": stat}` (default "weird") without processing. */
  | { kind: 'nonOk'; stat?: string };

/** One request as the emulator received it. Never holds credentials. */
export interface RequestRecord {
  readonly method: string;
  /** The `<op>` of `/clients/<op>`, `settings/<op>` for `/settings/<op>`, `config/flows` or `config/versions` for the Configuration API, or the whole path for anything else. */
  readonly op: string;
  /** The scheme word of the Authorization header (`Basic`, `Bearer`…), never the credentials. */
  readonly authScheme: string | undefined;
  /** The client id from Basic credentials, whether or not they were right. */
  readonly authClientId: string | undefined;
  readonly contentType: string | undefined;
  /** The form parameters (any `client_secret` parameter is replaced by `<redacted>`). */
  readonly params: Readonly<Record<string, string>>;
  /** The caller's IPv4 address (`::ffff:` prefix removed). */
  readonly remoteAddress: string;
  /** The emulator clock when the request arrived. */
  readonly time: number;
  /** The injected fault this request consumed, if any. */
  readonly fault: FaultKind['kind'] | 'configError' | undefined;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`: the Capture domain to configure. */
  readonly domain: string;
  readonly port: number;
  /** Hosted Login (OIDC) for this application: configuration API, login endpoints, a test user. */
  readonly hostedLogin: HostedLoginEmulator;
  /** The owner client's current credentials (they change when its secret is reset). */
  readonly owner: { readonly clientId: string; readonly clientSecret: string };
  /** Every request received, oldest first (a live array). */
  readonly requests: readonly RequestRecord[];
  /** True when the state was loaded from `persistFile`. */
  readonly loadedFromFile: boolean;
  /** The application ID of the Configuration API (whose flows are EXAMPLE_FLOWS); its origin is {@link domain}. */
  readonly appId: string;
  /** A one-shot fault for the Configuration API's flow endpoints. */
  injectConfigFault(fault: ConfigFault): void;
  /** Deep copies of all clients, in creation order. */
  clients(): EmulatedClient[];
  /** A deep copy of one client. */
  client(clientId: string): EmulatedClient | undefined;
  /** Creates a client directly (no request); anything left out is generated like /clients/add does. */
  addClient(seed?: ClientSeed): EmulatedClient;
  injectFault(fault: Fault): void;
  /** Resets a client's secret directly (as someone else would in the Console): the old one stops working at once. */
  resetSecret(clientId: string): string;
  /** Deletes a client directly (as someone else would in the Console). */
  deleteClient(clientId: string): boolean;
  /** Resolves with the next request (for `op`, when given) once it has been read, before it is answered. */
  nextRequest(op?: string): Promise<RequestRecord>;
  /** Total time spent processing requests (excluding latency and waiting), in ms. */
  handlingTimeMs(): number;
  /** Changes the delay before every answer from now on (ms). */
  setLatency(ms: number): void;
  /** The requests in flight (shared with the other emulators given the same count). */
  readonly inFlight: InFlight;
  /** Stops listening and destroys every connection, stalled ones included. Safe to call twice. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
const PERMISSION_DENIED: CaptureErrorSpec = {
  code: 403,
  error: 'client_permission_error',
  // The same words whether the client lacks `owner` or the caller's IP is outside its allow list:
  // the real API does not say which either.
  description: 'the client does not have permission to perform this action',
};

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  let latencyMs = options.latencyMs ?? 0;
  const store = new ClientStore(options.persistFile, options.seedOwner);
  const requests: RequestRecord[] = [];
  const faults: Fault[] = [];
  const configFaults: ConfigFault[] = [];
  const appId = options.appId ?? randomToken(26);
  const waiters: Array<{ op?: string; resolve: (r: RequestRecord) => void; reject: (e: Error) => void }> = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = options.inFlight ?? new InFlight();
  let handlingMs = 0;
  let closing: Promise<void> | undefined;
  let lastOwner = copyClient(store.get(store.ownerClientId)!);
  const mounted: { hostedLogin?: HostedLoginEmulator } = {}; // made once the port is known

  const gated = (fn: () => void): void => (options.gate ? options.gate.hold(fn) : fn());
  const later = (fn: () => void): void => {
    if (latencyMs <= 0) return gated(fn);
    const timer = setTimeout(() => {
      timers.delete(timer);
      gated(fn);
    }, latencyMs);
    timers.add(timer);
  };

  const sendJson = (res: ServerResponse, body: unknown, cut = false, status = 200): void => {
    let text = JSON.stringify(body);
    if (cut) text = text.slice(0, Math.floor(text.length / 2));
    res.writeHead(status, {
      'Content-Type': 'application/json;charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const sendHtml = (res: ServerResponse, status: number, title: string): void => {
    const text = `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>\n`;
    res.writeHead(status, {
      'Content-Type': 'text/html;charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const errorBody = (spec: CaptureErrorSpec): Record<string, unknown> => ({
    stat: 'error',
    code: spec.code,
    error: spec.error,
    error_description: spec.description,
    [options.requestIdStyle ?? 'request_id']: randomBytes(8).toString('hex'),
    ...(spec.argumentName ? { argument_name: spec.argumentName } : {}),
  });

  const takeConfigFault = (op: string): ConfigFault | undefined => {
    const index = configFaults.findIndex((f) => f.endpoint === undefined || `config/${f.endpoint}` === op);
    return index < 0 ? undefined : configFaults.splice(index, 1)[0];
  };

  const takeFault = (op: string): Fault | undefined => {
    const index = faults.findIndex((f) => f.op === undefined || f.op === op);
    return index < 0 ? undefined : faults.splice(index, 1)[0];
  };

  /** Authenticates and authorises the caller, or throws the Capture error the real API would give. */
  const authorise = (
    req: IncomingMessage,
    ip: string,
    op: Operation,
    params: URLSearchParams,
  ): EmulatedClient => {
    const header = req.headers.authorization;
    // Capture also accepts client_id/client_secret form fields; the emulator does not (the
    // extension sends Basic credentials), and says so rather than "missing client_id".
    if (!header && (params.has('client_id') || params.has('client_secret'))) {
      throw new OperationFailure({
        code: 205,
        error: 'invalid_auth_method',
        description:
          'this emulator takes the owner credentials only as HTTP Basic authentication, not as client_id/client_secret form fields (curl -u CLIENT_ID:SECRET)',
      });
    }
    // No credentials at all: Capture's answer.
    if (!header) throw missing('client_id');
    const basic = parseBasic(header);
    if (!basic) {
      throw new OperationFailure({
        code: 205,
        error: 'invalid_auth_method',
        description: 'the authentication method is not supported here; use HTTP Basic authentication',
      });
    }
    const client = store.authenticate(basic.clientId, basic.secret, now());
    if (!client) {
      throw new OperationFailure({
        code: 402,
        error: 'invalid_client_credentials',
        description: 'invalid client credentials',
      });
    }
    // Without `owner`, a client may only read its own settings, and only if it has some feature:
    // a client with no features has no permissions at all.
    const readsOwnSettings =
      SELF_READ_OPERATIONS.includes(op) && !params.get('for_client_id') && client.features.length > 0;
    if (!client.features.includes('owner') && !readsOwnSettings)
      throw new OperationFailure(PERMISSION_DENIED);
    if (!client.whitelist.some((entry) => ipv4RangeContains(entry, ip)))
      throw new OperationFailure(PERMISSION_DENIED);
    return client;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const started = performance.now();
    const ip = normaliseIp(req.socket.remoteAddress);
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const op =
      /^\/clients\/([a-z_]+)$/.exec(path)?.[1] ??
      /^\/(settings\/[a-z_]+)$/.exec(path)?.[1] ??
      configOp(path) ??
      path;
    const contentType = req.headers['content-type'];
    const params = /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')
      ? new URLSearchParams(body)
      : new URLSearchParams();
    const fault = isOperation(op) && req.method === 'POST' ? takeFault(op) : undefined;
    // Hosted Login paths (/{customerId}/…) are checked before the Configuration API (/config/{app_id}/…).
    const hostedLoginPath = mounted.hostedLogin?.handles(path) ?? false;
    const oauthForm = hostedLoginPath && /\/login\/token$/.test(path);
    const configFault = !hostedLoginPath && op.startsWith('config/') ? takeConfigFault(op) : undefined;
    const authHeader = req.headers.authorization;
    const record: RequestRecord = {
      method: req.method ?? '',
      op,
      authScheme: authHeader?.split(' ')[0] || undefined,
      authClientId: authHeader ? parseBasic(authHeader)?.clientId : undefined,
      contentType,
      params: Object.fromEntries(
        [...params].map(([k, v]) => [
          k,
          k === 'client_secret' || (oauthForm && ['code', 'code_verifier'].includes(k)) ? '<redacted>' : v,
        ]),
      ),
      remoteAddress: ip,
      time: now(),
      fault: fault?.kind ?? (configFault ? 'configError' : undefined),
    };
    requests.push(record);
    for (const w of waiters.filter((w) => w.op === undefined || w.op === op)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(record);
    }
    const done = (outcome: string, answer: () => void): void => {
      handlingMs += performance.now() - started;
      options.log?.(`${record.method} ${path} by ${record.authClientId ?? '(no credentials)'} → ${outcome}`);
      later(answer);
    };

    if (hostedLoginPath && mounted.hostedLogin) {
      const outcome = mounted.hostedLogin.handle(req, res, body, now());
      handlingMs += performance.now() - started;
      options.log?.(`${record.method} ${path} → ${outcome}`);
      return;
    }
    if (op.startsWith('config/')) {
      const answer = answerConfig(req, path, {
        appId,
        flows: EXAMPLE_FLOWS,
        store,
        basic: authHeader ? parseBasic(authHeader) : undefined,
        ip,
        now: now(),
        fault: configFault,
      });
      return done(`HTTP ${answer.status}${configFault ? ' (fault)' : ''}`, () =>
        sendJson(res, answer.body, false, answer.status),
      );
    }
    if (!isOperation(op)) return done('404', () => sendHtml(res, 404, 'Not Found'));
    if (req.method !== 'POST') return done('405', () => sendHtml(res, 405, 'Method Not Allowed'));
    switch (fault?.kind) {
      case 'stall':
        return done('stalled (fault)', () => undefined);
      case 'resetBeforeProcessing':
        return done('connection dropped before processing (fault)', () => req.socket.destroy());
      case 'html':
        return done(`HTML ${fault.status ?? 502} (fault)`, () =>
          sendHtml(res, fault.status ?? 502, 'Bad Gateway'),
        );
      case 'nonOk':
        return done(`stat ${fault.stat ?? 'weird'} (fault)`, () =>
          sendJson(res, { stat: fault.stat ?? 'weird' }),
        );
      case 'error': {
        const spec = { code: fault.code, error: fault.error, description: fault.description ?? fault.error };
        return done(`error ${fault.code} (fault)`, () =>
          sendJson(res, errorBody({ ...spec, argumentName: fault.argumentName })),
        );
      }
    }

    let answer: Record<string, unknown>;
    try {
      const caller = authorise(req, ip, op, params);
      answer = {
        stat: 'ok',
        ...runOperation(op, params, { store, caller, callerIp: ip, now: now(), params }),
      };
    } catch (error) {
      if (!(error instanceof OperationFailure)) throw error;
      return done(`error ${error.spec.code} ${error.spec.error}`, () => sendJson(res, errorBody(error.spec)));
    } finally {
      const owner = store.get(store.ownerClientId);
      if (owner) lastOwner = copyClient(owner);
    }
    switch (fault?.kind) {
      case 'resetAfterProcessing':
        return done('ok, then connection dropped (fault)', () => req.socket.destroy());
      case 'truncate':
        return done('ok, truncated (fault)', () => sendJson(res, answer, true));
      case 'okWithoutSecret':
        delete answer.client_secret;
        delete answer.new_secret;
        if (Array.isArray(answer.results))
          for (const r of answer.results as Array<Record<string, unknown>>) delete r.client_secret;
        break;
      case 'secretAsObject':
        for (const key of ['client_secret', 'new_secret']) {
          if (typeof answer[key] === 'string') answer[key] = { secret: answer[key] };
        }
        break;
      case 'extraFields':
        answer = {
          ...answer,
          api_version: 3,
          server_time: new Date(now()).toISOString(),
          debug: { node: 'emulator' },
        };
        if (Array.isArray(answer.results)) {
          answer.results = (answer.results as Array<Record<string, unknown>>).map((r) => ({
            ...r,
            created: '2024-01-01',
          }));
        }
        break;
    }
    return done('ok', () => sendJson(res, answer));
  };

  const server = createServer((req, res) => {
    inFlight.enter();
    res.once('close', () => inFlight.leave());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (closing) return;
      if (size > MAX_BODY_BYTES) return sendHtml(res, 413, 'Payload Too Large');
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        options.log?.(`emulator bug: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) sendHtml(res, 500, 'Internal Server Error');
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostedLogin = createHostedLogin(store, `http://127.0.0.1:${port}`, options.hostedLogin);
  mounted.hostedLogin = hostedLogin;

  return {
    domain: `http://127.0.0.1:${port}`,
    port,
    hostedLogin,
    get owner() {
      return { clientId: lastOwner.clientId, clientSecret: lastOwner.clientSecret };
    },
    requests,
    loadedFromFile: store.loaded,
    appId,
    injectConfigFault: (fault) => void configFaults.push({ ...fault }),
    clients: () => store.all().map(copyClient),
    client: (clientId) => {
      const c = store.get(clientId);
      return c && copyClient(c);
    },
    addClient: (seed = {}) => copyClient(store.add(seed)),
    injectFault: (fault) => void faults.push({ ...fault }),
    resetSecret: (clientId) => {
      const client = store.get(clientId);
      if (!client) throw new Error(`The emulator has no client ${clientId}.`);
      const secret = randomToken();
      store.update(client, (c) => void (c.clientSecret = secret));
      return secret;
    },
    deleteClient: (clientId) => store.delete(clientId),
    nextRequest: (op) =>
      closing
        ? Promise.reject(new Error('The emulator is closed.'))
        : new Promise((resolve, reject) => waiters.push({ op, resolve, reject })),
    handlingTimeMs: () => handlingMs,
    setLatency: (ms) => void (latencyMs = ms),
    inFlight,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const w of waiters.splice(0))
          w.reject(new Error('The emulator was closed before the request arrived.'));
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function parseBasic(header: string): { clientId: string; secret: string } | undefined {
  const m = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim());
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function normaliseIp(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/**
 * Many applications served from this one process, one emulator (port) each, counting their
 * requests in flight together: a platform team's dozens of applications in one benchmark or test.
 */
export async function startEmulators(count: number, options: EmulatorOptions = {}): Promise<Emulator[]> {
  const inFlight = options.inFlight ?? new InFlight();
  const started: Emulator[] = [];
  try {
    for (let i = 0; i < count; i++) started.push(await startEmulator({ ...options, inFlight }));
  } catch (error) {
    await Promise.all(started.map((e) => e.close()));
    throw error;
  }
  return started;
}
