// `npm start`: a sandbox to try the extension by hand, with nothing to set up.
//
//   npm start -- [--port 8780] [--emulator-port 8781] [--host 4.100.3] [--reset] [--quiet]
//   (node esbuild.mjs --tests && node out/test/sandbox/start.js)
//
//   --port           code-server's port on 127.0.0.1 (keep it: the owner secret lives in the
//                    browser's storage for that origin)
//   --emulator-port  the local Identity Cloud emulator's port on 127.0.0.1
//   --host           code-server version (installed by test/harness/installHosts.sh when missing)
//   --reset          forget everything the sandbox kept (emulator clients, settings, workspace)
//   --quiet          do not print the emulator's request log
//
// What it does:
//   1. builds dist-sandbox/extension.js (node esbuild.mjs --sandbox) from test/sandbox/extension.ts,
//      the extension plus, on activation, the emulator's application and owner secret saved from
//      $IDENTITY_CLOUD_SANDBOX_APP. The packaged extension has no such code;
//   2. makes the sandbox extension (that build, the manifest, translations and icons; it
//      activates on start-up, so the application is there before the first command) and puts it
//      into the sandbox's own extensions folder, where VS Code finds it;
//   3. starts the emulator with its clients kept in a file, seeded with example clients on the
//      first run;
//   4. starts code-server on 127.0.0.1 with that extension and $IDENTITY_CLOUD_SANDBOX_APP, and
//      prints the URL to open;
//   5. on Ctrl+C (SIGINT) or SIGTERM, stops code-server's process group and the emulator.
// Everything it keeps lives in $IDENTITY_CLOUD_SANDBOX_DIR (default
// ~/.cache/identity-cloud-clients/sandbox): nothing is written into the repository but the builds.
// The emulator's owner secret is never printed: it reaches the extension only through code-server's
// environment (a local throwaway that works nowhere else).
import { spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator as startLocalEmulator, type Emulator } from '../emulator/emulator';
import { EXAMPLE_CLIENTS } from '../emulator/examples';
import { integerOption, parseCommandLine } from '../harness/cli';
import {
  DEFAULT_HOST,
  HarnessError,
  QUIET_SETTINGS,
  REPO_ROOT,
  delay,
  findHost,
  isHealthy,
  serveArgs,
  spawnGroup,
  stopGroup,
  type Host,
} from '../harness/codeServer';
import { portHolder } from '../harness/ports';

const APP_NAME = 'sandbox';
const USAGE =
  'usage: npm start -- [--port 8780] [--emulator-port 8781] [--host VERSION] [--reset] [--quiet]\n' +
  'Builds the sandbox extension, starts the local emulator and code-server, prints the URL. Ctrl+C stops it.';

const options = parseCommandLine(USAGE, {
  port: { type: 'string', default: '8780' },
  'emulator-port': { type: 'string', default: '8781' },
  host: { type: 'string', default: DEFAULT_HOST },
  reset: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
});
const vscodePort = integerOption('port', options.port, USAGE, 1, 65535);
const emulatorPort = integerOption('emulator-port', options['emulator-port'], USAGE, 1, 65535);

const base = path.resolve(
  process.env.IDENTITY_CLOUD_SANDBOX_DIR ||
    path.join(os.homedir(), '.cache', 'identity-cloud-clients', 'sandbox'),
);
const dirs = {
  base,
  extensions: path.join(base, 'extensions'),
  userData: path.join(base, 'user-data'),
  workspace: path.join(base, 'workspace'),
  scratch: path.join(base, 'tmp'),
  xdg: path.join(base, 'xdg'),
  config: path.join(base, 'config.yaml'),
  log: path.join(base, 'code-server.log'),
  clients: path.join(base, 'emulator-clients.json'),
};

const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(1);
}

