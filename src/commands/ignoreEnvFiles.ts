import * as vscode from 'vscode';
import { addToGitIgnore, committableFiles } from '../credentials/gitIgnore';
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
  const files = await committableFiles(candidates, ctx.log);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(
      candidates.length === 0
        ? vscode.l10n.t('This workspace has no env files yet. Credentials the extension writes go to .env.')
        : vscode.l10n.t('Git ignores every env file in this workspace: their secrets stay out of commits.'),
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
  const added = await addToGitIgnore(files);
  ctx.log.info(`Added to .gitignore: ${added.join(', ')}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to .gitignore.', added.join(', ')));
}
