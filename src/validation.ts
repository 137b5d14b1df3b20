/**
 * Arguments at the library's boundary: every exported function checks what it is given with a
 * zod schema, once, before any work, and refuses what it cannot use with one {@link InputError}
 * whose message names the function, the argument and the field (`visibilityWindows:
 * target.raDeg: not a finite number (NaN)`). Inner loops then take the checked data as it is.
 *
 * This module turns zod's issues into that one message, and holds the few schema pieces every
 * area shares (records whose own keys are all checked, `__proto__` included).
 * @module
 */
import { z } from 'zod';
import { InputError } from './errors.js';

/**
 * How many problems one message lists before it says how many more there are: enough to show
 * what kind of mistake it is, few enough that a plan of 100,000 bad visits gives one short message.
 */
const LISTED_ISSUES = 20;

/** A value in words for a message: `NaN`, `null`, `a string ("abc")`, `an array of 3`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
  if (typeof value === 'bigint') return `a bigint (${value}n)`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) return 'a Date';
  return 'an object';
}

/** `a`, `an`: the article of a type name in messages. */
const article = (word: string): string => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

/**
 * Clearer words than zod's defaults for the issues every schema can raise; messages a schema
 * sets itself take precedence over these.
 */
function issueText(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    const expected = String(issue.expected);
    if (expected === 'number' && typeof issue.input === 'number') return `not a finite number (${describeValue(issue.input)})`;
    if (issue.input === undefined) return `missing (expected ${article(expected)})`;
    return `expected ${article(expected)}, got ${describeValue(issue.input)}`;
  }
  if (
    issue.code === 'invalid_union' &&
    issue.errors.every((branch) => branch.every((inner) => inner.path.length === 0 && inner.code === 'invalid_type'))
  ) {
    const expected = [
      ...new Set(issue.errors.flatMap((branch) => branch.map((inner) => article(String((inner as { expected?: unknown }).expected))))),
    ];
    return `expected ${expected.join(' or ')}, got ${describeValue(issue.input)}`;
  }
  if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'number') {
    const limit = issue.code === 'too_big' ? issue.maximum : issue.minimum;
    const words = issue.code === 'too_big' ? (issue.inclusive ? 'at most' : 'below') : issue.inclusive ? 'at least' : 'above';
    return `must be ${words} ${String(limit)}, got ${describeValue(issue.input)}`;
  }
  if ((issue.code === 'too_big' || issue.code === 'too_small') && (issue.origin === 'array' || issue.origin === 'string')) {
    const limit = issue.code === 'too_big' ? issue.maximum : issue.minimum;
    const unit = issue.origin === 'array' ? 'entries' : 'characters';
    return `must have ${issue.code === 'too_big' ? 'at most' : 'at least'} ${String(limit)} ${unit}`;
  }
  if (issue.code === 'invalid_value') {
    const values = issue.values.map((value) => JSON.stringify(value)).join(', ');
    return issue.values.length === 1
      ? `expected ${values}, got ${describeValue(issue.input)}`
      : `expected one of ${values}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
    return `unknown field${issue.keys.length === 1 ? '' : 's'} ${keys}`;
  }
  return undefined;
}

/** The options of every parse here: the clearer words above. */
export const PARSE_OPTIONS = { error: issueText } as const;

/** The issue of a union that got furthest: the branch whose issues reach deepest into the value. */
function deepestIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const depth = (issues: z.core.$ZodIssue[]): number => Math.max(0, ...issues.map((inner) => inner.path.length));
  let best: z.core.$ZodIssue[] = issue.errors[0]!;
  for (const branch of issue.errors) if (depth(branch) > depth(best)) best = branch;
  // No branch got inside the value: the union's own message says what was expected.
  const inner = best[0];
  if (inner === undefined || depth(best) === 0) return issue;
  const found = deepestIssue(inner);
  return { ...found, path: [...issue.path, ...found.path] } as z.core.$ZodIssue;
}

/** `target.raDeg`: an argument's name followed by the path of the field at fault. */
function fieldName(argument: string, path: readonly PropertyKey[]): string {
  return [argument, ...path.map((key) => String(key))].filter((part) => part !== '').join('.');
}

/**
 * One line from zod's issues: `<where>: <argument.path>: <problem>`, problems joined by `; `,
 * the first few listed and the rest counted.
 *
 * @param issues - zod's issues, as a failed `safeParse` gives them.
 * @param argument - the argument's name, which starts every field's path (`target`, `cadence`), or `''`.
 * @param where - what is being called or read, before everything (`visibilityWindows`, `targets.csv line 4`), or `''`.
 * @example
 * ```ts
 * const result = TargetSchema.safeParse({ name: 'x', ra: 'abc', dec: 0 });
 * if (!result.success) issuesMessage(result.error.issues, 'target', 'parseTarget'); // 'parseTarget: target.ra: ...'
 * ```
 */
function issuesMessage(issues: readonly z.core.$ZodIssue[], argument: string, where = ''): string {
  return `${where === '' ? '' : `${where}: `}${problems(issues, argument).join('; ')}`;
}

/** `<argument.path>: <problem>` for the first few issues, and how many more there are. */
function problems(issues: readonly z.core.$ZodIssue[], argument: string): string[] {
  const listed = issues.slice(0, LISTED_ISSUES).map((raw) => {
    const issue = deepestIssue(raw);
    const field = fieldName(argument, issue.path);
    return field === '' ? issue.message : `${field}: ${issue.message}`;
  });
  if (issues.length > LISTED_ISSUES) listed.push(`and ${issues.length - LISTED_ISSUES} more problems`);
  return listed;
}

/**
 * zod's issues as lines, each `<where>: <path>: <problem>`: the form of a file reader's message,
 * one line a field (the first few, then how many more).
 *
 * @example
 * ```ts
 * issueLines(result.error.issues, 'plan.json').join('\n'); // 'plan.json: visits.3.start: ...'
 * ```
 */
export function issueLines(issues: readonly z.core.$ZodIssue[], where: string): string[] {
  return problems(issues, '').map((line) => `${where}: ${line}`);
}

/**
 * Check a value with a schema, or throw one InputError naming where, the argument and each
 * field at fault (see {@link issuesMessage}).
 *
 * @example
 * ```ts
 * const spanMs = parseWith(SpanRecordSchema, span, 'span', 'observerSegments');
 * ```
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, argument: string, where = ''): z.output<S> {
  const result = schema.safeParse(value, PARSE_OPTIONS);
  if (!result.success) throw new InputError(issuesMessage(result.error.issues, argument, where));
  return result.data;
}

/**
 * Check a function's arguments, given by name, against one object schema of them: the
 * boundary check every exported function makes first. Messages start with the function's
 * name, then the argument's and the field's (`cadenceGaps: schedule.visits.3.startMs: ...`).
 *
 * @example
 * ```ts
 * const args = parseArguments('targetKey', z.object({ name: z.string() }), { name });
 * ```
 */
export function parseArguments<S extends z.ZodType>(fn: string, schema: S, args: Record<string, unknown>): z.output<S> {
  return parseWith(schema, args, '', fn);
}

/** The schema of a function's arguments: one field an argument, in the order the function takes them. */
export type ArgumentsSchema = z.ZodObject;

/** How {@link checked} calls a function once its arguments pass. */
export interface CheckedOptions {
  /** The value an argument takes when it is not given (`undefined`): the function's own default, checked as a given value is. */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /**
   * The arguments the function takes as the schema reads them (defaults filled in, other forms
   * of a value read to the library's: a name to a target, `{ start, end }` to a span), or `true`
   * for all of them; the others are passed as given.
   */
  readonly parsed?: boolean | readonly string[];
}

/** What {@link checked} marks a checked function with: its name, the schema of its arguments, and the function it checks for. */
export interface CheckedMark {
  readonly name: string;
  readonly schema: ArgumentsSchema;
  readonly fn: (...args: never[]) => unknown;
}

const MARK = Symbol('checked');

/**
 * A function's checked face: the function, called after one check of its arguments that refuses
 * what it cannot use with one {@link InputError} (`<name>: <argument>.<field>: <problem>`). The
 * schema's fields are the function's first arguments, in order (any after them are passed on as
 * they are). The library's own code calls the function itself, never its face.
 *
 * @example
 * ```ts
 * const half = checked('half', z.object({ x: z.number() }), (x: number) => x / 2);
 * half(Number.NaN); // throws InputError 'half: x: not a finite number (NaN)'
 * ```
 */
export function checked<F extends (...args: never[]) => unknown, Face extends (...args: never[]) => unknown = F>(
  name: string,
  schema: ArgumentsSchema,
  fn: F,
  options?: CheckedOptions,
): Face;
export function checked(
  name: string,
  schema: ArgumentsSchema,
  fn: (...args: never[]) => unknown,
  options: CheckedOptions = {},
): (...args: unknown[]) => unknown {
  const names = Object.keys(schema.shape);
  const { defaults = {}, parsed = false } = options;
  const isAsync = fn.constructor.name === 'AsyncFunction';
  const face = (...args: unknown[]): unknown => {
    const given: Record<string, unknown> = {};
    names.forEach((argument, index) => {
      given[argument] = args[index] === undefined && Object.hasOwn(defaults, argument) ? defaults[argument] : args[index];
    });
    let read: Record<string, unknown>;
    try {
      read = parseArguments(name, schema, given) as Record<string, unknown>;
    } catch (error) {
      // An async function refuses as it fails: with a rejected promise, not a throw.
      if (isAsync) return Promise.reject(error);
      throw error;
    }
    const values = names.map((argument) => (parsed === true || (parsed !== false && parsed.includes(argument)) ? read : given)[argument]);
    return (fn as (...args: unknown[]) => unknown)(...values, ...args.slice(names.length));
  };
  Object.defineProperty(face, 'name', { value: name });
  Object.defineProperty(face, MARK, { value: { name, schema, fn } satisfies CheckedMark });
  return face;
}

/** The name and argument schema of a function made by {@link checked}, or undefined for any other value. */
export function checkedMark(value: unknown): CheckedMark | undefined {
  return typeof value === 'function' ? (value as unknown as Record<symbol, CheckedMark | undefined>)[MARK] : undefined;
}

/** Re-raise a nested check's issues inside a schema, under a path of the value being checked. */
export function addIssues(ctx: z.RefinementCtx, issues: readonly z.core.$ZodIssue[], path: readonly PropertyKey[] = []): void {
  for (const issue of issues) {
    const deepest = deepestIssue(issue);
    ctx.addIssue({ code: 'custom', continue: false, path: [...path, ...deepest.path], message: deepest.message });
  }
}

/**
 * Parse a nested value inside a transform: the data, or `undefined` with the issues raised
 * under `path` (so that dispatching schemas report the field where it lies).
 */
export function parseInside<S extends z.ZodType>(
  schema: S,
  value: unknown,
  ctx: z.RefinementCtx,
  path: readonly PropertyKey[] = [],
): z.output<S> | undefined {
  const result = schema.safeParse(value, PARSE_OPTIONS);
  if (result.success) return result.data;
  addIssues(ctx, result.error.issues, path);
  return undefined;
}

/**
 * A record keyed by strings whose every own entry is checked by `value`, the key `__proto__`
 * included: zod's record skips an own `__proto__` key (it will not let one replace a
 * prototype), which would let it through unchecked. The output is the input object itself,
 * unchanged, so names such as `toString` or `__proto__` stay the keys they are.
 *
 * @example
 * ```ts
 * recordOf(z.number()).safeParse(JSON.parse('{"__proto__": "x"}')).success; // false
 * ```
 */
export function recordOf<V extends z.ZodType>(value: V) {
  return z
    .custom<Record<string, z.output<V>>>(isPlainObject, {
      error: (issue) => `expected a plain object of entries by name, got ${describeValue(issue.input)}`,
    })
    .superRefine((input, ctx) => {
      for (const key of Object.keys(input)) {
        const result = value.safeParse((input as Record<string, unknown>)[key], PARSE_OPTIONS);
        if (!result.success) addIssues(ctx, result.error.issues, [key]);
      }
    });
}

/** Whether a value is a plain object (an object literal, parsed JSON, or one made with a null prototype). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A non-empty string, for names and sources in messages. */
export const NonEmptyString = z.string().min(1, 'must not be empty');

/** Any string. */
export const AnyString = z.string();

/** A number, finite (zod's numbers refuse NaN and the infinities). */
export const FiniteNumber = z.number();

/**
 * `true` when two types are the same but for `readonly`: the same fields, each optional or
 * required alike and of the same type, all the way down. Each record an interface describes and
 * a schema checks is held to this at compile time (`const fieldsMatch: SameShape<...> = true`),
 * so a field added to one and not the other, or typed differently in each, fails the build
 * instead of crossing the API unchecked. (zod's `toZod` compares `readonly` too, which a schema's
 * output never has.)
 */
export type SameShape<A, B> = (<T>() => T extends Writable<A> ? 1 : 2) extends <T>() => T extends Writable<B> ? 1 : 2 ? true : false;

/**
 * `true` when two object types name the same fields, whatever their types: for an options
 * interface (what a caller may give) beside its checked form (what the schema makes of it),
 * whose fields differ in type on purpose (an instant as text or ms, ms after the check).
 */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;

/** A type with `readonly` taken off every field and array, all the way down (functions kept whole). */
type Writable<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? Writable<E>[]
    : T extends object
      ? { -readonly [K in keyof T]: Writable<T[K]> }
      : T;

/**
 * The one grammar of a number written as text, wherever the project reads one (an option, a
 * field of a CSV file, an angle): a decimal with an optional sign, digits on at least one side
 * of an optional point, and an optional exponent (`30`, `-1.5`, `.5`, `-.5`, `5.`, `1e3`).
 * JavaScript's own reading also takes `0x10`, `0b1010`, `Infinity` and the empty string (as 0):
 * none of those is a number here.
 */
export const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The value of decimal text ({@link DECIMAL_TEXT}, spaces around it allowed), or undefined when
 * the text is not one or its value is not finite (`1e999`).
 */
export function decimalValue(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL_TEXT.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** Line and column (both from 1) of a character offset in a text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Read JSON text, or throw an InputError in the project's words naming the source and, where it
 * can be told, the line and column of the fault (the JSON reader's own message is not passed on).
 */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    if (text.trim() === '') throw new InputError(`${source}: not valid JSON: the file is empty`);
    const position = /at position (\d+)/.exec(error.message);
    if (position) {
      const { line, column } = lineAndColumn(text, Number(position[1]));
      throw new InputError(`${source} line ${line} column ${column}: not valid JSON`);
    }
    if (/end of JSON input/i.test(error.message))
      throw new InputError(`${source}: not valid JSON: it ends before its last value is closed`);
    throw new InputError(`${source}: not valid JSON`);
  }
}
