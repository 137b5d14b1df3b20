import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../src/cadence/schedule.js';
import { scheduleToSvg } from '../src/output/index.js';
import { BD, fixture, HD, t } from './output-fixture.js';

/**
 * The picture's geometry as this test states it: 1000 px wide, the span drawn from x = 150
 * to x = 950, so x = left + width · (t − start) / (end − start) with left = 150, width = 800.
 * Colours are chosen here so the pixels can be told apart exactly.
 */
const LEFT = 150;
const PLOT_WIDTH = 800;
const OPTIONS = {
  width: 1000,
  plotLeft: LEFT,
  plotRight: 50,
  laneHeight: 40,
  colours: { windows: ['#0000ff', '#00aa00'], epoch: '#ff00ff', forcedGap: '#ffcc00' },
};
const BLUE = [0, 0, 255];
const GREEN = [0, 170, 0];
const MAGENTA = [255, 0, 255];
const YELLOW = [255, 204, 0];

function xOf(schedule: Schedule, ms: number): number {
  const { startMs, endMs } = schedule.span;
  return LEFT + (PLOT_WIDTH * (ms - startMs)) / (endMs - startMs);
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

describe('scheduleToSvg', () => {
  const picture = render(scheduleToSvg(fixture, OPTIONS));
  const at = (iso: string): number => xOf(fixture, t(iso));

  it('is as wide as asked', () => {
    expect(picture.width).toBe(1000);
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
    const epochStarts = ['2022-07-14T03:00Z', '2022-08-13T03:00Z', '2023-01-20T10:00Z', '2022-09-05T00:00Z', '2022-10-05T12:00Z', '2023-02-01T06:00Z'];
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

  it('refuses a plot area too small to draw', () => {
    expect(() => scheduleToSvg(fixture, { width: 300, plotLeft: 190, plotRight: 30 })).toThrow(/plot area/);
  });
});
