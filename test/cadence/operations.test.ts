/**
 * Operations on program 1539 and on small made-up plans: re-planning around executed and
 * failed visits, plans over several cycles and continued from the cycle before, slack, what a
 * move changes, and the errors for each bad input. Expected dates come from the windows and
 * the rules (a visit cannot start before its window opens, a block must end before the next
 * one starts), not from earlier runs.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cadenceGaps,
  checkPlan,
  cycleSpan,
  type ExecutedVisitInput,
  InputError,
  loadBuiltInProgram,
  moveEpoch,
  parseOperationsOptions,
  readExecutedVisits,
  type Schedule,
  type ScheduledVisit,
  scheduleFromJson,
  scheduleProgram,
  scheduleToCalendarText,
  scheduleToJson,
  slackText,
  spreadGaps,
} from '../../src/advanced.js';
import { allowedEpochStarts, epochSlack, scheduleTimeline } from '../../src/cadence/face.js';
import type { TimelineInput } from '../../src/cadence/timeline.js';
import { visibilityWindows } from '../../src/visibility/face.js';
import { cli } from '../support/cli.js';

const H = 3_600_000;
const DAY = 24 * H;
const NOW = Date.UTC(2022, 9, 15);

const program = loadBuiltInProgram();
let plan: Schedule;
let executed: ExecutedVisitInput[];
let replan: Schedule;

/** The visits that ran by 2022-10-15 in the default plan, BD+60-1753's epoch 5 failed. */
function executedBy(schedule: Schedule, nowMs: number): ExecutedVisitInput[] {
  return schedule.visits
    .filter((visit) => visit.startMs < nowMs)
    .map((visit) => ({
      observation: visit.observation,
      start: visit.startMs,
      status: visit.target === 'BD+60-1753' && visit.epoch === 5 ? 'failed' : 'done',
    }));
}

beforeAll(() => {
  plan = scheduleProgram(program);
  executed = executedBy(plan, NOW);
  replan = scheduleProgram(program, { executed, now: '2022-10-15' });
});

const planned = (schedule: Schedule): ScheduledVisit[] => schedule.visits.filter((visit) => (visit.status ?? 'planned') === 'planned');

