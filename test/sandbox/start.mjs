#!/usr/bin/env node
// `npm start`: a sandbox to try the extension by hand, with nothing to set up.
//
//   node test/sandbox/start.mjs [--port 8780] [--emulator-port 8781] [--host 4.100.3] [--reset] [--quiet]
//
//   --port           code-server's port on 127.0.0.1 (keep it: the owner secret lives in the
//                    browser's storage for that origin)
//   --emulator-port  the local Identity Cloud emulator's port on 127.0.0.1
//   --host           code-server version (installed by test/harness/installHosts.sh when missing)
//   --reset          forget everything the sandbox kept (emulator clients, settings, workspace)
//   --quiet          do not print the emulator's request log
//
// What it does:
//   1. builds out/ (the emulator) and dist-sandbox/, the only bundles with the sandbox
//      seed (test/sandbox/seed.ts): on activation it saves the emulator's application and owner
//      secret from $IDENTITY_CLOUD_SANDBOX_APP. The packaged extension has no such code;
//   2. makes the sandbox extension (that bundle, the manifest, translations and icons; it
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

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const harness = require(path.join(root, 'test', 'harness', 'codeServer.js'));

const APP_NAME = 'sandbox';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8780' },
    'emulator-port': { type: 'string', default: '8781' },
    host: { type: 'string', default: harness.DEFAULT_HOST },
    reset: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(
    'Usage: npm start -- [--port 8780] [--emulator-port 8781] [--host VERSION] [--reset] [--quiet]\n' +
      'Builds the sandbox extension, starts the local emulator and code-server, prints the URL. Ctrl+C stops it.',
  );
  process.exit(0);
}

const dirs = (() => {
  const base = path.resolve(
    process.env.IDENTITY_CLOUD_SANDBOX_DIR ||
      path.join(os.homedir(), '.cache', 'identity-cloud-clients', 'sandbox'),
  );
  return {
    base,
    extension: path.join(base, 'extension'),
    extensions: path.join(base, 'extensions'),
    userData: path.join(base, 'user-data'),
    workspace: path.join(base, 'workspace'),
    scratch: path.join(base, 'tmp'),
    xdg: path.join(base, 'xdg'),
    config: path.join(base, 'config.yaml'),
    log: path.join(base, 'code-server.log'),
    clients: path.join(base, 'emulator-clients.json'),
  };
})();

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const fail = (message) => {
  console.error(`sandbox: ${message}`);
  process.exit(1);
};

function port(name) {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    fail(`--${name} must be a port number, not ${options[name]}`);
  return value;
}
const vscodePort = port('port');
const emulatorPort = port('emulator-port');

/** Fails early, with a useful message, when another process holds the port. */
function ensurePortFree(portNumber, flag) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () =>
      fail(
        `port ${portNumber} on 127.0.0.1 is in use (is a sandbox already running?); pass ${flag} with another port`,
      ),
    );
    probe.listen(portNumber, '127.0.0.1', () => probe.close(resolve));
  });
}

