import vscode = require('vscode');
import { Commands, type CommandId } from '../ids';
import { guarded } from '../ui/errors';
import { addApplication } from './addApplication';
import { refresh, removeApplication, setOwnerCredentials } from './applicationCommands';
import type { CommandContext } from './context';
import { commandArguments, parseInvocation, type CommandInvocation } from './arguments';
import {
  copyClientCredentials,
  copyClientId,
  copyLastCreatedCredentials,
  writeCredentialsToEnv,
} from './credentialsCommands';
import { checkConnection } from './checkConnection';
import { createClient } from './createClient';
import { ignoreEnvFiles } from './ignoreEnvFiles';
import { deleteClient } from './deleteClient';
import { resetSecret } from './resetSecret';
import {
  addToGitIgnore,
  checkEnvCredentials,
  revealClient,
  updateEnvCredential,
} from './workspaceCredentials';
import { clearAllowList, editAllowList, editDescription, editFeatures } from './editClient';
import { deleteApplicationDefault, setApplicationDefault } from './applicationDefaults';
import { checkCredentials } from './checkCredentials';
import { checkAllEnvFiles } from './checkAllEnvFiles';
import { addSetting, copySettingValue, deleteSetting, editSettingValue } from './clientSettings';
import { connectHostedLogin } from './connectHostedLogin';
import { createLoginClient } from './createLoginClient';
import {
  copyLoginClientId,
  deleteLoginClient,
  editRedirectUris,
  resetLoginClientSecret,
  writeLoginClientToEnv,
} from './loginClientActions';
import { trySignIn } from './trySignIn';
import { connectConfigApi } from './connectConfigApi';
import { copyFlowName, copyFlowVersion, pickFlow } from './flowCommands';

type Handler<C extends CommandId> = (ctx: CommandContext, inv: CommandInvocation<C>) => Promise<void>;

