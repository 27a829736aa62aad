// The one command-line parser of the harness, the benchmark and the sandbox: node:util's
// parseArgs, strict (an unknown flag or a missing value is an error), with --help. Wrong
// arguments print the message and the usage and exit with 2; --help prints the usage and exits 0.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'];

export function parseCommandLine<const O extends Options>(
  usage: string,
  options: O,
  args: string[] = process.argv.slice(2),
): Parsed<O> {
  let values: Parsed<O> & { help?: boolean };
  try {
    values = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values as Parsed<O> & { help?: boolean };
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}

/** A whole number within [min, max] given as a flag's text; exits 2 with the usage otherwise. */
export function integerOption(name: string, text: string, usage: string, min = 0, max = Infinity): number {
  const value = Number(text);
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  console.error(
    `--${name} must be a whole number from ${min}${max < Infinity ? ` to ${max}` : ''}, not ${text}\n${usage}`,
  );
  process.exit(2);
}
