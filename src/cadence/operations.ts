/**
 * Operations: planning from today. Visits that ran (done, or failed and to be repeated), the
 * plan of the cycle before, an observations table repeated every cycle: turned into what the
 * scheduler core places (one chain of blocks per lead target) and the history the schedule
 * keeps.
 *
 * - A **done** visit stays where it ran: it is history. The epochs of a target that ran are
 *   history; the chain of the target goes on from the last of them (its gap vector starts
 *   there, see `spread/README.md`), and gap bounds do not bind the gaps between epochs that ran.
 * - A **failed** visit stays in the plan, with its status, where it ran, and is placed again:
 *   every visit of an epoch that is not done (failed, or never run) goes into one block, in the
 *   epoch's order, that keeps the epoch's number. So when a whole epoch failed, the whole epoch
 *   is repeated; when some of its visits ran, only the others are, because each visit that ran
 *   keeps its data and (cycle, observation, visit) stays unique among the visits that are not failed.
 * - **Now**: nothing is placed before it, nor before the last visit that ran ends. It has no
 *   default: without it, only the visits given as executed are the past, so a run is reproducible.
 * - **Repeated every cycle**: each cycle of the span repeats the table; a visit is identified by
 *   its cycle, observation and visit number, each repetition's blocks stay inside their cycle, and each
 *   target's series go on across the boundary (one chain over all cycles: no boundary gap at a
 *   cycle's edge).
 * - **Continued**: the plan of the cycles before is history (its visits are carried into the
 *   new plan as they are), and the table is repeated in the new cycles.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { MAX_VISIT_DURATION_MS, type Program, type Visit, VisitRefSchema, visitKey, visitName, visitOfRef } from '../program/program.js';
import type { PublishedVisit } from '../program/published.js';
import type { Epoch, ProgramStructure } from '../program/structure.js';
import { blockDurationMs, VISIT_GAP_MS } from '../program/templates.js';
import { keyOf } from '../sky/catalog.js';
import { JWST_CYCLES } from '../time/cycles.js';
import { formatInstant, InstantMsSchema, InstantSchema, type Span } from '../time/instant.js';
import { addIssues, describeValue, PARSE_OPTIONS } from '../validation.js';
import { type Schedule, type ScheduledVisit, type TimeInterval, visitIdentity } from './schedule.js';
import { ScheduleRecordSchema } from './schedule-schema.js';

/**
 * A visit that ran: its observation (and cycle, when the table repeats every cycle), when it
 * started (and ended: by default its start plus the visit's duration), and whether it is
 * `done` (the default) or `failed` (to be repeated). A `scheduled` visit has not run yet but
 * is on the observatory's schedule (STScI's published one): it starts at or after now and is
 * held where it is, like a pinned visit (the time before and after it is still planned).
 *
 * @example
 * ```ts
 * ExecutedVisitSchema.parse({ observation: 21, start: '2022-10-01T18:00Z', status: 'failed' });
 * ```
 */
export const ExecutedVisitSchema = z
  .object({
    /**
     * Its observation number (of an observation with one visit, or with `visit`), or its visit
     * id `program:observation:visit` (`1539:9:1`).
     */
    observation: VisitRefSchema,
    /** Its visit number within the observation, with a bare observation number. */
    visit: z.number().int().min(1).optional(),
    cycle: z.number().int().min(1).optional(),
    start: InstantSchema,
    end: InstantSchema.optional(),
    status: z.enum(['done', 'failed', 'scheduled']).default('done'),
    /** The visit comes from JWST's published observing schedule. */
    published: z.boolean().optional(),
  })
  .strict()
  .refine((visit) => visit.end === undefined || visit.end > visit.start, { message: 'end must be after start', path: ['end'] })
  .transform(({ observation, visit, ...rest }, ctx) => {
    if (visit !== undefined && observation.visit !== undefined && visit !== observation.visit) {
      ctx.addIssue({ code: 'custom', path: ['visit'], message: `visit ${visit} is not the visit id's (${observation.visit})` });
      return z.NEVER;
    }
    return { ...rest, ...observation, ...(visit === undefined ? {} : { visit }) };
  });

/** What {@link ExecutedVisitSchema} accepts. */
export type ExecutedVisitInput = z.input<typeof ExecutedVisitSchema>;

/** A validated executed visit, instants in ms. */
export type ExecutedVisit = z.output<typeof ExecutedVisitSchema>;

/**
 * A schedule record, checked whole (every instant finite, every interval in order, as
 * {@link ScheduleRecordSchema}); the record itself is kept, so that it stays the caller's.
 */
