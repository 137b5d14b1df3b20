/**
 * The options `schedule` and `calendar` share: which program, which cadence, which sky.
 * @module
 */

import type { ParseArgsConfig } from 'node:util';
import { scheduleProgram } from '../cadence/face.js';
import type { Schedule } from '../cadence/schedule.js';
import type { CadenceSpecInput } from '../cadence/spec.js';
import { InputError } from '../errors.js';
import { readExecutedVisits } from '../output/executed.js';
import { scheduleFromJson } from '../output/face.js';
import { loadBuiltInProgram, parseProgram, readPublishedSchedule } from '../program/face.js';
import type { OrientationPlanInput } from '../program/orientation-plan.js';
import { parseAngleRangeText, parseTargetsText } from '../sky/face.js';

import { JWST_CYCLES } from '../time/cycles.js';
import { describeValue, parseJsonText } from '../validation.js';
import { choiceOption, fileName, inOptionTerms, numberOption, numberOrText, readFileOption, readTextFile, UsageError } from './io.js';
import { constraintsFromOptions, cycleOption, observatoryFromOptions, SKY_HELP, SKY_OPTIONS } from './windows.js';

/** parseArgs options for scheduling. */
export const SCHEDULING_OPTIONS = {
  program: { type: 'string' },
  targets: { type: 'string' },
  durations: { type: 'string' },
  cycle: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  mode: { type: 'string' },
  period: { type: 'string' },
  rrule: { type: 'string' },
  anchor: { type: 'string' },
  tolerance: { type: 'string' },
  margin: { type: 'string' },
  'min-gap': { type: 'string' },
  'max-gap': { type: 'string' },
  grid: { type: 'string' },
  fixed: { type: 'string', multiple: true },
  executed: { type: 'string' },
  observed: { type: 'string', multiple: true },
  now: { type: 'string' },
  cycles: { type: 'string' },
  continue: { type: 'string' },
  'repeat-per-cycle': { type: 'boolean' },
  orientation: { type: 'string' },
  v3pa: { type: 'string', multiple: true },
  ...SKY_OPTIONS,
} as const satisfies ParseArgsConfig['options'];

/** Help text for the scheduling options. */
export const SCHEDULING_HELP = `A file option given - reads standard input (one option at most).

Program and span:
  --program FILE        program-information Markdown (default: the built-in program 1539, whose
                        table ships in this package as data/program-1539.md); optional Obs,
                        Visit and Duration columns give APT's numbers and a visit's own
                        duration (DD/HH:MM:SS, HH:MM:SS or hours)
  --targets FILE        the program's targets: CSV with header name,ra,dec[,pmRaCosDec,pmDec,epoch]
                        or a JSON array (default: the built-in catalogue of program 1539's targets)
  --durations FILE      visit durations by observing template, hours, as a JSON object, e.g.
                        { "NIRCam Imaging": 1.5 } (default: the built-in table: the median
                        scheduled durations JWST published for program 1539 for the six
                        templates it ran, ASSUMED round figures for the others, and
                        6.5 minutes between the visits of an epoch)
  --cycle N             JWST cycle to schedule through (${Object.keys(JWST_CYCLES).join(', ')}; default 1: 2022-07-01 to 2023-06-30)
  --cycles A-B          several cycles, first to last (e.g. 1-3): one span, each target's
                        epochs spread through it with no boundary gap at a cycle's edge
  --from ISO --to ISO   an explicit span instead of a cycle (UTC)
  --repeat-per-cycle    repeat the observations table in every cycle of the span: each visit
                        is identified by cycle, observation and visit, each cycle's repetition
                        stays inside its cycle, and each series goes on across the boundary

Cadence:
  --mode M              spread (default: as regular as the sky allows) or period
  --period P            period mode: days or ISO duration, e.g. 30 or P30D
  --rrule RULE          period mode: RFC 5545 rule instead, e.g. FREQ=WEEKLY;INTERVAL=4
  --anchor ISO          period mode: first ideal date (default the span's start)
  --tolerance T         period mode: how far from an ideal date (default P7D)
  --margin T            keep epochs this far from every window edge, days or ISO duration
                        (default: each edge's own, by the model that made it: 3 days for
                        nominal L2, 0.5 for the table's predicted orbit, 0 for its reconstructed)
  --min-gap T           least gap between a target's epochs, days or ISO duration
  --max-gap T           largest gap between a target's epochs, days or ISO duration
  --grid DURATION       time grid of the scheduler (default PT1H)
  --fixed OBS=ISO       pin a visit still to run (its epoch block goes with it); repeat as needed
                        (e.g. --fixed 1=2022-07-14T02:00Z, or by visit id 1539:9:1=...)

Operations (see docs/operations.md):
  --executed FILE       visits that ran: CSV with header observation,start[,status][,cycle][,end]
                        (observation: a number, or a visit id such as 1539:9:1; an optional
                        visit column gives the visit of an observation with several)
                        (status done, the default, or failed), or the JSON of an earlier plan
                        whose visits carry statuses. Done visits stay and count in the gaps; a
                        failed visit stays, marked, and the visits of its epoch that are not done
                        are placed again
  --observed FILE...    JWST's published observing schedule of the program: STScI's weekly
                        reports as published (text) or the same columns as CSV, one file or
                        many (merged, a later report superseding the earlier over its time).
                        Visits are matched to the table by observation and visit number
                        (APT's): those before --now are done (all of them without --now), later
                        ones are scheduled and held where STScI placed them, with their
                        published durations; the rest is planned around them. Observations the
                        table lacks are listed in the plan's notes
  --now ISO             place nothing before this instant (no default: without it, only the
                        visits given as executed are the past, and runs are reproducible)
  --continue FILE       the plan (JSON) of the cycles before: its visits are carried as history,
                        each target goes on from its last epoch there, and the table repeats in
                        the cycles planned (implies --repeat-per-cycle)

Orientation:
  --v3pa TARGET=MIN:MAX observe every visit of TARGET at a V3 position angle in MIN..MAX degrees
                        (eastward; 350:10 crosses north); repeat for more targets
  --orientation FILE    orientation constraints per target, series or visit, and series to hold
                        at one orientation, as JSON (see docs/orientation.md), e.g.
                        {"constraints":[{"series":"HD163466 / MIRI Imaging","v3pa":{"minDeg":100,"maxDeg":120}}],
                         "hold":[{"series":"BD+60-1753 / NIRSpec Fixed Slit Spectroscopy","bandDeg":2}]}

Sky:
${SKY_HELP}`;

