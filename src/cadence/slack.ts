/**
 * Slack: how far a placed epoch could move with every other epoch where it is.
 *
 * The starts an epoch may take, the others fixed, are those where its block lies in the span
 * (and not before `notBeforeMs`, and inside its cycle when the table repeats), in one window of
 * each of its targets kept each edge's margin away (orientation and MAZ windows included, where
 * they apply to it), clear of every other block on the timeline, in order between the target's
 * previous and next placed epochs with the gap bounds, and in `period` mode within the tolerance
 * of its ideal date: closed intervals less open ones, computed exactly.
 *
 * The slack is the run of such starts reached from the epoch's start in steps of one grid step
 * (one minute when the start lies off the grid, as a snug start does), every step of the run
 * included: its earliest and latest start. One step beyond either end breaks a constraint.
 * @module
 */

import { firstIndexWhere, firstStartingAfter, firstStartingFrom } from '../sorted.js';
import { MS_PER_MINUTE } from '../time/instant.js';
import type { TimeInterval } from './schedule.js';
import { windowStartRanges } from './starts.js';
import { type GroupPlacement, neighbourBounds, type TimelineInput } from './timeline.js';

/** How far an epoch could move: the earliest and latest start of its run, and the step. */
export interface EpochSlack {
  readonly earliestMs: number;
  readonly latestMs: number;
  /** The step of the run: the grid step, or one minute for a start off the grid. */
  readonly stepMs: number;
}

/** A closed interval of starts. */
interface Range {
  lo: number;
  hi: number;
}

/**
 * Every block on a timeline (placed or fixed), sorted by start, with the longest block's
 * length: built once for a timeline, it lets each epoch's slack read only the blocks near it.
 */
export interface TimelineBlocks {
  readonly blocks: readonly { readonly startMs: number; readonly endMs: number; readonly group: number; readonly epoch: number }[];
  readonly longestMs: number;
}

/**
 * The blocks of a timeline's placements, sorted by start (see {@link TimelineBlocks}).
 *
 * @example
 * ```ts
 * const H = 3_600_000;
 * const input = {
 *   span: { startMs: 0, endMs: 100 * H }, gridMs: H, marginMs: 0, minGapMs: 0, maxGapMs: Infinity,
 *   windows: { S: [{ startMs: 0, endMs: 100 * H }] }, mode: 'spread' as const, idealMs: [], toleranceMs: 0,
 *   groups: [{ target: 'S', epochs: [{ durationMs: H, targets: ['S'] }, { durationMs: H, targets: ['S'] }] }],
 * };
 * const placements = scheduleTimeline(input);
 * const blocks = timelineBlocks(input, placements); // two blocks, at 25 h and 75 h
 * placements[0]!.startsMs.map((_, k) => epochSlack(input, placements, 0, k, blocks));
 * ```
 */
export function timelineBlocks(input: TimelineInput, placements: readonly GroupPlacement[]): TimelineBlocks {
  const blocks: { startMs: number; endMs: number; group: number; epoch: number }[] = [];
  let longestMs = 0;
  input.groups.forEach((group, g) => {
    group.epochs.forEach((epoch, k) => {
      const start = epoch.fixedStartMs ?? placements[g]!.startsMs[k];
      if (start === null || start === undefined) return;
      blocks.push({ startMs: start, endMs: start + epoch.durationMs, group: g, epoch: k });
      longestMs = Math.max(longestMs, epoch.durationMs);
    });
  });
  blocks.sort((a, b) => a.startMs - b.startMs);
  return { blocks, longestMs };
}

/**
 * The starts epoch `epoch` of group `group` may take with every other epoch where `placements`
 * put it: sorted, disjoint closed intervals (see the module comment).
 *
 * @example
 * ```ts
 * const H = 3_600_000;
 * const input = {
 *   span: { startMs: 0, endMs: 100 * H }, gridMs: H, marginMs: 0, minGapMs: 0, maxGapMs: Infinity,
 *   windows: { S: [{ startMs: 0, endMs: 100 * H }] }, mode: 'spread' as const, idealMs: [], toleranceMs: 0,
 *   groups: [{ target: 'S', epochs: [{ durationMs: H, targets: ['S'] }, { durationMs: H, targets: ['S'] }] }],
 * };
 * allowedEpochStarts(input, scheduleTimeline(input), 0, 0); // [{ startMs: 0, endMs: 74 * H }]: up to the next epoch, less its block
 * ```
 */
