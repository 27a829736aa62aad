import * as vscode from 'vscode';
import { copyCredentials, deliverCredentials, type DestinationArg } from '../credentials/deliverCredentials';
import type { ClientTarget } from './context';
import { stringArg, targetClient, type CommandArgument, type CommandContext } from './context';

function credentialsOf(target: ClientTarget) {
  return {
    applicationName: target.app.name,
    domain: target.app.domain,
    clientId: target.client.clientId,
    clientSecret: target.client.clientSecret,
  };
}

/** Identity Cloud: Copy Client ID. */
export async function copyClientId(ctx: CommandContext, arg: CommandArgument): Promise<void> {
  const target = await targetClient(ctx, arg, vscode.l10n.t('Copy Client ID'));
  if (!target) return;
  await vscode.env.clipboard.writeText(target.client.clientId);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied client ID {0}.', target.client.clientId));
}

/** Identity Cloud: Copy Credentials — KEY=value lines for the client ID, secret and Capture domain. */
export async function copyClientCredentials(ctx: CommandContext, arg: CommandArgument): Promise<void> {
  const target = await targetClient(ctx, arg, vscode.l10n.t('Copy Credentials'));
  if (target) await copyCredentials(credentialsOf(target));
}

/** Identity Cloud: Write Credentials to .env… — the same writer and safeguards as Create. Argument `destination` as for Create. */
export async function writeCredentialsToEnv(ctx: CommandContext, arg: CommandArgument): Promise<void> {
  const target = await targetClient(ctx, arg, vscode.l10n.t('Write Credentials to .env'));
  if (!target) return;
  const destination = (stringArg(arg, 'destination') as DestinationArg | undefined) ?? 'env';
  await deliverCredentials(credentialsOf(target), { destination, log: ctx.log });
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
