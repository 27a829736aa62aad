import * as vscode from 'vscode';
import type { ApiClient } from '../api/captureClient';
import { CaptureApiError } from '../api/errors';
import { HIGH_RISK_FEATURES, featureDescription } from '../api/features';
import type { Application, ApplicationStore } from '../applications/applicationStore';
import type { OwnerSession } from '../applications/ownerSession';
import type { ClientIndex } from '../clients/clientIndex';
import { Commands, ContextKeys, SETTINGS_SECTION, Settings, TreeItemKinds } from '../ids';
import {
  applicationItem,
  escapeMarkdown,
  stateItem,
  type ApplicationNode,
  type StateNode,
} from './viewItems';
import { failureReport } from '../ui/errors';
import {
  settingItem,
  settingsChildren,
  settingsItem,
  type SettingNode,
  type SettingsNode,
} from './settingsNodes';
import type { HostedLoginSession } from '../hostedLogin/hostedLoginSession';
import {
  loginClientChildren,
  loginClientItem,
  loginClientsChildren,
  loginClientsItem,
  loginDetailItem,
  type LoginClientNode,
  type LoginClientsNode,
  type LoginDetailNode,
} from './loginClientNodes';

export interface ClientNode {
  readonly kind: 'client';
  readonly app: Application;
  /** Holds the client's secret in memory only: never shown in a label or tooltip. */
  readonly client: ApiClient;
  /** The owner client the extension itself authenticates as. */
  readonly own: boolean;
}
interface DetailNode {
  readonly kind: 'detail';
  readonly label: string;
  readonly description?: string;
  readonly icon: string;
  readonly children?: readonly DetailNode[];
}
export type ClientsTreeNode =
  | ApplicationNode
  | ClientNode
  | DetailNode
  | StateNode
  | SettingsNode
  | SettingNode
  | LoginClientsNode
  | LoginClientNode
  | LoginDetailNode;

/**
 * The clients view: the configured applications (from settings) → their API clients (from
 * /clients/list) → each client's features and allow list. Problems render as items with an
 * action, never as notifications. The listings are the {@link ClientIndex}'s: the editor features
 * read the same ones, so one /clients/list serves both.
 */
export class ClientsTree implements vscode.TreeDataProvider<ClientsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ClientsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ApplicationStore,
    private readonly index: ClientIndex,
    private readonly session: OwnerSession,
    private readonly log: vscode.LogOutputChannel,
    private readonly hostedLogin: HostedLoginSession,
  ) {
    this.subscription = store.onDidChange(() => {
      void this.updateContext();
      this.refresh();
    });
    void this.updateContext();
  }

  /** Lists again (one application, or all): for the view and the editor features alike. */
  refresh(app?: Application): void {
    this.index.refresh(app);
    this.changed.fire(undefined);
  }

  /**
   * The clients of an application, from the cache or fetched (asking for a missing owner secret).
   * Throws the API failure, or a cancellation when the user cancelled the secret prompt.
   */
  async clients(app: Application): Promise<readonly ApiClient[]> {
    const cached = this.index.has(app);
    let listing = await this.index.listing(app, true);
    // A listing the view made earlier may be stale (a failure since fixed, say) or may not have
    // asked for a missing secret (the view never asks): a command looks again, and asks.
    const stale = listing.state === 'failed' || (listing.state === 'missingSecret' && !listing.asked);
    if (cached && stale) {
      this.index.forget(app);
      listing = await this.index.listing(app, true);
    }
    if (listing.state === 'loaded') return listing.clients;
    this.index.forget(app); // not kept: the next command looks (and asks) again
    if (listing.state === 'failed') throw listing.error;
    throw new vscode.CancellationError();
  }

  getTreeItem(node: ClientsTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'application':
        return applicationItem(node);
      case 'client':
        return clientItem(node);
      case 'detail': {
        const item = new vscode.TreeItem(
          node.label,
          node.children?.length
            ? vscode.TreeItemCollapsibleState.Collapsed
            : vscode.TreeItemCollapsibleState.None,
        );
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'state':
        return stateItem(node);
      case 'settings':
        return settingsItem(node);
      case 'setting':
        return settingItem(node);
      case 'loginClients':
        return loginClientsItem(node);
      case 'loginClient':
        return loginClientItem(node);
      case 'loginDetail':
        return loginDetailItem(node);
    }
  }

  async getChildren(node?: ClientsTreeNode): Promise<ClientsTreeNode[]> {
    switch (node?.kind) {
      case 'application':
        return [
          ...(node.app.hostedLogin ? [{ kind: 'loginClients' as const, app: node.app }] : []),
          ...(await this.applicationChildren(node.app)),
        ];
      case 'loginClients':
        return loginClientsChildren(node, this.hostedLogin, this.log);
      case 'loginClient':
        return loginClientChildren(node, this.index, this.session, this.log);
      case 'client':
        return [
          ...clientDetails(node.client),
          { kind: 'settings', app: node.app, client: node.client, own: node.own },
        ];
      case 'settings':
        return settingsChildren(node, this.session);
      case 'detail':
        return [...(node.children ?? [])];
      case 'state':
      case 'setting':
      case 'loginDetail':
        return [];
      default:
        return this.applications();
    }
  }

  /** Only what reveal needs: a client's parent is its application. */
  getParent(node: ClientsTreeNode): ClientsTreeNode | undefined {
    return node.kind === 'client' ? { kind: 'application', app: node.app } : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** The top level: every usable application, then the entries of the setting that are not used, and why. */
  private applications(): ClientsTreeNode[] {
    const { apps, invalid } = this.store.read();
    return [
      ...apps.map((app): ApplicationNode => ({ kind: 'application', app })),
      ...invalid.map(({ name, problem }): StateNode => ({
        kind: 'state',
        label: vscode.l10n.t('{0}: not used ({1})', name, problem),
        icon: 'warning',
        command: {
          title: vscode.l10n.t('Open Settings'),
          command: 'workbench.action.openSettings',
          arguments: [`${SETTINGS_SECTION}.${Settings.applications}`],
        },
      })),
    ];
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand(
      'setContext',
      ContextKeys.hasApplications,
      this.store.list().length > 0,
    );
  }

  private async applicationChildren(app: Application): Promise<ClientsTreeNode[]> {
    const listing = await this.index.listing(app, false);
    if (listing.state === 'missingSecret') {
      this.index.forget(app); // look again next time: the secret may have been set
      return [
        {
          kind: 'state',
          label: vscode.l10n.t('Set Owner Credentials…'),
          tooltip: vscode.l10n.t('The owner client secret for {0} is not stored on this machine.', app.name),
          icon: 'key',
          command: {
            title: vscode.l10n.t('Set Owner Credentials…'),
            command: Commands.setOwnerCredentials,
            arguments: [{ application: app.name }],
          },
        },
      ];
    }
    if (listing.state === 'failed') {
      const error = listing.error;
      const { message } = failureReport(error, vscode.l10n.t('Listing clients'), this.log);
      const credentialsProblem =
        error instanceof CaptureApiError && (error.code === 402 || error.code === 403);
      const retry = {
        title: vscode.l10n.t('Retry'),
        command: Commands.refresh,
        arguments: [{ application: app.name }],
      };
      return [
        {
          kind: 'state',
          label: message,
          tooltip: message,
          icon: 'error',
          command: credentialsProblem
            ? {
                title: vscode.l10n.t('Set Owner Credentials…'),
                command: Commands.setOwnerCredentials,
                arguments: [{ application: app.name }],
              }
            : retry,
        },
        { kind: 'state', label: vscode.l10n.t('Retry'), icon: 'refresh', command: retry },
      ];
    }
    if (listing.clients.length === 0) {
      return [{ kind: 'state', label: vscode.l10n.t('No API clients'), icon: 'info' }];
    }
    // Read the settings once, not once per client: a list can hold thousands.
    const owners = new Set(this.store.ownerClientIds(app.domain));
    return listing.clients.map((client) => ({
      kind: 'client',
      app,
      client,
      own: owners.has(client.clientId),
    }));
  }
}

