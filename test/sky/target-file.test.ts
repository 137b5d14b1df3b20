/**
 * A target file's rows are read without the schema when they are plainly valid: the quick
 * reading and TargetSchema give one verdict on every input, and the same target.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, parseTargetsText } from '../../src/index.js';
import { plainTarget, TargetSchema } from '../../src/sky/target.js';

const angle = fc.oneof(
  fc.double({ min: -400, max: 400, noNaN: false }),
  fc.constantFrom(0, -0, 359.999, 360, -90, 90, 90.0001, Number.NaN, Number.POSITIVE_INFINITY, -1e-9),
  fc.constantFrom(
    '17:24:52.28',
    '+60:25:50.8',
    '-00:30:00',
    '24:00:00',
    '23:59:59.99',
    '12',
    ' 12.5 ',
    '1e3',
    '',
    'abc',
    '-1:00:00',
    '90:00:01',
    '12h30m',
    '+',
    '00:61:00',
  ),
);
const optionalNumber = fc.option(
  fc.oneof(
    fc.double({ min: -30_000, max: 30_000 }),
    fc.constantFrom(Number.NaN, Number.NEGATIVE_INFINITY, 1799, 1800, 2200, 2200.5, 14_142, 14_143),
  ),
  { nil: undefined },
);
const field = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, '5', true, [1]) });
const recordArb = fc.record(
  {
    name: field(fc.constantFrom('NEP', ' HD 163466 ', '', '   ', 'é', 'a\tb')),
    ra: field(angle),
    dec: field(angle),
    pmRaCosDec: field(optionalNumber),
    pmDec: field(optionalNumber),
    epoch: field(optionalNumber),
    extra: fc.constant('ignored'),
  },
  { requiredKeys: [] },
);
const valueArb = fc.oneof(
  { weight: 10, arbitrary: recordArb },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 5, 'NEP', [], [{ name: 'x', ra: 1, dec: 1 }]) },
);

describe('plainTarget', () => {
  it("gives the schema's verdict and target on every input", () => {
    fc.assert(
      fc.property(valueArb, (value) => {
        const quick = plainTarget(value);
        const full = TargetSchema.safeParse(value);
        if (quick !== undefined) {
          expect(full.success).toBe(true);
          expect(quick).toEqual(full.data);
          expect(Object.isFrozen(quick)).toBe(true);
        } else {
          // Declined: the schema refuses it too (plain objects the schema takes are all taken).
          expect(full.success).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves a class instance to the schema', () => {
    class Star {
      name = 'S';
      ra = 1;
      dec = 2;
    }
    expect(plainTarget(new Star())).toBeUndefined();
    expect(TargetSchema.safeParse(new Star()).success).toBe(true);
  });

  it("keeps the messages of a target file's bad rows", () => {
    expect(() => parseTargetsText('name,ra,dec\nA,1,2\nB,400,2\n', 'stars.csv')).toThrow(InputError);
    expect(() => parseTargetsText('name,ra,dec\nA,1,2\nB,400,2\n', 'stars.csv')).toThrow(/^stars\.csv line 3: ra: /);
    expect(parseTargetsText('name,ra,dec,pmDec\nA,18:00:00,-00:30:00,12\n', 'stars.csv')).toEqual([
      { name: 'A', raDeg: 270, decDeg: -0.5, pmRaCosDecMasPerYr: 0, pmDecMasPerYr: 12, epochYear: 2000 },
    ]);
  });
});
