import * as vscode from 'vscode';
import { UserFacingError } from '../common/userFacingError';
import { normalizeCaptureDomain } from '../api/captureDomain';
import { CaptureApiError, isApiFailure, TransportError } from '../api/errors';
import { describeFailure } from '../api/errorMessages';
import type { Application } from '../applications/applicationStore';
import { secretStorageCall } from '../applications/secretStorage';
import { BACK, askText } from '../ui/quickInput';
import { withApiProgress } from '../ui/progress';
import { type CommandContext } from './context';
import { stringArg, type CommandArgument } from './arguments';

const STEPS = 4;

/**
 * Identity Cloud: Add Application… — name, Capture domain, owner client ID, owner secret
 * (password box). The credentials are checked with a read-only call before saving.
 * Arguments: `{ name?, domain?, clientId? }`; the secret is only ever typed into the password box.
 * Also used to edit an application: `previous` keeps its values as defaults.
 */
export async function addApplication(
  ctx: CommandContext,
  arg: CommandArgument,
  previous?: Application,
  firstStep = 1,
): Promise<void> {
  const title = previous
    ? vscode.l10n.t('Set Owner Credentials for {0}', previous.name)
    : vscode.l10n.t('Add Identity Cloud Application');
  const values = {
    name: stringArg(arg, 'name')?.trim() ?? previous?.name ?? '',
    domain: stringArg(arg, 'domain')?.trim() ?? previous?.domain ?? '',
    clientId: stringArg(arg, 'clientId')?.trim() ?? previous?.clientId ?? '',
    secret: '',
  };
  const problems: Record<1 | 2 | 3, (value: string) => string | undefined> = {
    1: (v) => {
      const name = v.trim();
      if (!name) return vscode.l10n.t('Enter a name.');
      if (name.length > 60) return vscode.l10n.t('Keep the name under 60 characters.');
      const clash = ctx.store.find(name);
      return clash && clash.name.toLowerCase() !== previous?.name.toLowerCase()
        ? vscode.l10n.t('An application named "{0}" exists already.', clash.name)
        : undefined;
    },
    2: (v) => {
      const result = normalizeCaptureDomain(v, vscode.l10n.t);
      return 'problem' in result ? result.problem : undefined;
    },
    3: (v) => (/^\s*\S+\s*$/.test(v) ? undefined : vscode.l10n.t('Enter the owner client ID (no spaces).')),
  };
  // Steps whose value came valid in the argument object are not asked on the way forward; Back
  // and "Edit Credentials" show them again, prefilled.
  const given = new Set(
    (
      [
        [1, 'name'],
        [2, 'domain'],
        [3, 'clientId'],
      ] as const
    )
      .filter(([step, key]) => stringArg(arg, key) !== undefined && !problems[step](values[key]))
      .map(([step]) => step as number),
  );
  let skipGiven = true;
  let step = firstStep;
  while (step <= STEPS) {
    if (skipGiven && given.has(step)) {
      step++;
      continue;
    }
    let answer: string | typeof BACK | undefined;
    switch (step) {
      case 1:
        answer = await askText({
          title,
          step,
          totalSteps: STEPS,
          prompt: vscode.l10n.t('A name for this application, such as dev, staging or prod.'),
          value: values.name,
          validate: problems[1],
        });
        if (typeof answer === 'string') values.name = answer.trim();
        break;
      case 2:
        answer = await askText({
          title,
          step,
          totalSteps: STEPS,
          prompt: vscode.l10n.t('The Capture domain from Console → Manage Application.'),
          placeholder: 'myapp.us-dev.janraincapture.com',
          value: values.domain,
          validate: problems[2],
        });
        if (typeof answer === 'string') values.domain = answer;
        break;
      case 3:
        answer = await askText({
          title,
          step,
          totalSteps: STEPS,
          prompt: vscode.l10n.t('The client ID of an API client with the owner feature.'),
          value: values.clientId,
          validate: problems[3],
        });
        if (typeof answer === 'string') values.clientId = answer.trim();
        break;
      default:
        answer = await askText({
          title,
          step,
          totalSteps: STEPS,
          prompt: vscode.l10n.t(
            "The owner client secret. It is kept in VS Code's secret storage, never in settings.",
          ),
          password: true,
          validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the owner client secret.')),
        });
        if (typeof answer === 'string') values.secret = answer.trim();
    }
    if (answer === undefined) return;
    if (answer === BACK) skipGiven = false;
    step = answer === BACK ? Math.max(1, step - 1) : step + 1;
    if (step > STEPS) {
      const normalized = normalizeCaptureDomain(values.domain, vscode.l10n.t);
      if ('problem' in normalized) {
        step = 2;
        continue;
      }
      const app: Application = { name: values.name, domain: normalized.origin, clientId: values.clientId };
      const verdict = await verify(ctx, app, values.secret);
      if (verdict === 'retryDomain' || verdict === 'retryClient') {
        skipGiven = false;
        step = verdict === 'retryDomain' ? 2 : 3;
        continue;
      }
      if (verdict === 'cancel') return;
      // The secret first, with a failing secret storage put in words; then the settings entry.
      await secretStorageCall(() => ctx.store.storeSecret(app, values.secret), 'save');
      try {
        await ctx.store.save(app, previous);
      } catch (error) {
        // No application without its settings entry: take the secret back out, then say what to fix.
        if (!ctx.store.isOwnerClientOfAny(app.domain, app.clientId)) await ctx.store.deleteSecret(app);
        throw new UserFacingError(
          vscode.l10n.t(
            'Your user settings could not be saved ({0}). Fix settings.json (Preferences: Open User Settings (JSON)), then add {1} again.',
            error instanceof Error ? error.message : String(error),
            app.name,
          ),
        );
      }
      ctx.tree.refresh(app);
      ctx.log.info(`Saved application ${app.name} (${app.domain}, owner client ${app.clientId})`);
      void vscode.window.showInformationMessage(
        verdict === 'verified'
          ? vscode.l10n.t('Saved {0}. The owner credentials work.', app.name)
          : vscode.l10n.t('Saved {0} without checking the credentials.', app.name),
      );
    }
  }
}

