// Check Connection: a staged probe from an application's Capture domain to its owner credentials,
// each step timed, stopping where it breaks. Plain TypeScript: the network functions and VS Code's
// fetch are passed in, so the unit tier runs it against real servers on 127.0.0.1.
//
// Which steps go through the proxy: DNS, TCP and TLS are made by this module from this machine
// (node:dns, node:net, node:tls), so with a proxy in use DNS is only informative, TCP goes to the
// proxy instead of Capture, and TLS is left to the HTTP step. The HTTP step is VS Code's own fetch,
// the one every command uses: it follows http.proxy, http.noProxy, http.proxySupport and the
// certificates VS Code trusts, so its verdict is the one that counts. No step ever shows a secret:
// the answer's body is never quoted, the proxy's password never read out.
import type * as dnsModule from 'node:dns';
import type * as netModule from 'node:net';
import type * as tlsModule from 'node:tls';
import { normalizeCaptureDomain } from '../api/captureDomain';
import { classifyFetchError, type TransportFailure } from '../api/errors';
import type { Translate } from '../common/translate';
import type { ProxyChoice } from './proxySettings';

export type StepName = 'domain' | 'proxy' | 'dns' | 'tcp' | 'tls' | 'http' | 'capture' | 'credentials';
export type StepStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export interface StepResult {
  readonly step: StepName;
  readonly status: StepStatus;
  /** One line for the log and the summary; never a secret. */
  readonly detail: string;
  readonly ms: number;
  /** Whether this step's traffic went through the proxy. */
  readonly viaProxy: boolean;
}

export interface ProbeReport {
  readonly steps: readonly StepResult[];
  /** The first step that failed; undefined when all went well. */
  readonly stoppedAt?: StepName;
  /** What to check next, in a sentence. */
  readonly next: string;
}

