/**
 * `jwst-cadence windows`: visibility windows of one target or many.
 * @module
 */
import type { ParseArgsConfig } from 'node:util';
import { parseHorizonsVectors } from '../observatory/horizons.js';
import { parseObservatory, type ObservatoryModel } from '../observatory/model.js';
import { describeObserver } from '../observatory/observer.js';
import { findTarget } from '../sky/catalog.js';
import { parseTarget, type Target } from '../sky/target.js';
import { formatInstant, parseInstant } from '../time/instant.js';
import { cycleSpan, JWST_CYCLES } from '../time/cycles.js';
import { visibilityWindowsForTargets } from '../visibility/windows.js';
import { choiceOption, emit, inOptionTerms, numberOption, numberOrText, parseOptions, readTextFile, textTable, UsageError } from './io.js';

/** Help lines of the sky options, shared by every command that computes windows. */
export const SKY_HELP = `  --observer M          auto (default): JWST's real orbit where the Horizons table covers the
                        span, nominal L2 elsewhere; ephemeris: the real orbit only; nominal-l2
  --ephemeris FILE      a JPL Horizons vector table of JWST instead of the bundled one
                        (2021-12-26 to 2025-05-29; get another with 'jwst-cadence ephemeris')
  --min-elongation DEG  field-of-regard inner limit (default 85)
  --max-elongation DEG  field-of-regard outer limit (default 135)
`;

