/**
 * `jwst-cadence gaps`: measure the cadence of a schedule file.
 * @module
 */

import { type GapCheck, GapCheckOptionsSchema, type GapReport, gapsOfPlan } from '../cadence/gaps.js';
import type { Schedule } from '../cadence/schedule.js';
import { scheduleFromJson } from '../output/json.js';

import { formatDate, formatInstant } from '../time/instant.js';
import { parseWith } from '../validation.js';
import {
  checkOutPath,
  choiceOption,
  daysOption,
  emit,
  fileName,
  inOptionTerms,
  parseOptions,
  readFileOption,
  spreadValues,
  textTable,
  UsageError,
} from './io.js';
import { SKY_MODEL_HELP, SKY_MODEL_OPTIONS } from './sky-options.js';

/** Hours that join a target's visits into one epoch by default (as the library's DEFAULT_EPOCH_JOIN_HOURS; a test holds them equal). */
export const EPOCH_JOIN_HOURS_HELP = 12;

export const GAPS_HELP = `Usage: jwst-cadence gaps --schedule FILE.json [options]
       jwst-cadence gaps --observed FILE... --program-id ID [options]

Check a schedule written by 'jwst-cadence schedule --format json' (unique observations, no
overlaps, planned visits inside the span and their windows, known targets; a broken rule is
refused, naming the visits), then measure the gaps between consecutive epochs of each target
and consecutive visits of each series, say which gaps the sky forced (the target was out of
view for part of the gap), and check them against bounds. Exits with code 1 when a gap breaks
a bound, so scripts can stop on it. With --ignore-forced, a long gap is excused when the
target was out of view during it and its days in view add up to no more than --max-gap: the
sky, not the schedule, made it long. Excused gaps are marked, and a last line gives the
verdict.

With --observed, the plan is what JWST's published observing schedule gives a program: STScI's
weekly "JWST Science Observing Schedule" reports as published (text) or the same columns as CSV,
one file or many (overlapping reports merge, a later one superseding the earlier over the time
it covers). Only the program's prime visits count. Series are target and template; an epoch is
a target's visits that each start less than --epoch-join hours (default ${EPOCH_JOIN_HOURS_HELP}) after the
previous one of the target ends (JWST runs an epoch as one back-to-back block). Whether the sky
forced a gap comes from the windows this tool computes for the targets. Every gap of every
target is listed.

Options:
  --schedule FILE       the schedule JSON
  --observed FILE...    JWST's published observing schedule reports instead (text or CSV)
  --program-id ID       with --observed: the program whose visits count (a report lists every program)
  --now ISO             with --observed: visits before this are done, later ones scheduled
                        (default: every visit listed is taken as done)
  --epoch-join H        with --observed: hours that join a target's visits into one epoch (default ${EPOCH_JOIN_HOURS_HELP})
  --targets FILE        with --observed: coordinates of targets the built-in catalogue lacks
                        (CSV with header name,ra,dec[,pmRaCosDec,pmDec,epoch], or JSON)
  --min-gap T           report gaps shorter than this, days or ISO duration (P14D)
  --max-gap T           report gaps longer than this, days or ISO duration (P45D)
  --ignore-forced       do not fail on long gaps the sky explains (see above; needs --max-gap)
  --format F            table (default) or json
  --out FILE            write to FILE (atomically); without it, or as -, to standard output
  -h, --help            this help

Sky (with --observed):
${SKY_MODEL_HELP}
Examples:
  jwst-cadence gaps --schedule plan.json
  jwst-cadence gaps --schedule plan.json --max-gap 45 --format json
  jwst-cadence gaps --schedule plan.json --max-gap 45 --ignore-forced
  jwst-cadence gaps --observed reports/*.txt --program-id 1539
`;

