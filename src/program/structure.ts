/**
 * How a program's visits group for scheduling: series, background links and epochs.
 *
 * - A **series** is the visits of one target with one observing template: the repeated
 *   measurement whose cadence matters (`BD+60-1753 / NIRCam Imaging`).
 * - A **link** ties a background visit to the science visit it serves: a row whose target is
 *   another row's target plus `-BKG` is linked to the nearest earlier row of that target (or,
 *   when no row of that target comes before it, to the first one after it), and is
 *   scheduled immediately after it.
 * - An **epoch** is one step of the cadence for one (lead) target: the target's rows in
 *   table order, cut so that a row whose series already occurs in the current epoch starts
 *   a new one. Linked background visits join the epoch of their science visit. An epoch is
 *   scheduled as one block: its visits in block order, `VISIT_GAP_MS` between each two.
 *
 * Each default can be replaced by an explicit {@link ProgramPlan}.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { AnyString, parseWith } from '../validation.js';
import { type Program, ProgramSchema, type Visit, VisitRefSchema, visitKey, visitName, visitOfRef } from './program.js';
import { blockDurationMs } from './templates.js';

/** Suffix marking a background target by default: `HD163466-BKG` serves `HD163466`. */
export const BACKGROUND_SUFFIX = '-BKG';

/** A visit as a plan names it: its observation number, or its visit id (`1539:9:2`) when the observation has several. */
const visitRef = VisitRefSchema;

/**
 * Explicit grouping that replaces the defaults. Each part is optional and replaces only
 * its own default.
 *
 * - `series`: series ids by visit; visits not listed keep the default id.
 * - `links`: the complete list of background links (`observation` runs right after
 *   `after`); `[]` means no links. Default: the `-BKG` rule.
 * - `epochs`: the complete list of epoch blocks, each a list of visits in the order they
 *   run; every visit in exactly one block. The block's lead target is the target of its
 *   first visit; links are then ignored (blocks already say the order).
 *
 * A plan names a visit by its observation number, or by its visit id (`1539:9:2`), which it
 * must when the observation has several visits.
 * - `backgroundSuffix`: the suffix of the default link rule.
 *
 * @example
 * ```ts
 * ProgramPlanSchema.parse({ links: [{ observation: 64, after: 63 }] });
 * ```
 */
export const ProgramPlanSchema = z
  .object({
    series: z.array(z.object({ id: z.string().trim().min(1), observations: z.array(visitRef).min(1) })).optional(),
    links: z.array(z.object({ observation: visitRef, after: visitRef })).optional(),
    epochs: z.array(z.array(visitRef).min(1)).optional(),
    backgroundSuffix: z.string().min(1).default(BACKGROUND_SUFFIX),
  })
  .strict();

/** What {@link ProgramPlanSchema} accepts. */
export type ProgramPlan = z.input<typeof ProgramPlanSchema>;

/** A series: the visits of one target with one template, in table order. */
export interface Series {
  readonly id: string;
  readonly target: string;
  readonly template: string;
  /** The visits' observation numbers, in table order (for display: `visits` tells them apart). */
  readonly observations: readonly number[];
  /** The visits' keys (`visitKey`, `observation:visit`), in table order. */
  readonly visits: readonly string[];
}

/** A background link: `visit` is scheduled immediately after `after`, in its epoch (both visit keys, `observation:visit`). */
export interface Link {
  readonly visit: string;
  readonly after: string;
}

/** An epoch block: one cadence step of a lead target. */
export interface Epoch {
  /** The lead (science) target. */
  readonly target: string;
  /** 1-based number of the epoch within its lead target. */
  readonly number: number;
  /** The visits' observation numbers in the order they run (for display: `visits` tells them apart). */
  readonly observations: readonly number[];
  /** The visits' keys (`visitKey`, `observation:visit`) in the order they run, `VISIT_GAP_MS` apart. */
  readonly visits: readonly string[];
  /** Sum of the visits' durations. */
  readonly durationMs: number;
  /** Distinct targets of the block's visits, lead first: the block must fit a window of each. */
  readonly targets: readonly string[];
}

/** The grouping of a program's visits. */
export interface ProgramStructure {
  readonly series: readonly Series[];
  readonly links: readonly Link[];
  /** Lead targets in order of first appearance in the table. */
  readonly leads: readonly string[];
  /** Epochs grouped by lead target (in {@link leads} order), numbered within each. */
  readonly epochs: readonly Epoch[];
  /** Series id of each visit, by its key (`visitKey`, `observation:visit`). */
  readonly seriesOf: Readonly<Record<string, string>>;
}

/**
 * The default series id of a visit: `<target> / <template>`.
 *
 * @example
 * ```ts
 * seriesId({ target: 'HD163466', template: 'MIRI Medium Resolution Spectroscopy' }); // 'HD163466 / MIRI Medium Resolution Spectroscopy'
 * ```
 */
