import vscode = require('vscode');
import type { HostedLoginClient, LoginClient } from '../api/hostedLoginClient';
import { parseRedirectUris } from '../api/hostedLoginLocation';
import type { Application } from '../applications/applicationStore';
import { UserFacingError } from '../common/userFacingError';
import { deliverCredentials, checkDestination } from '../credentials/deliverCredentials';
import type { EnvEntry } from '../env/envFile';
import { oidcEnvKeyNames } from '../settings';
import { BACK, askText, pickOne } from '../ui/quickInput';
import { withApiProgress } from '../ui/progress';
import type { Commands } from '../ids';
import type { CommandInvocation, Invocation } from './arguments';
import { progressPlace, targetApplication, type CommandContext } from './context';

// The login client's own actions: Edit Redirect URIs…, Reset Secret…, Delete…, Copy Client ID and
// Write to .env…. Each works from the tree (the node), from the palette (asks), or with
// `{ application, loginClientId }`.

export interface LoginClientTarget {
  readonly app: Application;
  readonly client: LoginClient;
  /** The Hosted Login of `app`: the command's one read of the configuration secret. */
  readonly api: HostedLoginClient;
}

/** The login client a command is about: a tree node, `{ application, loginClientId }`, or a pick. */
export async function targetLoginClient(
  ctx: CommandContext,
  inv: Invocation<{ readonly application?: string; readonly loginClientId?: string }>,
  title: string,
): Promise<LoginClientTarget | undefined> {
  const { node } = inv;
  if (node?.kind === 'loginClient') {
    return { app: node.app, client: node.client, api: await ctx.hostedLogin.client(node.app) };
  }
  const app = await targetApplication(ctx, inv, title);
  if (!app) return undefined;
  const api = await ctx.hostedLogin.client(app);
  const wanted = inv.args.loginClientId;
  if (wanted !== undefined) {
    return {
      app,
      api,
      client: await withApiProgress(
        progressPlace(inv),
        vscode.l10n.t('Reading login client {0}…', wanted),
        (signal) => api.getClient(wanted, { signal }),
      ),
    };
  }
  const clients = await withApiProgress(
    progressPlace(inv),
    vscode.l10n.t('Listing the login clients of {0}…', app.name),
    (signal) => api.listClients({ signal }),
  );
  if (clients.length === 0) {
    throw new UserFacingError(
      vscode.l10n.t('{0} has no login clients yet: Create Login Client… makes one.', app.name),
    );
  }
  const chosen = await pickOne(
    clients.map((client) => ({ label: client.name, description: `${client.type} · ${client.id}`, client })),
    { title, placeholder: vscode.l10n.t('Pick a login client of {0}', app.name) },
  );
  return chosen && chosen !== BACK ? { app, api, client: chosen.client } : undefined;
}

/** Identity Cloud: Edit Redirect URIs… — replaces the list (the whole client is sent, as the docs ask). */
export async function editRedirectUris(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.editRedirectUris>,
): Promise<void> {
  const target = await targetLoginClient(ctx, inv, vscode.l10n.t('Edit Redirect URIs'));
  if (!target) return;
  const { app, client, api } = target;
  const t = vscode.l10n.t;
  const answer = await askText({
    title: t('Edit Redirect URIs of {0}', client.name),
    prompt: t(
      'Where Hosted Login may send users back: https URIs, or http://localhost for development. Separate several with commas.',
    ),
    placeholder: 'http://localhost:3000/callback, https://app.example.com/callback',
    // `{ add }` (the quick fix on an env file's redirect URI) offers the list with it added.
    value: [...client.redirectUris, ...added(client, inv.args.add)].join(', '),
    validate: (v) => {
      const parsed = parseRedirectUris(v, t);
      return 'problem' in parsed ? parsed.problem : undefined;
    },
  });
  if (typeof answer !== 'string') return;
  const parsed = parseRedirectUris(answer, t);
  if ('problem' in parsed) throw new UserFacingError(parsed.problem);
  const updated = await withApiProgress(
    progressPlace(inv),
    t('Saving the redirect URIs of {0}…', client.name),
    (signal) => api.updateClient({ ...client, redirectUris: parsed.uris }, { signal }),
  );
  ctx.log.info(`Set the redirect URIs of login client ${client.id} in ${app.name}`);
  ctx.tree.refresh(app);
  ctx.hostedLogin.announce({ application: app.name, updated });
  void vscode.window.showInformationMessage(
    t('{0} now accepts these redirect URIs: {1}', client.name, updated.redirectUris.join(', ')),
  );
}

/** The redirect URI to add, when it is one and not registered yet. */
function added(client: LoginClient, uri: string | undefined): string[] {
  return uri && !client.redirectUris.includes(uri) ? [uri] : [];
}

