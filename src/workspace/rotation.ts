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
  const replacements: Array<{ uri: vscode.Uri; range: vscode.Range }> = [];
  const files: vscode.Uri[] = [];
  const label = vscode.l10n.t('New secret of client {0}', clientId);
  for (const uri of await vscode.workspace.findFiles(ENV_FILES, EXCLUDED)) {
    if (!vscode.workspace.getWorkspaceFolder(uri)) continue;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (copiesIn(text, uri, credentials).length === 0) continue;
    // Edit the document, not the file: the preview then checks its version instead of taking a
    // late file-watcher event for a conflict, and unsaved changes in an open one are kept.
    const document = open ?? (await vscode.workspace.openTextDocument(uri));
    for (const copy of copiesIn(document.getText(), uri, credentials)) {
      const { start, end } = copy.secret!;
      replacements.push({
        uri,
        range: new vscode.Range(document.positionAt(start), document.positionAt(end)),
      });
    }
    files.push(uri);
  }
  if (files.length === 0) return [];
  const review = vscode.l10n.t('Review and Update…');
  const all = vscode.l10n.t('Update All');
  const choice = await vscode.window.showInformationMessage(
    files.length === 1
      ? vscode.l10n.t('1 more env file in the workspace holds client {0} with its old secret.', clientId)
      : vscode.l10n.t(
          '{0} more env files in the workspace hold client {1} with its old secret.',
          files.length,
          clientId,
        ),
    review,
    all,
  );
  if (choice !== review && choice !== all) return [];
  // One edit for every file. Review: each entry needs confirmation, so VS Code shows its
  // refactor preview and the user applies or leaves out each file.
  const edit = new vscode.WorkspaceEdit();
  for (const { uri, range } of replacements) {
    edit.replace(uri, range, clientSecret, {
      needsConfirmation: choice === review,
      label,
      description: vscode.workspace.asRelativePath(uri, true),
    });
  }
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

/** The credential sets of `text` that hold the client's ID with another secret. */
function copiesIn(text: string, uri: vscode.Uri, { clientId, clientSecret }: ClientCredentials) {
  return findEnvCredentials(text, envKeyNames(uri)).sets.filter(
    (s) => s.id.value === clientId && s.secret && s.secret.value && s.secret.value !== clientSecret,
  );
}
