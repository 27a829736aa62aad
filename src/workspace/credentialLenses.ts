import vscode = require('vscode');
import type { ClientIndex } from '../clients/clientIndex';
import type { LoginClientIndex } from '../hostedLogin/loginClientIndex';
import type { CredentialReport, IndexSnapshot } from '../env/credentialFindings';
import type { OidcReport } from '../env/oidcFindings';
import type { Directive } from '../env/directive';
import { keyNamesOf } from '../env/envCredentials';
import { Commands, SETTINGS_SECTION, Settings } from '../ids';
import { baseName, realEnvFileName } from '../env/envFiles';
import { credentialLensesEnabled, envKeyNames } from '../settings';
import type { EnvAnalyses } from './envDocuments';

/**
 * A line above each client ID key of an env file: `dev · checkout-service · direct_read_access ·
 * secret current`; clicking it reveals the client in the Identity Cloud view. The lenses change
 * when the index does (it fires an event), never on a timer.
 */
export class CredentialLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly index: ClientIndex,
    logins: LoginClientIndex,
    private readonly analyses: EnvAnalyses,
  ) {
    this.subscriptions = [
      this.changed,
      index.onDidChange(() => this.changed.fire()),
      logins.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.credentialLenses}`)) this.changed.fire();
      }),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!credentialLensesEnabled(document.uri)) return [];
    const stale = this.index.snapshot().stale;
    const lenses: vscode.CodeLens[] = [];
    const analysis = this.analyses.get(document);
    for (const report of analysis.reports) {
      const commands =
        report.state === 'empty'
          ? [onboardingCommand(document, report, analysis.directive, this.index.snapshot())]
          : [lensCommand(report, stale), checkCommand(document, report)];
      const line = document.positionAt(report.set.id.keyStart).line;
      for (const command of commands) {
        if (command) lenses.push(new vscode.CodeLens(new vscode.Range(line, 0, line, 0), command));
      }
    }
    if (analysis.oidc) {
      const line = document.positionAt(analysis.oidc.set.id.keyStart).line;
      for (const command of oidcCommands(analysis.oidc))
        lenses.push(new vscode.CodeLens(new vscode.Range(line, 0, line, 0), command));
    }
    return lenses;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

/**
 * In a file whose client ID is empty (a team's committed `.env.example`): the create flow,
 * prefilled from the file's `# identity-cloud:` directive and the workspace, every step still
 * asked, the credentials going to the real file beside it (`.env`), never into the example.
 */
function onboardingCommand(
  document: vscode.TextDocument,
  report: CredentialReport,
  directive: Directive | undefined,
  snapshot: IndexSnapshot,
): vscode.Command {
  // An application that is not configured is not passed (its problem is on the directive line):
  // the flow then asks which application, rather than ending in an error.
  const application = snapshot.applications.some((a) => a.name === directive?.application)
    ? directive?.application
    : undefined;
  const destination = vscode.Uri.joinPath(document.uri, '..', realEnvFileName(baseName(document.uri.path)));
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.name;
  const title = vscode.l10n.t('Create an API client for this file…');
  return {
    title: `$(add) ${title}`,
    tooltip: vscode.l10n.t(
      'Create a client and write its credentials to {0}',
      vscode.workspace.asRelativePath(destination, false),
    ),
    command: Commands.createClient,
    arguments: [
      {
        ...(application ? { application } : {}),
        ...(directive?.features ? { features: directive.features } : {}),
        ...(directive?.description || folder ? { description: directive?.description ?? folder } : {}),
        destination: destination.toString(),
        keys: keyNamesOf(report.set, envKeyNames(document.uri)),
        prefill: true,
      },
    ],
  };
}

/**
 * Above an OIDC client ID that is a connected application's: `dev · Storefront · public login
 * client`, and Try Sign-In with it; `not found` when the application's list lacks it.
 */
function oidcCommands(report: OidcReport): vscode.Command[] {
  const t = vscode.l10n.t;
  const { application, client } = report;
  if (!client) {
    return [
      {
        title: `$(warning) ${t('login client not found')}`,
        command: '',
        tooltip: t('The Hosted Login of {0} has no login client with this ID.', application),
      },
    ];
  }
  const type = client.type === 'public' ? t('public login client') : t('confidential login client');
  const target = { application, loginClientId: client.id };
  return [
    {
      title: [application, client.name, type].join(' · '),
      tooltip: t('Copy the client ID of {0}', client.name),
      command: Commands.copyLoginClientId,
      arguments: [target],
    },
    {
      title: `$(sign-in) ${t('Try Sign-In')}`,
      tooltip: t('Sign in with {0} in the browser and show the verified claims', client.name),
      command: Commands.trySignIn,
      arguments: [target],
    },
  ];
}

function lensCommand(report: CredentialReport, stale: boolean): vscode.Command | undefined {
  const t = vscode.l10n.t;
  if (report.state === 'notFound') {
    // A title without a command: there is nothing to reveal.
    return {
      title: `$(error) ${t('not found')}`,
      command: '',
      tooltip: t('No configured application has this client.'),
    };
  }
  if (report.state !== 'known' || !report.known) return undefined;
  const { application, client } = report.known;
  const status = stale
    ? t('index stale')
    : report.secret === 'current'
      ? t('secret current')
      : report.secret === 'outdated'
        ? t('secret outdated')
        : t('no secret');
  return {
    title: [
      application,
      client.description || t('(no description)'),
      client.features.join(', ') || t('no features'),
      status,
    ].join(' · '),
    tooltip: t('Reveal {0} in the Identity Cloud view', client.clientId),
    command: Commands.revealClient,
    arguments: [{ application, clientId: client.clientId }],
  };
}

/** Check These Credentials: a call made with the ID and secret this file holds (never shown). */
function checkCommand(document: vscode.TextDocument, report: CredentialReport): vscode.Command | undefined {
  if (report.state !== 'known' || report.secret === 'missing') return undefined;
  const title = vscode.l10n.t('Check These Credentials');
  return {
    title: `$(pass) ${title}`,
    tooltip: vscode.l10n.t('Call Identity Cloud with the client ID and secret in this file'),
    command: Commands.checkEnvCredentials,
    arguments: [checkEnvArgument(document.uri, report)],
  };
}

/** The argument of Check These Credentials: the file and the ID's key, never the secret itself. */
export function checkEnvArgument(uri: vscode.Uri, report: CredentialReport): { uri: string; key: string } {
  return { uri: uri.toString(), key: report.set.id.key };
}
