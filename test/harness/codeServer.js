'use strict';
// A real VS Code for the test tiers: code-server (the VS Code server and web workbench, with a
// Node extension host) on 127.0.0.1, and a headless Chromium to open it. Used by
// runIntegration.js and ui.js; plain CommonJS so it runs without a build.
//
// A host is one pinned code-server install made by installHosts.sh:
//   <hosts dir>/<version>/code-server                    runs code-server with the Node it needs
//   <hosts dir>/<version>/node_modules/playwright-core   drives the browser
//   <hosts dir>/<version>/.installed-<version>            written last, once the install is complete
// where <hosts dir> is $IDENTITY_CLOUD_HOSTS_DIR or ~/.cache/identity-cloud-clients/hosts.
// The browser is Debian's chromium ($CHROMIUM_PATH to use another binary).
//
// Every server gets one temp dir for all its state: config, XDG dirs, TMPDIR (the server leaves
// IPC sockets there), user data, extensions, and the workspace unless one is given. It runs in its
// own process group; stop() ends that group and removes the dir. Chromium's stray files (crash
// reports, temp dirs) are pointed into the same dir. A run leaves nothing in $HOME or /tmp.

const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

/** The pinned hosts, oldest first: the oldest matches `engines.vscode`, the newest is current. */
const HOST_VERSIONS = ['4.100.3', '4.139.1'];
const DEFAULT_HOST = HOST_VERSIONS[0];
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
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
const QUIET_SETTINGS = {
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
class HarnessError extends Error {
  constructor(message) {
    super(message);
    this.name = 'HarnessError';
  }
}

function hostsDir() {
  return path.resolve(
    process.env.IDENTITY_CLOUD_HOSTS_DIR ||
      path.join(os.homedir(), '.cache', 'identity-cloud-clients', 'hosts'),
  );
}

/**
 * The installed host of that code-server version.
 * @returns {{ version: string, vscodeVersion: string, dir: string, bin: string }}
 */
function findHost(version = DEFAULT_HOST) {
  const dir = path.join(hostsDir(), version);
  const bin = path.join(dir, 'code-server');
  const complete = [
    `.installed-${version}`,
    'code-server',
    'node_modules/playwright-core/package.json',
  ].every((f) => fs.existsSync(path.join(dir, f)));
  if (!complete)
    throw new HarnessError(`code-server ${version} is not installed in ${dir}; ${INSTALL_HINT} ${version}`);
  const vscodePackage = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  const vscodeVersion = JSON.parse(fs.readFileSync(vscodePackage, 'utf8')).version;
  return { version, vscodeVersion, dir, bin };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function isHealthy(port) {
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

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function execFileAsync(file, args, options) {
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
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Ends the process group of a detached child: exactly what we started, and all it started. */
function stopGroup(child, graceMs = 5000) {
  return new Promise((resolve) => {
    if (!child) return resolve();
    const signal = (name) => {
      try {
        process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    };
    if (child.exitCode !== null || child.signalCode !== null) {
      // The server is gone; anything it left in its group goes too.
      signal('SIGKILL');
      liveGroups.delete(child.pid);
      return resolve();
    }
    const force = setTimeout(() => signal('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      liveGroups.delete(child.pid);
      resolve();
    });
    signal('SIGTERM');
  });
}

/** How the harness and the sandbox serve VS Code: local only, no password, no prompts or update checks. */
function serveArgs(bindAddr) {
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

/**
 * A runner script's entry: parse the arguments (exit 2 with the message when they are wrong), run,
 * and exit 0 when the result is ok, 1 otherwise.
 */
function cliMain(parseArgs, run) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  run(options).then((result) => process.exit(result.ok ? 0 : 1));
}

/**
 * A code-server started by startCodeServer(). Fields:
 *   host, port, origin ('http://127.0.0.1:PORT'), authority ('127.0.0.1:PORT'), dir (its temp
 *   dir), workspace, userDataDir, extensionsDir, logFile, env (what the server and its
 *   extension host get).
 */
class CodeServer {
  constructor(host, options) {
    this.host = host;
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
      ...process.env,
      TMPDIR: this.scratch,
      XDG_CONFIG_HOME: path.join(xdg, 'browser-config'),
      XDG_CACHE_HOME: path.join(xdg, 'browser-cache'),
    };
    this.port = 0;
    this.child = undefined;
  }

  get authority() {
    return `127.0.0.1:${this.port}`;
  }

  get origin() {
    return `http://${this.authority}`;
  }

  /** The workbench URL with a folder open (the server's workspace by default). */
  folderUrl(folder = this.workspace) {
    return `${this.origin}/?folder=${encodeURIComponent(folder)}`;
  }

  commonArgs() {
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
  async installExtension(vsix) {
    const file = path.resolve(vsix);
    if (!fs.existsSync(file)) throw new HarnessError(`no such .vsix: ${file}`);
    await execFileAsync(this.host.bin, [...this.commonArgs(), '--install-extension', file], {
      env: this.env,
    });
  }

  /** Starts the server (on the same port as before when restarting) and waits for /healthz. */
  async start(timeoutMs = 30000) {
    if (!this.port) this.port = await freePort();
    const log = fs.openSync(this.logFile, 'a');
    const args = [...this.commonArgs(), ...serveArgs(this.authority)];
    const child = spawn(this.host.bin, args, { detached: true, stdio: ['ignore', log, log], env: this.env });
    fs.closeSync(log);
    this.child = child;
    liveGroups.add(child.pid);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        liveGroups.delete(child.pid);
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
  async restart() {
    await stopGroup(this.child);
    await this.start();
  }

  /** The end of the server's log (for error messages). */
  logTail(chars = 4000) {
    try {
      return fs.readFileSync(this.logFile, 'utf8').slice(-chars);
    } catch {
      return '(no code-server log)';
    }
  }

  /** Stops the server's process group and removes its temp dir (unless `keep`). */
  async stop() {
    await stopGroup(this.child);
    if (!this.keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Starts code-server on a free 127.0.0.1 port, in a temp dir of its own.
 * @param {object} options
 * @param {ReturnType<typeof findHost>} options.host
 * @param {string} [options.workspace]  folder to use as the workspace (created if missing); default <dir>/workspace
 * @param {object} [options.settings]   user settings, merged over QUIET_SETTINGS
 * @param {object} [options.env]        extra environment for the server and so its extension host
 * @param {string[]} [options.vsix]     .vsix files to install before it starts
 * @param {string} [options.label]      temp dir name prefix
 * @param {boolean} [options.keep]      keep the temp dir (and the server log) after stop()
 * @returns {Promise<CodeServer>}
 */
async function startCodeServer(options) {
  const server = new CodeServer(options.host, options);
  try {
    for (const vsix of options.vsix || []) await server.installExtension(vsix);
    await server.start();
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Launches headless Chromium with the server's host's playwright-core; the browser's own files go
 * into the server's temp dir, so close the browser before stopping the server.
 * @param {CodeServer} server
 */
async function launchChromium(server) {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new HarnessError(
      `Chromium not found at ${executablePath}; apt-get install chromium (or ${INSTALL_HINT})`,
    );
  }
  const { chromium } = require(path.join(server.host.dir, 'node_modules', 'playwright-core'));
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, env: server.browserEnv });
}

/** A file name made of a test title or label. */
function slug(text) {
  return (
    String(text)
      .replace(/[^a-zA-Z0-9.]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 100) || 'unnamed'
  );
}

module.exports = {
  serveArgs,
  cliMain,
  HOST_VERSIONS,
  DEFAULT_HOST,
  REPO_ROOT,
  RESULTS_DIR,
  QUIET_SETTINGS,
  HarnessError,
  CodeServer,
  hostsDir,
  findHost,
  freePort,
  startCodeServer,
  launchChromium,
  slug,
};
