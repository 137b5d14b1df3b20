/**
 * Program tables in APT's terms: observation and visit numbers, a visit's own duration, the
 * visit id STScI writes (`program:observation:visit`) in every output, and inputs that name a
 * visit by it. Expected ids and durations come from the tables written here.
 */
import { describe, expect, it } from 'vitest';
import {
  formatVisitId,
  InputError,
  loadBuiltInProgram,
  parseProgram,
  parseVisitId,
  programStructure,
  readExecutedVisits,
  scheduleFromJson,
  scheduleProgram,
  scheduleToApt,
  scheduleToCalendarText,
  scheduleToCsv,
  scheduleToHtml,
  scheduleToIcs,
  scheduleToJson,
  templateDurationMs,
} from '../../src/advanced.js';
import { resolveOrientationPlan } from '../../src/program/orientation-plan.js';

const H = 3_600_000;
const MIN = 60_000;

function doc(header: string, rows: string[]): string {
  const cells = header.split('|').length - 2;
  return ['---', 'id: 42', '---', '# 42 - T', '', header, `|${'---|'.repeat(cells)}`, ...rows, ''].join('\n');
}

const APT_HEADER = '| Obs | Visit | Label | Observing Template | Science Target | Duration |';
// Line 8 is the first row.
const APT_ROWS = [
  '| 9 | 2 | A | MIRI Imaging | (1) S | 00/00:21:39 |',
  '| 3 |  | B | NIRCam Imaging | (1) S | 00:10:00 |',
  '| 12 | 1 | C | MIRI Imaging | (2) S-BKG | 0.25 |',
  '| 4 | 1 | D | NIRCam Imaging | (1) S |  |',
];

