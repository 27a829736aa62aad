// A platform team's scale (issue 16): many applications listed a few at a time by the real
// extension, and the clients view (the real ClientsTree, wired as src/extension.ts wires it, as in
// treeItems.test.ts) drawing only what it must: the first applications expanded, tooltips when
// asked, and a refresh of one application redrawing that application only.
import { randomUUID } from 'node:crypto';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MAX_LISTS_IN_FLIGHT } from '../../src/clients/limiter';
import { ownerSecretKey } from '../../src/ids';
import { EXPANDED_APPLICATIONS, type ClientsTree, type ClientsTreeNode } from '../../src/views/clientsTree';
import { AnswerGate, startEmulators, type EmulatedClient, type Emulator } from '../emulator/emulator';
import { waitUntil } from '../waitUntil';
import { FakeUi } from './helpers/fakeUi';
import { contextWith, FaultySecretStorage } from './helpers/faultySecrets';
import { treeItems } from './helpers/treeFixture';
import {
  addApplication,
  cleanWorkspace,
  ENV_KEYS,
  envPath,
  removeApplications,
  setUserSetting,
  startWithApplication,
  workspaceFolder,
} from './helpers/workbench';

const SOURCE = 'Identity Cloud';
/** Three times the limit: enough to show it held (the unit tier lists 50 the same way, faster). */
const APPLICATIONS = 3 * MAX_LISTS_IN_FLIGHT;

/** The index's (and the view's) list calls: Add Application's check filters on has_features. */
const indexLists = (emulator: Emulator) =>
  emulator.requests.filter((r) => r.op === 'list' && r.params.has_features === undefined).length;

