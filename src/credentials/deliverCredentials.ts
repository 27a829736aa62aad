import vscode = require('vscode');
import { UserFacingError } from '../common/userFacingError';
import { BACK, pickOne } from '../ui/quickInput';
import type { EnvKeyNames } from '../env/envCredentials';
import type { StepPosition } from '../ui/multiStep';
import { envEntries, type ClientCredentials } from './clientCredentials';
import { copyCredentials } from './clipboard';
import type { LastCreatedCredentials } from './lastCreated';
import { clientName } from '../common/clientName';
import { preferredDestination, rememberDestination, type DestinationKind } from '../settings';
import { writeEnvFile, type EnvWriteResult } from './envFileWriter';
import { warnIfNotGitIgnored } from './gitIgnore';
import { ENV_FILES_EXCLUDE, ENV_FILES_GLOB, isEnvFilePath } from '../env/envFiles';

/** Where credentials go: the workspace `.env`, another env file, the clipboard, or a given file path/URI. */
export type DestinationArg = 'env' | 'otherFile' | 'clipboard' | (string & {});

type Target = { kind: 'clipboard' } | { kind: 'env' | 'otherFile'; uri: vscode.Uri };

export interface DeliverOptions {
  readonly destination?: DestinationArg;
  /** The destination prompt's title: what just happened and what is asked ("… is created. Where should its credentials go?"). */
  readonly title?: string;
  /** The destination prompt's place as the last step of its flow ("(4/4)"), with no Back: the client exists. */
  readonly position?: StepPosition;
  readonly log: vscode.LogOutputChannel;
  /**
   * Knows whether the client was deleted since (a late "Copy" on a reminder then says so), and
   * whether Copy Last Created Credentials holds these credentials (messages name it only then).
   */
  readonly lastCreated?: LastCreatedCredentials;
  /** The key names to write in an env file (a quick fix's own set); the configured ones by default. */
  readonly keys?: EnvKeyNames;
  /**
   * The extension keeps these credentials in secret storage (its own owner client's new secret):
   * the picker offers to leave them there, first, and leaving them there needs no reminder.
   */
  readonly keptInSecretStorage?: boolean;
}

const KEYWORDS: readonly string[] = ['env', 'otherFile', 'clipboard'];

/**
 * Checks a destination given as an argument before anything is created, so that a typo such as
 * "clipbaord" is refused rather than written to as a file: a keyword, or the path or URI of an env
 * file (`.env`, `.env.local`, `config/dev.env`: src/env/envFiles.ts).
 */
export function checkDestination(destination: string | undefined): void {
  if (destination === undefined || KEYWORDS.includes(destination)) return;
  const uri = fileUri(destination);
  if (!isEnvFilePath(uri.path)) {
    throw new UserFacingError(
      vscode.l10n.t(
        'Unknown destination "{0}". Use "env", "otherFile", "clipboard", or the path of an env file (named .env, .env.something or something.env) such as .env.local.',
        destination,
      ),
    );
  }
}

/**
 * Puts credentials where the user wants them, and returns once that first attempt is over, so what
 * the caller does next (a login client's flow settings, the offer to update every copy) never
 * waits on a notification. Whatever goes wrong from here on (the secret exists now), the other
 * destinations are offered in a notification whose buttons work whenever they are clicked, and the
 * credentials are never silently dropped. Returns whether they were delivered by that first attempt.
 */
export async function deliverCredentials(
  credentials: ClientCredentials,
  options: DeliverOptions,
): Promise<boolean> {
  let outcome: true | string | undefined;
  try {
    outcome = await deliverTo(
      credentials,
      await resolveTarget(options.destination, options.title, options.position, options.keptInSecretStorage),
      options,
    );
  } catch (error) {
    outcome = problemOf(error, options.log);
  }
  if (outcome === true) return true;
  recoverLater(credentials, outcome, options);
  return false;
}

