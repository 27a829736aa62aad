import type { Translate } from '../common/translate';
import type { ConfigApiClient, Flow, FlowVersion } from './configApi';
import { ConfigApiError } from './errors';
import type { CallOptions } from './httpRequest';
import { FLOW_NAME_KEY, FLOW_VERSION_KEY, HEAD_VERSION } from './settingsRules';

// Is a login client's flow one the application has? A client whose default_flow_name is not a
// flow, or whose pinned default_flow_version does not exist, fails every login and registration
// call at run time; this finds it from the settings and the Configuration API's lists.

export type FlowProblem =
  | { readonly kind: 'noFlow' }
  | { readonly kind: 'unknownFlow'; readonly flow: string; readonly flows: readonly string[] }
  | { readonly kind: 'unknownVersion'; readonly flow: string; readonly version: string };

/** The problem of a login client's flow settings against the lists, if any (pure). */
export function flowProblem(
  settings: Readonly<Record<string, string>>,
  flows: readonly Flow[],
  versions: readonly FlowVersion[] | undefined,
): FlowProblem | undefined {
  const flow = settings[FLOW_NAME_KEY]?.trim();
  if (!flow) return { kind: 'noFlow' };
  if (!flows.some((f) => f.name === flow))
    return { kind: 'unknownFlow', flow, flows: flows.map((f) => f.name) };
  const version = settings[FLOW_VERSION_KEY]?.trim();
  if (version && version !== HEAD_VERSION && versions && !versions.some((v) => v.version === version))
    return { kind: 'unknownVersion', flow, version };
  return undefined;
}

/**
 * Lists what the check needs (the flows; the versions only for a pinned version of a known flow)
 * and returns the problem, if any. API failures are thrown: the caller says the check could not run.
 */
export async function findFlowProblem(
  api: ConfigApiClient,
  settings: Readonly<Record<string, string>>,
  call: CallOptions = {},
): Promise<FlowProblem | undefined> {
  const flows = await api.flows(call);
  const first = flowProblem(settings, flows, undefined);
  if (first) return first;
  const version = settings[FLOW_VERSION_KEY]?.trim();
  if (!version || version === HEAD_VERSION) return undefined;
  try {
    return flowProblem(settings, flows, await api.flowVersions(settings[FLOW_NAME_KEY]!.trim(), call));
  } catch (error) {
    // The flow was just listed, so a 404 here means its versions are gone: say so as a version problem.
    if (error instanceof ConfigApiError && error.status === 404)
      return { kind: 'unknownVersion', flow: settings[FLOW_NAME_KEY]!.trim(), version };
    throw error;
  }
}

/** The problem in words: what is broken, what users of the client would see, and the fix. */
export function describeFlowProblem(problem: FlowProblem, client: string, app: string, t: Translate): string {
  switch (problem.kind) {
    case 'noFlow':
      return t(
        '{0} is a login client without {1}: every login and registration call fails with "No flow available". Pick a flow of {2}.',
        client,
        FLOW_NAME_KEY,
        app,
      );
    case 'unknownFlow':
      return t(
        '{0} uses the flow "{1}", which {2} does not have ({3}): every login and registration call fails. Pick one of its flows.',
        client,
        problem.flow,
        app,
        problem.flows.length > 0 ? t('its flows: {0}', problem.flows.join(', ')) : t('it has no flows'),
      );
    case 'unknownVersion':
      return t(
        '{0} pins version {1} of the flow "{2}", which does not exist in {3}: every login and registration call fails. Pick one of its versions.',
        client,
        problem.version,
        problem.flow,
        app,
      );
  }
}
