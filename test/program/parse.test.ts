import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltInProgram, parseProgram, programStructure } from '../../src/program/face.js';
import { builtInProgramPath, DEFAULT_TEMPLATE_DURATION_HOURS } from '../../src/program/index.js';
import { MS_PER_HOUR } from '../../src/time/instant.js';

const text = readFileSync(builtInProgramPath(), 'utf8');
const program = loadBuiltInProgram();

/** A small document in the same form as the program-information pages. */
function doc(rows: string[], frontMatter = 'id: 42'): string {
  return [
    '---',
    frontMatter,
    '---',
    '# 42 - Test program',
    '',
    '| Label | Observing Template | Science Target |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

describe('parseProgram on program 1539', () => {
  it('reads the id, the title and one visit per table row', () => {
    expect(program.id).toBe('1539');
    expect(program.title).toBe('CAL-FLUX-004  Absolute Flux Calibration (Repeatability)');
    // The published table has 86 rows (62 BD+60-1753, 12 HD163466, 12 HD163466-BKG).
    expect(program.visits).toHaveLength(86);
    const rowLines = text.split('\n').filter((line) => /^\|\s*(NIRCam|NIRSpec|NIRISS|MIRI)/.test(line));
    expect(program.visits).toHaveLength(rowLines.length);
    expect(program.visits.map((visit) => visit.observation)).toEqual(Array.from({ length: 86 }, (_, i) => i + 1));
  });

  it('splits targets into number and name and derives instruments from templates', () => {
    const count = (target: string) => program.visits.filter((visit) => visit.target === target).length;
    expect(count('BD+60-1753')).toBe(62);
    expect(count('HD163466')).toBe(12);
    expect(count('HD163466-BKG')).toBe(12);
    expect(new Set(program.visits.filter((v) => v.target === 'HD163466-BKG').map((v) => v.targetNumber))).toEqual(new Set([4]));
    const soss = program.visits.find((visit) => visit.label === 'NIRISS SOSS')!;
    expect(soss.instrument).toBe('NIRISS');
    expect(program.visits.find((visit) => visit.label === 'MIRI MRS 1')!.instrument).toBe('MIRI');
  });

  it('gives each visit the line of its row in the file', () => {
    const lines = text.split('\n');
    for (const visit of [program.visits[0]!, program.visits[85]!]) {
      expect(lines[visit.line - 1]).toContain(visit.label);
    }
  });

  it('takes durations from the template table, overridable', () => {
    const mrs = program.visits.find((visit) => visit.template === 'MIRI Medium Resolution Spectroscopy')!;
    expect(mrs.durationMs).toBe(DEFAULT_TEMPLATE_DURATION_HOURS['MIRI Medium Resolution Spectroscopy']! * MS_PER_HOUR);
    const custom = loadBuiltInProgram({ durations: { 'MIRI Medium Resolution Spectroscopy': 2.25 } });
    expect(custom.visits.find((visit) => visit.label === 'MIRI MRS 1')!.durationMs).toBe(2.25 * MS_PER_HOUR);
  });
});

describe('programStructure on program 1539', () => {
  const structure = programStructure(program);

  it('forms the seven series with the sizes counted from the table', () => {
    const sizes = Object.fromEntries(structure.series.map((series) => [series.id, series.observations.length]));
    expect(sizes).toEqual({
      'BD+60-1753 / NIRCam Engineering Imaging': 12,
      'BD+60-1753 / NIRCam Imaging': 12,
      'BD+60-1753 / NIRSpec Fixed Slit Spectroscopy': 12,
      'BD+60-1753 / NIRISS Single-Object Slitless Spectroscopy': 13,
      'BD+60-1753 / MIRI Imaging': 13,
      'HD163466 / MIRI Medium Resolution Spectroscopy': 12,
      'HD163466-BKG / MIRI Medium Resolution Spectroscopy': 12,
    });
  });

  it('cuts 13 epochs for BD+60-1753 and 12 for HD163466, each background right after its science row', () => {
    expect(structure.leads).toEqual(['BD+60-1753', 'HD163466']);
    const bd = structure.epochs.filter((epoch) => epoch.target === 'BD+60-1753');
    const hd = structure.epochs.filter((epoch) => epoch.target === 'HD163466');
    expect(bd).toHaveLength(13);
    expect(hd).toHaveLength(12);
    // Rows 26-27 repeat NIRISS SOSS and MIRI Imaging right after row 25: a new epoch starts at 26.
    expect(bd[5]!.observations).toEqual([26, 27, 28, 29, 30]);
    expect(bd[12]!.observations).toEqual([61, 62]);
    // HD163466 rows are the odd rows 63..85, each followed by its BKG row.
    hd.forEach((epoch, index) => {
      expect(epoch.observations).toEqual([63 + 2 * index, 64 + 2 * index]);
      expect(epoch.targets).toEqual(['HD163466', 'HD163466-BKG']);
    });
    expect(structure.links).toHaveLength(12);
    // Each BKG row follows the science row just above it: keys observation:1, one apart.
    for (const link of structure.links) expect(Number(link.after.split(':')[0])).toBe(Number(link.visit.split(':')[0]) - 1);
    // Every visit in exactly one epoch.
    const all = structure.epochs.flatMap((epoch) => epoch.observations).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 86 }, (_, i) => i + 1));
  });

  it('lets a plan replace links and epochs', () => {
    const unlinked = programStructure(program, { links: [] });
    expect(unlinked.leads).toEqual(['BD+60-1753', 'HD163466', 'HD163466-BKG']);
    const small = parseProgram(doc(['| A | MIRI Imaging | (1) S |', '| B | MIRI Imaging | (1) S |', '| C | NIRCam Imaging | (1) S |']));
    const explicit = programStructure(small, { epochs: [[1, 3], [2]] });
    expect(explicit.epochs.map((epoch) => epoch.observations)).toEqual([[1, 3], [2]]);
    expect(() => programStructure(small, { epochs: [[1, 3]] })).toThrow(/missing observations 2/);
    expect(() => programStructure(small, { links: [{ observation: 9, after: 1 }] })).toThrow(/observation 9 does not exist/);
    expect(() =>
      programStructure(small, {
        links: [
          { observation: 1, after: 2 },
          { observation: 2, after: 1 },
        ],
      }),
    ).toThrow(/in a circle/);
  });

  it('links a background row with no science row before it to the first one after it', () => {
    const leading = parseProgram(
      doc(['| B | MIRI Imaging | (2) S-BKG |', '| A | MIRI Imaging | (1) S |', '| C | MIRI Imaging | (2) S-BKG |']),
    );
    const structure = programStructure(leading);
    expect(structure.leads).toEqual(['S']);
    expect(structure.epochs.map((epoch) => epoch.observations)).toEqual([[2, 1, 3]]);
  });
});

