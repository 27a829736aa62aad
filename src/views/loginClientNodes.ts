import vscode = require('vscode');
import type { LoginClient, Policy } from '../api/hostedLoginClient';
import { SettingsClient } from '../api/settingsClient';
import type { Application } from '../applications/applicationStore';
import type { OwnerSession } from '../applications/ownerSession';
import type { ClientIndex } from '../clients/clientIndex';
import type { HostedLoginSession } from '../hostedLogin/hostedLoginSession';
import { Commands, TreeItemKinds } from '../ids';
import { failureReport } from '../ui/errors';
import { escapeMarkdown, type StateNode } from './viewItems';

// The "Login Clients (Hosted Login)" node under a connected application, and one row per login
// client with its type, redirect URIs, policies by title and its application (Capture) client.

export interface LoginClientsNode {
  readonly kind: 'loginClients';
  readonly app: Application;
}

export interface LoginClientNode {
  readonly kind: 'loginClient';
  readonly app: Application;
  readonly client: LoginClient;
  readonly loginPolicy: string;
  readonly tokenPolicy: string;
}

/** A plain row below a login client (a redirect URI, a policy, the application client). */
export interface LoginDetailNode {
  readonly kind: 'loginDetail';
  readonly label: string;
  readonly description?: string;
  readonly icon: string;
  readonly command?: vscode.Command;
}

/** The application client Hosted Login made for each login client: found by its janrainOidcClientId setting. */
const OIDC_CLIENT_ID_SETTING = 'janrainOidcClientId';

