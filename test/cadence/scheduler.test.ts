import { describe, expect, it } from 'vitest';
import { epochStartProblems, scheduleProgram, scheduleTimeline } from '../../src/cadence/face.js';
import { parseCadenceSpec, type TimelineInput } from '../../src/cadence/index.js';
import { solvePeriod } from '../../src/cadence/period.js';
import { solveSpread } from '../../src/cadence/spread/index.js';
import { candidateStarts } from '../../src/cadence/starts.js';
import { scheduleToCalendarText } from '../../src/output/face.js';
import { loadBuiltInProgram, parseProgram } from '../../src/program/face.js';

import { cycleSpan } from '../../src/time/cycles.js';
import { MS_PER_DAY, MS_PER_HOUR, parseInstant } from '../../src/time/instant.js';

const H = MS_PER_HOUR;

describe('parseCadenceSpec', () => {
  it('defaults to Cycle 1, a one-hour grid and a 3-day margin for the nominal-L2 model', () => {
    const spec = parseCadenceSpec({ mode: 'spread' });
    expect(spec.span).toEqual(cycleSpan(1));
    expect(spec.gridMs).toBe(H);
    expect(spec.marginMs).toBe(3 * MS_PER_DAY);
    expect(parseCadenceSpec({ mode: 'spread', positionModel: 'ephemeris' }).marginMs).toBe(0);
    expect(parseCadenceSpec({ mode: 'spread', margin: 'PT12H' }).marginMs).toBe(12 * H);
  });

  it('makes ideal dates from a period or an RFC 5545 rule', () => {
    // Cycle 1 has 365 days: dates at 0, 30, ..., 360 days, 13 of them.
    const period = parseCadenceSpec({ mode: 'period', period: 'P30D' });
    expect(period.idealMs).toHaveLength(13);
    expect(period.idealMs[1]! - period.idealMs[0]!).toBe(30 * MS_PER_DAY);
    // Every 4 weeks from 2022-07-01: 0, 28, ..., 364 days, 14 dates.
    const rule = parseCadenceSpec({ mode: 'period', rrule: 'FREQ=WEEKLY;INTERVAL=4', anchor: '2022-07-01T00:00Z' });
    expect(rule.idealMs).toHaveLength(14);
    expect(rule.idealMs[13]! - rule.idealMs[0]!).toBe(364 * MS_PER_DAY);
  });

  it('names the field of every bad value', () => {
    expect(() => parseCadenceSpec({ mode: 'period' })).toThrow(/cadence\.period: give exactly one of "period" and "rrule"/);
    expect(() => parseCadenceSpec({ mode: 'period', rrule: 'FREQ=SOMETIMES' })).toThrow(/cadence\.rrule: .*not an RFC 5545 rule/);
    expect(() => parseCadenceSpec({ mode: 'spread', grid: 'P1M' })).toThrow(/cadence\.grid: .*months or years/);
    expect(() => parseCadenceSpec({ mode: 'spread', minGap: 40, maxGap: 30 })).toThrow(/cadence\.minGap/);
    expect(() =>
      parseCadenceSpec({ mode: 'spread', fixed: [{ observation: 1, start: '2022-08-01' }], span: { start: '2022-07-01Z', end: 'x' } }),
    ).toThrow(/cadence\.span\.end/);
    expect(() => parseCadenceSpec({ mode: 'weekly' })).toThrow(/cadence\.mode/);
  });
});

describe('solveSpread', () => {
  it('puts n epochs at the centres of n equal slices when nothing limits them', () => {
    for (const n of [1, 2, 3, 5, 13]) {
      // Span of 2n * 10 hours: slice centres fall on the grid at (2i - 1) * 10 h.
      const spanEnd = 2 * n * 10 * H;
      const grid = Float64Array.from({ length: 2 * n * 10 }, (_, i) => i * H);
      const solution = solveSpread({
        spanStartMs: 0,
        spanEndMs: spanEnd,
        candidates: Array.from({ length: n }, () => grid),
        durationsMs: Array.from({ length: n }, () => H),
        minGapMs: 0,
        maxGapMs: Infinity,
      })!;
      expect(solution.startsMs).toEqual(Array.from({ length: n }, (_, i) => (2 * i + 1) * 10 * H));
      expect(solution.sortedGapsMs).toEqual(Array.from({ length: n + 1 }, () => 20 * H));
    }
  });

  it('returns null when the epochs cannot be placed in order', () => {
    const one = Float64Array.of(5 * H);
    expect(
      solveSpread({ spanStartMs: 0, spanEndMs: 10 * H, candidates: [one, one], durationsMs: [H, H], minGapMs: 0, maxGapMs: Infinity }),
    ).toBeNull();
  });
});

