/**
 * JWST's published observing schedule: STScI's weekly "JWST Science Observing Schedule"
 * reports, read as published (fixed-width text) or as the same columns in CSV, merged over
 * many reports, and kept to one program's prime visits.
 *
 * The text layout (STScI, science execution pages, "Observing Schedules"): a title block, a
 * header line naming the columns, a line of dashes whose runs mark each column's extent, then
 * one row a visit. Columns are found from the header and the dash line, never at fixed
 * offsets: a value starts where its column's dashes start, and the character before a
 * column is blank. Lines that continue a row follow it: a second target name of the visit
 * (every column but the target's, the category and the keywords blank), and parallel visits
 * (a VISIT TYPE containing PARALLEL, start `^ATTACHED TO PRIME^`, no duration; coordinated
 * parallels have no VISIT ID). Parallels are not the program's prime visits and are passed
 * over.
 *
 * Merging: a report covers the time from its first visit's start to its last visit's end (all
 * programs' prime visits count). Reports are taken in order of the start of what they cover
 * (reports that start together, in the order given); a later report supersedes the earlier
 * ones over the time it covers. A visit an earlier report listed, whose start a later report
 * covers without listing it, is dropped, and the result's notes say so; a visit listed again
 * is taken as the later report lists it.
 * @module
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { formatInstant } from '../time/instant.js';

/** One prime visit of a published schedule, as the report lists it. */
export interface PublishedVisit {
  /** STScI's VISIT ID, `program:observation:visit` (APT's numbers). */
  readonly visitId: string;
  readonly program: string;
  /** APT's observation number. */
  readonly observation: number;
  /** APT's visit number within the observation. */
  readonly visit: number;
  /** PCS MODE (FINEGUIDE, MOVING, ...). */
  readonly pcsMode: string;
  /** VISIT TYPE (e.g. PRIME TARGETED FIXED). */
  readonly visitType: string;
  /** SCHEDULED START TIME, ms. */
  readonly startMs: number;
  /** DURATION, ms. */
  readonly durationMs: number;
  /** Start plus duration, ms. */
  readonly endMs: number;
  /** SCIENCE INSTRUMENT AND MODE: the APT template's name. */
  readonly template: string;
  /** The visit's target: the first TARGET NAME. */
  readonly target: string;
  /** Every TARGET NAME of the visit, the first one first (a second one from a continuation line). */
  readonly targets: readonly string[];
  readonly category: string;
  readonly keywords: string;
  /** Where the row was read: the file (and, in a CSV, the report named by its `report` column). */
  readonly source: string;
  /** Line of the row in the file, 1-based. */
  readonly line: number;
}

/** One report as read: every program's prime visits, and the time the report covers. */
export interface ScheduleReport {
  /** The file, or `file (report R)` for a CSV's group of rows named by its `report` column. */
  readonly source: string;
  /** Prime visits of every program, in the report's order. */
  readonly visits: readonly PublishedVisit[];
  /** From the first visit's start to the last visit's end; undefined when the report lists no visit. */
  readonly covers: { readonly startMs: number; readonly endMs: number } | undefined;
}

/** One program's visits from one or more reports, merged. */
export interface PublishedSchedule {
  readonly program: string;
  /** The program's prime visits, by start. */
  readonly visits: readonly PublishedVisit[];
  /** What the merge did that a reader should know: visits a later report dropped or moved. */
  readonly notes: readonly string[];
  /** The reports read, in the order they were merged. */
  readonly reports: readonly {
    readonly source: string;
    readonly covers: { readonly startMs: number; readonly endMs: number } | undefined;
    readonly visits: number;
  }[];
}

/** A report file: its name (for messages) and its text. */
export interface ScheduleFile {
  readonly name: string;
  readonly text: string;
}

