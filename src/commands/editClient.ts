import vscode = require('vscode');
import type { CaptureClient } from '../api/captureClient';
import { clientName } from '../common/clientName';
import { AKAMAI_ONLY_FEATURES, checkFeatureSet } from '../api/features';
import { isLoopbackHost } from '../api/captureDomain';
import { checkDescription, cidrContains, normalizeCidr } from '../api/validation';
import {
  askDescription,
  confirmHighRiskFeatures,
  confirmProtected,
  featureSteps,
  type FeatureChoice,
} from '../ui/clientPrompts';
import { runSteps } from '../ui/multiStep';
import { UserFacingError } from '../common/userFacingError';
import { BACK, askText } from '../ui/quickInput';
import { withApiProgress } from '../ui/progress';
import type { Application } from '../applications/applicationStore';
import { ownerClient, progressPlace, targetClient, type CommandContext, type ClientTarget } from './context';
import type { CommandInvocation, Invocation } from './arguments';
import type { Commands } from '../ids';

/** Identity Cloud: Edit Description… Argument `{ application, clientId, description }`. */
export async function editDescription(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.editDescription>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Edit Description'));
  if (!target) return;
  let description = inv.args.description;
  if (description === undefined) {
    const answer = await askDescription(
      vscode.l10n.t('Edit Description of {0}', clientName(target.client)),
      {},
      target.client.description,
    );
    if (answer === undefined || answer === BACK) return;
    description = answer;
  }
  const problem = checkDescription(description, vscode.l10n.t);
  if (problem) throw new UserFacingError(problem);
  const trimmed = description.trim();
  await changeClient(
    ctx,
    target,
    inv,
    vscode.l10n.t('Renaming {0}…', clientName(target.client)),
    (api, id, signal) => api.setDescription(id, trimmed, { signal }),
    'Set the description',
  );
}

/** Identity Cloud: Edit Features… Argument `{ application, clientId, features }`. */
export async function editFeatures(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.editFeatures>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Edit Features'));
  if (!target) return;
  const current = target.client.features;
  // The extension signs in as its own owner client: taking owner away would lock it out.
  const refuse = (features: readonly string[]) =>
    target.own && current.includes('owner') && !features.includes('owner')
      ? vscode.l10n.t(
          'The extension signs in to {0} as this client: its owner feature cannot be removed from here.',
          target.app.name,
        )
      : undefined;
  const given = inv.args.features;
  let features: readonly string[];
  if (given !== undefined) {
    // The names are checked against the client's own features: Akamai-only ones (metadata) it has
    // may be named, and stay as they are when not, as in the picker.
    const unknown = checkFeatureSet(given, vscode.l10n.t, current);
    if (unknown) throw new UserFacingError(unknown);
    const kept = current.filter(
      (f) => (AKAMAI_ONLY_FEATURES as readonly string[]).includes(f) && !given.includes(f),
    );
    features = [...given, ...kept];
    const problem = refuse(features);
    if (problem) throw new UserFacingError(problem);
  } else {
    const choice: FeatureChoice = { features: current };
    const title = vscode.l10n.t('Edit Features of {0}', clientName(target.client));
    if (!(await runSteps(featureSteps(title, choice, current, refuse)))) return;
    features = choice.features;
  }
  const removed = current.filter((f) => !features.includes(f));
  if (!(await confirmHighRiskFeatures(features, current))) return;
  if (removed.length > 0 && !(await confirmProtected(target.app, vscode.l10n.t('Remove features')))) return;
  await changeClient(
    ctx,
    target,
    inv,
    vscode.l10n.t('Updating the features of {0}…', clientName(target.client)),
    (api, id, signal) => api.setFeatures(id, features, { signal }),
    `Set the features to [${features.join(', ')}]`,
  );
}

/** The address Capture sees for this machine, when it can be known: only for a Capture domain on this machine. */
function knownCallerAddress(app: Application): string | undefined {
  return isLoopbackHost(new URL(app.domain).hostname) ? '127.0.0.1' : undefined;
}