describe('solvePeriod', () => {
  it('takes the start closest to each ideal date, then the least squared deviations', () => {
    const grid = Float64Array.from({ length: 40 }, (_, i) => i * H);
    // Ideal dates at 10 h and 11 h, blocks of 3 h: both cannot be on time. Starts 9 h and
    // 12 h deviate by 1 h each; any other pair deviates by 2 h or more somewhere.
    const solution = solvePeriod({
      candidates: [grid, grid],
      idealMs: [10 * H, 11 * H],
      toleranceMs: 40 * H,
      fixed: [false, false],
      durationsMs: [3 * H, 3 * H],
      minGapMs: 0,
      maxGapMs: Infinity,
    })!;
    expect(solution.startsMs).toEqual([9 * H, 12 * H]);
    expect(solution.maxDeviationMs).toBe(H);
  });
});

describe('candidateStarts', () => {
  it('offers the grid, and snug starts only in free stretches the grid misses', () => {
    // Half-hour block, one-hour grid, busy 1-1.75 h and 2.25-3 h: starts 0-0.5 h hold the grid
    // instant 0 (so no snug 0.5 h); the stretch between the busy blocks allows only 1.75 h, no
    // grid instant, so the snug start is offered; from 3 h on the grid (to 9 h, the last whole
    // hour with room before 10 h).
    const starts = candidateStarts(
      { durationMs: H / 2, targets: ['S'] },
      {
        span: { startMs: 0, endMs: 10 * H },
        gridMs: H,
        marginMs: 0,
        windows: { S: [{ startMs: 0, endMs: 10 * H }] },
        busy: [
          { startMs: H, endMs: 1.75 * H },
          { startMs: 2.25 * H, endMs: 3 * H },
        ],
      },
    );
    expect(Array.from(starts, (t) => t / H)).toEqual([0, 1.75, 3, 4, 5, 6, 7, 8, 9]);
  });
});

/** A 100-hour timeline on an hourly grid, no margin, no gap bounds: the core's tests add groups and windows. */
const base: Omit<TimelineInput, 'groups' | 'windows'> = {
  span: { startMs: 0, endMs: 100 * H },
  gridMs: H,
  marginMs: 0,
  minGapMs: 0,
  maxGapMs: Infinity,
  mode: 'spread',
  idealMs: [],
  toleranceMs: 0,
};

