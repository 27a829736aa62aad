// A real VS Code for the test tiers: code-server (the VS Code server and web workbench, with a
// Node extension host) on 127.0.0.1, and a headless Chromium to open it, driven by playwright-core.
// Used by runIntegration.ts, ui.ts, the benchmark and the sandbox.
//
// A host is one pinned code-server install made by installHosts.sh:
//   <hosts dir>/<version>/code-server                    runs code-server with the Node it needs
//   <hosts dir>/<version>/.installed-<version>            written last, once the install is complete
// where <hosts dir> is $IDENTITY_CLOUD_HOSTS_DIR or ~/.cache/identity-cloud-clients/hosts. The
// versions are listed once, in hosts.json (installHosts.sh reads it too). The browser is Debian's
// chromium ($CHROMIUM_PATH to use another binary).
//
// Every server gets one temp dir for all its state: config, XDG dirs, TMPDIR (the server leaves
// IPC sockets there), user data, extensions, and the workspace unless one is given. It runs in its
// own process group; stop() ends that group and removes the dir. Chromium's stray files (crash
// reports, temp dirs) are pointed into the same dir. A run leaves nothing in $HOME or /tmp.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The repository root, found from here (test/harness when type-checked, out/test/harness when run). */
export const REPO_ROOT = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'esbuild.mjs')))
      return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
})();

/** The pinned hosts (test/harness/hosts.json), oldest first: the oldest matches `engines.vscode`. */
export const HOST_VERSIONS: readonly string[] = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'harness', 'hosts.json'), 'utf8')) as {
    codeServer: string[];
  }
).codeServer;
export const DEFAULT_HOST = HOST_VERSIONS[0]!;
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
const INSTALL_HINT = 'run: bash test/harness/installHosts.sh';

const CHROMIUM_ARGS = [
  '--no-sandbox', // runs as root in CI
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Quiet user settings: nothing opens, asks, updates or phones home on its own. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

/** A setup problem (host or browser missing, server not starting), as opposed to a test failure. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}

export interface Host {
  /** code-server version, e.g. '4.100.3'. */
  readonly version: string;
  /** The VS Code version it is built on, e.g. '1.100.3'. */
  readonly vscodeVersion: string;
  readonly dir: string;
  readonly bin: string;
}

export function hostsDir(): string {
  return path.resolve(
    process.env.IDENTITY_CLOUD_HOSTS_DIR ||
      path.join(os.homedir(), '.cache', 'identity-cloud-clients', 'hosts'),
  );
}

/** The installed host of that code-server version; a HarnessError that says how to install it otherwise. */
export function findHost(version: string = DEFAULT_HOST): Host {
  const dir = path.join(hostsDir(), version);
  const bin = path.join(dir, 'code-server');
  if (![`.installed-${version}`, 'code-server'].every((f) => fs.existsSync(path.join(dir, f))))
    throw new HarnessError(`code-server ${version} is not installed in ${dir}; ${INSTALL_HINT} ${version}`);
  const vscodePackage = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  const vscodeVersion = (JSON.parse(fs.readFileSync(vscodePackage, 'utf8')) as { version: string }).version;
  return { version, vscodeVersion, dir, bin };
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function isHealthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function execFileAsync(file: string, args: string[], options: { env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, options, (error, stdout, stderr) => {
      if (error)
        reject(
          new HarnessError(
            `${path.basename(file)} ${args.join(' ')} failed: ${stderr || stdout || error.message}`,
          ),
        );
      else resolve(stdout);
    });
  });
}

// Process groups still running, so that an unexpected exit of this process does not leave a
// server behind. 'exit' handlers must be synchronous, hence SIGKILL.
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Spawns a command in its own process group, which stopGroup() ends (also when this process exits). */
export function spawnGroup(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; logFile: string },
): ChildProcess {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log], env: options.env });
  fs.closeSync(log);
  if (child.pid !== undefined) liveGroups.add(child.pid);
  return child;
}

