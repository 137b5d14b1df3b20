/**
 * `jwst-cadence windows`: visibility windows of one target or many.
 * @module
 */

import { InputError } from '../errors.js';
import { parseHorizonsVectors, resolveOrientation } from '../observatory/face.js';
import { mazSpan } from '../observatory/maz.js';
import { type ObservatoryModel, parseObservatory } from '../observatory/model.js';
import { describeObserver } from '../observatory/observer.js';
import { APERTURE_INSTRUMENTS, describeOrientation, type OrientationInput } from '../observatory/orientation.js';
import { wrapText } from '../output/wrap.js';
import { parseAngleRangeText } from '../sky/angle-range.js';
import { findTarget } from '../sky/catalog.js';
import { parseTarget, type Target } from '../sky/target.js';
import { cycleSpan, JWST_CYCLES } from '../time/cycles.js';
import { formatInstant, MS_PER_DAY, parseInstant, type Span } from '../time/instant.js';
import type { VisibilityConstraint } from '../visibility/constraints.js';
import { avoidDates } from '../visibility/face.js';
import { visibilityWindowsForTargets } from '../visibility/windows.js';

import {
  checkOutPath,
  choiceOption,
  emit,
  inOptionTerms,
  numberOption,
  numberOrText,
  parseOptions,
  readFileOption,
  terminalWidth,
  textTable,
  UsageError,
} from './io.js';

export { SKY_HELP, SKY_OPTIONS } from './sky-options.js';

