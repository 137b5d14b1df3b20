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

/** One visit placed on the observatory timeline. */
export interface ScheduledVisit {
  /** Observation number: the row of the program's observations table, 1-based. */
  readonly observation: number;
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
  /** The visibility window of the visit's target that contains the visit. */
  readonly window: TimeInterval;
}

/** A visit the scheduler could not place, with the reason in words. */
export interface UnscheduledVisit {
  readonly observation: number;
  readonly label: string;
  readonly target: string;
  readonly series: string;
  readonly epoch: number;
  readonly reason: string;
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
