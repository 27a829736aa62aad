import type { IncomingMessage } from 'node:http';
import { ipv4RangeContains } from './operations';
import type { ClientStore } from './store';

// The Configuration API's flow endpoints (/work/shared/CONFIG-API.md §9), served by the same
// emulator as /clients/*: `GET /config/{app_id}/flows` and `GET /config/{app_id}/flows/{flow}/versions`,
// HTTP Basic with a client that has `owner` or `direct_access`, errors as `{"errors": "…"}` with an
// HTTP status.

export interface EmulatedFlowVersion {
  readonly version: string;
  readonly change: string;
}

/** Flow name → its versions, `HEAD` first, then newest first (as the docs' example lists them). */
export type EmulatedFlows = Record<string, readonly EmulatedFlowVersion[]>;

/** The flows a fresh emulator has: a few, each with several versions. */
export const EXAMPLE_FLOWS: EmulatedFlows = {
  standard: [
    { version: 'HEAD', change: 'Updated field: givenName' },
    { version: '20240612195314276034', change: 'Added field: phoneNumber' },
    { version: '20231103101502112233', change: 'Updated screen: signIn' },
    { version: '20230120195437074178', change: 'Created.' },
  ],
  signIn: [
    { version: 'HEAD', change: 'Updated screen: forgotPassword' },
    { version: '20240101120000000001', change: 'Created.' },
  ],
  userProfile: [{ version: 'HEAD', change: 'Created.' }],
};

/** A one-shot Configuration API fault: the next flow call (of `endpoint`, when given) answers it. */
export interface ConfigFault {
  readonly status: number;
  readonly errors: string;
  readonly endpoint?: 'flows' | 'versions';
}

export interface ConfigAnswer {
  readonly status: number;
  readonly body: unknown;
  /** What the request log calls the request: `config/flows`, `config/versions`, `config/other`. */
  readonly op: string;
}

/** The request's op name, for the request log; undefined when the path is not the Configuration API. */
export function configOp(path: string): string | undefined {
  if (!path.startsWith('/config/')) return undefined;
  if (/^\/config\/[^/]+\/flows\/?$/.test(path)) return 'config/flows';
  if (/^\/config\/[^/]+\/flows\/[^/]+\/versions\/?$/.test(path)) return 'config/versions';
  return 'config/other';
}

/**
 * Answers one Configuration API request. `basic` is the parsed Basic credentials (undefined when
 * absent or not Basic); `fault` is a one-shot fault taken for this request.
 */
export function answerConfig(
  req: IncomingMessage,
  path: string,
  context: {
    appId: string;
    flows: EmulatedFlows;
    store: ClientStore;
    basic: { clientId: string; secret: string } | undefined;
    ip: string;
    now: number;
    fault: ConfigFault | undefined;
  },
): ConfigAnswer {
  const op = configOp(path) ?? 'config/other';
  const error = (status: number, errors: string): ConfigAnswer => ({ status, body: { errors }, op });
  if (context.fault) return error(context.fault.status, context.fault.errors);
  const caller =
    context.basic && context.store.authenticate(context.basic.clientId, context.basic.secret, context.now);
  if (!caller) return error(401, 'Authentication required.');
  if (req.method !== 'GET' || op === 'config/other') return error(404, 'Not found.');
  if (!caller.features.includes('owner') && !caller.features.includes('direct_access'))
    return error(403, 'Authentication required.');
  // The docs say flow versions ignore the allow list and are silent on the flow list: the
  // emulator respects it there, the stricter reading.
  if (op === 'config/flows' && !caller.whitelist.some((entry) => ipv4RangeContains(entry, context.ip)))
    return error(403, 'Authentication required.');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[1] !== context.appId) return error(404, 'Flow not found.');
  if (op === 'config/flows') {
    return {
      status: 200,
      body: Object.keys(context.flows).map((name) => ({
        _self: `/config/${context.appId}/flows/${encodeURIComponent(name)}`,
        name,
      })),
      op,
    };
  }
  const flow = segments[3] ?? '';
  if (!Object.hasOwn(context.flows, flow)) return error(404, 'Flow not found.');
  const versions = context.flows[flow]!;
  return { status: 200, body: versions.map((v) => ({ change: v.change, version: v.version })), op };
}