describe('parseProgram errors', () => {
  it('names the line and the field of a malformed target cell', () => {
    const source = doc(['| A | MIRI Imaging | (1) S |', '| B | MIRI Imaging | S without number |']);
    // Row 2 of the table body is line 9 of the document.
    expect(() => parseProgram(source, { source: 'p.md' })).toThrow(/^p\.md line 9: Science Target: expected "\(N\) NAME"/);
  });

  it('names the line of a template with no instrument or no known duration', () => {
    expect(() => parseProgram(doc(['| A | FGS Imaging | (1) S |']))).toThrow(/line 8: Observing Template: no duration/);
    expect(() => parseProgram(doc(['| A | FGS Imaging | (1) S |']), { durations: { 'FGS Imaging': 1 } })).toThrow(
      /line 8: Observing Template: the template does not name an instrument/,
    );
    expect(() => parseProgram(doc(['|  | MIRI Imaging | (1) S |']))).toThrow(/line 8: Label: is empty/);
  });

  it('refuses a document without id, table or valid YAML', () => {
    expect(() => parseProgram(doc(['| A | MIRI Imaging | (1) S |'], 'title: x'))).toThrow(/"id" is missing/);
    expect(() => parseProgram('---\nid: 1\n---\n# 1 - T\n\nno table here\n')).toThrow(/no observations table/);
    expect(() => parseProgram(doc(['| A | MIRI Imaging | (1) S |'], 'id: [1'))).toThrow(/line \d+: front matter/);
  });
});
