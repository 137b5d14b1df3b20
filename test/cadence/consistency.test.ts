/**
 * A plan's consistency, as `gaps` checks it before measuring: each rule broken on purpose in
 * a plan that is otherwise valid must be named with the visits that break it, and valid plans
 * of the kinds operations produce (statuses, history before the span, cycles of one table)
 * must pass. Expected verdicts come from how each plan is built here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cadenceGaps,
  checkPlan,
  InputError,
  loadBuiltInProgram,
  type PlanRule,
  type Schedule,
  type ScheduledVisit,
  scheduleFromJson,
  scheduleProgram,
  scheduleToJson,
  type TimeInterval,
} from '../../src/advanced.js';
import { tally } from '../support/outcomes.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const S = Date.UTC(2022, 6, 1);
const E = Date.UTC(2023, 6, 1);
const SPAN = { startMs: S, endMs: E };

/** Names a plain object would resolve through its prototype. */
const AWKWARD = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'BD+60-1753'];

function visit(fields: Partial<ScheduledVisit> & { observation: number; target: string; startMs: number }): ScheduledVisit {
  return {
    label: `v${fields.observation}`,
    template: 'MIRI Imaging',
    instrument: 'MIRI',
    series: `${fields.target} / MIRI Imaging`,
    epoch: 1,
    endMs: fields.startMs + HOUR,
    window: SPAN,
    ...fields,
  };
}

/** A plan whose windows object has the given own keys, `__proto__` included (Object.fromEntries defines own keys). */
function plan(visits: ScheduledVisit[], windows: Array<[string, TimeInterval[]]>, extra: Partial<Schedule> = {}): Schedule {
  return {
    program: { id: '1', title: 't' },
    span: SPAN,
    mode: 'spread',
    visits,
    unscheduled: [],
    windows: Object.fromEntries(windows),
    ...extra,
  };
}

const rulesOf = (schedule: Schedule): PlanRule[] => checkPlan(schedule).problems.map((p) => p.rule);

