/**
 * Schedule a program: group its visits into epochs, obtain visibility windows, place the
 * epochs on the observatory timeline, and lay the visits out inside their blocks.
 * @module
 */

import { InputError } from '../errors.js';
import { mazSpan } from '../observatory/maz.js';
import { DEFAULT_OBSERVATORY, type ObservatoryInput, type ObservatoryModel } from '../observatory/model.js';
import { describeObserver } from '../observatory/observer.js';
import { aperturePaOf, type Orientation } from '../observatory/orientation.js';
import { type OrientationPlanInput, resolveOrientationPlan } from '../program/orientation-plan.js';
import { type Program, type Visit, visitKey } from '../program/program.js';
import type { PublishedSchedule } from '../program/published.js';
import { type Epoch, type ProgramPlan, type ProgramStructure, programStructure } from '../program/structure.js';
import { VISIT_GAP_MS } from '../program/templates.js';
import { findTarget, keyOf } from '../sky/catalog.js';
import type { Target } from '../sky/target.js';
import { formatDays, formatInstant, type Span } from '../time/instant.js';
import type { VisibilityConstraint } from '../visibility/constraints.js';
import { mazIntervals, overlapMs } from '../visibility/maz.js';
import { heldV3Pa } from '../visibility/orientation.js';
import { type ObserverGrids, observerGrids, visibilityWindowsForTargets } from '../visibility/windows.js';
import type { CheckedScheduleProgramOptions } from './arguments.js';
import { type ChainBlock, type ExecutedVisitInput, type PlannedChains, parseOperationsOptions, planChains } from './operations.js';
import type {
  MissedDate,
  Schedule,
  ScheduledVisit,
  ScheduleMaz,
  ScheduleObjective,
  ScheduleWindow,
  TimeInterval,
  UnscheduledVisit,
  VisitOrientation,
} from './schedule.js';
import {
  chooseHeldBands,
  constrainedWindows,
  type MazPlan,
  orientationWindowStore,
  placeAvoidingMaz,
  prepareMaz,
  type SkyContext,
} from './sky-constraints.js';
import { slackRunsOf, timelineBlocks } from './slack.js';
import { type CadenceSpecInput, parseCadenceSpec } from './spec.js';
import { squeezeNotes } from './squeeze.js';
import { windowContaining } from './starts.js';
import { type EpochGroup, type GroupPlacement, scheduleTimeline, type TimelineInput } from './timeline.js';

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
   * cadence's margin (default by `cadence.positionModel`). Windows split at the micrometeoroid
   * avoidance zone's edges are joined back into whole windows.
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
  /**
   * Orientation constraints per target, series or visit (APT's APERTURE PA RANGE), and series
   * to hold at one orientation across their epochs (see `OrientationPlanSchema`). A constrained
   * visit's block is placed only where the visit can hold an angle of its range throughout.
   */
  readonly orientation?: OrientationPlanInput;
  /**
   * Visits that ran: `{ observation, start, status }` (`done`, the default, or `failed`), with
   * `cycle` when the table repeats every cycle (default: the cycle the start falls in) and `end`
   * (default: the start plus the visit's duration). Done visits stay and count in the gaps;
   * failed ones stay with their status, and the visits of their epoch that are not done are
   * placed again (see `planChains`).
   */
  readonly executed?: readonly ExecutedVisitInput[];
  /** Nothing is placed before this instant (ISO-8601 text or epoch ms). No default. */
  readonly now?: string | number | Date;
  /** Repeat the observations table in every cycle of the span (`cadence.cycle` or `cadence.cycles`). */
  readonly repeatPerCycle?: boolean;
  /**
   * The plan of the cycles before this span: its visits are history, carried into the new plan
   * as they are, each target's chain goes on from its last epoch there, and the table repeats in
   * the new cycles.
   */
  readonly continueFrom?: Schedule;
  /**
   * JWST's published observing schedule of the program (`readPublishedSchedule`): its visits,
   * matched to the table by observation and visit number, are done before `now` (all of them without it)
   * and scheduled from `now` on, held where STScI placed them with their published durations;
   * the rest of the program is planned around them. Observations the table lacks are listed in
   * the notes.
   */
  readonly observed?: PublishedSchedule;
  /**
   * Constraints of your own (see `VisibilityConstraint`, `avoidDates`): no block is placed
   * outside the times every one allows for each of its targets. The schedule's windows stay
   * the targets' visibility windows; visits that ran stay where they ran.
   */
  readonly constraints?: readonly VisibilityConstraint[];
}

