import vscode = require('vscode');
import { newestPinned, type Flow, type FlowVersion } from '../api/configApi';
import { describeFailure } from '../api/errorMessages';
import { isApiFailure, RequestCancelledError } from '../api/errors';
import { FLOW_NAME_KEY, FLOW_VERSION_KEY, HEAD_VERSION, checkFlowField } from '../api/settingsRules';
import type { Application } from '../applications/applicationStore';
import type { OwnerSession } from '../applications/ownerSession';
import { defaultFlowName } from '../settings';
import type { StepPosition } from './multiStep';
import { withApiProgress, type ProgressPlace } from './progress';
import { BACK, askText, pickOne, type Back } from './quickInput';

// Pick, don't type: a login client's flow and version chosen from the application's real flows
// (Configuration API), with "Type a name…" kept for what the list lacks. Without an application ID,
// or when the list cannot be had, the prompts are the typed ones, and say why there is no list.
// Used by Create API Client, by editing default_flow_name / default_flow_version, by Pick a Flow…,
// and by any other flow that gives a login client its flow.

/** What the flow prompts can offer for one application: its flows and, per flow, its versions. */
export interface FlowChoices {
  /** The application's flows; undefined when there is no list, and then `why` says why. */
  readonly flows: readonly Flow[] | undefined;
  readonly why: string | undefined;
  /** A flow's versions (HEAD first), each flow listed once; `why` when there is no list. */
  versions(flow: string): Promise<{ versions: readonly FlowVersion[] } | { why: string }>;
}

export interface FlowPickContext {
  readonly session: OwnerSession;
  readonly log: vscode.LogOutputChannel;
}

/**
 * Lists the application's flows as its owner client (asking for a missing owner secret), under
 * progress. A failure is not thrown: it becomes the `why` the prompts show (and the log gets it);
 * only a cancellation (of the progress or the secret prompt) is thrown.
 */
export async function flowChoices(
  ctx: FlowPickContext,
  app: Application,
  place: ProgressPlace,
): Promise<FlowChoices> {
  const none = (why: string): FlowChoices => ({
    flows: undefined,
    why,
    versions: async () => ({ why }),
  });
  if (!app.appId) {
    return none(
      app.configApiProblem
        ? vscode.l10n.t(
            'the Configuration API settings of {0} are not used ({1}).',
            app.name,
            app.configApiProblem,
          )
        : vscode.l10n.t(
            '{0} has no application ID (Connect Configuration API… on the application adds one).',
            app.name,
          ),
    );
  }
  const credentials = await ctx.session.credentials(app);
  if (!credentials) throw new vscode.CancellationError();
  const api = ctx.session.configClient(app, credentials);
  if (!api) return none(vscode.l10n.t('{0} has no usable Configuration API settings.', app.name));
  const explain = (error: unknown, what: string): string => {
    if (error instanceof RequestCancelledError) throw error;
    if (!isApiFailure(error)) throw error;
    ctx.log.warn(`${what} of ${app.name}: ${error.message}`);
    return describeFailure(error, what, vscode.l10n.t).message;
  };
  let flows: Flow[];
  try {
    flows = await withApiProgress(place, vscode.l10n.t('Listing the flows of {0}…', app.name), (signal) =>
      api.flows({ signal }),
    );
  } catch (error) {
    return none(explain(error, vscode.l10n.t('Listing the flows')));
  }
  const cache = new Map<string, Promise<{ versions: readonly FlowVersion[] } | { why: string }>>();
  return {
    flows,
    why: flows.length === 0 ? vscode.l10n.t('{0} has no flows.', app.name) : undefined,
    versions: (flow) => {
      let pending = cache.get(flow);
      if (!pending) {
        pending = Promise.resolve(
          withApiProgress(place, vscode.l10n.t('Listing the versions of {0}…', flow), (signal) =>
            api.flowVersions(flow, { signal }),
          ),
        ).then(
          (versions) => ({ versions }),
          (error: unknown) => {
            cache.delete(flow); // not kept: the next ask lists again
            return { why: explain(error, vscode.l10n.t('Listing the versions of {0}', flow)) };
          },
        );
        cache.set(flow, pending);
      }
      return pending;
    },
  };
}

export interface FlowPromptOptions {
  readonly title: string;
  readonly position?: StepPosition;
  /** The value the client has now, or was given before a Back. */
  readonly current?: string;
}

