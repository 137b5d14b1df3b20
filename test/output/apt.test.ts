import { describe, expect, it } from 'vitest';
import type { ScheduledVisit } from '../../src/cadence/schedule.js';
import { scheduleToApt } from '../../src/output/face.js';

import { fixture, t } from '../support/output-fixture.js';

const DAY_MS = 86_400_000;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const APT_DATE = /^(\d{2})-(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)-(\d{4})$/;
const BETWEEN = /^Observation (\d+): BETWEEN (\S+) AND (\S+)$/;
const AFTER = /^Observation (\d+): AFTER OBSERVATION (\d+) BY (\d+) TO (\d+) DAYS$/;
const GROUP = /^Observations (\d+)-(\d+): GROUP\/SEQUENCE OBSERVATIONS (\d+)-(\d+) NON-INTERRUPTIBLE$/;

/** 00:00 UT of an APT date `DD-MON-YYYY`, parsed here independently of the code under test. */
function aptDateMs(text: string): number {
  const match = APT_DATE.exec(text);
  if (!match) throw new Error(`not an APT date: ${text}`);
  return Date.UTC(Number(match[3]), MONTHS.indexOf(match[2]!), Number(match[1]));
}

const visitOf = (observation: number): ScheduledVisit => {
  const visit = fixture.visits.find((v) => v.observation === observation);
  if (!visit) throw new Error(`no visit for observation ${observation}`);
  return visit;
};

const lines = (text: string): string[] => text.split('\n');

