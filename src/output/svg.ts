/**
 * A picture of the schedule's span as SVG text: one lane a target, its visibility windows as
 * bars, each epoch as a mark at its first visit's start, and the gaps between consecutive
 * epochs that visibility forced shaded. Time maps linearly to x across the plot area:
 *
 *     x = plotLeft + plotWidth · (t − span.start) / (span.end − span.start)
 *
 * where plotWidth = width − plotLeft − plotRight. The SVG is written by hand (it is small);
 * every piece of text is escaped.
 * @module
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Schedule, TimeInterval } from '../cadence/schedule.js';
import { formatDate, formatInstant, MS_PER_DAY } from '../time/instant.js';
import { checkScheduleInstants } from './check.js';
import { visibleMs } from '../cadence/gaps.js';
import { blocksOf, type Epoch, epochsOf, targetsOf } from './epochs.js';

/** A colour as `#rrggbb`, the only form accepted (it goes into attributes verbatim). */
const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb');

/**
 * Default colours. Window bars cycle through a palette of mid-tone hues that stay apart for
 * colour-blind readers (Tableau 10's first six); epoch marks are near-black so they show on
 * any bar; forced gaps are a pale red that reads as "unavailable" behind the bars.
 */
const DEFAULT_WINDOW_COLOURS = ['#4e79a7', '#59a14f', '#b07aa1', '#f28e2b', '#76b7b2', '#edc948'];
const DEFAULT_EPOCH_COLOUR = '#1f2937';
const DEFAULT_FORCED_GAP_COLOUR = '#f6c9c6';
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
/** Inside a lane, as fractions of its height: the forced-gap band, the window bar, the epoch mark. */
const GAP_BAND = { top: 0.1, bottom: 0.9 };
const BAR_BAND = { top: 0.34, bottom: 0.7 };
const MARK_BAND = { top: 0.18, bottom: 0.86 };
/** Epoch mark width, px: 3 px covers at least one whole pixel column wherever it lands. */
const MARK_WIDTH = 3;
/** Legend: gap below the lanes, row height, swatch size, px. */
const LEGEND_GAP = 22;
const LEGEND_ROW = 20;
const LEGEND_SWATCH = { width: 18, height: 10 };
/** Font sizes, px. */
const FONT = { title: 17, subtitle: 12, lane: 13, laneNote: 10, month: 11, gap: 9, legend: 12 };
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
 * the margin after the span's end (default 30), `laneHeight` one target's lane (default 44).
 * `title` replaces the default `JWST program <id>: <title>`. `colours` replaces the window
 * palette (one colour a lane, cycling), the epoch mark colour and the forced-gap colour.
 *
 * @example
 * ```ts
 * SvgOptionsSchema.parse({ width: 800 }).plotLeft; // 190
 * ```
 */
export const SvgOptionsSchema = z
  .object({
    width: z.number().int().min(300).max(20_000).default(1200),
    plotLeft: z.number().min(0).default(190),
    plotRight: z.number().min(0).default(30),
    laneHeight: z.number().min(16).max(400).default(44),
    title: z.string().optional(),
    colours: z
      .object({
        windows: z.array(HexColour).min(1).default(DEFAULT_WINDOW_COLOURS),
        epoch: HexColour.default(DEFAULT_EPOCH_COLOUR),
        forcedGap: HexColour.default(DEFAULT_FORCED_GAP_COLOUR),
      })
      .default({ windows: DEFAULT_WINDOW_COLOURS, epoch: DEFAULT_EPOCH_COLOUR, forcedGap: DEFAULT_FORCED_GAP_COLOUR }),
  })
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
type Layout = z.output<typeof SvgOptionsSchema>;

