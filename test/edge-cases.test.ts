/**
 * Edge cases of the scheduler, the outputs and the specification that once went wrong:
 * each test states the behaviour the documentation promises.
 */
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../src/advanced.js';
import {
  cadenceGaps,
  loadBuiltInProgram,
  parseCadenceSpec,
  parseProgram,
  scheduleProgram,
  scheduleTimeline,
  scheduleToApt,
} from '../src/advanced.js';

const H = 3_600_000;
const DAY = 24 * H;

describe('gap bounds give way before epochs do', () => {
  it('places as many epochs as without bounds and says the bounds were dropped', () => {
    // Windows 0-100 d and 200-365 d; 50 blocks of 6 days. A 30-day bound cannot hold across
    // the 100-day invisible stretch, so the bound is dropped, not the epochs.
    const input = (maxGapMs: number) => ({
      span: { startMs: 0, endMs: 365 * DAY },
      gridMs: DAY,
      marginMs: 0,
      minGapMs: 0,
      maxGapMs,
      windows: {
        S: [
          { startMs: 0, endMs: 100 * DAY },
          { startMs: 200 * DAY, endMs: 365 * DAY },
        ],
      },
      mode: 'spread' as const,
      idealMs: [],
      toleranceMs: 0,
      groups: [{ target: 'S', epochs: Array.from({ length: 50 }, () => ({ durationMs: 6 * DAY, targets: ['S'] })) }],
    });
    const placed = (result: ReturnType<typeof scheduleTimeline>) => result[0]!.startsMs.filter((t) => t !== null).length;
    const free = scheduleTimeline(input(Infinity));
    const bounded = scheduleTimeline(input(30 * DAY));
    // 100 d / 6 d = 16 blocks in the first window, 165 d / 6 d = 27 in the second.
    expect(placed(free)).toBe(16 + 27);
    expect(placed(bounded)).toBe(placed(free));
    expect(bounded[0]!.notes.join(' ')).toMatch(/placed without those bounds/);
  });
});

describe('fixed visits', () => {
  it('refuses a fixed visit whose epoch block would start before the span', () => {
    // Observation 2 is the second visit of epoch 1; its block starts one visit (22:38, the
    // published median) and one gap (6:33) earlier, before the span.
    expect(() =>
      scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', fixed: [{ observation: 2, start: '2022-07-01T00:20Z' }] } }),
    ).toThrow(/cadence.fixed.0.start: .*partly outside the span/);
  });

  it('leaves out only the epoch that cannot come before a fixed one', () => {
    // Epoch 2 of BD+60-1753 (observations 6-10) fixed at the very start: only epoch 1 (5 visits) cannot precede it.
    const schedule = scheduleProgram(loadBuiltInProgram(), {
      cadence: { mode: 'spread', fixed: [{ observation: 6, start: '2022-07-01T00:00Z' }] },
    });
    expect(schedule.unscheduled.map((v) => v.observation)).toEqual([1, 2, 3, 4, 5]);
    expect(schedule.unscheduled[0]!.reason).toMatch(/no visible start in order with fixed epoch 2/);
    expect(schedule.visits).toHaveLength(81);
  });
});

describe('specification and program input', () => {
  it('refuses a recurrence rule with a bad BYDAY', () => {
    expect(() => parseCadenceSpec({ mode: 'period', rrule: 'FREQ=WEEKLY;BYDAY=XX' })).toThrow(/cadence.rrule: .*is not an RFC 5545 rule/);
  });

  it('refuses an observations table with no rows, naming its line', () => {
    const text = '---\nid: 1\nprogram_title: "x"\n---\n# 1 - x\n| Label | Observing Template | Science Target |\n|---|---|---|\n';
    expect(() => parseProgram(text, { source: 'empty.md' })).toThrow(/empty.md line 6: the observations table has no rows/);
  });

  it('names the table line of a target the catalogue lacks', () => {
    const text =
      '---\nid: 2\nprogram_title: "x"\n---\n# 2 - x\n| Label | Observing Template | Science Target |\n|---|---|---|\n| A | NIRCam Imaging | (1) VEGA |\n';
    expect(() => scheduleProgram(parseProgram(text, { source: 'vega.md' }))).toThrow(
      /vega.md line 8: target "VEGA" is not in the catalogue/,
    );
  });
});

describe('outputs', () => {
  it('APT groups only visits that run back to back', () => {
    const visit = (observation: number, startDay: number) => ({
      observation,
      label: `v${observation}`,
      template: 'NIRCam Imaging',
      instrument: 'NIRCam',
      target: 'S',
      series: 'S / NIRCam Imaging',
      epoch: 1,
      startMs: startDay * DAY,
      endMs: startDay * DAY + H,
      window: { startMs: 0, endMs: 365 * DAY },
    });
    const schedule: Schedule = {
      program: { id: '7', title: 't' },
      span: { startMs: 0, endMs: 365 * DAY },
      mode: 'spread',
      // Observations 1 and 2 share an epoch number and follow each other, 13 days apart.
      visits: [visit(1, 10), visit(2, 23)],
      unscheduled: [],
      windows: { S: [{ startMs: 0, endMs: 365 * DAY }] },
    };
    expect(scheduleToApt(schedule)).not.toMatch(/GROUP\/SEQUENCE OBSERVATIONS 1-2/);
  });

  it('a gap partly out of view reports how much of it was in view', () => {
    const schedule = scheduleProgram(loadBuiltInProgram());
    for (const gap of cadenceGaps(schedule).targets.flatMap((r) => r.gaps)) {
      expect(gap.visibleDays + gap.invisibleDays).toBeCloseTo(gap.days, 9);
      expect(gap.forced).toBe(gap.invisibleDays > 0);
    }
  });
});