/** A program scheduled over a span, for checked options (see the face's `scheduleProgram`). */
export function scheduleProgram(program: Program, options: CheckedScheduleProgramOptions = {}): Schedule {
  // The cadence, the plan and the orientation plan are checked by their parsers just below, before any work.
  const checked = options;
  const cadenceInput = { mode: 'spread' as const, ...(options.cadence ?? {}) } as CadenceSpecInput;
  const spec = parseCadenceSpec(cadenceInput);
  const observatory = checked.observatory ?? DEFAULT_OBSERVATORY;
  const structure = programStructure(program, options.plan);
  const orientationPlan = options.orientation === undefined ? undefined : resolveOrientationPlan(options.orientation, program, structure);
  const byKey = new Map(program.visits.map((visit) => [visitKey(visit), visit]));
  const targetNames = [...new Set(program.visits.map((visit) => visit.target))];
  const epochOfVisit = new Map<string, Epoch>();
  for (const epoch of structure.epochs) for (const key of epoch.visits) epochOfVisit.set(key, epoch);
  const operations = parseOperationsOptions({
    ...(options.executed !== undefined ? { executed: options.executed } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.repeatPerCycle !== undefined ? { repeatPerCycle: options.repeatPerCycle } : {}),
    ...(options.continueFrom !== undefined ? { continueFrom: options.continueFrom } : {}),
    ...(options.observed !== undefined ? { observed: options.observed } : {}),
  });
  for (const [index, entry] of spec.fixed.entries()) {
    if (entry.startMs < spec.span.startMs || entry.startMs >= spec.span.endMs) {
      throw new InputError(`cadence.fixed.${index}.start: ${formatInstant(entry.startMs)} is outside the span`);
    }
  }
  // Each lead target's chain of blocks: the last epoch that ran, then the blocks to place.
  const plan = planChains(program, structure, spec.span, spec.fixed, operations);
  const { windows, computed, positions, grids } = resolveWindows(targetNames, spec.span, options, observatory, (name) => {
    const visit = program.visits.find((candidate) => candidate.target === name)!;
    return `${program.source ?? `program ${program.id}`} line ${visit.line}`;
  });

  // Orientation constraints and the MAZ become more windows, keyed by name, that blocks must lie in.
  const sky: SkyContext = { span: spec.span, observatory, grids, positions, windows };
  const store = orientationWindowStore(sky);
  const maz = prepareMaz(sky);
  const allowed = constrainedWindows(sky, checked.constraints ?? []);
  const { place, placeAll, inputOf } = timelinePlacer({
    spec,
    cadenceInput,
    structure,
    plan,
    byKey,
    windows,
    store,
    maz,
    allowed,
  });

  const asked = orientationPlan?.byVisit ?? new Map<string, Orientation>();
  const held =
    orientationPlan && orientationPlan.hold.length > 0
      ? chooseHeldBands({
          sky,
          holds: orientationPlan.hold,
          asked,
          structure,
          leadOf: (key) => structure.leads.indexOf(epochOfVisit.get(key)!.target),
          place,
          placeAll,
        })
      : undefined;
  const orientations = held ? held.orientations : asked;
  const { placements, policy } = held ? held.result : placeAll(orientations);

  const notes: string[] = [...plan.notes, ...(held?.notes ?? []), ...placements.flatMap((placement) => placement.notes)];
  if (placements.length > 1 && placements.length <= ORDER_NOTE_MAX_TARGETS) {
    const inOrder = [...placements].sort((a, b) => a.placedAs - b.placedAs).map((placement) => placement.target);
    notes.push(
      `Lead targets placed in this order (the one needing the largest share of its visible time first, then as repaired): ${inOrder.join(', ')}`,
    );
  }
  if (allowed.keyOf.size > 0)
    notes.push(
      `The constraints given cut the windows of ${[...allowed.keyOf.keys()].join(', ')}: blocks placed only in the times they allow`,
    );
  const visitSky = { observatory, grids, positions, maz, orientations, held: held?.heldVisits ?? new Set<string>() };
  const timelineInput = inputOf.get(placements);
  const { visits, unscheduled, missedDates, objective } = visitsOfPlan({
    program,
    structure,
    plan,
    placements,
    timelineInput,
    windows,
    span: spec.span,
    visitSky,
    notes,
  });
  visits.sort((a, b) => a.startMs - b.startMs || a.observation - b.observation || (a.visit ?? 1) - (b.visit ?? 1));
  unscheduled.sort((a, b) => a.observation - b.observation || (a.visit ?? 1) - (b.visit ?? 1));
  const mazSummary = summarizeMaz(visits, spec.span, observatory, maz, policy);
  // Spread mode places epochs across the visible time: say where a constraint squeezed them.
  if (spec.mode === 'spread') notes.push(...squeezeNotes(visits, windows, spec.span));
  return Object.freeze({
    program: Object.freeze({ id: program.id, title: program.title, numbering: program.numbering }),
    span: spec.span,
    mode: spec.mode,
    visits,
    unscheduled,
    windows,
    ...(computed ? { observer: describeObserver(observatory, spec.span) } : {}),
    objective,
    gridMs: spec.gridMs,
    ...marginOfCore(windows, spec.span, spec.marginMs, cadenceInput.margin !== undefined),
    notes,
    ...(mazSummary ? { maz: mazSummary } : {}),
    ...(spec.mode === 'period'
      ? { missedDates: missedDates.sort((a, b) => a.idealMs - b.idealMs || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0)) }
      : {}),
  });
}