import { SKY_HELP, SKY_OPTIONS } from './sky-options.js';

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
${SKY_HELP}
Orientation (windows narrow to the times the range is reachable by roll about the nominal V3PA):
  --v3pa MIN:MAX        a V3 position angle range, degrees east of north, eastward from MIN to
                        MAX (100:120; 350:10 or -10:10 crosses north)
  --aperture-pa MIN:MAX an aperture position angle range (APT's APERTURE PA RANGE) instead, with
  --instrument NAME     the offset from V3 of NIRCam, NIRSpec, NIRISS, MIRI (imager) or FGS, or
  --aperture-offset DEG the aperture's own offset from V3 (its SIAF V3IdlYAngle)

Output:
  --format F            table (default), json or csv
  --width N             wrap the table to N columns (default: 100 on a terminal, else each
                        line whole)
  --out FILE            write to FILE (atomically); without it, or as -, to standard output
  -h, --help            this help

Examples:
  jwst-cadence windows --target BD+60-1753
  jwst-cadence windows --target HD163466 --v3pa 100:120
  jwst-cadence windows --target HD163466 --aperture-pa 238.5:258.5 --instrument NIRSpec
  jwst-cadence windows --ra 90 --dec 23.44 --name ecliptic --cycle 4
  jwst-cadence windows --ra 270 --dec 66.56 --name NEP --format json
  jwst-cadence windows --targets targets.csv --from 2022-07-01T00:00Z --to 2023-07-01T00:00Z --format json
`;

/** Build the observatory model from the shared --observer / --ephemeris / --min/max-elongation / --maz options. */
export function observatoryFromOptions(values: {
  observer?: string | undefined;
  ephemeris?: string | undefined;
  'min-elongation'?: string | undefined;
  'max-elongation'?: string | undefined;
  maz?: string | undefined;
  'maz-half-angle'?: string | undefined;
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
  const ephemeris = values.ephemeris !== undefined ? readFileOption(values.ephemeris, '--ephemeris', parseHorizonsVectors) : undefined;
  const maz = {
    apply: choiceOption(values.maz, '--maz', ['auto', 'on', 'off'] as const, 'auto'),
    ...(values['maz-half-angle'] !== undefined ? { halfAngleDeg: numberOption(values['maz-half-angle'], '--maz-half-angle') } : {}),
  };
  return parseObservatory({ fieldOfRegard, observer, maz, ...(ephemeris ? { ephemeris } : {}) });
}

/** The stretches of time `--avoid FROM/TO` keeps out of (repeatable), in the order given. */
export function avoidedFromOptions(values: { avoid?: string[] | undefined }): Span[] {
  return (values.avoid ?? []).map((text) => {
    const parts = text.split('/');
    if (parts.length !== 2 || parts.some((part) => part.trim() === '')) {
      throw new UsageError(`--avoid: expected FROM/TO, two instants, e.g. 2022-10-01/2022-10-11, got "${text}"`);
    }
    const startMs = parseInstant(parts[0]!.trim(), '--avoid FROM');
    const endMs = parseInstant(parts[1]!.trim(), '--avoid TO');
    if (endMs <= startMs)
      throw new UsageError(`--avoid ${text}: TO (${formatInstant(endMs)}) must be after FROM (${formatInstant(startMs)})`);
    return { startMs, endMs };
  });
}

/** The constraints of `--avoid`: one {@link avoidDates} a stretch. */
export function constraintsFromOptions(values: { avoid?: string[] | undefined }): VisibilityConstraint[] {
  return avoidedFromOptions(values).map((avoided) => avoidDates(avoided.startMs, avoided.endMs));
}

/**
 * The span of `--cycle` or `--from`/`--to` (not both), `--to` after `--from`. With a fallback,
 * an end not given is the fallback's; without one, both ends (or the cycle) must be given.
 */
export function spanOption(
  values: { cycle?: string | undefined; from?: string | undefined; to?: string | undefined },
  fallback?: Span,
): Span {
  if (values.cycle !== undefined && (values.from !== undefined || values.to !== undefined))
    throw new UsageError('give --cycle or --from/--to, not both');
  if (!fallback && values.cycle === undefined && (values.from === undefined || values.to === undefined))
    throw new UsageError('give --from and --to, or --cycle (see --help)');
  const cycle = values.cycle !== undefined ? cycleOption(values.cycle) : fallback!;
  const span = {
    startMs: values.from !== undefined ? parseInstant(values.from, '--from') : cycle.startMs,
    endMs: values.to !== undefined ? parseInstant(values.to, '--to') : cycle.endMs,
  };
  if (span.endMs <= span.startMs)
    throw new UsageError(`--to (${formatInstant(span.endMs)}) must be after --from (${formatInstant(span.startMs)})`);
  return span;
}

/** A cycle option's span, or a usage error naming the known cycles. */
export function cycleOption(value: string, option = '--cycle'): { startMs: number; endMs: number } {
  const cycle = numberOption(value, option)!;
  try {
    return cycleSpan(cycle);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new UsageError(`${option}: ${error.message.replace(/^cycle: /, '')}`);
  }
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
    v3pa: { type: 'string' },
    'aperture-pa': { type: 'string' },
    instrument: { type: 'string' },
    'aperture-offset': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    width: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(WINDOWS_HELP);
    return;
  }
  const format = choiceOption(values.format, '--format', ['table', 'json', 'csv'] as const, 'table');
  // A path that cannot take the output is refused before the work.
  if (values.out !== undefined) checkOutPath(values.out);
  const ways = [values.target !== undefined, values.ra !== undefined || values.dec !== undefined, values.targets !== undefined].filter(
    Boolean,
  ).length;
  if (ways !== 1) throw new UsageError('give exactly one of --target NAME, --ra DEG --dec DEG, or --targets FILE (see --help)');

  let targets: Target[];
  if (values.target !== undefined) {
    try {
      targets = [findTarget(values.target)];
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new UsageError(
        `--target: ${error.message.replace(/^target: /, '')} with --ra DEG --dec DEG (and --name NAME), or many with --targets FILE`,
      );
    }
  } else if (values.targets !== undefined) {
    const { parseTargetsText } = await import('../sky/target-file.js');
    targets = readFileOption(values.targets, '--targets', (text, source) => parseTargetsText(text, source));
  } else {
    if (values.ra === undefined || values.dec === undefined) throw new UsageError('--ra and --dec go together');
    try {
      targets = [parseTarget({ name: values.name ?? 'target', ra: numberOrText(values.ra), dec: numberOrText(values.dec) }, 'position')];
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // The fields of the position are the options that gave them.
      throw new UsageError(error.message.replace(/(^|; )(?:position: )?(ra|dec|name): /g, '$1--$2: ').replace(/^position: /, ''));
    }
  }

  const span = spanOption(values, cycleSpan(1));

  const observatory = inOptionTerms(() => observatoryFromOptions(values));
  const orientation = orientationFromOptions(values);
  // Every input here is checked where the command read it (targets, span, observatory,
  // orientation), so the windows come from the inner functions, not again through the boundary.
  const resolved = orientation ? inOptionTerms(() => resolveOrientation(orientation)) : undefined;
  const avoided = avoidedFromOptions(values);
  const constraints = avoided.map((stretch) => avoidDates(stretch.startMs, stretch.endMs));
  const windows = inOptionTerms(() =>
    visibilityWindowsForTargets(targets, span, {
      observatory,
      ...(resolved ? { orientation: resolved } : {}),
      ...(constraints.length > 0 ? { constraints } : {}),
    }),
  ).flat();
  if (format !== 'table') {
    const { windowsCsvText, windowsJsonText } = await import('../output/windows.js');
    // Every target asked for is named, one that has no window with an entry saying so.
    const names = targets.map((target) => target.name);
    return emit(format === 'json' ? windowsJsonText(windows, names) : windowsCsvText(windows, names), values.out);
  }
  const edge = (e: (typeof windows)[number]['startEdge']): string =>
    (e.constraint ? `${e.constraint}:` : '') +
    (e.model === 'span' ? 'span' : `${e.model} ${Number((e.marginMs / MS_PER_DAY).toFixed(2))}d`);
  const withMaz = windows.some((w) => w.inMaz !== undefined);
  const rows = windows.map((w) => [
    w.target,
    formatInstant(w.startMs),
    formatInstant(w.endMs),
    w.durationDays.toFixed(2),
    `${w.v3pa.minDeg.toFixed(1)}..${w.v3pa.maxDeg.toFixed(1)}`,
    ...(withMaz ? [w.inMaz === undefined ? 'not modelled' : w.inMaz ? 'in MAZ' : 'outside'] : []),
    `${edge(w.startEdge)} / ${edge(w.endEdge)}`,
  ]);
  const mazSettings = mazSpan(observatory.maz, span);
  const title =
    `Visibility ${formatInstant(span.startMs)} to ${formatInstant(span.endMs)}, elongation ${observatory.fieldOfRegard.minElongationDeg}..${observatory.fieldOfRegard.maxElongationDeg} deg\n` +
    `Observer: ${describeObserver(observatory, span)}\n` +
    (resolved ? `Orientation: ${describeOrientation(resolved)}: only the times it is reachable\n` : '') +
    (mazSettings
      ? `MAZ: a ${observatory.maz.halfAngleDeg}-degree half-angle cone around JWST's direction of motion, modelled from ${formatInstant(mazSettings.startMs)}; windows split at its edges\n`
      : '') +
    avoided.map((stretch) => `Avoided: ${formatInstant(stretch.startMs)} to ${formatInstant(stretch.endMs)} (--avoid)\n`).join('') +
    '\n';
  const empty = targets
    .filter((t) => !windows.some((w) => w.target === t.name))
    .map(
      (t) =>
        `${t.name}: ${orientation ? 'the orientation is never reachable while it is visible' : avoided.length > 0 ? 'never visible outside the avoided dates' : 'never visible'} in this span\n`,
    );
  const width = terminalWidth(values.width, values.out);
  const table =
    title +
    textTable(
      ['target', 'start (UTC)', 'end (UTC)', 'days', 'V3PA range (deg)', ...(withMaz ? ['MAZ'] : []), 'edges: model, margin'],
      rows,
    ) +
    empty.join('');
  emit(width === undefined ? table : wrapText(table, width), values.out);
}

