import vscode = require('vscode');
import { hoursText } from '../common/translate';
import { clientName } from '../common/clientName';
import { TransportError } from '../api/errors';
import {
  describeFailure,
  describeLostResetSecret,
  describeMaybeReset,
  oldSecretLasts,
} from '../api/errorMessages';
import { checkDestination, deliverCredentials } from '../credentials/deliverCredentials';
import { confirmProtected } from '../ui/clientPrompts';
import { offerToUpdateCopies } from '../workspace/rotation';
import { UserFacingError } from '../common/userFacingError';
import { BACK, pickOne } from '../ui/quickInput';
import { withApiProgress } from '../ui/progress';
import { ownerClient, progressPlace, targetClient, type CommandContext } from './context';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';
import { offerCredentialCheck } from './checkCredentials';

const GRACE_PERIODS = [0, 1, 24, 72, 168];

/**
 * Identity Cloud: Reset Secret… — a new secret; the old one keeps working for the chosen grace
 * period. The new secret goes straight to .env or the clipboard and, for the extension's own owner
 * client, back into secret storage. Argument `{ application, clientId, hoursToLive, destination }`.
 */
export async function resetSecret(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.resetSecret>,
): Promise<void> {
  const { destination, hoursToLive } = inv.args;
  const target = await targetClient(ctx, inv, vscode.l10n.t('Reset Secret'));
  if (!target) return;
  const { app, client: victim } = target;
  checkDestination(destination);
  let hours: number;
  if (hoursToLive !== undefined) {
    hours = hoursToLive;
  } else {
    const chosen = await pickOne(
      GRACE_PERIODS.map((h) => ({
        label:
          h === 0
            ? vscode.l10n.t('Immediately')
            : h === 168
              ? vscode.l10n.t('After 7 days (the longest)')
              : vscode.l10n.t('After {0}', hoursText(h, vscode.l10n.t)),
        description: h === 0 ? vscode.l10n.t('services using the old secret fail at once') : undefined,
        hours: h,
      })),
      {
        title: vscode.l10n.t('Reset Secret of {0}', clientName(victim)),
        placeholder: vscode.l10n.t('When should the old secret stop working?'),
        activeIndex: 2,
      },
    );
    if (!chosen || chosen === BACK) return;
    hours = chosen.hours;
  }
  const isOwner = victim.features.includes('owner');
  const reset = vscode.l10n.t('Reset Secret');
  const detail = [
    isOwner
      ? vscode.l10n.t(
          'This is an owner client. Akamai asks you to contact Akamai support before resetting the secret of an owner client.',
        )
      : undefined,
    target.own
      ? vscode.l10n.t(
          'The extension signs in to {0} as this client; it stores the new secret for itself.',
          app.name,
        )
      : undefined,
    oldSecretLasts(hours, vscode.l10n.t),
  ]
    .filter(Boolean)
    .join('\n\n');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Reset the secret of {0} ({1})?', clientName(victim), victim.clientId),
    { modal: true, detail },
    reset,
  );
  if (choice !== reset) return;
  if (!(await confirmProtected(app, vscode.l10n.t('Reset Secret')))) return;
  const api = await ownerClient(ctx, app);
  if (!api) return;
  let newSecret: string;
  try {
    newSecret = await withApiProgress(
      progressPlace(inv),
      vscode.l10n.t('Resetting the secret of {0}…', clientName(victim)),
      (signal) => api.resetSecret(victim.clientId, hours, { signal }),
      false, // once sent, a cancel would lose the only copy of the new secret
    );
  } catch (error) {
    if (error instanceof TransportError && error.detail.answeredOk) {
      const { message, actions } = describeLostResetSecret(victim.clientId, hours, vscode.l10n.t);
      throw new UserFacingError(message, actions);
    }
    if (error instanceof TransportError && error.mayHaveReachedServer) {
      ctx.tree.refresh(app);
      const failure = describeFailure(error, vscode.l10n.t('Resetting the secret'), vscode.l10n.t).message;
      throw new UserFacingError(describeMaybeReset(failure, hours, target.own, vscode.l10n.t), ['showLog']);
    }
    throw error;
  }
  // Capture has only just told us the new secret: whatever fails next, it must still reach the user.
  let notStored: string | undefined;
  if (target.own) {
    try {
      await ctx.store.storeSecret(app, newSecret);
    } catch (error) {
      notStored = error instanceof Error ? error.message : String(error);
    }
  }
  ctx.log.info(`Reset the secret of ${victim.clientId} in ${app.name} (old secret valid for ${hours} h)`);
  const credentials = {
    domain: app.domain,
    clientId: victim.clientId,
    clientSecret: newSecret,
    description: victim.description,
  };
  ctx.lastCreated.set(credentials);
  ctx.tree.refresh(app);
  await deliverCredentials(credentials, {
    destination,
    title: vscode.l10n.t('{0} has a new secret. Where should its credentials go?', clientName(victim)),
    log: ctx.log,
    lastCreated: ctx.lastCreated,
    // The extension's own owner client: its new secret is stored already, and best left there.
    keptInSecretStorage: target.own && notStored === undefined,
  });
  offerCredentialCheck(
    ctx,
    app,
    credentials,
    victim,
    vscode.l10n.t('Reset the secret of {0}.', clientName(victim)),
  );
  // Shown, not awaited: its buttons work whenever they are clicked.
  await offerToUpdateCopies(credentials, ctx.log);
  if (notStored !== undefined) {
    throw new UserFacingError(
      vscode.l10n.t(
        "The new secret of {0} was delivered but could not be saved in VS Code's secret storage ({1}). Use Set Owner Credentials with it before the old secret stops working.",
        victim.clientId,
        notStored,
      ),
      ['setOwnerCredentials', 'showLog'],
    );
  }
}
