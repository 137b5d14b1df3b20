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
import { AnyString, parseArguments, parseWith } from '../validation.js';
import { type Program, ProgramSchema, type Visit } from './program.js';
import { sumBlock } from './templates.js';

/** Suffix marking a background target by default: `HD163466-BKG` serves `HD163466`. */
export const BACKGROUND_SUFFIX = '-BKG';

const observationNumber = z.number().int().min(1);

/**
 * Explicit grouping that replaces the defaults. Each part is optional and replaces only
 * its own default.
 *
 * - `series`: series ids by observation; visits not listed keep the default id.
 * - `links`: the complete list of background links (`observation` runs right after
 *   `after`); `[]` means no links. Default: the `-BKG` rule.
 * - `epochs`: the complete list of epoch blocks, each a list of observation numbers in the
 *   order they run; every visit in exactly one block. The block's lead target is the
 *   target of its first visit; links are then ignored (blocks already say the order).
 * - `backgroundSuffix`: the suffix of the default link rule.
 *
 * @example
 * ```ts
 * ProgramPlanSchema.parse({ links: [{ observation: 64, after: 63 }] });
 * ```
 */
export const ProgramPlanSchema = z
  .object({
    series: z.array(z.object({ id: z.string().trim().min(1), observations: z.array(observationNumber).min(1) })).optional(),
    links: z.array(z.object({ observation: observationNumber, after: observationNumber })).optional(),
    epochs: z.array(z.array(observationNumber).min(1)).optional(),
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
  readonly observations: readonly number[];
}

/** A background link: `observation` is scheduled immediately after `after`, in its epoch. */
export interface Link {
  readonly observation: number;
  readonly after: number;
}

/** An epoch block: one cadence step of a lead target. */
export interface Epoch {
  /** The lead (science) target. */
  readonly target: string;
  /** 1-based number of the epoch within its lead target. */
  readonly number: number;
  /** Observation numbers in the order they run, `VISIT_GAP_MS` apart. */
  readonly observations: readonly number[];
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
  /** Series id of each visit, by observation number. */
  readonly seriesOf: Readonly<Record<number, string>>;
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
  parseArguments('seriesId', SeriesIdArguments, { visit });
  return defaultSeriesId(visit);
}

const SeriesIdArguments = z.object({ visit: z.object({ target: AnyString, template: AnyString }) });

/** {@link seriesId} of a checked visit. */
export function defaultSeriesId(visit: Pick<Visit, 'target' | 'template'>): string {
  return `${visit.target} / ${visit.template}`;
}

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
  parseArguments('programStructure', StructureArguments, { program, plan });
  return structureOf(program, plan);
}

/** The arguments of {@link programStructure}: a program as the library holds one, and a plan. */
const StructureArguments = z.object({ program: ProgramSchema, plan: ProgramPlanSchema });

/** {@link programStructure} of a checked program (the scheduler calls this). */
export function structureOf(program: Program, plan: ProgramPlan = {}): ProgramStructure {
  const { series: seriesPlan, links: linksPlan, epochs: epochsPlan, backgroundSuffix } = parseWith(ProgramPlanSchema, plan, 'plan');
  const byObservation = new Map(program.visits.map((visit) => [visit.observation, visit]));
  const visitOf = (observation: number, field: string): Visit => {
    const visit = byObservation.get(observation);
    if (!visit) {
      throw new InputError(`${field}: observation ${observation} does not exist (the program has ${program.visits.length})`);
    }
    return visit;
  };

  // Series.
  const seriesOf: Record<number, string> = {};
  for (const visit of program.visits) seriesOf[visit.observation] = defaultSeriesId(visit);
  const namedBy = new Map<number, number>();
  (seriesPlan ?? []).forEach((entry, index) => {
    for (const observation of entry.observations) {
      visitOf(observation, `plan.series.${index}.observations`);
      const earlier = namedBy.get(observation);
      if (earlier !== undefined) {
        throw new InputError(
          `plan.series.${index}.observations: observation ${observation} is in plan.series.${earlier} already; a visit belongs to one series`,
        );
      }
      namedBy.set(observation, index);
      seriesOf[observation] = entry.id;
    }
  });
  const seriesMap = new Map<string, { id: string; target: string; template: string; observations: number[] }>();
  for (const visit of program.visits) {
    const id = seriesOf[visit.observation]!;
    const entry = seriesMap.get(id) ?? { id, target: visit.target, template: visit.template, observations: [] };
    entry.observations.push(visit.observation);
    seriesMap.set(id, entry);
  }

  // Links.
  const linkOf = new Map<number, number>();
  const links: Link[] = linksPlan
    ? linksPlan.map((link, index) => {
        visitOf(link.observation, `plan.links.${index}.observation`);
        visitOf(link.after, `plan.links.${index}.after`);
        if (link.observation === link.after)
          throw new InputError(`plan.links.${index}: observation ${link.observation} is linked to itself`);
        const earlier = linkOf.get(link.observation);
        if (earlier !== undefined)
          throw new InputError(
            `plan.links.${index}.observation: observation ${link.observation} is linked already (plan.links.${earlier}); a visit follows one other`,
          );
        linkOf.set(link.observation, index);
        return link;
      })
    : defaultLinks(program.visits, backgroundSuffix);
  const linkedTo = new Map(links.map((link) => [link.observation, link.after]));

  const epochs = epochsPlan ? explicitEpochs(epochsPlan, program, visitOf) : defaultEpochs(program.visits, seriesOf, linkedTo);
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
      if (anchor) links.push({ observation: visit.observation, after: anchor.observation });
    }
    latestOf.set(visit.target, visit);
  }
  return links;
}

