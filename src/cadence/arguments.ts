/**
 * The arguments of the scheduling functions, as zod schemas: what `scheduleProgram`,
 * `scheduleTimeline`, `spreadGaps` and `compareLeximax` check at the library's boundary, once
 * per call, before any work; the solvers then take the checked data as it is. Options and the
 * core's input are objects whose unknown fields are refused (a mistyped field would otherwise be
 * a default taken silently); records (programs, windows, catalogues) are checked field by field
 * whatever their origin.
 *
 * The cadence (`parseCadenceSpec`, messages `cadence.<field>`), the plan (`programStructure`,
 * `plan.<field>`) and the orientation plan (`OrientationPlanSchema`, `orientation.<field>`) are
 * checked by their own parsers, under the names the command line maps to its options; here they
 * need only be objects.
 * @module
 */
import { z } from 'zod';
import { ObservatorySchema } from '../observatory/model.js';
import { ProgramSchema } from '../program/program.js';
import { CatalogSchema } from '../sky/catalog.js';
import { InstantMsSchema, SpanRecordSchema } from '../time/instant.js';
import { AnyString, describeValue, FiniteNumber, isPlainObject, recordOf, type SameShape } from '../validation.js';
import { ConstraintsSchema } from '../visibility/constraints.js';
import { MissedDateSchema, ScheduleObjectiveSchema, ScheduleWindowSchema } from './schedule-schema.js';
import { MAX_CANDIDATE_STARTS } from './spec.js';
import type { EpochGroup, EpochRequest, GroupPlacement, TimelineInput } from './timeline.js';

/** An object of options checked elsewhere (by its own parser), or nothing. */
const OptionGroup = z
  .custom<Record<string, unknown>>(isPlainObject, { error: (issue) => `expected an object, got ${describeValue(issue.input)}` })
  .optional();

/** Intervals sorted by start and disjoint, each ending after it starts: one target's windows. */
function sortedIntervals<S extends z.ZodType<{ startMs: number; endMs: number }>>(interval: S) {
  return z.array(interval).superRefine((list, ctx) => {
    list.forEach((window, index) => {
      if (index > 0 && window.startMs < list[index - 1]!.endMs) {
        ctx.addIssue({
          code: 'custom',
          continue: false,
          path: [index, 'startMs'],
          message: `windows must be sorted and disjoint; this one starts before window ${index - 1} ends`,
        });
      }
    });
  });
}

/** Windows per target name, as the scheduler takes them. */
const WindowsByTarget = recordOf(sortedIntervals(ScheduleWindowSchema));

/** The options of `scheduleProgram`; unknown fields are refused. */
export const ScheduleProgramOptionsSchema = z
  .object({
    cadence: OptionGroup,
    plan: OptionGroup,
    windows: WindowsByTarget.optional(),
    targets: CatalogSchema.optional(),
    observatory: ObservatorySchema.optional(),
    orientation: OptionGroup,
    // The operations options: checked by parseOperationsOptions (messages name the field).
    executed: z.unknown().optional(),
    now: z.unknown().optional(),
    repeatPerCycle: z.unknown().optional(),
    continueFrom: z.unknown().optional(),
    observed: z.unknown().optional(),
    constraints: ConstraintsSchema.optional(),
  })
  .strict();

/** The options of `scheduleProgram` checked (the observatory read to a model). */
export type CheckedScheduleProgramOptions = z.output<typeof ScheduleProgramOptionsSchema>;

/** The arguments of `scheduleProgram`: a program as the library holds one (see `ProgramSchema`), and options. */
export const ScheduleProgramArguments = z.object({ program: ProgramSchema, options: ScheduleProgramOptionsSchema });

/** An interval of the core: finite instants, an end after the start. */
const CoreInterval = z
  .object({ startMs: InstantMsSchema, endMs: InstantMsSchema })
  .refine((interval) => interval.endMs > interval.startMs, { message: 'must be after startMs', path: ['endMs'] });

const EpochRequestSchema = z
  .object({
    // At least a second, the grid's floor: a block shorter than an instant's resolution has no extent.
    durationMs: FiniteNumber.min(1000, 'must be at least one second'),
    targets: z.array(AnyString).min(1, 'an epoch block needs at least its lead target'),
    fixedStartMs: InstantMsSchema.optional(),
    within: CoreInterval.optional(),
    label: AnyString.optional(),
  })
  .strict();

