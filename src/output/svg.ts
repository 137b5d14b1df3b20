/**
 * A picture of the schedule's span as SVG text: one lane a target, its visibility windows as
 * bars, each epoch as a mark at its first visit's start, the gaps between consecutive epochs
 * that visibility forced shaded, the period cadence's missed ideal dates as hollow diamonds,
 * and the epochs that were not placed as hollow marks in a column after the span. Time maps
 * linearly to x across the plot area:
 *
 *     x = plotLeft + plotWidth · (t − span.start) / (span.end − span.start)
 *
 * where plotWidth = width − plotLeft − plotRight, less notPlacedWidth when something was not
 * placed. The SVG is written by hand (it is small); every piece of text is escaped.
 * @module
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { visibleMs } from '../cadence/gaps.js';
import { type Schedule, type ScheduledVisit, type TimeInterval, type UnscheduledVisit, visitIdentity } from '../cadence/schedule.js';
import { InputError } from '../errors.js';
import { formatDate, formatInstant, MS_PER_DAY } from '../time/instant.js';
import { parseWith } from '../validation.js';
import { blocksOf, type Epoch, epochsOf, observationText, repeatsOf, targetsOf, windowsOf } from './epochs.js';
import { mazText, orientationText, v3paText } from './orientation-text.js';
import { slackText } from './slack-text.js';

/** A colour as `#rrggbb`, the only form accepted (it goes into attributes verbatim). */
const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb');

/**
 * Default colours. Window bars cycle through a palette of mid-tone hues that stay apart for
 * colour-blind readers (Tableau 10's first six); epoch marks are near-black so they show on
 * any bar; forced gaps are a pale red that reads as "unavailable" behind the bars.
 */
export const DEFAULT_WINDOW_COLOURS: readonly string[] = ['#4e79a7', '#59a14f', '#b07aa1', '#f28e2b', '#76b7b2', '#edc948'];
const DEFAULT_EPOCH_COLOUR = '#1f2937';
const DEFAULT_FORCED_GAP_COLOUR = '#f6c9c6';
/** Missed ideal dates: a dark red outline, apart from the bars' hues and the pale gap shading. */
const DEFAULT_MISSED_DATE_COLOUR = '#b91c1c';
/** Visits that failed: a burnt orange cross (5.2:1 on white), apart from the missed dates' red. */
const DEFAULT_FAILED_COLOUR = '#c2410c';
/** Neutral colours: text, secondary text, month grid lines, alternate lane background. */
const TEXT_COLOUR = '#111827';
const MUTED_TEXT_COLOUR = '#4b5563';
const GRID_COLOUR = '#d1d5db';
const LANE_BACKGROUND = '#f3f4f6';

/** Vertical layout, px: title and subtitle baselines, month-label baseline, top of the first lane. */
const TITLE_BASELINE = 28;
const SUBTITLE_BASELINE = 48;
const MONTH_LABEL_BASELINE = 74;
const LANES_TOP = 84;
/** How much higher the months and lanes sit when the title and subtitle are left out, px. */
const HEADING_HEIGHT = 52;
/** Inside a lane, as fractions of its height: the forced-gap band, the window bar, the epoch mark. */
const GAP_BAND = { top: 0.1, bottom: 0.9 };
const BAR_BAND = { top: 0.34, bottom: 0.7 };
const MARK_BAND = { top: 0.18, bottom: 0.86 };
/** Epoch mark width, px: 3 px covers at least one whole pixel column wherever it lands. */
const MARK_WIDTH = 3;
/** Width of the invisible area around an epoch mark that answers the pointer, px. */
const MARK_HIT_WIDTH = 11;
/** Missed ideal date: a diamond this far from its centre to each corner, px, outlined 2 px. */
const DIAMOND_RADIUS = 6;
const DIAMOND_STROKE = 2;
/** A failed visit's cross, px: half its width, its stroke, and the white halo under it (so it shows over a bar or a mark). */
const CROSS_RADIUS = 4;
const CROSS_STROKE = 2;
const CROSS_HALO = 4;
/**
 * The least room kept left and right of the span, px: half the widest mark (the diamond and
 * its outline, 7 px), so a mark at the span's first or last instant is drawn whole.
 *
 * @example
 * ```ts
 * scheduleToSvg(schedule, { plotLeft: EDGE_ROOM_PX, plotRight: EDGE_ROOM_PX }); // the tightest picture
 * ```
 */
export const EDGE_ROOM_PX = DIAMOND_RADIUS + DIAMOND_STROKE / 2;
/**
 * A not-placed epoch: a hollow mark this wide, outlined 2 px on whole pixels (crisp at any
 * scale of 1), one every `NOT_PLACED_STEP` px.
 */
