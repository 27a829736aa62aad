import * as vscode from 'vscode';
import { renderEnvLines } from '../env/envFile';
import { SETTINGS_SECTION, Settings } from '../ids';
import { UserFacingError } from '../ui/errors';
import { BACK, pickOne } from '../ui/quickInput';
import { envEntries, type ClientCredentials } from './clientCredentials';
import { writeEnvFile } from './envFileWriter';
import { warnIfNotGitIgnored } from './gitIgnore';

/** Where credentials go: the workspace `.env`, another env file, the clipboard, or a given file path/URI. */
export type DestinationArg = 'env' | 'otherFile' | 'clipboard' | (string & {});

type DestinationKind = 'env' | 'otherFile' | 'clipboard';
type Target = { kind: 'clipboard' } | { kind: 'env' | 'otherFile'; uri: vscode.Uri };

export interface DeliverOptions {
  readonly destination?: DestinationArg;
  readonly log: vscode.LogOutputChannel;
}

/**
 * Puts credentials where the user wants them. A failed or declined write offers the other
 * destinations at once; the credentials are never silently dropped.
 * Returns whether they were delivered somewhere.
 */
export async function deliverCredentials(
  credentials: ClientCredentials,
  options: DeliverOptions,
): Promise<boolean> {
  let target = await resolveTarget(options.destination);
  while (true) {
    if (!target) return remindNotSaved(credentials, options.log);
    let problem: string;
    try {
      if (target.kind === 'clipboard') {
        await copyCredentials(credentials);
        return true;
      }
      const outcome = await writeEnvFile(
        target.uri,
        envEntries(credentials, target.uri),
        confirmReplace(target.uri),
      );
      if (outcome !== 'declined') {
        const written = [...outcome.added, ...outcome.replaced, ...outcome.unchanged];
        options.log.info(`Wrote ${written.join(', ')} to ${target.uri.toString(true)}`);
        void announceWritten(target.uri, written, outcome.created);
        await warnIfNotGitIgnored(target.uri, options.log);
        return true;
      }
      problem = vscode.l10n.t('{0} was left as it was.', vscode.workspace.asRelativePath(target.uri, false));
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      options.log.warn(`Writing credentials failed: ${error.message}`);
      problem = error.message;
    }
    target = await offerOtherDestination(problem);
  }
}

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
  const seconds = vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .get<number>(Settings.clearClipboardAfterSeconds, 0);
  if (!(seconds > 0)) return;
  setTimeout(() => {
    void (async () => {
      if ((await vscode.env.clipboard.readText()) === copied) await vscode.env.clipboard.writeText('');
    })();
  }, seconds * 1000);
}

function confirmReplace(uri: vscode.Uri) {
  return async (keys: readonly string[]) => {
    const replace = vscode.l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} already sets {1}. Replace the values?',
        vscode.workspace.asRelativePath(uri, false),
        keys.join(', '),
      ),
      { modal: true, detail: vscode.l10n.t('The old values are overwritten. Other lines stay as they are.') },
      replace,
    );
    return choice === replace;
  };
}

async function announceWritten(uri: vscode.Uri, keys: readonly string[], created: boolean): Promise<void> {
  const open = vscode.l10n.t('Open File');
  const name = vscode.workspace.asRelativePath(uri, false);
  const message = created
    ? vscode.l10n.t('Created {0} with {1}.', name, keys.join(', '))
    : vscode.l10n.t('Wrote {0} to {1}.', keys.join(', '), name);
  if ((await vscode.window.showInformationMessage(message, open)) === open) {
    await vscode.window.showTextDocument(uri);
  }
}

async function offerOtherDestination(problem: string): Promise<Target | undefined> {
  const clipboard = vscode.l10n.t('Copy to Clipboard');
  const other = vscode.l10n.t('Choose Another File…');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} The new credentials are not lost: copy them or choose another file.', problem),
    clipboard,
    other,
  );
  if (choice === clipboard) return { kind: 'clipboard' };
  if (choice === other) return pickOtherFile();
  return undefined;
}