function reportRows(reports: readonly GapReport[]): string[][] {
  const days = (value: number | null): string => (value === null ? '-' : value.toFixed(2));
  return reports.map((r) => [
    r.id,
    String(r.startsMs.length),
    days(r.minDays),
    days(r.meanDays),
    days(r.maxDays),
    days(r.stdDays),
    String(r.gaps.filter((gap) => gap.forced).length),
    String(r.violations.length),
    String(r.violations.filter((gap) => gap.excused).length),
  ]);
}

/** The verdict in one line: how many gaps break the bounds, how many the sky excuses, pass or fail. */
function verdict(check: GapCheck): string {
  const gaps = (n: number): string => `${n} gap${n === 1 ? '' : 's'}`;
  return `${gaps(check.breaking)} break${check.breaking === 1 ? 's' : ''} the bounds, ${check.excused} excused as forced by the sky: ${check.pass ? 'pass' : 'fail'}`;
}

function gapsToText(check: GapCheck, plan?: Schedule): string {
  const header = ['id', 'starts', 'min d', 'mean d', 'max d', 'sd d', 'forced', 'violations', 'excused'];
  const lines: string[] = [];
  if (plan) {
    lines.push(`${(plan.notes ?? []).join('\n')}\n`);
    const each = check.targets.map((r) => {
      const rows = r.gaps.map(
        (g) =>
          `  ${formatDate(g.fromMs)} to ${formatDate(g.toMs)}  ${g.days.toFixed(1).padStart(6)} d${g.forced ? `  forced: not visible for ${g.invisibleDays.toFixed(1)} d` : ''}`,
      );
      return `${r.id}: ${r.startsMs.length} epochs, ${r.gaps.length} gaps\n${rows.join('\n')}${rows.length > 0 ? '\n' : ''}`;
    });
    lines.push(`Gaps per target (epoch starts, as published)\n${each.join('')}`);
  }
  lines.push(
    `Per target (epoch starts)\n${textTable(header, reportRows(check.targets))}`,
    `Per series (visit starts)\n${textTable(header, reportRows(check.series))}`,
  );
  const forced = check.targets.flatMap((r) =>
    r.gaps
      .filter((g) => g.forced)
      .map(
        (g) =>
          `  ${r.id}: ${formatDate(g.fromMs)} to ${formatDate(g.toMs)}, ${g.days.toFixed(1)} d, not visible for ${g.invisibleDays.toFixed(1)} d`,
      ),
  );
  if (forced.length > 0) lines.push(`Gaps the sky forced\n${forced.join('\n')}\n`);
  const violations = [...check.targets, ...check.series].flatMap((r) =>
    r.violations.map(
      (g) =>
        `  ${r.id}: ${formatDate(g.fromMs)} to ${formatDate(g.toMs)}, ${g.days.toFixed(1)} d (${g.violation}${g.forced ? ', forced by visibility' : ''})${g.excused ? ' [excused: forced by the sky]' : ''}`,
    ),
  );
  lines.push(violations.length > 0 ? `Violations\n${violations.join('\n')}\n` : 'No gap breaks the bounds given.\n');
  if (check.notes.length > 0) {
    // History outside the span (visits that ran before it, a continued plan): one line when
    // there are many (outside the span, outside its windows too); the rest one a line.
    const outsideVisits = new Set(check.notes.filter((note) => note.rule === 'inside-span').flatMap((note) => note.visits));
    const many = outsideVisits.size > 3;
    const others = check.notes.filter((note) => !many || !note.visits.every((path) => outsideVisits.has(path)));
    const summary = many ? [`  ${outsideVisits.size} visits of the history (executed, or of a continued plan) lie outside the span`] : [];
    lines.push(`Notes on the history\n${[...summary, ...others.map((note) => `  ${note.message}`)].join('\n')}\n`);
  }
  lines.push(`${verdict(check)}\n`);
  return lines.join('\n');
}

