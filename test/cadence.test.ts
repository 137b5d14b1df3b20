import { describe, expect, it } from 'vitest';
import { parseCadenceSpec, scheduleProgram, scheduleTimeline, type TimelineInput } from '../src/cadence/index.js';
import { solvePeriod } from '../src/cadence/period.js';
import { solveSpread } from '../src/cadence/spread.js';
import { loadBuiltInProgram, parseProgram } from '../src/program/index.js';
import { cycleSpan } from '../src/time/cycles.js';
import { MS_PER_DAY, MS_PER_HOUR, parseInstant } from '../src/time/instant.js';

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
    expect(() => parseCadenceSpec({ mode: 'spread', fixed: [{ observation: 1, start: '2022-08-01' }], span: { start: '2022-07-01Z', end: 'x' } })).toThrow(
      /cadence\.span\.end/,
    );
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
        gridMs: H,
      })!;
      expect(solution.startsMs).toEqual(Array.from({ length: n }, (_, i) => (2 * i + 1) * 10 * H));
      expect(solution.sortedGapsMs).toEqual(Array.from({ length: n + 1 }, () => 20 * H));
    }
  });

  it('returns null when the epochs cannot be placed in order', () => {
    const one = Float64Array.of(5 * H);
    expect(
      solveSpread({ spanStartMs: 0, spanEndMs: 10 * H, candidates: [one, one], durationsMs: [H, H], minGapMs: 0, maxGapMs: Infinity, gridMs: H }),
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
      fixed: [false, false],
      durationsMs: [3 * H, 3 * H],
      minGapMs: 0,
      maxGapMs: Infinity,
    })!;
    expect(solution.startsMs).toEqual([9 * H, 12 * H]);
    expect(solution.maxDeviationMs).toBe(H);
  });
});

describe('scheduleTimeline', () => {
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

  it('reports a missed ideal date with the nearest possible start', () => {
    const [group] = scheduleTimeline({
      ...base,
      span: { startMs: 0, endMs: 100 * MS_PER_DAY },
      mode: 'period',
      idealMs: [10 * MS_PER_DAY, 50 * MS_PER_DAY],
      toleranceMs: 2 * MS_PER_DAY,
      windows: { A: [{ startMs: 0, endMs: 30 * MS_PER_DAY }, { startMs: 89 * MS_PER_DAY, endMs: 100 * MS_PER_DAY }] },
      groups: [{ target: 'A', epochs: [{ durationMs: H, targets: ['A'] }, { durationMs: H, targets: ['A'] }] }],
    });
    expect(group!.startsMs).toEqual([10 * MS_PER_DAY, null]);
    expect(group!.reasons[1]).toBe(
      'ideal date 1970-02-20 missed: A not visible from 1970-02-18 to 1970-02-22; nearest possible start is 20.04 days before the ideal date (1970-01-30)',
    );
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
    // reached when the last epoch before ends 3 days before the gap (block of 6 h) and the next
    // starts 3 days after it.
    expect(bd.largestGapMs).toBe(98 * MS_PER_DAY + 6 * H);
    expect(bd.sortedGapsMs[1]!).toBeLessThan(bd.sortedGapsMs[0]!);
  });

  it('runs background visits right after their science visits', () => {
    const byObservation = new Map(schedule.visits.map((visit) => [visit.observation, visit]));
    for (let science = 63; science <= 85; science += 2) {
      expect(byObservation.get(science + 1)!.startMs).toBe(byObservation.get(science)!.endMs);
    }
  });

  it('keeps fixed visits where they are and reports visits it cannot place', () => {
    const fixedStart = parseInstant('2022-08-01T05:00Z');
    const fixed = scheduleProgram(program, { windows, cadence: { mode: 'spread', fixed: [{ observation: 3, start: fixedStart }] } });
    const visit3 = fixed.visits.find((visit) => visit.observation === 3)!;
    expect(visit3.startMs).toBe(fixedStart);
    // Observations 1 and 2 (1 h each) run before it in the same block.
    expect(fixed.visits.find((visit) => visit.observation === 1)!.startMs).toBe(fixedStart - 2 * H);

    const tiny = parseProgram(
      ['---', 'id: 7', '---', '# 7 - T', '', '| Label | Observing Template | Science Target |', '|---|---|---|', '| A | MIRI Imaging | (1) S |', ''].join('\n'),
    );
    const none = scheduleProgram(tiny, { windows: { S: [{ startMs: span.startMs + MS_PER_DAY, endMs: span.startMs + 2 * MS_PER_DAY }] } });
    expect(none.visits).toHaveLength(0);
    expect(none.unscheduled).toEqual([
      expect.objectContaining({ observation: 1, reason: expect.stringMatching(/fits in no visibility window of S with 3 days kept/) }),
    ]);
  });
});
