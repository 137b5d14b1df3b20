/**
 * `npm run tables` (run by `npm run build`): write the tables that never change, computed here
 * once instead of at every load. Today one: the V3PA half-range by the cosine of the elongation
 * (src/visibility/roll-table.ts). test/visibility/roll-table.test.ts recomputes it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { halfRangeTable } from '../src/visibility/roll.js';

const FILE = fileURLToPath(new URL('../src/visibility/roll-table.ts', import.meta.url));

export function rollTableSource(table: Float64Array): string {
  const bytes = Buffer.alloc(table.length * 8);
  table.forEach((value, i) => {
    bytes.writeDoubleLE(value, i * 8);
  });
  return [
    '/**',
    ' * The V3PA half-range by the cosine of the elongation, 20,001 float64 entries (little-endian,',
    ' * base64), as `halfRangeTable` in roll.ts computes it. Written by `npm run tables`; do not edit.',
    ' * @module',
    ' */',
    '',
    "/** The table's bytes, base64. */",
    `export const HALF_RANGE_TABLE_BASE64 =\n  '${bytes.toString('base64')}';`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = rollTableSource(halfRangeTable());
  let current = '';
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {
    // Not written yet.
  }
  if (current !== source) writeFileSync(FILE, source);
}