export function allowedEpochStarts(
  input: TimelineInput,
  placements: readonly GroupPlacement[],
  group: number,
  epoch: number,
  blocks?: TimelineBlocks,
): TimeInterval[] {
  return startsAllowed(input, placements, group, epoch, blocks ?? timelineBlocks(input, placements));
}

/**
 * {@link allowedEpochStarts}, its arguments checked; with `clip`, only the allowed starts in
 * [clip.lo, clip.hi] (the same as the whole answer cut there: the blocks that forbid starts in
 * the clip are all read), so that the slack reads only the blocks near the epoch.
 */
function startsAllowed(
  input: TimelineInput,
  placements: readonly GroupPlacement[],
  group: number,
  epoch: number,
  blocks: TimelineBlocks,
  clip?: { readonly lo: number; readonly hi: number },
  windowRanges: readonly Range[] = windowStartRanges(input.groups[group]!.epochs[epoch]!, input),
): TimeInterval[] {
  const own = input.groups[group]!;
  const d = own.epochs[epoch]!.durationMs;

  // Order and gap bounds with the group's previous and next placed epochs.
  const starts = placements[group]!.startsMs;
  const { previous, next, minGapMs, maxGapMs } = neighbourBounds(input, placements, group, epoch);
  let lo = -Infinity;
  let hi = Infinity;
  if (previous >= 0) {
    lo = Math.max(lo, starts[previous]! + Math.max(own.epochs[previous]!.durationMs, minGapMs));
    hi = Math.min(hi, starts[previous]! + maxGapMs);
  }
  if (next >= 0) {
    hi = Math.min(hi, starts[next]! - Math.max(d, minGapMs));
    lo = Math.max(lo, starts[next]! - maxGapMs);
  }
  // Period mode: within the tolerance of the ideal date the epoch took.
  const objective = placements[group]!.objective;
  const current = starts[epoch];
  if (input.mode === 'period' && objective.mode === 'period' && current !== null && current !== undefined) {
    const deviation = objective.deviationsMs[epoch];
    if (deviation !== null && deviation !== undefined) {
      lo = Math.max(lo, current - deviation - input.toleranceMs);
      hi = Math.min(hi, current - deviation + input.toleranceMs);
    }
  }
  if (clip) {
    lo = Math.max(lo, clip.lo);
    hi = Math.min(hi, clip.hi);
  }

  // Every other block on the timeline forbids the open interval (b0 - d, b1) of starts. The
  // blocks are sorted by start and do not overlap, so each range reads only the blocks from the
  // first that may reach it (a binary search) to the first that starts past it: no list of the
  // forbidden intervals is built, however many blocks a long window spans.
  const list = blocks.blocks;
  const out: TimeInterval[] = [];
  for (const window of windowRanges) {
    const rangeLo = Math.max(window.lo, lo);
    const rangeHi = Math.min(window.hi, hi);
    if (rangeLo > rangeHi) continue;
    let from = rangeLo;
    for (let q = firstStartingFrom(list, rangeLo - blocks.longestMs); q < list.length; q += 1) {
      const block = list[q]!;
      const forbiddenLo = block.startMs - d;
      if (forbiddenLo >= rangeHi) break;
      if (block.endMs <= from || (block.group === group && block.epoch === epoch)) continue;
      // Starts in (forbiddenLo, block.endMs) are forbidden; forbiddenLo itself is allowed (the blocks touch).
      if (forbiddenLo >= from) push(out, from, forbiddenLo);
      from = Math.max(from, block.endMs);
      if (from > rangeHi) break;
    }
    if (from <= rangeHi) push(out, from, rangeHi);
  }
  return out;
}

/** Append [lo, hi] to sorted, disjoint closed intervals, joining it to the last where they touch. */
function push(out: TimeInterval[], lo: number, hi: number): void {
  const last = out[out.length - 1];
  if (last && lo <= last.endMs) out[out.length - 1] = { startMs: last.startMs, endMs: Math.max(last.endMs, hi) };
  else out.push({ startMs: lo, endMs: hi });
}

