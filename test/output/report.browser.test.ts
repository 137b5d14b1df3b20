/// <reference lib="dom" />
/**
 * The HTML report of program 1539's Cycle 1 schedule, opened in a real headless Chromium (the
 * operating system's package, driven by playwright-core): it loads with no console error and
 * fetches nothing; it lists every visit; hovering an epoch mark shows its dates in a tooltip
 * the page draws; no two visible pieces of text overlap at 1280 px; sorting orders rows; the
 * print stylesheet lays it out on A4. Without the browser these tests fail, naming it.
 */

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scheduleProgram } from '../../src/cadence/face.js';
import type { Schedule } from '../../src/cadence/schedule.js';
import { scheduleToHtml } from '../../src/output/face.js';
import { loadBuiltInProgram } from '../../src/program/face.js';

import { type Browser, launchChromium } from '../support/browser.js';
import { contrastRatio, parseRgb } from '../support/contrast.js';
import { fullFixture } from '../support/report-fixture.js';

/** The repository's root, for the documentation's claims about this report. */
const ROOT_FOLDER = fileURLToPath(new URL('../..', import.meta.url));

/** ISO-8601 to the second, by the platform's own formatter (not the library's). */
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

/** What the page reported while it loaded and ran. */
interface Traffic {
  readonly consoleErrors: string[];
  readonly requests: string[];
  readonly failedRequests: string[];
}

