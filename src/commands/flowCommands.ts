import vscode = require('vscode');
import { SettingsClient } from '../api/settingsClient';
import { FLOW_NAME_KEY, FLOW_VERSION_KEY } from '../api/settingsRules';
import { UserFacingError } from '../common/userFacingError';
import { askFlowName, askFlowVersion, flowChoices } from '../ui/flowPick';
import { runSteps } from '../ui/multiStep';
import { withApiProgress } from '../ui/progress';
import { ownerClient, progressPlace, targetClient, type CommandContext } from './context';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';

// The Flows node's Copy Flow Name and Copy Version, and Pick a Flow… for a login client (the fix
// the broken-flow problem offers). The extension never changes a flow itself.

/** Copy Flow Name — from a flow or version row of the Flows node. */
export async function copyFlowName(
  _ctx: CommandContext,
  { node }: CommandInvocation<typeof Commands.copyFlowName>,
): Promise<void> {
  if (node?.kind !== 'flow' && node?.kind !== 'flowVersion')
    throw new UserFacingError(vscode.l10n.t('Copy Flow Name works on a flow in the Identity Cloud view.'));
  await vscode.env.clipboard.writeText(node.flow);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied the flow name {0}.', node.flow));
}

/** Copy Version — from a version row of a flow. */
export async function copyFlowVersion(
  _ctx: CommandContext,
  { node }: CommandInvocation<typeof Commands.copyFlowVersion>,
): Promise<void> {
  if (node?.kind !== 'flowVersion')
    throw new UserFacingError(
      vscode.l10n.t('Copy Version works on a flow version in the Identity Cloud view.'),
    );
  await vscode.env.clipboard.writeText(node.version);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied version {0} of {1}.', node.version, node.flow),
  );
}

/**
 * Identity Cloud: Pick a Flow… — a client's default_flow_name and default_flow_version, picked
 * from the application's flows, written with one settings/set_multi. Arguments:
 * `{ application, clientId }`, or a client or Settings node.
 */
export async function pickFlow(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.pickFlow>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Pick a Flow'));
  if (!target) return;
  const { app, client } = target;
  const name = client.description || client.clientId;
  const capture = await ownerClient(ctx, app);
  if (!capture) return;
  const settings = new SettingsClient(capture);
  const place = progressPlace(inv);
  const current = await withApiProgress(
    place,
    vscode.l10n.t('Reading the settings of {0}…', name),
    (signal) => settings.items(client.clientId, { signal }),
  );
  const choices = await flowChoices(ctx, app, place);
  const title = vscode.l10n.t('Pick a Flow for {0}', name);
  const chosen: Record<string, string> = {};
  const done = await runSteps([
    {
      ask: async (position) => {
        const flow = await askFlowName(choices, {
          title,
          position,
          current: chosen[FLOW_NAME_KEY] ?? current[FLOW_NAME_KEY],
        });
        if (typeof flow === 'string') chosen[FLOW_NAME_KEY] = flow;
        return flow;
      },
    },
    {
      ask: async (position) => {
        const flow = chosen[FLOW_NAME_KEY]!;
        const version = await askFlowVersion(choices, flow, {
          title,
          position,
          current: flow === current[FLOW_NAME_KEY] ? current[FLOW_VERSION_KEY] : undefined,
        });
        if (typeof version === 'string') chosen[FLOW_VERSION_KEY] = version;
        return version;
      },
    },
  ]);
  if (!done) return;
  await withApiProgress(place, vscode.l10n.t('Setting the flow of {0}…', name), (signal) =>
    settings.setMulti(client.clientId, chosen, { signal }),
  );
  ctx.log.info(
    `Set ${FLOW_NAME_KEY}=${chosen[FLOW_NAME_KEY]} and ${FLOW_VERSION_KEY}=${chosen[FLOW_VERSION_KEY]} for ${client.clientId} in ${app.name}`,
  );
  ctx.tree.refresh(app);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      '{0} now uses flow {1}, version {2}.',
      name,
      chosen[FLOW_NAME_KEY]!,
      chosen[FLOW_VERSION_KEY]!,
    ),
  );
}