/** What {@link timelinePlacer} places with: the plan's chains and every window list a block may have to lie in. */
interface PlacerInputs {
  readonly spec: ReturnType<typeof parseCadenceSpec>;
  readonly cadenceInput: CadenceSpecInput;
  readonly structure: ProgramStructure;
  readonly plan: PlannedChains;
  readonly byKey: ReadonlyMap<string, Visit>;
  readonly windows: Readonly<Record<string, readonly ScheduleWindow[]>>;
  readonly store: ReturnType<typeof orientationWindowStore>;
  readonly maz: MazPlan | undefined;
  readonly allowed: ReturnType<typeof constrainedWindows>;
}

/**
 * The placing of a plan's chains on the one timeline: `place` places the groups (all, or those
 * listed) with the orientations given, each epoch kept out of the MAZ unless allowed;
 * `placeAll` places every group by the MAZ policy; `inputOf` gives the core's input behind a
 * set of placements (for the slack of the one kept).
 */
function timelinePlacer(inputs: PlacerInputs): {
  place: (
    orientations: ReadonlyMap<string, Orientation>,
    allowMaz: (group: number, epoch: number) => boolean,
    only?: ReadonlySet<number>,
  ) => GroupPlacement[];
  placeAll: (orientations: ReadonlyMap<string, Orientation>) => { placements: GroupPlacement[]; policy?: string };
  inputOf: WeakMap<GroupPlacement[], TimelineInput>;
} {
  const { spec, cadenceInput, structure, plan, byKey, windows, store, maz, allowed } = inputs;
  const chains = plan.chains;
  const keysOf = (block: ChainBlock, orientations: ReadonlyMap<string, Orientation>, allowMaz: boolean): string[] => {
    const keys = [...block.targets];
    if (block.history) return keys;
    for (const key of block.visits) {
      const orientation = orientations.get(key);
      if (orientation) keys.push(store.key(byKey.get(key)!.target, orientation));
    }
    for (const target of block.targets) if (allowed.keyOf.has(target)) keys.push(allowed.keyOf.get(target)!);
    if (!allowMaz && maz)
      for (const target of block.targets) keys.push(...(maz.outsideKey.has(target) ? [maz.outsideKey.get(target)!] : []));
    return [...new Set(keys)];
  };
  // The core's input behind each set of placements (for the slack of the one kept).
  const inputOf = new WeakMap<GroupPlacement[], TimelineInput>();
  // Place the groups (all, or those listed), each epoch kept out of the MAZ unless allowed.
  const place = (
    orientations: ReadonlyMap<string, Orientation>,
    allowMaz: (group: number, epoch: number) => boolean,
    only?: ReadonlySet<number>,
  ): GroupPlacement[] => {
    const chosen = structure.leads.flatMap((lead, group) => (only && !only.has(group) ? [] : [{ lead, group }]));
    const groups: EpochGroup[] = chosen.map(({ lead, group }) => ({
      target: lead,
      epochs: chains[group]!.map((block, index) => ({
        durationMs: block.durationMs,
        targets: keysOf(block, orientations, allowMaz(group, index)),
        fixedStartMs: block.fixedStartMs,
        within: block.within,
        label: `epoch ${block.epoch.number}${block.cycle === undefined ? '' : ` (cycle ${block.cycle})`}${block.history ? ', which ran' : ''}${block.held ? ` (${block.held})` : ''}`,
      })),
    }));
    const core = windowsForCore(
      { ...windows, ...store.lists, ...(maz?.lists ?? {}), ...allowed.lists },
      spec.span,
      spec.marginMs,
      cadenceInput.margin !== undefined,
    );
    const input: TimelineInput = { ...spec, marginMs: core.marginMs, windows: core.windows, groups, notBeforeMs: plan.notBeforeMs };
    const placements = scheduleTimeline(input).map((placement) =>
      core.perEdge
        ? {
            ...placement,
            reasons: placement.reasons.map((reason) => reason && core.reword(reason)),
            notes: placement.notes.map(core.reword),
            missedDates: placement.missedDates.map((missed) => ({ ...missed, reason: core.reword(missed.reason) })),
          }
        : placement,
    );
    inputOf.set(placements, input);
    return placements;
  };
  const touchesMaz = (group: number, epochIndex: number, startMs: number): boolean => {
    const block = chains[group]![epochIndex]!;
    return block.targets.some((target) => overlapMs(startMs, startMs + block.durationMs, maz?.intervals.get(target) ?? []) > 0);
  };
  const placeAll = (orientations: ReadonlyMap<string, Orientation>): { placements: GroupPlacement[]; policy?: string } =>
    maz && maz.outsideKey.size > 0
      ? placeAvoidingMaz((allowMaz) => place(orientations, allowMaz), touchesMaz)
      : { placements: place(orientations, () => true) };

  return { place, placeAll, inputOf };
}

