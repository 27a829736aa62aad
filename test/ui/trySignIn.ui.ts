// Issue 18's UI flow, clicked through the real workbench with the packaged extension: connect the
// application's Hosted Login, create a public login client under "Login Clients (Hosted Login)",
// then Try Sign-In on it. The sign-in runs in the real browser: code-server opens the authorize URL
// in a new tab (through its /proxy/PORT/, the emulator being on this machine), the emulator's test
// user signs in without a form, and the redirect comes back to the extension's loopback server
// through the same proxy (what asExternalUri gives in code-server). The workbench then shows who
// signed in, the scopes and the expiry; no code or token is on screen or in any file written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitUntil } from '../waitUntil';
import {
  UiOpening,
  addApplicationFromPalette,
  answerLoginFlow,
  clearNotifications,
  clickContextMenu,
  clickInlineAction,
  expandTreeRow,
  secondsSince,
  treeRow,
  widenSidebar,
} from './support';

const NAME = 'Storefront (ui)';
const SUGGESTED_REDIRECT = 'http://localhost:3000/callback';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() ? [file] : [];
  });
}

describe('UI: Try Sign-In with a new public login client, in the browser', function () {
  // Connect, create and a browser sign-in in one workbench start: more than the default on a shared machine.
  this.timeout(300_000);
  const opening = new UiOpening();
  after(() => opening.stop());

  it('connects Hosted Login, creates a public login client, signs the test user in and shows the claims', async () => {
    const started = Date.now();
    const { emulator } = await opening.startEmulator();
    const hostedLogin = emulator.hostedLogin;
    const workbench = await opening.startWorkbench();
    const ready = secondsSince(started);
    const flow = Date.now();

    await addApplicationFromPalette(workbench, emulator);
    await workbench.openViewContainer('Identity Cloud');
    await widenSidebar(workbench);

    // Connect Hosted Login… on the application, with the oidc_url pasted as the Console shows it.
    await clickContextMenu(workbench, 'dev', 'Connect Hosted Login…');
    await workbench.fillInput(hostedLogin.oidcUrl, { expect: 'Paste the oidc_url' });
    await workbench.fillInput(hostedLogin.configClient.clientId, { expect: 'configuration client ID' });
    const secretBox = await workbench.waitForQuickInput({ expect: 'configuration client secret' });
    assert.equal(await secretBox.getAttribute('type'), 'password', 'the secret is typed into a password box');
    await workbench.fillInput(hostedLogin.configClient.clientSecret, {
      expect: 'configuration client secret',
    });
    await workbench.waitForNotification('Hosted Login of dev is connected');
    await clearNotifications(workbench);

    // Create Login Client… from the new node: public, the suggested redirect URI, the first policies.
    await clickInlineAction(workbench, 'Login Clients (Hosted Login)', 'Create Login Client…');
    await workbench.fillInput(NAME, { expect: 'A name for the login client' });
    await workbench.pickItems('Public (recommended)', { expect: 'Which kind of app signs users in?' });
    const redirectBox = await workbench.waitForQuickInput({
      expect: 'Where Hosted Login may send users back',
    });
    assert.equal(await redirectBox.inputValue(), SUGGESTED_REDIRECT, 'the redirect URI is suggested');
    await workbench.page.keyboard.press('Enter');
    await workbench.pickItems(hostedLogin.loginPolicies[0]!.title, { expect: 'Pick the login policy' });
    await workbench.pickItems('Web apps: openid profile email', { expect: 'Pick the token policy' });
    await answerLoginFlow(workbench, { typed: 'standard' });
    await workbench.waitForNotification(`Created login client ${NAME} (public) in dev`);
    await clearNotifications(workbench);
    const client = hostedLogin.clients().find((c) => c.name === NAME);
    assert.ok(client, 'the emulator holds the login client');
    assert.equal(client.type, 'public');
    assert.deepEqual(client.redirectURIs, [SUGGESTED_REDIRECT]);

    // Try Sign-In on the client's row; the browser's navigations are recorded to check its way.
    await expandTreeRow(workbench, 'Login Clients (Hosted Login)');
    await treeRow(workbench, NAME).waitFor({ state: 'visible' });
    const navigations: string[] = [];
    workbench.context.on('request', (request) => {
      if (request.isNavigationRequest()) navigations.push(request.url());
    });
    const newTab = workbench.context.waitForEvent('page');
    await clickInlineAction(workbench, NAME, 'Try Sign-In');
    // The client has no redirect URI that reaches this computer: adding one is asked first.
    const consent = await workbench.answerDialog(`on ${NAME} for this sign-in?`, 'Register and Sign In');
    const redirectUri = /Register (\S+) on /.exec(consent)?.[1];
    assert.ok(redirectUri, `the question names the redirect URI: ${consent}`);
    // What code-server makes of the loopback server's http://127.0.0.1:PORT/: its own /proxy/PORT/.
    assert.match(redirectUri, new RegExp(`^${workbench.server.origin}/proxy/\\d+/$`));

    // code-server opens the sign-in in a new tab; the test user signs in without a form, and the
    // redirect reaches the extension's loopback server through code-server's proxy.
    const tab = await newTab;
    await tab.locator('h1', { hasText: 'Signed in: VS Code is checking the tokens.' }).waitFor();
    const [authorize, back] = navigations.map((url) => new URL(url));
    assert.equal(navigations.length, 2, `the browser went to authorize, then back: ${navigations.length}`);
    assert.ok(
      authorize!.pathname.endsWith(`/${hostedLogin.customerId}/login/authorize`),
      `the browser opened Hosted Login's authorize endpoint: ${authorize!.pathname}`,
    );
    assert.equal(authorize!.searchParams.get('client_id'), client.id);
    assert.equal(authorize!.searchParams.get('redirect_uri'), redirectUri);
    assert.equal(authorize!.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(`${back!.origin}${back!.pathname}`, redirectUri, 'Hosted Login sent the browser back');
    assert.ok(back!.searchParams.get('code'), 'with a code');

    // The workbench shows who signed in, the scopes and the expiry, from the verified ID token.
    const user = hostedLogin.user;
    const shown = await workbench.waitForNotification(`Signed in with ${NAME} as `);
    assert.match(
      shown,
      new RegExp(`as Test User <${user.email}> \\(subject ${user.sub}\\); scopes: openid profile email;`),
    );
    const until =
      /the ID token is valid until (.+?)\. Its signature, issuer and audience are verified\./.exec(shown);
    assert.ok(until, `the expiry is shown: ${shown}`);
    await workbench.page
      .locator('.notifications-toasts .notification-toast', { hasText: `Signed in with ${NAME} as ` })
      .locator('.monaco-button', { hasText: 'Show Claims' })
      .click();
    const editor = workbench.page.locator('.part.editor .monaco-editor .view-lines').first();
    const claimsText = await waitUntil('the claims in an editor', async () => {
      const text = (await editor.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
      return text.includes('"exp"') ? text : undefined;
    });
    const claims = JSON.parse(claimsText) as Record<string, unknown>;
    assert.equal(claims.sub, user.sub);
    assert.equal(claims.email, user.email);
    assert.equal(claims.aud, client.id);
    assert.equal(claims.iss, hostedLogin.oidcUrl);
    // The expiry shown is the token's exp, in this machine's time zone (whole seconds).
    assert.equal(Date.parse(until[1]!), (claims.exp as number) * 1000, `shown: ${until[1]}`);

    // The loopback redirect URI was only for this sign-in: it is removed again.
    await waitUntil('the Try Sign-In redirect URI removed from the login client', () =>
      hostedLogin.clients()[0]!.redirectURIs.join() === SUGGESTED_REDIRECT ? true : undefined,
    );

    // No code or token anywhere the user or a log could show it: the workbench, the browser tab,
    // and every file the server wrote (its log, the extension's output channel, the profile).
    const tokens = hostedLogin.issuedTokens();
    assert.equal(tokens.length, 4, 'one code, then an access, ID and refresh token');
    const extensionLog = await waitUntil('the extension log with the verified sign-in', () =>
      filesUnder(workbench.server.dir).find((file) =>
        fs.readFileSync(file, 'latin1').includes(`Try Sign-In with ${NAME}: ID token verified`),
      ),
    );
    const places: Array<[string, string]> = [
      ['the workbench', await workbench.page.evaluate(() => document.body.innerText)],
      ['the browser tab', await tab.evaluate(() => document.body.innerText)],
      ...filesUnder(workbench.server.dir).map((file): [string, string] => [
        path.relative(workbench.server.dir, file),
        fs.readFileSync(file, 'latin1'),
      ]),
    ];
    for (const [place, text] of places) {
      for (const token of tokens) assert.ok(!text.includes(token), `${place} shows a code or token`);
    }
    console.log(
      `      checked ${places.length} places for tokens (extension log ${path.basename(extensionLog)}); timing: workbench ready ${ready}, flow ${secondsSince(flow)}, total ${secondsSince(started)}`,
    );
  });
});
