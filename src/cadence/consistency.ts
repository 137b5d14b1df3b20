/**
 * A plan's consistency: the rules a schedule keeps so that its gaps mean something. Checked
 * in one pass over the visits (plus a sort only when they are out of order, which is itself
 * a broken rule), with Maps keyed by the user's strings, so target names such as `toString`
 * or `__proto__` are names like any other.
 *
 * Plans that operations produce stay valid: visits with a status (`done` and `failed` ones
 * ran, so they take observatory time, may lie before the span or outside a window, which is
 * reported, not refused), a table repeated over several cycles (a visit is identified by
 * its cycle and its observation number), and the plan of earlier cycles carried as history.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { firstStartingAfter } from '../sorted.js';
import { formatInstant } from '../time/instant.js';
import { NonEmptyString } from '../validation.js';
import { type Schedule, type ScheduledVisit, type TimeInterval, visitIdentity } from './schedule.js';
import { PlanShapeSchema } from './schedule-schema.js';

/** The arguments of {@link checkPlan} and {@link assertConsistentPlan}: a plan's shape (its rules judge the rest). */
export const PlanArguments = z.object({ schedule: PlanShapeSchema });
export const AssertArguments = z.object({ schedule: PlanShapeSchema, source: NonEmptyString });

/**
 * The rules of a plan, by name:
 * - `intervals`: every visit and window has finite instants and ends no earlier than it starts.
 * - `sorted`: visits are sorted by start; each target's windows are sorted and disjoint.
 * - `status`: a visit's status, when given, is `planned`, `done` or `failed`.
 * - `unique-observation`: (cycle, observation) is unique among visits that are not `failed`,
 *   and among unscheduled visits.
 * - `placed-or-unscheduled`: a visit is placed (and not failed) or unscheduled, not both.
 * - `no-overlap`: no two visits share observatory time, whatever their status (done and failed
 *   visits ran too).
 * - `inside-span`: planned visits lie inside the span. The visits of an earlier cycle's plan
 *   that a plan continues (a visit with a cycle that ends before the span) are history there,
 *   like the visits that ran: outside the span is a note.
 * - `inside-window`: planned visits lie inside one visibility window of their target (the same
 *   exception: a continued plan's visits were judged by that plan's windows).
 * - `known-target`: every visit's target (placed, unscheduled or in a missed date) has windows
 *   in the plan, so its gaps can be judged.
 * - `epoch-order`: within a series and a cycle, planned visits take epoch numbers in time order.
 */
export type PlanRule =
  | 'intervals'
  | 'sorted'
  | 'status'
  | 'unique-observation'
  | 'placed-or-unscheduled'
  | 'no-overlap'
  | 'inside-span'
  | 'inside-window'
  | 'known-target'
  | 'epoch-order';

/** One finding: the rule, the visits it concerns (by their path in the plan) and what is wrong. */
export interface PlanFinding {
  readonly rule: PlanRule;
  /** Paths of the visits concerned, e.g. `visits.12`, `unscheduled.3`. */
  readonly visits: readonly string[];
  /** The finding in words, starting with the visits' paths and observation numbers. */
  readonly message: string;
}

/** The verdict on a plan: broken rules (the plan is refused) and history that is only reported. */
export interface PlanCheck {
  readonly problems: readonly PlanFinding[];
  /** Done or failed visits outside the span or outside every window of their target. */
  readonly notes: readonly PlanFinding[];
}

/** How many problems an error message lists before it says how many more there are. */
const LISTED_PROBLEMS = 20;

const STATUSES = new Set(['planned', 'done', 'failed']);

/** `visits.12 (observation 13, cycle 2)`, `(observation 9 visit 2)`: a visit by its path and its identity. */
function named(path: string, visit: { observation: number; visit?: number | undefined; cycle?: number | undefined }): string {
  const number = (visit.visit ?? 1) === 1 ? '' : ` visit ${visit.visit}`;
  return `${path} (observation ${visit.observation}${number}${visit.cycle === undefined ? '' : `, cycle ${visit.cycle}`})`;
}