/** What {@link visitsOfPlan} turns into the schedule's visits. */
interface PlanOutcome {
  readonly program: Program;
  readonly structure: ProgramStructure;
  readonly plan: PlannedChains;
  readonly placements: readonly GroupPlacement[];
  /** The core's input behind the placements kept, for their slack (none without a timeline). */
  readonly timelineInput: TimelineInput | undefined;
  readonly windows: Readonly<Record<string, readonly ScheduleWindow[]>>;
  readonly span: Span;
  readonly visitSky: VisitSky;
  readonly notes: string[];
}

/**
 * The schedule's visits from a plan and its placements: the visits that ran and the continued
 * plan's as they are, then each placed block's visits back to back with their slack and sky,
 * and each block not placed as unscheduled visits with the reason; with each target's
 * objective and, in `period` mode, the ideal dates missed.
 */
function visitsOfPlan(outcome: PlanOutcome): {
  visits: ScheduledVisit[];
  unscheduled: UnscheduledVisit[];
  missedDates: MissedDate[];
  objective: Record<string, ScheduleObjective>;
} {
  const { program, structure, plan, placements, timelineInput, windows, visitSky, notes } = outcome;
  const chains = plan.chains;
  const byKey = new Map(program.visits.map((visit) => [visitKey(visit), visit]));
  const visits: ScheduledVisit[] = [];
  const unscheduled: UnscheduledVisit[] = [];
  const missedDates: MissedDate[] = [];
  const objective: Record<string, ScheduleObjective> = {};
  const blocks = timelineInput ? timelineBlocks(timelineInput, placements) : undefined;
  const cycleField = (cycle: number | undefined): { cycle?: number } => (cycle === undefined ? {} : { cycle });
  // History: the visits that ran, then the continued plan's, as they are.
  for (const ran of plan.executed) {
    // A scheduled visit is planned where the published schedule holds it (done only when it lies
    // outside every window, as a pinned visit would).
    const visit = scheduledVisit(
      ran.visit,
      structure.seriesOf[visitKey(ran.visit)]!,
      ran.epoch,
      ran.startMs,
      ran.endMs,
      windows,
      notes,
      ran.status === 'scheduled' ? undefined : ran.status,
      outcome.span,
    );
    visits.push(withSky({ ...visit, ...(ran.published ? { published: true } : {}), ...cycleField(ran.cycle) }, visitSky, notes));
  }
  visits.push(...plan.carried);
  placements.forEach((placement, groupIndex) => {
    objective[placement.target] = placement.objective;
    missedDates.push(...placement.missedDates);
    const chain = chains[groupIndex]!;
    chain.forEach((block, index) => {
      if (block.history) return;
      const start = placement.startsMs[index];
      const blockVisits = block.visits.map((key) => byKey.get(key)!);
      if (start === null || start === undefined) {
        const displacedBy = placement.displacedBy[index];
        for (const visit of blockVisits) {
          unscheduled.push(
            Object.freeze({
              observation: visit.observation,
              ...visitField(visit.visit),
              ...cycleField(block.cycle),
              label: visit.label,
              target: visit.target,
              series: structure.seriesOf[visitKey(visit)]!,
              epoch: block.epoch.number,
              reason: placement.reasons[index] ?? 'not placed',
              ...(displacedBy ? { displacedBy: Object.freeze([...displacedBy]) } : {}),
            }),
          );
        }
        return;
      }
      // Every run of starts the block may take; the slack is the run holding its own start.
      const runs =
        timelineInput && block.fixedStartMs === undefined ? slackRunsOf(timelineInput, placements, groupIndex, index, blocks!) : undefined;
      const slack = runs?.find((run) => start >= run.earliestMs && start <= run.latestMs);
      let cursor = start;
      for (const visit of blockVisits) {
        const startMs = cursor;
        const endMs = cursor + visit.durationMs;
        cursor = endMs + VISIT_GAP_MS;
        const placed = scheduledVisit(visit, structure.seriesOf[visitKey(visit)]!, block.epoch.number, startMs, endMs, windows, notes);
        const shift = startMs - start;
        const visitRuns = runs?.map((run) => Object.freeze({ ...run, earliestMs: run.earliestMs + shift, latestMs: run.latestMs + shift }));
        const visitSlack = slack
          ? {
              slack: Object.freeze({
                earliestMs: slack.earliestMs + shift,
                latestMs: slack.latestMs + shift,
                ...(visitRuns ? { runs: Object.freeze(visitRuns) } : {}),
              }),
            }
          : {};
        visits.push(withSky({ ...placed, ...cycleField(block.cycle), ...visitSlack }, visitSky, notes));
      }
    });
  });
  return { visits, unscheduled, missedDates, objective };
}

