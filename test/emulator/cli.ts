// `npm run emulator`: a local Identity Cloud /clients/* and /settings/* API to point the extension at.
//   node out/test/emulator/cli.js [--port 8790] [--latency MS] [--persist FILE] [--quiet]
// Prints the owner client's id and secret: this is a throwaway local emulator, the one place a
// secret is ever printed, and those credentials work nowhere else.
import { parseArgs } from 'node:util';
import { startEmulator, type Emulator } from './emulator';
import { EXAMPLE_CLIENTS } from './examples';

const DEFAULT_PORT = 8790;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      latency: { type: 'string', default: '0' },
      persist: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: node out/test/emulator/cli.js [--port N (0 = any free port)] [--latency MS] [--persist FILE] [--quiet]',
    );
    return;
  }
  const port = Number(values.port);
  const latencyMs = Number(values.latency);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, not ${values.port}`);
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new Error(`--latency must be a number of ms, not ${values.latency}`);

  let emulator: Emulator;
  try {
    emulator = await startEmulator({
      port,
      latencyMs,
      persistFile: values.persist,
      log: values.quiet
        ? undefined
        : (line) => console.log(`${new Date().toISOString().slice(11, 23)} ${line}`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${port} is in use. Stop the other emulator or pass --port 0 for any free port.`, {
        cause: error,
      });
    }
    throw error;
  }
  if (!emulator.loadedFromFile) {
    for (const example of EXAMPLE_CLIENTS) emulator.addClient(example);
  }

  const owner = emulator.owner;
  console.log(
    [
      'Identity Cloud emulator (local and throwaway: the credentials below work nowhere else,',
      'which is why the secret is printed here; nothing else in this project prints one)',
      '',
      `  Capture domain   ${emulator.domain}`,
      `  Owner client id  ${owner.clientId}`,
      `  Owner secret     ${owner.clientSecret}`,
      `  Clients          ${emulator.clients().length}${values.persist ? `, kept in ${values.persist}` : ', in memory (lost on exit; --persist FILE keeps them)'}`,
      latencyMs > 0 ? `  Latency          ${latencyMs} ms per answer` : '',
      '',
      'Press Ctrl+C to stop.',
    ]
      .filter((line, i, all) => line !== '' || all[i - 1] !== '')
      .join('\n'),
  );

  const stop = (signal: string): void => {
    console.log(`\n${signal}: stopping the emulator.`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
