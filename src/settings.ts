import vscode = require('vscode');
import { DEFAULT_ENV_KEYS, DEFAULT_OIDC_ENV_KEYS, SETTINGS_SECTION, Settings } from './ids';

// The one place that reads the extension's settings (the applications excepted: ApplicationStore
// reads those from user settings only). Each reader turns an odd hand-edited value into the default.

function config(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
}

export interface EnvKeyNames {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly captureDomain: string;
}

const KEY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The `.env` variable names (for the given file's folder), each falling back to its default. */
export function envKeyNames(scope?: vscode.Uri): EnvKeyNames {
  return keyNames(Settings.envKeys, DEFAULT_ENV_KEYS, scope);
}

/** The variable names a setting configures, each a valid name or else its default. */
function keyNames<K extends string>(
  setting: string,
  defaults: Readonly<Record<K, string>>,
  scope: vscode.Uri | undefined,
): Record<K, string> {
  const configured = config(scope).get<Record<string, unknown>>(setting) ?? {};
  const names: Record<K, string> = { ...defaults };
  for (const k of Object.keys(defaults) as K[]) {
    const v = configured[k];
    if (typeof v === 'string' && KEY_NAME.test(v)) names[k] = v;
  }
  return names;
}

/** The per-request time limit in milliseconds. */
export function requestTimeoutMs(): number | undefined {
  const seconds = config().get<number>(Settings.requestTimeoutSeconds, 30);
  return typeof seconds === 'number' ? Math.max(1, seconds) * 1000 : undefined;
}

/** Seconds after which copied credentials are cleared from the clipboard; 0 keeps them. */
export function clearClipboardAfterSeconds(): number {
  const seconds = config().get<number>(Settings.clearClipboardAfterSeconds, 0);
  return typeof seconds === 'number' && seconds > 0 ? seconds : 0;
}

export type DestinationKind = 'env' | 'otherFile' | 'clipboard';

/** Where credentials went last time: the destination picker starts there. */
export function preferredDestination(): DestinationKind {
  const value = config().get<string>(Settings.credentialsDestination, 'env');
  return value === 'otherFile' || value === 'clipboard' ? value : 'env';
}

/** Remembers the destination; a settings file that cannot be written is not worth a failure. */
export async function rememberDestination(kind: DestinationKind): Promise<void> {
  await config()
    .update(Settings.credentialsDestination, kind, vscode.ConfigurationTarget.Global)
    .then(undefined, () => undefined);
}

/** The pattern that marks production-like applications ('' for none). */
export function protectedApplicationPattern(): string {
  const pattern = config().get<string>(Settings.protectedApplicationPattern, '');
  return typeof pattern === 'string' ? pattern : '';
}

/** The flow name the team usually gives login clients ('' for none): Create offers it. */
export function defaultFlowName(): string {
  const name = config().get<string>(Settings.defaultFlowName, '');
  return typeof name === 'string' ? name.trim() : '';
}

// Credentials in the workspace (problems, lenses, the client index's refresh window)

/** Whether env files get the "Identity Cloud" problems (for the file's folder). */
export function credentialChecksEnabled(scope: vscode.Uri): boolean {
  return config(scope).get<boolean>(Settings.credentialChecks, true) !== false;
}

/** Whether env files get a lens above each client ID (for the file's folder). */
export function credentialLensesEnabled(scope: vscode.Uri): boolean {
  return config(scope).get<boolean>(Settings.credentialLenses, true) !== false;
}

/** How old the client list may be before opening or saving an env file lists again, in ms. */
export function clientListMaxAgeMs(): number {
  const minutes = config().get<number>(Settings.clientListMaxAgeMinutes, 10);
  return (typeof minutes === 'number' && minutes >= 0 ? minutes : 10) * 60_000;
}

// Hosted Login (OIDC)

export type OidcEnvKeyNames = { readonly [K in keyof typeof DEFAULT_OIDC_ENV_KEYS]: string };

/** The `.env` variable names of an OIDC app (for the given file's folder), each falling back to its default. */
export function oidcEnvKeyNames(scope?: vscode.Uri): OidcEnvKeyNames {
  return keyNames(Settings.oidcEnvKeys, DEFAULT_OIDC_ENV_KEYS, scope);
}

/** The scope asked for configuration tokens ('' for the default). */
export function hostedLoginScope(): string {
  const scope = config().get<string>(Settings.hostedLoginScope, '');
  return typeof scope === 'string' ? scope.trim() : '';
}

/** How long Try Sign-In waits for the browser to come back, in ms. */
export function signInTimeoutMs(): number {
  const seconds = config().get<number>(Settings.signInTimeoutSeconds, 300);
  return (typeof seconds === 'number' && seconds >= 5 ? Math.min(seconds, 3600) : 300) * 1000;
}

/** Whether every env file of the workspace is checked, and closed files keep their problems. */
export function checkWorkspaceEnvFiles(): boolean {
  return config().get<boolean>(Settings.checkWorkspaceEnvFiles, false) === true;
}