/** The orientation constraint of --v3pa, or of --aperture-pa with --instrument or --aperture-offset. */
function orientationFromOptions(values: {
  v3pa?: string | undefined;
  'aperture-pa'?: string | undefined;
  instrument?: string | undefined;
  'aperture-offset'?: string | undefined;
}): OrientationInput | undefined {
  const aperture = values['aperture-pa'];
  if (values.v3pa !== undefined && aperture !== undefined) throw new UsageError('give --v3pa or --aperture-pa, not both');
  if (aperture === undefined && (values.instrument !== undefined || values['aperture-offset'] !== undefined)) {
    throw new UsageError('--instrument and --aperture-offset go with --aperture-pa');
  }
  if (values.v3pa !== undefined) return { v3pa: parseAngleRangeText(values.v3pa, '--v3pa') };
  if (aperture === undefined) return undefined;
  if ((values.instrument === undefined) === (values['aperture-offset'] === undefined)) {
    throw new UsageError("--aperture-pa needs the aperture's offset from V3: give --instrument NAME or --aperture-offset DEG");
  }
  const range = parseAngleRangeText(aperture, '--aperture-pa');
  if (values.instrument !== undefined) {
    const instrument = APERTURE_INSTRUMENTS.find((name) => name.toUpperCase() === values.instrument!.trim().toUpperCase());
    if (!instrument) throw new UsageError(`--instrument: expected one of ${APERTURE_INSTRUMENTS.join(', ')}, got "${values.instrument}"`);
    return { aperturePa: range, instrument };
  }
  return { aperturePa: range, offsetDeg: numberOption(values['aperture-offset'], '--aperture-offset')! };
}
