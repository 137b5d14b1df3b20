/**
 * Epochs as the outputs see them: a schedule's visits grouped by target and epoch number, and
 * into the back-to-back blocks the observatory runs, in time order.
 * @module
 */
import { type Schedule, type ScheduledVisit, type ScheduleWindow, visitIdentity } from '../cadence/schedule.js';
import { formatVisitId } from '../program/program.js';
import { BACKGROUND_SUFFIX } from '../program/structure.js';
import { MAX_VISIT_GAP_MS } from '../program/templates.js';

/**
 * The visits of one target at one epoch, sorted by start (ties by observation number).
 *
 * @example
 * ```ts
 * const first: Epoch = epochsOf(schedule, 'HD163466')[0]!;
 * ```
 */
export interface Epoch {
  readonly target: string;
  readonly epoch: number;
  /** The repetition of the table the epoch belongs to, when the table repeats every cycle. */
  readonly cycle?: number;
  /** Start of the earliest visit of the epoch. */
  readonly startMs: number;
  readonly visits: readonly ScheduledVisit[];
}

/**
 * The schedule's targets, in order of first appearance: the keys of `windows`, then targets
 * that only appear in visits, then targets that only appear among the unscheduled or the
 * missed dates.
 *
 * @example
 * ```ts
 * targetsOf(schedule); // ['BD+60-1753', 'HD163466']
 * ```
 */
export function targetsOf(schedule: Schedule): readonly string[] {
  const names = [
    ...Object.keys(schedule.windows),
    ...schedule.visits.map((visit) => visit.target),
    ...schedule.unscheduled.map((visit) => visit.target),
    ...(schedule.missedDates ?? []).map((missed) => missed.target),
  ];
  return [...new Set(names)];
}

/**
 * A target's windows in a schedule: its own entry of `windows` (a name such as `toString` is a
 * name like any other, never a property every object has), or none.
 *
 * @example
 * ```ts
 * windowsOf(schedule, 'HD163466').length; // 2
 * ```
 */
export function windowsOf(schedule: Schedule, target: string): readonly ScheduleWindow[] {
  return Object.hasOwn(schedule.windows, target) ? schedule.windows[target]! : [];
}

/**
 * The epochs of one target, in time order: its visits grouped by cycle and epoch number.
 * Failed visits observed nothing and are left out, as the gap report leaves them out (their
 * epoch's repeat is the epoch).
 *
 * @param schedule - the schedule.
 * @param target - the target's name, as in the visits.
 * @example
 * ```ts
 * epochsOf(schedule, 'BD+60-1753').map((epoch) => epoch.visits.length); // e.g. [5, 5, 2]
 * ```
 */
export function epochsOf(schedule: Schedule, target: string): readonly Epoch[] {
  const byEpoch = new Map<string, ScheduledVisit[]>();
  for (const visit of schedule.visits) {
    if (visit.target !== target || visit.status === 'failed') continue;
    const key = `${visit.cycle ?? ''}#${visit.epoch}`;
    const list = byEpoch.get(key) ?? [];
    list.push(visit);
    byEpoch.set(key, list);
  }
  return [...byEpoch.values()]
    .map((visits): Epoch => {
      const sorted = [...visits].sort((a, b) => a.startMs - b.startMs || a.observation - b.observation || (a.visit ?? 1) - (b.visit ?? 1));
      const first = sorted[0]!;
      return {
        target,
        epoch: first.epoch,
        ...(first.cycle === undefined ? {} : { cycle: first.cycle }),
        startMs: first.startMs,
        visits: sorted,
      };
    })
    .sort((a, b) => a.startMs - b.startMs || a.epoch - b.epoch);
}

/** One epoch block: visits of one epoch that run one after the other, led by its first visit's target. */
export interface Block {
  readonly target: string;
  readonly epoch: number;
  readonly visits: readonly ScheduledVisit[];
}

/**
 * Group visits into blocks of one epoch, in time order: what the observatory runs in one go (a
 * target's visits, then its linked background pointings), each visit starting at most
 * `MAX_VISIT_GAP_MS` after the one before ends.
 *
 * @example
 * ```ts
 * blocksOf(schedule.visits).length; // 25 for program 1539 in Cycle 1
 * ```
 */
