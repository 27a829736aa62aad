import vscode = require('vscode');
import { checkAppId, configApiOrigin, suggestRegion, DEFAULT_CONFIG_REGION } from '../api/configRegion';
import type { Application } from '../applications/applicationStore';
import { UserFacingError } from '../common/userFacingError';
import { checkConfigApi, configApiSteps } from '../ui/configApiSteps';
import { runSteps } from '../ui/multiStep';
import { progressPlace, targetApplication, type CommandContext } from './context';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';

/**
 * Identity Cloud: Connect Configuration API… — an application's ID and region for the
 * Configuration API, checked with one read-only call (the flow list) as its owner client before
 * they are saved in user settings. Arguments: `{ application?, appId?, region? }`.
 */
export async function connectConfigApi(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.connectConfigApi>,
): Promise<void> {
  const app = await targetApplication(ctx, inv, vscode.l10n.t('Connect Configuration API'));
  if (!app) return;
  const title = vscode.l10n.t('Connect Configuration API for {0}', app.name);
  const givenAppId = inv.args.appId?.trim();
  const givenRegion = inv.args.region?.trim();
  if (givenAppId !== undefined) {
    const problem = checkAppId(givenAppId, vscode.l10n.t);
    if (problem) throw new UserFacingError(problem);
  }
  if (givenRegion !== undefined) {
    const checked = configApiOrigin(givenRegion, vscode.l10n.t);
    if ('problem' in checked) throw new UserFacingError(checked.problem);
  }
  const values = {
    appId: givenAppId ?? app.appId ?? '',
    region: givenRegion ?? app.region ?? suggestRegion(app.domain) ?? DEFAULT_CONFIG_REGION,
  };
  let correcting = false;
  const steps = configApiSteps(title, values, () => app.domain, {
    appId: () => givenAppId !== undefined && !correcting,
    region: () => givenRegion !== undefined && !correcting,
  });
  while (await runSteps(steps)) {
    const connected: Application = {
      ...app,
      appId: values.appId,
      region: values.region,
      configApiProblem: undefined,
      unusedConfigApi: undefined,
    };
    const credentials = await ctx.session.credentials(app);
    if (!credentials) return;
    const verdict = await checkConfigApi(ctx, progressPlace(inv), connected, credentials);
    if (verdict === 'cancel' || verdict === 'without') return;
    if (verdict === 'edit') {
      correcting = true;
      continue;
    }
    await ctx.store.save(connected, app);
    ctx.log.info(
      `Connected the Configuration API for ${app.name} (application ID ${values.appId}, region ${values.region})`,
    );
    ctx.tree.refresh(app);
    void vscode.window.showInformationMessage(
      typeof verdict === 'number'
        ? verdict === 1
          ? vscode.l10n.t('Connected the Configuration API for {0}: it has 1 flow.', app.name)
          : vscode.l10n.t('Connected the Configuration API for {0}: it has {1} flows.', app.name, verdict)
        : vscode.l10n.t('Connected the Configuration API for {0} without checking it.', app.name),
    );
    return;
  }
}
