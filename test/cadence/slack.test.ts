/**
 * Slack as every run of starts an epoch may move to, the others fixed, with what blocks each
 * end: checked against a brute force over the grid with the timeline's own rule book
 * (`epochStartProblems`, which names what a start breaks), and in the words of the outputs.
 */
import { describe, expect, it } from 'vitest';
import {
  epochSlack,
  epochSlackRuns,
  epochStartProblems,
  scheduleFromJson,
  scheduleTimeline,
  scheduleToJson,
  slackText,
} from '../../src/advanced.js';
import { fixture, t } from '../support/output-fixture.js';

const H = 3_600_000;
// Two targets on one timeline: S in view throughout, T with a hole from 40 h to 60 h; S has
// three epochs of 2 h, T two of 3 h. Blocks of each target stand in the way of the other's.
const input = {
  span: { startMs: 0, endMs: 100 * H },
  gridMs: H,
  marginMs: 0,
  minGapMs: 0,
  maxGapMs: Infinity,
  windows: {
    S: [{ startMs: 0, endMs: 100 * H }],
    T: [
      { startMs: 0, endMs: 40 * H },
      { startMs: 60 * H, endMs: 100 * H },
    ],
  },
  mode: 'spread' as const,
  idealMs: [],
  toleranceMs: 0,
  groups: [
    { target: 'S', epochs: [0, 1, 2].map(() => ({ durationMs: 2 * H, targets: ['S'] })) },
    { target: 'T', epochs: [0, 1].map(() => ({ durationMs: 3 * H, targets: ['T'] })) },
  ],
};

describe('slack runs', () => {
  const placements = scheduleTimeline(input);

  it('are exactly the maximal runs of grid starts the rules allow, every run and not only the one holding the start', () => {
    let severalRuns = 0;
    input.groups.forEach((group, g) => {
      group.epochs.forEach((_, k) => {
        const runs = epochSlackRuns(input, placements, g, k)!;
        // Brute force: every grid start the rules allow.
        const allowed: number[] = [];
        for (let s = 0; s < 100 * H; s += H) if (epochStartProblems(input, placements, g, k, s).length === 0) allowed.push(s);
        const expected: Array<[number, number]> = [];
        for (const s of allowed) {
          const last = expected[expected.length - 1];
          if (last && last[1] + H === s) last[1] = s;
          else expected.push([s, s]);
        }
        expect(
          runs.map((run) => [run.earliestMs, run.latestMs]),
          `${group.target} ${k + 1}`,
        ).toEqual(expected);
        if (runs.length > 1) severalRuns++;
        // The run holding the start is the classic slack.
        const slack = epochSlack(input, placements, g, k)!;
        expect(runs.some((run) => run.earliestMs === slack.earliestMs && run.latestMs === slack.latestMs)).toBe(true);
        // What blocks each end is one of the things the rules say the step beyond breaks.
        for (const run of runs) {
          for (const [at, blocker] of [
            [run.earliestMs - H, run.earlierBlockedBy],
            [run.latestMs + H, run.laterBlockedBy],
          ] as const) {
            const problems = epochStartProblems(input, placements, g, k, at).join(' | ');
            if (at < 0) expect(blocker).toBe('span start');
            else if (at + group.epochs[k]!.durationMs > 100 * H) expect(blocker).toBe('span end');
            else if (blocker === 'window edge') expect(problems).toMatch(/does not lie in the span and in one window/);
            else {
              const [target, , number] = blocker.split(' ');
              if (/^min gap|^max gap/.test(blocker)) expect(problems).toMatch(/the gap (from|to) epoch/);
              else
                expect(problems, `${group.target} ${k + 1} at ${at / H} h: ${blocker}`).toContain(`overlaps epoch ${number} of ${target}`);
            }
          }
        }
      });
    });
    // Blocks of the other target split some epoch's starts into several runs.
    expect(severalRuns).toBeGreaterThan(0);
  });
});