const NOT_PLACED_MARK_WIDTH = 7;
const NOT_PLACED_STROKE = 2;
const NOT_PLACED_STEP = 11;
/** Legend: gap below the lanes, row height, swatch size, px. */
const LEGEND_GAP = 22;
const LEGEND_ROW = 20;
const LEGEND_SWATCH = { width: 18, height: 10 };
/** Font sizes, px. */
const FONT = { title: 17, subtitle: 12, lane: 13, laneNote: 10, month: 11, gap: 9, legend: 12, more: 10 };
/**
 * Font families, in order of preference: common sans-serif faces on the major systems, then
 * DejaVu Sans (present on most Linux systems and picked by renderers without a generic
 * sans-serif mapping), then the generic family. Names are unquoted (CSS allows that for
 * multi-word names) because some SVG renderers skip a quoted name in a list.
 */
const FONT_FAMILY = 'Helvetica, Arial, DejaVu Sans, Liberation Sans, sans-serif';
/**
 * Generous advance of one character, as a fraction of the font size, for regular and bold
 * text, used to decide what fits (wide sans-serif faces average about 0.55 and 0.65).
 */
const CHAR_WIDTH_EM = 0.6;
const BOLD_CHAR_WIDTH_EM = 0.72;

/**
 * Options of {@link scheduleToSvg}. Sizes are px: `width` of the whole picture (default 1200),
 * `plotLeft` the x of the span's start (default 190, room for target names), `plotRight`
 * the margin after the span's end (default 30), `laneHeight` one target's lane (default 44),
 * `notPlacedWidth` the column after the span's margin that holds the epochs not placed (default
 * 84; taken from the plot only when some visit was not placed). `plotLeft` and `plotRight` are
 * at least {@link EDGE_ROOM_PX}, so a mark at either end of the span is drawn whole. `title`
 * replaces the default `JWST program <id>: <title>`. `colours` replaces the window palette (one
 * colour a lane, cycling), the epoch mark colour (also the outline of epochs not placed), the
 * forced-gap colour, the missed-date outline and the cross of a failed visit. `heading: false` leaves out the drawn title and
 * subtitle (for a page that has its own heading); the picture keeps its `<title>`.
 *
 * @example
 * ```ts
 * SvgOptionsSchema.parse({ width: 800 }).plotLeft; // 190
 * ```
 */
export const SvgOptionsSchema = z
  .object({
    width: z.number().int().min(300).max(20_000).default(1200),
    plotLeft: z.number().min(EDGE_ROOM_PX, `must leave at least ${EDGE_ROOM_PX} px for a mark at the span's start`).default(190),
    plotRight: z.number().min(EDGE_ROOM_PX, `must leave at least ${EDGE_ROOM_PX} px for a mark at the span's end`).default(30),
    laneHeight: z.number().min(16).max(400).default(44),
    notPlacedWidth: z.number().min(40).max(1000).default(84),
    title: z.string().optional(),
    heading: z.boolean().default(true),
    colours: z
      .object({
        windows: z
          .array(HexColour)
          .min(1)
          .default([...DEFAULT_WINDOW_COLOURS]),
        epoch: HexColour.default(DEFAULT_EPOCH_COLOUR),
        forcedGap: HexColour.default(DEFAULT_FORCED_GAP_COLOUR),
        missedDate: HexColour.default(DEFAULT_MISSED_DATE_COLOUR),
        failed: HexColour.default(DEFAULT_FAILED_COLOUR),
      })
      .strict()
      .default({
        windows: [...DEFAULT_WINDOW_COLOURS],
        epoch: DEFAULT_EPOCH_COLOUR,
        forcedGap: DEFAULT_FORCED_GAP_COLOUR,
        missedDate: DEFAULT_MISSED_DATE_COLOUR,
        failed: DEFAULT_FAILED_COLOUR,
      }),
  })
  .strict()
  .refine((options) => options.width - options.plotLeft - options.plotRight >= 100, {
    message: 'the plot area (width - plotLeft - plotRight) must be at least 100 px wide',
    path: ['width'],
  });
/**
 * Options of {@link scheduleToSvg}.
 *
 * @example
 * ```ts
 * const options: SvgOptions = { width: 1600, colours: { forcedGap: '#ffd8a8' } };
 * ```
 */
export type SvgOptions = z.input<typeof SvgOptionsSchema>;
/** Checked SVG options, defaults filled in. */
export type SvgLayout = z.output<typeof SvgOptionsSchema>;
type Layout = SvgLayout;

/** Escape text for SVG (and HTML) content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A coordinate as text: at most two decimals, no `-0`. */
function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** Text shortened with an ellipsis to about `maxPx` at `fontPx`. */
function fit(text: string, fontPx: number, maxPx: number, bold = false): string {
  const maxChars = Math.max(1, Math.floor(maxPx / (fontPx * (bold ? BOLD_CHAR_WIDTH_EM : CHAR_WIDTH_EM))));
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(0, maxChars - 1))}…`;
}

function rect(x: number, y: number, width: number, height: number, fill: string, title?: string): string {
  const attributes = `x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${fill}"`;
  return title === undefined ? `<rect ${attributes}/>` : `<rect ${attributes}><title>${escapeXml(title)}</title></rect>`;
}

