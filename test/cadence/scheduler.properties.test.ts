/**
 * Invariants of scheduleProgram over random programs, windows and cadences.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scheduleProgram } from '../../src/cadence/face.js';
import type { CadenceSpecInput, Schedule, TimeInterval } from '../../src/cadence/index.js';
import { parseProgram, programStructure } from '../../src/program/face.js';
import { VISIT_GAP_MS } from '../../src/program/index.js';
import { MS_PER_DAY, MS_PER_HOUR } from '../../src/time/instant.js';
import { programDocument } from '../support/program-document.js';

const SPAN_START = Date.UTC(2022, 6, 1);
const SPAN_DAYS = 40;
const SPAN_END = SPAN_START + SPAN_DAYS * MS_PER_DAY;
const TEMPLATES = ['MIRI Imaging', 'NIRCam Imaging', 'NIRSpec Fixed Slit Spectroscopy', 'MIRI Medium Resolution Spectroscopy'];
const TARGETS = ['S1', 'S2', 'S2-BKG'];

const rowArb = fc.record({ template: fc.constantFrom(...TEMPLATES), target: fc.constantFrom(...TARGETS) });

/** A program document in the program-information form (see support/program-document.ts). */
const documentOf = (rows: readonly { template: string; target: string }[]): string => programDocument(rows, TARGETS);

/** Sorted disjoint windows in the span, edges on whole hours. */
const windowsArb = fc.uniqueArray(fc.integer({ min: 0, max: SPAN_DAYS * 24 }), { minLength: 2, maxLength: 8 }).map((cuts) => {
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: TimeInterval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    out.push({ startMs: SPAN_START + sorted[i]! * MS_PER_HOUR, endMs: SPAN_START + sorted[i + 1]! * MS_PER_HOUR });
  }
  return out;
});

const cadenceArb: fc.Arbitrary<CadenceSpecInput> = fc
  .record({
    margin: fc.constantFrom(0, 0.5, 1),
    minGap: fc.constantFrom(undefined, 1, 3),
    maxGap: fc.constantFrom(undefined, 5, 12),
    period: fc.constantFrom(undefined, 3, 5),
    tolerance: fc.constantFrom(0.5, 2),
  })
  .map(({ margin, minGap, maxGap, period, tolerance }) => {
    const common = {
      span: { start: SPAN_START, end: SPAN_END },
      margin,
      ...(minGap !== undefined ? { minGap } : {}),
      ...(maxGap !== undefined && (minGap ?? 0) <= maxGap ? { maxGap } : {}),
    };
    return period === undefined ? { mode: 'spread' as const, ...common } : { mode: 'period' as const, period, tolerance, ...common };
  });

const caseArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 14 }),
  windows: fc.record({ S1: windowsArb, S2: windowsArb, 'S2-BKG': windowsArb }),
  cadence: cadenceArb,
});

/** The block of an epoch fits a window of each target, kept `margin` from edges that are not the span's. */
function insideWithMargin(startMs: number, endMs: number, windows: readonly TimeInterval[], marginMs: number): boolean {
  return windows.some(
    (w) => startMs >= w.startMs + (w.startMs === SPAN_START ? 0 : marginMs) && endMs <= w.endMs - (w.endMs === SPAN_END ? 0 : marginMs),
  );
}