/** Escape text for SVG content and attribute values. */
function escapeXml(text: string): string {
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

function monthAxis(schedule: Schedule, xOf: (ms: number) => number, plotBottom: number): string[] {
  const { span } = schedule;
  const boundaries = monthBoundaries(span);
  const edges = [span.startMs, ...boundaries, span.endMs];
  const parts = boundaries.map(
    (ms) => `<line x1="${num(xOf(ms))}" y1="${LANES_TOP - 6}" x2="${num(xOf(ms))}" y2="${num(plotBottom)}" stroke="${GRID_COLOUR}" stroke-width="1"/>`,
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
      text((xOf(fromMs) + xOf(toMs)) / 2, MONTH_LABEL_BASELINE, label, `font-size="${FONT.month}" text-anchor="middle" fill="${MUTED_TEXT_COLOUR}"`),
    );
  });
  return parts;
}

function lane(
  schedule: Schedule,
  target: string,
  index: number,
  layout: Layout,
  xOf: (ms: number) => number,
): string[] {
  const top = LANES_TOP + index * layout.laneHeight;
  const h = layout.laneHeight;
  const colour = layout.colours.windows[index % layout.colours.windows.length]!;
  const { span } = schedule;
  const clip = (interval: TimeInterval): TimeInterval | undefined => {
    const startMs = Math.max(interval.startMs, span.startMs);
    const endMs = Math.min(interval.endMs, span.endMs);
    return endMs > startMs ? { startMs, endMs } : undefined;
  };
  const windows = schedule.windows[target] ?? [];
  const epochs = epochsOf(schedule, target);
  const unscheduled = schedule.unscheduled.filter((visit) => visit.target === target).length;
  const parts: string[] = [`<g class="lane" data-target="${escapeXml(target)}">`];

  const note = [`${epochs.length} epoch${epochs.length === 1 ? '' : 's'}`, unscheduled > 0 ? `${unscheduled} unscheduled` : '']
    .filter(Boolean)
    .join(' · ');
  parts.push(
    text(layout.plotLeft - 10, top + h / 2, fit(target, FONT.lane, layout.plotLeft - 16, true), `font-size="${FONT.lane}" font-weight="600" text-anchor="end" fill="${TEXT_COLOUR}"`),
    text(layout.plotLeft - 10, top + h / 2 + FONT.laneNote + 3, note, `font-size="${FONT.laneNote}" text-anchor="end" fill="${MUTED_TEXT_COLOUR}"`),
  );

  // Forced gaps first, so the window bars and marks are drawn over them.
  epochs.slice(1).forEach((epoch, k) => {
    const previous: Epoch = epochs[k]!;
    if (visibleMs(windows, previous.startMs, epoch.startMs) >= epoch.startMs - previous.startMs) return;
    const shown = clip({ startMs: previous.startMs, endMs: epoch.startMs });
    if (shown === undefined) return;
    const x0 = xOf(shown.startMs);
    const x1 = xOf(shown.endMs);
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
      parts.push(text((x0 + x1) / 2, top + BAR_BAND.top * h - 2, label, `font-size="${FONT.gap}" text-anchor="middle" fill="${MUTED_TEXT_COLOUR}"`));
    }
  });

  for (const window of windows) {
    const shown = clip(window);
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

  for (const epoch of epochs) {
    if (epoch.startMs < span.startMs || epoch.startMs > span.endMs) continue;
    const observations = epoch.visits.map((visit) => visit.observation).join(', ');
    parts.push(
      rect(
        xOf(epoch.startMs) - MARK_WIDTH / 2,
        top + MARK_BAND.top * h,
        MARK_WIDTH,
        (MARK_BAND.bottom - MARK_BAND.top) * h,
        layout.colours.epoch,
        `${target} epoch ${epoch.epoch}: ${formatInstant(epoch.startMs)} (observation${epoch.visits.length > 1 ? 's' : ''} ${observations})`,
      ),
    );
  }
  parts.push('</g>');
  return parts;
}

/**
 * The legend, stacked in the label column left of the plot so its swatches never share a
 * column of pixels with the plot's bars.
 */
