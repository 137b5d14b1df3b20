/**
 * The `jwst-cadence` entry point: --version, the top-level help, negative values after an
 * option, and start-up (a command loads only the packages it uses). Each test runs the command
 * from the sources as a separate Node process.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltInProgram, scheduleProgram, scheduleToJson } from '../../src/index.js';
import { type CliRun as Run, runCli } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TRACE_HOOK = fileURLToPath(new URL('../support/import-trace.mjs', import.meta.url));

const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-entry-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Run `jwst-cadence ARGS` from the sources; with `traceFile`, record the packages it loads there. */
function cli(args: readonly string[], traceFile?: string): Promise<Run> {
  return runCli(args, { nodeArgs: traceFile ? ['--import', TRACE_HOOK] : [], env: { IMPORT_TRACE_FILE: traceFile ?? '' } });
}

let traces = 0;
/** The installed packages a run of `jwst-cadence ARGS` loads. */
async function packagesLoaded(args: readonly string[]): Promise<Set<string>> {
  const file = join(scratch, `trace-${++traces}.txt`);
  const run = await cli(args, file);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
}

/** The one line a refused command prints, after checking it is one line and exit code 2. */
function refusal(run: Run): string {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe.concurrent('jwst-cadence entry point', () => {
  it('--version and -v print the version in package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-v']) {
      const run = await cli([flag]);
      expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('--help lists every command and says where the documentation is', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['windows', 'schedule', 'gaps', 'calendar', 'report', 'ephemeris'])
      expect(run.stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
    expect(run.stdout).toContain('--version');
    const folder = /^Documentation \(Markdown\) in (.+):$/m.exec(run.stdout)?.[1];
    expect(folder).toBe(ROOT);
    const files = /^Documentation.*\n {2}(.+)$/m.exec(run.stdout)![1]!.split(', ');
    expect(files).toContain('README.md');
    expect(files).toContain('docs/getting-started.md');
    for (const file of files) expect(existsSync(join(folder!, file)), file).toBe(true);
  });

  it("'help COMMAND' prints what 'COMMAND --help' prints", async () => {
    const [help, flag] = await Promise.all([cli(['help', 'gaps']), cli(['gaps', '--help'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: jwst-cadence gaps /);
    expect(help).toEqual(flag);
  });

  it('an unknown command is refused, naming the commands', async () => {
    for (const args of [['wndows'], ['help', 'wndows']]) {
      const line = refusal(await cli(args));
      expect(line).toBe(
        'jwst-cadence: unknown command "wndows"; did you mean windows?; commands are windows, schedule, gaps, calendar, report, ephemeris (see jwst-cadence --help)',
      );
    }
  });

  describe('a negative number or southern angle after an option is its value', () => {
    // RA 261.2, Dec -30.5: ecliptic latitude asin(sin d cos e - cos d sin e sin a) = -7.3 degrees
    // (obliquity e = 23.44 degrees), so the elongation passes through 85..135 twice a year.
    const raDeg = 261.2;
    const decDeg = -30.5;
    const obliquityRad = (23.4393 * Math.PI) / 180;
    const rad = Math.PI / 180;
    const latitudeDeg =
      Math.asin(Math.sin(decDeg * rad) * Math.cos(obliquityRad) - Math.cos(decDeg * rad) * Math.sin(obliquityRad) * Math.sin(raDeg * rad)) /
      rad;

    it('--dec -30.5 and --dec -30:30:00 mean --dec=-30.5', async () => {
      expect(Math.abs(latitudeDeg)).toBeLessThan(45);
      const base = ['windows', '--ra', String(raDeg), '--name', 'south', '--format', 'json'];
      const [spaced, sexagesimal, joined] = await Promise.all([
        cli([...base, '--dec', '-30.5']),
        cli([...base, '--dec', '-30:30:00']),
        cli([...base, '--dec=-30.5']),
      ]);
      expect(joined.stderr).toBe('');
      expect(joined.code).toBe(0);
      expect(spaced).toEqual(joined);
      expect(sexagesimal).toEqual(joined);
      const windows = JSON.parse(joined.stdout) as Array<{ target: string }>;
      expect(windows.map((w) => w.target)).toEqual(['south', 'south']);
    });

    it('schedule --min-gap -1 reaches the library, which refuses a negative gap', async () => {
      const line = refusal(await cli(['schedule', '--min-gap', '-1']));
      expect(line).toMatch(/^jwst-cadence schedule: --min-gap: .*negative/);
      expect(line).not.toMatch(/ambiguous/);
    });

    it('gaps --min-gap -1 reaches the library, which refuses a negative gap', async () => {
      const plan = join(scratch, 'plan.json');
      writeFileSync(plan, scheduleToJson(scheduleProgram(loadBuiltInProgram())));
      const line = refusal(await cli(['gaps', '--schedule', plan, '--min-gap', '-1']));
      expect(line).toMatch(/^jwst-cadence gaps: --min-gap: .*negative/);
    });

    it('--min-elongation -5 reaches the field-of-regard check', async () => {
      const line = refusal(await cli(['windows', '--target', 'HD163466', '--min-elongation', '-5']));
      expect(line).toMatch(/^jwst-cadence windows: .*--min-elongation/);
      expect(line).not.toMatch(/ambiguous/);
    });

    it('an option that takes no value is still refused one', async () => {
      const line = refusal(await cli(['windows', '--help', '-1']));
      expect(line).toMatch(/--help/);
    });
  });

  describe('start-up: a command loads only the packages it uses', () => {
    /** Packages that only planning a program needs: the markdown parser, YAML, recurrence rules, iCalendar. */
    const planning = /^(mdast-|micromark|yaml$|rrule$|ical-generator$)/;

    it('--help and --version load no package at all', async () => {
      for (const args of [['--help'], ['--version']]) expect([...(await packagesLoaded(args))]).toEqual([]);
    });

    it('windows loads the sky packages and none of the planning ones; CSV only for CSV', async () => {
      const [table, csv] = await Promise.all([
        packagesLoaded(['windows', '--target', 'HD163466', '--to', '2022-08-01']),
        packagesLoaded(['windows', '--target', 'HD163466', '--to', '2022-08-01', '--format', 'csv']),
      ]);
      expect([...table]).toContain('astronomy-engine');
      expect([...table, ...csv].filter((name) => planning.test(name))).toEqual([]);
      expect([...table].filter((name) => name.startsWith('csv-'))).toEqual([]);
      expect([...csv].filter((name) => name.startsWith('csv-'))).toEqual(['csv-stringify']);
    });

    it('gaps, which reads a written plan, loads neither the ephemeris nor the planning packages', async () => {
      const loaded = [...(await packagesLoaded(['gaps', '--help']))];
      expect(loaded.filter((name) => planning.test(name) || name === 'astronomy-engine')).toEqual([]);
    });
  });
});
