import * as vscode from 'vscode';
import { ApplicationStore } from './applications/applicationStore';
import type { CommandArgument } from './commands/context';
import { Commands, Views } from './ids';
import type { Main } from './main';
import { ClientsView } from './views/clientsView';

declare const __SANDBOX__: boolean;

/**
 * Activation registers the view and the commands and nothing more: the rest of the extension
 * (dist/main.js) is loaded the first time a command runs or an application is expanded.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Identity Cloud'), { log: true });
  const store = new ApplicationStore(context.secrets);
  let main: Main | undefined;
  const load = (): Main => {
    if (!main) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      main = (require('./main.js') as typeof import('./main')).createMain(store, log);
      context.subscriptions.push(main);
    }
    return main;
  };
  const view = new ClientsView(store, () => load().tree);
  context.subscriptions.push(
    log,
    store,
    view,
    vscode.window.registerTreeDataProvider(Views.clients, view),
    ...Object.values(Commands).map((id) =>
      vscode.commands.registerCommand(id, (arg?: CommandArgument) => load().run(id, arg)),
    ),
  );
  if (__SANDBOX__) {
    // Only in the sandbox build (npm start): esbuild drops this branch from the packaged extension.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    void (require('../test/sandbox/seed') as typeof import('../test/sandbox/seed')).seedSandbox(store, log);
  }
}

export function deactivate(): void {}
