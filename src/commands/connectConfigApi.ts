import * as vscode from 'vscode';
import {
  CONFIG_REGIONS,
  DEFAULT_CONFIG_REGION,
  checkAppId,
  configApiOrigin,
  isConfigRegion,
  suggestRegion,
} from '../api/configRegion';
import { describeFailure } from '../api/errorMessages';
import { ConfigApiError, isApiFailure, TransportError } from '../api/errors';
import type { Application } from '../applications/applicationStore';
import { UserFacingError } from '../common/userFacingError';
import { runSteps, type StepPosition } from '../ui/multiStep';
import { withApiProgress } from '../ui/progress';
import { BACK, askText, pickOne, type Back } from '../ui/quickInput';
import { progressPlace, targetApplication, type CommandContext } from './context';
import type { CommandInvocation, Invocation } from './arguments';
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
  const steps = [
    {
      skip: () => givenAppId !== undefined && !correcting,
      ask: async (position: StepPosition) => {
        const answer = await askText({
          title,
          ...position,
          prompt: vscode.l10n.t(
            'The application ID, from Console → Manage Application (top of the page). It is not the owner client ID.',
          ),
          placeholder: vscode.l10n.t('e.g. htb8fuhxnf8e38jrzub3c7pfrr'),
          value: values.appId,
          validate: (v) => checkAppId(v, vscode.l10n.t),
        });
        if (typeof answer === 'string') values.appId = answer.trim();
        return answer;
      },
    },
    {
      skip: () => givenRegion !== undefined && !correcting,
      ask: async (position: StepPosition) => {
        const region = await askRegion(title, position, values.region, suggestRegion(app.domain));
        if (typeof region === 'string') values.region = region;
        return region;
      },
    },
  ];
  while (await runSteps(steps)) {
    const connected: Application = {
      ...app,
      appId: values.appId,
      region: values.region,
      configApiProblem: undefined,
      unusedConfigApi: undefined,
    };
    const verdict = await verify(ctx, inv, connected);
    if (verdict === 'cancel') return;
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

/** The region, suggested by the Capture domain where it names one; or any other https:// API host. */
async function askRegion(
  title: string,
  position: StepPosition,
  current: string,
  suggested: string | undefined,
): Promise<string | Back | undefined> {
  const other = vscode.l10n.t('Another API Host…');
  const items = [
    ...CONFIG_REGIONS.map((code) => ({
      label: code,
      description: [
        `v1.api.${code}.janrain.com`,
        ...(code === suggested ? [vscode.l10n.t('suggested by the Capture domain')] : []),
      ].join(' · '),
      region: code as string | undefined,
    })),
    {
      label: other,
      description: vscode.l10n.t('an https:// address, for a region not listed here'),
      region: undefined,
    },
  ];
  const active = isConfigRegion(current) ? CONFIG_REGIONS.indexOf(current) : items.length - 1;
  const chosen = await pickOne(items, {
    title,
    ...position,
    placeholder: vscode.l10n.t(
      "Which region is the application in? Console's oidc_url names it: https://v1.api.REGION.janrain.com/…",
    ),
    activeIndex: active,
  });
  if (chosen === undefined || chosen === BACK) return chosen;
  if (chosen.region) return chosen.region;
  const host = await askText({
    title,
    prompt: vscode.l10n.t('The Configuration API host, such as https://v1.api.us.janrain.com.'),
    placeholder: 'https://v1.api.REGION.janrain.com',
    value: isConfigRegion(current) ? '' : current,
    validate: (v) => {
      const checked = configApiOrigin(v, vscode.l10n.t);
      return 'problem' in checked ? checked.problem : undefined;
    },
  });
  if (typeof host !== 'string') return host === BACK ? BACK : undefined;
  const checked = configApiOrigin(host, vscode.l10n.t);
  return 'origin' in checked ? checked.origin : undefined;
}

/**
 * One read-only call, the flow list, as the owner client. The number of flows when it works;
 * 'unchecked' when the user saves anyway after a network failure; 'edit' to correct the answers.
 */
async function verify(
  ctx: CommandContext,
  inv: Invocation<unknown>,
  app: Application,
): Promise<number | 'unchecked' | 'edit' | 'cancel'> {
  const credentials = await ctx.session.credentials(app);
  if (!credentials) return 'cancel';
  const api = ctx.session.configClient(app, credentials);
  if (!api) return 'edit';
  try {
    const flows = await withApiProgress(
      progressPlace(inv),
      vscode.l10n.t('Checking the Configuration API for {0}…', app.name),
      (signal) => api.flows({ signal }),
    );
    return flows.length;
  } catch (error) {
    if (!isApiFailure(error)) throw error;
    ctx.log.warn(`Checking the Configuration API for ${app.name}: ${error.message}`);
    if (!(error instanceof TransportError) && !(error instanceof ConfigApiError)) return 'cancel';
    const { message } = describeFailure(
      error,
      vscode.l10n.t('Checking the Configuration API'),
      vscode.l10n.t,
    );
    const edit = vscode.l10n.t('Edit Application ID and Region');
    const saveAnyway = vscode.l10n.t('Save Anyway');
    // An answer from the API itself (401, 403, 404…) means the values or credentials are wrong:
    // saving them anyway would only move the error to the view. A server error is not theirs.
    // Modal: the wizard waits on this answer, and a toast may be tucked away unseen.
    const choice =
      error instanceof ConfigApiError && error.status < 500
        ? await vscode.window.showErrorMessage(message, { modal: true }, edit)
        : await vscode.window.showErrorMessage(message, { modal: true }, saveAnyway, edit);
    if (choice === edit) return 'edit';
    if (choice === saveAnyway) return 'unchecked';
    return 'cancel';
  }
}
