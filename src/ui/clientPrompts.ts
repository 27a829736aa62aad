import * as vscode from 'vscode';
import {
  ASSIGNABLE_FEATURES,
  AKAMAI_ONLY_FEATURES,
  HIGH_RISK_FEATURES,
  checkFeatureSet,
  featureDescription,
} from '../api/features';
import { checkDescription } from '../api/validation';
import type { Application, ApplicationStore } from '../applications/applicationStore';
import { Commands, SETTINGS_SECTION, Settings } from '../ids';
import { UserFacingError } from './errors';
import { BACK, type Back, askText, pickMany, pickOne } from './quickInput';

/**
 * The application a command acts on: the one named in an argument, the only one there is, or the
 * one the user picks. With none configured, offers to add one. Undefined when the user cancels.
 */
export async function resolveApplication(
  store: ApplicationStore,
  name: string | undefined,
  title: string,
): Promise<Application | undefined> {
  const apps = store.list();
  if (name !== undefined) {
    const found = store.find(name);
    if (!found) {
      throw new UserFacingError(
        vscode.l10n.t(
          'There is no application named "{0}". Known applications: {1}.',
          name,
          apps.map((a) => a.name).join(', ') || vscode.l10n.t('none'),
        ),
      );
    }
    return found;
  }
  if (apps.length === 1) return apps[0];
  if (apps.length === 0) {
    const add = vscode.l10n.t('Add Application…');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Add an Identity Cloud application first: its Capture domain and owner client.'),
      add,
    );
    if (choice === add) await vscode.commands.executeCommand(Commands.addApplication);
    return undefined;
  }
  const chosen = await pickOne(
    apps.map((app) => ({ label: app.name, description: app.domain, app })),
    { title, placeholder: vscode.l10n.t('Pick an application') },
  );
  return chosen && chosen !== BACK ? chosen.app : undefined;
}

export function askDescription(
  title: string,
  step: { step?: number; totalSteps?: number },
  value = '',
): Promise<string | Back | undefined> {
  return askText({
    title,
    ...step,
    prompt: vscode.l10n.t('Describe the client: which service or person uses it.'),
    placeholder: vscode.l10n.t('e.g. checkout-service (staging)'),
    value,
    validate: (v) => checkDescription(v, vscode.l10n.t),
  });
}

/**
 * Multi-select of features, each with its documented meaning; `current` starts ticked. Features
 * that only Akamai can assign (metadata) are kept as they are and not offered.
 */
export async function pickFeatures(
  title: string,
  step: { step?: number; totalSteps?: number },
  current: readonly string[] = [],
): Promise<string[] | Back | undefined> {
  const items = ASSIGNABLE_FEATURES.map((feature) => ({
    label: feature,
    detail: featureDescription(feature, vscode.l10n.t),
    picked: current.includes(feature),
    feature: feature as string,
  }));
  const kept = current.filter((f) => (AKAMAI_ONLY_FEATURES as readonly string[]).includes(f));
  while (true) {
    const chosen = await pickMany(items, {
      title,
      ...step,
      placeholder: vscode.l10n.t('Tick the features the client needs (none: a client with no permissions)'),
      matchOnDetail: true,
    });
    if (!chosen || chosen === BACK) return chosen;
    const features = [...chosen.map((i) => i.feature), ...kept];
    const problem = checkFeatureSet(features, vscode.l10n.t, current);
    if (!problem) return features;
    await vscode.window.showWarningMessage(problem, { modal: true });
    for (const item of items) item.picked = features.includes(item.feature);
  }
}

/** Validates features given as a command argument; throws a clear error for unknown names. */
export function checkFeatureArgument(features: unknown, existing: readonly string[] = []): string[] {
  if (!Array.isArray(features) || features.some((f) => typeof f !== 'string')) {
    throw new UserFacingError(
      vscode.l10n.t('"features" must be a list of feature names, such as ["direct_read_access"].'),
    );
  }
  const problem = checkFeatureSet(features as string[], vscode.l10n.t, existing);
  if (problem) throw new UserFacingError(problem);
  return features as string[];
}

/** Modal confirmation naming the risk of granting owner or direct_access. False when the user declines. */
export async function confirmHighRiskFeatures(
  features: readonly string[],
  previous: readonly string[] = [],
): Promise<boolean> {
  const added = HIGH_RISK_FEATURES.filter((f) => features.includes(f) && !previous.includes(f));
  if (added.length === 0) return true;
  const risks = added.map((f) =>
    f === 'owner'
      ? vscode.l10n.t(
          'owner: complete administrative access, including creating, changing and deleting API clients',
        )
      : vscode.l10n.t('direct_access: read and write access to every user record'),
  );
  const grant = vscode.l10n.t('Grant');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Grant {0}?', added.join(' and ')),
    {
      modal: true,
      detail: `${risks.join('\n')}\n\n${vscode.l10n.t("Anyone holding this client's secret gets this access.")}`,
    },
    grant,
  );
  return choice === grant;
}

/** Whether an application looks like production (name or domain matches the configured pattern). */
export function isProtected(app: Application): boolean {
  const pattern = vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .get<string>(Settings.protectedApplicationPattern, '');
  if (!pattern) return false;
  try {
    const re = new RegExp(pattern, 'i');
    return re.test(app.name) || re.test(app.domain);
  } catch {
    return true; // a broken pattern must not turn the safeguard off
  }
}

/**
 * The extra confirmation for destructive actions on production-like applications: the user types
 * the application's name.
 */
export async function confirmProtected(app: Application, action: string): Promise<boolean> {
  if (!isProtected(app)) return true;
  const typed = await askText({
    title: vscode.l10n.t('{0} in {1}', action, app.name),
    prompt: vscode.l10n.t('"{0}" looks like production. Type its name to confirm.', app.name),
    validate: (v) => (v.trim() === app.name ? undefined : vscode.l10n.t('Type "{0}" to confirm.', app.name)),
  });
  return typeof typed === 'string' && typed.trim() === app.name;
}