describe("a platform team's scale", () => {
  describe('a dozen applications, listed by the extension', function () {
    this.timeout(90_000);
    let emulators: Emulator[] = [];
    // Open for the set-up; the test holds every answer until it sends it.
    const gate = new AnswerGate();
    gate.open();

    before(async () => {
      emulators = await startEmulators(APPLICATIONS, { gate });
      await FakeUi.during(async (setup) => {
        for (const [i, emulator] of emulators.entries()) {
          emulator.addClient({ description: `service of app${i}`, features: ['direct_read_access'] });
          await addApplication(setup, emulator, `app${i}`);
        }
      });
    });

    after(async () => {
      try {
        await FakeUi.during(async (cleanup) => {
          await cleanWorkspace();
          await removeApplications(cleanup);
        });
      } finally {
        await Promise.all(emulators.map((e) => e.close()));
      }
    });

    it(`opening an env file lists all ${APPLICATIONS} with at most ${MAX_LISTS_IN_FLIGHT} list calls in flight, then shows its problems`, async () => {
      // Every answer is held until the test sends it, oldest first, once the limit is held: what is
      // in flight then depends on the limiter alone, never on how fast the machine is. Without the
      // limit all of them would be in flight at once.
      gate.close();
      const inFlight = emulators[0]!.inFlight;
      inFlight.resetPeak();
      const before = emulators.map(indexLists);
      const last = emulators
        .at(-1)!
        .clients()
        .find((c) => c.description === `service of app${APPLICATIONS - 1}`)!;
      const uri = vscode.Uri.file(envPath());
      await vscode.workspace.fs.writeFile(
        uri,
        new TextEncoder().encode(
          `${ENV_KEYS.clientId}=${last.clientId}\n${ENV_KEYS.clientSecret}=outdated0000000000000000000000\n`,
        ),
      );
      let document: vscode.TextDocument;
      try {
        document = (await vscode.window.showTextDocument(uri)).document;
        for (let answered = 0; answered < APPLICATIONS; answered++) {
          await gate.whenHolding(Math.min(MAX_LISTS_IN_FLIGHT, APPLICATIONS - answered));
          assert.ok(inFlight.now <= MAX_LISTS_IN_FLIGHT, `${inFlight.now} lists in flight`);
          gate.releaseOne();
        }
      } finally {
        gate.open();
      }
      await waitUntil('every application listed once', () =>
        emulators.every((e, i) => indexLists(e) === before[i]! + 1 && inFlight.now === 0),
      );
      assert.equal(inFlight.max, MAX_LISTS_IN_FLIGHT, 'a few at a time, never all at once');
      const problems = await waitUntil('the outdated secret of the last application’s client', () => {
        const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === SOURCE);
        // Problems of this text, not those another suite's copy of .env left for a moment.
        return found.some((d) => String(d.code) === 'secret-outdated') && found;
      });
      assert.deepEqual(
        problems.map((d) => String(d.code)),
        ['secret-outdated'],
      );
    });
  });

  describe('the clients view with many applications', () => {
    let emulators: Emulator[] = [];
    let secrets: FaultySecretStorage;
    let wired: ReturnType<typeof contextWith>;
    let view: ClientsTree;

    const items = (node?: ClientsTreeNode) => treeItems(view, node);

    beforeEach(async () => {
      emulators = await startEmulators(5);
      secrets = new FaultySecretStorage();
      wired = contextWith(secrets);
      view = wired.ctx.tree;
      for (const [i, e] of emulators.entries()) {
        e.addClient({ description: `service of app${i}`, features: ['direct_read_access'] });
        await secrets.store(ownerSecretKey(e.domain, e.owner.clientId), e.owner.clientSecret);
      }
      await setUserSetting(
        'applications',
        emulators.map((e, i) => ({ name: `app${i}`, domain: e.domain, clientId: e.owner.clientId })),
      );
    });

    afterEach(async () => {
      wired.dispose();
      secrets.dispose();
      await setUserSetting('applications', undefined);
      await Promise.all(emulators.map((e) => e.close()));
    });

    it(`draws the first ${EXPANDED_APPLICATIONS} applications expanded and the others collapsed, then as the user left them`, async () => {
      const expanded = vscode.TreeItemCollapsibleState.Expanded;
      const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
      const roots = await items();
      assert.deepEqual(
        roots.map((r) => r.item.collapsibleState),
        [expanded, expanded, expanded, collapsed, collapsed],
      );
      view.remember(roots[0]!.node, false);
      view.remember(roots[4]!.node, true);
      assert.deepEqual(
        (await items()).map((r) => r.item.collapsibleState),
        [collapsed, expanded, expanded, collapsed, expanded],
      );
    });

    it('a refresh of one application redraws only that application and lists only it again', async () => {
      const roots = await items();
      for (const root of roots) await view.getChildren(root.node);
      const listed = emulators.map(indexLists);
      const redrawn: Array<ClientsTreeNode | undefined> = [];
      const subscription = view.onDidChangeTreeData((node) => redrawn.push(node ?? undefined));
      try {
        const target = roots[3]!.node as Extract<ClientsTreeNode, { kind: 'application' }>;
        view.refresh(target.app);
        assert.equal(redrawn.length, 1);
        assert.equal(redrawn[0], target, "the application's own node, not the whole tree");
        const clients = await items(target);
        assert.ok(clients.some((c) => c.item.label === 'service of app3'));
        assert.deepEqual(
          emulators.map(indexLists),
          listed.map((n, i) => (i === 3 ? n + 1 : n)),
        );
      } finally {
        subscription.dispose();
      }
    });

    it('builds tooltips only when VS Code asks to resolve an item, and shows no secret in them', async () => {
      const [root] = await items();
      assert.equal(root!.item.tooltip, undefined);
      const [client] = (await items(root!.node)).filter((c) => c.item.label === 'service of app0');
      assert.equal(client!.item.tooltip, undefined, 'nothing built up front for thousands of clients');
      const resolved = view.resolveTreeItem(client!.item, client!.node);
      const tooltip = resolved.tooltip as vscode.MarkdownString;
      assert.match(tooltip.value, /direct\\_read\\_access/);
      const secret = emulators[0]!.clients().find((c) => c.description === 'service of app0')!.clientSecret;
      assert.ok(!tooltip.value.includes(secret));
      assert.match(
        (view.resolveTreeItem(root!.item, root!.node).tooltip as vscode.MarkdownString).value,
        /app0/,
      );
    });
  });

  describe('env files that are not open', () => {
    let ui: FakeUi;
    let emulator: Emulator;
    let checkout: EmulatedClient;
    // A folder of this suite's own: another suite's document for `services/checkout/.env` may
    // still be open in VS Code (a closed tab keeps its document a while), and would count as open.
    const folder = () => path.join(workspaceFolder().uri.fsPath, 'never-opened');
    /** A nested service's env file, written on disk only (never opened). */
    const write = (service: string, text: string) => {
      const file = path.join(folder(), service, '.env');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return vscode.Uri.file(file);
    };
    const codes = (uri: vscode.Uri) =>
      vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.source === SOURCE)
        .map((d) => String(d.code));
    const outdated = () =>
      `${ENV_KEYS.clientId}=${checkout.clientId}\n${ENV_KEYS.clientSecret}=outdated0000000000000000000000\n`;

    beforeEach(async () => {
      ({
        emulator,
        ui,
        clients: [checkout],
      } = await startWithApplication({
        clients: [{ description: 'checkout', features: ['direct_read_access'] }],
      }));
    });

    afterEach(async () => {
      ui.restore();
      try {
        await FakeUi.during(async (cleanup) => {
          await setUserSetting('checkWorkspaceEnvFiles', undefined);
          await cleanWorkspace();
          fs.rmSync(folder(), { recursive: true, force: true });
          await removeApplications(cleanup);
        });
      } finally {
        await emulator.close();
      }
    });

    it('Check All Env Files shows the problems of every env file, open or not, and says how many it checked', async () => {
      const stale = write('checkout', outdated());
      const deleted = write(
        'reports',
        `${ENV_KEYS.clientId}=deleted000000000000000000000000\n${ENV_KEYS.clientSecret}=whatever\n`,
      );
      const clean = write('web', 'PORT=8080\n');
      await vscode.commands.executeCommand('identityCloud.checkAllEnvFiles');
      await waitUntil(
        'the problems of both closed files',
        () => codes(stale).includes('secret-outdated') && codes(deleted).includes('unknown-client'),
      );
      assert.match(
        ui.messages.map((m) => m.text).join('\n'),
        /^Checked \d+ env files: 2 have Identity Cloud problems/m,
      );
      assert.deepEqual(codes(clean), []);
    });

    it('with identityCloud.checkWorkspaceEnvFiles on, a closed file keeps its problems and is checked again when the client list changes', async () => {
      const stale = write('checkout', outdated());
      const current = write(
        'web',
        `${ENV_KEYS.clientId}=${checkout.clientId}\n${ENV_KEYS.clientSecret}=${checkout.clientSecret}\n`,
      );
      await setUserSetting('checkWorkspaceEnvFiles', true);
      await waitUntil('the closed file’s problem', () => codes(stale).includes('secret-outdated'));
      assert.deepEqual(codes(current), [], 'its secret is current');
      // Reset by someone else in the Console: Refresh finds the other closed file's secret outdated.
      emulator.resetSecret(checkout.clientId);
      await vscode.commands.executeCommand('identityCloud.refresh');
      await waitUntil('the closed file’s secret to be outdated', () =>
        codes(current).includes('secret-outdated'),
      );
      // Off again: only open files have problems, as VS Code's convention has it.
      await setUserSetting('checkWorkspaceEnvFiles', undefined);
      await waitUntil(
        'the closed files’ problems to be dropped',
        () => [...codes(stale), ...codes(current)].length === 0,
      );
    });

    it('asks git about every env file of the workspace at once: opening them one by one afterwards asks it nothing more', async function () {
      this.timeout(60_000);
      const repo = path.join(workspaceFolder().uri.fsPath, `repo-${randomUUID()}`);
      const files = ['checkout', 'reports', 'web'].map((service) => {
        const file = path.join(repo, service, '.env');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(
          file,
          `${ENV_KEYS.clientId}=${checkout.clientId}\n${ENV_KEYS.clientSecret}=${checkout.clientSecret}\n`,
        );
        return vscode.Uri.file(file);
      });
      execFileSync('git', ['init', '-q', repo]);
      await vscode.commands.executeCommand('git.openRepository', repo);
      // What the extension asks the git extension (its API's repositories share one prototype).
      const git = vscode.extensions
        .getExtension<{ getAPI(v: 1): { getRepository(uri: vscode.Uri): object | null } }>('vscode.git')!
        .exports.getAPI(1);
      const repository = await waitUntil('git to open the repository', () =>
        git.getRepository(vscode.Uri.file(repo)),
      );
      const prototype = Object.getPrototypeOf(repository) as {
        checkIgnore(paths: string[]): Promise<Set<string>>;
      };
      const checkIgnore = prototype.checkIgnore;
      const asked: string[][] = [];
      prototype.checkIgnore = function (this: unknown, paths: string[]) {
        asked.push(paths);
        return checkIgnore.call(this, paths);
      };
      // A .gitignore written (and seen) first: whatever was asked before, every answer is new.
      const seen = vscode.workspace.createFileSystemWatcher('**/.gitignore');
      const gitignoreSeen = new Promise((resolve) => seen.onDidCreate(resolve));
      fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
      try {
        await gitignoreSeen;
        const committable = (uri: vscode.Uri) => codes(uri).includes('secret-not-ignored');
        await vscode.window.showTextDocument(files[0]!);
        await waitUntil('the first file’s secret that git would commit', () => committable(files[0]!));
        const askedAbout = () => new Set(asked.flat());
        await waitUntil('git to be asked about the other env files too', () =>
          files.every((f) => askedAbout().has(f.fsPath)),
        );
        const calls = asked.length;
        for (const file of files.slice(1)) {
          await vscode.window.showTextDocument(file);
          await waitUntil(`the secret in ${path.basename(path.dirname(file.fsPath))}/.env`, () =>
            committable(file),
          );
        }
        assert.equal(asked.length, calls, 'opening the other two asked git nothing more');
      } finally {
        prototype.checkIgnore = checkIgnore;
        seen.dispose();
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.commands
          .executeCommand('git.close', vscode.Uri.file(repo))
          .then(undefined, () => undefined);
        fs.rmSync(repo, { recursive: true, force: true });
      }
    });

    it('with identityCloud.checkWorkspaceEnvFiles on, a closed file’s committable secret goes once .gitignore ignores it', async function () {
      this.timeout(60_000);
      // A path new to this window: VS Code's file watcher (code-server 4.100 seen) misses what is
      // written in a folder deleted and made again at the same path while it watches, as the
      // folder() of the tests before is.
      const repo = path.join(workspaceFolder().uri.fsPath, `repo-${randomUUID()}`);
      fs.mkdirSync(repo, { recursive: true });
      execFileSync('git', ['init', '-q', repo]);
      await vscode.commands.executeCommand('git.openRepository', repo);
      try {
        const file = vscode.Uri.file(path.join(repo, '.env'));
        fs.writeFileSync(
          file.fsPath,
          `${ENV_KEYS.clientId}=${checkout.clientId}\n${ENV_KEYS.clientSecret}=${checkout.clientSecret}\n`,
        );
        await setUserSetting('checkWorkspaceEnvFiles', true);
        await waitUntil('the closed file’s secret that git would commit', () =>
          codes(file).includes('secret-not-ignored'),
        );
        fs.writeFileSync(path.join(repo, '.gitignore'), '.env\n');
        await waitUntil('the problem to go once git ignores the file', () => codes(file).length === 0);
      } finally {
        await vscode.commands
          .executeCommand('git.close', vscode.Uri.file(repo))
          .then(undefined, () => undefined);
        fs.rmSync(repo, { recursive: true, force: true });
      }
    });
  });
});
