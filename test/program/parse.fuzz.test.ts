/**
 * Malformed observations tables: every kind of line that can interrupt a GFM table, put
 * between rows (or after the last), a second table, rows with too many or too few cells, and
 * bad program ids. The property: no row is ever dropped silently. Either every row is read,
 * in order, or the error is an InputError naming the file and a line where the damage is (the
 * interrupting line, or the first row it cut off).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, parseProgram } from '../../src/index.js';
import { tally } from '../support/outcomes.js';

const HEADER = '| Label | Observing Template | Science Target |';
const DELIMITER = '|---|---|---|';

/** Lines that interrupt a table, by kind. Each is a block Markdown reads as something other than a row. */
const INTERRUPTIONS: Readonly<Record<string, readonly string[]>> = {
  'blank line': [''],
  'two blank lines': ['', ''],
  'list item': ['- a note'],
  'ordered list item': ['1. a note'],
  heading: ['## Notes'],
  'setext-style text': ['Notes', '-----'],
  quote: ['> a note'],
  'code fence': ['```', 'code', '```'],
  'unclosed code fence': ['```'],
  'tilde fence': ['~~~'],
  'indented code': ['    indented code'],
  'HTML block': ['<div>'],
  'HTML comment': ['<!-- a comment -->'],
  'inline HTML line': ['<b>bold</b>'],
  paragraph: ['just some text'],
  'horizontal rule': ['***'],
  'link definition': ['[x]: https://example.org'],
  'blank then second table': ['', HEADER, DELIMITER],
  'second header and delimiter': [HEADER, DELIMITER],
  'row with an extra cell': ['| X | MIRI Imaging | (1) S | extra |'],
  'row with a missing cell': ['| X | MIRI Imaging |'],
  'lone pipe': ['|'],
  'delimiter row alone': [DELIMITER],
};
const KINDS = Object.keys(INTERRUPTIONS);

/** A document whose table has `labels.length` rows with interruptions inserted before the given row indexes. */
function document(labels: readonly string[], cuts: ReadonlyArray<{ at: number; kind: string }>) {
  const lines = ['---', 'id: 7', '---', '# 7 - Fuzz', '', '## Observations', HEADER, DELIMITER];
  const rowLines: number[] = [];
  const interruptionLines: Array<{ at: number; lines: number[] }> = [];
  for (let i = 0; i <= labels.length; i += 1) {
    for (const cut of cuts.filter((c) => c.at === i)) {
      const block = INTERRUPTIONS[cut.kind]!;
      interruptionLines.push({ at: i, lines: block.map((_, j) => lines.length + 1 + j) });
      lines.push(...block);
    }
    if (i < labels.length) {
      lines.push(`| ${labels[i]} | MIRI Imaging | (1) S |`);
      rowLines.push(lines.length);
    }
  }
  return { text: `${lines.join('\n')}\n`, rowLines, interruptionLines };
}

