/**
 * The schedule as one self-contained HTML page a planner opens in a browser or sends by mail:
 * the program and span, the year's picture, a month-by-month calendar, every visit, the cadence
 * per target, what was not placed and why, and each target's windows. Styles and scripts are
 * inline and the page fetches nothing. Every piece of text from the schedule is escaped.
 * @module
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type GapReport, gapsOfPlan } from '../cadence/gaps.js';
import type { Schedule, ScheduledVisit, ScheduleWindow } from '../cadence/schedule.js';
import type { WindowEdge } from '../observatory/observer.js';
import { formatInstant, MS_PER_DAY, MS_PER_HOUR } from '../time/instant.js';
import { parseWith } from '../validation.js';
import { seriesOrientation } from '../visibility/series-orientation.js';
import { blockObservationsText } from './calendar.js';
import { visitWindowEdges } from './edges.js';
import { blocksOf, epochsOf, hasEdges, numberingText, targetsOf, visitLabel, windowsOf } from './epochs.js';
import { mazShareOf, mazSummaryText } from './orientation-text.js';
import { roundDegrees } from './precision.js';
import { slackText } from './slack-text.js';
import { DEFAULT_WINDOW_COLOURS, drawSchedule, escapeXml, SvgOptionsSchema } from './svg.js';

/**
 * Options of {@link scheduleToHtml}: `title` replaces the heading (default `JWST program <id>:
 * <title>`); `minGapDays` and `maxGapDays` are the gap bounds the cadence tables check (none
 * by default: the schedule record does not carry the bounds it was planned with).
 *
 * @example
 * ```ts
 * ReportOptionsSchema.parse({ maxGapDays: 45 }).maxGapDays; // 45
 * ```
 */
export const ReportOptionsSchema = z
  .object({
    title: z.string().min(1).optional(),
    minGapDays: z.number().finite().min(0).optional(),
    maxGapDays: z.number().finite().positive().optional(),
  })
  .strict()
  .refine((o) => o.minGapDays === undefined || o.maxGapDays === undefined || o.minGapDays <= o.maxGapDays, {
    message: 'minGapDays must not exceed maxGapDays',
    path: ['minGapDays'],
  });

/** The picture in the report: the SVG without its own heading (the page has one). */
const PICTURE_LAYOUT = parseWith(SvgOptionsSchema, { heading: false }, 'svg');

/**
 * Options of {@link scheduleToHtml}.
 *
 * @example
 * ```ts
 * const options: ReportOptions = { minGapDays: 14, maxGapDays: 45 };
 * ```
 */
export type ReportOptions = z.input<typeof ReportOptionsSchema>;

/** Escape text for HTML content and attribute values (the same five characters as in SVG). */
const esc = escapeXml;

const utc = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: 'utc', locale: 'en-GB' });
/** An instant to the minute, `2022-07-10 19:00`, in a `<time>` carrying the exact ISO text. */
function when(ms: number): string {
  return `<time datetime="${formatInstant(ms)}">${utc(ms).toFormat('yyyy-LL-dd HH:mm')}</time>`;
}
/** Days with one decimal; the minus sign is U+2212 so a negative number reads as one. */
function days(ms: number): string {
  return (ms / MS_PER_DAY).toFixed(1).replace('-', '−');
}
function signedDays(ms: number): string {
  return `${ms > 0 ? '+' : ''}${days(ms)}`;
}
const DASH = '<span class="none" aria-label="none">–</span>';

/**
 * One table cell; `sort` is the value the column sorts by, written only when the cell's text
 * would not sort the same (the page's script sorts by the text otherwise).
 */
function td(content: string, sort?: number | string, className?: string): string {
  const needed = sort !== undefined && esc(String(sort)) !== content;
  const attributes = [needed ? ` data-sort="${esc(String(sort))}"` : '', className ? ` class="${className}"` : ''].join('');
  return `<td${attributes}>${content}</td>`;
}

/** Column headings; sortable tables get a button in each, which the page's script wires up. */
function thead(columns: readonly string[], sortable: boolean): string {
  const cells = columns.map((column) =>
    sortable ? `<th scope="col" aria-sort="none"><button type="button">${column}</button></th>` : `<th scope="col">${column}</th>`,
  );
  return `<thead><tr>${cells.join('')}</tr></thead>`;
}

function table(options: {
  caption: string;
  columns: readonly string[];
  rows: readonly string[];
  sortable?: boolean;
  className?: string;
  id?: string;
}): string {
  const sortable = options.sortable ?? true;
  const classes = [sortable ? 'sortable' : '', options.className ?? ''].filter(Boolean).join(' ');
  return [
    `<div class="scroll"><table${options.id ? ` id="${options.id}"` : ''}${classes ? ` class="${classes}"` : ''}>`,
    `<caption>${options.caption}</caption>`,
    thead(options.columns, sortable),
    `<tbody>\n${options.rows.join('\n')}\n</tbody></table></div>`,
  ].join('\n');
}

/** The colour class of a target: its lane's colour in the picture. */
function colourClass(targets: readonly string[], target: string): string {
  return `c${Math.max(0, targets.indexOf(target)) % DEFAULT_WINDOW_COLOURS.length}`;
}
function swatch(targets: readonly string[], target: string): string {
  return `<span class="swatch ${colourClass(targets, target)}" aria-hidden="true"></span>`;
}