describe('scheduleTimeline', () => {
  it('lets a later target avoid the time an earlier one took', () => {
    const epoch = (target: string) => ({ durationMs: 10 * H, targets: [target] });
    const [a, b] = scheduleTimeline({
      ...base,
      windows: { A: [{ startMs: 0, endMs: 100 * H }], B: [{ startMs: 0, endMs: 100 * H }] },
      groups: [
        { target: 'A', epochs: [epoch('A')] },
        { target: 'B', epochs: [epoch('B')] },
      ],
    });
    // A alone: centre of the span, 50 h. B cannot start in (40 h, 60 h): 40 h is the earliest best.
    expect(a!.startsMs).toEqual([50 * H]);
    expect(b!.startsMs).toEqual([40 * H]);
  });

  it('reports an epoch whose block fits no window', () => {
    const [group] = scheduleTimeline({
      ...base,
      marginMs: 2 * H,
      windows: { A: [{ startMs: 10 * H, endMs: 15 * H }] },
      groups: [{ target: 'A', epochs: [{ durationMs: 2 * H, targets: ['A'] }] }],
    });
    expect(group!.startsMs).toEqual([null]);
    expect(group!.reasons[0]).toMatch(/fits in no visibility window of A with 0\.08 days kept from window edges/);
  });

  it('reports a missed ideal date with the nearest possible start, and the epoch left without a date', () => {
    const [group] = scheduleTimeline({
      ...base,
      span: { startMs: 0, endMs: 100 * MS_PER_DAY },
      mode: 'period',
      idealMs: [10 * MS_PER_DAY, 50 * MS_PER_DAY],
      toleranceMs: 2 * MS_PER_DAY,
      windows: {
        A: [
          { startMs: 0, endMs: 30 * MS_PER_DAY },
          { startMs: 89 * MS_PER_DAY, endMs: 100 * MS_PER_DAY },
        ],
      },
      groups: [
        {
          target: 'A',
          epochs: [
            { durationMs: H, targets: ['A'] },
            { durationMs: H, targets: ['A'] },
          ],
        },
      ],
    });
    expect(group!.startsMs).toEqual([10 * MS_PER_DAY, null]);
    // The window ends at day 30; the last hour-long block starts at 30 d - 1 h, 20.04 days before day 50.
    expect(group!.missedDates).toEqual([
      {
        target: 'A',
        idealMs: 50 * MS_PER_DAY,
        reason:
          'ideal date 1970-02-20 missed: A not visible from 1970-02-18 to 1970-02-22; nearest possible start is 20.04 days before the ideal date (1970-01-30)',
        nearestStartMs: 30 * MS_PER_DAY - H,
      },
    ]);
    expect(group!.reasons[1]).toBe(
      'no ideal date is left for epoch 2 of A: the cadence has 2 dates in the span, 1 taken by its other epochs and 1 with no room for it in order (see the missed dates)',
    );
  });

  it('takes the ideal dates in order, skipping one with no room instead of binding epoch i to date i', () => {
    // Dates at days 10, 20, 30 (tolerance 1 day); A is out of view from day 15 to day 25. Epoch
    // 2 takes day 30 rather than being lost with day 20.
    const [group] = scheduleTimeline({
      ...base,
      span: { startMs: 0, endMs: 40 * MS_PER_DAY },
      mode: 'period',
      idealMs: [10 * MS_PER_DAY, 20 * MS_PER_DAY, 30 * MS_PER_DAY],
      toleranceMs: MS_PER_DAY,
      windows: {
        A: [
          { startMs: 0, endMs: 15 * MS_PER_DAY },
          { startMs: 25 * MS_PER_DAY, endMs: 40 * MS_PER_DAY },
        ],
      },
      groups: [
        {
          target: 'A',
          epochs: [
            { durationMs: H, targets: ['A'] },
            { durationMs: H, targets: ['A'] },
          ],
        },
      ],
    });
    expect(group!.startsMs).toEqual([10 * MS_PER_DAY, 30 * MS_PER_DAY]);
    expect(group!.missedDates.map((missed) => missed.idealMs)).toEqual([20 * MS_PER_DAY]);
  });

  it('places the most epochs first: leaving out epoch 1 places three where dropping the last ones places two', () => {
    // The example: a 24-hour span, four 1-hour epochs of S (visible all day); epoch 1
    // also needs T, visible only from 22 h to 24 h. With epoch 1 at 22 h or 23 h at most one
    // more epoch fits after it; without it, epochs 2-4 fit and spread to the centres of three
    // equal slices of the day: 4 h, 12 h and 20 h (every gap 8 h, boundary gaps doubled).
    const epoch = { durationMs: H, targets: ['S'] };
    const [group] = scheduleTimeline({
      ...base,
      span: { startMs: 0, endMs: 24 * H },
      windows: { S: [{ startMs: 0, endMs: 24 * H }], T: [{ startMs: 22 * H, endMs: 24 * H }] },
      groups: [{ target: 'S', epochs: [{ durationMs: H, targets: ['S', 'T'] }, epoch, epoch, epoch] }],
    });
    expect(group!.startsMs).toEqual([null, 4 * H, 12 * H, 20 * H]);
    expect(group!.reasons[0]).toMatch(/at most 3 fit, and epoch 1 is left out/);
  });
});

