import vscode = require('vscode');
import type { ApiClient } from '../api/captureClient';
import { describeFailure } from '../api/errorMessages';
import { isApiFailure } from '../api/errors';
import { SettingsClient } from '../api/settingsClient';
import { FLOW_NAME_KEY, FLOW_VERSION_KEY } from '../api/settingsRules';
import type { Application } from '../applications/applicationStore';
import { askFlowName, askFlowVersion, type FlowChoices } from '../ui/flowPick';
import type { Step } from '../ui/multiStep';
import { withApiProgress, type ProgressPlace } from '../ui/progress';
import { offerCredentialCheck } from './checkCredentials';
import { ownerClient, type CommandContext } from './context';

// The settings half of Create API Client: a `settings` argument for any client, and for a
// login_client its flow name and version, asked before /clients/add and written after it with one
// settings/set_multi. /clients/add is never repeated: when the settings fail, the client exists and
// its credentials are delivered as usual; only the settings are offered again.

/**
 * The login-flow questions as steps of Create's flow (so Back and the step count work), asked only
 * when the features include login_client and the `settings` argument (`given`, checked when the
 * command started) lacks the key. The flow and
 * version are picked from the application's flows (`choices`, looked up once, when the first of
 * these steps is reached). `settings()` gives what to write after /clients/add: the argument's
 * settings, plus the flow when the chosen features (after any Back) still include login_client.
 */
export function loginFlowSteps(
  given: Readonly<Record<string, string>>,
  title: string,
  features: () => readonly string[],
  lookUp: () => Promise<FlowChoices>,
): { steps: Step[]; settings: () => Record<string, string> } {
  const asked: Record<string, string> = {};
  const needs = (key: string) => features().includes('login_client') && given[key] === undefined;
  let choices: Promise<FlowChoices> | undefined;
  const flowChoices = () => (choices ??= lookUp());
  const steps: Step[] = [
    {
      skip: () => !needs(FLOW_NAME_KEY),
      ask: async (position) => {
        const name = await askFlowName(await flowChoices(), {
          title,
          position,
          current: asked[FLOW_NAME_KEY],
        });
        if (typeof name === 'string') asked[FLOW_NAME_KEY] = name;
        return name;
      },
    },
    {
      skip: () => !needs(FLOW_VERSION_KEY),
      ask: async (position) => {
        const flow = asked[FLOW_NAME_KEY] ?? given[FLOW_NAME_KEY] ?? '';
        const version = await askFlowVersion(await flowChoices(), flow, {
          title,
          position,
          current: asked[FLOW_VERSION_KEY],
        });
        if (typeof version === 'string') asked[FLOW_VERSION_KEY] = version;
        return version;
      },
    },
  ];
  return {
    steps,
    settings: () => ({
      ...given,
      ...Object.fromEntries(Object.entries(asked).filter(([key]) => needs(key))),
    }),
  };
}

/**
 * After Create's first delivery of the credentials (`delivered`: whether they reached their
 * destination): writes the settings with one settings/set_multi and says how it went, with a
 * Check Credentials button. A failure names the settings that were not set and why, and offers
 * Try Again for them alone.
 */
export async function finishNewClient(
  ctx: CommandContext,
  place: ProgressPlace,
  app: Application,
  created: ApiClient,
  settings: Readonly<Record<string, string>>,
  delivered: boolean,
): Promise<void> {
  const credentials = { domain: app.domain, clientId: created.clientId, clientSecret: created.clientSecret };
  const name = created.description ? `"${created.description}"` : created.clientId;
  const keys = Object.keys(settings);
  if (keys.length === 0) {
    offerCredentialCheck(
      ctx,
      app,
      credentials,
      created,
      vscode.l10n.t('Created {0} in {1}.', name, app.name),
    );
    return;
  }
  while (true) {
    const problem = await writeSettings(ctx, app, created.clientId, settings, place);
    if (problem === undefined) {
      ctx.tree.refresh(app);
      offerCredentialCheck(
        ctx,
        app,
        credentials,
        created,
        keys.length === 1
          ? vscode.l10n.t('Created {0} in {1} with its setting {2}.', name, app.name, keys[0]!)
          : vscode.l10n.t('Created {0} in {1} with its settings {2}.', name, app.name, keys.join(', ')),
      );
      return;
    }
    const retry = vscode.l10n.t('Try Again');
    // Whether the credentials arrived is said by the delivery's own messages when they did not.
    const one = keys.length === 1;
    const text = delivered
      ? one
        ? vscode.l10n.t(
            'Client {0} was created and its credentials delivered, but this setting was not set: {1}. {2} Try Again sets only the setting; the client is not created again.',
            created.clientId,
            keys[0]!,
            problem,
          )
        : vscode.l10n.t(
            'Client {0} was created and its credentials delivered, but these settings were not set: {1}. {2} Try Again sets only the settings; the client is not created again.',
            created.clientId,
            keys.join(', '),
            problem,
          )
      : one
        ? vscode.l10n.t(
            'Client {0} was created, but this setting was not set: {1}. {2} Try Again sets only the setting; the client is not created again.',
            created.clientId,
            keys[0]!,
            problem,
          )
        : vscode.l10n.t(
            'Client {0} was created, but these settings were not set: {1}. {2} Try Again sets only the settings; the client is not created again.',
            created.clientId,
            keys.join(', '),
            problem,
          );
    const choice = await vscode.window.showWarningMessage(text, retry);
    if (choice !== retry) {
      ctx.log.warn(`Settings ${keys.join(', ')} of new client ${created.clientId} were left unset.`);
      return;
    }
  }
}

/** One settings/set_multi for the new client; undefined when it worked, else why not in plain words. */
export async function writeSettings(
  ctx: CommandContext,
  app: Application,
  clientId: string,
  settings: Readonly<Record<string, string>>,
  place: ProgressPlace,
): Promise<string | undefined> {
  const what = vscode.l10n.t('Writing the settings');
  try {
    const capture = await ownerClient(ctx, app);
    if (!capture) return vscode.l10n.t('The owner client secret was not given.');
    await withApiProgress(
      place,
      vscode.l10n.t('Setting {0} for {1}…', Object.keys(settings).join(', '), clientId),
      (signal) => new SettingsClient(capture).setMulti(clientId, settings, { signal }),
    );
    ctx.log.info(`Set ${Object.keys(settings).join(', ')} for new client ${clientId} in ${app.name}`);
    return undefined;
  } catch (error) {
    if (!isApiFailure(error)) throw error;
    ctx.log.warn(`${what} of ${clientId}: ${error.message}`);
    return describeFailure(error, what, vscode.l10n.t).message;
  }
}