const ContinuedScheduleSchema = z.unknown().transform((value, ctx): Schedule => {
  // Something that is no schedule at all gets one line; a schedule with faults, each fault.
  if (typeof value !== 'object' || value === null || !('visits' in value || 'span' in value)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a schedule, as scheduleProgram or scheduleFromJson returns it, got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  const result = ScheduleRecordSchema.safeParse(value, PARSE_OPTIONS);
  if (!result.success) {
    addIssues(ctx, result.error.issues);
    return z.NEVER;
  }
  return value as Schedule;
});

/** A published schedule's visits as the plan reads them (see `readPublishedSchedule`). */
const ObservedScheduleSchema = z.looseObject({
  program: z.string().min(1, 'must not be empty'),
  visits: z.array(
    z.looseObject({
      visitId: z.string().min(1, 'must not be empty'),
      observation: z.number().int().min(1),
      visit: z.number().int().min(1).optional(),
      startMs: InstantMsSchema,
      durationMs: z.number().finite().positive().max(MAX_VISIT_DURATION_MS, 'a visit cannot last more than 366 days'),
      template: z.string(),
      target: z.string().min(1, 'must not be empty'),
      source: z.string().optional(),
      line: z.number().optional(),
    }),
  ),
  notes: z.array(z.string()).optional(),
});

/**
 * The operations options of `scheduleProgram`, validated: visits that ran, `now`, whether the
 * table repeats every cycle, and the plan of the cycles before.
 *
 * @example
 * ```ts
 * OperationsOptionsSchema.parse({ now: '2022-10-15T00:00Z', executed: [{ observation: 1, start: '2022-07-11T07:00Z' }] });
 * ```
 */
export const OperationsOptionsSchema = z
  .object({
    /** Visits that ran, done or failed. */
    executed: z.array(ExecutedVisitSchema).default([]),
    /** Nothing is placed before this instant (no default: a run is reproducible). */
    now: InstantSchema.optional(),
    /** Repeat the observations table in every cycle of the span. */
    repeatPerCycle: z.boolean().default(false),
    /** The plan of the cycles before: its visits are history, and the table repeats in the new cycles. */
    continueFrom: ContinuedScheduleSchema.optional(),
    /**
     * JWST's published observing schedule of the program (`readPublishedSchedule`): its visits,
     * matched to the table by observation and visit number, are done before `now` (all of them without
     * it) and scheduled from `now` on, held where STScI placed them, with their published
     * durations. Visits of observations the table lacks are listed in the notes.
     */
    observed: ObservedScheduleSchema.optional(),
  })
  .strict();

/** What {@link OperationsOptionsSchema} accepts. */
export type OperationsOptionsInput = z.input<typeof OperationsOptionsSchema>;

/** Validated operations options. */
export type OperationsOptions = z.output<typeof OperationsOptionsSchema>;

/**
 * Validate the operations options; throws one InputError naming every bad field by its path
 * (`executed.3.start: ...`).
 *
 * @example
 * ```ts
 * parseOperationsOptions({ now: '2022-10-15T00:00Z' }).now; // Date.UTC(2022, 9, 15)
 * ```
 */
export function parseOperationsOptions(value: unknown): OperationsOptions {
  const result = OperationsOptionsSchema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'options'}: ${issue.message}`).join('; '),
    );
  }
  return result.data;
}

/** One repetition of the table: its cycle (none when the table is planned once) and its span. */
export interface Repetition {
  readonly cycle: number | undefined;
  readonly span: Span;
}

/** A block of a lead target's chain, as the scheduler core places it. */
export interface ChainBlock {
  /** The program's epoch the block belongs to. */
  readonly epoch: Epoch;
  /** The repetition's cycle (none when the table is planned once). */
  readonly cycle: number | undefined;
  /** The visits to place, by key (`visitKey`, `observation:visit`), in the order they run (none for the history block). */
  readonly visits: readonly string[];
  readonly durationMs: number;
  /** Distinct targets of the visits, in order (the lead's for the history block). */
  readonly targets: readonly string[];
  /** The repetition's span, when the table repeats every cycle. */
  readonly within: TimeInterval | undefined;
  /**
   * Where the block stays: pinned by `fixed`, the last epoch that ran (the history block), or
   * an epoch's visits on the published schedule (a held block).
   */
  readonly fixedStartMs: number | undefined;
  /** True for the history block: the last epoch of the target that ran, which the chain goes on from. */
  readonly history: boolean;
  /**
   * For a held block (an epoch's scheduled visits, where the published schedule places them,
   * from the first start to the last end): when it starts, in words, for messages.
   */
  readonly held?: string | undefined;
}

/** A visit that ran, as the plan keeps it. */
export interface HistoryVisit {
  readonly visit: Visit;
  readonly cycle: number | undefined;
  readonly epoch: number;
  readonly status: 'done' | 'failed' | 'scheduled';
  /** From JWST's published observing schedule. */
  readonly published: boolean;
  readonly startMs: number;
  readonly endMs: number;
}

/** What the scheduler places and what it keeps as history. */
export interface PlannedChains {
  readonly repetitions: readonly Repetition[];
  /** Per lead target (in the structure's order), its blocks in chain order. */
  readonly chains: readonly (readonly ChainBlock[])[];
  /** Visits given as executed, in time order. */
  readonly executed: readonly HistoryVisit[];
  /** Visits of the continued plan, carried as they are (each with its cycle). */
  readonly carried: readonly ScheduledVisit[];
  /**
   * No free block starts before this instant (now, and the end of the last visit that ran);
   * scheduled visits after it are held blocks of their chains, with free time around them.
   */
  readonly notBeforeMs: number | undefined;
  readonly notes: readonly string[];
}

/** A pinned visit (`cadence.fixed`): its observation (and visit id parts, when named so) and start. */
export interface PinnedVisit {
  readonly observation: number;
  /** The visit number and program id, when the pin names the visit by its id (`1539:9:1`). */
  readonly visit?: number;
  readonly program?: string;
  readonly startMs: number;
}

/**
 * The JWST cycles that tile a span exactly, in order, or undefined when the span is not made
 * of whole cycles.
 */
function cyclesTiling(span: Span): number[] | undefined {
  const cycles = Object.entries(JWST_CYCLES)
    .map(([cycle, cycleSpan]) => ({ cycle: Number(cycle), span: cycleSpan }))
    .filter((entry) => entry.span.startMs >= span.startMs && entry.span.endMs <= span.endMs)
    .sort((a, b) => a.span.startMs - b.span.startMs);
  if (cycles.length === 0 || cycles[0]!.span.startMs !== span.startMs || cycles[cycles.length - 1]!.span.endMs !== span.endMs)
    return undefined;
  for (let i = 1; i < cycles.length; i += 1) if (cycles[i]!.span.startMs !== cycles[i - 1]!.span.endMs) return undefined;
  return cycles.map((entry) => entry.cycle);
}

/** The known JWST cycle an instant falls in, if any. */
function cycleAt(ms: number): number | undefined {
  for (const [cycle, span] of Object.entries(JWST_CYCLES)) if (ms >= span.startMs && ms < span.endMs) return Number(cycle);
  return undefined;
}

const cycleText = (cycle: number | undefined): string => (cycle === undefined ? '' : ` of cycle ${cycle}`);

/**
 * Turn a program, its span, pinned visits and the operations options into one chain of blocks
 * per lead target, the executed and carried history, and the instant before which nothing is
 * placed. Throws an InputError naming the option and field of anything inconsistent (an
 * observation the program does not have, a visit done twice, executed visits that overlap or
 * start after now, a pin on a visit that ran or before now, a continued plan that does not
 * precede the span).
 *
 * @example
 * ```ts
 * const program = loadBuiltInProgram();
 * const chains = planChains(program, programStructure(program), cycleSpan(1), [], parseOperationsOptions({ now: '2022-10-15T00:00Z' }));
 * chains.chains[0]!.length; // 13: the epochs of BD+60-1753, none ran
 * ```
 */
export function planChains(
  program: Program,
  structure: ProgramStructure,
  span: Span,
  pins: readonly PinnedVisit[],
  options: OperationsOptions,
): PlannedChains {
  const notes: string[] = [];
  const plan = planContext(program, structure, span, options);
  const entries: { entry: ExecutedVisit; where: string }[] = options.executed.map((entry, index) => ({
    entry,
    where: `executed.${index}`,
  }));
  if (options.observed) entries.push(...observedEntries(options.observed, program, options.now, notes));
  const { executed, done } = visitsThatRan(plan, entries);
  const carried = options.continueFrom ? carriedVisits(plan, options.continueFrom, notes) : [];

  // Nothing is placed before now, nor before the last visit that ran ends. Scheduled visits (from
  // now on) are held where they are, like pinned ones: the time around them stays free.
  let lastRanMs = -Infinity;
  for (const visit of executed) if (visit.status !== 'scheduled') lastRanMs = Math.max(lastRanMs, visit.endMs);
  const now = options.now;
  const notBeforeMs = now === undefined && lastRanMs === -Infinity ? undefined : Math.max(now ?? -Infinity, lastRanMs);

  const { chains, blockOf } = chainsOfLeads(plan, executed, done, carried);
  pinBlocks(plan, pins, { chains, blockOf, done, notBeforeMs });
  executed.sort((a, b) => a.startMs - b.startMs || a.visit.observation - b.visit.observation || a.visit.visit - b.visit.visit);
  if (executed.length > 0 || now !== undefined) notes.push(historyNote(plan, executed, done, chains, notBeforeMs));
  return Object.freeze({ repetitions: plan.repetitions, chains, executed, carried, notBeforeMs, notes });
}

/** What every stage of {@link planChains} reads: the program, its structure, the span, the repetitions. */
interface PlanContext {
  readonly program: Program;
  readonly structure: ProgramStructure;
  readonly span: Span;
  readonly options: OperationsOptions;
  readonly byKey: ReadonlyMap<string, Visit>;
  readonly epochOfVisit: ReadonlyMap<string, Epoch>;
  /** Whether the table is planned once per cycle (repeated, or continuing an earlier plan). */
  readonly repeat: boolean;
  readonly repetitions: Repetition[];
  readonly planned: ReadonlySet<number | undefined>;
  /** The cycles planned, in words for messages (empty when the table is planned once). */
  readonly cyclesText: string;
  /** The repetition a visit at `ms` belongs to when no cycle is given. */
  readonly repetitionAt: (ms: number) => number | undefined;
}

/** The repetitions of the table and the look-ups every stage shares. */
function planContext(program: Program, structure: ProgramStructure, span: Span, options: OperationsOptions): PlanContext {
  const byKey = new Map(program.visits.map((visit) => [visitKey(visit), visit]));
  const epochOfVisit = new Map<string, Epoch>();
  for (const epoch of structure.epochs) for (const key of epoch.visits) epochOfVisit.set(key, epoch);
  const repeat = options.repeatPerCycle || options.continueFrom !== undefined;
  let repetitions: Repetition[];
  if (repeat) {
    const cycles = cyclesTiling(span);
    if (!cycles) {
      throw new InputError(
        `${options.repeatPerCycle ? 'repeatPerCycle' : 'continueFrom'}: the span (${formatInstant(span.startMs)} to ${formatInstant(span.endMs)}) is not whole JWST cycles, ` +
          'so the table cannot be repeated per cycle; give cadence.cycle or cadence.cycles',
      );
    }
    repetitions = cycles.map((cycle) => ({ cycle, span: JWST_CYCLES[cycle]! }));
  } else repetitions = [{ cycle: undefined, span }];
  const planned = new Set(repetitions.map((repetition) => repetition.cycle));
  const cyclesText = repeat ? `cycles ${repetitions.map((repetition) => repetition.cycle).join(', ')}` : '';
  /** The repetition a visit at `ms` belongs to when no cycle is given. */
  const repetitionAt = (ms: number): number | undefined =>
    repeat ? repetitions.find((repetition) => ms >= repetition.span.startMs && ms < repetition.span.endMs)?.cycle : undefined;
  return { program, structure, span, options, byKey, epochOfVisit, repeat, repetitions, planned, cyclesText, repetitionAt };
}

/** The visits given as run (executed, or from a published schedule), checked, with the visits done by identity. */
function visitsThatRan(
  plan: PlanContext,
  entries: readonly { entry: ExecutedVisit; where: string }[],
): { executed: HistoryVisit[]; done: Map<string, { where: string; startMs: number; endMs: number }> } {
  const { program, repeat, planned, cyclesText, repetitionAt, epochOfVisit } = plan;
  const now = plan.options.now;
  const executed: HistoryVisit[] = [];
  const done = new Map<string, { where: string; startMs: number; endMs: number }>();
  entries.forEach(({ entry, where }) => {
    const visit = visitOfRef(program, entry, `${where}.observation`);
    let cycle: number | undefined;
    if (!repeat) {
      if (entry.cycle !== undefined)
        throw new InputError(`${where}.cycle: the table is planned once, so its visits have no cycle (repeat it every cycle to give one)`);
    } else {
      cycle = entry.cycle ?? repetitionAt(entry.start);
      if (cycle === undefined) {
        throw new InputError(
          `${where}.cycle: ${visitName(visit, program)} started ${formatInstant(entry.start)}, in none of the cycles planned (${cyclesText}); give its cycle`,
        );
      }
      if (!planned.has(cycle)) throw new InputError(`${where}.cycle: cycle ${cycle} is not planned here (${cyclesText})`);
    }
    if (now !== undefined && entry.status !== 'scheduled' && entry.start >= now) {
      throw new InputError(
        `${where}.start: ${formatInstant(entry.start)} is not before now (${formatInstant(now)}); a visit that ran started before now`,
      );
    }
    if (now !== undefined && entry.status === 'scheduled' && entry.start < now) {
      throw new InputError(
        `${where}.start: ${formatInstant(entry.start)} is before now (${formatInstant(now)}); a visit still scheduled starts from now on (give it as done or failed)`,
      );
    }
    const endMs = entry.end ?? entry.start + visit.durationMs;
    const key = visitIdentity(cycle, visit);
    if (entry.status !== 'failed') {
      // Done and scheduled visits both hold their place: one of them a visit.
      const other = done.get(key);
      if (other)
        throw new InputError(`${where}: ${visitName(visit, program)}${cycleText(cycle)} is ${entry.status} twice (also ${other.where})`);
      done.set(key, { where, startMs: entry.start, endMs });
    }
    executed.push({
      visit,
      cycle,
      epoch: epochOfVisit.get(visitKey(visit))!.number,
      status: entry.status,
      published: entry.published === true,
      startMs: entry.start,
      endMs,
    });
  });
  const order = executed.map((_, index) => index).sort((a, b) => executed[a]!.startMs - executed[b]!.startMs || a - b);
  for (let q = 1; q < order.length; q += 1) {
    const a = executed[order[q - 1]!]!;
    const b = executed[order[q]!]!;
    if (b.startMs < a.endMs) {
      throw new InputError(
        `${entries[order[q]!]!.where}: ${visitName(b.visit, program)} (${formatInstant(b.startMs)} to ${formatInstant(b.endMs)}) overlaps ${entries[order[q - 1]!]!.where}, ` +
          `${visitName(a.visit, program)} (${formatInstant(a.startMs)} to ${formatInstant(a.endMs)}); one observatory runs one visit at a time`,
      );
    }
  }
  return { executed, done };
}

/** The visits of the plan of the cycles before (`continueFrom`), checked, each with its cycle. */
function carriedVisits(plan: PlanContext, previous: Schedule, notes: string[]): ScheduledVisit[] {
  const { program, span, repetitions, byKey } = plan;
  const carried: ScheduledVisit[] = [];
  if (previous.program.id !== program.id)
    throw new InputError(`continueFrom.program.id: the plan is of program ${previous.program.id}, not ${program.id}`);
  const firstCycle = repetitions[0]!.cycle!;
  const seen = new Map<string, number>();
  previous.visits.forEach((visit, index) => {
    const where = `continueFrom.visits.${index}`;
    const own = byKey.get(visitKey(visit));
    if (!own || own.target !== visit.target) {
      throw new InputError(
        `${where}.observation: observation ${visit.observation} (${visit.target}) is not that visit of program ${program.id}; a continued plan is of the same table`,
      );
    }
    // The same observation number with another template or instrument is another table (an
    // edited one): its history would be counted for visits it is not.
    for (const field of ['template', 'instrument'] as const) {
      if (own[field] !== visit[field]) {
        throw new InputError(
          `${where}.${field}: observation ${visit.observation} is "${visit[field]}" there but "${own[field]}" in program ${program.id}; a continued plan is of the same table`,
        );
      }
    }
    if (visit.endMs > span.startMs) {
      throw new InputError(
        `${where}: observation ${visit.observation} ends ${formatInstant(visit.endMs)}, after this plan's span starts (${formatInstant(span.startMs)}); the continued plan must precede it`,
      );
    }
    const cycle = visit.cycle ?? cycleAt(visit.startMs);
    if (cycle === undefined)
      throw new InputError(
        `${where}.cycle: observation ${visit.observation} starts ${formatInstant(visit.startMs)}, in no known cycle; give its cycle`,
      );
    if (cycle >= firstCycle)
      throw new InputError(`${where}.cycle: cycle ${cycle} is planned here again; a continued plan covers the cycles before ${firstCycle}`);
    if (visit.status !== 'failed') {
      const key = visitIdentity(cycle, visit);
      if (seen.has(key))
        throw new InputError(
          `${where}: observation ${visit.observation} of cycle ${cycle} appears twice (also continueFrom.visits.${seen.get(key)})`,
        );
      seen.set(key, index);
    }
    carried.push(Object.freeze({ ...visit, cycle }));
  });
  // Visits share one observatory: two that overlap are no plan that could have run, and the
  // plan made from them would fail its own check.
  const byStart = carried.map((visit, index) => ({ visit, index })).sort((a, b) => a.visit.startMs - b.visit.startMs);
  for (let i = 1; i < byStart.length; i++) {
    const before = byStart[i - 1]!;
    const here = byStart[i]!;
    if (here.visit.startMs < before.visit.endMs) {
      throw new InputError(
        `continueFrom.visits.${here.index}: observation ${here.visit.observation} (${formatInstant(here.visit.startMs)} to ${formatInstant(here.visit.endMs)}) overlaps observation ${before.visit.observation} (continueFrom.visits.${before.index}, ${formatInstant(before.visit.startMs)} to ${formatInstant(before.visit.endMs)}); a continued plan's visits must not overlap`,
      );
    }
  }
  const failed = carried.filter((visit) => visit.status === 'failed').length;
  notes.push(
    `Continues the plan of ${[...new Set(carried.map((visit) => visit.cycle))].map((cycle) => `cycle ${cycle}`).join(', ') || 'no visits'} ` +
      `(${carried.length} visits carried as history${failed > 0 ? `, ${failed} of them failed and not repeated: a cycle's repeats are planned in its own plan` : ''}); ` +
      'each target goes on from its last epoch there',
  );
  return carried;
}

