import vscode = require('vscode');
import type { OwnerCredentials } from '../api/captureClient';
import { isApiFailure } from '../api/errors';
import { SettingsClient } from '../api/settingsClient';
import { classifyProbe, describeCheck } from '../api/settingsRules';
import { describeFlowProblem, findFlowProblem } from '../api/flowCheck';
import type { Application } from '../applications/applicationStore';
import { Commands } from '../ids';
import { showFailure } from '../ui/errors';
import { withApiProgress, type ProgressPlace } from '../ui/progress';
import { progressPlace, targetClient, type CommandContext } from './context';
import type { CommandInvocation } from './arguments';

/** What the check needs to know about the client besides its credentials. */
export interface CheckedClient {
  readonly description: string;
  readonly features: readonly string[];
  readonly whitelist: readonly string[];
}

/** Identity Cloud: Check Credentials — whether a client's own ID and secret work. Argument `{ application, clientId }`. */
export async function checkCredentials(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.checkCredentials>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Check Credentials'));
  if (!target) return;
  const { app, client } = target;
  await runCredentialCheck(
    ctx,
    app,
    { domain: app.domain, clientId: client.clientId, clientSecret: client.clientSecret },
    client,
    progressPlace(inv),
  );
}

/**
 * Calls `settings/items` as the client itself (its own Basic auth, no for_client_id) and says in
 * plain words what the answer means. The answer (which may hold settings) is never logged.
 */
export async function runCredentialCheck(
  ctx: CommandContext,
  app: Application,
  credentials: OwnerCredentials,
  client: CheckedClient,
  place: ProgressPlace,
): Promise<void> {
  const name = client.description
    ? `"${client.description}" (${credentials.clientId})`
    : credentials.clientId;
  const api = new SettingsClient(ctx.session.client(credentials, app.name));
  let result: Parameters<typeof classifyProbe>[0];
  try {
    const items = await withApiProgress(
      place,
      vscode.l10n.t('Checking the credentials of {0}…', credentials.clientId),
      (signal) => api.ownItems({ signal }),
    );
    result = { items };
  } catch (error) {
    if (!isApiFailure(error)) throw error;
    result = { error };
  }
  const check = classifyProbe(result, client);
  ctx.log.info(
    `Checked the credentials of ${credentials.clientId} in ${app.name}: ${check.outcome}${
      check.outcome === 'works' ? ` (the answer held ${check.settingCount} keys; not logged)` : ''
    }`,
  );
  if (check.outcome === 'failed') {
    await showFailure(check.error, vscode.l10n.t('Checking the credentials'), ctx.log);
    return;
  }
  const { message, ok } = describeCheck(check, name, vscode.l10n.t);
  const flow = 'items' in result ? await flowWarning(ctx, app, client, name, result.items, place) : undefined;
  if (flow) {
    // Working credentials with a broken flow still fail every login: one warning says both.
    const pick = vscode.l10n.t('Pick a Flow…');
    const choice = await vscode.window.showWarningMessage(
      `${message} ${vscode.l10n.t('But:')} ${flow}`,
      pick,
    );
    if (choice === pick) {
      await vscode.commands.executeCommand(Commands.pickFlow, {
        application: app.name,
        clientId: credentials.clientId,
      });
    }
    return;
  }
  if (ok) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const editAllowList = vscode.l10n.t('Edit Allow List…');
  const choice = await vscode.window.showWarningMessage(
    message,
    ...(check.outcome === 'refused' ? [editAllowList] : []),
  );
  if (choice === editAllowList) {
    await vscode.commands.executeCommand(Commands.editAllowList, {
      application: app.name,
      clientId: credentials.clientId,
    });
  }
}

/**
 * The message after Create or Reset Secret, with a Check Credentials button. Not awaited by the
 * caller's flow: a notification may stay open for a long time.
 */
export function offerCredentialCheck(
  ctx: CommandContext,
  app: Application,
  credentials: OwnerCredentials,
  client: CheckedClient,
  message: string,
): void {
  const check = vscode.l10n.t('Check Credentials');
  void Promise.resolve(vscode.window.showInformationMessage(message, check)).then(async (choice) => {
    if (choice !== check) return;
    try {
      await runCredentialCheck(ctx, app, credentials, client, 'notification');
    } catch (error) {
      await showFailure(error, vscode.l10n.t('Checking the credentials'), ctx.log);
    }
  });
}

/**
 * For a login client of an application with an application ID: what is wrong with its flow, from
 * the settings the probe read and the Configuration API's lists (as the owner client, without
 * asking for a secret). Undefined when the flow is fine or cannot be checked (the log says why).
 */
async function flowWarning(
  ctx: CommandContext,
  app: Application,
  client: CheckedClient,
  name: string,
  items: Readonly<Record<string, string>>,
  place: ProgressPlace,
): Promise<string | undefined> {
  if (!client.features.includes('login_client') || !app.appId) return undefined;
  try {
    const owner = await ctx.session.credentials(app, false);
    const api = owner && ctx.session.configClient(app, owner);
    if (!api) return undefined;
    const problem = await withApiProgress(place, vscode.l10n.t('Checking the flow of {0}…', name), (signal) =>
      findFlowProblem(api, items, { signal }),
    );
    return problem && describeFlowProblem(problem, name, app.name, vscode.l10n.t);
  } catch (error) {
    if (!isApiFailure(error)) throw error;
    ctx.log.warn(`Checking the flow of ${name} in ${app.name}: ${error.message}`);
    return undefined;
  }
}
