import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { scheduleToCsv } from '../../src/output/face.js';

import { fixture, t } from '../support/output-fixture.js';

const HEADER = [
  'observation',
  'label',
  'template',
  'instrument',
  'target',
  'series',
  'epoch',
  'start',
  'end',
  'v3paNominalDeg',
  'v3paMinDeg',
  'v3paMaxDeg',
  'orientationV3pa',
  'mazFraction',
  'cycle',
  'status',
  'slackEarliest',
  'slackLatest',
  'visit',
  'visitId',
  'numbering',
  'windowOpens',
  'windowCloses',
  'slackRuns',
];

/** All rows, header included, as arrays of strings, by an independent CSV parser. */
const rowsOf = (text: string): string[][] => parse(text);

describe('scheduleToCsv', () => {
  it('has the documented header and one row a placed visit (the unscheduled one is not a row)', () => {
    const rows = rowsOf(scheduleToCsv(fixture));
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(1 + 10);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['1', '2', '3', '6', '7', '9', '63', '65', '11', '67']);
  });

  it('writes each field, instants as ISO-8601 UTC, from the fixture dates', () => {
    const rows = rowsOf(scheduleToCsv(fixture));
    expect(rows[7]).toEqual([
      '63',
      'MIRI MRS 1',
      'MIRI Medium Resolution Spectroscopy',
      'MIRI',
      'HD163466',
      'HD163466 / MIRI Medium Resolution Spectroscopy',
      '1',
      '2022-09-05T00:00:00Z',
      '2022-09-05T02:00:00Z',
      // The fixture says nothing of orientation, the MAZ, cycles or slack: empty cells, not zeros.
      '',
      '',
      '',
      '',
      '',
      '',
      'planned',
      '',
      '',
      // Visit 1 of observation 63 of program 1539; the fixture records no numbering: row numbers.
      '1',
      '1539:63:1',
      'row',
      // HD163466's window 2022-09-01..2022-11-01 lies inside the span: both edges are the sky's.
      '2022-09-01T00:00:00Z',
      '2022-11-01T00:00:00Z',
      // No slack runs recorded.
      '',
    ]);
  });

  it("writes a visit's cycle, status and slack where the record has them", () => {
    const visit = fixture.visits[0]!;
    const visits = [
      { ...visit, cycle: 2, status: 'done' as const },
      { ...fixture.visits[1]!, cycle: 2, slack: { earliestMs: t('2022-08-15T00:00Z'), latestMs: t('2022-08-22T06:30Z') } },
    ];
    const [done, planned] = parse(scheduleToCsv({ ...fixture, visits, unscheduled: [] }), { columns: true }) as Record<string, string>[];
    expect(done).toMatchObject({ cycle: '2', status: 'done', slackEarliest: '', slackLatest: '' });
    expect(planned).toMatchObject({
      cycle: '2',
      status: 'planned',
      slackEarliest: '2022-08-15T00:00:00Z',
      slackLatest: '2022-08-22T06:30:00Z',
    });
  });

  it("writes a visit's V3PA, the orientation asked and its share in the MAZ where the record has them", () => {
    const visit = fixture.visits[0]!;
    const visits = [
      {
        ...visit,
        endMs: visit.startMs + 4 * 3_600_000,
        v3pa: { nominalDeg: 359.5, minDeg: 354.4, maxDeg: 4.6 },
        orientation: { v3pa: { minDeg: 350, maxDeg: 10 }, origin: 'asked' as const },
        mazMs: 3_600_000,
      },
    ];
    const [record] = parse(scheduleToCsv({ ...fixture, visits }), { columns: true }) as Record<string, string>[];
    expect(record).toMatchObject({
      v3paNominalDeg: '359.5',
      v3paMinDeg: '354.4',
      v3paMaxDeg: '4.6',
      orientationV3pa: '350..10',
      mazFraction: '0.25',
    });
  });

  it('keeps a label with commas and quotes intact', () => {
    const rows = rowsOf(scheduleToCsv(fixture));
    expect(rows[5]![1]).toBe('NIRCam "Module B", short');
  });

  it('keeps line breaks, leading spaces and non-ASCII text intact', () => {
    const label = ' two\nlines; «quoted», \r\n and "more"';
    const visits = [{ ...fixture.visits[0]!, label, target: 'HD 163466 · BKG' }];
    const records = parse(scheduleToCsv({ ...fixture, visits }), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(1);
    expect(records[0]!['label']).toBe(label);
    expect(records[0]!['target']).toBe('HD 163466 · BKG');
  });

  it('writes the header alone for a schedule with no visits', () => {
    expect(rowsOf(scheduleToCsv({ ...fixture, visits: [] }))).toEqual([HEADER]);
  });

  it('refuses a visit whose instant is not finite', () => {
    const visits = [{ ...fixture.visits[0]!, startMs: Number.POSITIVE_INFINITY, endMs: t('2022-07-14T04:30Z') }];
    expect(() => scheduleToCsv({ ...fixture, visits })).toThrow(/visits\.0\.startMs: not a finite instant/);
  });
});
