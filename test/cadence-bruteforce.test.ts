/**
 * The scheduler against brute force: on small random instances every placement on the grid
 * is enumerated, and the scheduler must reach the best objective with the earliest starts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scheduleTimeline, type TimeInterval } from '../src/cadence/index.js';
import { solveSpread } from '../src/cadence/spread.js';

const H = 3_600_000;

interface Instance {
  gridHours: number;
  marginHours: number;
  windows: TimeInterval[][];
  durations: number[][];
  minGapHours: number;
  maxGapHours: number;
}

/** Sorted disjoint windows in hours (edges on half hours), from random cut points. */
const windowsArb = (hours: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 2 * hours }), { minLength: 2, maxLength: 6 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const out: TimeInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ startMs: (sorted[i]! / 2) * H, endMs: (sorted[i + 1]! / 2) * H });
    return out.filter((w) => w.endMs > w.startMs);
  });

const instanceArb: fc.Arbitrary<Instance> = fc.integer({ min: 6, max: 16 }).chain((gridHours) =>
  fc.record({
    gridHours: fc.constant(gridHours),
    marginHours: fc.constantFrom(0, 0, 1),
    windows: fc.array(windowsArb(gridHours), { minLength: 2, maxLength: 2 }),
    durations: fc.array(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 2 }),
    minGapHours: fc.constantFrom(0, 0, 2),
    maxGapHours: fc.constantFrom(Infinity, Infinity, 6),
  }),
);

/** Whether a block [t, t + d) fits a window with the margin (none at edges that are the span's). */
function fits(t: number, d: number, windows: readonly TimeInterval[], margin: number, spanEnd: number, busy: readonly TimeInterval[]): boolean {
  if (t < 0 || t + d > spanEnd) return false;
  if (busy.some((b) => t < b.endMs && t + d > b.startMs)) return false;
  return windows.some(
    (w) => t >= w.startMs + (w.startMs === 0 ? 0 : margin) && t + d <= w.endMs - (w.endMs === spanEnd ? 0 : margin),
  );
}

function sortedDesc(values: number[]): number[] {
  return [...values].sort((a, b) => b - a);
}

function lexCompare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * All chains of grid starts, in lexicographic order of the start vector; returns the first
 * one with the least objective (objective given as a vector compared lexicographically).
 */
function bruteForce(
  durations: number[],
  allowed: (i: number, t: number) => boolean,
  gridCount: number,
  minGap: number,
  maxGap: number,
  objective: (starts: number[]) => number[],
): number[] | null {
  let best: { starts: number[]; value: number[] } | null = null;
  const walk = (i: number, starts: number[]) => {
    if (i === durations.length) {
      const value = objective(starts);
      if (!best || lexCompare(value, best.value) < 0) best = { starts: [...starts], value };
      return;
    }
    for (let k = 0; k < gridCount; k += 1) {
      const t = k * H;
      if (!allowed(i, t)) continue;
      if (i > 0) {
        const gap = t - starts[i - 1]!;
        if (gap < Math.max(durations[i - 1]!, minGap) || gap > maxGap) continue;
      }
      starts.push(t);
      walk(i + 1, starts);
      starts.pop();
    }
  };
  walk(0, []);
  return best === null ? null : (best as { starts: number[] }).starts;
}