async function remindNotSaved(
  credentials: ClientCredentials,
  log: vscode.LogOutputChannel,
): Promise<boolean> {
  log.info(
    `Credentials of client ${credentials.clientId} were not saved; they stay available in this window.`,
  );
  const clipboard = vscode.l10n.t('Copy to Clipboard');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'The credentials of client {0} were not saved. Until this window closes, "Identity Cloud: Copy Last Created Credentials" copies them.',
      credentials.clientId,
    ),
    clipboard,
  );
  if (choice !== clipboard) return false;
  await copyCredentials(credentials);
  return true;
}

async function resolveTarget(destination: DestinationArg | undefined): Promise<Target | undefined> {
  switch (destination) {
    case undefined:
      return pickDestination();
    case 'clipboard':
      return { kind: 'clipboard' };
    case 'env': {
      const folder = await pickFolder();
      return folder ? { kind: 'env', uri: vscode.Uri.joinPath(folder.uri, '.env') } : pickOtherFile();
    }
    case 'otherFile':
      return pickOtherFile();
    default:
      return { kind: 'otherFile', uri: fileUri(destination) };
  }
}

function fileUri(pathOrUri: string): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(pathOrUri)) return vscode.Uri.parse(pathOrUri, true);
  if (/^([a-z]:)?[\\/]/i.test(pathOrUri)) return vscode.Uri.file(pathOrUri);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new UserFacingError(vscode.l10n.t('"{0}" is a relative path, but no folder is open.', pathOrUri));
  }
  return vscode.Uri.joinPath(folder.uri, pathOrUri);
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({
    placeHolder: vscode.l10n.t("Which folder's .env should receive the credentials?"),
    ignoreFocusOut: true,
  });
}

interface DestinationItem extends vscode.QuickPickItem {
  readonly destination: DestinationKind;
  readonly folder?: vscode.WorkspaceFolder;
}

async function pickDestination(): Promise<Target | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const items: DestinationItem[] = [
    ...folders.map((folder) => ({
      destination: 'env' as const,
      folder,
      label: `$(file) .env`,
      description: folders.length > 1 ? folder.name : vscode.l10n.t('in the workspace folder'),
    })),
    { destination: 'otherFile', label: `$(files) ${vscode.l10n.t('Another Env File…')}` },
    {
      destination: 'clipboard',
      label: `$(clippy) ${vscode.l10n.t('Clipboard')}`,
      description: vscode.l10n.t('as KEY=value lines'),
    },
  ];
  const preferred = vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .get<DestinationKind>(Settings.credentialsDestination, 'env');
  const chosen = await pickOne(items, {
    title: vscode.l10n.t('Where should the new credentials go?'),
    placeholder: vscode.l10n.t('Pick a destination for the client ID and secret'),
    activeIndex: Math.max(
      0,
      items.findIndex((i) => i.destination === preferred),
    ),
  });
  if (!chosen || chosen === BACK) return undefined;
  if (chosen.destination !== preferred) {
    await vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .update(Settings.credentialsDestination, chosen.destination, vscode.ConfigurationTarget.Global);
  }
  if (chosen.destination === 'clipboard') return { kind: 'clipboard' };
  if (chosen.destination === 'env' && chosen.folder)
    return { kind: 'env', uri: vscode.Uri.joinPath(chosen.folder.uri, '.env') };
  return pickOtherFile();
}

async function pickOtherFile(): Promise<Target | undefined> {
  const found = await vscode.workspace.findFiles('**/.env*', '**/node_modules/**', 100);
  const browse: vscode.QuickPickItem & { uri?: vscode.Uri } = {
    label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`,
  };
  const items: Array<vscode.QuickPickItem & { uri?: vscode.Uri }> = [
    ...found
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri, true), uri })),
    browse,
  ];
  const chosen =
    found.length === 0
      ? browse
      : await pickOne(items, {
          title: vscode.l10n.t('Which env file?'),
          placeholder: vscode.l10n.t('Pick an env file, or browse for another'),
        });
  if (!chosen || chosen === BACK) return undefined;
  if (chosen.uri) return { kind: 'otherFile', uri: chosen.uri };
  const folder = vscode.workspace.workspaceFolders?.[0];
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Env file for the new credentials'),
    saveLabel: vscode.l10n.t('Use This File'),
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, '.env.local') } : {}),
  });
  return uri ? { kind: 'otherFile', uri } : undefined;
}
