/**
 * Command-line plumbing: reading inputs, writing outputs atomically, and usage errors.
 * @module
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../files.js';
import { MS_PER_DAY, parseDurationMs } from '../time/instant.js';

/** An error in what the user asked for: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Parse a command's options with node's parseArgs, refusing an option given twice unless it
 * is declared `multiple` (parseArgs itself would silently keep the last value: `--cycle 1
 * --cycle 2` would plan Cycle 2).
 */
export function parseOptions<const T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: false; tokens: true }>>['values'] {
  const { values, tokens } = parseArgs({ args: [...argv], options, allowPositionals: false, tokens: true });
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give it once`);
    seen.add(token.name);
  }
  return values;
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

export { writeFileAtomic };

/** Send text to `--out FILE` (atomically) or to standard output. */
export function emit(text: string, out: string | undefined): void {
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text);
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
