/**
 * Read a program-information document: YAML front matter, a `# title` heading and a GFM
 * observations table with the columns Label | Observing Template | Science Target.
 * @module
 */

import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { MS_PER_HOUR } from '../time/instant.js';
import { NonEmptyString, parseWith } from '../validation.js';
import { type MarkdownRoot, readMarkdownTree } from './markdown-tree.js';
import {
  MAX_VISIT_DURATION_MS,
  PROGRAM_ID,
  PROGRAM_ID_RULE,
  type Program,
  ProgramSchema,
  type Visit,
  VisitSchema,
  visitKey,
} from './program.js';
import { DurationTableSchema, durationOfTemplate, instrumentOf, unknownTemplateText } from './templates.js';

/** Options of {@link parseProgram}; unknown fields are refused. */
export const ParseProgramOptionsSchema = z
  .object({
    /** Name of the document, used in error messages (e.g. a file name). */
    source: NonEmptyString.optional(),
    /** Visit duration in hours per observing template, overriding the built-in assumptions. */
    durations: DurationTableSchema.optional(),
  })
  .strict();

/** The arguments of {@link parseProgram}. */
export const ParseArguments = z.object({ text: z.string(), options: ParseProgramOptionsSchema });

/** What {@link parseProgram} accepts as options. */
export type ParseProgramOptions = z.input<typeof ParseProgramOptionsSchema>;

type Root = MarkdownRoot;
type MdNode = Root | Root['children'][number];
type Table = Extract<MdNode, { type: 'table' }>;
type TableRow = Table['children'][number];

/** The table columns a program must have, by the header text that names them. */
const COLUMNS = { label: 'Label', template: 'Observing Template', target: 'Science Target' } as const;

/** `(N) NAME`: the target number in parentheses, then the name. */
const TARGET_CELL = /^\((\d+)\)\s*(\S.*)$/;

/**
 * Parse a program-information document into a {@link Program}.
 *
 * The document is parsed as Markdown (CommonMark with GFM tables and YAML front matter).
 * The program id is the front matter's `id`, a whole number or a safe name ({@link PROGRAM_ID});
 * the title is the first level-1 heading, less a leading `<id> - `. The observations table is
 * the one table whose header has the columns Label, Observing Template and Science Target (in
 * any order; others are ignored), at the top level. It must be one unbroken block: a second
 * observations table, a row with more or fewer cells than the header, or a table row cut off
 * from it by a blank line, a list, a heading, a quote, a code fence or HTML is an error, so no
 * row is ever dropped silently. Each body row is a visit. Optional columns put the table in
 * APT's terms: `Obs` (or `Observation`), APT's observation number (without it the visits are
 * numbered from 1 in table order, and the program's `numbering` is `row`); `Visit`, the visit
 * number within the observation (1 when absent or empty); `Duration`, the visit's own duration
 * as STScI's schedules give it (`DD/HH:MM:SS`), as `HH:MM:SS` or in hours, instead of its
 * template's. An observation may have several visits, each its own row (`9` visit 1 and
 * `9` visit 2); the same observation and visit number in two rows is an error naming both lines.
 * Errors are InputErrors naming the source, the line and the field.
 *
 * @example
 * ```ts
 * const program = parseProgram(text, { source: 'program-1539.md' });
 * program.visits.length; // 86
 * ```
 */
export function parseProgram(text: string, options: ParseProgramOptions = {}): Program {
  const { source, durations = {} } = options;
  const where = source ?? 'program';
  const tree = readMarkdownTree(text);

  const frontMatter = readFrontMatter(tree, where);
  const heading = tree.children.find((node) => node.type === 'heading' && node.depth === 1);
  const id = readProgramId(frontMatter['id'], where, frontMatterLine(tree));
  const headingText = heading ? textOf(heading).trim() : '';
  const fallbackTitle = typeof frontMatter['program_title'] === 'string' ? frontMatter['program_title'].trim() : '';
  const title = stripIdPrefix(headingText, id) || fallbackTitle;
  if (title === '') {
    throw new InputError(`${where}: title: no "# title" heading and no "program_title" in the front matter`);
  }

  const { visits, numbering } = readObservationsTable(tree, text, where, durations);
  return parseWith(ProgramSchema, { id, title, source, frontMatter, numbering, visits }, '', where);
}

