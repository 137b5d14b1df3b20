/**
 * The cadence JWST achieved: program 1539's published Cycle 1 schedule made into a plan, and
 * `jwst-cadence gaps --observed` on it. The expected gaps are the published dates' (the
 * provenance of the shipped reports lists them), the forced flags come from the engine's
 * windows: the long gap of each star spans its season out of view, the others lie inside a
 * window.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  cadenceGaps,
  checkPlan,
  DEFAULT_EPOCH_JOIN_HOURS,
  loadBuiltInProgram,
  observedPlan,
  readPublishedSchedule,
  type ScheduleFile,
  scheduleProgram,
  scheduleToHtml,
  scheduleToSvg,
} from '../../src/advanced.js';
import { EPOCH_JOIN_HOURS_HELP } from '../../src/cli/gaps.js';
import { cli } from '../support/cli.js';

const RELATIVE = 'examples/published-schedule-1539';
const FOLDER = fileURLToPath(new URL(`../../${RELATIVE}/`, import.meta.url));
const NAMES = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.txt'))
  .sort();
const REPORTS: ScheduleFile[] = NAMES.map((name) => ({ name, text: readFileSync(join(FOLDER, name), 'utf8') }));
/** Days between epochs, as the published dates give them (the shipped reports' README). */
const BD60_GAPS = [28.9, 12.7, 16.7, 111.1, 35.0, 11.9, 16.9, 27.8, 26.5, 27.1, 30.6];
const HD163466_GAPS = [28.7, 155.8, 25.0, 17.1, 11.9, 30.0, 24.6, 30.8];
const tenths = (days: number): number => Math.round(days * 10) / 10;

describe('observedPlan', () => {
  const plan = observedPlan(readPublishedSchedule(REPORTS, '1539'));

  it('is a consistent plan: every visit done, where STScI placed it, with its published duration', () => {
    expect(checkPlan(plan).problems).toEqual([]);
    expect(plan.visits.length).toBe(75);
    expect(plan.visits.every((visit) => visit.status === 'done' && visit.published === true)).toBe(true);
    const nirspec = plan.visits.find((visit) => visit.observation === 3)!;
    expect([nirspec.startMs, nirspec.endMs - nirspec.startMs, nirspec.series]).toEqual([
      Date.UTC(2022, 6, 19, 23, 12, 32),
      (31 * 60 + 12) * 1000,
      'BD+60-1753 / NIRSpec Fixed Slit Spectroscopy',
    ]);
  });

  it('epochs are per target, also where both stars share one block (2023-02-21, 2023-03-10)', () => {
    const epochOf = (observation: number) => plan.visits.find((visit) => visit.observation === observation)!.epoch;
    // 2023-02-21: HD163466 (14), its background (69), then BD+60-1753 (167, 168) in one block.
    expect(epochOf(167)).toBe(epochOf(168));
    expect(epochOf(167)).toBe(epochOf(38) + 1);
    expect(epochOf(14)).toBe(epochOf(13) + 1);
    const count = (target: string) => new Set(plan.visits.filter((visit) => visit.target === target).map((visit) => visit.epoch)).size;
    expect([count('BD+60-1753'), count('HD163466'), count('HD163466-BKG')]).toEqual([12, 9, 9]);
  });

  it('gives the gaps of the published dates, forced where the star was out of view', () => {
    const check = cadenceGaps(plan);
    const report = (id: string) => check.targets.find((r) => r.id === id)!;
    expect(report('BD+60-1753').gaps.map((gap) => tenths(gap.days))).toEqual(BD60_GAPS);
    expect(report('HD163466').gaps.map((gap) => tenths(gap.days))).toEqual(HD163466_GAPS);
    expect(report('BD+60-1753').gaps.map((gap) => gap.forced)).toEqual(BD60_GAPS.map((days) => days > 100));
    expect(report('HD163466').gaps.map((gap) => gap.forced)).toEqual(HD163466_GAPS.map((days) => days > 100));
    // Out of view for most of the 111-day gap: one window a year, a gap of 70 to 95 days.
    const season = report('BD+60-1753').gaps[3]!;
    expect(season.invisibleDays).toBeGreaterThan(70);
    expect(season.invisibleDays).toBeLessThan(95);
  });

  it('with now: visits before it are done, later ones scheduled and marked published', () => {
    const now = Date.UTC(2023, 0, 1);
    const split = observedPlan(readPublishedSchedule(REPORTS, '1539'), { now });
    expect(split.visits.filter((visit) => visit.status === 'done').every((visit) => visit.startMs < now)).toBe(true);
    const scheduled = split.visits.filter((visit) => visit.status === undefined);
    expect(scheduled.length).toBe(split.visits.filter((visit) => visit.startMs >= now).length);
    expect(scheduled.length).toBeGreaterThan(0);
    expect(scheduled.every((visit) => visit.published === true)).toBe(true);
    expect(checkPlan(split).problems).toEqual([]);
  });

  it('a shorter join splits a block into epochs', () => {
    const fine = observedPlan(readPublishedSchedule(REPORTS, '1539'), { epochJoinHours: 0.05 });
    // 3 minutes joins no visits: JWST left 4 to 10.5 minutes between them.
    expect(new Set(fine.visits.filter((visit) => visit.target === 'BD+60-1753').map((visit) => visit.epoch)).size).toBe(
      fine.visits.filter((visit) => visit.target === 'BD+60-1753').length,
    );
  });

  it('refuses an unknown target, naming it', () => {
    const published = readPublishedSchedule(REPORTS, '1539');
    const renamed = {
      ...published,
      visits: published.visits.map((visit) => ({ ...visit, target: visit.target === 'HD163466' ? 'Nowhere-1' : visit.target })),
    };
    expect(() => observedPlan(renamed)).toThrow(/^observedPlan: options\.targets: "Nowhere-1" is not in the catalogue/);
  });
});

