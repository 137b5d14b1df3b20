import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { scheduleToIcs } from '../../src/output/face.js';

import { fixture, t } from '../support/output-fixture.js';

/** The calendar and its events, read by an independent parser (ical.js). */
function readCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => ({ component, event: new ICAL.Event(component) }));
  return { calendar, events };
}

/**
 * RFC 5545 §3.3.11 TEXT unescaping. ical.js gives X- properties (calendar name and description)
 * raw, as it does not know their value type, so the test unescapes them itself.
 */
const unescapeText = (raw: unknown): string => String(raw).replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Epoch ms of an ical.js time, asserting it is written in UTC. */
function utcMs(time: ICAL.Time): number {
  expect(time.zone?.tzid).toBe('UTC');
  return time.toUnixTime() * 1000;
}

describe('scheduleToIcs', () => {
  it('has one event a placed visit, each starting and ending at the visit instants, in UTC', () => {
    const { events } = readCalendar(scheduleToIcs(fixture));
    expect(events).toHaveLength(fixture.visits.length);
    const times = events.map(({ event }) => [utcMs(event.startDate), utcMs(event.endDate)]);
    expect(times[0]).toEqual([t('2022-07-14T03:00Z'), t('2022-07-14T04:30Z')]);
    expect(times[8]).toEqual([t('2023-01-20T10:00Z'), t('2023-01-20T11:30Z')]);
    expect(times).toEqual(fixture.visits.map((visit) => [visit.startMs, visit.endMs]));
  });

  it('writes DTSTART and DTEND as UTC date-times (with Z)', () => {
    const text = scheduleToIcs(fixture);
    expect(text).toContain('\r\nDTSTART:20220714T030000Z\r\n');
    expect(text).toContain('\r\nDTEND:20230201T080000Z\r\n');
  });

  it('titles each event with target, label, observation and epoch', () => {
    const { events } = readCalendar(scheduleToIcs(fixture));
    expect(events[1]!.event.summary).toBe('BD+60-1753 · NIRCam Module B (row 2, epoch 1)');
    expect(events[4]!.event.summary).toBe('BD+60-1753 · NIRCam "Module B", short (row 7, epoch 2)');
  });

  it('describes series, epoch and template', () => {
    const { events } = readCalendar(scheduleToIcs(fixture));
    const description = events[6]!.event.description;
    expect(description).toContain('Series: HD163466 / MIRI Medium Resolution Spectroscopy');
    expect(description).toContain('Epoch: 1');
    expect(description).toContain('Template: MIRI Medium Resolution Spectroscopy (MIRI)');
    expect(description.split('\n').length).toBeGreaterThan(3);
  });

  it('derives UIDs from program and observation: unique, and the same on every render', () => {
    const first = readCalendar(scheduleToIcs(fixture)).events.map(({ event }) => event.uid);
    const second = readCalendar(scheduleToIcs(structuredClone(fixture))).events.map(({ event }) => event.uid);
    expect(new Set(first).size).toBe(first.length);
    expect(second).toEqual(first);
    expect(first[1]).toBe('jwst-1539-obs-2@jwst-cadence');
  });

  it('keeps UIDs when the visits move, so a re-import updates the events', () => {
    const moved = {
      ...fixture,
      visits: fixture.visits.map((visit) => ({ ...visit, startMs: visit.startMs + 86_400_000, endMs: visit.endMs + 86_400_000 })),
    };
    const uids = (text: string) => readCalendar(text).events.map(({ event }) => event.uid);
    expect(uids(scheduleToIcs(moved))).toEqual(uids(scheduleToIcs(fixture)));
  });

  it('keeps UIDs unique when an observation number repeats', () => {
    const repeated = { ...fixture, visits: [fixture.visits[0]!, { ...fixture.visits[3]!, observation: 1 }] };
    const uids = readCalendar(scheduleToIcs(repeated)).events.map(({ event }) => event.uid);
    expect(uids).toEqual(['jwst-1539-obs-1@jwst-cadence', 'jwst-1539-obs-1-2@jwst-cadence']);
  });

  it('is deterministic: DTSTAMP comes from the schedule (its span start), not the clock', () => {
    const text = scheduleToIcs(fixture);
    expect(scheduleToIcs(structuredClone(fixture))).toBe(text);
    for (const { component } of readCalendar(text).events) {
      expect(utcMs(component.getFirstPropertyValue('dtstamp') as ICAL.Time)).toBe(t('2022-07-01T00:00Z'));
    }
  });

  it('takes an explicit DTSTAMP', () => {
    const { events } = readCalendar(scheduleToIcs(fixture, { stamp: '2022-06-15T12:00:00Z' }));
    expect(utcMs(events[0]!.component.getFirstPropertyValue('dtstamp') as ICAL.Time)).toBe(t('2022-06-15T12:00Z'));
  });

  it('names the calendar and lists the unscheduled visit in its description, escaped so both read back', () => {
    const withComma = { ...fixture, program: { id: '1539', title: 'Flux, repeatability; year 1' } };
    const { calendar } = readCalendar(scheduleToIcs(withComma));
    expect(unescapeText(calendar.getFirstPropertyValue('x-wr-calname'))).toBe('JWST program 1539: Flux, repeatability; year 1');
    const description = unescapeText(calendar.getFirstPropertyValue('x-wr-caldesc'));
    expect(description.split('\n')).toHaveLength(2);
    expect(description).toContain('observation 12');
    expect(description).toContain('no visible time within 10 days of the cadence date 2022-11-12');
  });

  it('uses CRLF line ends and folds lines at 75 octets (RFC 5545 §3.1)', () => {
    const text = scheduleToIcs(fixture);
    const lines = text.split('\r\n');
    expect(lines.every((line) => !line.includes('\n') && !line.includes('\r'))).toBe(true);
    expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
  });
});
