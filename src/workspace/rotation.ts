import * as vscode from 'vscode';
import type { ClientCredentials } from '../credentials/clientCredentials';
import { envKeyNames } from '../settings';
import { findEnvCredentials } from '../env/envCredentials';
import { formatEnvValue } from '../env/envFile';

/** Env files in the workspace folders; nothing outside them is ever searched or changed. */
const ENV_FILES = '{**/.env,**/.env.*}';
const EXCLUDED = '{**/node_modules/**,**/.git/**}';

/**
 * After a secret was reset: every env file in every workspace folder that holds the client's ID
 * with another secret, updated in one WorkspaceEdit whose entries need confirmation, so VS Code's
 * refactor preview shows each file before it changes. Returns the files changed.
 */
export async function updateCopiesAfterReset(
  credentials: ClientCredentials,
  log: vscode.LogOutputChannel,
): Promise<vscode.Uri[]> {
  try {
    return await updateCopies(credentials, log);
  } catch (error) {
    // The reset is done and its secret delivered: a copy that could not be updated must not undo that.
    log.warn(
      `Updating other copies of the secret failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return [];
  }
}

async function updateCopies(
  credentials: ClientCredentials,
  log: vscode.LogOutputChannel,
): Promise<vscode.Uri[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const { clientId, clientSecret } = credentials;
  if (formatEnvValue(clientSecret) !== clientSecret) {
    log.info('The new secret needs quoting in an env file: copies were left for the user to update.');
    return [];
  }
  const edit = new vscode.WorkspaceEdit();
  const files: vscode.Uri[] = [];
  const label = vscode.l10n.t('New secret of client {0}', clientId);
  for (const uri of await vscode.workspace.findFiles(ENV_FILES, EXCLUDED)) {
    if (!vscode.workspace.getWorkspaceFolder(uri)) continue;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const copies = findEnvCredentials(text, envKeyNames(uri)).sets.filter(
      (s) => s.id.value === clientId && s.secret && s.secret.value && s.secret.value !== clientSecret,
    );
    for (const copy of copies) {
      const { start, end } = copy.secret!;
      edit.replace(uri, new vscode.Range(positionAt(text, start), positionAt(text, end)), clientSecret, {
        needsConfirmation: true,
        label,
        description: vscode.workspace.asRelativePath(uri, true),
      });
    }
    if (copies.length > 0) files.push(uri);
  }
  if (files.length === 0) return [];
  const review = vscode.l10n.t('Review and Update…');
  const choice = await vscode.window.showInformationMessage(
    files.length === 1
      ? vscode.l10n.t('1 more env file in the workspace holds client {0} with its old secret.', clientId)
      : vscode.l10n.t(
          '{0} more env files in the workspace hold client {1} with its old secret.',
          files.length,
          clientId,
        ),
    review,
  );
  if (choice !== review) return [];
  const dirtyBefore = new Set(
    vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()),
  );
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) return [];
  const changed: vscode.Uri[] = [];
  for (const uri of files) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!document || document.getText().indexOf(clientSecret) < 0) continue; // left out in the preview
    // Files the user had not been editing are saved; their own unsaved edits stay for them to save.
    if (!dirtyBefore.has(uri.toString())) await document.save();
    changed.push(uri);
  }
  log.info(
    `Updated the secret of ${clientId} in ${changed.map((u) => vscode.workspace.asRelativePath(u, true)).join(', ')}`,
  );
  return changed;
}

/** The position of `offset` in `text`, with VS Code's line breaks (`\r\n`, `\n`, `\r`). */
function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return new vscode.Position(line, offset - lineStart);
}