describe('spread placement equals brute force', () => {
  it('reaches the least sorted gap vector with the earliest starts, for each of two targets in turn', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const spanEnd = instance.gridHours * H;
        const margin = instance.marginHours * H;
        const minGap = instance.minGapHours * H;
        const maxGap = instance.maxGapHours * H;
        const targets = ['A', 'B'];
        const result = scheduleTimeline({
          span: { startMs: 0, endMs: spanEnd },
          gridMs: H,
          marginMs: margin,
          minGapMs: minGap,
          maxGapMs: maxGap,
          windows: { A: instance.windows[0]!, B: instance.windows[1]! },
          groups: targets.map((target, g) => ({
            target,
            epochs: instance.durations[g]!.map((hours) => ({ durationMs: hours * H, targets: [target] })),
          })),
          mode: 'spread',
          idealMs: [],
          toleranceMs: 0,
        });
        const busy: TimeInterval[] = [];
        targets.forEach((_, g) => {
          const durations = instance.durations[g]!.map((hours) => hours * H);
          const objective = (starts: number[]) => {
            const gaps = [2 * starts[0]!, ...starts.slice(1).map((t, i) => t - starts[i]!), 2 * (spanEnd - starts[starts.length - 1]!)];
            return sortedDesc(gaps);
          };
          const expected = bruteForce(
            durations,
            (i, t) => fits(t, durations[i]!, instance.windows[g]!, margin, spanEnd, busy),
            instance.gridHours,
            minGap,
            maxGap,
            objective,
          );
          const placed = result[g]!.startsMs;
          if (expected) {
            expect(placed).toEqual(expected);
            if (result[g]!.objective.mode === 'spread') expect(result[g]!.objective.sortedGapsMs).toEqual(objective(expected));
          } else {
            expect(placed.some((start) => start === null) || result[g]!.notes.length > 0).toBe(true);
          }
          placed.forEach((start, i) => {
            if (start !== null) busy.push({ startMs: start, endMs: start + durations[i]! });
          });
        });
      }),
      { numRuns: 300, seed: 1539 },
    );
  });
});

describe('period placement equals brute force', () => {
  it('reaches the least largest deviation, then the least sum of squares, with the earliest starts', () => {
    fc.assert(
      fc.property(
        instanceArb,
        fc.array(fc.integer({ min: 0, max: 32 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (instance, idealHalfHours, toleranceHours) => {
          const spanEnd = instance.gridHours * H;
          const margin = instance.marginHours * H;
          const ideal = [...idealHalfHours].sort((a, b) => a - b).map((x) => (x / 2) * H);
          const durations = instance.durations[0]!.map((hours) => hours * H);
          const [group] = scheduleTimeline({
            span: { startMs: 0, endMs: spanEnd },
            gridMs: H,
            marginMs: margin,
            minGapMs: 0,
            maxGapMs: Infinity,
            windows: { A: instance.windows[0]! },
            groups: [{ target: 'A', epochs: durations.map((durationMs) => ({ durationMs, targets: ['A'] })) }],
            mode: 'period',
            idealMs: ideal,
            toleranceMs: toleranceHours * H,
          });
          const expected = bruteForce(
            durations,
            (i, t) => fits(t, durations[i]!, instance.windows[0]!, margin, spanEnd, []) && Math.abs(t - ideal[i]!) <= toleranceHours * H,
            instance.gridHours,
            0,
            Infinity,
            (starts) => {
              const deviations = starts.map((t, i) => (t - ideal[i]!) / 1000);
              return [Math.max(...deviations.map(Math.abs)), deviations.reduce((s, d) => s + d * d, 0)];
            },
          );
          if (expected) expect(group!.startsMs).toEqual(expected);
          else expect(group!.startsMs.some((start) => start === null)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('solveSpread with count vectors over several words', () => {
  it('equals brute force when each word holds a single level (the path used beyond 13 levels)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 14 }),
        fc.array(fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }), { minLength: 2, maxLength: 4 }),
        (gridHours, masks) => {
          const spanEnd = gridHours * H;
          const candidates = masks.map((mask) =>
            Float64Array.from(mask.slice(0, gridHours).flatMap((on, k) => (on ? [k * H] : []))),
          );
          const durations = masks.map(() => H);
          const objective = (starts: number[]) =>
            sortedDesc([2 * starts[0]!, ...starts.slice(1).map((t, i) => t - starts[i]!), 2 * (spanEnd - starts[starts.length - 1]!)]);
          const expected = bruteForce(durations, (i, t) => candidates[i]!.includes(t), gridHours, 0, Infinity, objective);
          const solution = solveSpread({
            spanStartMs: 0,
            spanEndMs: spanEnd,
            candidates,
            durationsMs: durations,
            minGapMs: 0,
            maxGapMs: Infinity,
            gridMs: H,
            digitsPerWord: 1,
          });
          expect(solution?.startsMs ?? null).toEqual(expected);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
