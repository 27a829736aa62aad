import vscode = require('vscode');
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { EnvFileError, upsertEnv, type EnvEntry, type TextChange, type UpsertResult } from '../env/envFile';
import { UserFacingError } from '../common/userFacingError';

export interface EnvWriteResult {
  readonly created: boolean;
  readonly replaced: readonly string[];
  readonly added: readonly string[];
  readonly unchanged: readonly string[];
  /**
   * The file was open with unsaved edits: the values were written into the editor and not saved,
   * since saving would also save someone's unfinished work. The user saves it (or not).
   */
  readonly unsaved: boolean;
}

/** Asked before replacing keys that already hold other values; false keeps the file as it is. */
export type ConfirmReplace = (keys: readonly string[]) => Promise<boolean>;

/**
 * What to change in an env file's text: an {@link UpsertResult} (its `changes` are what is
 * written), or undefined when the text needs no change. Called with the text as it is at the
 * moment of writing, again when it changed in between. May throw {@link EnvFileError}.
 */
export type EnvPlan = (text: string) => UpsertResult | undefined;

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();
const MAX_ATTEMPTS = 3;

/**
 * Upserts `entries` into the env file at `uri`, keeping every other line byte for byte (see
 * {@link changeEnvFile}); `confirmReplace` is asked before values that differ are overwritten.
 */
export async function writeEnvFile(
  uri: vscode.Uri,
  entries: readonly EnvEntry[],
  confirmReplace: ConfirmReplace,
): Promise<EnvWriteResult | 'declined'> {
  let confirmed: readonly string[] = [];
  return changeEnvFile(
    uri,
    (text) => upsertEnv(text, entries),
    async ({ replaced }) => {
      const fresh = replaced.filter((k) => !confirmed.includes(k));
      if (fresh.length === 0) return true;
      if (!(await confirmReplace(replaced))) return false;
      confirmed = replaced;
      return true;
    },
  );
}

/**
 * The one way an env file's values are changed (the .env writer, the quick fixes, the update of
 * every copy after Reset Secret). `plan` computes the change from the text as it is now
 * (src/env/envFile.ts); `approve`, asked when there is something to change, may ask the user.
 *
 * - Open in an editor with unsaved edits: only the changed values (and appended lines) are edited
 *   in the editor, so the cursor, selections, undo history and the user's own edits stay; the
 *   file is not saved, since that would save someone's unfinished work too (`unsaved: true`).
 * - Otherwise on disk, never half-written: a temporary file beside the target renamed over it;
 *   a new file is readable by its owner only.
 *
 * When `approve` was asked, the text is read again just before writing; when it changed while
 * the user was answering, the change is computed again from the new text, so nobody's typing is
 * overwritten. Without `approve` nothing waits between the read and the write: one read is enough.
 */
export async function changeEnvFile(uri: vscode.Uri, plan: EnvPlan): Promise<EnvWriteResult>;
export async function changeEnvFile(
  uri: vscode.Uri,
  plan: EnvPlan,
  approve: (change: UpsertResult) => Promise<boolean>,
): Promise<EnvWriteResult | 'declined'>;
export async function changeEnvFile(
  uri: vscode.Uri,
  plan: EnvPlan,
  approve?: (change: UpsertResult) => Promise<boolean>,
): Promise<EnvWriteResult | 'declined'> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) {
      const before = open.getText();
      const version = open.version;
      const result = planned(uri, before, plan);
      if (!result || result.changes.length === 0) return outcome(result, false, false);
      if (approve && !(await approve(result))) return 'declined';
      if (open.isClosed || open.version !== version || !open.isDirty) continue;
      const edit = documentEdit(open, result.changes);
      // The edit carries the document's version: VS Code refuses it when the user typed since.
      if (await vscode.workspace.applyEdit(edit)) return outcome(result, false, true);
      if (open.version !== version) continue;
      throw new UserFacingError(
        vscode.l10n.t('{0} is open with unsaved changes and could not be updated.', label(uri)),
      );
    }
    const current = await readText(uri);
    const result = planned(uri, current.text, plan);
    if (!result || (current.exists && result.text === current.text)) return outcome(result, false, false);
    if (approve) {
      if (!(await approve(result))) return 'declined';
      // The file may have changed while the user was reading the question: start over if so.
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty))
        continue;
      const again = await readText(uri);
      if (again.exists !== current.exists || again.text !== current.text) continue;
    }
    await writeText(uri, result.text, current.exists);
    return outcome(result, !current.exists, false);
  }
  throw new UserFacingError(
    vscode.l10n.t('{0} kept changing while the credentials were being written. Try again.', label(uri)),
  );
}

/** `changes` of `document`'s text (as {@link upsertEnv} gives them) as an edit of the document. */
export function documentEdit(
  document: vscode.TextDocument,
  changes: readonly TextChange[],
): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of changes) {
    const range = new vscode.Range(document.positionAt(change.start), document.positionAt(change.end));
    edit.replace(document.uri, range, change.insert);
  }
  return edit;
}

function outcome(result: UpsertResult | undefined, created: boolean, unsaved: boolean): EnvWriteResult {
  return {
    created,
    unsaved,
    replaced: result?.replaced ?? [],
    added: result?.added ?? [],
    unchanged: result?.unchanged ?? [],
  };
}

