import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/cadence/schedule.js';
import { scheduleToSvg } from '../../src/output/face.js';
import { EDGE_ROOM_PX } from '../../src/output/svg.js';
import { contrastRatio, parseHex } from '../support/contrast.js';
import { BD, fixture, HD, t } from '../support/output-fixture.js';

/**
 * The picture's geometry as this test states it: 1084 px wide, the span drawn from x = 150
 * to x = 950, then a 50 px margin and the 84 px column of epochs not placed (1000 to 1084).
 * So x = left + width · (t − start) / (end − start) with left = 150 and width = 800 when
 * something was not placed (the fixture), 884 when the column is left out (nothing to show).
 * Colours are chosen here so the pixels can be told apart exactly.
 */
const LEFT = 150;
const PLOT_WIDTH = 800;
const NOT_PLACED_LEFT = 1000;
const OPTIONS = {
  width: 1084,
  plotLeft: LEFT,
  plotRight: 50,
  notPlacedWidth: 84,
  laneHeight: 40,
  colours: { windows: ['#0000ff', '#00aa00'], epoch: '#ff00ff', forcedGap: '#ffcc00', missedDate: '#ff0000', failed: '#00c0c0' },
};
const BLUE = [0, 0, 255];
const GREEN = [0, 170, 0];
const MAGENTA = [255, 0, 255];
const YELLOW = [255, 204, 0];
const RED = [255, 0, 0];
const CYAN = [0, 192, 192];

function xOf(schedule: Schedule, ms: number): number {
  const { startMs, endMs } = schedule.span;
  const plotWidth = schedule.unscheduled.length > 0 ? PLOT_WIDTH : PLOT_WIDTH + 84;
  return LEFT + (plotWidth * (ms - startMs)) / (endMs - startMs);
}

interface Picture {
  readonly width: number;
  readonly height: number;
  readonly pixels: Buffer;
}

function render(svg: string): Picture {
  const image = new Resvg(svg, { font: { loadSystemFonts: true } }).render();
  return { width: image.width, height: image.height, pixels: image.pixels };
}

/** Whether the pixel column containing x holds the colour (±2 per channel) anywhere. */
function columnHas(picture: Picture, x: number, rgb: number[]): boolean {
  const column = Math.floor(x);
  for (let y = 0; y < picture.height; y++) {
    const i = (y * picture.width + column) * 4;
    if (rgb.every((value, c) => Math.abs(picture.pixels[i + c]! - value) <= 2)) return true;
  }
  return false;
}

/** The rows of the column containing x that hold the colour (±2 per channel). */
function rowsWith(picture: Picture, x: number, rgb: number[]): number[] {
  const column = Math.floor(x);
  const rows: number[] = [];
  for (let y = 0; y < picture.height; y++) {
    const i = (y * picture.width + column) * 4;
    if (rgb.every((value, c) => Math.abs(picture.pixels[i + c]! - value) <= 2)) rows.push(y);
  }
  return rows;
}

/** Runs of consecutive columns in [x0, x1) that hold the colour somewhere in rows [y0, y1]. */
function columnRuns(picture: Picture, x0: number, x1: number, y0: number, y1: number, rgb: number[]): number[][] {
  const runs: number[][] = [];
  for (let x = x0; x < x1; x++) {
    let found = false;
    for (let y = Math.max(0, y0); y <= Math.min(picture.height - 1, y1) && !found; y++) {
      const i = (y * picture.width + x) * 4;
      found = rgb.every((value, c) => Math.abs(picture.pixels[i + c]! - value) <= 2);
    }
    if (!found) continue;
    const last = runs.at(-1);
    if (last && last.at(-1) === x - 1) last.push(x);
    else runs.push([x]);
  }
  return runs;
}

/**
 * How much of a colour with no green (magenta, red) covers the columns [x0, x1) over rows
 * [y0, y1], in pixel columns: each pixel adds (R − G) / 255, which is 1 where the mark covers
 * it whole, its coverage where anti-aliasing blends it with white or a pale grey, 0 on white.
 */
