/**
 * The schedule as a month-by-month calendar for the terminal, with a cadence summary.
 * @module
 */
import { DateTime } from 'luxon';
import { cadenceGaps } from '../cadence/gaps.js';
import type { Schedule } from '../cadence/schedule.js';
import { formatDate, MS_PER_DAY } from '../time/instant.js';
import { checkScheduleInstants } from './check.js';
import { blocksOf } from './epochs.js';

/** Observation numbers as compact ranges: [1,2,3,5] -> "1-3, 5". */
function observationRanges(observations: readonly number[]): string {
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

const utc = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: 'utc' });
const days = (value: number | null): string => (value === null ? '-' : value.toFixed(1));

/**
 * A plain-text calendar of a schedule: a heading, then each month with its epoch blocks (day,
 * UTC start and end time, `+1` when the block ends the next day, target, epoch, observations
 * and labels), months with none saying which targets
 * were out of view, then the cadence per target (gaps, largest gap, which gaps the sky forced)
 * and the visits that could not be placed, with reasons.
 *
 * @example
 * ```ts
 * console.log(scheduleToCalendarText(scheduleProgram(loadBuiltInProgram())));
 * ```
 */
export function scheduleToCalendarText(schedule: Schedule): string {
  checkScheduleInstants(schedule);
  const lines: string[] = [];
  lines.push(`Program ${schedule.program.id}: ${schedule.program.title}`);
  const lastDay = formatDate(schedule.span.endMs - 1);
  const margin = schedule.marginMs !== undefined ? `, ${(schedule.marginMs / MS_PER_DAY).toFixed(1)}-day margin from window edges` : '';
  lines.push(`${formatDate(schedule.span.startMs)} to ${lastDay} (UTC), ${schedule.mode} cadence${margin}`);
  lines.push(`${schedule.visits.length} visits placed, ${schedule.unscheduled.length} unscheduled`);

  const blocks = blocksOf(schedule.visits);
  const gapCheck = cadenceGaps(schedule);
  const targetWidth = Math.max(6, ...blocks.map((block) => block.target.length), ...gapCheck.targets.map((report) => report.target.length));
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
      const observations = observationRanges(block.visits.map((visit) => visit.observation));
      lines.push(`  ${when}  ${block.target.padEnd(targetWidth)}  epoch ${String(block.epoch).padStart(2)}  obs ${observations.padEnd(7)}  ${labels}`);
    }
    if (inMonth.length === 0) {
      const hidden = Object.entries(schedule.windows)
        .filter(([, windows]) => !windows.some((w) => w.startMs < next.toMillis() && w.endMs > month.toMillis()))
        .map(([target]) => target);
      lines.push(`  no visits${hidden.length > 0 ? ` (not visible all month: ${hidden.join(', ')})` : ''}`);
    }
    month = next;
  }

  lines.push('', 'Cadence per target (gaps between epoch starts, days)');
  for (const report of gapCheck.targets) {
    const largest = report.gaps.reduce<(typeof report.gaps)[number] | undefined>((best, gap) => (!best || gap.days > best.days ? gap : best), undefined);
    lines.push(
      `  ${report.target.padEnd(targetWidth)}  ${report.startsMs.length} epochs  gaps min ${days(report.minDays)}  mean ${days(report.meanDays)}  max ${days(report.maxDays)}  sd ${days(report.stdDays)}`,
    );
    if (largest) {
      lines.push(`  ${''.padEnd(targetWidth)}  largest gap ${formatDate(largest.fromMs)} to ${formatDate(largest.toMs)} (${largest.days.toFixed(1)} d)${largest.forced ? `, forced: not visible for ${largest.invisibleDays.toFixed(1)} d of it` : ', chosen by the schedule'}`);
    }
    const forced = report.gaps.filter((gap) => gap.forced && gap !== largest);
    for (const gap of forced) {
      lines.push(`  ${''.padEnd(targetWidth)}  also forced: ${formatDate(gap.fromMs)} to ${formatDate(gap.toMs)} (${gap.days.toFixed(1)} d, not visible for ${gap.invisibleDays.toFixed(1)} d)`);
    }
  }
  if ((schedule.missedDates ?? []).length > 0) {
    lines.push('', 'Ideal dates missed');
    for (const missed of schedule.missedDates!) lines.push(`  ${missed.target}: ${missed.reason}`);
  }
  if (schedule.unscheduled.length > 0) {
    lines.push('', 'Not scheduled');
    for (const visit of schedule.unscheduled) lines.push(`  obs ${visit.observation} ${visit.label} (${visit.target}, epoch ${visit.epoch}): ${visit.reason}`);
  }
  for (const note of schedule.notes ?? []) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}
