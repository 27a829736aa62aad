import * as vscode from 'vscode';
import { ContextKeys } from '../ids';
import type { ClientCredentials } from './clientCredentials';

/**
 * The credentials created last in this window, kept in memory only so that a secret whose `.env`
 * write failed (or whose destination prompt was dismissed) can still be reached.
 */
export class LastCreatedCredentials {
  private value: ClientCredentials | undefined;
  private readonly deleted = new Set<string>();

  get(): ClientCredentials | undefined {
    return this.value;
  }

  set(credentials: ClientCredentials): void {
    // The context key only shows the command in the palette: set it once, without waiting for it.
    if (!this.value)
      void vscode.commands.executeCommand('setContext', ContextKeys.hasLastCreatedCredentials, true);
    this.value = credentials;
  }

  /** A client was deleted: its credentials are no longer worth keeping or copying. */
  markDeleted(clientId: string): void {
    this.deleted.add(clientId);
    if (this.value?.clientId === clientId) {
      this.value = undefined;
      void vscode.commands.executeCommand('setContext', ContextKeys.hasLastCreatedCredentials, false);
    }
  }

  wasDeleted(clientId: string): boolean {
    return this.deleted.has(clientId);
  }
}
