import vscode = require('vscode');
import { TransportError } from '../api/errors';
import { describeCreateFailure } from '../api/errorMessages';
import { checkDescription } from '../api/validation';
import { checkDestination, deliverCredentials } from '../credentials/deliverCredentials';
import {
  askDescription,
  confirmHighRiskFeatures,
  featureSteps,
  type FeatureChoice,
} from '../ui/clientPrompts';
import { runSteps, type Step, type StepPosition } from '../ui/multiStep';
import { showFailure } from '../ui/errors';
import { UserFacingError } from '../common/userFacingError';
import { withApiProgress } from '../ui/progress';
import { ownerClient, progressPlace, targetApplication, type CommandContext } from './context';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';
import { finishNewClient, loginFlowSteps } from './createClientSettings';
import { flowChoices } from '../ui/flowPick';

/**
 * Identity Cloud: Create API Client… — application → description → features → /clients/add →
 * the credentials into .env or the clipboard.
 * Arguments: `{ application?, description?, features?, destination?, keys?, settings?, prefill? }`; only
 * what is missing is asked, unless `prefill: true` (a link, an env file's directive): then the given
 * description and features are suggestions and every step is still shown.
 */
export async function createClient(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.createClient>,
): Promise<void> {
  const title = vscode.l10n.t('Create API Client');
  const { description: givenDescription, features: givenFeatures, destination, keys } = inv.args;
  if (givenDescription !== undefined) {
    const problem = checkDescription(givenDescription, vscode.l10n.t);
    if (problem) throw new UserFacingError(problem);
  }
  checkDestination(destination);

  const app = await targetApplication(ctx, inv, title);
  if (!app) return;

  let description = givenDescription?.trim() ?? '';
  const choice: FeatureChoice = { features: givenFeatures ?? [] };
  const stepTitle = vscode.l10n.t('Create API Client in {0}', app.name);
  // A link or a directive only suggests: with `prefill`, given values start each step, still asked.
  const prefill = inv.args.prefill === true;
  const flow = loginFlowSteps(
    inv.args.settings ?? {},
    stepTitle,
    () => choice.features,
    () => flowChoices(ctx, app, progressPlace(inv)),
  );
  let destinationPosition: StepPosition | undefined;
  const steps: Step[] = [
    {
      skip: () => !prefill && givenDescription !== undefined,
      ask: async (position) => {
        const answer = await askDescription(stepTitle, position, description);
        if (typeof answer === 'string') description = answer.trim();
        return answer;
      },
    },
    ...featureSteps(stepTitle, choice).map((step) => ({
      ...step,
      skip: () => (!prefill && givenFeatures !== undefined) || !!step.skip?.(),
    })),
    ...flow.steps,
    // Where the credentials go is asked once the client exists, but it is this flow's last step
    // and counted as one: the step only takes its place, the prompt comes after /clients/add.
    {
      skip: () => destination !== undefined,
      ask: (position) => Promise.resolve((destinationPosition = position)),
    },
  ];
  if (!(await runSteps(steps))) return;
  const features = choice.features;
  if (!(await confirmHighRiskFeatures(features))) return;
  const settings = flow.settings();
  if (features.length === 0) {
    ctx.log.info('Creating a client with no features: it will have no permissions.');
  }

  const client = await ownerClient(ctx, app);
  if (!client) return;
  const chosenFeatures = features;
  const chosenDescription = description;
  let created;
  try {
    created = await withApiProgress(
      progressPlace(inv),
      vscode.l10n.t('Creating API client "{0}" in {1}…', chosenDescription, app.name),
      (signal) => client.add(chosenDescription, chosenFeatures, { signal }),
      false, // not idempotent: once sent, a cancel would lose a client that may exist
    );
  } catch (error) {
    if (error instanceof TransportError && error.mayHaveReachedServer) {
      // /clients/add is not idempotent: never retry blindly; the client may exist already (and
      // does, when Capture answered "ok" without the credentials).
      ctx.tree.refresh(app);
      ctx.log.warn(`Creating the client: ${error.message}`);
      const { message, actions } = describeCreateFailure(error, chosenDescription, app.name, vscode.l10n.t);
      // Named, so that its Check Connection… button probes this application without asking.
      const failure = Object.assign(new UserFacingError(message, actions), { application: app.name });
      await showFailure(failure, vscode.l10n.t('Creating the client'), ctx.log);
      return;
    }
    throw error;
  }
  ctx.log.info(
    `Created API client ${created.clientId} ("${chosenDescription}") in ${app.name} with features [${chosenFeatures.join(', ')}]`,
  );
  const credentials = {
    domain: app.domain,
    clientId: created.clientId,
    clientSecret: created.clientSecret,
    description: chosenDescription,
  };
  ctx.lastCreated.set(credentials);
  ctx.lastCreated.noteCreated();
  ctx.tree.refresh(app);
  if (features.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} was created with no features: it has no permissions until you add some.',
        chosenDescription,
      ),
    );
  }
  const delivered = await deliverCredentials(credentials, {
    destination,
    title: vscode.l10n.t('Created {0} in {1}. Where should its credentials go?', chosenDescription, app.name),
    ...(destinationPosition ? { position: destinationPosition } : {}),
    log: ctx.log,
    lastCreated: ctx.lastCreated,
    ...(keys ? { keys } : {}),
  });
  await finishNewClient(ctx, progressPlace(inv), app, created, settings, delivered);
}
