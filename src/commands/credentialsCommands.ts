import vscode = require('vscode');
import { clientName } from '../common/clientName';
import { checkDestination, deliverCredentials } from '../credentials/deliverCredentials';
import { copyCredentials } from '../credentials/clipboard';
import type { ClientTarget } from './context';
import { targetClient, type CommandContext } from './context';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';

function credentialsOf(target: ClientTarget) {
  return {
    domain: target.app.domain,
    clientId: target.client.clientId,
    clientSecret: target.client.clientSecret,
    description: target.client.description,
  };
}

/** Identity Cloud: Copy Client ID. */
export async function copyClientId(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.copyClientId>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Copy Client ID'));
  if (!target) return;
  await vscode.env.clipboard.writeText(target.client.clientId);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied the client ID of {0}.', clientName(target.client)),
  );
}

/**
 * An owner client's secret administers the whole application: ask before it leaves secret storage
 * or Capture for the clipboard or a project file.
 */
async function confirmOwnerSecret(target: ClientTarget, to: 'clipboard' | 'file'): Promise<boolean> {
  if (!target.client.features.includes('owner')) return true;
  const name = clientName(target.client);
  const [question, go] =
    to === 'clipboard'
      ? [
          vscode.l10n.t('{0} is an owner client. Copy its secret to the clipboard?', name),
          vscode.l10n.t('Copy Owner Secret'),
        ]
      : [
          vscode.l10n.t('{0} is an owner client. Write its secret to an env file?', name),
          vscode.l10n.t('Write Owner Secret'),
        ];
  const choice = await vscode.window.showWarningMessage(
    question,
    {
      modal: true,
      detail: vscode.l10n.t(
        'Its secret gives complete administrative access to {0}: anyone who reads it can create, change and delete API clients.',
        target.app.name,
      ),
    },
    go,
  );
  return choice === go;
}

/** Identity Cloud: Copy Credentials — KEY=value lines for the client ID, secret and Capture domain. */
export async function copyClientCredentials(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.copyCredentials>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Copy Credentials'));
  if (target && (await confirmOwnerSecret(target, 'clipboard'))) await copyCredentials(credentialsOf(target));
}

/** Identity Cloud: Write Credentials to .env… — the same writer and safeguards as Create. Argument `destination` as for Create. */
export async function writeCredentialsToEnv(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.writeCredentialsToEnv>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Write Credentials to .env'));
  if (!target) return;
  const destination = inv.args.destination ?? 'env';
  checkDestination(destination);
  if (!(await confirmOwnerSecret(target, destination === 'clipboard' ? 'clipboard' : 'file'))) return;
  await deliverCredentials(credentialsOf(target), {
    destination,
    title: vscode.l10n.t('Where should the credentials of {0} go?', clientName(target.client)),
    log: ctx.log,
    lastCreated: ctx.lastCreated,
  });
}

/** Identity Cloud: Copy Last Created Credentials — what Create made last in this window. */
export async function copyLastCreatedCredentials(ctx: CommandContext): Promise<void> {
  const last = ctx.lastCreated.get();
  if (!last) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No API client has been created in this window yet.'),
    );
    return;
  }
  await copyCredentials(last);
}
