import vscode = require('vscode');
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

  private created = false;

  /** A new client was created (not a secret reset): ticks the walkthrough's step, once per window. */
  noteCreated(): void {
    if (this.created) return;
    this.created = true;
    void vscode.commands.executeCommand('setContext', ContextKeys.hasCreatedClient, true);
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

  /** Whether Copy Last Created Credentials would copy exactly these (so a message may name it). */
  holds(credentials: ClientCredentials): boolean {
    return (
      this.value?.clientId === credentials.clientId && this.value.clientSecret === credentials.clientSecret
    );
  }
}
