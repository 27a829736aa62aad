import type { Translate } from '../common/translate';
import { CaptureApiError, type ApiFailure } from './errors';
import { describeFailure } from './errorMessages';

/** The settings a `login_client` needs before any login or registration call can find a flow. */
export const FLOW_NAME_KEY = 'default_flow_name';
export const FLOW_VERSION_KEY = 'default_flow_version';
/** The flow version meaning "the latest": fine for testing, production should pin a version. */
export const HEAD_VERSION = 'HEAD';

/** Longest key the extension sends; Capture documents none. */
export const MAX_SETTING_KEY_LENGTH = 200;

/** A setting key: non-empty, one line, no surrounding spaces or control characters. */
export function checkSettingKey(key: string, t: Translate): string | undefined {
  if (key.length === 0) return t('Enter a key, such as {0}.', FLOW_NAME_KEY);
  if (key.trim() !== key) return t('The key must not start or end with spaces.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(key))
    return t('The key must be a single line without control characters.');
  if (key.length > MAX_SETTING_KEY_LENGTH)
    return t('The key is {0} characters long; the limit is {1}.', key.length, MAX_SETTING_KEY_LENGTH);
  return undefined;
}

/** A flow name or version: one line, not empty. */
export function checkFlowField(value: string, what: string, t: Translate): string | undefined {
  if (value.trim().length === 0) return t('Enter the {0}.', what);
  if (/[\r\n]/.test(value)) return t('The {0} must be a single line.', what);
  return undefined;
}

/**
 * Checks a `settings` command argument: an object of string values with valid keys. Returns the
 * settings, or a problem in plain words.
 */
export function checkSettingsArgument(
  value: unknown,
  t: Translate,
): { settings: Record<string, string> } | { problem: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {
      problem: t(
        '"settings" must be an object of keys and text values, such as {"{0}": "signIn"}.',
        FLOW_NAME_KEY,
      ),
    };
  }
  const settings: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const problem = checkSettingKey(key, t);
    if (problem) return { problem: t('"settings" has a bad key "{0}": {1}', key, problem) };
    if (typeof v !== 'string')
      return { problem: t('The value of setting "{0}" must be text (a string).', key) };
    settings[key] = v;
  }
  return { settings };
}

/** Shortens a value for a one-line label; the full value goes in the tooltip. */
export function shortValue(value: string, max = 60): string {
  const oneLine = value.replace(/\r\n|\r|\n/g, '⏎');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** What a probe with a client's own credentials found out. */
export type CredentialCheck =
  | { outcome: 'works'; settingCount: number }
  | { outcome: 'wrongSecret' }
  | { outcome: 'refused'; allowList: readonly string[] }
  | { outcome: 'noFeatures' }
  | { outcome: 'failed'; error: ApiFailure };

/** Classifies the answer to `settings/items` sent as the client itself. */
export function classifyProbe(
  result: { items: Readonly<Record<string, string>> } | { error: ApiFailure },
  client: { readonly features: readonly string[]; readonly whitelist: readonly string[] },
): CredentialCheck {
  if ('items' in result) return { outcome: 'works', settingCount: Object.keys(result.items).length };
  const { error } = result;
  if (error instanceof CaptureApiError && error.code === 402) return { outcome: 'wrongSecret' };
  if (error instanceof CaptureApiError && error.code === 403) {
    return client.features.length === 0
      ? { outcome: 'noFeatures' }
      : { outcome: 'refused', allowList: client.whitelist };
  }
  return { outcome: 'failed', error };
}

/** The check's result in plain words. `name` names the client; never holds the probe's answer. */
export function describeCheck(
  check: CredentialCheck,
  name: string,
  t: Translate,
): { message: string; ok: boolean } {
  switch (check.outcome) {
    case 'works':
      return {
        message: t(
          'The credentials of {0} work: Capture accepted them and answered with its settings.',
          name,
        ),
        ok: true,
      };
    case 'wrongSecret':
      return {
        message: t(
          'The secret of {0} is wrong: Capture does not accept these credentials (402). If the secret was reset, use the new one.',
          name,
        ),
        ok: false,
      };
    case 'refused':
      return {
        message: t(
          "Capture refused {0} (403): either this machine's IP address is outside the client's allow list ({1}), or the client lacks a feature for reading its own settings. Capture cannot tell which.",
          name,
          check.allowList.join(', ') || '—',
        ),
        ok: false,
      };
    case 'noFeatures':
      return {
        message: t(
          '{0} has no features, so Capture refuses the call that proves its credentials, by design. That is not a fault: add a feature to make it usable.',
          name,
        ),
        ok: false,
      };
    case 'failed':
      return { message: describeFailure(check.error, t('Checking the credentials'), t).message, ok: false };
  }
}
