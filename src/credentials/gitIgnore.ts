import vscode = require('vscode');
import { UserFacingError } from '../common/userFacingError';
import { ENV_GITIGNORE_LINES, missingLines } from '../env/envFiles';

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

/** A file git would commit: inside a repository and not ignored. */
export interface Committable {
  readonly uri: vscode.Uri;
  readonly repository: GitRepository;
}

/** How git sees some files: those it would commit, and those in no repository at all. */
export interface GitView {
  readonly committable: readonly Committable[];
  /** Files in no git repository: nothing keeps them out of a first commit. */
  readonly outsideRepositories: readonly vscode.Uri[];
}

/**
 * How git sees the files of `uris` (only files on disk count), or undefined when the git
 * extension is off or fails: callers only warn, they never block.
 */
export async function gitView(
  uris: readonly vscode.Uri[],
  log: vscode.LogOutputChannel,
): Promise<GitView | undefined> {
  const files = uris.filter((uri) => uri.scheme === 'file');
  if (files.length === 0) return { committable: [], outsideRepositories: [] };
  try {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return undefined;
    const git = (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
    // One `git check-ignore --stdin` per repository for all its files, not one process per file.
    const byRepository = new Map<GitRepository, vscode.Uri[]>();
    const outsideRepositories: vscode.Uri[] = [];
    for (const uri of files) {
      const repository = git.getRepository(uri);
      if (repository) byRepository.set(repository, [...(byRepository.get(repository) ?? []), uri]);
      else outsideRepositories.push(uri);
    }
    const committable: Committable[] = [];
    for (const [repository, uris] of byRepository) {
      const ignored = await repository.checkIgnore(uris.map((uri) => uri.fsPath));
      for (const uri of uris) if (!ignored.has(uri.fsPath)) committable.push({ uri, repository });
    }
    return { committable, outsideRepositories };
  } catch (error) {
    log.debug(`git ignore check skipped: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/**
 * The files of `uris` that git would commit (in a repository, not ignored). Files outside any
 * repository, and every file when the git extension is off or fails, are left out: this only
 * warns, it never blocks.
 */
export async function committableFiles(
  uris: readonly vscode.Uri[],
  log: vscode.LogOutputChannel,
): Promise<Committable[]> {
  return [...((await gitView(uris, log))?.committable ?? [])];
}

/**
 * Appends each file, as a path from its repository's root, to that repository's .gitignore: one
 * read and one write per repository, however many of its files there are. Says what it added (the
 * .gitignore may be one the user does not have open), and returns it.
 */
export async function addToGitIgnore(
  files: readonly Committable[],
  log: vscode.LogOutputChannel,
): Promise<string[]> {
  const byRoot = new Map<string, { root: vscode.Uri; entries: string[] }>();
  for (const { uri, repository } of files) {
    const root = repository.rootUri;
    const entry =
      '/' +
      uri.fsPath
        .slice(root.fsPath.length)
        .replace(/^[\\/]+/, '')
        .replace(/\\/g, '/');
    const group = byRoot.get(root.toString()) ?? { root, entries: [] };
    group.entries.push(entry);
    byRoot.set(root.toString(), group);
  }
  const added: string[] = [];
  for (const { root, entries } of byRoot.values()) {
    added.push(...(await appendToGitIgnore(root, () => entries)));
  }
  if (added.length > 0) {
    log.info(`Added to .gitignore: ${added.join(', ')}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to .gitignore.', added.join(', ')));
  }
  return added;
}

/**
 * Appends to `folder`'s .gitignore (made when missing) the lines `wanted` picks from its text, in
 * the file's line ends. Returns the lines added. A .gitignore open with unsaved edits is left
 * alone (writing the file would conflict with them, and git reads only what is saved), and one
 * that cannot be read is never replaced.
 */
async function appendToGitIgnore(
  folder: vscode.Uri,
  wanted: (text: string) => readonly string[],
): Promise<string[]> {
  const gitignore = vscode.Uri.joinPath(folder, '.gitignore');
  const name = vscode.workspace.asRelativePath(gitignore, false);
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === gitignore.toString() && d.isDirty)) {
    throw new UserFacingError(
      vscode.l10n.t('{0} has unsaved changes: save or revert them, then try again.', name),
    );
  }
  const text = await vscode.workspace.fs.readFile(gitignore).then(
    (bytes) => new TextDecoder().decode(bytes),
    (error: unknown) => {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return '';
      throw new UserFacingError(
        vscode.l10n.t(
          '{0} could not be read: {1}',
          name,
          error instanceof Error ? error.message : String(error),
        ),
      );
    },
  );
  const lines = [...wanted(text)];
  if (lines.length === 0) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text.length === 0 || text.endsWith('\n') ? '' : eol;
  await vscode.workspace.fs.writeFile(
    gitignore,
    new TextEncoder().encode(`${text}${separator}${lines.join(eol)}${eol}`),
  );
  return lines;
}

/**
 * When `uri` is inside a git repository and not ignored, warns that the secret could be committed
 * and offers to add the file to the repository's .gitignore. Resolves once the warning is shown
 * (and logged, where it lasts; the file's secret also gets its Problem): the button works whenever
 * it is clicked, and nothing waits for that.
 */
export async function warnIfNotGitIgnored(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  const files = await committableFiles([uri], log);
  if (files.length === 0) return;
  const relative = vscode.workspace.asRelativePath(uri, false);
  log.warn(`${relative} holds a client secret and is not ignored by git: it could be committed.`);
  const add = vscode.l10n.t('Add to .gitignore');
  const answered = vscode.window.showWarningMessage(
    vscode.l10n.t('{0} holds a client secret and is not ignored by git: it could be committed.', relative),
    add,
  );
  Promise.resolve(answered)
    .then(async (choice) => {
      if (choice === add) await addToGitIgnore(files, log);
    })
    .catch((error: unknown) => {
      log.warn(`Adding ${relative} to .gitignore failed: ${String(error)}`);
      // Clicked long after the write: the one place left to say it.
      void vscode.window.showErrorMessage(
        error instanceof UserFacingError
          ? error.message
          : vscode.l10n.t('Adding {0} to .gitignore failed. The log has the details.', relative),
      );
    });
}

/**
 * For a folder that is not a git repository yet: adds to its .gitignore (made when missing) the
 * lines that ignore every env file but the templates. Returns the lines added.
 */
export async function writeEnvGitIgnore(folder: vscode.Uri): Promise<string[]> {
  return appendToGitIgnore(folder, (text) => missingLines(text, ENV_GITIGNORE_LINES));
}
