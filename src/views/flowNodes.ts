import vscode = require('vscode');
import { HEAD_VERSION } from '../api/settingsRules';
import type { Application } from '../applications/applicationStore';
import type { OwnerSession } from '../applications/ownerSession';
import { Commands, TreeItemKinds, Views } from '../ids';
import { failureReport } from '../ui/errors';
import { failedRow, ownerCredentialsRow, type StateNode } from './viewItems';

// The Flows node under an application with an application ID: its flows from the Configuration
// API (GET /config/{app_id}/flows), each expanding to its versions, HEAD first. Read-only.

export interface FlowsNode {
  readonly kind: 'flows';
  readonly app: Application;
}

export interface FlowNode {
  readonly kind: 'flow';
  readonly app: Application;
  readonly flow: string;
}

export interface FlowVersionNode {
  readonly kind: 'flowVersion';
  readonly app: Application;
  readonly flow: string;
  readonly version: string;
  readonly change: string;
}

export function flowsItem(node: FlowsNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Flows'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `flows:${node.app.name}`;
  item.iconPath = new vscode.ThemeIcon('type-hierarchy');
  item.description = node.app.configApiProblem
    ? vscode.l10n.t('not connected')
    : vscode.l10n.t('application {0}', node.app.appId ?? '');
  item.tooltip = vscode.l10n.t(
    "The application's flows, from the Configuration API. A login client's default_flow_name and default_flow_version name one of them.",
  );
  item.contextValue = TreeItemKinds.flows;
  return item;
}

export function flowItem(node: FlowNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.flow, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `flow:${node.app.name}:${node.flow}`;
  item.iconPath = new vscode.ThemeIcon('git-merge');
  item.tooltip = vscode.l10n.t('Flow {0}: expand it for its versions.', node.flow);
  item.contextValue = TreeItemKinds.flow;
  return item;
}

export function flowVersionItem(node: FlowVersionNode): vscode.TreeItem {
  const head = node.version === HEAD_VERSION;
  const item = new vscode.TreeItem(node.version, vscode.TreeItemCollapsibleState.None);
  item.id = `flowVersion:${node.app.name}:${node.flow}:${node.version}`;
  item.iconPath = new vscode.ThemeIcon(head ? 'git-commit' : 'tag');
  item.description = head ? `${vscode.l10n.t('latest')} · ${node.change}` : node.change;
  item.tooltip = head
    ? vscode.l10n.t('HEAD: the latest version of {0}, fine for testing. {1}', node.flow, node.change)
    : vscode.l10n.t('Version {0} of {1}: pin it for production. {2}', node.version, node.flow, node.change);
  item.contextValue = TreeItemKinds.flowVersion;
  return item;
}

/** The flows of an application, or one row saying why there are none (with what to do). */
export async function flowsChildren(
  node: FlowsNode,
  session: OwnerSession,
  log: vscode.LogOutputChannel,
): Promise<Array<FlowNode | StateNode>> {
  const { app } = node;
  if (app.configApiProblem) {
    return [connectRow(app, vscode.l10n.t('Not used: {0}', app.configApiProblem), 'warning')];
  }
  return listOrState(app, session, log, vscode.l10n.t('Listing the flows'), async (api) => {
    const flows = await api.flows();
    if (flows.length === 0) return [{ kind: 'state', label: vscode.l10n.t('No flows'), icon: 'info' }];
    return flows.map((f): FlowNode => ({ kind: 'flow', app, flow: f.name }));
  });
}

/** The versions of one flow, HEAD first. */
export async function flowChildren(
  node: FlowNode,
  session: OwnerSession,
  log: vscode.LogOutputChannel,
): Promise<Array<FlowVersionNode | StateNode>> {
  const { app, flow } = node;
  return listOrState(app, session, log, vscode.l10n.t('Listing the versions of {0}', flow), async (api) => {
    const versions = await api.flowVersions(flow);
    if (versions.length === 0) return [{ kind: 'state', label: vscode.l10n.t('No versions'), icon: 'info' }];
    return versions.map((v): FlowVersionNode => ({
      kind: 'flowVersion',
      app,
      flow,
      version: v.version,
      change: v.change,
    }));
  });
}

async function listOrState<T>(
  app: Application,
  session: OwnerSession,
  log: vscode.LogOutputChannel,
  what: string,
  list: (api: NonNullable<ReturnType<OwnerSession['configClient']>>) => Promise<Array<T | StateNode>>,
): Promise<Array<T | StateNode>> {
  try {
    const credentials = await session.credentials(app, false);
    if (!credentials) return [ownerCredentialsRow(app)];
    const api = session.configClient(app, credentials);
    if (!api) return [connectRow(app, vscode.l10n.t('Connect Configuration API…'), 'plug')];
    return await vscode.window.withProgress({ location: { viewId: Views.clients } }, () => list(api));
  } catch (error) {
    const { message } = failureReport(error, what, log);
    return [failedRow(app, message), connectRow(app, vscode.l10n.t('Connect Configuration API…'), 'plug')];
  }
}

function connectRow(app: Application, label: string, icon: string): StateNode {
  return {
    kind: 'state',
    label,
    tooltip: label,
    icon,
    command: {
      title: vscode.l10n.t('Connect Configuration API…'),
      command: Commands.connectConfigApi,
      arguments: [{ application: app.name }],
    },
  };
}