/** Every command, with what its error messages call the action; each handler gets its own parsed argument. */
const table = (): { [C in CommandId]: [what: string, handler: Handler<C>] } => ({
  [Commands.addApplication]: [
    vscode.l10n.t('Adding the application'),
    (ctx, inv) => addApplication(ctx, inv),
  ],
  [Commands.setOwnerCredentials]: [vscode.l10n.t('Setting the owner credentials'), setOwnerCredentials],
  [Commands.removeApplication]: [vscode.l10n.t('Removing the application'), removeApplication],
  [Commands.createClient]: [vscode.l10n.t('Creating the client'), createClient],
  [Commands.copyLastCreatedCredentials]: [
    vscode.l10n.t('Copying the credentials'),
    copyLastCreatedCredentials,
  ],
  [Commands.refresh]: [vscode.l10n.t('Refreshing'), refresh],
  [Commands.copyClientId]: [vscode.l10n.t('Copying the client ID'), copyClientId],
  [Commands.copyCredentials]: [vscode.l10n.t('Copying the credentials'), copyClientCredentials],
  [Commands.writeCredentialsToEnv]: [vscode.l10n.t('Writing the credentials'), writeCredentialsToEnv],
  [Commands.editDescription]: [vscode.l10n.t('Changing the description'), editDescription],
  [Commands.editFeatures]: [vscode.l10n.t('Changing the features'), editFeatures],
  [Commands.editAllowList]: [vscode.l10n.t('Changing the allow list'), editAllowList],
  [Commands.clearAllowList]: [vscode.l10n.t('Clearing the allow list'), clearAllowList],
  [Commands.resetSecret]: [vscode.l10n.t('Resetting the secret'), resetSecret],
  [Commands.deleteClient]: [vscode.l10n.t('Deleting the client'), deleteClient],
  [Commands.showLog]: [vscode.l10n.t('Showing the log'), async (ctx) => ctx.log.show()],
  [Commands.ignoreEnvFiles]: [vscode.l10n.t('Checking the env files'), ignoreEnvFiles],
  // Client settings and login clients
  [Commands.addSetting]: [vscode.l10n.t('Adding the setting'), addSetting],
  [Commands.editSettingValue]: [vscode.l10n.t('Changing the setting'), editSettingValue],
  [Commands.deleteSetting]: [vscode.l10n.t('Deleting the setting'), deleteSetting],
  [Commands.copySettingValue]: [vscode.l10n.t('Copying the value'), copySettingValue],
  [Commands.setApplicationDefault]: [vscode.l10n.t('Setting the application default'), setApplicationDefault],
  [Commands.deleteApplicationDefault]: [
    vscode.l10n.t('Deleting the application default'),
    deleteApplicationDefault,
  ],
  [Commands.checkCredentials]: [vscode.l10n.t('Checking the credentials'), checkCredentials],
  [Commands.revealClient]: [vscode.l10n.t('Revealing the client'), revealClient],
  [Commands.updateEnvCredential]: [vscode.l10n.t('Updating the env file'), updateEnvCredential],
  [Commands.addToGitIgnore]: [vscode.l10n.t('Adding the file to .gitignore'), addToGitIgnore],
  [Commands.checkEnvCredentials]: [vscode.l10n.t('Checking the credentials'), checkEnvCredentials],
  [Commands.checkConnection]: [vscode.l10n.t('Checking the connection'), checkConnection],
  // Hosted Login (OIDC) login clients
  [Commands.connectHostedLogin]: [vscode.l10n.t('Connecting Hosted Login'), connectHostedLogin],
  [Commands.createLoginClient]: [vscode.l10n.t('Creating the login client'), createLoginClient],
  [Commands.editRedirectUris]: [vscode.l10n.t('Changing the redirect URIs'), editRedirectUris],
  [Commands.resetLoginClientSecret]: [
    vscode.l10n.t('Resetting the login client secret'),
    resetLoginClientSecret,
  ],
  [Commands.deleteLoginClient]: [vscode.l10n.t('Deleting the login client'), deleteLoginClient],
  [Commands.copyLoginClientId]: [vscode.l10n.t('Copying the client ID'), copyLoginClientId],
  [Commands.writeLoginClientToEnv]: [vscode.l10n.t('Writing the OIDC settings'), writeLoginClientToEnv],
  [Commands.trySignIn]: [vscode.l10n.t('Trying the sign-in'), trySignIn],
  // The Configuration API
  [Commands.connectConfigApi]: [vscode.l10n.t('Connecting the Configuration API'), connectConfigApi],
  [Commands.copyFlowName]: [vscode.l10n.t('Copying the flow name'), copyFlowName],
  [Commands.copyFlowVersion]: [vscode.l10n.t('Copying the version'), copyFlowVersion],
  [Commands.pickFlow]: [vscode.l10n.t('Setting the flow'), pickFlow],
  [Commands.checkAllEnvFiles]: [vscode.l10n.t('Checking the env files'), checkAllEnvFiles],
});

/**
 * Registers every command, each inside the one error boundary. What a command is invoked with is
 * parsed there once, by the command's schema (a wrong value ends in its message before anything runs).
 */
export function registerCommands(ctx: CommandContext): vscode.Disposable {
  // Built on the first command run, not at activation: about 40 zod schemas.
  type Schemas = Partial<Record<CommandId, Parameters<typeof parseInvocation>[0]>>;
  let schemas: Schemas | undefined;
  const schemaOf = (id: CommandId) => (schemas ??= commandArguments(vscode.l10n.t) as Schemas)[id];
  const handlers = table() as Record<CommandId, [string, Handler<CommandId>]>;
  return vscode.Disposable.from(
    ...(Object.keys(handlers) as CommandId[]).map((id) => {
      const [what, handler] = handlers[id];
      return vscode.commands.registerCommand(
        id,
        guarded(what, ctx.log, (arg?: unknown) =>
          handler(ctx, parseInvocation(schemaOf(id), arg, vscode.l10n.t) as CommandInvocation<CommandId>),
        ),
      );
    }),
  );
}
