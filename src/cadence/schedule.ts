/**
 * The schedule: what the cadence scheduler returns and what every output reads.
 * Instants are epoch milliseconds (UTC); outputs turn them into ISO-8601 text.
 * @module
 */
import type { WindowEdge } from '../observatory/observer.js';
import { visitKey } from '../program/program.js';
import type { Span } from '../time/instant.js';

/** A time interval [startMs, endMs) in epoch milliseconds (UTC). */
export interface TimeInterval {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * A visibility window in a schedule: the interval, and, when the scheduler computed it, what
 * made each edge (the span's cut, JWST's real orbit, the nominal L2 model) and the margin kept
 * from it.
 */
export interface ScheduleWindow extends TimeInterval {
  readonly startEdge?: WindowEdge;
  readonly endEdge?: WindowEdge;
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
 * An orientation a visit was asked for (APT's APERTURE PA RANGE): the V3PA range, the same as
 * an aperture position angle range, and the offset between them (the aperture's V3IdlYAngle).
 * Ranges run eastward from `minDeg` to `maxDeg`, degrees.
 */
export interface VisitOrientation {
  readonly v3pa: { readonly minDeg: number; readonly maxDeg: number };
  /** The aperture PA range (absent when the visit's instrument has no tabulated offset and none was given). */
  readonly aperturePa?: {
    readonly minDeg: number;
    readonly maxDeg: number;
    /** Aperture PA minus V3PA, degrees. */
    readonly offsetDeg: number;
    /** Where the offset comes from: an instrument of the table of offsets, or `given`. */
    readonly offsetSource: string;
  };
  /** Why the visit has it: `asked` (a constraint) or `held` (a band chosen to hold one orientation across its series). */
  readonly origin: 'asked' | 'held';
}

/**
 * The micrometeoroid avoidance zone as a schedule saw it: the cone's half-angle, when it was
 * modelled, and the share of observing time inside it.
 */
export interface ScheduleMaz {
  /** The cone's half-angle around JWST's direction of motion, degrees. */
  readonly halfAngleDeg: number;
  /** The zone is modelled from this instant to the span's end (the span's start, or 2023-07-01 with `auto`). */
  readonly fromMs: number;
  /** Observing time of the placed visits (not failed) from `fromMs` on, ms. */
  readonly observingMs: number;
  /** Of that, the time inside the zone, ms. */
  readonly inMazMs: number;
  /** How the scheduler kept epochs out of the zone, in words. */
  readonly policy: string;
}

/**
 * How far a placed epoch could move with every other epoch fixed, keeping windows, margin,
 * the observatory timeline and the gap bounds: the earliest and latest start of this visit.
 */
export interface VisitSlack {
  readonly earliestMs: number;
  readonly latestMs: number;
  /**
   * Every run of starts the visit's epoch may move it to, the others fixed, in time order (the
   * run from `earliestMs` to `latestMs` among them), each with what blocks it at each end
   * (`window edge`, `span end`, `HD163466 epoch 6`, `min gap to epoch 5`...). Absent in plans
   * written before runs were recorded.
   */
  readonly runs?: readonly VisitSlackRun[];
}

/** One run of a visit's slack: its earliest and latest start, and what blocks each end. */
export interface VisitSlackRun {
  readonly earliestMs: number;
  readonly latestMs: number;
  readonly earlierBlockedBy: string;
  readonly laterBlockedBy: string;
}

/** One visit placed on the observatory timeline. */
export interface ScheduledVisit {
  /**
   * Observation number: the row of the program's observations table, 1-based. With `cycle`,
   * it identifies the visit: (cycle, observation) is unique among visits that are not failed.
   * The schedule's `program.numbering` says whether it is APT's number or a row number.
   */
  readonly observation: number;
  /** Visit number within the observation (`program:observation:visit`); absent means 1. */
  readonly visit?: number;
  /**
   * The repetition of the observations table the visit belongs to, when a program's table is
   * repeated every cycle: the cycle's number. Absent when the table is planned once.
   */
  readonly cycle?: number;
  /** Where the visit stands (absent means `planned`). */
  readonly status?: VisitStatus;
  /**
   * True when the visit's place comes from JWST's published observing schedule: a `done` one
   * ran there (as far as the schedule says), a planned one is scheduled there by STScI and held.
   */
  readonly published?: boolean;
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
  /** The orientation the visit was asked to hold, when it was. */
  readonly orientation?: VisitOrientation;
  /** Time of the visit inside the micrometeoroid avoidance zone, ms (set where the zone is modelled). */
  readonly mazMs?: number;
  /** How far the visit's epoch may move (set by the scheduler for planned visits). */
  readonly slack?: VisitSlack;
}

/** A visit the scheduler could not place, with the reason in words. */
export interface UnscheduledVisit {
  readonly observation: number;
  /** As {@link ScheduledVisit.visit}. */
  readonly visit?: number;
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
  /**
   * The program; `numbering` says what its observation numbers are: APT's (`apt`) or the
   * table's row numbers (`row`, also when absent, as in plans written before it was recorded).
   */
  readonly program: { readonly id: string; readonly title: string; readonly numbering?: 'apt' | 'row' };
  readonly span: Span;
  readonly mode: 'spread' | 'period';
  /** Placed visits, sorted by start. */
  readonly visits: readonly ScheduledVisit[];
  readonly unscheduled: readonly UnscheduledVisit[];
  /**
   * The visibility windows used, per target name, each list sorted and disjoint: the true
   * windows, edges as the observer computed them (a plan keeps each edge's margin inside them).
   */
  readonly windows: Readonly<Record<string, readonly ScheduleWindow[]>>;
  /** Which observer computed the windows, in words (set by the scheduler when it computed any). */
  readonly observer?: string;
  /**
   * The objective reached, per lead target (always set by the scheduler; optional so that
   * hand-made schedules need not carry it). `spread`: the gap vector sorted in decreasing
   * order, boundary gaps doubled, and the largest gap between epochs, in ms. `period`: the
   * largest and the squared deviations from the ideal dates.
   */
  readonly objective?: Readonly<Record<string, ScheduleObjective>>;
  /** Grid step the starts were chosen on, ms (set by the scheduler). */
  readonly gridMs?: number;
  /**
   * Margin kept from window edges, ms, when one margin applied to every edge the span does not
   * cut (set by the scheduler); absent when edges kept margins of their own (see each window's
   * `startEdge` and `endEdge`).
   */
  readonly marginMs?: number;
  /** Constraints the scheduler had to relax, in words (set by the scheduler). */
  readonly notes?: readonly string[];
  /** `period` mode: ideal dates no epoch took, per target, in time order (set by the scheduler). */
  readonly missedDates?: readonly MissedDate[];
  /** The micrometeoroid avoidance zone (set by the scheduler where the zone is modelled in the span). */
  readonly maz?: ScheduleMaz;
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

/**
 * A visit's identity in a plan: its cycle (none when the table is planned once) and its
 * observation and visit number, as one key (`2#21:1`, or `#21:1`). A failed visit and its
 * repeat share it.
 */
export function visitIdentity(
  cycle: number | undefined,
  visit: { readonly observation: number; readonly visit?: number | undefined },
): string {
  return `${cycle ?? ''}#${visitKey(visit)}`;
}
