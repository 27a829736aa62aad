import vscode = require('vscode');
import { changeEnvFile, currentEnvText } from '../credentials/envFileWriter';
import { upsertEnv } from '../env/envFile';
import { addToGitIgnore as addEntries, committableFiles } from '../credentials/gitIgnore';
import { envKeyNames } from '../settings';
import { findEnvCredentials } from '../env/envCredentials';
import type { IndexedClient } from '../env/credentialFindings';
import { UserFacingError } from '../common/userFacingError';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';
import type { CommandContext } from './context';
import { runCredentialCheck } from './checkCredentials';

// The commands behind the editor's hovers, lenses and quick fixes on env files. Hidden from the
// palette: each needs the client or file it was invoked on.

/** Identity Cloud: Reveal Client — `{ clientId, application? }`: selects the client in the view. */
export async function revealClient(
  ctx: CommandContext,
  { args }: CommandInvocation<typeof Commands.revealClient>,
): Promise<void> {
  const known = await findClient(ctx, args.clientId, args.application);
  await ctx.reveal({
    kind: 'client',
    app: known.app,
    client: known.entry.client,
    own: known.entry.own,
  });
}

/**
 * Update the secret (or domain) from Identity Cloud — `{ uri, clientId, field }`: lists the client's
 * application again (the secret must be the current one, not the one in memory), then writes it
 * the one way env files are changed (changeEnvFile): atomic on disk; into the editor, not saved, when
 * the file has unsaved changes.
 */
export async function updateEnvCredential(
  ctx: CommandContext,
  { args }: CommandInvocation<typeof Commands.updateEnvCredential>,
): Promise<void> {
  const uri = vscode.Uri.parse(args.uri, true);
  const { clientId, field = 'secret' } = args;
  const { app } = await findClient(ctx, clientId, args.application);
  ctx.index.forget(app);
  const clients = await ctx.tree.clients(app);
  const client = clients.find((c) => c.clientId === clientId);
  if (!client)
    throw new UserFacingError(vscode.l10n.t('{0} has no API client with ID {1}.', app.name, clientId));
  const keys = envKeyNames(uri);
  const value = field === 'domain' ? app.domain : client.clientSecret;
  let key = '';
  // The key is found in the text being changed, read once. The quick fix was the confirmation:
  // no second question before replacing the value.
  const outcome = await changeEnvFile(uri, (text) => {
    const set = findEnvCredentials(text, keys).sets.find((s) => s.id.value === clientId);
    key =
      field === 'domain' ? (set?.domain?.key ?? keys.captureDomain) : (set?.secret?.key ?? keys.clientSecret);
    return upsertEnv(text, [{ key, value }]);
  });
  const name = vscode.workspace.asRelativePath(uri, false);
  if (outcome.unsaved) {
    // The one policy for env files: the user's unfinished edits are never saved for them.
    ctx.log.info(
      `Updated ${key} of client ${clientId} in ${uri.toString(true)} (unsaved changes: not saved)`,
    );
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Updated {0} in {1}, which is open with unsaved changes: it was not saved. Save it to keep the change.',
        key,
        name,
      ),
    );
    return;
  }
  ctx.log.info(`Updated ${key} of client ${clientId} in ${uri.toString(true)}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Updated {0} in {1}.', key, name));
}

/**
 * Check These Credentials — `{ uri, key }`: the Check Credentials call, made with the client ID
 * under `key` in the env file and the secret beside it, as the file holds them now (unsaved edits
 * included). The secret is read from the file for the call only: never logged or shown. The call
 * goes to the domain of the client's configured application, never to one read from the file.
 */
export async function checkEnvCredentials(
  ctx: CommandContext,
  { args }: CommandInvocation<typeof Commands.checkEnvCredentials>,
): Promise<void> {
  const uri = vscode.Uri.parse(args.uri, true);
  const { key } = args;
  const text = await currentEnvText(uri);
  const name = vscode.workspace.asRelativePath(uri, false);
  const set = findEnvCredentials(text, envKeyNames(uri)).sets.find((s) => s.id.key === key);
  if (!set?.id.value) {
    throw new UserFacingError(vscode.l10n.t('{0} no longer sets {1}.', name, key));
  }
  if (!set.secret?.value) {
    throw new UserFacingError(
      vscode.l10n.t('{0} has no secret beside {1}: add the client secret to check them.', name, key),
    );
  }
  const { app, entry } = await findClient(ctx, set.id.value, undefined);
  await runCredentialCheck(
    ctx,
    app,
    { domain: app.domain, clientId: set.id.value, clientSecret: set.secret.value },
    entry.client,
    'notification',
  );
}

/** Add to .gitignore — `{ uri }`. */
export async function addToGitIgnore(
  ctx: CommandContext,
  { args }: CommandInvocation<typeof Commands.addToGitIgnore>,
): Promise<void> {
  const uri = vscode.Uri.parse(args.uri, true);
  const files = await committableFiles([uri], ctx.log);
  await addEntries(files, ctx.log);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('git already ignores {0}.', vscode.workspace.asRelativePath(uri, false)),
    );
  }
}

/** A client by ID, from the index; lists the applications not in memory yet (never asking for secrets). */
async function findClient(
  ctx: CommandContext,
  clientId: string,
  application: string | undefined,
): Promise<{ app: NonNullable<ReturnType<CommandContext['store']['list']>[number]>; entry: IndexedClient }> {
  const apps = ctx.store.list().filter((a) => application === undefined || a.name === application);
  await Promise.all(apps.map((app) => ctx.index.listing(app, false)));
  const entry = ctx.index.snapshot().lookup(clientId);
  const app = entry && apps.find((a) => a.name === entry.application);
  if (!entry || !app) {
    throw new UserFacingError(
      vscode.l10n.t(
        'No API client {0} in {1}.',
        clientId,
        apps.map((a) => a.name).join(', ') || vscode.l10n.t('any configured application'),
      ),
    );
  }
  return { app, entry };
}