describe('slack in words and in the plan file', () => {
  const visit = fixture.visits[0]!;
  const slack = {
    earliestMs: t('2023-01-02T18:00Z'),
    latestMs: t('2023-01-20T18:00Z'),
    runs: [
      {
        earliestMs: t('2023-01-02T18:00Z'),
        latestMs: t('2023-01-20T18:00Z'),
        earlierBlockedBy: 'window edge',
        laterBlockedBy: 'HD163466 epoch 6',
      },
      {
        earliestMs: t('2023-01-21T04:00Z'),
        latestMs: t('2023-01-23T14:00Z'),
        earlierBlockedBy: 'HD163466 epoch 6',
        laterBlockedBy: 'BD+60-1753 epoch 6',
      },
    ],
  };

  it('names what blocks each end and the other runs, so that a blocked epoch does not read as pinned', () => {
    expect(slackText(slack)).toBe(
      'may move 2023-01-02 to 01-20 (blocked by window edge, HD163466 epoch 6); also 2023-01-21 04:00 to 01-23 14:00 (blocked by HD163466 epoch 6, BD+60-1753 epoch 6)',
    );
    const pinned = {
      earliestMs: t('2023-01-21T01:00Z'),
      latestMs: t('2023-01-21T01:00Z'),
      runs: [
        {
          earliestMs: t('2023-01-21T01:00Z'),
          latestMs: t('2023-01-21T01:00Z'),
          earlierBlockedBy: 'window edge',
          laterBlockedBy: 'BD+60-1753 epoch 7',
        },
        {
          earliestMs: t('2023-01-26T21:00Z'),
          latestMs: t('2023-02-14T16:00Z'),
          earlierBlockedBy: 'BD+60-1753 epoch 7',
          laterBlockedBy: 'HD163466 epoch 7',
        },
      ],
    };
    expect(slackText(pinned)).toBe(
      'may not move (blocked by window edge, BD+60-1753 epoch 7); also 2023-01-26 21:00 to 02-14 16:00 (blocked by BD+60-1753 epoch 7, HD163466 epoch 7)',
    );
    // A plan written before runs were recorded reads as before.
    expect(slackText({ earliestMs: slack.earliestMs, latestMs: slack.latestMs })).toBe('may move 2023-01-02 to 01-20');
  });

  it('JSON keeps the runs and reads them back; an old plan without them still reads', () => {
    const schedule = { ...fixture, visits: [{ ...visit, slack }, ...fixture.visits.slice(1)] };
    const text = scheduleToJson(schedule);
    const json = JSON.parse(text) as { visits: Array<{ slack?: { runs?: unknown[] } }> };
    expect(json.visits[0]!.slack!.runs).toEqual([
      {
        earliest: '2023-01-02T18:00:00Z',
        latest: '2023-01-20T18:00:00Z',
        earlierBlockedBy: 'window edge',
        laterBlockedBy: 'HD163466 epoch 6',
      },
      {
        earliest: '2023-01-21T04:00:00Z',
        latest: '2023-01-23T14:00:00Z',
        earlierBlockedBy: 'HD163466 epoch 6',
        laterBlockedBy: 'BD+60-1753 epoch 6',
      },
    ]);
    expect(scheduleFromJson(text).visits[0]!.slack).toEqual(slack);
    delete (json.visits[0]!.slack as { runs?: unknown }).runs;
    expect(scheduleFromJson(JSON.stringify(json)).visits[0]!.slack).toEqual({ earliestMs: slack.earliestMs, latestMs: slack.latestMs });
  });
});

describe('slack runs in the report and the ICS', () => {
  it('the report counts the other runs and names every blocker on hover; the ICS description says them', async () => {
    const { scheduleToHtml, scheduleToIcs } = await import('../../src/index.js');
    const slack = {
      earliestMs: t('2022-07-10T00:00Z'),
      latestMs: t('2022-07-20T00:00Z'),
      runs: [
        {
          earliestMs: t('2022-07-10T00:00Z'),
          latestMs: t('2022-07-20T00:00Z'),
          earlierBlockedBy: 'span start',
          laterBlockedBy: 'HD163466 epoch 1',
        },
        {
          earliestMs: t('2022-07-21T04:00Z'),
          latestMs: t('2022-07-23T14:00Z'),
          earlierBlockedBy: 'HD163466 epoch 1',
          laterBlockedBy: 'BD+60-1753 epoch 2',
        },
      ],
    };
    const schedule = { ...fixture, visits: [{ ...fixture.visits[0]!, slack }, ...fixture.visits.slice(1)] };
    const html = scheduleToHtml(schedule);
    expect(html).toContain('+1 run</span>');
    expect(html).toContain('also 2022-07-21 04:00 to 07-23 14:00 (blocked by HD163466 epoch 1, BD+60-1753 epoch 2)');
    const ics = scheduleToIcs(schedule).replace(/\r\n /g, '');
    expect(ics).toContain('blocked by span start\\, HD163466 epoch 1');
  });
});
