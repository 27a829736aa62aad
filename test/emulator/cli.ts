// `npm run emulator`: a local Identity Cloud /clients/* and /settings/* API to point the extension at.
//   npm run emulator -- [--port N] [--latency MS] [--persist FILE] [--quiet]
// Listens on a free port of 127.0.0.1 unless --port names one, and prints it (the Capture domain).
// Prints the owner client's id and secret: this is a throwaway local emulator, the one place a
// secret is ever printed, and those credentials work nowhere else.
import { integerOption, parseCommandLine } from '../harness/cli';
import { portHolder } from '../harness/ports';
import { startEmulator, type Emulator } from './emulator';
import { EXAMPLE_CLIENTS } from './examples';

const USAGE =
  'usage: npm run emulator -- [--port N (default: a free port)] [--latency MS] [--persist FILE] [--quiet]';

async function main(): Promise<void> {
  const values = parseCommandLine(USAGE, {
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    persist: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  });
  const port = integerOption('port', values.port, USAGE, 0, 65535);
  const latencyMs = integerOption('latency', values.latency, USAGE, 0);

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
      const holder = portHolder(port);
      throw new Error(
        `Port ${port} on 127.0.0.1 is in use${holder ? ` by ${holder}` : ''}. Leave out --port for a free one.`,
        { cause: error },
      );
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
      `  Application ID   ${emulator.appId} (Configuration API flows at the same address: region ${emulator.domain})`,
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
