/**
 * The schedule as a month-by-month calendar for the terminal, with a cadence summary.
 * @module
 */

import { DateTime } from 'luxon';
import { z } from 'zod';
import { gapsOfPlan } from '../cadence/gaps.js';
import { type Schedule, type ScheduledVisit, type ScheduleWindow, visitIdentity } from '../cadence/schedule.js';
import { SQUEEZE_NOTE_PREFIX } from '../cadence/squeeze.js';
import { commonAngleRange } from '../sky/angle-range.js';
import { formatDate, MS_PER_DAY } from '../time/instant.js';
import { parseWith } from '../validation.js';
import { blocksOf, hasEdges, numberingText, observationText, repeatsOf } from './epochs.js';
import { mazSummaryText, seriesOrientationLines } from './orientation-text.js';
import { slackText } from './slack-text.js';
import { MIN_WRAP_WIDTH, wrapText } from './wrap.js';

/** Observation numbers as compact ranges: [1,2,3,5] -> "1-3, 5". */
export function observationRanges(observations: readonly number[]): string {
  const parts: string[] = [];
  let runStart = observations[0]!;
  for (let i = 1; i <= observations.length; i++) {
    if (observations[i] !== observations[i - 1]! + 1) {
      parts.push(runStart === observations[i - 1] ? `${runStart}` : `${runStart}-${observations[i - 1]}`);
      runStart = observations[i]!;
    }
  }
  return parts.join(', ');
}

/**
 * A block's visits in words: their observation numbers as ranges (`1-3, 5`), or, when the
 * schedule holds several visits of one of them, each by its number and visit (`9 visit 1, 9 visit 2`).
 */
export function blockObservationsText(
  schedule: Schedule,
  visits: readonly { readonly observation: number; readonly visit?: number | undefined }[],
): string {
  const names = visits.map((visit) => observationText(schedule, visit));
  return names.every((name, index) => name === String(visits[index]!.observation))
    ? observationRanges(visits.map((visit) => visit.observation))
    : names.join(', ');
}

const utc = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: 'utc' });

/** Words for what made a window edge. */
const EDGE_MODEL: Readonly<Record<string, string>> = { span: 'span', ephemeris: 'real orbit', 'nominal-l2': 'nominal L2' };

/** One edge of a window: its instant, what made it and the margin kept, e.g. "2022-10-02 00:31 (real orbit, 0 d)". */
function edgeText(window: ScheduleWindow, which: 'start' | 'end'): string {
  const atMs = which === 'start' ? window.startMs : window.endMs;
  const edge = which === 'start' ? window.startEdge : window.endEdge;
  const what =
    edge === undefined
      ? 'given'
      : edge.model === 'span'
        ? which === 'start'
          ? 'span start: in view before'
          : 'span end: in view after'
        : `${EDGE_MODEL[edge.model]}, ${Number((edge.marginMs / MS_PER_DAY).toFixed(2))} d`;
  return `${utc(atMs).toFormat('yyyy-MM-dd HH:mm')} (${what})`;
}
const days = (value: number | null): string => (value === null ? '-' : value.toFixed(1));

/** Width of a block's orientation column: `V3PA 123.4 [118.3..128.4]` and the markers after it. */
const BLOCK_ORIENTATION_WIDTH = 34;

/**
 * A block's orientation: the nominal V3PA of its first visit that has one, the range every
 * visit of the block with a V3PA can hold throughout, `asked` when a visit was asked for an orientation (`held` when the band was
 * chosen for its series) and `MAZ` when a visit has time in the micrometeoroid avoidance zone.
 */
