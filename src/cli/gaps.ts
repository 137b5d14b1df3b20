/**
 * `jwst-cadence gaps`: measure the cadence of a schedule file.
 * @module
 */
import { GapCheckOptionsSchema, gapsOfPlan, type GapCheck, type GapReport } from '../cadence/gaps.js';
import { parseWith } from '../validation.js';
import { scheduleFromJson } from '../output/json.js';
import { formatDate, formatInstant } from '../time/instant.js';
import { checkOutPath, choiceOption, daysOption, emit, fileName, inOptionTerms, parseOptions, readFileOption, textTable, UsageError } from './io.js';

export const GAPS_HELP = `Usage: jwst-cadence gaps --schedule FILE.json [options]

Check a schedule written by 'jwst-cadence schedule --format json' (unique observations, no
overlaps, planned visits inside the span and their windows, known targets; a broken rule is
refused, naming the visits), then measure the gaps between consecutive epochs of each target
and consecutive visits of each series, say which gaps the sky forced (the target was out of
view for part of the gap), and check them against bounds. Exits with code 1 when a gap breaks
a bound, so scripts can stop on it. With --ignore-forced, a long gap is excused when the
target was out of view during it and its days in view add up to no more than --max-gap: the
sky, not the schedule, made it long. Excused gaps are marked, and a last line gives the
verdict.

Options:
  --schedule FILE       the schedule JSON
  --min-gap T           report gaps shorter than this, days or ISO duration (P14D)
  --max-gap T           report gaps longer than this, days or ISO duration (P45D)
  --ignore-forced       do not fail on long gaps the sky explains (see above; needs --max-gap)
  --format F            table (default) or json
  --out FILE            write to FILE (atomically); without it, or as -, to standard output
  -h, --help            this help

Examples:
  jwst-cadence gaps --schedule plan.json
  jwst-cadence gaps --schedule plan.json --max-gap 45 --format json
  jwst-cadence gaps --schedule plan.json --max-gap 45 --ignore-forced
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

function gapsToText(check: GapCheck): string {
  const header = ['id', 'starts', 'min d', 'mean d', 'max d', 'sd d', 'forced', 'violations', 'excused'];
  const lines = [`Per target (epoch starts)\n${textTable(header, reportRows(check.targets))}`, `Per series (visit starts)\n${textTable(header, reportRows(check.series))}`];
  const forced = check.targets.flatMap((r) => r.gaps.filter((g) => g.forced).map((g) => `  ${r.id}: ${formatDate(g.fromMs)} to ${formatDate(g.toMs)}, ${g.days.toFixed(1)} d, not visible for ${g.invisibleDays.toFixed(1)} d`));
  if (forced.length > 0) lines.push(`Gaps the sky forced\n${forced.join('\n')}\n`);
  const violations = [...check.targets, ...check.series].flatMap((r) => r.violations.map((g) => `  ${r.id}: ${formatDate(g.fromMs)} to ${formatDate(g.toMs)}, ${g.days.toFixed(1)} d (${g.violation}${g.forced ? ', forced by visibility' : ''})${g.excused ? ' [excused: forced by the sky]' : ''}`));
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

function gapsToJson(check: GapCheck): string {
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
    targets: check.targets.map(report),
    series: check.series.map(report),
    notes: check.notes.map((note) => ({ rule: note.rule, visits: note.visits, message: note.message })),
    verdict: { breaking: check.breaking, excused: check.excused, pass: check.pass, text: verdict(check) },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Run the gaps command; returns the exit code (1 when a bound is broken). */
export function runGaps(argv: readonly string[]): number {
  const values = parseOptions(argv, {
    schedule: { type: 'string' },
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
  if (!values.schedule) throw new UsageError('--schedule FILE.json is required (see --help)');
  const format = choiceOption(values.format, '--format', ['table', 'json'] as const, 'table');
  // A path that cannot take the output is refused before the work.
  if (values.out !== undefined) checkOutPath(values.out);
  const schedule = readFileOption(values.schedule, '--schedule', scheduleFromJson);
  const minGapDays = daysOption(values['min-gap'], '--min-gap');
  const maxGapDays = daysOption(values['max-gap'], '--max-gap');
  if (values['ignore-forced'] === true && maxGapDays === undefined) {
    throw new UsageError('--ignore-forced excuses long gaps the sky forced, so it needs --max-gap');
  }
  // The plan was checked whole as scheduleFromJson read it: the gaps are measured without
  // checking its record again (the bounds are checked; the plan's rules are judged here).
  const check = inOptionTerms(() =>
    gapsOfPlan(schedule, parseWith(GapCheckOptionsSchema, {
      ...(minGapDays !== undefined ? { minGapDays } : {}),
      ...(maxGapDays !== undefined ? { maxGapDays } : {}),
      ignoreForced: values['ignore-forced'] === true,
      source: fileName(values.schedule!),
    }, 'gaps')),
  );
  emit(format === 'json' ? gapsToJson(check) : gapsToText(check), values.out);
  return check.pass ? 0 : 1;
}