export function loginClientsItem(node: LoginClientsNode): vscode.TreeItem {
  const item = new vscode.TreeItem(
    vscode.l10n.t('Login Clients (Hosted Login)'),
    vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = `loginClients:${node.app.name}`;
  item.iconPath = new vscode.ThemeIcon('sign-in');
  item.description = node.app.hostedLogin?.customerId;
  item.tooltip = vscode.l10n.t('The OpenID Connect login clients of {0} (Hosted Login).', node.app.name);
  item.contextValue = TreeItemKinds.loginClients;
  return item;
}

export function loginClientItem(node: LoginClientNode): vscode.TreeItem {
  const { client } = node;
  const item = new vscode.TreeItem(client.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `loginClient:${node.app.name}:${client.id}`;
  const type = client.type === 'public' ? vscode.l10n.t('public') : vscode.l10n.t('confidential');
  item.description = `${type} · ${client.id}`;
  item.iconPath = new vscode.ThemeIcon(client.type === 'public' ? 'globe' : 'lock');
  item.tooltip = new vscode.MarkdownString(
    [
      `**${escapeMarkdown(client.name)}** (${type})`,
      `${vscode.l10n.t('Client ID')}: \`${client.id}\``,
      `${vscode.l10n.t('Redirect URIs')}: ${escapeMarkdown(client.redirectUris.join(', ') || '—')}`,
      `${vscode.l10n.t('Login policy')}: ${escapeMarkdown(node.loginPolicy)}`,
      `${vscode.l10n.t('Token policy')}: ${escapeMarkdown(node.tokenPolicy)}`,
    ].join('\n\n'),
  );
  item.contextValue =
    client.type === 'confidential' ? TreeItemKinds.confidentialLoginClient : TreeItemKinds.loginClient;
  return item;
}

export function loginDetailItem(node: LoginDetailNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.description = node.description;
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.command = node.command;
  return item;
}

/** The login clients of a connected application, with their policies by title; a problem is one row. */
export async function loginClientsChildren(
  node: LoginClientsNode,
  session: HostedLoginSession,
  log: vscode.LogOutputChannel,
): Promise<Array<LoginClientNode | StateNode>> {
  try {
    const api = await session.client(node.app);
    const [clients, logins, tokens] = await Promise.all([
      api.listClients(),
      api.loginPolicies(),
      api.tokenPolicies(),
    ]);
    session.announce({ application: node.app.name, clients });
    if (clients.length === 0) {
      return [
        {
          kind: 'state',
          label: vscode.l10n.t('Create Login Client…'),
          icon: 'add',
          command: {
            title: vscode.l10n.t('Create Login Client…'),
            command: Commands.createLoginClient,
            arguments: [{ application: node.app.name }],
          },
        },
      ];
    }
    return clients.map((client) => ({
      kind: 'loginClient',
      app: node.app,
      client,
      loginPolicy: title(logins, client.loginPolicy),
      tokenPolicy: title(tokens, client.tokenPolicy),
    }));
  } catch (error) {
    const { message } = failureReport(error, vscode.l10n.t('Listing login clients'), log);
    return [
      {
        kind: 'state',
        label: message,
        tooltip: message,
        icon: 'error',
        command: {
          title: vscode.l10n.t('Connect Hosted Login…'),
          command: Commands.connectHostedLogin,
          arguments: [{ application: node.app.name }],
        },
      },
    ];
  }
}

/** The rows of a login client: redirect URIs, policies, and its application client (linked to its row). */
export async function loginClientChildren(
  node: LoginClientNode,
  index: ClientIndex,
  owner: OwnerSession,
  log: vscode.LogOutputChannel,
): Promise<LoginDetailNode[]> {
  const rows: LoginDetailNode[] = [
    ...node.client.redirectUris.map((uri) => ({
      kind: 'loginDetail' as const,
      label: uri,
      description: vscode.l10n.t('redirect URI'),
      icon: 'link',
    })),
    {
      kind: 'loginDetail',
      label: node.loginPolicy,
      description: vscode.l10n.t('login policy'),
      icon: 'shield',
    },
    { kind: 'loginDetail', label: node.tokenPolicy, description: vscode.l10n.t('token policy'), icon: 'key' },
  ];
  const appClient = await findApplicationClient(node.app, node.client, index, owner).catch(
    (error: unknown) => {
      log.warn(`Finding the application client of ${node.client.id}: ${String(error)}`);
      return undefined;
    },
  );
  rows.push(
    appClient
      ? {
          kind: 'loginDetail',
          label: appClient,
          description: vscode.l10n.t('application client (API client)'),
          icon: 'references',
          command: {
            title: vscode.l10n.t('Show API Client'),
            command: Commands.revealClient,
            arguments: [{ application: node.app.name, clientId: appClient }],
          },
        }
      : {
          kind: 'loginDetail',
          label: vscode.l10n.t('Application client not found'),
          description: vscode.l10n.t('no login_client API client names it in {0}', OIDC_CLIENT_ID_SETTING),
          icon: 'question',
        },
  );
  return rows;
}

/**
 * The Capture API client Hosted Login made for a login client: a login_client client whose
 * janrainOidcClientId setting is the login client's ID (the docs name no link field for it). Those
 * named like the login client are asked first.
 */
export async function findApplicationClient(
  app: Application,
  client: Pick<LoginClient, 'id' | 'name'>,
  index: ClientIndex,
  owner: OwnerSession,
): Promise<string | undefined> {
  const listing = await index.listing(app, false);
  if (listing.state !== 'loaded') return undefined;
  const credentials = await owner.credentials(app, false);
  if (!credentials) return undefined;
  const settings = new SettingsClient(owner.client(credentials, app.name));
  const candidates = listing.clients
    .filter((c) => c.features.includes('login_client'))
    .sort((a, b) => Number(b.description === client.name) - Number(a.description === client.name))
    .slice(0, 25);
  for (const candidate of candidates) {
    if ((await settings.get(candidate.clientId, OIDC_CLIENT_ID_SETTING)) === client.id)
      return candidate.clientId;
  }
  return undefined;
}

function title(policies: readonly Policy[], id: string): string {
  return policies.find((p) => p.id === id)?.title ?? id;
}
