import vscode = require('vscode');
import type { Application } from '../applications/applicationStore';
import { Commands, TreeItemKinds } from '../ids';

// The clients view's top-level items: applications, and states shown in place of a listing.

/** The top level of the clients view: one item per configured application. */
export interface ApplicationNode {
  readonly kind: 'application';
  readonly app: Application;
  /** Drawn collapsed when false; otherwise its clients show without a click. */
  readonly expanded?: boolean;
}

/** A state shown as an item with an action (missing credentials, an error, Retry), never a notification. */
export interface StateNode {
  readonly kind: 'state';
  readonly label: string;
  readonly tooltip?: string;
  readonly icon: string;
  readonly command?: vscode.Command;
}

/** The row in place of a listing that needs the owner secret of `app`, which this machine lacks. */
export function ownerCredentialsRow(app: Application): StateNode {
  return {
    kind: 'state',
    label: vscode.l10n.t('Set Owner Credentials…'),
    icon: 'key',
    command: {
      title: vscode.l10n.t('Set Owner Credentials…'),
      command: Commands.setOwnerCredentials,
      arguments: [{ application: app.name }],
    },
  };
}

/** The row in place of a listing that failed: the failure in words, clicked to try again. */
export function failedRow(app: Application, message: string): StateNode {
  return {
    kind: 'state',
    label: message,
    tooltip: message,
    icon: 'error',
    command: {
      title: vscode.l10n.t('Retry'),
      command: Commands.refresh,
      arguments: [{ application: app.name }],
    },
  };
}

export function stateItem(node: StateNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.tooltip = node.tooltip ?? node.label;
  item.command = node.command;
  return item;
}

/** The item only: its tooltip is built when VS Code asks for it ({@link applicationTooltip}). */
export function applicationItem(node: ApplicationNode): vscode.TreeItem {
  const item = new vscode.TreeItem(
    node.app.name,
    node.expanded === false
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.Expanded,
  );
  item.id = `app:${node.app.name}`;
  item.description = node.app.domain.replace(/^https?:\/\//, '');
  item.iconPath = new vscode.ThemeIcon('cloud');
  item.contextValue = TreeItemKinds.application;
  return item;
}

export function applicationTooltip(node: ApplicationNode): vscode.MarkdownString {
  return new vscode.MarkdownString(
    `**${escapeMarkdown(node.app.name)}**\n\n${escapeMarkdown(node.app.domain)}\n\n${vscode.l10n.t('Owner client: {0}', node.app.clientId)}`,
  );
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
