import { hoursText, type Translate } from '../common/translate';
import type { FailureAction } from '../common/userFacingError';
import {
  CaptureApiError,
  ConfigApiError,
  type ApiFailure,
  type ApiName,
  RequestCancelledError,
  TransportError,
} from './errors';

/** What the UI knows about the network that the API layer does not. */
export interface NetworkContext {
  /** The proxy in use, as fit to show (no password), when there is one. */
  readonly proxy?: string;
}

export interface FailureReport {
  /** One or two plain sentences, ending with the request id when Capture gave one. Never holds a secret. */
  readonly message: string;
  readonly actions: readonly FailureAction[];
}

/** Turns a failed API call into words for the user. `what` names the attempted action ("Creating the client"). */
export function describeFailure(
  error: ApiFailure,
  what: string,
  t: Translate,
  network: NetworkContext = {},
): FailureReport {
  if (error instanceof RequestCancelledError) return { message: t('{0} was cancelled.', what), actions: [] };
  if (error instanceof CaptureApiError) return describeApiError(error, what, t);
  if (error instanceof ConfigApiError) return describeConfigApiError(error, what, t);
  return describeTransport(error, what, t, network);
}

/**
 * Words for a failed `/clients/add`, which is not idempotent. When the request may have reached
 * Capture the user is told the client may exist and not to simply try again; when Capture answered
 * "ok" without usable credentials, that it was created. `description` and `application` name the
 * client and where it was being created.
 */
export function describeCreateFailure(
  error: ApiFailure,
  description: string,
  application: string,
  t: Translate,
): FailureReport {
  const report = describeFailure(error, t('Creating the client'), t);
  if (!(error instanceof TransportError) || !error.mayHaveReachedServer) return report;
  const actions: FailureAction[] = ['findCreatedClient', 'showLog'];
  if (error.detail.answeredOk) {
    const id = error.detail.clientId;
    return {
      message: id
        ? t(
            'Capture created the client "{0}" ({1}) in {2}, but neither its answer nor the client list gave its secret. Do not create it again: get the secret from the Identity Cloud Console (Manage Application → API clients), or reset its secret here.',
            description,
            id,
            application,
          )
        : t(
            'Capture created the client "{0}" in {1}, but its answer did not include the client\'s credentials. Do not create it again: find it in the client list and reset its secret to get one.',
            description,
            application,
          ),
      actions,
    };
  }
  return {
    message: t(
      '{0} The client "{1}" may have been created anyway. Do not simply try again: check the client list of {2} first.',
      report.message,
      description,
      application,
    ),
    actions: ['findCreatedClient', 'checkConnection', 'showLog'],
  };
}

/**
 * Words for a `/clients/reset_secret` that answered "ok" (so the secret did change) when neither
 * the answer nor the client list gave the new secret.
 */
export function describeLostResetSecret(clientId: string, hoursToLive: number, t: Translate): FailureReport {
  return {
    message: t(
      'Capture reset the secret of {0}, but neither its answer nor the client list gave the new one. {1} Get the new secret from the Identity Cloud Console (Manage Application → API clients), or reset it again here.',
      clientId,
      oldSecretLasts(hoursToLive, t),
    ),
    actions: ['findCreatedClient', 'showLog'],
  };
}

/** How long the old secret keeps working after a reset with `hoursToLive` of grace, as a sentence. */
export function oldSecretLasts(hoursToLive: number, t: Translate): string {
  return hoursToLive === 0
    ? t('The old secret stops working immediately.')
    : t('The old secret keeps working for {0}.', hoursText(hoursToLive, t));
}

/**
 * A reset whose answer never came (`failure`, in words) but may have reached Capture: what that
 * would mean for the old secret, and what to do. `own`: the extension signs in as the client.
 */
export function describeMaybeReset(failure: string, hoursToLive: number, own: boolean, t: Translate): string {
  const lasts =
    hoursToLive === 0
      ? t('If it was, the old secret stopped working at once.')
      : t('If it was, the old secret keeps working for {0}.', hoursText(hoursToLive, t));
  return own
    ? t(
        '{0} The secret may have been reset anyway, and the extension stores only the old one. {1} Reset it again now if you can, or get a new secret from the Identity Cloud Console and use Set Owner Credentials.',
        failure,
        lasts,
      )
    : t(
        '{0} The secret may have been reset anyway. {1} Reset it again to get a secret you know.',
        failure,
        lasts,
      );
}