type SchedulingValues = {
  [K in keyof typeof SCHEDULING_OPTIONS]?: (typeof SCHEDULING_OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof SCHEDULING_OPTIONS)[K] extends { type: 'boolean' }
      ? boolean
      : string;
};

/** Days as a number when the text is a number, else the text (an ISO duration). */
function duration(text: string | undefined): string | number | undefined {
  if (text === undefined) return undefined;
  return numberOrText(text);
}

/** Schedule the program the options name, with the cadence and sky they give. */
export function scheduleFromOptions(values: SchedulingValues): Schedule {
  return planFromOptions(values).schedule;
}

/**
 * The schedule of the options, and the plan it re-plans, for the calendar file's SEQUENCE
 * numbers: the plan given to --executed (as JSON), else the one given to --continue; 'unknown'
 * when visits that ran come from a CSV file (the plan they ran from is not at hand).
 */
export function planFromOptions(values: SchedulingValues): { schedule: Schedule; previous: Schedule | 'unknown' | undefined } {
  const durations = values.durations !== undefined ? readDurations(values.durations) : undefined;
  const program = values.program
    ? readFileOption(values.program, '--program', (text, source) => parseProgram(text, { source, ...(durations ? { durations } : {}) }))
    : loadBuiltInProgram(durations ? { durations } : {});
  const targets =
    values.targets !== undefined
      ? readFileOption(values.targets, '--targets', (text, source) => parseTargetsText(text, source))
      : undefined;
  const mode = choiceOption(values.mode, '--mode', ['spread', 'period'] as const, values.period || values.rrule ? 'period' : 'spread');
  if (mode === 'spread' && (values.period || values.rrule || values.tolerance || values.anchor)) {
    throw new UsageError('--period, --rrule, --anchor and --tolerance belong to --mode period');
  }
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError('--from and --to go together');
  if ([values.from, values.cycle, values.cycles].filter((value) => value !== undefined).length > 1) {
    throw new UsageError('give one of --cycle, --cycles and --from/--to');
  }
  const cycles = values.cycles === undefined ? undefined : cyclesOption(values.cycles);
  const fixed = (values.fixed ?? []).map((entry) => {
    const match = /^(\d+|[A-Za-z0-9][A-Za-z0-9_-]{0,63}:\d+:\d+)=(.+)$/.exec(entry);
    if (!match) throw new UsageError(`--fixed: expected OBSERVATION=ISO-INSTANT or PROGRAM:OBSERVATION:VISIT=ISO-INSTANT, got "${entry}"`);
    return { observation: /^\d+$/.test(match[1]!) ? Number(match[1]) : match[1]!, start: match[2]! };
  });
  if (values.cycle !== undefined) cycleOption(values.cycle);
  const cadence: Record<string, unknown> = {
    mode,
    ...(values.cycle !== undefined ? { cycle: numberOption(values.cycle, '--cycle') } : {}),
    ...(cycles ? { cycles } : {}),
    ...(values.from !== undefined ? { span: { start: values.from, end: values.to } } : {}),
    ...(values.period !== undefined ? { period: duration(values.period) } : {}),
    ...(values.rrule !== undefined ? { rrule: values.rrule } : {}),
    ...(values.anchor !== undefined ? { anchor: values.anchor } : {}),
    ...(values.tolerance !== undefined ? { tolerance: duration(values.tolerance) } : {}),
    ...(values.margin !== undefined ? { margin: duration(values.margin) } : {}),
    ...(values['min-gap'] !== undefined ? { minGap: duration(values['min-gap']) } : {}),
    ...(values['max-gap'] !== undefined ? { maxGap: duration(values['max-gap']) } : {}),
    ...(values.grid !== undefined ? { grid: duration(values.grid) } : {}),
    ...(fixed.length > 0 ? { fixed } : {}),
  };
  if (mode === 'period' && values.period === undefined && values.rrule === undefined) {
    throw new UsageError('--mode period needs --period or --rrule');
  }
  const observatory = inOptionTerms(() => observatoryFromOptions(values));
  const orientation = orientationPlanFromOptions(values);
  const constraints = constraintsFromOptions(values);
  const executedFile =
    values.executed === undefined
      ? undefined
      : readFileOption(values.executed, '--executed', (text, source) => ({
          read: readExecutedVisits(text, source),
          plan: text.trimStart().startsWith('{') ? scheduleFromJson(text, source) : undefined,
        }));
  const executed = executedFile?.read;
  const continueFrom = values.continue === undefined ? undefined : readFileOption(values.continue, '--continue', scheduleFromJson);
  const observed =
    values.observed === undefined || values.observed.length === 0
      ? undefined
      : inOptionTerms(() => {
          if (!/^\d{1,6}$/.test(program.id))
            throw new UsageError(
              `--observed: the program's id "${program.id}" is no JWST program id (a whole number), so no published visit is its`,
            );
          return readPublishedSchedule(
            values.observed!.map((name) => ({ name, text: readTextFile(name, '--observed') })),
            program.id,
          );
        });
  const operations = {
    ...(executed ? { executed: executed.visits } : {}),
    ...(observed ? { observed } : {}),
    ...(values.now !== undefined ? { now: values.now } : {}),
    ...(values['repeat-per-cycle'] ? { repeatPerCycle: true } : {}),
    ...(continueFrom ? { continueFrom } : {}),
  };
  const previous = executedFile ? (executedFile.plan ?? 'unknown') : continueFrom;
  const schedule = inOptionTerms(() => {
    try {
      return scheduleProgram(program, {
        cadence: cadence as CadenceSpecInput,
        observatory,
        ...(targets ? { targets } : {}),
        ...(orientation ? { orientation: orientation.plan } : {}),
        ...(constraints.length > 0 ? { constraints } : {}),
        ...operations,
      });
    } catch (error) {
      // Executed visits are named by the file and line they came from, the continued plan by its file.
      if (error instanceof InputError && /^observed /m.test(error.message))
        throw new UsageError(error.message.replace(/^observed /gm, '--observed '));
      if (error instanceof InputError && /^(executed\.\d+|continueFrom\b|now\b|repeatPerCycle\b)/m.test(error.message)) {
        throw new UsageError(
          error.message
            .replace(
              /\bexecuted\.(\d+)(\.\w+)?/g,
              (_match, index: string, field: string | undefined) =>
                `--executed ${executed?.where[Number(index)] ?? `#${Number(index) + 1}`}${field ? ` ${field.slice(1)}` : ''}`,
            )
            .replace(/\bcontinueFrom\./g, `--continue ${fileName(values.continue ?? '')}: `)
            .replace(/\bcontinueFrom:/g, `--continue ${fileName(values.continue ?? '')}:`)
            .replace(/^now:/gm, '--now:')
            .replace(/\brepeatPerCycle:/g, '--repeat-per-cycle:'),
        );
      }
      // Fields of the orientation plan are named by the file or option they came from.
      const entry = /(^|; )orientation(?:\.(constraints|hold)(?:\.(\d+)((?:\.\w+)*))?)?:/g;
      if (error instanceof InputError && orientation && /^orientation\b/.test(error.message)) {
        throw new UsageError(
          error.message.replace(
            entry,
            (_match, before: string, part: string | undefined, index: string | undefined, field: string | undefined) =>
              `${before}${part === undefined ? `--orientation ${fileName(values.orientation ?? '')}` : index === undefined ? `--orientation ${fileName(values.orientation ?? '')}: ${part}` : orientation.name(part, Number(index), field ?? '')}:`,
          ),
        );
      }
      throw error;
    }
  });
  return { schedule, previous };
}

