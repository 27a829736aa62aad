import vscode = require('vscode');
import {
  SignInError,
  authorizationUrl,
  checkAuthorizationRequest,
  createPkce,
  exchangeCode,
  fetchJwks,
  randomState,
  readRedirect,
  verifyIdToken,
  type VerifiedClaims,
} from '../api/oidc';
import { restoreForwardedPath } from '../network/forwardedUrl';
import { LoopbackTimeout, startLoopbackRedirect, type LoopbackRedirect } from '../network/loopbackRedirect';
import { requestTimeoutMs, signInTimeoutMs } from '../settings';
import { isCancellation } from '../ui/errors';
import type { CommandContext } from './context';
import type { Commands } from '../ids';
import type { CommandInvocation } from './arguments';
import { targetLoginClient } from './loginClientActions';

/**
 * The loopback server's own redirect path. The root: a remote window's port forwarding (code-server's
 * /proxy/PORT/, for one) reaches the port's root and may drop any path asExternalUri was given.
 */
const CALLBACK_PATH = '/';

/**
 * Identity Cloud: Try Sign-In — Authorization Code with PKCE (S256) against the discovery
 * document's endpoints, in the user's browser. A loopback server on 127.0.0.1 catches the redirect
 * (a loopback redirect URI the client already has, or one registered with the user's consent and
 * removed afterwards); the code is exchanged, the ID token verified against the JWKS, and its
 * claims shown. Tokens are never logged, shown or written.
 */
export async function trySignIn(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.trySignIn>,
): Promise<void> {
  const target = await targetLoginClient(ctx, inv, vscode.l10n.t('Try Sign-In'));
  if (!target) return;
  const { app, client, api } = target;
  const t = vscode.l10n.t;
  const http = { timeoutMs: requestTimeoutMs(), trace: (line: string) => ctx.log.info(line) };
  const discovery = await ctx.hostedLogin.discovery(app);
  const secret = client.type === 'confidential' ? await api.getSecret(client.id) : undefined;

  const controller = new AbortController();
  const loopback = await listen(client.redirectUris, signInTimeoutMs(), controller.signal);
  let registered: readonly string[] | undefined; // the list to put back
  try {
    ctx.log.info(`Try Sign-In with ${client.name}: listening on ${loopback.uri}`);
    let redirectUri = (await vscode.env.asExternalUri(vscode.Uri.parse(loopback.uri))).toString(true);
    if (redirectUri !== loopback.uri) ctx.log.info(`Try Sign-In: the browser reaches it as ${redirectUri}`);
    if (redirectUri.endsWith('/') && !loopback.uri.endsWith('/')) redirectUri = redirectUri.slice(0, -1);
    if (!client.redirectUris.includes(redirectUri)) {
      const register = t('Register and Sign In');
      const choice = await vscode.window.showWarningMessage(
        t('Register {0} on {1} for this sign-in?', redirectUri, client.name),
        {
          modal: true,
          detail: t(
            'Try Sign-In catches the redirect on this computer. The login client has no redirect URI that reaches it, so this one is added now and removed when the sign-in ends.',
          ),
        },
        register,
      );
      if (choice !== register) return;
      await api.updateClient({ ...client, redirectUris: [...client.redirectUris, redirectUri] });
      registered = client.redirectUris;
      ctx.log.info(`Registered a loopback redirect URI on login client ${client.id} for Try Sign-In`);
    }
    const pkce = createPkce();
    const state = randomState();
    const nonce = randomState();
    const scope = [
      'openid',
      ...(discovery.scopes_supported ?? []).filter((s) => s === 'profile' || s === 'email'),
    ].join(' ');
    const url = authorizationUrl(discovery, { clientId: client.id, redirectUri, scope, state, nonce, pkce });
    await checkAuthorizationRequest(
      url,
      { clientName: client.name, redirectUri, application: app.name },
      http,
      t,
    );
    // A Hosted Login on this machine (the emulator, `npm start`) is port-forwarded in a remote
    // window; code-server's forwarding keeps only the port, so its path and query are put back.
    const forwarded = restoreForwardedPath(
      url,
      (await vscode.env.asExternalUri(vscode.Uri.parse(url, true))).toString(),
    );
    const browserAt = forwarded ? new URL(forwarded) : new URL(discovery.authorization_endpoint);
    ctx.log.info(
      `Try Sign-In with ${client.name}: opening the browser at ${browserAt.origin}${browserAt.pathname}`,
    );
    if (!(await vscode.env.openExternal(vscode.Uri.parse(forwarded ?? url, true)))) {
      throw new SignInError(t('The browser could not be opened for the sign-in.'), 'timeout');
    }
    const query = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: t('Waiting for the sign-in with {0} in the browser…', client.name),
        cancellable: true,
      },
      (_progress, token) => {
        const subscription = token.onCancellationRequested(() => controller.abort());
        return loopback.result.finally(() => subscription.dispose());
      },
    );
    const { code } = readRedirect(query, state, t);
    const tokens = await exchangeCode(
      discovery,
      {
        clientId: client.id,
        ...(secret ? { clientSecret: secret } : {}),
        code,
        redirectUri,
        verifier: pkce.verifier,
      },
      http,
      t,
    );
    const jwks = await fetchJwks(discovery, http, t);
    const claims = await verifyIdToken(
      tokens.idToken,
      jwks,
      { issuer: discovery.issuer, clientId: client.id, nonce },
      t,
    );
    ctx.log.info(
      `Try Sign-In with ${client.name}: ID token verified (subject ${claims.subject}, expires ${claims.expiresAt.toISOString()})`,
    );
    showClaims(client.name, claims, tokens.scope);
  } catch (error) {
    if (error instanceof LoopbackTimeout) {
      throw new SignInError(
        t(
          'No redirect came back to VS Code within {0} seconds. If the browser shows a Hosted Login error page, it names the cause; otherwise sign in faster, or raise identityCloud.signInTimeoutSeconds.',
          Math.round(signInTimeoutMs() / 1000),
        ),
        'timeout',
      );
    }
    if ((error as Error)?.name === 'AbortError' || isCancellation(error))
      throw new vscode.CancellationError();
    throw error;
  } finally {
    loopback.close();
    if (registered) {
      await api.updateClient({ ...client, redirectUris: [...registered] }).then(
        () => ctx.log.info(`Removed the Try Sign-In redirect URI from login client ${client.id}`),
        (error: unknown) =>
          ctx.log.warn(`Removing the Try Sign-In redirect URI from ${client.id} failed: ${String(error)}`),
      );
      ctx.tree.refresh(app);
    }
  }
}

