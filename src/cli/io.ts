/**
 * Command-line plumbing: reading inputs, writing outputs atomically, and usage errors.
 * @module
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../files.js';
import { MS_PER_DAY, parseDurationMs } from '../time/instant.js';

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
  const { values, tokens } = parseArgs({ args: withNegativeValues(argv), options, allowPositionals: false, tokens: true });
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
  return values;
}

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
 * Read a text file, turning "no such file" into a usage error naming the option.
 */
export function readTextFile(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${option}: cannot read ${path}${code === 'ENOENT' ? ': no such file' : ` (${code ?? (error as Error).message})`}`);
  }
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
  try {
    const folder = dirname(resolve(path));
    if (!existsSync(folder)) throw Object.assign(new Error('no folder'), { code: 'ENOENT' });
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    if (existsSync(path) && !statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
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
    staging = mkdtempSync(join(parent, `.${basename(target) || 'out'}.staging-`));
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
      throw new Error(`${option}: writing ${folder} failed half way and ${failures.join(', ')} could not be restored; the older files are in ${aside}`);
    }
    if (cause instanceof UsageError) throw new UsageError(`${cause.message}; the folder is left as it was`);
    throw cause;
  }
  rmSync(staging, { recursive: true, force: true });
  return written;
}

/** Send text to `--out FILE` (atomically) or to standard output. */
export function emit(text: string, out: string | undefined): void {
  if (out) writeOutFile(out, text);
  else process.stdout.write(text);
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
  return /^\s*[+-]?\d+(\.\d*)?\s*$/.test(text) ? Number(text) : text;
}

/** Days from a number of days or an ISO-8601 duration (`P45D`), as `schedule` takes them. */
export function daysOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  return parseDurationMs(numberOrText(value), option) / MS_PER_DAY;
}

/** A number option, or a usage error naming it. */
export function numberOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new UsageError(`${option}: expected a number, got "${value}"`);
  return number;
}

/** One of a fixed set of words, or a usage error listing them. */
export function choiceOption<T extends string>(value: string | undefined, option: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${option}: expected one of ${choices.join(', ')}, got "${value}"`);
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
  const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n') + '\n';
}
