/**
 * The HTML report's content, read from its text with the hand-made fixtures (every expected
 * value comes from the dates written there). How the page looks and behaves is checked in a
 * real browser by report-browser.test.ts.
 */

import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/cadence/schedule.js';
import { InputError } from '../../src/errors.js';
import { scheduleToHtml } from '../../src/output/face.js';

import { BD, fixture, HD, t } from '../support/output-fixture.js';
import { fullFixture } from '../support/report-fixture.js';

const DAY = 86_400_000;

/** The rows of the table whose id or caption contains `marker`, as arrays of cell texts (tags stripped). */
function tableRows(html: string, marker: string): string[][] {
  const start = html.indexOf(marker);
  expect(start, marker).toBeGreaterThan(-1);
  const body = html.slice(html.indexOf('<tbody>', start), html.indexOf('</tbody>', start));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .trim(),
    ),
  );
}

/** The text of the table's column headings. */
function headings(html: string, marker: string): string[] {
  const start = html.indexOf(marker);
  const head = html.slice(html.indexOf('<thead>', start), html.indexOf('</thead>', start));
  return [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim());
}

describe('scheduleToHtml', () => {
  const html = scheduleToHtml(fixture);
  const full = scheduleToHtml(fullFixture, { minGapDays: 20, maxGapDays: 100 });

  it('is one HTML document with its styles and script inline, referring to nothing outside itself', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|\bsrc=|@import|url\(/i);
    for (const match of html.matchAll(/\bhref="([^"]*)"/g)) expect(match[1]!.startsWith('#'), match[1]).toBe(true);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('is deterministic', () => {
    expect(scheduleToHtml(structuredClone(fixture))).toBe(html);
  });

  it('gives the program, the span and the cadence, and says the record names no observer model', () => {
    expect(html).toContain('<h1>JWST program 1539: CAL-FLUX-004 Absolute Flux Calibration (Repeatability)</h1>');
    expect(html).toContain(
      '<time datetime="2022-07-01T00:00:00Z">2022-07-01 00:00</time> to <time datetime="2023-07-01T00:00:00Z">2023-07-01 00:00</time>',
    );
    expect(html).toContain('365 days');
    expect(html).toMatch(/<dt>Observer model<\/dt><dd>not recorded in this schedule<\/dd>/);
  });

  it('lists every placed visit once, in time order, with a dash where V3PA and slack are not known', () => {
    const rows = tableRows(html, 'id="visits-table"');
    expect(rows.map((row) => Number(row[0]))).toEqual(fixture.visits.map((visit) => visit.observation));
    const columns = headings(html, 'id="visits-table"');
    expect(columns).toEqual([
      'Obs',
      'Label',
      'Template',
      'Target',
      'Epoch',
      'Start (UTC)',
      'End (UTC)',
      'V3PA, deg (range)',
      'After window opens, d',
      'Before window closes, d',
      'Slack, d',
    ]);
    for (const row of rows) {
      expect(row[columns.indexOf('V3PA, deg (range)')]).toBe('–');
      expect(row[columns.indexOf('Slack, d')]).toBe('–');
    }
  });

  it("gives each visit's distance to the edges of its window, in days", () => {
    const rows = tableRows(html, 'id="visits-table"');
    const columns = headings(html, 'id="visits-table"');
    // Where a window reaches the span's start or end, the span cut it (the fixture has no edge
    // records): the cell says so instead of a distance from the cut.
    fixture.visits.forEach((visit, k) => {
      expect(rows[k]![columns.indexOf('After window opens, d')]).toBe(
        visit.window.startMs <= fixture.span.startMs
          ? 'in view before the span'
          : ((visit.startMs - visit.window.startMs) / DAY).toFixed(1),
      );
      expect(rows[k]![columns.indexOf('Before window closes, d')]).toBe(
        visit.window.endMs >= fixture.span.endMs ? 'in view after the span' : ((visit.window.endMs - visit.endMs) / DAY).toFixed(1),
      );
    });
    // Observation 1: its window 07-01..10-20 starts where the span does; 04:30 is 97.8125 days before 10-20.
    expect(rows[0]!.slice(-3, -1)).toEqual(['in view before the span', '97.8']);
    // Observation 63: 2022-09-05T00:00 is 4 days after its window opens (09-01), 02:00 is 56.9 days before it closes (11-01).
    expect(rows[fixture.visits.findIndex((visit) => visit.observation === 63)]!.slice(-3, -1)).toEqual(['4.0', '56.9']);
  });

  it('shows V3PA, slack, cycle and status when the record has them', () => {
    const rows = tableRows(full, 'id="visits-table"');
    const columns = headings(full, 'id="visits-table"');
    expect(columns.slice(0, 3)).toEqual(['Obs', 'Cycle', 'Status']);
    const first = rows[0]!;
    expect(first[columns.indexOf('Status')]).toBe('done');
    expect(rows[1]![columns.indexOf('Status')]).toBe('failed');
    expect(rows[2]![columns.indexOf('Status')]).toBe('planned');
    expect(first[columns.indexOf('V3PA, deg (range)')]).toBe('123.4 (118.4 to 128.4)');
    // The second visit was also asked for V3PA 345..5 (NIRCam's aperture PA, offset 0), and spent
    // an hour of its 1.5 in the micrometeoroid avoidance zone.
    expect(rows[1]![columns.indexOf('V3PA, deg (range)')]).toBe('355.5 (350.5 to 0.5)asked 345.0 to 5.0APA 345.0 to 5.0');
    expect(rows[1]![columns.indexOf('MAZ')]).toBe('67%');
    expect(first[columns.indexOf('MAZ')]).toBe('–');
    // Slack: 2022-07-12T03:00 and 2022-07-17T15:00 against a start at 2022-07-14T03:00.
    expect(first[columns.indexOf('Slack, d')]).toBe('−2.0 to +3.5');
    expect(full).toContain('may start 2022-07-12 03:00 to 2022-07-17 15:00 UTC');
    expect(rows[2]![columns.indexOf('Slack, d')]).toBe('–');
  });

  it('gives the cadence per target: statistics, then every gap, forced or chosen', () => {
    const summary = tableRows(html, 'Gaps between consecutive epoch starts');
    // BD+60-1753: 07-14T03 -> 08-13T03 (30 d) -> 2023-01-20T10 (160.3 d); HD163466: 30.5 d and 118.7 d.
    const bdGaps = [30, (t('2023-01-20T10:00Z') - t('2022-08-13T03:00Z')) / DAY];
    const hdGaps = [30.5, (t('2023-02-01T06:00Z') - t('2022-10-05T12:00Z')) / DAY];
    const stats = (gaps: number[]) => {
      const mean = (gaps[0]! + gaps[1]!) / 2;
      return [Math.min(...gaps), mean, Math.max(...gaps), Math.abs(gaps[0]! - gaps[1]!) / 2].map((x) => x.toFixed(1));
    };
    expect(summary).toEqual([
      [BD, '3', ...stats(bdGaps), '1'],
      [HD, '3', ...stats(hdGaps), '1'],
    ]);
    const bd = tableRows(html, `${BD}: 2 gaps between epoch starts`);
    expect(bd.map((row) => [row[0], row[3], row.at(-1)])).toEqual([
      ['1 to 2', '30.0', 'chosen'],
      ['2 to 3', bdGaps[1]!.toFixed(1), 'forced'],
    ]);
    // Invisible 2022-10-20 to 2023-01-15: 87 days of the forced gap.
    expect(bd[1]![4]).toBe('87.0');
    expect(html).toContain('No gap bounds were given, so none is checked.');
  });

  it('marks gaps outside the bounds given', () => {
    expect(full).toContain('Gaps are checked against at least 20 days and at most 100 days.');
    const bd = tableRows(full, `${BD}: 2 gaps between epoch starts`);
    expect(bd.map((row) => row.at(-1))).toEqual(['–', 'above max']);
    const summary = tableRows(full, 'Gaps between consecutive epoch starts');
    expect(summary.map((row) => row[7])).toEqual(['1', '1']); // outside bounds, per target
  });

  it('says what was not placed and why, and which ideal dates were missed', () => {
    expect(tableRows(html, "visit not placed, with the scheduler's reason")).toEqual([
      ['12', 'NIRCam Module B', BD, '3', fixture.unscheduled[0]!.reason],
    ]);
    const missed = tableRows(full, 'of the period cadence that no epoch took');
    expect(missed).toEqual([
      [HD, '2022-12-05 00:00', '2023-01-20 00:00', 'HD163466 is out of view from 2022-11-01 to 2023-01-20'],
      [BD, '2022-11-12 00:00', '–', 'BD+60-1753 is out of view from 2022-10-20 to 2023-01-15'],
    ]);
    const placed: Schedule = { ...fixture, unscheduled: [] };
    expect(scheduleToHtml(placed)).toContain('<p>Every visit was placed.</p>');
  });

  it("lists each target's windows with the epochs inside each", () => {
    // BD+60-1753: 2022-07-01 to 10-20 (111 days, epochs 1 and 2), 2023-01-15 to 07-01 (167 days, epoch 3).
    expect(tableRows(html, '2 windows, 278.0 days in view')).toEqual([
      ['1', '2022-07-01 00:00', '2022-10-20 00:00', '111.0', '2'],
      ['2', '2023-01-15 00:00', '2023-07-01 00:00', '167.0', '1'],
    ]);
  });

  it('draws a month-by-month calendar over the span, with each epoch block on its day', () => {
    const captions = [...html.matchAll(/<table class="days"><caption>([^<]*)<\/caption>/g)].map((m) => m[1]);
    expect(captions).toEqual([
      'July 2022',
      'August 2022',
      'September 2022',
      'October 2022',
      'November 2022',
      'December 2022',
      'January 2023',
      'February 2023',
      'March 2023',
      'April 2023',
      'May 2023',
      'June 2023',
    ]);
    // July 2022 starts on a Friday: four blank cells (Monday to Thursday) before the 1st.
    expect(html).toMatch(/<caption>July 2022<\/caption><thead>.*?<\/thead><tbody><tr><td><\/td><td><\/td><td><\/td><td><\/td><td>1<\/td>/);
    expect(html).toContain('Thu 14, 03:00</time>–08:00: BD+60-1753 epoch 1, obs 1-3');
    expect(full).toContain('ideal date missed for HD163466');
  });

  it('inlines the year picture with its marks', () => {
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html.match(/<g class="epoch">/g)).toHaveLength(6);
    expect(full.match(/<g class="missed-date">/g)).toHaveLength(2);
    expect(full.match(/<g class="not-placed">/g)).toHaveLength(2);
  });

  it('escapes every piece of text from the schedule', () => {
    const odd = 'A&B <b>"x\'</b>';
    const schedule: Schedule = {
      ...fullFixture,
      program: { id: '<1539>', title: '<script>alert(1)</script> & co' },
      visits: fullFixture.visits.map((visit) => (visit.target === HD ? { ...visit, target: odd, label: `<i>${visit.label}</i>` } : visit)),
      windows: { [BD]: fixture.windows[BD]!, [odd]: fixture.windows[HD]! },
      // Renamed everywhere, unscheduled visits too, so the plan stays consistent (gaps checks it).
      unscheduled: fullFixture.unscheduled.map((visit) => ({
        ...visit,
        ...(visit.target === HD ? { target: odd } : {}),
        reason: `<em>${visit.reason}</em>`,
      })),
      ...(fullFixture.missedDates
        ? { missedDates: fullFixture.missedDates.map((missed) => (missed.target === HD ? { ...missed, target: odd } : missed)) }
        : {}),
    };
    const page = scheduleToHtml(schedule);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<b>"x');
    expect(page).not.toContain('<i>');
    expect(page).not.toContain('<em>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(page).toContain('A&amp;B &lt;b&gt;&quot;x&#39;&lt;/b&gt;');
    expect(page).toContain('&lt;1539&gt;');
    // The only tags are the report's own: every "<" starts a known tag, a comment or a closing tag.
    const tags = new Set([...page.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
    const known = [
      'html',
      'head',
      'meta',
      'title',
      'style',
      'body',
      'header',
      'h1',
      'h2',
      'h3',
      'dl',
      'div',
      'dt',
      'dd',
      'nav',
      'ul',
      'li',
      'a',
      'main',
      'section',
      'figure',
      'figcaption',
      'svg',
      'rect',
      'text',
      'line',
      'g',
      'path',
      'table',
      'caption',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'button',
      'span',
      'time',
      'p',
      'strong',
      'footer',
      'script',
    ];
    expect([...tags].filter((tag) => !known.includes(tag))).toEqual([]);
  });

  it('names the observer model and what made each window edge when the record says', () => {
    // The fields as the scheduler writes them once windows carry their edges' models.
    const edge = (model: string, marginDays: number) => ({ model, marginMs: marginDays * DAY });
    const described = {
      ...fixture,
      marginMs: undefined,
      observer: 'JWST <orbit> from the bundled Horizons table, nominal L2 after 2025-05-26',
      windows: {
        [BD]: [
          { ...fixture.windows[BD]![0]!, startEdge: edge('span', 0), endEdge: edge('ephemeris', 0.5) },
          { ...fixture.windows[BD]![1]!, startEdge: edge('nominal-l2', 3), endEdge: edge('span', 0) },
        ],
        [HD]: fixture.windows[HD]!,
      },
    } as unknown as Schedule;
    const page = scheduleToHtml(described);
    expect(page).toMatch(
      /<dt>Observer model<\/dt><dd>JWST &lt;orbit&gt; from the bundled Horizons table, nominal L2 after 2025-05-26<\/dd>/,
    );
    expect(page).toMatch(/<dt>Margin from window edges<\/dt><dd>kept per edge/);
    expect(headings(page, '2 windows, 278.0 days in view')).toEqual([
      '#',
      'Opens',
      'Closes',
      'Days',
      'Epochs',
      'Opening edge by',
      'Closing edge by',
    ]);
    expect(tableRows(page, '2 windows, 278.0 days in view').map((row) => row.slice(5))).toEqual([
      ['span, 0.0 d margin', 'ephemeris, 0.5 d margin'],
      ['nominal-l2, 3.0 d margin', 'span, 0.0 d margin'],
    ]);
    // A target whose windows do not say gets dashes.
    expect(tableRows(page, '2 windows, 223.0 days in view').map((row) => row.slice(5))).toEqual([
      ['–', '–'],
      ['–', '–'],
    ]);
  });

  it('refuses bad options with an InputError naming the option', () => {
    expect(() => scheduleToHtml(fixture, { minGapDays: 50, maxGapDays: 40 })).toThrow(InputError);
    expect(() => scheduleToHtml(fixture, { minGapDays: 50, maxGapDays: 40 })).toThrow(/^report\.minGapDays: /);
    expect(() => scheduleToHtml(fixture, { maxGapDays: -1 })).toThrow(/report\.maxGapDays/);
    expect(() => scheduleToHtml(fixture, { colour: 'red' } as never)).toThrow(/report: .*colour/);
    expect(() => scheduleToHtml({ ...fixture, span: { startMs: Number.NaN, endMs: 0 } })).toThrow(/span\.startMs: not a finite instant/);
  });
});