/**
 * The orientation plan of --orientation FILE (JSON) and --v3pa TARGET=MIN:MAX (added to the
 * file's constraints), and how to name an entry in messages.
 */
function orientationPlanFromOptions(
  values: SchedulingValues,
): { plan: OrientationPlanInput; name: (part: string, index: number, field: string) => string } | undefined {
  const file = values.orientation;
  const quick = values.v3pa ?? [];
  if (file === undefined && quick.length === 0) return undefined;
  let fromFile: { constraints?: unknown[]; hold?: unknown[] } = {};
  if (file !== undefined) {
    const data = readFileOption(file, '--orientation', parseJsonText);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new UsageError(`--orientation ${fileName(file)}: expected a JSON object with "constraints" and/or "hold"`);
    }
    fromFile = data as { constraints?: unknown[]; hold?: unknown[] };
    // Constraints that are not a list would be replaced by those of --v3pa (or none) without a word.
    if (fromFile.constraints !== undefined && !Array.isArray(fromFile.constraints)) {
      throw new UsageError(
        `--orientation ${fileName(file)}: constraints: expected an array of constraints, got ${describeValue(fromFile.constraints)}`,
      );
    }
  }
  const fileConstraints = Array.isArray(fromFile.constraints) ? fromFile.constraints : [];
  const added = quick.map((entry) => {
    const match = /^(.+?)=([^=]+)$/.exec(entry);
    if (!match) throw new UsageError(`--v3pa: expected TARGET=MIN:MAX, e.g. HD163466=100:120, got "${entry}"`);
    return { target: match[1]!.trim(), v3pa: parseAngleRangeText(match[2]!, `--v3pa ${match[1]!.trim()}`) };
  });
  const plan = {
    ...fromFile,
    ...(fromFile.constraints !== undefined || added.length > 0 ? { constraints: [...fileConstraints, ...added] } : {}),
  } as OrientationPlanInput;
  const fileCount = Array.isArray(fromFile.constraints) ? fromFile.constraints.length : 0;
  const name = (part: string, index: number, field: string): string =>
    part === 'constraints' && index >= fileCount
      ? `--v3pa ${quick[index - fileCount]}`
      : `--orientation ${fileName(file!)}: ${part}.${index}${field}`;
  return { plan, name };
}

/** `--cycles A-B` (or one cycle, `N`): the first and last cycle. */
function cyclesOption(text: string): { first: number; last: number } {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (!match) throw new UsageError(`--cycles: expected FIRST-LAST, e.g. 1-3, got "${text}"`);
  const first = Number(match[1]);
  const last = Number(match[2] ?? match[1]);
  if (last < first) throw new UsageError(`--cycles: the last cycle (${last}) is before the first (${first})`);
  for (const cycle of [first, last]) cycleOption(String(cycle), '--cycles');
  return { first, last };
}

/** Template durations (hours) from a JSON file. */
function readDurations(path: string): Record<string, number> {
  const data = readFileOption(path, '--durations', parseJsonText);
  const name = `--durations ${fileName(path)}`;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`${name}: expected a JSON object of template names to hours`);
  }
  for (const [template, hours] of Object.entries(data)) {
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
      throw new UsageError(`${name}: "${template}" must be a positive number of hours, got ${JSON.stringify(hours)}`);
    }
  }
  return data as Record<string, number>;
}
