/**
 * The scheduler's stages read only the busy time near each window: the answers are those of a
 * reading of all of it. Each shortcut is held against a plain computation over everything.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedEpochStarts, epochSlack, scheduleTimeline } from '../../src/cadence/face.js';
import type { TimelineInput } from '../../src/cadence/index.js';
import { candidateStarts } from '../../src/cadence/starts.js';
import { firstIndexWhere, firstStartingAfter, firstStartingFrom } from '../../src/sorted.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../src/time/instant.js';

const H = MS_PER_HOUR;

describe('firstIndexWhere', () => {
  it('finds the first index past a value in any sorted array, as a scan does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 })), fc.integer({ min: -25, max: 25 }), (values, t) => {
        const sorted = [...values].sort((a, b) => a - b).map((startMs) => ({ startMs }));
        const scanFrom = sorted.findIndex((x) => x.startMs >= t);
        const scanAfter = sorted.findIndex((x) => x.startMs > t);
        expect(firstStartingFrom(sorted, t)).toBe(scanFrom < 0 ? sorted.length : scanFrom);
        expect(firstStartingAfter(sorted, t)).toBe(scanAfter < 0 ? sorted.length : scanAfter);
        expect(firstIndexWhere(sorted.length, () => true)).toBe(0);
      }),
    );
  });
});

/** Busy time: up to 60 blocks of 10 minutes to 2 days, anywhere in a 60-day span. */
const busyArb = fc.array(
  fc.record({ startH: fc.integer({ min: 0, max: 60 * 24 }), lengthMin: fc.integer({ min: 10, max: 2 * 24 * 60 }) }),
  { maxLength: 60 },
);

describe('candidateStarts with the busy time sorted and its longest block given', () => {
  it('offers the same starts as when it checks and measures the busy time itself', () => {
    fc.assert(
      fc.property(busyArb, fc.integer({ min: 10, max: 24 * 60 }), (raw, durationMin) => {
        const busy = raw
          .map(({ startH, lengthMin }) => ({ startMs: startH * H, endMs: startH * H + lengthMin * MS_PER_MINUTE }))
          .sort((a, b) => a.startMs - b.startMs);
        const longest = busy.reduce((m, b) => Math.max(m, b.endMs - b.startMs), 0);
        const context = {
          span: { startMs: 0, endMs: 60 * MS_PER_DAY },
          gridMs: H,
          marginMs: 0,
          windows: {
            S: [
              { startMs: 2 * MS_PER_DAY, endMs: 20 * MS_PER_DAY },
              { startMs: 30 * MS_PER_DAY, endMs: 59 * MS_PER_DAY },
            ],
          },
          busy,
        };
        const block = { durationMs: durationMin * MS_PER_MINUTE, targets: ['S'] };
        expect(Array.from(candidateStarts(block, { ...context, busyLongestMs: longest }))).toEqual(
          Array.from(candidateStarts(block, context)),
        );
      }),
    );
  });
});

/**
 * The slack by its definition, from all the allowed starts: step from the start one grid step
 * (or minute) at a time while the next step is allowed.
 */
function slackByStepping(
  allowed: readonly { startMs: number; endMs: number }[],
  startMs: number,
  stepMs: number,
): { earliestMs: number; latestMs: number } {
  const isAllowed = (t: number): boolean => allowed.some((range) => range.startMs <= t && t <= range.endMs);
  if (!isAllowed(startMs)) return { earliestMs: startMs, latestMs: startMs };
  let latestMs = startMs;
  while (isAllowed(latestMs + stepMs)) latestMs += stepMs;
  let earliestMs = startMs;
  while (isAllowed(earliestMs - stepMs)) earliestMs -= stepMs;
  return { earliestMs, latestMs };
}

describe('epochSlack reads only the blocks near the epoch', () => {
  it('is the run of allowed starts by its definition, runs of hours to weeks alike', () => {
    // Three targets, windows of 1 to 50 days in a 60-day span, epochs of one hour to one day:
    // runs shorter and longer than the first reach of the look-around (4 days).
    const windowArb = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 6 }).map((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const out: { startMs: number; endMs: number }[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ startMs: sorted[i]! * MS_PER_DAY, endMs: sorted[i + 1]! * MS_PER_DAY });
      return out;
    });
    const groupArb = fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.tuple(windowArb, windowArb, windowArb), fc.tuple(groupArb, groupArb, groupArb), (windows, hours) => {
        const names = ['A', 'B', 'C'];
        const input: TimelineInput = {
          span: { startMs: 0, endMs: 60 * MS_PER_DAY },
          gridMs: H,
          marginMs: 0,
          minGapMs: 0,
          maxGapMs: Infinity,
          mode: 'spread',
          idealMs: [],
          toleranceMs: 0,
          windows: Object.fromEntries(names.map((name, i) => [name, windows[i]!])),
          groups: names.map((name, i) => ({ target: name, epochs: hours[i]!.map((h) => ({ durationMs: h * H, targets: [name] })) })),
        };
        const placements = scheduleTimeline(input);
        placements.forEach((placement, g) => {
          placement.startsMs.forEach((start, k) => {
            if (start === null) return;
            const slack = epochSlack(input, placements, g, k)!;
            const expected = slackByStepping(allowedEpochStarts(input, placements, g, k), start, slack.stepMs);
            expect({ earliestMs: slack.earliestMs, latestMs: slack.latestMs }).toEqual(expected);
          });
        });
      }),
      { numRuns: 60 },
    );
  });
});
