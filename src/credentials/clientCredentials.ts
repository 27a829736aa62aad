import type * as vscode from 'vscode';
import type { EnvKeyNames } from '../env/envCredentials';
import type { EnvEntry } from '../env/envFile';
import { envKeyNames } from '../settings';

/** A client's credentials as they are handed to the user. */
export interface ClientCredentials {
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The client's description, which messages name it by; never written to a file. */
  readonly description?: string;
  /**
   * Other `KEY=value` entries than the Capture ones (a Hosted Login client's OIDC_* keys): the same
   * destinations and safeguards then deliver them.
   */
  readonly entries?: (scope?: vscode.Uri) => EnvEntry[];
}

/**
 * The `KEY=value` entries for credentials, under the given key names or else those configured for
 * `scope`'s folder.
 */
export function envEntries(
  credentials: ClientCredentials,
  scope?: vscode.Uri,
  keys: EnvKeyNames = envKeyNames(scope),
): EnvEntry[] {
  if (credentials.entries) return credentials.entries(scope);
  return [
    { key: keys.clientId, value: credentials.clientId },
    { key: keys.clientSecret, value: credentials.clientSecret },
    { key: keys.captureDomain, value: credentials.domain },
  ];
}
