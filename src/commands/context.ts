import vscode = require('vscode');
import type { ApiClient } from '../api/captureClient';
import type { Application, ApplicationStore } from '../applications/applicationStore';
import type { OwnerSession } from '../applications/ownerSession';
import type { LastCreatedCredentials } from '../credentials/lastCreated';
import { resolveApplication } from '../ui/applicationPick';
import type { Invocation } from './arguments';
import { UserFacingError } from '../common/userFacingError';
import type { ClientIndex } from '../clients/clientIndex';
import { BACK, pickOne } from '../ui/quickInput';
import { withApiProgress, type ProgressPlace } from '../ui/progress';
import type { ClientNode, ClientsTree } from '../views/clientsTree';
import type { SettingNode, SettingsNode } from '../views/settingsNodes';
import type { HostedLoginSession } from '../hostedLogin/hostedLoginSession';
import type { EnvFileChecks } from '../workspace/credentialDiagnostics';

/** What commands are built from. Each command takes what it needs from here. */
export interface CommandContext {
  readonly store: ApplicationStore;
  readonly session: OwnerSession;
  readonly tree: ClientsTree;
  readonly log: vscode.LogOutputChannel;
  readonly lastCreated: LastCreatedCredentials;
  /** The clients of every application, shared by the tree and the editor features. */
  readonly index: ClientIndex;
  /** Shows a client in the Identity Cloud view. */
  readonly reveal: (node: ClientNode) => Promise<void>;
  /** Hosted Login (OIDC) of the connected applications: configuration tokens kept in memory. */
  readonly hostedLogin: HostedLoginSession;
  /** The Problems of the workspace's env files (Check All Env Files). */
  readonly envFiles: EnvFileChecks;
}

/** Progress shows where the user looks: in the view for a node's command, else as a notification. */
export function progressPlace(inv: Invocation<unknown>): ProgressPlace {
  return inv.node ? 'view' : 'notification';
}

/** The application a command is about: from a tree node, an `application` argument, or a pick. */
export async function targetApplication(
  ctx: CommandContext,
  inv: Invocation<{ readonly application?: string }>,
  title: string,
): Promise<Application | undefined> {
  if (inv.node && 'app' in inv.node) return inv.node.app;
  return resolveApplication(ctx.store, inv.args.application, title);
}

export interface ClientTarget {
  readonly app: Application;
  readonly client: ApiClient;
  /** The owner client the extension itself authenticates as for this application. */
  readonly own: boolean;
}

/**
 * The API client a command is about: a tree node, `{ application, clientId }`, or picked from the
 * application's list.
 */
export async function targetClient(
  ctx: CommandContext,
  inv: Invocation<{ readonly application?: string; readonly clientId?: string }>,
  title: string,
): Promise<ClientTarget | undefined> {
  const { node } = inv;
  if (node && 'client' in node && node.kind !== 'loginClient') return clientTarget(node);
  const app = await targetApplication(ctx, inv, title);
  if (!app) return undefined;
  const clients = await withApiProgress(
    progressPlace(inv),
    vscode.l10n.t('Listing API clients of {0}…', app.name),
    () => ctx.tree.clients(app),
    false, // the listing is shared with the view, so it is not aborted from here
  );
  const wanted = inv.args.clientId;
  if (wanted !== undefined) {
    const client = clients.find((c) => c.clientId === wanted);
    if (!client)
      throw new UserFacingError(vscode.l10n.t('{0} has no API client with ID {1}.', app.name, wanted));
    return { app, client, own: ctx.store.isOwnerClientOfAny(app.domain, client.clientId) };
  }
  if (clients.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no API clients.', app.name));
  const chosen = await pickOne(
    clients.map((client) => ({
      label: client.description || vscode.l10n.t('(no description)'),
      description: client.clientId,
      detail: client.features.join(', ') || vscode.l10n.t('no features'),
      client,
    })),
    { title, placeholder: vscode.l10n.t('Pick an API client of {0}', app.name), matchOnDetail: true },
  );
  if (!chosen || chosen === BACK) return undefined;
  return {
    app,
    client: chosen.client,
    own: ctx.store.isOwnerClientOfAny(app.domain, chosen.client.clientId),
  };
}

function clientTarget(node: ClientNode | SettingsNode | SettingNode): ClientTarget {
  return { app: node.app, client: node.client, own: node.own };
}

/** Runs an authenticated call for an application; undefined when the user cancelled the secret prompt. */
export async function ownerClient(ctx: CommandContext, app: Application) {
  const credentials = await ctx.session.credentials(app);
  return credentials ? ctx.session.client(credentials, app.name) : undefined;
}
