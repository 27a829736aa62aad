import * as vscode from 'vscode';
import {
  ASSIGNABLE_FEATURES,
  AKAMAI_ONLY_FEATURES,
  HIGH_RISK_FEATURES,
  checkFeatureSet,
  featureDescription,
} from '../api/features';
import { checkDescription } from '../api/validation';
import type { Application } from '../applications/applicationStore';
import { protectedApplicationPattern } from '../settings';
import { BACK, type Back, askText, pickMany } from './quickInput';

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
  const pattern = protectedApplicationPattern();
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