/** Identity Cloud: Reset Secret… (confidential login clients) — the old secret stops working at once. */
export async function resetLoginClientSecret(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.resetLoginClientSecret>,
): Promise<void> {
  const target = await targetLoginClient(ctx, inv, vscode.l10n.t('Reset Login Client Secret'));
  if (!target) return;
  const { app, client, api } = target;
  const t = vscode.l10n.t;
  if (client.type !== 'confidential') {
    throw new UserFacingError(
      t('{0} is a public client: it has no secret to reset (it signs in with PKCE).', client.name),
    );
  }
  const { destination } = inv.args;
  checkDestination(destination);
  const reset = t('Reset Secret');
  const choice = await vscode.window.showWarningMessage(
    t('Reset the secret of login client {0}?', client.name),
    {
      modal: true,
      detail: t(
        'The old secret stops working at once: Hosted Login has no grace period. Every app using it fails to sign users in until it has the new secret.',
      ),
    },
    reset,
  );
  if (choice !== reset) return;
  const secret = await withApiProgress(
    progressPlace(inv),
    t('Resetting the secret of {0}…', client.name),
    (signal) => api.resetSecret(client.id, { signal }),
    false, // once sent the old secret is gone: never cancel away the new one
  );
  ctx.log.info(`Reset the secret of login client ${client.id} in ${app.name}`);
  const issuer = await ctx.hostedLogin.discovery(app).then(
    (d) => d.issuer,
    () => undefined,
  );
  // The new secret exists nowhere else: kept for Copy Last Created Credentials, as Reset Secret's is.
  const credentials = loginCredentials(client, secret, issuer, client.redirectUris[0]);
  ctx.lastCreated.set(credentials);
  await deliverCredentials(credentials, {
    destination,
    title: t('The secret of {0} was reset. Where should the new one go?', client.name),
    log: ctx.log,
    lastCreated: ctx.lastCreated,
  });
}

/** Identity Cloud: Delete… — deletes the login client; Hosted Login deletes its application client too. */
export async function deleteLoginClient(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.deleteLoginClient>,
): Promise<void> {
  const target = await targetLoginClient(ctx, inv, vscode.l10n.t('Delete Login Client'));
  if (!target) return;
  const { app, client, api } = target;
  const t = vscode.l10n.t;
  const remove = t('Delete');
  const choice = await vscode.window.showWarningMessage(
    t('Delete login client {0} from {1}?', client.name, app.name),
    {
      modal: true,
      detail: t(
        'Its application client (the API client Hosted Login made for it) is deleted too. Apps using this client ID can no longer sign users in. This cannot be undone.',
      ),
    },
    remove,
  );
  if (choice !== remove) return;
  await withApiProgress(progressPlace(inv), t('Deleting login client {0}…', client.name), (signal) =>
    api.deleteClient(client.id, { signal }),
  );
  ctx.log.info(`Deleted login client ${client.id} in ${app.name}`);
  // Its reset secret may be what Copy Last Created Credentials holds: no longer worth copying.
  ctx.lastCreated.markDeleted(client.id);
  ctx.tree.refresh(app);
  ctx.hostedLogin.announce({ application: app.name, deleted: client.id });
  void vscode.window.showInformationMessage(
    t('Deleted login client {0} and its application client.', client.name),
  );
}

/** Identity Cloud: Copy Client ID — the login client's ID (not a secret). */
export async function copyLoginClientId(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.copyLoginClientId>,
): Promise<void> {
  // From the tree the node has the ID: no secret to read, no request.
  const client =
    inv.node?.kind === 'loginClient'
      ? inv.node.client
      : (await targetLoginClient(ctx, inv, vscode.l10n.t('Copy Login Client ID')))?.client;
  if (!client) return;
  await vscode.env.clipboard.writeText(client.id);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied the client ID of {0}.', client.name));
}

/**
 * Identity Cloud: Write to .env… — OIDC_ISSUER (from the discovery document, so custom domains
 * work), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET (confidential clients) and OIDC_REDIRECT_URI, with the
 * writer every credential goes through. Arguments add `{ destination?, redirectUri? }`.
 */
export async function writeLoginClientToEnv(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.writeLoginClientToEnv>,
): Promise<void> {
  const target = await targetLoginClient(ctx, inv, vscode.l10n.t('Write Login Client to .env'));
  if (!target) return;
  const { app, client, api } = target;
  const t = vscode.l10n.t;
  const { destination } = inv.args;
  checkDestination(destination);
  const givenRedirectUri = inv.args.redirectUri;
  let redirectUri = givenRedirectUri ?? client.redirectUris[0];
  if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
    if (givenRedirectUri !== undefined || client.redirectUris.length === 0) {
      throw new UserFacingError(
        t('{0} has no redirect URI {1}: Edit Redirect URIs… adds it.', client.name, redirectUri ?? '—'),
      );
    }
  }
  if (givenRedirectUri === undefined && client.redirectUris.length > 1) {
    const chosen = await pickOne(
      client.redirectUris.map((uri) => ({ label: uri })),
      { title: t('Write {0} to .env', client.name), placeholder: t('Which redirect URI does this app use?') },
    );
    if (!chosen || chosen === BACK) return;
    redirectUri = chosen.label;
  }
  const [discovery, secret] = await withApiProgress(
    progressPlace(inv),
    t('Reading the issuer of {0}…', app.name),
    (signal) =>
      Promise.all([
        ctx.hostedLogin.discovery(app, signal),
        client.type === 'confidential' ? api.getSecret(client.id, { signal }) : Promise.resolve(undefined),
      ]),
  );
  await deliverCredentials(loginCredentials(client, secret, discovery.issuer, redirectUri), {
    destination,
    title: t('Where should the OIDC settings of {0} go?', client.name),
    log: ctx.log,
  });
}

/** A login client as credentials for the writer: its OIDC_* entries instead of the Capture ones. */
function loginCredentials(
  client: LoginClient,
  secret: string | undefined,
  issuer: string | undefined,
  redirectUri: string | undefined,
) {
  return {
    domain: issuer ?? '',
    clientId: client.id,
    clientSecret: secret ?? '',
    description: client.name,
    entries: (scope?: vscode.Uri): EnvEntry[] => {
      const keys = oidcEnvKeyNames(scope);
      return [
        ...(issuer ? [{ key: keys.issuer, value: issuer }] : []),
        { key: keys.clientId, value: client.id },
        ...(secret ? [{ key: keys.clientSecret, value: secret }] : []),
        ...(redirectUri ? [{ key: keys.redirectUri, value: redirectUri }] : []),
      ];
    },
  };
}