describe('re-planning program 1539 from 2022-10-15', () => {
  it('keeps every visit that ran where it ran, the failed ones marked, and places the rest after now', () => {
    expect(executed.length).toBeGreaterThan(20);
    for (const entry of executed) {
      const kept = replan.visits.find(
        (visit) => visit.observation === entry.observation && visit.startMs === entry.start && visit.status === entry.status,
      );
      expect(kept, `observation ${entry.observation}`).toBeDefined();
    }
    for (const visit of planned(replan)) expect(visit.startMs).toBeGreaterThanOrEqual(NOW);
    expect(checkPlan(replan).problems).toEqual([]);
    expect(replan.unscheduled).toEqual([]);
    // 86 visits of the table, and the five failed ones of epoch 5 again.
    expect(replan.visits).toHaveLength(86 + 5);
  });

  it("places BD+60-1753's failed epoch again at the first start its next window allows", () => {
    // BD+60-1753 is out of view from early October to January; the failed epoch's repeat is the
    // next epoch of its chain, and the gap to it from epoch 4 (done) is the largest of the
    // vector, so the earliest start of the next window, on the one-hour grid, is the best.
    const window = visibilityWindows('BD+60-1753', cycleSpan(1)).find((w) => w.startMs > NOW)!;
    const firstGridStart = Math.ceil(window.startMs / H) * H;
    const repeat = planned(replan).filter((visit) => visit.target === 'BD+60-1753' && visit.epoch === 5);
    expect(repeat.map((visit) => visit.observation)).toEqual([21, 22, 23, 24, 25]);
    expect(repeat[0]!.startMs).toBe(firstGridStart);
    expect(replan.visits.filter((visit) => visit.status === 'failed').map((visit) => visit.observation)).toEqual([21, 22, 23, 24, 25]);
    // The gap report measures from the executed history: epoch 4 (done) to the repeat, forced by the sky.
    const bd = cadenceGaps(replan).targets.find((report) => report.id === 'BD+60-1753')!;
    expect(bd.startsMs).toHaveLength(13);
    const largest = bd.gaps.reduce((best, gap) => (gap.days > best.days ? gap : best));
    expect(largest.fromMs).toBe(plan.visits.find((visit) => visit.observation === 16)!.startMs);
    expect(largest.toMs).toBe(firstGridStart);
    expect(largest.forced).toBe(true);
  });

  it('measures the objective from the last epoch that ran: no start boundary gap', () => {
    const objective = replan.objective!['BD+60-1753']!;
    expect(objective.mode).toBe('spread');
    if (objective.mode !== 'spread') return;
    // Epoch 4 (the last that ran) and the nine planned: nine gaps and the doubled end gap.
    const starts = [16, 21, 26, 31, 36, 41, 46, 51, 56, 61].map((observation) => {
      const visits = replan.visits.filter((visit) => (visit.status ?? 'planned') !== 'failed' && visit.target === 'BD+60-1753');
      const epoch = visits.find((visit) => visit.observation === observation)!.epoch;
      return Math.min(...visits.filter((visit) => visit.epoch === epoch).map((visit) => visit.startMs));
    });
    expect(objective.sortedGapsMs).toEqual(spreadGaps(starts, replan.span.startMs, replan.span.endMs, true).sort((a, b) => b - a));
  });

  it('says when now leaves an epoch no start: two hours before the cycle ends, a 2.2-hour block has none', () => {
    const late = scheduleProgram(program, { now: '2023-06-30T22:00Z' });
    const bd = late.unscheduled.filter((visit) => visit.target === 'BD+60-1753' && visit.epoch === 1);
    expect(bd.length).toBeGreaterThan(0);
    expect(bd[0]!.reason).toBe(
      'epoch 1 of BD+60-1753 has no start in a visibility window of BD+60-1753 after 2023-06-30T22:00:00Z (now, or the end of the last visit that ran)',
    );
    for (const visit of planned(late)) expect(visit.startMs).toBeGreaterThanOrEqual(Date.UTC(2023, 5, 30, 22));
  });

  it('reads the same executed visits from a CSV and from the JSON of a plan carrying statuses', () => {
    const csv = [
      'observation,start,status',
      ...executed.map((entry) => `${entry.observation},${new Date(entry.start as number).toISOString()},${entry.status}`),
    ].join('\n');
    const fromCsv = readExecutedVisits(csv, 'executed.csv');
    const fromJson = readExecutedVisits(scheduleToJson(replan), 'replan.json');
    expect(fromCsv.visits).toHaveLength(executed.length);
    expect(fromJson.visits).toHaveLength(executed.length);
    expect(fromCsv.where[0]).toBe('executed.csv line 2');
    const again = scheduleProgram(program, { executed: [...fromJson.visits], now: NOW });
    expect(again.visits.map((visit) => [visit.observation, visit.startMs, visit.status])).toEqual(
      replan.visits.map((visit) => [visit.observation, visit.startMs, visit.status]),
    );
  });

  it('shows statuses and slack in the calendar', () => {
    const text = scheduleToCalendarText(replan);
    expect(text).toMatch(/91 visits placed \(28 done, 5 failed, 58 planned\), 0 unscheduled/);
    expect(text).toMatch(/Sat 01 {2}22:00-00:10\+1 {2}BD\+60-1753 +epoch {2}5 {2}obs 21-25 +failed, placed again/);
    expect(text).toMatch(/Mon 02 {2}18:00-20:10 +BD\+60-1753 +epoch {2}5 {2}obs 21-25 +may move 2023-01-02 to 01-\d\d/);
  });
});

