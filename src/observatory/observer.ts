/**
 * Which observer computes the Sun when: a span cut into segments, each seen by one model (JWST's
 * real orbit from a Horizons table, or the nominal L2 point), and the margin a plan keeps from
 * a window edge each model computed.
 *
 * A table serves the instants from its first row plus {@link EPHEMERIS_SPARE_MS} to its last
 * row minus the same: the visibility engine samples the Sun on a daily grid laid from a
 * segment's start, two samples beyond each end for its cubic interpolation, and the last
 * sample can fall up to a day past the end; so a segment needs three days of table either
 * side.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { formatDate, formatInstant, formatSecond, InstantMsSchema, MS_PER_DAY, type Span, SpanRecordSchema } from '../time/instant.js';
import { BUILT_IN_EPHEMERIS_COVERAGE, BUILT_IN_EPHEMERIS_FILE, loadBuiltInEphemeris } from './builtin-ephemeris.js';
import { type HorizonsEphemeris, HorizonsEphemerisSchema } from './horizons.js';
import { type ObservatoryModel, ObservatorySchema } from './model.js';

/** The two models of where the observatory is. */
export type ObserverModelName = 'ephemeris' | 'nominal-l2';

/**
 * What made a window edge: a model (the edge is where that model puts the target entering or
 * leaving the field of regard), or `span` (the span's start or end cuts the window there).
 */
export type EdgeSource = ObserverModelName | 'span';

/**
 * A constraint besides the field of regard that cut a window: `v3pa` where an orientation
 * constraint starts or stops being reachable, `maz` where the target enters or leaves the
 * micrometeoroid avoidance zone, `maz-start` where the zone starts (or stops) being modelled
 * (2023-07-01 by default): not an edge of the zone, the instant from which a window's parts
 * say whether they lie in it.
 */
export type EdgeConstraint = 'v3pa' | 'maz' | 'maz-start';

/** One edge of a visibility window: what made it, and the margin a plan keeps from it. */
export interface WindowEdge {
  readonly model: EdgeSource;
  /** Margin kept from this edge, ms: 0 where the span cuts the window. */
  readonly marginMs: number;
  /** Present when a constraint, not the field of regard, made the edge (the model then says who computed it). */
  readonly constraint?: EdgeConstraint;
}

/** Where the Sun's direction comes from during a segment. */
export type SunSource = { readonly model: 'nominal-l2' } | { readonly model: 'ephemeris'; readonly ephemeris: HorizonsEphemeris };

/** A part of a span seen by one model, [startMs, endMs). */
export interface ObserverSegment extends Span {
  readonly source: SunSource;
}

/**
 * A {@link SunSource} as the API takes it: the nominal L2 model, or a table checked as
 * {@link HorizonsEphemerisSchema} checks one.
 */
export const SunSourceSchema = z.discriminatedUnion('model', [
  z.object({ model: z.literal('nominal-l2') }),
  z.object({ model: z.literal('ephemeris'), ephemeris: HorizonsEphemerisSchema }),
]);

/** The arguments of the functions below that take an observatory model and a span or an instant. */
export const ObservatorySpanArguments = z.object({ observatory: ObservatorySchema, span: SpanRecordSchema });
export const ObservatoryInstantArguments = z.object({ observatory: ObservatorySchema, atMs: InstantMsSchema });

export const EphemerisArgument = z.object({ ephemeris: HorizonsEphemerisSchema });

/** Table kept beyond each end of a segment the table serves, ms: three days (see the module docs). */
export const EPHEMERIS_SPARE_MS = 3 * MS_PER_DAY;

const NOMINAL: SunSource = Object.freeze({ model: 'nominal-l2' });

/**
 * The instants a table serves, [startMs, endMs): its rows less the spare at each end.
 *
 * @example
 * ```ts
 * ephemerisServes(loadBuiltInEphemeris()); // 2021-12-29 to 2025-05-26
 * ```
 */
export function ephemerisServes(ephemeris: HorizonsEphemeris): Span {
  return {
    startMs: ephemeris.timesMs[0]! + EPHEMERIS_SPARE_MS,
    endMs: ephemeris.timesMs[ephemeris.timesMs.length - 1]! - EPHEMERIS_SPARE_MS,
  };
}

/** What the model's table serves, without reading the bundled table, and a way to get it. */
function tableOf(observatory: ObservatoryModel): { serves: Span; source: string; load: () => HorizonsEphemeris } {
  if (observatory.ephemeris) {
    const ephemeris = observatory.ephemeris;
    return { serves: ephemerisServes(ephemeris), source: ephemeris.source, load: () => ephemeris };
  }
  return {
    serves: {
      startMs: BUILT_IN_EPHEMERIS_COVERAGE.firstMs + EPHEMERIS_SPARE_MS,
      endMs: BUILT_IN_EPHEMERIS_COVERAGE.lastMs - EPHEMERIS_SPARE_MS,
    },
    source: BUILT_IN_EPHEMERIS_FILE,
    load: loadBuiltInEphemeris,
  };
}

