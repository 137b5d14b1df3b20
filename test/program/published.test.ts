/**
 * The reader of JWST's published observing schedule: the shipped reports of program 1539 (the
 * published text layout and the CSV copy) give the 75 visits with their published starts and
 * durations; overlapping reports merge (a later report supersedes, a visit it no longer lists
 * is dropped and said so); continuation lines and parallels; and damaged reports are refused
 * naming the file and the line, or read whole.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, type PublishedVisit, readPublishedSchedule, readScheduleReports, type ScheduleFile } from '../../src/advanced.js';

const FOLDER = fileURLToPath(new URL('../../examples/published-schedule-1539/', import.meta.url));
const REPORTS: ScheduleFile[] = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => ({ name, text: readFileSync(join(FOLDER, name), 'utf8') }));
const CSV_TEXT = readFileSync(join(FOLDER, 'program-1539-cycle-1.csv'), 'utf8');
/** The published rows, read here independently of the reader: `DD/HH:MM:SS` by hand. */
const PUBLISHED = (parseCsv(CSV_TEXT, { columns: true }) as Record<string, string>[]).map((row) => {
  const [days, clock] = row.duration!.split('/') as [string, string];
  const [h, m, s] = clock.split(':').map(Number) as [number, number, number];
  return {
    id: row.visit_id!,
    startMs: Date.parse(row.scheduled_start_time!),
    durationMs: ((Number(days) * 24 + h) * 3600 + m * 60 + s) * 1000,
    target: row.target_name!.split(', ')[0]!,
    targets: row.target_name!.split(', '),
  };
});
const DAY = 86_400_000;

const WIDTHS = [11, 9, 25, 20, 11, 27, 15, 8, 8];
const NAMES = [
  'VISIT ID',
  'PCS MODE',
  'VISIT TYPE',
  'SCHEDULED START TIME',
  'DURATION',
  'SCIENCE INSTRUMENT AND MODE',
  'TARGET NAME',
  'CATEGORY',
  'KEYWORDS',
];
const cells = (values: readonly string[]): string =>
  values
    .map((value, index) => value.padEnd(WIDTHS[index]!))
    .join('  ')
    .trimEnd();
const HEADER = ['JWST Science Observing Schedule', '', cells(NAMES), WIDTHS.map((width) => '-'.repeat(width)).join('  ')];
/** Where the TARGET NAME column starts. */
const TARGET_AT = HEADER[3]!.split('  ').slice(0, 6).join('  ').length + 2;
/** One row in the columns of HEADER. */
function row(id: string, type: string, start: string, duration: string, template: string, target: string, pcs = 'FINEGUIDE'): string {
  return cells([id, pcs, type, start, duration, template, target, 'Star', 'A dwarfs']);
}
const prime = (id: string, start: string, duration = '00/00:20:00', target = 'BD+60-1753', template = 'MIRI Imaging'): string =>
  row(id, 'PRIME TARGETED FIXED', start, duration, template, target);

describe('the shipped reports of program 1539', () => {
  it('give the 75 visits with their published starts and durations', () => {
    expect(REPORTS.length).toBe(19);
    const plan = readPublishedSchedule(REPORTS, '1539');
    expect(plan.visits.length).toBe(75);
    expect(plan.notes).toEqual([]);
    const published = [...PUBLISHED].sort((a, b) => a.startMs - b.startMs);
    expect(plan.visits.map((visit) => [visit.visitId, visit.startMs, visit.durationMs, visit.endMs - visit.startMs, visit.target])).toEqual(
      published.map((visit) => [visit.id, visit.startMs, visit.durationMs, visit.durationMs, visit.target]),
    );
    // NIRSpec Fixed Slit's acquisition star comes from the continuation line.
    const nirspec = plan.visits.find((visit) => visit.visitId === '1539:3:1')!;
    expect(nirspec.targets).toEqual(['BD+60-1753', '2MASSJ17244630+6025483']);
    expect(nirspec.template).toBe('NIRSpec Fixed Slit Spectroscopy');
    expect([nirspec.observation, nirspec.visit]).toEqual([3, 1]);
    // 22 min 38 s, as published for 1539:29:1.
    expect(plan.visits.find((visit) => visit.visitId === '1539:29:1')!.durationMs).toBe((22 * 60 + 38) * 1000);
  });

  it('read the same from the CSV copy, one report a value of its report column', () => {
    const fromCsv = readPublishedSchedule([{ name: 'program-1539-cycle-1.csv', text: CSV_TEXT }], '1539');
    const fromText = readPublishedSchedule(REPORTS, '1539');
    const essence = (visits: typeof fromCsv.visits) =>
      visits.map((visit) => [visit.visitId, visit.startMs, visit.durationMs, visit.targets]);
    expect(essence(fromCsv.visits)).toEqual(essence(fromText.visits));
    expect(fromCsv.reports.length).toBe(19);
  });

  it('keep only the program asked for', () => {
    expect(readPublishedSchedule(REPORTS, '4499').visits).toEqual([]);
  });

  it('give the epoch gaps the published dates give (BD+60-1753: 11, the 111-day season among them)', () => {
    // Epoch starts: a target's visits less than 12 hours apart are one epoch.
    const starts = readPublishedSchedule(REPORTS, '1539')
      .visits.filter((visit) => visit.target === 'BD+60-1753')
      .map((visit) => visit.startMs);
    const epochs = starts.filter((start, index) => index === 0 || start - starts[index - 1]! > 12 * 3_600_000);
    const gaps = epochs.slice(1).map((start, index) => Math.round(((start - epochs[index]!) / DAY) * 10) / 10);
    expect(gaps).toEqual([28.9, 12.7, 16.7, 111.1, 35.0, 11.9, 16.9, 27.8, 26.5, 27.1, 30.6]);
  });
});