function run(what, command, args) {
  const since = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${what} failed (${[command, ...args].join(' ')})`);
  console.log(`  ${what}: ${seconds(since)}`);
}

function findOrInstallHost(version) {
  try {
    return harness.findHost(version);
  } catch (error) {
    if (!(error instanceof harness.HarnessError)) throw error;
    console.log(`code-server ${version} is not installed; installing it (a minute or two, once)`);
    run(`install code-server ${version}`, 'bash', [
      path.join(root, 'test', 'harness', 'installHosts.sh'),
      version,
    ]);
    return harness.findHost(version);
  }
}

/**
 * The sandbox extension: the sandbox bundle under the manifest's `main`, the translations and
 * icons, and a source map that points back into the repository. It activates on start-up, so the
 * seed has set up the application before the first command runs.
 */
function makeExtension() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
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
  fs.mkdirSync(path.join(folder, 'dist-sandbox'), { recursive: true });
  const sandboxManifest = {
    ...manifest,
    main: './dist-sandbox/extension.js',
    activationEvents: ['onStartupFinished'],
    scripts: undefined,
    devDependencies: undefined,
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(sandboxManifest, null, 2));
  for (const file of fs.readdirSync(root).filter((f) => /^package\.nls(\..+)?\.json$/.test(f))) {
    fs.copyFileSync(path.join(root, file), path.join(folder, file));
  }
  for (const dir of ['media', 'l10n']) {
    if (fs.existsSync(path.join(root, dir)))
      fs.cpSync(path.join(root, dir), path.join(folder, dir), { recursive: true });
  }
  for (const bundle of ['extension.js']) {
    fs.copyFileSync(path.join(root, 'dist-sandbox', bundle), path.join(folder, 'dist-sandbox', bundle));
    const mapFile = path.join(root, 'dist-sandbox', `${bundle}.map`);
    if (fs.existsSync(mapFile)) {
      const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
      map.sourceRoot = `${new URL(`file://${path.join(root, 'dist-sandbox')}/`)}`;
      fs.writeFileSync(path.join(folder, 'dist-sandbox', `${bundle}.map`), JSON.stringify(map));
    }
  }
  return folder;
}

/** User settings: the harness's quiet defaults under whatever the sandbox has kept (the application). */
function writeSettings() {
  const file = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let kept = {};
  try {
    kept = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // first run, or a file VS Code will rewrite anyway
  }
  fs.writeFileSync(file, JSON.stringify({ ...harness.QUIET_SETTINGS, ...kept }, null, 2));
}

function makeWorkspace() {
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

async function startEmulator() {
  const { startEmulator: start } = require(path.join(root, 'out', 'test', 'emulator', 'emulator.js'));
  try {
    const emulator = await start({
      port: emulatorPort,
      persistFile: dirs.clients,
      log: options.quiet ? undefined : (line) => console.log(`  emulator  ${line}`),
    });
    const { EXAMPLE_CLIENTS } = require(path.join(root, 'out', 'test', 'emulator', 'examples.js'));
    if (!emulator.loadedFromFile) for (const example of EXAMPLE_CLIENTS) emulator.addClient(example);
    return emulator;
  } catch (error) {
    if (error.code === 'EADDRINUSE') {
      fail(
        `port ${emulatorPort} on 127.0.0.1 is in use (is a sandbox already running?); pass --emulator-port with another port`,
      );
    }
    throw error;
  }
}

/** Ends code-server's process group: SIGTERM, then SIGKILL after a grace period. */
function stopGroup(child, graceMs = 5000) {
  return new Promise((resolve) => {
    const signal = (name) => {
      try {
        process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    };
    if (child.exitCode !== null || child.signalCode !== null) {
      signal('SIGKILL'); // whatever it left in its group
      return resolve();
    }
    const force = setTimeout(() => signal('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      signal('SIGKILL');
      resolve();
    });
    signal('SIGTERM');
  });
}

async function waitHealthy(child, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const ok = await fetch(`http://127.0.0.1:${vscodePort}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

function logTail() {
  try {
    return fs.readFileSync(dirs.log, 'utf8').slice(-3000);
  } catch {
    return '(no log)';
  }
}

// --- main ---

if (options.reset) {
  fs.rmSync(dirs.base, { recursive: true, force: true });
  console.log(`sandbox: reset (${dirs.base} removed)`);
}
await ensurePortFree(vscodePort, '--port');
await ensurePortFree(emulatorPort, '--emulator-port');

console.log('Building');
run('node esbuild.mjs --tests', process.execPath, ['esbuild.mjs', '--tests']);
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

const logFd = fs.openSync(dirs.log, 'a');
const codeServer = spawn(
  host.bin,
  [
    '--config',
    dirs.config,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    ...harness.serveArgs(`127.0.0.1:${vscodePort}`),
  ],
  {
    detached: true, // its own process group, so that stopping it ends everything it started
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      IDENTITY_CLOUD_SANDBOX_APP: JSON.stringify({
        name: APP_NAME,
        domain: emulator.domain,
        clientId: owner.clientId,
        clientSecret: owner.clientSecret,
      }),
      TMPDIR: dirs.scratch,
      XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
      XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
      XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    },
  },
);
fs.closeSync(logFd);
// If this process dies without a chance to clean up, its server goes with it.
process.on('exit', () => {
  try {
    process.kill(-codeServer.pid, 'SIGKILL');
  } catch {
    // already gone
  }
});

let stopping;
function stop(reason, code = 0) {
  stopping ??= (async () => {
    console.log(`\nsandbox: ${reason}; stopping code-server and the emulator`);
    await stopGroup(codeServer);
    await emulator.close();
    console.log('sandbox: stopped');
    process.exit(code);
  })();
  return stopping;
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGHUP', () => void stop('SIGHUP'));

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
    `  Emulator         ${emulator.clients().length} clients, kept in ${dirs.clients}`,
    `  Workspace        ${dirs.workspace}`,
    `  Extension        the sandbox build (dist-sandbox/extension.js), in ${extensionFolder}`,
    '',
    'Try:',
    '  1. Click the Identity Cloud icon in the activity bar: the sandbox application and its clients.',
    '  2. Click + on "sandbox" (or F1 → "Identity Cloud: Create API Client…"): describe the client,',
    "     tick features, OK, choose .env → the new client ID and secret are in the workspace's .env.",
    '  3. Right-click a client: Copy Client ID, Edit Features…, Edit Allow List…, Reset Secret…, Delete Client….',
    '',
    `Ctrl+C stops it. State survives restarts; \`npm start -- --reset\` starts over. code-server log: ${dirs.log}`,
    '',
  ].join('\n'),
);