function blockOrientation(visits: readonly ScheduledVisit[]): string {
  const first = visits.find((visit) => visit.v3pa !== undefined);
  if (!first?.v3pa) return '';
  // A record's V3PA range is an arc already (ends in [0, 360), or the whole circle 0..360).
  const ranges = visits.flatMap((visit) => (visit.v3pa ? [{ minDeg: visit.v3pa.minDeg, maxDeg: visit.v3pa.maxDeg }] : []));
  const common = commonAngleRange(ranges);
  const markers = [
    ...(visits.some((visit) => visit.orientation?.origin === 'asked') ? ['asked'] : []),
    ...(visits.some((visit) => visit.orientation?.origin === 'held') ? ['held'] : []),
    ...(visits.some((visit) => (visit.mazMs ?? 0) > 0) ? ['MAZ'] : []),
  ];
  const range = common ? `${common.minDeg.toFixed(1)}..${common.maxDeg.toFixed(1)}` : 'none common';
  return `V3PA ${first.v3pa.nominalDeg.toFixed(1)} [${range}]${markers.length > 0 ? ` ${markers.join(' ')}` : ''}`;
}

/**
 * A plain-text calendar of a schedule: a heading (with the share of observing time in the
 * micrometeoroid avoidance zone where the schedule models it), then each month with its epoch
 * blocks (day, UTC start and end time, `+1` when the block ends the next day, target, epoch,
 * observations, where the plan says so what ran (`done`, `failed`) or how far the epoch may
 * move (`may move 2022-08-15 to 08-22`), the orientation when the visits carry their V3PA,
 * labels, and the cycle when the table repeats every cycle), months with
 * none saying which targets were out of view, then the cadence per target (gaps, largest gap,
 * which gaps the sky forced), whether each series can hold one orientation across its epochs,
 * and the visits that could not be placed, with reasons. With `options.width`, the text fits
 * that many columns (see {@link CalendarTextOptionsSchema}).
 *
 * @example
 * ```ts
 * console.log(scheduleToCalendarText(scheduleProgram(loadBuiltInProgram()), { width: 100 }));
 * ```
 */
export function scheduleToCalendarText(schedule: Schedule, options: CalendarTextOptions = {}): string {
  const { width } = parseWith(CalendarTextOptionsSchema, options, 'options', 'scheduleToCalendarText');
  const text = calendarText(schedule);
  return width === undefined ? text : wrapText(text, width);
}

/**
 * Options of {@link scheduleToCalendarText}: `width`, the columns of the terminal it is for
 * (at least 40); longer lines are wrapped at spaces, each continuation indented, no word
 * dropped. Without it, each line is as long as its content (up to about 200 columns).
 *
 * @example
 * ```ts
 * CalendarTextOptionsSchema.parse({ width: 100 }); // { width: 100 }
 * ```
 */
export const CalendarTextOptionsSchema = z.object({ width: z.number().int().min(MIN_WRAP_WIDTH).optional() }).strict();

/** Options of {@link scheduleToCalendarText}. */
export type CalendarTextOptions = z.input<typeof CalendarTextOptionsSchema>;

