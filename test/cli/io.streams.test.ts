/**
 * `-` as a file name: standard input for every file option, standard output for every `--out`,
 * as in other Unix tools. In-process: the commands' stream hooks are replaced by strings.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runGaps } from '../../src/cli/gaps.js';
import { standardStreams, UsageError } from '../../src/cli/io.js';
import { runReport } from '../../src/cli/report.js';
import { runSchedule } from '../../src/cli/schedule.js';
import { runWindows } from '../../src/cli/windows.js';
import { scheduleToJson } from '../../src/output/face.js';

import { fixture } from '../support/output-fixture.js';

const original = { ...standardStreams };
const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-streams-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => Object.assign(standardStreams, original));

/** Run a command with `input` on standard input; what it wrote to standard output, and how often it read input. */
async function withStreams(run: () => unknown, input = ''): Promise<{ output: string; reads: number }> {
  let output = '';
  let reads = 0;
  standardStreams.read = () => {
    reads++;
    return input;
  };
  standardStreams.write = (text) => {
    output += text;
  };
  await run();
  return { output, reads };
}

const PLAN = scheduleToJson(fixture);
const TARGETS = 'name,ra,dec\nNEP,270,66.56\n';

describe('- is standard input for file options', () => {
  it('gaps --schedule - reads the plan from standard input', async () => {
    const { output, reads } = await withStreams(() => runGaps(['--schedule', '-']), PLAN);
    expect(reads).toBe(1);
    // The fixture's BD+60-1753 has 3 epochs, HD163466 3: both appear in the per-target table.
    expect(output).toMatch(/^BD\+60-1753\s+3\s/m);
    expect(output).toMatch(/^HD163466\s+3\s/m);
  });

  it('report --schedule - reads the plan from standard input', async () => {
    const { output } = await withStreams(() => runReport(['--schedule', '-']), PLAN);
    expect(output).toMatch(/^<!DOCTYPE html>/i);
  });

  it('windows --targets - reads the targets from standard input', async () => {
    const { output } = await withStreams(
      () => runWindows(['--targets', '-', '--format', 'csv', '--from', '2022-07-01', '--to', '2022-08-01']),
      TARGETS,
    );
    // The north ecliptic pole is always in JWST's field of regard (elongation 90 degrees).
    expect(output.split('\n')[1]).toMatch(/^NEP,2022-07-01T00:00:00Z,2022-08-01T00:00:00Z,/);
  });

  it('a bad file on standard input is named as standard input, with the option', async () => {
    await expect(withStreams(() => runGaps(['--schedule', '-']), '{o')).rejects.toThrow(
      new UsageError('--schedule standard input line 1 column 2: not valid JSON'),
    );
    await expect(withStreams(() => runWindows(['--targets', '-']), 'name,ra,dec\nX,0x10,5\n')).rejects.toThrow(
      /^--targets standard input line 2: ra: /,
    );
  });

  it('two options cannot both read standard input', async () => {
    await expect(withStreams(() => runSchedule(['--program', '-', '--targets', '-']))).rejects.toThrow(
      new UsageError('--program and --targets both read standard input (-); only one option can'),
    );
  });
});

describe('--out - is standard output', () => {
  it('writes to standard output and leaves no file named -', async () => {
    const { output } = await withStreams(() => runWindows(['--target', 'HD163466', '--format', 'json', '--out', '-']));
    expect(JSON.parse(output)).toBeInstanceOf(Object);
    const cwd = process.cwd();
    process.chdir(scratch);
    try {
      await withStreams(() => runGaps(['--schedule', '-', '--out', '-']), PLAN);
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('--out FILE still writes the file', async () => {
    const file = join(scratch, 'gaps.json');
    const { output } = await withStreams(() => runGaps(['--schedule', '-', '--format', 'json', '--out', file]), PLAN);
    expect(output).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('verdict');
    rmSync(file);
  });
});

describe('- through a real pipe', () => {
  it('jwst-cadence windows --targets - --out - reads a pipe and writes one', async () => {
    const { runCli } = await import('../support/cli.js');
    const run = await runCli(['windows', '--targets', '-', '--format', 'csv', '--from', '2022-07-01', '--to', '2022-08-01', '--out', '-'], {
      input: TARGETS,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[1]).toMatch(/^NEP,2022-07-01T00:00:00Z,2022-08-01T00:00:00Z,/);
  }, 120_000);
});
