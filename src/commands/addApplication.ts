import vscode = require('vscode');
import { UserFacingError } from '../common/userFacingError';
import { normalizeCaptureDomain } from '../api/captureDomain';
import { CAPTURE_ID_SHAPE } from '../api/validation';
import { CaptureApiError, isApiFailure, TransportError } from '../api/errors';
import { describeFailure } from '../api/errorMessages';
import type { Application } from '../applications/applicationStore';
import { secretStorageCall } from '../applications/secretStorage';
import { BACK, askText, pickOne, type Back, type TextOptions } from '../ui/quickInput';
import { runSteps, type Step, type StepPosition } from '../ui/multiStep';
import { withApiProgress } from '../ui/progress';
import { checkConfigApi, configApiSteps, type ConfigApiAnswers } from '../ui/configApiSteps';
import { type CommandContext } from './context';
import { Commands } from '../ids';
import type { CommandInvocation } from './arguments';

/**
 * Identity Cloud: Add Application… — name, Capture domain, owner client ID, owner secret
 * (password box), then, optionally, the Configuration API's application ID and region. The
 * credentials, and the Configuration API when given, are each checked with a read-only call before
 * anything is saved.
 * Arguments: `{ name?, domain?, clientId? }`; the secret is only ever typed into the password box.
 * With `previous` (Set Owner Credentials), only the owner client ID and secret are asked, and the
 * application keeps its name and domain.
 */
