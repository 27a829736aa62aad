import * as vscode from 'vscode';
import type { Application } from '../applications/applicationStore';
import { TreeItemKinds } from '../ids';

/** The top level of the clients view: one item per configured application. */
export interface ApplicationNode {
  readonly kind: 'application';
  readonly app: Application;
}

export function applicationItem(node: ApplicationNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.app.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `app:${node.app.name}`;
  item.description = node.app.domain.replace(/^https?:\/\//, '');
  item.tooltip = new vscode.MarkdownString(
    `**${escapeMarkdown(node.app.name)}**\n\n${escapeMarkdown(node.app.domain)}\n\n${vscode.l10n.t('Owner client: {0}', node.app.clientId)}`,
  );
  item.iconPath = new vscode.ThemeIcon('cloud');
  item.contextValue = TreeItemKinds.application;
  return item;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