function text(x: number, y: number, content: string, attributes: string): string {
  return `<text x="${num(x)}" y="${num(y)}" ${attributes}>${escapeXml(content)}</text>`;
}

/** The month boundaries strictly inside the span, as UTC instants (luxon, UTC zone). */
function monthBoundaries(span: TimeInterval): number[] {
  const boundaries: number[] = [];
  let month = DateTime.fromMillis(span.startMs, { zone: 'utc' }).startOf('month').plus({ months: 1 });
  while (month.toMillis() < span.endMs) {
    boundaries.push(month.toMillis());
    month = month.plus({ months: 1 });
  }
  return boundaries;
}

function monthAxis(schedule: Schedule, xOf: (ms: number) => number, plotBottom: number, shift: number): string[] {
  const { span } = schedule;
  const boundaries = monthBoundaries(span);
  const edges = [span.startMs, ...boundaries, span.endMs];
  const parts = boundaries.map(
    (ms) =>
      `<line x1="${num(xOf(ms))}" y1="${LANES_TOP - shift - 6}" x2="${num(xOf(ms))}" y2="${num(plotBottom)}" stroke="${GRID_COLOUR}" stroke-width="1"/>`,
  );
  edges.slice(0, -1).forEach((fromMs, index) => {
    const toMs = edges[index + 1]!;
    const segmentPx = xOf(toMs) - xOf(fromMs);
    const month = DateTime.fromMillis(fromMs, { zone: 'utc', locale: 'en-US' });
    const withYear = index === 0 || month.month === 1;
    // The longest form that fits: with the year on the first month and on January, else without.
    const label = [withYear ? month.toFormat('LLL yyyy') : undefined, month.toFormat('LLL')].find(
      (candidate) => candidate !== undefined && candidate.length * FONT.month * CHAR_WIDTH_EM <= segmentPx - 4,
    );
    if (label === undefined) {
      return; // a sliver of a month at an edge of the span: no room for its name
    }
    parts.push(
      text(
        (xOf(fromMs) + xOf(toMs)) / 2,
        MONTH_LABEL_BASELINE - shift,
        label,
        `font-size="${FONT.month}" text-anchor="middle" fill="${MUTED_TEXT_COLOUR}"`,
      ),
    );
  });
  return parts;
}

/** Where things go across the picture: time to x, and the not-placed column if there is one. */
interface Geometry {
  readonly xOf: (ms: number) => number;
  /** x of the not-placed column's left edge, when some visit was not placed. */
  readonly notPlacedLeft?: number;
  /** y of the first lane's top. */
  readonly lanesTop: number;
  /** Where failed visits were placed again (see `repeatsOf`), for every lane. */
  readonly repeats: ReadonlyMap<string, ScheduledVisit>;
}

/** The unscheduled visits of one target, grouped by (cycle, epoch), in that order. */
function notPlacedEpochs(schedule: Schedule, target: string): UnscheduledVisit[][] {
  const groups = new Map<string, UnscheduledVisit[]>();
  for (const visit of schedule.unscheduled) {
    if (visit.target !== target) continue;
    const key = `${visit.cycle ?? 0}/${visit.epoch}`;
    groups.set(key, [...(groups.get(key) ?? []), visit]);
  }
  return [...groups.values()].sort((a, b) => (a[0]!.cycle ?? 0) - (b[0]!.cycle ?? 0) || a[0]!.epoch - b[0]!.epoch);
}

/** One not-placed epoch in words: `BD+60-1753 epoch 3 not placed: observation 12 (label): reason`. */
function notPlacedText(schedule: Schedule, target: string, visits: readonly UnscheduledVisit[]): string {
  const first = visits[0]!;
  const cycle = first.cycle === undefined ? '' : `cycle ${first.cycle} `;
  const each = visits.map((visit) => `observation ${observationText(schedule, visit)} (${visit.label}): ${visit.reason}`).join('; ');
  return `${target} ${cycle}epoch ${first.epoch} not placed: ${each}`;
}

/** A target's failed visits, grouped by cycle and epoch, in time order (each group's first start first). */
function failedEpochs(schedule: Schedule, target: string): ScheduledVisit[][] {
  const groups = new Map<string, ScheduledVisit[]>();
  for (const visit of schedule.visits) {
    if (visit.target !== target || visit.status !== 'failed') continue;
    const key = `${visit.cycle ?? 0}/${visit.epoch}`;
    groups.set(key, [...(groups.get(key) ?? []), visit]);
  }
  return [...groups.values()].sort((a, b) => a[0]!.startMs - b[0]!.startMs);
}

