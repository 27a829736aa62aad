import vscode = require('vscode');
import { secretStorageCall } from '../applications/secretStorage';
import { addApplication } from './addApplication';
import { resolveApplication } from '../ui/applicationPick';
import { targetApplication, type CommandContext } from './context';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';

/** Identity Cloud: Set Owner Credentials… — the owner client ID and secret of an application, checked before saving. */
export async function setOwnerCredentials(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.setOwnerCredentials>,
): Promise<void> {
  const app = await targetApplication(ctx, inv, vscode.l10n.t('Set Owner Credentials'));
  if (!app) return;
  await addApplication(ctx, { args: {} }, app);
}

/** Identity Cloud: Remove Application… — forgets the application and deletes its owner secret from this machine. */
export async function removeApplication(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.removeApplication>,
): Promise<void> {
  const app = await targetApplication(ctx, inv, vscode.l10n.t('Remove Application'));
  if (!app) return;
  const remove = vscode.l10n.t('Remove');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove the application {0}?', app.name),
    {
      modal: true,
      detail: vscode.l10n.t(
        "Its owner client secret is deleted from this machine's secret storage. Nothing changes in Identity Cloud: its API clients stay as they are.",
      ),
    },
    remove,
  );
  if (choice !== remove) return;
  // The settings entry goes first; a keyring that cannot delete the secret is then said in words.
  await secretStorageCall(() => ctx.store.remove(app), 'delete');
  ctx.tree.refresh(app);
  ctx.log.info(`Removed application ${app.name}`);
}

/** Identity Cloud: Refresh — lists the clients again (of one application when given). */
export async function refresh(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.refresh>,
): Promise<void> {
  const { node } = inv;
  if (node?.kind === 'application' || node?.kind === 'client') return ctx.tree.refresh(node.app);
  const name = inv.args.application;
  // A named application must exist (resolveApplication says which do); none named refreshes all.
  ctx.tree.refresh(name === undefined ? undefined : await resolveApplication(ctx.store, name, ''));
}
