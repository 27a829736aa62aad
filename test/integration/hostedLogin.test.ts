// Hosted Login (OIDC) login clients through the real commands in the extension host, against the
// emulator's Hosted Login: Connect, Create (public and confidential, policies picked, the
// application client's flow set), Edit Redirect URIs, Write to .env, Reset Secret, Delete, the
// configuration token's reuse and its one refresh on a 403, and Try Sign-In with a stand-in browser
// that follows the redirects over real HTTP.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands } from '../../src/ids';
import type { Emulator } from '../emulator/emulator';
import { waitUntil } from '../waitUntil';
import { FakeUi } from './helpers/fakeUi';
import {
  applyFix,
  envProblems,
  hoverOn,
  lensTitles,
  openEnv,
  quickFixes,
  waitForProblems,
} from './helpers/envEditor';
import {
  assertAllAnswered,
  assertNoSecretShown,
  cleanUp,
  envPath,
  envValues,
  errors,
  setUserSetting,
  readEnv,
  startWithApplication,
  userApplications,
  userSettingsFile,
  workspaceFolder,
} from './helpers/workbench';

describe('Hosted Login login clients', () => {
  let ui: FakeUi;
  let emulator: Emulator;
  const openExternal = vscode.env.openExternal;

  beforeEach(async () => {
    ({ emulator, ui } = await startWithApplication());
  });

  afterEach(async () => {
    (vscode.env as { openExternal: typeof openExternal }).openExternal = openExternal;
    await cleanUp(ui, [emulator]);
  });

  const hl = () => emulator.hostedLogin;
  const configTokenRequests = () =>
    emulator.requests.filter(
      (r) => r.op.endsWith('/login/token') && r.params.grant_type === 'client_credentials',
    );

  /** Connect Hosted Login… with the pasted oidc_url and the configuration client. */
  const connect = async () => {
    ui.type(hl().oidcUrl, hl().configClient.clientId, hl().configClient.clientSecret);
    await vscode.commands.executeCommand(Commands.connectHostedLogin, { application: 'dev' });
    await ui.waitForMessage(/^Hosted Login of dev is connected/);
  };

  /** Create Login Client… answering every step; resolves once the outcome message is shown. */
  const create = async (
    name: string,
    type: 'Public' | 'Confidential',
    redirect = 'http://localhost:3000/callback',
  ) => {
    ui.type(name);
    ui.pick(type);
    ui.type(redirect);
    ui.pick(hl().loginPolicies[0]!.title, hl().tokenPolicies[0]!.title);
    ui.type('standard');
    ui.pick('HEAD');
    await vscode.commands.executeCommand(Commands.createLoginClient, { application: 'dev' });
    await ui.waitForMessage(new RegExp(`^Created login client ${name} `));
    const client = hl()
      .clients()
      .find((c) => c.name === name);
    assert.ok(client, `the emulator has ${name}`);
    return client;
  };

  const secrets = () => [
    hl().configClient.clientSecret,
    ...hl()
      .clients()
      .flatMap((c) => (c.secret ? [c.secret] : [])),
  ];

  it('connects with a pasted oidc_url: the location in settings, the secret in secret storage only', async () => {
    await connect();
    const [app] = userApplications() as Array<{ hostedLogin?: Record<string, string> }>;
    assert.deepEqual(app?.hostedLogin, {
      customerId: hl().customerId,
      origin: emulator.domain,
      configClientId: hl().configClient.clientId,
    });
    assert.equal(
      ui.shown.filter((s) => s.password).length,
      1,
      'only the secret is typed into a password box',
    );
    assert.ok(!fs.readFileSync(userSettingsFile(), 'utf8').includes(hl().configClient.clientSecret));
    assert.equal(configTokenRequests().length, 1, 'a token proves the credentials before anything is saved');
    assertNoSecretShown(ui, secrets());
  });

  it('refuses wrong configuration credentials and saves nothing', async () => {
    ui.type(hl().oidcUrl, hl().configClient.clientId, 'wrong-secret-value');
    await vscode.commands.executeCommand(Commands.connectHostedLogin, { application: 'dev' });
    const [error] = errors(ui);
    assert.match(error?.text ?? '', /did not accept the configuration client .* Check its ID and secret/);
    assert.ok(!error?.text.includes('wrong-secret-value'));
    assert.equal((userApplications()[0] as { hostedLogin?: unknown }).hostedLogin, undefined);
  });

  it('creates a public login client with the policies picked and its application client signing in with the flow', async () => {
    await connect();
    const before = ui.shown.length;
    const client = await create('Storefront', 'Public');
    const asked = ui.shown.slice(before);
    assert.deepEqual(
      asked.map((s) => [s.kind, s.step, s.totalSteps]),
      [
        ['input', 1, 7],
        ['pick', 2, 7],
        ['input', 3, 7],
        ['pick', 4, 7],
        ['pick', 5, 7],
        ['input', 6, 7],
        ['pick', 7, 7],
      ],
    );
    assert.equal(asked[2]!.value, 'http://localhost:3000/callback', 'the redirect URI is suggested');
    assert.deepEqual(
      asked[3]!.items,
      hl().loginPolicies.map((p) => p.title),
      'login policies by title',
    );
    assert.deepEqual(
      asked[4]!.items,
      hl().tokenPolicies.map((p) => p.title),
      'token policies by title',
    );
    assert.equal(client.type, 'public');
    assert.deepEqual(client.redirectURIs, ['http://localhost:3000/callback']);
    assert.equal(client.loginPolicy, hl().loginPolicies[0]!.id);
    assert.equal(client.tokenPolicy, hl().tokenPolicies[0]!.id);
    const appClient = emulator.client(client.applicationClientId);
    assert.equal(appClient?.settings.default_flow_name, 'standard');
    assert.equal(appClient?.settings.default_flow_version, 'HEAD');
    assert.deepEqual(errors(ui), []);
    assertAllAnswered(ui);
  });

  it('refuses a plain-http redirect URI to another host in the prompt', async () => {
    await connect();
    ui.type('App');
    ui.pick('Public');
    ui.type('http://app.example.com/callback', { cancel: true });
    await vscode.commands.executeCommand(Commands.createLoginClient, { application: 'dev' });
    const box = ui.shown.find((s) => s.value === 'http://app.example.com/callback');
    assert.match(box?.validationMessage ?? '', /only http:\/\/localhost/);
    assert.deepEqual(hl().clients(), []);
  });

  it('a public client written into a file git would commit gets no "holds a client secret" warning; a confidential one does', async () => {
    await connect();
    const open = await create('Storefront', 'Public');
    const office = await create('Back office', 'Confidential');
    const repo = path.join(workspaceFolder().uri.fsPath, `oidc-git-${randomUUID()}`);
    fs.mkdirSync(repo, { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    await vscode.commands.executeCommand('git.openRepository', repo);
    try {
      for (const [client, file] of [
        [open, 'public.env'],
        [office, 'confidential.env'],
      ] as const) {
        await vscode.commands.executeCommand(Commands.writeLoginClientToEnv, {
          application: 'dev',
          loginClientId: client.id,
          destination: path.join(repo, file),
        });
      }
      assert.ok(fs.readFileSync(path.join(repo, 'public.env'), 'utf8').includes(open.id));
      // The confidential file's warning comes after the public one's would have.
      await ui.waitForMessage(
        /^oidc-git-[^/]+\/confidential\.env holds a client secret and is not ignored by git/,
      );
      assert.deepEqual(
        ui.messages.filter((m) => /public\.env holds a client secret/.test(m.text)),
        [],
        'the public client wrote no secret',
      );
    } finally {
      await vscode.commands
        .executeCommand('git.close', vscode.Uri.file(repo))
        .then(undefined, () => undefined);
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('a confidential client: edit its redirect URIs, write its OIDC keys to .env, reset (at once), delete with its application client', async () => {
    await connect();
    const client = await create('Back office', 'Confidential', 'https://office.example.com/callback');
    const arg = { application: 'dev', loginClientId: client.id };

    ui.type('https://office.example.com/callback, http://localhost:8080/cb');
    await vscode.commands.executeCommand(Commands.editRedirectUris, arg);
    assert.deepEqual(hl().clients()[0]!.redirectURIs, [
      'https://office.example.com/callback',
      'http://localhost:8080/cb',
    ]);

    ui.pick('http://localhost:8080/cb');
    await vscode.commands.executeCommand(Commands.writeLoginClientToEnv, { ...arg, destination: 'env' });
    const env = envValues(readEnv() ?? '');
    assert.deepEqual(env, {
      OIDC_ISSUER: hl().oidcUrl,
      OIDC_CLIENT_ID: client.id,
      OIDC_CLIENT_SECRET: hl().clients()[0]!.secret,
      OIDC_REDIRECT_URI: 'http://localhost:8080/cb',
    });

    const oldSecret = hl().clients()[0]!.secret!;
    ui.onMessage(/^Reset the secret of login client Back office\?/, 'Reset Secret');
    ui.onMessage(/already sets/, 'Replace');
    await vscode.commands.executeCommand(Commands.resetLoginClientSecret, { ...arg, destination: 'env' });
    const modal = ui.messages.find((m) => m.modal && /Reset the secret/.test(m.text));
    assert.match(modal?.detail ?? '', /stops working at once: Hosted Login has no grace period/);
    const newSecret = hl().clients()[0]!.secret!;
    assert.notEqual(newSecret, oldSecret);
    assert.equal(envValues(readEnv() ?? '').OIDC_CLIENT_SECRET, newSecret, 'the new secret is in .env');
    // It exists nowhere else (no grace period): Copy Last Created Credentials has it too.
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(Commands.copyLastCreatedCredentials);
    assert.equal(envValues(await vscode.env.clipboard.readText()).OIDC_CLIENT_SECRET, newSecret);

    ui.onMessage(/^Delete login client Back office from dev\?/, 'Delete');
    await vscode.commands.executeCommand(Commands.deleteLoginClient, arg);
    const confirm = ui.messages.find((m) => m.modal && /^Delete login client/.test(m.text));
    assert.match(confirm?.detail ?? '', /application client .* is deleted too/);
    assert.deepEqual(hl().clients(), []);
    assert.equal(emulator.client(client.applicationClientId), undefined, 'its application client is gone');
    assertNoSecretShown(ui, [...secrets(), oldSecret, newSecret]);
    assert.deepEqual(errors(ui), []);
  });

  it('reuses the configuration token across commands, and fetches one again once on a 403', async () => {
    await connect();
    const client = await create('Token reuse', 'Public');
    const arg = { application: 'dev', loginClientId: client.id };
    const afterCreate = configTokenRequests().length;
    assert.equal(afterCreate, 1, 'the token Connect checked the credentials with serves Create too');
    await vscode.commands.executeCommand(Commands.copyLoginClientId, arg);
    assert.equal(await vscode.env.clipboard.readText(), client.id);
    assert.equal(configTokenRequests().length, afterCreate, 'the token in memory is reused');

    hl().expireConfigTokens();
    await vscode.commands.executeCommand(Commands.copyLoginClientId, arg);
    assert.equal(configTokenRequests().length, afterCreate + 1, 'one new token after the 403');
    assert.deepEqual(errors(ui), []);
  });

  /** openExternal as a browser whose test user is signed in: follows each redirect over real HTTP. */
  const browser = () => {
    const visited: string[] = [];
    (vscode.env as { openExternal: typeof openExternal }).openExternal = async (uri) => {
      // A browser opens the page on its own: openExternal does not wait for it.
      void (async () => {
        let url = uri.toString(true);
        for (let hop = 0; hop < 5; hop++) {
          visited.push(url);
          const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
          const location = response.headers.get('location');
          await response.arrayBuffer();
          if (!location) break;
          url = new URL(location, url).toString();
        }
      })().catch((error: unknown) => visited.push(`failed: ${String(error)}`));
      return true;
    };
    return visited;
  };

  it('Try Sign-In: a public client signs the test user in with PKCE and shows the verified claims', async () => {
    await connect();
    const client = await create('Sign-in app', 'Public');
    const visited = browser();
    ui.onMessage(
      /^Register http:\/\/127\.0\.0\.1:\d+\/\S* on Sign-in app for this sign-in\?$/,
      'Register and Sign In',
    );
    await vscode.commands.executeCommand(Commands.trySignIn, {
      application: 'dev',
      loginClientId: client.id,
    });
    const shown = await ui.waitForMessage(/^Signed in with Sign-in app as /);
    assert.match(shown.text, new RegExp(`as Test User <${hl().user.email}> \\(subject ${hl().user.sub}\\)`));
    assert.match(shown.text, /scopes: openid profile email/);
    const authorize = new URL(visited[0]!);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    assert.deepEqual(
      hl().clients()[0]!.redirectURIs,
      ['http://localhost:3000/callback'],
      'the loopback URI is removed again',
    );
    const exchange = emulator.requests.find(
      (r) => r.op.endsWith('/login/token') && r.params.grant_type === 'authorization_code',
    );
    assert.equal(
      exchange?.params.code_verifier,
      '<redacted>',
      'a verifier was sent (the emulator checked it)',
    );
    assert.deepEqual(errors(ui), []);
  });

  it('Try Sign-In names "No flow available" and its fix before opening the browser', async () => {
    await connect();
    const client = await create('No flow app', 'Public');
    // Someone clears the flow in the Console.
    emulator.hostedLogin.clearFlow(client.id);
    const visited = browser();
    ui.onMessage(/^Register http/, 'Register and Sign In');
    await vscode.commands.executeCommand(Commands.trySignIn, {
      application: 'dev',
      loginClientId: client.id,
    });
    const [error] = errors(ui);
    assert.match(error?.text ?? '', /"No flow available".*default_flow_name.*Try Sign-In again/);
    assert.deepEqual(visited, [], 'the browser is not opened');
  });

  it('Try Sign-In says the consent was denied', async () => {
    await connect();
    const client = await create('Denied app', 'Public');
    emulator.hostedLogin.denyNextSignIn();
    browser();
    ui.onMessage(/^Register http/, 'Register and Sign In');
    await vscode.commands.executeCommand(Commands.trySignIn, {
      application: 'dev',
      loginClientId: client.id,
    });
    const [error] = errors(ui);
    assert.match(error?.text ?? '', /consent was denied .* Try Sign-In again and accept/);
  });

  describe('OIDC keys in env files', function () {
    // Each test connects, creates a login client and opens editors: on a loaded machine opening an
    // editor alone takes seconds, so these get more than the suite's 20 s (no timing is asserted).
    this.timeout(60_000);
    const file = (name: string) => path.join(workspaceFolder().uri.fsPath, name);
    const extraFiles = ['.env.local', '.env.azure', '.env.staging'];

    afterEach(async () => {
      await setUserSetting('checkWorkspaceEnvFiles', undefined);
      for (const name of extraFiles) fs.rmSync(file(name), { force: true });
    });

    /** The login client lists made (the view's, the commands' and the env files'). */
    const loginLists = () =>
      emulator.requests.filter((r) => r.method === 'GET' && r.op.endsWith('/config/clients')).length;

    const oidcEnv = (values: Record<string, string>) =>
      Object.entries(values)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n') + '\n';

    it('an issuer that does not match and an unregistered redirect URI: problems, hover, lens and their quick fixes', async () => {
      await connect();
      const client = await create('Storefront', 'Public');
      const listsBefore = loginLists();
      // An issuer of the same Hosted Login host with another customer ID: a mistyped or moved issuer.
      const wrongIssuer = hl().oidcUrl.replace(hl().customerId, 'another-customer');
      // An older issuer left above (dotenv reads the last): the fix leaves no stale copy behind.
      const staleIssuer = 'https://v1.api.eu.janrain.com/stale-customer/login';
      const document = await openEnv(
        `OIDC_ISSUER=${staleIssuer}\n` +
          oidcEnv({
            PORT: '3000',
            OIDC_ISSUER: `"${wrongIssuer}"`,
            OIDC_CLIENT_ID: client.id,
            OIDC_REDIRECT_URI: 'http://localhost:4000/callback',
          }),
        envPath(),
      );
      const [issuerProblem, redirectProblem] = (
        await waitForProblems(document, ['oidc-issuer-mismatch', 'redirect-uri-not-registered'])
      ).sort((a, b) => a.range.start.line - b.range.start.line);
      assert.equal(loginLists() - listsBefore, 1, 'opening the file listed the login clients once');
      assert.equal(issuerProblem!.severity, vscode.DiagnosticSeverity.Error);
      assert.match(
        issuerProblem!.message,
        /^OIDC_ISSUER is not the issuer of dev, where login client Storefront lives/,
      );
      assert.ok(issuerProblem!.message.includes(hl().oidcUrl), 'the message names the expected issuer');
      assert.equal(redirectProblem!.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(
        redirectProblem!.message,
        /^http:\/\/localhost:4000\/callback is not a redirect URI of login client Storefront \(dev\).*Registered: http:\/\/localhost:3000\/callback/,
      );

      const hover = await hoverOn(document, client.id);
      assert.match(hover, /\*\*Storefront\*\* · public login client of dev \\\(Hosted Login\\\)/);
      assert.ok(hover.includes('http://localhost:3000/callback'), 'the hover lists the redirect URIs');
      assert.ok(hover.includes(`command:${Commands.trySignIn}?`), 'the hover links Try Sign-In');
      assert.deepEqual(await lensTitles(document), [
        'dev · Storefront · public login client',
        '$(sign-in) Try Sign-In',
      ]);

      // Typing lists nothing: the providers answer from memory.
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# storefront\n'));
      assert.match(await hoverOn(document, client.id), /Storefront/);
      assert.equal(loginLists() - listsBefore, 1, 'no list while typing');

      const issuerFix = (
        await quickFixes(
          document,
          envProblems(document).find((d) => d.code === 'oidc-issuer-mismatch')!,
        )
      ).find((a) => a.title === `Change to ${hl().oidcUrl} (the issuer of dev)`);
      assert.ok(issuerFix?.isPreferred, 'writing the expected issuer is the preferred fix');
      await applyFix(issuerFix);
      await document.save();
      assert.equal(
        envValues(document.getText()).OIDC_ISSUER,
        `"${hl().oidcUrl}"`,
        'the expected issuer, in the quotes the old one had',
      );
      assert.ok(!document.getText().includes(staleIssuer), 'the older copy holds the expected issuer too');
      assert.ok(document.getText().includes(`\nOIDC_ISSUER=${hl().oidcUrl}\n`), 'unquoted, as it was');
      await waitForProblems(document, ['redirect-uri-not-registered']);

      const redirectFixes = await quickFixes(
        document,
        envProblems(document).find((d) => d.code === 'redirect-uri-not-registered')!,
      );
      assert.deepEqual(
        redirectFixes.map((a) => a.title),
        [
          'Register http://localhost:4000/callback on the login client…',
          'Change to http://localhost:3000/callback (registered)',
        ],
      );
      const before = ui.shown.length;
      ui.type('http://localhost:3000/callback, http://localhost:4000/callback');
      await applyFix(redirectFixes[0]!);
      assert.equal(
        ui.shown[before]?.value,
        'http://localhost:3000/callback, http://localhost:4000/callback',
        'Edit Redirect URIs offers the list with the file’s URI added',
      );
      assert.deepEqual(hl().clients()[0]!.redirectURIs, [
        'http://localhost:3000/callback',
        'http://localhost:4000/callback',
      ]);
      await waitForProblems(document, []);
      assert.deepEqual(errors(ui), []);
    });

    it('a login client deleted while its file is open gets a warning; one that never existed too', async () => {
      await connect();
      const client = await create('Back office', 'Public');
      const document = await openEnv(
        oidcEnv({ OIDC_ISSUER: hl().oidcUrl, OIDC_CLIENT_ID: client.id }),
        envPath(),
      );
      await waitUntil('the lens of the login client', async () =>
        (await lensTitles(document)).includes('dev · Back office · public login client'),
      );
      assert.deepEqual(envProblems(document), []);

      ui.onMessage(/^Delete login client Back office from dev\?/, 'Delete');
      await vscode.commands.executeCommand(Commands.deleteLoginClient, {
        application: 'dev',
        loginClientId: client.id,
      });
      const [gone] = await waitForProblems(document, ['unknown-login-client']);
      assert.equal(gone!.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(
        gone!.message,
        new RegExp(`^No login client ${client.id} in the Hosted Login of dev: it was deleted`),
      );
      assert.deepEqual(await lensTitles(document), ['$(warning) login client not found']);

      const never = randomUUID();
      const other = await openEnv(
        oidcEnv({ OIDC_ISSUER: hl().oidcUrl, OIDC_CLIENT_ID: never }),
        file('.env.local'),
      );
      const [unknown] = await waitForProblems(other, ['unknown-login-client']);
      assert.equal(unknown!.severity, vscode.DiagnosticSeverity.Warning);
      const [write] = await quickFixes(other, unknown!);
      assert.equal(write?.title, 'Write a login client of dev to this file…');
      assert.deepEqual(errors(ui), []);
    });

    it('another provider’s OIDC keys get nothing, beside our own Capture set and with our login clients in memory', async () => {
      await connect();
      const client = await create('Storefront', 'Public');
      // Our own file first, so that the login clients are in memory when the others are read.
      const ours = await openEnv(
        oidcEnv({
          OIDC_ISSUER: hl().oidcUrl,
          OIDC_CLIENT_ID: client.id,
          OIDC_REDIRECT_URI: 'http://localhost:3000/callback',
        }),
        envPath(),
      );
      await waitUntil('the lens of our login client', async () =>
        (await lensTitles(ours)).includes('dev · Storefront · public login client'),
      );
      const listed = loginLists();

      const auth0Id = 'kH3jd8Qm2Lx9Pq4Rt7Vw1Yz5Ab6Cd0Ef';
      const deletedCaptureId = 'deleted0000000000000000000000000';
      const auth0 = await openEnv(
        oidcEnv({
          OIDC_ISSUER: 'https://acme.us.auth0.com/',
          OIDC_CLIENT_ID: auth0Id,
          OIDC_CLIENT_SECRET: 'auth0-secret-not-ours',
          OIDC_REDIRECT_URI: 'http://localhost:3000/api/auth/callback',
          IDENTITY_CLOUD_CLIENT_ID: deletedCaptureId,
          IDENTITY_CLOUD_CAPTURE_DOMAIN: emulator.domain,
        }),
        file('.env.local'),
      );
      // The Capture set beside it gets its problem: the file was analysed.
      const [captureProblem] = await waitForProblems(auth0, ['unknown-client']);
      assert.equal(captureProblem!.range.start.line, 4, 'on the Identity Cloud set, not on the OIDC keys');
      assert.equal(await hoverOn(auth0, auth0Id), '', 'no hover on their client ID');
      assert.ok(
        (await lensTitles(auth0)).every((title) => !/login client|Try Sign-In/.test(title)),
        'no login client lens',
      );
      const azure = await openEnv(
        oidcEnv({
          OIDC_ISSUER: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
          OIDC_CLIENT_ID: '6731de76-14a6-49ae-97bc-6eba6914391e',
          OIDC_REDIRECT_URI: 'http://localhost:3000/auth/callback',
        }),
        file('.env.azure'),
      );
      assert.equal(await hoverOn(azure, '6731de76'), '', 'no hover on a GUID that is not ours');
      assert.deepEqual(await lensTitles(azure), []);
      assert.deepEqual(envProblems(azure), []);
      assert.deepEqual(envProblems(ours), [], 'our own file is fine');
      assert.equal(loginLists(), listed, 'their keys listed nothing');
    });

    it('a closed file, checked with the whole workspace, gets its OIDC problem from the login clients in memory', async () => {
      await connect();
      const client = await create('Closed app', 'Public');
      const ours = await openEnv(
        oidcEnv({ OIDC_ISSUER: hl().oidcUrl, OIDC_CLIENT_ID: client.id }),
        envPath(),
      );
      await waitUntil('the lens of our login client', async () =>
        (await lensTitles(ours)).includes('dev · Closed app · public login client'),
      );
      const listed = loginLists();
      const closed = vscode.Uri.file(file('.env.staging'));
      fs.writeFileSync(
        closed.fsPath,
        oidcEnv({ OIDC_CLIENT_ID: client.id, OIDC_REDIRECT_URI: 'https://staging.example.com/callback' }),
      );
      await setUserSetting('checkWorkspaceEnvFiles', true);
      await waitUntil('the closed file’s problem', () =>
        vscode.languages
          .getDiagnostics(closed)
          .some((d) => d.code === 'redirect-uri-not-registered' && d.source === 'Identity Cloud'),
      );
      assert.ok(
        !vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()),
        'the file was never opened',
      );
      assert.equal(loginLists(), listed, 'a closed file lists nothing');
    });
  });
});