/** A loopback redirect URI the client has (its port free), else any free port. */
async function listen(
  uris: readonly string[],
  timeoutMs: number,
  signal: AbortSignal,
): Promise<LoopbackRedirect> {
  for (const uri of uris) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !url.port || url.search) continue;
    const server = await startLoopbackRedirect(Number(url.port), url.pathname, timeoutMs, signal);
    if (server) return server;
  }
  const server = await startLoopbackRedirect(0, CALLBACK_PATH, timeoutMs, signal);
  if (!server) throw new Error('No port on 127.0.0.1 is free for the sign-in redirect.');
  return server;
}

function showClaims(clientName: string, claims: VerifiedClaims, scope: string | undefined): void {
  const t = vscode.l10n.t;
  const who =
    [claims.name, claims.email ? `<${claims.email}>` : undefined].filter(Boolean).join(' ') || claims.subject;
  const showAll = t('Show Claims');
  void vscode.window
    .showInformationMessage(
      t(
        'Signed in with {0} as {1} (subject {2}); scopes: {3}; the ID token is valid until {4}. Its signature, issuer and audience are verified.',
        clientName,
        who,
        claims.subject,
        scope || t('(not stated)'),
        claims.expiresAt.toLocaleString(),
      ),
      showAll,
    )
    .then(async (choice) => {
      if (choice !== showAll) return;
      const document = await vscode.workspace.openTextDocument({
        language: 'json',
        content: JSON.stringify(claims.claims, null, 2),
      });
      await vscode.window.showTextDocument(document);
    });
}
