/**
 * Constraints of the planner's own, beside the built-in ones (the field of regard, an
 * orientation, the micrometeoroid avoidance zone): a function from a target and a span to the
 * intervals of the span in which the target may be observed. `visibilityWindows` cuts its
 * windows to the times every constraint given allows; `scheduleProgram` places epoch blocks
 * only there. {@link avoidDates} makes the common one: not between two dates (an instrument's
 * unavailable days, a conference).
 *
 * An edge a constraint makes is an exact limit the planner set, like the span's own ends: it
 * reads `{ model: 'span', marginMs: 0 }`, and no margin is kept from it.
 * @module
 */
import { z } from 'zod';
import type { WindowEdge } from '../observatory/observer.js';
import type { Target } from '../sky/target.js';
import { InstantMsSchema, InstantSchema, type Span } from '../time/instant.js';
import { describeValue, parseWith } from '../validation.js';

/**
 * A constraint of your own on when a target may be observed: given a target and a span, the
 * intervals of the span in which it may be (`{ startMs, endMs }`, half-open, in any order; they
 * may overlap, and what lies outside the span is ignored). Return `[span]` to allow everything
 * and `[]` to allow nothing.
 *
 * @example
 * ```ts
 * // Only in the first half of each UTC day (an instrument shared with another program).
 * const DAY = 86_400_000;
 * const mornings: VisibilityConstraint = (_target, span) => {
 *   const intervals = [];
 *   for (let day = Math.floor(span.startMs / DAY) * DAY; day < span.endMs; day += DAY) intervals.push({ startMs: day, endMs: day + DAY / 2 });
 *   return intervals;
 * };
 * visibilityWindows('HD163466', cycleSpan(1), { constraints: [mornings] });
 * ```
 */
export type VisibilityConstraint = (target: Target, span: Span) => readonly Span[];

/** A list of constraints as options take it: functions, checked to be functions. */
export const ConstraintsSchema = z.array(
  z.custom<VisibilityConstraint>((value) => typeof value === 'function', {
    error: (issue) => `expected a constraint, a function (target, span) => intervals, got ${describeValue(issue.input)}`,
  }),
);

/** What a constraint returns: intervals of finite instants, each ending no earlier than it starts. */
const ReturnedIntervals = z.array(
  z
    .object({ startMs: InstantMsSchema, endMs: InstantMsSchema })
    .refine((interval) => interval.endMs >= interval.startMs, { message: 'must not be before startMs', path: ['endMs'] }),
);

/** The arguments of {@link avoidDates}: two instants, the second after the first. */
export const AvoidDatesArguments = z
  .object({ from: InstantSchema, to: InstantSchema })
  .refine((a) => a.to > a.from, { message: 'must be after from', path: ['to'] });

/** A constraint that keeps every target out of `[from, to)` (ms) (the public face reads instants in any form first). */
export function avoidDates(from: number, to: number): VisibilityConstraint {
  const avoided = { from, to };
  return (_target, span) => {
    const allowed: Span[] = [];
    if (avoided.from > span.startMs) allowed.push({ startMs: span.startMs, endMs: Math.min(avoided.from, span.endMs) });
    if (avoided.to < span.endMs) allowed.push({ startMs: Math.max(avoided.to, span.startMs), endMs: span.endMs });
    return allowed;
  };
}

/**
 * The times in `span` that every constraint allows for `target`: sorted, disjoint, non-empty
 * intervals. What a constraint returns is checked; a bad interval is an InputError naming the
 * function called (`caller`), the constraint and the target:
 * `visibilityWindows: options.constraints.0("HD163466").1.endMs: must not be before startMs`.
 *
 * @example
 * ```ts
 * import { avoidDates } from 'jwst-cadence';
 * allowedIntervals([avoidDates('2022-10-01', '2022-10-11')], findTarget('HD163466'), cycleSpan(1), 'visibilityWindows');
 * // [{ startMs: 2022-07-01, endMs: 2022-10-01 }, { startMs: 2022-10-11, endMs: 2023-07-01 }] in epoch ms
 * ```
 */