/** The columns, by their names in the report's header (CSV: the same in lower case, `_` for spaces). */
const COLUMNS = {
  visitId: 'VISIT ID',
  pcsMode: 'PCS MODE',
  visitType: 'VISIT TYPE',
  start: 'SCHEDULED START TIME',
  duration: 'DURATION',
  template: 'SCIENCE INSTRUMENT AND MODE',
  target: 'TARGET NAME',
  category: 'CATEGORY',
  keywords: 'KEYWORDS',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['visitId', 'pcsMode', 'visitType', 'start', 'duration', 'template', 'target'];
const COLUMN_OF_NAME = new Map<string, Column>(Object.entries(COLUMNS).map(([key, name]) => [name, key as Column]));

/** The start of a parallel visit, which runs with the prime one before it. */
const ATTACHED = '^ATTACHED TO PRIME^';
const VISIT_ID = /^(\d{1,6}):(\d{1,5}):(\d{1,5})$/;
/** `2023-01-05T07:14:23Z`, as published (seconds, UTC). */
const START = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$/;
/** `DD/HH:MM:SS`, as published. */
const DURATION = /^(\d{2,3})\/(\d\d):(\d\d):(\d\d)$/;

type Fields = Partial<Record<Column, string>>;

/** The program ids STScI uses: whole numbers. */
const ProgramIdSchema = z.string().regex(/^\d{1,6}$/, 'expected a JWST program id, a whole number such as 1539');
export const ReportArguments = z.object({
  text: z.string(),
  source: z.string().min(1, 'expected the name of the file, to start messages'),
});
export const ScheduleArguments = z.object({
  files: z
    .array(z.object({ name: z.string().min(1, 'expected the name of the file, to start messages'), text: z.string() }).strict())
    .min(1, 'expected at least one report'),
  program: ProgramIdSchema,
});

/** Parse a row's start and duration, or throw naming where. */
function timesOf(fields: Fields, here: string): { startMs: number; durationMs: number } {
  const start = fields.start ?? '';
  const match = START.exec(start);
  if (!match) throw new InputError(`${here}: SCHEDULED START TIME "${start}" is not a UTC instant such as 2023-01-05T07:14:23Z`);
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const startMs = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(startMs);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59 || back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) {
    throw new InputError(`${here}: SCHEDULED START TIME "${start}" is not a date and time of the calendar`);
  }
  const duration = fields.duration ?? '';
  const parts = DURATION.exec(duration);
  if (!parts) throw new InputError(`${here}: DURATION "${duration}" is not DD/HH:MM:SS, such as 00/00:22:38`);
  const [dd, hh, mm, ss] = parts.slice(1).map(Number) as [number, number, number, number];
  if (hh > 23 || mm > 59 || ss > 59)
    throw new InputError(`${here}: DURATION "${duration}" has hours over 23, or minutes or seconds over 59`);
  const durationMs = (((dd * 24 + hh) * 60 + mm) * 60 + ss) * 1000;
  if (durationMs <= 0) throw new InputError(`${here}: DURATION "${duration}" is zero; a visit takes time`);
  return { startMs, durationMs };
}

/** A prime row, checked whole; throws naming the file, the line and the column. */
function primeVisit(fields: Fields, source: string, line: number, here: string): PublishedVisit {
  const id = VISIT_ID.exec(fields.visitId ?? '');
  if (!id) throw new InputError(`${here}: VISIT ID "${fields.visitId ?? ''}" is not program:observation:visit, such as 1539:29:1`);
  for (const column of ['pcsMode', 'template', 'target'] as const) {
    if (!fields[column]) throw new InputError(`${here}: ${COLUMNS[column]} is empty`);
  }
  const { startMs, durationMs } = timesOf(fields, here);
  const observation = Number(id[2]);
  const visit = Number(id[3]);
  if (observation < 1 || visit < 1) throw new InputError(`${here}: VISIT ID "${fields.visitId}" has a number 0; APT counts from 1`);
  const targets = fields.target!.split(', ').map((name) => name.trim());
  if (targets.some((name) => name === '')) throw new InputError(`${here}: TARGET NAME "${fields.target}" has an empty name`);
  return {
    visitId: `${Number(id[1])}:${observation}:${visit}`,
    program: String(Number(id[1])),
    observation,
    visit,
    pcsMode: fields.pcsMode!,
    visitType: fields.visitType!,
    startMs,
    durationMs,
    endMs: startMs + durationMs,
    template: fields.template!,
    target: targets[0]!,
    targets,
    category: fields.category ?? '',
    keywords: fields.keywords ?? '',
    source,
    line,
  };
}

/** Whether a VISIT TYPE is a parallel visit's. */
const isParallel = (visitType: string): boolean => /\bPARALLEL\b/.test(visitType);

/**
 * Read rows into a report, in order: prime rows become visits, continuation lines add a target
 * name to the visit before them, parallels are checked and passed over. Anything else is
 * refused naming the line.
 */