/** Per lead target: the last epoch that ran (the history block) and the blocks to place, in chain order. */
function chainsOfLeads(
  plan: PlanContext,
  executed: readonly HistoryVisit[],
  done: ReadonlyMap<string, { startMs: number; endMs: number }>,
  carried: readonly ScheduledVisit[],
): { chains: ChainBlock[][]; blockOf: Map<string, { lead: number; index: number }> } {
  const { structure, byKey, epochOfVisit, repeat, repetitions } = plan;
  // The scheduled visits by (cycle, visit), to hold their epochs' blocks.
  const scheduledOf = new Map<string, HistoryVisit>();
  for (const visit of executed) if (visit.status === 'scheduled') scheduledOf.set(visitIdentity(visit.cycle, visit.visit), visit);
  const chains: ChainBlock[][] = [];
  const blockOf = new Map<string, { lead: number; index: number }>();
  // Each lead's epochs in the structure's order, grouped in one pass (not one pass per lead).
  const epochsOfLead = new Map<string, Epoch[]>(structure.leads.map((lead) => [lead, []]));
  for (const epoch of structure.epochs) epochsOfLead.get(epoch.target)?.push(epoch);
  // The carried visits (not failed) by their epoch's lead, in the plan's order.
  const carriedOfLead = new Map<string, ScheduledVisit[]>();
  for (const visit of carried) {
    if (visit.status === 'failed') continue;
    const target = epochOfVisit.get(visitKey(visit))!.target;
    const list = carriedOfLead.get(target);
    if (list) list.push(visit);
    else carriedOfLead.set(target, [visit]);
  }
  structure.leads.forEach((lead, leadIndex) => {
    const epochs = epochsOfLead.get(lead)!;
    const blocks: ChainBlock[] = [];
    let last: { startMs: number; endMs: number; epoch: Epoch; cycle: number | undefined } | undefined;
    const ran = (startMs: number, endMs: number, epoch: Epoch, cycle: number | undefined): void => {
      if (!last || startMs > last.startMs) last = { startMs, endMs, epoch, cycle };
      else if (startMs === last.startMs) last = { ...last, endMs: Math.max(last.endMs, endMs) };
    };
    for (const repetition of repetitions) {
      for (const epoch of epochs) {
        const toPlan: string[] = [];
        const held: HistoryVisit[] = [];
        let startMs = Infinity;
        let endMs = -Infinity;
        for (const key of epoch.visits) {
          const identity = visitIdentity(repetition.cycle, byKey.get(key)!);
          const scheduled = scheduledOf.get(identity);
          const run = done.get(identity);
          if (scheduled) held.push(scheduled);
          else if (run) {
            startMs = Math.min(startMs, run.startMs);
            endMs = Math.max(endMs, run.endMs);
          } else toPlan.push(key);
        }
        if (startMs < Infinity) ran(startMs, endMs, epoch, repetition.cycle);
        if (held.length > 0) blocks.push(heldBlock(epoch, repetition, held, repeat));
        if (toPlan.length === 0) continue;
        const visits = toPlan.map((key) => byKey.get(key)!);
        blocks.push({
          epoch,
          cycle: repetition.cycle,
          visits: toPlan,
          durationMs: blockDurationMs(visits.map((visit) => visit.durationMs)),
          targets: [...new Set(visits.map((visit) => visit.target))],
          within: repeat ? repetition.span : undefined,
          fixedStartMs: undefined,
          history: false,
        });
      }
    }
    // Carried epochs: the visits of the continued plan by (cycle, epoch), not failed.
    const carriedEpochs = new Map<string, { startMs: number; endMs: number; epoch: Epoch; cycle: number | undefined }>();
    for (const visit of carriedOfLead.get(lead) ?? []) {
      const epoch = epochOfVisit.get(visitKey(visit))!;
      const key = `${visit.cycle}#${visit.epoch}`;
      const known = carriedEpochs.get(key);
      carriedEpochs.set(key, {
        startMs: Math.min(known?.startMs ?? Infinity, visit.startMs),
        endMs: Math.max(known?.endMs ?? -Infinity, visit.endMs),
        epoch,
        cycle: visit.cycle,
      });
    }
    for (const entry of carriedEpochs.values()) ran(entry.startMs, entry.endMs, entry.epoch, entry.cycle);
    if (last) {
      // The history block: the last epoch that ran, first in the chain.
      blocks.unshift({
        epoch: last.epoch,
        cycle: last.cycle,
        visits: [],
        durationMs: last.endMs - last.startMs,
        targets: [lead],
        within: undefined,
        fixedStartMs: last.startMs,
        history: true,
      });
    }
    blocks.forEach((block, index) => {
      for (const key of block.visits) blockOf.set(visitIdentity(block.cycle, byKey.get(key)!), { lead: leadIndex, index });
    });
    chains.push(blocks);
  });
  return { chains, blockOf };
}

