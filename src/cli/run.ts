/**
 * The `jwst-cadence` command: one program, one subcommand a job.
 * Bad input prints one line to standard error and exits with code 2, a failing remote service
 * with code 4; never a stack trace.
 *
 * Start-up is part of the interface: this file loads no command until one is asked for, and
 * each command module loads only the library modules (and dependencies) it uses, so
 * `--help` and `--version` cost little more than starting Node.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError, ServiceError } from '../errors.js';

/**
 * A command: it reads its own options, prints its help for `--help`, and may return its exit
 * code (0 when it returns nothing).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a command that returns nothing is typed void, which undefined does not accept
type Run = (argv: readonly string[]) => void | number | Promise<void | number>;

/** A loaded command: its entry, and the error classes its failures are instances of. */
interface Loaded {
  readonly run: Run;
  readonly InputError: abstract new (...args: never[]) => Error;
  readonly ServiceError: abstract new (...args: never[]) => Error;
  readonly UsageError: abstract new (...args: never[]) => Error;
}

/**
 * A command's bundle (the built package), or its modules (the sources, which have no bundle).
 * The bundle carries its own copy of the error classes, so they travel with the entry.
 */
async function load(name: string, fromModules: () => Promise<Run>): Promise<Loaded> {
  const { bundledCommand } = await import('./bundled.js');
  const bundled = bundledCommand(name);
  if (bundled) return bundled;
  const [run, { UsageError }] = await Promise.all([fromModules(), import('./io.js')]);
  return { run, InputError, ServiceError, UsageError };
}

/**
 * The commands, in the order the help lists them: a one-line summary, and how to load the
 * module that runs the command (loaded only when the command is used). One line a command.
 */
const COMMANDS: Readonly<Record<string, { readonly summary: string; readonly load: () => Promise<Run> }>> = {
  windows: { summary: 'visibility windows of a target (or many) over a span', load: async () => (await import('./windows.js')).runWindows },
  schedule: {
    summary: "place a program's visits on a cadence through a cycle",
    load: async () => (await import('./schedule.js')).runSchedule,
  },
  gaps: { summary: 'measure the cadence of a schedule file', load: async () => (await import('./gaps.js')).runGaps },
  calendar: {
    summary: "a program's calendar through a cycle (by default program 1539, Cycle 1), every output in a folder",
    load: async () => (await import('./calendar.js')).runCalendar,
  },
  report: {
    summary: 'one HTML page about a schedule, for a browser or a mail attachment',
    load: async () => (await import('./report.js')).runReport,
  },
  ephemeris: {
    summary: "fetch JWST's orbit for a span from JPL Horizons (needs the network)",
    load: async () => (await import('./ephemeris.js')).runEphemeris,
  },
};

/** The package's folder: two levels above this file, in the sources (src/cli) as in the build (dist/cli). */
const PACKAGE_ROOT = new URL('../../', import.meta.url);

/** Exit code of a failure that is not the user's input: a bug, or the machine (disk full...). */
export const EXIT_UNEXPECTED = 3;
/** Exit code when a remote service (JPL Horizons) cannot be reached or fails. */
const EXIT_SERVICE = 4;

/** The top-level usage, listing the commands and where the documentation is. */
function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 3;
  const commands = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}${summary}`);
  return [
    'Usage: jwst-cadence <command> [options]',
    '',
    'Plan repeated JWST observations.',
    '',
    'Commands:',
    ...commands,
    '',
    "Run 'jwst-cadence <command> --help' (or 'jwst-cadence help <command>') for its options and examples,",
    "'jwst-cadence --version' for the version.",
    '',
    ...documentation(),
  ].join('\n');
}

/** Where the guides are, wherever the package is installed. */
function documentation(): string[] {
  const docs = new URL('docs/', PACKAGE_ROOT);
  if (!existsSync(docs)) return [];
  const guides = readdirSync(docs)
    .filter((file) => file.endsWith('.md'))
    .sort();
  return [
    `Documentation (Markdown) in ${fileURLToPath(PACKAGE_ROOT)}:`,
    `  ${['README.md', ...guides.map((file) => `docs/${file}`)].join(', ')}`,
    '',
  ];
}

/** The version in the package's package.json. */
function version(): string {
  return (JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;
}

/** The command a name stands for, if there is one. */
function commandNamed(name: string): { load: () => Promise<Run> } | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** Run the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    if (rest[0] === undefined) {
      process.stdout.write(usage());
      return 0;
    }
    return main([rest[0], '--help']);
  }
  const command = commandNamed(name);
  if (!command) {
    const { didYouMean } = await import('../suggest.js');
    process.stderr.write(
      `jwst-cadence: unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))}; commands are ${Object.keys(COMMANDS).join(', ')} (see jwst-cadence --help)\n`,
    );
    return 2;
  }
  let loaded: Loaded | undefined;
  try {
    loaded = await load(name, command.load);
    return (await loaded.run(rest)) ?? 0;
  } catch (error) {
    // A failure to load the command itself is one of the modules' errors.
    const classes = loaded ?? { InputError, ServiceError, UsageError: (await import('./io.js')).UsageError };
    if (error instanceof classes.UsageError || error instanceof classes.InputError || isParseArgsError(error)) {
      process.stderr.write(`jwst-cadence ${name}: ${oneLine((error as Error).message)}\n`);
      return 2;
    }
    if (error instanceof classes.ServiceError) {
      process.stderr.write(`jwst-cadence ${name}: ${oneLine((error as Error).message)}\n`);
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
