/**
 * The figures of the performance goals, each as a ratio to a bare Node start measured in the
 * same interleaved rounds, and to the figure before the work on them (bench/before.json, or a
 * build of the code before given with `--before DIR`, measured in the same rounds).
 *
 *   npm run bench -- --figures                      the figures, against bench/before.json
 *   npm run bench -- --figures --before DIR         also run DIR/dist/cli/main.js in the same rounds
 *   npm run bench -- --figures --write FILE         store the figures measured (of --cli) as FILE
 *   npm run bench -- --figures --cli FILE           measure that command instead of this build's
 *   npm run bench -- --figures --before DIR --write-before bench/before.json   store the before-figures
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { programDocument, randomPositions } from './sky.js';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Wall time of one process, ms (NaN past `timeoutMs`); throws if it fails. */
function processMs(args: readonly string[], timeoutMs?: number): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...(timeoutMs ? { timeout: timeoutMs } : {}) });
  const ms = performance.now() - start;
  if (timeoutMs && run.signal) return Number.NaN;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
  return ms;
}

/** The longest the 100,000-row case may run before it is reported as not finished. */
const LONGEST_CASE_MS = 20 * 60_000;

/** One figure: its value, its unit, and how it compares. */
export interface Figure {
  readonly ms: number;
  /** Times a bare `node -e 1` of the same rounds (whole-process figures). */
  readonly xBare?: number;
}

/** The figures by name, with the machine they were measured on. */
export interface Figures {
  readonly machine: string;
  readonly load: string;
  readonly figures: Record<string, Figure>;
}

/** The goals of each figure (the performance issue's table). */
const GOALS: Record<string, { label: string; goal: string; unit: 'xBare' | 'ms' | 'us' | 'x10k' }> = {
  help: { label: '--help', goal: 'at most 1.5x bare', unit: 'xBare' },
  windows: { label: 'windows, 1,000 targets, nominal-l2', goal: 'at most 3.5x bare', unit: 'xBare' },
  calendar: { label: 'calendar, built-in program', goal: 'at most 8x bare', unit: 'xBare' },
  program10k: { label: '10,000-row program, whole command', goal: 'at most 2 s', unit: 'ms' },
  program100k: { label: '100,000-row program, whole command', goal: 'at most 12x the 10,000-row case', unit: 'x10k' },
  tableRow: { label: 'observations table, per row (library)', goal: 'at most 20 us', unit: 'us' },
  series1000: { label: '1,000 x 12 half-hour epochs, whole command', goal: 'at most 3 s', unit: 'ms' },
  windows10k: { label: 'windows, 10,000 target-years, library, warm', goal: 'at most 100 ms', unit: 'ms' },
};

/** Files of the synthetic cases, written once into a temporary folder. */
function writeInputs(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const durations = join(folder, 'durations.json');
  writeFileSync(durations, JSON.stringify({ 'MIRI Imaging': 0.5 }));
  files['durations'] = durations;
  for (const [n, visits] of [
    [1_000, 12],
    [10_000, 1],
    [100_000, 1],
  ] as const) {
    const positions = randomPositions(n);
    const targets = join(folder, `targets-${n}.csv`);
    writeFileSync(targets, ['name,ra,dec', ...positions.map((p) => `${p.name},${p.ra},${p.dec}`)].join('\n'));
    const program = join(folder, `program-${n}x${visits}.md`);
    writeFileSync(program, programDocument(positions, visits, 'MIRI Imaging'));
    files[`targets${n}`] = targets;
    files[`program${n}`] = program;
  }
  return files;
}

