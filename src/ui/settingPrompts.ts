import vscode = require('vscode');
import { checkSettingKey } from '../api/settingsRules';
import { askText } from './quickInput';

/** Asks for a setting key. Undefined when cancelled. */
export async function askSettingKey(title: string, prompt: string): Promise<string | undefined> {
  const key = await askText({
    title,
    prompt,
    placeholder: vscode.l10n.t('e.g. default_flow_name'),
    validate: (v) => checkSettingKey(v, vscode.l10n.t),
  });
  return typeof key === 'string' ? key : undefined;
}

/**
 * Asks for a setting value; an empty value is allowed. A value with line breaks cannot be edited
 * in a one-line box without losing them, so the prompt says how to set one.
 */
export async function askSettingValue(
  title: string,
  key: string,
  current: string | undefined,
): Promise<string | undefined> {
  const multiLine = current !== undefined && /[\r\n]/.test(current);
  const value = await askText({
    title,
    prompt: multiLine
      ? vscode.l10n.t(
          'The value of {0} (empty is allowed). Its current value has several lines: what you enter here replaces it with one line.',
          key,
        )
      : vscode.l10n.t('The value of {0} (text; empty is allowed).', key),
    placeholder: vscode.l10n.t('the value, as text'),
    value: multiLine ? '' : (current ?? ''),
  });
  return typeof value === 'string' ? value : undefined;
}
