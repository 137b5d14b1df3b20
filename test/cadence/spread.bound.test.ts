/**
 * The spread solver's state grows with the square of a target's epochs (a digit vector per
 * epoch and candidate, its length growing with the epochs): program 1539's table repeated to
 * 10,000 rows grew past 22 GB and was killed with no message. A chain whose state would pass
 * MAX_CHAIN_STATE_BYTES is refused up front, with the figure.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CHAIN_STATE_BYTES, solveSpread } from '../../src/cadence/spread/index.js';
import { InputError } from '../../src/index.js';

describe("the spread solver's memory bound", () => {
  it('refuses 1,600 epochs over 7,000 candidates before allocating, naming about 36 GB', () => {
    // Digits are below n + 2 = 1,602, so floor(52 / log2(1602)) = 4 fit a 52-bit word; the n + 1
    // digits of a vector take ceil(1601 / 4) = 401 words; n + 2 layers of 7,000 candidates of
    // 401 eight-byte words are 36.0 GB.
    const grid = Float64Array.from({ length: 7000 }, (_, i) => i * 3_600_000);
    const n = 1600;
    const problem = {
      spanStartMs: 0,
      spanEndMs: 7000 * 3_600_000,
      candidates: Array.from({ length: n }, () => grid),
      durationsMs: new Array<number>(n).fill(3_600_000),
      minGapMs: 0,
      maxGapMs: Infinity,
    };
    const started = Date.now();
    let error: unknown;
    try {
      solveSpread(problem);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /chain of 1,600 epochs over 7,000 candidate starts would need about 36\.0 GB .*at most 4\.0 GB/,
    );
    // Up front: no pass ran.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(MAX_CHAIN_STATE_BYTES).toBe(4e9);
  });

  it('still solves a chain well inside the bound', () => {
    const grid = Float64Array.from({ length: 100 }, (_, i) => i);
    expect(
      solveSpread({ spanStartMs: 0, spanEndMs: 100, candidates: [grid, grid], durationsMs: [1, 1], minGapMs: 0, maxGapMs: Infinity })!
        .startsMs,
    ).toEqual([25, 75]);
  });
});
