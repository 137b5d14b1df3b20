import { describe, expect, it } from 'vitest';
import { cadenceGaps, scheduleProgram } from '../../src/cadence/face.js';
import type { Schedule, ScheduledVisit } from '../../src/cadence/index.js';
import { loadBuiltInProgram } from '../../src/program/face.js';

import { cycleSpan } from '../../src/time/cycles.js';
import { MS_PER_DAY, MS_PER_HOUR } from '../../src/time/instant.js';

const D = MS_PER_DAY;

function visit(observation: number, startDay: number, epoch: number, series = 'T / MIRI Imaging', target = 'T'): ScheduledVisit {
  return {
    observation,
    label: `v${observation}`,
    template: 'MIRI Imaging',
    instrument: 'MIRI',
    target,
    series,
    epoch,
    startMs: startDay * D,
    endMs: startDay * D + MS_PER_HOUR,
    window: startDay < 10 ? { startMs: 0, endMs: 10 * D } : { startMs: 20 * D, endMs: 40 * D },
  };
}

/** Target T visible in [0, 10 d) and [20 d, 40 d); visits on days 1, 5, 25 and 30. */
const schedule: Schedule = {
  program: { id: '1', title: 't' },
  span: { startMs: 0, endMs: 40 * D },
  mode: 'spread',
  visits: [visit(1, 1, 1), visit(2, 5, 2), visit(3, 25, 3), visit(4, 30, 4)],
  unscheduled: [],
  windows: {
    T: [
      { startMs: 0, endMs: 10 * D },
      { startMs: 20 * D, endMs: 40 * D },
    ],
  },
};

describe('cadenceGaps', () => {
  it('lists every gap with its statistics and says which ones visibility forced', () => {
    const [series] = cadenceGaps(schedule).series;
    expect(series!.gaps.map((gap) => gap.days)).toEqual([4, 20, 5]);
    // Days 5 to 25 include the invisible days 10 to 20; the other gaps are all visible.
    expect(series!.gaps.map((gap) => gap.forced)).toEqual([false, true, false]);
    expect(series!.gaps[1]!.invisibleDays).toBe(10);
    expect(series!.minDays).toBe(4);
    expect(series!.maxDays).toBe(20);
    expect(series!.meanDays).toBeCloseTo(29 / 3, 12);
    const mean = 29 / 3;
    expect(series!.stdDays).toBeCloseTo(Math.sqrt(((4 - mean) ** 2 + (20 - mean) ** 2 + (5 - mean) ** 2) / 3), 12);
  });

  it('reports gaps outside the bounds', () => {
    const check = cadenceGaps(schedule, { minGapDays: 4.5, maxGapDays: 10 });
    const [target] = check.targets;
    expect(target!.violations.map((gap) => [gap.days, gap.violation])).toEqual([
      [4, 'below-min'],
      [20, 'above-max'],
    ]);
  });

  it('measures per target between epochs, per series between visits', () => {
    const mixed: Schedule = {
      ...schedule,
      visits: [visit(1, 1, 1, 'T / A'), visit(2, 1.5, 1, 'T / B'), visit(3, 5, 2, 'T / A'), visit(4, 5.5, 2, 'T / B')],
    };
    const check = cadenceGaps(mixed);
    expect(check.series.map((report) => report.gaps.map((gap) => gap.days))).toEqual([[4], [4]]);
    expect(check.targets[0]!.startsMs).toEqual([1 * D, 5 * D]);
    expect(cadenceGaps({ ...schedule, visits: [visit(1, 1, 1)] }).series[0]!.meanDays).toBeNull();
  });

  it('refuses bad bounds, naming them', () => {
    expect(() => cadenceGaps(schedule, { minGapDays: 10, maxGapDays: 5 })).toThrow(
      /gaps\.minGapDays: minGapDays must not exceed maxGapDays/,
    );
    expect(() => cadenceGaps(schedule, { maxGapDays: -1 })).toThrow(/gaps\.maxGapDays/);
  });

  it('finds the one forced gap per target of program 1539 across its invisible quarter', () => {
    const span = cycleSpan(1);
    const gapStart = Date.UTC(2022, 9, 1);
    const gapEnd = Date.UTC(2023, 0, 1);
    const yearly = [
      { startMs: span.startMs, endMs: gapStart },
      { startMs: gapEnd, endMs: span.endMs },
    ];
    const result = scheduleProgram(loadBuiltInProgram(), { windows: { 'BD+60-1753': yearly, HD163466: yearly, 'HD163466-BKG': yearly } });
    const check = cadenceGaps(result);
    for (const report of check.targets) {
      expect(report.gaps.filter((gap) => gap.forced)).toHaveLength(1);
      expect(report.gaps.find((gap) => gap.forced)!.invisibleDays).toBe(92);
    }
  });
});
