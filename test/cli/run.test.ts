/**
 * End-to-end tests of the `jwst-cadence` command: each test runs the command from the sources
 * as a separate Node process (no build needed) and checks its exit code, standard output and
 * standard error. Expected values come from the program table and the published facts, not
 * from earlier runs of the command.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CALENDAR_HELP } from '../../src/cli/calendar.js';
import { EPHEMERIS_HELP } from '../../src/cli/ephemeris.js';
import { GAPS_HELP } from '../../src/cli/gaps.js';
import { REPORT_HELP } from '../../src/cli/report.js';
import { SCHEDULE_HELP } from '../../src/cli/schedule.js';
import { WINDOWS_HELP } from '../../src/cli/windows.js';
import { cli, type CliRun as Run } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MS_PER_DAY = 86_400_000;
const CYCLE_1 = { start: '2022-07-01T00:00:00Z', end: '2023-07-01T00:00:00Z' };

const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface EdgeJson {
  model: 'ephemeris' | 'nominal-l2' | 'span';
  marginDays: number;
}

interface WindowJson {
  target: string;
  start: string;
  end: string;
  durationDays: number;
  observers: Array<'ephemeris' | 'nominal-l2'>;
  startEdge: EdgeJson;
  endEdge: EdgeJson;
  v3pa: { min: number; max: number };
  inMaz?: boolean;
}

/** Parse `windows --format json` output, checking the shape of every entry. */
function windowsJson(text: string): WindowJson[] {
  const data: unknown = JSON.parse(text);
  expect(Array.isArray(data)).toBe(true);
  for (const w of data as WindowJson[]) {
    // `inMaz` appears only where the micrometeoroid avoidance zone is modelled (from Cycle 2 on).
    const keys = [
      'durationDays',
      'end',
      'endEdge',
      'observers',
      'start',
      'startEdge',
      'target',
      'v3pa',
      ...('inMaz' in w ? ['inMaz'] : []),
    ];
    expect(Object.keys(w).sort()).toEqual(keys.sort());
    if ('inMaz' in w) expect(typeof w.inMaz).toBe('boolean');
    expect(w.observers.length).toBeGreaterThan(0);
    for (const edge of [w.startEdge, w.endEdge]) {
      expect(['ephemeris', 'nominal-l2', 'span']).toContain(edge.model);
      expect(edge.marginDays).toBeGreaterThanOrEqual(0);
      // An edge the span cuts keeps no margin.
      if (edge.model === 'span') expect(edge.marginDays).toBe(0);
    }

    expect(typeof w.target).toBe('string');
    expect(w.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(w.end).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(w.end)).toBeGreaterThan(Date.parse(w.start));
    expect(w.durationDays).toBeCloseTo((Date.parse(w.end) - Date.parse(w.start)) / MS_PER_DAY, 3);
    expect(Object.keys(w.v3pa).sort()).toEqual(['max', 'min']);
    for (const angle of [w.v3pa.min, w.v3pa.max]) {
      expect(angle).toBeGreaterThanOrEqual(0);
      expect(angle).toBeLessThanOrEqual(360);
    }
  }
  return data as WindowJson[];
}

/** The rows of the program's observations table, counted straight from the Markdown. */
function tableRows(): string[] {
  const text = readFileSync(join(ROOT, 'data/program-1539.md'), 'utf8');
  return text.split('\n').filter((line) => /^\|.*\|\s*\(\d+\)\s*\S+\s*\|\s*$/.test(line));
}

