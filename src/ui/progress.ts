import vscode = require('vscode');
import { Views } from '../ids';

/** Where progress shows: in the view for tree actions, as a cancellable notification from the palette. */
export type ProgressPlace = 'view' | 'notification';

/**
 * Runs an API call under progress. The notification is cancellable, its token aborting the request
 * through an AbortSignal, unless `cancellable` is false: calls that create something that cannot be
 * asked for again (a client, a new secret) are not cancellable once sent, since cancelling would
 * lose what Capture made; their time limit still applies.
 */
export function withApiProgress<T>(
  place: ProgressPlace,
  title: string,
  task: (signal: AbortSignal) => Promise<T>,
  cancellable = true,
): Thenable<T> {
  const location = place === 'view' ? { viewId: Views.clients } : vscode.ProgressLocation.Notification;
  return vscode.window.withProgress(
    { location, title, cancellable: cancellable && place === 'notification' },
    (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      return task(controller.signal).finally(() => subscription.dispose());
    },
  );
}
