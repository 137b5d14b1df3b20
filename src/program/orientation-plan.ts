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
import { type Program, VisitRefSchema, visitOfRef } from './program.js';
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
  /** The orientation each constrained visit must hold, by observation number. */
  readonly byObservation: ReadonlyMap<number, Orientation>;
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
 * plan.byObservation.size; // every HD163466 visit
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
  const visitByObservation = new Map(program.visits.map((visit) => [visit.observation, visit]));
  const seriesIds = new Set(structure.series.map((series) => series.id));
  const byObservation = new Map<number, Orientation>();
  const owner = new Map<number, number>();
  plan.constraints.forEach((entry, index) => {
    const at = `${where}.constraints.${index}`;
    let observations: number[];
    if (entry.target !== undefined) {
      const key = keyOf(entry.target);
      observations = program.visits.filter((visit) => keyOf(visit.target) === key).map((visit) => visit.observation);
      if (observations.length === 0) {
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
      observations = Object.entries(structure.seriesOf)
        .filter(([, id]) => id === entry.series)
        .map(([observation]) => Number(observation));
    } else {
      const refs = entry.observations!;
      const missing = refs.filter((ref) => !visitByObservation.has(ref.observation)).map((ref) => ref.observation);
      if (missing.length > 0) {
        throw new InputError(
          `${at}.observations: observation ${missing.join(', ')} does not exist (the program has ${program.visits.length})`,
        );
      }
      // A visit id (1539:9:1) must name this program's visit.
      observations = refs.map((ref, position) => visitOfRef(program, ref, `${at}.observations.${position}`).observation);
    }
    const form =
      entry.v3pa !== undefined
        ? { v3pa: entry.v3pa }
        : {
            aperturePa: entry.aperturePa!,
            ...(entry.instrument ? { instrument: entry.instrument } : {}),
            ...(entry.offsetDeg !== undefined ? { offsetDeg: entry.offsetDeg } : {}),
          };
    for (const observation of observations) {
      const earlier = owner.get(observation);
      if (earlier !== undefined) {
        throw new InputError(
          `${at}: observation ${observation} is already constrained by ${where}.constraints.${earlier}; a visit holds one orientation`,
        );
      }
      owner.set(observation, index);
      const visit = visitByObservation.get(observation)!;
      byObservation.set(observation, orientationFrom(form, `${at} (observation ${observation})`, visit.instrument, visit.template));
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
    const constrained = Object.entries(structure.seriesOf).find(
      ([observation, id]) => id === entry.series && byObservation.has(Number(observation)),
    );
    if (constrained) {
      throw new InputError(
        `${at}: observation ${constrained[0]} of series "${entry.series}" also has an orientation constraint; hold a series or constrain it, not both`,
      );
    }
  });
  return Object.freeze({ byObservation, hold: Object.freeze(plan.hold.map((entry) => Object.freeze({ ...entry }))) });
}
