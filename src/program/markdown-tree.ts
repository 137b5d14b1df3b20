/**
 * The Markdown tree of a program-information document, read fast where the document is plain.
 *
 * A full Markdown parse costs about 0.2 ms a table row, most of a large program's reading. But
 * the rows of an observations table are nearly always plain: a line `| cell | cell | cell |`
 * whose cells hold no character that starts Markdown inline syntax. A run of such rows right
 * after a table's delimiter row is read by a line split here, and only the rest of the
 * document goes through the Markdown parser, with one plain row of the run kept in place so
 * that what follows the run is parsed in the same state as in the whole document. The rows of
 * the run are then put back into that table, and the lines of everything after them shifted
 * back, so the tree is the full parse's (the nodes' types, values, children and lines; the
 * column and offset of a node after the run are not kept, and nothing reads them).
 *
 * Anything unusual (no such run, a cell with inline syntax, a row of another length, a table
 * that the parser does not read where the line split put it) leaves the document to the
 * Markdown parser whole.
 * @module
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';

/** The document's tree, as the Markdown parser (CommonMark, GFM tables, YAML front matter) makes it. */
export type MarkdownRoot = ReturnType<typeof fromMarkdown>;
type Node = MarkdownRoot | MarkdownRoot['children'][number];
type TableNode = Extract<Node, { type: 'table' }>;
type RowNode = TableNode['children'][number];

/**
 * The full Markdown parse, with the extensions a program document uses.
 *
 * @example
 * ```ts
 * parseMarkdownTree('| a | b |\n|---|---|\n| 1 | 2 |\n').children[0]!.type; // 'table'
 * ```
 */
export function parseMarkdownTree(text: string): MarkdownRoot {
  return fromMarkdown(text, {
    extensions: [gfmTable(), frontmatter(['yaml'])],
    mdastExtensions: [gfmTableFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
}

/**
 * A plain table row: a pipe at the start of the line and at its end, and cells between that
 * hold none of the characters that start inline syntax (backslash escapes, code, emphasis,
 * links and images, HTML and autolinks, entities), no tab and no control character. Such a
 * cell's text is the text between its pipes, as is.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a plain row must not hold
const PLAIN_ROW = /^\|(?:[^\\`*_[\]!<>&|\t\x00-\x1f\x7f]*\|)+$/;

/** A delimiter row: `|---|:--|--:|`, with or without spaces, pipes at both ends. */
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+$/;

/** Fewer plain rows than this in a run are left to the Markdown parser (nothing to gain). */
const LEAST_RUN = 8;

/**
 * The document's Markdown tree: {@link parseMarkdownTree}'s, read faster where the rows of a
 * table are plain (see the module comment).
 *
 * @example
 * ```ts
 * const rows = Array.from({ length: 20 }, (_, i) => `| V${i} | MIRI Imaging | (1) S |`);
 * const tree = readMarkdownTree(['| Label | Observing Template | Science Target |', '|---|---|---|', ...rows, ''].join('\n'));
 * tree.children[0]!.type === 'table' && tree.children[0]!.children.length; // 21: the header and 20 rows
 * ```
 */
export function readMarkdownTree(text: string): MarkdownRoot {
  // Lines are joined again with line feeds below: a document with other line ends is read whole.
  if (text.includes('\r')) return parseMarkdownTree(text);
  const lines = text.split('\n');
  const run = plainRun(lines);
  if (!run) return parseMarkdownTree(text);
  // Keep the last row of the run (line run.last) in place; cut the others (run.first .. run.last - 1).
  const cut = run.last - run.first;
  const kept = [...lines.slice(0, run.first - 1), ...lines.slice(run.last - 1)];
  const tree = parseMarkdownTree(kept.join('\n'));
  // The table must be where the split put it: a top-level table whose header is line
  // run.first - 2 and whose second row (the kept one) is line run.first, with the header's cells.
  const table = tree.children.find((node): node is TableNode => node.type === 'table' && node.position?.start.line === run.first - 2);
  const keptRow = table?.children[1];
  if (
    !table ||
    table.children[0]!.children.length !== run.columns ||
    keptRow?.position?.start.line !== run.first ||
    keptRow.children.length !== run.columns
  ) {
    return parseMarkdownTree(text);
  }
  shiftLines(tree, run.first, cut);
  const rows: RowNode[] = [];
  for (let line = run.first; line < run.last; line += 1) rows.push(plainRowNode(lines[line - 1]!, line));
  table.children.splice(1, 0, ...rows);
  return tree;
}

/**
 * The longest run of plain rows right after a table's header and delimiter rows, each with as
 * many cells as the header: its first and last line (1-based) and the header's cell count.
 */
function plainRun(lines: readonly string[]): { first: number; last: number; columns: number } | undefined {
  let best: { first: number; last: number; columns: number } | undefined;
  for (let i = 1; i + 1 < lines.length; i += 1) {
    if (!DELIMITER_ROW.test(lines[i]!) || !PLAIN_ROW.test(lines[i - 1]!)) continue;
    const columns = cellCount(lines[i - 1]!);
    if (cellCount(lines[i]!) !== columns) continue;
    let end = i + 1;
    while (end < lines.length && PLAIN_ROW.test(lines[end]!) && cellCount(lines[end]!) === columns) end += 1;
    // Rows i + 1 .. end - 1 (0-based) are plain: lines i + 2 .. end, 1-based.
    const count = end - (i + 1);
    if (count >= LEAST_RUN && (!best || count > best.last - best.first + 1)) best = { first: i + 2, last: end, columns };
    i = end - 1;
  }
  return best;
}

/** The number of cells of a row with pipes at both ends and none escaped. */
function cellCount(line: string): number {
  let pipes = 0;
  for (let k = 0; k < line.length; k += 1) if (line.charCodeAt(k) === 124) pipes += 1;
  return pipes - 1;
}

/** Add `by` to every line number of the tree at or after `fromLine`. */
function shiftLines(node: Node, fromLine: number, by: number): void {
  const position = node.position;
  if (position) {
    if (position.start.line >= fromLine) position.start = { ...position.start, line: position.start.line + by };
    if (position.end.line >= fromLine) position.end = { ...position.end, line: position.end.line + by };
  }
  if ('children' in node) for (const child of node.children as Node[]) shiftLines(child, fromLine, by);
}

/** The row node of a plain row at `line`: one cell a pair of pipes, its text as is (trimmed of spaces). */
function plainRowNode(text: string, line: number): RowNode {
  const cells: RowNode['children'] = [];
  let from = 1;
  for (let k = 1; k < text.length; k += 1) {
    if (text.charCodeAt(k) !== 124) continue;
    // The cell's content without the spaces that pad it, as the parser reads a cell.
    let lo = from;
    let hi = k;
    while (lo < hi && text.charCodeAt(lo) === 32) lo += 1;
    while (hi > lo && text.charCodeAt(hi - 1) === 32) hi -= 1;
    const cellPosition = { start: { line, column: from }, end: { line, column: k + 2 } };
    const value = text.slice(lo, hi);
    cells.push({
      type: 'tableCell',
      children: value === '' ? [] : [{ type: 'text', value, position: { start: { line, column: lo + 1 }, end: { line, column: hi + 1 } } }],
      position: cellPosition,
    });
    from = k + 1;
  }
  return { type: 'tableRow', children: cells, position: { start: { line, column: 1 }, end: { line, column: text.length + 1 } } };
}