describe('slack', () => {
  it('is set for every planned visit of the default plan, and is bounded by the windows and the blocks around', () => {
    for (const visit of plan.visits) {
      expect(visit.slack, `observation ${visit.observation}`).toBeDefined();
      expect(visit.slack!.earliestMs).toBeLessThanOrEqual(visit.startMs);
      expect(visit.slack!.latestMs).toBeGreaterThanOrEqual(visit.startMs);
    }
    // BD+60-1753's first epoch: visible from the cycle's start (an edge the span cut, no margin)
    // and nothing before it, so it may start at the span's start; its block must end by
    // the time HD163466's first block starts.
    const first = plan.visits.find((visit) => visit.observation === 1)!;
    const hd = plan.visits.find((visit) => visit.observation === 63)!;
    const block = plan.visits.filter((visit) => visit.epoch === 1 && visit.target === 'BD+60-1753');
    const blockMs = Math.max(...block.map((visit) => visit.endMs)) - first.startMs;
    expect(first.slack!.earliestMs).toBe(plan.span.startMs);
    expect(first.slack!.latestMs).toBe(Math.floor((hd.startMs - blockMs) / H) * H);
    // A visit's slack is its epoch's, shifted by its place in the block.
    const second = plan.visits.find((visit) => visit.observation === 2)!;
    expect(second.slack!.earliestMs - first.slack!.earliestMs).toBe(second.startMs - first.startMs);
  });

  it('runs in grid steps, across free stretches shorter than a step, and stops where a step breaks a constraint', () => {
    // Epoch 2 of S (20 minutes) sits between epoch 1 (at 25 h) and epoch 3 (75 h); T's
    // 10-minute block at 40:20 forbids starts in (40:00, 40:30), which holds no grid instant:
    // the run from 50 h goes on through it, down to 26 h (epoch 1 ends at 25:20).
    const M = H / 60;
    const block = (fixedStartMs?: number) => ({
      durationMs: 20 * M,
      targets: ['S'],
      ...(fixedStartMs === undefined ? {} : { fixedStartMs }),
    });
    const input: TimelineInput = {
      span: { startMs: 0, endMs: 100 * H },
      gridMs: H,
      marginMs: 0,
      minGapMs: 0,
      maxGapMs: Infinity,
      windows: { S: [{ startMs: 0, endMs: 100 * H }], T: [{ startMs: 0, endMs: 100 * H }] },
      mode: 'spread',
      idealMs: [],
      toleranceMs: 0,
      groups: [
        { target: 'S', epochs: [block(25 * H), block(), block(75 * H)] },
        { target: 'T', epochs: [{ durationMs: 10 * M, targets: ['T'], fixedStartMs: 40 * H + 20 * M }] },
      ],
    };
    const placements = scheduleTimeline(input);
    expect(placements[0]!.startsMs[1]).toBe(50 * H);
    expect(allowedEpochStarts(input, placements, 0, 1)).toEqual([
      { startMs: 25 * H + 20 * M, endMs: 40 * H },
      { startMs: 40 * H + 30 * M, endMs: 74 * H + 40 * M },
    ]);
    expect(epochSlack(input, placements, 0, 1)).toEqual({ earliestMs: 26 * H, latestMs: 74 * H, stepMs: H });
    // With T's block an hour long, 40 h is taken: the run stops at 41 h.
    const longer: TimelineInput = {
      ...input,
      groups: [input.groups[0]!, { target: 'T', epochs: [{ durationMs: H, targets: ['T'], fixedStartMs: 39 * H + 50 * M }] }],
    };
    expect(epochSlack(longer, scheduleTimeline(longer), 0, 1)).toEqual({ earliestMs: 41 * H, latestMs: 74 * H, stepMs: H });
  });
});