describe('plan beside reality: the picture and the report mark published visits', () => {
  const now = Date.UTC(2023, 2, 1);
  const plan = observedPlan(readPublishedSchedule(REPORTS, '1539'), { now });
  // Epochs a lane shows: one mark a target's epoch (HD163466's background has a lane of its own).
  const epochs = (before: boolean) =>
    new Set(plan.visits.filter((visit) => visit.startMs < now === before).map((visit) => `${visit.target}#${visit.epoch}`)).size;

  it('the picture rings each epoch: filled where JWST ran it, hollow where it is scheduled, with legend entries', () => {
    const svg = scheduleToSvg(plan);
    expect(svg.match(/<circle class="published-ran"/g)!.length).toBe(epochs(true) + 1); // and the legend's
    expect(svg.match(/<circle class="published-scheduled"/g)!.length).toBe(epochs(false) + 1);
    expect(svg).toContain('epoch JWST ran (published schedule)');
    expect(svg).toContain('epoch JWST has scheduled (published schedule)');
  });

  it('the report marks them in the calendar, its key and the visits table', () => {
    const html = scheduleToHtml(plan);
    expect(html).toContain('<span class="swatch ran" aria-hidden="true"></span>ran (JWST\'s published schedule)');
    expect(html.match(/class="reality ran">ran<\/span>/g)!.length).toBe(plan.visits.filter((visit) => visit.startMs < now).length);
    expect(html.match(/class="reality scheduled">scheduled<\/span>/g)!.length).toBe(
      plan.visits.filter((visit) => visit.startMs >= now).length,
    );
    expect(html).toMatch(/class="dot c0 ran"/);
  });

  it('a plan of the scheduler alone has no such marks', () => {
    const planned = scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', cycle: 1 } });
    expect(scheduleToSvg(planned)).not.toContain('published-');
    expect(scheduleToHtml(planned)).not.toMatch(/class="reality|class="swatch (ran|scheduled)|class="dot c\d (ran|scheduled)/);
  });
});

describe('jwst-cadence gaps --observed', () => {
  it("its help gives the library's default join", () => {
    expect(EPOCH_JOIN_HOURS_HELP).toBe(DEFAULT_EPOCH_JOIN_HOURS);
  });

  const files = NAMES.map((name) => `${RELATIVE}/${name}`);

  it('prints every gap of each target as published, the season gaps forced', async () => {
    const run = await cli('gaps', '--observed', ...files, '--program-id', '1539');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const section = (target: string) => run.stdout.split(`\n${target}: `)[1]!.split(/\n(?=\S)/)[0]!;
    const listed = (target: string) =>
      [...section(target).matchAll(/^ {2}(\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d) +([\d.]+) d(.*)$/gm)].map((m) => [
        Number(m[3]),
        m[4]!.includes('forced'),
      ]);
    expect(listed('BD+60-1753')).toEqual(BD60_GAPS.map((days) => [days, days > 100]));
    expect(listed('HD163466')).toEqual(HD163466_GAPS.map((days) => [days, days > 100]));
    expect(run.stdout).toMatch(/^Program 1539 as JWST's published observing schedule gives it: 75 visits in 30 epochs of 3 targets/);
  });

  it('reads the CSV copy the same, and writes JSON', async () => {
    const run = await cli('gaps', '--observed', `${RELATIVE}/program-1539-cycle-1.csv`, '--program-id', '1539', '--format', 'json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { program: string; targets: { id: string; gaps: { days: number; forced: boolean }[] }[] };
    expect(doc.program).toBe('1539');
    expect(doc.targets.find((t) => t.id === 'BD+60-1753')!.gaps.map((gap) => [tenths(gap.days), gap.forced])).toEqual(
      BD60_GAPS.map((days) => [days, days > 100]),
    );
  });

  it('needs the program id, and names the file and line of a row it cannot read', async () => {
    const [noId, twice] = await Promise.all([
      cli('gaps', '--observed', files[0]!),
      cli('gaps', '--observed', files[0]!, '--schedule', 'x.json', '--program-id', '1539'),
    ]);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/--observed needs --program-id/);
    expect(twice.stderr).toMatch(/give --schedule or --observed, not both/);
    const folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-observed-'));
    try {
      const bad = join(folder, 'bad.txt');
      writeFileSync(bad, REPORTS[0]!.text.replace('00/00:27:12', '00/00:27:1x'));
      const run = await cli('gaps', '--observed', bad, '--program-id', '1539');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/bad\.txt line 5: DURATION "00\/00:27:1x" is not DD\/HH:MM:SS/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