/** One failed epoch in words, with where each visit was placed again when the plan repeats it. */
function failedText(
  schedule: Schedule,
  repeats: ReadonlyMap<string, ScheduledVisit>,
  target: string,
  visits: readonly ScheduledVisit[],
): string {
  const first = visits[0]!;
  const cycle = first.cycle === undefined ? '' : ` (cycle ${first.cycle})`;
  const each = visits.map((visit) => {
    const again = repeats.get(visitIdentity(visit.cycle, visit));
    return `observation ${observationText(schedule, visit)} (${visit.label}) failed ${formatInstant(visit.startMs)}${again ? `; placed again ${formatInstant(again.startMs)}` : '; not placed again'}`;
  });
  return [`${target} epoch ${first.epoch}${cycle}: a visit that failed`, ...each].join('\n');
}

/** One lane's place in the picture: its target, its top and height, and the bands in it. */
interface LaneFrame {
  readonly schedule: Schedule;
  readonly target: string;
  readonly layout: Layout;
  readonly geometry: Geometry;
  readonly top: number;
  readonly h: number;
  /** y of the bar's centre line, and the epoch marks' top and height. */
  readonly barMiddle: number;
  readonly markTop: number;
  readonly markHeight: number;
}

function lane(schedule: Schedule, target: string, index: number, layout: Layout, geometry: Geometry): string[] {
  const top = geometry.lanesTop + index * layout.laneHeight;
  const h = layout.laneHeight;
  const frame: LaneFrame = {
    schedule,
    target,
    layout,
    geometry,
    top,
    h,
    barMiddle: top + ((BAR_BAND.top + BAR_BAND.bottom) / 2) * h,
    markTop: top + MARK_BAND.top * h,
    markHeight: (MARK_BAND.bottom - MARK_BAND.top) * h,
  };
  const windows = windowsOf(schedule, target);
  const epochs = epochsOf(schedule, target);
  const colour = layout.colours.windows[index % layout.colours.windows.length]!;
  return [
    `<g class="lane" data-target="${escapeXml(target)}">`,
    ...laneLabel(frame, epochs),
    // Forced gaps first, so the window bars and marks are drawn over them.
    ...forcedGaps(frame, windows, epochs),
    ...windowBars(frame, windows, colour),
    ...missedDateMarks(frame),
    ...epochMarks(frame, epochs),
    ...failedMarks(frame),
    ...notPlacedMarks(frame),
    '</g>',
  ];
}

/** The part of an interval inside the span, if any. */
function clipToSpan(span: TimeInterval, interval: TimeInterval): TimeInterval | undefined {
  const startMs = Math.max(interval.startMs, span.startMs);
  const endMs = Math.min(interval.endMs, span.endMs);
  return endMs > startMs ? { startMs, endMs } : undefined;
}

function inSpan(span: TimeInterval, ms: number): boolean {
  return ms >= span.startMs && ms < span.endMs;
}

/** The lane's name, and under it its epochs in the span and its unscheduled visits. */
function laneLabel(frame: LaneFrame, epochs: readonly Epoch[]): string[] {
  const { schedule, target, layout, top, h } = frame;
  const unscheduled = schedule.unscheduled.filter((visit) => visit.target === target).length;
  const shownEpochs = epochs.filter((epoch) => inSpan(schedule.span, epoch.startMs)).length;
  const note = [`${shownEpochs} epoch${shownEpochs === 1 ? '' : 's'}`, unscheduled > 0 ? `${unscheduled} unscheduled` : '']
    .filter(Boolean)
    .join(' · ');
  return [
    text(
      layout.plotLeft - 10,
      top + h / 2,
      fit(target, FONT.lane, layout.plotLeft - 16, true),
      `font-size="${FONT.lane}" font-weight="600" text-anchor="end" fill="${TEXT_COLOUR}"`,
    ),
    text(
      layout.plotLeft - 10,
      top + h / 2 + FONT.laneNote + 3,
      note,
      `font-size="${FONT.laneNote}" text-anchor="end" fill="${MUTED_TEXT_COLOUR}"`,
    ),
  ];
}

/** The gaps between epochs that the target's invisibility forces, with their length in days where it fits. */
function forcedGaps(frame: LaneFrame, windows: readonly TimeInterval[], epochs: readonly Epoch[]): string[] {
  const { schedule, target, layout, geometry, top, h } = frame;
  const parts: string[] = [];
  epochs.slice(1).forEach((epoch, k) => {
    const previous: Epoch = epochs[k]!;
    if (visibleMs(windows, previous.startMs, epoch.startMs) >= epoch.startMs - previous.startMs) return;
    const shown = clipToSpan(schedule.span, { startMs: previous.startMs, endMs: epoch.startMs });
    if (shown === undefined) return;
    const x0 = geometry.xOf(shown.startMs);
    const x1 = geometry.xOf(shown.endMs);
    const gapDays = Math.round((epoch.startMs - previous.startMs) / MS_PER_DAY);
    parts.push(
      rect(
        x0,
        top + GAP_BAND.top * h,
        x1 - x0,
        (GAP_BAND.bottom - GAP_BAND.top) * h,
        layout.colours.forcedGap,
        `${target}: ${gapDays} days from epoch ${previous.epoch} to epoch ${epoch.epoch}; the target is not visible for part of it`,
      ),
    );
    const label = `${gapDays} d`;
    if (label.length * FONT.gap * CHAR_WIDTH_EM + 8 < x1 - x0) {
      parts.push(
        text((x0 + x1) / 2, top + BAR_BAND.top * h - 2, label, `font-size="${FONT.gap}" text-anchor="middle" fill="${MUTED_TEXT_COLOUR}"`),
      );
    }
  });
  return parts;
}

