import vscode = require('vscode');
import type { ClientCredentials } from '../credentials/clientCredentials';
import { changeEnvFile, currentEnvTexts, READ_AT_ONCE, type EnvText } from '../credentials/envFileWriter';
import { envKeyNames } from '../settings';
import { planSecretUpdate } from '../env/secretCopies';
import { BACK, pickMany } from '../ui/quickInput';
import { ENV_FILES_EXCLUDE, ENV_FILES_GLOB } from '../env/envFiles';

/** A file that holds (or may hold) the old secret and was not changed, with the reason in words. */
interface LeftAlone {
  readonly uri: vscode.Uri;
  readonly reason: string;
}

/** The files holding a copy, the secret values each held then, and the files left alone already. */
interface Found {
  readonly copies: vscode.Uri[];
  readonly seen: ReadonlyMap<string, ReadonlySet<string>>;
  readonly leftAlone: LeftAlone[];
}

/** What updating the copies did; every file is in one of the three lists. */
interface CopiesUpdate {
  /** Changed and saved. */
  readonly updated: vscode.Uri[];
  /** Changed in an editor that had unsaved edits of the user's: not saved (see changeEnvFile). */
  readonly unsaved: vscode.Uri[];
  readonly leftAlone: LeftAlone[];
}

/**
 * After a secret was reset: finds every env file in the workspace folders (`.env`, `.env.*`,
 * `*.env`) that holds the client's ID with another secret and offers to update them. Resolves
 * once the offer is shown: it is a notification, and nothing waits for its answer. Its buttons
 * work whenever they are clicked: *Update All*, or *Review and Update…* (tick the files to
 * change). Either way the change is computed again from each file's text at that moment and only
 * a value that still holds the old secret is replaced; the end says what changed and names every
 * file left alone, with the reason.
 */
export async function offerToUpdateCopies(
  credentials: ClientCredentials,
  log: vscode.LogOutputChannel,
): Promise<void> {
  try {
    const found = await findCopies(credentials, log);
    offer(credentials, found, log);
  } catch (error) {
    // The reset is done and its secret delivered: a search that failed must not undo that.
    log.warn(`Looking for other copies of the secret failed: ${errorText(error)}`);
  }
}

async function findCopies(
  { clientId, clientSecret }: ClientCredentials,
  log: vscode.LogOutputChannel,
): Promise<Found> {
  const copies: vscode.Uri[] = [];
  const seen = new Map<string, Set<string>>();
  const leftAlone: LeftAlone[] = [];
  if (!vscode.workspace.workspaceFolders?.length) return { copies, leftAlone, seen };
  // findFiles searches the workspace folders only: nothing outside them is searched or changed.
  const found = await vscode.workspace.findFiles(ENV_FILES_GLOB, ENV_FILES_EXCLUDE);
  found.sort((a, b) => a.path.localeCompare(b.path));
  const look = (file: EnvText) => {
    const { uri } = file;
    if (file.text === undefined) {
      // One file that cannot be read does not stop the others; it may hold a copy, so it is named.
      const reason = errorText(file.error);
      log.warn(`Reading ${uri.toString(true)} for copies of ${clientId} failed: ${reason}`);
      leftAlone.push({ uri, reason: vscode.l10n.t('it could not be read ({0})', reason) });
      return;
    }
    const plan = planSecretUpdate(file.text, envKeyNames(uri), clientId, clientSecret);
    if (plan.kind === 'update') {
      copies.push(uri);
      seen.set(uri.toString(), new Set(plan.oldValues));
    }
    if (plan.kind === 'cannotWrite') {
      log.warn(`The new secret of ${clientId} cannot be written to ${uri.toString(true)}: ${plan.reason}`);
      leftAlone.push({ uri, reason: cannotWrite(plan.keys) });
    }
  };
  // A batch read, then looked at: the extension host gets a turn between batches.
  for (let i = 0; i < found.length; i += READ_AT_ONCE)
    for (const file of await currentEnvTexts(found.slice(i, i + READ_AT_ONCE))) look(file);
  return { copies, leftAlone, seen };
}

function offer(credentials: ClientCredentials, found: Found, log: vscode.LogOutputChannel): void {
  const { clientId } = credentials;
  const { copies, leftAlone, seen } = found;
  if (copies.length === 0) {
    if (leftAlone.length > 0) report(credentials, { updated: [], unsaved: [], leftAlone }, log);
    return;
  }
  const names = copies.map(relative).join(', ');
  const text =
    copies.length === 1
      ? vscode.l10n.t(
          'An env file in the workspace holds client {0} with its old secret: {1}.',
          clientId,
          names,
        )
      : vscode.l10n.t(
          '{0} env files in the workspace hold client {1} with its old secret: {2}.',
          copies.length,
          clientId,
          names,
        );
  const review = vscode.l10n.t('Review and Update…');
  const all = vscode.l10n.t('Update All');
  log.info(`Env files holding ${clientId} with its old secret: ${names}`);
  Promise.resolve(
    vscode.window.showInformationMessage(
      leftAlone.length > 0 ? `${text} ${leftAloneText(leftAlone)}` : text,
      review,
      all,
    ),
  )
    .then(async (choice) => {
      if (choice !== review && choice !== all) return;
      let chosen = copies;
      const skipped = [...leftAlone];
      if (choice === review) {
        const picked = await reviewCopies(credentials, copies);
        if (picked === undefined) return;
        chosen = picked;
        for (const uri of copies)
          if (!picked.includes(uri)) skipped.push({ uri, reason: vscode.l10n.t('you left it out') });
      }
      const outcome = await updateCopies(credentials, chosen, seen, log);
      report(credentials, { ...outcome, leftAlone: [...skipped, ...outcome.leftAlone] }, log);
    })
    .catch((error: unknown) => log.error(`Updating the copies of the secret failed: ${errorText(error)}`));
}

