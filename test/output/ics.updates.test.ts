/**
 * Calendar updates that work: two successive calendar files of a plan and its re-plan, read
 * back with an independent parser (ical.js), and merged as a calendar application does
 * (RFC 5546 §2.1.5: of two versions of one UID, the higher SEQUENCE wins, and at equal
 * SEQUENCE the later DTSTAMP). A moved visit must end up at its new time.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/cadence/schedule.js';
import { standardStreams } from '../../src/cli/io.js';
import { runSchedule } from '../../src/cli/schedule.js';
import { icsSequence, scheduleFromJson, scheduleToIcs, scheduleToJson } from '../../src/output/face.js';

import { fixture, t } from '../support/output-fixture.js';

interface Version {
  readonly uid: string;
  readonly sequence: number;
  readonly stampMs: number;
  readonly startMs: number;
  readonly endMs: number;
}

/** The events of a calendar file, by UID. */
function eventsOf(text: string): Map<string, Version> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = new Map<string, Version>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    events.set(event.uid, {
      uid: event.uid,
      sequence: event.sequence ?? 0,
      stampMs: (component.getFirstPropertyValue('dtstamp') as ICAL.Time).toUnixTime() * 1000,
      startMs: event.startDate.toUnixTime() * 1000,
      endMs: event.endDate.toUnixTime() * 1000,
    });
  }
  return events;
}

/** What a calendar application keeps of two versions of one event (RFC 5546 §2.1.5). */
function kept(held: Version, incoming: Version): Version {
  if (incoming.sequence !== held.sequence) return incoming.sequence > held.sequence ? incoming : held;
  return incoming.stampMs > held.stampMs ? incoming : held;
}

/** The calendar after importing `first`, then `second`. */
function imported(first: string, second: string): Map<string, Version> {
  const calendar = eventsOf(first);
  for (const [uid, incoming] of eventsOf(second)) {
    const held = calendar.get(uid);
    calendar.set(uid, held ? kept(held, incoming) : incoming);
  }
  return calendar;
}

const H = 3_600_000;

describe('scheduleToIcs: a re-plan moves the events it moved', () => {
  // The fixture re-planned: observation 63 (HD163466, epoch 1) moved a day later.
  const moved: Schedule = {
    ...fixture,
    visits: fixture.visits.map((visit) =>
      visit.observation === 63 ? { ...visit, startMs: visit.startMs + 24 * H, endMs: visit.endMs + 24 * H } : visit,
    ),
  };
  const first = scheduleToIcs(fixture, { stamp: '2022-06-01T00:00Z' });
  const second = scheduleToIcs(moved, { stamp: '2022-08-01T00:00Z', previous: fixture });

  it('gives the moved visit the same UID, a higher SEQUENCE and a later DTSTAMP, and keeps the others at SEQUENCE 0', () => {
    const before = eventsOf(first);
    const after = eventsOf(second);
    const uid = 'jwst-1539-obs-63@jwst-cadence';
    expect(after.has(uid)).toBe(true);
    expect(after.get(uid)!.sequence).toBeGreaterThan(before.get(uid)!.sequence);
    expect(after.get(uid)!.stampMs).toBeGreaterThan(before.get(uid)!.stampMs);
    for (const [other, version] of after) if (other !== uid) expect(version.sequence, other).toBe(0);
  });

  it('leaves a calendar that imported both files with the re-plan times', () => {
    const calendar = imported(first, second);
    for (const visit of moved.visits.filter((v) => v.observation !== 12)) {
      const uid = `jwst-1539-obs-${visit.observation}@jwst-cadence`;
      expect([calendar.get(uid)?.startMs, calendar.get(uid)?.endMs], uid).toEqual([visit.startMs, visit.endMs]);
    }
    expect(calendar.get('jwst-1539-obs-63@jwst-cadence')!.startMs).toBe(t('2022-09-06T00:00Z'));
  });

  it('a third file moving the visit again outranks the second', () => {
    const again: Schedule = {
      ...moved,
      visits: moved.visits.map((visit) =>
        visit.observation === 63 ? { ...visit, startMs: visit.startMs + H, endMs: visit.endMs + H } : visit,
      ),
    };
    const third = scheduleToIcs(again, { stamp: '2022-08-01T00:05Z', previous: moved });
    const calendar = imported(second, third);
    expect(calendar.get('jwst-1539-obs-63@jwst-cadence')!.startMs).toBe(t('2022-09-06T01:00Z'));
  });

  it('with a previous plan not at hand, every event is a revision', () => {
    for (const version of eventsOf(scheduleToIcs(fixture, { stamp: '2022-08-01T00:00Z', previous: 'unknown' })).values()) {
      expect(version.sequence).toBe(icsSequence(t('2022-08-01T00:00Z')));
    }
  });

  it('counts SEQUENCE in minutes from 2020 so later revisions outrank earlier ones', () => {
    expect(icsSequence(Date.UTC(2020, 0, 1, 1))).toBe(60);
    expect(icsSequence(Date.UTC(2019, 0, 1))).toBe(1);
    expect(icsSequence(Date.UTC(6000, 0, 1))).toBeLessThan(2 ** 31);
  });
});

