import vscode = require('vscode');
import type { LoginClientType, Policy } from '../api/hostedLoginClient';
import { parseRedirectUris } from '../api/hostedLoginLocation';
import { TransportError } from '../api/errors';
import { describeFailure } from '../api/errorMessages';
import type { Application } from '../applications/applicationStore';
import { UserFacingError } from '../common/userFacingError';
import { Commands } from '../ids';
import { flowChoices } from '../ui/flowPick';
import { runSteps, type StepPosition } from '../ui/multiStep';
import { BACK, askText, pickOne } from '../ui/quickInput';
import { withApiProgress } from '../ui/progress';
import { findApplicationClient } from '../views/loginClientNodes';
import { progressPlace, targetApplication, type CommandContext } from './context';
import type { CommandInvocation } from './arguments';
import { loginFlowSteps, writeSettings } from './createClientSettings';

export const SUGGESTED_REDIRECT_URI = 'http://localhost:3000/callback';

/**
 * Identity Cloud: Create Login Client… — name, public (recommended) or confidential, redirect URIs,
 * login and token policy from their lists, then the flow its application client signs in with.
 * After the POST the login client exists: the flow settings go to its application client, and when
 * they fail, Try Again sends only the settings.
 * Arguments: `{ application?, name?, type? }`; the rest is asked.
 */
export async function createLoginClient(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.createLoginClient>,
): Promise<void> {
  const app = await targetApplication(ctx, inv, vscode.l10n.t('Create Login Client'));
  if (!app) return;
  const t = vscode.l10n.t;
  const title = t('Create Login Client in {0}', app.name);
  const api = await ctx.hostedLogin.client(app);
  const place = progressPlace(inv);
  const [loginPolicies, tokenPolicies] = await withApiProgress(
    place,
    t('Reading the login and token policies of {0}…', app.name),
    (signal) => Promise.all([api.loginPolicies({ signal }), api.tokenPolicies({ signal })]),
  );
  if (loginPolicies.length === 0 || tokenPolicies.length === 0) {
    throw new UserFacingError(
      t(
        'Hosted Login of {0} has no {1} yet: create one in the Console (or with the Hosted Login API) first.',
        app.name,
        loginPolicies.length === 0 ? t('login policy') : t('token policy'),
      ),
    );
  }
  let name = inv.args.name?.trim() ?? '';
  const givenType = inv.args.type;
  let type: LoginClientType = givenType ?? 'public';
  let redirectUris: string[] = [];
  let loginPolicy: Policy | undefined;
  let tokenPolicy: Policy | undefined;
  // The application client's flow is picked from the application's flows when its Configuration API
  // is connected, as in Create API Client… (typed otherwise).
  const flow = loginFlowSteps(
    inv.args.settings ?? {},
    title,
    () => ['login_client'],
    () => flowChoices(ctx, app, progressPlace(inv)),
  );

  const completed = await runSteps([
    {
      ask: async (position) => {
        const answer = await askText({
          title,
          ...position,
          prompt: t(
            'A name for the login client (unique in the organization), e.g. the app it signs users in to.',
          ),
          placeholder: t('e.g. Storefront web app'),
          value: name,
          validate: (v) => (v.trim() ? undefined : t('Enter a name for the login client.')),
        });
        if (typeof answer === 'string') name = answer.trim();
        return answer;
      },
    },
    {
      skip: () => givenType !== undefined,
      ask: async (position) => {
        const chosen = await pickOne(
          [
            {
              label: t('Public (recommended)'),
              description: t('browser and mobile apps: no secret, PKCE'),
              type: 'public' as const,
            },
            {
              label: t('Confidential'),
              description: t('a server that can keep a client secret'),
              type: 'confidential' as const,
            },
          ],
          {
            title,
            ...position,
            placeholder: t('Which kind of app signs users in? (cannot be changed later)'),
          },
        );
        if (chosen && chosen !== BACK) type = chosen.type;
        return chosen;
      },
    },
    {
      ask: async (position) => {
        const answer = await askText({
          title,
          ...position,
          prompt: t(
            'Where Hosted Login may send users back after sign-in: https URIs, or http://localhost for development. Separate several with commas.',
          ),
          placeholder: SUGGESTED_REDIRECT_URI,
          value: redirectUris.join(', ') || SUGGESTED_REDIRECT_URI,
          validate: (v) => {
            const parsed = parseRedirectUris(v, t);
            return 'problem' in parsed ? parsed.problem : undefined;
          },
        });
        if (typeof answer === 'string') {
          const parsed = parseRedirectUris(answer, t);
          if ('uris' in parsed) redirectUris = parsed.uris;
        }
        return answer;
      },
    },
    {
      ask: async (position) => {
        const chosen = await pickPolicy(
          loginPolicies,
          title,
          position,
          t('Pick the login policy (which user store and login page)'),
        );
        if (chosen && chosen !== BACK) loginPolicy = chosen;
        return chosen;
      },
    },
    {
      ask: async (position) => {
        const chosen = await pickPolicy(
          tokenPolicies,
          title,
          position,
          t('Pick the token policy (token lifetimes and allowed scopes)'),
        );
        if (chosen && chosen !== BACK) tokenPolicy = chosen;
        return chosen;
      },
    },
    ...flow.steps,
  ]);
  if (!completed || !loginPolicy || !tokenPolicy) return;
  const settings = flow.settings();
  const request = { name, type, redirectUris, loginPolicy: loginPolicy.id, tokenPolicy: tokenPolicy.id };
  let created;
  try {
    created = await withApiProgress(
      place,
      t('Creating login client "{0}" in {1}…', name, app.name),
      (signal) => api.createClient(request, { signal }),
      false, // not idempotent: once sent, a cancel would lose a client that may exist
    );
  } catch (error) {
    if (error instanceof TransportError && error.mayHaveReachedServer) {
      ctx.tree.refresh(app);
      ctx.log.warn(`Creating login client "${name}": ${error.message}`);
      throw new UserFacingError(
        t(
          '{0} The login client "{1}" may have been created anyway. Do not simply try again: refresh "Login Clients (Hosted Login)" of {2} first.',
          describeFailure(error, t('Creating the login client'), t).message,
          name,
          app.name,
        ),
        ['showLog'],
      );
    }
    throw error;
  }
  ctx.log.info(`Created login client ${created.id} ("${name}", ${type}) in ${app.name}`);
  ctx.tree.refresh(app);
  ctx.hostedLogin.announce({ application: app.name, updated: created });
  await setFlow(ctx, app, created, settings, place);
}