/** The library figures of one build (its dist folder), in a child process. */
function libraryFigures(dist: string, programFile: string): { tableRowUs: number; windows10kMs: number } {
  const script = `
    const lib = await import(${JSON.stringify(pathToFileURL(join(dist, 'index.js')).href)});
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(${JSON.stringify(programFile)}, 'utf8');
    const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
    const time = (fn, runs) => { fn(); const out = []; for (let i = 0; i < runs; i++) { const t = performance.now(); fn(); out.push(performance.now() - t); } return median(out); };
    const rows = lib.parseProgram(text, { durations: { 'MIRI Imaging': 0.5 } }).visits.length;
    const tableMs = time(() => lib.parseProgram(text, { durations: { 'MIRI Imaging': 0.5 } }), 5);
    let state = 42; const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
    const targets = Array.from({ length: 10000 }, (_, i) => lib.parseTarget({ name: 's' + i, ra: next() * 359.999, dec: Math.asin(2 * next() - 1) * 180 / Math.PI }));
    const span = lib.cycleSpan(1);
    const windowsMs = time(() => lib.visibilityWindowsForTargets(targets, span), 3);
    console.log(JSON.stringify({ tableRowUs: (tableMs * 1000) / rows, windows10kMs: windowsMs }));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`library figures of ${dist} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as { tableRowUs: number; windows10kMs: number };
}

