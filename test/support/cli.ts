/**
 * Run the `jwst-cadence` command from the sources for the tests of the command line: its exit
 * code and both streams, whatever the code. A run with no process options of its own (folder,
 * Node arguments, environment, standard input, a command to run Node through) runs inside the
 * test's own process, one at a time, with both streams captured: the same `main` the executable
 * runs, without the cost of starting Node and compiling the sources for each run. The others run
 * as a separate process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** What a run of the command gave. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run it: the folder (default the repository's root), Node's own arguments, more environment, a command to run Node through. */
export interface CliOptions {
  readonly cwd?: string;
  readonly nodeArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** A command that runs Node, e.g. `['setpriv', '--reuid', 'nobody', ...]`. */
  readonly prefix?: readonly string[];
  /** Text for the command's standard input (default: none, closed at once). */
  readonly input?: string;
}

/**
 * Run `jwst-cadence ARGS` from the sources (debug output off, 64 MiB of output at most).
 *
 * @example
 * ```ts
 * const { code, stdout } = await runCli(['windows', '--target', 'HD163466']);
 * ```
 */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const ownProcess = options.cwd === undefined && !options.nodeArgs && !options.env && !options.prefix && options.input === undefined;
  return ownProcess ? runInProcess(args) : runInChild(args, options);
}

/** The in-process runs, one after another (they share the process's streams). */
let queue: Promise<unknown> = Promise.resolve();

/** Run the command line's `main` in this process, its writes to both streams captured. */
function runInProcess(args: readonly string[]): Promise<CliRun> {
  const run = queue.then(async () => {
    const { main } = await import('../../src/cli/run.js');
    const out: string[] = [];
    const err: string[] = [];
    const capture =
      (into: string[]) =>
      (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        const done = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
        done?.();
        return true;
      };
    const { stdout, stderr } = process;
    const saved = { out: stdout.write, err: stderr.write, tty: stdout.isTTY, debug: process.env.JWST_CADENCE_DEBUG };
    // As in a separate process with piped streams: not a terminal, debug output off.
    stdout.write = capture(out) as typeof stdout.write;
    stderr.write = capture(err) as typeof stderr.write;
    stdout.isTTY = false;
    process.env.JWST_CADENCE_DEBUG = '';
    try {
      // As the executable does with a failure that escapes main: one line, exit code 3.
      const code = await main(args).catch((error: unknown) => {
        err.push(`jwst-cadence: ${(error as Error).message}\n`);
        return 3;
      });
      return { code, stdout: out.join(''), stderr: err.join('') };
    } finally {
      stdout.write = saved.out;
      stderr.write = saved.err;
      stdout.isTTY = saved.tty;
      if (saved.debug === undefined) delete process.env.JWST_CADENCE_DEBUG;
      else process.env.JWST_CADENCE_DEBUG = saved.debug;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Run the command as a separate process. */
function runInChild(args: readonly string[], options: CliOptions): Promise<CliRun> {
  const [command, ...before] = [...(options.prefix ?? []), process.execPath];
  return new Promise((resolve, reject) => {
    const child = execFile(
      command!,
      [...before, '--import', TSX, ...(options.nodeArgs ?? []), MAIN, ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, JWST_CADENCE_DEBUG: '', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** {@link runCli} with its arguments spread: `cli('windows', '--target', 'HD163466')`. */
export const cli = (...args: string[]): Promise<CliRun> => runCli(args);
