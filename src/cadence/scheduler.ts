/**
 * Schedule a program: group its visits into epochs, obtain visibility windows, place the
 * epochs on the observatory timeline, and lay the visits out inside their blocks.
 * @module
 */
import type { ObservatoryInput, ObservatoryModel } from '../observatory/model.js';
import type { Program, Visit } from '../program/program.js';
import { programStructure, type ProgramPlan } from '../program/structure.js';
import { findTarget, targetKey } from '../sky/catalog.js';
import type { Target } from '../sky/target.js';
import { formatInstant } from '../time/instant.js';
import { visibilityWindowsForTargets } from '../visibility/windows.js';
import type { MissedDate, Schedule, ScheduledVisit, ScheduleObjective, TimeInterval, UnscheduledVisit } from './schedule.js';
import { parseCadenceSpec, type CadenceSpecInput } from './spec.js';
import { windowContaining } from './starts.js';
import { scheduleTimeline, type EpochGroup } from './timeline.js';
import { InputError } from '../errors.js';

/** Options of {@link scheduleProgram}. */
export interface ScheduleProgramOptions {
  /** The cadence (default `{ mode: 'spread' }` over Cycle 1). */
  readonly cadence?: CadenceSpecInput;
  /** Explicit series, links or epochs replacing the defaults. */
  readonly plan?: ProgramPlan;
  /**
   * Precomputed visibility windows per target name (sorted, disjoint). Targets not given
   * here are computed with the visibility engine.
   */
  readonly windows?: Readonly<Record<string, readonly TimeInterval[]>>;
  /** Catalogue to resolve target names in (default the built-in one). */
  readonly targets?: readonly Target[];
  /**
   * Observatory model for computed windows. With an `ephemeris` (JWST's real orbit) and no
   * explicit `cadence.positionModel` or `cadence.margin`, no margin is kept from window edges.
   */
  readonly observatory?: ObservatoryModel | ObservatoryInput;
}

/**
 * Schedule a program's visits over a span.
 *
 * Epoch blocks (science visits, each followed by its linked background visits) run back to
 * back inside one window of each of their targets, kept `margin` from the window edges. Each
 * lead target places the most epochs it can, then its objective, on the one observatory
 * timeline; the targets are placed in a stated order (the one needing the largest share of its
 * visible time first), repaired so that no target keeps epochs another could use without losing
 * any (see `scheduleTimeline`). Visits that cannot be placed are listed in `unscheduled` with the
 * reason, and the targets whose visits displaced them; in `period` mode the ideal dates no epoch
 * took are listed in `missedDates`.
 *
 * @example
 * ```ts
 * const schedule = scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread' } });
 * schedule.visits.length + schedule.unscheduled.length; // 86
 * ```
 */
