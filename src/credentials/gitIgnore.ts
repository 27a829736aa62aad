import * as vscode from 'vscode';

// The few parts of the built-in git extension's API (vscode.git, API version 1) used here.
interface GitRepository {
  readonly rootUri: vscode.Uri;
  checkIgnore(paths: string[]): Promise<Set<string>>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  getAPI(version: 1): GitApi;
}

/**
 * When `uri` is inside a git repository and not ignored, warns that the secret could be committed
 * and offers to add the file to the repository's .gitignore.
 */
export async function warnIfNotGitIgnored(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  if (uri.scheme !== 'file') return;
  let repository: GitRepository | null;
  try {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return;
    const exports = extension.isActive ? extension.exports : await extension.activate();
    repository = exports.getAPI(1).getRepository(uri);
    if (!repository) return;
    const ignored = await repository.checkIgnore([uri.fsPath]);
    if (ignored.size > 0) return;
  } catch (error) {
    log.debug(`git ignore check skipped: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const relative = vscode.workspace.asRelativePath(uri, false);
  const add = vscode.l10n.t('Add to .gitignore');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} holds a client secret and is not ignored by git: it could be committed.', relative),
    add,
  );
  if (choice !== add) return;
  const gitignore = vscode.Uri.joinPath(repository.rootUri, '.gitignore');
  const entry =
    '/' +
    uri.fsPath
      .slice(repository.rootUri.fsPath.length)
      .replace(/^[\\/]+/, '')
      .replace(/\\/g, '/');
  const text = await vscode.workspace.fs.readFile(gitignore).then(
    (bytes) => new TextDecoder().decode(bytes),
    () => '',
  );
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text.length === 0 || text.endsWith('\n') ? '' : eol;
  await vscode.workspace.fs.writeFile(
    gitignore,
    new TextEncoder().encode(`${text}${separator}${entry}${eol}`),
  );
  void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to .gitignore.', entry));
}
