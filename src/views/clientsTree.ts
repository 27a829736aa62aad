import vscode = require('vscode');
import type { ApiClient } from '../api/captureClient';
import { CaptureApiError } from '../api/errors';
import { HIGH_RISK_FEATURES, featureDescription } from '../api/features';
import type { Application, ApplicationStore } from '../applications/applicationStore';
import type { OwnerSession } from '../applications/ownerSession';
import type { ClientIndex } from '../clients/clientIndex';
import { Commands, ContextKeys, SETTINGS_SECTION, Settings, TreeItemKinds } from '../ids';
import {
  applicationItem,
  applicationTooltip,
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
import {
  flowChildren,
  flowItem,
  flowsChildren,
  flowsItem,
  flowVersionItem,
  type FlowNode,
  type FlowsNode,
  type FlowVersionNode,
} from './flowNodes';
import type { TreeNodeKind } from './nodeKinds';

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
  | LoginDetailNode
  | FlowsNode
  | FlowNode
  | FlowVersionNode;

// Every node kind is in TREE_NODE_KINDS and nothing else is: a new node fails to compile until listed.
type SameKinds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const nodeKindsListed: SameKinds<ClientsTreeNode['kind'], TreeNodeKind> = true;
void nodeKindsListed;

/** How many applications (the first ones) are drawn expanded until the user says otherwise. */
export const EXPANDED_APPLICATIONS = 3;

/** Where the view remembers which applications the user expanded or collapsed (workspace state). */
export type ExpansionMemory = Pick<vscode.Memento, 'get' | 'update'>;
const EXPANSION_KEY = 'identityCloud.expandedApplications';

/**
 * The clients view: the configured applications (from settings) → their API clients (from
 * /clients/list) → each client's features and allow list. Problems render as items with an
 * action, never as notifications. The listings are the {@link ClientIndex}'s: the editor features
 * read the same ones, so one /clients/list serves both. With many applications only the first
 * few start expanded (then each as the user left it), tree items are built only for what is
 * expanded, tooltips only when hovered, and a refresh of one application redraws only it.
 */
export class ClientsTree implements vscode.TreeDataProvider<ClientsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ClientsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** The application nodes last handed to VS Code: a refresh of one names its node. */
  private readonly nodes = new Map<string, ApplicationNode>();

  constructor(
    private readonly store: ApplicationStore,
    private readonly index: ClientIndex,
    private readonly session: OwnerSession,
    private readonly log: vscode.LogOutputChannel,
    private readonly hostedLogin: HostedLoginSession,
    private readonly expansion: ExpansionMemory = inMemory(),
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
    const node = app && this.nodes.get(app.name);
    if (app && !node) return; // not drawn yet: nothing to redraw
    if (!node) this.nodes.clear();
    this.changed.fire(node);
  }

  /** Remembers that the user expanded or collapsed an application (the view's events). */
  remember(node: ClientsTreeNode, expanded: boolean): void {
    if (node.kind !== 'application') return;
    const remembered = { ...this.expansion.get<Record<string, boolean>>(EXPANSION_KEY, {}) };
    if (remembered[node.app.name] === expanded) return;
    remembered[node.app.name] = expanded;
    void this.expansion.update(EXPANSION_KEY, remembered);
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
      case 'flows':
        return flowsItem(node);
      case 'flow':
        return flowItem(node);
      case 'flowVersion':
        return flowVersionItem(node);
    }
  }

  /** Tooltips only for the item the pointer is on: a list of thousands builds none up front. */
  resolveTreeItem(item: vscode.TreeItem, node: ClientsTreeNode): vscode.TreeItem {
    if (node.kind === 'application') item.tooltip = applicationTooltip(node);
    if (node.kind === 'client') item.tooltip = clientTooltip(node);
    return item;
  }

  async getChildren(node?: ClientsTreeNode): Promise<ClientsTreeNode[]> {
    switch (node?.kind) {
      case 'application': {
        // With an application ID, the Configuration API's flows come first, then the Hosted Login
        // clients when Hosted Login is connected, then the clients.
        const app = node.app;
        const flows: FlowsNode[] = app.appId || app.configApiProblem ? [{ kind: 'flows', app }] : [];
        const login: LoginClientsNode[] = app.hostedLogin ? [{ kind: 'loginClients', app }] : [];
        return [...flows, ...login, ...(await this.applicationChildren(app))];
      }
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
        return settingsChildren(node, this.session, this.log);
      case 'flows':
        return flowsChildren(node, this.session, this.log);
      case 'flow':
        return flowChildren(node, this.session, this.log);
      case 'detail':
        return [...(node.children ?? [])];
      case 'state':
      case 'setting':
      case 'loginDetail':
      case 'flowVersion':
        return [];
      default:
        return this.applications();
    }
  }

  /** Only what reveal needs: a client's parent is its application. */
  getParent(node: ClientsTreeNode): ClientsTreeNode | undefined {
    if (node.kind !== 'client') return undefined;
    return this.nodes.get(node.app.name) ?? { kind: 'application', app: node.app };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** The top level: every usable application, then the entries of the setting that are not used, and why. */
  private applications(): ClientsTreeNode[] {
    const { apps, invalid } = this.store.read();
    const remembered = this.expansion.get<Record<string, boolean>>(EXPANSION_KEY, {});
    this.nodes.clear();
    return [
      ...apps.map((app, i): ApplicationNode => {
        const node: ApplicationNode = {
          kind: 'application',
          app,
          expanded: remembered[app.name] ?? i < EXPANDED_APPLICATIONS,
        };
        this.nodes.set(app.name, node);
        return node;
      }),
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

  private hasApplications: boolean | undefined;

  /** Sets the context key (the welcome view, the walkthrough's tick) only when it changes: each is a round trip. */
  private async updateContext(): Promise<void> {
    const has = this.store.list().length > 0;
    if (has === this.hasApplications) return;
    this.hasApplications = has;
    await vscode.commands.executeCommand('setContext', ContextKeys.hasApplications, has);
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
  const admin = client.features.some((f) => (HIGH_RISK_FEATURES as readonly string[]).includes(f));
  item.iconPath = new vscode.ThemeIcon(
    node.own ? 'verified' : admin ? 'shield' : 'key',
    admin ? new vscode.ThemeColor('list.warningForeground') : undefined,
  );
  item.contextValue = node.own ? TreeItemKinds.ownClient : TreeItemKinds.client;
  return item;
}

function clientTooltip(node: ClientNode): vscode.MarkdownString {
  const { client } = node;
  const features =
    client.features.length > 0 ? client.features.join(', ') : vscode.l10n.t('none (no permissions)');
  return new vscode.MarkdownString(
    [
      `**${escapeMarkdown(client.description || vscode.l10n.t('(no description)'))}**`,
      `${vscode.l10n.t('Client ID')}: \`${client.clientId}\``,
      `${vscode.l10n.t('Features')}: ${escapeMarkdown(features)}`,
      `${vscode.l10n.t('Allow list')}: ${escapeMarkdown(client.whitelist.join(', ') || '—')}`,
      ...(node.own ? [vscode.l10n.t('The extension uses this owner client for {0}.', node.app.name)] : []),
    ].join('\n\n'),
  );
}

/** Expansion remembered for this session only (tests, and a host without workspace state). */
function inMemory(): ExpansionMemory {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
  } as ExpansionMemory;
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
