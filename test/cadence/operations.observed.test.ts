/**
 * Re-planning from JWST's published schedule: with a program table whose observation numbers
 * are APT's, the published visits before now are done, later ones scheduled and held where
 * STScI placed them (with their published durations), the rest of the table is planned around
 * them, and observations the table lacks are listed in the notes, not dropped in silence.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPlan, parseProgram, readPublishedSchedule, scheduleFromJson, scheduleProgram } from '../../src/index.js';
import { cli } from '../support/cli.js';

const RELATIVE = 'examples/published-schedule-1539';
const FOLDER = fileURLToPath(new URL(`../../${RELATIVE}/`, import.meta.url));
/** The reports published by 2023-01-04: the state of things a planner had at the new year. */
const NAMES = readdirSync(FOLDER)
  .filter((name) => /^(22|2300405)\w*_report_\d+\.txt$/.test(name))
  .sort();
const REPORTS = NAMES.map((name) => ({ name, text: readFileSync(join(FOLDER, name), 'utf8') }));
const NOW = Date.UTC(2023, 0, 1);

/**
 * A table of 30 rows whose numbers are APT's: row k is observation k as the published schedule
 * runs it; the observations it never lists (1, 5, 7, 11, 12) are MIRI Imaging of BD+60-1753.
 */