/** Programs with up to this many lead targets have their placement order written in the notes. */
const ORDER_NOTE_MAX_TARGETS = 12;

/** The schedule's `marginMs`: the one margin kept from every edge, when one was (see `windowsForCore`). */
function marginOfCore(
  windows: Readonly<Record<string, readonly ScheduleWindow[]>>,
  span: { startMs: number; endMs: number },
  specMarginMs: number,
  marginGiven: boolean,
): { marginMs?: number } {
  const margins = edgeMargins(windows, span, specMarginMs, marginGiven);
  return margins.perEdge ? {} : { marginMs: margins.marginMs };
}

/** What a placed visit's V3PA, orientation and MAZ time are computed from. */
interface VisitSky {
  readonly observatory: ObservatoryModel;
  readonly grids: ObserverGrids | undefined;
  readonly positions: ReadonlyMap<string, Target>;
  readonly maz: MazPlan | undefined;
  readonly orientations: ReadonlyMap<string, Orientation>;
  readonly held: ReadonlySet<string>;
}

/**
 * A placed visit with its V3PA (nominal at the start, the range reachable throughout), the
 * orientation it was asked to hold, and its time in the MAZ, where each is known.
 */
function withSky(visit: ScheduledVisit, sky: VisitSky, notes: string[]): ScheduledVisit {
  const position = sky.positions.get(visit.target);
  if (!position) return visit;
  const extra: { v3pa?: ScheduledVisit['v3pa']; orientation?: VisitOrientation; mazMs?: number } = {};
  const held = skyOrUndefined(() => heldV3Pa(position, visit.startMs, visit.endMs, { observatory: sky.observatory, grids: sky.grids }));
  if (held) {
    extra.v3pa = Object.freeze({ nominalDeg: held.nominalDeg, minDeg: held.minDeg, maxDeg: held.maxDeg });
    if (!held.holdable)
      notes.push(`observation ${visit.observation} is too long to hold one orientation: its V3PA range is the one reachable at its start`);
  }
  const orientation = sky.orientations.get(visitKey(visit));
  if (orientation) {
    const aperture = aperturePaOf(orientation, visit.instrument, visit.template);
    extra.orientation = Object.freeze({
      v3pa: Object.freeze({ minDeg: orientation.v3pa.minDeg, maxDeg: orientation.v3pa.maxDeg }),
      ...(aperture
        ? {
            aperturePa: Object.freeze({
              minDeg: aperture.range.minDeg,
              maxDeg: aperture.range.maxDeg,
              offsetDeg: aperture.offsetDeg,
              offsetSource: aperture.offsetSource,
            }),
          }
        : {}),
      origin: sky.held.has(visitKey(visit)) ? 'held' : 'asked',
    });
  }
  if (mazSpan(sky.observatory.maz, visit)) {
    // Inside the span the zone is known per target; a fixed visit outside it is looked at alone.
    const inSpan = sky.maz && visit.startMs >= sky.maz.applies.startMs && visit.endMs <= sky.maz.applies.endMs;
    const intervals = inSpan ? sky.maz!.intervals.get(visit.target) : skyOrUndefined(() => mazIntervals(position, visit, sky.observatory));
    if (intervals) extra.mazMs = overlapMs(visit.startMs, visit.endMs, intervals);
  }
  return Object.freeze({ ...visit, ...extra });
}