/** Fix the block of each pinned visit (`cadence.fixed`) where the pin puts it. */
function pinBlocks(
  plan: PlanContext,
  pins: readonly PinnedVisit[],
  timeline: {
    chains: ChainBlock[][];
    blockOf: ReadonlyMap<string, { lead: number; index: number }>;
    done: ReadonlyMap<string, unknown>;
    notBeforeMs: number | undefined;
  },
): void {
  const { program, span, byKey, repeat, cyclesText, repetitionAt } = plan;
  const { chains, blockOf, done, notBeforeMs } = timeline;
  const now = plan.options.now;
  pins.forEach((pin, index) => {
    const where = `cadence.fixed.${index}`;
    const visit = visitOfRef(program, pin, `${where}.observation`);
    const name = visitName(visit, program);
    const cycle = repetitionAt(pin.startMs);
    if (repeat && cycle === undefined)
      throw new InputError(`${where}.start: ${formatInstant(pin.startMs)} is in none of the cycles planned (${cyclesText})`);
    if (done.has(visitIdentity(cycle, visit))) {
      throw new InputError(`${where}: ${name}${cycleText(cycle)} ran already (it is executed); a pin is for a visit still to run`);
    }
    if (notBeforeMs !== undefined && pin.startMs < notBeforeMs) {
      throw new InputError(
        `${where}.start: ${formatInstant(pin.startMs)} is before ${now !== undefined && notBeforeMs === now ? 'now' : 'the end of the last visit that ran'} (${formatInstant(notBeforeMs)}); nothing is placed in the past: give visits that ran as executed`,
      );
    }
    const at = blockOf.get(visitIdentity(cycle, visit))!;
    const block = chains[at.lead]![at.index]!;
    let offset = 0;
    for (const key of block.visits) {
      if (key === visitKey(visit)) break;
      offset += byKey.get(key)!.durationMs + VISIT_GAP_MS;
    }
    const start = pin.startMs - offset;
    const inside = block.within ?? span;
    if (start < Math.max(span.startMs, inside.startMs) || start + block.durationMs > Math.min(span.endMs, inside.endMs)) {
      throw new InputError(
        `${where}.start: ${name} at ${formatInstant(pin.startMs)} puts its epoch block ` +
          `(${formatInstant(start)} to ${formatInstant(start + block.durationMs)}) partly outside the ${block.within ? `cycle ${block.cycle}` : 'span'}`,
      );
    }
    if (block.fixedStartMs !== undefined && block.fixedStartMs !== start) {
      throw new InputError(
        `${where}: ${name} disagrees with another fixed visit of epoch ${block.epoch.number} of ${block.epoch.target}; an epoch's visits run one after the other, ${VISIT_GAP_MS / 1000} s apart`,
      );
    }
    chains[at.lead]![at.index] = { ...block, fixedStartMs: start };
  });
}

