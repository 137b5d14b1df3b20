/**
 * Observing templates: which instrument each belongs to, and how long a visit of each is
 * assumed to take when the program does not say.
 * @module
 */
import { z } from 'zod';
import { MS_PER_HOUR } from '../time/instant.js';
import { AnyString, FiniteNumber, parseArguments, parseWith, recordOf } from '../validation.js';

/**
 * Hours of one visit as an override gives them: positive, and at most 366 days (8,784 hours),
 * the longest visit a program may hold (see `MAX_VISIT_DURATION_MS`).
 */
const VisitHoursSchema = FiniteNumber.positive().max(366 * 24, 'a visit cannot last more than 366 days (8784 hours)');

/** Durations by template name, hours, as an override table gives them. */
export const DurationTableSchema = recordOf(VisitHoursSchema);

const TemplateDurationArguments = z.object({ template: AnyString, overrides: DurationTableSchema });

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

/**
 * Assumed duration of one visit per observing template, in hours, overheads included
 * (slew, guide-star acquisition, target acquisition where the template has one).
 *
 * ASSUMPTIONS. The program information page lists the observations but not their
 * durations, so these are round figures typical of short calibration visits of bright
 * stars, chosen for planning only: about 1 hour for an imaging visit in one or a few
 * filters, 1.5 hours for a spectroscopic visit that needs a target acquisition or several
 * grating/channel settings (NIRSpec fixed slit, NIRISS SOSS, MIRI MRS with its four
 * channels and three sub-bands), 2 hours for multi-object and coronagraphic set-ups.
 * Override any of them with the `durations` option of `parseProgram`.
 */
export const DEFAULT_TEMPLATE_DURATION_HOURS: Readonly<Record<string, number>> = Object.freeze({
  'NIRCam Imaging': 1,
  'NIRCam Engineering Imaging': 1,
  'NIRCam Wide Field Slitless Spectroscopy': 1.5,
  'NIRCam Grism Time Series': 2,
  'NIRCam Time Series': 2,
  'NIRCam Coronagraphic Imaging': 2,
  'NIRSpec Fixed Slit Spectroscopy': 1.5,
  'NIRSpec IFU Spectroscopy': 1.5,
  'NIRSpec MultiObject Spectroscopy': 2,
  'NIRSpec Bright Object Time Series': 2,
  'NIRISS Imaging': 1,
  'NIRISS Single-Object Slitless Spectroscopy': 1.5,
  'NIRISS Wide Field Slitless Spectroscopy': 1.5,
  'NIRISS Aperture Masking Interferometry': 1.5,
  'MIRI Imaging': 1,
  'MIRI Low Resolution Spectroscopy': 1.5,
  'MIRI Medium Resolution Spectroscopy': 1.5,
  'MIRI Coronagraphic Imaging': 2,
});

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
export function templateDurationMs(
  template: string,
  overrides: Readonly<Record<string, number>> = {},
): number | undefined {
  parseArguments('templateDurationMs', TemplateDurationArguments, { template, overrides });
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