describe('valid plans of operations pass', () => {
  it('statuses, history before the span and outside a window, two cycles of one table', () => {
    const T = 'HD163466';
    // T is out of view for [S + 100 d, S + 160 d).
    const windows: TimeInterval[] = [
      { startMs: S - 60 * DAY, endMs: S + 100 * DAY },
      { startMs: S + 160 * DAY, endMs: E },
    ];
    const visits = [
      visit({ observation: 1, cycle: 1, status: 'done', target: T, startMs: S - 90 * DAY, epoch: 1 }), // before the span and every window
      visit({ observation: 2, cycle: 1, status: 'failed', target: T, startMs: S - 30 * DAY, epoch: 2 }),
      visit({ observation: 2, cycle: 1, status: 'done', target: T, startMs: S - 20 * DAY, epoch: 2 }), // the repeat of a failed visit
      visit({ observation: 3, cycle: 1, status: 'done', target: T, startMs: S + 120 * DAY, epoch: 3 }), // executed while out of view (reported)
      visit({ observation: 1, cycle: 2, target: T, startMs: S + 170 * DAY, epoch: 1 }), // the table again in cycle 2
      visit({ observation: 2, cycle: 2, target: T, startMs: S + 200 * DAY, epoch: 2 }),
    ];
    const schedule = plan(visits, [[T, windows]], {
      unscheduled: [{ observation: 3, cycle: 2, label: 'v3', target: T, series: `${T} / MIRI Imaging`, epoch: 3, reason: 'no room' }],
    });
    const { problems, notes } = checkPlan(schedule);
    expect(problems).toEqual([]);
    expect(notes.map((n) => [n.rule, n.visits])).toEqual([
      ['inside-span', ['visits.0']],
      ['inside-window', ['visits.0']],
      ['inside-span', ['visits.1']],
      ['inside-span', ['visits.2']],
      ['inside-window', ['visits.3']],
    ]);
    // Gaps: the failed visit is left out; cycle 2's epochs 1 and 2 are not merged with cycle 1's.
    const check = cadenceGaps(schedule);
    expect(check.targets[0]!.startsMs).toEqual([S - 90 * DAY, S - 20 * DAY, S + 120 * DAY, S + 170 * DAY, S + 200 * DAY]);
    expect(check.notes).toHaveLength(5);
    // It survives the JSON file too.
    expect(cadenceGaps(scheduleFromJson(scheduleToJson(schedule))).targets[0]!.startsMs).toEqual(check.targets[0]!.startsMs);
  });

  it("a continued plan: an earlier cycle's planned visits before the span are history; without a cycle they are not", () => {
    // The rule was: planned visits lie inside the span. A plan continued from the cycle before
    // carries that cycle's visits, planned there (not executed), before this span: history,
    // so they are noted, while a planned visit with no cycle before the span is still refused.
    const T = 'HD163466';
    const windows: TimeInterval[] = [{ startMs: S, endMs: E }];
    const carried = visit({ observation: 1, cycle: 1, target: T, startMs: S - 20 * DAY, epoch: 1 });
    const planned = visit({ observation: 1, cycle: 2, target: T, startMs: S + 10 * DAY, epoch: 1 });
    const continued = checkPlan(plan([carried, planned], [[T, windows]]));
    expect(continued.problems).toEqual([]);
    expect(continued.notes.map((n) => [n.rule, n.visits])).toEqual([
      ['inside-span', ['visits.0']],
      ['inside-window', ['visits.0']],
    ]);
    expect(continued.notes[0]!.message).toMatch(/planned visit of cycle 1 \(a plan continued here\)/);
    const { cycle: _cycle, ...noCycle } = carried;
    expect(rulesOf(plan([noCycle, { ...planned, cycle: undefined, observation: 2 }], [[T, windows]]))).toEqual([
      'inside-span',
      'inside-window',
    ]);
    // A visit of an earlier cycle that reaches into the span is not history: refused.
    expect(rulesOf(plan([{ ...carried, startMs: S - HOUR / 2, endMs: S + HOUR / 2 }, planned], [[T, windows]]))).toEqual([
      'inside-span',
      'inside-window',
    ]);
  });

  it("the scheduler's own plan with a visit fixed where its target is out of view: history, reported", () => {
    // BD+60-1753 is out of view from early October to late December 2022 (jwst-facts: one gap of
    // 70-95 days a year), so a visit fixed on 2022-11-15 can only be one that already ran.
    const schedule = scheduleProgram(loadBuiltInProgram(), {
      cadence: { mode: 'spread', fixed: [{ observation: 1, start: '2022-11-15T00:00Z' }] },
    });
    const fixed = schedule.visits.filter((v) => v.startMs >= Date.UTC(2022, 10, 15) && v.startMs < Date.UTC(2022, 10, 16));
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed.every((v) => v.status === 'done')).toBe(true);
    const check = cadenceGaps(schedule);
    expect(check.notes.map((n) => n.rule)).toEqual(fixed.map(() => 'inside-window'));
  });

  it.each(AWKWARD)('a target named %s is a name like any other', (name) => {
    const schedule = plan(
      [visit({ observation: 1, target: name, startMs: S + DAY }), visit({ observation: 2, target: name, startMs: S + 11 * DAY, epoch: 2 })],
      [
        [
          name,
          [
            { startMs: S, endMs: S + 5 * DAY },
            { startMs: S + 10 * DAY, endMs: E },
          ],
        ],
      ],
    );
    const check = cadenceGaps(schedule, { maxGapDays: 5, ignoreForced: true });
    expect(check.targets.map((r) => r.id)).toEqual([name]);
    // Ten days apart, five of them out of view: forced, and the five in view are within the bound.
    expect(check.targets[0]!.gaps[0]).toMatchObject({ days: 10, invisibleDays: 5, forced: true, violation: 'above-max', excused: true });
    expect(check.pass).toBe(true);
  });
});