describe('scheduleProgram on program 1539 with synthetic windows', () => {
  const program = loadBuiltInProgram();
  const span = cycleSpan(1);
  // One window a year with a gap from 2022-10-01 to 2023-01-01 (about what these stars have).
  const gapStart = parseInstant('2022-10-01');
  const gapEnd = parseInstant('2023-01-01');
  const yearly = [
    { startMs: span.startMs, endMs: gapStart },
    { startMs: gapEnd, endMs: span.endMs },
  ];
  const windows = { 'BD+60-1753': yearly, HD163466: yearly, 'HD163466-BKG': yearly };
  const schedule = scheduleProgram(program, { windows });

  it('places all 86 visits, each epoch block inside one window, kept 3 days from the edges', () => {
    expect(schedule.visits).toHaveLength(86);
    expect(schedule.unscheduled).toHaveLength(0);
    for (const visit of schedule.visits) {
      const inside = yearly.some(
        (w) =>
          (w.startMs === span.startMs || visit.startMs >= w.startMs + 3 * MS_PER_DAY) &&
          (w.endMs === span.endMs || visit.endMs <= w.endMs - 3 * MS_PER_DAY) &&
          visit.startMs >= w.startMs &&
          visit.endMs <= w.endMs,
      );
      expect(inside).toBe(true);
    }
  });

  it('crosses the invisible quarter with exactly one gap per target, the shortest possible', () => {
    const bd = schedule.objective!['BD+60-1753']!;
    expect(bd.mode).toBe('spread');
    if (bd.mode !== 'spread') return;
    // The widest gap must bridge 2022-10-01 .. 2023-01-01 plus the margins: at least 92 + 3 + 3 days,
    // reached when the last epoch before ends 3 days before the gap and the next starts 3 days
    // after it. The block (five visits at their published medians, 22:38 + 19:53 + 28:33 + 21:39
    // + 11:32, and four gaps of 6:33) is 7827 s; on the one-hour grid it starts 3 h before
    // that end.
    const first = schedule.visits.filter((v) => v.target === 'BD+60-1753' && v.epoch === 1);
    expect(Math.max(...first.map((v) => v.endMs)) - Math.min(...first.map((v) => v.startMs))).toBe(7827 * 1000);
    expect(bd.largestGapMs).toBe(98 * MS_PER_DAY + 3 * H);
    expect(bd.sortedGapsMs[1]!).toBeLessThan(bd.sortedGapsMs[0]!);
  });

  it('runs background visits right after their science visits, the published median gap (6:33) between', () => {
    const byObservation = new Map(schedule.visits.map((visit) => [visit.observation, visit]));
    for (let science = 63; science <= 85; science += 2) {
      expect(byObservation.get(science + 1)!.startMs).toBe(byObservation.get(science)!.endMs + 393_000);
    }
  });

  it('keeps fixed visits where they are and reports visits it cannot place', () => {
    const fixedStart = parseInstant('2022-08-01T05:00Z');
    const fixed = scheduleProgram(program, { windows, cadence: { mode: 'spread', fixed: [{ observation: 3, start: fixedStart }] } });
    const visit3 = fixed.visits.find((visit) => visit.observation === 3)!;
    expect(visit3.startMs).toBe(fixedStart);
    // Observations 1 and 2 (22:38 and 19:53, published medians) run before it in the same
    // block, each followed by the gap of 6:33.
    expect(fixed.visits.find((visit) => visit.observation === 1)!.startMs).toBe(fixedStart - (1358 + 1193 + 2 * 393) * 1000);

    const tiny = parseProgram(
      [
        '---',
        'id: 7',
        '---',
        '# 7 - T',
        '',
        '| Label | Observing Template | Science Target |',
        '|---|---|---|',
        '| A | MIRI Imaging | (1) S |',
        '',
      ].join('\n'),
    );
    const none = scheduleProgram(tiny, { windows: { S: [{ startMs: span.startMs + MS_PER_DAY, endMs: span.startMs + 2 * MS_PER_DAY }] } });
    expect(none.visits).toHaveLength(0);
    expect(none.unscheduled).toEqual([
      expect.objectContaining({ observation: 1, reason: expect.stringMatching(/fits in no visibility window of S with 3 days kept/) }),
    ]);
  });
});