/** The line of the front matter's first key (1 when there is none). */
function frontMatterLine(tree: Root): number {
  const node = tree.children.find((child) => child.type === 'yaml');
  return node?.position ? node.position.start.line + 1 : 1;
}

/**
 * The program id from the front matter: a non-negative whole number (`id: 1539`) or text in
 * the {@link PROGRAM_ID} grammar. YAML reads `true`, `.inf`, `-1` or `1.5` as other things
 * than a program number: each is refused with what YAML made of it.
 */
function readProgramId(value: unknown, where: string, line: number): string {
  const at = `${where} line ${line}: front matter: "id"`;
  if (value === undefined || value === null || value === '') {
    throw new InputError(`${at} is missing; give the program number, e.g. "id: 1539"`);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new InputError(`${at}: ${value} is not a program number (a whole number from 0 up)`);
    }
    return String(value);
  }
  if (typeof value !== 'string') {
    const what = typeof value === 'boolean' ? `the YAML boolean ${value}` : `a YAML ${Array.isArray(value) ? 'list' : typeof value}`;
    throw new InputError(
      `${at}: got ${what}; give a program number or a name of ${PROGRAM_ID_RULE} (quote it if it is a word YAML reads otherwise)`,
    );
  }
  if (!PROGRAM_ID.test(value)) {
    throw new InputError(`${at}: ${JSON.stringify(value)} is not a program id: it names output folders, so it must be ${PROGRAM_ID_RULE}`);
  }
  return value;
}

function readFrontMatter(tree: Root, where: string): Record<string, unknown> {
  const node = tree.children.find((child) => child.type === 'yaml');
  if (node?.type !== 'yaml') return {};
  // The YAML text starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1;
  let data: unknown;
  try {
    data = parseYaml(node.value);
  } catch (error) {
    const line = error instanceof YAMLParseError && error.linePos ? firstLine + error.linePos[0].line - 1 : firstLine;
    throw new InputError(`${where} line ${line}: front matter: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${where} line ${firstLine}: front matter: expected "key: value" pairs`);
  }
  return data as Record<string, unknown>;
}