/** Whether a visit comes from JWST's published schedule: `ran` (done) or `scheduled` (held), else undefined. */
function realityOf(visit: ScheduledVisit): 'ran' | 'scheduled' | undefined {
  if (visit.published !== true) return undefined;
  return visit.status === 'done' ? 'ran' : 'scheduled';
}
function realityClass(visit: ScheduledVisit): string {
  const state = realityOf(visit);
  return state === undefined ? '' : ` ${state}`;
}
function realityText(visit: ScheduledVisit): string {
  const state = realityOf(visit);
  return state === undefined
    ? ''
    : state === 'ran'
      ? ' <span class="reality ran">ran (published schedule)</span>'
      : ' <span class="reality scheduled">scheduled by STScI (published schedule)</span>';
}
/** The status cell: the plan's status, and where a published schedule gave the visit, so. */
function statusText(visit: ScheduledVisit): string {
  const state = realityOf(visit);
  if (state === 'ran') return '<span class="reality ran">ran</span> <span class="range">published schedule</span>';
  if (state === 'scheduled') return '<span class="reality scheduled">scheduled</span> <span class="range">published schedule</span>';
  return esc(visit.status ?? 'planned');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The summary at the top: program, span, cadence, observer, margin, counts, notes. */
function facts(schedule: Schedule): string {
  const { span } = schedule;
  const blocks = blocksOf(schedule.visits).length;
  const spanDays = (span.endMs - span.startMs) / MS_PER_DAY;
  const rows: Array<[string, string]> = [
    ['Program', `${esc(schedule.program.id)}: ${esc(schedule.program.title.replace(/\s+/g, ' '))}`],
    ['Observation numbers', esc(numberingText(schedule))],
    [
      'Span',
      `${when(span.startMs)} to ${when(span.endMs)} UTC (${Number.isInteger(spanDays) ? spanDays : spanDays.toFixed(2)} days, end excluded)`,
    ],
    ['Cadence', schedule.mode === 'spread' ? 'spread: epochs as evenly as the sky allows' : 'period: epochs near ideal dates'],
    ['Observer model', observerText(schedule)],
    [
      'Margin from window edges',
      schedule.marginMs !== undefined
        ? `${days(schedule.marginMs)} days`
        : hasEdges(schedule)
          ? 'kept per edge, as the model that made it asks (see <a href="#windows">Visibility windows</a>)'
          : 'not recorded',
    ],
    ['Time grid', schedule.gridMs === undefined ? 'not recorded' : `${+(schedule.gridMs / MS_PER_HOUR).toFixed(3)} h`],
    [
      'Visits',
      `${schedule.visits.length} placed in ${plural(blocks, 'epoch block')}; ${schedule.unscheduled.length} not placed` +
        (schedule.missedDates && schedule.missedDates.length > 0 ? `; ${plural(schedule.missedDates.length, 'ideal date')} missed` : ''),
    ],
  ];
  const maz = mazSummaryText(schedule);
  if (maz !== undefined) rows.push(['Micrometeoroid avoidance zone', esc(maz)]);
  return `<dl class="facts">\n${rows.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('\n')}\n</dl>`;
}

/** The observer model in words, as the schedule names it, or that it does not. */
function observerText(schedule: Schedule): string {
  const named = schedule.observer;
  return named !== undefined && named.trim() !== '' ? esc(named) : 'not recorded in this schedule';
}

/** One window edge in words, `ephemeris, 0.5 d margin`, or undefined when the record does not say. */
function edgeText(edge: WindowEdge | undefined): string | undefined {
  if (edge === undefined) return undefined;
  const cut =
    edge.constraint === 'v3pa'
      ? 'orientation, '
      : edge.constraint === 'maz'
        ? 'MAZ, '
        : edge.constraint === 'maz-start'
          ? 'MAZ modelled from here, '
          : '';
  return `${cut}${esc(edge.model)}, ${days(edge.marginMs)} d margin`;
}

/** The year's picture, inline, with a caption naming what it shows. */
function picture(schedule: Schedule): string {
  const { startMs, endMs } = schedule.span;
  const caption = [
    'One lane a target: visibility windows as bars',
    'one mark an epoch (the start of its first visit)',
    'shading where the sky forced a gap',
    ...((schedule.missedDates ?? []).some((m) => m.idealMs >= startMs && m.idealMs < endMs)
      ? ['hollow diamonds at ideal dates no epoch took']
      : []),
    ...(schedule.unscheduled.length > 0 ? ['hollow marks, after the span, for epochs not placed'] : []),
    ...(schedule.visits.some((visit) => realityOf(visit) === 'ran')
      ? ['a filled ring on the epochs JWST ran (its published schedule)']
      : []),
    ...(schedule.visits.some((visit) => realityOf(visit) === 'scheduled')
      ? ['a hollow ring on the epochs JWST has scheduled (its published schedule)']
      : []),
  ];
  return [
    '<figure class="picture">',
    `<div class="svg">${drawSchedule(schedule, PICTURE_LAYOUT).trim()}</div>`,
    `<figcaption>${caption.join(', ')}. Point at a mark or bar (or move to it with the Tab key) for its dates.</figcaption>`,
    '</figure>',
  ].join('\n');
}

/** The month-by-month calendar: a grid of days with epoch starts marked, and the blocks listed. */
function calendar(schedule: Schedule, targets: readonly string[]): string {
  const blocks = blocksOf(schedule.visits);
  const missed = schedule.missedDates ?? [];
  const cards: string[] = [];
  let month = utc(schedule.span.startMs).startOf('month');
  while (month.toMillis() < schedule.span.endMs) {
    const next = month.plus({ months: 1 });
    const inMonth = (ms: number): boolean => ms >= month.toMillis() && ms < next.toMillis();
    const monthBlocks = blocks.filter((block) => inMonth(block.visits[0]!.startMs));
    const monthMissed = missed.filter((m) => inMonth(m.idealMs));
    // Weeks from Monday; a cell a day of the month, blank cells outside it.
    const rows: string[] = [];
    let day = month.minus({ days: month.weekday - 1 });
    while (day < next) {
      const cells: string[] = [];
      for (let k = 0; k < 7; k++, day = day.plus({ days: 1 })) {
        if (day.month !== month.month) {
          cells.push('<td></td>');
          continue;
        }
        const dayEnd = day.plus({ days: 1 }).toMillis();
        const starts = monthBlocks.filter((block) => block.visits[0]!.startMs >= day.toMillis() && block.visits[0]!.startMs < dayEnd);
        const misses = monthMissed.filter((m) => m.idealMs >= day.toMillis() && m.idealMs < dayEnd);
        const outside = day.toMillis() < schedule.span.startMs || day.toMillis() >= schedule.span.endMs;
        const marks = [
          ...starts.map((block) => `<span class="dot ${colourClass(targets, block.target)}${realityClass(block.visits[0]!)}"></span>`),
          ...misses.map(() => '<span class="dot missed"></span>'),
        ].join('');
        const classes = [starts.length > 0 ? 'busy' : '', outside ? 'outside' : ''].filter(Boolean).join(' ');
        cells.push(
          `<td${classes ? ` class="${classes}"` : ''}>${day.day}${marks ? `<span class="dots" aria-hidden="true">${marks}</span>` : ''}</td>`,
        );
      }
      rows.push(`<tr>${cells.join('')}</tr>`);
    }
    const items = [
      ...monthBlocks.map((block) => {
        const first = block.visits[0]!;
        const last = block.visits[block.visits.length - 1]!;
        const nextDay = utc(last.endMs).startOf('day') > utc(first.startMs).startOf('day') ? ' (next day)' : '';
        const observations = blockObservationsText(schedule, block.visits);
        return {
          ms: first.startMs,
          html:
            `<li>${swatch(targets, block.target)}<time datetime="${formatInstant(first.startMs)}">${utc(first.startMs).toFormat('ccc d, HH:mm')}</time>` +
            `–${utc(last.endMs).toFormat('HH:mm')}${nextDay}: ${esc(block.target)} epoch ${block.epoch}, obs ${observations}${realityText(first)}</li>`,
        };
      }),
      ...monthMissed.map((m) => ({
        ms: m.idealMs,
        html: `<li><span class="swatch missed" aria-hidden="true"></span><time datetime="${formatInstant(m.idealMs)}">${utc(m.idealMs).toFormat('ccc d')}</time>: ideal date missed for ${esc(m.target)}</li>`,
      })),
    ].sort((a, b) => a.ms - b.ms);
    let list: string;
    if (items.length > 0) {
      list = `<ul class="blocks">${items.map((item) => item.html).join('')}</ul>`;
    } else {
      const hidden = Object.entries(schedule.windows)
        .filter(([, windows]) => !windows.some((w) => w.startMs < next.toMillis() && w.endMs > month.toMillis()))
        .map(([target]) => esc(target));
      list = `<p class="quiet">No visits.${hidden.length > 0 ? ` Not visible all month: ${hidden.join(', ')}.` : ''}</p>`;
    }
    const name = month.toFormat('LLLL yyyy');
    cards.push(
      `<div class="month"><table class="days"><caption>${name}</caption>` +
        `<thead><tr>${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => `<th scope="col" abbr="${d}">${d.slice(0, 2)}</th>`).join('')}</tr></thead>` +
        `<tbody>${rows.join('')}</tbody></table>${list}</div>`,
    );
    month = next;
  }
  const legend = targets.map((target) => `<li>${swatch(targets, target)}${esc(target)}</li>`).join('');
  const reality = (['ran', 'scheduled'] as const)
    .filter((state) => schedule.visits.some((visit) => realityOf(visit) === state))
    .map(
      (state) =>
        `<li><span class="swatch ${state}" aria-hidden="true"></span>${state === 'ran' ? 'ran' : 'scheduled by STScI'} (JWST's published schedule)</li>`,
    )
    .join('');
  return `<ul class="key" aria-label="Colours">${legend}${missed.length > 0 ? '<li><span class="swatch missed" aria-hidden="true"></span>ideal date missed</li>' : ''}${reality}</ul>\n<div class="months">\n${cards.join('\n')}\n</div>`;
}

/**
 * A visit's V3PA: the nominal at its start, the range it can hold throughout (muted, below) and,
 * when it was asked for an orientation, that range and the aperture PA it came from.
 */
function v3paCell(visit: ScheduledVisit): string {
  const asked = askedText(visit);
  if (visit.v3pa === undefined) return asked === undefined ? td(DASH, -1) : td(asked, -1, 'num');
  // Rounded first as the files hold it, so a value such as x.x4996 reads the same from the plan and from its file.
  const [nominalDeg, minDeg, maxDeg] = [visit.v3pa.nominalDeg, visit.v3pa.minDeg, visit.v3pa.maxDeg].map(roundDegrees) as [
    number,
    number,
    number,
  ];
  // Sorted by the angle as the plan's files hold it (docs/outputs.md), so a page made from a
  // plan file is the page made from the plan.
  return td(
    `${nominalDeg.toFixed(1)} <span class="range">(${minDeg.toFixed(1)} to ${maxDeg.toFixed(1)})</span>${asked ?? ''}`,
    nominalDeg,
    'num',
  );
}

/** The orientation a visit was asked for (or held), and as aperture PA (APA) where known, as muted lines of its V3PA cell. */
function askedText(visit: ScheduledVisit): string | undefined {
  const orientation = visit.orientation;
  if (orientation === undefined) return undefined;
  const range = (value: { minDeg: number; maxDeg: number }): string => `${value.minDeg.toFixed(1)} to ${value.maxDeg.toFixed(1)}`;
  const aperture = orientation.aperturePa;
  const lines = [
    `${orientation.origin === 'held' ? 'held' : 'asked'} ${range(orientation.v3pa)}`,
    ...(aperture ? [`APA ${range(aperture)}`] : []),
  ];
  return lines.map((line) => `<span class="range">${line}</span>`).join('');
}

function mazCell(visit: ScheduledVisit): string {
  const share = mazShareOf(visit);
  if (share === undefined) return td(DASH, -1);
  return td(share === 0 ? 'outside' : `${Math.round(share * 100)}%`, share, 'num');
}

function slackCell(visit: ScheduledVisit): string {
  if (visit.slack === undefined) return td(DASH, -1);
  const { earliestMs, latestMs } = visit.slack;
  // Other runs the epoch could move to, beyond a block in its way: counted here, each with what
  // blocks it in the hover text (the words of the calendar).
  const others = Math.max(0, (visit.slack.runs?.length ?? 1) - 1);
  const more = others > 0 ? ` <span class="line">+${others} run${others === 1 ? '' : 's'}</span>` : '';
  return td(
    `<span title="may start ${esc(utc(earliestMs).toFormat('yyyy-LL-dd HH:mm'))} to ${esc(utc(latestMs).toFormat('yyyy-LL-dd HH:mm'))} UTC; ${esc(slackText(visit.slack))}">` +
      // Two lines, so that the column stays narrow enough for the visit table to fit A4 paper.
      `${signedDays(earliestMs - visit.startMs)} to <span class="line">${signedDays(latestMs - visit.startMs)}</span>${more}</span>`,
    latestMs - earliestMs,
    'num',
  );
}

/** Every placed visit, one row each, in time order. */
function visitsTable(schedule: Schedule, targets: readonly string[]): string {
  const withCycle = schedule.visits.some((visit) => visit.cycle !== undefined);
  const withStatus = schedule.visits.some((visit) => visit.status !== undefined || visit.published === true);
  const withMaz = schedule.visits.some((visit) => visit.mazMs !== undefined);
  const columns = [
    'Obs',
    ...(withCycle ? ['Cycle'] : []),
    ...(withStatus ? ['Status'] : []),
    'Label',
    'Template',
    'Target',
    'Epoch',
    'Start (UTC)',
    'End (UTC)',
    'V3PA, deg (range)',
    ...(withMaz ? ['MAZ'] : []),
    'After window opens, d',
    'Before window closes, d',
    'Slack, d',
  ];
  const rows = schedule.visits.map((visit) => {
    const cells = [
      td(esc(visitLabel(schedule, visit)), visit.observation, 'num'),
      ...(withCycle ? [visit.cycle === undefined ? td(DASH, -1) : td(String(visit.cycle), visit.cycle, 'num')] : []),
      ...(withStatus ? [td(statusText(visit))] : []),
      td(esc(visit.label)),
      td(esc(visit.template)),
      td(`${swatch(targets, visit.target)}${esc(visit.target)}`, visit.target, 'target'),
      td(String(visit.epoch), visit.epoch, 'num'),
      td(when(visit.startMs), visit.startMs),
      td(when(visit.endMs), visit.endMs),
      v3paCell(visit),
      ...(withMaz ? [mazCell(visit)] : []),
      ...edgeCells(schedule, visit),
      slackCell(visit),
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const caption =
    `${plural(schedule.visits.length, 'placed visit')}, in time order. V3PA: nominal at the visit's start, the range reachable throughout it, and any orientation asked (APA: as aperture position angle); MAZ: the share of the visit in the micrometeoroid avoidance zone. ` +
    'Distances to the edges of the visibility window that holds each visit, where the sky made them (where the span cut the window, the cell says the target was in view before or after the span); ' +
    'slack is how far its epoch may move with every other epoch fixed (– where the schedule does not say). Select a heading to sort.';
  return table({ caption, columns, rows, id: 'visits-table' });
}

/**
 * The distances to the edges of a visit's window, where the sky made them; where the span cut
 * the window the cell says so instead (a distance from the cut is no margin: the target was in
 * view before the span, or stays in view after it). Such cells sort after every distance.
 */
function edgeCells(schedule: Schedule, visit: ScheduledVisit): string[] {
  const edges = visitWindowEdges(schedule, visit);
  const far = Number.MAX_SAFE_INTEGER;
  return [
    edges.startCut ? td('in view before the span', far) : td(days(visit.startMs - edges.startMs), visit.startMs - edges.startMs, 'num'),
    edges.endCut ? td('in view after the span', far) : td(days(edges.endMs - visit.endMs), edges.endMs - visit.endMs, 'num'),
  ];
}

function statistic(value: number | null): string {
  return value === null ? DASH : value.toFixed(1);
}

/** Per target: the statistics of the gaps between epoch starts, then each gap. */
function cadence(
  schedule: Schedule,
  reports: readonly GapReport[],
  bounds: { minGapDays?: number; maxGapDays?: number },
  targets: readonly string[],
): string {
  const hasBounds = bounds.minGapDays !== undefined || bounds.maxGapDays !== undefined;
  const period = schedule.mode === 'period';
  const summaryRows = reports.map((report) => {
    const objective = schedule.objective?.[report.target];
    const deviation = objective?.mode === 'period' ? objective.maxDeviationMs / MS_PER_DAY : null;
    const cells = [
      td(`${swatch(targets, report.target)}${esc(report.target)}`, report.target, 'target'),
      td(String(report.startsMs.length), report.startsMs.length, 'num'),
      td(statistic(report.minDays), report.minDays ?? -1, 'num'),
      td(statistic(report.meanDays), report.meanDays ?? -1, 'num'),
      td(statistic(report.maxDays), report.maxDays ?? -1, 'num'),
      td(statistic(report.stdDays), report.stdDays ?? -1, 'num'),
      td(String(report.gaps.filter((gap) => gap.forced).length), report.gaps.filter((gap) => gap.forced).length, 'num'),
      ...(hasBounds ? [td(String(report.violations.length), report.violations.length, 'num')] : []),
      ...(period ? [td(statistic(deviation), deviation ?? -1, 'num')] : []),
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const boundsText = hasBounds
    ? `Gaps are checked against ${[
        bounds.minGapDays !== undefined ? `at least ${bounds.minGapDays} days` : '',
        bounds.maxGapDays !== undefined ? `at most ${bounds.maxGapDays} days` : '',
      ]
        .filter(Boolean)
        .join(' and ')}.`
    : 'No gap bounds were given, so none is checked.';
  const summary = table({
    caption: `Gaps between consecutive epoch starts of each target, days. A gap is forced when the target was out of view for part of it. ${boundsText}`,
    columns: [
      'Target',
      'Epochs',
      'Min gap',
      'Mean gap',
      'Max gap',
      'SD',
      'Forced gaps',
      ...(hasBounds ? ['Outside bounds'] : []),
      ...(period ? ['Largest deviation from ideal date'] : []),
    ],
    rows: summaryRows,
  });
  const details = reports.map((report) => {
    const epochs = epochsOf(schedule, report.target);
    const rows = report.gaps.map((gap, k) => {
      const kind = gap.forced ? `<span class="forced">forced</span>` : 'chosen';
      const violation = gap.violation === 'below-min' ? 'below min' : gap.violation === 'above-max' ? 'above max' : '';
      const cells = [
        td(`${epochName(epochs[k], k + 1)} to ${epochName(epochs[k + 1], k + 2)}`, k, 'nowrap'),
        td(when(gap.fromMs), gap.fromMs),
        td(when(gap.toMs), gap.toMs),
        td(gap.days.toFixed(1), gap.days, 'num'),
        td(gap.invisibleDays.toFixed(1), gap.invisibleDays, 'num'),
        td(gap.visibleDays.toFixed(1), gap.visibleDays, 'num'),
        td(kind, gap.forced ? 1 : 0),
        ...(hasBounds ? [violation ? td(`<strong>${violation}</strong>`, violation) : td(DASH, '')] : []),
      ];
      return `<tr>${cells.join('')}</tr>`;
    });
    const body =
      rows.length === 0
        ? `<p class="quiet">${plural(report.startsMs.length, 'epoch')}: no gap to measure.</p>`
        : table({
            caption: `${esc(report.target)}: ${plural(rows.length, 'gap')} between epoch starts, days`,
            columns: ['Epochs', 'From', 'To', 'Gap', 'Not visible', 'Visible', 'Forced or chosen', ...(hasBounds ? ['Bound'] : [])],
            rows,
          });
    return `<div><h3>${swatch(targets, report.target)}${esc(report.target)}</h3>\n${body}</div>`;
  });
  return `${summary}\n<div class="gaps">\n${details.join('\n')}\n</div>`;
}

/** Per series: the V3PA each epoch can hold, and whether one angle serves every epoch. */
function orientationSection(schedule: Schedule): string {
  const sections = seriesOrientation(schedule.visits);
  if (sections.length === 0) return '<p class="quiet">The schedule gives no V3PA for its visits.</p>';
  const range = (value: { minDeg: number; maxDeg: number }): string => `${value.minDeg.toFixed(1)} to ${value.maxDeg.toFixed(1)}`;
  const rows = sections.map((section) => {
    const verdict = section.common
      ? td(`every epoch: <strong>${range(section.common)}</strong>`, 1)
      : section.best!.epochs.length < 2
        ? td('no two epochs share an angle', 0)
        : td(
            `${range(section.best!.range)} for epochs ${section.best!.epochs.join(', ')}`,
            section.best!.epochs.length / section.epochs.length,
          );
    const perEpoch = section.epochs.map((epoch) => `${epoch.epoch}: ${range(epoch.range)}`).join('; ');
    return `<tr>${[td(esc(section.series)), td(String(section.epochs.length), section.epochs.length, 'num'), verdict, td(esc(perEpoch), undefined, 'reason')].join('')}</tr>`;
  });
  return table({
    caption:
      'Can one orientation be held across a series (the same detector pixels every time)? Each epoch holds the V3PA range its visit can reach throughout (degrees, east of north); ' +
      'the common range serves every epoch, or else the range shared by the most epochs.',
    columns: ['Series', 'Epochs', 'One V3PA for', 'Each epoch'],
    rows,
  });
}

/** Visits not placed, ideal dates missed and the scheduler's notes. */
function notPlaced(schedule: Schedule, targets: readonly string[]): string {
  const parts: string[] = [];
  if (schedule.unscheduled.length === 0) {
    parts.push('<p>Every visit was placed.</p>');
  } else {
    const withCycle = schedule.unscheduled.some((visit) => visit.cycle !== undefined);
    parts.push(
      table({
        caption: `${plural(schedule.unscheduled.length, 'visit')} not placed, with the scheduler's reason`,
        columns: ['Obs', ...(withCycle ? ['Cycle'] : []), 'Label', 'Target', 'Epoch', 'Reason'],
        rows: schedule.unscheduled.map((visit) => {
          const cells = [
            td(esc(visitLabel(schedule, visit)), visit.observation, 'num'),
            ...(withCycle ? [visit.cycle === undefined ? td(DASH, -1) : td(String(visit.cycle), visit.cycle, 'num')] : []),
            td(esc(visit.label)),
            td(`${swatch(targets, visit.target)}${esc(visit.target)}`, visit.target, 'target'),
            td(String(visit.epoch), visit.epoch, 'num'),
            td(esc(visit.reason), undefined, 'reason'),
          ];
          return `<tr>${cells.join('')}</tr>`;
        }),
      }),
    );
  }
  const missed = schedule.missedDates ?? [];
  if (missed.length > 0) {
    parts.push(
      table({
        caption: `${plural(missed.length, 'ideal date')} of the period cadence that no epoch took`,
        columns: ['Target', 'Ideal date', 'Nearest possible start', 'Reason'],
        rows: missed.map(
          (m) =>
            `<tr>${[
              td(`${swatch(targets, m.target)}${esc(m.target)}`, m.target, 'target'),
              td(when(m.idealMs), m.idealMs),
              m.nearestStartMs === undefined ? td(DASH, -1) : td(when(m.nearestStartMs), m.nearestStartMs),
              td(esc(m.reason), undefined, 'reason'),
            ].join('')}</tr>`,
        ),
      }),
    );
  } else if (schedule.mode === 'period') {
    parts.push(
      `<p>${schedule.missedDates === undefined ? 'The schedule does not list missed ideal dates.' : 'Every ideal date took an epoch.'}</p>`,
    );
  }
  const notes = schedule.notes ?? [];
  if (notes.length > 0) {
    parts.push(`<h3>Notes from the scheduler</h3>\n<ul>${notes.map((note) => `<li>${esc(note)}</li>`).join('')}</ul>`);
  }
  return parts.join('\n');
}

/** An epoch in a gap table: its number, with its cycle when the table repeats every cycle (`13 (cycle 1)`). */
function epochName(epoch: { epoch: number; cycle?: number } | undefined, fallback: number): string {
  if (!epoch) return String(fallback);
  return epoch.cycle === undefined ? String(epoch.epoch) : `${epoch.epoch} (cycle ${epoch.cycle})`;
}

/** Each target's visibility windows, with the epochs placed in each. */
function windowsTables(schedule: Schedule, targets: readonly string[]): string {
  const edges = hasEdges(schedule);
  const tables = targets.map((target) => {
    const windows: readonly ScheduleWindow[] = windowsOf(schedule, target);
    const epochs = epochsOf(schedule, target);
    const total = windows.reduce((sum, w) => sum + (w.endMs - w.startMs), 0);
    const rows = windows.map((w, k) => {
      const inside = epochs.filter((epoch) => epoch.startMs >= w.startMs && epoch.startMs < w.endMs).length;
      return `<tr>${[
        td(String(k + 1), k + 1, 'num'),
        td(when(w.startMs), w.startMs),
        td(when(w.endMs), w.endMs),
        td(days(w.endMs - w.startMs), w.endMs - w.startMs, 'num'),
        td(String(inside), inside, 'num'),
        ...(edges ? [td(edgeText(w.startEdge) ?? DASH), td(edgeText(w.endEdge) ?? DASH)] : []),
      ].join('')}</tr>`;
    });
    if (rows.length === 0) return `<div><h3>${esc(target)}</h3><p class="quiet">No visibility window in the span.</p></div>`;
    return `<div><h3>${swatch(targets, target)}${esc(target)}</h3>\n${table({
      caption: `${plural(windows.length, 'window')}, ${days(total)} days in view (UTC)`,
      columns: ['#', 'Opens', 'Closes', 'Days', 'Epochs', ...(edges ? ['Opening edge by', 'Closing edge by'] : [])],
      rows,
      sortable: false,
    })}</div>`;
  });
  return `<div class="windows">\n${tables.join('\n')}\n</div>`;
}

/**
 * Colours, with their WCAG 2 contrast: text #111827 on white or #f3f4f6 (17.7:1, 16.1:1),
 * secondary text #374151 (10.3:1, 9.4:1), links #1d4ed8 (6.7:1), the forced-gap label #7f1d1d
 * on #fde2e1 (8.2:1), calendar days outside the span #6b7280 (4.8:1); AA asks for 4.5:1.
 */
const STYLE = `
:root{color-scheme:light;--text:#111827;--muted:#374151;--line:#d1d5db;--pale:#f3f4f6;--link:#1d4ed8}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1248px;padding:0 16px 32px;font:15px/1.45 Helvetica,Arial,"DejaVu Sans","Liberation Sans",sans-serif;color:var(--text);background:#fff}
h1{font-size:1.6rem;margin:1.2rem 0 .4rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:var(--link)}p{margin:.4rem 0}.quiet{color:var(--muted)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.6rem 0}
.facts div{display:contents}.facts dt{font-weight:700}.facts dd{margin:0}
nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;padding:0;margin:.6rem 0}
.picture{margin:0}.svg svg{display:block;max-width:100%;height:auto}.picture figcaption{color:var(--muted);font-size:.9rem;margin-top:.3rem}
.svg [data-tip]{cursor:default}.svg [data-tip]:focus{outline:2px solid var(--link);outline-offset:1px}
#tip{position:fixed;z-index:10;max-width:30rem;padding:.35rem .55rem;border-radius:4px;background:#111827;color:#fff;font-size:.85rem;white-space:pre-line;pointer-events:none;box-shadow:0 2px 6px rgba(0,0,0,.3)}
#tip[hidden]{display:none}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem}
caption{text-align:left;color:var(--muted);padding:.2rem 0 .4rem;caption-side:top}
th,td{padding:.25rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;overflow-wrap:break-word}
thead th{background:var(--pale);border-bottom:2px solid var(--line);vertical-align:bottom}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.target,td.nowrap{white-space:nowrap}
td time{white-space:nowrap}
th button{all:unset;cursor:pointer;font-weight:700}
th button:focus-visible{outline:2px solid var(--link)}
th[aria-sort=ascending] button::after{content:" ▲";font-size:.7em}th[aria-sort=descending] button::after{content:" ▼";font-size:.7em}
#visits-table{width:100%}
.range{display:block;color:var(--muted);font-size:.85em}.line{display:block}.none{color:var(--muted)}
.forced{background:#fde2e1;color:#7f1d1d;padding:0 .3rem;border-radius:3px}
.swatch{display:inline-block;width:.75rem;height:.75rem;border-radius:2px;margin-right:.35rem;vertical-align:-.05rem}
.swatch.missed,.dot.missed{background:#fff;border:2px solid #b91c1c}
.c0{background:#4e79a7}.c1{background:#59a14f}.c2{background:#b07aa1}.c3{background:#f28e2b}.c4{background:#76b7b2}.c5{background:#edc948}
.key{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;padding:0;margin:.3rem 0 .8rem}
.months{display:grid;grid-template-columns:repeat(auto-fill,minmax(17.5rem,1fr));gap:1rem}
.month{border:1px solid var(--line);border-radius:6px;padding:.2rem .6rem .5rem}
.days{width:100%;table-layout:fixed;margin:0 0 .3rem;font-size:.85rem}
.days caption{font-weight:700;color:var(--text);font-size:1rem}
.days th,.days td{text-align:center;padding:.1rem 0;border:0;height:2rem}
.days thead th{background:none;color:var(--muted);font-weight:400;height:auto}
.days td.busy{font-weight:700}.days td.outside{color:#6b7280}
.dots{display:flex;justify-content:center;gap:2px;height:.5rem}.dot{display:inline-block;width:.45rem;height:.45rem;border-radius:50%}
.dot.missed{border-width:1.5px}
.dot.ran,.swatch.ran{box-shadow:0 0 0 1.5px #fff,0 0 0 3px #111827}.dot.scheduled,.swatch.scheduled{box-shadow:0 0 0 1.5px #fff,0 0 0 3px #111827;background:#fff}
.swatch.ran{background:#111827;border-radius:50%}.swatch.scheduled{border-radius:50%}
.reality{font-size:.8em;font-weight:700;padding:0 .25rem;border-radius:3px;border:1.5px solid #111827}.reality.ran{background:#111827;color:#fff}.reality.scheduled{background:#fff;color:#111827}
.blocks{list-style:none;padding:0;margin:0;font-size:.85rem}.blocks li{margin:.15rem 0}
.windows,.gaps{display:flex;flex-wrap:wrap;gap:0 2.5rem}.windows>div,.gaps>div{max-width:100%}
td.reason{min-width:16rem}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
@media print{
@page{size:A4;margin:12mm}
body{max-width:none;padding:0;font-size:9pt}
nav,#tip{display:none!important}
h2{break-after:avoid;margin-top:1.2rem}h3{break-after:avoid}
a{color:inherit;text-decoration:none}
.scroll{overflow:visible}
table{font-size:8pt;width:100%}th,td{padding:.1rem .25rem}
thead{display:table-header-group}tr,.month,.picture{break-inside:avoid}
th button{font-weight:700}th[aria-sort] button::after{content:none}
.months{grid-template-columns:repeat(3,1fr);gap:.5rem}.month{padding:.1rem .3rem}
.days td{height:1.4rem}
.windows,.gaps{gap:0 1.5rem}
*{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`;

/**
 * The page's script: a tooltip drawn by the page for the picture's marks and bars (browsers do
 * not show SVG titles everywhere, and not to the keyboard), and sortable tables.
 */
const SCRIPT = `
(function () {
  'use strict';
  var tip = document.getElementById('tip');
  document.querySelectorAll('.svg svg *').forEach(function (node) {
    var title = node.firstElementChild;
    if (!title || title.tagName !== 'title' || node.tagName === 'svg') return;
    node.setAttribute('data-tip', title.textContent);
    node.setAttribute('aria-label', title.textContent);
    title.remove();
    if (node.matches('.epoch, .missed-date, .not-placed')) node.setAttribute('tabindex', '0');
  });
  function show(target, x, y) {
    tip.textContent = target.getAttribute('data-tip');
    tip.hidden = false;
    var box = tip.getBoundingClientRect();
    var left = Math.min(x + 14, window.innerWidth - box.width - 4);
    var top = y + 18 + box.height > window.innerHeight ? y - box.height - 10 : y + 18;
    tip.style.left = Math.max(4, left) + 'px';
    tip.style.top = Math.max(4, top) + 'px';
  }
  function hide() { tip.hidden = true; }
  document.addEventListener('pointermove', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-tip]') : null;
    if (target) show(target, event.clientX, event.clientY); else hide();
  });
  document.addEventListener('focusin', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-tip]') : null;
    if (!target) { hide(); return; }
    var box = target.getBoundingClientRect();
    show(target, box.left + box.width / 2, box.bottom - 18);
  });
  document.addEventListener('focusout', hide);
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') hide(); });

  function key(cell) {
    var value = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    var number = Number(value);
    return value !== '' && isFinite(number) ? number : value.toLowerCase();
  }
  function compare(a, b) {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'number') return -1;
    if (typeof b === 'number') return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var headers = table.querySelectorAll('thead th');
    headers.forEach(function (th, column) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        headers.forEach(function (other) { if (other.hasAttribute('aria-sort')) other.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).map(function (row, index) { return { row: row, key: key(row.cells[column]), index: index }; });
        rows.sort(function (a, b) { return (ascending ? 1 : -1) * compare(a.key, b.key) || a.index - b.index; });
        rows.forEach(function (entry) { body.appendChild(entry.row); });
      });
    });
  });
})();
`;

/**
 * The schedule as one self-contained HTML document: the program, span, cadence and observer
 * model; the year's picture ({@link scheduleToSvg}, inline, with tooltips the page draws); a
 * month-by-month calendar; a sortable table of the visits (observation, label, template,
 * target, epoch, start, end, V3PA, the orientation asked and the time in the micrometeoroid
 * avoidance zone where the schedule has them, distance to the window's edges, slack, with a dash
 * where the schedule does not say); the cadence per target (`cadenceGaps`: each gap, forced
 * or chosen, against the bounds given); whether each series can hold one orientation; what was
 * not placed and why; each target's windows. Styles
 * and scripts are inline and nothing is fetched, so the file opens from a mail attachment. A
 * print stylesheet lays it out for A4. Deterministic: the same schedule gives the same bytes.
 *
 * @param schedule - the schedule to report.
 * @param options - heading and gap bounds; see {@link ReportOptionsSchema}.
 * @returns the HTML document's text.
 * @example
 * ```ts
 * writeFileSync('report.html', scheduleToHtml(schedule, { maxGapDays: 45 }));
 * ```
 */
export function scheduleToHtml(schedule: Schedule, options: ReportOptions = {}): string {
  const { title: titleOption, ...bounds } = parseWith(ReportOptionsSchema, options, 'report');
  const title = titleOption ?? `JWST program ${schedule.program.id}: ${schedule.program.title.replace(/\s+/g, ' ')}`;
  const targets = targetsOf(schedule);
  const reports = gapsOfPlan(schedule, bounds).targets;
  const sections: Array<[id: string, heading: string, body: string]> = [
    ['year', 'The year', picture(schedule)],
    ['calendar', 'Month by month', calendar(schedule, targets)],
    ['visits', 'Visits', visitsTable(schedule, targets)],
    ['cadence', 'Cadence per target', cadence(schedule, reports, bounds, targets)],
    ['orientation', 'Orientation per series', orientationSection(schedule)],
    ['not-placed', 'Not placed', notPlaced(schedule, targets)],
    ['windows', 'Visibility windows', windowsTables(schedule, targets)],
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="jwst-cadence">',
    `<title>${esc(title)}: cadence report</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(title)}</h1>`,
    facts(schedule),
    `<nav aria-label="Sections"><ul>${sections.map(([id, heading]) => `<li><a href="#${id}">${heading}</a></li>`).join('')}</ul></nav>`,
    '</header>',
    '<main>',
    ...sections.map(
      ([id, heading, body]) => `<section id="${id}" aria-labelledby="${id}-h">\n<h2 id="${id}-h">${heading}</h2>\n${body}\n</section>`,
    ),
    '</main>',
    '<footer><p>Made by jwst-cadence from the schedule record. All times are UTC.</p></footer>',
    '<div id="tip" role="tooltip" hidden></div>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
