/**
 * Every Horizons table is validated as it is parsed. Without these checks a zeroed row split a
 * window in two and 100 missing rows moved an edge by hours, silently; now each is refused
 * with its line named.
 */
import { describe, expect, it } from 'vitest';
import { parseHorizonsVectors } from '../../src/index.js';
import { EPHEMERIS_2023, readData } from '../support/data.js';

const text = readData(EPHEMERIS_2023);
const lines = text.split('\n');
const firstRow = lines.findIndex((line) => line.trim() === '$$SOE') + 1;
/** The 1-based line number of a row, found by its calendar date. */
const lineOf = (date: string): number => lines.findIndex((line) => line.includes(`A.D. ${date} 00:00:00.0000`)) + 1;
/** The text with a row's numbers replaced by what `edit` makes of its fields. */
function editRow(date: string, edit: (fields: string[]) => string[]): string {
  const copy = [...lines];
  const index = lineOf(date) - 1;
  copy[index] = edit(copy[index]!.split(',')).join(',');
  return copy.join('\n');
}

describe('a Horizons table is refused, its line named, when', () => {
  it('a row is zeroed (it would put JWST at the Sun)', () => {
    const zeroed = editRow('2022-Nov-01', (f) => [f[0]!, f[1]!, ...f.slice(2, 8).map(() => ' 0.0'), ...f.slice(8)]);
    expect(() => parseHorizonsVectors(zeroed, 'zeroed.txt')).toThrow(
      new RegExp(
        `^zeroed\\.txt line ${lineOf('2022-Nov-01')}: JWST 0\\.0000 au from the Sun on 2022-Nov-01 00:00:00\\.0000 is not plausible`,
      ),
    );
  });

  it('100 rows are missing (a hole of 101 days)', () => {
    const from = lineOf('2022-Sep-01');
    const holed = [...lines.slice(0, from), ...lines.slice(from + 100)].join('\n');
    expect(() => parseHorizonsVectors(holed, 'holed.txt')).toThrow(
      new RegExp(
        `^holed\\.txt lines ${from}-${from + 1}: 100 rows missing between 2022-Sep-01 00:00:00\\.0000 and 2022-Dec-11 00:00:00\\.0000 \\(a hole of 101 days in a table whose step is 1 day\\)`,
      ),
    );
    // One missing row is a hole too.
    const one = [...lines.slice(0, from), ...lines.slice(from + 1)].join('\n');
    expect(() => parseHorizonsVectors(one, 'one.txt')).toThrow(/^one\.txt lines \d+-\d+: 1 row missing between 2022-Sep-01/);
  });

  it('rows are unevenly spaced, out of order, or not numbers', () => {
    const shifted = editRow('2022-Mar-10', (f) => [String(Number(f[0]) + 0.25), ...f.slice(1)]);
    expect(() => parseHorizonsVectors(shifted, 'shifted.txt')).toThrow(
      /^shifted\.txt lines \d+-\d+: rows are not evenly spaced \(2022-Mar-09 .* is 1\.25 days; the table's step is 1 day\)/,
    );
    const backwards = editRow('2022-Mar-10', (f) => [String(Number(f[0]) - 2), ...f.slice(1)]);
    expect(() => parseHorizonsVectors(backwards, 'backwards.txt')).toThrow(
      /^backwards\.txt line \d+: rows must be in increasing time order/,
    );
    const nan = editRow('2022-Mar-10', (f) => [f[0]!, f[1]!, ' NaN', ...f.slice(3)]);
    expect(() => parseHorizonsVectors(nan, 'nan.txt')).toThrow(
      new RegExp(`^nan\\.txt line ${lineOf('2022-Mar-10')}: expected .* with finite numbers`),
    );
    const empty = editRow('2022-Mar-10', (f) => [f[0]!, f[1]!, '', ...f.slice(3)]);
    expect(() => parseHorizonsVectors(empty, 'empty.txt')).toThrow(/^empty\.txt line \d+: expected/);
  });

  it("a distance or a speed is not JWST's", () => {
    // Positions in au instead of km (a table asked with other units but mislabelled).
    const au = editRow('2023-Feb-02', (f) => [f[0]!, f[1]!, ...f.slice(2, 5).map((v) => ` ${Number(v) / 149_597_870.7}`), ...f.slice(5)]);
    expect(() => parseHorizonsVectors(au, 'au.txt')).toThrow(/^au\.txt line \d+: JWST 0\.0000 au from the Sun/);
    // The Moon's distance from the Earth added: 1.0 au becomes about 1.0026, still plausible; the
    // Earth's distance doubled is not.
    const far = editRow('2023-Feb-02', (f) => [f[0]!, f[1]!, ...f.slice(2, 5).map((v) => ` ${Number(v) * 2}`), ...f.slice(5)]);
    expect(() => parseHorizonsVectors(far, 'far.txt')).toThrow(/^far\.txt line \d+: JWST 1\.9\d+ au from the Sun/);
    const still = editRow('2023-Feb-02', (f) => [f[0]!, f[1]!, ...f.slice(2, 5), ' 0.0', ' 0.0', ' 0.0', ...f.slice(8)]);
    expect(() => parseHorizonsVectors(still, 'still.txt')).toThrow(
      /^still\.txt line \d+: a speed of 0\.000 km\/s relative to the Sun on 2023-Feb-02 .* is not plausible for JWST/,
    );
  });

  it('the header does not say Sun-centred ICRF in km', () => {
    expect(() => parseHorizonsVectors(text.replace('Center body name: Sun (10)', 'Center body name: Earth (399)'), 'earth.txt')).toThrow(
      /^earth\.txt: header does not say the centre is the Sun/,
    );
    expect(() => parseHorizonsVectors(text.replace('Output units    : KM-S', 'Output units    : AU-D'), 'au-d.txt')).toThrow(
      /^au-d\.txt: header does not say units are km/,
    );
    expect(() => parseHorizonsVectors(text.replace('Reference frame : ICRF', 'Reference frame : FK4'), 'fk4.txt')).toThrow(/ICRF/);
  });
});

describe('a valid table', () => {
  it('parses whole, with its generation date; without that header line, every row counts as predicted', () => {
    const table = parseHorizonsVectors(text, 'ok.txt');
    expect(table.timesMs.length).toBe(lines.slice(firstRow).findIndex((line) => line.trim() === '$$EOE'));
    expect(table.generatedMs).toBe(Date.UTC(2023, 5, 20));
    const anonymous = parseHorizonsVectors(text.replace(/^Ephemeris \/ .*$/m, 'Ephemeris'), 'anonymous.txt');
    expect(anonymous.generatedMs).toBeUndefined();
    expect(anonymous.timesMs).toEqual(table.timesMs);
  });
});