describe('several cycles', () => {
  it('plans cycles 1-3 with the table repeated: each visit by cycle and observation, each repetition in its cycle, one chain', () => {
    const three = scheduleProgram(program, { cadence: { mode: 'spread', cycles: { first: 1, last: 3 } }, repeatPerCycle: true });
    expect(three.span).toEqual({ startMs: cycleSpan(1).startMs, endMs: cycleSpan(3).endMs });
    expect(checkPlan(three).problems).toEqual([]);
    expect(three.visits.length + three.unscheduled.length).toBe(3 * 86);
    for (const visit of three.visits) {
      const cycle = cycleSpan(visit.cycle!);
      expect(visit.startMs).toBeGreaterThanOrEqual(cycle.startMs);
      expect(visit.endMs).toBeLessThanOrEqual(cycle.endMs);
    }
    // One gap vector over the three cycles: 39 epochs, 38 gaps and the two boundary gaps of the span only.
    const objective = three.objective!['BD+60-1753']!;
    expect(objective.mode === 'spread' && objective.sortedGapsMs.length).toBe(40);
  });

  it('continues the plan of cycle 1 into cycle 2: history carried, the first gap measured once from its last epoch', () => {
    const next = scheduleProgram(program, { cadence: { mode: 'spread', cycle: 2 }, continueFrom: plan });
    expect(checkPlan(next).problems).toEqual([]);
    const carried = next.visits.filter((visit) => visit.cycle === 1);
    expect(carried).toHaveLength(86);
    expect(next.visits.filter((visit) => visit.cycle === 2)).toHaveLength(86);
    const objective = next.objective!['BD+60-1753']!;
    if (objective.mode !== 'spread') throw new Error('spread expected');
    // 13 epochs in cycle 2 after the last of cycle 1: 13 gaps (the first from cycle 1) and the end gap counted twice, 14 in all.
    expect(objective.sortedGapsMs).toHaveLength(14);
    const last = Math.min(...carried.filter((visit) => visit.target === 'BD+60-1753' && visit.epoch === 13).map((visit) => visit.startMs));
    const first = Math.min(
      ...next.visits
        .filter((visit) => visit.cycle === 2 && visit.target === 'BD+60-1753' && visit.epoch === 1)
        .map((visit) => visit.startMs),
    );
    expect(objective.sortedGapsMs).toContain(first - last);
    expect(objective.sortedGapsMs).not.toContain(2 * (first - next.span.startMs));
    // The plan reads back from its JSON and continues again.
    const third = scheduleProgram(program, { cadence: { mode: 'spread', cycle: 3 }, continueFrom: scheduleFromJson(scheduleToJson(next)) });
    expect(third.visits.filter((visit) => visit.cycle === 1)).toHaveLength(86);
    expect(third.visits.filter((visit) => visit.cycle === 3)).toHaveLength(86);
    expect(checkPlan(third).problems).toEqual([]);
  });
});

describe('what if an epoch moves', () => {
  const bd7 = (): ScheduledVisit[] => plan.visits.filter((visit) => visit.target === 'BD+60-1753' && visit.epoch === 7);

  it('within its slack: nothing breaks, and the two gaps beside it change by the move', () => {
    const first = bd7()[0]!;
    const to = first.slack!.latestMs;
    const effect = moveEpoch(plan, { target: 'BD+60-1753', epoch: 7, start: to });
    expect(effect.problems).toEqual([]);
    expect(effect.withinSlack).toBe(true);
    const target = effect.gaps.filter((gap) => gap.of === 'target');
    expect(target).toHaveLength(2);
    const shift = (to - first.startMs) / DAY;
    expect(target[0]!.after.days - target[0]!.before.days).toBeCloseTo(shift, 9);
    expect(target[1]!.after.days - target[1]!.before.days).toBeCloseTo(-shift, 9);
    expect(effect.moved.map((visit) => visit.observation)).toEqual(bd7().map((visit) => visit.observation));
  });

  it('one step beyond: the timeline, a window or an order breaks; a bound given is checked', () => {
    const first = bd7()[0]!;
    const beyond = moveEpoch(plan, { target: 'BD+60-1753', epoch: 7, start: first.slack!.latestMs + H });
    expect(beyond.withinSlack).toBe(false);
    expect(beyond.problems.length).toBeGreaterThan(0);
    // Into the invisible season: out of every window, and before epoch 6 (the order).
    const winter = moveEpoch(plan, { target: 'BD+60-1753', epoch: 7, start: '2022-12-01T00:00Z' });
    expect(winter.problems.map((problem) => problem.kind)).toEqual(expect.arrayContaining(['window', 'order']));
    const bounded = moveEpoch(plan, { target: 'BD+60-1753', epoch: 7, start: first.slack!.latestMs }, { maxGapDays: 20 });
    expect(bounded.problems.map((problem) => problem.kind)).toContain('gap-bound');
    const early = moveEpoch(plan, { target: 'BD+60-1753', epoch: 7, start: first.startMs }, { now: first.startMs + DAY });
    expect(early.problems.map((problem) => problem.kind)).toEqual(['now']);
  });

  it("keeps each edge's margin: with the nominal L2 model, 3 days", () => {
    const nominal = scheduleProgram(program, { observatory: { observer: 'nominal-l2' } });
    const last = nominal.visits.filter((visit) => visit.target === 'BD+60-1753' && visit.epoch === 5);
    const window = last[0]!.window;
    const blockMs = Math.max(...last.map((visit) => visit.endMs)) - last[0]!.startMs;
    const effect = moveEpoch(nominal, { target: 'BD+60-1753', epoch: 5, start: window.endMs - blockMs - DAY });
    expect(effect.problems.map((problem) => problem.kind)).toContain('margin');
  });

  it('names the bad field', () => {
    expect(() => moveEpoch(plan, { target: 'BD+60-1753', epoch: 14, start: NOW })).toThrow(
      /^move\.epoch: no planned epoch 14 of BD\+60-1753 in the plan \(planned epochs: 1, .*13\)$/,
    );
    expect(() => moveEpoch(plan, { target: 'BD+60-1753', epoch: 0, start: NOW })).toThrow(/^move\.epoch: /);
    expect(() => moveEpoch(plan, { target: 'BD+60-1753', epoch: 1, start: 'soon' })).toThrow(/^move\.start: /);
    expect(() => moveEpoch(plan, { target: 'BD+60-1753', epoch: 1, start: NOW }, { maxGapDays: -1 })).toThrow(/^options\.maxGapDays: /);
  });
});

