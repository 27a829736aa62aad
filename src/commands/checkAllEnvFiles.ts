import vscode = require('vscode');
import type { CommandContext } from './context';

/**
 * Identity Cloud: Check All Env Files — every env file of the workspace checked, and from then on
 * (until the window reloads) a closed file keeps its problems, as with `identityCloud.checkWorkspaceEnvFiles`.
 */
export async function checkAllEnvFiles(ctx: CommandContext): Promise<void> {
  const { checked, withProblems } = await ctx.envFiles.checkAll();
  void vscode.window.showInformationMessage(
    checked === 0
      ? vscode.l10n.t('This workspace has no env files to check.')
      : vscode.l10n.t(
          'Checked {0} env files: {1} have Identity Cloud problems (see the Problems view).',
          checked,
          withProblems,
        ),
  );
}