/**
 * The offers after a failed delivery: another destination while there is a problem, then a
 * reminder with a last Copy to Clipboard (naming Copy Last Created Credentials when it has them).
 * Not awaited by anyone: each is a notification, answered (or not) whenever the user gets to it.
 */
function recoverLater(
  credentials: ClientCredentials,
  problem: string | undefined,
  options: DeliverOptions,
): void {
  const recover = async () => {
    let next = problem;
    while (next !== undefined) {
      const target = await offerOtherDestination(next);
      if (!target) break;
      const outcome = await deliverTo(credentials, target, options).catch((error: unknown) =>
        problemOf(error, options.log),
      );
      if (outcome === true) return;
      next = outcome;
    }
    // The extension's own owner secret is in secret storage whatever happened to the copy.
    if (options.keptInSecretStorage)
      options.log.info(`Credentials of client ${credentials.clientId} kept in secret storage only.`);
    else await remindNotSaved(credentials, options);
  };
  recover().catch((error: unknown) =>
    options.log.error(`Offering another destination failed: ${String(error)}`),
  );
}

/** One delivery: true when done, the problem in words when the file was left as it was, undefined without a target. */
async function deliverTo(
  credentials: ClientCredentials,
  target: Target | undefined,
  options: DeliverOptions,
): Promise<true | string | undefined> {
  if (!target) return undefined;
  if (target.kind === 'clipboard') {
    await copyCredentials(credentials);
    return true;
  }
  const entries = envEntries(credentials, target.uri, options.keys);
  const outcome = await writeEnvFile(target.uri, entries, confirmReplace(target.uri));
  if (outcome === 'declined')
    return vscode.l10n.t('{0} was left as it was.', vscode.workspace.asRelativePath(target.uri, false));
  // In the order of the file's lines (ID, secret, domain), whatever each write did.
  const changed = [...outcome.added, ...outcome.replaced, ...outcome.unchanged];
  const written = entries.map((e) => e.key).filter((key) => changed.includes(key));
  options.log.info(
    `Wrote ${written.join(', ')} to ${target.uri.toString(true)}${outcome.unsaved ? ' (open with unsaved changes: not saved)' : ''}`,
  );
  announceWritten(target.uri, written, outcome, options.lastCreated?.holds(credentials) ?? false).then(
    undefined,
    (error: unknown) => options.log.warn(`Opening the env file failed: ${String(error)}`),
  );
  // Not awaited: a warning, whose Add to .gitignore works whenever it is clicked. A failing
  // .gitignore check must not undo the write either. Nothing secret written (a public login
  // client): no warning that the file holds one.
  if (credentials.clientSecret)
    warnIfNotGitIgnored(target.uri, options.log).then(undefined, (error: unknown) =>
      options.log.warn(`The .gitignore check failed: ${String(error)}`),
    );
  return true;
}