/** Asks for default_flow_name: picked from the flows, or typed. */
export async function askFlowName(
  choices: FlowChoices,
  options: FlowPromptOptions,
): Promise<string | Back | undefined> {
  const usual = defaultFlowName();
  if (!choices.flows || choices.flows.length === 0) {
    return typeFlowName(options, usual, choices.why);
  }
  const typeOne = vscode.l10n.t('Type a Name…');
  const items = [
    ...choices.flows.map((f) => ({
      label: f.name,
      description:
        f.name === options.current
          ? vscode.l10n.t('current')
          : f.name === usual
            ? vscode.l10n.t('your usual flow (identityCloud.defaultFlowName)')
            : undefined,
      flow: f.name as string | undefined,
    })),
    {
      label: `$(edit) ${typeOne}`,
      description: vscode.l10n.t('for a flow this list lacks'),
      flow: undefined,
    },
  ];
  const preferred = items.findIndex((i) => i.flow !== undefined && i.flow === (options.current ?? usual));
  const chosen = await pickOne(items, {
    title: options.title,
    ...options.position,
    placeholder: vscode.l10n.t(
      'Which flow should the login client use ({0})? These are the flows of the application.',
      FLOW_NAME_KEY,
    ),
    activeIndex: preferred >= 0 ? preferred : 0,
  });
  if (chosen === undefined || chosen === BACK) return chosen;
  if (chosen.flow !== undefined) return chosen.flow;
  const typed = await typeFlowName({ ...options, position: undefined }, usual, undefined);
  return typed === BACK ? undefined : typed;
}

async function typeFlowName(
  options: FlowPromptOptions,
  usual: string,
  why: string | undefined,
): Promise<string | Back | undefined> {
  const what = vscode.l10n.t('flow name');
  const base = vscode.l10n.t(
    'The flow this login client uses ({0}). Without one, every login and registration call fails with "No flow available".',
    FLOW_NAME_KEY,
  );
  const answer = await askText({
    title: options.title,
    ...options.position,
    prompt: why ? `${base} ${vscode.l10n.t('No list of flows: {0}', why)}` : base,
    placeholder: vscode.l10n.t('e.g. standard (identityCloud.defaultFlowName can hold your usual flow)'),
    value: options.current ?? usual,
    validate: (v) => checkFlowField(v, what, vscode.l10n.t),
  });
  return typeof answer === 'string' ? answer.trim() : answer;
}

/**
 * Asks for default_flow_version of `flow`: HEAD ("latest, fine for testing") or a pinned version
 * from the list (the newest suggested for production), or a typed one.
 */
export async function askFlowVersion(
  choices: FlowChoices,
  flow: string,
  options: FlowPromptOptions,
): Promise<string | Back | undefined> {
  const listed = !choices.flows
    ? { why: choices.why ?? '' }
    : flow
      ? await choices.versions(flow)
      : { why: vscode.l10n.t('no {0} is set, so there is no flow to list versions of.', FLOW_NAME_KEY) };
  const typeOne = vscode.l10n.t('Type a Version…');
  const pin = vscode.l10n.t('Pin a Version…');
  const versions = 'versions' in listed ? listed.versions : undefined;
  const newest = versions && newestPinned(versions);
  const items = versions
    ? [
        ...versions.map((v) => ({
          label: v.version,
          description:
            v.version === HEAD_VERSION
              ? vscode.l10n.t('latest, fine for testing')
              : v.version === newest?.version
                ? vscode.l10n.t('newest pinned version: suggested for production')
                : undefined,
          detail: v.change || undefined,
          version: v.version as string | undefined,
        })),
        {
          label: `$(edit) ${typeOne}`,
          description: vscode.l10n.t('for a version this list lacks'),
          detail: undefined,
          version: undefined,
        },
      ]
    : [
        {
          label: HEAD_VERSION,
          description: vscode.l10n.t('the latest version: fine for testing'),
          detail: undefined,
          version: HEAD_VERSION as string | undefined,
        },
        {
          label: pin,
          description: vscode.l10n.t('a fixed version number: what production should use'),
          detail:
            'why' in listed && listed.why ? vscode.l10n.t('No list of versions: {0}', listed.why) : undefined,
          version: undefined,
        },
      ];
  const current = items.findIndex((i) => i.version !== undefined && i.version === options.current);
  const chosen = await pickOne(items, {
    title: options.title,
    ...options.position,
    placeholder: versions
      ? vscode.l10n.t(
          'Which version of {0} ({1})? HEAD follows every change; production should pin a version.',
          flow,
          FLOW_VERSION_KEY,
        )
      : vscode.l10n.t(
          'Which flow version ({0})? HEAD follows every change; production should pin a version.',
          FLOW_VERSION_KEY,
        ),
    activeIndex: current >= 0 ? current : 0,
    matchOnDetail: true,
  });
  if (chosen === undefined || chosen === BACK) return chosen;
  if (chosen.version !== undefined) return chosen.version;
  const what = vscode.l10n.t('flow version');
  const answer = await askText({
    title: options.title,
    prompt: vscode.l10n.t('The flow version to pin ({0}), as shown in the Console.', FLOW_VERSION_KEY),
    placeholder: vscode.l10n.t('e.g. 20240612195314276034'),
    validate: (v) => checkFlowField(v, what, vscode.l10n.t),
  });
  return typeof answer === 'string' ? answer.trim() : undefined;
}
