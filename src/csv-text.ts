/**
 * Reading a CSV file with a header, in the project's words: every row as a record of its
 * columns and the line it ends on, a header that names a column twice refused (the reader would
 * keep the last column's value and drop the first without a word), and a malformed file refused
 * naming the line and what is wrong, not in the CSV reader's own words.
 * @module
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { InputError } from './errors.js';

/** One row of a CSV file: its cells by column name, and the line of the file it ends on. */
export interface CsvRow {
  readonly record: Record<string, string>;
  readonly line: number;
}

/** What the reader's error codes mean, in words. */
const CSV_PROBLEMS: Readonly<Record<string, string>> = {
  CSV_RECORD_INCONSISTENT_COLUMNS: 'the row has a different number of cells than the header has columns',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has a different number of cells than the rows before it',
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  INVALID_OPENING_QUOTE: 'a quote inside a cell that does not start with one',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell goes on after its closing quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted cell goes on after its closing quote',
};

/**
 * The rows of CSV text with a header line (cells trimmed, empty lines skipped), or an
 * InputError naming `source` and the line.
 */
export function readCsvRows(text: string, source: string): { header: string[]; rows: CsvRow[] } {
  let header: string[] = [];
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parseCsv(text, {
      columns: (names: string[]) => {
        header = names.map((name) => String(name).trim());
        const twice = header.find((name, index) => header.indexOf(name) !== index);
        if (twice !== undefined)
          throw new InputError(`${source} line 1: the header names the column "${twice}" twice; a row would keep only one of its values`);
        return header;
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as typeof records;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const { code, lines } = error as { code?: string; lines?: number };
    const where = typeof lines === 'number' ? `${source} line ${lines}` : source;
    throw new InputError(
      `${where}: not valid CSV: ${(code !== undefined && CSV_PROBLEMS[code]) || 'the reader cannot split it into cells'}`,
    );
  }
  if (header.length === 0)
    header = text
      .split(/\r?\n/, 1)[0]!
      .split(',')
      .map((cell) => cell.trim())
      .filter((cell) => cell !== '');
  return { header, rows: records.map(({ record, info }) => ({ record, line: info.lines })) };
}