/** Words for what stopped a delivery; an unexpected error goes to the log with its stack. */
function problemOf(error: unknown, log: vscode.LogOutputChannel): string {
  if (error instanceof UserFacingError) {
    log.warn(`Writing credentials failed: ${error.message}`);
    return error.message;
  }
  log.error(
    `Writing credentials failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return vscode.l10n.t('Writing the credentials failed unexpectedly (the log has the details).');
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

async function announceWritten(
  uri: vscode.Uri,
  keys: readonly string[],
  outcome: EnvWriteResult,
  keptInWindow: boolean,
): Promise<void> {
  const open = vscode.l10n.t('Open File');
  const name = vscode.workspace.asRelativePath(uri, false);
  if (outcome.unsaved) {
    // Saving would save the user's unfinished edits too: say what was done, and what keeps the secret.
    const choice = await vscode.window.showWarningMessage(
      keptInWindow
        ? vscode.l10n.t(
            'Wrote {0} into {1}, which is open with unsaved changes: it was not saved. Save it to keep them; until this window closes, "Identity Cloud: Copy Last Created Credentials" also has them.',
            keys.join(', '),
            name,
          )
        : vscode.l10n.t(
            'Wrote {0} into {1}, which is open with unsaved changes: it was not saved. Save it to keep them.',
            keys.join(', '),
            name,
          ),
      open,
    );
    if (choice === open) await vscode.window.showTextDocument(uri);
    return;
  }
  const message = outcome.created
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
    vscode.l10n.t('{0} The credentials are not lost: copy them or choose another file.', problem),
    clipboard,
    other,
  );
  if (choice === clipboard) return { kind: 'clipboard' };
  if (choice === other) return pickOtherFile();
  return undefined;
}

async function remindNotSaved(credentials: ClientCredentials, options: DeliverOptions): Promise<void> {
  options.log.info(
    `Credentials of client ${credentials.clientId} were not saved; they stay available in this window.`,
  );
  const name = clientName(credentials);
  const clipboard = vscode.l10n.t('Copy to Clipboard');
  const choice = await vscode.window.showWarningMessage(
    options.lastCreated?.holds(credentials)
      ? vscode.l10n.t(
          'The credentials of {0} were not saved. Until this window closes, "Identity Cloud: Copy Last Created Credentials" copies them.',
          name,
        )
      : vscode.l10n.t(
          'The credentials of {0} were not saved. Copy them now, or write them again from the client in the Identity Cloud view.',
          name,
        ),
    clipboard,
  );
  if (choice !== clipboard) return;
  // A reminder stays on screen until dismissed, even after its client was deleted.
  if (options.lastCreated?.wasDeleted(credentials.clientId)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} was deleted since: its credentials no longer work, so nothing was copied.', name),
    );
    return;
  }
  await copyCredentials(credentials);
}

async function resolveTarget(
  destination: DestinationArg | undefined,
  title: string | undefined,
  position?: StepPosition,
  kept = false,
): Promise<Target | undefined> {
  switch (destination) {
    case undefined:
      return pickDestination(title ?? vscode.l10n.t('Where should the credentials go?'), position, kept);
    case 'clipboard':
      return { kind: 'clipboard' };
    case 'env': {
      if (!vscode.workspace.workspaceFolders?.length) return pickOtherFile(); // no folder: ask for a file
      const folder = await pickFolder();
      return folder ? { kind: 'env', uri: vscode.Uri.joinPath(folder.uri, '.env') } : undefined;
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
  readonly destination: DestinationKind | 'keep';
  readonly folder?: vscode.WorkspaceFolder;
}

/** Asks where credentials go; with `kept`, leaving them in secret storage only comes first. */
async function pickDestination(
  title: string,
  position?: StepPosition,
  kept = false,
): Promise<Target | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const items: DestinationItem[] = [
    ...(kept
      ? [
          {
            destination: 'keep' as const,
            label: `$(lock) ${vscode.l10n.t('Secret Storage Only')}`,
            description: vscode.l10n.t('the extension signs in with it; nothing is written'),
          },
        ]
      : []),
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
  const preferred = preferredDestination();
  const chosen = await pickOne(items, {
    title,
    ...position,
    back: false,
    placeholder: vscode.l10n.t('Pick a destination for the client ID and secret'),
    activeIndex: kept
      ? 0
      : Math.max(
          0,
          items.findIndex((i) => i.destination === preferred),
        ),
  });
  if (!chosen || chosen === BACK || chosen.destination === 'keep') return undefined;
  if (chosen.destination !== preferred) await rememberDestination(chosen.destination);
  if (chosen.destination === 'clipboard') return { kind: 'clipboard' };
  if (chosen.destination === 'env' && chosen.folder)
    return { kind: 'env', uri: vscode.Uri.joinPath(chosen.folder.uri, '.env') };
  return pickOtherFile();
}

async function pickOtherFile(): Promise<Target | undefined> {
  const found = await vscode.workspace.findFiles(ENV_FILES_GLOB, ENV_FILES_EXCLUDE, 100);
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