export function blocksOf(visits: readonly ScheduledVisit[]): Block[] {
  const sorted = [...visits].sort((a, b) => a.startMs - b.startMs || a.observation - b.observation || (a.visit ?? 1) - (b.visit ?? 1));
  const blocks: Array<{ target: string; epoch: number; visits: ScheduledVisit[] }> = [];
  for (const visit of sorted) {
    const last = blocks[blocks.length - 1];
    const previous = last?.visits[last.visits.length - 1];
    // A block holds one target's visits, then any linked background pointings (`<target>-BKG`).
    const sameBlock = last !== undefined && (visit.target === last.target || visit.target === `${last.target}${BACKGROUND_SUFFIX}`);
    // Planned visits run the gap between visits apart; visits from a published schedule run
    // minutes apart in one block: their epoch joins them.
    const adjoining =
      previous !== undefined &&
      ((visit.startMs >= previous.endMs && visit.startMs - previous.endMs <= MAX_VISIT_GAP_MS) ||
        (previous.published === true && visit.published === true));
    if (last && previous && sameBlock && adjoining && previous.epoch === visit.epoch) last.visits.push(visit);
    else blocks.push({ target: visit.target, epoch: visit.epoch, visits: [visit] });
  }
  return blocks;
}

/**
 * Where failed visits were placed again: each planned visit by its identity (`visitIdentity`:
 * cycle and observation), which a failed visit shares with its repeat.
 *
 * @example
 * ```ts
 * const repeats = repeatsOf(schedule);
 * repeats.get(visitIdentity(failed.cycle, failed))?.startMs; // the repeat's start, or undefined
 * ```
 */
export function repeatsOf(schedule: Schedule): ReadonlyMap<string, ScheduledVisit> {
  const repeats = new Map<string, ScheduledVisit>();
  for (const visit of schedule.visits) {
    const key = visitIdentity(visit.cycle, visit);
    if ((visit.status ?? 'planned') === 'planned' && !repeats.has(key)) repeats.set(key, visit);
  }
  return repeats;
}

/** Whether the schedule's windows say which model made their edges (and the margin kept from each). */
export function hasEdges(schedule: Schedule): boolean {
  return Object.values(schedule.windows).some((windows) => windows.some((w) => w.startEdge !== undefined || w.endEdge !== undefined));
}

/**
 * What a schedule's observation numbers are, in words, for the outputs' headers: APT's (and
 * the visits named as STScI names them), or the rows of the program's table.
 *
 * @example
 * ```ts
 * numberingText(schedule); // "observation numbers are the table's row numbers (it gives no APT numbers)"
 * ```
 */
export function numberingText(schedule: Schedule): string {
  return (schedule.program.numbering ?? 'row') === 'apt'
    ? `observation numbers are APT's; a visit is program:observation:visit, as STScI names it (${formatVisitId(schedule.program.id, schedule.visits[0] ?? { observation: 1 })})`
    : "observation numbers are the table's row numbers (it gives no APT numbers)";
}

/** How a table cell names a visit: its id (`1539:9:1`) when the numbers are APT's, else its row number. */
export function visitLabel(schedule: Schedule, visit: { readonly observation: number; readonly visit?: number | undefined }): string {
  return (schedule.program.numbering ?? 'row') === 'apt' ? formatVisitId(schedule.program.id, visit) : String(visit.observation);
}

/** Per schedule, the observations that have several visits in it (planned, history or unscheduled). */
const severalCache = new WeakMap<Schedule, ReadonlySet<number>>();

/**
 * How text names a visit's observation: `9`, or `9 visit 2` when the schedule holds several
 * visits of observation 9, so that each visit's name is its own.
 *
 * @example
 * ```ts
 * observationText(schedule, schedule.visits[0]!); // '1' for the built-in program
 * ```
 */
export function observationText(schedule: Schedule, visit: { readonly observation: number; readonly visit?: number | undefined }): string {
  let several = severalCache.get(schedule);
  if (!several) {
    const numbers = new Map<number, Set<number>>();
    for (const other of [...schedule.visits, ...schedule.unscheduled]) {
      const set = numbers.get(other.observation) ?? new Set<number>();
      set.add(other.visit ?? 1);
      numbers.set(other.observation, set);
    }
    several = new Set([...numbers].filter(([, set]) => set.size > 1).map(([observation]) => observation));
    severalCache.set(schedule, several);
  }
  return several.has(visit.observation) ? `${visit.observation} visit ${visit.visit ?? 1}` : `${visit.observation}`;
}