/**
 * Cut a span into segments, each seen by one model: with the `auto` observer, the table where
 * it serves and nominal L2 before and after; with `ephemeris`, the table throughout (an
 * InputError when it does not serve the whole span); with `nominal-l2`, nominal L2 throughout.
 * The bundled table is read only when a segment needs it.
 *
 * @example
 * ```ts
 * observerSegments(DEFAULT_OBSERVATORY, cycleSpan(1)).map((s) => s.source.model); // ['ephemeris']
 * observerSegments(DEFAULT_OBSERVATORY, cycleSpan(4)).map((s) => s.source.model); // ['nominal-l2']
 * ```
 */
export function observerSegments(observatory: ObservatoryModel, span: Span): ObserverSegment[] {
  if (observatory.observer === 'nominal-l2') return [{ ...span, source: NOMINAL }];
  const table = tableOf(observatory);
  const { serves } = table;
  if (observatory.observer === 'ephemeris') {
    if (span.startMs < serves.startMs || span.endMs > serves.endMs) {
      throw new InputError(
        `${table.source}: serves ${formatInstant(serves.startMs)} to ${formatInstant(serves.endMs)} (its rows less 3 days at each end for ` +
          `interpolation), which does not contain the span ${formatInstant(span.startMs)} to ${formatInstant(span.endMs)}; ` +
          'fetch a table that does (jwst-cadence ephemeris), or use the auto or nominal-l2 observer',
      );
    }
    return [{ ...span, source: { model: 'ephemeris', ephemeris: table.load() } }];
  }
  const fromMs = Math.max(span.startMs, serves.startMs);
  const toMs = Math.min(span.endMs, serves.endMs);
  if (fromMs >= toMs) return [{ ...span, source: NOMINAL }];
  const segments: ObserverSegment[] = [];
  if (span.startMs < fromMs) segments.push({ startMs: span.startMs, endMs: fromMs, source: NOMINAL });
  segments.push({ startMs: fromMs, endMs: toMs, source: { model: 'ephemeris', ephemeris: table.load() } });
  if (toMs < span.endMs) segments.push({ startMs: toMs, endMs: span.endMs, source: NOMINAL });
  return segments;
}

/**
 * The model that sees one instant (as {@link observerSegments} would cut a span holding it).
 *
 * @example
 * ```ts
 * sunSourceAt(DEFAULT_OBSERVATORY, Date.UTC(2022, 9, 1)).model; // 'ephemeris'
 * ```
 */
export function sunSourceAt(observatory: ObservatoryModel, atMs: number): SunSource {
  if (observatory.observer === 'nominal-l2') return NOMINAL;
  const table = tableOf(observatory);
  const serves = atMs >= table.serves.startMs && atMs < table.serves.endMs;
  if (!serves && observatory.observer === 'auto') return NOMINAL;
  // The ephemeris observer evaluates the table anywhere inside its rows (and refuses beyond).
  return { model: 'ephemeris', ephemeris: table.load() };
}

/** The arguments of {@link edgeMarginMs}. */
export const EdgeMarginArguments = z.object({ observatory: ObservatorySchema, source: SunSourceSchema, edgeMs: InstantMsSchema });

/**
 * The margin a plan keeps from an edge at `edgeMs` that `source` computed, ms: the nominal L2
 * margin, or for a table the predicted-orbit margin on and after its generation date (every
 * row when the date is unknown) and none before.
 *
 * @example
 * ```ts
 * edgeMarginMs(DEFAULT_OBSERVATORY, { model: 'nominal-l2' }, Date.UTC(2026, 0, 1)); // 3 days
 * ```
 */
export function edgeMarginMs(observatory: ObservatoryModel, source: SunSource, edgeMs: number): number {
  if (source.model === 'nominal-l2') return observatory.margins.nominalL2Days * MS_PER_DAY;
  const generatedMs = source.ephemeris.generatedMs;
  return generatedMs !== undefined && edgeMs < generatedMs ? 0 : observatory.margins.predictedOrbitDays * MS_PER_DAY;
}

/**
 * One line saying which observer sees a span: for headers of tables, calendars and files.
 *
 * @example
 * ```ts
 * describeObserver(DEFAULT_OBSERVATORY, cycleSpan(4)); // 'nominal L2 (3-day margin from its edges)'
 * ```
 */
export function describeObserver(observatory: ObservatoryModel, span: Span): string {
  const segments = observerSegments(observatory, span);
  // Each model's dates, where the span has more than one.
  const parts = segments.map((segment) => {
    // To the second: a table's rows fall at 00:00 TDB, 69.184 s after 00:00 UTC, so the ends
    // of the part it serves carry milliseconds that mean nothing to a reader.
    const when = segments.length === 1 ? '' : ` ${formatSecond(segment.startMs)} to ${formatSecond(segment.endMs)}`;
    if (segment.source.model === 'nominal-l2') {
      return `nominal L2${when} (${formatMarginDays(observatory.margins.nominalL2Days)} margin from its edges)`;
    }
    const { ephemeris } = segment.source;
    const generated = ephemeris.generatedMs;
    const split =
      generated === undefined
        ? `generation date unknown: every row counts as predicted, ${formatMarginDays(observatory.margins.predictedOrbitDays)} margin from its edges`
        : `generated ${formatDate(generated)}: reconstructed before, no margin from its edges; predicted after, ${formatMarginDays(observatory.margins.predictedOrbitDays)} margin`;
    return `JWST's orbit from ${ephemeris.source}${when} (${split})`;
  });
  return parts.join('; ');
}

function formatMarginDays(days: number): string {
  return `${Number(days.toFixed(4))}-day`;
}
