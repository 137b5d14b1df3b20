/**
 * Several visits of one observation in a table (`42:9:1` and `42:9:2`): each row is its own
 * visit in the plan, in every input that names a visit and in every output. Expected values
 * come from the tables written here and the block rule (an epoch's visits run one after the
 * other, VISIT_GAP_MS apart).
 */
import { describe, expect, it } from 'vitest';
import {
  checkPlan,
  InputError,
  parseProgram,
  programStructure,
  readExecutedVisits,
  readPublishedSchedule,
  scheduleFromJson,
  scheduleProgram,
  scheduleToApt,
  scheduleToCalendarText,
  scheduleToCsv,
  scheduleToIcs,
  scheduleToJson,
  VISIT_GAP_MS,
} from '../../src/advanced.js';
import { resolveOrientationPlan } from '../../src/program/orientation-plan.js';

const MIN = 60_000;

function doc(rows: string[]): string {
  const header = '| Obs | Visit | Label | Observing Template | Science Target | Duration |';
  return ['---', 'id: 42', '---', '# 42 - T', '', header, `|${'---|'.repeat(6)}`, ...rows, ''].join('\n');
}

// Line 8 is the first row. Observation 9 has two visits of one target with two templates: one epoch.
const ROWS = [
  '| 9 | 1 | A | NIRCam Imaging | (1) S | 00:20:00 |',
  '| 9 | 2 | B | MIRI Imaging | (1) S | 00:30:00 |',
  '| 3 | 1 | C | NIRCam Imaging | (1) S | 00:10:00 |',
];

const span = { start: '2022-07-01T00:00Z', end: '2022-07-11T00:00Z' };
const windows = { S: [{ startMs: Date.parse(span.start), endMs: Date.parse(span.end) }] };
const options = { windows, cadence: { mode: 'spread' as const, span, margin: 0 } };

describe('a table with two visits of one observation', () => {
  const program = parseProgram(doc(ROWS), { source: 'p.md' });

  it('parses each row as its own visit', () => {
    expect(program.visits.map((visit) => [visit.observation, visit.visit, visit.durationMs])).toEqual([
      [9, 1, 20 * MIN],
      [9, 2, 30 * MIN],
      [3, 1, 10 * MIN],
    ]);
  });

  it('refuses the same observation and visit in two rows, naming both lines', () => {
    const twice = doc([...ROWS, '| 9 | 2 | D | MIRI Imaging | (1) S |  |']);
    expect(() => parseProgram(twice, { source: 'p.md' })).toThrow(InputError);
    expect(() => parseProgram(twice, { source: 'p.md' })).toThrow(/^p\.md line 11: observation 9 visit 2 is also the row of line 9/);
  });

  it('groups both visits in one epoch block, as the rows of two series of one target', () => {
    const structure = programStructure(program);
    expect(structure.epochs.map((epoch) => epoch.visits)).toEqual([['9:1', '9:2'], ['3:1']]);
    expect(structure.epochs[0]!.observations).toEqual([9, 9]);
  });

  it('places both, back to back in their epoch, each with its visit number', () => {
    const schedule = scheduleProgram(program, options);
    expect(checkPlan(schedule).problems).toEqual([]);
    expect(schedule.unscheduled).toEqual([]);
    const first = schedule.visits.find((visit) => visit.observation === 9 && (visit.visit ?? 1) === 1)!;
    const second = schedule.visits.find((visit) => visit.observation === 9 && visit.visit === 2)!;
    expect(first.label).toBe('A');
    expect(second.label).toBe('B');
    expect(second.epoch).toBe(first.epoch);
    expect(first.endMs - first.startMs).toBe(20 * MIN);
    expect(second.startMs).toBe(first.endMs + VISIT_GAP_MS);
    expect(second.endMs - second.startMs).toBe(30 * MIN);
  });

  it('names each visit by its own id in every output', () => {
    const schedule = scheduleProgram(program, options);
    const json = JSON.parse(scheduleToJson(schedule));
    const ids = json.visits.map((visit: { visitId: string }) => visit.visitId);
    expect([...ids].sort()).toEqual(['42:3:1', '42:9:1', '42:9:2']);
    const back = scheduleFromJson(scheduleToJson(schedule));
    expect(back.visits.map((visit) => [visit.observation, visit.visit ?? 1])).toEqual(
      schedule.visits.map((visit) => [visit.observation, visit.visit ?? 1]),
    );
    const csv = scheduleToCsv(schedule).split('\n');
    const column = csv[0]!.split(',').indexOf('visitId');
    expect(csv.slice(1, 4).map((line) => line.split(',')[column])).toEqual(['42:9:1', '42:9:2', '42:3:1']);
    const ics = scheduleToIcs(schedule).replace(/\r\n[ \t]/g, '');
    const uids = [...ics.matchAll(/^UID:(.*)$/gm)].map((match) => match[1]);
    expect(uids).toHaveLength(3);
    expect(new Set(uids).size).toBe(3);
    expect(ics).toContain('UID:jwst-42-obs-9-visit-2@jwst-cadence');
    const apt = scheduleToApt(schedule);
    expect(apt).toContain('Observation 9 visit 1: ');
    expect(apt).toContain('Observation 9 visit 2: ');
    expect(scheduleToCalendarText(schedule)).toMatch(/obs 9 visit 1, 9 visit 2/);
  });
});