describe('program tables with Obs, Visit and Duration columns', () => {
  const program = parseProgram(doc(APT_HEADER, APT_ROWS), { source: 'p.md' });

  it("takes APT's numbers, the visit numbers and each duration format", () => {
    expect(program.numbering).toBe('apt');
    expect(program.visits.map((visit) => [visit.observation, visit.visit])).toEqual([
      [9, 2],
      [3, 1],
      [12, 1],
      [4, 1],
    ]);
    // 00/00:21:39 (DD/HH:MM:SS), 00:10:00 (HH:MM:SS), 0.25 h, and the template's own when empty.
    expect(program.visits.map((visit) => visit.durationMs)).toEqual([
      (21 * 60 + 39) * 1000,
      10 * MIN,
      0.25 * H,
      templateDurationMs('NIRCam Imaging'),
    ]);
    expect(
      parseProgram(
        doc('| Observation | Label | Observing Template | Science Target | Duration |', ['| 7 | A | MIRI Imaging | (1) S | 01/02:00:00 |']),
      ).visits[0],
    ).toMatchObject({
      observation: 7,
      visit: 1,
      durationMs: 26 * H,
    });
  });

  it('keeps row numbers for a table without numbers, and says so', () => {
    const plain = parseProgram(
      doc('| Label | Observing Template | Science Target |', ['| A | MIRI Imaging | (1) S |', '| B | MIRI Imaging | (1) S |']),
    );
    expect(plain.numbering).toBe('row');
    expect(plain.visits.map((visit) => [visit.observation, visit.visit])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(loadBuiltInProgram().numbering).toBe('row');
  });

  it('refuses an observation and visit in two rows, naming both lines', () => {
    const twice = doc(APT_HEADER, [APT_ROWS[0]!, APT_ROWS[1]!, '| 9 | 2 | E | MIRI Imaging | (1) S |  |']);
    expect(() => parseProgram(twice, { source: 'p.md' })).toThrow(InputError);
    expect(() => parseProgram(twice, { source: 'p.md' })).toThrow(/^p\.md line 10: observation 9 visit 2 is also the row of line 8/);
  });

  it('accepts gaps in the numbering and refuses bad cells, naming line and column', () => {
    expect(
      parseProgram(doc(APT_HEADER, ['| 100 | 1 | A | MIRI Imaging | (1) S |  |', '| 2 | 1 | B | MIRI Imaging | (1) S |  |'])).visits.map(
        (v) => v.observation,
      ),
    ).toEqual([100, 2]);
    const bad = (row: string) => () => parseProgram(doc(APT_HEADER, [row]), { source: 'p.md' });
    expect(bad('| x | 1 | A | MIRI Imaging | (1) S |  |')).toThrow(/^p\.md line 8: Obs: expected an observation number/);
    expect(bad('|  | 1 | A | MIRI Imaging | (1) S |  |')).toThrow(/^p\.md line 8: Obs: expected an observation number .*empty cell/);
    expect(bad('| 1 | 0 | A | MIRI Imaging | (1) S |  |')).toThrow(/^p\.md line 8: Visit: expected a visit number/);
    expect(bad('| 1 | 1 | A | MIRI Imaging | (1) S | 20 min |')).toThrow(/^p\.md line 8: Duration: expected a duration as DD\/HH:MM:SS/);
    expect(bad('| 1 | 1 | A | MIRI Imaging | (1) S | 00:00:00 |')).toThrow(/^p\.md line 8: Duration: .*more than 0/);
    expect(bad('| 1 | 1 | A | MIRI Imaging | (1) S | 00:61:00 |')).toThrow(/^p\.md line 8: Duration: expected a duration/);
    expect(bad('| 1 | 1 | A | MIRI Imaging | (1) S | 9000 |')).toThrow(/^p\.md line 8: Duration: .*longer than 366 days/);
    expect(() =>
      parseProgram(doc('| Visit | Label | Observing Template | Science Target |', ['| 1 | A | MIRI Imaging | (1) S |']), {
        source: 'p.md',
      }),
    ).toThrow(/^p\.md line 6: a "Visit" column needs an "Obs" column/);
    // A row's own duration serves a template no table knows.
    expect(parseProgram(doc(APT_HEADER, ['| 1 | 1 | A | MIRI Something New | (1) S | 0.5 |'])).visits[0]!.durationMs).toBe(0.5 * H);
  });
});

describe('visit ids', () => {
  it("are STScI's program:observation:visit, written and read", () => {
    expect(formatVisitId('1539', { observation: 9, visit: 1 })).toBe('1539:9:1');
    expect(formatVisitId('1539', { observation: 12 })).toBe('1539:12:1');
    expect(parseVisitId('1539:9:1')).toEqual({ program: '1539', observation: 9, visit: 1 });
    expect(parseVisitId(' 4499:113:2 ')).toEqual({ program: '4499', observation: 113, visit: 2 });
    expect(parseVisitId('9')).toEqual({ observation: 9, visit: 1 });
    for (const bad of ['', '9:1', '1539:0:1', '1539:9:0', '1539:9:x', 'a/b:1:1', '1539:9:1:1'])
      expect(parseVisitId(bad), bad).toBeUndefined();
    expect(() => formatVisitId('x/..', { observation: 1 })).toThrow(InputError);
  });
});

describe('outputs name each visit by its id, or say the numbers are row numbers', () => {
  const program = parseProgram(doc(APT_HEADER, APT_ROWS), { source: 'p.md' });
  const span = { start: '2022-07-01T00:00Z', end: '2022-07-11T00:00Z' };
  const windows = {
    S: [{ startMs: Date.parse(span.start), endMs: Date.parse(span.end) }],
    'S-BKG': [{ startMs: Date.parse(span.start), endMs: Date.parse(span.end) }],
  };
  const schedule = scheduleProgram(program, { windows, cadence: { mode: 'spread', span, margin: 0 } });
  const plain = scheduleProgram(parseProgram(doc('| Label | Observing Template | Science Target |', ['| A | MIRI Imaging | (1) S |'])), {
    windows,
    cadence: { mode: 'spread', span, margin: 0 },
  });

  it('places the visit numbers in the schedule', () => {
    expect(schedule.program.numbering).toBe('apt');
    expect(schedule.visits.find((visit) => visit.observation === 9)!.visit).toBe(2);
    expect(plain.program.numbering).toBe('row');
  });

  it('JSON: visit, visitId and numbering, read back; a plan written before them stays readable', () => {
    const json = JSON.parse(scheduleToJson(schedule));
    expect(json.program.numbering).toBe('apt');
    const nine = json.visits.find((visit: { observation: number }) => visit.observation === 9);
    expect(nine).toMatchObject({ visit: 2, visitId: '42:9:2' });
    expect(json.visits.find((visit: { observation: number }) => visit.observation === 3)).toMatchObject({ visit: 1, visitId: '42:3:1' });
    const back = scheduleFromJson(scheduleToJson(schedule));
    expect(back.program.numbering).toBe('apt');
    expect(back.visits.find((visit) => visit.observation === 9)!.visit).toBe(2);
    // Written before visit numbers: no visit, visitId or numbering.
    const old = JSON.parse(scheduleToJson(plain));
    delete old.program.numbering;
    for (const visit of old.visits) {
      delete visit.visit;
      delete visit.visitId;
    }
    const read = scheduleFromJson(JSON.stringify(old));
    expect(read.visits[0]!.visit ?? 1).toBe(1);
    // No numbering recorded: the outputs take the numbers as row numbers.
    expect(read.program.numbering).toBeUndefined();
    expect(scheduleToCalendarText(read)).toMatch(/^Observation numbers are the table's row numbers/m);
    expect(scheduleToCsv(read).split('\n')[1]).toContain(',1,42:1:1,row,');
  });

  it('CSV: visit, visitId and numbering columns', () => {
    const [header, ...rows] = scheduleToCsv(schedule).trim().split('\n');
    const columns = header!.split(',');
    const row = rows.map((line) => line.split(',')).find((cells) => cells[columns.indexOf('observation')] === '9')!;
    expect(row[columns.indexOf('visit')]).toBe('2');
    expect(row[columns.indexOf('visitId')]).toBe('42:9:2');
    expect(row[columns.indexOf('numbering')]).toBe('apt');
    const plainRow = scheduleToCsv(plain).trim().split('\n')[1]!.split(',');
    expect(plainRow[columns.indexOf('numbering')]).toBe('row');
  });

  it('ICS: the id in the summary and the UID; row numbers said as such', () => {
    const ics = scheduleToIcs(schedule).replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('S · A (42:9:2\\, epoch');
    expect(ics).toContain('UID:jwst-42-obs-9-visit-2@jwst-cadence');
    expect(ics).toContain('UID:jwst-42-obs-3@jwst-cadence');
    expect(ics).toContain('Visit 42:9:2: A');
    const plainIcs = scheduleToIcs(plain).replace(/\r\n[ \t]/g, '');
    expect(plainIcs).toContain('S · A (row 1\\, epoch 1)');
    expect(plainIcs).toMatch(/Observation 1 \(the table's row number\\; no APT numbers given\): A/);
  });

  it('APT text, calendar and report say what the numbers are; the report names each visit by its id', () => {
    expect(scheduleToApt(schedule)).toContain("# Numbers: observation numbers are APT's; a visit is program:observation:visit");
    expect(scheduleToApt(plain)).toContain("# Numbers: observation numbers are the table's row numbers (it gives no APT numbers).");
    expect(scheduleToCalendarText(schedule)).toMatch(/^Observation numbers are APT's/m);
    expect(scheduleToCalendarText(plain)).toMatch(/^Observation numbers are the table's row numbers/m);
    const html = scheduleToHtml(schedule);
    expect(html).toContain('42:9:2');
    expect(html).toContain('Observation numbers');
    expect(scheduleToHtml(plain)).toContain('the table&#39;s row numbers');
  });
});

describe('inputs name a visit by its id', () => {
  const program = parseProgram(doc(APT_HEADER, APT_ROWS), { source: 'p.md' });
  const span = { start: '2022-07-01T00:00Z', end: '2022-07-11T00:00Z' };
  const windows = {
    S: [{ startMs: Date.parse(span.start), endMs: Date.parse(span.end) }],
    'S-BKG': [{ startMs: Date.parse(span.start), endMs: Date.parse(span.end) }],
  };
  const options = { windows, cadence: { mode: 'spread' as const, span, margin: 0 } };

  it('executed visits, from the options and from a CSV', () => {
    const ran = scheduleProgram(program, {
      ...options,
      executed: [{ observation: '42:9:2', start: '2022-07-02T00:00Z' }],
      now: '2022-07-03T00:00Z',
    });
    expect(ran.visits.find((visit) => visit.observation === 9)).toMatchObject({ status: 'done', startMs: Date.parse('2022-07-02T00:00Z') });
    const csv = readExecutedVisits('observation,start\n42:9:2,2022-07-02T00:00Z\n3,2022-07-02T01:00Z\n', 'x.csv');
    expect(csv.visits.map((visit) => visit.observation)).toEqual(['42:9:2', 3]);
    expect(
      scheduleProgram(program, { ...options, executed: [...csv.visits], now: '2022-07-03T00:00Z' }).visits.filter(
        (visit) => visit.status === 'done',
      ),
    ).toHaveLength(2);
    expect(() => readExecutedVisits('observation,start\n42:9,2022-07-02T00:00Z\n', 'x.csv')).toThrow(
      /^x\.csv line 2: observation: expected an observation number or a visit id/,
    );
    expect(() => scheduleProgram(program, { ...options, executed: [{ observation: '1539:9:2', start: '2022-07-02T00:00Z' }] })).toThrow(
      /^executed\.0\.observation: 1539:9:2 is a visit of program 1539, not of 42$/,
    );
    expect(() => scheduleProgram(program, { ...options, executed: [{ observation: '42:9:1', start: '2022-07-02T00:00Z' }] })).toThrow(
      /^executed\.0\.observation: 42:9:1 is not in program 42: its observation 9 is visit 42:9:2$/,
    );
  });

  it('--fixed pins (cadence.fixed)', () => {
    const start = Date.parse('2022-07-05T00:00Z');
    const pinned = scheduleProgram(program, { ...options, cadence: { ...options.cadence, fixed: [{ observation: '42:9:2', start }] } });
    expect(pinned.visits.find((visit) => visit.observation === 9)!.startMs).toBe(start);
    expect(() =>
      scheduleProgram(program, { ...options, cadence: { ...options.cadence, fixed: [{ observation: '42:10:1', start }] } }),
    ).toThrow(/^cadence\.fixed\.0\.observation: observation 10 is not in program 42/);
  });

  it('orientation files', () => {
    const structure = programStructure(program);
    const plan = resolveOrientationPlan(
      { constraints: [{ observations: ['42:9:2', 3], v3pa: { minDeg: 10, maxDeg: 20 } }] },
      program,
      structure,
    );
    expect([...plan.byVisit.keys()].sort()).toEqual(['3:1', '9:2']);
    expect(() =>
      resolveOrientationPlan({ constraints: [{ observations: ['7:9:2'], v3pa: { minDeg: 10, maxDeg: 20 } }] }, program, structure),
    ).toThrow(/constraints\.0\.observations\.0: 7:9:2 is a visit of program 7, not of 42/);
  });
});