/** The target's visibility windows as bars. */
function windowBars(frame: LaneFrame, windows: readonly TimeInterval[], colour: string): string[] {
  const { schedule, target, geometry, top, h } = frame;
  const { xOf } = geometry;
  const parts: string[] = [];
  for (const window of windows) {
    const shown = clipToSpan(schedule.span, window);
    if (shown === undefined) continue;
    parts.push(
      rect(
        xOf(shown.startMs),
        top + BAR_BAND.top * h,
        xOf(shown.endMs) - xOf(shown.startMs),
        (BAR_BAND.bottom - BAR_BAND.top) * h,
        colour,
        `${target} visible ${formatInstant(window.startMs)} to ${formatInstant(window.endMs)}`,
      ),
    );
  }
  return parts;
}

/** Missed ideal dates (period cadence): hollow diamonds on the bar's centre line, under the epoch marks. */
function missedDateMarks(frame: LaneFrame): string[] {
  const { schedule, target, layout, geometry, barMiddle } = frame;
  const parts: string[] = [];
  for (const missed of schedule.missedDates ?? []) {
    if (missed.target !== target || !inSpan(schedule.span, missed.idealMs)) continue;
    const x = geometry.xOf(missed.idealMs);
    const r = DIAMOND_RADIUS;
    const nearest = missed.nearestStartMs === undefined ? '' : `; nearest possible start ${formatInstant(missed.nearestStartMs)}`;
    parts.push(
      `<g class="missed-date"><title>${escapeXml(`${target}: ideal date ${formatInstant(missed.idealMs)} missed: ${missed.reason}${nearest}`)}</title>` +
        `<path d="M${num(x)} ${num(barMiddle - r)}L${num(x + r)} ${num(barMiddle)}L${num(x)} ${num(barMiddle + r)}L${num(x - r)} ${num(barMiddle)}Z" ` +
        `fill="#ffffff" stroke="${layout.colours.missedDate}" stroke-width="${DIAMOND_STROKE}" stroke-linejoin="round"/></g>`,
    );
  }
  return parts;
}

/** Each epoch in the span as a mark, with a ring where a published schedule gives it and its story as the title. */
function epochMarks(frame: LaneFrame, epochs: readonly Epoch[]): string[] {
  const { schedule, target, layout, geometry, markTop, markHeight } = frame;
  const parts: string[] = [];
  for (const epoch of epochs) {
    if (!inSpan(schedule.span, epoch.startMs)) continue;
    const x = geometry.xOf(epoch.startMs);
    const reality = publishedState(epoch.visits[0]!);
    // An invisible, wider area answers the pointer, so the thin mark is easy to hover.
    parts.push(
      `<g class="epoch"><title>${escapeXml(epochTitle(schedule, target, epoch, reality))}</title>` +
        `<rect x="${num(x - MARK_HIT_WIDTH / 2)}" y="${num(markTop)}" width="${MARK_HIT_WIDTH}" height="${num(markHeight)}" fill="#ffffff" fill-opacity="0"/>` +
        `${rect(x - MARK_WIDTH / 2, markTop, MARK_WIDTH, markHeight, layout.colours.epoch)}` +
        // What JWST ran or scheduled (a published schedule): a ring on the mark, filled when it ran.
        (reality === undefined ? '' : publishedRing(x, markTop - PUBLISHED_RADIUS - 1, reality, layout.colours.epoch)) +
        '</g>',
    );
  }
  return parts;
}

/** An epoch mark's title: when, which observations, what ran or how far it may move, and each visit's orientation. */
function epochTitle(schedule: Schedule, target: string, epoch: Epoch, reality: 'ran' | 'scheduled' | undefined): string {
  const observations = epoch.visits.map((visit) => observationText(schedule, visit)).join(', ');
  const endMs = Math.max(...epoch.visits.map((visit) => visit.endMs));
  // Each visit's V3PA, asked orientation and MAZ time, a line each, where the schedule says.
  const orientation = epoch.visits.flatMap((visit) => {
    const parts = [v3paText(visit), orientationText(visit), mazText(visit)].filter((text) => text !== undefined);
    return parts.length > 0 ? [`observation ${observationText(schedule, visit)}: ${parts.join('; ')}`] : [];
  });
  // What ran (done), or how far the epoch may move, where the plan says.
  const first = epoch.visits[0]!;
  const state =
    reality === 'ran'
      ? ["ran, as JWST's published schedule gives it"]
      : reality === 'scheduled'
        ? ['scheduled by STScI (published schedule), held']
        : first.status === 'done'
          ? ['done']
          : first.slack
            ? [slackText(first.slack)]
            : [];
  return (
    `${target} epoch ${epoch.epoch}${epoch.cycle === undefined ? '' : ` (cycle ${epoch.cycle})`}: ${formatInstant(epoch.startMs)} to ${formatInstant(endMs)} (observation${epoch.visits.length > 1 ? 's' : ''} ${observations})` +
    [...state, ...orientation].map((line) => `\n${line}`).join('')
  );
}