/** Index of the interval holding `t`, or -1 (intervals sorted, disjoint, closed). */
function holding(ranges: readonly TimeInterval[], t: number): number {
  // The first interval that does not end before t holds it, if it starts by t.
  const at = firstIndexWhere(ranges.length, (i) => ranges[i]!.endMs >= t);
  return at < ranges.length && ranges[at]!.startMs <= t ? at : -1;
}

/**
 * The first reach of the slack's look-around, each side of an epoch's start: a few days holds
 * the run of most epochs on a busy timeline; a longer run doubles it until the run ends inside.
 */
const SLACK_FIRST_REACH_MS = 4 * 86_400_000;

/**
 * How far epoch `epoch` of group `group` could move with every other epoch where `placements`
 * put it: the earliest and latest start of the run of allowed starts reached from its start in
 * grid steps (one-minute steps when its start is off the grid). Undefined when the epoch is not
 * placed. `blocks` (from {@link timelineBlocks}) saves rebuilding the timeline's blocks for each
 * epoch of one placement.
 *
 * @example
 * ```ts
 * const H = 3_600_000;
 * const input = {
 *   span: { startMs: 0, endMs: 100 * H }, gridMs: H, marginMs: 0, minGapMs: 0, maxGapMs: Infinity,
 *   windows: { S: [{ startMs: 0, endMs: 100 * H }] }, mode: 'spread' as const, idealMs: [], toleranceMs: 0,
 *   groups: [{ target: 'S', epochs: [{ durationMs: H, targets: ['S'] }, { durationMs: H, targets: ['S'] }] }],
 * };
 * epochSlack(input, scheduleTimeline(input), 0, 1); // { earliestMs: 26 * H, latestMs: 99 * H, stepMs: H }
 * ```
 */
export function epochSlack(
  input: TimelineInput,
  placements: readonly GroupPlacement[],
  group: number,
  epoch: number,
  blocks?: TimelineBlocks,
): EpochSlack | undefined {
  return slackOf(input, placements, group, epoch, blocks ?? timelineBlocks(input, placements));
}

/** {@link epochSlack} without the checks, for the scheduler's own use (once per epoch of a placement). */
export function slackOf(
  input: TimelineInput,
  placements: readonly GroupPlacement[],
  group: number,
  epoch: number,
  blocks: TimelineBlocks,
): EpochSlack | undefined {
  const startMs = placements[group]!.startsMs[epoch];
  if (startMs === null || startMs === undefined) return undefined;
  const stepMs = (startMs - input.span.startMs) % input.gridMs === 0 ? input.gridMs : MS_PER_MINUTE;
  // The allowed starts near the start only: every start in [lo, hi] is as the whole answer has
  // it, so a run whose next step on each side still lies inside is the whole run. Otherwise the
  // reach doubles, up to the span (past which no start is allowed).
  for (let reachMs = SLACK_FIRST_REACH_MS + stepMs; ; reachMs *= 2) {
    const clip = { lo: startMs - reachMs, hi: startMs + reachMs };
    const whole = clip.lo <= input.span.startMs && clip.hi >= input.span.endMs;
    const slack = runAround(startsAllowed(input, placements, group, epoch, blocks, whole ? undefined : clip), startMs, stepMs);
    if (whole || (slack.latestMs + stepMs <= clip.hi && slack.earliestMs - stepMs >= clip.lo)) return slack;
  }
}

/** The run of allowed starts reached from `startMs` in steps of `stepMs` (see {@link slackOf}). */
function runAround(ranges: readonly TimeInterval[], startMs: number, stepMs: number): EpochSlack {
  let at = holding(ranges, startMs);
  if (at < 0) return { earliestMs: startMs, latestMs: startMs, stepMs };
  // Forwards: the last step in each interval, then on while the next step lands in another.
  let latestMs = startMs + Math.floor((ranges[at]!.endMs - startMs) / stepMs) * stepMs;
  for (;;) {
    const next = holding(ranges, latestMs + stepMs);
    if (next < 0) break;
    latestMs += stepMs;
    latestMs += Math.floor((ranges[next]!.endMs - latestMs) / stepMs) * stepMs;
  }
  at = holding(ranges, startMs);
  let earliestMs = startMs - Math.floor((startMs - ranges[at]!.startMs) / stepMs) * stepMs;
  for (;;) {
    const next = holding(ranges, earliestMs - stepMs);
    if (next < 0) break;
    earliestMs -= stepMs;
    earliestMs -= Math.floor((earliestMs - ranges[next]!.startMs) / stepMs) * stepMs;
  }
  return { earliestMs, latestMs, stepMs };
}

