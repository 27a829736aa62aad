// The extension's own command code, wired the way src/extension.ts wires it but around a
// SecretStorage that fails on demand. VS Code's real secret storage cannot be made to fail from a
// test, so the secret-store rows of the failure matrix run the real commands (from out/src, in
// this same extension host, with the same `vscode` API and FakeUi) against this one.
import { HostedLoginSession } from '../../../src/hostedLogin/hostedLoginSession';
import * as vscode from 'vscode';
import { ApplicationStore } from '../../../src/applications/applicationStore';
import { OwnerSession } from '../../../src/applications/ownerSession';
import type { CommandContext } from '../../../src/commands/context';
import { commandArguments, parseInvocation, type CommandInvocation } from '../../../src/commands/arguments';
import type { CommandId } from '../../../src/ids';
import { LastCreatedCredentials } from '../../../src/credentials/lastCreated';
import { guarded } from '../../../src/ui/errors';
import { ClientIndex } from '../../../src/clients/clientIndex';
import { ClientsTree } from '../../../src/views/clientsTree';

/** An in-memory SecretStorage whose reads and writes can be made to reject. */
export class FaultySecretStorage implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  failGet: string | undefined;
  failStore: string | undefined;
  failDelete: string | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;

  /** How many reads reached the storage. */
  gets = 0;
  /** No change event for this window's own store and delete (VS Code has shipped such versions). */
  silentOwnChanges = false;

  async get(key: string): Promise<string | undefined> {
    this.gets++;
    if (this.failGet) throw new Error(this.failGet);
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    if (this.failStore) throw new Error(this.failStore);
    this.values.set(key, value);
    if (!this.silentOwnChanges) this.changed.fire({ key });
  }

  async delete(key: string): Promise<void> {
    if (this.failDelete) throw new Error(this.failDelete);
    this.values.delete(key);
    if (!this.silentOwnChanges) this.changed.fire({ key });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

type Handler<C extends CommandId> = (ctx: CommandContext, inv: CommandInvocation<C>) => Promise<void>;

/** A CommandContext over `secrets`, and a way to run a command handler inside the real error boundary. */
export function contextWith(secrets: vscode.SecretStorage): {
  ctx: CommandContext;
  /** Runs `command`'s handler as the extension does: its argument parsed by its schema, in the error boundary. */
  run<C extends CommandId>(command: C, what: string, handler: Handler<C>, arg?: unknown): Promise<void>;
  dispose(): void;
} {
  const log = vscode.window.createOutputChannel('Identity Cloud (failure matrix)', { log: true });
  const store = new ApplicationStore(secrets);
  const session = new OwnerSession(store, log);
  const index = new ClientIndex(store, session);
  const hostedLogin = new HostedLoginSession(secrets, log);
  const tree = new ClientsTree(store, index, session, log, hostedLogin);
  const ctx: CommandContext = {
    store,
    session,
    tree,
    log,
    lastCreated: new LastCreatedCredentials(),
    index,
    reveal: async () => undefined,
    hostedLogin,
    envFiles: {
      checkAll: () => Promise.reject(new Error('Check All Env Files is not wired in this test context')),
    },
  };
  return {
    ctx,
    run: (command, what, handler, arg) => {
      const schemas: Partial<Record<CommandId, Parameters<typeof parseInvocation>[0]>> = commandArguments(
        vscode.l10n.t,
      );
      return guarded(what, log, async () =>
        handler(
          ctx,
          parseInvocation(schemas[command], arg, vscode.l10n.t) as CommandInvocation<typeof command>,
        ),
      )();
    },
    dispose: () => {
      tree.dispose();
      index.dispose();
      store.dispose();
      log.dispose();
    },
  };
}
