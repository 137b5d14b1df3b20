/**
 * A terminal calendar that fits 100 columns by default, with nothing of its content lost:
 * every word of the whole-line text is still there, in order; a file or a pipe gets each line
 * whole.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCalendar } from '../../src/cli/calendar.js';
import { standardStreams, terminalWidth, UsageError } from '../../src/cli/io.js';
import { scheduleToCalendarText } from '../../src/output/face.js';
import { wrapText } from '../../src/output/wrap.js';
import { fixture } from '../support/output-fixture.js';

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);
const widest = (text: string): number => Math.max(...text.split('\n').map((line) => line.length));

describe('wrapText', () => {
  it('fits every line to the width and keeps every word, in order', () => {
    const line = `  ${'word '.repeat(60)}and-a-very-long-unbroken-${'x'.repeat(120)}`;
    const wrapped = wrapText(line, 50);
    expect(widest(wrapped)).toBeLessThanOrEqual(50);
    expect(wrapped.replace(/\n +/g, ' ').replace(/\s+/g, ' ').trim().replace(/ /g, '')).toBe(line.replace(/\s+/g, ''));
    // Continuation lines are indented more than the line they continue.
    expect(wrapped.split('\n')[1]).toMatch(/^ {6}\S/);
  });

  it('leaves short lines alone', () => {
    expect(wrapText('a\n  b c\n', 40)).toBe('a\n  b c\n');
  });
});

describe('scheduleToCalendarText with a width', () => {
  it('refuses a width too narrow to read', () => {
    expect(() => scheduleToCalendarText(fixture, { width: 20 })).toThrow(/^scheduleToCalendarText: options\.width: /);
  });
});

describe('the calendar command on a terminal', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-width-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let printed = '';
  let file = '';

  beforeAll(async () => {
    const write = standardStreams.write;
    standardStreams.write = (text) => {
      printed += text;
    };
    try {
      await runCalendar(['--width', '100', '--out-dir', join(scratch, 'plan')]);
    } finally {
      standardStreams.write = write;
    }
    file = readFileSync(join(scratch, 'plan', 'calendar.txt'), 'utf8');
  }, 120_000);

  it('prints lines of at most 100 columns, where the whole lines are wider', () => {
    // The Observer line alone is longer than 150 columns (it names the Horizons table and both margins).
    expect(widest(file)).toBeGreaterThan(150);
    expect(widest(printed)).toBeLessThanOrEqual(100);
  });

  it('loses nothing: the printed words are calendar.txt words, then the Wrote line', () => {
    const wrote = printed.slice(printed.lastIndexOf('\nWrote ') + 1);
    expect(words(printed)).toEqual([...words(file), ...words(wrote.replace(/\n +/g, ' '))]);
    for (const name of [
      'schedule.json',
      'schedule.csv',
      'schedule.ics',
      'schedule.svg',
      'schedule-apt.txt',
      'calendar.txt',
      'report.html',
    ]) {
      expect(wrote).toContain(name);
    }
  });
});

describe('the width a table is wrapped to', () => {
  it('is 100 on a terminal, whole lines for a file or a pipe, and --width when given', () => {
    expect(terminalWidth(undefined, undefined, true)).toBe(100);
    expect(terminalWidth(undefined, '-', true)).toBe(100);
    expect(terminalWidth(undefined, 'plan.txt', true)).toBeUndefined();
    expect(terminalWidth(undefined, undefined, false)).toBeUndefined();
    expect(terminalWidth('80', 'plan.txt', false)).toBe(80);
  });

  it('refuses a width that is not a whole number of at least 40 columns', () => {
    for (const value of ['20', '80.5', '0x50', 'wide']) expect(() => terminalWidth(value, undefined, true), value).toThrow(UsageError);
  });
});
