import vscode = require('vscode');
import type { ClientIndex } from '../clients/clientIndex';
import type { LoginClientIndex } from '../hostedLogin/loginClientIndex';
import { CredentialActions } from './credentialActions';
import { registerCredentialDiagnostics, type EnvFileChecks } from './credentialDiagnostics';
import { CredentialHover } from './credentialHover';
import { CredentialLenses } from './credentialLenses';
import { ENV_SELECTOR, EnvAnalyses } from './envDocuments';

/**
 * The editor features on credentials in the workspace: problems, quick fixes and lenses in env
 * files, a hover on known client IDs in any file. All of them read the client index from memory.
 */
export function registerWorkspaceCredentials(
  index: ClientIndex,
  logins: LoginClientIndex,
  log: vscode.LogOutputChannel,
): vscode.Disposable & EnvFileChecks {
  const analyses = new EnvAnalyses(index, logins);
  const lenses = new CredentialLenses(index, logins, analyses);
  const diagnostics = registerCredentialDiagnostics(index, logins, analyses, log);
  const disposable = vscode.Disposable.from(
    diagnostics,
    lenses,
    vscode.languages.registerCodeLensProvider(ENV_SELECTOR, lenses),
    vscode.languages.registerCodeActionsProvider(
      ENV_SELECTOR,
      new CredentialActions(analyses),
      CredentialActions.metadata,
    ),
    // Any file: a known client ID in code or docs is worth a hover (exact matches only).
    vscode.languages.registerHoverProvider({ scheme: '*' }, new CredentialHover(index, analyses)),
  );
  return { dispose: () => disposable.dispose(), checkAll: () => diagnostics.checkAll() };
}