function defaultEpochs(
  visits: readonly Visit[],
  seriesOf: Readonly<Record<number, string>>,
  linkedTo: ReadonlyMap<number, number>,
): Epoch[] {
  const byObservation = new Map(visits.map((visit) => [visit.observation, visit]));
  // Science rows: rows that are not linked to another. Cut per lead target.
  const open = new Map<string, { observations: number[]; series: Set<string> }[]>();
  const epochOfObservation = new Map<number, { observations: number[]; series: Set<string> }>();
  for (const visit of visits) {
    if (linkedTo.has(visit.observation)) continue;
    const list = open.get(visit.target) ?? [];
    open.set(visit.target, list);
    const series = seriesOf[visit.observation]!;
    let current = list[list.length - 1];
    if (!current || current.series.has(series)) {
      current = { observations: [], series: new Set() };
      list.push(current);
    }
    current.observations.push(visit.observation);
    current.series.add(series);
    epochOfObservation.set(visit.observation, current);
  }
  // Linked rows follow their anchor (and the anchor's earlier linked rows), in table order.
  for (const visit of visits) {
    const anchor = linkedTo.get(visit.observation);
    if (anchor === undefined) continue;
    let root = anchor;
    const seen = new Set([visit.observation]);
    while (linkedTo.has(root)) {
      if (seen.has(root)) throw new InputError(`plan.links: observation ${visit.observation} is linked in a circle`);
      seen.add(root);
      root = linkedTo.get(root)!;
    }
    const epoch = epochOfObservation.get(root)!;
    const anchorIndex = epoch.observations.indexOf(anchor);
    let insertAt = anchorIndex + 1;
    while (insertAt < epoch.observations.length && linkedTo.has(epoch.observations[insertAt]!)) insertAt += 1;
    epoch.observations.splice(insertAt, 0, visit.observation);
    epochOfObservation.set(visit.observation, epoch);
  }
  const epochs: Epoch[] = [];
  for (const [target, list] of open) {
    list.forEach((epoch, index) => {
      epochs.push(makeEpoch(target, index + 1, epoch.observations, byObservation));
    });
  }
  return epochs;
}

function explicitEpochs(blocks: number[][], program: Program, visitOf: (observation: number, field: string) => Visit): Epoch[] {
  const seen = new Map<number, number>();
  blocks.forEach((block, blockIndex) => {
    block.forEach((observation, index) => {
      visitOf(observation, `plan.epochs.${blockIndex}.${index}`);
      if (seen.has(observation)) {
        throw new InputError(
          `plan.epochs.${blockIndex}.${index}: observation ${observation} is already in block ${seen.get(observation)! + 1}`,
        );
      }
      seen.set(observation, blockIndex);
    });
  });
  const missing = program.visits.filter((visit) => !seen.has(visit.observation)).map((visit) => visit.observation);
  if (missing.length > 0) {
    throw new InputError(`plan.epochs: every visit must be in one block; missing observations ${missing.join(', ')}`);
  }
  const byObservation = new Map(program.visits.map((visit) => [visit.observation, visit]));
  const counts = new Map<string, number>();
  return blocks.map((block) => {
    const target = byObservation.get(block[0]!)!.target;
    const number = (counts.get(target) ?? 0) + 1;
    counts.set(target, number);
    return makeEpoch(target, number, block, byObservation);
  });
}

function makeEpoch(target: string, number: number, observations: number[], byObservation: ReadonlyMap<number, Visit>): Epoch {
  const visits = observations.map((observation) => byObservation.get(observation)!);
  return Object.freeze({
    target,
    number,
    observations: Object.freeze([...observations]),
    durationMs: sumBlock(visits.map((visit) => visit.durationMs)),
    targets: Object.freeze([...new Set([target, ...visits.map((visit) => visit.target)])]),
  });
}
