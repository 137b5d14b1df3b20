/**
 * One rounding rule in every output, never-visible targets kept in every format of the
 * windows command, and instants to the second where only the second is meant.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/cadence/schedule.js';
import { scheduleFromJson, scheduleToCsv, scheduleToJson, windowsToCsv, windowsToJson } from '../../src/index.js';
import { cli } from '../support/cli.js';
import { fixture } from '../support/output-fixture.js';

/** Full doubles as the V3PA sampling gives them, and an angle just short of 360. */
const V3PA = { nominalDeg: 153.29279284535605, minDeg: 148.18055910607094, maxDeg: 359.99971 };
const withV3pa: Schedule = { ...fixture, visits: fixture.visits.map((visit, i) => (i === 0 ? { ...visit, v3pa: V3PA } : visit)) };

describe('numbers: one rounding in the files for programs', () => {
  it("the plan's JSON gives a visit's V3PA to 3 decimals, as its CSV does (a computed 359.9997 is written 0)", () => {
    const json = JSON.parse(scheduleToJson(withV3pa)) as { visits: Array<{ v3pa?: Record<string, number> }> };
    expect(json.visits[0]!.v3pa).toEqual({ nominalDeg: 153.293, minDeg: 148.181, maxDeg: 0 });
    const rows = parse(scheduleToCsv(withV3pa), { columns: true }) as Array<Record<string, string>>;
    expect([rows[0]!['v3paNominalDeg'], rows[0]!['v3paMinDeg'], rows[0]!['v3paMaxDeg']].map(Number)).toEqual([153.293, 148.181, 0]);
    // Read back: the rounded values, still a valid plan.
    expect(scheduleFromJson(scheduleToJson(withV3pa)).visits[0]!.v3pa).toEqual({ nominalDeg: 153.293, minDeg: 148.181, maxDeg: 0 });
  });

  it("no number in the plan's JSON has more than 4 decimals", () => {
    const text = scheduleToJson(withV3pa);
    expect(text.match(/\d\.\d{5,}/g)).toBeNull();
  });
});

describe('windows: a target never visible is kept, with zero windows, in every format', () => {
  // In 2022-07-01..2022-07-11 the Sun is near RA 100-110, Dec +23; the anti-solar point
  // (RA 285, Dec -22) is about 180 degrees from it, far beyond the 135-degree limit of the field
  // of regard: never visible. The north ecliptic pole (RA 270, Dec 66.56) stays 90 degrees
  // from the Sun: visible throughout.
  const scratch = mkdtempSync(join(tmpdir(), 'precision-'));
  const targets = join(scratch, 'targets.csv');
  writeFileSync(targets, 'name,ra,dec\nANTISOLAR,285,-22\nNEP,270,66.5607\n');
  const span = ['--from', '2022-07-01', '--to', '2022-07-11'];

  it('JSON: { target, windows: 0 } in the order the targets were given', async () => {
    const run = await cli('windows', '--targets', targets, ...span, '--format', 'json');
    expect(run.code).toBe(0);
    const entries = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(entries[0]).toEqual({ target: 'ANTISOLAR', windows: 0 });
    expect(entries.slice(1).map((entry) => entry['target'])).toEqual(['NEP']);
    expect(entries[1]!['start']).toBe('2022-07-01T00:00:00Z');
  });

  it('CSV: a row of the name with durationDays 0; the table: a line saying so', async () => {
    const csv = await cli('windows', '--targets', targets, ...span, '--format', 'csv');
    const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => [row['target'], row['durationDays'], row['start']])).toEqual([
      ['ANTISOLAR', '0', ''],
      ['NEP', '10', '2022-07-01T00:00:00Z'],
    ]);
    const table = await cli('windows', '--targets', targets, ...span);
    expect(table.stdout).toMatch(/^ANTISOLAR: never visible in this span$/m);
  });

  it("the library's writers do the same when told the targets", () => {
    expect(JSON.parse(windowsToJson([], { targets: ['X'] }))).toEqual([{ target: 'X', windows: 0 }]);
    expect(windowsToCsv([], { targets: ['X'] }).split('\n')[1]).toBe('X,,,0,,,,,,,,,,');
    expect(JSON.parse(windowsToJson([]))).toEqual([]);
  });
});

describe('instants to the second where only the second is meant', () => {
  it("Cycle 3's Observer line names where the table's coverage ends without milliseconds", async () => {
    // The table's last row is 2025-05-29 00:00 TDB, 69.184 s after 00:00 UTC; its last 3 days are
    // kept for interpolation: the coverage ends 2025-05-25 23:58:50.816 UTC, said to the second.
    const run = await cli('windows', '--target', 'HD163466', '--cycle', '3');
    const observer = run.stdout.split('\n').find((line) => line.startsWith('Observer:'))!;
    expect(observer).toContain('2025-05-25T23:58:51Z');
    expect(observer).not.toMatch(/\.\d{3}Z/);
  });
});
