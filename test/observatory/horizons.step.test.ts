/**
 * A Horizons table's step is bounded: the interpolation between rows keeps window edges within
 * the minute the engine promises only up to MAX_HORIZONS_STEP_DAYS. A 60-day table (or 4 rows
 * 100 days apart) moved edges by hours and was accepted; it is refused with the figures, and a
 * table at the bound keeps edges within the minute of the daily table's.
 */
import { describe, expect, it } from 'vitest';
import {
  ephemerisPositionKm,
  MAX_HORIZONS_STEP_DAYS,
  parseHorizonsVectors,
  parseObservatory,
  parseTarget,
  visibilityWindows,
} from '../../src/advanced.js';
import { EPHEMERIS_2023, readData } from '../support/data.js';

const text = readData(EPHEMERIS_2023);
const lines = text.split('\n');
const soe = lines.findIndex((line) => line.trim() === '$$SOE');
const eoe = lines.findIndex((line) => line.trim() === '$$EOE');
/** The bundled daily table with every k-th row kept. */
const everyKth = (k: number, count = Infinity): string => {
  const rows = lines
    .slice(soe + 1, eoe)
    .filter((_, i) => i % k === 0)
    .slice(0, count);
  return [...lines.slice(0, soe + 1), ...rows, ...lines.slice(eoe)].join('\n');
};
const daily = parseHorizonsVectors(text, 'daily.txt');

describe('the step of a Horizons table', () => {
  it('is refused beyond the bound, naming the lines and the measured cost', () => {
    expect(MAX_HORIZONS_STEP_DAYS).toBe(10);
    expect(() => parseHorizonsVectors(everyKth(60), 'sixty.txt')).toThrow(
      /^sixty\.txt lines \d+-\d+: the rows are 60 days apart; at most 10 days are taken.*3\.3 hours at 60.*STEP_SIZE='1 d'/,
    );
    expect(() => parseHorizonsVectors(everyKth(100, 4), 'four.txt')).toThrow(/the rows are 100 days apart/);
    expect(() => parseHorizonsVectors(everyKth(11), 'eleven.txt')).toThrow(/11 days apart/);
    // A table built by hand is refused the same way where the library takes one.
    const kept = daily.timesMs.filter((_, i) => i % 60 === 0);
    const pick = (array: Float64Array) =>
      Float64Array.from({ length: 3 * kept.length }, (_, j) => array[3 * 60 * Math.floor(j / 3) + (j % 3)]!);
    const table = {
      source: 'hand',
      timesMs: Float64Array.from(kept),
      positionsKm: pick(daily.positionsKm),
      velocitiesKmPerS: pick(daily.velocitiesKmPerS),
    };
    expect(() => ephemerisPositionKm(table, kept[1]!)).toThrow(/60 days apart/);
  });

  it("at the bound (10 days), window edges stay within a minute of the daily table's", () => {
    const ten = parseHorizonsVectors(everyKth(10), 'ten.txt');
    const span = { startMs: Date.UTC(2022, 6, 1), endMs: Date.UTC(2023, 6, 1) };
    for (const [ra, dec] of [
      [0, 0],
      [90, 60],
      [180, -20],
      [270, 66.56],
      [300, -60],
    ] as const) {
      const target = parseTarget({ name: `ra${ra}`, ra, dec });
      const edges = (ephemeris: typeof daily) =>
        visibilityWindows(target, span, {
          observatory: parseObservatory({ observer: 'ephemeris', ephemeris, maz: { apply: 'off' } }),
        }).flatMap((w) => [w.startMs, w.endMs]);
      const [a, b] = [edges(daily), edges(ten)];
      expect(b.length).toBe(a.length);
      a.forEach((edge, i) => {
        expect(Math.abs(edge - b[i]!), `${target.name} edge ${i}`).toBeLessThan(60_000);
      });
    }
  });
});
