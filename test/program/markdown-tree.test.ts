/**
 * The fast reader of program documents gives the tree of the whole-document Markdown parse
 * (test/support/markdown-oracle.ts): the same nodes, values and lines, which is all the
 * program reader reads, so the same rows and the same refusals at the same lines. Checked on
 * fuzzed tables: plain rows, cells with inline syntax, rows of other lengths, every kind of
 * line that can interrupt a table, other tables, front matter and other line ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, parseProgram } from '../../src/index.js';
import { readMarkdownTree } from '../../src/program/markdown-tree.js';
import { oracleMarkdownTree } from '../support/markdown-oracle.js';

interface Plain {
  type: string;
  depth?: number;
  value?: string;
  lines: [number, number];
  children?: Plain[];
}

/** What the program reader reads of a node: type, depth, value, first and last line, children. */
function plain(node: {
  type: string;
  depth?: number;
  value?: unknown;
  position?: { start: { line: number }; end: { line: number } };
  children?: unknown[];
}): Plain {
  return {
    type: node.type,
    ...(node.depth !== undefined ? { depth: node.depth } : {}),
    ...(typeof node.value === 'string' ? { value: node.value } : {}),
    lines: [node.position?.start.line ?? -1, node.position?.end.line ?? -1],
    ...(node.children ? { children: node.children.map((child) => plain(child as Parameters<typeof plain>[0])) } : {}),
  };
}

const HEADER = '| Label | Observing Template | Science Target |';
const DELIMITER = '|---|---|---|';
const plainCell = fc.constantFrom('Visit 1', 'MIRI Imaging', '(1) BD+60-1753', '', ' ', 'a  b', 'x-y (2)', 'é ü', 'a.b,c:d/e', 'it\'s "q"');
const oddCell = fc.constantFrom(
  '*em*',
  '_u_',
  '`code`',
  '[x]',
  '[x][y]',
  '![i](u)',
  '<b>b</b>',
  '&amp;',
  'a \\| b',
  'a\tb',
  '\\*',
  'www.x.org',
  '~~s~~',
  'a  ',
);
const cellArb = fc.oneof({ weight: 8, arbitrary: plainCell }, { weight: 1, arbitrary: oddCell });
const rowArb = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(cellArb, cellArb, cellArb).map(([a, b, c]) => `| ${a} | ${b} | ${c} |`) },
  { weight: 1, arbitrary: fc.tuple(cellArb, cellArb).map(([a, b]) => `| ${a} | ${b} |`) },
  { weight: 1, arbitrary: fc.tuple(cellArb, cellArb, cellArb, cellArb).map((c) => `| ${c.join(' | ')} |`) },
  { weight: 1, arbitrary: fc.tuple(cellArb, cellArb, cellArb).map((c) => `${c.join(' | ')}`) },
  { weight: 1, arbitrary: fc.tuple(cellArb, cellArb, cellArb).map((c) => `  | ${c.join(' | ')} |`) },
  { weight: 1, arbitrary: fc.tuple(cellArb, cellArb, cellArb).map((c) => `| ${c.join(' | ')} |  `) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '- a note',
      '1. a note',
      '## Notes',
      'Notes',
      '-----',
      '> a note',
      '```',
      '~~~',
      '    code',
      '<div>',
      '<!-- c -->',
      'text',
      '***',
      '[x]: https://example.org',
      HEADER,
      DELIMITER,
      '|',
      '| a |',
      '|---|---|',
    ),
  },
);
const docArb = fc.record({
  frontMatter: fc.constantFrom(['---', 'id: 7', '---'], ['---', 'id: 7', 'program_title: "T"', '---'], [], ['---', 'id: [1', '---']),
  heading: fc.constantFrom(['# 7 - Fuzz', ''], [], ['Title', '====='], ['- # 7 - In a list']),
  before: fc.array(rowArb, { maxLength: 3 }),
  header: fc.constantFrom(
    [HEADER, DELIMITER],
    ['| Science Target | Label | Observing Template | Notes |', '|:-|:-:|-:|---|'],
    ['> ' + HEADER, '> ' + DELIMITER],
    ['- ' + HEADER, '  ' + DELIMITER],
    [HEADER, '|---|---|'],
  ),
  rows: fc.array(rowArb, { maxLength: 40 }),
  after: fc.array(rowArb, { maxLength: 4 }),
  end: fc.constantFrom('\n', '', '\r\n'),
  crlf: fc.boolean(),
});

function documentOf(doc: typeof docArb extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = [...doc.frontMatter, ...doc.heading, ...doc.before, ...doc.header, ...doc.rows, ...doc.after];
  return lines.join(doc.crlf ? '\r\n' : '\n') + doc.end;
}

/** parseProgram's verdict: the visits, or the error's message. */
function verdict(text: string): unknown {
  try {
    return parseProgram(text, { source: 'fuzz.md' }).visits;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return (error as Error).message;
  }
}

describe('readMarkdownTree', () => {
  it('reads the tree of the whole-document parse, on fuzzed tables', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const text = documentOf(doc);
        expect(plain(readMarkdownTree(text))).toEqual(plain(oracleMarkdownTree(text)));
      }),
      { numRuns: 400 },
    );
  });

  it('reads long plain tables with a fault anywhere as the whole-document parse does', () => {
    // Mostly plain rows (the fast path), one odd line at a random place.
    const plainRow = fc.tuple(plainCell, plainCell, plainCell).map(([a, b, c]) => `| ${a} | ${b} | ${c} |`);
    fc.assert(
      fc.property(fc.array(plainRow, { minLength: 10, maxLength: 60 }), fc.nat(), rowArb, (rows, at, odd) => {
        const lines = ['---', 'id: 7', '---', '# 7 - Fuzz', '', HEADER, DELIMITER, ...rows];
        lines.splice(7 + (at % (rows.length + 1)), 0, odd);
        const text = `${lines.join('\n')}\n`;
        expect(plain(readMarkdownTree(text))).toEqual(plain(oracleMarkdownTree(text)));
        verdict(text);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a program whose rows are all plain with each visit at its own line', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `| Visit ${i + 1} | MIRI Imaging | (1) S-${i} |`);
    const text = ['---', 'id: 7', '---', '# 7 - Plain', '', HEADER, DELIMITER, ...rows, '', 'Notes after.', ''].join('\n');
    const visits = parseProgram(text).visits;
    expect(visits).toHaveLength(50);
    // The header is line 6, the delimiter line 7: visit i is line 7 + i.
    expect(visits.map((visit) => visit.line)).toEqual(rows.map((_, i) => 8 + i));
    expect(visits[49]!.target).toBe('S-49');
  });
});
