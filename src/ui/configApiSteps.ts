import vscode = require('vscode');
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
import type { OwnerCredentials } from '../api/captureClient';
import type { OwnerSession } from '../applications/ownerSession';
import type { Step, StepPosition } from './multiStep';
import { withApiProgress, type ProgressPlace } from './progress';
import { BACK, askText, pickOne, type Back } from './quickInput';

// An application's Configuration API, asked and checked the same way wherever it is connected:
// by Connect Configuration API… on an existing application, and as Add Application's optional
// step. Its application ID (where to find it, and that it is not the owner client ID), its region
// (suggested by the Capture domain), and one read-only call, the flow list, before saving.

/** The answers, kept by the steps as they are given. `region` '' means "suggest one when asked". */
export interface ConfigApiAnswers {
  appId: string;
  region: string;
}

/**
 * The two steps: the application ID, then the region. `domain` is the application's Capture domain
 * (read when the region is asked, so that a domain typed earlier in the same flow counts), and
 * `skip` leaves a step out (its value came as an argument, or the flow does not connect at all).
 */
export function configApiSteps(
  title: string,
  values: ConfigApiAnswers,
  domain: () => string,
  skip: { readonly appId: () => boolean; readonly region: () => boolean },
): [Step, Step] {
  return [
    {
      skip: skip.appId,
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
      skip: skip.region,
      ask: async (position: StepPosition) => {
        const suggested = suggestRegion(domain());
        const current = values.region || (suggested ?? DEFAULT_CONFIG_REGION);
        const region = await askRegion(title, position, current, suggested);
        if (typeof region === 'string') values.region = region;
        return region;
      },
    },
  ];
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

export interface ConfigApiCheckContext {
  readonly session: OwnerSession;
  readonly log: vscode.LogOutputChannel;
}

/**
 * What became of the check: the number of flows when it worked; 'unchecked' when the user saves
 * anyway after a failure that is not the values' fault; 'without' to save the application without
 * its Configuration API (only when `offerWithout`); 'edit' to correct the answers; 'cancel'.
 */
export type ConfigApiVerdict = number | 'unchecked' | 'without' | 'edit' | 'cancel';

/**
 * One read-only call, the flow list, as the owner client with `credentials` (which need not be
 * saved yet). A failure is put in a modal question, since the flow that asked waits on it.
 */
export async function checkConfigApi(
  ctx: ConfigApiCheckContext,
  place: ProgressPlace,
  app: Pick<Application, 'name' | 'appId' | 'region'>,
  credentials: OwnerCredentials,
  offerWithout = false,
): Promise<ConfigApiVerdict> {
  const api = ctx.session.configClient(app, credentials);
  if (!api) return 'edit';
  try {
    const flows = await withApiProgress(
      place,
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
    const without = vscode.l10n.t('Save Without the Configuration API');
    // An answer from the API itself (401, 403, 404…) means the values or credentials are wrong:
    // saving them anyway would only move the error to the view. A server error is not theirs.
    const actions = [
      ...(error instanceof ConfigApiError && error.status < 500 ? [] : [saveAnyway]),
      edit,
      ...(offerWithout ? [without] : []),
    ];
    // Modal: the flow waits on this answer, and a toast may be tucked away unseen.
    const choice = await vscode.window.showErrorMessage(message, { modal: true }, ...actions);
    if (choice === edit) return 'edit';
    if (choice === saveAnyway) return 'unchecked';
    if (choice === without) return 'without';
    return 'cancel';
  }
}