export function seriesId(visit: Pick<Visit, 'target' | 'template'>): string {
  return defaultSeriesId(visit);
}

export const SeriesIdArguments = z.object({ visit: z.object({ target: AnyString, template: AnyString }) });

/** {@link seriesId} of a checked visit. */
export function defaultSeriesId(visit: Pick<Visit, 'target' | 'template'>): string {
  return `${visit.target} / ${visit.template}`;
}

/** The arguments of {@link programStructure}: a program as the library holds one, and a plan. */
export const StructureArguments = z.object({ program: ProgramSchema, plan: ProgramPlanSchema });

/** A plan's name of a visit, as read. */
type PlanRef = z.output<typeof visitRef>;

/**
 * Group a program's visits into series, links and epochs (defaults described in the
 * module comment; `plan` replaces any of them). Throws an InputError when a plan names an
 * observation that does not exist or leaves a visit out.
 *
 * @example
 * ```ts
 * const structure = programStructure(loadBuiltInProgram());
 * structure.epochs.filter((e) => e.target === 'BD+60-1753').length; // 13
 * ```
 */
export function programStructure(program: Program, plan: ProgramPlan = {}): ProgramStructure {
  const { series: seriesPlan, links: linksPlan, epochs: epochsPlan, backgroundSuffix } = parseWith(ProgramPlanSchema, plan, 'plan');
  const byKey = new Map(program.visits.map((visit) => [visitKey(visit), visit]));
  const keyOf = (ref: PlanRef, field: string): string => {
    if (!program.visits.some((visit) => visit.observation === ref.observation)) {
      throw new InputError(`${field}: observation ${ref.observation} does not exist (the program has ${program.visits.length})`);
    }
    return visitKey(visitOfRef(program, ref, field));
  };

  // Series.
  const seriesOf: Record<string, string> = {};
  for (const visit of program.visits) seriesOf[visitKey(visit)] = defaultSeriesId(visit);
  const namedBy = new Map<string, number>();
  (seriesPlan ?? []).forEach((entry, index) => {
    entry.observations.forEach((ref, position) => {
      const key = keyOf(ref, `plan.series.${index}.observations.${position}`);
      const earlier = namedBy.get(key);
      if (earlier !== undefined) {
        throw new InputError(
          `plan.series.${index}.observations: ${visitName(byKey.get(key)!, program)} is in plan.series.${earlier} already; a visit belongs to one series`,
        );
      }
      namedBy.set(key, index);
      seriesOf[key] = entry.id;
    });
  });
  const seriesMap = new Map<string, { id: string; target: string; template: string; observations: number[]; visits: string[] }>();
  for (const visit of program.visits) {
    const key = visitKey(visit);
    const id = seriesOf[key]!;
    const entry = seriesMap.get(id) ?? { id, target: visit.target, template: visit.template, observations: [], visits: [] };
    entry.observations.push(visit.observation);
    entry.visits.push(key);
    seriesMap.set(id, entry);
  }

  // Links.
  const linkOf = new Map<string, number>();
  const links: Link[] = linksPlan
    ? linksPlan.map((link, index) => {
        const visit = keyOf(link.observation, `plan.links.${index}.observation`);
        const after = keyOf(link.after, `plan.links.${index}.after`);
        if (visit === after) throw new InputError(`plan.links.${index}: ${visitName(byKey.get(visit)!, program)} is linked to itself`);
        const earlier = linkOf.get(visit);
        if (earlier !== undefined)
          throw new InputError(
            `plan.links.${index}.observation: ${visitName(byKey.get(visit)!, program)} is linked already (plan.links.${earlier}); a visit follows one other`,
          );
        linkOf.set(visit, index);
        return { visit, after };
      })
    : defaultLinks(program.visits, backgroundSuffix);
  const linkedTo = new Map(links.map((link) => [link.visit, link.after]));

  const epochs = epochsPlan
    ? explicitEpochs(
        epochsPlan.map((block, blockIndex) => block.map((ref, index) => keyOf(ref, `plan.epochs.${blockIndex}.${index}`))),
        program,
        byKey,
      )
    : defaultEpochs(program, seriesOf, linkedTo, byKey);
  // Epochs grouped by lead target, leads in order of first appearance (one pass, not one per lead).
  const byLead = new Map<string, Epoch[]>();
  for (const epoch of epochs) {
    const list = byLead.get(epoch.target);
    if (list) list.push(epoch);
    else byLead.set(epoch.target, [epoch]);
  }
  const leads = [...byLead.keys()];
  const ordered = [...byLead.values()].flat();
  return Object.freeze({
    series: [...seriesMap.values()],
    links,
    leads,
    epochs: ordered,
    seriesOf,
  });
}

