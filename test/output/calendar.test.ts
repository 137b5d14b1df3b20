/**
 * The main job end to end on the real program: program 1539 scheduled through Cycle 1 with the
 * visibility engine, then every output checked against the schedule and the published table.
 */
import { Resvg } from '@resvg/resvg-js';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  cadenceGaps,
  cycleSpan,
  DEFAULT_OBSERVATORY,
  findTarget,
  loadBuiltInProgram,
  NOMINAL_OBSERVATORY,
  scheduleFromJson,
  scheduleProgram,
  scheduleToApt,
  scheduleToCalendarText,
  scheduleToCsv,
  scheduleToIcs,
  scheduleToJson,
  scheduleToSvg,
  solarElongationDeg,
  visibilityWindows,
} from '../../src/advanced.js';
import { PROGRAM_1539, readData } from '../support/data.js';

const DAY = 86_400_000;
const schedule = scheduleProgram(loadBuiltInProgram());
/** Rows of the published observations table: lines that start with "| " and hold "(N) NAME". */
const publishedRows = readData(PROGRAM_1539)
  .split('\n')
  .filter((line) => /^\|.*\|\s*\(\d+\)\s*\S+\s*\|\s*$/.test(line));

describe('program 1539 through Cycle 1', () => {
  it('places every one of the 86 published rows', () => {
    expect(publishedRows).toHaveLength(86);
    expect(schedule.visits).toHaveLength(86);
    expect(schedule.unscheduled).toHaveLength(0);
    expect(new Set(schedule.visits.map((v) => v.observation)).size).toBe(86);
  });

  it("keeps every visit in the field of regard as seen from JWST's orbit, and off every other visit", () => {
    // By default Cycle 1 is seen from the bundled Horizons table: at every visit's start, middle
    // and end the target's solar elongation from JWST's orbit lies within 85..135 degrees.
    for (const visit of schedule.visits) {
      const target = findTarget(visit.target);
      for (const t of [visit.startMs, (visit.startMs + visit.endMs) / 2, visit.endMs]) {
        const elongationDeg = solarElongationDeg(target, t, DEFAULT_OBSERVATORY);
        expect(elongationDeg, `observation ${visit.observation}`).toBeGreaterThanOrEqual(85);
        expect(elongationDeg, `observation ${visit.observation}`).toBeLessThanOrEqual(135);
      }
    }
    const sorted = [...schedule.visits].sort((a, b) => a.startMs - b.startMs);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.startMs).toBeGreaterThanOrEqual(sorted[i - 1]!.endMs);
  });

  it("keeps each visit inside its window by each edge's own margin, the windows those of the default observer", () => {
    for (const visit of schedule.visits) {
      const windows = visibilityWindows(visit.target, cycleSpan(1));
      expect(schedule.windows[visit.target]).toEqual(
        windows.map((w) => ({ startMs: w.startMs, endMs: w.endMs, startEdge: w.startEdge, endEdge: w.endEdge })),
      );
      const inside = windows.some((w) => visit.startMs >= w.startMs + w.startEdge.marginMs && visit.endMs <= w.endMs - w.endEdge.marginMs);
      expect(inside, `observation ${visit.observation}`).toBe(true);
    }
  });

  it('with the nominal L2 observer, keeps every visit 3 days inside a nominal window', () => {
    const nominal = scheduleProgram(loadBuiltInProgram(), { observatory: NOMINAL_OBSERVATORY });
    expect(nominal.visits).toHaveLength(86);
    for (const visit of nominal.visits) {
      const windows = visibilityWindows(visit.target, cycleSpan(1), { observatory: NOMINAL_OBSERVATORY });
      const inside = windows.some(
        (w) =>
          (w.startMs === cycleSpan(1).startMs || visit.startMs >= w.startMs + 3 * DAY) &&
          (w.endMs === cycleSpan(1).endMs || visit.endMs <= w.endMs - 3 * DAY),
      );
      expect(inside, `observation ${visit.observation}`).toBe(true);
    }
  });

  it('has its only gaps over 45 days where the stars are out of view', () => {
    for (const report of cadenceGaps(schedule, { maxGapDays: 45 }).targets) {
      expect(report.violations.length).toBe(1);
      expect(report.violations[0]!.forced).toBe(true);
      // Out of view for 70 to 95 days a year (jwst-facts).
      expect(report.violations[0]!.invisibleDays).toBeGreaterThan(65);
    }
  });
});

