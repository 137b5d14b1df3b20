#!/usr/bin/env node
/**
 * The `jwst-cadence` command: one program, one subcommand a job.
 * Bad input prints one line to standard error and exits with code 2; never a stack trace.
 * @module
 */
import { InputError, ServiceError } from '../errors.js';
import { UsageError } from './io.js';
import { CALENDAR_HELP, runCalendar } from './calendar.js';
import { EPHEMERIS_HELP, runEphemeris } from './ephemeris.js';
import { GAPS_HELP, runGaps } from './gaps.js';
import { REPORT_HELP, runReport } from './report.js';
import { runSchedule, SCHEDULE_HELP } from './schedule.js';
import { runWindows, WINDOWS_HELP } from './windows.js';

const HELP = `Usage: jwst-cadence <command> [options]

Plan repeated JWST observations.

Commands:
  windows    visibility windows of a target (or many) over a span
  schedule   place a program's visits on a cadence through a cycle
  gaps       measure the cadence of a schedule file
  calendar   program 1539's Cycle 1 calendar, with every output written to a folder
  report     one HTML page about a schedule, for a browser or a mail attachment
  ephemeris  fetch JWST's orbit for a span from JPL Horizons (needs the network)

Run 'jwst-cadence <command> --help' (or 'jwst-cadence help <command>') for its options and examples.
`;

/** Exit code of a failure that is not the user's input: a bug, or the machine (disk full...). */
const EXIT_UNEXPECTED = 3;
/** Exit code when a remote service (JPL Horizons) cannot be reached or fails. */
const EXIT_SERVICE = 4;

/** A command runs and may return its exit code (0 when it returns nothing). */
type Command = (argv: readonly string[]) => void | number | Promise<void | number>;

const COMMANDS: Readonly<Record<string, { run: Command; help: string }>> = {
  windows: { run: runWindows, help: WINDOWS_HELP },
  schedule: { run: runSchedule, help: SCHEDULE_HELP },
  gaps: { run: runGaps, help: GAPS_HELP },
  calendar: { run: runCalendar, help: CALENDAR_HELP },
  report: { run: runReport, help: REPORT_HELP },
  ephemeris: { run: runEphemeris, help: EPHEMERIS_HELP },
};

/** Run the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(HELP);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      process.stdout.write(HELP);
      return 0;
    }
    const command = COMMANDS[topic];
    if (!command) {
      process.stderr.write(`jwst-cadence: unknown command "${topic}"; commands are ${Object.keys(COMMANDS).join(', ')}\n`);
      return 2;
    }
    process.stdout.write(command.help);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`jwst-cadence: unknown command "${name}"; commands are ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  try {
    return (await command.run(rest)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError || isParseArgsError(error)) {
      process.stderr.write(`jwst-cadence ${name}: ${oneLine((error as Error).message)}\n`);
      return 2;
    }
    if (error instanceof ServiceError) {
      process.stderr.write(`jwst-cadence ${name}: ${oneLine(error.message)}\n`);
      return EXIT_SERVICE;
    }
    process.stderr.write(`jwst-cadence ${name}: unexpected failure: ${oneLine((error as Error).message ?? String(error))}\n`);
    if (process.env.JWST_CADENCE_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return EXIT_UNEXPECTED;
  }
}

/** A message on one line: several problems are joined with "; ". */
function oneLine(message: string): string {
  return message
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('; ');
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
    process.exitCode = EXIT_UNEXPECTED;
  },
);