/**
 * A read-only call with the new credentials. 'retryDomain' and 'retryClient' send the user back to
 * the step that is most likely wrong: the domain when Capture does not know the application.
 */
async function verify(
  ctx: CommandContext,
  app: Application,
  secret: string,
): Promise<'verified' | 'unverified' | 'retryDomain' | 'retryClient' | 'cancel'> {
  try {
    const client = ctx.session.client({ domain: app.domain, clientId: app.clientId, clientSecret: secret });
    await withApiProgress(
      'notification',
      vscode.l10n.t('Checking the owner credentials for {0}…', app.name),
      (signal) => client.list(['owner'], { signal }),
    );
    return 'verified';
  } catch (error) {
    if (!isApiFailure(error)) throw error;
    const { message } = describeFailure(error, vscode.l10n.t('Checking the credentials'), vscode.l10n.t);
    ctx.log.warn(`Checking credentials for ${app.name}: ${error.message}`);
    if (!(error instanceof TransportError) && !(error instanceof CaptureApiError)) return 'cancel';
    const saveAnyway = vscode.l10n.t('Save Anyway');
    const edit = vscode.l10n.t('Edit Credentials');
    const wrongCredentials =
      error instanceof CaptureApiError && [402, 205, 221, 224].includes(error.code ?? 0);
    const choice = wrongCredentials
      ? await vscode.window.showErrorMessage(message, edit)
      : await vscode.window.showErrorMessage(message, saveAnyway, edit);
    if (choice === saveAnyway) return 'unverified';
    if (choice === edit) {
      const domainUnknown = error instanceof CaptureApiError && [205, 221, 224].includes(error.code ?? 0);
      return domainUnknown ? 'retryDomain' : 'retryClient';
    }
    return 'cancel';
  }
}
