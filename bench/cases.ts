/**
 * Scheduling cases of the benchmark, run inside the benchmark's child processes.
 */
import { largePlan } from './plan.js';
import { random } from './sky.js';

type Library = typeof import('../src/advanced.js');
type Timer = (fn: () => unknown, runs: number) => number;

/**
 * Length of each synthetic epoch block: 30 minutes, so 1,000 series x 12 epochs fill 6,000 of
 * the year's 8,760 hours. On a one-hour grid alone each block would take a whole step; the
 * snug starts let blocks share an hour.
 */
const SYNTHETIC_EPOCH_MS = 30 * 60_000;

export async function runExtraCase(lib: Library, name: string, n: number, time: Timer): Promise<{ ms: number; note?: string }> {
  if (name === 'program-1539') {
    const program = lib.loadBuiltInProgram();
    const coldStart = performance.now();
    const first = lib.scheduleProgram(program);
    const coldMs = performance.now() - coldStart;
    const ms = time(() => lib.scheduleProgram(program), 5);
    return { ms, note: `first call in a fresh process ${coldMs.toFixed(1)} ms; ${first.visits.length} of 86 visits placed` };
  }
  if (name === 'program-1539-replan') {
    // Every visit of the default plan before 2022-10-15 ran, those of BD+60-1753's epoch 5 failed.
    const program = lib.loadBuiltInProgram();
    const now = Date.UTC(2022, 9, 15);
    const executed = lib
      .scheduleProgram(program)
      .visits.filter((visit) => visit.startMs < now)
      .map((visit) => ({
        observation: visit.observation,
        start: visit.startMs,
        status: visit.target === 'BD+60-1753' && visit.epoch === 5 ? ('failed' as const) : ('done' as const),
      }));
    let placed = 0;
    const ms = time(() => {
      placed = lib.scheduleProgram(program, { executed, now }).visits.length;
    }, 5);
    return { ms, note: `${placed} visits in the plan, ${executed.length} of them executed` };
  }
  if (name === 'program-1539-cycles') {
    const program = lib.loadBuiltInProgram();
    let placed = 0;
    const ms = time(() => {
      placed = lib.scheduleProgram(program, { cadence: { mode: 'spread', cycles: { first: 1, last: n } }, repeatPerCycle: true }).visits
        .length;
    }, 3);
    return { ms, note: `${placed} of ${86 * n} visits placed` };
  }
  if (name === 'synthetic') {
    // n series, each a target at a random sky position with its real Cycle 1 windows, 12 epochs each.
    const next = random(7);
    const span = lib.cycleSpan(1);
    const targets = Array.from({ length: n }, (_, i) =>
      lib.parseTarget({ name: `series-${i + 1}`, ra: next() * 359.999, dec: (Math.asin(2 * next() - 1) * 180) / Math.PI }),
    );
    const windows = Object.fromEntries(
      lib
        .visibilityWindowsForTargets(targets, span)
        .map((list, i) => [targets[i]!.name, list.map(({ startMs, endMs }) => ({ startMs, endMs }))]),
    );
    const input = {
      span,
      gridMs: lib.MS_PER_HOUR,
      marginMs: 0,
      minGapMs: 0,
      maxGapMs: Number.POSITIVE_INFINITY,
      windows,
      mode: 'spread' as const,
      idealMs: [],
      toleranceMs: 0,
      groups: targets.map((t) => ({
        target: t.name,
        epochs: Array.from({ length: 12 }, () => ({ durationMs: SYNTHETIC_EPOCH_MS, targets: [t.name] })),
      })),
    };
    let placed = 0;
    const ms = time(
      () => {
        placed = lib.scheduleTimeline(input).reduce((sum, group) => sum + group.startsMs.filter((s) => s !== null).length, 0);
      },
      n >= 1_000 ? 1 : 3,
    );
    return { ms, note: `${placed} of ${12 * n} epochs placed; windows computed beforehand` };
  }
  if (name === 'gaps') {
    // Read a plan file of n visits (parse, validate, check consistency) and measure its gaps.
    const text = lib.scheduleToJson(largePlan(lib, n));
    let pass = false;
    const ms = time(() => {
      pass = lib.cadenceGaps(lib.scheduleFromJson(text, 'plan.json'), { maxGapDays: 30, ignoreForced: true }).pass;
    }, 3);
    return { ms, note: `${(text.length / 2 ** 20).toFixed(0)} MB of JSON read, checked and measured; verdict ${pass ? 'pass' : 'fail'}` };
  }
  if (name === 'orientation-windows') {
    // n random targets, Cycle 1, windows narrowed to a 20-degree V3PA range.
    const next = random(11);
    const span = lib.cycleSpan(1);
    const targets = Array.from({ length: n }, (_, i) =>
      lib.parseTarget({ name: `o-${i + 1}`, ra: next() * 359.999, dec: (Math.asin(2 * next() - 1) * 180) / Math.PI }),
    );
    const grids = lib.observerGrids(span, lib.DEFAULT_OBSERVATORY);
    const plainMs = time(() => lib.visibilityWindowsForTargets(targets, span, { grids }), 3);
    let count = 0;
    const ms = time(() => {
      count = lib.visibilityWindowsForTargets(targets, span, { grids, v3pa: { minDeg: 100, maxDeg: 120 } }).flat().length;
    }, 3);
    return { ms, note: `${count} narrowed windows; the same targets without the constraint ${plainMs.toFixed(1)} ms` };
  }
  if (name === 'maz-windows') {
    // n random targets, Cycle 4 (nominal L2), windows split at the micrometeoroid avoidance zone.
    const next = random(13);
    const span = lib.cycleSpan(4);
    const targets = Array.from({ length: n }, (_, i) =>
      lib.parseTarget({ name: `m-${i + 1}`, ra: next() * 359.999, dec: (Math.asin(2 * next() - 1) * 180) / Math.PI }),
    );
    const grids = lib.observerGrids(span, lib.DEFAULT_OBSERVATORY);
    const wholeMs = time(() => lib.visibilityWindowsForTargets(targets, span, { grids, splitAtMaz: false }), 3);
    let inMaz = 0;
    const ms = time(() => {
      inMaz = lib
        .visibilityWindowsForTargets(targets, span, { grids })
        .flat()
        .filter((w) => w.inMaz).length;
    }, 3);
    return { ms, note: `${inMaz} window parts in the zone; whole windows without the split ${wholeMs.toFixed(1)} ms` };
  }
  if (name === 'program-1539-orientation') {
    const program = lib.loadBuiltInProgram();
    const constrained = { orientation: { constraints: [{ target: 'HD163466', v3pa: { minDeg: 100, maxDeg: 120 } }] } };
    const held = { orientation: { hold: [{ series: 'HD163466 / MIRI Medium Resolution Spectroscopy', bandDeg: 0 }] } };
    const heldMs = time(() => lib.scheduleProgram(program, held), 3);
    const ms = time(() => lib.scheduleProgram(program, constrained), 5);
    return { ms, note: `HD163466 at V3PA 100..120; holding its MRS series at one angle instead: ${heldMs.toFixed(1)} ms` };
  }
  throw new Error(`unknown case ${name}`);
}
