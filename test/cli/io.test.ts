import { describe, expect, it } from 'vitest';
import { parseCadenceSpec } from '../../src/cadence/spec.js';
import { inOptionTerms, numberOrText, UsageError, withNegativeValues } from '../../src/cli/io.js';
import { parseObservatory } from '../../src/observatory/model.js';

describe('command-line terms', () => {
  it('rewords library field paths as the options a user typed', () => {
    const message = (fn: () => unknown): string => {
      try {
        inOptionTerms(fn);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('expected a failure');
    };
    expect(message(() => parseCadenceSpec({ mode: 'spread', margin: -1 }))).toMatch(/^--margin: /);
    expect(message(() => parseCadenceSpec({ mode: 'period', period: 'P1M' }))).toMatch(/^--period: .*months/);
    expect(message(() => parseCadenceSpec({ mode: 'spread', span: { start: '2023-01-01T00:00Z', end: '2022-01-01T00:00Z' } }))).toMatch(
      /^--to: /,
    );
    expect(message(() => parseObservatory({ fieldOfRegard: { minElongationDeg: 200 } }))).toMatch(/--min-elongation: /);
  });

  it('leaves other errors alone', () => {
    expect(() =>
      inOptionTerms(() => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });

  it('reads numbers as numbers and anything else as text', () => {
    expect(numberOrText('30')).toBe(30);
    expect(numberOrText(' -1.5 ')).toBe(-1.5);
    expect(numberOrText('P30D')).toBe('P30D');
    expect(numberOrText('17:24:52.28')).toBe('17:24:52.28');
  });

  it('joins a negative number or southern angle to the long option before it, and nothing else', () => {
    expect(withNegativeValues(['--dec', '-30.5', '--ra', '261.2'])).toEqual(['--dec=-30.5', '--ra', '261.2']);
    expect(withNegativeValues(['--dec', '-30:30:00'])).toEqual(['--dec=-30:30:00']);
    expect(withNegativeValues(['--min-gap', '-.5', '--max-gap', '-1e3'])).toEqual(['--min-gap=-.5', '--max-gap=-1e3']);
    // An option after an option, a value already joined, a short option, and anything after `--`.
    expect(withNegativeValues(['--out', '-h'])).toEqual(['--out', '-h']);
    expect(withNegativeValues(['--dec=-1', '-2'])).toEqual(['--dec=-1', '-2']);
    expect(withNegativeValues(['-x', '-1'])).toEqual(['-x', '-1']);
    expect(withNegativeValues(['--', '--dec', '-1'])).toEqual(['--', '--dec', '-1']);
    expect(withNegativeValues(['--dec'])).toEqual(['--dec']);
  });
});
