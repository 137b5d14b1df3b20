/**
 * The examples and the first script of docs/getting-started.md, run as a user runs them:
 * each in its own Node process from the repository root. `npm run examples` runs the examples
 * too; these tests check what they print and how they exit, and feed the cadence gate a plan
 * it must reject.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltInProgram, type Schedule, scheduleProgram, scheduleToJson } from '../src/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a TypeScript file with tsx from the repository root. */
function runTs(file: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The visits of a plan without the epochs given for one target (and its background). */
function withoutEpochs(schedule: Schedule, targets: readonly string[], epochs: readonly number[]): Schedule {
  return { ...schedule, visits: schedule.visits.filter((v) => !(targets.includes(v.target) && epochs.includes(v.epoch))) };
}

/** The first start of a target's epoch. */
function epochStart(schedule: Schedule, target: string, epoch: number): number {
  return Math.min(...schedule.visits.filter((v) => v.target === target && v.epoch === epoch).map((v) => v.startMs));
}

describe.concurrent('examples', () => {
  it('check-gaps passes the default plan: its only gaps over 45 days are forced by the sky', async () => {
    const run = await runTs('examples/check-gaps.ts');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Both stars leave the field of regard once in Cycle 1, for 70 to 95 days: those gaps
    // exceed 45 days in any plan and are reported as information.
    expect(run.stdout).toMatch(/Forced by visibility/);
    expect(run.stdout).toMatch(/^ {2}BD\+60-1753: /m);
    expect(run.stdout).toMatch(/^ {2}HD163466: /m);
    expect(run.stdout).not.toMatch(/FAIL/);
  });

  it('check-gaps fails a plan with long gaps the schedule chose, forced or not', async () => {
    const good = scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread', cycle: 1 } });
    // BD+60-1753 without epochs 2-4: epochs 1 and 5 lie in one window, so the gap between
    // them is not forced. HD163466 without epochs 4 and 5: the gap from epoch 3 to epoch 6
    // crosses the invisible season, but far more of it was in view than the bound.
    const bad = withoutEpochs(withoutEpochs(good, ['BD+60-1753'], [2, 3, 4]), ['HD163466', 'HD163466-BKG'], [4, 5]);
    const bdGapDays = (epochStart(good, 'BD+60-1753', 5) - epochStart(good, 'BD+60-1753', 1)) / 86_400_000;
    const [bdWindow] = good.windows['BD+60-1753']!;
    expect(epochStart(good, 'BD+60-1753', 5)).toBeLessThan(bdWindow!.endMs);
    expect(bdGapDays).toBeGreaterThan(45);
    const file = join(scratch, 'bad-plan.json');
    writeFileSync(file, scheduleToJson(bad));

    const [strict, lenient] = await Promise.all([
      runTs('examples/check-gaps.ts', '--schedule', file),
      runTs('examples/check-gaps.ts', '--schedule', file, '--max-gap', '200'),
    ]);
    expect(strict.stderr).toBe('');
    expect(strict.code).toBe(1);
    const failures = strict.stdout.slice(strict.stdout.indexOf('FAIL'));
    expect(failures).toMatch(new RegExp(`^ {2}BD\\+60-1753: .*, ${bdGapDays.toFixed(1)} d$`, 'm'));
    expect(failures).toMatch(/^ {2}HD163466: .*\(out of view [\d.]+ d, in view [\d.]+ d\)$/m);
    // No gap of that plan exceeds 200 days.
    expect(lenient.code).toBe(0);
  });

  it('check-gaps refuses bad arguments with exit code 2 and one line', async () => {
    const [badBound, missing] = await Promise.all([
      runTs('examples/check-gaps.ts', '--max-gap', 'soon'),
      runTs('examples/check-gaps.ts', '--schedule', join(scratch, 'no-such-plan.json')),
    ]);
    for (const run of [badBound, missing]) {
      expect(run.code).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^check-gaps: /);
    }
  });

  it('yearly-calendar prints the calendar and writes the SVG and ICS where it says', async () => {
    const folder = join(scratch, 'calendar');
    const run = await runTs('examples/yearly-calendar.ts', '--out-dir', folder);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^Program 1539\b/);
    const svg = /^Picture .*: (.+\.svg)$/m.exec(run.stdout)?.[1];
    const ics = /^Calendar .*: (.+\.ics)$/m.exec(run.stdout)?.[1];
    expect(svg?.startsWith(folder)).toBe(true);
    expect(ics?.startsWith(folder)).toBe(true);
    expect(readFileSync(svg!, 'utf8')).toMatch(/<svg[\s>]/);
    expect(readFileSync(ics!, 'utf8').match(/^BEGIN:VEVENT/gm)).toHaveLength(86);
  });

  it("planning-script prints the windows, the V3PA ranges and every target's epochs", async () => {
    const run = await runTs('examples/planning-script.ts');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^Program 1539\b/);
    // Two windows per target in Cycle 1, each with a V3PA range.
    const from = run.stdout.indexOf('nominal L2');
    const nominal = run.stdout.slice(from, run.stdout.indexOf('\n\n', from));
    for (const target of ['BD+60-1753', 'HD163466', 'HD163466-BKG']) {
      expect(
        nominal.match(new RegExp(`^ {2}${target.replace('+', '\\+')} +\\S+Z {2}to {2}\\S+Z .* V3PA [\\d.]+ to [\\d.]+`, 'gm')),
      ).toHaveLength(2);
    }
    expect(run.stdout).toMatch(/^ {2}BD\+60-1753: 13 epochs$/m);
    // The bundled table is always there, so the check against the real orbit always runs.
    expect(run.stdout).toMatch(/JWST's orbit from horizons_jwst/);
    expect(run.stdout).toMatch(/all 86 visits lie inside their windows/);
  });

  it('orientation prints the worked example: one 31-day window at V3PA 100..120, twelve constrained visits, the zone kept clear', async () => {
    const run = await runTs('examples/orientation.ts');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}2022-08-16T\d\d:\d\d:\d\dZ to 2022-09-16T\d\d:\d\d:\d\dZ {2}31\.\d\d days$/m);
    expect(run.stdout).toMatch(/^Program 1539 with HD163466 at V3PA 100\.\.120: 86 visits placed, 0 not$/m);
    // Every constrained visit can hold an angle of 100..120 throughout: its range reaches into it.
    const held = [...run.stdout.matchAll(/^ {2}obs +\d+ +\S+ +V3PA [\d.]+ \(holds ([\d.]+)\.\.([\d.]+)\)$/gm)];
    expect(held).toHaveLength(12);
    for (const [, low, high] of held) expect(Number(low) <= 120 && Number(high) >= 100).toBe(true);
    expect(run.stdout).toMatch(/^ {2}6 visits placed, 0\.0% of their time in the MAZ/m);
  });

  it('the first planning script of docs/getting-started.md runs as printed', async () => {
    const doc = readFileSync(join(ROOT, 'docs/getting-started.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code).toContain("from './src/index.js'");
    const file = join(scratch, 'first-plan.ts');
    writeFileSync(file, code!.replace("'./src/index.js'", `'${pathToFileURL(join(ROOT, 'src/index.ts')).href}'`));
    const run = await runTs(file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('in view '))).toHaveLength(2);
    expect(lines).toContain('86 visits placed, 0 left out');
    expect(lines.slice(-3).map((line) => line.split(':')[0])).toEqual(['BD+60-1753', 'HD163466', 'HD163466-BKG']);
  });
});