export function scheduleProgram(program: Program, options: ScheduleProgramOptions = {}): Schedule {
  const cadenceInput = { mode: 'spread' as const, ...(options.cadence ?? {}) } as CadenceSpecInput;
  const observatoryHasEphemeris =
    typeof options.observatory === 'object' && options.observatory !== null && 'ephemeris' in options.observatory && options.observatory.ephemeris !== undefined;
  const spec = parseCadenceSpec(
    observatoryHasEphemeris && cadenceInput.positionModel === undefined ? { ...cadenceInput, positionModel: 'ephemeris' } : cadenceInput,
  );
  const structure = programStructure(program, options.plan);
  const visitByObservation = new Map(program.visits.map((visit) => [visit.observation, visit]));
  const targetNames = [...new Set(program.visits.map((visit) => visit.target))];
  const epochsByLead = new Map<string, (typeof structure.epochs)[number][]>();
  const epochOfObservation = new Map<number, (typeof structure.epochs)[number]>();
  for (const epoch of structure.epochs) {
    const list = epochsByLead.get(epoch.target) ?? [];
    list.push(epoch);
    epochsByLead.set(epoch.target, list);
    for (const observation of epoch.observations) epochOfObservation.set(observation, epoch);
  }
  const windows = resolveWindows(targetNames, spec.span, options, (name) => {
    const visit = program.visits.find((candidate) => candidate.target === name)!;
    return `${program.source ?? `program ${program.id}`} line ${visit.line}`;
  });

  // Fixed visits fix their whole epoch block.
  const fixedEpochStart = new Map<string, number>();
  spec.fixed.forEach((entry, index) => {
    const epoch = epochOfObservation.get(entry.observation);
    if (!epoch) throw new InputError(`cadence.fixed.${index}.observation: observation ${entry.observation} does not exist`);
    if (entry.startMs < spec.span.startMs || entry.startMs >= spec.span.endMs) {
      throw new InputError(`cadence.fixed.${index}.start: ${formatInstant(entry.startMs)} is outside the span`);
    }
    let offset = 0;
    for (const observation of epoch.observations) {
      if (observation === entry.observation) break;
      offset += visitByObservation.get(observation)!.durationMs;
    }
    const key = `${epoch.target}#${epoch.number}`;
    const start = entry.startMs - offset;
    if (start < spec.span.startMs || start + epoch.durationMs > spec.span.endMs) {
      throw new InputError(
        `cadence.fixed.${index}.start: observation ${entry.observation} at ${formatInstant(entry.startMs)} puts its epoch block ` +
          `(${formatInstant(start)} to ${formatInstant(start + epoch.durationMs)}) partly outside the span`,
      );
    }
    const known = fixedEpochStart.get(key);
    if (known !== undefined && known !== start) {
      throw new InputError(
        `cadence.fixed.${index}: observation ${entry.observation} disagrees with another fixed visit of epoch ${epoch.number} of ${epoch.target}; an epoch's visits run back to back`,
      );
    }
    fixedEpochStart.set(key, start);
  });

  const groups: EpochGroup[] = structure.leads.map((lead) => ({
    target: lead,
    epochs: epochsByLead
      .get(lead)!
      .map((epoch) => ({
        durationMs: epoch.durationMs,
        targets: epoch.targets,
        fixedStartMs: fixedEpochStart.get(`${epoch.target}#${epoch.number}`),
      })),
  }));
  const placements = scheduleTimeline({ ...spec, windows, groups });

  const visits: ScheduledVisit[] = [];
  const unscheduled: UnscheduledVisit[] = [];
  const notes: string[] = placements.flatMap((placement) => placement.notes);
  if (placements.length > 1 && placements.length <= ORDER_NOTE_MAX_TARGETS) {
    const inOrder = [...placements].sort((a, b) => a.placedAs - b.placedAs).map((placement) => placement.target);
    notes.push(`Lead targets placed in this order (the one needing the largest share of its visible time first, then as repaired): ${inOrder.join(', ')}`);
  }
  const objective: Record<string, ScheduleObjective> = {};
  const missedDates: MissedDate[] = [];
  placements.forEach((placement, groupIndex) => {
    objective[placement.target] = placement.objective;
    missedDates.push(...placement.missedDates);
    const epochs = epochsByLead.get(structure.leads[groupIndex]!)!;
    epochs.forEach((epoch, index) => {
      const start = placement.startsMs[index];
      const blockVisits = epoch.observations.map((observation) => visitByObservation.get(observation)!);
      if (start === null || start === undefined) {
        const displacedBy = placement.displacedBy[index];
        for (const visit of blockVisits) {
          unscheduled.push(
            Object.freeze({
              observation: visit.observation,
              label: visit.label,
              target: visit.target,
              series: structure.seriesOf[visit.observation]!,
              epoch: epoch.number,
              reason: placement.reasons[index] ?? 'not placed',
              ...(displacedBy ? { displacedBy: Object.freeze([...displacedBy]) } : {}),
            }),
          );
        }
        return;
      }
      let cursor = start;
      for (const visit of blockVisits) {
        const startMs = cursor;
        const endMs = cursor + visit.durationMs;
        cursor = endMs;
        visits.push(scheduledVisit(visit, structure.seriesOf[visit.observation]!, epoch.number, startMs, endMs, windows, notes));
      }
    });
  });
  visits.sort((a, b) => a.startMs - b.startMs || a.observation - b.observation);
  unscheduled.sort((a, b) => a.observation - b.observation);
  return Object.freeze({
    program: Object.freeze({ id: program.id, title: program.title }),
    span: spec.span,
    mode: spec.mode,
    visits,
    unscheduled,
    windows,
    objective,
    gridMs: spec.gridMs,
    marginMs: spec.marginMs,
    notes,
    ...(spec.mode === 'period'
      ? { missedDates: missedDates.sort((a, b) => a.idealMs - b.idealMs || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0)) }
      : {}),
  });
}