describe('inputs name one of the visits', () => {
  const program = parseProgram(doc(ROWS), { source: 'p.md' });
  const now = '2022-07-03T00:00Z';
  const ranAt = Date.parse('2022-07-02T00:00Z');

  it('an executed visit by its id, or by observation and visit columns, marks that visit done', () => {
    for (const text of ['observation,start\n42:9:2,2022-07-02T00:00Z\n', 'observation,visit,start\n9,2,2022-07-02T00:00Z\n']) {
      const { visits } = readExecutedVisits(text, 'x.csv');
      const schedule = scheduleProgram(program, { ...options, executed: [...visits], now });
      const done = schedule.visits.filter((visit) => visit.status === 'done');
      expect(done.map((visit) => [visit.observation, visit.visit ?? 1, visit.startMs])).toEqual([[9, 2, ranAt]]);
      // Its epoch's other visit is still to run, after now.
      const other = schedule.visits.find((visit) => visit.observation === 9 && (visit.visit ?? 1) === 1)!;
      expect(other.status ?? 'planned').toBe('planned');
      expect(other.startMs).toBeGreaterThanOrEqual(Date.parse(now));
    }
  });

  it('refuses a bare observation number of the observation with two visits, listing them', () => {
    const listed = /observation 9 has 2 visits \(42:9:1, 42:9:2\); name one by its visit id/;
    expect(() => scheduleProgram(program, { ...options, executed: [{ observation: 9, start: '2022-07-02T00:00Z' }], now })).toThrow(
      new RegExp(`^executed\\.0\\.observation: ${listed.source}`),
    );
    expect(() => readExecutedVisits('observation,visit,start\n9,3,2022-07-02T00:00Z\n', 'x.csv')).not.toThrow();
    expect(() =>
      scheduleProgram(program, {
        ...options,
        executed: [...readExecutedVisits('observation,visit,start\n9,3,2022-07-02T00:00Z\n', 'x.csv').visits],
        now,
      }),
    ).toThrow(/^executed\.0\.observation: 42:9:3 is not in program 42: its observation 9 has visits 42:9:1, 42:9:2$/);
    expect(() =>
      scheduleProgram(program, { ...options, cadence: { ...options.cadence, fixed: [{ observation: 9, start: '2022-07-05T00:00Z' }] } }),
    ).toThrow(new RegExp(`^cadence\\.fixed\\.0\\.observation: ${listed.source}`));
    expect(() =>
      resolveOrientationPlan(
        { constraints: [{ observations: [9], v3pa: { minDeg: 10, maxDeg: 20 } }] },
        program,
        programStructure(program),
      ),
    ).toThrow(new RegExp(`constraints\\.0\\.observations\\.0: ${listed.source}`));
    expect(() => programStructure(program, { epochs: [[9], [3]] })).toThrow(new RegExp(`^plan\\.epochs\\.0\\.0: ${listed.source}`));
    // An observation of one visit is still named by its number alone.
    const pinned = scheduleProgram(program, {
      ...options,
      cadence: { ...options.cadence, fixed: [{ observation: 3, start: '2022-07-05T00:00Z' }] },
    });
    expect(pinned.visits.find((visit) => visit.observation === 3)!.startMs).toBe(Date.parse('2022-07-05T00:00Z'));
  });

  it('a fixed visit, an orientation constraint and a plan name one visit by its id', () => {
    const start = Date.parse('2022-07-05T00:00Z');
    const pinned = scheduleProgram(program, { ...options, cadence: { ...options.cadence, fixed: [{ observation: '42:9:2', start }] } });
    const second = pinned.visits.find((visit) => visit.observation === 9 && visit.visit === 2)!;
    const first = pinned.visits.find((visit) => visit.observation === 9 && (visit.visit ?? 1) === 1)!;
    expect(second.startMs).toBe(start);
    // Its block starts with visit 1, which runs just before it.
    expect(first.endMs + VISIT_GAP_MS).toBe(start);
    const plan = resolveOrientationPlan(
      { constraints: [{ observations: ['42:9:2'], v3pa: { minDeg: 10, maxDeg: 20 } }] },
      program,
      programStructure(program),
    );
    expect([...plan.byVisit.keys()]).toEqual(['9:2']);
    const split = programStructure(program, { epochs: [['42:9:2'], ['42:9:1', 3]] });
    expect(split.epochs.map((epoch) => epoch.visits)).toEqual([['9:2'], ['9:1', '3:1']]);
  });

  it('a continued plan carries both visits as history', () => {
    const cycleWindows = { S: [{ startMs: Date.parse('2022-07-01T00:00Z'), endMs: Date.parse('2024-07-01T00:00Z') }] };
    const first = scheduleProgram(program, { windows: cycleWindows, cadence: { mode: 'spread', cycle: 1, margin: 0 } });
    const next = scheduleProgram(program, {
      windows: cycleWindows,
      cadence: { mode: 'spread', cycle: 2, margin: 0 },
      continueFrom: scheduleFromJson(scheduleToJson(first)),
    });
    expect(checkPlan(next).problems).toEqual([]);
    const ids = (cycle: number): string[] =>
      next.visits
        .filter((visit) => visit.cycle === cycle)
        .map((visit) => `${visit.observation}:${visit.visit ?? 1}`)
        .sort();
    expect(ids(1)).toEqual(['3:1', '9:1', '9:2']);
    expect(ids(2)).toEqual(['3:1', '9:1', '9:2']);
  });

  it('a published schedule matches each visit by observation and visit number', () => {
    const at = (iso: string): number => Date.parse(iso);
    const csv = [
      'visit_id,pcs_mode,visit_type,scheduled_start_time,duration,science_instrument_and_mode,target_name,category,keywords',
      '42:9:1,FINEGUIDE,PRIME TARGETED FIXED,2022-07-02T00:00:00Z,00/00:21:00,NIRCam Imaging,S,Star,x',
      '42:9:2,FINEGUIDE,PRIME TARGETED FIXED,2022-07-02T00:25:00Z,00/00:33:00,MIRI Imaging,S,Star,x',
      '42:9:3,FINEGUIDE,PRIME TARGETED FIXED,2022-07-02T02:00:00Z,00/00:05:00,MIRI Imaging,S,Star,x',
      '',
    ].join('\n');
    const published = readPublishedSchedule([{ name: 'week.csv', text: csv }], '42');
    expect(published.visits.map((visit) => visit.visitId)).toEqual(['42:9:1', '42:9:2', '42:9:3']);
    const schedule = scheduleProgram(program, { ...options, observed: published, now });
    const ran = schedule.visits.filter((visit) => visit.published);
    expect(ran.map((visit) => [visit.observation, visit.visit ?? 1, visit.label, visit.startMs, visit.endMs - visit.startMs])).toEqual([
      [9, 1, 'A', at('2022-07-02T00:00Z'), 21 * MIN],
      [9, 2, 'B', at('2022-07-02T00:25Z'), 33 * MIN],
    ]);
    // The visit the table lacks is listed, not matched to another visit of its observation.
    expect((schedule.notes ?? []).join('\n')).toMatch(/lists 1 visit of observations the table lacks, not in this plan: 42:9:3/);
  });
});