/**
 * One run of starts an epoch may take, the others fixed: every step from `earliestMs` to
 * `latestMs` is allowed, and one step beyond either end is not, for the reason named
 * (`earlierBlockedBy`, `laterBlockedBy`): `window edge`, `span start`, `span end`, `cycle
 * start`, `cycle end`, `now` (a re-plan's present), `<target> <epoch>` (another
 * block on the timeline, e.g. `HD163466 epoch 6`), `min gap to <epoch>` / `max gap to <epoch>`
 * (the gap bounds with the target's previous or next epoch, its order included), `period
 * tolerance` (the ideal date's tolerance in period mode).
 */
export interface SlackRun {
  readonly earliestMs: number;
  readonly latestMs: number;
  readonly earlierBlockedBy: string;
  readonly laterBlockedBy: string;
}

/** How messages name epoch `index` of group `group` (as the timeline's messages do). */
function epochLabel(input: TimelineInput, group: number, index: number): string {
  return input.groups[group]!.epochs[index]?.label ?? `epoch ${index + 1}`;
}

/** What a start of one epoch is checked against, read once for all of its runs' ends. */
interface EpochBlockers {
  readonly input: TimelineInput;
  readonly placements: readonly GroupPlacement[];
  readonly group: number;
  readonly epoch: number;
  readonly blocks: TimelineBlocks;
  readonly windowRanges: readonly Range[];
  readonly neighbours: ReturnType<typeof neighbourBounds>;
}

/** Each block's name in messages (`<target> <epoch label>`), made once per timeline and block. */
const blockNames = new WeakMap<TimelineBlocks, (string | undefined)[]>();

function blockName(input: TimelineInput, blocks: TimelineBlocks, q: number): string {
  let names = blockNames.get(blocks);
  if (!names) {
    names = [];
    blockNames.set(blocks, names);
  }
  const block = blocks.blocks[q]!;
  names[q] ??= `${input.groups[block.group]!.target} ${epochLabel(input, block.group, block.epoch)}`;
  return names[q];
}

/**
 * Why the epoch may not start at `t` (the others fixed), in a few words; the first reason
 * found, in the order: span and cycle, windows, other blocks, gap bounds, tolerance.
 */
function blockerAt(on: EpochBlockers, t: number): string {
  const { input, placements, group, epoch, blocks } = on;
  const own = input.groups[group]!;
  const request = own.epochs[epoch]!;
  const d = request.durationMs;
  if (t < input.span.startMs) return 'span start';
  if (input.notBeforeMs !== undefined && t < input.notBeforeMs) return 'now';
  if (request.within && t < request.within.startMs) return 'cycle start';
  if (t + d > input.span.endMs) return 'span end';
  if (request.within && t + d > request.within.endMs) return 'cycle end';
  const ranges = on.windowRanges;
  const at = firstIndexWhere(ranges.length, (i) => ranges[i]!.hi >= t);
  if (at === ranges.length || ranges[at]!.lo > t) return 'window edge';
  // Blocks that may overlap [t, t + d): those starting after t - longest and before t + d (sorted by start).
  const list = blocks.blocks;
  for (let q = firstStartingAfter(list, t - blocks.longestMs); q < list.length && list[q]!.startMs < t + d; q += 1) {
    const block = list[q]!;
    if (block.group === group && block.epoch === epoch) continue;
    if (t < block.endMs && t + d > block.startMs) return blockName(input, blocks, q);
  }
  const starts = placements[group]!.startsMs;
  const { previous, next, minGapMs, maxGapMs } = on.neighbours;
  if (previous >= 0) {
    const gap = t - starts[previous]!;
    if (gap < Math.max(own.epochs[previous]!.durationMs, minGapMs)) return `min gap to ${epochLabel(input, group, previous)}`;
    if (gap > maxGapMs) return `max gap to ${epochLabel(input, group, previous)}`;
  }
  if (next >= 0) {
    const gap = starts[next]! - t;
    if (gap < Math.max(d, minGapMs)) return `min gap to ${epochLabel(input, group, next)}`;
    if (gap > maxGapMs) return `max gap to ${epochLabel(input, group, next)}`;
  }
  return input.mode === 'period' ? 'period tolerance' : 'window edge';
}