describe('its outputs', () => {
  it('iCalendar: an independent parser reads back the same 86 visits, in UTC, with unique UIDs', () => {
    const calendar = new ICAL.Component(ICAL.parse(scheduleToIcs(schedule)));
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(86);
    const byUid = new Map(events.map((event) => [event.uid, event]));
    expect(byUid.size).toBe(86);
    const read = events
      .map((event) => [event.startDate.toUnixTime() * 1000, event.endDate.toUnixTime() * 1000])
      .sort((a, b) => a[0]! - b[0]!);
    const expected = schedule.visits.map((v) => [v.startMs, v.endMs]).sort((a, b) => a[0]! - b[0]!);
    expect(read).toEqual(expected);
  });

  it('JSON reads back to the same schedule; CSV has one row a visit', () => {
    // Exact but for the V3PA, which files hold to 0.001 degree (docs/outputs.md); read back and
    // written again, the text is the same.
    const read = scheduleFromJson(scheduleToJson(schedule));
    const third = (value: number): number => Number(value.toFixed(3)) % 360;
    expect(read).toEqual({
      ...schedule,
      visits: schedule.visits.map((visit) =>
        visit.v3pa === undefined
          ? visit
          : {
              ...visit,
              v3pa: { nominalDeg: third(visit.v3pa.nominalDeg), minDeg: third(visit.v3pa.minDeg), maxDeg: third(visit.v3pa.maxDeg) },
            },
      ),
    });
    expect(scheduleToJson(read)).toBe(scheduleToJson(schedule));
    const rows = parseCsv(scheduleToCsv(schedule), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(86);
    expect(rows.map((row) => Number(row.observation)).sort((a, b) => a - b)).toEqual(Array.from({ length: 86 }, (_, i) => i + 1));
  });

  it('SVG: rendered to pixels, each lane shows its bar colour in view and not in the invisible season', () => {
    const left = 150;
    const width = 800;
    const colours = ['#0000ff', '#00aa00', '#aa00aa'];
    const svg = scheduleToSvg(schedule, {
      width: 1000,
      plotLeft: left,
      plotRight: 50,
      laneHeight: 40,
      colours: { windows: colours, epoch: '#ff00ff', forcedGap: '#ffcc00' },
    });
    const image = new Resvg(svg, { font: { loadSystemFonts: true } }).render();
    const { startMs, endMs } = schedule.span;
    const xOf = (ms: number): number => Math.floor(left + (width * (ms - startMs)) / (endMs - startMs));
    const columnHas = (x: number, rgb: readonly number[]): boolean => {
      for (let y = 0; y < image.height; y++) {
        const i = (y * image.width + x) * 4;
        if (rgb.every((value, c) => Math.abs(image.pixels[i + c]! - value) <= 2)) return true;
      }
      return false;
    };
    const rgbs = [
      [0, 0, 255],
      [0, 170, 0],
      [170, 0, 170],
    ];
    Object.keys(schedule.windows).forEach((target, lane) => {
      const windows = visibilityWindows(target, cycleSpan(1));
      // The middle of each window shows the lane colour; the middle of the gap between them does not.
      for (const w of windows) expect(columnHas(xOf((w.startMs + w.endMs) / 2), rgbs[lane]!), `${target} window`).toBe(true);
      expect(columnHas(xOf((windows[0]!.endMs + windows[1]!.startMs) / 2), rgbs[lane]!), `${target} gap`).toBe(false);
    });
  });

  it('APT text: one AFTER OBSERVATION requirement between consecutive epochs, each range holding the scheduled gap', () => {
    const text = scheduleToApt(schedule);
    const afters = [...text.matchAll(/AFTER OBSERVATION (\d+) BY (\d+) TO (\d+) DAYS/g)];
    // 13 epochs of BD+60-1753 and 12 of HD163466: 12 + 11 consecutive pairs at least.
    expect(afters.length).toBeGreaterThanOrEqual(23);
    for (const [, , min, max] of afters) expect(Number(min)).toBeLessThanOrEqual(Number(max));
    expect(text).toMatch(/BETWEEN \d{2}-[A-Z]{3}-\d{4} AND \d{2}-[A-Z]{3}-\d{4}/);
  });

  it('the terminal calendar names the program, covers the twelve months, and lists the forced gaps', () => {
    const text = scheduleToCalendarText(schedule);
    expect(text.split('\n')[0]).toMatch(/^Program 1539: CAL-FLUX-004/);
    for (const month of ['July 2022', 'December 2022', 'June 2023']) expect(text).toContain(month);
    expect(text).not.toContain('July 2023');
    expect(text.match(/forced: not visible for/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
