/**
 * Distances to a window's edges are measured only to edges the sky made: where the span cut a
 * window, the report, the ICS description, the CSV and the calendar say so instead of giving a
 * margin from the cut.
 *
 * The fixture's BD+60-1753 window 2022-07-01..2022-10-20 starts at the span's start: the span
 * cut it (the star was in view before, as BD+60-1753 is from January on). Its first visit,
 * 2022-07-14T03:00Z, is 13.1 days after the cut, which is no margin. HD163466's window
 * 2022-09-01..2022-11-01 lies inside the span: both edges are the sky's, and its first visit
 * (2022-09-05T00:00Z) is 4.0 days after the window opens and 57.0 days (less its 2 hours) before
 * it closes.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/cadence/schedule.js';
import { scheduleToCalendarText, scheduleToCsv, scheduleToHtml, scheduleToIcs } from '../../src/index.js';
import { BD, fixture, HD, t } from '../support/output-fixture.js';

/** The fixture with edge records, as the scheduler writes them: the span cut BD+60-1753's windows at the span's ends. */
const withEdges: Schedule = {
  ...fixture,
  windows: {
    [BD]: [
      {
        startMs: t('2022-07-01T00:00Z'),
        endMs: t('2022-10-20T00:00Z'),
        startEdge: { model: 'span', marginMs: 0 },
        endEdge: { model: 'ephemeris', marginMs: 0 },
      },
      {
        startMs: t('2023-01-15T00:00Z'),
        endMs: t('2023-07-01T00:00Z'),
        startEdge: { model: 'ephemeris', marginMs: 0 },
        endEdge: { model: 'span', marginMs: 0 },
      },
    ],
    [HD]: fixture.windows[HD]!.map((w) => ({
      ...w,
      startEdge: { model: 'ephemeris' as const, marginMs: 0 },
      endEdge: { model: 'ephemeris' as const, marginMs: 0 },
    })),
  },
};

describe('edges that tell the truth', () => {
  for (const [name, schedule] of [
    ['edge records', withEdges],
    ['no edge records (by position)', fixture],
  ] as const) {
    it(`report (${name}): "in view before the span" where the span cut the window, days where the sky made the edge`, () => {
      const html = scheduleToHtml(schedule);
      const table = html.slice(html.indexOf('id="visits-table"'));
      const row = (observation: number): string[] => {
        const match = new RegExp(`<tr><td[^>]*>${observation}</td>.*?</tr>`).exec(table)!;
        return [...match[0].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, ''));
      };
      const bd = row(1);
      expect(bd).toContain('in view before the span');
      expect(bd).not.toContain('13.1');
      // The visit's end, 2022-07-14T04:30Z, to 2022-10-20: 97.8 days, a margin the sky made.
      expect(bd).toContain('97.8');
      const hd = row(63);
      expect(hd).toContain('4.0');
      expect(hd).toContain('56.9');
      expect(hd.join(' ')).not.toMatch(/in view/);
    });

    it(`ICS description and CSV (${name})`, () => {
      const events = new ICAL.Component(ICAL.parse(scheduleToIcs(schedule))).getAllSubcomponents('vevent');
      const description = (observation: number): string =>
        String(
          events
            .find((event) => String(event.getFirstPropertyValue('uid')).includes(`-obs-${observation}@`))!
            .getFirstPropertyValue('description'),
        );
      expect(description(1)).toMatch(/Visibility window: in view before the span's start \(2022-07-01T00:00:00Z\) to 2022-10-20T00:00:00Z/);
      expect(description(63)).toMatch(/Visibility window: 2022-09-01T00:00:00Z to 2022-11-01T00:00:00Z/);
      const lines = scheduleToCsv(schedule).trim().split('\n');
      const header = lines[0]!.split(',');
      const cells = (observation: number): string[] => {
        const line = lines.find((l) => l.startsWith(`${observation},`))!.split(',');
        return [line[header.indexOf('windowOpens')]!, line[header.indexOf('windowCloses')]!];
      };
      expect(cells(1)).toEqual(['', '2022-10-20T00:00:00Z']);
      expect(cells(63)).toEqual(['2022-09-01T00:00:00Z', '2022-11-01T00:00:00Z']);
      // BD+60-1753's epoch 3 (obs 11, 2023-01-20) lies in the window the span's end cuts.
      expect(cells(11)).toEqual(['2023-01-15T00:00:00Z', '']);
    });
  }

  it('calendar: a span cut reads as the span with the target in view beyond it', () => {
    const text = scheduleToCalendarText(withEdges);
    expect(text).toContain('2022-07-01 00:00 (span start: in view before)');
    expect(text).toContain('2023-07-01 00:00 (span end: in view after)');
    expect(text).not.toMatch(/\(span\)/);
  });
});
