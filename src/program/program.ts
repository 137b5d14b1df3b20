/**
 * The program model: a program is an id, a title and its visits, one per row of the
 * observations table, each identified as STScI does (`program:observation:visit`, `1539:9:1`).
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { MS_PER_DAY } from '../time/instant.js';
import { parseWith } from '../validation.js';
import { INSTRUMENTS } from './templates.js';

/**
 * The longest visit accepted, ms: 366 days. A cycle lasts a year, so a longer visit fits in no
 * span a program is planned over; a figure that size is a mistake of units (and sums of a few
 * such figures would leave the numbers a scheduler can add).
 */
export const MAX_VISIT_DURATION_MS = 366 * MS_PER_DAY;

/**
 * One visit: one row of a program's observations table.
 *
 * @example
 * ```ts
 * VisitSchema.parse({
 *   observation: 1, label: 'NIRCam Module A', template: 'NIRCam Engineering Imaging',
 *   instrument: 'NIRCam', targetNumber: 1, target: 'BD+60-1753', durationMs: 3_600_000, line: 15,
 * });
 * ```
 */
export const VisitSchema = z.object({
  /**
   * Observation number: APT's, when the table has an `Obs` column (see the program's
   * `numbering`), else the row's position in the table, 1-based.
   */
  observation: z.number().int().min(1),
  /** Visit number within the observation: the table's `Visit` column, else 1. */
  visit: z.number().int().min(1).default(1),
  label: z.string().trim().min(1, 'is empty'),
  template: z.string().trim().min(1, 'is empty'),
  instrument: z.enum(INSTRUMENTS, {
    error: () => `the template does not name an instrument (expected it to start with ${INSTRUMENTS.join(', ')})`,
  }),
  /** The number in parentheses before the target name, `(1) BD+60-1753`. */
  targetNumber: z.number().int().min(1),
  target: z.string().trim().min(1, 'is empty'),
  /** Planned duration of the visit, overheads included, in milliseconds. */
  durationMs: z.number().finite().positive().max(MAX_VISIT_DURATION_MS, 'a visit cannot last more than 366 days'),
  /** Line of the row in the source document, 1-based (0 when the visit was not read from a file). */
  line: z.number().int().min(0),
});

/**
 * A program id: what the front matter's `id` may be. It names output folders
 * (`program-<id>-cycle-1`), so it is a safe file-name part on every system: 1 to 64
 * characters, letters, digits, `-` and `_`, starting with a letter or a digit. That refuses
 * every path separator and `..`, a leading `-` (read as an option), and dots (`.inf`).
 * JWST program ids are numbers (1539), which pass.
 *
 * @example
 * ```ts
 * PROGRAM_ID.test('1539'); // true
 * PROGRAM_ID.test('x/../..'); // false
 * ```
 */
export const PROGRAM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Why a program id is refused, in words, for messages. */
export const PROGRAM_ID_RULE = '1 to 64 letters, digits, "-" or "_", starting with a letter or a digit';

/** A validated visit. */
export type Visit = z.output<typeof VisitSchema>;

/**
 * A program: its id and title, the document's front matter, and its visits in table order.
 *
 * @example
 * ```ts
 * ProgramSchema.parse({ id: '1539', title: 'CAL-FLUX-004', frontMatter: {}, visits: [] });
 * ```
 */
export const ProgramSchema = z
  .object({
    id: z.string().regex(PROGRAM_ID, `must be ${PROGRAM_ID_RULE}`),
    title: z.string().trim().min(1, 'is empty'),
    /** Where the program was read from (a file name or URL), for messages. */
    source: z.string().optional(),
    frontMatter: z.record(z.string(), z.unknown()),
    /**
     * What the observation numbers are: `apt`, APT's (the table's `Obs` column), or `row`, the
     * rows' positions in the table (a table without numbers).
     */
    numbering: z.enum(['apt', 'row']).default('row'),
    visits: z.array(VisitSchema).readonly(),
  })
  .superRefine((program, ctx) => {
    // A visit is its observation and visit number (plans, fixed visits and outputs name it so): one row each.
    const seen = new Map<string, number>();
    program.visits.forEach((visit, index) => {
      const key = visitKey(visit);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          continue: false,
          path: ['visits', index, 'observation'],
          message: `observation ${visit.observation}${visit.visit === 1 ? '' : ` visit ${visit.visit}`} is already visits.${first}; each visit has its own observation and visit number`,
        });
      } else seen.set(key, index);
    });
  });

/** A validated program. */
export type Program = z.output<typeof ProgramSchema>;

/** A visit's identity as its parts: the program id, the observation and the visit number. */
export interface VisitId {
  readonly program: string;
  readonly observation: number;
  readonly visit: number;
}

export const VisitIdArguments = z.object({
  program: z.string().regex(PROGRAM_ID, `must be ${PROGRAM_ID_RULE}`),
  visit: z.object({ observation: z.number().int().min(1), visit: z.number().int().min(1).optional() }),
});

/**
 * A visit's identity as STScI writes it (the VISIT ID of its observing schedules):
 * `program:observation:visit`. A visit without a visit number is visit 1.
 *
 * @example
 * ```ts
 * formatVisitId('1539', { observation: 9, visit: 1 }); // '1539:9:1'
 * formatVisitId('1539', { observation: 12 });          // '1539:12:1'
 * ```
 */
export function formatVisitId(program: string, visit: { readonly observation: number; readonly visit?: number | undefined }): string {
  return `${program}:${visit.observation}:${visit.visit ?? 1}`;
}