function withRequestId(text: string, requestId: string | undefined, t: Translate): string {
  return requestId
    ? `${text} ${t('(request id: {0})', requestId)}`
    : `${text} ${t('(no request id was returned)')}`;
}

function describeApiError(e: CaptureApiError, what: string, t: Translate): FailureReport {
  const detail = e.description ? ` ${e.description}` : '';
  let text: string;
  let actions: FailureAction[] = ['showLog'];
  switch (e.code) {
    case 100:
      text = t('{0} failed: a required field was missing ({1}).', what, e.argumentName ?? e.error);
      break;
    case 200:
      text = e.argumentName
        ? t('{0} failed: Capture rejected "{1}".{2}', what, e.argumentName, detail)
        : t('{0} failed: Capture rejected an argument.{1}', what, detail);
      break;
    case 205:
      text = t(
        '{0} failed: Capture did not accept the authentication method. Check that the Capture domain is right.',
        what,
      );
      break;
    case 221:
    case 224:
      text = t(
        '{0} failed: Capture does not know this application. Check the Capture domain (Console → Manage Application).',
        what,
      );
      break;
    case 402:
      text = t('{0} failed: the owner client ID or secret is wrong. Set the owner credentials again.', what);
      actions = ['setOwnerCredentials', 'showLog'];
      break;
    case 403:
      text = t(
        "{0} failed: permission denied. Either the owner client lacks the 'owner' feature, or this machine's IP address is outside the client's allow list (Capture cannot tell which).",
        what,
      );
      actions = ['setOwnerCredentials', 'showLog'];
      break;
    case 480:
      text = t('{0} failed: this Capture API is temporarily disabled. Try again in a few minutes.', what);
      break;
    case 500:
      text = t(
        '{0} failed: Capture had an unexpected server error. If it persists, give Akamai support the request id.',
        what,
      );
      break;
    case 510:
      text = t('{0} failed: too many simultaneous calls to Capture. Wait a moment, then try again.', what);
      break;
    default:
      text = t('{0} failed: Capture answered {1} "{2}".{3}', what, e.code ?? '?', e.error, detail);
  }
  return { message: withRequestId(text, e.requestId, t), actions };
}

/** The API a call went to, in a failure's words: its name, the address the user gave, what to check. */
function apiWords(
  api: ApiName,
  what: string,
  t: Translate,
): { server: string; address: string; redirect: string; check: FailureAction } {
  switch (api) {
    case 'configApi':
      return {
        server: t('the Configuration API'),
        address: t('the Configuration API host'),
        redirect: t(
          "{0} failed: the Configuration API host redirects elsewhere. Check the region: Console's oidc_url names it (https://v1.api.REGION.janrain.com/…).",
          what,
        ),
        check: 'checkConnection',
      };
    case 'hostedLogin':
      return {
        server: 'Hosted Login',
        address: t('the Hosted Login host (the oidc_url given to Connect Hosted Login…)'),
        redirect: t(
          "{0} failed: the Hosted Login host redirects elsewhere. Check the customer ID and region with Connect Hosted Login… (Console's oidc_url names both).",
          what,
        ),
        check: 'connectHostedLogin',
      };
    case 'capture':
      return {
        server: 'Capture',
        address: t('the Capture domain'),
        redirect: t(
          "{0} failed: the Capture domain redirects elsewhere. Use the Capture (Registration) domain from Console → Manage Application, not the Console's own address.",
          what,
        ),
        check: 'checkConnection',
      };
  }
}

