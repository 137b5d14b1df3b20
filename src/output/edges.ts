/**
 * Which edges of a visit's window the sky made, and which the span cut: a distance to an edge
 * is a margin only when the sky made that edge. Where the span's start (or end) cut the window,
 * the target was in view before (or stays in view after) it, and the distance from the cut
 * says nothing of the sky.
 * @module
 */
import type { Schedule, ScheduledVisit } from '../cadence/schedule.js';

/** A visit's window with, at each end, whether the span cut it there (rather than the sky). */
export interface VisitWindowEdges {
  readonly startMs: number;
  readonly endMs: number;
  /** The span's start cut the window: the target was in view before it. */
  readonly startCut: boolean;
  /** The span's end cut the window: the target stays in view after it. */
  readonly endCut: boolean;
}

/**
 * The edges of a visit's window: from the schedule's window records with the same start (end)
 * when they say what made the edge (`model: 'span'` for a cut), otherwise by position (a
 * window that reaches the span's start or end is taken as cut there).
 */
export function visitWindowEdges(schedule: Schedule, visit: ScheduledVisit): VisitWindowEdges {
  const { startMs, endMs } = visit.window;
  const windows = Object.hasOwn(schedule.windows, visit.target) ? schedule.windows[visit.target]! : [];
  const startEdge = windows.find((window) => window.startMs === startMs)?.startEdge;
  const endEdge = windows.find((window) => window.endMs === endMs)?.endEdge;
  return {
    startMs,
    endMs,
    startCut: startEdge !== undefined ? startEdge.model === 'span' : startMs <= schedule.span.startMs,
    endCut: endEdge !== undefined ? endEdge.model === 'span' : endMs >= schedule.span.endMs,
  };
}