export interface ProbeInput {
  readonly domain: string;
  /** The owner credentials; without them the probe stops after proving the answer is Capture's. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly proxy: ProxyChoice;
}

export interface ProbeDeps {
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  readonly dns: Pick<typeof dnsModule.promises, 'lookup'>;
  readonly net: Pick<typeof netModule, 'connect'>;
  readonly tls: Pick<typeof tlsModule, 'connect'>;
  readonly t: Translate;
  /** Per step. Default 10 s. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

type Outcome = { status: StepStatus; detail: string; viaProxy?: boolean };

/** Runs the steps in order and stops at the first failure. */
export async function probeConnection(input: ProbeInput, deps: ProbeDeps): Promise<ProbeReport> {
  const { t } = deps;
  const now = deps.now ?? (() => performance.now());
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const steps: StepResult[] = [];
  const run = async (step: StepName, body: () => Promise<Outcome> | Outcome): Promise<StepResult> => {
    const started = now();
    let outcome: Outcome;
    try {
      outcome = await body();
    } catch (error) {
      outcome = { status: 'fail', detail: error instanceof Error ? error.message : String(error) };
    }
    const result = {
      step,
      status: outcome.status,
      detail: outcome.detail,
      ms: Math.round(now() - started),
      viaProxy: outcome.viaProxy ?? false,
    };
    steps.push(result);
    return result;
  };
  const stop = (step: StepName, next: string): ProbeReport => ({ steps, stoppedAt: step, next });

  // 1. The domain's form.
  const checked = normalizeCaptureDomain(input.domain, t);
  const domainStep = await run('domain', () =>
    'problem' in checked
      ? { status: 'fail', detail: checked.problem }
      : { status: 'ok', detail: checked.origin },
  );
  if (!('origin' in checked) || domainStep.status === 'fail') {
    return stop(
      'domain',
      t(
        'Correct the Capture domain (Console → Manage Application shows it): remove the application and add it again, or edit identityCloud.applications in your user settings.',
      ),
    );
  }
  const url = new URL(checked.origin);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const proxied = input.proxy.kind === 'proxy';

  // 2. The proxy VS Code uses for it.
  await run('proxy', () => ({ status: 'ok', detail: describeProxy(input.proxy, t) }));

  // 3. DNS, from this machine.
  const isIp = /^[\d.]+$|:/.test(host);
  const dnsStep = await run('dns', async () => {
    if (isIp) return { status: 'skipped', detail: t('{0} is an IP address.', host) };
    const addresses = await withTimeout(deps.dns.lookup(host, { all: true }), timeoutMs, t);
    return { status: 'ok', detail: t('{0} → {1}', host, addresses.map((a) => a.address).join(', ')) };
  });
  if (dnsStep.status === 'fail') {
    if (!proxied) {
      return stop(
        'dns',
        t('The name does not resolve from this machine: check its spelling, your VPN and your DNS.'),
      );
    }
    // The proxy resolves names itself: a local failure is expected on many corporate networks.
    steps[steps.length - 1] = { ...dnsStep, status: 'warn' };
  }

  // 4. TCP: to Capture directly, or to the proxy.
  const tcpTarget = proxied ? proxyAddress(input.proxy) : { host, port };
  const tcpStep = await run('tcp', async () => {
    if (!tcpTarget) return { status: 'skipped', detail: t('The proxy address could not be read.') };
    await withTimeout(connectTcp(deps.net, tcpTarget.host, tcpTarget.port), timeoutMs, t);
    return {
      status: 'ok',
      detail: proxied
        ? t('connected to the proxy at {0}:{1}', tcpTarget.host, tcpTarget.port)
        : t('connected to {0}:{1}', tcpTarget.host, tcpTarget.port),
    };
  });
  if (tcpStep.status === 'fail') {
    return stop(
      'tcp',
      proxied
        ? t('Nothing answers at the proxy address: check http.proxy.')
        : t(
            'Nothing accepts connections there: check the port in the Capture domain, a firewall, or whether you need a proxy (http.proxy).',
          ),
    );
  }

  // 5. TLS, directly (through a proxy the HTTP step does it).
  if (url.protocol === 'https:') {
    await run('tls', async () => {
      if (proxied) return { status: 'skipped', detail: t('made through the proxy by the HTTP step') };
      const cert = await withTimeout(tlsHandshake(deps.tls, host, port, isIp), timeoutMs, t);
      return {
        status: 'ok',
        detail: t(
          'certificate for {0} issued by {1}, valid until {2}',
          cert.subject,
          cert.issuer,
          cert.validTo,
        ),
      };
    }).then((step) => {
      // Node's own list may lack a CA that VS Code adds from the OS (http.systemCertificates):
      // the HTTP step, made with VS Code's fetch, has the final word.
      if (step.status === 'fail') {
        steps[steps.length - 1] = {
          ...step,
          status: 'warn',
          detail: t(
            "Node's built-in CA list does not trust the certificate ({0}); VS Code's fetch also trusts the operating system's CAs (http.systemCertificates): the HTTP step decides",
            step.detail,
          ),
        };
      }
    });
  } else {
    await run('tls', () => ({ status: 'skipped', detail: t('plain http (allowed only on this machine)') }));
  }

  // 6–8. HTTP with VS Code's fetch, Capture's JSON, the owner credentials: one small /clients/list.
  const hasCredentials = !!input.clientId && !!input.clientSecret;
  let response: Response | undefined;
  let text = '';
  const httpStep = await run('http', async () => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
      Accept: 'application/json',
    };
    if (hasCredentials) {
      headers.Authorization = `Basic ${Buffer.from(`${input.clientId}:${input.clientSecret}`, 'utf8').toString('base64')}`;
    }
    try {
      response = await deps.fetch(`${checked.origin}/clients/list`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({ has_features: JSON.stringify(['owner']) }).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const failure = classifyFetchError(error, url.host);
      return {
        status: 'fail',
        detail: fetchFailureDetail(failure.failure, failure.detail, t),
        viaProxy: proxied,
      };
    }
    return {
      status: 'ok',
      detail: t(
        'HTTP {0}, {1}',
        response.status,
        response.headers.get('content-type') ?? t('no content type'),
      ),
      viaProxy: proxied,
    };
  });
  if (httpStep.status === 'fail') return stop('http', nextForHttp(httpStep.detail, proxied, t));

  let body: Record<string, unknown> | undefined;
  const captureStep = await run('capture', () => {
    const status = response!.status;
    if (status >= 300 && status < 400) {
      return { status: 'fail', detail: t('a redirect (HTTP {0}): this is not the Capture API', status) };
    }
    try {
      const json: unknown = JSON.parse(text);
      if (json && typeof json === 'object' && typeof (json as { stat?: unknown }).stat === 'string') {
        body = json as Record<string, unknown>;
        return { status: 'ok', detail: t('Capture JSON ("stat": "{0}")', String(body.stat).slice(0, 20)) };
      }
      return { status: 'fail', detail: t('JSON, but without "stat": not Capture') };
    } catch {
      const what = /^\s*</.test(text)
        ? t('an HTML page')
        : text.trim()
          ? t('not JSON')
          : t('an empty answer');
      return { status: 'fail', detail: t('{0} (HTTP {1}) instead of Capture JSON', what, status) };
    }
  });
  if (captureStep.status === 'fail') {
    return stop(
      'capture',
      t(
        'Something other than Capture answered: check the Capture domain (the Registration domain, not the Console) and whether a proxy or captive portal is in the way.',
      ),
    );
  }