// Every test spawns its own processes, so they run side by side (vitest's maxConcurrency).
describe.concurrent('jwst-cadence', () => {
  describe('windows', () => {
    // Two tests compare with the windows of BD+60-1753 by name: one run, shared.
    let byNameRun: Promise<Run> | undefined;
    const windowsByName = (): Promise<Run> => (byNameRun ??= cli('windows', '--target', 'BD+60-1753', '--format', 'json'));

    it('--target BD+60-1753 --format json: two windows in Cycle 1 around one gap in the northern winter', async () => {
      const run = await windowsByName();
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const windows = windowsJson(run.stdout);
      // At ecliptic latitude 82.7 degrees the star has one window and one gap of 70 to 95 days a
      // year. At RA 17h25m it is nearest the Sun in late December, in the middle of Cycle 1
      // (July to June), so the cycle holds the ends of two windows with that gap between them.
      expect(windows).toHaveLength(2);
      const [first, second] = windows as [WindowJson, WindowJson];
      expect(windows.every((w) => w.target === 'BD+60-1753')).toBe(true);
      expect(first.start).toBe(CYCLE_1.start);
      expect(second.end).toBe(CYCLE_1.end);
      const gapDays = (Date.parse(second.start) - Date.parse(first.end)) / MS_PER_DAY;
      expect(gapDays).toBeGreaterThan(70);
      expect(gapDays).toBeLessThan(95);
      expect(Date.parse(first.end)).toBeLessThan(Date.parse('2022-12-20T00:00Z'));
      expect(Date.parse(second.start)).toBeGreaterThan(Date.parse('2022-12-20T00:00Z'));
      // Cycle 1 lies inside the bundled table and before its generation date (2023-06-20):
      // both edges inside the cycle come from JWST's reconstructed orbit, with no margin.
      expect(windows.map((w) => w.observers)).toEqual([['ephemeris'], ['ephemeris']]);
      expect([first.startEdge, first.endEdge, second.startEdge, second.endEdge]).toEqual([
        { model: 'span', marginDays: 0 },
        { model: 'ephemeris', marginDays: 0 },
        { model: 'ephemeris', marginDays: 0 },
        { model: 'span', marginDays: 0 },
      ]);
    });

    it('--ra/--dec: a point on the ecliptic has two windows of roughly 50 days a year', async () => {
      // RA 90, Dec = the obliquity: ecliptic longitude 90, latitude 0. Elongation is the Sun's
      // distance in longitude, in 85..135 twice a year for 50 degrees (about 50 days) each time:
      // February-March and September-November, both inside 2023.
      const run = await cli(
        'windows',
        '--ra',
        '90',
        '--dec',
        '23.4393',
        '--name',
        'ECL',
        '--from',
        '2023-01-01T00:00Z',
        '--to',
        '2024-01-01T00:00Z',
        '--format',
        'json',
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const windows = windowsJson(run.stdout);
      expect(windows.map((w) => w.target)).toEqual(['ECL', 'ECL']);
      for (const w of windows) {
        expect(w.durationDays).toBeGreaterThan(45);
        expect(w.durationDays).toBeLessThan(56);
      }
      expect(windows[0]!.start.slice(0, 7)).toMatch(/^2023-0[12]$/);
      expect(windows[1]!.start.slice(0, 7)).toMatch(/^2023-(08|09)$/);
    });

    it('--targets FILE.csv: windows for each target, sexagesimal positions included', async () => {
      const csv = join(scratch, 'targets.csv');
      // The north CVZ centre, and BD+60 1753 from its catalogue position (J2000, sexagesimal).
      writeFileSync(csv, 'name,ra,dec\nNEP,270,66.5607\nBD60 by position,17:24:52.275,+60:25:50.75\n');
      const [run, byName] = await Promise.all([cli('windows', '--targets', csv, '--format', 'json'), windowsByName()]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const windows = windowsJson(run.stdout);
      expect([...new Set(windows.map((w) => w.target))]).toEqual(['NEP', 'BD60 by position']);
      // Within 5 degrees of the ecliptic pole the target is in view all year, and the Sun goes
      // once round it, so every V3 position angle is reached.
      const nep = windows.filter((w) => w.target === 'NEP');
      expect(nep).toEqual([
        {
          target: 'NEP',
          start: CYCLE_1.start,
          end: CYCLE_1.end,
          durationDays: 365,
          // Cycle 1 lies inside the bundled table: the real orbit computed it.
          observers: ['ephemeris'],
          startEdge: { model: 'span', marginDays: 0 },
          endEdge: { model: 'span', marginDays: 0 },
          v3pa: { min: 0, max: 360 },
        },
      ]);
      // The same star by position and by catalogue name: the same windows, to a few minutes
      // (the catalogue adds 22 years of proper motion, under 0.1 arcsec).
      const byPosition = windows.filter((w) => w.target === 'BD60 by position');
      const named = windowsJson(byName.stdout);
      expect(byPosition).toHaveLength(named.length);
      byPosition.forEach((w, i) => {
        expect(Math.abs(Date.parse(w.start) - Date.parse(named[i]!.start))).toBeLessThan(10 * 60_000);
        expect(Math.abs(Date.parse(w.end) - Date.parse(named[i]!.end))).toBeLessThan(10 * 60_000);
      });
    });
  });

  describe('bad input: exit code 2 and one line on standard error', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['a declination beyond the pole', ['windows', '--ra', '270', '--dec', '95'], /dec/i],
      ['an unknown option', ['windows', '--target', 'HD163466', '--colour', 'red'], /--colour/],
      ['a missing file', ['gaps', '--schedule', join(scratch, 'no-such-plan.json')], /no-such-plan\.json/],
      ['--to before --from', ['windows', '--target', 'HD163466', '--from', '2023-01-01T00:00Z', '--to', '2022-07-01T00:00Z'], /--to/],
    ];
    for (const [what, args, mentions] of cases) {
      it(what, async () => {
        const run = await cli(...args);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.endsWith('\n')).toBe(true);
        const lines = run.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^jwst-cadence \w+: /);
        expect(lines[0]).toMatch(mentions);
        expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
      });
    }
  });

  describe('schedule and gaps', () => {
    const plan = join(scratch, 'plan.json');
    const rows = tableRows();
    // The gaps test reads the file the schedule test writes: one run, shared.
    let scheduled: Promise<Run> | undefined;
    const schedulePlan = (): Promise<Run> => (scheduled ??= cli('schedule', '--format', 'json', '--out', plan));

    it('schedule --format json places every visit of the built-in program', async () => {
      // The published observations table of program 1539 has 86 rows: 62 of BD+60-1753, 12 of
      // HD163466 and 12 of its background pointing.
      expect(rows).toHaveLength(86);
      const run = await schedulePlan();
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      const schedule = JSON.parse(readFileSync(plan, 'utf8')) as {
        mode: string;
        visits: Array<{ observation: number; target: string; start: string; end: string; window: { start: string; end: string } }>;
        unscheduled: unknown[];
      };
      expect(schedule.visits.length + schedule.unscheduled.length).toBe(rows.length);
      // Spread mode places epochs as regularly as the windows allow; nothing forces one out.
      expect(schedule.mode).toBe('spread');
      expect(schedule.visits).toHaveLength(86);
      expect(new Set(schedule.visits.map((v) => v.observation)).size).toBe(86);
      const perTarget = (name: string) => schedule.visits.filter((v) => v.target === name).length;
      expect(perTarget('BD+60-1753')).toBe(rows.filter((row) => row.includes('(1) BD+60-1753')).length);
      expect(perTarget('HD163466')).toBe(rows.filter((row) => row.includes('(3) HD163466 ')).length);
      expect(perTarget('HD163466-BKG')).toBe(rows.filter((row) => row.includes('(4) HD163466-BKG')).length);
      // One observatory: visits never overlap, and each lies inside its window, inside the cycle.
      const sorted = [...schedule.visits].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
      for (let i = 1; i < sorted.length; i++) expect(Date.parse(sorted[i]!.start)).toBeGreaterThanOrEqual(Date.parse(sorted[i - 1]!.end));
      for (const v of schedule.visits) {
        expect(Date.parse(v.start)).toBeGreaterThanOrEqual(Date.parse(v.window.start));
        expect(Date.parse(v.end)).toBeLessThanOrEqual(Date.parse(v.window.end));
        expect(Date.parse(v.start)).toBeGreaterThanOrEqual(Date.parse(CYCLE_1.start));
        expect(Date.parse(v.end)).toBeLessThanOrEqual(Date.parse(CYCLE_1.end));
      }
    });

    it('gaps --schedule FILE: exit 0 without bounds, 1 with --max-gap 45 because of the forced gaps', async () => {
      expect((await schedulePlan()).code).toBe(0);
      const [free, bounded] = await Promise.all([
        cli('gaps', '--schedule', plan),
        cli('gaps', '--schedule', plan, '--max-gap', '45', '--format', 'json'),
      ]);
      expect(free.stderr).toBe('');
      expect(free.code).toBe(0);
      expect(free.stdout).toContain('BD+60-1753');
      // Each star is out of view for 70 to 95 days once in the cycle, so some gap between its
      // epochs must exceed 45 days, whatever the schedule.
      expect(bounded.stderr).toBe('');
      expect(bounded.code).toBe(1);
      const report = JSON.parse(bounded.stdout) as {
        targets: Array<{ id: string; gaps: Array<{ days: number; forced: boolean; violation?: string }> }>;
      };
      for (const star of ['BD+60-1753', 'HD163466']) {
        const gaps = report.targets.find((t) => t.id === star)!.gaps;
        const over = gaps.filter((g) => g.violation === 'above-max');
        expect(over.length).toBeGreaterThan(0);
        expect(over.every((g) => g.forced && g.days > 70)).toBe(true);
      }
    });
  });

  describe('calendar', () => {
    it('--out-dir DIR writes every output and prints the calendar of program 1539', async () => {
      const folder = join(scratch, 'calendar');
      const run = await cli('calendar', '--out-dir', folder);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n')[0]).toMatch(/^Program 1539\b/);
      const read = (name: string) => readFileSync(join(folder, name), 'utf8');
      const json = JSON.parse(read('schedule.json')) as { program: { id: string }; visits: unknown[] };
      expect(json.program.id).toBe('1539');
      expect(json.visits).toHaveLength(86);
      expect(
        read('schedule.csv')
          .split('\n')
          .filter((line) => line.trim() !== ''),
      ).toHaveLength(1 + 86);
      const ics = read('schedule.ics');
      expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
      expect(ics.match(/^BEGIN:VEVENT/gm)).toHaveLength(86);
      expect(read('schedule.svg')).toMatch(/<svg[\s>][\s\S]*<\/svg>\s*$/);
      expect(read('schedule-apt.txt')).toMatch(/BD\+60-1753/);
      const report = read('report.html');
      expect(report.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(report.match(/<tr>/g)!.length).toBeGreaterThan(86);
      // The terminal calendar is the file calendar.txt, followed by the list of files written.
      const calendar = read('calendar.txt');
      expect(run.stdout.startsWith(calendar)).toBe(true);
      for (const file of [
        'schedule.json',
        'schedule.csv',
        'schedule.ics',
        'schedule.svg',
        'schedule-apt.txt',
        'calendar.txt',
        'report.html',
      ]) {
        expect(run.stdout.slice(calendar.length)).toContain(file);
      }
    });
  });

  describe('report', () => {
    const visitRows = (html: string): number =>
      html.slice(html.indexOf('id="visits-table"')).split('</table>')[0]!.match(/<tr>/g)!.length - 1;

    it('--out FILE writes the page of the built-in plan; --schedule FILE.json renders the same plan to the same bytes', async () => {
      const direct = join(scratch, 'report-direct.html');
      const run = await cli('report', '--out', direct);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      const html = readFileSync(direct, 'utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(visitRows(html)).toBe(86); // one row a visit of the published table, under one header row
      const plan = join(scratch, 'report-plan.json');
      expect((await cli('schedule', '--format', 'json', '--out', plan)).code).toBe(0);
      const saved = await cli('report', '--schedule', plan);
      expect(saved.code).toBe(0);
      expect(saved.stdout).toBe(html);
    });

    it('--max-gap checks the gaps: the two forced gaps of each star go over 45 days', async () => {
      const plan = join(scratch, 'report-plan-bounds.json');
      expect((await cli('schedule', '--format', 'json', '--out', plan)).code).toBe(0);
      const run = await cli('report', '--schedule', plan, '--max-gap', 'P45D');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('at most 45 days');
      expect(run.stdout.match(/<strong>above max<\/strong>/g)!.length).toBeGreaterThanOrEqual(2);
    });

    it('refuses scheduling options with --schedule, and bounds the wrong way round', async () => {
      const plan = join(scratch, 'report-plan-refuse.json');
      expect((await cli('schedule', '--format', 'json', '--out', plan)).code).toBe(0);
      const mixed = await cli('report', '--schedule', plan, '--mode', 'period');
      expect(mixed.code).toBe(2);
      expect(mixed.stderr).toMatch(/^jwst-cadence report: --schedule renders a saved plan; --mode would not apply to it\n$/);
      const bounds = await cli('report', '--schedule', plan, '--min-gap', '50', '--max-gap', '40');
      expect(bounds.code).toBe(2);
      expect(bounds.stderr).toMatch(/--min-gap must not exceed --max-gap/);
      const missing = await cli('report', '--schedule', join(scratch, 'nothing.json'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/--schedule: cannot read .*nothing\.json: no such file/);
    });
  });

  describe('--help', () => {
    const helps: Record<string, string> = {
      windows: WINDOWS_HELP,
      schedule: SCHEDULE_HELP,
      gaps: GAPS_HELP,
      calendar: CALENDAR_HELP,
      report: REPORT_HELP,
      ephemeris: EPHEMERIS_HELP,
    };
    for (const command of Object.keys(helps)) {
      it(`${command} --help exits 0 with its usage`, async () => {
        const run = await cli(command, '--help');
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(helps[command]);
        expect(run.stdout.startsWith(`Usage: jwst-cadence ${command}`)).toBe(true);
      });
    }

    it('--help lists the commands and exits 0', async () => {
      const run = await cli('--help');
      expect(run.code).toBe(0);
      for (const command of Object.keys(helps)) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    });

    it('docs/cli.md documents every option of each command in its section', () => {
      const doc = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
      const sections = doc.split(/^## /m);
      for (const [command, help] of Object.entries(helps)) {
        const section = sections.find((text) => text.startsWith(`jwst-cadence ${command}\n`));
        expect(section, `a section "## jwst-cadence ${command}"`).toBeDefined();
        for (const option of new Set(help.match(/(?<=\s)--[a-z][a-z-]*/g) ?? [])) {
          expect(section, `${command} ${option}`).toContain(`\`${option}`);
        }
      }
    });
  });
});