describe('scheduleToApt', () => {
  const text = scheduleToApt(fixture);

  it('writes every date as DD-MON-YYYY, upper case', () => {
    const dates = lines(text).flatMap((line) => {
      const match = BETWEEN.exec(line);
      return match ? [match[2]!, match[3]!] : [];
    });
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date).toMatch(APT_DATE);
  });

  it('gives each first-epoch visit a BETWEEN window that contains its scheduled start', () => {
    const between = lines(text).flatMap((line) => {
      const match = BETWEEN.exec(line);
      return match ? [{ observation: Number(match[1]), fromMs: aptDateMs(match[2]!), toMs: aptDateMs(match[3]!) }] : [];
    });
    expect(between.map((b) => b.observation).sort((a, b) => a - b)).toEqual([1, 2, 3, 63]);
    for (const { observation, fromMs, toMs } of between) {
      const { startMs } = visitOf(observation);
      expect(fromMs).toBeLessThanOrEqual(startMs);
      expect(toMs).toBeGreaterThanOrEqual(startMs);
    }
  });

  it('centres BETWEEN on the scheduled date ± 7 days, widened to whole days, clipped to the window', () => {
    // obs 1 starts 2022-07-14T03:00: ± 7 d is 07-07T03:00 .. 07-21T03:00, widened to 07-07 .. 07-22.
    expect(lines(text)).toContain('Observation 1: BETWEEN 07-JUL-2022 AND 22-JUL-2022');
    // obs 63 starts 2022-09-05T00:00; its window opens 2022-09-01, which clips 08-29.
    expect(lines(text)).toContain('Observation 63: BETWEEN 01-SEP-2022 AND 12-SEP-2022');
  });

  it('links each later visit to the first visit of the previous epoch by a range containing the scheduled gap', () => {
    const after = lines(text).flatMap((line) => {
      const match = AFTER.exec(line);
      return match ? [match.slice(1).map(Number) as [number, number, number, number]] : [];
    });
    const expectedReference: Record<number, number> = { 6: 1, 7: 1, 9: 1, 11: 6, 65: 63, 67: 65 };
    expect(Object.fromEntries(after.map(([observation, reference]) => [observation, reference]))).toEqual(expectedReference);
    for (const [observation, reference, minDays, maxDays] of after) {
      const gapDays = (visitOf(observation).startMs - visitOf(reference).startMs) / DAY_MS;
      expect(minDays).toBeLessThanOrEqual(gapDays);
      expect(maxDays).toBeGreaterThanOrEqual(gapDays);
      expect(minDays).toBeGreaterThanOrEqual(0);
    }
  });

  it('writes the AFTER ranges the fixture dates give', () => {
    // 2022-07-14T03:00 -> 2022-08-13T03:00 is 30 d: 23..37.
    expect(lines(text)).toContain('Observation 6: AFTER OBSERVATION 1 BY 23 TO 37 DAYS');
    // 2022-08-13T03:00 -> 2023-01-20T10:00 is 160 d 7 h: 153.3..167.3, rounded out to 153..168.
    expect(lines(text)).toContain('Observation 11: AFTER OBSERVATION 6 BY 153 TO 168 DAYS');
    // 2022-10-05T12:00 -> 2023-02-01T06:00 is 118 d 18 h: 111.75..125.75, rounded out to 111..126.
    expect(lines(text)).toContain('Observation 67: AFTER OBSERVATION 65 BY 111 TO 126 DAYS');
  });

  it('gives every placed visit exactly one timing requirement', () => {
    const timed = lines(text).flatMap((line) => {
      const match = BETWEEN.exec(line) ?? AFTER.exec(line);
      return match ? [Number(match[1])] : [];
    });
    expect(timed.sort((a, b) => a - b)).toEqual(fixture.visits.map((v) => v.observation).sort((a, b) => a - b));
  });

  it('groups only runs of consecutively numbered visits within an epoch', () => {
    const groups = lines(text).flatMap((line) => {
      const match = GROUP.exec(line);
      return match ? [`${match[3]}-${match[4]}`] : [];
    });
    // Epoch 1 of BD+60-1753 is obs 1, 2, 3; epoch 2 is obs 6, 7, 9 (9 does not follow 7).
    expect(groups).toEqual(['1-3', '6-7']);
  });

  it('groups a science visit with its background pointing when they run back to back', () => {
    // MRS on HD163466 then its background (another target), same epoch, numbers 63, 64; then
    // 65 and 66 at the next epoch, with obs 1 of another target placed between them.
    const mrs = fixture.visits.find((v) => v.observation === 63)!;
    const at = (observation: number, target: string, epoch: number, start: string, end: string): ScheduledVisit => ({
      ...mrs,
      observation,
      target,
      epoch,
      startMs: t(start),
      endMs: t(end),
    });
    const visits = [
      at(63, 'HD163466', 1, '2022-09-05T00:00Z', '2022-09-05T01:30Z'),
      at(64, 'HD163466-BKG', 1, '2022-09-05T01:30Z', '2022-09-05T03:00Z'),
      at(65, 'HD163466', 2, '2022-10-05T00:00Z', '2022-10-05T01:30Z'),
      at(1, 'BD+60-1753', 1, '2022-10-05T01:30Z', '2022-10-05T03:00Z'),
      at(66, 'HD163466-BKG', 2, '2022-10-05T03:00Z', '2022-10-05T04:30Z'),
    ];
    const out = lines(scheduleToApt({ ...fixture, visits, unscheduled: [] }));
    expect(out.filter((line) => GROUP.test(line))).toEqual(['Observations 63-64: GROUP/SEQUENCE OBSERVATIONS 63-64 NON-INTERRUPTIBLE']);
    expect(out).toContain('# Observations 63-64 run back to back with HD163466-BKG');
  });

  it('lists the unscheduled visit as a comment with its reason', () => {
    const line = lines(text).find((l) => l.includes('observation 12'));
    expect(line).toBeDefined();
    expect(line!.startsWith('#')).toBe(true);
    expect(line).toContain('no visible time within 10 days of the cadence date 2022-11-12');
  });

  it('writes nothing but comments, requirement lines and blank lines', () => {
    for (const line of lines(text)) {
      expect(line === '' || line.startsWith('#') || BETWEEN.test(line) || AFTER.test(line) || GROUP.test(line)).toBe(true);
    }
  });

  it('keeps a reason with a line break on one comment line', () => {
    const unscheduled = [{ ...fixture.unscheduled[0]!, reason: 'first line\nsecond line' }];
    const out = scheduleToApt({ ...fixture, unscheduled });
    for (const line of lines(out)) {
      expect(line === '' || line.startsWith('#') || BETWEEN.test(line) || AFTER.test(line) || GROUP.test(line)).toBe(true);
    }
    expect(out).toContain('first line second line');
  });

  it('never lets a range go below 0 days, and clips BETWEEN to the visibility window', () => {
    const wide = lines(scheduleToApt(fixture, { toleranceDays: 40 }));
    expect(wide).toContain('Observation 6: AFTER OBSERVATION 1 BY 0 TO 70 DAYS');
    // 2022-07-14T03:00 ± 40 d: from 06-04 (before the window opens on 07-01) to 08-23T03:00, widened to 08-24.
    expect(wide).toContain('Observation 1: BETWEEN 01-JUL-2022 AND 24-AUG-2022');
  });

  it('takes a tolerance of 0', () => {
    expect(lines(scheduleToApt(fixture, { toleranceDays: 0 }))).toContain('Observation 6: AFTER OBSERVATION 1 BY 30 TO 30 DAYS');
  });

  it('refuses a negative tolerance', () => {
    expect(() => scheduleToApt(fixture, { toleranceDays: -1 })).toThrow();
  });

  it('handles a date in every month the same way (SEP, not SEPT)', () => {
    const visits = MONTHS.map((_, month) => ({
      ...fixture.visits[0]!,
      observation: month + 1,
      epoch: 1,
      target: `T${month}`,
      startMs: Date.UTC(2022, month, 15),
      endMs: Date.UTC(2022, month, 15, 1),
      window: { startMs: Date.UTC(2022, 0, 1), endMs: Date.UTC(2023, 0, 1) },
    }));
    const between = lines(scheduleToApt({ ...fixture, visits, unscheduled: [], windows: {} }, { toleranceDays: 0 })).filter((line) =>
      BETWEEN.test(line),
    );
    expect(between).toEqual(MONTHS.map((mon, month) => `Observation ${month + 1}: BETWEEN 15-${mon}-2022 AND 15-${mon}-2022`));
  });

  it('writes only comments for a schedule with no visits', () => {
    const out = scheduleToApt({ ...fixture, visits: [], unscheduled: [] });
    expect(lines(out).every((line) => line === '' || line.startsWith('#'))).toBe(true);
  });
});