function describeTransport(
  e: TransportError,
  what: string,
  t: Translate,
  context: NetworkContext,
): FailureReport {
  const { server, address, redirect, check } = apiWords(e.api, what, t);
  // Check Connection… probes Capture. Hosted Login's address is the one Connect Hosted Login… asks
  // for: offered when the address itself is the suspect.
  const addressSuspect = e.failure === 'dns' || e.failure === 'refused' || e.failure === 'redirect';
  const network: FailureAction[] = [
    ...(check === 'connectHostedLogin' && !addressSuspect ? [] : [check]),
    'openNetworkSettings',
    'showLog',
  ];
  let text: string;
  switch (e.failure) {
    case 'dns':
      text = t(
        '{0} failed: {1} could not be found. Check its spelling, your VPN, and the http.proxy setting.',
        what,
        address,
      );
      break;
    case 'refused':
      text = t(
        '{0} failed: the connection was refused. Check {1} and the http.proxy setting.',
        what,
        address,
      );
      break;
    case 'tls':
      text = t(
        '{0} failed: the server certificate is not trusted. If a corporate proxy inspects HTTPS, install its CA certificate in the operating system and check that http.systemCertificates is on. The extension never turns certificate checks off.',
        what,
      );
      break;
    case 'proxy':
      text =
        e.detail.proxyStatus === 407
          ? t(
              "{0} failed: the proxy {1} asks for credentials (HTTP 407). Put a user name and password in http.proxy (http://user:password@host:port); VS Code does not apply http.proxyAuthorization to extensions' requests.",
              what,
              context.proxy ?? t('in use'),
            )
          : t('{0} failed at the proxy. Check http.proxy, http.proxySupport and http.noProxy.', what);
      break;
    case 'timeout':
      text = t(
        '{0} failed: {1} did not answer in time. Check your connection, or raise identityCloud.requestTimeoutSeconds.',
        what,
        server,
      );
      break;
    case 'reset':
      text = t('{0} failed: the connection dropped before {1} answered completely.', what, server);
      break;
    case 'http':
      text = t(
        '{0} failed: the answer was not from {1} ({2}). A proxy or load balancer may be in the way; check http.proxy.',
        what,
        server,
        e.detail.status ? t('HTTP {0}', e.detail.status) : t('no status'),
      );
      break;
    case 'incomplete':
      text = t(
        "{0} failed: {1}'s answer was cut off before its end. Check your connection; a proxy or VPN may have interrupted it.",
        what,
        server,
      );
      break;
    case 'redirect':
      text = redirect;
      break;
    case 'malformed':
      text = t('{0} failed: {1} answered in an unexpected form.', what, server);
      break;
    default:
      text = t(
        '{0} failed: a network error occurred. Check your connection and the http.proxy setting.',
        what,
      );
  }
  return { message: text, actions: e.failure === 'malformed' ? ['showLog'] : network };
}

/**
 * Words for a Configuration API error (`{"errors": "…"}` with an HTTP status). The status is always
 * named; the allow list is named as a possible cause only where the docs say the endpoint respects it.
 */
function describeConfigApiError(e: ConfigApiError, what: string, t: Translate): FailureReport {
  const said = e.text ? ` ${t('It said: "{0}"', e.text)}` : '';
  switch (e.status) {
    case 401:
      return {
        message: t(
          '{0} failed: the Configuration API did not accept the owner client ID or secret (HTTP 401).{1} Set the owner credentials again.',
          what,
          said,
        ),
        actions: ['setOwnerCredentials', 'showLog'],
      };
    case 403: {
      const text =
        e.allowList === 'respected'
          ? t(
              "{0} failed: the Configuration API refused the owner client (HTTP 403).{1} Either it lacks the feature this call needs, or this machine's IP address is outside the client's allow list.",
              what,
              said,
            )
          : e.allowList === 'ignored'
            ? t(
                '{0} failed: the Configuration API refused the owner client (HTTP 403).{1} It needs the owner or direct_access feature (this call ignores the allow list).',
                what,
                said,
              )
            : t(
                "{0} failed: the Configuration API refused the owner client (HTTP 403).{1} It needs the owner or direct_access feature; this machine's IP address may also be outside the client's allow list.",
                what,
                said,
              );
      return { message: text, actions: ['setOwnerCredentials', 'showLog'] };
    }
    case 404:
      return {
        message: t(
          '{0} failed: the Configuration API does not know this application or flow (HTTP 404).{1} Check the application ID (Console → Manage Application) and the region.',
          what,
          said,
        ),
        actions: ['connectConfigApi', 'showLog'],
      };
    case 409:
      return {
        message: t('{0} failed: the Configuration API reports a conflict (HTTP 409).{1}', what, said),
        actions: ['showLog'],
      };
    default:
      return {
        message:
          e.status >= 500
            ? t(
                '{0} failed: the Configuration API had a server error (HTTP {1}).{2} Try again in a few minutes.',
                what,
                e.status,
                said,
              )
            : t('{0} failed: the Configuration API answered HTTP {1}.{2}', what, e.status, said),
        actions: ['showLog'],
      };
  }
}