describe('bad operations input is refused, naming the field', () => {
  const refuse = (options: Parameters<typeof scheduleProgram>[1], pattern: RegExp): void => {
    let error: unknown;
    try {
      scheduleProgram(program, options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(pattern);
  };

  it('executed visits', () => {
    refuse(
      { executed: [{ observation: 99, start: '2022-07-11T07:00Z' }] },
      /^executed\.0\.observation: observation 99 is not in program 1539 \(it has 86\)$/,
    );
    refuse({ executed: [{ observation: 1, start: 'soon' }] }, /^executed\.0\.start: /);
    refuse({ executed: [{ observation: 1, start: '2022-07-11T07:00Z', status: 'ok' as 'done' }] }, /^executed\.0\.status: /);
    refuse({ executed: [{ observation: 1, start: '2022-07-11T07:00Z', extra: 1 } as ExecutedVisitInput] }, /^executed\.0: .*extra/);
    refuse(
      { executed: [{ observation: 1, start: '2022-11-01T00:00Z' }], now: '2022-10-15' },
      /^executed\.0\.start: 2022-11-01T00:00:00Z is not before now \(2022-10-15T00:00:00Z\)/,
    );
    refuse(
      {
        executed: [
          { observation: 1, start: '2022-07-11T07:00Z' },
          { observation: 1, start: '2022-07-12T07:00Z' },
        ],
      },
      /^executed\.1: observation 1 is done twice \(also executed\.0\)$/,
    );
    refuse(
      {
        executed: [
          { observation: 1, start: '2022-07-11T07:00Z' },
          { observation: 2, start: '2022-07-11T07:10Z' },
        ],
      },
      /^executed\.1: observation 2 .* overlaps executed\.0, observation 1 .*one observatory runs one visit at a time$/,
    );
    refuse({ executed: [{ observation: 1, cycle: 1, start: '2022-07-11T07:00Z' }] }, /^executed\.0\.cycle: the table is planned once/);
    refuse(
      {
        cadence: { mode: 'spread', cycles: { first: 1, last: 2 } },
        repeatPerCycle: true,
        executed: [{ observation: 1, cycle: 3, start: '2022-07-11T07:00Z' }],
      },
      /^executed\.0\.cycle: cycle 3 is not planned here \(cycles 1, 2\)$/,
    );
  });

  it('now, cycles, pins and a continued plan', () => {
    refuse({ now: 'tomorrow' }, /^now: /);
    refuse(
      { now: '2022-10-15', cadence: { mode: 'spread', fixed: [{ observation: 1, start: '2022-09-01T00:00Z' }] } },
      /^cadence\.fixed\.0\.start: 2022-09-01T00:00:00Z is before now/,
    );
    refuse(
      {
        executed: [{ observation: 1, start: '2022-07-11T07:00Z' }],
        cadence: { mode: 'spread', fixed: [{ observation: 1, start: '2022-09-01T00:00Z' }] },
      },
      /^cadence\.fixed\.0: observation 1 ran already/,
    );
    refuse(
      { repeatPerCycle: true, cadence: { mode: 'spread', span: { start: '2022-07-01', end: '2022-12-01' } } },
      /^repeatPerCycle: the span .* is not whole JWST cycles/,
    );
    refuse(
      { cadence: { mode: 'spread', cycle: 2, cycles: { first: 1, last: 2 } } },
      /^cadence\.cycles: give one of span, cycle and cycles$/,
    );
    refuse({ cadence: { mode: 'spread', cycles: { first: 3, last: 1 } } }, /^cadence\.cycles\.last: last must not be before first$/);
    refuse({ cadence: { mode: 'spread', cycles: { first: 1, last: 9 } } }, /^cadence\.cycles\.last: no dates are known for cycle 9/);
    refuse(
      { continueFrom: plan },
      /^continueFrom: the span .* is not whole JWST cycles|^continueFrom\.visits\.0: .*after this plan's span starts/,
    );
    refuse(
      { cadence: { mode: 'spread', cycle: 2 }, continueFrom: { ...plan, program: { id: '4499', title: 'x' } } },
      /^continueFrom\.program\.id: the plan is of program 4499, not 1539$/,
    );
    refuse({ continueFrom: { nothing: true } as unknown as Schedule }, /^continueFrom: expected a schedule/);
    expect(() => parseOperationsOptions({ later: true })).toThrow(/^options: .*later/);
  });

  it('a continued plan of another table (a template changed) or whose visits overlap is refused', () => {
    // Observation 21 keeps its number and target but names another template: an edited table.
    const index = plan.visits.findIndex((visit) => visit.observation === 21);
    const other = plan.visits[index]!.template === 'MIRI Imaging' ? 'NIRCam Imaging' : 'MIRI Imaging';
    const edited = { ...plan, visits: plan.visits.map((visit, i) => (i === index ? { ...visit, template: other } : visit)) };
    refuse(
      { cadence: { mode: 'spread', cycle: 2 }, continueFrom: edited },
      new RegExp(`^continueFrom\\.visits\\.${index}\\.template: observation 21 is "${other}" there but `),
    );
    // The second visit moved to start one minute after the first: one observatory, two visits at once.
    const [first, second] = plan.visits as [ScheduledVisit, ScheduledVisit];
    const length = second.endMs - second.startMs;
    const moved = { ...second, startMs: first.startMs + 60_000, endMs: first.startMs + 60_000 + length };
    const overlapping = { ...plan, visits: [first, moved, ...plan.visits.slice(2)] };
    refuse(
      { cadence: { mode: 'spread', cycle: 2 }, continueFrom: overlapping },
      /^continueFrom\.visits\.1: observation \d+ .* overlaps observation \d+ \(continueFrom\.visits\.0, /,
    );
  });

  it('files of executed visits: the file, the line and the field', () => {
    expect(() => readExecutedVisits('obs,start\n1,2022-07-11T07:00Z\n', 'x.csv')).toThrow(
      /^x\.csv line 1: the header needs an "observation" column/,
    );
    expect(() => readExecutedVisits('observation,start,note\n1,2022-07-11T07:00Z,ok\n', 'x.csv')).toThrow(
      /^x\.csv line 1: unknown column "note"/,
    );
    expect(() => readExecutedVisits('observation,start,status\n1,2022-07-11T07:00Z,done\n2,2022-07-11T08:00Z,lost\n', 'x.csv')).toThrow(
      /^x\.csv line 3: status: /,
    );
    expect(() => readExecutedVisits('observation,start\n1,never\n', 'x.csv')).toThrow(/^x\.csv line 2: start: /);
    expect(() => readExecutedVisits('{"schemaVersion": 1}', 'plan.json')).toThrow(/^plan\.json: /);
    expect(readExecutedVisits('observation,start,cycle,end\n5,2023-07-10T00:00Z,2,2023-07-10T01:30Z\n', 'x.csv').visits).toEqual([
      { observation: 5, start: '2023-07-10T00:00Z', cycle: 2, end: '2023-07-10T01:30Z' },
    ]);
  });
});

describe('the command line', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-ops-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  it('re-plans from --executed and --now, and names the file and line of a bad executed visit', async () => {
    const file = join(scratch, 'executed.csv');
    writeFileSync(
      file,
      [
        'observation,start,status',
        ...executed.map((entry) => `${entry.observation},${new Date(entry.start as number).toISOString()},${entry.status}`),
      ].join('\n') + '\n',
    );
    const ok = await cli('schedule', '--executed', file, '--now', '2022-10-15', '--format', 'csv');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const rows = ok.stdout.trim().split('\n');
    expect(rows).toHaveLength(1 + 91);
    expect(rows.filter((row) => row.includes(',failed,'))).toHaveLength(5);
    const bad = join(scratch, 'bad.csv');
    writeFileSync(bad, 'observation,start\n1,2022-07-11T07:00Z\n99,2022-07-12T07:00Z\n');
    const refused = await cli('schedule', '--executed', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `jwst-cadence schedule: --executed ${bad} line 3 observation: observation 99 is not in program 1539 (it has 86)\n`,
    );
  });

  it('refuses --cycles that are not a range of known cycles, and --cycle with --cycles', async () => {
    expect((await cli('schedule', '--cycles', '3-1')).stderr).toBe(
      'jwst-cadence schedule: --cycles: the last cycle (1) is before the first (3)\n',
    );
    expect((await cli('schedule', '--cycles', 'one')).stderr).toBe(
      'jwst-cadence schedule: --cycles: expected FIRST-LAST, e.g. 1-3, got "one"\n',
    );
    expect((await cli('schedule', '--cycles', '1-2', '--cycle', '1')).stderr).toBe(
      'jwst-cadence schedule: give one of --cycle, --cycles and --from/--to\n',
    );
  });
});

describe('the new exports refuse what they cannot read, with an InputError', () => {
  const garbage: unknown[] = [undefined, null, 0, NaN, 'x', {}, [], true];
  it('slack functions, moveEpoch, readExecutedVisits, slackText and the operations options', () => {
    const H = 3_600_000;
    const input: TimelineInput = {
      span: { startMs: 0, endMs: 100 * H },
      gridMs: H,
      marginMs: 0,
      minGapMs: 0,
      maxGapMs: Infinity,
      windows: { S: [{ startMs: 0, endMs: 100 * H }] },
      mode: 'spread',
      idealMs: [],
      toleranceMs: 0,
      groups: [{ target: 'S', epochs: [{ durationMs: H, targets: ['S'] }] }],
    };
    const placements = scheduleTimeline(input);
    const calls: Array<(value: unknown) => unknown> = [
      (value) => epochSlack(value as TimelineInput, placements, 0, 0),
      (value) => epochSlack(input, value as never, 0, 0),
      // (0 is a group and an epoch of this input: 1 is not.)
      (value) => epochSlack(input, placements, (value === 0 ? 1 : value) as number, 0),
      (value) => epochSlack(input, placements, 0, (value === 0 ? 1 : value) as number),
      (value) => epochSlack(input, placements, 0, 0, (value ?? 1) as never),
      (value) => allowedEpochStarts(input, placements, (value === 0 ? 1 : value) as number, 0),
      (value) => moveEpoch(value as Schedule, { target: 'BD+60-1753', epoch: 1, start: NOW }),
      (value) => moveEpoch(plan, value as never),
      (value) => readExecutedVisits(value as string, 'x.csv'),
      (value) => slackText(value as never),
      (value) => parseOperationsOptions({ executed: [value] }),
      (value) => parseOperationsOptions({ now: value === 0 || value === undefined ? 'soon' : value }), // (0 is an instant: 1970)
    ];
    calls.forEach((call, index) => {
      for (const value of garbage) expect(() => call(value), `call ${index} with ${String(value)}`).toThrow(InputError);
    });
  });
});
