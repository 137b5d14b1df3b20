/**
 * Run the `jwst-cadence` command from the sources, as a separate process, for the tests of the
 * command line: its exit code and both streams, whatever the code.
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