describe('schedule --format ics: DTSTAMP and SEQUENCE from the command line', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-ics-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = standardStreams.write;
  afterEach(() => {
    standardStreams.write = write;
  });
  const run = async (argv: string[]): Promise<string> => {
    let output = '';
    standardStreams.write = (text) => {
      output += text;
    };
    await runSchedule(argv);
    return output;
  };

  it('--stamp sets DTSTAMP; without it, DTSTAMP is the moment the file is made', async () => {
    const before = Date.now();
    const made = eventsOf(await run(['--format', 'ics']));
    const after = Date.now();
    for (const version of made.values()) {
      // DTSTAMP is written to the second.
      expect(version.stampMs).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(version.stampMs).toBeLessThanOrEqual(after);
    }
    const stamped = await run(['--format', 'ics', '--stamp', '2022-06-01T00:00Z']);
    expect(await run(['--format', 'ics', '--stamp', '2022-06-01T00:00Z'])).toBe(stamped);
    for (const version of eventsOf(stamped).values()) expect(version.stampMs).toBe(t('2022-06-01T00:00Z'));
  }, 120_000);

  it('a re-plan from --executed PLAN.json moves the calendar events of the visits it moved', async () => {
    const plan = scheduleFromJson(await run(['--format', 'json']));
    const first = scheduleToIcs(plan, { stamp: '2022-06-01T00:00Z' });
    // By 2022-10-15 the visits before ran, BD+60-1753's epoch 5 failed: its visits are placed again.
    const now = Date.UTC(2022, 9, 15);
    const ran: Schedule = {
      ...plan,
      visits: plan.visits.map((visit) =>
        visit.startMs < now ? { ...visit, status: visit.target === 'BD+60-1753' && visit.epoch === 5 ? 'failed' : 'done' } : visit,
      ),
    };
    const path = join(scratch, 'ran.json');
    writeFileSync(path, scheduleToJson(ran));
    const second = await run(['--executed', path, '--now', '2022-10-15', '--format', 'ics', '--stamp', '2022-10-15T08:00Z']);
    const before = eventsOf(first);
    const after = eventsOf(second);
    const movedUids = [...after.keys()].filter(
      (uid) =>
        before.has(uid) && (before.get(uid)!.startMs !== after.get(uid)!.startMs || before.get(uid)!.endMs !== after.get(uid)!.endMs),
    );
    // The failed epoch's visits at least are placed anew.
    expect(movedUids.length).toBeGreaterThan(0);
    for (const uid of movedUids) {
      expect(after.get(uid)!.sequence, uid).toBeGreaterThan(before.get(uid)!.sequence);
      expect(after.get(uid)!.stampMs, uid).toBeGreaterThan(before.get(uid)!.stampMs);
    }
    const calendar = imported(first, second);
    for (const [uid, version] of after)
      expect([calendar.get(uid)!.startMs, calendar.get(uid)!.endMs], uid).toEqual([version.startMs, version.endMs]);
  }, 120_000);
});
