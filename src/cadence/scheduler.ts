/**
 * Schedule a program: group its visits into epochs, obtain visibility windows, place the
 * epochs on the observatory timeline, and lay the visits out inside their blocks.
 * @module
 */
import { DEFAULT_OBSERVATORY, type ObservatoryInput, type ObservatoryModel } from '../observatory/model.js';
import { observerInWords } from '../observatory/observer.js';
import type { Program, Visit } from '../program/program.js';
import { structureOf, type ProgramPlan } from '../program/structure.js';
import { lookupTarget, targetKey } from '../sky/catalog.js';
import type { Target } from '../sky/target.js';
import { formatDays, formatInstant } from '../time/instant.js';
import { parseArguments } from '../validation.js';
import { windowsOfTargets } from '../visibility/windows.js';
import { ScheduleProgramArguments } from './arguments.js';
import type { Schedule, ScheduledVisit, ScheduleObjective, ScheduleWindow, TimeInterval, UnscheduledVisit } from './schedule.js';
import { parseCadenceSpec, type CadenceSpecInput } from './spec.js';
import { windowContaining } from './starts.js';
import { placeTimeline, type EpochGroup } from './timeline.js';
import { InputError } from '../errors.js';

/** Options of {@link scheduleProgram}. */
export interface ScheduleProgramOptions {
  /** The cadence (default `{ mode: 'spread' }` over Cycle 1). */
  readonly cadence?: CadenceSpecInput;
  /** Explicit series, links or epochs replacing the defaults. */
  readonly plan?: ProgramPlan;
  /**
   * Precomputed visibility windows per target name (sorted, disjoint). Targets not given
   * here are computed with the visibility engine. Windows that carry `startEdge`/`endEdge`
   * (as `visibilityWindows` returns them) keep those edges' margins; plain intervals get the
   * cadence's margin (default by `cadence.positionModel`).
   */
  readonly windows?: Readonly<Record<string, readonly ScheduleWindow[]>>;
  /** Catalogue to resolve target names in (default the built-in one). */
  readonly targets?: readonly Target[];
  /**
   * Observatory model for computed windows (default: the `auto` observer, JWST's real orbit
   * where the bundled table covers and nominal L2 elsewhere). Each computed window edge keeps
   * the margin of the model that computed it, unless `cadence.margin` is given.
   */
  readonly observatory?: ObservatoryModel | ObservatoryInput;
}

/**
 * Schedule a program's visits over a span.
 *
 * Epoch blocks (science visits, each followed by its linked background visits) run back to
 * back inside one window of each of their targets, kept from each window edge by that edge's
 * margin (or `cadence.margin` when given).
 * Lead targets are scheduled one after another in the order they first appear in the table;
 * each avoids the time taken by those before it. Visits that cannot be placed are listed in
 * `unscheduled` with the reason.
 *
 * @example
 * ```ts
 * const schedule = scheduleProgram(loadBuiltInProgram(), { cadence: { mode: 'spread' } });
 * schedule.visits.length + schedule.unscheduled.length; // 86
 * ```
 */