/** The instants of a visit, for messages. */
function when(visit: ScheduledVisit): string {
  return `${formatInstant(visit.startMs)} to ${formatInstant(visit.endMs)}`;
}

/** Index of the last window starting at or before `ms` in sorted windows, or -1. */
function windowAtOrBefore(windows: readonly TimeInterval[], ms: number): number {
  return firstStartingAfter(windows, ms) - 1;
}

/** The largest distance from 1970 of an instant a Date holds, ms: beyond it a number is no instant. */
const MAX_INSTANT_MS = 8.64e15;
const isInstant = (ms: number): boolean => Math.abs(ms) <= MAX_INSTANT_MS; // NaN fails too

const finiteInterval = (interval: TimeInterval): boolean =>
  isInstant(interval.startMs) && isInstant(interval.endMs) && interval.endMs >= interval.startMs;

/**
 * Check a plan against the rules of {@link PlanRule}. Linear in the plan's size (visits, windows,
 * unscheduled visits) when its visits are sorted, as the schedule record promises.
 *
 * @example
 * ```ts
 * const { problems, notes } = checkPlan(schedule);
 * for (const problem of problems) console.error(problem.rule, problem.message);
 * ```
 */
export function checkPlan(schedule: Schedule): PlanCheck {
  const checker = new PlanChecker(schedule);
  schedule.visits.forEach((visit, index) => {
    checker.visit(visit, index);
  });
  checker.overlapsFound();
  schedule.unscheduled.forEach((visit, index) => {
    checker.unscheduledVisit(visit, index);
  });
  (schedule.missedDates ?? []).forEach((missed, index) => {
    if (!checker.windows.has(missed.target)) {
      checker.problem('known-target', [], `missedDates.${index}: target ${JSON.stringify(missed.target)} has no windows in the plan`);
    }
  });
  return Object.freeze({ problems: Object.freeze(checker.problems), notes: Object.freeze(checker.notes) });
}

/** The check of one plan: what it found so far, and what the rules need to remember from visit to visit. */
class PlanChecker {
  readonly problems: PlanFinding[] = [];
  readonly notes: PlanFinding[] = [];
  /** Windows by target: a Map, so any name is a key like any other. */
  readonly windows: Map<string, readonly TimeInterval[]>;
  /** Per target, whether its windows are finite, sorted and disjoint (so a visit can be checked against them). */
  private readonly usable = new Map<string, boolean>();
  /** The visit placed for each (cycle, observation), by path. */
  private readonly placed = new Map<string, string>();
  private readonly unscheduled = new Map<string, string>();
  /** Per series (of a cycle), the latest epoch met and its visit's path. */
  private readonly epochOrder = new Map<string, { epoch: number; path: string }>();
  /** The visit that ends last among those met. */
  private latest: { visit: ScheduledVisit; path: string } | undefined;
  /** Whether the visits met are sorted by start. */
  private sorted = true;
  /** Overlaps found while the visits are sorted, reported once the order is known. */
  private readonly overlaps: Array<[string[], string]> = [];

  constructor(private readonly schedule: Schedule) {
    this.windows = new Map<string, readonly TimeInterval[]>(Object.entries(schedule.windows));
    for (const [target, list] of this.windows) this.usable.set(target, this.windowsUsable(target, list));
  }

  problem(rule: PlanRule, visits: string[], message: string): void {
    this.problems.push(Object.freeze({ rule, visits: Object.freeze(visits), message }));
  }

  note(rule: PlanRule, visits: string[], message: string): void {
    this.notes.push(Object.freeze({ rule, visits: Object.freeze(visits), message }));
  }

  /** Whether a target's windows are finite, sorted and disjoint; each one that is not is a problem. */
  private windowsUsable(target: string, list: readonly TimeInterval[]): boolean {
    let ok = true;
    list.forEach((window, index) => {
      if (!finiteInterval(window) || window.endMs === window.startMs) {
        this.problem('intervals', [], `windows.${target}.${index}: a window needs finite instants and an end after its start`);
        ok = false;
      } else if (index > 0 && window.startMs < list[index - 1]!.endMs) {
        this.problem(
          'sorted',
          [],
          `windows.${target}.${index}: windows must be sorted and disjoint; this one starts before windows.${target}.${index - 1} ends`,
        );
        ok = false;
      }
    });
    return ok;
  }