function check(schedule: Schedule, rows: { template: string; target: string }[], cadence: CadenceSpecInput): void {
  const program = parseProgram(documentOf(rows));
  const structure = programStructure(program);
  const marginMs = (cadence.margin as number) * MS_PER_DAY;

  // Every visit placed or reported with a reason; none lost, none twice.
  const placedIds = schedule.visits.map((visit) => visit.observation);
  const unscheduledIds = schedule.unscheduled.map((visit) => visit.observation);
  expect([...placedIds, ...unscheduledIds].sort((a, b) => a - b)).toEqual(program.visits.map((visit) => visit.observation));
  for (const visit of schedule.unscheduled) expect(visit.reason.length).toBeGreaterThan(10);

  // No two visits overlap on the one timeline.
  const sorted = [...schedule.visits].sort((a, b) => a.startMs - b.startMs);
  for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]!.startMs).toBeGreaterThanOrEqual(sorted[i - 1]!.endMs);

  const byObservation = new Map(schedule.visits.map((visit) => [visit.observation, visit]));
  const leadStarts = new Map<string, number[]>();
  for (const epoch of structure.epochs) {
    const placed = epoch.observations.map((observation) => byObservation.get(observation));
    // Epochs complete or reported as a whole.
    expect(placed.every((visit) => visit !== undefined) || placed.every((visit) => visit === undefined)).toBe(true);
    if (placed[0] === undefined) continue;
    const blockStart = placed[0]!.startMs;
    const blockEnd = placed[placed.length - 1]!.endMs;
    // Visits one published gap apart, the block inside one window of each of its targets with the margin.
    for (let i = 1; i < placed.length; i += 1) expect(placed[i]!.startMs).toBe(placed[i - 1]!.endMs + VISIT_GAP_MS);
    for (const target of epoch.targets) expect(insideWithMargin(blockStart, blockEnd, schedule.windows[target]!, marginMs)).toBe(true);
    for (const visit of placed) {
      expect(visit!.window.startMs).toBeLessThanOrEqual(visit!.startMs);
      expect(visit!.window.endMs).toBeGreaterThanOrEqual(visit!.endMs);
    }
    leadStarts.set(epoch.target, [...(leadStarts.get(epoch.target) ?? []), blockStart]);
  }

  // Series order kept.
  for (const series of structure.series) {
    const starts = series.observations.map((o) => byObservation.get(o)?.startMs).filter((t): t is number => t !== undefined);
    for (let i = 1; i < starts.length; i += 1) expect(starts[i]!).toBeGreaterThan(starts[i - 1]!);
  }

  // Gaps within the bounds, or the relaxation reported.
  for (const [target, starts] of leadStarts) {
    const relaxed = (schedule.notes ?? []).some((note) => note.startsWith(`${target}:`));
    if (relaxed) continue;
    for (let i = 1; i < starts.length; i += 1) {
      const gap = starts[i]! - starts[i - 1]!;
      if (cadence.minGap !== undefined) expect(gap).toBeGreaterThanOrEqual((cadence.minGap as number) * MS_PER_DAY);
      if (cadence.maxGap !== undefined) expect(gap).toBeLessThanOrEqual((cadence.maxGap as number) * MS_PER_DAY);
    }
  }

  // Period mode: each placed epoch within the tolerance of an ideal date, a target's epochs on
  // ideal dates in increasing order, and every date skipped before the last one taken reported.
  if (cadence.mode === 'period') {
    const period = (cadence.period as number) * MS_PER_DAY;
    const tolerance = (cadence.tolerance as number) * MS_PER_DAY;
    const ideal: number[] = [];
    for (let t = SPAN_START; t < SPAN_END; t += period) ideal.push(t);
    for (const [target, starts] of leadStarts) {
      const objective = schedule.objective![target]!;
      expect(objective.mode).toBe('period');
      if (objective.mode !== 'period') continue;
      const dates = objective.deviationsMs.filter((d): d is number => d !== null).map((d, i) => ideal.indexOf(starts[i]! - d));
      for (const [i, date] of dates.entries()) {
        expect(date).toBeGreaterThanOrEqual(0);
        expect(Math.abs(starts[i]! - ideal[date]!)).toBeLessThanOrEqual(tolerance);
        if (i > 0) expect(date).toBeGreaterThan(dates[i - 1]!);
      }
      const missed = new Set((schedule.missedDates ?? []).filter((m) => m.target === target).map((m) => m.idealMs));
      const last = Math.max(-1, ...dates);
      for (let m = 0; m < last; m += 1) if (!dates.includes(m)) expect(missed.has(ideal[m]!)).toBe(true);
    }
  }
  // Reasons name the targets that displaced a visit: other lead targets, each named in the reason.
  const leads = new Set(structure.leads);
  const leadOf = new Map(structure.epochs.flatMap((epoch) => epoch.observations.map((o) => [o, epoch.target] as const)));
  for (const visit of schedule.unscheduled) {
    for (const name of visit.displacedBy ?? []) {
      expect(leads.has(name)).toBe(true);
      expect(name).not.toBe(leadOf.get(visit.observation));
      expect(visit.reason).toContain(name);
    }
  }
}

describe('scheduleProgram invariants', () => {
  it('holds every invariant on random programs, windows and cadences, and is deterministic', () => {
    fc.assert(
      fc.property(caseArb, ({ rows, windows, cadence }) => {
        const program = parseProgram(documentOf(rows));
        const schedule = scheduleProgram(program, { windows, cadence });
        check(schedule, rows, cadence);
        expect(scheduleProgram(program, { windows, cadence })).toEqual(schedule);
      }),
      { numRuns: 120, seed: 20220701 },
    );
  });
});