/**
 * *Review and Update…*: every file, ticked, to untick the ones to leave as they are. (VS Code's
 * refactor preview, which a WorkspaceEdit with entries needing confirmation opens, answers "not
 * applied" at once in web and remote windows such as code-server: see the README.)
 */
async function reviewCopies(
  { clientId }: ClientCredentials,
  copies: readonly vscode.Uri[],
): Promise<vscode.Uri[] | undefined> {
  const items = copies.map((uri) => ({ label: relative(uri), picked: true, uri }));
  const picked = await pickMany(items, {
    title: vscode.l10n.t('Update the Secret of Client {0}', clientId),
    placeholder: vscode.l10n.t(
      'The ticked env files get the new secret (only its value changes); untick the ones to leave as they are',
    ),
  });
  if (picked === undefined || picked === BACK) return undefined;
  return picked.map((item) => item.uri);
}

/**
 * Updates each file the one way env files are changed (changeEnvFile): from its text as it is
 * now, replacing only a value that still holds the secret seen when the update was offered. A file that fails is named with the
 * reason; the others go on.
 */
async function updateCopies(
  { clientId, clientSecret }: ClientCredentials,
  files: readonly vscode.Uri[],
  seen: ReadonlyMap<string, ReadonlySet<string>>,
  log: vscode.LogOutputChannel,
): Promise<CopiesUpdate> {
  const outcome: CopiesUpdate = { updated: [], unsaved: [], leftAlone: [] };
  for (const uri of files) {
    let gone = false;
    let unwritable: readonly string[] | undefined;
    try {
      const written = await changeEnvFile(uri, (text) => {
        const plan = planSecretUpdate(
          text,
          envKeyNames(uri),
          clientId,
          clientSecret,
          seen.get(uri.toString()),
        );
        gone = plan.kind === 'none';
        if (plan.kind === 'cannotWrite') unwritable = plan.keys;
        return plan.kind === 'update' ? plan.change : undefined;
      });
      if (unwritable) outcome.leftAlone.push({ uri, reason: cannotWrite(unwritable) });
      else if (gone)
        outcome.leftAlone.push({ uri, reason: vscode.l10n.t('it no longer holds the old secret') });
      else (written.unsaved ? outcome.unsaved : outcome.updated).push(uri);
    } catch (error) {
      log.warn(`Updating the secret of ${clientId} in ${uri.toString(true)} failed: ${errorText(error)}`);
      outcome.leftAlone.push({ uri, reason: errorText(error) });
    }
  }
  return outcome;
}

/** The end of an update: what changed, and every file left alone with the reason; also in the log. */
function report(
  { clientId }: ClientCredentials,
  { updated, unsaved, leftAlone }: CopiesUpdate,
  log: vscode.LogOutputChannel,
): void {
  const parts: string[] = [];
  if (updated.length > 0)
    parts.push(
      updated.length === 1
        ? vscode.l10n.t(
            'Updated the secret of client {0} in 1 env file: {1}.',
            clientId,
            updated.map(relative).join(', '),
          )
        : vscode.l10n.t(
            'Updated the secret of client {0} in {1} env files: {2}.',
            clientId,
            updated.length,
            updated.map(relative).join(', '),
          ),
    );
  if (unsaved.length > 0)
    parts.push(
      vscode.l10n.t(
        'Wrote the new secret into {0}, open with unsaved changes of yours: not saved, save to keep it.',
        unsaved.map(relative).join(', '),
      ),
    );
  if (updated.length === 0 && unsaved.length === 0)
    parts.push(vscode.l10n.t('The secret of client {0} was not updated in any env file.', clientId));
  if (leftAlone.length > 0) parts.push(leftAloneText(leftAlone));
  const message = parts.join(' ');
  log.info(
    `Copies of ${clientId}: updated [${updated.map(relative).join(', ')}], unsaved [${unsaved.map(relative).join(', ')}], left alone [${leftAlone.map((l) => `${relative(l.uri)}: ${l.reason}`).join('; ')}]`,
  );
  if (leftAlone.length > 0 || unsaved.length > 0) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
}

function leftAloneText(leftAlone: readonly LeftAlone[]): string {
  return vscode.l10n.t(
    'Left alone, update by hand: {0}.',
    leftAlone.map((l) => vscode.l10n.t('{0} ({1})', relative(l.uri), l.reason)).join('; '),
  );
}

function cannotWrite(keys: readonly string[]): string {
  return vscode.l10n.t(
    'the new secret cannot be written to {0} there without changing how dotenv reads the file',
    keys.join(', '),
  );
}

function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