/** Ends the process group of a detached child: exactly what we started, and all it started. */
export function stopGroup(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    const pid = child?.pid;
    if (!child || pid === undefined) return resolve();
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-pid, name);
      } catch {
        // already gone
      }
    };
    if (child.exitCode !== null || child.signalCode !== null) {
      // The server is gone; anything it left in its group goes too.
      signal('SIGKILL');
      liveGroups.delete(pid);
      return resolve();
    }
    const force = setTimeout(() => signal('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      signal('SIGKILL');
      liveGroups.delete(pid);
      resolve();
    });
    signal('SIGTERM');
  });
}

/** How the harness and the sandbox serve VS Code: local only, no password, no prompts or update checks. */
export function serveArgs(bindAddr: string): string[] {
  return [
    '--bind-addr',
    bindAddr,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
}

/** What a runner (integration, UI) reports: printed, written with --json, added up by `npm test`. */
export interface TierResult {
  passed: number;
  failed: number;
  pending: number;
  ok: boolean;
  host: string;
  vscodeVersion?: string;
  seconds: number;
  /** Why the tier could not run (a setup problem), when it could not. */
  error?: string;
}

/** A runner script's entry: run, then exit 0 when the result is ok, 1 otherwise. */
export function exitWith(result: Promise<{ ok: boolean }>): void {
  result.then(
    (r) => process.exit(r.ok ? 0 : 1),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

export interface CodeServerOptions {
  /** Folder to use as the workspace (created if missing); default <dir>/workspace. */
  workspace?: string | undefined;
  /** User settings, merged over QUIET_SETTINGS. */
  settings?: Record<string, unknown> | undefined;
  /** Extra environment for the server and so its extension host. */
  env?: Record<string, string> | undefined;
  /** Temp dir name prefix. */
  label?: string;
  /** A command the server runs under, e.g. unshare (see testCa.ts): [command, ...args]. */
  spawnPrefix?: string[] | undefined;
  /** Keep the temp dir (and the server log) after stop(). */
  keep?: boolean;
}

/** A code-server in a temp dir of its own, on a free 127.0.0.1 port (kept across restarts). */
export class CodeServer {
  readonly keep: boolean;
  /** Its temp dir, holding everything it writes. */
  readonly dir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Absolute path of the folder it opens. */
  readonly workspace: string;
  readonly logFile: string;
  readonly configFile: string;
  readonly scratch: string;
  /** What the server and its extension host get as their environment (add to it before start()). */
  readonly env: NodeJS.ProcessEnv;
  /** What the browser gets: its stray files go into the temp dir too. */
  readonly browserEnv: Record<string, string>;
  port = 0;
  /** A command the server runs under (testCa.ts): set before start(). */
  spawnPrefix: string[] | undefined;
  private child: ChildProcess | undefined;

  constructor(
    readonly host: Host,
    options: CodeServerOptions = {},
  ) {
    this.keep = Boolean(options.keep);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `icc-${options.label || 'vscode'}-`));
    this.userDataDir = path.join(this.dir, 'user-data');
    this.extensionsDir = path.join(this.dir, 'extensions');
    this.workspace = path.resolve(options.workspace || path.join(this.dir, 'workspace'));
    this.logFile = path.join(this.dir, 'code-server.log');
    this.configFile = path.join(this.dir, 'config.yaml');
    this.scratch = path.join(this.dir, 'tmp');
    const xdg = path.join(this.dir, 'xdg');
    for (const d of [
      path.join(this.userDataDir, 'User'),
      this.extensionsDir,
      this.workspace,
      this.scratch,
      xdg,
    ]) {
      fs.mkdirSync(d, { recursive: true });
    }
    fs.writeFileSync(
      path.join(this.userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
    );
    // Without --config code-server writes ~/.config/code-server/config.yaml with a password.
    fs.writeFileSync(this.configFile, 'auth: none\ncert: false\n');
    this.env = {
      ...process.env,
      ...options.env,
      TMPDIR: this.scratch,
      XDG_CONFIG_HOME: path.join(xdg, 'config'),
      XDG_DATA_HOME: path.join(xdg, 'data'),
      XDG_CACHE_HOME: path.join(xdg, 'cache'),
    };
    this.browserEnv = {
      ...(process.env as Record<string, string>),
      TMPDIR: this.scratch,
      XDG_CONFIG_HOME: path.join(xdg, 'browser-config'),
      XDG_CACHE_HOME: path.join(xdg, 'browser-cache'),
    };
    this.spawnPrefix = options.spawnPrefix;
  }

  /** '127.0.0.1:PORT' */
  get authority(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** 'http://127.0.0.1:PORT' */
  get origin(): string {
    return `http://${this.authority}`;
  }

  /** The workbench URL with a folder open (the server's workspace by default). */
  folderUrl(folder = this.workspace): string {
    return `${this.origin}/?folder=${encodeURIComponent(folder)}`;
  }

  private commonArgs(): string[] {
    return [
      '--config',
      this.configFile,
      '--user-data-dir',
      this.userDataDir,
      '--extensions-dir',
      this.extensionsDir,
    ];
  }

  /** Installs a .vsix into this server's extensions dir, offline (before start, or restart after). */
  async installExtension(vsix: string): Promise<void> {
    const file = path.resolve(vsix);
    if (!fs.existsSync(file)) throw new HarnessError(`no such .vsix: ${file}`);
    await execFileAsync(this.host.bin, [...this.commonArgs(), '--install-extension', file], {
      env: this.env,
    });
  }

  /** Starts the server (on the same port as before when restarting) and waits for /healthz. */
  async start(timeoutMs = 30000): Promise<void> {
    if (!this.port) this.port = await freePort();
    // A prefix (testCa.ts: a private mount namespace) runs the server inside it.
    const [command, ...prefix] = [...(this.spawnPrefix ?? []), this.host.bin];
    const child = spawnGroup(command, [...prefix, ...this.commonArgs(), ...serveArgs(this.authority)], {
      env: this.env,
      logFile: this.logFile,
    });
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        await stopGroup(child);
        throw new HarnessError(
          `code-server ${this.host.version} exited with ${child.exitCode}:\n${this.logTail()}`,
        );
      }
      if (await isHealthy(this.port)) return;
      await delay(100);
    }
    await stopGroup(child);
    throw new HarnessError(
      `code-server ${this.host.version} was not healthy after ${timeoutMs / 1000}s:\n${this.logTail()}`,
    );
  }

  /** Stops the server and starts it again with the same dirs and port (state survives). */
  async restart(): Promise<void> {
    await stopGroup(this.child);
    await this.start();
  }

  /** The end of the server's log (for error messages). */
  logTail(chars = 4000): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').slice(-chars);
    } catch {
      return '(no code-server log)';
    }
  }

  /** Stops the server's process group and removes its temp dir (unless `keep`). */
  async stop(): Promise<void> {
    await stopGroup(this.child);
    this.child = undefined;
    if (!this.keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Starts code-server on a free 127.0.0.1 port, in a temp dir of its own, with these .vsix files installed. */
export async function startCodeServer(
  host: Host,
  options: CodeServerOptions & { vsix?: string[] },
): Promise<CodeServer> {
  const server = new CodeServer(host, options);
  try {
    for (const vsix of options.vsix ?? []) await server.installExtension(vsix);
    await server.start();
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Launches headless Chromium; the browser's own files go into the server's temp dir, so close
 * the browser before stopping the server.
 */
export async function launchChromium(server: CodeServer): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new HarnessError(
      `Chromium not found at ${executablePath}; apt-get install chromium (or ${INSTALL_HINT})`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, env: server.browserEnv });
}

/** A file name made of a test title or label. */
export function slug(text: string): string {
  return (
    String(text)
      .replace(/[^a-zA-Z0-9.]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 100) || 'unnamed'
  );
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
