/**
 * Orientation and the micrometeoroid avoidance zone in the outputs and on the command line:
 * the JSON file carries and checks them, the APT text writes APT's APERTURE PA RANGE and warns
 * of the zone, the text outputs show them, and the CLI options reach the library.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Schedule,
  scheduleFromJson,
  scheduleToApt,
  scheduleToCalendarText,
  scheduleToHtml,
  scheduleToJson,
  scheduleToSvg,
} from '../../src/index.js';
import { cli } from '../support/cli.js';
import { fixture, t } from '../support/output-fixture.js';

/** The fixture with orientation and MAZ fields on three visits, written out here. */
const oriented: Schedule = {
  ...fixture,
  visits: fixture.visits.map((visit) => {
    if (visit.observation === 3) {
      // NIRSpec, asked as an aperture PA range with NIRSpec's offset: V3PA 100..120.
      return {
        ...visit,
        v3pa: { nominalDeg: 112, minDeg: 107, maxDeg: 117 },
        orientation: {
          v3pa: { minDeg: 100, maxDeg: 120 },
          aperturePa: { minDeg: 238.5, maxDeg: 258.5, offsetDeg: 138.5, offsetSource: 'NIRSpec' },
          origin: 'asked' as const,
        },
        mazMs: 0,
      };
    }
    if (visit.observation === 63) {
      // MIRI MRS: no tabulated offset, a V3PA range only, half the visit in the zone.
      return {
        ...visit,
        v3pa: { nominalDeg: 355, minDeg: 350, maxDeg: 0 },
        orientation: { v3pa: { minDeg: 350, maxDeg: 10 }, origin: 'held' as const },
        mazMs: 3_600_000,
      };
    }
    if (visit.observation === 65) return { ...visit, v3pa: { nominalDeg: 20, minDeg: 15, maxDeg: 25 } };
    return visit;
  }),
  maz: {
    halfAngleDeg: 75,
    fromMs: t('2022-07-01T00:00Z'),
    observingMs: 10 * 3_600_000,
    inMazMs: 3_600_000,
    policy: 'every epoch placed outside the MAZ',
  },
};

describe('the JSON file', () => {
  it('writes and reads back the orientation, MAZ time and the MAZ summary', () => {
    const doc = JSON.parse(scheduleToJson(oriented));
    expect(doc.visits.find((v: { observation: number }) => v.observation === 3).orientation).toEqual({
      v3pa: { minDeg: 100, maxDeg: 120 },
      aperturePa: { minDeg: 238.5, maxDeg: 258.5, offsetDeg: 138.5, offsetSource: 'NIRSpec' },
      origin: 'asked',
    });
    expect(doc.maz).toEqual({
      halfAngleDeg: 75,
      from: '2022-07-01T00:00:00Z',
      observingMs: 36_000_000,
      inMazMs: 3_600_000,
      policy: 'every epoch placed outside the MAZ',
    });
    // Read back: the same record but for the computed V3PA, which files hold to 0.001 degree.
    const third = (value: number): number => Number(value.toFixed(3)) % 360;
    expect(scheduleFromJson(scheduleToJson(oriented))).toStrictEqual({
      ...oriented,
      visits: oriented.visits.map((visit) =>
        visit.v3pa === undefined
          ? visit
          : {
              ...visit,
              v3pa: { nominalDeg: third(visit.v3pa.nominalDeg), minDeg: third(visit.v3pa.minDeg), maxDeg: third(visit.v3pa.maxDeg) },
            },
      ),
    });
  });

  it('adds the series orientation section, derived from the visits, and reads past it', () => {
    const doc = JSON.parse(scheduleToJson(oriented));
    // HD 163466's MRS epochs 1 and 2 hold 350..0 and 15..25: nothing in common.
    const mrs = doc.seriesOrientation.find((s: { series: string }) => s.series === 'HD163466 / MIRI Medium Resolution Spectroscopy');
    expect(mrs.epochs).toEqual([
      { epoch: 1, observation: 63, start: '2022-09-05T00:00:00Z', v3pa: { minDeg: 350, maxDeg: 0 } },
      { epoch: 2, observation: 65, start: '2022-10-05T12:00:00Z', v3pa: { minDeg: 15, maxDeg: 25 } },
    ]);
    expect(mrs.common).toBeUndefined();
    expect(doc.seriesOrientation.find((s: { series: string }) => s.series.startsWith('BD+60-1753 / NIRSpec')).common).toEqual({
      minDeg: 107,
      maxDeg: 117,
    });
    // No V3PA anywhere: no section.
    expect(JSON.parse(scheduleToJson(fixture)).seriesOrientation).toBeUndefined();
  });

  it('refuses a bad orientation, MAZ time or summary, naming the field', () => {
    const doc = JSON.parse(scheduleToJson(oriented));
    const three = doc.visits.find((v: { observation: number }) => v.observation === 3);
    three.orientation.origin = 'guessed';
    three.mazMs = -1;
    doc.maz.halfAngleDeg = 0;
    let message = '';
    try {
      scheduleFromJson(JSON.stringify(doc), 'plan.json');
    } catch (error) {
      message = (error as Error).message;
    }
    const index = doc.visits.indexOf(three);
    expect(message).toMatch(new RegExp(`^plan\\.json: visits\\.${index}\\.orientation\\.origin: `, 'm'));
    expect(message).toMatch(new RegExp(`^plan\\.json: visits\\.${index}\\.mazMs: `, 'm'));
    expect(message).toMatch(/^plan\.json: maz\.halfAngleDeg: /m);
  });
});