/**
 * A visit's key within its program: its observation and visit number, `observation:visit`
 * (`9:2`; visit 1 when none is given). Plans, pins, executed visits and outputs tell visits
 * apart by it, since one observation may have several visits.
 *
 * @example
 * ```ts
 * visitKey({ observation: 9, visit: 2 }); // '9:2'
 * visitKey({ observation: 12 });          // '12:1'
 * ```
 */
export function visitKey(visit: { readonly observation: number; readonly visit?: number | undefined }): string {
  return `${visit.observation}:${visit.visit ?? 1}`;
}

/**
 * A visit in messages: `observation 9`, or its id (`1539:9:2`) when its observation has
 * several visits in the program.
 *
 * @example
 * ```ts
 * const program = loadBuiltInProgram();
 * visitName(program.visits[0]!, program); // 'observation 1'
 * ```
 */
export function visitName(visit: Visit, program: Program): string {
  return program.visits.some((other) => other.observation === visit.observation && other.visit !== visit.visit)
    ? formatVisitId(program.id, visit)
    : `observation ${visit.observation}`;
}

/** `program:observation:visit`, or `observation:visit`, or a bare observation number. */
const VISIT_ID = /^\s*(?:(?:([A-Za-z0-9][A-Za-z0-9_-]{0,63}):)?(\d{1,9}):)?(\d{1,9})\s*$/;

/**
 * Read a visit named as STScI's VISIT ID (`1539:9:1`) or, as before, by its bare observation
 * number (`9`, visit 1). Returns the parts, `program` only when the text gives one; `undefined`
 * when the text is neither form (or a number is 0).
 *
 * @example
 * ```ts
 * parseVisitId('1539:9:1'); // { program: '1539', observation: 9, visit: 1 }
 * parseVisitId('9');        // { observation: 9, visit: 1 }
 * parseVisitId('9:x');      // undefined
 * ```
 */
export function parseVisitId(text: string): { program?: string; observation: number; visit: number } | undefined {
  parseWith(z.string(), text, 'text', 'parseVisitId');
  const id = readVisitId(text);
  return id === undefined ? undefined : { ...id, visit: id.visit ?? 1 };
}

/** A visit as an input names it: the visit number only when the input gives one (a bare `9` has none). */
export interface VisitRef {
  readonly program?: string;
  readonly observation: number;
  readonly visit?: number;
}

/** {@link parseVisitId} of a checked string, without a visit number when the text gives none. */
export function readVisitId(text: string): { program?: string; observation: number; visit?: number } | undefined {
  const match = VISIT_ID.exec(text);
  if (!match) return undefined;
  // `9:1` would be ambiguous (program 9, observation 1?): two parts are refused, as STScI never writes them.
  if (match[1] === undefined && match[2] !== undefined) return undefined;
  const first = match[2] === undefined ? Number(match[3]) : Number(match[2]);
  const visit = match[2] === undefined ? undefined : Number(match[3]);
  if (first < 1 || (visit !== undefined && visit < 1)) return undefined;
  return { ...(match[1] === undefined ? {} : { program: match[1] }), observation: first, ...(visit === undefined ? {} : { visit }) };
}

/**
 * How an input names a visit: its observation number (the observation's one visit) or its
 * visit id as STScI writes it (`1539:9:1`). Reads as the parts; `visit` only when given.
 *
 * @example
 * ```ts
 * VisitRefSchema.parse('1539:9:1'); // { program: '1539', observation: 9, visit: 1 }
 * VisitRefSchema.parse(9);          // { observation: 9 }
 * ```
 */
export const VisitRefSchema = z
  .union([z.number().int().min(1), z.string()])
  .transform((value, ctx): { program?: string; observation: number; visit?: number } => {
    if (typeof value === 'number') return { observation: value };
    const id = readVisitId(value);
    if (id === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an observation number or a visit id program:observation:visit (1539:9:1), got "${value}"`,
      });
      return z.NEVER;
    }
    return id;
  });

/**
 * The visit of `program` an input names (a {@link VisitRefSchema} read), or an InputError at
 * `where` when the program has no such visit: another program's id, an observation it lacks,
 * another visit number, or a bare observation number of an observation with several visits
 * (the error lists them).
 */
export function visitOfRef(
  program: Program,
  ref: VisitRef | { readonly program?: string | undefined; readonly observation: number; readonly visit?: number | undefined },
  where: string,
): Visit {
  const name = ref.program === undefined ? `observation ${ref.observation}` : formatVisitId(ref.program, ref);
  if (ref.program !== undefined && ref.program !== program.id) {
    throw new InputError(`${where}: ${name} is a visit of program ${ref.program}, not of ${program.id}`);
  }
  const candidates = program.visits.filter((candidate) => candidate.observation === ref.observation);
  if (candidates.length === 0)
    throw new InputError(`${where}: observation ${ref.observation} is not in program ${program.id} (it has ${program.visits.length})`);
  const ids = candidates.map((candidate) => formatVisitId(program.id, candidate)).join(', ');
  if (ref.visit === undefined) {
    if (candidates.length > 1)
      throw new InputError(`${where}: observation ${ref.observation} has ${candidates.length} visits (${ids}); name one by its visit id`);
    return candidates[0]!;
  }
  const visit = candidates.find((candidate) => candidate.visit === ref.visit);
  if (!visit) {
    const what =
      candidates.length === 1
        ? `its observation ${ref.observation} is visit ${ids}`
        : `its observation ${ref.observation} has visits ${ids}`;
    throw new InputError(`${where}: ${formatVisitId(ref.program ?? program.id, ref)} is not in program ${program.id}: ${what}`);
  }
  return visit;
}
