import vscode = require('vscode');
import type { ApiClient, OwnerCredentials } from '../api/captureClient';
import { SettingsClient } from '../api/settingsClient';
import { shortValue } from '../api/settingsRules';
import { describeFlowProblem, findFlowProblem } from '../api/flowCheck';
import type { Application } from '../applications/applicationStore';
import type { OwnerSession } from '../applications/ownerSession';
import { Commands, TreeItemKinds, Views } from '../ids';
import { failureReport } from '../ui/errors';
import { failedRow, ownerCredentialsRow, type StateNode } from './viewItems';

/** The Settings node under a client: its `/settings/items`, read when expanded. */
export interface SettingsNode {
  readonly kind: 'settings';
  readonly app: Application;
  readonly client: ApiClient;
  readonly own: boolean;
}

/** One `key = value` row under a Settings node. */
export interface SettingNode {
  readonly kind: 'setting';
  readonly app: Application;
  readonly client: ApiClient;
  readonly own: boolean;
  readonly key: string;
  readonly value: string;
}

export function settingsItem(node: SettingsNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Settings'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `settings:${node.app.name}:${node.client.clientId}`;
  item.iconPath = new vscode.ThemeIcon('settings-gear');
  item.tooltip = vscode.l10n.t(
    "The client's settings: its own values, and the application defaults where it has none.",
  );
  item.contextValue = TreeItemKinds.settings;
  return item;
}

export function settingItem(node: SettingNode): vscode.TreeItem {
  const shown = node.value === '' ? '""' : shortValue(node.value);
  const item = new vscode.TreeItem(`${node.key} = ${shown}`, vscode.TreeItemCollapsibleState.None);
  item.id = `setting:${node.app.name}:${node.client.clientId}:${node.key}`;
  item.iconPath = new vscode.ThemeIcon('symbol-constant');
  // A plain-text tooltip shows the value exactly as it is, line breaks and all.
  item.tooltip = `${node.key} =\n${node.value}`;
  item.contextValue = TreeItemKinds.setting;
  return item;
}

/** The rows below a Settings node, sorted by key; a problem becomes one row with a Retry. */
export async function settingsChildren(
  node: SettingsNode,
  session: OwnerSession,
  log: vscode.LogOutputChannel,
): Promise<Array<SettingNode | StateNode>> {
  let items: Readonly<Record<string, string>>;
  let credentials: OwnerCredentials;
  try {
    const stored = await session.credentials(node.app, false);
    if (!stored) return [ownerCredentialsRow(node.app)];
    credentials = stored;
    const api = new SettingsClient(session.client(credentials, node.app.name));
    items = await vscode.window.withProgress({ location: { viewId: Views.clients } }, () =>
      api.items(node.client.clientId),
    );
  } catch (error) {
    return [failedRow(node.app, failureReport(error, vscode.l10n.t('Reading the settings'), log).message)];
  }
  const keys = Object.keys(items).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) {
    return [
      {
        kind: 'state',
        label: vscode.l10n.t('No settings'),
        icon: 'info',
        command: {
          title: vscode.l10n.t('Add Setting…'),
          command: Commands.addSetting,
          arguments: [{ application: node.app.name, clientId: node.client.clientId }],
        },
      },
    ];
  }
  const { app, client, own } = node;
  const rows = keys.map((key): SettingNode => ({
    kind: 'setting',
    app,
    client,
    own,
    key,
    value: items[key]!,
  }));
  return [...(await flowRows(node, session, credentials, items, log)), ...rows];
}

/**
 * For a login client of an application with an application ID: a warning row when its flow is not
 * one the application has (with Pick a Flow… as the fix), or a note when the check could not run.
 */
async function flowRows(
  node: SettingsNode,
  session: OwnerSession,
  credentials: OwnerCredentials,
  items: Readonly<Record<string, string>>,
  log: vscode.LogOutputChannel,
): Promise<StateNode[]> {
  if (!node.client.features.includes('login_client') || !node.app.appId) return [];
  const name = node.client.description || node.client.clientId;
  const pick = {
    title: vscode.l10n.t('Pick a Flow…'),
    command: Commands.pickFlow,
    arguments: [{ application: node.app.name, clientId: node.client.clientId }],
  };
  try {
    const api = session.configClient(node.app, credentials);
    if (!api) return [];
    const problem = await findFlowProblem(api, items);
    if (!problem) return [];
    const message = describeFlowProblem(problem, name, node.app.name, vscode.l10n.t);
    return [
      { kind: 'state', label: message, tooltip: message, icon: 'warning', command: pick },
      { kind: 'state', label: vscode.l10n.t('Pick a Flow…'), icon: 'list-selection', command: pick },
    ];
  } catch (error) {
    const { message } = failureReport(error, vscode.l10n.t('Checking the flow'), log);
    return [{ kind: 'state', label: message, tooltip: message, icon: 'info' }];
  }
}