/** The options that choose the sky model, shared by every command that computes windows. */
export const SKY_OPTIONS = {
  observer: { type: 'string' },
  ephemeris: { type: 'string' },
  'min-elongation': { type: 'string' },
  'max-elongation': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const WINDOWS_HELP = `Usage: jwst-cadence windows (--target NAME | --ra DEG --dec DEG | --targets FILE) [options]

When may JWST point at a target? Prints the windows in [--from, --to) when the Sun's
elongation, seen from the observatory, lies in the field of regard.

Target (one of):
  --target NAME         a catalogue name: BD+60-1753, HD163466, HD163466-BKG (forgiving spelling)
  --ra DEG --dec DEG    a position, J2000 degrees or sexagesimal (17:24:52.28, +60:25:50.8)
  --name NAME           the name shown for --ra/--dec (default: "target")
  --targets FILE        many targets: CSV with header name,ra,dec[,pmRaCosDec,pmDec,epoch] or a JSON
                        array of the same fields (proper motion in mas/yr, epoch a Julian year such as 2000)

Options:
  --from ISO            span start, UTC (default: start of Cycle 1, 2022-07-01T00:00Z)
  --to ISO              span end, exclusive (default: end of Cycle 1, 2023-07-01T00:00Z)
  --cycle N             use JWST cycle N (${Object.keys(JWST_CYCLES).join(', ')}) as the span instead
${SKY_HELP}  --format F            table (default), json or csv
  --out FILE            write to FILE (atomically) instead of standard output
  -h, --help            this help

Examples:
  jwst-cadence windows --target BD+60-1753
  jwst-cadence windows --ra 270 --dec 66.56 --name NEP --format json
  jwst-cadence windows --targets targets.csv --from 2022-07-01T00:00Z --to 2023-07-01T00:00Z --format json
`;

/** Build the observatory model from the shared --observer / --ephemeris / --min/max-elongation options. */
export function observatoryFromOptions(values: {
  observer?: string | undefined;
  ephemeris?: string | undefined;
  'min-elongation'?: string | undefined;
  'max-elongation'?: string | undefined;
}): ObservatoryModel {
  const fieldOfRegard: Record<string, number> = {};
  const min = numberOption(values['min-elongation'], '--min-elongation');
  const max = numberOption(values['max-elongation'], '--max-elongation');
  if (min !== undefined) fieldOfRegard.minElongationDeg = min;
  if (max !== undefined) fieldOfRegard.maxElongationDeg = max;
  const observer = choiceOption(values.observer, '--observer', ['auto', 'ephemeris', 'nominal-l2'] as const, 'auto');
  if (values.ephemeris !== undefined && observer === 'nominal-l2') {
    throw new UsageError('--ephemeris gives a table, which --observer nominal-l2 does not use; give one or the other');
  }
  if (values.ephemeris === '') throw new UsageError('--ephemeris: expected a file name');
  const ephemeris = values.ephemeris !== undefined ? parseHorizonsVectors(readTextFile(values.ephemeris, '--ephemeris'), values.ephemeris) : undefined;
  return parseObservatory({ fieldOfRegard, observer, ...(ephemeris ? { ephemeris } : {}) });
}

/** A cycle option's span, or a usage error naming the known cycles. */
export function cycleOption(value: string): { startMs: number; endMs: number } {
  const cycle = numberOption(value, '--cycle')!;
  return inOptionTerms(() => {
    try {
      return cycleSpan(cycle);
    } catch (error) {
      throw new UsageError(`--${(error as Error).message}`);
    }
  });
}

/**
 * Run the windows command. The CSV reader (for --targets) and the JSON and CSV writers (for
 * --format) are loaded only when the command line asks for them.
 */
export async function runWindows(argv: readonly string[]): Promise<void> {
  const values = parseOptions(argv, {
      target: { type: 'string' },
      ra: { type: 'string' },
      dec: { type: 'string' },
      name: { type: 'string' },
      targets: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      cycle: { type: 'string' },
      ...SKY_OPTIONS,
      format: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(WINDOWS_HELP);
    return;
  }
  const format = choiceOption(values.format, '--format', ['table', 'json', 'csv'] as const, 'table');
  const ways = [values.target !== undefined, values.ra !== undefined || values.dec !== undefined, values.targets !== undefined].filter(Boolean).length;
  if (ways !== 1) throw new UsageError('give exactly one of --target NAME, --ra DEG --dec DEG, or --targets FILE (see --help)');

  let targets: Target[];
  if (values.target !== undefined) {
    targets = [findTarget(values.target)];
  } else if (values.targets !== undefined) {
    const { parseTargetsText } = await import('../sky/target-file.js');
    targets = parseTargetsText(readTextFile(values.targets, '--targets'), values.targets);
  } else {
    if (values.ra === undefined || values.dec === undefined) throw new UsageError('--ra and --dec go together');
    targets = [parseTarget({ name: values.name ?? 'target', ra: numberOrText(values.ra), dec: numberOrText(values.dec) }, 'position')];
  }

  if (values.cycle !== undefined && (values.from !== undefined || values.to !== undefined)) {
    throw new UsageError('give --cycle or --from/--to, not both');
  }
  const cycle = values.cycle !== undefined ? cycleOption(values.cycle) : cycleSpan(1);
  const span = {
    startMs: values.from !== undefined ? parseInstant(values.from, '--from') : cycle.startMs,
    endMs: values.to !== undefined ? parseInstant(values.to, '--to') : cycle.endMs,
  };
  if (span.endMs <= span.startMs) throw new UsageError(`--to (${formatInstant(span.endMs)}) must be after --from (${formatInstant(span.startMs)})`);

  const observatory = inOptionTerms(() => observatoryFromOptions(values));
  const windows = visibilityWindowsForTargets(targets, span, { observatory }).flat();
  if (format !== 'table') {
    const { windowsToCsv, windowsToJson } = await import('../output/windows.js');
    return emit(format === 'json' ? windowsToJson(windows) : windowsToCsv(windows), values.out);
  }
  const edge = (e: (typeof windows)[number]['startEdge']): string => (e.model === 'span' ? 'span' : `${e.model} ${Number((e.marginMs / 86_400_000).toFixed(2))}d`);
  const rows = windows.map((w) => [
    w.target,
    formatInstant(w.startMs),
    formatInstant(w.endMs),
    w.durationDays.toFixed(2),
    `${w.v3pa.minDeg.toFixed(1)}..${w.v3pa.maxDeg.toFixed(1)}`,
    `${edge(w.startEdge)} / ${edge(w.endEdge)}`,
  ]);
  const title =
    `Visibility ${formatInstant(span.startMs)} to ${formatInstant(span.endMs)}, elongation ${observatory.fieldOfRegard.minElongationDeg}..${observatory.fieldOfRegard.maxElongationDeg} deg\n` +
    `Observer: ${describeObserver(observatory, span)}\n\n`;
  const empty = targets.filter((t) => !windows.some((w) => w.target === t.name)).map((t) => `${t.name}: never visible in this span\n`);
  emit(title + textTable(['target', 'start (UTC)', 'end (UTC)', 'days', 'V3PA range (deg)', 'edges: model, margin'], rows) + empty.join(''), values.out);
}