function stripIdPrefix(heading: string, id: string): string {
  const prefix = new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[-–:]\\s*`);
  return heading.replace(prefix, '').trim();
}

/** The plain text of a node: its literal values and its children's, concatenated. */
function textOf(node: MdNode): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as MdNode[]).map(textOf).join('');
  return '';
}

type TableNode = Extract<MdNode, { type: 'table' }>;

/** Every table of the document, at any depth, in document order, with whether it is at the top level. */
function tablesOf(tree: Root): Array<{ table: TableNode; topLevel: boolean }> {
  const found: Array<{ table: TableNode; topLevel: boolean }> = [];
  const walk = (node: MdNode, depth: number): void => {
    if (node.type === 'table') found.push({ table: node, topLevel: depth === 1 });
    else if ('children' in node) for (const child of node.children as MdNode[]) walk(child, depth + 1);
  };
  walk(tree, 0);
  return found;
}

/** What starts a line that interrupts a table, in words, by the Markdown node that starts there. */
const INTERRUPTION: Readonly<Record<string, string>> = {
  list: 'a list item',
  heading: 'a heading',
  blockquote: 'a quote',
  code: 'a code block',
  html: 'HTML',
  thematicBreak: 'a horizontal rule',
  paragraph: 'a paragraph',
  definition: 'a link definition',
  table: 'another table',
};

/**
 * Whether a line outside every table reads as a row of a table with `columns` cells: after
 * any quote or list markers, it starts with `|`, or it holds at least `columns - 1` pipes
 * that are not escaped (a GFM row may omit its outer pipes).
 */
function looksLikeRow(line: string, columns: number): boolean {
  let rest = line;
  for (;;) {
    const stripped = rest.replace(/^ {0,3}>[ \t]?/, '').replace(/^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+/, '');
    if (stripped === rest) break;
    rest = stripped;
  }
  const trimmed = rest.trim();
  if (trimmed.startsWith('|')) return true;
  const pipes = trimmed.match(/(?<!\\)\|/g)?.length ?? 0;
  return columns >= 2 && pipes >= columns - 1;
}

/**
 * The observations table: the one table whose header has the columns Label, Observing
 * Template and Science Target. It must be one unbroken block at the top level: every row
 * with as many cells as the header, no second observations table, and no line after it
 * that reads as a table row (one a blank line, a list, a heading, a quote, a code fence or
 * HTML cut off from the table). Each refusal names the line.
 */
function readObservationsTable(
  tree: Root,
  text: string,
  where: string,
  durations: Record<string, number>,
): { visits: Visit[]; numbering: 'apt' | 'row' } {
  const { table, tables } = observationsTableOf(tree, where);
  const [header, ...rows] = table.children;
  const headerLine = lineOf(header!);
  const columns = columnsOf(header!, headerLine, where);
  for (const row of rows) {
    if (row.children.length !== columns.count) {
      throw new InputError(
        `${where} line ${lineOf(row)}: the row has ${row.children.length} cell${row.children.length === 1 ? '' : 's'}, the header (line ${headerLine}) has ${columns.count}; ` +
          'a line that is not a row cannot stand inside the table (escape a "|" inside a cell as "\\|")',
      );
    }
  }
  checkNothingAfter(tree, text, where, table, tables, columns.count, columns.target);
  if (rows.length === 0) {
    throw new InputError(`${where} line ${headerLine}: the observations table has no rows`);
  }

  checkNothingAfter(tree, text, where, table, tables, columns.count, columns.target);
  if (rows.length === 0) {
    throw new InputError(`${where} line ${headerLine}: the observations table has no rows`);
  }
  const idLines = new Map<string, number>();
  const visits = rows.map((row, index) => visitOfRow(row, index, columns, where, durations, idLines));
  return { visits, numbering: columns.obs ? 'apt' : 'row' };
}

/** The line a node of the Markdown tree starts on (0 when it has no position). */
const lineOf = (node: { position?: { start: { line: number } } | undefined }): number => node.position?.start.line ?? 0;

/** The one observations table of a document, at the top level, and every table (for the check of what follows it). */
function observationsTableOf(tree: Root, where: string): { table: Table; tables: ReturnType<typeof tablesOf> } {
  const tables = tablesOf(tree);
  const observations = tables.filter(({ table }) => {
    const header = table.children[0];
    if (!header) return false;
    const cells = new Set(header.children.map((cell) => textOf(cell).trim().toLowerCase()));
    return Object.values(COLUMNS).every((name) => cells.has(name.toLowerCase()));
  });
  const [first, second] = observations;
  if (first === undefined) {
    throw new InputError(
      `${where}: no observations table: expected a Markdown table with the columns ${Object.values(COLUMNS).join(' | ')}`,
    );
  }
  if (second !== undefined) {
    throw new InputError(
      `${where} line ${lineOf(second.table)}: a second observations table (the first starts at line ${lineOf(first.table)}); a program holds one table: merge them into one`,
    );
  }
  const table = first.table;
  if (!first.topLevel) {
    throw new InputError(
      `${where} line ${lineOf(table)}: the observations table is inside a quote or a list; write it at the top level, under its heading`,
    );
  }
  return { table, tables };
}

/** Where each column of the observations table is: the three it must have and the optional ones. */
interface TableColumns {
  readonly count: number;
  readonly label: number;
  readonly template: number;
  readonly target: number;
  readonly obs: { index: number; name: string } | undefined;
  readonly visit: { index: number; name: string } | undefined;
  readonly duration: { index: number; name: string } | undefined;
}

/** The columns of the observations table, from its header; a column named twice is refused. */
function columnsOf(header: TableRow, headerLine: number, where: string): TableColumns {
  const headerCells = header.children.map((cell) => textOf(cell).trim().toLowerCase());
  const column = (name: string): number => {
    const index = headerCells.indexOf(name.toLowerCase());
    if (headerCells.lastIndexOf(name.toLowerCase()) !== index) {
      throw new InputError(`${where} line ${headerLine}: the header names the column "${name}" twice`);
    }
    return index;
  };
  const optional = (names: readonly string[]): { index: number; name: string } | undefined => {
    const found = names.map((name) => ({ name, index: column(name) })).filter((entry) => entry.index >= 0);
    if (found.length > 1)
      throw new InputError(
        `${where} line ${headerLine}: the header names the columns "${found[0]!.name}" and "${found[1]!.name}"; give the observation number once`,
      );
    return found[0];
  };
  const label = column(COLUMNS.label);
  const template = column(COLUMNS.template);
  const target = column(COLUMNS.target);
  const obsColumn = optional(OBS_COLUMNS);
  const visitColumn = optional(['Visit']);
  const durationColumn = optional(['Duration']);
  if (visitColumn && !obsColumn) {
    throw new InputError(
      `${where} line ${headerLine}: a "Visit" column needs an "Obs" column: a visit number counts within an observation`,
    );
  }
  return {
    count: headerCells.length,
    label,
    template,
    target,
    obs: obsColumn,
    visit: visitColumn,
    duration: durationColumn,
  };
}

/** One row of the observations table as a visit; `idLines` holds the line of each visit id read so far. */
function visitOfRow(
  row: TableRow,
  index: number,
  columns: TableColumns,
  where: string,
  durations: Record<string, number>,
  idLines: Map<string, number>,
): Visit {
  const line = lineOf(row);
  const at = `${where} line ${line}`;
  const cell = (columnIndex: number): string => {
    const found = row.children[columnIndex];
    return found ? textOf(found).trim() : '';
  };
  const label = cell(columns.label);
  const template = cell(columns.template);
  const targetText = cell(columns.target);
  const match = TARGET_CELL.exec(targetText);
  if (!match) {
    throw new InputError(`${at}: ${COLUMNS.target}: expected "(N) NAME", e.g. "(1) BD+60-1753", got "${targetText}"`);
  }
  const ownDuration = columns.duration ? readDuration(cell(columns.duration.index), `${at}: ${columns.duration.name}`) : undefined;
  const durationMs = ownDuration ?? durationOfTemplate(template, durations);
  if (template !== '' && durationMs === undefined) {
    throw new InputError(
      `${at}: ${COLUMNS.template}: ${unknownTemplateText(template, durations)}; or give its duration with the durations option (--durations FILE on the command line), e.g. { "${template}": 1.5 } (hours), or in a Duration column`,
    );
  }
  const observation = columns.obs ? readCount(cell(columns.obs.index), `${at}: ${columns.obs.name}`, 'an observation number') : index + 1;
  const visitNumber = columns.visit ? readCount(cell(columns.visit.index), `${at}: Visit`, 'a visit number', 1) : 1;
  const key = visitKey({ observation, visit: visitNumber });
  const earlier = idLines.get(key);
  if (earlier !== undefined) {
    throw new InputError(
      `${at}: observation ${observation} visit ${visitNumber} is also the row of line ${earlier}; each row is its own visit`,
    );
  }
  idLines.set(key, line);
  const candidate = {
    observation,
    visit: visitNumber,
    label,
    template,
    instrument: instrumentOf(template),
    targetNumber: Number(match[1]),
    target: match[2]!.trim(),
    durationMs,
    line,
  };
  const result = VisitSchema.safeParse(candidate);
  if (!result.success) {
    const fieldNames: Record<string, string> = {
      label: COLUMNS.label,
      template: COLUMNS.template,
      instrument: COLUMNS.template,
      targetNumber: COLUMNS.target,
      target: COLUMNS.target,
    };
    const detail = result.error.issues
      .map((issue) => {
        const key = String(issue.path[0] ?? 'row');
        return `${fieldNames[key] ?? key}: ${issue.message}`;
      })
      .join('; ');
    throw new InputError(`${at}: ${detail}`);
  }
  return result.data;
}

/** Header names of the optional observation-number column (APT's numbers). */
const OBS_COLUMNS = ['Obs', 'Observation'] as const;

/**
 * A whole number from 1 in a table cell (an observation or a visit number); an empty cell is
 * `empty` when one is given, else an error.
 */
function readCount(text: string, at: string, what: string, empty?: number): number {
  if (text === '' && empty !== undefined) return empty;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    throw new InputError(`${at}: expected ${what} (a whole number from 1), got ${text === '' ? 'an empty cell' : `"${text}"`}`);
  }
  return Number(text);
}

/** `DD/HH:MM:SS` (as STScI's observing schedules give a visit's duration), `HH:MM:SS`, or hours. */
const CLOCK = /^(?:(\d{1,3})\/)?(\d{1,4}):([0-5]\d):([0-5]\d(?:\.\d+)?)$/;

/**
 * A visit's own duration, ms, from a Duration cell: `DD/HH:MM:SS` as STScI publishes it
 * (`00/00:21:39`), `HH:MM:SS`, or decimal hours (`0.36`). An empty cell is `undefined` (the
 * template's duration applies).
 */
function readDuration(text: string, at: string): number | undefined {
  if (text === '') return undefined;
  const clock = CLOCK.exec(text);
  let ms: number;
  if (clock) {
    ms = ((Number(clock[1] ?? 0) * 24 + Number(clock[2])) * 3600 + Number(clock[3]) * 60 + Number(clock[4])) * 1000;
  } else if (/^\d+(?:\.\d+)?$|^\.\d+$/.test(text)) {
    ms = Number(text) * MS_PER_HOUR;
  } else {
    throw new InputError(`${at}: expected a duration as DD/HH:MM:SS (00/00:21:39), HH:MM:SS (00:21:39) or hours (0.36), got "${text}"`);
  }
  if (!(ms > 0)) throw new InputError(`${at}: "${text}" is no time; a visit lasts more than 0`);
  if (ms > MAX_VISIT_DURATION_MS) throw new InputError(`${at}: "${text}" is longer than 366 days, the longest visit a program may hold`);
  return ms;
}

/**
 * Refuse any line after the observations table that reads as a table row but belongs to no
 * table: a row cut off from the table by a blank line, a list, a heading, a quote, a code
 * fence or HTML, which Markdown would otherwise read as something else and drop from the
 * program silently. Names the row's line and what interrupted the table.
 */
function checkNothingAfter(
  tree: Root,
  text: string,
  where: string,
  table: TableNode,
  tables: ReadonlyArray<{ table: TableNode }>,
  columns: number,
  targetColumn: number,
): void {
  const endLine = table.position?.end.line ?? 0;
  const lines = text.split(/\r\n|\r|\n/);
  // Lines of the document's other tables (not observations tables: there is only one), one
  // flag a line. A table whose header reads as an observation row (its Science Target cell is
  // "(N) NAME") is a piece cut off the observations table: its header is a lost row.
  const inOtherTable = new Uint8Array(lines.length + 2);
  for (const { table: other } of tables) {
    if (other === table) continue;
    const otherHeader = other.children[0];
    const targetCell = otherHeader?.children[targetColumn];
    const cutOff =
      otherHeader !== undefined &&
      otherHeader.children.length === columns &&
      targetCell !== undefined &&
      TARGET_CELL.test(textOf(targetCell).trim());
    if (cutOff && (other.position?.start.line ?? 0) > endLine) continue;
    for (let line = other.position?.start.line ?? 1; line <= (other.position?.end.line ?? 0); line += 1) inOtherTable[line] = 1;
  }
  for (let line = endLine + 1; line <= lines.length; line += 1) {
    if (inOtherTable[line] === 1 || !looksLikeRow(lines[line - 1]!, columns)) continue;
    const next = lines[endLine] ?? '';
    const node = tree.children.find((child) => child.position?.start.line === endLine + 1);
    const what = next.trim() === '' ? 'a blank line' : node ? (INTERRUPTION[node.type] ?? node.type) : 'a line that is not a row';
    throw new InputError(
      `${where} line ${line}: this table row is not part of the observations table, which ends at line ${endLine} (${what} at line ${endLine + 1} interrupts it); ` +
        'keep the table one unbroken block of rows, or remove the row',
    );
  }
}