const EpochGroupSchema = z.object({ target: AnyString, epochs: z.array(EpochRequestSchema) }).strict();

/**
 * The input of `scheduleTimeline`: numbers and intervals only. Beyond each field's kind: the
 * gap bounds in order, no more candidate starts than {@link MAX_CANDIDATE_STARTS}, ideal dates
 * ascending, and windows for every lead target and every target an epoch block names (a list,
 * empty when the target is never visible: a missing name is a mistake, not a target out of view).
 */
export const TimelineInputSchema = z
  .object({
    span: SpanRecordSchema,
    gridMs: FiniteNumber.min(1000, 'must be at least one second'),
    marginMs: FiniteNumber.min(0),
    minGapMs: FiniteNumber.min(0),
    maxGapMs: FiniteNumber.positive().or(z.literal(Infinity)),
    windows: recordOf(sortedIntervals(CoreInterval)),
    groups: z.array(EpochGroupSchema),
    mode: z.enum(['spread', 'period']),
    idealMs: z.array(InstantMsSchema),
    toleranceMs: FiniteNumber.min(0),
    notBeforeMs: InstantMsSchema.optional(),
    order: z.enum(['fair', 'given']).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.minGapMs > input.maxGapMs)
      ctx.addIssue({ code: 'custom', continue: false, path: ['minGapMs'], message: 'must not exceed maxGapMs' });
    if (input.gridMs > input.span.endMs - input.span.startMs) {
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: ['gridMs'],
        message: "must not be longer than the span (a longer step leaves one candidate start, the span's)",
      });
    }
    const starts = Math.ceil((input.span.endMs - input.span.startMs) / input.gridMs);
    if (starts > MAX_CANDIDATE_STARTS) {
      ctx.addIssue({
        code: 'custom',
        continue: false,
        path: ['gridMs'],
        message: `makes ${starts.toLocaleString('en-US')} candidate starts over the span, more than the ${MAX_CANDIDATE_STARTS.toLocaleString('en-US')} allowed`,
      });
    }
    input.idealMs.forEach((ms, index) => {
      if (index > 0 && ms < input.idealMs[index - 1]!)
        ctx.addIssue({ code: 'custom', continue: false, path: ['idealMs', index], message: 'ideal dates must be in ascending order' });
    });
    input.groups.forEach((group, g) => {
      if (!Object.hasOwn(input.windows, group.target)) {
        ctx.addIssue({
          code: 'custom',
          continue: false,
          path: ['groups', g, 'target'],
          message: `${JSON.stringify(group.target)} has no windows (give [] for a target never visible)`,
        });
      }
    });
    input.groups.forEach((group, g) => {
      group.epochs.forEach((epoch, e) => {
        epoch.targets.forEach((target, t) => {
          if (!Object.hasOwn(input.windows, target)) {
            ctx.addIssue({
              code: 'custom',
              continue: false,
              path: ['groups', g, 'epochs', e, 'targets', t],
              message: `${JSON.stringify(target)} has no windows (give [] for a target never visible)`,
            });
          }
        });
      });
    });
  });

/** The arguments of `scheduleTimeline`. */
export const TimelineArguments = z.object({ input: TimelineInputSchema });

/** A group's placement as `scheduleTimeline` gives it; checked against its input by {@link EpochStartArguments}. */
const GroupPlacementSchema = z.object({
  target: AnyString,
  startsMs: z.array(InstantMsSchema.nullable()),
  reasons: z.array(AnyString.nullable()),
  displacedBy: z.array(z.array(AnyString).nullable()),
  objective: ScheduleObjectiveSchema,
  notes: z.array(AnyString),
  missedDates: z.array(MissedDateSchema),
  placedAs: z.number().int().min(1),
});

type Issue = (path: PropertyKey[], message: string) => void;

/**
 * Placements as `scheduleTimeline` gives them for an input: one a group, in the input's order,
 * each with a start or a reason per epoch, fixed epochs where they are fixed, an objective of
 * the input's mode, and the placement order a permutation. False when an issue was raised.
 */