function readRows(rows: readonly { fields: Fields; line: number }[], source: string): PublishedVisit[] {
  const visits: PublishedVisit[] = [];
  const seen = new Map<string, number>();
  let last: { visit: PublishedVisit; index: number } | undefined;
  for (const { fields, line } of rows) {
    const here = `${source} line ${line}`;
    const visitType = fields.visitType ?? '';
    if (isParallel(visitType)) {
      // A parallel runs with the prime visit before it: it has no start or duration of its own.
      if (!last) throw new InputError(`${here}: a parallel visit with no prime visit before it`);
      if (fields.start && fields.start !== ATTACHED)
        throw new InputError(`${here}: a parallel visit's SCHEDULED START TIME is "${ATTACHED}", not "${fields.start}"`);
      if (fields.duration) throw new InputError(`${here}: a parallel visit has no DURATION of its own ("${fields.duration}")`);
      if (fields.visitId && !VISIT_ID.test(fields.visitId))
        throw new InputError(`${here}: VISIT ID "${fields.visitId}" is not program:observation:visit`);
      continue;
    }
    if (!fields.visitId) {
      // A continuation line: another target of the visit before it, nothing else.
      const other = (['pcsMode', 'visitType', 'start', 'duration', 'template'] as const).find((column) => fields[column]);
      if (other !== undefined)
        throw new InputError(
          `${here}: ${COLUMNS[other]} is filled but VISIT ID is empty; a line that continues a visit only names another target`,
        );
      if (!fields.target) throw new InputError(`${here}: a line with neither a VISIT ID nor a TARGET NAME`);
      if (!last) throw new InputError(`${here}: a second target name with no visit before it`);
      const visit = { ...last.visit, targets: [...last.visit.targets, fields.target] };
      visits[last.index] = visit;
      last = { visit, index: last.index };
      continue;
    }
    if (fields.start === ATTACHED)
      throw new InputError(`${here}: "${ATTACHED}" on a visit of type "${visitType}"; only parallel visits are attached`);
    if (!/^PRIME\b/.test(visitType)) throw new InputError(`${here}: VISIT TYPE "${visitType}" is neither PRIME nor PARALLEL`);
    const visit = primeVisit(fields, source, line, here);
    const before = seen.get(visit.visitId);
    if (before !== undefined) throw new InputError(`${here}: visit ${visit.visitId} is listed twice in one report (also line ${before})`);
    seen.set(visit.visitId, line);
    visits.push(visit);
    last = { visit, index: visits.length - 1 };
  }
  return visits;
}

/** The extent of each column: where its dashes start, and where the next column starts. */
interface Extent {
  readonly column: Column | undefined;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Columns from a header line and its dash line; throws naming the lines. */
function extentsOf(header: string, dashes: string, source: string, headerLine: number): Extent[] {
  const runs: { start: number; end: number }[] = [];
  for (const match of dashes.matchAll(/-+/g)) runs.push({ start: match.index, end: match.index + match[0].length });
  const extents = runs.map((run, index) => {
    const name = header.slice(run.start, index + 1 < runs.length ? runs[index + 1]!.start : undefined).trim();
    return { column: COLUMN_OF_NAME.get(name), name, start: run.start, end: index + 1 < runs.length ? runs[index + 1]!.start : Infinity };
  });
  const found = new Set(extents.map((extent) => extent.column));
  const missing = REQUIRED.filter((column) => !found.has(column));
  if (missing.length > 0) {
    throw new InputError(
      `${source} line ${headerLine}: the header has no ${missing.map((column) => COLUMNS[column]).join(', ')} column over the dashes below it ` +
        `(found: ${extents.map((extent) => extent.name || '(blank)').join(', ')})`,
    );
  }
  const twice = extents.find(
    (extent, index) => extent.column !== undefined && extents.findIndex((other) => other.column === extent.column) !== index,
  );
  if (twice) throw new InputError(`${source} line ${headerLine}: the column ${twice.name} appears twice`);
  return extents;
}

/** Cut a row into its columns; throws naming the line when a value does not sit in its column. */
function cutRow(text: string, extents: readonly Extent[], here: string): Fields {
  const fields: Fields = {};
  for (const extent of extents) {
    if (extent.start > 0 && extent.start <= text.length && text[extent.start - 1] !== ' ') {
      throw new InputError(
        `${here}: the text at character ${extent.start} runs into the column ${extent.name}; every value sits inside its column's dashes`,
      );
    }
    const cell = text.slice(extent.start, extent.end === Infinity ? undefined : extent.end);
    const value = cell.trim();
    if (value !== '' && cell[0] === ' ') {
      throw new InputError(
        `${here}: the value "${value}" of ${extent.name} does not start where its column starts (character ${extent.start + 1}); the columns are shifted`,
      );
    }
    if (extent.column !== undefined && value !== '') fields[extent.column] = value;
  }
  return fields;
}

/** Whether the text is CSV: its first line that is not blank names columns with commas. */
function isCsv(text: string): boolean {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return first.includes(',') && /visit[ _]id/i.test(first);
}

/** A text report: its rows (every program), one report. */
function readTextReport(text: string, source: string): ScheduleReport {
  const lines = text.split(/\r?\n/);
  let extents: Extent[] | undefined;
  const rows: { fields: Fields; line: number }[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const number = index + 1;
    if (/\bVISIT ID\b/.test(line) && /SCHEDULED START TIME/.test(line)) {
      // A header, then its dash line (a report may repeat the header).
      const dashes = lines[index + 1] ?? '';
      if (!/^[-\s]+$/.test(dashes) || !dashes.includes('-'))
        throw new InputError(
          `${source} line ${number + 1}: expected the line of dashes under the header, got "${dashes.trim().slice(0, 40)}"`,
        );
      extents = extentsOf(line, dashes, source, number);
      index += 1;
      continue;
    }
    if (line.trim() === '') continue;
    if (!extents) continue; // the title block
    if (line.includes('\t')) throw new InputError(`${source} line ${number}: a tab character; the report's columns are spaces`);
    rows.push({ fields: cutRow(line, extents, `${source} line ${number}`), line: number });
  }
  if (!extents)
    throw new InputError(`${source}: no header line naming VISIT ID ... SCHEDULED START TIME; not a JWST observing schedule report`);
  return reportOf(readRows(rows, source), source);
}

function reportOf(visits: readonly PublishedVisit[], source: string): ScheduleReport {
  if (visits.length === 0) return { source, visits, covers: undefined };
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const visit of visits) {
    startMs = Math.min(startMs, visit.startMs);
    endMs = Math.max(endMs, visit.endMs);
  }
  return { source, visits, covers: { startMs, endMs } };
}

