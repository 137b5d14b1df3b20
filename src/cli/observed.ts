/**
 * `gaps --observed`: the plan a published observing schedule gives a program, loaded only when
 * asked for (it needs the sky model, which `gaps --schedule` does not).
 * @module
 */

import { observedPlan } from '../cadence/face.js';
import type { Schedule } from '../cadence/schedule.js';
import { readPublishedSchedule } from '../program/face.js';
import { parseTargetsText } from '../sky/face.js';

import { inOptionTerms, numberOption, readTextFile, UsageError } from './io.js';
import { observatoryFromOptions } from './windows.js';

/** The options `gaps --observed` reads. */
export interface ObservedValues {
  readonly observed: readonly string[];
  readonly 'program-id': string;
  readonly now?: string | undefined;
  readonly 'epoch-join'?: string | undefined;
  readonly targets?: string | undefined;
  readonly observer?: string | undefined;
  readonly ephemeris?: string | undefined;
  readonly 'min-elongation'?: string | undefined;
  readonly 'max-elongation'?: string | undefined;
  readonly maz?: string | undefined;
  readonly 'maz-half-angle'?: string | undefined;
}

/** Read the reports, keep the program's visits, and make them a plan with the engine's windows. */
export function observedPlanFromOptions(values: ObservedValues): Schedule {
  const files = values.observed.map((name) => ({ name, text: readTextFile(name, '--observed') }));
  const published = inOptionTerms(() => readPublishedSchedule(files, values['program-id']));
  if (published.visits.length === 0) throw new UsageError(`--observed: the reports list no prime visit of program ${published.program}`);
  const targets = values.targets !== undefined ? parseTargetsText(readTextFile(values.targets, '--targets'), values.targets) : undefined;
  const observatory = inOptionTerms(() => observatoryFromOptions(values));
  const epochJoinHours = numberOption(values['epoch-join'], '--epoch-join');
  return inOptionTerms(() =>
    observedPlan(published, {
      ...(values.now !== undefined ? { now: values.now } : {}),
      ...(epochJoinHours !== undefined ? { epochJoinHours } : {}),
      ...(targets ? { targets: [...targets] } : {}),
      observatory,
    }),
  );
}