function table(): string {
  const published = new Map(readPublishedSchedule(REPORTS, '1539').visits.map((visit) => [visit.observation, visit]));
  const number: Record<string, number> = { 'BD+60-1753': 1, HD163466: 2, 'HD163466-BKG': 3 };
  const rows = Array.from({ length: 30 }, (_, index) => {
    const visit = published.get(index + 1);
    const target = visit?.target ?? 'BD+60-1753';
    return `| V${index + 1} | ${visit?.template ?? 'MIRI Imaging'} | (${number[target]}) ${target} |`;
  });
  // HD163466's MRS observations 13 to 18 have not been published by the new year: rows of their own.
  for (let k = 13; k <= 18; k += 1) rows[k - 1] = `| V${k} | MIRI Medium Resolution Spectroscopy | (2) HD163466 |`;
  return [
    '---',
    'id: 1539',
    '---',
    '# 1539 - APT numbers',
    '',
    '| Label | Observing Template | Science Target |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

describe('scheduleProgram with observed', () => {
  const program = parseProgram(table(), { source: 'apt.md' });
  const published = readPublishedSchedule(REPORTS, '1539');
  const plan = scheduleProgram(program, { cadence: { mode: 'spread', cycle: 1 }, observed: published, now: NOW });
  const at = (observation: number) => plan.visits.find((visit) => visit.observation === observation)!;

  it('keeps the visits before now as done, where and as long as published', () => {
    expect(checkPlan(plan).problems).toEqual([]);
    const done = plan.visits.filter((visit) => visit.status === 'done');
    for (const visit of published.visits.filter((v) => v.startMs < NOW && v.observation <= 30)) {
      const kept = at(visit.observation);
      expect([kept.status, kept.published, kept.startMs, kept.endMs]).toEqual([
        'done',
        true,
        visit.startMs,
        visit.startMs + visit.durationMs,
      ]);
    }
    expect(done.length).toBe(published.visits.filter((v) => v.startMs < NOW && v.observation <= 30).length);
  });

  it('holds the visits scheduled after now where STScI placed them', () => {
    // 1539:29:1 and 1539:30:1 run on 2023-01-05 (22 min 38 s and 19 min 53 s, as published).
    expect([at(29).status, at(29).published, at(29).startMs, at(29).endMs - at(29).startMs]).toEqual([
      undefined,
      true,
      Date.UTC(2023, 0, 5, 7, 14, 23),
      (22 * 60 + 38) * 1000,
    ]);
    expect([at(30).status, at(30).published, at(30).startMs]).toEqual([undefined, true, Date.UTC(2023, 0, 5, 7, 42, 55)]);
  });

  it('plans the rest of the table around them, from now on, clear of the visits held', () => {
    const held = [at(29), at(30)];
    for (const observation of [1, 5, 7, 11, 12, 13, 14, 15, 16, 17, 18]) {
      const visit = plan.visits.find((v) => v.observation === observation);
      const unscheduled = plan.unscheduled.find((v) => v.observation === observation);
      expect(visit !== undefined || unscheduled !== undefined).toBe(true);
      if (visit) {
        expect(visit.published).toBeUndefined();
        expect(visit.startMs).toBeGreaterThanOrEqual(NOW);
        for (const other of held) expect(visit.endMs <= other.startMs || visit.startMs >= other.endMs).toBe(true);
      }
    }
  });

  it('lists the observations the table lacks in the notes', () => {
    const note = plan.notes!.find((text) => text.startsWith('The published schedule lists'))!;
    // 64, 65 (the background of HD163466), 74 to 78 (an extra epoch of BD+60-1753), 31 to 33.
    expect(note).toMatch(/^The published schedule lists 10 visits of observations the table lacks, not in this plan: /);
    for (const id of ['1539:64:1', '1539:65:1', '1539:74:1', '1539:78:1', '1539:31:1', '1539:33:1']) expect(note).toContain(id);
    expect(
      plan.notes!.some((text) =>
        /^\d+ visits done, 0 failed, 2 scheduled \(held where the published schedule places them: 1 epoch block, the time around them planned\)/.test(
          text,
        ),
      ),
    ).toBe(true);
  });

  it("refuses a table whose numbers are not APT's, naming the report and line", () => {
    const rows = table().replace('| V6 | MIRI Medium Resolution Spectroscopy | (2) HD163466 |', '| V6 | MIRI Imaging | (1) BD+60-1753 |');
    expect(() =>
      scheduleProgram(parseProgram(rows, { source: 'rows.md' }), { cadence: { mode: 'spread', cycle: 1 }, observed: published, now: NOW }),
    ).toThrow(
      /^observed 2220703f02_report_20220726\.txt line 5: 1539:6:1 observes HD163466, but observation 6 of the table \(line 13\) is V6 on BD\+60-1753; the table's observation numbers must be APT's/,
    );
  });

  it('refuses a schedule of another program, and a scheduled visit before now', () => {
    expect(() =>
      scheduleProgram(program, { cadence: { mode: 'spread', cycle: 1 }, observed: { ...published, program: '4499' }, now: NOW }),
    ).toThrow(/^observed\.program: the published schedule is of program 4499, not 1539/);
    expect(() =>
      scheduleProgram(program, {
        cadence: { mode: 'spread', cycle: 1 },
        executed: [{ observation: 1, start: '2022-12-01T00:00Z', status: 'scheduled' }],
        now: NOW,
      }),
    ).toThrow(/^executed\.0\.start: 2022-12-01T00:00:00Z is before now .*a visit still scheduled starts from now on/);
  });
});

describe('jwst-cadence schedule --observed', () => {
  const folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-replan-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('re-plans the table around the published visits, and writes them marked', async () => {
    writeFileSync(join(folder, 'apt.md'), table());
    const run = await cli(
      'schedule',
      '--program',
      join(folder, 'apt.md'),
      '--observed',
      ...NAMES.map((name) => `${RELATIVE}/${name}`),
      '--now',
      '2023-01-01',
      '--format',
      'json',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = scheduleFromJson(run.stdout, 'plan.json');
    expect(plan.visits.filter((visit) => visit.published).length).toBe(
      readPublishedSchedule(REPORTS, '1539').visits.filter((v) => v.observation <= 30).length,
    );
    expect(plan.notes!.some((note) => note.includes('1539:64:1'))).toBe(true);
  });

  it('report --observed marks what ran and what is scheduled beside the plan', async () => {
    writeFileSync(join(folder, 'apt.md'), table());
    const out = join(folder, 'report.html');
    const run = await cli(
      'report',
      '--program',
      join(folder, 'apt.md'),
      '--observed',
      ...NAMES.map((name) => `${RELATIVE}/${name}`),
      '--now',
      '2023-01-01',
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('class="reality ran">ran</span>');
    expect(html).toContain('class="reality scheduled">scheduled</span>');
    expect(html).toContain('<circle class="published-scheduled"');
  });

  it('names the report and line of a visit that does not fit the table', async () => {
    const run = await cli('schedule', '--observed', ...NAMES.map((name) => `${RELATIVE}/${name}`), '--now', '2023-01-01');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--observed examples\/published-schedule-1539\/2220703f02_report_20220726\.txt line 5: 1539:6:1 observes HD163466, but observation 6 of the table/,
    );
  });
});

/**
 * The shipped table of program 1539 with APT's numbers (examples/published-schedule-1539/
 * program-1539-apt.md): the published table row for row, numbered from the published schedule.
 */
describe('program 1539 with APT observation numbers', () => {
  const aptText = readFileSync(join(FOLDER, 'program-1539-apt.md'), 'utf8');
  const apt = parseProgram(aptText, { source: 'program-1539-apt.md' });
  const builtIn = parseProgram(readFileSync(fileURLToPath(new URL('../../data/program-1539.md', import.meta.url)), 'utf8'), {
    source: 'program-1539.md',
  });
  const allReports = readdirSync(FOLDER)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(FOLDER, name), 'utf8') }));
  const everyVisit = readPublishedSchedule(allReports, '1539').visits;

  it('is the published table row for row, with numbers of its own', () => {
    expect(apt.visits.map((visit) => [visit.label, visit.template, visit.target])).toEqual(
      builtIn.visits.map((visit) => [visit.label, visit.template, visit.target]),
    );
    expect(new Set(apt.visits.map((visit) => visit.observation)).size).toBe(apt.visits.length);
    // The reading of the first epoch: the first five rows are APT's observations 9, 8, 3, 2 and 4.
    expect(apt.visits.slice(0, 5).map((visit) => visit.observation)).toEqual([9, 8, 3, 2, 4]);
  });

  it("names every published visit's observation with a row of its target and template", () => {
    expect(everyVisit.length).toBe(75);
    const byNumber = new Map(apt.visits.map((visit) => [visit.observation, visit]));
    const misfits = everyVisit
      .filter(
        (visit) => byNumber.get(visit.observation)?.target !== visit.target || byNumber.get(visit.observation)?.template !== visit.template,
      )
      .map((visit) => `${visit.visitId} ${visit.target} ${visit.template}`);
    expect(misfits).toEqual([]);
    // Rows with no published visit: the 11 of 86 the README lists (75 visits name 75 rows).
    const named = new Set(everyVisit.map((visit) => visit.observation));
    expect(
      apt.visits
        .filter((visit) => !named.has(visit.observation))
        .map((visit) => visit.observation)
        .sort((a, b) => a - b),
    ).toEqual([11, 12, 66, 67, 901, 902, 903, 904, 905, 906, 907]);
  });

  it('re-planned as of 2023-01-01, holds every visit published before then as done at its published start', () => {
    const known = readPublishedSchedule(
      allReports.filter((report) => report.name.startsWith('22')),
      '1539',
    );
    const plan = scheduleProgram(apt, { cadence: { mode: 'spread', cycle: 1 }, observed: known, now: NOW });
    expect(checkPlan(plan).problems).toEqual([]);
    const before = everyVisit.filter((visit) => visit.startMs < NOW);
    expect(before.length).toBe(24);
    for (const visit of before) {
      const kept = plan.visits.filter((planned) => planned.observation === visit.observation);
      expect(kept.map((planned) => [planned.status, planned.startMs, planned.endMs])).toEqual([
        ['done', visit.startMs, visit.startMs + visit.durationMs],
      ]);
    }
    // Every other row is planned, none of them before now.
    const rest = plan.visits.filter((planned) => planned.status !== 'done');
    expect(rest.length).toBe(apt.visits.length - before.length);
    expect(rest.every((planned) => planned.startMs >= NOW)).toBe(true);
    expect(plan.unscheduled).toEqual([]);
  });

  it('re-planned as of 2023-01-01 from every report, plans the unpublished epochs in order around the scheduled ones', () => {
    const plan = scheduleProgram(apt, {
      cadence: { mode: 'spread', cycle: 1 },
      observed: readPublishedSchedule(allReports, '1539'),
      now: NOW,
    });
    expect(checkPlan(plan).problems).toEqual([]);
    // Every published visit from now on is where and as long as published, marked, not run.
    const later = everyVisit.filter((visit) => visit.startMs >= NOW);
    expect(later.length).toBe(51);
    for (const visit of later) {
      const kept = plan.visits.filter((planned) => planned.observation === visit.observation);
      expect(kept.map((planned) => [planned.status, planned.published, planned.startMs, planned.endMs])).toEqual([
        [undefined, true, visit.startMs, visit.startMs + visit.durationMs],
      ]);
    }
    // Every visit placed lies inside one window of its target; none overlaps another.
    for (const visit of plan.visits.filter((planned) => planned.status === undefined)) {
      expect(plan.windows[visit.target]!.some((w) => w.startMs <= visit.startMs && visit.endMs <= w.endMs)).toBe(true);
    }
    const byStart = [...plan.visits].sort((a, b) => a.startMs - b.startMs);
    for (let i = 1; i < byStart.length; i += 1) expect(byStart[i]!.startMs).toBeGreaterThanOrEqual(byStart[i - 1]!.endMs);
    // Nothing planned before now; each target's epochs in their order.
    const planned = plan.visits.filter((visit) => visit.status === undefined && !visit.published);
    expect(planned.length).toBeGreaterThan(0);
    for (const visit of planned) expect(visit.startMs).toBeGreaterThanOrEqual(NOW);
    for (const target of new Set(plan.visits.map((visit) => visit.target))) {
      const epochs = byStart.filter((visit) => visit.target === target).map((visit) => visit.epoch);
      expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    }
    // The rows without a published visit go before the scheduled epochs where their order puts them.
    // BD+60-1753's epoch 7 is published in part (167 and 168): the rest (901 to 903) is one block
    // after its scheduled part and before epoch 8, which is scheduled.
    const bd7 = plan.visits.filter((visit) => visit.target === 'BD+60-1753' && visit.epoch === 7);
    expect(bd7.map((visit) => [visit.observation, visit.published ?? false])).toEqual([
      [167, true],
      [168, true],
      [901, false],
      [902, false],
      [903, false],
    ]);
    const bd8 = plan.visits.filter((visit) => visit.target === 'BD+60-1753' && visit.epoch === 8);
    expect(bd8.every((visit) => visit.published)).toBe(true);
    expect(bd7.at(-1)!.endMs).toBeLessThanOrEqual(Math.min(...bd8.map((visit) => visit.startMs)));
    // All 86 rows: planned (held, run or placed) or reported with a reason.
    const rows = new Set([...plan.visits, ...plan.unscheduled].map((visit) => `${visit.observation}:${visit.visit ?? 1}`));
    expect(rows.size).toBe(86);
    for (const visit of plan.unscheduled) expect(visit.reason.length).toBeGreaterThan(0);
  });
});

