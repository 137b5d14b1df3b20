/**
 * A note where a constraint squeezes a spread cadence: the figures from dates stated here, and
 * the command line's example (an orientation that leaves one month of a year).
 */
import { describe, expect, it } from 'vitest';
import type { ScheduledVisit } from '../../src/cadence/schedule.js';
import { SQUEEZE_NOTE_PREFIX, squeezeNotes } from '../../src/cadence/squeeze.js';
import { cli } from '../support/cli.js';

const DAY = 86_400_000;
const H = 3_600_000;
const span = { startMs: 0, endMs: 365 * DAY };
/** One-hour visits of target S, one an epoch, at the given days. */
const visitsAt = (dayList: readonly number[], target = 'S'): ScheduledVisit[] =>
  dayList.map((day, i) => ({
    observation: i + 1,
    label: `v${i + 1}`,
    template: 'T',
    instrument: 'I',
    target,
    series: `${target} / T`,
    epoch: i + 1,
    startMs: day * DAY,
    endMs: day * DAY + H,
    window: { startMs: 0, endMs: 200 * DAY },
  }));
// S is visible 200 days of the span.
const windows = { S: [{ startMs: 0, endMs: 200 * DAY }] };

describe('squeezed cadence notes', () => {
  it('notes epochs spanning less than half the visible days, with the figures', () => {
    // Four epochs at days 10, 11, 12 and 14: 4 days and 1 hour of 200 (2%), gaps 1, 1, 2 (median 1).
    const notes = squeezeNotes(visitsAt([10, 11, 12, 14]), windows, span);
    expect(notes).toEqual([
      `${SQUEEZE_NOTE_PREFIX} S's 4 epochs span 4.0 days of the 200.0 it is visible in the span (2%; noted below 50%), gaps of 1.0 to 2.0 days, median 1.0: a constraint (an orientation, narrow windows) leaves its epochs little room.`,
    ]);
  });

  it('says nothing at half or more, with two epochs, or for failed visits', () => {
    expect(squeezeNotes(visitsAt([0, 50, 100]), windows, span)).toEqual([]); // 100 days of 200: half
    expect(squeezeNotes(visitsAt([10, 11]), windows, span)).toEqual([]);
    const failed = visitsAt([10, 11, 12]).map((visit, i) => (i === 2 ? { ...visit, status: 'failed' as const } : visit));
    expect(squeezeNotes(failed, windows, span)).toEqual([]);
  });

  it('schedule --v3pa HD163466=100:120: exit 0, and the calendar says the 12 epochs fall in about a month, 2.8 days apart', async () => {
    const run = await cli('schedule', '--v3pa', 'HD163466=100:120');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const warning = lines.slice(0, 8).find((line) => line.startsWith(`Warning: ${SQUEEZE_NOTE_PREFIX} HD163466's`));
    expect(warning).toBeDefined();
    // V3PA 100..120 is reachable for about a month of the year (the window the issue names:
    // 31 days); 12 epochs in it leave 11 gaps of about 31/11 = 2.8 days.
    const [, epochs, spanned, visible] = /(\d+) epochs span ([\d.]+) days of the ([\d.]+)/.exec(warning!)!.map(Number);
    expect(epochs).toBe(12);
    expect(spanned).toBeGreaterThan(28);
    expect(spanned).toBeLessThan(35);
    expect(visible).toBeGreaterThan(250);
    // Whole-hour starts round the gaps apart a little (2.8 to 2.9 days); their median is 31/11.
    const median = Number(
      /gaps of [\d.]+(?: to [\d.]+)? days(?:, median ([\d.]+))?/.exec(warning!)![1] ?? /gaps of ([\d.]+)/.exec(warning!)![1],
    );
    expect(median).toBeCloseTo(spanned! / (epochs! - 1), 1);
    expect(median).toBe(2.8);
  });
});