function legend(layout: Layout, top: number): string[] {
  const items: [string, string][] = [
    [layout.colours.windows[0]!, 'visibility window (one colour a target)'],
    [layout.colours.epoch, 'epoch: start of its first visit'],
    [layout.colours.forcedGap, 'gap between epochs forced by invisibility'],
  ];
  return items.flatMap(([colour, label], row) => {
    const y = top + row * LEGEND_ROW;
    const isMark = colour === layout.colours.epoch && row === 1;
    const swatch = isMark
      ? rect(16 + LEGEND_SWATCH.width / 2 - MARK_WIDTH / 2, y - 2, MARK_WIDTH, LEGEND_SWATCH.height + 4, colour)
      : rect(16, y, LEGEND_SWATCH.width, LEGEND_SWATCH.height, colour);
    return [
      swatch,
      text(16 + LEGEND_SWATCH.width + 8, y + LEGEND_SWATCH.height - 1, label, `font-size="${FONT.legend}" fill="${TEXT_COLOUR}"`),
    ];
  });
}

/**
 * Draw the schedule's span as an SVG picture: a title, months on the axis, one lane a
 * target with its visibility windows as bars, one mark per epoch at the start of its first
 * visit, and the gap between consecutive epochs shaded when the target was invisible for
 * part of it (visibility, not choice, set that gap). A legend sits below the lanes. Hovering
 * a bar, mark or gap in a browser shows its dates. The output is deterministic.
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
  checkScheduleInstants(schedule);
  const layout = SvgOptionsSchema.parse(options);
  const { span } = schedule;
  const plotWidth = layout.width - layout.plotLeft - layout.plotRight;
  const xOf = (ms: number): number => layout.plotLeft + (plotWidth * (ms - span.startMs)) / (span.endMs - span.startMs);
  const targets = targetsOf(schedule);
  const plotBottom = LANES_TOP + targets.length * layout.laneHeight;
  const legendTop = plotBottom + LEGEND_GAP;
  const height = legendTop + 3 * LEGEND_ROW + 6;

  const title = layout.title ?? `JWST program ${schedule.program.id}: ${schedule.program.title.replace(/\s+/g, ' ')}`;
  const epochCount = blocksOf(schedule.visits).length;
  const subtitle = [
    `${formatDate(span.startMs)} to ${formatDate(span.endMs - 1)} (UTC)`,
    `${schedule.mode} mode`,
    `${schedule.visits.length} visit${schedule.visits.length === 1 ? '' : 's'} in ${epochCount} epoch${epochCount === 1 ? '' : 's'}`,
    `${schedule.unscheduled.length} unscheduled`,
  ].join(' · ');

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${num(height)}" viewBox="0 0 ${layout.width} ${num(height)}" font-family="${FONT_FAMILY}">`,
    `<title>${escapeXml(title)}</title>`,
    rect(0, 0, layout.width, height, '#ffffff'),
    text(16, TITLE_BASELINE, fit(title, FONT.title, layout.width - 32, true), `font-size="${FONT.title}" font-weight="700" fill="${TEXT_COLOUR}"`),
    text(16, SUBTITLE_BASELINE, fit(subtitle, FONT.subtitle, layout.width - 32), `font-size="${FONT.subtitle}" fill="${MUTED_TEXT_COLOUR}"`),
    // Alternate lane backgrounds, the month grid and the plot frame, then the lanes' contents over them.
    ...targets.flatMap((_, index) =>
      index % 2 === 1 ? [rect(layout.plotLeft, LANES_TOP + index * layout.laneHeight, plotWidth, layout.laneHeight, LANE_BACKGROUND)] : [],
    ),
    ...monthAxis(schedule, xOf, plotBottom),
    `<rect x="${num(layout.plotLeft)}" y="${LANES_TOP}" width="${num(plotWidth)}" height="${num(plotBottom - LANES_TOP)}" fill="none" stroke="${GRID_COLOUR}" stroke-width="1"/>`,
    ...targets.flatMap((target, index) => lane(schedule, target, index, layout, xOf)),
    ...legend(layout, legendTop),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}
