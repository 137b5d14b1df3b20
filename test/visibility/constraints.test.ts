/**
 * Constraints of the planner's own (src/visibility/constraints.ts): windows with constraints are
 * the windows intersected with what every constraint allows, judged instant by instant; the
 * scheduler places nothing inside an avoided stretch; a constraint that allows everything
 * changes nothing; a constraint's bad answer is refused, naming the function, the constraint and
 * the target; and the command line's --avoid does the same on windows and schedule.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scheduleProgram } from '../../src/cadence/face.js';
import { DEFAULT_OBSERVATORY } from '../../src/observatory/model.js';
import { scheduleToJson } from '../../src/output/face.js';
import { loadBuiltInProgram } from '../../src/program/face.js';
import { findTarget } from '../../src/sky/face.js';
import { cycleSpan } from '../../src/time/cycles.js';
import { MS_PER_DAY, type Span } from '../../src/time/instant.js';
import type { VisibilityConstraint } from '../../src/visibility/constraints.js';
import { avoidDates, observerGrids, visibilityWindows } from '../../src/visibility/face.js';
import { cli } from '../support/cli.js';

const CYCLE_1 = cycleSpan(1);
const grids = observerGrids(CYCLE_1, DEFAULT_OBSERVATORY);

/** Whether an instant lies in one of the half-open intervals (a plain scan: the oracle). */
const inAny = (intervals: readonly Span[], atMs: number): boolean =>
  intervals.some((interval) => atMs >= interval.startMs && atMs < interval.endMs);

/** Instants to judge at: every edge of every list, a millisecond either side, and a day's grid. */
function probes(...lists: ReadonlyArray<readonly Span[]>): number[] {
  const out: number[] = [];
  for (const list of lists)
    for (const interval of list) for (const edge of [interval.startMs, interval.endMs]) out.push(edge - 1, edge, edge + 1);
  for (let atMs = CYCLE_1.startMs; atMs < CYCLE_1.endMs; atMs += MS_PER_DAY) out.push(atMs);
  return out.filter((atMs) => atMs >= CYCLE_1.startMs && atMs < CYCLE_1.endMs);
}

/** Random intervals inside Cycle 1, in any order, overlapping or not (what a constraint may return). */
const intervalsInCycle = fc.array(
  fc
    .tuple(fc.integer({ min: CYCLE_1.startMs - 10 * MS_PER_DAY, max: CYCLE_1.endMs }), fc.integer({ min: 0, max: 120 * MS_PER_DAY }))
    .map(([startMs, lengthMs]) => ({ startMs, endMs: startMs + lengthMs })),
  { maxLength: 6 },
);

