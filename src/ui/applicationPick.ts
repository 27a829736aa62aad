import vscode = require('vscode');
import type { Application, ApplicationStore } from '../applications/applicationStore';
import { UserFacingError } from '../common/userFacingError';
import { Commands } from '../ids';
import { BACK, pickOne } from './quickInput';

/**
 * The application a command acts on: the one named in an argument, the only one there is, or the
 * one the user picks. With none configured, offers to add one. Undefined when the user cancels.
 */
export async function resolveApplication(
  store: ApplicationStore,
  name: string | undefined,
  title: string,
): Promise<Application | undefined> {
  const apps = store.list();
  if (name !== undefined) {
    const found = store.find(name);
    if (!found) {
      throw new UserFacingError(
        vscode.l10n.t(
          'There is no application named "{0}". Known applications: {1}.',
          name,
          apps.map((a) => a.name).join(', ') || vscode.l10n.t('none'),
        ),
      );
    }
    return found;
  }
  if (apps.length === 1) return apps[0];
  if (apps.length === 0) {
    const add = vscode.l10n.t('Add Application…');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Add an Identity Cloud application first: its Capture domain and owner client.'),
      add,
    );
    if (choice === add) await vscode.commands.executeCommand(Commands.addApplication);
    return undefined;
  }
  const chosen = await pickOne(
    apps.map((app) => ({ label: app.name, description: app.domain, app })),
    { title, placeholder: vscode.l10n.t('Pick an application') },
  );
  return chosen && chosen !== BACK ? chosen.app : undefined;
}
