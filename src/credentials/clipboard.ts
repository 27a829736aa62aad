import vscode = require('vscode');
import { renderEnvLines } from '../env/envFile';
import { clearClipboardAfterSeconds } from '../settings';
import { envEntries, type ClientCredentials } from './clientCredentials';

/** Copies `KEY=value` lines; the message names the keys, never the secret. */
export async function copyCredentials(credentials: ClientCredentials): Promise<void> {
  const entries = envEntries(credentials);
  const text = renderEnvLines(entries);
  await vscode.env.clipboard.writeText(text);
  scheduleClipboardClear(text);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied {0} to the clipboard.', entries.map((e) => e.key).join(', ')),
  );
}

/** Clears the clipboard after the configured delay, if it still holds what the extension copied. */
export function scheduleClipboardClear(copied: string): void {
  const seconds = clearClipboardAfterSeconds();
  if (seconds === 0) return;
  setTimeout(() => {
    void (async () => {
      try {
        if ((await vscode.env.clipboard.readText()) === copied) await vscode.env.clipboard.writeText('');
      } catch {
        // The clipboard went away with the window; nothing left to clear.
      }
    })();
  }, seconds * 1000);
}