describe('program 1539 in period mode, every 30 days within 7 days (windows from the default observer)', () => {
  const program = loadBuiltInProgram();
  const schedule = scheduleProgram(program, { cadence: { mode: 'period', period: 'P30D', tolerance: 'P7D' } });
  const span = cycleSpan(1);
  const DAY = MS_PER_DAY;
  // Ideal dates every 30 days from 2022-07-01: 13 in the 365-day cycle (0, 30, ..., 360 days).
  const ideal = Array.from({ length: 13 }, (_, m) => span.startMs + m * 30 * DAY);
  /**
   * Dates with room for a block of `hours` of every target in `targets`: some start within 7
   * days of the date keeps the block in one window of each, each edge's margin away from it
   * (none at edges that are the span's). Counted here from the windows alone, by stepping
   * through the tolerance window hour by hour (the scheduler's grid).
   */
  const marginAt = (edge: { marginMs: number } | undefined, atMs: number): number =>
    atMs === span.startMs || atMs === span.endMs ? 0 : (edge?.marginMs ?? schedule.marginMs ?? 0);
  const datesWithRoom = (targets: string[], hours: number): number[] =>
    ideal.filter((date) => {
      for (let t = date - 7 * DAY; t <= date + 7 * DAY; t += H) {
        const fits = targets.every((target) =>
          schedule.windows[target]!.some(
            (w) =>
              t >= Math.max(w.startMs + marginAt(w.startEdge, w.startMs), span.startMs) &&
              t + hours * H <= Math.min(w.endMs - marginAt(w.endEdge, w.endMs), span.endMs),
          ),
        );
        if (fits) return true;
      }
      return false;
    });
  const placedEpochs = (target: string) => new Set(schedule.visits.filter((v) => v.target === target).map((v) => v.epoch)).size;

  it('places one epoch on each date with room, in order: 11 of 12 for HD163466 (the date-bound rule placed 10), 11 of 13 for BD+60-1753', () => {
    const hd = datesWithRoom(['HD163466', 'HD163466-BKG'], 3);
    const bd = datesWithRoom(['BD+60-1753'], 6);
    expect(hd).toHaveLength(11);
    expect(bd).toHaveLength(11);
    expect(placedEpochs('HD163466')).toBe(Math.min(12, hd.length));
    expect(placedEpochs('BD+60-1753')).toBe(Math.min(13, bd.length));
    // The epochs placed are the first ones, each on the next date with room.
    const objective = schedule.objective!['HD163466']!;
    if (objective.mode !== 'period') throw new Error('period objective expected');
    const taken = objective.deviationsMs.flatMap((d, i) => {
      const visit = schedule.visits.find((v) => v.target === 'HD163466' && v.epoch === i + 1);
      return d === null || !visit ? [] : [visit.startMs - d];
    });
    expect(taken).toEqual(hd);
  });

  it('lists each skipped date in missedDates with its reason and nearest start, and the epochs left without a date', () => {
    const missed = (schedule.missedDates ?? []).filter((m) => m.target === 'HD163466');
    const hd = datesWithRoom(['HD163466', 'HD163466-BKG'], 3);
    expect(missed.map((m) => m.idealMs)).toEqual(ideal.filter((date) => !hd.includes(date)));
    for (const m of missed) {
      expect(m.reason).toMatch(
        /^ideal date \d{4}-\d{2}-\d{2} missed: HD163466 and HD163466-BKG not visible from .*; nearest possible start is [\d.]+ days (before|after)/,
      );
      expect(m.nearestStartMs).toBeDefined();
    }
    const leftOut = schedule.unscheduled.filter((v) => v.target === 'HD163466');
    expect(leftOut.map((v) => v.epoch)).toEqual([12]);
    // The terminal calendar lists them too, one line a date.
    const text = scheduleToCalendarText(schedule);
    const section = text.slice(text.indexOf('Ideal dates missed'), text.indexOf('Not scheduled'));
    expect(section.split('\n').filter((line) => line.startsWith('  HD163466: ideal date'))).toHaveLength(missed.length);
    expect(leftOut[0]!.reason).toMatch(/no ideal date is left for epoch 12 of HD163466: the cadence has 13 dates in the span, 11 taken/);
  });
});