/** The note on what ran: visits done, failed and held, the epochs placed again, and from when. */
function historyNote(
  plan: PlanContext,
  executed: readonly HistoryVisit[],
  done: ReadonlyMap<string, unknown>,
  chains: readonly (readonly ChainBlock[])[],
  notBeforeMs: number | undefined,
): string {
  const { epochOfVisit } = plan;
  const now = plan.options.now;
  const heldCount = chains.flat().filter((block) => block.held !== undefined).length;
  const doneCount = executed.filter((visit) => visit.status === 'done').length;
  const scheduledCount = executed.filter((visit) => visit.status === 'scheduled').length;
  const failed = executed.filter((visit) => visit.status === 'failed');
  const repeated = failed.filter((visit) => !done.has(visitIdentity(visit.cycle, visit.visit)));
  const epochsRepeated = [
    ...new Set(
      repeated.map((visit) => `epoch ${visit.epoch}${cycleText(visit.cycle)} of ${epochOfVisit.get(visitKey(visit.visit))!.target}`),
    ),
  ];
  return (
    `${doneCount} visit${doneCount === 1 ? '' : 's'} done, ${failed.length} failed` +
    (scheduledCount > 0
      ? `, ${scheduledCount} scheduled (held where the published schedule places them: ${heldCount} epoch block${heldCount === 1 ? '' : 's'}, the time around them planned)`
      : '') +
    (epochsRepeated.length > 0 ? ` (placed again: the visits of ${epochsRepeated.join(', ')} that are not done)` : '') +
    (notBeforeMs !== undefined
      ? `; nothing placed before ${formatInstant(notBeforeMs)}${now !== undefined && notBeforeMs === now ? ' (now)' : ' (the end of the last visit that ran)'}`
      : '')
  );
}