describe('merging reports', () => {
  const week1 = [
    ...HEADER,
    prime('1539:1:1', '2023-01-02T00:00:00Z'),
    prime('1539:2:1', '2023-01-04T00:00:00Z'),
    prime('1539:3:1', '2023-01-06T00:00:00Z'),
    prime('2000:1:1', '2023-01-07T00:00:00Z', '00/01:00:00', 'Other'),
  ].join('\n');
  // Published later, covering 2023-01-05 to 2023-01-12: 3 is gone, 2 moved into it, 4 is new.
  const week2 = [
    ...HEADER,
    prime('2000:2:1', '2023-01-05T00:00:00Z', '00/01:00:00', 'Other'),
    prime('1539:2:1', '2023-01-08T00:00:00Z'),
    prime('1539:4:1', '2023-01-12T00:00:00Z'),
  ].join('\n');

  it('a later report supersedes an earlier one over its time; a visit it no longer lists is dropped and said so', () => {
    for (const order of [
      [week1, week2],
      [week2, week1],
    ]) {
      const plan = readPublishedSchedule(
        order.map((text) => ({ name: text === week1 ? 'w1.txt' : 'w2.txt', text })),
        '1539',
      );
      expect(plan.visits.map((visit) => [visit.visitId, new Date(visit.startMs).toISOString().slice(0, 10), visit.source])).toEqual([
        ['1539:1:1', '2023-01-02', 'w1.txt'],
        ['1539:2:1', '2023-01-08', 'w2.txt'],
        ['1539:4:1', '2023-01-12', 'w2.txt'],
      ]);
      expect(plan.notes.length).toBe(2);
      expect(plan.notes.find((note) => note.startsWith('1539:3:1'))).toMatch(
        /^1539:3:1 \(BD\+60-1753, 2023-01-06T00:00:00Z, w1\.txt line 7\) dropped: w2\.txt, which covers 2023-01-05T00:00:00Z to 2023-01-12T00:20:00Z, no longer lists it$/,
      );
      expect(plan.notes.find((note) => note.startsWith('1539:2:1'))).toMatch(
        /moved from 2023-01-04T00:00:00Z \(w1\.txt\) to 2023-01-08T00:00:00Z \(w2\.txt line 6\)/,
      );
    }
  });

  it("a visit before the later report's time stays", () => {
    const plan = readPublishedSchedule(
      [
        { name: 'w1.txt', text: week1 },
        { name: 'w2.txt', text: week2 },
      ],
      '1539',
    );
    expect(plan.visits[0]!.visitId).toBe('1539:1:1');
  });
});