/** The plan, with a file it cannot edit safely (e.g. an unclosed quote) turned into words for the user. */
function planned(uri: vscode.Uri, text: string, plan: EnvPlan): UpsertResult | undefined {
  try {
    return plan(text);
  } catch (error) {
    if (error instanceof EnvFileError) {
      throw new UserFacingError(
        vscode.l10n.t('{0} cannot be updated safely: {1}', label(uri), error.message),
      );
    }
    throw error;
  }
}

function label(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/**
 * An env file's text as it is now: an open document's when it has unsaved edits, else the file's
 * on disk ('' when there is none). A document without unsaved edits can lag behind its file for a
 * moment after the file was written (VS Code reloads it when its watcher reports the change).
 */
export async function currentEnvText(uri: vscode.Uri): Promise<string> {
  return rawCurrentText(uri).catch((error: unknown) => {
    throw fileError(error, uri);
  });
}

/** {@link currentEnvText}, throwing what the file system threw: the caller names the file. */
async function rawCurrentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return open.getText();
  return readFileText(uri).catch((error: unknown) => {
    if (isNotFound(error)) return '';
    throw error;
  });
}

/** How many env files a caller reads at once with {@link currentEnvTexts}. */
export const READ_AT_ONCE = 32;

/** An env file's current text, or why it could not be read. */
export type EnvText = { readonly uri: vscode.Uri } & (
  | { readonly text: string; readonly error?: undefined }
  | { readonly text?: undefined; readonly error: unknown }
);

/**
 * The current text ({@link currentEnvText}) of some env files, read in parallel, in their order.
 * Callers pass at most {@link READ_AT_ONCE} at a time and look at each batch before the next, so
 * that hundreds of files are never open together nor looked at in one turn. A file that cannot be
 * read gets its error instead, to be named; the others go on.
 */
export function currentEnvTexts(uris: readonly vscode.Uri[]): Promise<EnvText[]> {
  return Promise.all(
    uris.map((uri) =>
      rawCurrentText(uri).then(
        (text): EnvText => ({ uri, text }),
        (error: unknown): EnvText => ({ uri, error }),
      ),
    ),
  );
}

/**
 * Reads the file. A `file:` URI is read with Node's fs, as it is written: the extension host runs
 * where those files are (locally, or on the remote in a remote workspace), and
 * workspace.fs costs a round trip to VS Code for each read. Other schemes go through workspace.fs.
 */
async function readText(uri: vscode.Uri): Promise<{ text: string; exists: boolean }> {
  try {
    return { text: await readFileText(uri), exists: true };
  } catch (error) {
    if (isNotFound(error)) return { text: '', exists: false };
    throw fileError(error, uri);
  }
}

/** The file's text; throws what the file system threw. */
async function readFileText(uri: vscode.Uri): Promise<string> {
  const bytes =
    uri.scheme === 'file' ? await fs.readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
  return decoder.decode(bytes);
}

function isNotFound(error: unknown): boolean {
  const code = error instanceof vscode.FileSystemError ? error.code : (error as { code?: unknown }).code;
  return code === 'FileNotFound' || code === 'ENOENT';
}

async function writeText(uri: vscode.Uri, text: string, exists: boolean): Promise<void> {
  const bytes = encoder.encode(text);
  try {
    if (uri.scheme === 'file') {
      await writeFileAtomically(uri.fsPath, bytes, exists);
    } else {
      await vscode.workspace.fs.writeFile(uri, bytes);
    }
  } catch (error) {
    throw fileError(error, uri);
  }
}

/**
 * Writes through a temporary file in the same folder and renames it over the target, so a crash
 * or a full disk leaves either the old file or the new one, never half of it. Keeps the mode of an
 * existing file; a new one gets 0600.
 */
async function writeFileAtomically(target: string, bytes: Uint8Array, exists: boolean): Promise<void> {
  const real = exists ? await fs.realpath(target) : target;
  let mode = 0o600;
  if (exists) {
    const stat = await fs.stat(real);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // A read-only file stays read-only: refuse rather than replace it. Root passes the access
    // check whatever the mode (containers and dev containers often run as root), so a file
    // nobody may write is refused by its mode too.
    await fs.access(real, fs.constants.W_OK);
    if ((stat.mode & 0o222) === 0) throw Object.assign(new Error('read-only'), { code: 'EACCES' });
    mode = stat.mode & 0o7777;
  }
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { mode, flag: 'wx' });
    await fs.chmod(temp, mode);
    await fs.rename(temp, real);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

function fileError(error: unknown, uri: vscode.Uri): UserFacingError {
  const code =
    error instanceof vscode.FileSystemError
      ? error.code
      : ((error as { code?: unknown } | undefined)?.code as string | undefined);
  const name = label(uri);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'NoPermissions':
      return new UserFacingError(vscode.l10n.t('{0} is read-only or you lack permission to write it.', name));
    case 'EISDIR':
    case 'FileIsADirectory':
      return new UserFacingError(vscode.l10n.t('{0} is a folder, not a file.', name));
    case 'ENOSPC':
      return new UserFacingError(vscode.l10n.t('The disk is full: {0} could not be written.', name));
    case 'EROFS':
      return new UserFacingError(vscode.l10n.t('{0} is on a read-only file system.', name));
    case 'ENOENT':
    case 'FileNotFound':
    case 'ENOTDIR':
      return new UserFacingError(vscode.l10n.t('The folder of {0} does not exist.', name));
    default:
      return new UserFacingError(
        vscode.l10n.t(
          '{0} could not be written: {1}',
          name,
          error instanceof Error ? error.message : String(error),
        ),
      );
  }
}