export function allowedIntervals(constraints: readonly VisibilityConstraint[], target: Target, span: Span, caller: string): Span[] {
  let allowed: Span[] = [{ startMs: span.startMs, endMs: span.endMs }];
  constraints.forEach((constraint, index) => {
    const returned = parseWith(
      ReturnedIntervals,
      constraint(target, span),
      `options.constraints.${index}(${JSON.stringify(target.name)})`,
      caller,
    );
    allowed = intersect(allowed, unionInSpan(returned, span));
  });
  return allowed;
}

/** Intervals clipped to the span, empty ones left out, sorted and merged where they touch or overlap. */
function unionInSpan(intervals: readonly Span[], span: Span): Span[] {
  const clipped = intervals
    .map((interval) => ({ startMs: Math.max(interval.startMs, span.startMs), endMs: Math.min(interval.endMs, span.endMs) }))
    .filter((interval) => interval.endMs > interval.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: Span[] = [];
  for (const interval of clipped) {
    const last = merged[merged.length - 1];
    if (last && interval.startMs <= last.endMs)
      merged[merged.length - 1] = { startMs: last.startMs, endMs: Math.max(last.endMs, interval.endMs) };
    else merged.push(interval);
  }
  return merged;
}

/** The intersection of two sorted, disjoint lists of intervals. */
function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const startMs = Math.max(a[i]!.startMs, b[j]!.startMs);
    const endMs = Math.min(a[i]!.endMs, b[j]!.endMs);
    if (endMs > startMs) out.push({ startMs, endMs });
    if (a[i]!.endMs < b[j]!.endMs) i++;
    else j++;
  }
  return out;
}

/** The edge a constraint makes: an exact limit the planner set, no margin kept from it. */
export const CONSTRAINT_EDGE: WindowEdge = Object.freeze({ model: 'span', marginMs: 0 });

/**
 * Windows cut to the allowed intervals (both sorted and disjoint): each window becomes its parts
 * inside them, a part keeping the window's fields and each edge the window's where it is the
 * window's own, else {@link CONSTRAINT_EDGE}. `changed` tells whether any window was cut.
 *
 * @example
 * ```ts
 * cutToAllowed([{ startMs: 0, endMs: 10 }], [{ startMs: 4, endMs: 6 }]);
 * // { parts: [{ startMs: 4, endMs: 6, startEdge: CONSTRAINT_EDGE, endEdge: CONSTRAINT_EDGE }], changed: true }
 * ```
 */
export function cutToAllowed<
  W extends {
    readonly startMs: number;
    readonly endMs: number;
    readonly startEdge?: WindowEdge | undefined;
    readonly endEdge?: WindowEdge | undefined;
  },
>(windows: readonly W[], allowed: readonly Span[]): { parts: W[]; changed: boolean } {
  const parts: W[] = [];
  let changed = false;
  let j = 0;
  for (const window of windows) {
    while (j < allowed.length && allowed[j]!.endMs <= window.startMs) j++;
    let whole = false;
    for (let k = j; k < allowed.length && allowed[k]!.startMs < window.endMs; k++) {
      const startMs = Math.max(window.startMs, allowed[k]!.startMs);
      const endMs = Math.min(window.endMs, allowed[k]!.endMs);
      if (startMs === window.startMs && endMs === window.endMs) {
        parts.push(window);
        whole = true;
        continue;
      }
      parts.push({
        ...window,
        startMs,
        endMs,
        startEdge: startMs === window.startMs ? window.startEdge : CONSTRAINT_EDGE,
        endEdge: endMs === window.endMs ? window.endEdge : CONSTRAINT_EDGE,
      });
    }
    if (!whole) changed = true;
  }
  return { parts, changed };
}