/** Programs with up to this many lead targets have their placement order written in the notes. */
const ORDER_NOTE_MAX_TARGETS = 12;

function scheduledVisit(
  visit: Visit,
  series: string,
  epoch: number,
  startMs: number,
  endMs: number,
  windows: Readonly<Record<string, readonly TimeInterval[]>>,
  notes: string[],
): ScheduledVisit {
  let window = windowContaining(windows[visit.target], startMs, endMs);
  if (!window) {
    // Only a fixed (executed) visit can lie outside the windows: it stays where it ran.
    notes.push(`observation ${visit.observation} (fixed at ${formatInstant(startMs)}) lies outside every window of ${visit.target}`);
    window = { startMs, endMs };
  }
  return Object.freeze({
    observation: visit.observation,
    label: visit.label,
    template: visit.template,
    instrument: visit.instrument,
    target: visit.target,
    series,
    epoch,
    startMs,
    endMs,
    window: Object.freeze({ startMs: window.startMs, endMs: window.endMs }),
  });
}

/** Windows per target name: given ones first (matched forgivingly by name), the rest computed. */
function resolveWindows(
  names: readonly string[],
  span: { startMs: number; endMs: number },
  options: ScheduleProgramOptions,
  whereNamed: (name: string) => string,
): Record<string, readonly TimeInterval[]> {
  const given = options.windows ?? {};
  const out: Record<string, readonly TimeInterval[]> = {};
  const missing: string[] = [];
  // Given windows by exact name, then by the forgiving key (the first name with that key).
  const givenByKey = new Map<string, string>();
  for (const candidate of Object.keys(given)) {
    const key = targetKey(candidate);
    if (!givenByKey.has(key)) givenByKey.set(key, candidate);
  }
  for (const name of names) {
    const key = Object.hasOwn(given, name) ? name : givenByKey.get(targetKey(name));
    if (key !== undefined) out[name] = checkWindows(given[key]!, `windows.${key}`);
    else missing.push(name);
  }
  if (missing.length > 0) {
    // The catalogue by the forgiving key (the first target with that key, as findTarget finds it).
    const catalogByKey = new Map<string, Target>();
    for (const target of options.targets ?? []) {
      const key = targetKey(target.name);
      if (!catalogByKey.has(key)) catalogByKey.set(key, target);
    }
    const targets = missing.map((name) => {
      const known = options.targets ? catalogByKey.get(targetKey(name)) : undefined;
      if (known) return known;
      try {
        return findTarget(name, options.targets);
      } catch (error) {
        throw new InputError(`${whereNamed(name)}: ${(error as Error).message.replace(/^target: /, 'target ')}`);
      }
    });
    const computed = visibilityWindowsForTargets(targets, span, { observatory: options.observatory });
    missing.forEach((name, index) => {
      out[name] = Object.freeze(computed[index]!.map((window) => Object.freeze({ startMs: window.startMs, endMs: window.endMs })));
    });
  }
  return out;
}

function checkWindows(list: readonly TimeInterval[], field: string): readonly TimeInterval[] {
  list.forEach((window, index) => {
    if (!Number.isFinite(window.startMs) || !Number.isFinite(window.endMs) || window.endMs <= window.startMs) {
      throw new InputError(`${field}.${index}: a window needs finite startMs < endMs`);
    }
    if (index > 0 && window.startMs < list[index - 1]!.endMs) {
      throw new InputError(`${field}.${index}: windows must be sorted and disjoint`);
    }
  });
  return list;
}