export function scheduleProgram(program: Program, options: ScheduleProgramOptions = {}): Schedule {
  // Arguments: the library's boundary (schemas in ./arguments.ts); the cadence and the plan are
  // checked by their parsers just below, before any work.
  const checked = parseArguments('scheduleProgram', ScheduleProgramArguments, { program, options }).options;
  const cadenceInput = { mode: 'spread' as const, ...(options.cadence ?? {}) } as CadenceSpecInput;
  const spec = parseCadenceSpec(cadenceInput);
  const observatory = checked.observatory ?? DEFAULT_OBSERVATORY;
  const structure = structureOf(program, options.plan);
  const visitByObservation = new Map(program.visits.map((visit) => [visit.observation, visit]));
  const targetNames = [...new Set(program.visits.map((visit) => visit.target))];
  const { windows, computed } = resolveWindows(targetNames, spec.span, options, observatory, (name) => {
    const visit = program.visits.find((candidate) => candidate.target === name)!;
    return `${program.source ?? `program ${program.id}`} line ${visit.line}`;
  });

  // Fixed visits fix their whole epoch block.
  const fixedEpochStart = new Map<string, number>();
  spec.fixed.forEach((entry, index) => {
    const epoch = structure.epochs.find((candidate) => candidate.observations.includes(entry.observation));
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
    epochs: structure.epochs
      .filter((epoch) => epoch.target === lead)
      .map((epoch) => ({
        durationMs: epoch.durationMs,
        targets: epoch.targets,
        fixedStartMs: fixedEpochStart.get(`${epoch.target}#${epoch.number}`),
      })),
  }));
  const core = windowsForCore(windows, spec.span, spec.marginMs, cadenceInput.margin !== undefined);
  const placements = placeTimeline({ ...spec, marginMs: core.marginMs, windows: core.windows, groups }).map((placement) =>
    core.perEdge ? { ...placement, reasons: placement.reasons.map((reason) => reason && core.reword(reason)), notes: placement.notes.map(core.reword) } : placement,
  );

  const visits: ScheduledVisit[] = [];
  const unscheduled: UnscheduledVisit[] = [];
  const notes: string[] = placements.flatMap((placement) => placement.notes);
  const objective: Record<string, ScheduleObjective> = {};
  placements.forEach((placement, groupIndex) => {
    objective[placement.target] = placement.objective;
    const epochs = structure.epochs.filter((epoch) => epoch.target === structure.leads[groupIndex]);
    epochs.forEach((epoch, index) => {
      const start = placement.startsMs[index];
      const blockVisits = epoch.observations.map((observation) => visitByObservation.get(observation)!);
      if (start === null || start === undefined) {
        for (const visit of blockVisits) {
          unscheduled.push(
            Object.freeze({
              observation: visit.observation,
              label: visit.label,
              target: visit.target,
              series: structure.seriesOf[visit.observation]!,
              epoch: epoch.number,
              reason: placement.reasons[index] ?? 'not placed',
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
    ...(computed ? { observer: observerInWords(observatory, spec.span) } : {}),
    objective,
    gridMs: spec.gridMs,
    ...(core.perEdge ? {} : { marginMs: core.marginMs }),
    notes,
  });
}

function scheduledVisit(
  visit: Visit,
  series: string,
  epoch: number,
  startMs: number,
  endMs: number,
  windows: Readonly<Record<string, readonly ScheduleWindow[]>>,
  notes: string[],
): ScheduledVisit {
  let window = windowContaining(windows[visit.target], startMs, endMs);
  let executed = false;
  if (!window) {
    // Only a fixed (executed) visit can lie outside the windows: it stays where it ran, and
    // is history (`done`), since no visit can be planned where its target is out of view.
    notes.push(`observation ${visit.observation} (fixed at ${formatInstant(startMs)}) lies outside every window of ${visit.target}`);
    window = { startMs, endMs };
    executed = true;
  }
  return Object.freeze({
    observation: visit.observation,
    ...(executed ? { status: 'done' as const } : {}),
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

/** Set a record's own entry, whatever the name (`__proto__` too: plain assignment would set the prototype). */
function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Windows per target name: given ones first (matched forgivingly by name), the rest computed. */
function resolveWindows(
  names: readonly string[],
  span: { startMs: number; endMs: number },
  options: ScheduleProgramOptions,
  observatory: ObservatoryModel,
  whereNamed: (name: string) => string,
): { windows: Record<string, readonly ScheduleWindow[]>; computed: boolean } {
  const given = options.windows ?? {};
  const out: Record<string, readonly ScheduleWindow[]> = {};
  const missing: string[] = [];
  for (const name of names) {
    const key = Object.keys(given).find((candidate) => candidate === name) ?? Object.keys(given).find((candidate) => targetKey(candidate) === targetKey(name));
    if (key !== undefined) {
      setOwn(out, name, Object.freeze(
        checkWindows(given[key]!, `windows.${key}`).map(({ startMs, endMs, startEdge, endEdge }) =>
          Object.freeze({ startMs, endMs, ...(startEdge ? { startEdge } : {}), ...(endEdge ? { endEdge } : {}) }),
        ),
      ));
    }
    else missing.push(name);
  }
  if (missing.length > 0) {
    const targets = missing.map((name) => {
      try {
        return lookupTarget(name, options.targets);
      } catch (error) {
        throw new InputError(`${whereNamed(name)}: ${(error as Error).message.replace(/^target: /, 'target ')}`);
      }
    });
    const computed = windowsOfTargets(targets, span, { observatory });
    missing.forEach((name, index) => {
      setOwn(out, name, Object.freeze(
        computed[index]!.map((window) => Object.freeze({ startMs: window.startMs, endMs: window.endMs, startEdge: window.startEdge, endEdge: window.endEdge })),
      ));
    });
  }
  return { windows: out, computed: missing.length > 0 };
}

/**
 * The windows and margin handed to the scheduler core, which keeps one margin from every
 * window edge the span does not cut. With `cadence.margin` given, or when every such edge has
 * the same margin, the windows go as they are with that margin. When edges' margins differ
 * (windows from two models, or a table's reconstructed and predicted rows), each window is
 * shrunk by its own edges' margins and the core keeps none; its reasons, which would then say
 * "0 days kept", are reworded. The schedule keeps the true windows.
 */
function windowsForCore(
  windows: Readonly<Record<string, readonly ScheduleWindow[]>>,
  span: { startMs: number; endMs: number },
  specMarginMs: number,
  marginGiven: boolean,
): { windows: Record<string, readonly TimeInterval[]>; marginMs: number; perEdge: boolean; reword: (text: string) => string } {
  const unchanged = { windows: { ...windows }, perEdge: false, reword: (text: string) => text };
  if (marginGiven) return { ...unchanged, marginMs: specMarginMs };
  const marginOf = (edge: ScheduleWindow['startEdge'], atMs: number): number | undefined => {
    if (atMs === span.startMs || atMs === span.endMs) return undefined; // cut by the span: none
    return edge ? edge.marginMs : specMarginMs;
  };
  const margins = new Set<number>();
  for (const list of Object.values(windows)) {
    for (const window of list) {
      for (const margin of [marginOf(window.startEdge, window.startMs), marginOf(window.endEdge, window.endMs)]) {
        if (margin !== undefined) margins.add(margin);
      }
    }
  }
  if (margins.size <= 1) return { ...unchanged, marginMs: margins.size === 1 ? [...margins][0]! : specMarginMs };
  const shrunk: Record<string, readonly TimeInterval[]> = {};
  for (const [target, list] of Object.entries(windows)) {
    shrunk[target] = list
      .map((window) => ({
        startMs: window.startMs + (marginOf(window.startEdge, window.startMs) ?? 0),
        endMs: window.endMs - (marginOf(window.endEdge, window.endMs) ?? 0),
      }))
      .filter((window) => window.endMs > window.startMs);
  }
  const sorted = [...margins].sort((a, b) => a - b);
  const kept = `with each window edge's own margin kept (${sorted.map(formatDays).join(', ')}, by the model that computed the edge)`;
  return {
    windows: shrunk,
    marginMs: 0,
    perEdge: true,
    reword: (text) => text.split(`with ${formatDays(0)} kept from window edges`).join(kept),
  };
}

function checkWindows(list: readonly ScheduleWindow[], field: string): readonly ScheduleWindow[] {
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