describe('displacement and the hooks for re-planning', () => {
  it("names, in a scheduled program, the target whose visits took an epoch's time", () => {
    const text = [
      '---',
      'id: 8',
      '---',
      '# 8 - Two stars',
      '',
      '| Label | Observing Template | Science Target |',
      '|---|---|---|',
      '| A | MIRI Imaging | (1) S1 |',
      '| B | MIRI Imaging | (2) S2 |',
      '',
    ].join('\n');
    // Both stars are visible only from 10 h to 11 h of a 100-hour span, room for one 1-hour visit.
    const only = [{ startMs: 10 * H, endMs: 11 * H }];
    // One hour a visit (the durations option), so that the window holds one visit only.
    const schedule = scheduleProgram(parseProgram(text, { durations: { 'MIRI Imaging': 1 } }), {
      windows: { S1: only, S2: only },
      cadence: { mode: 'spread', span: { start: 0, end: 100 * H }, margin: 0 },
    });
    expect(schedule.visits.map((v) => v.target)).toEqual(['S1']);
    expect(schedule.unscheduled).toEqual([
      expect.objectContaining({
        observation: 2,
        displacedBy: ['S1'],
        reason: expect.stringMatching(/displaced: the time it needs is taken by visits of S1/),
      }),
    ]);
  });

  it('keeps free epochs at or after notBeforeMs, fixed ones where they are', () => {
    const epoch = { durationMs: H, targets: ['A'] };
    const [group] = scheduleTimeline({
      ...base,
      notBeforeMs: 60 * H,
      windows: { A: [{ startMs: 0, endMs: 100 * H }] },
      groups: [{ target: 'A', epochs: [{ ...epoch, fixedStartMs: 5 * H }, epoch] }],
    });
    expect(group!.startsMs[0]).toBe(5 * H);
    // The second epoch, at t >= 60 h: gaps 10 (start, doubled), t - 5 and 2 (100 - t). The two
    // last balance at t = 68.33 h; 68 h gives (64, 63), 69 h gives (64, 62): leximax takes 69 h.
    expect(group!.startsMs[1]).toBe(69 * H);
  });

  it('takes fixed epochs before the span (history) and places the rest inside it, in both modes', () => {
    const epoch = { durationMs: H, targets: ['A'] };
    for (const mode of ['spread', 'period'] as const) {
      const [group] = scheduleTimeline({
        ...base,
        mode,
        idealMs: mode === 'period' ? [30 * H, 60 * H, 90 * H] : [],
        toleranceMs: mode === 'period' ? 5 * H : 0,
        windows: { A: [{ startMs: 0, endMs: 100 * H }] },
        groups: [{ target: 'A', epochs: [{ ...epoch, fixedStartMs: -20 * H }, epoch, epoch] }],
      });
      expect(group!.startsMs[0]).toBe(-20 * H);
      for (const start of group!.startsMs.slice(1)) {
        expect(start).not.toBeNull();
        expect(start!).toBeGreaterThanOrEqual(0);
        expect(start! + H).toBeLessThanOrEqual(100 * H);
      }
    }
  });

  it('answers whether one epoch may move to an instant, with every other epoch where it is', () => {
    const input: TimelineInput = {
      ...base,
      windows: {
        A: [
          { startMs: 0, endMs: 50 * H },
          { startMs: 60 * H, endMs: 100 * H },
        ],
        B: [{ startMs: 20 * H, endMs: 30 * H }],
      },
      groups: [
        {
          target: 'A',
          epochs: [
            { durationMs: H, targets: ['A'] },
            { durationMs: H, targets: ['A'] },
          ],
        },
        { target: 'B', epochs: [{ durationMs: 2 * H, targets: ['B'] }] },
      ],
    };
    const placements = scheduleTimeline(input);
    // B alone would sit at the span's centre; its window ends at 30 h, so its 2-hour block starts
    // at 28 h. A's epochs at the centres of two equal slices, 25 h and 75 h, miss it.
    expect(placements.map((g) => g.startsMs)).toEqual([[25 * H, 75 * H], [28 * H]]);
    expect(epochStartProblems(input, placements, 0, 0, 25 * H)).toEqual([]);
    expect(epochStartProblems(input, placements, 0, 0, 40.5 * H)).toEqual([]);
    expect(epochStartProblems(input, placements, 0, 0, 55 * H)).toEqual([
      expect.stringMatching(/does not lie in the span and in one window of A/),
    ]);
    expect(epochStartProblems(input, placements, 0, 0, 28.5 * H)).toEqual([expect.stringMatching(/overlaps epoch 1 of B/)]);
    expect(epochStartProblems(input, placements, 0, 0, 75.5 * H)).toEqual([
      expect.stringMatching(/overlaps epoch 2 of A/),
      expect.stringMatching(/gap to epoch 2 would be/),
    ]);
  });
});