/** A CSV of the same columns: one report, or one a value of its `report` column. */
function readCsvReports(text: string, source: string): ScheduleReport[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parseCsv(text, {
      columns: (header: string[]) =>
        header.map((name) =>
          name
            .trim()
            .toLowerCase()
            .replace(/[\s_]+/g, '_'),
        ),
      skip_empty_lines: true,
      info: true,
    }) as typeof records;
  } catch (error) {
    throw new InputError(`${source}: not valid CSV (${(error as Error).message})`);
  }
  const header = records.length > 0 ? Object.keys(records[0]!.record) : [];
  const keyOf = (column: Column): string => COLUMNS[column].toLowerCase().replace(/ /g, '_');
  const missing = REQUIRED.filter((column) => records.length > 0 && !header.includes(keyOf(column)));
  if (missing.length > 0)
    throw new InputError(`${source} line 1: the header has no ${missing.map(keyOf).join(', ')} column (found: ${header.join(', ')})`);
  const groups = new Map<string, { fields: Fields; line: number }[]>();
  for (const { record, info } of records) {
    const fields: Fields = {};
    for (const column of Object.keys(COLUMNS) as Column[]) {
      const value = (record[keyOf(column)] ?? '').trim();
      if (value !== '') fields[column] = value;
    }
    const group = (record.report ?? '').trim();
    const rows = groups.get(group) ?? [];
    if (rows.length === 0) groups.set(group, rows);
    rows.push({ fields, line: info.lines });
  }
  return [...groups].map(([group, rows]) => {
    const name = group === '' ? source : `${source} (report ${group})`;
    const visits = readRows(rows, source).map((visit) => ({ ...visit, source: name }));
    return reportOf(visits, name);
  });
}

/**
 * Read one observing schedule report: the text as STScI publishes it, or a CSV of the same
 * columns (header `visit_id,pcs_mode,visit_type,scheduled_start_time,duration,
 * science_instrument_and_mode,target_name[,category][,keywords][,report]`; a `report` column
 * splits the file into one report a value). Every program's prime visits are kept, with the
 * time each report covers. Every row is checked: one that cannot be read is refused with an
 * InputError naming the file and the line (a visit id, start or duration that is not as
 * published, a value outside its column, a visit listed twice).
 *
 * @param text - the file's contents.
 * @param source - the file's name, to start messages.
 * @example
 * ```ts
 * const text = [
 *   'JWST Science Observing Schedule',
 *   '',
 *   'VISIT ID    PCS MODE   VISIT TYPE            SCHEDULED START TIME  DURATION     SCIENCE INSTRUMENT AND MODE  TARGET NAME',
 *   '----------  ---------  --------------------  --------------------  -----------  ---------------------------  -----------',
 *   '1539:29:1   FINEGUIDE  PRIME TARGETED FIXED  2023-01-05T07:14:23Z  00/00:22:38  NIRCam Engineering Imaging   BD+60-1753',
 * ].join('\n');
 * const [report] = readScheduleReports(text, 'report.txt');
 * report!.visits[0]!.durationMs; // 1358000: 22 min 38 s
 * ```
 */
