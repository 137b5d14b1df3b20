/**
 * Observing templates: which instrument each belongs to, and how long a visit of each is
 * assumed to take when the program does not say.
 * @module
 */
import { z } from 'zod';
import { MS_PER_HOUR } from '../time/instant.js';
import { AnyString, FiniteNumber, parseWith, recordOf } from '../validation.js';

/**
 * Hours of one visit as an override gives them: positive, and at most 366 days (8,784 hours),
 * the longest visit a program may hold (see `MAX_VISIT_DURATION_MS`).
 */
const VisitHoursSchema = FiniteNumber.positive().max(366 * 24, 'a visit cannot last more than 366 days (8784 hours)');

/** Durations by template name, hours, as an override table gives them. */
export const DurationTableSchema = recordOf(VisitHoursSchema);

export const TemplateDurationArguments = z.object({ template: AnyString, overrides: DurationTableSchema });

/** The four science instruments a visit can use. */
export const INSTRUMENTS = ['NIRCam', 'NIRSpec', 'NIRISS', 'MIRI'] as const;

/** One of {@link INSTRUMENTS}. */
export type Instrument = (typeof INSTRUMENTS)[number];

/**
 * The instrument of an observing template: APT template names start with the instrument's
 * name ("NIRCam Imaging", "MIRI Medium Resolution Spectroscopy"). Returns `undefined` when
 * the name starts with none of them.
 *
 * @example
 * ```ts
 * instrumentOfTemplate('NIRISS Single-Object Slitless Spectroscopy'); // 'NIRISS'
 * ```
 */
export function instrumentOfTemplate(template: string): Instrument | undefined {
  parseWith(AnyString, template, 'template', 'instrumentOfTemplate');
  return instrumentOf(template);
}

/** {@link instrumentOfTemplate} of a checked template name (a table's rows are read through this). */
export function instrumentOf(template: string): Instrument | undefined {
  const firstWord = template.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  return INSTRUMENTS.find((instrument) => instrument.toUpperCase() === firstWord);
}

/** Seconds to hours, for the table below (published durations are whole seconds). */
const hours = (seconds: number): number => seconds / 3600;

/**
 * Duration of one visit per observing template, in hours, overheads included (slew,
 * guide-star acquisition, target acquisition where the template has one), as APT spells the
 * template names.
 *
 * PUBLISHED. The six templates JWST scheduled for program 1539 take the median of their
 * scheduled durations (the DURATION column, `DD/HH:MM:SS`) in the STScI weekly JWST Science
 * Observing Schedules, program 1539, Cycle 1 (75 prime visits, 2022-07 to 2023-06); each
 * comment gives the median (in whole seconds, as the schedules give times), the range and the
 * number of visits.
 *
 * ASSUMPTIONS. The other templates have no published figure here: they keep round figures
 * typical of short calibration visits of bright stars, for planning only (about 1 hour for
 * imaging in one or a few filters, 1.5 hours for spectroscopy, 2 hours for multi-object,
 * time-series and coronagraphic set-ups). {@link ASSUMED_DURATION_TEMPLATES} lists them.
 * Override any figure with the `durations` option of `parseProgram`, or a row's own Duration.
 */
export const DEFAULT_TEMPLATE_DURATION_HOURS: Readonly<Record<string, number>> = Object.freeze({
  // Published (STScI weekly JWST Science Observing Schedules, program 1539, Cycle 1):
  // median 22:38 (22.6 min), range 19:53-22:38, 11 visits.
  'NIRCam Engineering Imaging': hours(1358),
  // median 19:53 (19.9 min), range 19:53-22:38, 11 visits.
  'NIRCam Imaging': hours(1193),
  // median 28:33 (28.6 min), range 28:30-31:12, 11 visits.
  'NIRSpec Fixed Slit Spectroscopy': hours(1713),
  // median 21:39 (21.6 min), every one of 12 visits the same.
  'NIRISS Single-Object Slitless Spectroscopy': hours(1299),
  // median 11:32 (11.5 min), range 11:32-14:17, 12 visits.
  'MIRI Imaging': hours(692),
  // median 19:57.5 (20.0 min; 19:58 in whole seconds, as the schedules give times), range
  // 12:43-27:12, 18 visits. The figures are two: 27:12 for the 9 visits of the star, 12:43 for
  // the 9 of its background; the median (their mean) gives a pair about its published length,
  // and a row's Duration gives each visit its own.
  'MIRI Medium Resolution Spectroscopy': hours(1198),
  // Assumptions (no published figure here):
  'NIRCam Wide Field Slitless Spectroscopy': 1.5,
  'NIRCam Grism Time Series': 2,
  'NIRCam Time Series': 2,
  'NIRCam Coronagraphic Imaging': 2,
  'NIRSpec IFU Spectroscopy': 1.5,
  'NIRSpec MultiObject Spectroscopy': 2,
  'NIRSpec Bright Object Time Series': 2,
  'NIRISS Imaging': 1,
  'NIRISS Wide Field Slitless Spectroscopy': 1.5,
  'NIRISS Aperture Masking Interferometry': 1.5,
  'MIRI Low Resolution Spectroscopy': 1.5,
  'MIRI Coronagraphic Imaging': 2,
});

