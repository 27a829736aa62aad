import vscode = require('vscode');
import type { ClientIndex } from '../clients/clientIndex';
import type { LoginClient } from '../api/hostedLoginClient';
import type { CredentialReport, IndexedClient, SecretState } from '../env/credentialFindings';
import { Commands } from '../ids';
import { escapeMarkdown } from '../views/viewItems';
import { checkEnvArgument } from './credentialLenses';
import { isEnvDocument, type EnvAnalyses } from './envDocuments';

/** The only commands a hover may run: its Markdown also holds text from the file and from Capture. */
const LINKED = [
  Commands.revealClient,
  Commands.copyClientId,
  Commands.editFeatures,
  Commands.resetSecret,
  Commands.checkEnvCredentials,
  Commands.copyLoginClientId,
  Commands.editRedirectUris,
  Commands.trySignIn,
];

const WORD = /[A-Za-z0-9]+/;

/**
 * On a client ID the index knows (an exact match, in any file): what the client is, and in an env
 * file whether the secret paired with it is current. Answered from memory; never the secret.
 */
export class CredentialHover implements vscode.HoverProvider {
  constructor(
    private readonly index: ClientIndex,
    private readonly analyses: EnvAnalyses,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (isEnvDocument(document)) {
      // An OIDC client ID (a UUID, dashes and all) of a connected application's login client.
      const login = this.analyses.get(document).oidc;
      const offset = document.offsetAt(position);
      if (login?.client && offset >= login.set.id.start && offset <= login.set.id.end) {
        const range = new vscode.Range(
          document.positionAt(login.set.id.start),
          document.positionAt(login.set.id.end),
        );
        return new vscode.Hover(loginHoverMarkdown(login.application, login.client), range);
      }
    }
    const range = document.getWordRangeAtPosition(position, WORD);
    if (!range) return undefined;
    const known = this.index.snapshot().lookup(document.getText(range));
    if (!known) return undefined;
    let report: CredentialReport | undefined;
    let envFile: vscode.Uri | undefined;
    if (isEnvDocument(document)) {
      envFile = document.uri;
      const offset = document.offsetAt(range.start);
      report = this.analyses.get(document).reports.find((r) => r.set.id.start === offset);
    }
    const check = report && report.secret !== 'missing' ? checkEnvArgument(document.uri, report) : undefined;
    return new vscode.Hover(
      hoverMarkdown(known, report?.secret, this.index.snapshot().stale, check, envFile),
      range,
    );
  }
}

export function hoverMarkdown(
  known: IndexedClient,
  secret: SecretState | undefined,
  stale: boolean,
  /** The argument of Check These Credentials, when the hovered ID has a secret beside it in an env file. */
  check?: { uri: string; key: string },
  /** The env file hovered in: Reset Secret… then writes the new secret there. */
  envFile?: vscode.Uri,
): vscode.MarkdownString {
  const { client } = known;
  const t = vscode.l10n.t;
  const lines = [
    `**${escapeMarkdown(client.description || t('(no description)'))}** · ${escapeMarkdown(t('Identity Cloud application {0}', known.application))}`,
    `${t('Client ID')}: \`${client.clientId}\``,
    `${t('Features')}: ${escapeMarkdown(client.features.join(', ') || t('none (no permissions)'))}`,
    `${t('Allow list')}: ${escapeMarkdown(client.whitelist.join(', ') || '—')}`,
  ];
  if (known.own)
    lines.push(escapeMarkdown(t('The extension signs in to {0} as this owner client.', known.application)));
  if (secret === 'current') lines.push(`$(pass) ${t('The secret in this file is current.')}`);
  if (secret === 'outdated')
    lines.push(`$(warning) ${t('The secret in this file is not the current one: it was reset.')}`);
  if (stale) lines.push(`$(warning) ${t('The client list may be out of date: its last refresh failed.')}`);
  const target = { application: known.application, clientId: client.clientId };
  const link = (title: string, command: string, argument: object = target) =>
    `[${escapeMarkdown(title)}](command:${command}?${encodeURIComponent(JSON.stringify([argument]))})`;
  lines.push(
    [
      ...(check ? [link(t('Check These Credentials'), Commands.checkEnvCredentials, check)] : []),
      link(t('Reveal in the Identity Cloud View'), Commands.revealClient),
      link(t('Copy Client ID'), Commands.copyClientId),
      link(t('Edit Features…'), Commands.editFeatures),
      link(
        t('Reset Secret…'),
        Commands.resetSecret,
        envFile ? { ...target, destination: envFile.toString() } : target,
      ),
    ].join(' · '),
  );
  const markdown = new vscode.MarkdownString(lines.join('\n\n'), true);
  markdown.isTrusted = { enabledCommands: LINKED };
  return markdown;
}

/** A login client as the hover on an env file's OIDC client ID shows it (never a secret). */
export function loginHoverMarkdown(application: string, client: LoginClient): vscode.MarkdownString {
  const t = vscode.l10n.t;
  const type = client.type === 'public' ? t('public') : t('confidential');
  const target = { application, loginClientId: client.id };
  const link = (title: string, command: string) =>
    `[${escapeMarkdown(title)}](command:${command}?${encodeURIComponent(JSON.stringify([target]))})`;
  const lines = [
    `**${escapeMarkdown(client.name)}** · ${escapeMarkdown(t('{0} login client of {1} (Hosted Login)', type, application))}`,
    `${t('Client ID')}: \`${client.id}\``,
    `${t('Redirect URIs')}: ${escapeMarkdown(client.redirectUris.join(', ') || '—')}`,
    [
      link(t('Copy Client ID'), Commands.copyLoginClientId),
      link(t('Edit Redirect URIs…'), Commands.editRedirectUris),
      link(t('Try Sign-In'), Commands.trySignIn),
    ].join(' · '),
  ];
  const markdown = new vscode.MarkdownString(lines.join('\n\n'), true);
  markdown.isTrusted = { enabledCommands: LINKED };
  return markdown;
}
