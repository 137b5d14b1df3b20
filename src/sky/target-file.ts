/**
 * Many targets from a file: CSV with a header, or a JSON array.
 * @module
 */

import { z } from 'zod';
import { readCsvRows } from '../csv-text.js';
import { InputError } from '../errors.js';
import { decimalValue, NonEmptyString, parseJsonText } from '../validation.js';
import { keyOf } from './catalog.js';
import { type Target, targetFrom } from './target.js';

/** CSV columns that are numbers when present. */
const NUMERIC_COLUMNS = ['pmRaCosDec', 'pmDec', 'epoch'] as const;

/** The arguments of {@link parseTargetsText}: the text and its name for messages. */
export const TextArguments = z.object({ text: z.string(), source: NonEmptyString });

/**
 * Read targets from text: a JSON array of `{ name, ra, dec, pmRaCosDec?, pmDec?, epoch? }`, or
 * CSV whose header names the columns `name,ra,dec` and optionally `pmRaCosDec,pmDec,epoch`
 * (`ra`/`dec` in degrees or sexagesimal). Every error names the source, the line (CSV) or
 * index (JSON), and the field.
 *
 * @example
 * ```ts
 * parseTargetsText('name,ra,dec\nNEP,270,66.56\n', 'targets.csv'); // [{ name: 'NEP', raDeg: 270, ... }]
 * ```
 */
export function parseTargetsText(text: string, source = 'targets'): Target[] {
  return refuseDuplicates(readTargets(text, source), source);
}

/** Two targets of one name would mix their windows under that name: refuse them. */
function refuseDuplicates(entries: Array<{ target: Target; where: string }>, source: string): Target[] {
  const seen = new Map<string, string>();
  for (const { target, where } of entries) {
    const key = keyOf(target.name);
    const first = seen.get(key);
    if (first !== undefined) throw new InputError(`${where}: the name "${target.name}" is used already (${first}); names must differ`);
    seen.set(key, where.replace(`${source} `, ''));
  }
  return entries.map((entry) => entry.target);
}

function readTargets(text: string, source: string): Array<{ target: Target; where: string }> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const data = parseJsonText(text, source);
    if (!Array.isArray(data)) throw new InputError(`${source}: expected a JSON array of targets`);
    if (data.length === 0) throw new InputError(`${source}: the array holds no targets`);
    return data.map((item, index) => ({ target: targetFrom(item, `${source} [${index}]`), where: `${source} [${index}]` }));
  }
  const { header, rows: records } = readCsvRows(text, source);
  if (records.length === 0) throw new InputError(`${source}: no targets below the header`);
  for (const column of ['name', 'ra', 'dec']) {
    if (!header.includes(column)) {
      throw new InputError(`${source} line 1: the header needs a "${column}" column (found: ${header.join(', ')})`);
    }
  }
  return records.map(({ record, line }) => {
    const input: Record<string, unknown> = { name: record.name, ra: record.ra, dec: record.dec };
    for (const column of NUMERIC_COLUMNS) {
      const raw = record[column];
      if (raw !== undefined && raw !== '') input[column] = decimalValue(raw) ?? raw;
    }
    return { target: targetFrom(input, `${source} line ${line}`), where: `${source} line ${line}` };
  });
}
