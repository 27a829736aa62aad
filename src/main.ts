// Everything that talks to Capture, asks the user or writes files: bundled as dist/main.js and
// loaded by extension.ts on first use (a command, or an application expanded in the view), so
// activation stays cheap. Nothing here is shared with extension.ts but plain objects and the
// ApplicationStore instance it hands over.
import type * as vscode from 'vscode';
import type { ApplicationStore } from './applications/applicationStore';
import { OwnerSession } from './applications/ownerSession';
import { commandRunner } from './commands';
import type { CommandArgument } from './commands/context';
import { LastCreatedCredentials } from './credentials/clientCredentials';
import type { CommandId } from './ids';
import { ClientsTree } from './views/clientsTree';

export interface Main extends vscode.Disposable {
  readonly tree: ClientsTree;
  run(id: CommandId, arg: CommandArgument): Promise<void>;
}

export function createMain(store: ApplicationStore, log: vscode.LogOutputChannel): Main {
  const session = new OwnerSession(store, log);
  const tree = new ClientsTree(store, session);
  const run = commandRunner({ store, session, tree, log, lastCreated: new LastCreatedCredentials() });
  return { tree, run, dispose: () => tree.dispose() };
}
