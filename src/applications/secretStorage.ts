import vscode = require('vscode');
import { UserFacingError } from '../common/userFacingError';

/**
 * Runs a call on secret storage (through the ApplicationStore); a failure becomes a
 * {@link UserFacingError} that says so in plain words, naming the secret (`secret`: the owner
 * client's unless said otherwise).
 */
export async function secretStorageCall<T>(
  call: () => Thenable<T>,
  action: 'read' | 'save' | 'delete',
  secret: 'owner' | 'configuration' = 'owner',
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const what =
      action === 'read'
        ? vscode.l10n.t("VS Code's secret storage could not be read ({0}).", reason)
        : action === 'save'
          ? secret === 'configuration'
            ? vscode.l10n.t(
                "VS Code's secret storage could not save the configuration client secret ({0}).",
                reason,
              )
            : vscode.l10n.t("VS Code's secret storage could not save the owner client secret ({0}).", reason)
          : vscode.l10n.t("VS Code's secret storage could not delete the owner client secret ({0}).", reason);
    throw new UserFacingError(
      `${what} ${vscode.l10n.t('Check that your system keyring is available and unlocked, then try again.')}`,
    );
  }
}