describe('an epoch with no room between the scheduled epochs around it', () => {
  const text = [
    '---',
    'id: 42',
    '---',
    '# 42 - T',
    '',
    '| Obs | Label | Observing Template | Science Target | Duration |',
    '|---|---|---|---|---|',
    '| 1 | A | MIRI Imaging | (1) S | 00:20:00 |',
    '| 2 | B | MIRI Imaging | (1) S | 00:20:00 |',
    '| 3 | C | MIRI Imaging | (1) S | 00:20:00 |',
    '',
  ].join('\n');
  const program = parseProgram(text, { source: 't.md' });
  const csv = [
    'visit_id,pcs_mode,visit_type,scheduled_start_time,duration,science_instrument_and_mode,target_name,category,keywords',
    '42:1:1,FINEGUIDE,PRIME TARGETED FIXED,2022-07-05T10:00:00Z,00/00:20:00,MIRI Imaging,S,Star,x',
    '42:3:1,FINEGUIDE,PRIME TARGETED FIXED,2022-07-05T10:30:00Z,00/00:20:00,MIRI Imaging,S,Star,x',
    '',
  ].join('\n');
  const observed = readPublishedSchedule([{ name: 'week.csv', text: csv }], '42');
  const span = { start: '2022-07-01T00:00Z', end: '2022-07-11T00:00Z' };
  const windows = { S: [{ startMs: Date.parse(span.start), endMs: Date.parse(span.end) }] };

  it('is not placed, and the reason names it and the scheduled visits before and after it', () => {
    const plan = scheduleProgram(program, { windows, cadence: { mode: 'spread', span, margin: 0 }, observed, now: '2022-07-02T00:00Z' });
    expect(plan.visits.map((visit) => [visit.observation, visit.published])).toEqual([
      [1, true],
      [3, true],
    ]);
    expect(plan.unscheduled.map((visit) => [visit.observation, visit.epoch])).toEqual([[2, 2]]);
    expect(plan.unscheduled[0]!.reason).toBe(
      'epoch 2 of S has no visible start in order with fixed epoch 1 (scheduled 2022-07-05T10:00:00Z) ' +
        'and fixed epoch 3 (scheduled 2022-07-05T10:30:00Z): ' +
        "a target's epochs run in order, and its 0.33 h block fits in no visibility window of S between them",
    );
  });
});
