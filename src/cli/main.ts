#!/usr/bin/env node
/**
 * The `jwst-cadence` command: one program, one subcommand a job.
 * Bad input prints one line to standard error and exits with code 2; never a stack trace.
 * @module
 */
import { UsageError } from './io.js';
import { runWindows, WINDOWS_HELP } from './windows.js';

const HELP = `Usage: jwst-cadence <command> [options]

Plan repeated JWST observations.

Commands:
  windows    visibility windows of a target (or many) over a span
  schedule   place a program's visits on a cadence through a cycle
  gaps       measure the cadence of a schedule file
  calendar   program 1539's Cycle 1 calendar, with every output written to a folder

Run 'jwst-cadence <command> --help' for a command's options and examples.
`;

type Command = (argv: readonly string[]) => void | Promise<void>;

const COMMANDS: Readonly<Record<string, { run: Command; help: string }>> = {
  windows: { run: runWindows, help: WINDOWS_HELP },
};

/** Run the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`jwst-cadence: unknown command "${name}"; commands are ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError || isParseArgsError(error)) {
      process.stderr.write(`jwst-cadence ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`jwst-cadence ${name}: unexpected failure: ${(error as Error).message ?? String(error)}\n`);
    if (process.env.JWST_CADENCE_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`jwst-cadence: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