/**
 * Visits that failed: a cross at the first failed visit's start on the bar's centre line, over
 * the epoch marks (the epoch's other visits, or its repeat, may sit at the same place).
 */
function failedMarks(frame: LaneFrame): string[] {
  const { schedule, target, layout, geometry, barMiddle } = frame;
  const parts: string[] = [];
  for (const visits of failedEpochs(schedule, target)) {
    if (!inSpan(schedule.span, visits[0]!.startMs)) continue;
    const x = geometry.xOf(visits[0]!.startMs);
    const r = CROSS_RADIUS;
    const d = `M${num(x - r)} ${num(barMiddle - r)}L${num(x + r)} ${num(barMiddle + r)}M${num(x - r)} ${num(barMiddle + r)}L${num(x + r)} ${num(barMiddle - r)}`;
    parts.push(
      `<g class="failed"><title>${escapeXml(failedText(schedule, geometry.repeats, target, visits))}</title>` +
        `<path d="${d}" stroke="#ffffff" stroke-width="${CROSS_STROKE + CROSS_HALO}" stroke-linecap="round" fill="none"/>` +
        `<path d="${d}" stroke="${layout.colours.failed}" stroke-width="${CROSS_STROKE}" stroke-linecap="round" fill="none"/></g>`,
    );
  }
  return parts;
}

/** Epochs not placed: hollow marks in the column after the span, in epoch order; "+N" for the rest. */
function notPlacedMarks(frame: LaneFrame): string[] {
  const { schedule, target, layout, geometry, top, h, markTop, markHeight } = frame;
  const notPlaced = notPlacedEpochs(schedule, target);
  const left = geometry.notPlacedLeft;
  if (left === undefined || notPlaced.length === 0) return [];
  const parts: string[] = [];
  const slots = Math.max(1, Math.floor((layout.notPlacedWidth - 8) / NOT_PLACED_STEP));
  const shownCount = notPlaced.length <= slots ? notPlaced.length : Math.max(0, slots - 2);
  const y0 = Math.round(markTop);
  const y1 = Math.round(markTop + markHeight);
  notPlaced.slice(0, shownCount).forEach((visits, k) => {
    const x = Math.round(left + 5 + k * NOT_PLACED_STEP);
    parts.push(
      `<g class="not-placed"><title>${escapeXml(notPlacedText(schedule, target, visits))}</title>` +
        `<rect x="${x}" y="${y0}" width="${NOT_PLACED_MARK_WIDTH}" height="${y1 - y0}" fill="#ffffff" stroke="${layout.colours.epoch}" stroke-width="${NOT_PLACED_STROKE}"/></g>`,
    );
  });
  const rest = notPlaced.slice(shownCount);
  if (rest.length > 0) {
    const x = left + 4 + shownCount * NOT_PLACED_STEP;
    parts.push(
      `<g class="not-placed"><title>${escapeXml(rest.map((visits) => notPlacedText(schedule, target, visits)).join('\n'))}</title>` +
        `${text(x, top + h / 2 + FONT.more / 2 - 1, `+${rest.length}`, `font-size="${FONT.more}" fill="${TEXT_COLOUR}"`)}</g>`,
    );
  }
  return parts;
}

/** A ring's radius, px, over an epoch mark from a published schedule. */
const PUBLISHED_RADIUS = 3.5;

/** Whether a visit comes from JWST's published schedule, and then whether it ran or is scheduled. */
function publishedState(visit: ScheduledVisit): 'ran' | 'scheduled' | undefined {
  if (visit.published !== true) return undefined;
  return visit.status === 'done' ? 'ran' : 'scheduled';
}

/** The ring of a published epoch: filled when it ran, hollow when it is scheduled. */
function publishedRing(x: number, y: number, state: 'ran' | 'scheduled', colour: string): string {
  return `<circle class="published-${state}" cx="${num(x)}" cy="${num(y)}" r="${PUBLISHED_RADIUS}" fill="${state === 'ran' ? colour : '#ffffff'}" stroke="${colour}" stroke-width="1.5"/>`;
}

/**
 * The legend, stacked in the label column left of the plot so its swatches never share a
 * column of pixels with the plot's bars. Missed dates and not-placed epochs appear only when
 * the picture has some.
 */