function placementsAgree(input: TimelineInput, placements: readonly z.output<typeof GroupPlacementSchema>[], issue: Issue): boolean {
  const groups = input.groups;
  if (placements.length !== groups.length) {
    issue(
      ['placements'],
      `holds ${placements.length} placements; the input has ${groups.length} groups (give scheduleTimeline's answer for this input)`,
    );
    return false;
  }
  const positions = new Set<number>();
  for (let g = 0; g < groups.length; g += 1) {
    const placement = placements[g]!;
    const group = groups[g]!;
    const at = (...path: PropertyKey[]): PropertyKey[] => ['placements', g, ...path];
    const fail = (path: PropertyKey[], message: string): boolean => {
      issue(path, message);
      return false;
    };
    if (placement.target !== group.target)
      return fail(at('target'), `is ${JSON.stringify(placement.target)}; group ${g} of the input is ${JSON.stringify(group.target)}`);
    for (const field of ['startsMs', 'reasons', 'displacedBy'] as const) {
      if (placement[field].length !== group.epochs.length)
        return fail(at(field), `holds ${placement[field].length} entries; group ${g} has ${group.epochs.length} epochs`);
    }
    if (placement.objective.mode !== input.mode)
      return fail(at('objective', 'mode'), `is ${placement.objective.mode}; the input's mode is ${input.mode}`);
    if (placement.objective.mode === 'period' && placement.objective.deviationsMs.length !== group.epochs.length) {
      return fail(
        at('objective', 'deviationsMs'),
        `holds ${placement.objective.deviationsMs.length} entries; group ${g} has ${group.epochs.length} epochs`,
      );
    }
    for (let e = 0; e < group.epochs.length; e += 1) {
      const start = placement.startsMs[e];
      const fixed = group.epochs[e]!.fixedStartMs;
      if ((start === null) === (placement.reasons[e] === null))
        return fail(at('reasons', e), 'an epoch has a start or a reason why it has none, not both or neither');
      if (fixed !== undefined && start !== fixed)
        return fail(at('startsMs', e), 'a fixed epoch starts where it is fixed (input fixedStartMs)');
    }
    if (placement.placedAs > groups.length || positions.has(placement.placedAs))
      return fail(at('placedAs'), `the placement order is a position from 1 to ${groups.length}, each once`);
    positions.add(placement.placedAs);
  }
  return true;
}

/** A group and an epoch of it, by index, inside the input. */
function epochOfInput(input: TimelineInput, group: number, epoch: number, issue: Issue): void {
  // (A group or epoch that is no index at all is named by its own field's check already.)
  if (!Number.isInteger(group) || group < 0 || !Number.isInteger(epoch) || epoch < 0) return;
  if (group >= input.groups.length) issue(['group'], `must be below ${input.groups.length}, the number of groups`);
  else if (epoch >= input.groups[group]!.epochs.length)
    issue(['epoch'], `must be below ${input.groups[group]!.epochs.length}, the number of epochs of group ${group}`);
}

const issuer =
  (ctx: z.RefinementCtx): Issue =>
  (path, message) =>
    ctx.addIssue({ code: 'custom', continue: false, path, message });

/**
 * The arguments of `epochStartProblems`: an input as `scheduleTimeline` takes it, the placements
 * it gave for that input (see {@link placementsAgree}), a group and an epoch of it by index, and
 * an instant.
 */
export const EpochStartArguments = z
  .object({
    input: TimelineInputSchema,
    placements: z.array(GroupPlacementSchema),
    group: z.number().int().min(0),
    epoch: z.number().int().min(0),
    startMs: InstantMsSchema,
  })
  .superRefine((a, ctx) => {
    if (placementsAgree(a.input, a.placements, issuer(ctx))) epochOfInput(a.input, a.group, a.epoch, issuer(ctx));
  });

/** The arguments of `timelineBlocks`: an input and the placements it gave. */
export const TimelineBlocksArguments = z
  .object({ input: TimelineInputSchema, placements: z.array(GroupPlacementSchema) })
  .superRefine((a, ctx) => void placementsAgree(a.input, a.placements, issuer(ctx)));

/** The blocks of a timeline, as `timelineBlocks` gives them. */
const TimelineBlocksSchema = z
  .object({
    blocks: z.array(
      z
        .object({ startMs: InstantMsSchema, endMs: InstantMsSchema, group: z.number().int().min(0), epoch: z.number().int().min(0) })
        .strict(),
    ),
    longestMs: FiniteNumber.min(0),
  })
  .strict();