describe('observations table: nothing dropped silently', () => {
  const record = tally('observations tables with interruptions');

  it('reads every row or names the line of the damage, for every kind of interruption anywhere', () => {
    const label = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,8}[A-Za-z0-9]$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ at: fc.nat({ max: 6 }), kind: fc.constantFrom(...KINDS) }), { minLength: 1, maxLength: 3 }),
        (labels, rawCuts) => {
          const cuts = rawCuts.map((cut) => ({ ...cut, at: Math.min(cut.at, labels.length) }));
          const { text, rowLines, interruptionLines } = document(labels, cuts);
          let visits;
          try {
            visits = parseProgram(text, { source: 'fuzz.md' }).visits;
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            const message = (error as Error).message;
            const line = Number(/^fuzz\.md line (\d+): /.exec(message)?.[1]);
            // The named line is a line of an interruption, or the first row after one.
            const allowed = new Set(
              interruptionLines.flatMap(({ at, lines }) => [...lines, ...(rowLines[at] !== undefined ? [rowLines[at]!] : [])]),
            );
            expect(allowed.has(line), `${message}\n${text}`).toBe(true);
            record('refused, naming the line');
            return;
          }
          // Read: then every row, in order, each with its own line.
          expect(visits.map((visit) => visit.label)).toEqual(labels);
          expect(visits.map((visit) => visit.line)).toEqual(rowLines);
          // Only interruptions after the last row can leave the rows whole.
          expect(
            cuts.every((cut) => cut.at === labels.length),
            text,
          ).toBe(true);
          record('read whole');
        },
      ),
      { seed: 9_009, numRuns: 600 },
    );
  });

  it.each(KINDS)('refuses "%s" between two rows, naming a line', (kind) => {
    const { text, rowLines, interruptionLines } = document(['A', 'B', 'C'], [{ at: 1, kind }]);
    const lines = new Set([...interruptionLines[0]!.lines, rowLines[1]!]);
    let message = '';
    try {
      parseProgram(text, { source: 'p.md' });
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      message = (error as Error).message;
    }
    record('refused, naming the line');
    expect(message).toMatch(/^p\.md line \d+: /);
    expect(lines.has(Number(/line (\d+)/.exec(message)![1]))).toBe(true);
  });

  it('says what interrupted the table and where it ended', () => {
    const { text } = document(['A', 'B'], [{ at: 1, kind: 'list item' }]);
    // Header on line 7, row A on 9, the list item on 10, row B on 11.
    expect(() => parseProgram(text, { source: 'p.md' })).toThrow(
      /^p\.md line 11: this table row is not part of the observations table, which ends at line 9 \(a list item at line 10 interrupts it\)/,
    );
    const blank = document(['A', 'B'], [{ at: 1, kind: 'blank line' }]).text;
    expect(() => parseProgram(blank, { source: 'p.md' })).toThrow(/line 11: .*\(a blank line at line 10 interrupts it\)/);
  });

  it('names both tables when there are two', () => {
    const { text } = document(['A', 'B'], [{ at: 2, kind: 'blank then second table' }]);
    expect(() => parseProgram(text, { source: 'p.md' })).toThrow(
      /^p\.md line 12: a second observations table \(the first starts at line 7\)/,
    );
  });

  it('counts the cells of every row against the header', () => {
    const { text } = document(['A'], [{ at: 1, kind: 'row with an extra cell' }]);
    expect(() => parseProgram(text, { source: 'p.md' })).toThrow(/^p\.md line 10: the row has 4 cells, the header \(line 7\) has 3/);
    const fewer = document(['A'], [{ at: 0, kind: 'row with a missing cell' }]).text;
    expect(() => parseProgram(fewer, { source: 'p.md' })).toThrow(/^p\.md line 9: the row has 2 cells, the header \(line 7\) has 3/);
  });

  it('keeps reading a table that other tables and text follow', () => {
    const text = [
      '---',
      'id: 7',
      '---',
      '# 7 - T',
      HEADER,
      DELIMITER,
      '| A | MIRI Imaging | (1) S |',
      '',
      'Some notes after the table.',
      '',
      '| Target | RA |',
      '|---|---|',
      '| S | 10 |',
      '',
    ].join('\n');
    expect(parseProgram(text).visits.map((visit) => visit.label)).toEqual(['A']);
    record('read whole');
  });

  it('refuses an observations table inside a quote', () => {
    const text = ['---', 'id: 7', '---', '# 7 - T', '', `> ${HEADER}`, `> ${DELIMITER}`, '> | A | MIRI Imaging | (1) S |', ''].join('\n');
    expect(() => parseProgram(text, { source: 'p.md' })).toThrow(/^p\.md line 6: the observations table is inside a quote or a list/);
    record('refused, naming the line');
  });
});

describe('program id: a safe name', () => {
  const record = tally('program ids');
  const withId = (id: string): string =>
    ['---', `id: ${id}`, '---', '# T', '', HEADER, DELIMITER, '| A | MIRI Imaging | (1) S |', ''].join('\n');

  it.each([
    ['x/../..', /"x\/\.\.\/\.\." is not a program id/],
    ['../elsewhere', /is not a program id/],
    ['"a\\\\b"', /is not a program id/],
    ['.inf', /Infinity is not a program number/],
    ['-.inf', /-Infinity is not a program number/],
    ['.nan', /NaN is not a program number/],
    ['true', /got the YAML boolean true/],
    ['-1', /-1 is not a program number/],
    ['1.5', /1\.5 is not a program number/],
    ['1e30', /is not a program number/],
    ['""', /"id" is missing/],
    ['', /"id" is missing/],
    ['[1]', /got a YAML list/],
    ['{ a: 1 }', /got a YAML object/],
    ['"-x"', /"-x" is not a program id/],
    ['"a b"', /"a b" is not a program id/],
    ['"1539."', /is not a program id/],
    [`"${'a'.repeat(65)}"`, /is not a program id/],
    ['"ü"', /is not a program id/],
  ])('refuses id: %s', (id, pattern) => {
    expect(() => parseProgram(withId(id), { source: 'p.md' })).toThrow(InputError);
    expect(() => parseProgram(withId(id), { source: 'p.md' })).toThrow(/^p\.md line 2: front matter: "id"/);
    expect(() => parseProgram(withId(id), { source: 'p.md' })).toThrow(pattern);
    record('refused, naming the line');
  });

  it.each([
    ['1539', '1539'],
    ['0', '0'],
    ['"01539"', '01539'],
    ['my-program_2', 'my-program_2'],
    [`"${'a'.repeat(64)}"`, 'a'.repeat(64)],
  ])('accepts id: %s', (id, expected) => {
    expect(parseProgram(withId(id)).id).toBe(expected);
    record('accepted');
  });
});