/** Fails early, naming what holds the port when it can be told. */
function ensurePortFree(port: number, flag: string): Promise<void> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => {
      const holder = portHolder(port);
      fail(
        `port ${port} on 127.0.0.1 is in use${holder ? ` by ${holder}` : ' (is a sandbox already running?)'}; pass ${flag} with another port`,
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function run(what: string, command: string, args: string[]): void {
  const since = Date.now();
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail(`${what} failed (${[command, ...args].join(' ')})`);
  console.log(`  ${what}: ${seconds(since)}`);
}

function findOrInstallHost(version: string): Host {
  try {
    return findHost(version);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    console.log(`code-server ${version} is not installed; installing it (a minute or two, once)`);
    run(`install code-server ${version}`, 'bash', [
      path.join(REPO_ROOT, 'test', 'harness', 'installHosts.sh'),
      version,
    ]);
    return findHost(version);
  }
}

/**
 * The sandbox extension: the sandbox build under the manifest's `main`, the translations and
 * icons, and source maps that point back into the repository. It activates on start-up, so the
 * seed has set up the application before the first command runs.
 */
function makeExtension(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  > & {
    publisher: string;
    name: string;
    version: string;
  };
  const prefix = `${manifest.publisher}.${manifest.name}-`;
  const folder = path.join(dirs.extensions, `${prefix}${manifest.version}-sandbox`);
  // Replace this extension's earlier copies; other extensions installed into the sandbox stay.
  // Without extensions.json, VS Code scans the folder again and lists what it finds.
  fs.mkdirSync(dirs.extensions, { recursive: true });
  for (const entry of fs.readdirSync(dirs.extensions)) {
    if (entry.startsWith(prefix) || entry === 'extensions.json') {
      fs.rmSync(path.join(dirs.extensions, entry), { recursive: true, force: true });
    }
  }
  const built = path.join(REPO_ROOT, 'dist-sandbox');
  fs.mkdirSync(path.join(folder, 'dist-sandbox'), { recursive: true });
  const sandboxManifest = {
    ...manifest,
    main: './dist-sandbox/extension.js',
    activationEvents: ['onStartupFinished'],
    scripts: undefined,
    devDependencies: undefined,
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(sandboxManifest, null, 2));
  for (const file of fs.readdirSync(REPO_ROOT).filter((f) => /^package\.nls(\..+)?\.json$/.test(f))) {
    fs.copyFileSync(path.join(REPO_ROOT, file), path.join(folder, file));
  }
  for (const dir of ['media', 'l10n']) {
    if (fs.existsSync(path.join(REPO_ROOT, dir)))
      fs.cpSync(path.join(REPO_ROOT, dir), path.join(folder, dir), { recursive: true });
  }
  // The sandbox build (test/sandbox/extension.ts bundled), its source map pointed back at the repository.
  fs.copyFileSync(path.join(built, 'extension.js'), path.join(folder, 'dist-sandbox', 'extension.js'));
  const mapFile = path.join(built, 'extension.js.map');
  if (fs.existsSync(mapFile)) {
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sourceRoot?: string };
    map.sourceRoot = `${new URL(`file://${built}/`)}`;
    fs.writeFileSync(path.join(folder, 'dist-sandbox', 'extension.js.map'), JSON.stringify(map));
  }
  return folder;
}

/** User settings: the harness's quiet defaults under whatever the sandbox has kept (the application). */
function writeSettings(): void {
  const file = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let kept: Record<string, unknown> = {};
  try {
    kept = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // first run, or a file VS Code will rewrite anyway
  }
  fs.writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...kept }, null, 2));
}

function makeWorkspace(): void {
  fs.mkdirSync(dirs.workspace, { recursive: true });
  const readme = path.join(dirs.workspace, 'SANDBOX.md');
  if (!fs.existsSync(readme)) {
    fs.writeFileSync(
      readme,
      [
        '# Identity Cloud Clients sandbox',
        '',
        'A throwaway workspace. The "sandbox" application points at a local emulator of the',
        'Identity Cloud /clients API, so nothing here reaches Akamai.',
        '',
        "- Open **Identity Cloud** in the activity bar: the emulator's clients are listed.",
        '- Click **+** on the application (or F1 → "Identity Cloud: Create API Client…"), describe the',
        '  client, tick features, choose `.env`: the new credentials land in `.env` here.',
        '- Right-click a client: copy its ID, edit its features or allow list, reset its secret, delete it.',
        '',
      ].join('\n'),
    );
  }
}

/** The sandbox application's ID for the Configuration API (the emulator answers for it). */
const SANDBOX_APP_ID = 'sandboxapp4flows2demo0000a';

async function startEmulator(): Promise<Emulator> {
  const emulator = await startLocalEmulator({
    port: emulatorPort,
    persistFile: dirs.clients,
    appId: SANDBOX_APP_ID,
    ...(options.quiet ? {} : { log: (line: string) => console.log(`  emulator  ${line}`) }),
  });
  if (!emulator.loadedFromFile) for (const example of EXAMPLE_CLIENTS) emulator.addClient(example);
  return emulator;
}