function legend(
  layout: Layout,
  top: number,
  extras: { missedDates: boolean; failed: boolean; notPlaced: boolean; ran: boolean; scheduled: boolean },
): string[] {
  const swatchX = 16;
  const swatchMiddle = swatchX + LEGEND_SWATCH.width / 2;
  const items: Array<[swatch: (y: number) => string, label: string]> = [
    [
      (y) => rect(swatchX, y, LEGEND_SWATCH.width, LEGEND_SWATCH.height, layout.colours.windows[0]!),
      'visibility window (one colour a target)',
    ],
    [
      (y) => rect(swatchMiddle - MARK_WIDTH / 2, y - 2, MARK_WIDTH, LEGEND_SWATCH.height + 4, layout.colours.epoch),
      'epoch: start of its first visit',
    ],
    [
      (y) => rect(swatchX, y, LEGEND_SWATCH.width, LEGEND_SWATCH.height, layout.colours.forcedGap),
      'gap between epochs forced by invisibility',
    ],
  ];
  if (extras.missedDates) {
    const r = LEGEND_SWATCH.height / 2 + 1;
    items.push([
      (y) => {
        const cy = y + LEGEND_SWATCH.height / 2;
        return `<path d="M${num(swatchMiddle)} ${num(cy - r)}L${num(swatchMiddle + r)} ${num(cy)}L${num(swatchMiddle)} ${num(cy + r)}L${num(swatchMiddle - r)} ${num(cy)}Z" fill="#ffffff" stroke="${layout.colours.missedDate}" stroke-width="${DIAMOND_STROKE}" stroke-linejoin="round"/>`;
      },
      'ideal date no epoch took (period cadence)',
    ]);
  }
  if (extras.failed) {
    const r = CROSS_RADIUS;
    items.push([
      (y) => {
        const cy = y + LEGEND_SWATCH.height / 2;
        return `<path d="M${num(swatchMiddle - r)} ${num(cy - r)}L${num(swatchMiddle + r)} ${num(cy + r)}M${num(swatchMiddle - r)} ${num(cy + r)}L${num(swatchMiddle + r)} ${num(cy - r)}" stroke="${layout.colours.failed}" stroke-width="${CROSS_STROKE}" stroke-linecap="round" fill="none"/>`;
      },
      'visit that failed (its repeat is an epoch mark)',
    ]);
  }
  if (extras.ran)
    items.push([
      (y) => publishedRing(swatchMiddle, y + LEGEND_SWATCH.height / 2, 'ran', layout.colours.epoch),
      'epoch JWST ran (published schedule)',
    ]);
  if (extras.scheduled)
    items.push([
      (y) => publishedRing(swatchMiddle, y + LEGEND_SWATCH.height / 2, 'scheduled', layout.colours.epoch),
      'epoch JWST has scheduled (published schedule)',
    ]);
  if (extras.notPlaced) {
    items.push([
      (y) =>
        `<rect x="${num(swatchMiddle - NOT_PLACED_MARK_WIDTH / 2)}" y="${num(y - 2)}" width="${NOT_PLACED_MARK_WIDTH}" height="${LEGEND_SWATCH.height + 4}" fill="#ffffff" stroke="${layout.colours.epoch}" stroke-width="${NOT_PLACED_STROKE}"/>`,
      'epoch not placed (column after the span)',
    ]);
  }
  return items.flatMap(([swatch, label], row) => {
    const y = top + row * LEGEND_ROW;
    return [
      swatch(y),
      text(swatchX + LEGEND_SWATCH.width + 8, y + LEGEND_SWATCH.height - 1, label, `font-size="${FONT.legend}" fill="${TEXT_COLOUR}"`),
    ];
  });
}

/**
 * Draw the schedule's span as an SVG picture: a title, months on the axis, one lane a
 * target with its visibility windows as bars, one mark per epoch at the start of its first
 * visit, and the gap between consecutive epochs shaded when the target was invisible for
 * part of it (visibility, not choice, set that gap). The period cadence's missed ideal dates
 * are hollow diamonds at those dates, and visits that failed are crosses where they ran; epochs that were not placed have no date, so they are
 * hollow marks in a "not placed" column after the span, on their target's lane. A legend sits
 * below the lanes. Marks at the span's first or last instant are drawn whole. Hovering a bar,
 * mark or gap in a browser shows its dates. The output is deterministic.
 *
 * @param schedule - the schedule to draw.
 * @param options - sizes, title and colours; see {@link SvgOptionsSchema}.
 * @returns the SVG document's text.
 * @example
 * ```ts
 * writeFileSync('plan.svg', scheduleToSvg(schedule, { width: 1400 }));
 * ```
 */
export function scheduleToSvg(schedule: Schedule, options: SvgOptions = {}): string {
  return drawSchedule(schedule, parseWith(SvgOptionsSchema, options, 'svg'));
}