export function readScheduleReports(text: string, source: string): ScheduleReport[] {
  return isCsv(text) ? readCsvReports(text, source) : [readTextReport(text, source)];
}

/**
 * Read one program's visits from one or more observing schedule reports (text as published,
 * or CSV; see {@link readScheduleReports}) and merge them: reports in order of the time they
 * cover (ties in the order given), a later one superseding the earlier ones over its time. A
 * visit a later report covers but no longer lists is dropped, and `notes` says so; a visit
 * listed again is taken from the later report. Only the program's prime visits are kept.
 *
 * @param files - the reports, each `{ name, text }`.
 * @param program - the program id, e.g. `1539`: a report lists every program.
 * @example
 * ```ts
 * const head = 'VISIT ID    PCS MODE   VISIT TYPE            SCHEDULED START TIME  DURATION     SCIENCE INSTRUMENT AND MODE  TARGET NAME\n' +
 *   '----------  ---------  --------------------  --------------------  -----------  ---------------------------  -----------\n';
 * const week1 = head + '1539:29:1   FINEGUIDE  PRIME TARGETED FIXED  2023-01-05T07:14:23Z  00/00:22:38  NIRCam Engineering Imaging   BD+60-1753\n';
 * const week2 = head + '1539:30:1   FINEGUIDE  PRIME TARGETED FIXED  2023-01-12T07:42:55Z  00/00:19:53  NIRCam Imaging               BD+60-1753\n';
 * const plan = readPublishedSchedule([{ name: 'a.txt', text: week1 }, { name: 'b.txt', text: week2 }], '1539');
 * plan.visits.map((visit) => visit.visitId); // ['1539:29:1', '1539:30:1']
 * ```
 */
export function readPublishedSchedule(files: readonly ScheduleFile[], program: string): PublishedSchedule {
  const wanted = String(Number(program));
  const reports = files
    .flatMap((file, order) => readScheduleReports(file.text, file.name).map((report) => ({ report, order })))
    .sort((a, b) => (a.report.covers?.startMs ?? Infinity) - (b.report.covers?.startMs ?? Infinity) || a.order - b.order)
    .map(({ report }) => report);
  const notes: string[] = [];
  let kept = new Map<string, PublishedVisit>();
  for (const report of reports) {
    const mine = report.visits.filter((visit) => visit.program === wanted && /^PRIME\b/.test(visit.visitType));
    const listed = new Set(mine.map((visit) => visit.visitId));
    if (report.covers) {
      const { startMs, endMs } = report.covers;
      const next = new Map<string, PublishedVisit>();
      for (const [id, visit] of kept) {
        if (visit.startMs >= startMs && visit.startMs < endMs && !listed.has(id)) {
          notes.push(
            `${id} (${visit.target}, ${formatInstant(visit.startMs)}, ${visit.source} line ${visit.line}) dropped: ${report.source}, ` +
              `which covers ${formatInstant(startMs)} to ${formatInstant(endMs)}, no longer lists it`,
          );
          continue;
        }
        next.set(id, visit);
      }
      kept = next;
    }
    for (const visit of mine) {
      const before = kept.get(visit.visitId);
      if (before && before.startMs !== visit.startMs) {
        notes.push(
          `${visit.visitId} moved from ${formatInstant(before.startMs)} (${before.source}) to ${formatInstant(visit.startMs)} (${visit.source} line ${visit.line})`,
        );
      }
      kept.set(visit.visitId, visit);
    }
  }
  const visits = [...kept.values()].sort((a, b) => a.startMs - b.startMs || a.observation - b.observation || a.visit - b.visit);
  return {
    program: wanted,
    visits,
    notes,
    reports: reports.map((report) => ({
      source: report.source,
      covers: report.covers,
      visits: report.visits.filter((visit) => visit.program === wanted).length,
    })),
  };
}