describe('the APT text', () => {
  const apt = scheduleToApt(oriented);

  it('writes APT\'s APERTURE PA RANGE with the V3PA range it is, or "set using V3" where the offset is not known', () => {
    expect(apt).toContain('Observation 3: APERTURE PA RANGE 238.50 TO 258.50 DEGREES (V3PA 100.00 TO 120.00; NIRSpec offset 138.5)');
    expect(apt).toContain('Observation 63: APERTURE PA RANGE SET USING V3: V3PA 350.00 TO 10.00 DEGREES');
    expect(apt).toMatch(/^# Observation 63: V3PA band chosen so that every epoch of its series holds one orientation$/m);
    // Every line is a requirement or a comment.
    for (const line of apt.split('\n')) if (line !== '') expect(line).toMatch(/^(# |Observations? \d)/);
  });

  it("warns of time in the zone as APT does, and gives the schedule's share", () => {
    expect(apt).toMatch(/^# WARNING: observation 63 is planned with 50% of its time in the micrometeoroid avoidance zone\./m);
    expect(apt).not.toMatch(/WARNING: observation 3 /);
    expect(apt).toMatch(/^# Micrometeoroid avoidance zone: 10\.0% of 10\.0 h of observing time from 2022-07-01/m);
  });
});

describe('the text outputs', () => {
  it("calendar: each block's V3PA and markers, the series check and the MAZ line", () => {
    const text = scheduleToCalendarText(oriented);
    expect(text).toMatch(/BD\+60-1753 +epoch +1 +obs 1-3 +V3PA 112\.0 \[107\.0\.\.117\.0\] asked /);
    expect(text).toMatch(/HD163466 +epoch +1 +obs 63 +V3PA 355\.0 \[350\.0\.\.0\.0\] held MAZ /);
    expect(text).toContain('Orientation per series: can one V3PA be held at every epoch?');
    expect(text).toContain('HD163466 / MIRI Medium Resolution Spectroscopy: 2 epochs; no two epochs can hold the same V3PA');
    expect(text).toMatch(/^MAZ: 10\.0% of 10\.0 h/m);
  });

  it('calendar: a V3PA range of the whole circle (a plan record may hold one) shows 0..360, not an empty arc', () => {
    const anyAngle: Schedule = {
      ...fixture,
      visits: fixture.visits.map((visit) =>
        visit.observation === 65 ? { ...visit, v3pa: { nominalDeg: 20, minDeg: 0, maxDeg: 360 } } : visit,
      ),
    };
    expect(scheduleToCalendarText(anyAngle)).toMatch(/HD163466 +epoch +2 +obs 65 +V3PA 20\.0 \[0\.0\.\.360\.0\]/);
  });

  it("SVG: each epoch's tooltip gives its visits' V3PA, orientation and MAZ time", () => {
    const svg = scheduleToSvg(oriented);
    expect(svg).toContain(
      'observation 3: V3PA 112.0° (107.0° to 117.0° throughout); orientation asked: V3PA 100..120 (aperture PA 238.5..258.5, NIRSpec offset 138.5); outside the micrometeoroid avoidance zone',
    );
    expect(svg).toContain(
      'observation 63: V3PA 355.0° (350.0° to 0.0° throughout); orientation held across the series: V3PA 350..10; 50% in the micrometeoroid avoidance zone',
    );
  });

  it('report: the orientation asked in the V3PA cell, the MAZ column, the MAZ fact and the series section', () => {
    const html = scheduleToHtml(oriented);
    expect(html).toContain('<span class="range">asked 100.0 to 120.0</span><span class="range">APA 238.5 to 258.5</span>');
    expect(html).toContain('<th scope="col" aria-sort="none"><button type="button">MAZ</button></th>');
    expect(html).toContain('<dt>Micrometeoroid avoidance zone</dt>');
    expect(html).toContain('<h2 id="orientation-h">Orientation per series</h2>');
  });
});

const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-orientation-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the command line', () => {
  it("windows --v3pa narrows the windows, the same as --aperture-pa with NIRSpec's offset; negative angles too", async () => {
    const [v3, aperture, negative] = await Promise.all([
      cli('windows', '--target', 'HD163466', '--v3pa', '100:120', '--format', 'json'),
      cli('windows', '--target', 'HD163466', '--aperture-pa', '238.5:258.5', '--instrument', 'nirspec', '--format', 'json'),
      cli('windows', '--target', 'HD163466', '--v3pa', '-160:-140', '--format', 'json'),
    ]);
    for (const run of [v3, aperture, negative]) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const windows = JSON.parse(v3.stdout) as Array<{ start: string; end: string; startEdge: { constraint?: string } }>;
    expect(windows.length).toBe(1);
    expect(windows[0]!.startEdge.constraint).toBe('v3pa');
    expect(JSON.parse(aperture.stdout)).toEqual(windows);
    // -160..-140 is 200..220: HD 163466 reaches it in its 2023 window.
    expect((JSON.parse(negative.stdout) as Array<{ start: string }>).every((w) => w.start.startsWith('2023'))).toBe(true);
  });

  it('schedule --v3pa and --orientation FILE reach the scheduler; --maz off drops the zone', async () => {
    const file = join(scratch, 'orientation.json');
    writeFileSync(
      file,
      JSON.stringify({ constraints: [{ series: 'HD163466 / MIRI Medium Resolution Spectroscopy', v3pa: { minDeg: 100, maxDeg: 120 } }] }),
    );
    const [quick, fromFile, off] = await Promise.all([
      cli('schedule', '--v3pa', 'HD163466=100:120', '--format', 'json'),
      cli('schedule', '--orientation', file, '--format', 'json'),
      cli('schedule', '--cycle', '2', '--maz', 'off', '--format', 'json'),
    ]);
    for (const run of [quick, fromFile, off]) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const asked = (text: string) =>
      (JSON.parse(text) as { visits: Array<{ target: string; orientation?: { v3pa: unknown } }> }).visits.filter((v) => v.orientation);
    expect(asked(quick.stdout).length).toBe(12);
    expect(asked(quick.stdout).every((v) => v.target === 'HD163466')).toBe(true);
    expect(asked(fromFile.stdout).map((v) => v.orientation)).toEqual(asked(quick.stdout).map((v) => v.orientation));
    expect(JSON.parse(off.stdout).maz).toBeUndefined();
  });

  it("refuses bad orientation input with one line naming the option or the file's field (exit 2)", async () => {
    const file = join(scratch, 'bad.json');
    writeFileSync(file, JSON.stringify({ constraints: [{ series: 'none', v3pa: { minDeg: 1, maxDeg: 2 } }] }));
    const runs = await Promise.all([
      cli('windows', '--target', 'HD163466', '--v3pa', '100'),
      cli('windows', '--target', 'HD163466', '--aperture-pa', '1:2'),
      cli('windows', '--target', 'HD163466', '--aperture-pa', '1:2', '--instrument', 'WFC3'),
      cli('windows', '--target', 'HD163466', '--maz', 'sometimes'),
      cli('windows', '--target', 'HD163466', '--maz-half-angle', '0'),
      cli('schedule', '--v3pa', 'HD163466'),
      cli('schedule', '--orientation', file),
    ]);
    const expected = [
      /^jwst-cadence windows: --v3pa: expected MIN:MAX/,
      /^jwst-cadence windows: --aperture-pa needs the aperture's offset from V3/,
      /^jwst-cadence windows: --instrument: expected one of NIRCam, NIRSpec, NIRISS, MIRI, FGS, got "WFC3"/,
      /^jwst-cadence windows: --maz: expected one of auto, on, off/,
      /^jwst-cadence windows: --maz-half-angle: /,
      /^jwst-cadence schedule: --v3pa: expected TARGET=MIN:MAX/,
      new RegExp(
        `^jwst-cadence schedule: --orientation ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: constraints\\.0\\.series: the program has no series "none"`,
      ),
    ];
    runs.forEach((run, index) => {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(expected[index]!);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});
