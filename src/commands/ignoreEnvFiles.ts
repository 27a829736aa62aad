import vscode = require('vscode');
import { addToGitIgnore, gitView, writeEnvGitIgnore } from '../credentials/gitIgnore';
import { ENV_FILES_EXCLUDE, ENV_FILES_GLOB, isTemplatePath } from '../env/envFiles';
import type { CommandContext } from './context';

/**
 * Identity Cloud: Keep Env Files Out of Git — finds the workspace's env files that git would
 * commit (templates such as .env.example aside) and offers to add them to .gitignore.
 */
export async function ignoreEnvFiles(ctx: CommandContext): Promise<void> {
  const found = await vscode.workspace.findFiles(ENV_FILES_GLOB, ENV_FILES_EXCLUDE, 1000);
  // Templates (.env.example) are meant to be committed: they hold key names, not values.
  const candidates = found.filter((uri) => !isTemplatePath(uri.path));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('This workspace has no env files yet. Credentials the extension writes go to .env.'),
    );
    return;
  }
  const view = await gitView(candidates, ctx.log);
  if (!view) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Could not ask git which env files it would commit: the Git extension is turned off or failed. Check that git is installed and "git.enabled" is on.',
      ),
    );
    return;
  }
  const files = view.committable;
  if (files.length === 0) {
    if (view.outsideRepositories.length > 0) return offerGitIgnore(view.outsideRepositories, ctx);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Git ignores every env file in this workspace: their secrets stay out of commits.'),
    );
    return;
  }
  const names = files.map((f) => vscode.workspace.asRelativePath(f.uri, true)).join(', ');
  const add = vscode.l10n.t('Add to .gitignore');
  const choice = await vscode.window.showWarningMessage(
    files.length === 1
      ? vscode.l10n.t('Git would commit this env file: {0}.', names)
      : vscode.l10n.t('Git would commit these {0} env files: {1}.', files.length, names),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Files holding client secrets belong in .gitignore. Templates such as .env.example are left as they are.',
      ),
    },
    add,
  );
  if (choice !== add) return;
  await addToGitIgnore(files, ctx.log);
}

/**
 * Env files in no git repository: nothing to ignore them from yet, but a first `git init` and
 * `git add .` would take them along. Offers a .gitignore in each of their workspace folders.
 */
async function offerGitIgnore(files: readonly vscode.Uri[], ctx: CommandContext): Promise<void> {
  const folders = [
    ...new Map(
      files.flatMap((uri) => {
        const folder = vscode.workspace.getWorkspaceFolder(uri);
        return folder ? [[folder.uri.toString(), folder] as const] : [];
      }),
    ).values(),
  ];
  const names = files.map((uri) => vscode.workspace.asRelativePath(uri, true)).join(', ');
  const write = vscode.l10n.t('Write .gitignore');
  const choice = await vscode.window.showWarningMessage(
    files.length === 1
      ? vscode.l10n.t(
          'There is no git repository here yet, so nothing keeps this env file out of a first commit: {0}.',
          names,
        )
      : vscode.l10n.t(
          'There is no git repository here yet, so nothing keeps these {0} env files out of a first commit: {1}.',
          files.length,
          names,
        ),
    {
      modal: true,
      detail: vscode.l10n.t(
        'A .gitignore at the top of the workspace folder that ignores env files (templates such as .env.example aside) keeps their secrets out once the folder becomes a repository.',
      ),
    },
    write,
  );
  if (choice !== write || folders.length === 0) return;
  const written: string[] = [];
  for (const folder of folders) {
    const added = await writeEnvGitIgnore(folder.uri);
    ctx.log.info(`Added to ${folder.name}/.gitignore: ${added.join(' ')}`);
    written.push(vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder.uri, '.gitignore'), true));
  }
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Wrote {0}: git will ignore env files once there is a repository.', written.join(', ')),
  );
}