describe('visibilityWindows with constraints', () => {
  it('are the windows intersected with what every constraint allows, instant by instant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('BD+60-1753', 'HD163466'),
        fc.array(intervalsInCycle, { minLength: 1, maxLength: 3 }),
        (name, answers) => {
          const constraints: VisibilityConstraint[] = answers.map((answer) => () => answer);
          const plain = visibilityWindows(name, CYCLE_1, { grids });
          const cut = visibilityWindows(name, CYCLE_1, { grids, constraints });
          for (const atMs of probes(plain, cut, ...answers)) {
            const expected = inAny(plain, atMs) && answers.every((answer) => inAny(answer, atMs));
            expect(inAny(cut, atMs), new Date(atMs).toISOString()).toBe(expected);
          }
          // Sorted and disjoint, each part a whole window or a piece cut where a constraint said.
          cut.forEach((window, index) => {
            expect(window.endMs).toBeGreaterThan(window.startMs);
            expect(window.durationDays * MS_PER_DAY).toBeCloseTo(window.endMs - window.startMs, 0);
            if (index > 0) expect(window.startMs).toBeGreaterThan(cut[index - 1]!.endMs - 1);
            const whole = plain.find((w) => w.startMs <= window.startMs && w.endMs >= window.endMs);
            expect(whole, 'a part lies inside one window').toBeDefined();
            if (window.startMs !== whole!.startMs) expect(window.startEdge).toEqual({ model: 'span', marginMs: 0 });
            if (window.endMs !== whole!.endMs) expect(window.endEdge).toEqual({ model: 'span', marginMs: 0 });
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('with a constraint that allows the whole span, are the windows unchanged', () => {
    const everything: VisibilityConstraint = (_target, span) => [span];
    expect(visibilityWindows('HD163466', CYCLE_1, { grids, constraints: [everything] })).toEqual(
      visibilityWindows('HD163466', CYCLE_1, { grids }),
    );
  });

  it('with avoidDates, leave out exactly the avoided days: 1 to 10 October 2022, the 10th included', () => {
    const from = Date.UTC(2022, 9, 1);
    const to = Date.UTC(2022, 9, 11);
    const plain = visibilityWindows('BD+60-1753', CYCLE_1, { grids });
    const cut = visibilityWindows('BD+60-1753', CYCLE_1, { grids, constraints: [avoidDates('2022-10-01', '2022-10-11')] });
    const visibleMs = (list: readonly Span[]): number => list.reduce((sum, w) => sum + (w.endMs - w.startMs), 0);
    const overlapMs = plain.reduce((sum, w) => sum + Math.max(0, Math.min(w.endMs, to) - Math.max(w.startMs, from)), 0);
    expect(visibleMs(plain) - visibleMs(cut)).toBe(overlapMs);
    expect(cut.some((w) => w.endMs > from && w.startMs < to)).toBe(false);
  });

  it('gives a constraint the target and the span it was asked about', () => {
    const seen: Array<[string, Span]> = [];
    const recording: VisibilityConstraint = (target, span) => {
      seen.push([target.name, span]);
      return [span];
    };
    visibilityWindows('HD163466', CYCLE_1, { grids, constraints: [recording] });
    expect(seen).toEqual([['HD163466', CYCLE_1]]);
  });

  it('refuses a constraint that is not a function, and a bad interval it returns, naming where', () => {
    expect(() => visibilityWindows('HD163466', CYCLE_1, { constraints: [5 as never] })).toThrow(
      'visibilityWindows: options.constraints.0: expected a constraint, a function (target, span) => intervals, got 5',
    );
    expect(() => visibilityWindows('HD163466', CYCLE_1, { grids, constraints: [() => [{ startMs: 10, endMs: 5 }]] })).toThrow(
      'visibilityWindows: options.constraints.0("HD163466").0.endMs: must not be before startMs',
    );
    expect(() =>
      visibilityWindows('HD163466', CYCLE_1, { grids, constraints: [(_t, s) => [s], () => [{ startMs: Number.NaN, endMs: 5 }]] }),
    ).toThrow('visibilityWindows: options.constraints.1("HD163466").0.startMs: not a finite instant (NaN)');
    expect(() => visibilityWindows('HD163466', CYCLE_1, { grids, constraints: [() => 'soon' as never] })).toThrow(
      /^visibilityWindows: options\.constraints\.0\("HD163466"\): expected an array/,
    );
  });
});

describe('avoidDates', () => {
  it('allows all of a span but [from, to), and nothing beyond the span', () => {
    const avoid = avoidDates('2022-10-01', '2022-10-11');
    const target = findTarget('HD163466');
    expect(avoid(target, CYCLE_1)).toEqual([
      { startMs: CYCLE_1.startMs, endMs: Date.UTC(2022, 9, 1) },
      { startMs: Date.UTC(2022, 9, 11), endMs: CYCLE_1.endMs },
    ]);
    // A span wholly inside the avoided stretch is allowed nothing; one wholly outside, all of it.
    expect(avoid(target, { startMs: Date.UTC(2022, 9, 2), endMs: Date.UTC(2022, 9, 3) })).toEqual([]);
    const before = { startMs: Date.UTC(2022, 8, 1), endMs: Date.UTC(2022, 8, 2) };
    expect(avoid(target, before)).toEqual([before]);
  });

  it('refuses instants it cannot read and a stretch that ends before it starts', () => {
    expect(() => avoidDates('2022-10-11', '2022-10-01')).toThrow('avoidDates: to: must be after from');
    expect(() => avoidDates('2022-10-01', '2022-10-01')).toThrow('avoidDates: to: must be after from');
    expect(() => avoidDates('soon', '2022-10-01')).toThrow(/^avoidDates: from: "soon" is not an ISO-8601 instant/);
    expect(() => avoidDates(Number.NaN, 0)).toThrow(/^avoidDates: from: /);
  });
});

describe('scheduleProgram with constraints', () => {
  const program = loadBuiltInProgram();
  const plain = scheduleProgram(program);

  it('places nothing inside an avoided stretch, and every visit still inside its window', () => {
    // Stretches chosen where program 1539's default plan has visits, so the constraint bites.
    const stretches = plain.visits
      .filter((_, index) => index % 20 === 5)
      .map((visit) => ({ startMs: visit.startMs - 2 * MS_PER_DAY, endMs: visit.startMs + 3 * MS_PER_DAY }));
    expect(stretches.length).toBeGreaterThanOrEqual(3);
    const schedule = scheduleProgram(program, { constraints: stretches.map((s) => avoidDates(s.startMs, s.endMs)) });
    expect(schedule.visits.length + schedule.unscheduled.length).toBe(86);
    for (const visit of schedule.visits) {
      for (const stretch of stretches)
        expect(visit.endMs <= stretch.startMs || visit.startMs >= stretch.endMs, `observation ${visit.observation}`).toBe(true);
      expect(visit.startMs).toBeGreaterThanOrEqual(visit.window.startMs);
      expect(visit.endMs).toBeLessThanOrEqual(visit.window.endMs);
    }
    // The record's windows stay the targets' visibility windows; a note says the constraints cut them.
    expect(schedule.windows).toEqual(plain.windows);
    expect((schedule.notes ?? []).some((note) => note.startsWith('The constraints given cut the windows of'))).toBe(true);
  });

  it('with a constraint that allows everything, is the same plan byte for byte', () => {
    const everything: VisibilityConstraint = (_target, span) => [span];
    expect(scheduleToJson(scheduleProgram(program, { constraints: [everything] }))).toBe(scheduleToJson(plain));
  });

  it('leaves a target unplaced when a constraint allows it nothing, saying so, and places the others as before', () => {
    const never: VisibilityConstraint = (target, span) => (target.name === 'HD163466' ? [] : [span]);
    const schedule = scheduleProgram(program, { constraints: [never] });
    expect(schedule.visits.filter((visit) => visit.target.startsWith('HD163466'))).toEqual([]);
    const left = schedule.unscheduled.filter((visit) => visit.target.startsWith('HD163466'));
    expect(left.length).toBe(plain.visits.filter((visit) => visit.target.startsWith('HD163466')).length);
    for (const visit of left) expect(visit.reason).toContain('HD163466 [allowed by constraints]');
    expect(schedule.visits.filter((visit) => visit.target === 'BD+60-1753').length).toBe(
      plain.visits.filter((visit) => visit.target === 'BD+60-1753').length,
    );
  });

  it('refuses a bad answer of a constraint, naming the function, the constraint and the target', () => {
    expect(() => scheduleProgram(program, { constraints: [() => [{ startMs: 5, endMs: 1 }]] })).toThrow(
      'scheduleProgram: options.constraints.0("BD+60-1753").0.endMs: must not be before startMs',
    );
    expect(() => scheduleProgram(program, { constraints: [null as never] })).toThrow(
      /^scheduleProgram: options\.constraints\.0: expected a constraint/,
    );
  });
});

describe('the command line: --avoid FROM/TO', () => {
  it('cuts the windows and keeps the schedule out of the avoided days', async () => {
    const windows = await cli('windows', '--target', 'HD163466', '--avoid', '2022-08-01/2022-09-15', '--format', 'json');
    expect(windows.stderr).toBe('');
    const parsed = JSON.parse(windows.stdout) as Array<{ start: string; end: string; startEdge: { model: string } }>;
    expect(
      parsed.map((w) => [w.start, w.end]).filter(([start, end]) => end! > '2022-08-01T00:00:00Z' && start! < '2022-09-15T00:00:00Z'),
    ).toEqual([]);
    expect(parsed.some((w) => w.end === '2022-08-01T00:00:00Z')).toBe(true);
    expect(parsed.some((w) => w.start === '2022-09-15T00:00:00Z' && w.startEdge.model === 'span')).toBe(true);

    const schedule = await cli('schedule', '--avoid', '2022-08-01/2022-09-15', '--avoid', '2023-02-01/2023-02-20', '--format', 'json');
    expect(schedule.stderr).toBe('');
    const visits = (JSON.parse(schedule.stdout) as { visits: Array<{ start: string; end: string }> }).visits;
    expect(visits.length).toBeGreaterThan(0);
    for (const [from, to] of [
      ['2022-08-01T00:00:00Z', '2022-09-15T00:00:00Z'],
      ['2023-02-01T00:00:00Z', '2023-02-20T00:00:00Z'],
    ] as const) {
      expect(visits.filter((visit) => visit.end > from && visit.start < to)).toEqual([]);
    }
  });

  it('refuses a stretch it cannot read, naming the option', async () => {
    const run = await cli('schedule', '--avoid', '2022-08-01');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--avoid: expected FROM/TO, two instants, e.g. 2022-10-01/2022-10-11, got "2022-08-01"');
    const backwards = await cli('windows', '--target', 'HD163466', '--avoid', '2022-09-15/2022-08-01');
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain(
      '--avoid 2022-09-15/2022-08-01: TO (2022-08-01T00:00:00Z) must be after FROM (2022-09-15T00:00:00Z)',
    );
  });
});