/** {@link scheduleToSvg} of a checked schedule, with checked options (the HTML report draws through this). */
export function drawSchedule(schedule: Schedule, layout: SvgLayout): string {
  const { span } = schedule;
  const notPlaced = schedule.unscheduled.length > 0;
  const plotWidth = layout.width - layout.plotLeft - layout.plotRight - (notPlaced ? layout.notPlacedWidth : 0);
  if (plotWidth < 100) {
    throw new InputError('svg.width: the plot area (width - plotLeft - plotRight - notPlacedWidth) must be at least 100 px wide');
  }
  const xOf = (ms: number): number => layout.plotLeft + (plotWidth * (ms - span.startMs)) / (span.endMs - span.startMs);
  const notPlacedLeft = notPlaced ? layout.plotLeft + plotWidth + layout.plotRight : undefined;
  const targets = targetsOf(schedule);
  const repeats = repeatsOf(schedule);
  const shift = layout.heading ? 0 : HEADING_HEIGHT;
  const lanesTop = LANES_TOP - shift;
  const plotBottom = lanesTop + targets.length * layout.laneHeight;
  const legendTop = plotBottom + LEGEND_GAP;
  const extras = {
    missedDates: (schedule.missedDates ?? []).some((missed) => missed.idealMs >= span.startMs && missed.idealMs < span.endMs),
    failed: schedule.visits.some((visit) => visit.status === 'failed' && visit.startMs >= span.startMs && visit.startMs < span.endMs),
    notPlaced,
    ran: schedule.visits.some((visit) => publishedState(visit) === 'ran' && visit.startMs >= span.startMs && visit.startMs < span.endMs),
    scheduled: schedule.visits.some(
      (visit) => publishedState(visit) === 'scheduled' && visit.startMs >= span.startMs && visit.startMs < span.endMs,
    ),
  };
  const height =
    legendTop +
    (3 + Number(extras.missedDates) + Number(extras.failed) + Number(extras.notPlaced) + Number(extras.ran) + Number(extras.scheduled)) *
      LEGEND_ROW +
    6;

  const title = layout.title ?? `JWST program ${schedule.program.id}: ${schedule.program.title.replace(/\s+/g, ' ')}`;
  const epochCount = blocksOf(schedule.visits).length;
  const subtitle = [
    `${formatDate(span.startMs)} to ${formatDate(span.endMs - 1)} (UTC)`,
    `${schedule.mode} mode`,
    `${schedule.visits.length} visit${schedule.visits.length === 1 ? '' : 's'} in ${epochCount} epoch${epochCount === 1 ? '' : 's'}`,
    `${schedule.unscheduled.length} unscheduled`,
  ].join(' · ');

  const notPlacedColumn =
    notPlacedLeft === undefined
      ? []
      : [
          text(
            notPlacedLeft,
            MONTH_LABEL_BASELINE - shift,
            fit('not placed', FONT.month, layout.notPlacedWidth),
            `font-size="${FONT.month}" fill="${MUTED_TEXT_COLOUR}"`,
          ),
          `<rect x="${num(notPlacedLeft)}" y="${lanesTop}" width="${num(layout.notPlacedWidth)}" height="${num(plotBottom - lanesTop)}" fill="none" stroke="${GRID_COLOUR}" stroke-width="1"/>`,
        ];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${num(height)}" viewBox="0 0 ${layout.width} ${num(height)}" font-family="${FONT_FAMILY}">`,
    `<title>${escapeXml(title)}</title>`,
    rect(0, 0, layout.width, height, '#ffffff'),
    ...(layout.heading
      ? [
          text(
            16,
            TITLE_BASELINE,
            fit(title, FONT.title, layout.width - 32, true),
            `font-size="${FONT.title}" font-weight="700" fill="${TEXT_COLOUR}"`,
          ),
          text(
            16,
            SUBTITLE_BASELINE,
            fit(subtitle, FONT.subtitle, layout.width - 32),
            `font-size="${FONT.subtitle}" fill="${MUTED_TEXT_COLOUR}"`,
          ),
        ]
      : []),
    // Alternate lane backgrounds, the month grid and the plot frame, then the lanes' contents over them.
    ...targets.flatMap((_, index) =>
      index % 2 === 1 ? [rect(layout.plotLeft, lanesTop + index * layout.laneHeight, plotWidth, layout.laneHeight, LANE_BACKGROUND)] : [],
    ),
    ...monthAxis(schedule, xOf, plotBottom, shift),
    `<rect x="${num(layout.plotLeft)}" y="${lanesTop}" width="${num(plotWidth)}" height="${num(plotBottom - lanesTop)}" fill="none" stroke="${GRID_COLOUR}" stroke-width="1"/>`,
    ...notPlacedColumn,
    ...targets.flatMap((target, index) =>
      lane(schedule, target, index, layout, { xOf, lanesTop, repeats, ...(notPlacedLeft === undefined ? {} : { notPlacedLeft }) }),
    ),
    ...legend(layout, legendTop, extras),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}
