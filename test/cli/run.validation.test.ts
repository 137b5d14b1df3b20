/**
 * The command line refuses bad input with one line and exit code 2, writes all its files or
 * none, and never writes outside the folder asked for. Each case runs the command from the
 * sources as a separate process, like a user would.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, writeFilesAllOrNothing } from '../../src/cli/io.js';
import { type Schedule, scheduleToJson } from '../../src/index.js';
import { type CliRun as Run, runCli } from '../support/cli.js';
import { tally } from '../support/outcomes.js';

/** The command, run in a scratch folder (outputs land there). */
function cli(...args: string[]): Promise<Run> {
  return run([], ...args);
}

/**
 * Run the command without the power to ignore permissions: root may write into a read-only
 * folder, so when the tests run as root the command runs with the capabilities that let root
 * bypass file permissions dropped (util-linux's setpriv). It stays root, so it still reads the
 * repository wherever that lies (a clone in a private temporary folder too); as any other user
 * it runs as that user.
 */
function cliUnprivileged(...args: string[]): Promise<Run> {
  const withoutOverride = ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--'];
  return run(process.getuid?.() === 0 ? withoutOverride : [], ...args);
}

function run(prefix: readonly string[], ...args: string[]): Promise<Run> {
  return runCli(args, { prefix, cwd: scratch });
}

const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-validation-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One line on standard error, exit code 2, and nothing on standard output. */
function expectRefused(run: Run, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
}