/** The calendar text, each line as long as its content. */
function calendarText(schedule: Schedule): string {
  const perEdge = hasEdges(schedule);
  const blocks = blocksOf(schedule.visits);
  const gapCheck = gapsOfPlan(schedule, {});
  const targetWidth = Math.max(6, ...blocks.map((block) => block.target.length), ...gapCheck.targets.map((report) => report.target.length));
  const lines = [...headerLines(schedule, perEdge), ...monthLines(schedule, blocks, targetWidth), ...cadenceLines(gapCheck, targetWidth)];
  const orientations = seriesOrientationLines(schedule);
  if (orientations.length > 0) {
    lines.push('', 'Orientation per series: can one V3PA be held at every epoch? (an epoch holds what its visit can reach throughout)');
    for (const line of orientations) lines.push(`  ${line}`);
  }
  if (perEdge) {
    lines.push('', 'Visibility windows (UTC; what made each edge, and the margin kept from it)');
    for (const [target, windows] of Object.entries(schedule.windows)) {
      windows.forEach((window, index) => {
        lines.push(`  ${(index === 0 ? target : '').padEnd(targetWidth)}  ${edgeText(window, 'start')}  to  ${edgeText(window, 'end')}`);
      });
      if (windows.length === 0) lines.push(`  ${target.padEnd(targetWidth)}  never visible`);
    }
  }
  if ((schedule.missedDates ?? []).length > 0) {
    lines.push('', 'Ideal dates missed');
    for (const missed of schedule.missedDates!) lines.push(`  ${missed.target}: ${missed.reason}`);
  }
  if (schedule.unscheduled.length > 0) {
    lines.push('', 'Not scheduled');
    for (const visit of schedule.unscheduled)
      lines.push(`  obs ${observationText(schedule, visit)} ${visit.label} (${visit.target}, epoch ${visit.epoch}): ${visit.reason}`);
  }
  for (const note of schedule.notes ?? []) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** The calendar's head: the program, the span and cadence, the observer and MAZ, what the plan holds, the numbering, a squeeze, the history. */
function headerLines(schedule: Schedule, perEdge: boolean): string[] {
  const lines: string[] = [];
  lines.push(`Program ${schedule.program.id}: ${schedule.program.title}`);
  const lastDay = formatDate(schedule.span.endMs - 1);
  const margin =
    schedule.marginMs !== undefined
      ? `, ${(schedule.marginMs / MS_PER_DAY).toFixed(1)}-day margin from window edges`
      : perEdge
        ? ", each window edge's own margin (listed below)"
        : '';
  lines.push(`${formatDate(schedule.span.startMs)} to ${lastDay} (UTC), ${schedule.mode} cadence${margin}`);
  if (schedule.observer !== undefined) lines.push(`Observer: ${schedule.observer}`);
  const maz = mazSummaryText(schedule);
  if (maz !== undefined) lines.push(`MAZ: ${maz}`);
  // What the plan holds besides its planned visits: visits that ran, and a continued plan's.
  const done = schedule.visits.filter((visit) => visit.status === 'done').length;
  const failed = schedule.visits.filter((visit) => visit.status === 'failed').length;
  const carried = schedule.visits.filter(
    (visit) => (visit.status ?? 'planned') === 'planned' && visit.cycle !== undefined && visit.endMs <= schedule.span.startMs,
  ).length;
  const held = [
    done > 0 || failed > 0 ? `${done} done, ${failed} failed` : '',
    carried > 0 ? `${carried} carried from an earlier cycle's plan` : '',
  ].filter(Boolean);
  const ranText = held.length === 0 ? '' : ` (${held.join(', ')}, ${schedule.visits.length - done - failed - carried} planned)`;
  lines.push(`${schedule.visits.length} visits placed${ranText}, ${schedule.unscheduled.length} unscheduled`);
  const numbering = numberingText(schedule);
  lines.push(`${numbering[0]!.toUpperCase()}${numbering.slice(1)}`);
  // A squeezed cadence is said at the top too, where a reader of the count looks.
  for (const note of schedule.notes ?? []) if (note.startsWith(SQUEEZE_NOTE_PREFIX)) lines.push(`Warning: ${note}`);

  const before = schedule.visits.filter((visit) => visit.endMs <= schedule.span.startMs);
  if (before.length > 0) {
    const cycles = [...new Set(before.map((visit) => visit.cycle).filter((cycle) => cycle !== undefined))];
    lines.push(
      `Before the span: ${before.length} visits${cycles.length > 0 ? ` of cycle ${cycles.join(', ')}` : ''} (history), the last ${formatDate(Math.max(...before.map((visit) => visit.startMs)))}`,
    );
  }
  return lines;
}

/** A block's state column: its statuses, a failure placed again, or how far it may move. */
function blockState(visits: readonly ScheduledVisit[], repeats: ReadonlyMap<string, ScheduledVisit>): string {
  const statuses = [...new Set(visits.map((visit) => visit.status ?? 'planned'))];
  if (statuses.length > 1) return statuses.join('/');
  if (statuses[0] === 'done') return 'done';
  if (statuses[0] === 'failed') {
    const again = visits.every((failed) => repeats.has(visitIdentity(failed.cycle, failed)));
    return again ? 'failed, placed again' : 'failed';
  }
  const slack = visits[0]!.slack;
  return slack === undefined ? 'fixed' : slackText(slack);
}

/** Month by month, a line per epoch block (or why a month has none). */
function monthLines(schedule: Schedule, blocks: ReturnType<typeof blocksOf>, targetWidth: number): string[] {
  const lines: string[] = [];
  const withV3pa = schedule.visits.some((visit) => visit.v3pa !== undefined);
  // Where the plan says what ran and how far each epoch may move: one more column.
  const withState = schedule.visits.some((visit) => visit.status !== undefined || visit.slack !== undefined);
  const repeats = repeatsOf(schedule);
  // Each block's state, found once: its width sets the column's.
  const states = new Map(withState ? blocks.map((block) => [block, blockState(block.visits, repeats)] as const) : []);
  const stateWidth = withState ? Math.max(...[...states.values()].map((state) => state.length)) : 0;
  const cycleOf = (visits: readonly ScheduledVisit[]): string => (visits[0]!.cycle === undefined ? '' : ` (cycle ${visits[0]!.cycle})`);
  let month = utc(schedule.span.startMs).startOf('month');
  while (month.toMillis() < schedule.span.endMs) {
    const next = month.plus({ months: 1 });
    lines.push('', month.toFormat('LLLL yyyy'));
    const inMonth = blocks.filter((block) => block.visits[0]!.startMs >= month.toMillis() && block.visits[0]!.startMs < next.toMillis());
    for (const block of inMonth) {
      const first = block.visits[0]!;
      const last = block.visits[block.visits.length - 1]!;
      const nextDay = utc(last.endMs).startOf('day') > utc(first.startMs).startOf('day') ? '+1' : '  ';
      const when = `${utc(first.startMs).toFormat('ccc dd  HH:mm')}-${utc(last.endMs).toFormat('HH:mm')}${nextDay}`;
      const labels = block.visits.map((visit) => visit.label).join(', ');
      const observations = blockObservationsText(schedule, block.visits);
      const orientation = withV3pa ? `${blockOrientation(block.visits).padEnd(BLOCK_ORIENTATION_WIDTH)}  ` : '';
      const state = withState ? `${states.get(block)!.padEnd(stateWidth)}  ` : '';
      lines.push(
        `  ${when}  ${block.target.padEnd(targetWidth)}  epoch ${String(block.epoch).padStart(2)}  obs ${observations.padEnd(7)}  ${state}${orientation}${labels}${cycleOf(block.visits)}`,
      );
    }
    if (inMonth.length === 0) {
      const hidden = Object.entries(schedule.windows)
        .filter(([, windows]) => !windows.some((w) => w.startMs < next.toMillis() && w.endMs > month.toMillis()))
        .map(([target]) => target);
      lines.push(`  no visits${hidden.length > 0 ? ` (not visible all month: ${hidden.join(', ')})` : ''}`);
    }
    month = next;
  }
  return lines;
}

/** Per target, its gaps' figures, its largest gap and whether it was forced, and the other forced gaps. */
function cadenceLines(gapCheck: ReturnType<typeof gapsOfPlan>, targetWidth: number): string[] {
  const lines: string[] = ['', 'Cadence per target (gaps between epoch starts, days)'];
  for (const report of gapCheck.targets) {
    const largest = report.gaps.reduce<(typeof report.gaps)[number] | undefined>(
      (best, gap) => (!best || gap.days > best.days ? gap : best),
      undefined,
    );
    lines.push(
      `  ${report.target.padEnd(targetWidth)}  ${report.startsMs.length} epochs  gaps min ${days(report.minDays)}  mean ${days(report.meanDays)}  max ${days(report.maxDays)}  sd ${days(report.stdDays)}`,
    );
    if (largest) {
      lines.push(
        `  ${''.padEnd(targetWidth)}  largest gap ${formatDate(largest.fromMs)} to ${formatDate(largest.toMs)} (${largest.days.toFixed(1)} d)${largest.forced ? `, forced: not visible for ${largest.invisibleDays.toFixed(1)} d of it` : ', chosen by the schedule'}`,
      );
    }
    const forced = report.gaps.filter((gap) => gap.forced && gap !== largest);
    for (const gap of forced) {
      lines.push(
        `  ${''.padEnd(targetWidth)}  also forced: ${formatDate(gap.fromMs)} to ${formatDate(gap.toMs)} (${gap.days.toFixed(1)} d, not visible for ${gap.invisibleDays.toFixed(1)} d)`,
      );
    }
  }
  return lines;
}
