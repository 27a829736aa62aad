import * as vscode from 'vscode';
import type { EnvEntry } from '../env/envFile';
import { ContextKeys, SETTINGS_SECTION, Settings } from '../ids';

/** A client's credentials as they are handed to the user. */
export interface ClientCredentials {
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

interface EnvKeyNames {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly captureDomain: string;
}

const DEFAULT_KEYS: EnvKeyNames = {
  clientId: 'IDENTITY_CLOUD_CLIENT_ID',
  clientSecret: 'IDENTITY_CLOUD_CLIENT_SECRET',
  captureDomain: 'IDENTITY_CLOUD_CAPTURE_DOMAIN',
};

const KEY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The `.env` variable names from settings (for the given file's folder), each falling back to its default. */
export function envKeyNames(scope?: vscode.Uri): EnvKeyNames {
  const configured =
    vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<Partial<EnvKeyNames>>(Settings.envKeys) ??
    {};
  const pick = (k: keyof EnvKeyNames) => {
    const v = configured[k];
    return typeof v === 'string' && KEY_NAME.test(v) ? v : DEFAULT_KEYS[k];
  };
  return {
    clientId: pick('clientId'),
    clientSecret: pick('clientSecret'),
    captureDomain: pick('captureDomain'),
  };
}

export function envEntries(credentials: ClientCredentials, scope?: vscode.Uri): EnvEntry[] {
  const keys = envKeyNames(scope);
  return [
    { key: keys.clientId, value: credentials.clientId },
    { key: keys.clientSecret, value: credentials.clientSecret },
    { key: keys.captureDomain, value: credentials.domain },
  ];
}

/**
 * The credentials created last in this window, kept in memory only so that a secret whose `.env`
 * write failed (or whose destination prompt was dismissed) can still be reached.
 */
export class LastCreatedCredentials {
  private value: ClientCredentials | undefined;

  get(): ClientCredentials | undefined {
    return this.value;
  }

  set(credentials: ClientCredentials): void {
    // The context key only shows the command in the palette: set it once, without waiting for it.
    if (!this.value)
      void vscode.commands.executeCommand('setContext', ContextKeys.hasLastCreatedCredentials, true);
    this.value = credentials;
  }
}