/**
 * The block of an epoch's scheduled visits: fixed where the published schedule places them,
 * from the first start to the last end, so it occupies the timeline and keeps its place in
 * its chain while the free time around it is planned. Its visits are the plan's history
 * (`executed`), so the block places none.
 */
function heldBlock(epoch: Epoch, repetition: Repetition, held: readonly HistoryVisit[], repeat: boolean): ChainBlock {
  const ordered = [...held].sort((a, b) => a.startMs - b.startMs);
  const startMs = ordered[0]!.startMs;
  const endMs = Math.max(...ordered.map((visit) => visit.endMs));
  return {
    epoch,
    cycle: repetition.cycle,
    visits: [],
    durationMs: endMs - startMs,
    targets: [...new Set(ordered.map((visit) => visit.visit.target))],
    within: repeat ? repetition.span : undefined,
    fixedStartMs: startMs,
    history: false,
    held: `scheduled ${formatInstant(startMs)}`,
  };
}

/**
 * The visits of a published observing schedule as visits that ran (done, before now; all of
 * them without now) or are scheduled (from now on), matched to the table's row of the same
 * observation and visit number; each named by its file and line for messages. Visits of observations the table lacks
 * go to the notes; a visit whose target is not the table's for that observation is refused
 * (the table's numbers are then not APT's).
 */
