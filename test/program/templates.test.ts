import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { blockDurationMs, loadBuiltInProgram, parseProgram, programStructure } from '../../src/program/face.js';
import { ASSUMED_DURATION_TEMPLATES, DEFAULT_TEMPLATE_DURATION_HOURS, MAX_VISIT_GAP_MS, VISIT_GAP_MS } from '../../src/program/index.js';

// The published rows: program 1539's prime visits in STScI's weekly JWST Science Observing
// Schedules for Cycle 1 (see test/support/fixtures/README.md). Columns: VISIT ID, PCS MODE, VISIT TYPE,
// SCHEDULED START TIME, DURATION (DD/HH:MM:SS), SCIENCE INSTRUMENT AND MODE, TARGET NAME (quoted
// when it lists a second target), ...
const csv = readFileSync(fileURLToPath(new URL('../support/fixtures/jwst-schedule-1539-cycle-1.csv', import.meta.url)), 'utf8');
const rows = csv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const cells = line.split(',');
    const [days, clock] = cells[4]!.split('/');
    const [h, m, s] = clock!.split(':').map(Number);
    return {
      id: cells[0]!,
      startMs: Date.parse(cells[3]!),
      seconds: Number(days) * 86_400 + h! * 3600 + m! * 60 + s!,
      template: cells[5]!,
    };
  });

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('visit durations from the published schedule of program 1539', () => {
  it('reads the 75 published rows', () => {
    expect(rows).toHaveLength(75);
    for (const row of rows) expect(Number.isFinite(row.startMs) && row.seconds > 0).toBe(true);
  });

  it('gives each template JWST scheduled the median of its published durations', () => {
    const byTemplate = new Map<string, number[]>();
    for (const row of rows) byTemplate.set(row.template, [...(byTemplate.get(row.template) ?? []), row.seconds]);
    expect([...byTemplate.keys()].sort()).toEqual([
      'MIRI Imaging',
      'MIRI Medium Resolution Spectroscopy',
      'NIRCam Engineering Imaging',
      'NIRCam Imaging',
      'NIRISS Single-Object Slitless Spectroscopy',
      'NIRSpec Fixed Slit Spectroscopy',
    ]);
    for (const [template, seconds] of byTemplate) {
      // In whole seconds, as the schedules give times (one median falls on a half second).
      expect(DEFAULT_TEMPLATE_DURATION_HOURS[template]! * 3600, template).toBeCloseTo(Math.round(median(seconds)), 6);
      expect(ASSUMED_DURATION_TEMPLATES).not.toContain(template);
    }
    // Every other template of the table is marked as an assumption.
    const published = new Set(byTemplate.keys());
    expect(Object.keys(DEFAULT_TEMPLATE_DURATION_HOURS).filter((name) => !published.has(name))).toEqual([...ASSUMED_DURATION_TEMPLATES]);
  });

  it('puts the median published gap between the visits of one block', () => {
    // A block: visits one after the other, each starting within an hour of the previous end.
    const sorted = [...rows].sort((a, b) => a.startMs - b.startMs);
    const gaps: number[] = [];
    for (let i = 1; i < sorted.length; i += 1) {
      const gap = sorted[i]!.startMs - (sorted[i - 1]!.startMs + sorted[i - 1]!.seconds * 1000);
      if (gap < 3_600_000) gaps.push(gap);
    }
    expect(gaps.length).toBeGreaterThan(50);
    expect(VISIT_GAP_MS).toBe(Math.round(median(gaps) / 1000) * 1000);
    expect(MAX_VISIT_GAP_MS).toBe(Math.max(...gaps));
    expect(blockDurationMs([1000, 2000, 3000])).toBe(6000 + 2 * VISIT_GAP_MS);
    expect(blockDurationMs([1000])).toBe(1000);
    expect(blockDurationMs([])).toBe(0);
  });

  it("makes program 1539's epochs as long as JWST's blocks: 2.12-2.29 h and 0.75-0.79 h", () => {
    const structure = programStructure(loadBuiltInProgram());
    const hours = (target: string, visits: number): number[] =>
      structure.epochs
        .filter((epoch) => epoch.target === target && epoch.observations.length === visits)
        .map((epoch) => epoch.durationMs / 3_600_000);
    // Published blocks (measured from the fixture's rows): BD+60-1753's five visits 2.12 to 2.29 h,
    // HD163466's MRS visit and its background 0.75 to 0.79 h. The table's last BD+60-1753 epoch
    // holds the two rows left over (a shorter block JWST did not run as such).
    expect(hours('BD+60-1753', 5)).toHaveLength(12);
    for (const h of hours('BD+60-1753', 5)) expect(h >= 2.12 && h <= 2.29, `${h}`).toBe(true);
    expect(hours('HD163466', 2)).toHaveLength(12);
    for (const h of hours('HD163466', 2)) expect(h >= 0.75 && h <= 0.79, `${h}`).toBe(true);
  });
});

describe('unknown templates', () => {
  const doc = (template: string): string =>
    [
      '---',
      'id: 42',
      '---',
      '# 42 - T',
      '',
      '| Label | Observing Template | Science Target |',
      '|---|---|---|',
      `| A | ${template} | (1) S |`,
      '',
    ].join('\n');

  it('lists the known templates and suggests the nearest', () => {
    let message = '';
    try {
      parseProgram(doc('MIRI Imagng'), { source: 'p.md' });
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^p\.md line 8: Observing Template: no duration is known for "MIRI Imagng"; did you mean "MIRI Imaging"\?/);
    for (const name of Object.keys(DEFAULT_TEMPLATE_DURATION_HOURS)) expect(message).toContain(`"${name}"`);
  });

  it('suggests nothing when no name is near, and knows the names of the durations option', () => {
    expect(() => parseProgram(doc('NIRSpec BOTS'))).toThrow(/no duration is known for "NIRSpec BOTS"; the known templates are /);
    expect(() => parseProgram(doc('MIRI Coronagraphic Imagin'), { durations: { 'MIRI Coronagraphic Imaging X': 1 } })).toThrow(
      /did you mean "MIRI Coronagraphic Imaging"/,
    );
    expect(() => parseProgram(doc('NIRSpec Slit'), { durations: { 'NIRSpec Slitt': 1 } })).toThrow(
      /did you mean "NIRSpec Slitt"\?.*"NIRSpec Slitt", "NIRCam/,
    );
  });
});
