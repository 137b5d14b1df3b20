/**
 * Command-line plumbing: reading inputs, writing outputs atomically, and usage errors.
 * @module
 */

import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../files.js';

import { MIN_WRAP_WIDTH } from '../output/wrap.js';
import { didYouMean } from '../suggest.js';
import { MS_PER_DAY, parseDurationMs } from '../time/instant.js';
import { decimalValue } from '../validation.js';

/** An error in what the user asked for: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Parse a command's options with node's parseArgs, taking a negative number or southern angle
 * after an option as its value (see {@link withNegativeValues}), refusing an option given
 * twice unless it is declared `multiple` (parseArgs itself would silently keep the last value:
 * `--cycle 1 --cycle 2` would plan Cycle 2), and refusing an option given an empty value
 * (`--program ''`, `--rrule ' '`), which would read as "not given" and fall back to the default
 * without a word.
 */
export function parseOptions<const T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: false; tokens: true }>>['values'] {
  let parsed;
  try {
    parsed = parseArgs({ args: withNegativeValues(argv), options, allowPositionals: false, tokens: true });
  } catch (error) {
    throw optionError(error, options);
  }
  const { values, tokens } = parsed;
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give it once`);
    seen.add(token.name);
  }
  for (const token of tokens) {
    if (token.kind === 'option' && typeof token.value === 'string' && token.value.trim() === '') {
      throw new UsageError(`--${token.name}: the value is empty; give one, or leave the option out for its default`);
    }
  }
  // Standard input can be read once: two options cannot both read it.
  const readers = tokens
    .filter((token) => token.kind === 'option' && token.value === STANDARD_STREAM && !OUTPUT_OPTIONS.has(token.name))
    .map((token) => `--${(token as { name: string }).name}`);
  if (readers.length > 1) throw new UsageError(`${readers.join(' and ')} both read standard input (-); only one option can`);
  return values;
}

/** Options whose value `-` means standard output rather than standard input. */
const OUTPUT_OPTIONS: ReadonlySet<string> = new Set(['out']);

/** The file name that stands for standard input (a file option) or standard output (`--out`). */
export const STANDARD_STREAM = '-';

/**
 * Let an option take several values after it, as a shell glob gives them (`--observed a.txt
 * b.txt`): each value that follows it, up to the next option, becomes one `--name value`.
 */
export function spreadValues(argv: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  let taking: string | undefined;
  let took = false;
  const close = (): void => {
    // An option given no value stays as it is, for the parser to say so.
    if (taking !== undefined && !took) out.push(`--${taking}`);
  };
  for (const arg of argv) {
    if (arg.startsWith('-')) {
      close();
      taking = names.find((name) => arg === `--${name}`);
      took = false;
      if (taking === undefined) out.push(arg);
      continue;
    }
    if (taking !== undefined) {
      out.push(`--${taking}`, arg);
      took = true;
    } else out.push(arg);
  }
  close();
  return out;
}

/**
 * node:util's parseArgs refusals in the project's words: an unknown option with the closest
 * known one, a missing value, a value given to a switch, a word that belongs to no option.
 */
function optionError(error: unknown, options: NonNullable<ParseArgsConfig['options']>): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return error;
  const message = (error as Error).message;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const names = Object.keys(options).map((name) => `--${name}`);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const typed = quoted.split('=')[0]!;
    return new UsageError(`unknown option ${typed}${didYouMean(typed, names)} (see --help for the options)`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new UsageError(`unexpected argument "${quoted}": every value follows the option it belongs to (see --help)`);
  }
  const option = names.find((name) => quoted.includes(name)) ?? quoted;
  if (/does not take an argument/.test(message)) return new UsageError(`${option} takes no value`);
  return new UsageError(
    `${option} needs a value${/ambiguous/.test(message) ? ' (a value that starts with "-" is written --option=VALUE)' : ''}`,
  );
}

/** Where `-` reads from and writes to: the process's standard streams, replaceable in tests. */
export const standardStreams = {
  read: (): string => readFileSync(0, 'utf8'),
  write: (text: string): void => {
    process.stdout.write(text);
  },
};

/** How messages name a file option's value: the path, or "standard input" for `-`. */
export function fileName(path: string): string {
  return path === STANDARD_STREAM ? 'standard input' : path;
}

/**
 * Read a text file (`-`: standard input), turning "no such file" into a usage error naming the option.
 */
export function readTextFile(path: string, option: string): string {
  try {
    return path === STANDARD_STREAM ? standardStreams.read() : readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code !== undefined && code in PATH_PROBLEMS
            ? PATH_PROBLEMS[code]
            : `${code ?? (error as Error).message}`;
    throw new UsageError(`${option}: cannot read ${fileName(path)}: ${problem}`);
  }
}

/**
 * Read a file option and make something of its text with `read(text, name)`, where `name`
 * is how the library names the file in its messages; any InputError of the file becomes a
 * usage error that starts with the option and the file, one way everywhere:
 * `--executed executed.csv line 3: ...`, `--continue plan.json: ...`, `--targets standard input line 2: ...`.
 */
export function readFileOption<T>(path: string, option: string, read: (text: string, name: string) => T): T {
  const text = readTextFile(path, option);
  const name = fileName(path);
  try {
    return read(text, name);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new UsageError(inFileTerms(error.message, option, name));
  }
}

/** A message about a file, starting with the option and the file (each line of several). */
export function inFileTerms(message: string, option: string, name: string): string {
  return message
    .split('\n')
    .map((line) => (line.startsWith(`${option} `) ? line : line.startsWith(name) ? `${option} ${line}` : `${option} ${name}: ${line}`))
    .join('\n');
}

/** File-system errors that are about the path the user gave, in words. */
const PATH_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way',
  EISDIR: 'it is a folder',
  ENOENT: 'the folder does not exist',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EXDEV: 'it is on another file system than its folder',
  ENOTEMPTY: 'a folder is in the way',
};

/**
 * An output-path problem as the user's error (exit 2), naming the option and the path; any
 * other failure (a full disk, an I/O error) is passed on as the machine's.
 */
function pathError(error: unknown, option: string, path: string, what = 'cannot write'): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === undefined || !(code in PATH_PROBLEMS)) return error;
  return new UsageError(`${option}: ${what} ${path}: ${PATH_PROBLEMS[code]}`);
}

/**
 * Write `--out FILE` atomically (see {@link writeFileAtomic}). Its folder must exist: a missing
 * one is more likely a typing error than a wish. Path problems are the user's, naming the path.
 */
function writeOutFile(path: string, text: string, option = '--out'): void {
  checkOutPath(path, option);
  try {
    writeFileAtomic(path, text);
  } catch (error) {
    throw pathError(error, option, path);
  }
}

/** The steps of {@link writeFilesAllOrNothing} that can fail half way, replaceable in tests. */
export interface FolderSteps {
  readonly rename: (from: string, to: string) => void;
}

/**
 * Write a set of files into a folder, all or nothing. Every file is first written to a staging
 * folder beside the target (same parent, so the same file system); then, when the target does
 * not exist, the staging folder is renamed into place in one step. When it exists, each file
 * it already holds is moved aside and the new one moved in; if any move fails, the moves done
 * are undone, so the older set stays whole, and the error names the path. Files in the folder
 * that are not in the set are left alone. A file of the set that exists as something other
 * than a file (a folder, say) is refused before anything is written.
 *
 * @returns the paths written.
 */
export function writeFilesAllOrNothing(
  folder: string,
  files: ReadonlyArray<readonly [name: string, text: string]>,
  option: string,
  steps: FolderSteps = { rename: renameSync },
): string[] {
  const target = resolve(folder);
  const parent = dirname(target);
  const exists = existsSync(target);
  if (exists && !statSync(target).isDirectory()) throw new UsageError(`${option}: ${folder} is a file, not a folder`);
  for (const [name] of files) {
    const path = join(target, name);
    if (exists && existsSync(path) && !lstatSync(path).isFile()) {
      throw new UsageError(`${option}: ${join(folder, name)} exists and is not a file; move it away first`);
    }
  }
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw pathError(error, option, parent, 'cannot create the folder');
  }
  let staging: string;
  try {
    // Made with mkdir, not mkdtemp: mkdtemp's folder is private (0700), and a new target is
    // this folder renamed, which must have the permissions any folder gets here (the umask's).
    staging = join(parent, `.${basename(target) || 'out'}.staging-${process.pid}-${randomBytes(6).toString('hex')}`);
    mkdirSync(staging);
  } catch (error) {
    throw pathError(error, option, parent, 'cannot write in');
  }
  const written = files.map(([name]) => join(folder, name));
  try {
    for (const [name, text] of files) writeFileSync(join(staging, name), text);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw pathError(error, option, staging);
  }
  if (!exists) {
    try {
      steps.rename(staging, target);
      return written;
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw pathError(error, option, folder);
    }
  }
  // Replace file by file, keeping each older file aside until every new one is in place.
  const aside = join(staging, '.previous');
  const done: Array<{ name: string; hadOld: boolean; newIn: boolean }> = [];
  try {
    mkdirSync(aside);
    for (const [name] of files) {
      const entry = { name, hadOld: existsSync(join(target, name)), newIn: false };
      done.push(entry);
      if (entry.hadOld) steps.rename(join(target, name), join(aside, name));
      steps.rename(join(staging, name), join(target, name));
      entry.newIn = true;
    }
  } catch (error) {
    const failures: string[] = [];
    for (const entry of done.reverse()) {
      try {
        if (entry.newIn && !entry.hadOld) rmSync(join(target, entry.name), { force: true });
        if (entry.hadOld && existsSync(join(aside, entry.name))) renameSync(join(aside, entry.name), join(target, entry.name));
      } catch {
        failures.push(join(folder, entry.name));
      }
    }
    if (failures.length === 0) rmSync(staging, { recursive: true, force: true });
    const failed = done[0]?.name ?? '';
    const cause = pathError(error, option, join(folder, failed));
    if (failures.length > 0) {
      throw new Error(
        `${option}: writing ${folder} failed half way and ${failures.join(', ')} could not be restored; the older files are in ${aside}`,
      );
    }
    if (cause instanceof UsageError) throw new UsageError(`${cause.message}; the folder is left as it was`);
    throw cause;
  }
  rmSync(staging, { recursive: true, force: true });
  return written;
}

/** Send text to `--out FILE` (atomically) or to standard output (no `--out`, or `--out -`). */
export function emit(text: string, out: string | undefined, option = '--out'): void {
  if (out !== undefined && out !== STANDARD_STREAM) writeOutFile(out, text, option);
  else standardStreams.write(text);
}

/**
 * Check an `--out FILE` before the work that makes its text (a download, a long schedule): its
 * folder exists and is a folder, and the path is not a folder. Standard output (`-`) passes.
 */
export function checkOutPath(path: string, option = '--out'): void {
  if (path === STANDARD_STREAM) return;
  try {
    const folder = dirname(resolve(path));
    if (!existsSync(folder)) throw Object.assign(new Error('no folder'), { code: 'ENOENT' });
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    if (existsSync(path) && !statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (error) {
    throw pathError(error, option, path);
  }
}

/**
 * A value that starts with a minus sign and then a digit or a decimal point: a negative number
 * (`-30.5`, `-1`, `-.5`) or a southern sexagesimal angle (`-30:30:00`). No option is spelt so.
 */
const NEGATIVE_VALUE = /^-(?:\d|\.\d)/;

/**
 * The command line with each negative value joined to the long option before it:
 * `--dec -30.5` becomes `--dec=-30.5`. node:util's parseArgs refuses a value that starts with
 * a dash as ambiguous (it could be an option), so without this a southern declination or a
 * negative bound would need the `=` form. Nothing after a bare `--` is touched. A joined value
 * given to an option that takes none (`--help -1`) is still refused, by parseArgs, naming it.
 */
export function withNegativeValues(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...args, ...argv.slice(i)];
    const next = argv[i + 1];
    if (/^--[^=]+$/.test(arg) && next !== undefined && NEGATIVE_VALUE.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

/**
 * An option's value as a number when it is written as one (`30`, `-1.5`), else the text itself
 * (an ISO duration, a sexagesimal angle), for the library to read and judge.
 */
export function numberOrText(text: string): number | string {
  return decimalValue(text) ?? text;
}

/** Days from a number of days or an ISO-8601 duration (`P45D`), as `schedule` takes them. */
export function daysOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  return parseDurationMs(numberOrText(value), option) / MS_PER_DAY;
}

/** A number option, or a usage error naming it. */
export function numberOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = decimalValue(value);
  if (number === undefined) throw new UsageError(`${option}: expected a decimal number (such as 30, -1.5, .5 or 1e3), got "${value}"`);
  return number;
}

/** One of a fixed set of words, or a usage error listing them. */
export function choiceOption<T extends string>(value: string | undefined, option: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(
      `${option}: expected one of ${choices.join(', ')}, got "${value}"${didYouMean(value, choices, (text) => text.toLowerCase())}`,
    );
  }
  return value as T;
}

/** Library field paths as the command line names them, longest first where one prefixes another. */
const OPTION_NAMES: ReadonlyArray<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  [/\bcadence\.span\.start\b/g, '--from'],
  [/\bcadence\.span\.end\b/g, '--to'],
  [/\bcadence\.minGap\b/g, '--min-gap'],
  [/\bcadence\.maxGap\b/g, '--max-gap'],
  [/\bcadence\.fixed\.(\d+)(\.\w+)?/g, (_match, index) => `--fixed #${Number(index) + 1}`],
  [/\bcadence\.cycles(\.\w+)?/g, '--cycles'],
  [/\bcadence\.(margin|period|rrule|anchor|tolerance|grid|cycle)\b/g, '--$1'],
  [/\bobservatory\.fieldOfRegard\.minElongationDeg\b/g, '--min-elongation'],
  [/\bobservatory\.fieldOfRegard\.maxElongationDeg\b/g, '--max-elongation'],
  [/\bobservatory\.maz\.halfAngleDeg\b/g, '--maz-half-angle'],
  [/\borientation\.offsetDeg\b/g, '--aperture-offset'],
  [/\bgaps\.minGapDays\b/g, '--min-gap'],
  [/\bgaps\.maxGapDays\b/g, '--max-gap'],
];

