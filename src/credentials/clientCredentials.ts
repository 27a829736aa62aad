import type * as vscode from 'vscode';
import type { EnvEntry } from '../env/envFile';
import { envKeyNames } from '../settings';

/** A client's credentials as they are handed to the user. */
export interface ClientCredentials {
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The client's description, which messages name it by; never written to a file. */
  readonly description?: string;
}

/** The `KEY=value` entries for credentials, with the key names configured for `scope`'s folder. */
export function envEntries(credentials: ClientCredentials, scope?: vscode.Uri): EnvEntry[] {
  const keys = envKeyNames(scope);
  return [
    { key: keys.clientId, value: credentials.clientId },
    { key: keys.clientSecret, value: credentials.clientSecret },
    { key: keys.captureDomain, value: credentials.domain },
  ];
}