  /** Whether the plan has windows for a visit's target; a problem when not. */
  private knownTarget(target: string, path: string, visit: { observation: number; cycle?: number | undefined }): boolean {
    if (this.windows.has(target)) return true;
    const names = [...this.windows.keys()];
    const listed =
      names.length === 0
        ? 'none'
        : `${names
            .slice(0, 10)
            .map((name) => JSON.stringify(name))
            .join(', ')}${names.length > 10 ? `, and ${names.length - 10} more` : ''}`;
    this.problem(
      'known-target',
      [path],
      `${named(path, visit)}: target ${JSON.stringify(target)} has no windows in the plan (targets with windows: ${listed})`,
    );
    return false;
  }

  /** The rules of one placed visit, in plan order. */
  visit(visit: ScheduledVisit, index: number): void {
    const path = `visits.${index}`;
    if (!finiteInterval(visit)) {
      this.problem('intervals', [path], `${named(path, visit)}: needs finite instants and an end no earlier than its start`);
      return;
    }
    const previous = this.schedule.visits[index - 1];
    if (previous !== undefined && visit.startMs < previous.startMs) {
      this.sorted = false;
      this.problem(
        'sorted',
        [path, `visits.${index - 1}`],
        `${named(path, visit)}: visits must be sorted by start; this one starts before visits.${index - 1}`,
      );
    }
    const status = visit.status ?? 'planned';
    if (!STATUSES.has(status)) {
      this.problem('status', [path], `${named(path, visit)}: status ${JSON.stringify(status)} is not one of planned, done, failed`);
      return;
    }
    if (status !== 'failed') this.uniquePlaced(visit, path);
    // Overlap with the visit that ends last among those before (sorted plans: all of them).
    const latest = this.latest;
    if (this.sorted && latest !== undefined && visit.startMs < latest.visit.endMs && visit.endMs > latest.visit.startMs) {
      this.overlaps.push([
        [latest.path, path],
        `${named(path, visit)} (${when(visit)}) overlaps ${named(latest.path, latest.visit)} (${when(latest.visit)})`,
      ]);
    }
    if (latest === undefined || visit.endMs > latest.visit.endMs) this.latest = { visit, path };
    this.placeRules(visit, path, status);
  }

  /** A visit that is not failed is the only one of its (cycle, observation). */
  private uniquePlaced(visit: ScheduledVisit, path: string): void {
    const key = visitIdentity(visit.cycle, visit);
    const other = this.placed.get(key);
    if (other !== undefined) {
      this.problem(
        'unique-observation',
        [other, path],
        `${named(path, visit)}: the same visit as ${other}; (cycle, observation, visit) is unique among visits that are not failed`,
      );
    } else this.placed.set(key, path);
  }

  /** Inside the span, inside a window of its target, and (for visits planned now) in epoch order. */
  private placeRules(visit: ScheduledVisit, path: string, status: string): void {
    const { span } = this.schedule;
    // History: visits that ran, and the visits of an earlier cycle's plan that this plan continues
    // (a repeated table's visit, with its cycle, that ends before the span: planned in that plan).
    const continued = status === 'planned' && visit.cycle !== undefined && visit.endMs <= span.startMs;
    const history = status !== 'planned' || continued;
    const report = (rule: PlanRule, visits: string[], message: string): void =>
      history ? this.note(rule, visits, message) : this.problem(rule, visits, message);
    const what = continued ? `planned visit of cycle ${visit.cycle} (a plan continued here)` : `${status} visit`;
    if (visit.startMs < span.startMs || visit.endMs > span.endMs) {
      report(
        'inside-span',
        [path],
        `${named(path, visit)}: ${what} ${when(visit)} lies outside the span (${formatInstant(span.startMs)} to ${formatInstant(span.endMs)})`,
      );
    }
    if (this.knownTarget(visit.target, path, visit) && this.usable.get(visit.target)) {
      const list = this.windows.get(visit.target)!;
      const window = list[windowAtOrBefore(list, visit.startMs)];
      if (window === undefined || visit.endMs > window.endMs) {
        report(
          'inside-window',
          [path],
          `${named(path, visit)}: ${what} ${when(visit)} lies outside every window of ${JSON.stringify(visit.target)}`,
        );
      }
    }
    if (!history) this.epochInOrder(visit, path);
  }