function clientItem(node: ClientNode): vscode.TreeItem {
  const { client } = node;
  const item = new vscode.TreeItem(
    client.description || vscode.l10n.t('(no description)'),
    vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = `client:${node.app.name}:${client.clientId}`;
  item.description = node.own
    ? `${client.clientId} · ${vscode.l10n.t('used by this extension')}`
    : client.clientId;
  const features =
    client.features.length > 0 ? client.features.join(', ') : vscode.l10n.t('none (no permissions)');
  item.tooltip = new vscode.MarkdownString(
    [
      `**${escapeMarkdown(client.description || vscode.l10n.t('(no description)'))}**`,
      `${vscode.l10n.t('Client ID')}: \`${client.clientId}\``,
      `${vscode.l10n.t('Features')}: ${escapeMarkdown(features)}`,
      `${vscode.l10n.t('Allow list')}: ${escapeMarkdown(client.whitelist.join(', ') || '—')}`,
      ...(node.own ? [vscode.l10n.t('The extension uses this owner client for {0}.', node.app.name)] : []),
    ].join('\n\n'),
  );
  const admin = client.features.some((f) => (HIGH_RISK_FEATURES as readonly string[]).includes(f));
  item.iconPath = new vscode.ThemeIcon(
    node.own ? 'verified' : admin ? 'shield' : 'key',
    admin ? new vscode.ThemeColor('list.warningForeground') : undefined,
  );
  item.contextValue = node.own ? TreeItemKinds.ownClient : TreeItemKinds.client;
  return item;
}

function clientDetails(client: ApiClient): DetailNode[] {
  return [
    {
      kind: 'detail',
      label: vscode.l10n.t('Features'),
      description:
        client.features.length === 0
          ? vscode.l10n.t('none (no permissions)')
          : String(client.features.length),
      icon: 'symbol-property',
      children: client.features.map((f) => ({
        kind: 'detail',
        label: f,
        description: featureDescription(f, vscode.l10n.t),
        icon: 'check',
      })),
    },
    {
      kind: 'detail',
      label: vscode.l10n.t('Allow List'),
      description: client.whitelist.length === 0 ? '—' : client.whitelist.join(', '),
      icon: 'globe',
      children: client.whitelist.map((cidr) => ({ kind: 'detail', label: cidr, icon: 'circle-small' })),
    },
  ];
}