export async function addApplication(
  ctx: CommandContext,
  { args }: CommandInvocation<typeof Commands.addApplication>,
  previous?: Application,
): Promise<void> {
  const title = previous
    ? vscode.l10n.t('Set Owner Credentials for {0}', previous.name)
    : vscode.l10n.t('Add Identity Cloud Application');
  const values = {
    name: args.name?.trim() ?? previous?.name ?? '',
    domain: args.domain?.trim() ?? previous?.domain ?? '',
    clientId: args.clientId?.trim() ?? previous?.clientId ?? '',
    secret: '',
  };
  const problems = {
    name: (v: string) => {
      const name = v.trim();
      if (!name) return vscode.l10n.t('Enter a name.');
      if (name.length > 60) return vscode.l10n.t('Keep the name under 60 characters.');
      const clash = ctx.store.find(name);
      return clash && clash.name.toLowerCase() !== previous?.name.toLowerCase()
        ? vscode.l10n.t('An application named "{0}" exists already.', clash.name)
        : undefined;
    },
    domain: (v: string) => {
      const result = normalizeCaptureDomain(v, vscode.l10n.t);
      return 'problem' in result ? result.problem : undefined;
    },
    clientId: (v: string) =>
      /^\s*\S+\s*$/.test(v) ? undefined : vscode.l10n.t('Enter the owner client ID (no spaces).'),
  };
  // A value that came valid in the argument object is not asked for; "Edit Credentials" after a
  // failed check asks again for the one most likely wrong.
  const given = (key: 'name' | 'domain' | 'clientId') =>
    args[key] !== undefined && !problems[key](values[key]);
  let correcting: 'domain' | 'clientId' | 'configApi' | undefined;
  const asked = (key: 'name' | 'domain' | 'clientId') => () =>
    correcting === key ? false : !!previous || given(key);
  /** One typed value: asked with its prefilled value, kept when the box is accepted. */
  const ask =
    (key: keyof typeof values, options: Omit<TextOptions, 'title' | 'value'>) =>
    async (position: StepPosition) => {
      const answer = await askText({
        title,
        ...position,
        value: key === 'secret' ? '' : values[key],
        ...options,
      });
      if (typeof answer === 'string') values[key] = key === 'domain' ? answer : answer.trim();
      return answer;
    };
  /** Whether the optional Configuration API step connects it; its answers. */
  let configApi: 'connect' | 'skip' | undefined;
  const api: ConfigApiAnswers = { appId: '', region: '' };
  // Asked only when the user chose to connect, and not again while the owner credentials are
  // being corrected (its answers are kept).
  const configApiSkipped = () =>
    configApi !== 'connect' || correcting === 'domain' || correcting === 'clientId';
  const [appIdStep, regionStep] = configApiSteps(title, api, () => values.domain, {
    appId: configApiSkipped,
    region: configApiSkipped,
  });
  const steps: Step[] = [
    {
      skip: asked('name'),
      ask: ask('name', {
        prompt: vscode.l10n.t('A name for this application, such as dev, staging or prod.'),
        placeholder: vscode.l10n.t('e.g. dev'),
        validate: problems.name,
      }),
    },
    {
      skip: asked('domain'),
      ask: ask('domain', {
        prompt: vscode.l10n.t('The Capture domain from Console → Manage Application.'),
        placeholder: 'myapp.us-dev.janraincapture.com',
        validate: problems.domain,
      }),
    },
    {
      skip: () => correcting !== 'clientId' && given('clientId'),
      ask: ask('clientId', {
        prompt: vscode.l10n.t('The client ID of an API client with the owner feature.'),
        placeholder: vscode.l10n.t('32 letters and digits, from Console → API Clients'),
        validate: problems.clientId,
        hint: clientIdHint,
      }),
    },
    {
      ask: (position) =>
        ask('secret', {
          prompt: vscode.l10n.t(
            "The owner client secret. It is kept in VS Code's secret storage, never in settings.",
          ),
          placeholder: vscode.l10n.t('The secret of owner client {0}', values.clientId),
          password: true,
          validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the owner client secret.')),
        })(position),
    },
    // The Configuration API, optional: asked for a new application only, once.
    {
      decides: true,
      skip: () => !!previous || correcting !== undefined,
      ask: async (position: StepPosition) => {
        const answer = await askConfigApi(title, position, configApi);
        if (answer === 'connect' || answer === 'skip') configApi = answer;
        return answer;
      },
    },
    appIdStep,
    regionStep,
  ];
  let from = 0;
  /** The owner check's outcome, kept while only the Configuration API answers are corrected. */
  let owner: 'verified' | 'unverified' | undefined;
  while (await runSteps(steps, from)) {
    const normalized = normalizeCaptureDomain(values.domain, vscode.l10n.t);
    let app: Application = {
      // Set Owner Credentials keeps what else the application has (its Configuration API, its
      // Hosted Login connection).
      ...previous,
      name: values.name,
      domain: 'origin' in normalized ? normalized.origin : values.domain,
      clientId: values.clientId,
      ...(configApi === 'connect' ? { appId: api.appId, region: api.region } : {}),
    };
    const credentials = { domain: app.domain, clientId: app.clientId, clientSecret: values.secret };
    if (!owner) {
      const verdict = await verify(ctx, app, values.secret, !previous);
      if (verdict === 'cancel') return;
      if (verdict === 'retryDomain' || verdict === 'retryClient') {
        // Set Owner Credentials never gets 'retryDomain': it cannot change the domain.
        correcting = verdict === 'retryDomain' ? 'domain' : 'clientId';
        from = correcting === 'domain' ? 1 : 2;
        continue;
      }
      owner = verdict;
    }
    // The Configuration API is checked once the owner client is known to work (or is saved
    // unchecked): both are saved together, or neither.
    const configVerdict =
      app.appId && !previous ? await checkConfigApi(ctx, 'notification', app, credentials, true) : undefined;
    if (configVerdict === 'cancel') return;
    if (configVerdict === 'edit') {
      correcting = 'configApi';
      from = steps.indexOf(appIdStep);
      continue;
    }
    if (configVerdict === 'without') app = { ...app, appId: undefined, region: undefined };
    await save(ctx, app, values.secret, previous);
    void vscode.window.showInformationMessage(
      [
        owner === 'verified'
          ? vscode.l10n.t('Saved {0}. The owner credentials work.', app.name)
          : vscode.l10n.t('Saved {0} without checking the credentials.', app.name),
        ...(configVerdict === undefined ? [] : [configApiOutcome(configVerdict)]),
      ].join(' '),
    );
    return;
  }
}