/** Measure the figures of one or more builds' commands, their whole-process cases in interleaved rounds. */
export function measureFigures(clis: readonly string[], rounds: number, heavyRuns: number): Figures[] {
  const folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-figures-'));
  try {
    const files = writeInputs(folder);
    const startup = (cli: string, out: string): Record<string, string[]> => ({
      help: [cli, '--help'],
      windows: [cli, 'windows', '--targets', files['targets1000']!, '--observer', 'nominal-l2', '--format', 'json'],
      calendar: [cli, 'calendar', '--out-dir', out],
    });
    const schedule = (cli: string, n: number): string[] => [
      cli,
      'schedule',
      '--program',
      files[`program${n}`]!,
      '--targets',
      files[`targets${n}`]!,
      '--durations',
      files['durations']!,
      '--margin',
      '0',
      '--observer',
      'nominal-l2',
      '--format',
      'json',
    ];
    const loadBefore = loadavg()[0]!;
    const bare: number[] = [];
    const samples = clis.map(() => ({}) as Record<string, number[]>);
    const take = (i: number, name: string, ms: number): void => {
      const bucket = samples[i]!;
      bucket[name] ??= [];
      bucket[name].push(ms);
    };
    // Start-up cases: every build's, and the bare start, in each round (a busy moment touches all alike).
    for (let round = 0; round <= rounds; round += 1) {
      const bareMs = processMs(['-e', '1']);
      if (round > 0) bare.push(bareMs);
      clis.forEach((cli, i) => {
        for (const [name, args] of Object.entries(startup(cli, join(folder, `calendar-${i}`)))) {
          const ms = processMs(args);
          if (round > 0) take(i, name, ms);
        }
      });
    }
    // Heavy cases: fewer rounds, still interleaved.
    for (let round = 0; round < heavyRuns; round += 1) {
      bare.push(processMs(['-e', '1']));
      clis.forEach((cli, i) => {
        take(i, 'program10k', processMs(schedule(cli, 10_000)));
        take(i, 'series1000', processMs(schedule(cli, 1_000)));
      });
    }
    // The 100,000-row program once, of this build only: it takes long (and before, far longer).
    take(0, 'program100k', processMs(schedule(clis[0]!, 100_000), LONGEST_CASE_MS));
    const bareMs = median(bare);
    const loadAfter = loadavg()[0]!;
    return clis.map((cli, i) => {
      const figures: Record<string, Figure> = {};
      for (const [name, values] of Object.entries(samples[i]!)) {
        const ms = median(values);
        figures[name] = { ms, xBare: ms / bareMs };
      }
      const library = libraryFigures(join(cli, '..', '..'), files['program10000']!);
      figures['tableRow'] = { ms: library.tableRowUs / 1000 };
      figures['windows10k'] = { ms: library.windows10kMs };
      figures['bare'] = { ms: bareMs, xBare: 1 };
      return {
        machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`,
        load: `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
        figures,
      };
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const fmt = (value: number | undefined, digits: number): string =>
  value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);

/** A figure in its unit: a ratio to bare Node, ms, microseconds, or a ratio to the 10,000-row case. */
function inUnit(name: string, figures: Figures): string {
  const figure = figures.figures[name];
  if (!figure) return '-';
  switch (GOALS[name]!.unit) {
    case 'xBare':
      return `${fmt(figure.xBare, 2)}x (${fmt(figure.ms, 0)} ms)`;
    case 'us':
      return `${fmt(figure.ms * 1000, 1)} us`;
    case 'x10k':
      return `${fmt(figure.ms / (figures.figures['program10k']?.ms ?? Number.NaN), 1)}x (${fmt(figure.ms, 0)} ms)`;
    default:
      return `${fmt(figure.ms, 0)} ms (${fmt(figure.xBare, 1)}x bare)`;
  }
}

/** Print the figures of this build against the before-figures. */
export function printFigures(now: Figures, before: Figures, beforeSource: string): void {
  console.log(`Figures of the performance goals: now, before (${beforeSource}), now / before`);
  console.log(`now: ${now.machine}; ${now.load}; bare node -e 1 ${fmt(now.figures['bare']?.ms, 0)} ms`);
  console.log(`before: ${before.machine}; ${before.load}; bare node -e 1 ${fmt(before.figures['bare']?.ms, 0)} ms`);
  console.log(`${'case'.padEnd(46)} | ${'now'.padEnd(22)} | ${'before'.padEnd(22)} | now/before | goal`);
  console.log(`${'-'.repeat(47)}|${'-'.repeat(24)}|${'-'.repeat(24)}|------------|-----`);
  for (const [name, goal] of Object.entries(GOALS)) {
    const a = now.figures[name];
    const b = before.figures[name];
    // Whole-process figures compare by their ratios to bare Node (the load changes the milliseconds).
    const ratio =
      a && b
        ? goal.unit === 'xBare'
          ? a.xBare! / b.xBare!
          : goal.unit === 'x10k'
            ? a.ms / now.figures['program10k']!.ms / (b.ms / before.figures['program10k']!.ms)
            : a.xBare !== undefined && b.xBare !== undefined
              ? a.xBare / b.xBare
              : a.ms / b.ms
        : Number.NaN;
    console.log(
      `${goal.label.padEnd(46)} | ${inUnit(name, now).padEnd(22)} | ${inUnit(name, before).padEnd(22)} | ${fmt(ratio, 2).padStart(10)} | ${goal.goal}`,
    );
  }
  console.log('(ms figures of whole commands are compared as ratios to the bare start of their own rounds; library figures as ms)\n');
}

const BEFORE_FILE = fileURLToPath(new URL('./before.json', import.meta.url));
/** The command as the package ships it: package.json's `bin` (the launcher, which loads each command's bundle). */
const CLI = fileURLToPath(
  new URL(
    `../${(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string> }).bin['jwst-cadence']}`,
    import.meta.url,
  ),
);

/** `--figures`: measure, print against the before-figures, and store them when asked. */
export function runFigures(argv: readonly string[]): void {
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const cli = option('--cli') ?? CLI;
  const beforeDir = option('--before');
  const rounds = Number(option('--rounds') ?? 11);
  const heavy = Number(option('--heavy') ?? 3);
  const clis = beforeDir ? [cli, join(beforeDir, 'dist', 'cli', 'main.js')] : [cli];
  const measured = measureFigures(clis, rounds, heavy);
  const write = option('--write');
  if (write) writeFileSync(write, `${JSON.stringify(measured[0], null, 2)}\n`);
  const writeBefore = option('--write-before');
  if (writeBefore && measured[1]) writeFileSync(writeBefore, `${JSON.stringify(measured[1], null, 2)}\n`);
  const before = beforeDir ? measured[1]! : (JSON.parse(readFileSync(BEFORE_FILE, 'utf8')) as Figures);
  printFigures(measured[0]!, before, beforeDir ? 'measured in the same rounds' : 'bench/before.json');
}
