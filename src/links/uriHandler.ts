import vscode = require('vscode');
import { Commands } from '../ids';

/**
 * Links into the extension, e.g. from a team's README:
 * - `vscode://identity-cloud-tools.identity-cloud-clients/createClient?application=dev&features=a,b&description=…`
 *   opens Create API Client with those values prefilled; every step is still shown, so a link
 *   never creates anything by itself (and `owner`/`direct_access` still ask their confirmation);
 * - `…/reveal?clientId=…` shows a client in the Identity Cloud view.
 * Each goes through its command, so the one error boundary reports bad values.
 */
export function registerUriHandler(): vscode.Disposable {
  return vscode.window.registerUriHandler({
    handleUri: async (uri) => {
      const query = new URLSearchParams(uri.query);
      const text = (name: string) => query.get(name)?.trim() || undefined;
      switch (uri.path) {
        case '/createClient': {
          const features = query.get('features');
          await vscode.commands.executeCommand(Commands.createClient, {
            ...(text('application') ? { application: text('application') } : {}),
            ...(features !== null
              ? {
                  features: features
                    .split(',')
                    .map((f) => f.trim())
                    .filter(Boolean),
                }
              : {}),
            ...(text('description') ? { description: text('description') } : {}),
            prefill: true,
          });
          return;
        }
        case '/reveal':
          await vscode.commands.executeCommand(Commands.revealClient, { clientId: text('clientId') ?? '' });
          return;
        default:
          void vscode.window.showErrorMessage(
            vscode.l10n.t(
              'The link {0} is not one Identity Cloud understands: use /createClient or /reveal.',
              uri.path,
            ),
          );
      }
    },
  });
}