function defaultLinks(visits: readonly Visit[], suffix: string): Link[] {
  const links: Link[] = [];
  // The first row of each target, and (as the rows go by) the latest row of each target so far.
  const firstOf = new Map<string, Visit>();
  for (const visit of visits) if (!firstOf.has(visit.target)) firstOf.set(visit.target, visit);
  const latestOf = new Map<string, Visit>();
  for (const visit of visits) {
    if (visit.target.endsWith(suffix) && visit.target.length > suffix.length) {
      const scienceTarget = visit.target.slice(0, -suffix.length);
      // The nearest science row before it; failing that, the first one after it (so that a
      // series never straddles two lead targets, whose order on the timeline is not tied).
      const anchor = latestOf.get(scienceTarget) ?? firstOf.get(scienceTarget);
      if (anchor) links.push({ visit: visitKey(visit), after: visitKey(anchor) });
    }
    latestOf.set(visit.target, visit);
  }
  return links;
}

function defaultEpochs(
  program: Program,
  seriesOf: Readonly<Record<string, string>>,
  linkedTo: ReadonlyMap<string, string>,
  byKey: ReadonlyMap<string, Visit>,
): Epoch[] {
  const visits = program.visits;
  // Science rows: rows that are not linked to another. Cut per lead target.
  const open = new Map<string, { visits: string[]; series: Set<string> }[]>();
  const epochOfVisit = new Map<string, { visits: string[]; series: Set<string> }>();
  for (const visit of visits) {
    const key = visitKey(visit);
    if (linkedTo.has(key)) continue;
    const list = open.get(visit.target) ?? [];
    open.set(visit.target, list);
    const series = seriesOf[key]!;
    let current = list[list.length - 1];
    if (!current || current.series.has(series)) {
      current = { visits: [], series: new Set() };
      list.push(current);
    }
    current.visits.push(key);
    current.series.add(series);
    epochOfVisit.set(key, current);
  }
  // Linked rows follow their anchor (and the anchor's earlier linked rows), in table order.
  for (const visit of visits) {
    const key = visitKey(visit);
    const anchor = linkedTo.get(key);
    if (anchor === undefined) continue;
    let root = anchor;
    const seen = new Set([key]);
    while (linkedTo.has(root)) {
      if (seen.has(root)) throw new InputError(`plan.links: ${visitName(visit, program)} is linked in a circle`);
      seen.add(root);
      root = linkedTo.get(root)!;
    }
    const epoch = epochOfVisit.get(root)!;
    const anchorIndex = epoch.visits.indexOf(anchor);
    let insertAt = anchorIndex + 1;
    while (insertAt < epoch.visits.length && linkedTo.has(epoch.visits[insertAt]!)) insertAt += 1;
    epoch.visits.splice(insertAt, 0, key);
    epochOfVisit.set(key, epoch);
  }
  const epochs: Epoch[] = [];
  for (const [target, list] of open) {
    list.forEach((epoch, index) => {
      epochs.push(makeEpoch(target, index + 1, epoch.visits, byKey));
    });
  }
  return epochs;
}

function explicitEpochs(blocks: string[][], program: Program, byKey: ReadonlyMap<string, Visit>): Epoch[] {
  const seen = new Map<string, number>();
  blocks.forEach((block, blockIndex) => {
    block.forEach((key, index) => {
      if (seen.has(key)) {
        throw new InputError(
          `plan.epochs.${blockIndex}.${index}: ${visitName(byKey.get(key)!, program)} is already in block ${seen.get(key)! + 1}`,
        );
      }
      seen.set(key, blockIndex);
    });
  });
  const missing = program.visits.filter((visit) => !seen.has(visitKey(visit)));
  if (missing.length > 0) {
    const rows = new Map<number, number>();
    for (const visit of program.visits) rows.set(visit.observation, (rows.get(visit.observation) ?? 0) + 1);
    const names = missing.map((visit) =>
      rows.get(visit.observation)! > 1 ? `${visit.observation} visit ${visit.visit}` : `${visit.observation}`,
    );
    throw new InputError(`plan.epochs: every visit must be in one block; missing observations ${names.join(', ')}`);
  }
  const counts = new Map<string, number>();
  return blocks.map((block) => {
    const target = byKey.get(block[0]!)!.target;
    const number = (counts.get(target) ?? 0) + 1;
    counts.set(target, number);
    return makeEpoch(target, number, block, byKey);
  });
}

function makeEpoch(target: string, number: number, keys: readonly string[], byKey: ReadonlyMap<string, Visit>): Epoch {
  const visits = keys.map((key) => byKey.get(key)!);
  return Object.freeze({
    target,
    number,
    observations: Object.freeze(visits.map((visit) => visit.observation)),
    visits: Object.freeze([...keys]),
    durationMs: blockDurationMs(visits.map((visit) => visit.durationMs)),
    targets: Object.freeze([...new Set([target, ...visits.map((visit) => visit.target)])]),
  });
}