/** The value, or undefined when the observer cannot compute it (a table that does not cover the instant). */
function skyOrUndefined<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

/** The MAZ part of a schedule: where it is modelled in the span, the observing time and its share inside. */
function summarizeMaz(
  visits: readonly ScheduledVisit[],
  span: { startMs: number; endMs: number },
  observatory: ObservatoryModel,
  maz: MazPlan | undefined,
  policy: string | undefined,
): ScheduleMaz | undefined {
  const applies = mazSpan(observatory.maz, span);
  if (!applies) return undefined;
  let observingMs = 0;
  let inMazMs = 0;
  for (const visit of visits) {
    if (visit.status === 'failed' || visit.endMs <= applies.startMs) continue;
    observingMs += visit.endMs - Math.max(visit.startMs, applies.startMs);
    inMazMs += visit.mazMs ?? 0;
  }
  const none = maz && maz.outsideKey.size > 0 ? undefined : 'no target enters the MAZ while it is visible';
  return Object.freeze({
    halfAngleDeg: observatory.maz.halfAngleDeg,
    fromMs: applies.startMs,
    observingMs,
    inMazMs,
    policy: policy ?? none ?? 'every epoch placed outside the MAZ',
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
  status?: 'done' | 'failed',
  span?: { startMs: number; endMs: number },
): ScheduledVisit {
  let window = windowContaining(windows[visit.target], startMs, endMs);
  let executed = status;
  if (!window) {
    // Only a visit that ran (or a pinned one) can lie outside the windows: it stays where it
    // ran, and is history (`done` unless it failed), since no visit can be planned where its
    // target is out of view. Windows are computed over the span only: outside it, no note.
    if (!span || (startMs >= span.startMs && endMs <= span.endMs)) {
      notes.push(
        `observation ${visit.observation} (${status ?? 'fixed'} at ${formatInstant(startMs)}) lies outside every window of ${visit.target}`,
      );
    }
    window = { startMs, endMs };
    executed ??= 'done';
  }
  return Object.freeze({
    observation: visit.observation,
    ...visitField(visit.visit),
    ...(executed ? { status: executed } : {}),
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

/** The `visit` field of a scheduled visit: absent for visit 1, as plans without visit numbers have it. */
function visitField(visit: number): { visit?: number } {
  return visit === 1 ? {} : { visit };
}

/** Set a record's own entry, whatever the name (`__proto__` too: plain assignment would set the prototype). */
function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Windows per target name: given ones first (matched forgivingly by name), the rest computed
 * (whole, not split at the MAZ: the MAZ is applied as windows of its own). Also the targets'
 * sky positions where the catalogue knows them (for V3PA, orientation and the MAZ), and the Sun
 * sampled over the span (absent only when every window was given and the observer cannot
 * sample this span).
 */
function resolveWindows(
  names: readonly string[],
  span: { startMs: number; endMs: number },
  options: CheckedScheduleProgramOptions,
  observatory: ObservatoryModel,
  whereNamed: (name: string) => string,
): {
  windows: Record<string, readonly ScheduleWindow[]>;
  computed: boolean;
  positions: Map<string, Target>;
  grids: ObserverGrids | undefined;
} {
  const given = options.windows ?? {};
  const out: Record<string, readonly ScheduleWindow[]> = {};
  const missing: string[] = [];
  const positions = new Map<string, Target>();
  // Given windows by exact name, then by the forgiving key (the first name with that key); the
  // catalogue by the forgiving key too (the first target with it, as findTarget finds it).
  const givenByKey = new Map<string, string>();
  for (const candidate of Object.keys(given)) {
    const key = keyOf(candidate);
    if (!givenByKey.has(key)) givenByKey.set(key, candidate);
  }
  const catalogByKey = new Map<string, Target>();
  for (const target of options.targets ?? []) {
    const key = keyOf(target.name);
    if (!catalogByKey.has(key)) catalogByKey.set(key, target);
  }
  const lookUp = (name: string): Target => (options.targets && catalogByKey.get(keyOf(name))) || findTarget(name, options.targets);
  for (const name of names) {
    const key = Object.hasOwn(given, name) ? name : givenByKey.get(keyOf(name));
    if (key !== undefined) {
      setOwn(
        out,
        name,
        Object.freeze(
          joinMazParts(given[key]!).map(({ startMs, endMs, startEdge, endEdge }) =>
            Object.freeze({ startMs, endMs, ...(startEdge ? { startEdge } : {}), ...(endEdge ? { endEdge } : {}) }),
          ),
        ),
      );
      const known = skyOrUndefined(() => lookUp(name));
      if (known) positions.set(name, known);
    } else missing.push(name);
  }
  const grids = missing.length > 0 ? observerGrids(span, observatory) : skyOrUndefined(() => observerGrids(span, observatory));
  if (missing.length > 0) {
    const targets = missing.map((name) => {
      try {
        return lookUp(name);
      } catch (error) {
        throw new InputError(`${whereNamed(name)}: ${(error as Error).message.replace(/^target: /, 'target ')}`);
      }
    });
    const computed = visibilityWindowsForTargets(targets, span, { observatory, grids, splitAtMaz: false });
    missing.forEach((name, index) => {
      positions.set(name, targets[index]!);
      setOwn(
        out,
        name,
        Object.freeze(
          computed[index]!.map((window) =>
            Object.freeze({ startMs: window.startMs, endMs: window.endMs, startEdge: window.startEdge, endEdge: window.endEdge }),
          ),
        ),
      );
    });
  }
  return { windows: out, computed: missing.length > 0, positions, grids };
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
  const margins = edgeMargins(windows, span, specMarginMs, marginGiven);
  if (!margins.perEdge) return { windows: { ...windows }, marginMs: margins.marginMs, perEdge: false, reword: (text: string) => text };
  const marginOf = edgeMarginAt(span, specMarginMs);
  const shrunk: Record<string, readonly TimeInterval[]> = {};
  for (const [target, list] of Object.entries(windows)) {
    shrunk[target] = list
      .map((window) => ({
        startMs: window.startMs + (marginOf(window.startEdge, window.startMs) ?? 0),
        endMs: window.endMs - (marginOf(window.endEdge, window.endMs) ?? 0),
      }))
      .filter((window) => window.endMs > window.startMs);
  }
  const kept = `with each window edge's own margin kept (${margins.distinct.map(formatDays).join(', ')}, by the model that computed the edge)`;
  return {
    windows: shrunk,
    marginMs: 0,
    perEdge: true,
    reword: (text) => text.split(`with ${formatDays(0)} kept from window edges`).join(kept),
  };
}

/** The margin kept from a window edge at `atMs`: its own, the cadence's for a plain interval, none where the span cut the window. */
function edgeMarginAt(span: { startMs: number; endMs: number }, specMarginMs: number) {
  return (edge: ScheduleWindow['startEdge'], atMs: number): number | undefined => {
    if (atMs === span.startMs || atMs === span.endMs) return undefined; // cut by the span: none
    return edge ? edge.marginMs : specMarginMs;
  };
}

/**
 * The margins kept from the window edges the span does not cut: the one margin (`cadence.margin`
 * when given, else the edges' when they share one, else the cadence's when there is no edge), or
 * `perEdge` with the distinct margins, ascending.
 */
function edgeMargins(
  windows: Readonly<Record<string, readonly ScheduleWindow[]>>,
  span: { startMs: number; endMs: number },
  specMarginMs: number,
  marginGiven: boolean,
): { marginMs: number; perEdge: boolean; distinct: number[] } {
  if (marginGiven) return { marginMs: specMarginMs, perEdge: false, distinct: [specMarginMs] };
  const marginOf = edgeMarginAt(span, specMarginMs);
  const margins = new Set<number>();
  for (const list of Object.values(windows)) {
    for (const window of list) {
      for (const margin of [marginOf(window.startEdge, window.startMs), marginOf(window.endEdge, window.endMs)]) {
        if (margin !== undefined) margins.add(margin);
      }
    }
  }
  const distinct = [...margins].sort((a, b) => a - b);
  if (distinct.length <= 1) return { marginMs: distinct[0] ?? specMarginMs, perEdge: false, distinct };
  return { marginMs: 0, perEdge: true, distinct };
}

/** A cut the zone made: at its edge, or where it starts being modelled. */
const isMazCut = (constraint: string | undefined): boolean => constraint === 'maz' || constraint === 'maz-start';

/**
 * Windows given as `visibilityWindows` returns them where the micrometeoroid avoidance zone is
 * modelled come split at the zone's edges; a block may run across such an edge, so the parts
 * are joined back into whole windows (the zone is applied as windows of its own).
 */
function joinMazParts(list: readonly ScheduleWindow[]): ScheduleWindow[] {
  const out: ScheduleWindow[] = [];
  for (const window of list) {
    const previous = out[out.length - 1];
    if (
      previous &&
      previous.endMs === window.startMs &&
      (isMazCut(previous.endEdge?.constraint) || isMazCut(window.startEdge?.constraint))
    ) {
      out[out.length - 1] = { ...previous, endMs: window.endMs, ...(window.endEdge ? { endEdge: window.endEdge } : {}) };
    } else {
      out.push(window);
    }
  }
  return out;
}