/** The sentence the "Saved" message ends with when the Configuration API was asked for. */
function configApiOutcome(verdict: number | 'unchecked' | 'without'): string {
  if (verdict === 'unchecked') return vscode.l10n.t('Its Configuration API was saved without checking it.');
  if (verdict === 'without')
    return vscode.l10n.t(
      'It has no Configuration API yet: Connect Configuration API… on the application connects it.',
    );
  return verdict === 1
    ? vscode.l10n.t('Its Configuration API lists 1 flow.')
    : vscode.l10n.t('Its Configuration API lists {0} flows.', verdict);
}

/** The optional step: connect the Configuration API now, or skip it in plain words. */
async function askConfigApi(
  title: string,
  position: StepPosition,
  current: 'connect' | 'skip' | undefined,
): Promise<'connect' | 'skip' | Back | undefined> {
  const items = [
    {
      label: vscode.l10n.t('Enter the Application ID and Region…'),
      description: vscode.l10n.t('from Console → Manage Application'),
      answer: 'connect' as const,
    },
    {
      label: vscode.l10n.t('Skip — connect the Configuration API later'),
      description: vscode.l10n.t('Connect Configuration API… on the application does it'),
      answer: 'skip' as const,
    },
  ];
  const chosen = await pickOne(items, {
    title,
    ...position,
    placeholder: vscode.l10n.t(
      "Connect the Configuration API (optional)? With it, a login client's flow and version are picked from the application's flows, not typed.",
    ),
    activeIndex: current === 'skip' ? 1 : 0,
  });
  return chosen === undefined || chosen === BACK ? chosen : chosen.answer;
}

/** An owner client ID that is accepted but does not look like one: a pasted secret, say. */
function clientIdHint(value: string): string | undefined {
  return CAPTURE_ID_SHAPE.test(value.trim())
    ? undefined
    : vscode.l10n.t(
        'Capture client IDs are 32 lowercase letters and digits. Check that this is the owner client ID, not its secret.',
      );
}

/** The secret first, with a failing secret storage put in words; then the settings entry. */
async function save(ctx: CommandContext, app: Application, secret: string, previous?: Application) {
  await secretStorageCall(() => ctx.store.storeSecret(app, secret), 'save');
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
  ctx.log.info(
    `Saved application ${app.name} (${app.domain}, owner client ${app.clientId}${app.appId ? `, application ID ${app.appId}, region ${app.region}` : ''})`,
  );
}

/**
 * A read-only call with the new credentials. 'retryDomain' and 'retryClient' send the user back to
 * the step that is most likely wrong: the domain (when `domainEditable`: Add Application, not Set
 * Owner Credentials) when Capture does not know the application or no server answers to its name.
 */
async function verify(
  ctx: CommandContext,
  app: Application,
  secret: string,
  domainEditable: boolean,
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
    const unknownApplication = error instanceof CaptureApiError && [205, 221, 224].includes(error.code ?? 0);
    const wrongCredentials = unknownApplication || (error instanceof CaptureApiError && error.code === 402);
    // The step most likely wrong, named on the button that goes back to it: the domain when Capture
    // does not know the application, or when no server answers to that name.
    const domainSuspect =
      domainEditable &&
      (unknownApplication ||
        (error instanceof TransportError && (error.failure === 'dns' || error.failure === 'redirect')));
    const edit = domainSuspect ? vscode.l10n.t('Edit Capture Domain') : vscode.l10n.t('Edit Credentials');
    // Modal: the wizard waits on this answer, and a toast may be tucked away unseen.
    const choice = wrongCredentials
      ? await vscode.window.showErrorMessage(message, { modal: true }, edit)
      : await vscode.window.showErrorMessage(message, { modal: true }, saveAnyway, edit);
    if (choice === saveAnyway) return 'unverified';
    if (choice === edit) return domainSuspect ? 'retryDomain' : 'retryClient';
    return 'cancel';
  }
}