/**
 * Run `fn`, rewording the library's field paths in its InputErrors (`cadence.margin`) as the
 * options the user typed (`--margin`).
 */
export function inOptionTerms<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const message = OPTION_NAMES.reduce(
      (text, [pattern, option]) => (typeof option === 'string' ? text.replace(pattern, option) : text.replace(pattern, option)),
      error.message,
    );
    throw new UsageError(message);
  }
}

/**
 * Lay out rows as a plain text table with aligned columns.
 */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n') + '\n';
}

/** Columns the terminal calendar fits by default: wider than 80, narrower than most windows. */
export const DEFAULT_TERMINAL_WIDTH = 100;

/**
 * The width a table is wrapped to: `--width N` when given; else 100 when it goes to a terminal;
 * else none (a file, a pipe: each line whole, for tools that read lines).
 */
export function terminalWidth(
  value: string | undefined,
  out: string | undefined,
  isTerminal = process.stdout.isTTY === true,
): number | undefined {
  if (value !== undefined) {
    const width = numberOption(value, '--width')!;
    if (!Number.isInteger(width) || width < MIN_WRAP_WIDTH)
      throw new UsageError(`--width: expected a whole number of columns, at least ${MIN_WRAP_WIDTH}, got "${value}"`);
    return width;
  }
  return isTerminal && (out === undefined || out === STANDARD_STREAM) ? DEFAULT_TERMINAL_WIDTH : undefined;
}