describe('continuation lines and parallels', () => {
  const text = [
    ...HEADER,
    prime('1539:3:1', '2023-01-02T00:00:00Z', '00/00:31:12', 'BD+60-1753', 'NIRSpec Fixed Slit'),
    `${' '.repeat(TARGET_AT)}${'2MASSJ17244630'.padEnd(15)}  ${'Star'.padEnd(8)}  A dwarfs`,
    row('1520:162:1', 'PARALLEL SLEW CALIBRATION', '^ATTACHED TO PRIME^', '', 'MIRI Anneal', '', 'NONE'),
    row('', 'COORDINATED PARALLEL', '', '', 'NIRCam Imaging', '', ''),
    prime('1539:4:1', '2023-01-02T01:00:00Z', '01/02:03:04'),
  ].join('\n');

  it('a second target joins the visit before it; parallels are passed over', () => {
    const [report] = readScheduleReports(text, 'r.txt');
    expect(report!.visits.map((visit) => [visit.visitId, visit.targets, visit.durationMs])).toEqual([
      ['1539:3:1', ['BD+60-1753', '2MASSJ17244630'], (31 * 60 + 12) * 1000],
      ['1539:4:1', ['BD+60-1753'], (((24 + 2) * 60 + 3) * 60 + 4) * 1000],
    ]);
    expect(report!.covers).toEqual({
      startMs: Date.UTC(2023, 0, 2),
      endMs: Date.UTC(2023, 0, 2, 1) + (((24 + 2) * 60 + 3) * 60 + 4) * 1000,
    });
  });
});

