/**
 * Errors in one voice, and the fuzz cases of the command line, shrunk and named by what they
 * try: every refusal is the project's sentence naming the option (and the file), never a
 * library's (luxon's "you specified", zod's "Invalid option", JSON.parse's "Unexpected token").
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEphemeris } from '../../src/cli/ephemeris.js';
import { runGaps } from '../../src/cli/gaps.js';
import { numberOption, numberOrText, parseOptions, standardStreams, UsageError } from '../../src/cli/io.js';
import { runReport } from '../../src/cli/report.js';
import { runSchedule } from '../../src/cli/schedule.js';
import { runWindows } from '../../src/cli/windows.js';
import { readExecutedVisits } from '../../src/output/executed.js';
import { scheduleFromJson } from '../../src/output/face.js';
import { parseRightAscensionDeg } from '../../src/sky/angles.js';
import { parseAngleRangeText, parseTargetsText } from '../../src/sky/face.js';

import { closestWord, editDistance } from '../../src/suggest.js';
import { parseInstant } from '../../src/time/instant.js';

const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-voice-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A file in the scratch folder with this text; its path. */
function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** The message a command refuses with, as a usage error (exit 2); nothing is written. */
async function refusal(run: () => unknown): Promise<string> {
  const write = standardStreams.write;
  standardStreams.write = () => {
    throw new Error('the command wrote output before refusing');
  };
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  } finally {
    standardStreams.write = write;
  }
  throw new Error('expected a refusal');
}

/** Words of the libraries that must never reach a user. */
const LIBRARY_WORDS =
  /you specified|of type number|Invalid option|Invalid input|Unexpected token|in JSON at position|Unknown option '|Invalid Record Length|Quote Not Closed/;

describe('one number grammar', () => {
  it('reads decimals with a sign, either side of the point and an exponent', () => {
    for (const [text, value] of [
      ['30', 30],
      ['-1.5', -1.5],
      ['.5', 0.5],
      ['-.5', -0.5],
      ['5.', 5],
      ['+2', 2],
      ['1e3', 1000],
      ['-2.5E-1', -0.25],
    ] as const) {
      expect(numberOption(text, '--x'), text).toBe(value);
      expect(numberOrText(text), text).toBe(value);
    }
    expect(parseRightAscensionDeg('.5')).toBe(0.5);
    expect(parseRightAscensionDeg('5.')).toBe(5);
    expect(parseRightAscensionDeg('2.5e1')).toBe(25);
    expect(parseAngleRangeText('-.5:1e1', '--v3pa')).toEqual({ minDeg: 359.5, maxDeg: 10 });
    expect(parseTargetsText('name,ra,dec\nA,.5,-.5\n', 't.csv')[0]).toMatchObject({ raDeg: 0.5, decDeg: -0.5 });
  });

  it('refuses hexadecimal, binary, Infinity and empty text everywhere', () => {
    for (const text of ['0x10', '0b1010', '0o7', 'Infinity', '-Infinity', '', ' ', '1e999', '1_000', '.', '-']) {
      expect(() => numberOption(text, '--min-elongation'), text).toThrow(
        new RegExp(`^--min-elongation: expected a decimal number .*got "${text}"`),
      );
      expect(typeof numberOrText(text), text).toBe('string');
    }
    expect(() => parseRightAscensionDeg('0x10')).toThrow(/^ra: /);
    expect(() => parseAngleRangeText('0x10:20', '--v3pa')).toThrow(/^--v3pa: expected MIN:MAX/);
    expect(() => parseTargetsText('name,ra,dec\nA,0b1010,5\n', 't.csv')).toThrow(/^t\.csv line 2: ra: /);
  });

  it('refuses 0x2 as a cycle and 0x10 as a position, naming the option', async () => {
    expect(await refusal(() => runSchedule(['--cycle', '0x2']))).toMatch(/^--cycle: expected a decimal number/);
    expect(await refusal(() => runWindows(['--ra', '0x10', '--dec', '5']))).toMatch(/^--ra: "0x10" is not/);
    expect(await refusal(() => runWindows(['--ra', '10', '--dec', '0b1010']))).toMatch(/^--dec: "0b1010" is not/);
  });
});