/**
 * The arguments of `allowedEpochStarts` and `epochSlack`: an input, its placements, a group and
 * an epoch of it, and optionally the timeline's blocks, which must be those of these placements
 * (every placed or fixed epoch once, where it is placed, sorted by start).
 */
export const SlackArguments = z
  .object({
    input: TimelineInputSchema,
    placements: z.array(GroupPlacementSchema),
    group: z.number().int().min(0),
    epoch: z.number().int().min(0),
    blocks: TimelineBlocksSchema.optional(),
  })
  .superRefine((a, ctx) => {
    const issue = issuer(ctx);
    if (!placementsAgree(a.input, a.placements, issue)) return;
    epochOfInput(a.input, a.group, a.epoch, issue);
    if (a.blocks === undefined) return;
    const seen = new Set<string>();
    let placed = 0;
    let longestMs = 0;
    a.input.groups.forEach((group, g) => {
      group.epochs.forEach((epoch, e) => {
        if ((epoch.fixedStartMs ?? a.placements[g]!.startsMs[e]) !== null) placed += 1;
      });
    });
    const blocks = a.blocks.blocks;
    const other = 'is not a block of these placements (give timelineBlocks(input, placements))';
    for (let k = 0; k < blocks.length; k += 1) {
      const block = blocks[k]!;
      const request = a.input.groups[block.group]?.epochs[block.epoch];
      const startMs = request?.fixedStartMs ?? a.placements[block.group]?.startsMs[block.epoch];
      const key = `${block.group}#${block.epoch}`;
      if (request === undefined || startMs !== block.startMs || block.endMs !== startMs + request.durationMs || seen.has(key))
        return issue(['blocks', 'blocks', k], other);
      if (k > 0 && block.startMs < blocks[k - 1]!.startMs)
        return issue(['blocks', 'blocks', k, 'startMs'], 'blocks must be sorted by start');
      seen.add(key);
      longestMs = Math.max(longestMs, request.durationMs);
    }
    if (blocks.length !== placed)
      return issue(
        ['blocks', 'blocks'],
        `holds ${blocks.length} blocks; the placements have ${placed} (give timelineBlocks(input, placements))`,
      );
    if (a.blocks.longestMs !== longestMs)
      return issue(['blocks', 'longestMs'], `is ${a.blocks.longestMs}; the longest block lasts ${longestMs} ms`);
    return undefined;
  });

/** The arguments of `spreadGaps`: start instants ascending inside a span. */
export const SpreadGapsArguments = z
  .object({ startsMs: z.array(InstantMsSchema), spanStartMs: InstantMsSchema, spanEndMs: InstantMsSchema, fromHistory: z.boolean() })
  .superRefine((a, ctx) => {
    if (!(a.spanEndMs > a.spanStartMs)) {
      ctx.addIssue({ code: 'custom', continue: false, path: ['spanEndMs'], message: 'must be after spanStartMs' });
      return;
    }
    a.startsMs.forEach((ms, index) => {
      // Measured from history, the first starts may come before the span (epochs that ran).
      if ((!a.fromHistory && ms < a.spanStartMs) || ms > a.spanEndMs)
        ctx.addIssue({
          code: 'custom',
          continue: false,
          path: ['startsMs', index],
          message: a.fromHistory ? 'lies after the span' : 'lies outside the span',
        });
      else if (index > 0 && ms < a.startsMs[index - 1]!)
        ctx.addIssue({ code: 'custom', continue: false, path: ['startsMs', index], message: 'starts must be in ascending order' });
    });
  });

/** The arguments of `compareLeximax`: two gap vectors of finite numbers. */
export const LeximaxArguments = z.object({ a: z.array(FiniteNumber), b: z.array(FiniteNumber) });

// Each record interface and its schema describe the same record, and the options interface and
// its checked form name the same fields: a field added to one must be checked too.
const fieldsMatch: [
  SameShape<TimelineInput, z.output<typeof TimelineInputSchema>>,
  SameShape<EpochGroup, z.output<typeof EpochGroupSchema>>,
  SameShape<EpochRequest, z.output<typeof EpochRequestSchema>>,
  SameShape<GroupPlacement, z.output<typeof GroupPlacementSchema>>,
] = [true, true, true, true];
void fieldsMatch;