describe('refusals name the file and the line', () => {
  const good = [...HEADER, prime('1539:1:1', '2023-01-02T00:00:00Z'), prime('1539:2:1', '2023-01-02T01:00:00Z')];
  const refusal = (lines: string[]): string => {
    try {
      readScheduleReports(lines.join('\n'), 'r.txt');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    throw new Error('not refused');
  };
  it.each([
    ['a truncated row', [...good.slice(0, 5), good[5]!.slice(0, 60)], /^r\.txt line 6: SCIENCE INSTRUMENT AND MODE is empty/],
    ['a row cut inside its template', [...good.slice(0, 5), good[5]!.slice(0, 95)], /^r\.txt line 6: TARGET NAME is empty/],
    [
      'a row shifted right',
      [...good.slice(0, 5), ` ${good[5]}`],
      /^r\.txt line 6: the value "1539:2:1" of VISIT ID does not start where its column starts/,
    ],
    [
      'a row shifted left',
      [...good.slice(0, 5), good[5]!.replace('FINEGUIDE', 'FINEGUID')],
      /^r\.txt line 6: the text at character \d+ runs into the column VISIT TYPE/,
    ],
    [
      'a bad duration',
      [...good.slice(0, 5), prime('1539:2:1', '2023-01-02T01:00:00Z', '00/00:61:00')],
      /^r\.txt line 6: DURATION "00\/00:61:00" has hours over 23, or minutes or seconds over 59/,
    ],
    [
      'a zero duration',
      [...good.slice(0, 5), prime('1539:2:1', '2023-01-02T01:00:00Z', '00/00:00:00')],
      /^r\.txt line 6: DURATION "00\/00:00:00" is zero/,
    ],
    [
      'a duration in hours',
      [...good.slice(0, 5), prime('1539:2:1', '2023-01-02T01:00:00Z', '0.5')],
      /^r\.txt line 6: DURATION "0\.5" is not DD\/HH:MM:SS/,
    ],
    [
      'a date that is not in the calendar',
      [...good.slice(0, 5), prime('1539:2:1', '2023-02-30T01:00:00Z')],
      /^r\.txt line 6: SCHEDULED START TIME "2023-02-30T01:00:00Z" is not a date/,
    ],
    ['a visit listed twice', [...good, good[4]!], /^r\.txt line 7: visit 1539:1:1 is listed twice in one report \(also line 5\)/],
    [
      'a bad visit id',
      [...good.slice(0, 5), prime('1539-2-1', '2023-01-02T01:00:00Z')],
      /^r\.txt line 6: VISIT ID "1539-2-1" is not program:observation:visit/,
    ],
    ['no dash line', [HEADER[2]!, good[4]!], /^r\.txt line 2: expected the line of dashes under the header/],
    ['no header', ['1539:1:1 x'], /^r\.txt: no header line/],
    [
      'a header without DURATION',
      [HEADER[2]!.replace('DURATION', 'LENGTH  '), HEADER[3]!, good[4]!],
      /^r\.txt line 1: the header has no DURATION column/,
    ],
    [
      'a second target with no visit',
      [...HEADER, `${' '.repeat(TARGET_AT)}X`],
      /^r\.txt line 5: a second target name with no visit before it/,
    ],
  ])('%s', (_, lines, message) => {
    expect(refusal(lines)).toMatch(message);
  });

  it('a CSV row names its line', () => {
    const csv =
      'visit_id,pcs_mode,visit_type,scheduled_start_time,duration,science_instrument_and_mode,target_name\n1539:1:1,FINEGUIDE,PRIME TARGETED FIXED,2023-01-02T00:00:00Z,00/00:10:00,MIRI Imaging,S\n1539:2:1,FINEGUIDE,PRIME TARGETED FIXED,2023-01-02T01:00:00Z,10 min,MIRI Imaging,S\n';
    expect(() => readScheduleReports(csv, 'r.csv')).toThrow(/^r\.csv line 3: DURATION "10 min" is not DD\/HH:MM:SS/);
  });

  it('a program id that is not a number is refused', () => {
    expect(() => readPublishedSchedule(REPORTS, 'abc')).toThrow(/^readPublishedSchedule: program: expected a JWST program id/);
  });
});

describe('fuzzed reports are refused naming the line, or read whole', () => {
  const report = REPORTS.find((file) => file.name === '20230306_report_20230310.txt')!;
  const lines = report.text.split('\n');
  const rows = lines.map((_line, index) => index).filter((index) => /^1539:/.test(lines[index]!));
  const original = readPublishedSchedule([report], '1539').visits;

  type Damage =
    | { kind: 'truncate'; at: number }
    | { kind: 'shift'; at: number; by: number }
    | { kind: 'duration'; text: string }
    | { kind: 'program'; id: number }
    | { kind: 'duplicate' };
  const damage = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(200) }),
    fc.record({ kind: fc.constant('shift' as const), at: fc.nat(200), by: fc.integer({ min: -3, max: 3 }).filter((n) => n !== 0) }),
    fc.record({
      kind: fc.constant('duration' as const),
      text: fc.oneof(fc.stringMatching(/^[0-9/:. a-z]{1,11}$/), fc.constantFrom('00/25:00:00', '00/00:00:00', '0/00:10:00', '00/00:10:60')),
    }),
    fc.record({ kind: fc.constant('program' as const), id: fc.integer({ min: 1, max: 9999 }) }),
    fc.record({ kind: fc.constant('duplicate' as const) }),
  ) as fc.Arbitrary<Damage>;

  it('each damaged row: an InputError naming the file and its line, or a whole reading', () => {
    fc.assert(
      fc.property(fc.nat(rows.length - 1), damage, (pick, hurt) => {
        const index = rows[pick]!;
        const copy = [...lines];
        const line = copy[index]!;
        let damagedLine = index + 1;
        if (hurt.kind === 'truncate') copy[index] = line.slice(0, hurt.at);
        else if (hurt.kind === 'shift')
          copy[index] =
            hurt.by > 0
              ? line.slice(0, hurt.at) + ' '.repeat(hurt.by) + line.slice(hurt.at)
              : line.slice(0, hurt.at) + line.slice(hurt.at - hurt.by);
        else if (hurt.kind === 'duration') copy[index] = line.replace(/\d\d\/\d\d:\d\d:\d\d/, hurt.text.padEnd(11).slice(0, 11));
        else if (hurt.kind === 'program')
          copy[index] = line.replace(/^1539:(\d+:\d+)/, (_, rest: string) => `${hurt.id}:${rest}`.padEnd(`1539:${rest}`.length));
        else {
          copy.splice(index + 1, 0, line);
          damagedLine = index + 2;
        }
        let plan;
        try {
          plan = readPublishedSchedule([{ name: report.name, text: copy.join('\n') }], '1539');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message.startsWith(`${report.name} line ${damagedLine}: `)).toBe(true);
          return;
        }
        // Read whole: every visit is one of the report's, as published, but the damaged one,
        // which is either gone (another program now) or read with values of its own that hold up.
        // (A row cut to nothing leaves a blank line: its continuation line, if any, then names a
        // second target of the visit before, as such a report would mean; targets are not compared.)
        const essence = (visits: readonly PublishedVisit[]) =>
          visits
            .filter((visit) => visit.line !== index + 1)
            .map((visit) => [visit.visitId, visit.startMs, visit.durationMs, visit.template, visit.target, visit.line]);
        expect(essence(plan.visits)).toEqual(essence(original));
        for (const visit of plan.visits) {
          expect(Number.isFinite(visit.startMs) && visit.durationMs > 0 && visit.endMs === visit.startMs + visit.durationMs).toBe(true);
        }
        if (hurt.kind === 'program' && hurt.id !== 1539) expect(plan.visits.length).toBe(original.length - 1);
        if (hurt.kind === 'duplicate') throw new Error('a duplicated row was read');
      }),
      { numRuns: 400 },
    );
  });
});