describe('each broken rule is named with its visits', () => {
  const T = 'T';
  const windows: Array<[string, TimeInterval[]]> = [
    [
      T,
      [
        { startMs: S, endMs: S + 100 * DAY },
        { startMs: S + 200 * DAY, endMs: E },
      ],
    ],
  ];
  const v = (observation: number, startDay: number, more: Partial<ScheduledVisit> = {}) =>
    visit({ observation, target: T, startMs: S + startDay * DAY, epoch: observation, ...more });

  it.each<[string, () => Schedule, PlanRule, string[]]>([
    ['a duplicate observation', () => plan([v(1, 1), v(1, 2)], windows), 'unique-observation', ['visits.0', 'visits.1']],
    [
      'a duplicate in one cycle',
      () => plan([v(1, 1, { cycle: 2 }), v(1, 2, { cycle: 2 })], windows),
      'unique-observation',
      ['visits.0', 'visits.1'],
    ],
    [
      'placed and unscheduled',
      () => plan([v(1, 1)], windows, { unscheduled: [{ observation: 1, label: 'x', target: T, series: 's', epoch: 1, reason: 'r' }] }),
      'placed-or-unscheduled',
      ['visits.0', 'unscheduled.0'],
    ],
    ['two visits overlapping', () => plan([v(1, 1), v(2, 1 + 1 / 48)], windows), 'no-overlap', ['visits.0', 'visits.1']],
    [
      'a failed visit overlapping a done one',
      () => plan([v(1, 1, { status: 'failed' }), v(2, 1 + 1 / 48, { status: 'done' })], windows),
      'no-overlap',
      ['visits.0', 'visits.1'],
    ],
    ['a planned visit before the span', () => plan([v(1, -5)], [[T, [{ startMs: S - 10 * DAY, endMs: E }]]]), 'inside-span', ['visits.0']],
    ['a planned visit out of view', () => plan([v(1, 150)], windows), 'inside-window', ['visits.0']],
    ['a planned visit across a window edge', () => plan([v(1, 100 - 1 / 48)], windows), 'inside-window', ['visits.0']],
    ['an unknown (renamed) target', () => plan([v(1, 1)], [['T (renamed)', windows[0]![1]]]), 'known-target', ['visits.0']],
    ['epochs out of time order', () => plan([v(2, 1), v(1, 2)], windows), 'epoch-order', ['visits.0', 'visits.1']],
    ['visits out of order', () => plan([v(1, 5), v(2, 1)], windows), 'sorted', ['visits.1', 'visits.0']],
    ['an unknown status', () => plan([v(1, 1, { status: 'lost' as never })], windows), 'status', ['visits.0']],
    ['a NaN start', () => plan([v(1, Number.NaN)], windows), 'intervals', ['visits.0']],
  ])('%s', (_name, make, rule, paths) => {
    const schedule = make();
    const found = checkPlan(schedule).problems.find((p) => p.rule === rule);
    expect(found, JSON.stringify(checkPlan(schedule).problems)).toBeDefined();
    expect([...found!.visits].sort()).toEqual([...paths].sort());
    for (const path of paths) expect(found!.message).toContain(path);
    // cadenceGaps refuses it, naming the source, the rule and the visit; a visit that is not a
    // sound record (a NaN instant, an unknown status) is refused before, at the function's
    // boundary, naming the field.
    expect(() => cadenceGaps(schedule, { source: 'plan.json' })).toThrow(InputError);
    const refusal =
      rule === 'intervals' || rule === 'status'
        ? new RegExp(`^cadenceGaps: schedule\\.${paths[0]!.replace('.', '\\.')}\\.(startMs|status): `)
        : new RegExp(`^plan\\.json: ${rule}: .*${paths[0]!.replace('.', '\\.')}`, 'm');
    expect(() => cadenceGaps(schedule, { source: 'plan.json' })).toThrow(refusal);
  });

  it('never counts every gap of a renamed target as forced: it refuses the plan', () => {
    const schedule = plan([v(1, 1), v(2, 50)], [['T2', windows[0]![1]]]);
    expect(rulesOf(schedule)).toEqual(['known-target', 'known-target']);
    expect(() => cadenceGaps(schedule, { maxGapDays: 10, ignoreForced: true })).toThrow(
      /known-target: visits\.0 \(observation 1\): target "T" has no windows in the plan \(targets with windows: "T2"\)/,
    );
  });
});