/** Identity Cloud: Edit Allow List… Argument `{ application, clientId, allowList: string[] }`. */
export async function editAllowList(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.editAllowList>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Edit Allow List'));
  if (!target) return;
  const given = inv.args.allowList;
  let entries: string[];
  if (given !== undefined) {
    entries = given;
  } else {
    const parse = (text: string) => text.split(/[\s,]+/).filter((e) => e.length > 0);
    const answer = await askText({
      title: vscode.l10n.t('Edit Allow List of {0}', clientName(target.client)),
      prompt: vscode.l10n.t(
        'IPv4 address ranges allowed to use this client, separated by commas (e.g. 203.0.113.0/24, 198.51.100.7).',
      ),
      placeholder: vscode.l10n.t('e.g. 203.0.113.0/24, 198.51.100.7'),
      value: target.client.whitelist.join(', '),
      validate: (text) => {
        const list = parse(text);
        if (list.length === 0)
          return vscode.l10n.t('Enter at least one range, or use Clear Allow List to allow every address.');
        for (const entry of list) {
          const result = normalizeCidr(entry, vscode.l10n.t);
          if ('problem' in result) return result.problem;
        }
        return undefined;
      },
    });
    if (answer === undefined || answer === BACK) return;
    entries = parse(answer);
  }
  const cidrs: string[] = [];
  for (const entry of entries) {
    const result = normalizeCidr(entry, vscode.l10n.t);
    if ('problem' in result) throw new UserFacingError(result.problem);
    if (!cidrs.includes(result.cidr)) cidrs.push(result.cidr);
  }
  if (cidrs.length === 0) {
    throw new UserFacingError(
      vscode.l10n.t('An allow list needs at least one range. Use Clear Allow List to allow every address.'),
    );
  }
  if (target.own && !(await confirmOwnAllowList(target.app, cidrs))) return;
  await changeClient(
    ctx,
    target,
    inv,
    vscode.l10n.t('Updating the allow list of {0}…', clientName(target.client)),
    (api, id, signal) => api.setWhitelist(id, cidrs, { signal }),
    `Set the allow list to [${cidrs.join(', ')}]`,
  );
}

async function confirmOwnAllowList(app: Application, cidrs: readonly string[]): Promise<boolean> {
  const address = knownCallerAddress(app);
  let detail: string;
  if (address === undefined) {
    detail = vscode.l10n.t(
      'The extension signs in to {0} as this client, and it cannot know the address Capture sees for this machine (proxies, VPNs and NAT change it). If the list does not include that address, the extension is locked out of {0}.',
      app.name,
    );
  } else if (!cidrs.some((c) => cidrContains(c, address))) {
    detail = vscode.l10n.t(
      "This list does not include this machine's address ({0}). The extension signs in to {1} as this client and would be locked out.",
      address,
      app.name,
    );
  } else {
    return true;
  }
  const apply = vscode.l10n.t('Apply Anyway');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t("Change the allow list of the extension's own owner client?"),
    { modal: true, detail },
    apply,
  );
  return choice === apply;
}

/** Identity Cloud: Clear Allow List — allows every address (0.0.0.0/0). Argument `{ application, clientId }`. */
export async function clearAllowList(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.clearAllowList>,
): Promise<void> {
  const target = await targetClient(ctx, inv, vscode.l10n.t('Clear Allow List'));
  if (!target) return;
  const clear = vscode.l10n.t('Allow Every Address');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Allow {0} to be used from any address?', clientName(target.client)),
    { modal: true, detail: vscode.l10n.t('Its allow list becomes 0.0.0.0/0.') },
    clear,
  );
  if (choice !== clear) return;
  await changeClient(
    ctx,
    target,
    inv,
    vscode.l10n.t('Clearing the allow list of {0}…', clientName(target.client)),
    (api, id, signal) => api.clearWhitelist(id, { signal }),
    'Cleared the allow list',
  );
}

/**
 * Sends one change of a client as the application's owner client, under progress where the user
 * started it; then logs what was done (`done`, no secret) and lists the clients again.
 */
async function changeClient(
  ctx: CommandContext,
  target: ClientTarget,
  inv: Invocation<unknown>,
  progress: string,
  change: (api: CaptureClient, clientId: string, signal: AbortSignal) => Promise<void>,
  done: string,
): Promise<void> {
  const api = await ownerClient(ctx, target.app);
  if (!api) return;
  await withApiProgress(progressPlace(inv), progress, (signal) =>
    change(api, target.client.clientId, signal),
  );
  ctx.log.info(`${done} of ${target.client.clientId} in ${target.app.name}`);
  ctx.tree.refresh(target.app);
}