describe('the HTML report of program 1539 in Cycle 1, in headless Chromium', () => {
  const schedule: Schedule = scheduleProgram(loadBuiltInProgram());
  const folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-report-'));
  const file = join(folder, 'report.html');
  const url = pathToFileURL(file).href;
  const traffic: Traffic = { consoleErrors: [], requests: [], failedRequests: [] };
  let browser: Browser | undefined;
  let page: Page;
  /** Why the browser did not start: every test then fails with it (none is skipped). */
  let startFailure: unknown;

  beforeAll(async () => {
    writeFileSync(file, scheduleToHtml(schedule));
    try {
      browser = await launchChromium();
    } catch (error) {
      startFailure = error;
      return;
    }
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') traffic.consoleErrors.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => traffic.consoleErrors.push(`uncaught: ${error.message}`));
    page.on('request', (request) => traffic.requests.push(request.url()));
    page.on('requestfailed', (request) => traffic.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? ''}`));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
  });

  beforeEach(() => {
    if (startFailure !== undefined) throw startFailure;
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('loads with no console error and fetches nothing but itself', async () => {
    await page.waitForLoadState('networkidle');
    expect(traffic.consoleErrors).toEqual([]);
    expect(traffic.failedRequests).toEqual([]);
    expect(traffic.requests).toEqual([url]);
  });

  it('has one row in the visits table per placed visit, with their observation numbers', async () => {
    const observations = await page.$$eval('#visits-table tbody tr', (rows) =>
      (rows as HTMLTableRowElement[]).map((row) => Number(row.cells[0]!.textContent)),
    );
    expect(observations).toHaveLength(schedule.visits.length);
    expect([...observations].sort((a, b) => a - b)).toEqual(schedule.visits.map((visit) => visit.observation).sort((a, b) => a - b));
  });

  it("shows an epoch's first start and last end in a tooltip when its mark is hovered or focused", async () => {
    await page.mouse.move(5, 5);
    await expect.poll(() => page.isHidden('#tip')).toBe(true);
    // Epoch 4 of BD+60-1753: its visits' earliest start and latest end, from the schedule record.
    const visits = schedule.visits.filter((visit) => visit.target === 'BD+60-1753' && visit.epoch === 4);
    expect(visits.length).toBeGreaterThan(0);
    const startMs = Math.min(...visits.map((visit) => visit.startMs));
    const endMs = Math.max(...visits.map((visit) => visit.endMs));
    const mark = page.locator('.svg g.epoch[data-tip^="BD+60-1753 epoch 4:"]');
    await expect.poll(() => mark.count()).toBe(1);
    await mark.hover();
    const tip = page.locator('#tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = await tip.textContent();
    expect(text).toContain(iso(startMs));
    expect(text).toContain(iso(endMs));
    // Drawn next to the mark, inside the window.
    const markBox = (await mark.boundingBox())!;
    const tipBox = (await tip.boundingBox())!;
    expect(Math.abs(tipBox.y - (markBox.y + markBox.height / 2))).toBeLessThan(60);
    expect(tipBox.x + tipBox.width).toBeLessThanOrEqual(1280);
    // Away from the marks, it goes.
    await page.mouse.move(5, 5);
    await expect.poll(() => tip.isHidden()).toBe(true);
    // Keyboard users get it too.
    await mark.focus();
    await expect.poll(() => tip.textContent()).toContain(iso(startMs));
    await mark.blur();
  });

  it('has no two visible pieces of text overlapping in a 1280-pixel-wide page', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const result = await page.evaluate(findTextOverlaps);
    // The check must have seen the page's text: every visit row holds several pieces.
    expect(result.pieces).toBeGreaterThan(schedule.visits.length * 10);
    expect(result.rotatedHtml).toEqual([]);
    expect(result.overlaps).toEqual([]);
    expect(result.clippedBy).toEqual([]);
  });

  it('gives all text a contrast of at least 4.5:1 against its background (WCAG AA)', async () => {
    const pieces = await page.evaluate(textColours);
    expect(pieces.length).toBeGreaterThan(schedule.visits.length * 10);
    const poor = pieces
      .map((piece) => ({ ...piece, ratio: contrastRatio(parseRgb(piece.colour), parseRgb(piece.background)) }))
      .filter((piece) => piece.ratio < 4.5)
      .map((piece) => `"${piece.text}": ${piece.colour} on ${piece.background} (${piece.ratio.toFixed(2)}:1)`);
    expect(poor).toEqual([]);
  });

  it('sorts a table by a column when its heading is selected, both ways, keeping rows whole', async () => {
    const rows = async (): Promise<Array<[observation: number, epoch: number, target: string]>> =>
      page.$$eval('#visits-table tbody tr', (trs) =>
        (trs as HTMLTableRowElement[]).map((tr) => {
          const headings = [...tr.closest('table')!.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
          const cell = (name: string): string => tr.cells[headings.indexOf(name)]!.textContent!.trim();
          return [Number(cell('Obs')), Number(cell('Epoch')), cell('Target')] as [number, number, string];
        }),
      );
    const before = await rows();
    const byObservation = new Map(schedule.visits.map((visit) => [visit.observation, visit]));
    const epochs = before.map(([, epoch]) => epoch);
    expect(epochs).not.toEqual([...epochs].sort((a, b) => a - b)); // time order is not epoch order
    const heading = page.locator('#visits-table thead th', { hasText: 'Epoch' });
    await heading.locator('button').click();
    const ascending = await rows();
    expect(ascending.map(([, epoch]) => epoch)).toEqual([...epochs].sort((a, b) => a - b));
    expect(await heading.getAttribute('aria-sort')).toBe('ascending');
    await heading.locator('button').click();
    const descending = await rows();
    expect(descending.map(([, epoch]) => epoch)).toEqual([...epochs].sort((a, b) => b - a));
    expect(await heading.getAttribute('aria-sort')).toBe('descending');
    // Every row still belongs together: its observation's epoch and target are the schedule's.
    for (const [observation, epoch, target] of descending) {
      expect([epoch, target]).toEqual([byObservation.get(observation)!.epoch, byObservation.get(observation)!.target]);
    }
    // Text columns sort as text.
    await page.locator('#visits-table thead th', { hasText: 'Target' }).locator('button').click();
    const targets = (await rows()).map(([, , target]) => target);
    expect(targets).toEqual([...targets].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('lays the page out for A4 when printed', async () => {
    // A4 is 210 mm wide; less 12 mm margins each side leaves 186 mm, 703 CSS px at 96 px per inch.
    const a4ContentPx = Math.floor((186 / 25.4) * 96);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: a4ContentPx, height: 1000 });
    const printed = await page.evaluate(() => ({
      print: matchMedia('print').matches,
      nav: getComputedStyle(document.querySelector('nav')!).display,
      fontSize: getComputedStyle(document.body).fontSize,
      scrollWidth: document.documentElement.scrollWidth,
      widest: Math.max(...[...document.querySelectorAll('table, svg, figure')].map((element) => element.getBoundingClientRect().right)),
    }));
    expect(printed.print).toBe(true);
    expect(printed.nav).toBe('none'); // links to sections mean nothing on paper
    expect(printed.fontSize).toBe('12px'); // 9 pt
    expect(printed.scrollWidth).toBeLessThanOrEqual(a4ContentPx);
    expect(printed.widest).toBeLessThanOrEqual(a4ContentPx + 0.5);
    // The page size the stylesheet asks for: A4 is 595.28 x 841.89 points.
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
    expect(box).not.toBeNull();
    expect(Number(box![1])).toBeCloseTo(595.28, 0);
    expect(Number(box![2])).toBeCloseTo(841.89, 0);
    // docs/outputs.md gives the size and the pages of this report: they stay within about 10% (a page) of it.
    const outputs = readFileSync(join(ROOT_FOLDER, 'docs', 'outputs.md'), 'utf8');
    const pages = Number(/report prints on about\s+(\d+)\s+pages/.exec(outputs)?.[1]);
    const kib = Number(/Cycle 1 report is about (\d+) KiB/.exec(outputs)?.[1]);
    expect(Math.abs((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length - pages)).toBeLessThanOrEqual(1);
    expect(Math.abs(statSync(file).size / 1024 / kib - 1)).toBeLessThanOrEqual(0.1);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows a plan with every optional field (V3PA, slack, statuses, missed dates, long reasons) without overlap or error', async () => {
    const other = join(folder, 'full.html');
    writeFileSync(other, scheduleToHtml(fullFixture, { minGapDays: 20, maxGapDays: 100 }));
    const errors: string[] = [];
    const second = await browser!.context.newPage();
    second.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    second.on('pageerror', (error) => errors.push(error.message));
    await second.setViewportSize({ width: 1280, height: 900 });
    await second.goto(pathToFileURL(other).href);
    const result = await second.evaluate(findTextOverlaps);
    expect(result.overlaps).toEqual([]);
    expect(result.clippedBy).toEqual([]);
    // The missed date and the epoch not placed tell their story on hover.
    await second.locator('.svg g.missed-date[data-tip^="HD163466:"]').hover();
    await expect.poll(() => second.locator('#tip').textContent()).toContain('2022-12-05T00:00:00Z missed');
    await second.locator('.svg g.not-placed').first().hover();
    await expect.poll(() => second.locator('#tip').textContent()).toContain('epoch 3 not placed: observation 12');
    expect(errors).toEqual([]);
    await second.close();
  });
});

/**
 * Runs in the page. Each visible HTML text node's colour and the background it is drawn on:
 * the first ancestor's background colour that is not transparent (the page's white if none).
 * The picture's SVG text is checked against its backgrounds by the SVG tests.
 */
function textColours(): Array<{ text: string; colour: string; background: string }> {
  const found: Array<{ text: string; colour: string; background: string }> = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.textContent!.trim();
    const parent = node.parentElement;
    if (text === '' || !parent || parent.closest('script, style, svg, #tip')) continue;
    if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    let background = 'rgb(255, 255, 255)';
    for (let element: Element | null = parent; element; element = element.parentElement) {
      const colour = getComputedStyle(element).backgroundColor;
      if (colour !== 'transparent' && !/,\s*0\)$/.test(colour)) {
        background = colour;
        break;
      }
    }
    found.push({ text, colour: getComputedStyle(parent).color, background });
  }
  return found;
}

/**
 * Runs in the page. Every visible piece of text: each text node's boxes (a Range gives one box
 * a line), or for SVG text the four corners of its box through the element's transform to the
 * screen, so rotated text is a rotated quadrilateral. Two pieces overlap when their convex
 * outlines share more than a pixel (separating axis test). HTML text is never rotated here
 * (its Range boxes would then be loose bounds): any HTML element with a rotating transform is
 * listed. Text cut off by a box that scrolls or hides its overflow is listed too.
 */
function findTextOverlaps(): { pieces: number; overlaps: string[]; rotatedHtml: string[]; clippedBy: string[] } {
  type Point = { x: number; y: number };
  type Piece = { text: string; quad: Point[]; node: Node };
  const pieces: Piece[] = [];
  const rotatedHtml: string[] = [];
  const clippedBy: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.textContent!.trim();
    const parent = node.parentElement;
    if (text === '' || !parent || parent.closest('script, style, title, #tip')) continue;
    if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    if (parent instanceof SVGGraphicsElement) {
      const box = parent.getBBox();
      const matrix = parent.getScreenCTM()!;
      const corner = (x: number, y: number): Point => ({
        x: matrix.a * x + matrix.c * y + matrix.e,
        y: matrix.b * x + matrix.d * y + matrix.f,
      });
      pieces.push({
        text,
        node,
        quad: [
          corner(box.x, box.y),
          corner(box.x + box.width, box.y),
          corner(box.x + box.width, box.y + box.height),
          corner(box.x, box.y + box.height),
        ],
      });
      continue;
    }
    for (let element: Element | null = parent; element; element = element.parentElement) {
      const transform = getComputedStyle(element).transform;
      if (transform !== 'none' && !/^matrix\(1, 0, 0, 1,/.test(transform)) rotatedHtml.push(text);
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      if (rect.width < 0.5 || rect.height < 0.5) continue;
      pieces.push({
        text,
        node,
        quad: [
          { x: rect.left, y: rect.top },
          { x: rect.right, y: rect.top },
          { x: rect.right, y: rect.bottom },
          { x: rect.left, y: rect.bottom },
        ],
      });
      for (let element: Element | null = parent; element; element = element.parentElement) {
        const style = getComputedStyle(element);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = element.getBoundingClientRect();
        if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5 || rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5) {
          clippedBy.push(`"${text}" by <${element.tagName.toLowerCase()} class="${element.className}">`);
        }
      }
    }
  }
  // Separating axis test for convex quadrilaterals: they overlap by more than `tolerance` px
  // when no edge normal separates their projections by at least -tolerance.
  const tolerance = 1;
  const axes = (quad: Point[]): Point[] =>
    quad.map((p, k) => {
      const q = quad[(k + 1) % quad.length]!;
      const length = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      return { x: -(q.y - p.y) / length, y: (q.x - p.x) / length };
    });
  const overlapAlong = (axis: Point, a: Point[], b: Point[]): number => {
    const project = (quad: Point[]) => quad.map((p) => p.x * axis.x + p.y * axis.y);
    const pa = project(a);
    const pb = project(b);
    return Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb));
  };
  const overlaps: string[] = [];
  const bounds = pieces.map((piece) => ({ top: Math.min(...piece.quad.map((p) => p.y)), bottom: Math.max(...piece.quad.map((p) => p.y)) }));
  const order = pieces.map((_, k) => k).sort((i, j) => bounds[i]!.top - bounds[j]!.top);
  for (let m = 0; m < order.length; m++) {
    const i = order[m]!;
    for (let n = m + 1; n < order.length; n++) {
      const j = order[n]!;
      if (bounds[j]!.top >= bounds[i]!.bottom - tolerance) break; // sorted by top: no later piece reaches i
      if (pieces[i]!.node === pieces[j]!.node) continue;
      const a = pieces[i]!.quad;
      const b = pieces[j]!.quad;
      if ([...axes(a), ...axes(b)].every((axis) => overlapAlong(axis, a, b) > tolerance)) {
        overlaps.push(`"${pieces[i]!.text}" and "${pieces[j]!.text}"`);
      }
    }
  }
  return { pieces: pieces.length, overlaps, rotatedHtml: [...new Set(rotatedHtml)], clippedBy };
}