function observedEntries(
  observed: z.output<typeof ObservedScheduleSchema>,
  program: Program,
  now: number | undefined,
  notes: string[],
): { entry: ExecutedVisit; where: string }[] {
  if (String(observed.program) !== String(program.id)) {
    throw new InputError(
      `observed.program: the published schedule is of program ${observed.program}, not ${program.id}; read it for program ${program.id}`,
    );
  }
  const byKey = new Map(program.visits.map((visit) => [visitKey(visit), visit]));
  const lacking: string[] = [];
  const entries: { entry: ExecutedVisit; where: string }[] = [];
  observed.visits.forEach((published, index) => {
    const visit = published as unknown as PublishedVisit;
    const where =
      visit.source !== undefined && visit.line !== undefined ? `observed ${visit.source} line ${visit.line}` : `observed.visits.${index}`;
    // The table's row of the same observation and visit number (visit 1 when the report gives none).
    const own = byKey.get(visitKey(visit));
    if (!own) {
      lacking.push(`${visit.visitId} (${visit.target}, ${visit.template}, ${formatInstant(visit.startMs)})`);
      return;
    }
    if (keyOf(own.target) !== keyOf(visit.target)) {
      throw new InputError(
        `${where}: ${visit.visitId} observes ${visit.target}, but ${visitName(own, program)} of the table (line ${own.line}) is ${own.label} on ${own.target}; ` +
          "the table's observation numbers must be APT's, as the published schedule gives them",
      );
    }
    const scheduled = now !== undefined && visit.startMs >= now;
    entries.push({
      entry: {
        observation: own.observation,
        visit: own.visit,
        start: visit.startMs,
        end: visit.startMs + visit.durationMs,
        status: scheduled ? 'scheduled' : 'done',
        published: true,
      } as ExecutedVisit,
      where,
    });
  });
  for (const note of observed.notes ?? []) notes.push(`Published schedule: ${note}`);
  if (lacking.length > 0) {
    notes.push(
      `The published schedule lists ${lacking.length} visit${lacking.length === 1 ? '' : 's'} of observations the table lacks, not in this plan: ${lacking.join(', ')}`,
    );
  }
  return entries;
}
