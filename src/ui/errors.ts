import * as vscode from 'vscode';
import { isApiFailure, RequestCancelledError } from '../api/errors';
import { describeFailure, type FailureAction } from '../api/errorMessages';
import { Commands } from '../ids';

/** A problem already phrased for the user (no stack, no secret); shown as it is. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    message: string,
    readonly actions: readonly FailureAction[] = [],
  ) {
    super(message);
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof RequestCancelledError || error instanceof vscode.CancellationError;
}

const actionLabels = (): Record<FailureAction, string> => ({
  setOwnerCredentials: vscode.l10n.t('Set Owner Credentials…'),
  openNetworkSettings: vscode.l10n.t('Open Network Settings'),
  showLog: vscode.l10n.t('Show Log'),
  findCreatedClient: vscode.l10n.t('Show Clients'),
});

/**
 * Shows one error message for a failure with buttons for what the user can do next, and runs the
 * chosen one. `what` names the attempted action ("Creating the client").
 */
export async function showFailure(
  error: unknown,
  what: string,
  log: vscode.LogOutputChannel,
  extraActions: readonly FailureAction[] = [],
): Promise<void> {
  if (isCancellation(error)) return;
  let message: string;
  let actions: readonly FailureAction[];
  if (isApiFailure(error)) {
    ({ message, actions } = describeFailure(error, what, vscode.l10n.t));
    log.warn(`${what}: ${error.message}`);
  } else if (error instanceof UserFacingError) {
    ({ message, actions } = error);
    log.warn(`${what}: ${message}`);
  } else {
    message = vscode.l10n.t('{0} failed unexpectedly. The log has the details.', what);
    actions = ['showLog'];
    log.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const all = [...new Set([...extraActions, ...actions])];
  const labels = actionLabels();
  const chosen = await vscode.window.showErrorMessage(message, ...all.map((a) => labels[a]));
  const action = all.find((a) => labels[a] === chosen);
  switch (action) {
    case 'setOwnerCredentials': {
      // For the application whose credentials failed, when the call named it: no need to ask which.
      const application = (error as { application?: unknown }).application;
      await vscode.commands.executeCommand(
        Commands.setOwnerCredentials,
        typeof application === 'string' ? { application } : undefined,
      );
      break;
    }
    case 'openNetworkSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
      break;
    case 'showLog':
      log.show(true);
      break;
    case 'findCreatedClient':
      await vscode.commands.executeCommand(`${Commands.refresh}`);
      await vscode.commands.executeCommand('identityCloud.clients.focus');
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
