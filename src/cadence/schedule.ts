/**
 * The schedule: what the cadence scheduler returns and what every output reads.
 * Instants are epoch milliseconds (UTC); outputs turn them into ISO-8601 text.
 * @module
 */
import type { Span } from '../time/instant.js';

/** A time interval [startMs, endMs) in epoch milliseconds (UTC). */
export interface TimeInterval {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Where a visit stands: `planned` (placed by the scheduler; the default when absent), `done`
 * (executed: it stays where it ran, counts in the gaps, and may lie outside a window or before
 * the span, which is reported, not refused), `failed` (it ran but must be repeated: it stays
 * in the plan as history and its epoch is planned again).
 */
export type VisitStatus = 'planned' | 'done' | 'failed';

/** The V3 position angle of a visit, degrees east of north. */
export interface VisitV3Pa {
  /** Nominal V3PA at the visit's start, in [0, 360). */
  readonly nominalDeg: number;
  /**
   * The range reachable by off-nominal roll throughout the visit: it runs eastward from
   * `minDeg` to `maxDeg`, through 360/0 when `maxDeg < minDeg`.
   */
  readonly minDeg: number;
  readonly maxDeg: number;
}

/**
 * How far a placed epoch could move with every other epoch fixed, keeping windows, margin,
 * the observatory timeline and the gap bounds: the earliest and latest start of this visit.
 */
export interface VisitSlack {
  readonly earliestMs: number;
  readonly latestMs: number;
}

/** One visit placed on the observatory timeline. */
export interface ScheduledVisit {
  /**
   * Observation number: the row of the program's observations table, 1-based. With `cycle`,
   * it identifies the visit: (cycle, observation) is unique among visits that are not failed.
   */
  readonly observation: number;
  /**
   * The repetition of the observations table the visit belongs to, when a program's table is
   * repeated every cycle: the cycle's number. Absent when the table is planned once.
   */
  readonly cycle?: number;
  /** Where the visit stands (absent means `planned`). */
  readonly status?: VisitStatus;
  readonly label: string;
  readonly template: string;
  readonly instrument: string;
  readonly target: string;
  /** Series id, e.g. `BD+60-1753 / NIRCam Imaging`. */
  readonly series: string;
  /** Epoch number within the target, 1-based. */
  readonly epoch: number;
  readonly startMs: number;
  readonly endMs: number;
  /**
   * The visibility window of the visit's target that contains the visit. For a `done` visit
   * that lies outside every window, the visit's own interval (and the schedule's notes say so).
   */
  readonly window: TimeInterval;
  /** The V3 position angle at the visit (set when the scheduler knows the target's sky position). */
  readonly v3pa?: VisitV3Pa;
  /** How far the visit's epoch may move (set by the scheduler for planned visits). */
  readonly slack?: VisitSlack;
}

/** A visit the scheduler could not place, with the reason in words. */
export interface UnscheduledVisit {
  readonly observation: number;
  /** As {@link ScheduledVisit.cycle}. */
  readonly cycle?: number;
  readonly label: string;
  readonly target: string;
  readonly series: string;
  readonly epoch: number;
  readonly reason: string;
  /**
   * When other targets' visits took the time the visit's epoch needed: those lead targets
   * (their visits sit where the epoch would go with the timeline to itself).
   */
  readonly displacedBy?: readonly string[];
}

/**
 * An ideal date of the `period` cadence that no epoch of a target took, with the reason in
 * words and the nearest start where the target's next epoch could have gone instead.
 */
export interface MissedDate {
  /** The lead target whose cadence the date belongs to. */
  readonly target: string;
  readonly idealMs: number;
  readonly reason: string;
  /** The nearest instant where an epoch block of the target fits, if any in the span. */
  readonly nearestStartMs?: number;
  /** When every start near the date was taken by other targets' visits: those lead targets. */
  readonly displacedBy?: readonly string[];
}

/** A schedule for one program over one span. */
export interface Schedule {
  readonly program: { readonly id: string; readonly title: string };
  readonly span: Span;
  readonly mode: 'spread' | 'period';
  /** Placed visits, sorted by start. */
  readonly visits: readonly ScheduledVisit[];
  readonly unscheduled: readonly UnscheduledVisit[];
  /** The visibility windows used, per target name, each list sorted and disjoint. */
  readonly windows: Readonly<Record<string, readonly TimeInterval[]>>;
  /**
   * The objective reached, per lead target (always set by the scheduler; optional so that
   * hand-made schedules need not carry it). `spread`: the gap vector sorted in decreasing
   * order, boundary gaps doubled, and the largest gap between epochs, in ms. `period`: the
   * largest and the squared deviations from the ideal dates.
   */
  readonly objective?: Readonly<Record<string, ScheduleObjective>>;
  /** Grid step the starts were chosen on, ms (set by the scheduler). */
  readonly gridMs?: number;
  /** Margin kept from window edges, ms (set by the scheduler). */
  readonly marginMs?: number;
  /** Constraints the scheduler had to relax, in words (set by the scheduler). */
  readonly notes?: readonly string[];
  /** `period` mode: ideal dates no epoch took, per target, in time order (set by the scheduler). */
  readonly missedDates?: readonly MissedDate[];
}

/** The objective reached for one lead target. */
export type ScheduleObjective =
  | {
      readonly mode: 'spread';
      /** Gap vector (boundary gaps doubled) sorted in decreasing order: the leximax objective, ms. */
      readonly sortedGapsMs: readonly number[];
      /** The largest gap between consecutive placed epochs (starts), ms; 0 with fewer than two. */
      readonly largestGapMs: number;
    }
  | {
      readonly mode: 'period';
      readonly maxDeviationMs: number;
      readonly sumSquaredDeviationDays2: number;
      /** Signed deviation from the ideal date per epoch (null when not placed), ms. */
      readonly deviationsMs: readonly (number | null)[];
    };