function gapsToJson(check: GapCheck, plan?: Schedule): string {
  const report = (r: GapReport) => ({
    id: r.id,
    target: r.target,
    starts: r.startsMs.map(formatInstant),
    minDays: r.minDays,
    maxDays: r.maxDays,
    meanDays: r.meanDays,
    stdDays: r.stdDays,
    gaps: r.gaps.map((g) => ({
      from: formatInstant(g.fromMs),
      to: formatInstant(g.toMs),
      days: g.days,
      invisibleDays: g.invisibleDays,
      visibleDays: g.visibleDays,
      forced: g.forced,
      ...(g.violation ? { violation: g.violation } : {}),
      excused: g.excused,
    })),
    violations: r.violations.length,
    excused: r.violations.filter((gap) => gap.excused).length,
  });
  const doc = {
    ...(plan ? { program: plan.program.id, planNotes: plan.notes ?? [] } : {}),
    targets: check.targets.map(report),
    series: check.series.map(report),
    notes: check.notes.map((note) => ({ rule: note.rule, visits: note.visits, message: note.message })),
    verdict: { breaking: check.breaking, excused: check.excused, pass: check.pass, text: verdict(check) },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Run the gaps command; returns the exit code (1 when a bound is broken). */
export async function runGaps(argv: readonly string[]): Promise<number> {
  const values = parseOptions(spreadValues(argv, ['observed']), {
    schedule: { type: 'string' },
    observed: { type: 'string', multiple: true },
    'program-id': { type: 'string' },
    now: { type: 'string' },
    'epoch-join': { type: 'string' },
    targets: { type: 'string' },
    ...SKY_MODEL_OPTIONS,
    'min-gap': { type: 'string' },
    'max-gap': { type: 'string' },
    'ignore-forced': { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(GAPS_HELP);
    return 0;
  }
  const observed = values.observed ?? [];
  if (observed.length > 0 && values.schedule) throw new UsageError('give --schedule or --observed, not both');
  if (observed.length === 0) {
    if (!values.schedule) throw new UsageError('--schedule FILE.json or --observed FILE... is required (see --help)');
    const onlyObserved = (['program-id', 'now', 'epoch-join', 'targets', ...Object.keys(SKY_MODEL_OPTIONS)] as const).find(
      (name) => values[name as keyof typeof values] !== undefined,
    );
    if (onlyObserved) throw new UsageError(`--${onlyObserved} belongs to --observed`);
  }
  if (observed.length > 0 && values['program-id'] === undefined)
    throw new UsageError('--observed needs --program-id: a published schedule lists every program');
  const format = choiceOption(values.format, '--format', ['table', 'json'] as const, 'table');
  // A path that cannot take the output is refused before the work.
  if (values.out !== undefined) checkOutPath(values.out);
  let schedule: Schedule;
  let plan: Schedule | undefined;
  let source: string;
  if (observed.length > 0) {
    const { observedPlanFromOptions } = await import('./observed.js');
    plan = observedPlanFromOptions({ ...values, observed, 'program-id': values['program-id']! });
    schedule = plan;
    source = `--observed (program ${plan.program.id})`;
  } else {
    schedule = readFileOption(values.schedule!, '--schedule', scheduleFromJson);
    source = fileName(values.schedule!);
  }
  const minGapDays = daysOption(values['min-gap'], '--min-gap');
  const maxGapDays = daysOption(values['max-gap'], '--max-gap');
  if (values['ignore-forced'] === true && maxGapDays === undefined) {
    throw new UsageError('--ignore-forced excuses long gaps the sky forced, so it needs --max-gap');
  }
  // The plan was checked whole as scheduleFromJson read it: the gaps are measured without
  // checking its record again (the bounds are checked; the plan's rules are judged here).
  const check = inOptionTerms(() =>
    gapsOfPlan(
      schedule,
      parseWith(
        GapCheckOptionsSchema,
        {
          ...(minGapDays !== undefined ? { minGapDays } : {}),
          ...(maxGapDays !== undefined ? { maxGapDays } : {}),
          ignoreForced: values['ignore-forced'] === true,
          source,
        },
        'gaps',
      ),
    ),
  );
  emit(format === 'json' ? gapsToJson(check, plan) : gapsToText(check, plan), values.out);
  return check.pass ? 0 : 1;
}
