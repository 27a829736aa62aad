import vscode = require('vscode');
import { isApiFailure, RequestCancelledError } from '../api/errors';
import { describeFailure } from '../api/errorMessages';
import { UserFacingError, type FailureAction } from '../common/userFacingError';
import { Commands, Views } from '../ids';
import { networkContext } from './networkSettings';

export function isCancellation(error: unknown): boolean {
  return error instanceof RequestCancelledError || error instanceof vscode.CancellationError;
}

const actionLabels = (): Record<FailureAction, string> => ({
  setOwnerCredentials: vscode.l10n.t('Set Owner Credentials…'),
  openNetworkSettings: vscode.l10n.t('Open Network Settings'),
  showLog: vscode.l10n.t('Show Log'),
  findCreatedClient: vscode.l10n.t('Show Clients'),
  checkConnection: vscode.l10n.t('Check Connection…'),
  connectConfigApi: vscode.l10n.t('Connect Configuration API…'),
  connectHostedLogin: vscode.l10n.t('Connect Hosted Login…'),
});

/**
 * A failure in the user's words with what they can do next: Capture and network failures
 * explained, a {@link UserFacingError} as it is, anything else as unexpected (its stack goes to
 * the log, never to the user).
 */
export function failureReport(
  error: unknown,
  what: string,
  log: vscode.LogOutputChannel,
): { message: string; actions: readonly FailureAction[] } {
  if (isApiFailure(error)) {
    log.warn(`${what}: ${error.message}`);
    return describeFailure(error, what, vscode.l10n.t, networkContext());
  }
  if (error instanceof UserFacingError) {
    log.warn(`${what}: ${error.message}`);
    return error;
  }
  log.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return {
    message: vscode.l10n.t('{0} failed unexpectedly. The log has the details.', what),
    actions: ['showLog'],
  };
}

/**
 * Shows one error message for a failure with buttons for what the user can do next, and runs the
 * chosen one. `what` names the attempted action ("Creating the client").
 */
export async function showFailure(error: unknown, what: string, log: vscode.LogOutputChannel): Promise<void> {
  if (isCancellation(error)) return;
  const { message, actions } = failureReport(error, what, log);
  const labels = actionLabels();
  const chosen = await vscode.window.showErrorMessage(message, ...actions.map((a) => labels[a]));
  const action = actions.find((a) => labels[a] === chosen);
  // For the application whose call failed, when the call named it: no need to ask which.
  const application = (error as { application?: unknown }).application;
  const target = typeof application === 'string' ? { application } : undefined;
  switch (action) {
    case 'setOwnerCredentials':
      await vscode.commands.executeCommand(Commands.setOwnerCredentials, target);
      break;
    case 'checkConnection':
      await vscode.commands.executeCommand(Commands.checkConnection, target);
      break;
    case 'connectConfigApi':
      await vscode.commands.executeCommand(Commands.connectConfigApi, target);
      break;
    case 'connectHostedLogin':
      await vscode.commands.executeCommand(Commands.connectHostedLogin, target);
      break;
    case 'openNetworkSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
      break;
    case 'showLog':
      log.show(true);
      break;
    case 'findCreatedClient':
      await vscode.commands.executeCommand(`${Commands.refresh}`);
      await vscode.commands.executeCommand(Views.focusClients);
      break;
    default:
      break;
  }
}

/**
 * The one error boundary every command runs inside: cancellation shows nothing, anything else
 * is logged and shown once.
 */
export function guarded<A extends unknown[]>(
  what: string,
  log: vscode.LogOutputChannel,
  handler: (...args: A) => Promise<unknown>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await handler(...args);
    } catch (error) {
      await showFailure(error, what, log);
    }
  };
}