  /** A visit planned now comes after the epochs of its series before it. */
  private epochInOrder(visit: ScheduledVisit, path: string): void {
    const key = `${visit.cycle ?? ''}#${visit.series}`;
    const before = this.epochOrder.get(key);
    if (before !== undefined && visit.epoch < before.epoch) {
      this.problem(
        'epoch-order',
        [before.path, path],
        `${named(path, visit)}: epoch ${visit.epoch} of series ${JSON.stringify(visit.series)} starts after epoch ${before.epoch} (${before.path}); epochs are numbered in time order`,
      );
    }
    if (before === undefined || visit.epoch > before.epoch) this.epochOrder.set(key, { epoch: visit.epoch, path });
  }

  /** The overlaps: those found in a sorted plan, or, in an unsorted one, on a sorted copy (the order was already reported). */
  overlapsFound(): void {
    if (this.sorted) {
      for (const [paths, message] of this.overlaps) this.problem('no-overlap', paths, message);
      return;
    }
    const visits = this.schedule.visits;
    const order = visits.map((_, index) => index).filter((index) => finiteInterval(visits[index]!));
    order.sort((a, b) => visits[a]!.startMs - visits[b]!.startMs);
    let last: number | undefined;
    for (const index of order) {
      const visit = visits[index]!;
      const before = last === undefined ? undefined : visits[last]!;
      if (before !== undefined && visit.startMs < before.endMs && visit.endMs > before.startMs) {
        this.problem(
          'no-overlap',
          [`visits.${last}`, `visits.${index}`],
          `${named(`visits.${index}`, visit)} (${when(visit)}) overlaps ${named(`visits.${last}`, before)} (${when(before)})`,
        );
      }
      if (before === undefined || visit.endMs > before.endMs) last = index;
    }
  }

  /** An unscheduled visit is not placed too, is listed once, and names a target with windows. */
  unscheduledVisit(visit: Schedule['unscheduled'][number], index: number): void {
    const path = `unscheduled.${index}`;
    const key = visitIdentity(visit.cycle, visit);
    const placedAt = this.placed.get(key);
    if (placedAt !== undefined) {
      this.problem(
        'placed-or-unscheduled',
        [placedAt, path],
        `${named(path, visit)}: also placed as ${placedAt}; a visit is placed or unscheduled, not both`,
      );
    }
    const other = this.unscheduled.get(key);
    if (other !== undefined) {
      this.problem('unique-observation', [other, path], `${named(path, visit)}: the same observation as ${other}`);
    } else this.unscheduled.set(key, path);
    this.knownTarget(visit.target, path, visit);
  }
}

/**
 * Check a plan and throw one InputError listing its broken rules (the first 20, then how many
 * more), each line `<source>: <rule>: <visits>: <what>`. Returns the notes otherwise.
 *
 * @example
 * ```ts
 * const notes = assertConsistentPlan(schedule, 'plan.json'); // throws when a rule is broken
 * ```
 */
export function assertConsistentPlan(schedule: Schedule, source = 'schedule'): readonly PlanFinding[] {
  const { problems, notes } = checkPlan(schedule);
  if (problems.length > 0) {
    const lines = problems.slice(0, LISTED_PROBLEMS).map((finding) => `${source}: ${finding.rule}: ${finding.message}`);
    if (problems.length > LISTED_PROBLEMS) lines.push(`${source}: and ${problems.length - LISTED_PROBLEMS} more broken rules`);
    throw new InputError(lines.join('\n'));
  }
  return notes;
}