/**
 * Every run of starts epoch `epoch` of group `group` may take with every other epoch where
 * `placements` put it, in steps of the epoch's slack step from its own start (see
 * {@link epochSlack}), in time order, each with what blocks it at each end. The run holding the
 * epoch's start is {@link epochSlack}'s. Undefined when the epoch is not placed.
 *
 * @example
 * ```ts
 * const H = 3_600_000;
 * const input = {
 *   span: { startMs: 0, endMs: 100 * H }, gridMs: H, marginMs: 0, minGapMs: 0, maxGapMs: Infinity,
 *   windows: { S: [{ startMs: 0, endMs: 100 * H }] }, mode: 'spread' as const, idealMs: [], toleranceMs: 0,
 *   groups: [{ target: 'S', epochs: [{ durationMs: H, targets: ['S'] }, { durationMs: H, targets: ['S'] }] }],
 * };
 * epochSlackRuns(input, scheduleTimeline(input), 0, 1);
 * // [{ earliestMs: 26 * H, latestMs: 99 * H, earlierBlockedBy: 'min gap to epoch 1', laterBlockedBy: 'span end' }]
 * ```
 */
export function epochSlackRuns(
  input: TimelineInput,
  placements: readonly GroupPlacement[],
  group: number,
  epoch: number,
  blocks?: TimelineBlocks,
): SlackRun[] | undefined {
  return slackRunsOf(input, placements, group, epoch, blocks ?? timelineBlocks(input, placements));
}

/** {@link epochSlackRuns} without the checks, for the scheduler's own use. */
export function slackRunsOf(
  input: TimelineInput,
  placements: readonly GroupPlacement[],
  group: number,
  epoch: number,
  blocks: TimelineBlocks,
): SlackRun[] | undefined {
  const startMs = placements[group]!.startsMs[epoch];
  if (startMs === null || startMs === undefined) return undefined;
  const stepMs = (startMs - input.span.startMs) % input.gridMs === 0 ? input.gridMs : MS_PER_MINUTE;
  // The steps of each allowed interval, joined where one step leads from one to the next.
  const windowRanges = windowStartRanges(input.groups[group]!.epochs[epoch]!, input);
  const steps: Array<{ lo: number; hi: number }> = [];
  for (const range of startsAllowed(input, placements, group, epoch, blocks, undefined, windowRanges)) {
    const lo = startMs + Math.ceil((range.startMs - startMs) / stepMs) * stepMs;
    const hi = startMs + Math.floor((range.endMs - startMs) / stepMs) * stepMs;
    if (lo > hi) continue;
    const last = steps[steps.length - 1];
    if (last && lo <= last.hi + stepMs) last.hi = Math.max(last.hi, hi);
    else steps.push({ lo, hi });
  }
  // The epoch's own start is always a run, even where it breaks a constraint (a held start).
  if (!steps.some((run) => startMs >= run.lo && startMs <= run.hi)) {
    steps.push({ lo: startMs, hi: startMs });
    steps.sort((a, b) => a.lo - b.lo);
  }
  const on: EpochBlockers = {
    input,
    placements,
    group,
    epoch,
    blocks,
    windowRanges,
    neighbours: neighbourBounds(input, placements, group, epoch),
  };
  return steps.map((run) =>
    Object.freeze({
      earliestMs: run.lo,
      latestMs: run.hi,
      earlierBlockedBy: blockerAt(on, run.lo - stepMs),
      laterBlockedBy: blockerAt(on, run.hi + stepMs),
    }),
  );
}