/**
 * The templates of {@link DEFAULT_TEMPLATE_DURATION_HOURS} whose figure is an assumption (no
 * published schedule gives one here), in the table's order.
 *
 * @example
 * ```ts
 * ASSUMED_DURATION_TEMPLATES.includes('MIRI Imaging'); // false: published
 * ASSUMED_DURATION_TEMPLATES.includes('MIRI Low Resolution Spectroscopy'); // true
 * ```
 */
export const ASSUMED_DURATION_TEMPLATES: readonly string[] = Object.freeze(Object.keys(DEFAULT_TEMPLATE_DURATION_HOURS).slice(6));

/**
 * The time from the end of one visit to the start of the next inside one epoch block, ms: the
 * median, 6 min 32.5 s, of the 56 such gaps in the STScI weekly JWST Science Observing
 * Schedules, program 1539, Cycle 1 (range 4 min 5 s to 10 min 28 s; a gap counts when the next
 * visit starts within an hour of the end of the one before), rounded to whole seconds as the
 * schedules give times: 6 min 33 s. An epoch's block is its visits with this gap between each
 * two.
 */
export const VISIT_GAP_MS = 393_000;

/**
 * The longest gap between two visits of one block in the same schedules (10 min 28 s), ms:
 * outputs take visits of one epoch that follow each other within this as one block.
 */
export const MAX_VISIT_GAP_MS = 628_000;

/**
 * The duration of a visit of `template` in milliseconds: `overrides` (hours per template)
 * first, then {@link DEFAULT_TEMPLATE_DURATION_HOURS}. Template names are compared without
 * regard to case or repeated spaces. Returns `undefined` when neither table knows it.
 *
 * @example
 * ```ts
 * templateDurationMs('MIRI Imaging');                               // 3600000
 * templateDurationMs('MIRI Imaging', { 'MIRI Imaging': 0.5 });       // 1800000
 * ```
 */
export function templateDurationMs(template: string, overrides: Readonly<Record<string, number>> = {}): number | undefined {
  return durationOfTemplate(template, overrides);
}

/** {@link templateDurationMs} of a checked template and table (a program's rows call this). */
export function durationOfTemplate(template: string, overrides: Readonly<Record<string, number>>): number | undefined {
  const key = templateKey(template);
  for (const table of [overrides, DEFAULT_TEMPLATE_DURATION_HOURS]) {
    for (const [name, hours] of Object.entries(table)) {
      if (templateKey(name) === key) return hours * MS_PER_HOUR;
    }
  }
  return undefined;
}

function templateKey(template: string): string {
  return template.trim().replace(/\s+/g, ' ').toUpperCase();
}

export const BlockArguments = z.object({ durationsMs: z.array(FiniteNumber.nonnegative()) });

/**
 * The length of one block of visits that run in a row, ms: their durations and
 * {@link VISIT_GAP_MS} between each two (an epoch's block, or the part of it still to run).
 *
 * @example
 * ```ts
 * blockDurationMs([3_600_000, 1_800_000]); // 5_400_000 + 393_000
 * ```
 */
export function blockDurationMs(durationsMs: readonly number[]): number {
  let total = 0;
  for (const duration of durationsMs) total += duration;
  return durationsMs.length === 0 ? 0 : total + (durationsMs.length - 1) * VISIT_GAP_MS;
}

/**
 * The message for a template no duration table knows: the known names and, when one is close
 * (an edit distance of at most a third of the name), the nearest.
 */
export function unknownTemplateText(template: string, overrides: Readonly<Record<string, number>>): string {
  const known = [...new Set([...Object.keys(overrides), ...Object.keys(DEFAULT_TEMPLATE_DURATION_HOURS)])];
  const key = templateKey(template);
  let nearest: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key, templateKey(name));
    if (nearest === undefined || distance < nearest.distance) nearest = { name, distance };
  }
  const hint =
    nearest !== undefined && nearest.distance <= Math.max(2, Math.floor(key.length / 3)) ? `did you mean "${nearest.name}"? ` : '';
  return `no duration is known for "${template}"; ${hint}the known templates are ${known.map((name) => `"${name}"`).join(', ')}`;
}

/** Levenshtein distance: the fewest one-character insertions, deletions and substitutions from `a` to `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
