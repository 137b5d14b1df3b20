/**
 * Which visits of a program must be observed at an orientation, and which series must hold
 * one orientation across their epochs: the orientation part of a plan.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { APERTURE_INSTRUMENTS, type Orientation, orientationFrom } from '../observatory/orientation.js';
import { AngleRangeSchema } from '../sky/angle-range.js';
import { keyOf } from '../sky/catalog.js';
import { didYouMean } from '../suggest.js';
import { PARSE_OPTIONS } from '../validation.js';
import { type Program, VisitRefSchema, visitKey, visitName, visitOfRef } from './program.js';
import type { ProgramStructure } from './structure.js';

/** Widest band a series may be asked to hold, degrees (wider than the roll range itself is no constraint at all). */
const MAX_HOLD_BAND_DEG = 90;

/**
 * The orientation part of a plan:
 * - `constraints`: orientation constraints (APT's APERTURE PA RANGE), each on the visits of a
 *   `target`, of a `series` (its id, `<target> / <template>` by default) or on listed
 *   `observations` (give exactly one), as a `v3pa` range or an `aperturePa` range with the
 *   aperture's `instrument` or `offsetDeg` (without either, each visit's own instrument);
 * - `hold`: series whose epochs must all be observed within one V3PA band `bandDeg` wide
 *   (default 0: one angle every epoch can reach), the band's centre chosen by the scheduler.
 *
 * @example
 * ```ts
 * OrientationPlanSchema.parse({ constraints: [{ target: 'HD163466', v3pa: { minDeg: 100, maxDeg: 120 } }] });
 * OrientationPlanSchema.parse({ hold: [{ series: 'HD163466 / MIRI Imaging', bandDeg: 2 }] });
 * ```
 */
export const OrientationPlanSchema = z.strictObject({
  constraints: z
    .array(
      z
        .strictObject({
          target: z.string().trim().min(1).optional(),
          series: z.string().trim().min(1).optional(),
          /** Observation numbers (visit 1) or visit ids `program:observation:visit` (`1539:9:1`). */
          observations: z.array(VisitRefSchema).min(1).optional(),
          v3pa: AngleRangeSchema.optional(),
          aperturePa: AngleRangeSchema.optional(),
          instrument: z.enum(APERTURE_INSTRUMENTS).optional(),
          offsetDeg: z.number().finite().min(-360).max(360).optional(),
        })
        .refine((entry) => [entry.target, entry.series, entry.observations].filter((value) => value !== undefined).length === 1, {
          message: 'name exactly one of target, series or observations',
        })
        .refine((entry) => (entry.v3pa === undefined) !== (entry.aperturePa === undefined), {
          message: 'give exactly one of v3pa and aperturePa',
        })
        .refine((entry) => entry.aperturePa !== undefined || (entry.instrument === undefined && entry.offsetDeg === undefined), {
          message: 'instrument and offsetDeg go with aperturePa',
        }),
    )
    .default([]),
  hold: z
    .array(z.strictObject({ series: z.string().trim().min(1), bandDeg: z.number().finite().min(0).max(MAX_HOLD_BAND_DEG).default(0) }))
    .default([]),
});

/** What {@link OrientationPlanSchema} accepts. */
export type OrientationPlanInput = z.input<typeof OrientationPlanSchema>;

/** A resolved orientation plan. */
export interface OrientationPlan {
  /** The orientation each constrained visit must hold, by its key (`visitKey`, `observation:visit`). */
  readonly byVisit: ReadonlyMap<string, Orientation>;
  /** Series to hold at one orientation, and the band's width, degrees. */
  readonly hold: ReadonlyArray<{ readonly series: string; readonly bandDeg: number }>;
}

/**
 * Validate an orientation plan against a program and resolve it per visit. Throws an
 * InputError naming the field (`orientation.constraints.1.series: ...`) when it is malformed,
 * names a target, series or observation the program does not have, constrains a visit twice,
 * or holds a series that also has a constraint.
 *
 * @example
 * ```ts
 * const program = loadBuiltInProgram();
 * const plan = resolveOrientationPlan({ constraints: [{ target: 'HD163466', v3pa: { minDeg: 100, maxDeg: 120 } }] }, program, programStructure(program));
 * plan.byVisit.size; // every HD163466 visit
 * ```
 */