async function waitHealthy(child: ChildProcess, timeoutMs = 60000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    if (await isHealthy(vscodePort)) return true;
    await delay(200);
  }
  return false;
}

function logTail(): string {
  try {
    return fs.readFileSync(dirs.log, 'utf8').slice(-3000);
  } catch {
    return '(no log)';
  }
}

async function main(): Promise<void> {
  if (options.reset) {
    fs.rmSync(dirs.base, { recursive: true, force: true });
    console.log(`sandbox: reset (${dirs.base} removed)`);
  }
  await ensurePortFree(vscodePort, '--port');
  await ensurePortFree(emulatorPort, '--emulator-port');

  console.log('Building');
  run('node esbuild.mjs --sandbox', process.execPath, ['esbuild.mjs', '--sandbox']);
  const host = findOrInstallHost(options.host);

  // code-server leaves its IPC sockets in TMPDIR: a fresh one each time.
  fs.rmSync(dirs.scratch, { recursive: true, force: true });
  for (const dir of [dirs.scratch, dirs.xdg]) fs.mkdirSync(dir, { recursive: true });
  const extensionFolder = makeExtension();
  writeSettings();
  makeWorkspace();
  fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');

  const emulator = await startEmulator();
  const owner = emulator.owner;

  // Its own process group, so that stopping it ends everything it started (also if this process dies).
  const codeServer = spawnGroup(
    host.bin,
    [
      '--config',
      dirs.config,
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      ...serveArgs(`127.0.0.1:${vscodePort}`),
    ],
    {
      logFile: dirs.log,
      env: {
        ...process.env,
        IDENTITY_CLOUD_SANDBOX_APP: JSON.stringify({
          name: APP_NAME,
          domain: emulator.domain,
          clientId: owner.clientId,
          clientSecret: owner.clientSecret,
          // Hosted Login connected too, so Create Login Client… and Try Sign-In work at once.
          hostedLogin: {
            customerId: emulator.hostedLogin.customerId,
            origin: emulator.domain,
            configClientId: emulator.hostedLogin.configClient.clientId,
            configClientSecret: emulator.hostedLogin.configClient.clientSecret,
          },
          appId: emulator.appId,
        }),
        TMPDIR: dirs.scratch,
        XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
        XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
        XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
      },
    },
  );

  let stopping: Promise<void> | undefined;
  const stop = (reason: string, code = 0): Promise<void> => {
    stopping ??= (async () => {
      console.log(`\nsandbox: ${reason}; stopping code-server and the emulator`);
      await stopGroup(codeServer);
      await emulator.close();
      console.log('sandbox: stopped');
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));

  if (!(await waitHealthy(codeServer))) {
    console.error(logTail());
    await stop(`code-server ${host.version} did not start (log: ${dirs.log})`, 1);
  }
  codeServer.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(logTail());
      void stop(`code-server exited on its own (${signal ?? code}; log: ${dirs.log})`, 1);
    }
  });

  const url = `http://127.0.0.1:${vscodePort}/?folder=${encodeURIComponent(dirs.workspace)}`;
  console.log(
    [
      '',
      `Identity Cloud Clients sandbox is ready (${seconds(started)}): VS Code ${host.vscodeVersion} (code-server ${host.version})`,
      '',
      `  Open             ${url}`,
      `  Application      "${APP_NAME}": the local emulator at ${emulator.domain}, owner client ${owner.clientId}`,
      `                   (set up by the sandbox build when the window opens; nothing to type)`,
      `  Flows            application ID ${emulator.appId}: its Configuration API is the emulator too`,
      `  Emulator         ${emulator.clients().length} clients, kept in ${dirs.clients}`,
      `  Workspace        ${dirs.workspace}`,
      `  Extension        the sandbox build (dist-sandbox/extension.js), in ${extensionFolder}`,
      '',
      'Try:',
      '  1. Click the Identity Cloud icon in the activity bar: the sandbox application and its clients.',
      '  2. Click + on "sandbox" (or F1 → "Identity Cloud: Create API Client…"): describe the client,',
      "     tick features, OK, choose .env → the new client ID and secret are in the workspace's .env.",
      '  3. Right-click a client: Copy Client ID, Edit Features…, Edit Allow List…, Reset Secret…, Delete Client….',
      '  4. Expand Flows: the flows and their versions; create a login client and pick its flow from them.',
      '',
      `Ctrl+C stops it. State survives restarts; \`npm start -- --reset\` starts over. code-server log: ${dirs.log}`,
      '',
    ].join('\n'),
  );
}

void main();