/** Every file under a folder with its text, for before/after comparisons. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
  );
}

const OUTPUTS = ['calendar.txt', 'report.html', 'schedule-apt.txt', 'schedule.csv', 'schedule.ics', 'schedule.json', 'schedule.svg'];

describe.concurrent('options', () => {
  const record = tally('command-line options');

  it.each([
    ['schedule', '--program', ''],
    ['schedule', '--ephemeris', ''],
    ['schedule', '--rrule', ''],
    ['schedule', '--targets', ' '],
    ['schedule', '--out', ''],
    ['windows', '--target', ''],
    ['gaps', '--schedule', ''],
    ['calendar', '--out-dir', ''],
  ])('%s %s "%s" is refused, not read as the default', async (command, option, value) => {
    const run = await cli(command, `${option}=${value}`);
    expectRefused(run, new RegExp(`^jwst-cadence ${command}: ${option}: the value is empty`));
    record('refused, exit 2');
  });

  it.each([
    [['schedule', '--grid', 'PT1S'], /--grid: a grid of .* makes 31,536,000 candidate starts per epoch, more than the 1,000,000 allowed/],
    [['schedule', '--rrule', 'FREQ=SECONDLY'], /--rrule: .*FREQ=SECONDLY/],
    [['schedule', '--rrule', 'FREQ=WEEKLY;INTERVAL=-1'], /--rrule: .*INTERVAL=-1/],
    [['schedule', '--rrule', 'FREQ=WEEKLY;INTERVAL=0'], /--rrule: .*INTERVAL=0/],
    [
      ['windows', '--target', 'BD+60-1753', '--from', '2300-01-01', '--to', '2301-01-01'],
      /span\.(start|end): .*the years the visibility model is stated for/,
    ],
    [['schedule', '--from', '2150-01-01T00:00Z', '--to', '2151-01-01T00:00Z'], /span\.start: 2150-01-01T00:00:00Z is after/],
    [
      ['windows', '--target', 'BD+60-1753', '--from', '2022-01-01T00:00+99:00', '--to', '2023-01-01'],
      /--from: .*the UTC offset \+99:00 is out of range/,
    ],
  ])('%o is refused before any work', async (args, pattern) => {
    expectRefused(await cli(...args), pattern);
    record('refused, exit 2');
  });

  it('refuses a proper motion of 1e308 mas/yr in a targets file, naming its line', async () => {
    writeFileSync(join(scratch, 'fast.csv'), 'name,ra,dec,pmRaCosDec,pmDec\nS,10,20,1e308,0\n');
    expectRefused(
      await cli('windows', '--targets', 'fast.csv'),
      /fast\.csv.*line 2.*pmRaCosDec: a proper motion of .* is more than the 20000 mas\/yr accepted/,
    );
    record('refused, exit 2');
  });
});

describe.concurrent('outputs: all or nothing, inside the folder asked for', () => {
  const record = tally('output paths');

  it('a program id that climbs out of the folder is refused, and nothing is written', async () => {
    const folder = mkdtempSync(join(scratch, 'climb-'));
    mkdirSync(join(folder, 'work'));
    writeFileSync(
      join(folder, 'work', 'p.md'),
      [
        '---',
        'id: x/../../elsewhere',
        '---',
        '# T',
        '',
        '| Label | Observing Template | Science Target |',
        '|---|---|---|',
        '| A | MIRI Imaging | (1) BD+60-1753 |',
        '',
      ].join('\n'),
    );
    const run = await runCli(['calendar', '--program', 'p.md'], { cwd: join(folder, 'work') });
    expectRefused(run, /p\.md line 2: front matter: "id": "x\/\.\.\/\.\.\/elsewhere" is not a program id/);
    expect(readdirSync(folder)).toEqual(['work']);
    expect(readdirSync(join(folder, 'work'))).toEqual(['p.md']);
    record('refused, exit 2');
  });

  it('writes a new folder whole, then replaces an older set whole and leaves other files alone', async () => {
    const folder = join(scratch, 'plans-new');
    const first = await cli('calendar', '--out-dir', folder);
    expect(first.code, first.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(OUTPUTS);
    // An older set with a file of the user's beside it.
    for (const name of OUTPUTS) writeFileSync(join(folder, name), `old ${name}\n`);
    writeFileSync(join(folder, 'notes.txt'), 'mine\n');
    const second = await cli('calendar', '--out-dir', folder);
    expect(second.code, second.stderr).toBe(0);
    const after = snapshot(folder);
    expect(Object.keys(after)).toEqual([...OUTPUTS, 'notes.txt'].sort());
    for (const name of OUTPUTS) expect(after[name]).not.toBe(`old ${name}\n`);
    expect(after['notes.txt']).toBe('mine\n');
    // No staging folder is left beside it.
    expect(readdirSync(scratch).filter((name) => name.includes('staging'))).toEqual([]);
    record('written whole');
  });

  it('refuses a folder where an output file should go, leaving the older set whole', async () => {
    const folder = join(scratch, 'plans-blocked');
    mkdirSync(folder);
    for (const name of OUTPUTS) writeFileSync(join(folder, name), `old ${name}\n`);
    rmSync(join(folder, 'schedule.svg'));
    mkdirSync(join(folder, 'schedule.svg'));
    const before = readdirSync(folder).sort();
    const run = await cli('calendar', '--out-dir', folder);
    expectRefused(run, /--out-dir: .*plans-blocked\/schedule\.svg exists and is not a file/);
    expect(readdirSync(folder).sort()).toEqual(before);
    for (const name of OUTPUTS.filter((n) => n !== 'schedule.svg')) expect(readFileSync(join(folder, name), 'utf8')).toBe(`old ${name}\n`);
    record('refused, exit 2');
  });

  it('refuses a path through a regular file, naming it (root ignores permissions; this does not)', async () => {
    writeFileSync(join(scratch, 'a-file'), 'x');
    expectRefused(
      await cli('calendar', '--out-dir', join(scratch, 'a-file', 'plans')),
      /--out-dir: cannot create the folder .*a-file: a file is in the way/,
    );
    expectRefused(await cli('calendar', '--out-dir', join(scratch, 'a-file')), /--out-dir: .*a-file is a file, not a folder/);
    expectRefused(
      await cli('schedule', '--out', join(scratch, 'a-file', 'plan.json')),
      /--out: cannot write .*a-file\/plan\.json: a part of the path is a file, not a folder/,
    );
    record('refused, exit 2');
    record('refused, exit 2');
    record('refused, exit 2');
  });

  it('refuses --out into a missing folder or onto a folder, naming the path', async () => {
    expectRefused(
      await cli('schedule', '--out', join(scratch, 'no-such-folder', 'plan.json')),
      /--out: cannot write .*no-such-folder\/plan\.json: the folder does not exist/,
    );
    mkdirSync(join(scratch, 'a-folder'));
    expectRefused(await cli('schedule', '--out', join(scratch, 'a-folder')), /--out: cannot write .*a-folder: it is a folder/);
    expect(existsSync(join(scratch, 'no-such-folder'))).toBe(false);
    record('refused, exit 2');
    record('refused, exit 2');
  });

  it('refuses a read-only folder, leaving it as it was', async () => {
    const folder = join(scratch, 'read-only');
    mkdirSync(folder);
    writeFileSync(join(folder, 'schedule.json'), 'old\n');
    chmodSync(folder, 0o555);
    try {
      expectRefused(await cliUnprivileged('calendar', '--out-dir', join(folder, 'plans')), /--out-dir: .*read-only.*: permission denied/);
      expect(readdirSync(folder)).toEqual(['schedule.json']);
    } finally {
      chmodSync(folder, 0o755);
    }
    record('refused, exit 2');
  });
});

describe('writeFilesAllOrNothing: a failure half way', () => {
  const record = tally('failures half way through a replacement');
  const files = OUTPUTS.map((name) => [name, `new ${name}\n`] as const);

  // An older set of 4 files and a new one of 7: 4 moves aside and 7 moves in, 11 renames.
  it.each([1, 2, 5, 8, 10, 11])('rename number %i fails: the older set stays whole, nothing is left behind', (failAt) => {
    const parent = mkdtempSync(join(scratch, 'half-'));
    const folder = join(parent, 'plans');
    mkdirSync(folder);
    for (const name of OUTPUTS.slice(0, 4)) writeFileSync(join(folder, name), `old ${name}\n`); // an older, smaller set
    writeFileSync(join(folder, 'notes.txt'), 'mine\n');
    const before = snapshot(folder);
    let calls = 0;
    const rename = (from: string, to: string): void => {
      calls += 1;
      if (calls === failAt) throw Object.assign(new Error('injected'), { code: 'EACCES' });
      renameSync(from, to);
    };
    expect(() => writeFilesAllOrNothing(folder, files, '--out-dir', { rename })).toThrow(UsageError);
    expect(() =>
      writeFilesAllOrNothing(folder, files, '--out-dir', {
        rename: () => {
          throw Object.assign(new Error('x'), { code: 'EROFS' });
        },
      }),
    ).toThrow(/--out-dir: cannot write .*: the file system is read-only; the folder is left as it was/);
    expect(snapshot(folder)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['plans']);
    // And with no failure, the new set replaces the old one whole.
    writeFilesAllOrNothing(folder, files, '--out-dir');
    expect(snapshot(folder)).toEqual({ ...Object.fromEntries(files), 'notes.txt': 'mine\n' });
    expect(readdirSync(parent)).toEqual(['plans']);
    record('older set kept whole');
  });
});

describe.concurrent('gaps on plan files', () => {
  const record = tally('plan files for gaps');
  const DAY = 86_400_000;
  const S = Date.UTC(2022, 6, 1);
  const plan = (targets: string[], overlap = false): Schedule => ({
    program: { id: '1', title: 't' },
    span: { startMs: S, endMs: Date.UTC(2023, 6, 1) },
    mode: 'spread',
    visits: targets
      .flatMap((target, k) =>
        [0, 1, 2].map((i) => {
          const startMs = S + (i * 60 + k) * DAY + (overlap && i === 1 && k === 1 ? -(DAY - 1000) : 0);
          return {
            observation: 3 * k + i + 1,
            label: 'x',
            template: 'MIRI Imaging',
            instrument: 'MIRI',
            target,
            series: `${target} / MIRI Imaging`,
            epoch: i + 1,
            startMs,
            endMs: startMs + 3_600_000,
            window: { startMs: S, endMs: Date.UTC(2023, 6, 1) },
          };
        }),
      )
      .sort((a, b) => a.startMs - b.startMs),
    unscheduled: [],
    // Each target out of view for days 70 to 110.
    windows: Object.fromEntries(
      targets.map((t) => [
        t,
        [
          { startMs: S, endMs: S + 70 * DAY },
          { startMs: S + 110 * DAY, endMs: Date.UTC(2023, 6, 1) },
        ],
      ]),
    ),
  });

  it('measures a plan whose targets are named toString and constructor', async () => {
    writeFileSync(join(scratch, 'awkward.json'), scheduleToJson(plan(['toString', 'constructor'])));
    const run = await cli('gaps', '--schedule', join(scratch, 'awkward.json'), '--max-gap', '40', '--ignore-forced', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // the verdict below fails
    const doc = JSON.parse(run.stdout);
    expect(doc.targets.map((t: { id: string }) => t.id)).toEqual(['toString', 'constructor']);
    // Gaps of 60 days, 40 of them out of view (days 70-110), 20 in view: forced and excused at --max-gap 40.
    const gap = doc.targets[0].gaps[1];
    expect(gap).toMatchObject({ days: 60, forced: true, violation: 'above-max', excused: true });
    expect(doc.verdict).toEqual({
      breaking: 8,
      excused: 4,
      pass: false,
      text: '8 gaps break the bounds, 4 excused as forced by the sky: fail',
    });
    record('measured');
  });

  it('marks the excused gaps in the table, with the verdict line', async () => {
    writeFileSync(join(scratch, 'two.json'), scheduleToJson(plan(['A', 'B'])));
    const run = await cli('gaps', '--schedule', join(scratch, 'two.json'), '--max-gap', '40', '--ignore-forced');
    // Per target and per series, gaps 1 (days 0-60, all in view) fail; gaps 2 (60-120, 40 out of view) are excused.
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/A: 2022-08-30 to 2022-10-29, 60\.0 d \(above-max, forced by visibility\) \[excused: forced by the sky\]/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('8 gaps break the bounds, 4 excused as forced by the sky: fail');
    record('measured');
  });

  it('refuses overlapping visits, naming the rule and the visits', async () => {
    writeFileSync(join(scratch, 'overlap.json'), scheduleToJson(plan(['A', 'B'], true)));
    expectRefused(
      await cli('gaps', '--schedule', join(scratch, 'overlap.json')),
      /overlap\.json: no-overlap: visits\.\d \(observation 5\) .* overlaps visits\.\d \(observation 2\)/,
    );
    record('refused, exit 2');
  });

  it('refuses --ignore-forced without --max-gap', async () => {
    writeFileSync(join(scratch, 'plain.json'), scheduleToJson(plan(['A'])));
    expectRefused(await cli('gaps', '--schedule', join(scratch, 'plain.json'), '--ignore-forced'), /--ignore-forced .* needs --max-gap/);
    record('refused, exit 2');
  });
});
