import vscode = require('vscode');
import {
  ASSIGNABLE_FEATURES,
  AKAMAI_ONLY_FEATURES,
  LOGIN_CLIENT,
  HIGH_RISK_FEATURES,
  checkFeatureSet,
  featureDescription,
} from '../api/features';
import { checkDescription } from '../api/validation';
import type { Application } from '../applications/applicationStore';
import { protectedApplicationPattern } from '../settings';
import type { Step } from './multiStep';
import { BACK, type Back, askText, pickMany, pickOne } from './quickInput';

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

/** Where the feature questions keep their answer: the features chosen so far (ticked when shown). */
export interface FeatureChoice {
  features: readonly string[];
}

/**
 * The feature questions of a multi-step flow, as two steps: what kind of client (a login client,
 * whose one feature stands alone, or API access), then for API access a multi-select of the other
 * features from least to most power, each with its meaning. So no selection of the pickers can
 * break the login_client rule, not even their select-all box. `choice` starts ticked; `current`
 * holds the client's features, whose Akamai-only ones (metadata) are kept and shown as kept. `refuse` names a
 * choice that must not be made (the extension's own owner losing owner): the picker says why and
 * opens again with the choice as it was.
 */
export function featureSteps(
  title: string,
  choice: FeatureChoice,
  current: readonly string[] = [],
  refuse: (features: readonly string[]) => string | undefined = () => undefined,
): Step[] {
  const kept = current.filter((f) => (AKAMAI_ONLY_FEATURES as readonly string[]).includes(f));
  let login = choice.features.includes(LOGIN_CLIENT);
  const accept = async (features: string[]): Promise<boolean> => {
    const problem = refuse(features) ?? checkFeatureSet(features, vscode.l10n.t, current);
    if (problem) {
      await vscode.window.showWarningMessage(problem, { modal: true });
      return false;
    }
    choice.features = features;
    return true;
  };
  return [
    {
      decides: true, // a login client has no features step, and Create asks for its flow instead
      ask: async (position) => {
        const items = [
          {
            label: vscode.l10n.t('API access, for a server or script'),
            description: vscode.l10n.t('choose its features next'),
            detail: vscode.l10n.t('access_issuer, direct_read_access, direct_access, owner, or none of them'),
            login: false,
          },
          {
            label: vscode.l10n.t('Login client, for sign-in and registration'),
            description: LOGIN_CLIENT,
            detail: vscode.l10n.t('login_client alone: it cannot have any other feature'),
            login: true,
          },
        ];
        while (true) {
          const chosen = await pickOne(items, {
            title,
            ...position,
            placeholder: vscode.l10n.t('What kind of API client is it?'),
            activeIndex: login ? 1 : 0,
          });
          if (!chosen || chosen === BACK) return chosen;
          login = chosen.login;
          if (!login || (await accept([LOGIN_CLIENT, ...kept]))) return chosen;
        }
      },
    },
    {
      skip: () => login,
      ask: async (position) => {
        const items = ASSIGNABLE_FEATURES.filter((f) => f !== LOGIN_CLIENT).map((feature) => ({
          label: feature,
          detail: featureDescription(feature, vscode.l10n.t),
          picked: choice.features.includes(feature),
          feature: feature as string,
        }));
        const note: vscode.QuickPickItem[] = kept.length
          ? [
              {
                label: vscode.l10n.t('Kept as it is (only Akamai assigns it): {0}', kept.join(', ')),
                kind: vscode.QuickPickItemKind.Separator,
              },
            ]
          : [];
        while (true) {
          const chosen = await pickMany<vscode.QuickPickItem & { feature?: string }>([...items, ...note], {
            title,
            ...position,
            placeholder: vscode.l10n.t('Tick its features; none gives no permissions'),
            matchOnDetail: true,
          });
          if (!chosen || chosen === BACK) return chosen;
          const features = [...chosen.flatMap((i) => (i.feature ? [i.feature] : [])), ...kept];
          if (await accept(features)) return chosen;
          for (const item of items) item.picked = features.includes(item.feature);
        }
      },
    },
  ];
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
    placeholder: vscode.l10n.t('Type {0}', app.name),
    validate: (v) => (v.trim() === app.name ? undefined : vscode.l10n.t('Type "{0}" to confirm.', app.name)),
  });
  return typeof typed === 'string' && typed.trim() === app.name;
}