function pickPolicy(policies: readonly Policy[], title: string, position: StepPosition, placeholder: string) {
  return pickOne(
    policies.map((p) => ({ label: p.title, description: p.id, id: p.id, title: p.title })),
    { title, ...position, placeholder },
  ).then((chosen) => (chosen && chosen !== BACK ? { id: chosen.id, title: chosen.title } : chosen));
}

/**
 * Writes default_flow_name / default_flow_version to the application client Hosted Login made, so
 * the first sign-in does not end in "No flow available". The login client exists whatever happens
 * here: a failure offers Try Again, which sends only the settings.
 */
async function setFlow(
  ctx: CommandContext,
  app: Application,
  created: { id: string; name: string; type: LoginClientType },
  settings: Readonly<Record<string, string>>,
  place: 'view' | 'notification',
): Promise<void> {
  const t = vscode.l10n.t;
  const keys = Object.keys(settings);
  const retry = t('Try Again');
  while (true) {
    let problem: string | undefined;
    ctx.index.forget(app);
    const appClient = await findApplicationClient(app, created, ctx.index, ctx.session).catch(
      (error: unknown) => {
        ctx.log.warn(`Finding the application client of ${created.id}: ${String(error)}`);
        return undefined;
      },
    );
    if (!appClient) {
      problem = t(
        'Its application client was not found among the login_client API clients of {0}.',
        app.name,
      );
    } else if (keys.length > 0) {
      problem = await writeSettings(ctx, app, appClient, settings, place);
    }
    if (problem === undefined) {
      ctx.tree.refresh(app);
      const writeEnv = t('Write to .env…');
      const trySignIn = t('Try Sign-In');
      const arg = { application: app.name, loginClientId: created.id };
      void vscode.window
        .showInformationMessage(
          keys.length > 0
            ? t(
                'Created login client {0} ({1}) in {2}; its application client {3} signs in with {4}.',
                created.name,
                created.type,
                app.name,
                appClient!,
                keys.map((k) => `${k}=${settings[k]}`).join(', '),
              )
            : t('Created login client {0} ({1}) in {2}.', created.name, created.type, app.name),
          writeEnv,
          trySignIn,
        )
        .then((choice) =>
          choice === writeEnv
            ? vscode.commands.executeCommand(Commands.writeLoginClientToEnv, arg)
            : choice === trySignIn
              ? vscode.commands.executeCommand(Commands.trySignIn, arg)
              : undefined,
        );
      return;
    }
    const choice = await vscode.window.showWarningMessage(
      t(
        'Login client {0} was created, but the flow of its application client was not set ({1}): {2} Until it is, sign-ins end in "No flow available". Try Again sets only the settings; the login client is not created again.',
        created.name,
        keys.join(', '),
        problem,
      ),
      retry,
    );
    if (choice !== retry) {
      ctx.log.warn(`The flow settings of login client ${created.id} were left unset.`);
      return;
    }
  }
}
