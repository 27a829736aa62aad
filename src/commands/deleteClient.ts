import vscode = require('vscode');
import { clientName } from '../common/clientName';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';
import { confirmProtected } from '../ui/clientPrompts';
import { UserFacingError } from '../common/userFacingError';
import { withApiProgress } from '../ui/progress';
import { ownerClient, progressPlace, targetClient, type CommandContext } from './context';

/** Identity Cloud: Delete Client… — after a modal confirmation naming the client. Argument `{ application, clientId }`. */
export async function deleteClient(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.deleteClient>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Delete Client'));
  if (!target) return;
  const { app, client: victim } = target;
  if (target.own) {
    throw new UserFacingError(
      vscode.l10n.t(
        'The extension signs in to {0} as this owner client, so it cannot delete it. Use the Identity Cloud Console.',
        app.name,
      ),
    );
  }
  const remove = vscode.l10n.t('Delete');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'Delete the API client "{0}" ({1}) from {2}?',
      victim.description || vscode.l10n.t('(no description)'),
      victim.clientId,
      app.name,
    ),
    {
      modal: true,
      detail: vscode.l10n.t('Services using its credentials stop working at once. This cannot be undone.'),
    },
    remove,
  );
  if (choice !== remove) return;
  if (!(await confirmProtected(app, vscode.l10n.t('Delete Client')))) return;
  const api = await ownerClient(ctx, app);
  if (!api) return;
  await withApiProgress(progressPlace(inv), vscode.l10n.t('Deleting {0}…', clientName(victim)), (signal) =>
    api.delete(victim.clientId, { signal }),
  );
  ctx.log.info(`Deleted API client ${victim.clientId} from ${app.name}`);
  ctx.lastCreated.markDeleted(victim.clientId);
  ctx.tree.refresh(app);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Deleted {0} ({1}) from {2}.', clientName(victim), victim.clientId, app.name),
  );
}
