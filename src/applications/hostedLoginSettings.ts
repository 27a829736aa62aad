import { unsafeForCredentials } from '../api/captureDomain';
import type { HostedLoginLocation } from '../api/hostedLoginLocation';

/** An application's `hostedLogin` entry: where its Hosted Login is and which configuration client to use. */
export interface HostedLoginConnection extends HostedLoginLocation {
  readonly configClientId: string;
}

/**
 * Reads a hand-edited or synced `hostedLogin` entry; undefined when anything is off. An `origin` is
 * used only when it is https, or http on this machine: the configuration secret never goes elsewhere.
 */
export function readHostedLogin(raw: unknown): HostedLoginConnection | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { customerId, region, origin, configClientId } = raw as Record<string, unknown>;
  if (typeof customerId !== 'string' || !customerId.trim()) return undefined;
  if (typeof configClientId !== 'string' || !configClientId.trim()) return undefined;
  if (typeof origin === 'string') {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return undefined;
    }
    if (unsafeForCredentials(url)) return undefined;
    return { customerId: customerId.trim(), origin: url.origin, configClientId: configClientId.trim() };
  }
  if (typeof region !== 'string' || !/^[a-z]{2,8}$/.test(region)) return undefined;
  return { customerId: customerId.trim(), region, configClientId: configClientId.trim() };
}