  const credentialsStep = await run('credentials', () => {
    if (!hasCredentials) return { status: 'skipped', detail: t('no owner credentials are set') };
    if (body!.stat === 'ok') {
      const results = Array.isArray(body!.results) ? body!.results.length : 0;
      return {
        status: 'ok',
        detail:
          results === 1
            ? t('they work (1 client with the owner feature)')
            : t('they work ({0} clients with the owner feature)', results),
      };
    }
    const code = Number(body!.code);
    const error = typeof body!.error === 'string' ? body!.error.slice(0, 60) : 'unknown_error';
    return {
      status: 'fail',
      detail: t('Capture answered error {0} {1}', Number.isFinite(code) ? code : '?', error),
    };
  });
  if (credentialsStep.status === 'fail') {
    const code = Number(body!.code);
    return stop(
      'credentials',
      code === 402
        ? t('The owner client ID or secret is wrong: run Set Owner Credentials.')
        : code === 403
          ? t(
              "The owner client lacks the 'owner' feature, or this machine's IP address is outside its allow list.",
            )
          : code === 221 || code === 224
            ? t('Capture does not know this application: check the Capture domain.')
            : t('Capture refused the request: see the error above.'),
    );
  }
  if (!hasCredentials)
    return { steps, next: t('The connection works. Set the owner credentials to use this application.') };
  return { steps, next: t('The connection and the owner credentials work.') };
}

function describeProxy(choice: ProxyChoice, t: Translate): string {
  switch (choice.kind) {
    case 'proxy':
      return [
        choice.source === 'http.proxy'
          ? t('{0} (from http.proxy)', choice.proxy)
          : t('{0} (from the HTTPS_PROXY / HTTP_PROXY environment variables)', choice.proxy),
        choice.hasProxyAuthorization ? t('http.proxyAuthorization is set') : '',
      ]
        .filter(Boolean)
        .join('; ');
    case 'system':
      return t("none configured: direct, unless the system's proxy settings or a PAC file say otherwise");
    case 'direct':
      return {
        proxySupportOff: t('none: http.proxySupport is off'),
        localhost: t('none: VS Code never proxies localhost'),
        noProxy: t('none: the host is listed in http.noProxy'),
        noProxyEnv: t('none: the host is listed in NO_PROXY'),
      }[choice.reason];
  }
}

function proxyAddress(choice: ProxyChoice): { host: string; port: number } | undefined {
  if (choice.kind !== 'proxy') return undefined;
  try {
    const url = new URL(choice.proxy);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
  } catch {
    return undefined;
  }
}

function fetchFailureDetail(
  failure: TransportFailure,
  detail: { causeCode?: string; proxyStatus?: number },
  t: Translate,
): string {
  const code = detail.causeCode ? ` (${detail.causeCode})` : '';
  switch (failure) {
    case 'dns':
      return t('the name did not resolve{0}', code);
    case 'refused':
      return t('the connection was refused{0}', code);
    case 'tls':
      return t('the certificate is not trusted{0}', code);
    case 'proxy':
      return detail.proxyStatus === 407
        ? t('the proxy asks for credentials (HTTP 407)')
        : detail.proxyStatus
          ? t('the proxy refused the tunnel (HTTP {0})', detail.proxyStatus)
          : t('the proxy failed{0}', code);
    case 'timeout':
      return t('no answer in time{0}', code);
    case 'redirect':
      return t('a redirect: this is not the Capture API');
    default:
      return t('the request failed{0}', code);
  }
}

function nextForHttp(detail: string, proxied: boolean, t: Translate): string {
  if (/HTTP 407/.test(detail)) {
    return t(
      'Give the proxy its credentials in http.proxy: http://user:password@host:port (http.proxyAuthorization does not reach extensions).',
    );
  }
  if (/certificate/.test(detail)) {
    return t(
      "Install the CA that signs this certificate (your company's, if a proxy inspects HTTPS) in the operating system and keep http.systemCertificates on.",
    );
  }
  return proxied
    ? t('Check http.proxy, http.noProxy and http.proxySupport: the proxy could not reach Capture.')
    : t('Check the Capture domain, your VPN, and whether you need a proxy (http.proxy).');
}

function withTimeout<T>(promise: Promise<T>, ms: number, t: Translate): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(t('no answer within {0} s', Math.round(ms / 1000)))), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function connectTcp(net: ProbeDeps['net'], host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      reject(new Error(error.code ?? error.message));
    });
  });
}

interface SeenCertificate {
  subject: string;
  issuer: string;
  validTo: string;
}

function tlsHandshake(
  tls: ProbeDeps['tls'],
  host: string,
  port: number,
  isIp: boolean,
): Promise<SeenCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, ...(isIp ? {} : { servername: host }) });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.destroy();
      const name = (entity: Record<string, string | string[] | undefined> | undefined) => {
        const value = entity?.CN ?? entity?.O;
        return (Array.isArray(value) ? value[0] : value) ?? '?';
      };
      resolve({
        subject: name(cert.subject as unknown as Record<string, string>),
        issuer: name(cert.issuer as unknown as Record<string, string>),
        validTo: new Date(cert.valid_to).toISOString().slice(0, 10),
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      reject(new Error(error.code ?? error.message));
    });
  });
}