function coverage(picture: Picture, x0: number, x1: number, y0: number, y1: number): number {
  let sum = 0;
  for (let x = Math.max(0, x0); x < Math.min(picture.width, x1); x++) {
    for (let y = y0; y <= y1; y++) {
      const i = (y * picture.width + x) * 4;
      sum += Math.max(0, picture.pixels[i]! - picture.pixels[i + 1]!) / 255;
    }
  }
  return sum;
}

describe('scheduleToSvg', () => {
  const picture = render(scheduleToSvg(fixture, OPTIONS));
  const at = (iso: string): number => xOf(fixture, t(iso));

  it('is as wide as asked', () => {
    expect(picture.width).toBe(1084);
  });

  it("shows a lane's bar colour at dates inside its visibility windows", () => {
    expect(columnHas(picture, at('2022-08-01T00:00Z'), BLUE)).toBe(true); // BD+60-1753, first window
    expect(columnHas(picture, at('2023-03-15T00:00Z'), BLUE)).toBe(true); // BD+60-1753, second window
    expect(columnHas(picture, at('2022-10-25T00:00Z'), GREEN)).toBe(true); // HD163466, first window
    expect(columnHas(picture, at('2023-03-15T00:00Z'), GREEN)).toBe(true); // HD163466, second window
  });

  it("does not show a lane's bar colour at dates outside all its windows", () => {
    expect(columnHas(picture, at('2022-12-01T00:00Z'), BLUE)).toBe(false); // BD invisible 10-20 .. 01-15
    expect(columnHas(picture, at('2022-12-01T00:00Z'), GREEN)).toBe(false); // HD invisible 11-01 .. 01-20
    expect(columnHas(picture, at('2022-08-01T00:00Z'), GREEN)).toBe(false); // HD not visible before 09-01
    expect(columnHas(picture, at('2022-10-25T00:00Z'), BLUE)).toBe(false); // BD closed on 10-20
  });

  it('draws one mark per epoch, at the start of its first visit', () => {
    const epochStarts = [
      '2022-07-14T03:00Z',
      '2022-08-13T03:00Z',
      '2023-01-20T10:00Z',
      '2022-09-05T00:00Z',
      '2022-10-05T12:00Z',
      '2023-02-01T06:00Z',
    ];
    for (const iso of epochStarts) expect(columnHas(picture, at(iso), MAGENTA), iso).toBe(true);
    // Columns holding a mark, grouped into runs: one run per epoch, nowhere else in the plot.
    const runs: number[][] = [];
    for (let x = LEFT; x < LEFT + PLOT_WIDTH; x++) {
      if (!columnHas(picture, x, MAGENTA)) continue;
      const last = runs.at(-1);
      if (last && last.at(-1) === x - 1) last.push(x);
      else runs.push([x]);
    }
    expect(runs).toHaveLength(epochStarts.length);
    for (const iso of epochStarts) {
      expect(runs.some((run) => run.includes(Math.floor(at(iso))))).toBe(true);
    }
  });

  it('shades gaps between epochs that visibility forced, and only those', () => {
    // BD 08-13 -> 01-20 and HD 10-05 -> 02-01 both span invisible time.
    expect(columnHas(picture, at('2022-12-01T00:00Z'), YELLOW)).toBe(true);
    // BD 07-14 -> 08-13 lies inside one window; HD has no epochs yet.
    expect(columnHas(picture, at('2022-07-25T00:00Z'), YELLOW)).toBe(false);
    // After the last epochs nothing is shaded.
    expect(columnHas(picture, at('2023-05-01T00:00Z'), YELLOW)).toBe(false);
  });

  it('does not shade a gap inside one window (HD163466 alone: 09-05 -> 10-05)', () => {
    const hdOnly: Schedule = {
      ...fixture,
      visits: fixture.visits.filter((visit) => visit.target === HD),
      unscheduled: [],
      windows: { [HD]: fixture.windows[HD]! },
    };
    const hd = render(scheduleToSvg(hdOnly, OPTIONS));
    expect(columnHas(hd, xOf(hdOnly, t('2022-09-20T00:00Z')), YELLOW)).toBe(false);
    expect(columnHas(hd, xOf(hdOnly, t('2022-12-01T00:00Z')), YELLOW)).toBe(true);
  });

  it('clips windows to the span', () => {
    const shorter: Schedule = { ...fixture, span: { startMs: t('2022-08-01T00:00Z'), endMs: t('2023-06-01T00:00Z') } };
    const clipped = render(scheduleToSvg(shorter, OPTIONS));
    expect(columnHas(clipped, LEFT + 2, BLUE)).toBe(true); // BD visible since 07-01: bar starts at the span start
    expect(columnHas(clipped, LEFT - 3, BLUE)).toBe(false); // nothing left of the plot
    expect(columnHas(clipped, LEFT + PLOT_WIDTH + 3, BLUE)).toBe(false); // nor right of it
  });

  it('gives one lane a target, in the order of the windows', () => {
    const svg = scheduleToSvg(fixture, OPTIONS);
    const lanes = [...svg.matchAll(/<g class="lane" data-target="([^"]*)">/g)].map((match) => match[1]);
    expect(lanes).toEqual([BD, HD]);
  });

  it('is deterministic', () => {
    expect(scheduleToSvg(structuredClone(fixture))).toBe(scheduleToSvg(fixture));
  });

  it('escapes text, so odd names still make a well-formed picture', () => {
    const odd = 'A&B <"x\'>';
    const schedule: Schedule = {
      ...fixture,
      program: { id: '1539', title: 'Flux & <repeatability>' },
      visits: fixture.visits.map((visit) => (visit.target === HD ? { ...visit, target: odd } : visit)),
      windows: { [BD]: fixture.windows[BD]!, [odd]: fixture.windows[HD]! },
    };
    const svg = scheduleToSvg(schedule, OPTIONS);
    expect(svg).not.toContain(odd);
    expect(svg).toContain('A&amp;B &lt;&quot;x&#39;&gt;');
    expect(svg).toContain('Flux &amp; &lt;repeatability&gt;');
    const picture = render(svg); // a parse error would throw here
    expect(columnHas(picture, xOf(schedule, t('2022-10-25T00:00Z')), GREEN)).toBe(true);
  });

  it('never writes NaN, and renders with default options', () => {
    const svg = scheduleToSvg(fixture);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(render(svg).width).toBe(1200);
  });

  describe('missed ideal dates (period cadence)', () => {
    const period: Schedule = {
      ...fixture,
      mode: 'period',
      missedDates: [
        // HD163466 is out of view from 2022-11-01 to 2023-01-20 in the fixture.
        {
          target: HD,
          idealMs: t('2022-12-05T00:00Z'),
          reason: 'HD163466 not visible <out of view>',
          nearestStartMs: t('2023-01-20T00:00Z'),
        },
      ],
    };
    const svg = scheduleToSvg(period, OPTIONS);
    const marked = render(svg);

    it("draws a mark at the ideal date, on the lead target's lane", () => {
      const x = xOf(period, t('2022-12-05T00:00Z'));
      const redRows = rowsWith(marked, x, RED);
      expect(redRows.length).toBeGreaterThan(0);
      // The lanes' rows, found from their bars: HD163466's bar on 2022-10-25, BD+60-1753's on 2022-08-01.
      const hdBar = rowsWith(marked, xOf(period, t('2022-10-25T00:00Z')), GREEN);
      const bdBar = rowsWith(marked, xOf(period, t('2022-08-01T00:00Z')), BLUE);
      const middle = (redRows[0]! + redRows.at(-1)!) / 2;
      expect(middle).toBeGreaterThanOrEqual(hdBar[0]!);
      expect(middle).toBeLessThanOrEqual(hdBar.at(-1)!);
      expect(redRows.every((y) => y > bdBar.at(-1)! + 5)).toBe(true);
    });

    it('draws nothing of that colour at other dates', () => {
      const runs = columnRuns(marked, LEFT - 10, NOT_PLACED_LEFT, 0, marked.height - 60, RED);
      expect(runs).toHaveLength(1);
      expect(runs[0]!.includes(Math.floor(xOf(period, t('2022-12-05T00:00Z'))))).toBe(true);
    });

    it('says the date, the reason and the nearest start when hovered, escaped', () => {
      expect(svg).toContain(
        '2022-12-05T00:00:00Z missed: HD163466 not visible &lt;out of view&gt;; nearest possible start 2023-01-20T00:00:00Z',
      );
    });

    it('adds a legend row only when there is a missed date', () => {
      expect(svg).toMatch(/ideal date no epoch took/);
      expect(scheduleToSvg(fixture, OPTIONS)).not.toMatch(/ideal date no epoch took/);
    });
  });

  describe('visits that failed', () => {
    // BD+60-1753's epoch 2 (observations 6, 7, 9 on 2022-08-13) failed; observation 6 alone was placed again on 08-27.
    const failedAt = t('2022-08-13T03:00Z');
    const againAt = t('2022-08-27T03:00Z');
    const schedule: Schedule = {
      ...fixture,
      visits: [
        ...fixture.visits.map((visit) => (visit.target === BD && visit.epoch === 2 ? { ...visit, status: 'failed' as const } : visit)),
        { ...fixture.visits[3]!, startMs: againAt, endMs: againAt + 5_400_000 },
      ].sort((a, b) => a.startMs - b.startMs),
    };
    const svg = scheduleToSvg(schedule, OPTIONS);
    const picture = render(svg);
    const bdBar = rowsWith(picture, xOf(schedule, t('2022-08-01T00:00Z')), BLUE);

    it("draws one cross where the failed epoch ran, over its target's bar, and nowhere else", () => {
      const runs = columnRuns(picture, LEFT - 10, NOT_PLACED_LEFT, 0, picture.height - 120, CYAN);
      expect(runs).toHaveLength(1);
      expect(runs[0]!.includes(Math.floor(xOf(schedule, failedAt)))).toBe(true);
      // Two strokes crossing over 8 px, with white under them: a few columns, not a bar's width.
      expect(runs[0]!.length).toBeGreaterThanOrEqual(5);
      expect(runs[0]!.length).toBeLessThanOrEqual(12);
      const rows = rowsWith(picture, xOf(schedule, failedAt), CYAN);
      const middle = (rows[0]! + rows.at(-1)!) / 2;
      expect(middle).toBeGreaterThanOrEqual(bdBar[0]!);
      expect(middle).toBeLessThanOrEqual(bdBar.at(-1)!);
    });

    it('marks the repeat as the epoch, and no epoch where the visits failed', () => {
      expect(columnHas(picture, xOf(schedule, againAt), MAGENTA)).toBe(true);
      expect(columnHas(picture, xOf(schedule, failedAt), MAGENTA)).toBe(false);
    });

    it('says which visits failed and where each was placed again when hovered', () => {
      expect(svg).toContain('BD+60-1753 epoch 2: a visit that failed');
      expect(svg).toContain('observation 6 (NIRCam Module A) failed 2022-08-13T03:00:00Z; placed again 2022-08-27T03:00:00Z');
      expect(svg).toContain('observation 9 (NIRISS SOSS) failed 2022-08-13T06:00:00Z; not placed again');
    });

    it('adds a legend row only when a visit failed', () => {
      expect(svg).toMatch(/visit that failed \(its repeat is an epoch mark\)/);
      expect(scheduleToSvg(fixture, OPTIONS)).not.toMatch(/visit that failed/);
      expect(render(scheduleToSvg(fixture, OPTIONS)).height).toBeLessThan(picture.height);
    });
  });

  describe('epochs not placed', () => {
    const unscheduled = (observation: number, target: string, epoch: number) => ({
      observation,
      label: `Visit ${observation}`,
      target,
      series: `${target} / NIRCam Imaging`,
      epoch,
      reason: `no room for ${target} epoch ${epoch}`,
    });
    // BD+60-1753: epoch 3 (obs 12, in the fixture) and epoch 5 (two visits); HD163466: epoch 4.
    const schedule: Schedule = {
      ...fixture,
      unscheduled: [...fixture.unscheduled, unscheduled(20, BD, 5), unscheduled(21, BD, 5), unscheduled(70, HD, 4)],
    };
    const picture = render(scheduleToSvg(schedule, OPTIONS));
    const bdBar = rowsWith(picture, xOf(schedule, t('2022-08-01T00:00Z')), BLUE);
    const hdBar = rowsWith(picture, xOf(schedule, t('2022-10-25T00:00Z')), GREEN);
    // A lane's marks reach a little above and below its bar (less than half the gap to the next lane).
    const bdRows = [bdBar[0]! - 8, bdBar.at(-1)! + 8] as const;
    const hdRows = [hdBar[0]! - 8, hdBar.at(-1)! + 8] as const;

    it("draws one hollow mark per epoch, on its target's lane, in the column after the span", () => {
      const bdRuns = columnRuns(picture, NOT_PLACED_LEFT, 1084, ...bdRows, MAGENTA);
      const hdRuns = columnRuns(picture, NOT_PLACED_LEFT, 1084, ...hdRows, MAGENTA);
      expect(bdRuns).toHaveLength(2);
      expect(hdRuns).toHaveLength(1);
      // Hollow: the middle of each mark is not the mark's colour.
      for (const run of [...bdRuns, ...hdRuns]) {
        expect(run.length).toBeGreaterThanOrEqual(4);
        const middle = run[Math.floor(run.length / 2)]!;
        const rows = rowsWith(picture, middle, MAGENTA);
        const barMiddle = Math.round((bdBar[0]! + bdBar.at(-1)!) / 2);
        const hdMiddle = Math.round((hdBar[0]! + hdBar.at(-1)!) / 2);
        expect(rows.includes(barMiddle) || rows.includes(hdMiddle)).toBe(false);
      }
    });

    it('keeps the column out of the plot: no mark of a placed epoch moves', () => {
      for (const iso of ['2022-07-14T03:00Z', '2023-02-01T06:00Z']) expect(columnHas(picture, xOf(schedule, t(iso)), MAGENTA)).toBe(true);
    });

    it('says which visits and why when hovered', () => {
      const svg = scheduleToSvg(schedule, OPTIONS);
      expect(svg).toContain(
        `<title>${BD} epoch 5 not placed: observation 20 (Visit 20): no room for ${BD} epoch 5; observation 21 (Visit 21): no room for ${BD} epoch 5</title>`,
      );
    });

    it('counts the epochs that do not fit in the column', () => {
      const many: Schedule = { ...fixture, unscheduled: Array.from({ length: 10 }, (_, k) => unscheduled(100 + k, BD, 20 + k)) };
      const svg = scheduleToSvg(many, OPTIONS);
      const drawn = render(svg);
      const marks = columnRuns(drawn, NOT_PLACED_LEFT, 1084, ...bdRows, MAGENTA).length;
      const more = /<text [^>]*>\+(\d+)<\/text>/.exec(svg);
      expect(marks).toBeGreaterThan(0);
      expect(more).not.toBeNull();
      expect(marks + Number(more![1])).toBe(10);
    });

    it('leaves the column out when everything was placed', () => {
      const placed: Schedule = { ...fixture, unscheduled: [] };
      expect(scheduleToSvg(placed, OPTIONS)).not.toContain('not placed');
    });
  });

  describe('marks at the edges of the span', () => {
    // Epochs at the span's first instant and at its last millisecond; a missed date at its start
    // on HD163466's lane, where no bar is drawn. With the least room the options allow.
    const start = fixture.span.startMs;
    const last = fixture.span.endMs - 1;
    const edges: Schedule = {
      ...fixture,
      mode: 'period',
      unscheduled: [],
      visits: [
        { ...fixture.visits[0]!, startMs: start, endMs: start + 3_600_000 },
        { ...fixture.visits[9]!, startMs: last, endMs: last + 3_600_000 },
      ],
      missedDates: [{ target: HD, idealMs: start, reason: 'not visible' }],
    };
    const tight = { ...OPTIONS, width: 1000, plotLeft: EDGE_ROOM_PX, plotRight: EDGE_ROOM_PX };
    const plotWidth = 1000 - 2 * EDGE_ROOM_PX;
    const picture = render(scheduleToSvg(edges, tight));
    const x0 = EDGE_ROOM_PX;
    const x1 = EDGE_ROOM_PX + (plotWidth * (last - start)) / (fixture.span.endMs - start);
    // Rows of the marks above the bars: the mark's own colour on white (or the pale lane colour).
    const bdBar = rowsWith(picture, x0 + 40, BLUE);
    const hdBar = rowsWith(picture, x1 - 40, GREEN);

    it('draws an epoch at the first instant whole: 3 px of colour across its columns', () => {
      const y = bdBar[0]! - 3; // just above the bar, inside the mark
      expect(coverage(picture, 0, Math.ceil(x0) + 6, y, y)).toBeCloseTo(3, 1);
    });

    it('draws an epoch at the last instant whole', () => {
      const y = hdBar[0]! - 3;
      expect(coverage(picture, Math.floor(x1) - 6, picture.width, y, y)).toBeCloseTo(3, 1);
    });

    it('draws a missed date at the first instant whole: as much of the diamond left of its centre as right', () => {
      const rows = [hdBar[0]! - 8, hdBar.at(-1)! + 8] as const;
      const left = coverage(picture, 0, x0, rows[0], rows[1]);
      const right = coverage(picture, x0, x0 + 12, rows[0], rows[1]);
      expect(left).toBeGreaterThan(3);
      expect(Math.abs(left - right)).toBeLessThan(0.05 * right);
    });

    it('refuses less room than a whole mark needs', () => {
      expect(() => scheduleToSvg(edges, { ...tight, plotLeft: EDGE_ROOM_PX - 1 })).toThrow(/plotLeft/);
      expect(() => scheduleToSvg(edges, { ...tight, plotRight: 0 })).toThrow(/plotRight/);
    });
  });

  it('leaves out the drawn title and subtitle on request, moving the lanes up, and keeps the <title>', () => {
    const withHeading = scheduleToSvg(fixture, OPTIONS);
    const without = scheduleToSvg(fixture, { ...OPTIONS, heading: false });
    const heightOf = (svg: string): number => Number(/<svg [^>]*height="([\d.]+)"/.exec(svg)![1]);
    expect(heightOf(withHeading) - heightOf(without)).toBe(52);
    expect(without).toContain('<title>JWST program 1539: CAL-FLUX-004 Absolute Flux Calibration (Repeatability)</title>');
    expect(without.match(/CAL-FLUX-004/g)).toHaveLength(1); // only in the <title>
    const lowered = render(without);
    const bdBar = rowsWith(picture, at('2022-08-01T00:00Z'), BLUE);
    const moved = rowsWith(lowered, at('2022-08-01T00:00Z'), BLUE);
    expect(moved.map((y) => y + 52)).toEqual(bdBar);
  });

  it('draws its text with a contrast of at least 4.5:1 on every background text can sit on (WCAG AA)', () => {
    // Default colours. Text sits on the white page, the pale lane background or the forced-gap
    // shading, never on a window bar (the documented palette) or an epoch mark.
    const bars = ['#4e79a7', '#59a14f', '#b07aa1', '#f28e2b', '#76b7b2', '#edc948'];
    const svg = scheduleToSvg({ ...fixture, mode: 'period', missedDates: [{ target: HD, idealMs: t('2022-12-05T00:00Z'), reason: 'x' }] });
    const textFills = new Set([...svg.matchAll(/<text [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]!));
    const backgrounds = new Set(
      [...svg.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"(?! fill-opacity="0")/g)]
        .map((m) => m[1]!)
        .filter((fill) => !bars.includes(fill) && fill !== '#1f2937'),
    );
    expect(textFills.size).toBeGreaterThan(0);
    expect(backgrounds.has('#ffffff')).toBe(true);
    for (const fill of textFills) {
      for (const background of backgrounds) {
        expect(contrastRatio(parseHex(fill), parseHex(background)), `${fill} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('refuses a plot area too small to draw', () => {
    expect(() => scheduleToSvg(fixture, { width: 300, plotLeft: 190, plotRight: 30 })).toThrow(/plot area/);
  });
});
