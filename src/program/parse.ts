/**
 * Read a program-information document: YAML front matter, a `# title` heading and a GFM
 * observations table with the columns Label | Observing Template | Science Target.
 * @module
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ProgramSchema, VisitSchema, type Program, type Visit } from './program.js';
import { instrumentOfTemplate, templateDurationMs } from './templates.js';
import { InputError } from '../errors.js';

/** Options of {@link parseProgram}. */
export const ParseProgramOptionsSchema = z.object({
  /** Name of the document, used in error messages (e.g. a file name). */
  source: z.string().optional(),
  /** Visit duration in hours per observing template, overriding the built-in assumptions. */
  durations: z.record(z.string(), z.number().finite().positive()).optional(),
});

/** What {@link parseProgram} accepts as options. */
export type ParseProgramOptions = z.input<typeof ParseProgramOptionsSchema>;

type Root = ReturnType<typeof fromMarkdown>;
type MdNode = Root | Root['children'][number];

/** The table columns a program must have, by the header text that names them. */
const COLUMNS = { label: 'Label', template: 'Observing Template', target: 'Science Target' } as const;

/** `(N) NAME`: the target number in parentheses, then the name. */
const TARGET_CELL = /^\((\d+)\)\s*(\S.*)$/;

/**
 * Parse a program-information document into a {@link Program}.
 *
 * The document is parsed as Markdown (CommonMark with GFM tables and YAML front matter).
 * The program id is the front matter's `id`; the title is the first level-1 heading, less
 * a leading `<id> - `. The observations table is the first table whose header has the
 * columns Label, Observing Template and Science Target (in any order; others are ignored).
 * Each body row is a visit, numbered from 1 in table order. Errors are InputErrors naming
 * the source, the line and the field.
 *
 * @example
 * ```ts
 * const program = parseProgram(text, { source: 'program-1539.md' });
 * program.visits.length; // 86
 * ```
 */
export function parseProgram(text: string, options: ParseProgramOptions = {}): Program {
  const { source, durations = {} } = ParseProgramOptionsSchema.parse(options);
  const where = source ?? 'program';
  const tree = fromMarkdown(text, {
    extensions: [gfmTable(), frontmatter(['yaml'])],
    mdastExtensions: [gfmTableFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });

  const frontMatter = readFrontMatter(tree, where);
  const heading = tree.children.find((node) => node.type === 'heading' && node.depth === 1);
  const idValue = frontMatter['id'];
  const id = typeof idValue === 'number' || typeof idValue === 'string' ? String(idValue).trim() : '';
  if (id === '') {
    throw new InputError(`${where} line 1: front matter: "id" is missing; give the program number, e.g. "id: 1539"`);
  }
  const headingText = heading ? textOf(heading).trim() : '';
  const fallbackTitle = typeof frontMatter['program_title'] === 'string' ? frontMatter['program_title'].trim() : '';
  const title = stripIdPrefix(headingText, id) || fallbackTitle;
  if (title === '') {
    throw new InputError(`${where}: title: no "# title" heading and no "program_title" in the front matter`);
  }

  const visits = readObservationsTable(tree, where, durations);
  const program = ProgramSchema.parse({ id, title, source, frontMatter, visits });
  return program;
}

function readFrontMatter(tree: Root, where: string): Record<string, unknown> {
  const node = tree.children.find((child) => child.type === 'yaml');
  if (!node || node.type !== 'yaml') return {};
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

function readObservationsTable(tree: Root, where: string, durations: Record<string, number>): Visit[] {
  for (const node of tree.children) {
    if (node.type !== 'table') continue;
    const [header, ...rows] = node.children;
    if (!header) continue;
    const headerCells = header.children.map((cell) => textOf(cell).trim().toLowerCase());
    const column = (name: string): number => headerCells.indexOf(name.toLowerCase());
    const labelColumn = column(COLUMNS.label);
    const templateColumn = column(COLUMNS.template);
    const targetColumn = column(COLUMNS.target);
    if (labelColumn < 0 || templateColumn < 0 || targetColumn < 0) continue;
    if (rows.length === 0) {
      throw new InputError(`${where} line ${header.position?.start.line ?? 0}: the observations table has no rows`);
    }

    return rows.map((row, index) => {
      const line = row.position?.start.line ?? 0;
      const at = `${where} line ${line}`;
      const cell = (columnIndex: number): string => {
        const found = row.children[columnIndex];
        return found ? textOf(found).trim() : '';
      };
      const label = cell(labelColumn);
      const template = cell(templateColumn);
      const targetText = cell(targetColumn);
      const match = TARGET_CELL.exec(targetText);
      if (!match) {
        throw new InputError(
          `${at}: ${COLUMNS.target}: expected "(N) NAME", e.g. "(1) BD+60-1753", got "${targetText}"`,
        );
      }
      const durationMs = templateDurationMs(template, durations);
      if (template !== '' && durationMs === undefined) {
        throw new InputError(
          `${at}: ${COLUMNS.template}: no duration is known for "${template}"; give one with the durations option (--durations FILE on the command line), e.g. { "${template}": 1.5 } (hours)`,
        );
      }
      const candidate = {
        observation: index + 1,
        label,
        template,
        instrument: instrumentOfTemplate(template),
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
    });
  }
  throw new InputError(
    `${where}: no observations table: expected a Markdown table with the columns ${Object.values(COLUMNS).join(' | ')}`,
  );
}
