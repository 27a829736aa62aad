import * as vscode from 'vscode';
import { Views } from '../ids';

/** Where progress shows: in the view for tree actions, as a cancellable notification from the palette. */
export type ProgressPlace = 'view' | 'notification';

/**
 * Runs an API call under progress. The notification is cancellable; its token aborts the request
 * through an AbortSignal.
 */
export function withApiProgress<T>(
  place: ProgressPlace,
  title: string,
  task: (signal: AbortSignal) => Promise<T>,
): Thenable<T> {
  const location = place === 'view' ? { viewId: Views.clients } : vscode.ProgressLocation.Notification;
  return vscode.window.withProgress(
    { location, title, cancellable: place === 'notification' },
    (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      return task(controller.signal).finally(() => subscription.dispose());
    },
  );
}