describe('partial dates, evenly', () => {
  it('a year, a month or a day alone is the start of its first day, UTC', () => {
    expect(parseInstant('2022')).toBe(Date.UTC(2022, 0, 1));
    expect(parseInstant('2022-07')).toBe(Date.UTC(2022, 6, 1));
    expect(parseInstant('2022-07-01')).toBe(Date.UTC(2022, 6, 1));
  });

  it('an impossible date is refused in the project words', () => {
    expect(() => parseInstant('2022-13-01T00:00Z', '--from')).toThrow(
      /^--from: "2022-13-01T00:00Z" is not an ISO-8601 instant \(month 13 is out of range: 1 to 12\)$/,
    );
    expect(() => parseInstant('2022-02-30', '--from')).toThrow(/day 30 is out of range/);
    expect(() => parseInstant('soon', '--from')).toThrow(/^--from: "soon" is not an ISO-8601 instant \(expected e\.g\. /);
    for (const text of ['2022-13-01T00:00Z', '2022-02-30', 'soon', '2022-07-01T25:00Z']) {
      expect(() => parseInstant(text)).toThrow(expect.objectContaining({ message: expect.not.stringMatching(LIBRARY_WORDS) }));
    }
  });
});

describe('did you mean', () => {
  it('measures edits, a swap of neighbours being one', () => {
    expect(editDistance('windwos', 'windows')).toBe(1);
    expect(editDistance('taget', 'target')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closestWord('--taget', ['--target', '--targets'])).toBe('--target');
    expect(closestWord('--zzz', ['--target', '--out'])).toBeUndefined();
  });

  it('for an unknown option, a choice and a target, with --ra/--dec for other targets', async () => {
    expect(await refusal(() => runWindows(['--taget', 'HD163466']))).toBe(
      'unknown option --taget; did you mean --target? (see --help for the options)',
    );
    expect(await refusal(() => runWindows(['--target', 'HD163466', '--format', 'jsn']))).toBe(
      '--format: expected one of table, json, csv, got "jsn"; did you mean json?',
    );
    const target = await refusal(() => runWindows(['--target', 'HD16346']));
    expect(target).toMatch(/^--target: "HD16346" is not in the catalogue; did you mean HD163466\? /);
    expect(target).toMatch(/--ra DEG --dec DEG/);
    expect(await refusal(() => runSchedule(['--v3pa', 'HD16346=100:120']))).toMatch(/^--v3pa HD16346=100:120: .*did you mean HD163466\?/);
  });

  it('parseArgs refusals in the project words', async () => {
    expect(() => parseOptions(['--out'], { out: { type: 'string' } })).toThrow(new UsageError('--out needs a value'));
    expect(() => parseOptions(['--help=1'], { help: { type: 'boolean' } })).toThrow(new UsageError('--help takes no value'));
    expect(() => parseOptions(['plan.json'], { out: { type: 'string' } })).toThrow(/^unexpected argument "plan\.json"/);
  });
});

describe('refusals name the right option and file', () => {
  it('--cycles 0-1 is answered as --cycles', async () => {
    expect(await refusal(() => runSchedule(['--cycles', '0-1']))).toMatch(/^--cycles: no dates are known for cycle 0/);
  });

  it('a bad plan given to --continue, report --schedule or gaps --schedule names the option and the file', async () => {
    const bad = file('bad-plan.json', '{o');
    for (const [run, option] of [
      [() => runSchedule(['--continue', bad]), '--continue'],
      [() => runReport(['--schedule', bad]), '--schedule'],
      [() => runGaps(['--schedule', bad]), '--schedule'],
    ] as const) {
      expect(await refusal(run)).toBe(`${option} ${bad} line 1 column 2: not valid JSON`);
    }
    const wrong = file('wrong-plan.json', '{"schemaVersion": 1}');
    expect(await refusal(() => runReport(['--schedule', wrong]))).toMatch(new RegExp(`^--schedule ${wrong}: `));
  });

  it('JSON and CSV faults are the project words in the library too', () => {
    expect(() => scheduleFromJson('{"a": 1,}', 'plan.json')).toThrow(/^plan\.json line 1 column 9: not valid JSON$/);
    expect(() => scheduleFromJson('', 'plan.json')).toThrow(/^plan\.json: not valid JSON: the file is empty$/);
    expect(() => readExecutedVisits('observation,start\n1,"2022\n', 'e.csv')).toThrow(
      /^e\.csv line 2: not valid CSV: a quoted cell is never closed$/,
    );
    expect(() => readExecutedVisits('observation,start\n1,2022-07-11T07:00Z,x\n', 'e.csv')).toThrow(
      /^e\.csv line 2: not valid CSV: the row has a different number of cells/,
    );
    expect(() => readExecutedVisits('observation,start,status\n1,2022-07-11T07:00Z,ok\n', 'e.csv')).toThrow(
      /^e\.csv line 2: status: expected one of "done", "failed", "scheduled", got a string \("ok"\)$/,
    );
  });
});

describe('files the fuzz found accepted', () => {
  it('an executed CSV that names a column twice is refused, so a failed status cannot be lost', async () => {
    expect(() => readExecutedVisits('observation,start,status,status\n21,2022-10-01T18:00Z,failed,done\n', 'e.csv')).toThrow(
      /^e\.csv line 1: the header names the column "status" twice/,
    );
    const path = file('twice.csv', 'observation,start,status,status\n21,2022-10-01T18:00Z,failed,done\n');
    expect(await refusal(() => runSchedule(['--executed', path]))).toMatch(
      new RegExp(`^--executed ${path} line 1: the header names the column "status" twice`),
    );
  });

  it('--orientation constraints that are not a list are refused, not ignored', async () => {
    for (const [value, described] of [
      ['"HD163466"', 'a string'],
      ['5', '5'],
      ['true', 'the boolean true'],
      ['{"target": "HD163466"}', 'an object'],
    ] as const) {
      const path = file('orientation.json', `{"constraints": ${value}}`);
      expect(await refusal(() => runSchedule(['--orientation', path]))).toBe(
        `--orientation ${path}: constraints: expected an array of constraints, got ${described}${value.startsWith('"') ? ' ("HD163466")' : ''}`,
      );
    }
  });

  it('--orientation with an unknown key is refused in the project words', async () => {
    const path = file(
      'orientation.json',
      '{"constraints": [{"target": "HD163466", "v3pa": {"minDeg": 100, "maxDeg": 120}, "roll": 1}], "holds": []}',
    );
    const message = await refusal(() => runSchedule(['--orientation', path]));
    expect(message).toBe(`--orientation ${path}: constraints.0: unknown field "roll"; --orientation ${path}: unknown field "holds"`);
    expect(message).not.toMatch(LIBRARY_WORDS);
  });

  it('ephemeris --out naming a folder, a path under a file or a missing folder is refused before the download', async () => {
    const folder = join(scratch, 'a-folder');
    mkdirSync(folder, { recursive: true });
    const aFile = file('a-file', 'x');
    // An endpoint nothing answers: reaching it would be a service error (exit 4), not a usage error.
    const endpoint = ['--endpoint', 'http://127.0.0.1:9/horizons.api'];
    expect(await refusal(() => runEphemeris(['--cycle', '6', '--out', folder, ...endpoint]))).toBe(
      `--out: cannot write ${folder}: it is a folder`,
    );
    expect(await refusal(() => runEphemeris(['--cycle', '6', '--out', join(aFile, 'x.txt'), ...endpoint]))).toBe(
      `--out: cannot write ${join(aFile, 'x.txt')}: a part of the path is a file, not a folder`,
    );
    expect(await refusal(() => runEphemeris(['--cycle', '6', '--out', join(scratch, 'missing', 'x.txt'), ...endpoint]))).toBe(
      `--out: cannot write ${join(scratch, 'missing', 'x.txt')}: the folder does not exist`,
    );
  });
});