export function resolveOrientationPlan(
  input: unknown,
  program: Program,
  structure: ProgramStructure,
  where = 'orientation',
): OrientationPlan {
  const result = OrientationPlanSchema.safeParse(input ?? {}, PARSE_OPTIONS);
  if (!result.success) {
    throw new InputError(result.error.issues.map((issue) => `${[where, ...issue.path].join('.')}: ${issue.message}`).join('; '));
  }
  const plan = result.data;
  const byKey = new Map(program.visits.map((visit) => [visitKey(visit), visit]));
  const seriesIds = new Set(structure.series.map((series) => series.id));
  const byVisit = new Map<string, Orientation>();
  const owner = new Map<string, number>();
  plan.constraints.forEach((entry, index) => {
    const at = `${where}.constraints.${index}`;
    let keys: string[];
    if (entry.target !== undefined) {
      const key = keyOf(entry.target);
      keys = program.visits.filter((visit) => keyOf(visit.target) === key).map(visitKey);
      if (keys.length === 0) {
        throw new InputError(
          `${at}.target: the program has no visit of "${entry.target}"${didYouMean(entry.target, new Set(program.visits.map((visit) => visit.target)), keyOf)} (targets: ${[...new Set(program.visits.map((visit) => visit.target))].join(', ')})`,
        );
      }
    } else if (entry.series !== undefined) {
      if (!seriesIds.has(entry.series)) {
        throw new InputError(
          `${at}.series: the program has no series "${entry.series}"${didYouMean(entry.series, seriesIds, (text) => text.toLowerCase())} (series: ${[...seriesIds].join('; ')})`,
        );
      }
      keys = program.visits.map(visitKey).filter((key) => structure.seriesOf[key] === entry.series);
    } else {
      const refs = entry.observations!;
      const observations = new Set(program.visits.map((visit) => visit.observation));
      const missing = refs.filter((ref) => !observations.has(ref.observation)).map((ref) => ref.observation);
      if (missing.length > 0) {
        throw new InputError(
          `${at}.observations: observation ${missing.join(', ')} does not exist (the program has ${program.visits.length})`,
        );
      }
      // A visit id (1539:9:1) must name this program's visit; a bare number, an observation of one visit.
      keys = refs.map((ref, position) => visitKey(visitOfRef(program, ref, `${at}.observations.${position}`)));
    }
    const form =
      entry.v3pa !== undefined
        ? { v3pa: entry.v3pa }
        : {
            aperturePa: entry.aperturePa!,
            ...(entry.instrument ? { instrument: entry.instrument } : {}),
            ...(entry.offsetDeg !== undefined ? { offsetDeg: entry.offsetDeg } : {}),
          };
    for (const key of keys) {
      const visit = byKey.get(key)!;
      const name = visitName(visit, program);
      const earlier = owner.get(key);
      if (earlier !== undefined) {
        throw new InputError(`${at}: ${name} is already constrained by ${where}.constraints.${earlier}; a visit holds one orientation`);
      }
      owner.set(key, index);
      byVisit.set(key, orientationFrom(form, `${at} (${name})`, visit.instrument, visit.template));
    }
  });
  plan.hold.forEach((entry, index) => {
    const at = `${where}.hold.${index}.series`;
    if (!seriesIds.has(entry.series))
      throw new InputError(
        `${at}: the program has no series "${entry.series}"${didYouMean(entry.series, seriesIds, (text) => text.toLowerCase())} (series: ${[...seriesIds].join('; ')})`,
      );
    if (plan.hold.findIndex((other) => other.series === entry.series) !== index)
      throw new InputError(`${at}: series "${entry.series}" is held twice`);
    const constrained = program.visits.find(
      (visit) => structure.seriesOf[visitKey(visit)] === entry.series && byVisit.has(visitKey(visit)),
    );
    if (constrained) {
      throw new InputError(
        `${at}: ${visitName(constrained, program)} of series "${entry.series}" also has an orientation constraint; hold a series or constrain it, not both`,
      );
    }
  });
  return Object.freeze({ byVisit, hold: Object.freeze(plan.hold.map((entry) => Object.freeze({ ...entry }))) });
}