describe('malformed plans (property)', () => {
  const record = tally('plans for gaps');
  const MUTATIONS = [
    'none',
    'duplicate',
    'overlap',
    'outside-span',
    'outside-window',
    'rename',
    'unschedule-placed',
    'swap-epochs',
  ] as const;
  const EXPECTED: Record<(typeof MUTATIONS)[number], PlanRule | undefined> = {
    none: undefined,
    duplicate: 'unique-observation',
    overlap: 'no-overlap',
    'outside-span': 'inside-span',
    'outside-window': 'inside-window',
    rename: 'known-target',
    'unschedule-placed': 'placed-or-unscheduled',
    'swap-epochs': 'epoch-order',
  };

  it('a valid plan passes with finite statistics; one broken rule is named with the visit that breaks it', () => {
    // Each target is out of view for days [100, 160) of the span.
    const windowsOf = (): TimeInterval[] => [
      { startMs: S, endMs: S + 100 * DAY },
      { startMs: S + 160 * DAY, endMs: E },
    ];
    const arbitrary = fc.record({
      targets: fc.uniqueArray(fc.constantFrom(...AWKWARD, 'A', 'B'), { minLength: 1, maxLength: 4 }),
      // Starting days of the visits, in view (0..95 or 165..360), distinct after sorting.
      days: fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 165, max: 360 })), { minLength: 2, maxLength: 12 }),
      statuses: fc.array(fc.constantFrom(undefined, 'planned', 'done', 'failed'), { minLength: 12, maxLength: 12 }),
      cycles: fc.array(fc.constantFrom(undefined, 1, 2), { minLength: 12, maxLength: 12 }),
      mutation: fc.constantFrom(...MUTATIONS),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(arbitrary, ({ targets, days, statuses, cycles, mutation, pick }) => {
        const sorted = [...days].sort((a, b) => a - b);
        const perTarget = new Map<string, number>();
        const visits = sorted.map((day, i) => {
          const target = targets[i % targets.length]!;
          const epoch = (perTarget.get(target) ?? 0) + 1;
          perTarget.set(target, epoch);
          const status = statuses[i];
          return visit({
            observation: i + 1,
            target,
            startMs: S + day * DAY,
            epoch,
            ...(status ? { status } : {}),
            ...(cycles[i] ? { cycle: cycles[i] } : {}),
          });
        });
        const windows: Array<[string, TimeInterval[]]> = targets.map((t) => [t, windowsOf()]);
        const unscheduled: Array<Schedule['unscheduled'][number]> = [];
        const i = pick % visits.length;
        const planned = visits.map((x, index) => [x, index] as const).filter(([x]) => (x.status ?? 'planned') === 'planned');
        const notFailed = visits.map((x, index) => [x, index] as const).filter(([x]) => x.status !== 'failed');
        let culprit: number | undefined;
        switch (mutation) {
          case 'duplicate': {
            if (notFailed.length < 2) return;
            const [a, b] = [notFailed[0]!, notFailed[notFailed.length - 1]!];
            visits[b[1]] = {
              ...b[0],
              observation: a[0].observation,
              ...(a[0].cycle === undefined ? { cycle: undefined } : { cycle: a[0].cycle }),
            };
            if (visits[b[1]]!.cycle === undefined) delete (visits[b[1]] as { cycle?: number }).cycle;
            culprit = b[1];
            break;
          }
          case 'overlap': {
            if (visits.length < 2) return;
            const j = Math.max(1, i);
            visits[j] = { ...visits[j]!, startMs: visits[j - 1]!.startMs + HOUR / 2, endMs: visits[j - 1]!.startMs + HOUR + HOUR / 2 };
            if (j + 1 < visits.length && visits[j + 1]!.startMs < visits[j]!.endMs) return;
            culprit = j;
            break;
          }
          case 'outside-span': {
            if (planned.length === 0) return;
            const [x, index] = planned[planned.length - 1]!;
            if (index !== visits.length - 1) return;
            visits[index] = { ...x, startMs: E - HOUR / 2, endMs: E + HOUR / 2 };
            culprit = index;
            break;
          }
          case 'outside-window': {
            const candidates = planned.filter(([x]) => x.startMs < S + 95 * DAY && x.startMs > S);
            if (candidates.length === 0) return;
            const [x, index] = candidates[pick % candidates.length]!;
            // Move it into the out-of-view days only if no other visit is there (none are: all visits are in view).
            visits[index] = { ...x, startMs: S + 130 * DAY + index * HOUR, endMs: S + 130 * DAY + index * HOUR + HOUR };
            visits.sort((a, b) => a.startMs - b.startMs);
            culprit = visits.findIndex(
              (y) => y.observation === x.observation && y.cycle === x.cycle && y.startMs === S + 130 * DAY + index * HOUR,
            );
            // The move may break epoch order too; the rule looked for is still there.
            break;
          }
          case 'rename': {
            visits[i] = { ...visits[i]!, target: `${visits[i]!.target} (renamed)` };
            culprit = i;
            break;
          }
          case 'unschedule-placed': {
            if (notFailed.length === 0) return;
            const [x, index] = notFailed[pick % notFailed.length]!;
            unscheduled.push({
              observation: x.observation,
              ...(x.cycle === undefined ? {} : { cycle: x.cycle }),
              label: x.label,
              target: x.target,
              series: x.series,
              epoch: x.epoch,
              reason: 'r',
            });
            culprit = index;
            break;
          }
          case 'swap-epochs': {
            const pairs = planned.filter(
              ([x], k) => k > 0 && planned.slice(0, k).some(([y]) => y.series === x.series && (y.cycle ?? 0) === (x.cycle ?? 0)),
            );
            if (pairs.length === 0) return;
            // Swap its epoch number with the one of the series' visit before it: both stay valid numbers, out of time order.
            const [x, index] = pairs[0]!;
            const earlier = planned
              .slice(
                0,
                planned.findIndex(([, k]) => k === index),
              )
              .reverse()
              .find(([y]) => y.series === x.series && (y.cycle ?? 0) === (x.cycle ?? 0))!;
            visits[earlier[1]] = { ...earlier[0], epoch: x.epoch };
            visits[index] = { ...x, epoch: earlier[0].epoch };
            culprit = index;
            break;
          }
          default:
            break;
        }
        const schedule = plan(visits, windows, { unscheduled });
        const expected = EXPECTED[mutation];
        if (expected === undefined) {
          const check = cadenceGaps(schedule, { maxGapDays: 30, ignoreForced: true });
          for (const report of [...check.targets, ...check.series]) {
            for (const value of [report.minDays, report.maxDays, report.meanDays, report.stdDays]) {
              if (value !== null) expect(Number.isFinite(value)).toBe(true);
            }
          }
          record('consistent, measured');
          return;
        }
        const problems = checkPlan(schedule).problems.filter((p) => p.rule === expected);
        expect(problems.length, `${mutation}: ${JSON.stringify(checkPlan(schedule).problems)}`).toBeGreaterThan(0);
        expect(
          problems.some((p) => p.visits.includes(`visits.${culprit}`) || p.visits.some((path) => path.startsWith('unscheduled.'))),
          JSON.stringify(problems),
        ).toBe(true);
        expect(() => cadenceGaps(schedule)).toThrow(InputError);
        record(`refused (${expected})`);
      }),
      { seed: 9_005, numRuns: 400 },
    );
  });
});
