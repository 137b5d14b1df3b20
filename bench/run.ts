/**
 * `npm run bench`: how fast the visibility engine and the scheduler are on this machine.
 *
 * Each case runs in a child process of its own so that its peak memory (max RSS) is its own.
 * Times are the median of several runs of the computation itself, after one warm-up run;
 * module loading is excluded except in the whole-process start-up cases. Ratios (to the naive
 * baseline, to a bare Node start) carry across machines better than the milliseconds do.
 *
 *   npm run bench                 every case
 *   npm run bench -- --startup    only the whole-process start-up cases
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { programDocument, randomPositions } from './sky.js';

type Library = typeof import('../src/advanced.js');

const DIST_INDEX = new URL('../dist/advanced.js', import.meta.url).href;
/** The command as the package ships it: package.json's `bin` (the launcher, which loads each command's bundle). */
const CLI = fileURLToPath(
  new URL(
    `../${(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string> }).bin['jwst-cadence']}`,
    import.meta.url,
  ),
);
const THIS_FILE = fileURLToPath(import.meta.url);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Time fn: one warm-up run, then the median of `runs` runs, ms. */
function timeMs(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

interface CaseResult {
  readonly ms: number;
  readonly peakMb: number;
  readonly note?: string;
}

/** The cases, run inside a child process. */
async function runCase(name: string, n: number): Promise<CaseResult> {
  const lib = (await import(DIST_INDEX)) as Library;
  const span = lib.cycleSpan(1);
  let ms: number;
  let note: string | undefined;
  switch (name) {
    case 'fast': {
      const targets = randomPositions(n).map((p) => lib.parseTarget(p));
      ms = timeMs(() => lib.visibilityWindowsForTargets(targets, span), n >= 10_000 ? 3 : 5);
      break;
    }
    case 'naive': {
      const targets = randomPositions(n).map((p) => lib.parseTarget(p));
      ms = timeMs(() => targets.map((t) => lib.referenceVisibilityIntervals(t, span)), 1);
      break;
    }
    default: {
      const extra = (await import(new URL('./cases.js', import.meta.url).href).catch(() => undefined)) as
        | { runExtraCase?: (lib: Library, name: string, n: number, time: typeof timeMs) => Promise<{ ms: number; note?: string }> }
        | undefined;
      if (!extra?.runExtraCase) throw new Error(`unknown case ${name}`);
      ({ ms, note } = await extra.runExtraCase(lib, name, n, timeMs));
    }
  }
  return { ms, peakMb: process.resourceUsage().maxRSS / 1024, ...(note ? { note } : {}) };
}

/** Run one case in a fresh Node process and read its result. */
function inChild(name: string, n: number): CaseResult {
  const child = spawnSync(process.execPath, [...process.execArgv, THIS_FILE, '--case', name, String(n)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`case ${name} ${n} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as CaseResult;
}

/** Whole-process time of `gaps` on a plan of n visits (median of 3 runs after one), ms. */
async function gapsCliMs(n: number): Promise<number> {
  const lib = (await import(DIST_INDEX)) as Library;
  const { largePlan } = (await import(new URL('./plan.js', import.meta.url).href)) as typeof import('./plan.js');
  const folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-bench-'));
  try {
    const file = join(folder, 'plan.json');
    writeFileSync(file, lib.scheduleToJson(largePlan(lib, n)));
    const samples: number[] = [];
    for (let i = 0; i < 4; i++) {
      const ms = processMs([CLI, 'gaps', '--schedule', file, '--max-gap', '30', '--ignore-forced', '--format', 'json']);
      if (i > 0) samples.push(ms);
    }
    return median(samples);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * `jwst-cadence schedule` as a whole process on a synthetic program: n random targets (a
 * targets file), `visitsPerTarget` half-hour visits each (a durations file), no margin, the
 * nominal L2 observer. Median wall time of `runs` runs, and the visits placed.
 */
function cliSchedule(n: number, visitsPerTarget: number, runs: number): { ms: number; placed: number; total: number } {
  const folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-bench-'));
  try {
    const positions = randomPositions(n);
    const targets = join(folder, 'targets.csv');
    const program = join(folder, 'program.md');
    const durations = join(folder, 'durations.json');
    writeFileSync(targets, ['name,ra,dec', ...positions.map((p) => `${p.name},${p.ra},${p.dec}`)].join('\n'));
    writeFileSync(program, programDocument(positions, visitsPerTarget, 'MIRI Imaging'));
    writeFileSync(durations, JSON.stringify({ 'MIRI Imaging': 0.5 }));
    // The nominal L2 observer: the case measures the scheduler, not the orbit table's look-ups.
    const args = [
      CLI,
      'schedule',
      '--program',
      program,
      '--targets',
      targets,
      '--durations',
      durations,
      '--margin',
      '0',
      '--observer',
      'nominal-l2',
      '--format',
      'json',
    ];
    const samples: number[] = [];
    let placed = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      samples.push(performance.now() - start);
      if (run.status !== 0) throw new Error(`CLI failed: ${run.stderr}`);
      placed = (JSON.parse(run.stdout) as { visits: unknown[] }).visits.length;
    }
    return { ms: median(samples), placed, total: n * visitsPerTarget };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Start-up targets, as ratios of a command's whole-process time to a bare `node -e 1`. */
const HELP_RATIO_TARGET = 2;
const WINDOWS_RATIO_TARGET = 3;
/** Rounds of the start-up measurement; each round runs every command once, interleaved. */
const STARTUP_ROUNDS = 31;

interface StartupCase {
  readonly label: string;
  readonly args: readonly string[];
  /** The most this case may take, as a multiple of the bare Node start. */
  readonly target?: number;
}

/** Wall time of one process, ms; throws if it fails. */
function processMs(args: readonly string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
  return ms;
}

/**
 * Whole-process start-up: a bare `node -e 1`, `jwst-cadence --help`, and `windows` on 1,000
 * targets, run in interleaved rounds (so that a busy moment of a shared machine touches every
 * case alike) after one warm-up round; the median of each, and its ratio to the bare start.
 */
function startup(): void {
  const folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-bench-'));
  try {
    const file = join(folder, 'targets.csv');
    writeFileSync(file, ['name,ra,dec', ...randomPositions(1_000).map((p) => `${p.name},${p.ra},${p.dec}`)].join('\n'));
    const windows = [CLI, 'windows', '--targets', file, '--format', 'json'];
    // The observer option, where the command has it: nominal L2 is the case with a target.
    const help = spawnSync(process.execPath, [CLI, 'windows', '--help'], { encoding: 'utf8' }).stdout;
    const hasObserver = /--observer\b/.test(help);
    const cases: StartupCase[] = [
      { label: 'node -e 1 (bare Node start)', args: ['-e', '1'] },
      { label: 'jwst-cadence --help', args: [CLI, '--help'], target: HELP_RATIO_TARGET },
      hasObserver
        ? {
            label: 'windows, 1,000 targets, --observer nominal-l2',
            args: [...windows, '--observer', 'nominal-l2'],
            target: WINDOWS_RATIO_TARGET,
          }
        : { label: 'windows, 1,000 targets (default observer, nominal L2)', args: windows, target: WINDOWS_RATIO_TARGET },
      ...(hasObserver ? [{ label: 'windows, 1,000 targets (default observer)', args: windows }] : []),
    ];
    const samples = cases.map(() => [] as number[]);
    const loadBefore = loadavg()[0]!;
    for (let round = 0; round <= STARTUP_ROUNDS; round++) {
      cases.forEach((c, i) => {
        const ms = processMs(c.args);
        if (round > 0) samples[i]!.push(ms);
      });
    }
    const loadAfter = loadavg()[0]!;
    const medians = samples.map(median);
    const bare = medians[0]!;
    console.log(`Start-up, whole process (median of ${STARTUP_ROUNDS} interleaved rounds after a warm-up round)`);
    console.log(`${'command (windows: --targets FILE --format json)'.padEnd(54)} | ms     | x bare | target`);
    console.log(`${'-'.repeat(55)}|--------|--------|-------`);
    cases.forEach((c, i) => {
      const ratio = medians[i]! / bare;
      const verdict = c.target === undefined ? '' : `${ratio <= c.target ? 'within' : 'OVER'} ${c.target}x`;
      console.log(`${c.label.padEnd(54)} | ${fmt(medians[i]!, 0).padStart(6)} | ${fmt(ratio, 2).padStart(6)} | ${verdict}`);
    });
    if (!hasObserver) console.log('(windows has no --observer option here: its default observer, nominal L2, is the measured case)');
    console.log(
      `load average (1 min) ${fmt(loadBefore, 2)} before, ${fmt(loadAfter, 2)} after, on ${cpus().length} cores: ratios from a busy machine are noisy\n`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const fmt = (value: number, digits = 1): string => value.toFixed(digits);

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`jwst-cadence benchmark`);
  console.log(
    `machine: ${cpu}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, ${process.platform}-${process.arch}`,
  );
  // Other work on the machine slows every figure below; the load says how busy it was.
  console.log(
    `load average at start (1, 5, 15 min): ${loadavg()
      .map((x) => fmt(x, 2))
      .join(', ')}`,
  );
  console.log(`span: JWST Cycle 1 (one year); random positions uniform on the sky; median of runs after a warm-up\n`);
  if (process.argv.includes('--startup')) {
    startup();
    return;
  }
  // The figures of the performance goals first: each against the figure before the work on them.
  const { runFigures } = (await import(new URL('./figures.js', import.meta.url).href)) as typeof import('./figures.js');
  runFigures(process.argv);
  if (process.argv.includes('--figures')) return;

  console.log('Visibility windows, one year per target');
  console.log('targets  | fast ms  | fast us/target-yr | fast peak MB | naive ms       | naive us/target-yr | naive/fast');
  console.log('---------|----------|-------------------|--------------|----------------|--------------------|-----------');
  let naivePerTarget = Number.NaN;
  for (const n of [1, 100, 1_000, 10_000]) {
    const fast = inChild('fast', n);
    const fastPer = (fast.ms * 1000) / n;
    let naiveCells = ['(not run)', '', ''];
    if (n <= 100) {
      const naive = inChild('naive', n);
      naivePerTarget = (naive.ms * 1000) / n;
      naiveCells = [fmt(naive.ms, 0), fmt(naivePerTarget, 0), fmt(naivePerTarget / fastPer, 0)];
    } else if (Number.isFinite(naivePerTarget)) {
      naiveCells = [`~${fmt((naivePerTarget * n) / 1000, 0)} (est.)`, fmt(naivePerTarget, 0), fmt(naivePerTarget / fastPer, 0)];
    }
    console.log(
      `${String(n).padEnd(8)} | ${fmt(fast.ms).padStart(8)} | ${fmt(fastPer).padStart(17)} | ${fmt(fast.peakMb).padStart(12)} | ${naiveCells[0]!.padStart(14)} | ${naiveCells[1]!.padStart(18)} | ${naiveCells[2]!.padStart(9)}`,
    );
  }
  console.log('(naive: astronomy-engine asked for the Sun at every hour of the year for each target, edges bisected;');
  console.log(' at 1,000 and 10,000 targets its time is estimated from its measured cost per target at 100.)\n');

  startup();

  for (const [name, n, label] of [
    ['program-1539', 1, "schedule program 1539, Cycle 1 (windows from the default observer included, every epoch's slack computed)"],
    ['program-1539-replan', 1, 're-plan program 1539 from 2022-10-15 around 33 visits that ran (5 failed), Cycle 1'],
    ['program-1539-cycles', 3, 'schedule program 1539 over Cycles 1-3, the table repeated every cycle'],
    ['synthetic', 10, 'schedule 10 synthetic series x 12 epochs, one timeline'],
    ['synthetic', 100, 'schedule 100 synthetic series x 12 epochs, one timeline'],
    ['synthetic', 1_000, 'schedule 1,000 synthetic series x 12 epochs, one timeline'],
    ['gaps', 100_000, 'gaps: read, validate and measure a plan of 100,000 visits (library)'],
    ['orientation-windows', 1_000, 'windows of 1,000 targets narrowed to V3PA 100..120, Cycle 1'],
    ['maz-windows', 1_000, 'windows of 1,000 targets split at the micrometeoroid avoidance zone, Cycle 4'],
    ['program-1539-orientation', 1, 'schedule program 1539 with HD163466 at V3PA 100..120, Cycle 1'],
  ] as const) {
    try {
      const result = inChild(name, n);
      console.log(`${label}: ${fmt(result.ms)} ms, peak ${fmt(result.peakMb)} MB${result.note ? ` (${result.note})` : ''}`);
    } catch (error) {
      console.log(`${label}: not available (${(error as Error).message.split('\n')[0]})`);
    }
  }
  console.log(
    `CLI as a whole process: jwst-cadence gaps on 100,000 visits --max-gap 30 --ignore-forced --format json: ${fmt(await gapsCliMs(100_000), 0)} ms (median of 3)`,
  );

  console.log('\nScheduling through the CLI as a whole process (reading, windows, scheduling, JSON):');
  for (const [n, visits, runs, label] of [
    [1_000, 12, 3, '1,000 random targets x 12 half-hour visits, --margin 0 --observer nominal-l2'],
    [10_000, 1, 3, 'a 10,000-row program: 10,000 random targets, one half-hour visit each, --margin 0 --observer nominal-l2'],
  ] as const) {
    const result = cliSchedule(n, visits, runs);
    console.log(`${label}: ${fmt(result.ms, 0)} ms (median of ${runs}), ${result.placed} of ${result.total} visits placed`);
  }
  console.log(
    `load average at end (1, 5, 15 min): ${loadavg()
      .map((x) => fmt(x, 2))
      .join(', ')}`,
  );
}

const caseIndex = process.argv.indexOf('--case');
if (caseIndex >= 0) {
  const result = await runCase(process.argv[caseIndex + 1]!, Number(process.argv[caseIndex + 2]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await main();
}
