/**
 * Malformed arguments for every function the package exports, called as plain JavaScript would
 * call them. Each function has valid arguments; each case damages one place in them (a whole
 * argument or a field deep inside) in one way of a category (a wrong type, null or undefined,
 * NaN or an infinity, an empty array, object or string, a number out of range, a field added
 * or taken away, a key or a name such as `__proto__`, `constructor`, `toString`).
 *
 * The property: every case ends in a clean refusal, an InputError whose one-line message says
 * where (the function, the argument and the field; or the option group, the file and line),
 * or in an answer that holds up: no NaN anywhere in it, of the same kind as the valid answer,
 * never empty where the valid answer was not (unless an independent computation agrees that
 * nothing is the answer), and passing the function's own consistency check. Never a TypeError
 * or any other error from inside. Time is bounded by the suite's test timeout, not measured.
 *
 * The functions are those of the package's entries and every function of the checked face
 * (`src/face.ts`, each made by `checked`): the table of entries must cover them all, so a
 * function added later without an entry fails the first test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Schedule, Target } from '../src/advanced.js';
import * as api from '../src/advanced.js';
import * as face from '../src/face.js';
import { checkedMark } from '../src/validation.js';
import { EPHEMERIS_2023, readData } from './support/data.js';
import { tally } from './support/outcomes.js';
import { fullFixture as OUTPUT_FIXTURE } from './support/report-fixture.js';

const DAY = 86_400_000;
const JULY_2022 = Date.UTC(2022, 6, 1);
/** A month of Cycle 1: short, so that the answers to accepted cases are quick to compute. */
const MONTH = Object.freeze({ startMs: JULY_2022, endMs: Date.UTC(2022, 7, 1) });
const T0 = Date.UTC(2022, 6, 15, 6);
const HOUR = 3_600_000;

// ---------------------------------------------------------------------------------------------
// Valid arguments, made once.

const SCRATCH = mkdtempSync(join(tmpdir(), 'jwst-cadence-api-fuzz-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** A Horizons table of a few weeks, cut from the bundled one (the header and the rows of June-July 2022). */
function smallHorizonsText(): string {
  const lines = readData(EPHEMERIS_2023).split('\n');
  const soe = lines.findIndex((line) => line.trim() === '$$SOE');
  const eoe = lines.findIndex((line) => line.trim() === '$$EOE');
  const rows = lines.slice(soe + 1, eoe).filter((line) => /A\.D\. 2022-(Jun|Jul)/.test(line));
  return [...lines.slice(0, soe + 1), ...rows, ...lines.slice(eoe)].join('\n');
}

const PROGRAM_TEXT = [
  '---',
  'id: 9',
  '---',
  '# 9 - Fuzz',
  '',
  '| Label | Observing Template | Science Target |',
  '|---|---|---|',
  '| A | MIRI Imaging | (1) S |',
  '| B | NIRCam Imaging | (1) S |',
  '| C | MIRI Imaging | (1) S |',
  '',
].join('\n');

/** A weekly observing schedule report in the published layout: two prime visits, a continuation line, a parallel. */
const PUBLISHED_REPORT = [
  'JWST Science Observing Schedule',
  '',
  'VISIT ID    PCS MODE   VISIT TYPE                 SCHEDULED START TIME  DURATION     SCIENCE INSTRUMENT AND MODE      TARGET NAME',
  '----------  ---------  -------------------------  --------------------  -----------  -------------------------------  -----------',
  '1539:3:1    FINEGUIDE  PRIME TARGETED FIXED       2022-07-19T23:12:32Z  00/00:31:12  NIRSpec Fixed Slit Spectroscopy  BD+60-1753',
  `${' '.repeat(118)}2MASSJ`,
  '1520:16:1   NONE       PARALLEL SLEW CALIBRATION  ^ATTACHED TO PRIME^                MIRI Anneal',
  '1539:4:1    FINEGUIDE  PRIME TARGETED FIXED       2022-07-19T23:50:00Z  00/00:13:32  MIRI Imaging                     BD+60-1753',
  '',
].join('\n');
const PUBLISHED_CSV =
  'visit_id,pcs_mode,visit_type,scheduled_start_time,duration,science_instrument_and_mode,target_name\n1539:8:1,FINEGUIDE,PRIME TARGETED FIXED,2022-07-20T00:08:32Z,00/00:22:38,NIRCam Imaging,BD+60-1753\n';

const lazy = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

const V = {
  ephemeris: lazy(() => api.parseHorizonsVectors(smallHorizonsText(), 'small.txt')),
  target: lazy((): Target => api.findTarget('HD163466')),
  program: lazy(() => api.parseProgram(PROGRAM_TEXT, { source: 'p.md' })),
  /** Windows of S given as data: the scheduler needs no sky. */
  programOptions: lazy(() => ({
    cadence: { mode: 'spread', span: { start: '2022-07-01T00:00Z', end: '2022-09-01T00:00Z' }, grid: 'PT6H', margin: 0 },
    windows: {
      S: [
        { startMs: JULY_2022, endMs: JULY_2022 + 20 * DAY },
        { startMs: JULY_2022 + 30 * DAY, endMs: JULY_2022 + 62 * DAY },
      ],
    },
  })),
  schedule: lazy((): Schedule => OUTPUT_FIXTURE),
  windows: lazy(() => api.visibilityWindows('HD163466', MONTH, { observatory: api.NOMINAL_OBSERVATORY })),
  grids: lazy(() => api.observerGrids(MONTH, api.NOMINAL_OBSERVATORY)),
  /** A target on the ecliptic, and a model with a 20-degree MAZ throughout: in July 2022 the target leaves the zone mid-month. */
  ecliptic: lazy((): Target => api.parseTarget({ name: 'ECL', ra: 0, dec: 0 })),
  mazObservatory: lazy(
    (): api.ObservatoryModel => api.parseObservatory({ observer: 'nominal-l2', maz: { apply: 'on', halfAngleDeg: 20 } }),
  ),
  eclipticWindows: lazy((): api.VisibilityWindow[] =>
    api.visibilityWindows(V.ecliptic(), MONTH, { observatory: V.mazObservatory(), splitAtMaz: false }),
  ),
  eclipticMaz: lazy((): api.Span[] => api.mazIntervals(V.ecliptic(), MONTH, V.mazObservatory())),
  placements: lazy((): api.GroupPlacement[] => api.scheduleTimeline(V.timeline() as api.TimelineInput)),
  timeline: lazy(() => ({
    span: { startMs: 0, endMs: 100 * 3_600_000 },
    gridMs: 3_600_000,
    marginMs: 0,
    minGapMs: 0,
    maxGapMs: Infinity,
    windows: { S: [{ startMs: 0, endMs: 100 * 3_600_000 }] },
    mode: 'spread',
    idealMs: [],
    toleranceMs: 0,
    groups: [
      {
        target: 'S',
        epochs: [
          { durationMs: 3_600_000, targets: ['S'] },
          { durationMs: 3_600_000, targets: ['S'] },
        ],
      },
    ],
  })),
};

// ---------------------------------------------------------------------------------------------
// The table: one entry a function.

interface Entry {
  /** Valid arguments. */
  readonly args: () => unknown[];
  /**
   * How a refusal names each argument: its name (`target`), or for arguments named by the
   * caller (`parseInstant(value, field)`) or by their option group (`cadence`), that name.
   */
  readonly names: ReadonlyArray<string | readonly string[]>;
  /** Other starts of messages that say where, beside `<function>: <name>` and `<name>`: files and lines, option groups, plan rules. */
  readonly also?: readonly RegExp[];
  /** A refusal may list its problems a line each (a file reader's fields, a plan's broken rules); others are one line. */
  readonly lines?: 'many';
  /** A class: called with `new`. */
  readonly construct?: boolean;
  /** An answer that may be empty where the valid one is not, when this says it is right to be. */
  readonly emptyIsRight?: (args: unknown[], result: unknown) => boolean;
  /** A further check of an answer: undefined when it holds up, else what is wrong. */
  readonly check?: (result: unknown, args: unknown[]) => string | undefined;
  /** Damage done to the arguments before the call, made safe (a path to write goes to the scratch folder). */
  readonly safe?: (args: unknown[]) => unknown[];
  /** A function whose accepted calls end at a service (a ServiceError), the valid call too. */
  readonly service?: boolean;
  /** Fewer runs for functions whose valid answer takes a while. */
  readonly runs?: number;
}

/** A one-liner: the text contains none of the marks of numbers gone wrong. */
const cleanText = (result: unknown): string | undefined =>
  typeof result !== 'string'
    ? 'not text'
    : /\bNaN\b|Invalid DateTime|\bundefined\b|\[object Object\]/.test(result)
      ? `text holds ${result.match(/\bNaN\b|Invalid DateTime|\bundefined\b|\[object Object\]/)![0]}`
      : undefined;

/** A target from any form the visibility functions take, read by the library's own public parsers. */
function asTarget(value: unknown): Target {
  if (typeof value === 'string') return api.findTarget(value);
  const record = value as Record<string, unknown>;
  if ('raDeg' in record) {
    const { name, raDeg, decDeg, pmRaCosDecMasPerYr, pmDecMasPerYr, epochYear } = record as unknown as Target;
    return api.parseTarget({ name, ra: raDeg, dec: decDeg, pmRaCosDec: pmRaCosDecMasPerYr, pmDec: pmDecMasPerYr, epoch: epochYear });
  }
  return api.parseTarget(record);
}

function asSpan(value: unknown): api.Span {
  const record = value as Record<string, unknown>;
  return 'startMs' in record ? (record as unknown as api.Span) : api.parseSpan(record);
}

/**
 * Windows against the plain reference scan (hourly, bisected to a second): as many, with edges
 * within two minutes. An accepted case's windows must be the windows of what was accepted.
 */
function againstReference(windows: readonly api.VisibilityWindow[], target: Target, span: api.Span, options: unknown): string | undefined {
  const observatory = api.parseObservatory((options as { observatory?: unknown } | undefined)?.observatory ?? {});
  const reference = api.referenceVisibilityIntervals(target, span, observatory);
  if (reference.length !== windows.length) return `${windows.length} windows, the reference scan finds ${reference.length}`;
  for (let i = 0; i < reference.length; i++) {
    const [startMs, endMs] = reference[i]!;
    if (Math.abs(startMs - windows[i]!.startMs) > 120_000 || Math.abs(endMs - windows[i]!.endMs) > 120_000)
      return `window ${i} is not the reference's`;
  }
  return undefined;
}

/** Whether an arc holds an angle, from the arc's definition (eastward from minDeg over its width), to `slackDeg`. */
function arcHoldsAngle(range: api.AngleRange, angleDeg: number, slackDeg = 1e-9): boolean {
  const width = range.maxDeg - range.minDeg >= 360 ? 360 : (((range.maxDeg - range.minDeg) % 360) + 360) % 360;
  if (width + 2 * slackDeg >= 360) return true;
  return ((((angleDeg % 360) - range.minDeg + slackDeg) % 360) + 360) % 360 <= width + 2 * slackDeg;
}

/** Whether a value is an arc as the library holds one: ends in [0, 360), or the whole circle 0..360. */
const isArc = (value: unknown): value is api.AngleRange => {
  const range = value as api.AngleRange;
  return (
    typeof range === 'object' &&
    range !== null &&
    range.minDeg >= 0 &&
    range.minDeg < 360 &&
    range.maxDeg >= 0 &&
    (range.maxDeg < 360 || (range.maxDeg === 360 && range.minDeg === 0))
  );
};

/** Whether some angle (every hundredth of a degree) lies in every arc: a brute-force answer to "do they share any angle?". */
function shareAnAngle(ranges: readonly unknown[]): boolean {
  if (!ranges.every(isArc)) return false;
  for (let k = 0; k < 36_000; k++) if (ranges.every((range) => arcHoldsAngle(range as api.AngleRange, k / 100, 0))) return true;
  return false;
}

/** An answer arc lies in each given arc (both its ends and its middle). */
function insideEach(result: api.AngleRange, ranges: readonly api.AngleRange[]): string | undefined {
  if (!isArc(result)) return `${JSON.stringify(result)} is not an arc`;
  const width = result.maxDeg - result.minDeg >= 360 ? 360 : (((result.maxDeg - result.minDeg) % 360) + 360) % 360;
  for (const angle of [result.minDeg, result.minDeg + width / 2, result.maxDeg]) {
    if (!ranges.every((range) => arcHoldsAngle(range, angle, 1e-6))) return `${angle} is not in every arc`;
  }
  return undefined;
}

/**
 * The V3PA reach of a target at an instant (nominal plus or minus the roll), from the observatory
 * module's attitude; undefined outside the field of regard, where no roll is allowed (the roll
 * model's half-range is negative there).
 */
function reachAt(target: Target, atMs: number, observatory: api.ObservatoryModel): api.AngleRange | undefined {
  const at = api.v3PositionAngle(target, atMs, observatory);
  return at.halfRangeDeg < 0 ? undefined : { minDeg: at.minDeg, maxDeg: at.maxDeg };
}

/**
 * An empty answer of `orientationWindows` is right when, sampled every 6 hours and at the ends
 * of each window, the target's reach never meets the constraint (by the attitude module, not the
 * orientation engine's lookup table).
 */
function orientationNeverReachable(args: unknown[]): boolean {
  const [target, windows, orientation, options] = args as [
    Target,
    api.VisibilityWindow[],
    api.Orientation,
    { observatory: api.ObservatoryModel },
  ];
  for (const window of windows) {
    for (let atMs = window.startMs; ; atMs = Math.min(atMs + 6 * HOUR, window.endMs)) {
      const reach = reachAt(target, atMs, api.parseObservatory(options.observatory));
      if (reach && shareAnAngle([reach, orientation.v3pa])) return false;
      if (atMs >= window.endMs) break;
    }
  }
  return true;
}

/** The angle between a target and JWST's direction of motion at an instant, degrees. */
function angleFromRamDeg(target: Target, atMs: number, observatory: api.ObservatoryModel): number {
  const [x, y, z] = api.targetUnitVector(target, atMs);
  const [rx, ry, rz] = api.ramDirectionAt(observatory, atMs);
  return (Math.acos(Math.max(-1, Math.min(1, x * rx + y * ry + z * rz))) * 180) / Math.PI;
}

const ENTRIES: Readonly<Record<string, Entry>> = {
  // errors
  InputError: {
    args: () => ['a message'],
    names: ['message'],
    construct: true,
    check: (e) => (e instanceof api.InputError ? undefined : 'not an InputError'),
  },
  ServiceError: {
    args: () => ['a message'],
    names: ['message'],
    construct: true,
    check: (e) => (e instanceof api.ServiceError ? undefined : 'not a ServiceError'),
  },

  // time
  formatInstant: { args: () => [T0], names: ['ms'], check: cleanText },
  formatDate: { args: () => [T0], names: ['ms'], check: cleanText },
  parseInstant: { args: () => ['2022-07-01T00:00Z', 'from'], names: ['from', 'field'] },
  parseSpan: { args: () => [{ start: '2022-07-01', end: '2022-08-01' }, 'window'], names: ['window', 'field'] },
  parseDurationMs: { args: () => ['P7D', 'period'], names: ['period', 'field'] },
  cycleSpan: { args: () => [1], names: ['cycle'] },

  // sky
  wrapDeg360: {
    args: () => [370],
    names: ['angleDeg'],
    check: (r) => (typeof r === 'number' && r >= 0 && r < 360 ? undefined : `${String(r)} is not in [0, 360)`),
  },
  parseRightAscensionDeg: { args: () => ['17:24:52.275', 'ra'], names: ['ra', 'field'] },
  parseDeclinationDeg: { args: () => ['+60:25:50.75', 'dec'], names: ['dec', 'field'] },
  parseTarget: {
    args: () => [{ name: 'NEP', ra: 270, dec: 66.56, pmRaCosDec: 1, pmDec: 2, epoch: 2000 }, 'targets.csv line 4'],
    names: ['targets.csv line 4', 'where'],
  },
  positionAtDeg: { args: () => [V.target(), T0], names: ['target', 'atMs'] },
  targetUnitVector: { args: () => [V.target(), T0], names: ['target', 'atMs'] },
  unitVectorFromDeg: { args: () => [261.2, 60.4], names: ['raDeg', 'decDeg'] },
  findTarget: { args: () => ['bd+60 1753', api.BUILT_IN_TARGETS], names: ['name', 'catalog'], also: [/^target: /] },
  // A name of spaces, hyphens and underscores only has the empty key.
  targetKey: { args: () => ['BD+60 1753'], names: ['name'], emptyIsRight: ([name]) => typeof name === 'string' && /^[\s_-]*$/.test(name) },
  parseTargetsText: {
    args: () => ['name,ra,dec\nA,10,20\nB,17:00:00,+60:00:00\n', 'targets.csv'],
    names: [['text', 'targets.csv'], 'source'],
  },
  normalizeAngleRange: {
    args: () => [-10, 10],
    names: ['fromDeg', 'toDeg'],
    check: (r) => (isArc(r) ? undefined : `${JSON.stringify(r)} is not an arc`),
  },
  angleRangeWidthDeg: {
    args: () => [{ minDeg: 350, maxDeg: 10 }],
    names: ['range'],
    check: (r) => (typeof r === 'number' && r >= 0 && r <= 360 ? undefined : `${String(r)} is not in [0, 360]`),
  },
  angleRangeCentreDeg: {
    args: () => [{ minDeg: 350, maxDeg: 10 }],
    names: ['range'],
    check: (r, [range]) =>
      typeof r === 'number' && r >= 0 && r < 360 && arcHoldsAngle(range as api.AngleRange, r, 1e-9)
        ? undefined
        : `${String(r)} is not an angle of the arc`,
  },
  angleDifferenceDeg: {
    args: () => [5, 355],
    names: ['aDeg', 'bDeg'],
    // a - b by each angle's remainder (exact for any finite number), against the answer, on the circle.
    check: (r, [a, b]) => {
      const off = (((((a as number) % 360) - ((b as number) % 360) - (r as number)) % 360) + 360) % 360;
      return typeof r === 'number' && r >= -180 && r < 180 && Math.min(off, 360 - off) < 1e-6
        ? undefined
        : `${String(r)} is not a - b in [-180, 180)`;
    },
  },
  angleRangeContains: {
    args: () => [{ minDeg: 350, maxDeg: 10 }, 0, 0.5],
    names: ['range', 'angleDeg', 'toleranceDeg'],
    check: (r, [range, angle, tolerance]) =>
      r === arcHoldsAngle(range as api.AngleRange, angle as number, tolerance as number) || Math.abs(tolerance as number) > 1e-3
        ? undefined
        : 'not what the arc holds',
  },
  intersectAngleRanges: {
    args: () => [
      { minDeg: 100, maxDeg: 120 },
      { minDeg: 110, maxDeg: 130 },
    ],
    names: ['a', 'b'],
    emptyIsRight: ([a, b]) => !shareAnAngle([a, b]),
    check: (r, [a, b]) => (r === undefined ? undefined : insideEach(r as api.AngleRange, [a, b] as api.AngleRange[])),
  },
  angleRangeIntersections: {
    args: () => [
      { minDeg: 0, maxDeg: 200 },
      { minDeg: 180, maxDeg: 20 },
    ],
    names: ['a', 'b'],
    emptyIsRight: ([a, b]) => !shareAnAngle([a, b]),
    check: (r, [a, b]) =>
      (r as api.AngleRange[]).map((piece) => insideEach(piece, [a, b] as api.AngleRange[])).find((problem) => problem !== undefined),
  },
  commonAngleRange: {
    args: () => [
      [
        { minDeg: 100, maxDeg: 120 },
        { minDeg: 110, maxDeg: 130 },
        { minDeg: 115, maxDeg: 125 },
      ],
    ],
    names: ['ranges'],
    emptyIsRight: ([ranges]) => (ranges as unknown[]).length === 0 || !shareAnAngle(ranges as unknown[]),
    check: (r, [ranges]) => (r === undefined ? undefined : insideEach(r as api.AngleRange, ranges as api.AngleRange[])),
  },
  mostSharedAngleRange: {
    args: () => [
      [
        { minDeg: 0, maxDeg: 10 },
        { minDeg: 5, maxDeg: 15 },
        { minDeg: 40, maxDeg: 50 },
      ],
    ],
    names: ['ranges'],
    emptyIsRight: ([ranges]) => (ranges as unknown[]).length === 0,
    check: (r, [ranges]) => {
      if (r === undefined) return undefined;
      const shared = r as { range: api.AngleRange; count: number; members: number[] };
      if (shared.count !== shared.members.length || shared.count < 1)
        return `a count of ${shared.count} for ${shared.members.length} members`;
      return insideEach(
        shared.range,
        shared.members.map((index) => (ranges as api.AngleRange[])[index]!),
      );
    },
  },
  parseAngleRangeText: {
    args: () => ['100:120', '--v3pa'],
    names: [['text', '--v3pa'], 'field'],
    check: (r) => (isArc(r) ? undefined : 'not an arc'),
  },
  formatAngleRange: { args: () => [{ minDeg: 100, maxDeg: 120.25 }, 2], names: ['range', 'decimals'], check: cleanText },

  // observatory
  inFieldOfRegard: { args: () => [100, { minElongationDeg: 85, maxElongationDeg: 135 }], names: ['elongationDeg', 'field'] },
  offNominalRollHalfRangeDeg: { args: () => [110], names: ['elongationDeg'] },
  parseObservatory: {
    args: () => [
      { observer: 'ephemeris', ephemeris: V.ephemeris(), fieldOfRegard: { minElongationDeg: 84.8 }, margins: { nominalL2Days: 2 } },
    ],
    names: ['observatory'],
  },
  describeObserver: {
    args: () => [{ observer: 'auto', ephemeris: V.ephemeris(), fieldOfRegard: { minElongationDeg: 85, maxElongationDeg: 135 } }, MONTH],
    names: ['observatory', 'span'],
    also: [/^small\.txt: /],
  },
  observerSegments: {
    args: () => [{ observer: 'auto', ephemeris: V.ephemeris() }, MONTH],
    names: ['observatory', 'span'],
    also: [/^small\.txt: /],
  },
  sunSourceAt: { args: () => [{ observer: 'auto', ephemeris: V.ephemeris() }, T0], names: ['observatory', 'atMs'] },
  edgeMarginMs: {
    args: () => [api.DEFAULT_OBSERVATORY, { model: 'ephemeris', ephemeris: V.ephemeris() }, T0],
    names: ['observatory', 'source', 'edgeMs'],
  },
  ephemerisServes: { args: () => [V.ephemeris()], names: ['ephemeris'] },
  assertEphemerisCovers: {
    args: () => [V.ephemeris(), { startMs: Date.UTC(2022, 5, 10), endMs: Date.UTC(2022, 6, 10) }, DAY],
    names: ['ephemeris', 'span', 'spareMs'],
    also: [/^small\.txt: covers /],
  },
  ephemerisPositionKm: { args: () => [V.ephemeris(), T0], names: ['ephemeris', 'atMs'], also: [/^small\.txt: /] },
  // JWST moves round the Sun at about 30 km/s (the Earth's mean orbital speed, 29.8 km/s, with a few percent for its orbit about L2).
  ephemerisVelocityKmPerS: {
    args: () => [V.ephemeris(), T0],
    names: ['ephemeris', 'atMs'],
    also: [/^small\.txt: /],
    check: (r) =>
      Math.abs(Math.hypot(...(r as [number, number, number])) - 29.8) < 1.5
        ? undefined
        : `a speed of ${Math.hypot(...(r as [number, number, number]))} km/s`,
  },
  parseHorizonsVectors: { args: () => [smallHorizonsText(), 'small.txt'], names: [['text', 'small.txt'], 'source'] },
  builtInEphemerisPath: { args: () => [], names: [] },
  loadBuiltInEphemeris: { args: () => [], names: [] },
  horizonsQueryUrl: {
    args: () => [Date.UTC(2027, 6, 1), Date.UTC(2028, 6, 1), 'https://ssd.jpl.nasa.gov/api/horizons.api'],
    names: ['fromMs', 'toMs', 'endpoint'],
  },
  // Port 9 is one fetch never connects to (a "bad port" of the Fetch standard): an accepted case
  // ends in a ServiceError at once, and no case ever reaches a network.
  fetchHorizonsEphemeris: {
    args: () => [{ from: '2027-07-01', to: '2027-08-01', endpoint: 'http://127.0.0.1:9/', timeoutMs: 2000 }],
    names: ['options'],
    service: true,
  },
  checkSunModelSpan: { args: () => [MONTH, 'span'], names: ['span', 'field'] },
  angleBetweenRad: {
    args: () => [
      [1, 0, 0],
      [0, 0.6, 0.8],
    ],
    names: ['a', 'b'],
  },
  sunDirectionFrom: {
    args: () => [{ model: 'ephemeris', ephemeris: V.ephemeris() }, T0],
    names: ['source', 'atMs'],
    also: [/^small\.txt: /],
  },
  sunDirectionAt: { args: () => [api.NOMINAL_OBSERVATORY, T0], names: ['observatory', 'atMs'] },
  solarElongationDeg: { args: () => [V.target(), T0, api.NOMINAL_OBSERVATORY], names: ['target', 'atMs', 'observatory'] },
  positionAngleRad: {
    args: () => [
      [0.6, 0, 0.8],
      [0, 1, 0],
    ],
    names: ['from', 'towards'],
  },
  nominalV3PaDeg: {
    args: () => [
      [0.6, 0, 0.8],
      [0, 1, 0],
    ],
    names: ['targetDirection', 'sunDirection'],
  },
  v3PositionAngle: { args: () => [V.target(), T0, api.NOMINAL_OBSERVATORY], names: ['target', 'atMs', 'observatory'] },
  apertureOffsetOf: {
    args: () => ['NIRSpec', 'NIRSpec Fixed Slit Spectroscopy'],
    names: ['instrument', 'template'],
    // Unknown instruments, and the MIRI MRS, have no tabulated offset.
    emptyIsRight: ([instrument, template]) =>
      typeof instrument !== 'string' ||
      !api.APERTURE_INSTRUMENTS.some((name) => name.toUpperCase() === instrument.trim().toUpperCase()) ||
      (typeof template === 'string' && /^MIRI Medium Resolution/i.test(template.trim())),
  },
  aperturePaOf: {
    args: () => [{ v3pa: { minDeg: 100, maxDeg: 120 } }, 'NIRSpec', 'NIRSpec Fixed Slit Spectroscopy'],
    names: ['orientation', 'instrument', 'template'],
    emptyIsRight: ([orientation, instrument, template]) =>
      (orientation as api.Orientation).aperturePa === undefined &&
      ENTRIES['apertureOffsetOf']!.emptyIsRight!([instrument, template], undefined),
    // The aperture range is the V3PA range turned by the offset: its ends lie offsetDeg from the V3PA range's.
    check: (r, [orientation]) => {
      if (r === undefined) return undefined;
      const aperture = r as NonNullable<api.Orientation['aperturePa']>;
      const v3pa = (orientation as api.Orientation).v3pa;
      return arcHoldsAngle(aperture.range, v3pa.minDeg + aperture.offsetDeg, 1e-6) &&
        arcHoldsAngle(aperture.range, v3pa.maxDeg + aperture.offsetDeg, 1e-6)
        ? undefined
        : 'not the V3PA range turned by the offset';
    },
  },
  describeOrientation: {
    args: () => [api.resolveOrientation({ aperturePa: { minDeg: 238.5, maxDeg: 258.5 }, instrument: 'NIRSpec' })],
    names: ['orientation'],
    check: cleanText,
  },
  // A refusal of the input names it as `where` does (`orientation.aperturePa.minDeg: ...`).
  resolveOrientation: {
    args: () => [{ aperturePa: { minDeg: 238.5, maxDeg: 258.5 } }, 'orientation', 'NIRSpec', 'NIRSpec Fixed Slit Spectroscopy'],
    names: [['input', 'orientation'], 'where', 'instrument', 'template'],
    check: (r) => (isArc((r as api.Orientation).v3pa) ? undefined : 'no V3PA arc'),
  },
  mazSpan: {
    args: () => [{ apply: 'on', halfAngleDeg: 75 }, MONTH],
    names: ['settings', 'span'],
    // The zone is modelled nowhere with `off`, and with `auto` only from 2023-07-01.
    emptyIsRight: ([settings, span]) => {
      const { apply } = settings as api.MazSettings;
      return apply === 'off' || (apply === 'auto' && (span as api.Span).endMs <= Date.UTC(2023, 6, 1));
    },
    check: (r, [, span]) => {
      const part = r as api.Span;
      return part.startMs >= (span as api.Span).startMs && part.endMs === (span as api.Span).endMs && part.endMs > part.startMs
        ? undefined
        : 'not a part of the span that runs to its end';
    },
  },
  // The Earth's velocity stays within a degree of square to the Sun's direction (eccentricity 0.0167).
  ramDirectionAt: {
    args: () => [api.NOMINAL_OBSERVATORY, T0],
    names: ['observatory', 'atMs'],
    check: (r, [observatory, atMs]) => {
      const [x, y, z] = r as [number, number, number];
      const [sx, sy, sz] = api.sunDirectionAt(api.parseObservatory(observatory), atMs as number);
      const fromSunDeg = (Math.acos(x * sx + y * sy + z * sz) * 180) / Math.PI;
      return Math.abs(Math.hypot(x, y, z) - 1) < 1e-9 && Math.abs(fromSunDeg - 90) < 1.5 ? undefined : `${fromSunDeg} degrees from the Sun`;
    },
  },
  ramDirectionFrom: {
    args: () => [{ model: 'ephemeris', ephemeris: V.ephemeris() }, T0],
    names: ['source', 'atMs'],
    also: [/^small\.txt: /],
    check: (r) => (Math.abs(Math.hypot(...(r as [number, number, number])) - 1) < 1e-9 ? undefined : 'not a unit vector'),
  },

  // visibility
  observerGrids: { args: () => [MONTH, api.NOMINAL_OBSERVATORY], names: ['span', 'observatory'], also: [/^span\.(start|end): /] },
  sunGrid: { args: () => [MONTH, { model: 'nominal-l2' }, DAY], names: ['span', 'source', 'stepMs'], also: [/^span\.(start|end): /] },
  visibilityWindows: {
    args: () => ['HD163466', MONTH, { observatory: api.NOMINAL_OBSERVATORY }],
    names: ['target', 'span', 'options'],
    also: [/^span\.(start|end): /],
    emptyIsRight: () => true,
    check: (windows, [target, span, options]) =>
      againstReference(windows as api.VisibilityWindow[], asTarget(target), asSpan(span), options),
    runs: 60,
  },
  visibilityWindowsForTargets: {
    args: () => [
      [V.target(), 'BD+60-1753', { name: 'NEP', ra: 270, dec: 66.56 }],
      MONTH,
      { observatory: api.NOMINAL_OBSERVATORY, grids: V.grids() },
    ],
    names: ['targets', 'span', 'options'],
    also: [/^span\.(start|end): /, /^grids: /],
    emptyIsRight: ([targets]) => Array.isArray(targets) && targets.length === 0,
    check: (lists, [targets, span, options]) => {
      const all = lists as api.VisibilityWindow[][];
      if (all.length !== (targets as unknown[]).length) return `${all.length} lists for ${(targets as unknown[]).length} targets`;
      const { grids: _grids, ...rest } = options as Record<string, unknown>;
      for (let i = 0; i < all.length; i++) {
        const problem = againstReference(all[i]!, asTarget((targets as unknown[])[i]), asSpan(span), rest);
        if (problem) return `target ${i}: ${problem}`;
      }
      return undefined;
    },
    runs: 60,
  },
  heldV3Pa: {
    args: () => [V.target(), T0, T0 + 2 * HOUR, { observatory: api.NOMINAL_OBSERVATORY }],
    names: ['target', 'startMs', 'endMs', 'options'],
    // What a visit holds is reachable at its start (by the attitude module's reach).
    check: (r, [target, startMs, , options]) => {
      const held = r as api.HeldV3Pa;
      if (!isArc(held) || !(held.nominalDeg >= 0 && held.nominalDeg < 360)) return 'not an arc and a nominal angle';
      const reach = reachAt(target as Target, startMs as number, api.parseObservatory((options as { observatory: unknown }).observatory));
      return reach ? insideEach(held, [{ minDeg: (reach.minDeg - 0.01 + 360) % 360, maxDeg: (reach.maxDeg + 0.01) % 360 }]) : undefined;
    },
  },
  orientationWindows: {
    args: () => [V.target(), V.windows(), { v3pa: { minDeg: 140, maxDeg: 150 } }, { observatory: api.NOMINAL_OBSERVATORY }],
    names: ['target', 'windows', 'orientation', 'options'],
    emptyIsRight: (args) => orientationNeverReachable(args),
    // Each part lies in a window given and is the target's.
    check: (r, [target, windows]) => {
      for (const part of r as api.VisibilityWindow[]) {
        if (part.target !== (target as Target).name) return `a part of ${part.target}`;
        if (!(windows as api.VisibilityWindow[]).some((window) => part.startMs >= window.startMs && part.endMs <= window.endMs))
          return 'a part outside the windows given';
      }
      return undefined;
    },
    runs: 60,
  },
  reachedV3PaRange: {
    args: () => [V.target(), JULY_2022, JULY_2022 + 10 * DAY, { observatory: api.NOMINAL_OBSERVATORY }],
    names: ['target', 'startMs', 'endMs', 'options'],
    // What is reached during the interval holds the reach at its start.
    check: (r, [target, startMs, , options]) => {
      const reach = reachAt(target as Target, startMs as number, api.parseObservatory((options as { observatory: unknown }).observatory));
      return reach
        ? insideEach({ minDeg: (reach.minDeg + 0.01) % 360, maxDeg: (reach.maxDeg - 0.01 + 360) % 360 }, [r as api.AngleRange])
        : undefined;
    },
  },
  seriesOrientation: {
    args: () => [V.schedule().visits],
    names: ['visits'],
    emptyIsRight: ([visits]) => !(visits as api.ScheduledVisit[]).some((visit) => visit.v3pa !== undefined && visit.status !== 'failed'),
    check: (r) => {
      for (const series of r as api.SeriesOrientation[]) {
        if (series.common) {
          const problem = insideEach(
            series.common,
            series.epochs.map((epoch) => epoch.range),
          );
          if (problem) return `${series.series}: ${problem}`;
        } else if (!series.best) return `${series.series}: neither a common range nor a best one`;
      }
      return undefined;
    },
  },
  mazIntervals: {
    args: () => [V.ecliptic(), MONTH, V.mazObservatory()],
    names: ['target', 'span', 'observatory'],
    // Empty is right when, sampled every 6 hours, the target is never within the half-angle of the direction of motion.
    emptyIsRight: ([target, span, observatory]) => {
      const model = api.parseObservatory(observatory);
      const applies = api.mazSpan(model.maz, span as api.Span);
      if (!applies) return true;
      for (let atMs = applies.startMs; atMs < applies.endMs; atMs += 6 * HOUR)
        if (angleFromRamDeg(target as Target, atMs, model) < model.maz.halfAngleDeg) return false;
      return true;
    },
    check: (r, [target, span, observatory]) => {
      const model = api.parseObservatory(observatory);
      for (const interval of r as api.Span[]) {
        if (interval.startMs < (span as api.Span).startMs || interval.endMs > (span as api.Span).endMs)
          return 'an interval outside the span';
        const middle = angleFromRamDeg(target as Target, (interval.startMs + interval.endMs) / 2, model);
        if (middle > model.maz.halfAngleDeg + 0.01) return `the middle of an interval lies ${middle} degrees from the direction of motion`;
      }
      return undefined;
    },
    runs: 60,
  },
  splitWindowsAtMaz: {
    args: () => [V.ecliptic(), V.eclipticWindows(), V.eclipticMaz(), MONTH, { observatory: V.mazObservatory() }],
    names: ['target', 'windows', 'maz', 'span', 'options'],
    emptyIsRight: ([, windows]) => (windows as unknown[]).length === 0,
    // The parts cover the windows given, no more and no less.
    check: (r, [, windows]) => {
      const total = (list: readonly api.VisibilityWindow[]): number =>
        list.reduce((sum, window) => sum + (window.endMs - window.startMs), 0);
      return total(r as api.VisibilityWindow[]) === total(windows as api.VisibilityWindow[])
        ? undefined
        : 'parts that do not cover the windows';
    },
    runs: 60,
  },
  avoidDates: {
    args: () => ['2022-07-10', '2022-07-20T12:00Z'],
    names: ['from', 'to'],
    // The constraint it makes allows all of a month but [from, to): sorted, disjoint, inside the month, as long as the month less the overlap.
    check: (r, [from, to]) => {
      if (typeof r !== 'function') return 'not a constraint';
      const [fromMs, toMs] = [api.parseInstant(from as string), api.parseInstant(to as string)];
      const allowed = (r as api.VisibilityConstraint)(V.target(), MONTH);
      let lastEndMs = MONTH.startMs;
      for (const interval of allowed) {
        if (!(interval.startMs >= lastEndMs && interval.endMs > interval.startMs && interval.endMs <= MONTH.endMs))
          return `${JSON.stringify(interval)} is out of order or outside the month`;
        if (interval.endMs > fromMs && interval.startMs < toMs) return `${JSON.stringify(interval)} overlaps the avoided stretch`;
        lastEndMs = interval.endMs;
      }
      const overlapMs = Math.max(0, Math.min(toMs, MONTH.endMs) - Math.max(fromMs, MONTH.startMs));
      const allowedMs = allowed.reduce((sum, interval) => sum + (interval.endMs - interval.startMs), 0);
      return allowedMs === MONTH.endMs - MONTH.startMs - overlapMs
        ? undefined
        : 'allows more or less than the month less the avoided stretch';
    },
  },
  referenceVisibilityIntervals: {
    args: () => [V.target(), { startMs: JULY_2022, endMs: JULY_2022 + 10 * DAY }, api.NOMINAL_OBSERVATORY, 6 * 3_600_000],
    names: ['target', 'span', 'observatory', 'stepMs'],
    also: [/^span\.(start|end): /],
    emptyIsRight: () => true,
  },

  // program
  parseProgram: {
    args: () => [PROGRAM_TEXT, { source: 'p.md', durations: { 'MIRI Imaging': 2 } }],
    names: [['text', 'p.md'], 'options'],
    also: [/^program( line \d+)?: /],
  },
  loadBuiltInProgram: { args: () => [{ durations: { 'MIRI Imaging': 2 } }], names: ['options'], also: [/^program-1539\.md line \d+: /] },
  // Damage to the program can leave the plan naming a visit it no longer has: the plan's field is named then.
  programStructure: { args: () => [V.program(), { links: [{ observation: 3, after: 1 }] }], names: ['program', 'plan'], also: [/^plan\./] },
  seriesId: { args: () => [{ target: 'S', template: 'MIRI Imaging' }], names: ['visit'] },
  instrumentOfTemplate: { args: () => ['MIRI Imaging'], names: ['template'], emptyIsRight: () => true },
  templateDurationMs: { args: () => ['MIRI Imaging', { 'MIRI Imaging': 2 }], names: ['template', 'overrides'], emptyIsRight: () => true },
  builtInProgramPath: { args: () => [], names: [] },
  formatVisitId: { args: () => ['1539', { observation: 9, visit: 1 }], names: ['program', 'visit'] },
  parseVisitId: { args: () => ['1539:9:1'], names: ['text'], emptyIsRight: () => true },
  blockDurationMs: { args: () => [[3_600_000, 1_800_000]], names: ['durationsMs'], emptyIsRight: () => true },

  // cadence
  parseCadenceSpec: {
    args: () => [
      {
        mode: 'period',
        period: 'P7D',
        tolerance: 2,
        span: { start: '2022-07-01', end: '2022-09-01' },
        fixed: [{ observation: 1, start: '2022-07-02' }],
      },
    ],
    names: ['cadence'],
  },
  scheduleProgram: {
    args: () => [V.program(), V.programOptions()],
    names: ['program', 'options'],
    also: [/^cadence[.:]/, /^plan[.:]/, /^p\.md line \d+: /, /^fixed: /, /^span\.(start|end): /],
    check: (result, [program]) => {
      const schedule = result as Schedule;
      const count = (program as { visits: unknown[] }).visits.length;
      if (schedule.visits.length + schedule.unscheduled.length !== count)
        return `${schedule.visits.length} placed and ${schedule.unscheduled.length} unscheduled of ${count} visits`;
      if (api.checkPlan(schedule).problems.length > 0) return `an inconsistent plan: ${api.checkPlan(schedule).problems[0]!.message}`;
      return undefined;
    },
    runs: 60,
  },
  scheduleTimeline: {
    args: () => [V.timeline()],
    names: ['input'],
    also: [/^fixed: /],
    emptyIsRight: ([input]) => (input as api.TimelineInput).groups.length === 0,
    check: (result, [input]) => {
      const groups = (input as api.TimelineInput).groups;
      const placements = result as api.GroupPlacement[];
      if (placements.length !== groups.length) return `${placements.length} placements for ${groups.length} groups`;
      for (let g = 0; g < groups.length; g++) {
        const starts = placements[g]!.startsMs;
        if (starts.length !== groups[g]!.epochs.length) return `group ${g}: ${starts.length} starts for ${groups[g]!.epochs.length} epochs`;
        if (starts.some((start, e) => start === null && !placements[g]!.reasons[e]))
          return `group ${g}: an epoch left out without a reason`;
      }
      return undefined;
    },
  },
  epochStartProblems: {
    args: () => [V.timeline(), api.scheduleTimeline(V.timeline() as api.TimelineInput), 0, 0, 30 * HOUR],
    names: ['input', 'placements', 'group', 'epoch', 'startMs'],
    also: [/^fixed: /],
    check: (r) =>
      (r as string[]).every((problem) => cleanText(problem) === undefined && problem !== '')
        ? undefined
        : 'a problem in words that is empty or holds a broken value',
  },
  spreadGaps: {
    args: () => [[25, 75], 0, 100, false],
    names: ['startsMs', 'spanStartMs', 'spanEndMs', 'fromHistory'],
    emptyIsRight: ([starts]) => Array.isArray(starts) && starts.length === 0,
    check: (r) => ((r as number[]).some((gap) => gap < 0) ? 'a negative gap' : undefined),
  },
  compareLeximax: {
    args: () => [
      [3, 1, 1],
      [2, 2, 2],
    ],
    names: ['a', 'b'],
  },
  timelineBlocks: {
    args: () => [V.timeline(), V.placements()],
    names: ['input', 'placements'],
    emptyIsRight: () => true,
    check: (result, [input, placements]) => {
      // Every placed or fixed epoch once, where it is placed, sorted by start.
      const { blocks } = result as api.TimelineBlocks;
      const groups = (input as api.TimelineInput).groups;
      const placed = groups.flatMap((group, g) =>
        group.epochs.flatMap((epoch, e) =>
          (epoch.fixedStartMs ?? (placements as api.GroupPlacement[])[g]!.startsMs[e]) === null ? [] : [1],
        ),
      );
      if (blocks.length !== placed.length) return `${blocks.length} blocks for ${placed.length} placed epochs`;
      return blocks.some((block, k) => k > 0 && block.startMs < blocks[k - 1]!.startMs) ? 'blocks out of order' : undefined;
    },
  },
  allowedEpochStarts: {
    args: () => [V.timeline(), V.placements(), 0, 1],
    names: ['input', 'placements', 'group', 'epoch', 'blocks'],
    // Empty only when the epoch's own start is not allowed either (or it has none).
    emptyIsRight: ([input, placements, group, epoch]) => {
      const start = (placements as api.GroupPlacement[])[group as number]!.startsMs[epoch as number];
      return (
        start === null ||
        api.epochStartProblems(input as api.TimelineInput, placements as api.GroupPlacement[], group as number, epoch as number, start!)
          .length > 0
      );
    },
    check: (result, [input, placements, group, epoch]) => {
      // Each interval's ends are starts the independent check finds nothing wrong with.
      for (const range of result as api.TimeInterval[]) {
        for (const at of [range.startMs, range.endMs]) {
          const problems = api.epochStartProblems(
            input as api.TimelineInput,
            placements as api.GroupPlacement[],
            group as number,
            epoch as number,
            at,
          );
          if (problems.length > 0) return `an allowed start ${at} breaks: ${problems[0]}`;
        }
      }
      return undefined;
    },
  },
  epochSlack: {
    args: () => [V.timeline(), V.placements(), 0, 1, api.timelineBlocks(V.timeline() as api.TimelineInput, V.placements())],
    names: ['input', 'placements', 'group', 'epoch', 'blocks'],
    check: (result, [, placements, group, epoch]) => {
      const start = (placements as api.GroupPlacement[])[group as number]!.startsMs[epoch as number];
      if (start === null) return result === undefined ? undefined : 'a slack for an epoch with no start';
      const slack = result as api.EpochSlack;
      return slack.earliestMs <= start! && start! <= slack.latestMs && slack.stepMs > 0
        ? undefined
        : `a slack ${JSON.stringify(slack)} that does not hold the start ${start}`;
    },
  },
  epochSlackRuns: {
    args: () => [V.timeline(), V.placements(), 0, 1, api.timelineBlocks(V.timeline() as api.TimelineInput, V.placements())],
    names: ['input', 'placements', 'group', 'epoch', 'blocks'],
    check: (result, [, placements, group, epoch]) => {
      const start = (placements as api.GroupPlacement[])[group as number]!.startsMs[epoch as number];
      if (start === null) return result === undefined ? undefined : 'runs for an epoch with no start';
      const runs = result as api.SlackRun[];
      return runs.some((run) => run.earliestMs <= start! && start! <= run.latestMs)
        ? undefined
        : `runs ${JSON.stringify(runs)} that do not hold the start ${start}`;
    },
  },
  parseOperationsOptions: {
    args: () => [
      { executed: [{ observation: 1, start: '2022-07-11T07:00Z', status: 'failed' }], now: '2022-07-20T00:00Z', repeatPerCycle: false },
    ],
    names: [['options', 'executed', 'now', 'repeatPerCycle', 'continueFrom']],
  },
  moveEpoch: {
    args: () => [V.schedule(), { target: 'HD163466', epoch: 2, cycle: 1, start: '2022-10-10T12:00Z' }, { maxGapDays: 40 }],
    names: ['schedule', 'move', 'options'],
    check: (result) => {
      const effect = result as api.EpochMoveEffect;
      return effect.moved.length > 0 ? undefined : 'a move that moved nothing';
    },
  },
  checkPlan: { args: () => [V.schedule()], names: ['schedule'] },
  assertConsistentPlan: {
    args: () => [V.schedule(), 'plan.json'],
    lines: 'many',
    names: ['schedule', 'source'],
    also: [/^plan\.json: [a-z-]+: /m],
    emptyIsRight: () => true,
  },
  observedPlan: {
    args: () => [
      api.readPublishedSchedule([{ name: 'week.txt', text: PUBLISHED_REPORT }], '1539'),
      { now: '2022-07-19T23:30Z', epochJoinHours: 6 },
    ],
    names: ['published', 'options'],
    check: (r) => {
      const plan = r as Schedule;
      return api.checkPlan(plan).problems.length === 0 ? undefined : 'a plan that breaks a rule';
    },
  },
  cadenceGaps: {
    args: () => [V.schedule(), { maxGapDays: 40, ignoreForced: true }],
    lines: 'many',
    names: ['schedule', 'gaps'],
    also: [/^schedule: [a-z-]+: /m],
  },

  // output
  writeFileAtomic: {
    args: () => [join(SCRATCH, 'out', 'plan.txt'), 'text'],
    names: ['path', 'text'],
    // Every path written goes to the scratch folder, whatever the case made of it.
    safe: ([path, ...rest]) => [
      typeof path === 'string' && path !== '' && !path.includes('\0') ? join(SCRATCH, 'cases', basename(path) || 'x') : path,
      ...rest,
    ],
  },
  formatAptDate: { args: () => [T0], names: ['ms'], check: cleanText },
  scheduleToApt: { args: () => [V.schedule(), { toleranceDays: 3 }], names: ['schedule', 'options'], check: cleanText },
  scheduleToCsv: { args: () => [V.schedule()], names: ['schedule'], check: cleanText },
  scheduleToIcs: { args: () => [V.schedule(), { stamp: '2022-06-01T00:00Z' }], names: ['schedule', 'options'], check: cleanText },
  visitUid: { args: () => ['1539', 2, 3], names: ['programId', 'observation', 'cycle'], check: cleanText },
  icsSequence: {
    args: () => [T0],
    names: ['stampMs'],
    check: (r) => (Number.isInteger(r) && (r as number) >= 1 && (r as number) < 2 ** 31 ? undefined : `${String(r)} is not a SEQUENCE`),
  },
  slackText: { args: () => [{ earliestMs: T0, latestMs: T0 + 7 * DAY }], names: ['slack'], check: cleanText },
  readExecutedVisits: {
    args: () => ['observation,start,status,cycle\n1,2022-07-11T07:00Z,done,1\n2,2022-07-11T09:00Z,failed,1\n', 'executed.csv'],
    names: [['text', 'executed.csv'], 'source'],
  },
  readScheduleReports: { args: () => [PUBLISHED_REPORT, 'week.txt'], names: [['text', 'week.txt'], 'source'] },
  readPublishedSchedule: {
    args: () => [
      [
        { name: 'week.txt', text: PUBLISHED_REPORT },
        { name: 'week.csv', text: PUBLISHED_CSV },
      ],
      '1539',
    ],
    names: ['files', 'program'],
    also: [/^week\.(txt|csv)( \(report [^)]*\))?( line \d+)?: /],
    emptyIsRight: ([, program]) => program !== '1539',
  },
  scheduleFromJson: {
    args: () => [api.scheduleToJson(V.schedule()), 'plan.json'],
    lines: 'many',
    names: [['text', 'plan.json'], 'source'],
  },
  scheduleToJson: { args: () => [V.schedule()], names: ['schedule'], check: cleanText },
  scheduleToSvg: { args: () => [V.schedule(), { width: 900 }], names: ['schedule', 'svg'], check: cleanText },
  scheduleToCalendarText: {
    args: () => [V.schedule(), { width: 100 }],
    lines: 'many',
    names: ['schedule', 'options'],
    also: [/^schedule: [a-z-]+: /m],
    check: cleanText,
  },
  scheduleToHtml: {
    args: () => [V.schedule(), { maxGapDays: 40 }],
    lines: 'many',
    names: ['schedule', 'report'],
    also: [/^schedule: [a-z-]+: /m],
    check: cleanText,
    runs: 40,
  },
  windowToJson: { args: () => [V.windows()[0]], names: ['window'] },
  windowsToJson: { args: () => [V.windows()], names: ['windows'], check: cleanText },
  windowsToCsv: { args: () => [V.windows()], names: ['windows'], check: cleanText },
};

// ---------------------------------------------------------------------------------------------
// Damage: where, and how.

type Path = readonly (string | number)[];
/** A place to damage; an element of a typed array takes only numbers. */
type Site = { readonly path: Path; readonly value: unknown; readonly numbersOnly?: boolean };

/** Every place in the arguments a case may damage: each argument, and the fields inside, a few deep. */
function sitesOf(args: unknown[]): Site[] {
  const sites: Site[] = [];
  const walk = (value: unknown, path: Path, depth: number): void => {
    sites.push({ path, value });
    if (depth >= 5 || value === null || typeof value !== 'object') return;
    if (ArrayBuffer.isView(value)) {
      const length = (value as Float64Array).length;
      for (const i of new Set([0, 1, length >> 1, length - 1]))
        if (i >= 0 && i < length) sites.push({ path: [...path, i], value: (value as Float64Array)[i], numbersOnly: true });
      return;
    }
    if (Array.isArray(value)) {
      for (const i of new Set([0, 1, value.length - 1])) if (i >= 0 && i < value.length) walk(value[i], [...path, i], depth + 1);
      return;
    }
    for (const key of Object.keys(value).slice(0, 16)) walk((value as Record<string, unknown>)[key], [...path, key], depth + 1);
  };
  args.forEach((arg, index) => {
    walk(arg, [index], 0);
  });
  return sites;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const;
const OTHER_TYPES: readonly unknown[] = [
  'x',
  'P7D',
  42,
  0,
  true,
  [],
  {},
  [1, 2],
  () => 1,
  Symbol('s'),
  10n,
  new Date(Number.NaN),
  new Map(),
];
const OUT_OF_RANGE: readonly number[] = [-1, -0.5, 0, 0.5, 1e-300, 361, -91, 2 ** 53 + 2, 8.64e15 + 1, 1e308, -1e308];

type Category =
  | 'wrong type'
  | 'null or undefined'
  | 'NaN or infinite'
  | 'empty'
  | 'out of range'
  | 'extra or missing field'
  | 'prototype-named key';
const CATEGORIES: readonly Category[] = [
  'wrong type',
  'null or undefined',
  'NaN or infinite',
  'empty',
  'out of range',
  'extra or missing field',
  'prototype-named key',
];

const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : ArrayBuffer.isView(value) ? 'typed' : typeof value;

interface Damage {
  readonly path: Path;
  readonly apply: (parent: Record<string | number, unknown>, key: string | number) => void;
  readonly what: string;
}

const replaceWith = (value: unknown) => (parent: Record<string | number, unknown>, key: string | number) => {
  parent[key] = value;
};

/** A case's damage, from the category and the numbers fast-check drew; undefined when the category has no place here. */
function damageOf(
  category: Category,
  allSites: readonly Site[],
  arity: number,
  pick: number,
  choice: number,
  word: string,
): Damage | undefined {
  const numeric = category === 'NaN or infinite' || category === 'out of range';
  const sites = numeric ? allSites : allSites.filter((site) => !site.numbersOnly);
  const among = <T>(list: readonly T[]): T | undefined => (list.length === 0 ? undefined : list[pick % list.length]);
  const one = <T>(list: readonly T[]): T => list[choice % list.length]!;
  // With no argument to damage, every category adds one the function does not take.
  if (allSites.length === 0) return { path: [arity], apply: replaceWith(one(OTHER_TYPES)), what: 'an argument it does not take' };
  switch (category) {
    case 'wrong type': {
      const site = among(sites)!;
      const others = OTHER_TYPES.filter((value) => kindOf(value) !== kindOf(site.value));
      const value = one(others);
      return { path: site.path, apply: replaceWith(value), what: `${kindOf(value)} for ${kindOf(site.value)}` };
    }
    case 'null or undefined': {
      const value = one([null, undefined]);
      return { path: among(sites)!.path, apply: replaceWith(value), what: String(value) };
    }
    case 'NaN or infinite': {
      const numeric = sites.filter((site) => typeof site.value === 'number');
      const value = one([Number.NaN, Infinity, -Infinity]);
      return { path: (among(numeric) ?? among(sites)!).path, apply: replaceWith(value), what: String(value) };
    }
    case 'empty': {
      const site = among(sites.filter((s) => typeof s.value === 'string' || (typeof s.value === 'object' && s.value !== null)));
      if (!site) return undefined;
      const value =
        typeof site.value === 'string' ? '' : Array.isArray(site.value) ? [] : ArrayBuffer.isView(site.value) ? new Float64Array(0) : {};
      return { path: site.path, apply: replaceWith(value), what: `empty ${kindOf(site.value)}` };
    }
    case 'out of range': {
      const site = among(sites.filter((s) => typeof s.value === 'number'));
      if (!site) return undefined;
      const value = one(OUT_OF_RANGE);
      return { path: site.path, apply: replaceWith(value), what: String(value) };
    }
    case 'extra or missing field': {
      const objects = sites.filter((s) => kindOf(s.value) === 'object' || kindOf(s.value) === 'array');
      const site = among(objects);
      if (!site) return undefined;
      if (choice % 2 === 0) {
        const name = word === '' ? 'extra' : word;
        return {
          path: site.path,
          apply: (parent, key) => {
            const target = parent[key] as Record<string, unknown>;
            if (Array.isArray(target)) target.push(one(OTHER_TYPES));
            else Object.defineProperty(target, name, { value: one(OTHER_TYPES), enumerable: true, writable: true, configurable: true });
          },
          what: `extra field ${JSON.stringify(name)}`,
        };
      }
      return {
        path: site.path,
        apply: (parent, key) => {
          const target = parent[key] as Record<string, unknown>;
          if (Array.isArray(target)) target.splice(choice % Math.max(1, target.length), 1);
          else {
            const keys = Object.keys(target);
            if (keys.length > 0) delete target[keys[choice % keys.length]!];
          }
        },
        what: 'a field taken away',
      };
    }
    case 'prototype-named key': {
      const name = one(PROTO_KEYS);
      const strings = sites.filter((s) => typeof s.value === 'string');
      const objects = sites.filter((s) => kindOf(s.value) === 'object');
      if (choice % 2 === 0 && objects.length > 0) {
        return {
          path: among(objects)!.path,
          apply: (parent, key) => {
            Object.defineProperty(parent[key] as object, name, {
              value: one([1, 'x', {}, null, [1]]),
              enumerable: true,
              writable: true,
              configurable: true,
            });
          },
          what: `own key ${name}`,
        };
      }
      const site = among(strings) ?? among(sites)!;
      return { path: site.path, apply: replaceWith(name), what: `the name ${name}` };
    }
  }
}

/** Apply a damage to a copy of the arguments (one structured clone: shared objects stay shared). */
function damaged(args: unknown[], damage: Damage): unknown[] {
  const copy = structuredClone(args) as unknown[];
  const holder = { root: copy } as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = holder['root'] as Record<string | number, unknown>;
  const path = damage.path;
  for (let i = 0; i < path.length - 1; i++) parent = parent[path[i]!] as Record<string | number, unknown>;
  damage.apply(parent, path[path.length - 1]!);
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Outcomes.

/** The path of the first NaN inside a value, or undefined. */
function nanIn(value: unknown, path = 'result', seen = new Set<unknown>()): string | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const array = value as Float64Array;
    for (let i = 0; i < array.length; i++) if (Number.isNaN(array[i])) return `${path}[${i}]`;
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    const found = nanIn(inner, `${path}.${key}`, seen);
    if (found) return found;
  }
  return undefined;
}

const isEmpty = (value: unknown): boolean => (Array.isArray(value) || typeof value === 'string' ? value.length === 0 : value === undefined);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a refusal says where: `<fn>: <name>[.field]: `, `<name>[.field]: `, or one of the entry's other places. */
function saysWhere(message: string, fn: string, entry: Entry, argIndex: number): boolean {
  const named = entry.names[argIndex];
  const patterns: RegExp[] = [...(entry.also ?? [])];
  if (named !== undefined) {
    for (const name of typeof named === 'string' ? [named] : named) {
      const field = `${escapeRegExp(name)}(\\.[^:;\\s]+)*(: |\\b)`;
      patterns.push(new RegExp(`^${escapeRegExp(fn)}: ${field}`), new RegExp(`^${field}`));
    }
  } else {
    patterns.push(new RegExp(`^${escapeRegExp(fn)}: `));
  }
  return patterns.some((pattern) => pattern.test(message));
}

const counts = new Map<Category, ReturnType<typeof tally>>(
  CATEGORIES.map((category) => [category, tally(`library arguments, ${category}`)]),
);

async function call(fn: string, entry: Entry, args: unknown[]): Promise<unknown> {
  const target = API[fn] as (...a: unknown[]) => unknown;
  const run = entry.safe ? entry.safe(args) : args;
  // eslint-disable-next-line new-cap
  return entry.construct ? new (target as unknown as new (...a: unknown[]) => unknown)(...run) : await target(...run);
}

function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    ArrayBuffer.isView(inner) ? Array.from(inner as Float64Array) : typeof inner === 'bigint' ? String(inner) : inner,
  );
}

// ---------------------------------------------------------------------------------------------
// The tests.

/** Every function a user can call: the package's exports and the checked face. */
const API: Readonly<Record<string, unknown>> = { ...api, ...face };

const exportedFunctions = Object.entries(API)
  .filter(([, value]) => typeof value === 'function')
  .map(([name]) => name)
  .sort();

/** The checked face's own table: each checked function by name, with its schema's arguments. */
const faceTable = Object.entries(face).flatMap(([name, value]) => {
  const mark = checkedMark(value);
  return mark ? [{ name, mark }] : [];
});

/** A function's parameter names, from its source text (each name up to its default or type). */
function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const text = fn.toString();
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = text.indexOf('('); i < text.length; i += 1) {
    const c = text[i]!;
    if ('([{'.includes(c)) depth += 1;
    if (')]}'.includes(c)) depth -= 1;
    if (depth === 0) break;
    if (c === ',' && depth === 1) {
      names.push(current);
      current = '';
    } else if (!(c === '(' && depth === 1)) current += c;
  }
  names.push(current);
  return names.map((name) => name.trim().split(/[\s=]/)[0]!).filter((name) => name !== '');
}

describe('library arguments: malformed calls of every exported function', () => {
  it("walks the checked face's table: each function is exported by its name, checks its parameters in order, and is fuzzed", () => {
    expect(faceTable.length).toBeGreaterThan(80);
    for (const { name, mark } of faceTable) {
      expect(mark.name, name).toBe(name);
      // The schema's fields are the checked function's first parameters, in order.
      const fields = Object.keys(mark.schema.shape);
      expect(parameterNames(mark.fn).slice(0, fields.length), name).toEqual(fields);
      expect(ENTRIES[name], `${name}: no fuzz entry`).toBeDefined();
      // The entry names each argument as the schema does (or among the names a message may use for it).
      const named = ENTRIES[name]!.names.slice(0, fields.length).map((given, index) =>
        typeof given === 'string' ? given === fields[index] : given.includes(fields[index]!),
      );
      expect(named, `${name}: the entry's argument names against ${fields.join(', ')}`).not.toContain(false);
    }
  });

  it('has a fuzz entry for every function the package exports, and none for functions it does not', () => {
    expect(
      exportedFunctions.filter((name) => !(name in ENTRIES)),
      'exported functions without a fuzz entry',
    ).toEqual([]);
    expect(
      Object.keys(ENTRIES).filter((name) => !exportedFunctions.includes(name)),
      'entries for functions not exported',
    ).toEqual([]);
  });

  for (const fn of exportedFunctions) {
    const entry = ENTRIES[fn];
    if (!entry) continue;
    it(`${fn}: refuses what it cannot use, naming the argument, or answers soundly`, async () => {
      const valid = entry.args();
      const baseline = await call(fn, entry, structuredClone(valid)).catch((error: unknown) => {
        if (entry.service && error instanceof api.ServiceError) return 'a ServiceError';
        throw error;
      });
      expect(nanIn(baseline), `${fn}: the valid call answers NaN`).toBeUndefined();
      const baselineText = fingerprint(baseline);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CATEGORIES),
          fc.nat(),
          fc.nat(),
          fc.stringMatching(/^[a-zA-Z_]{0,8}$/),
          async (category, pick, choice, word) => {
            const damage = damageOf(category, sitesOf(structuredClone(valid)), valid.length, pick, choice, word);
            if (!damage) return;
            const args = damaged(valid, damage);
            const record = counts.get(category)!;
            const where = `${fn} with ${damage.what} at argument ${damage.path.join('.')}`;
            let result: unknown;
            try {
              result = await call(fn, entry, args);
            } catch (error) {
              if (entry.service && error instanceof api.ServiceError) {
                record('accepted, then the service refused (no server)');
                return;
              }
              expect(error, `${where}: ${(error as Error)?.stack ?? String(error)}`).toBeInstanceOf(api.InputError);
              const message = (error as Error).message;
              expect(message, `${where}: a raw zod error`).not.toMatch(/ZodError|^\s*[[{]/);
              if (entry.lines !== 'many') expect(message, `${where}: a refusal of more than one line`).not.toContain('\n');
              // The damaged argument, or, where the damage breaks a rule between arguments (a start
              // after a span's end), another argument of the rule.
              const argIndex = Number(damage.path[0]);
              if (saysWhere(message, fn, entry, argIndex)) record('refused, naming where');
              else {
                const other = entry.names.some((_, index) => index !== argIndex && saysWhere(message, fn, entry, index));
                expect(other, `${where}: the refusal does not say where: ${message}`).toBe(true);
                record('refused, naming a related argument');
              }
              return;
            }
            expect(nanIn(result), `${where}: the answer holds NaN`).toBeUndefined();
            if (!(result === undefined && entry.emptyIsRight?.(args, result)))
              expect(kindOf(result), `${where}: an answer of another kind`).toBe(kindOf(baseline));
            if (isEmpty(result) && !isEmpty(baseline)) {
              expect(entry.emptyIsRight?.(args, result) ?? false, `${where}: an empty answer where the valid call gives one`).toBe(true);
            }
            const problem = entry.check?.(result, args);
            expect(problem, `${where}: ${problem}`).toBeUndefined();
            record(fingerprint(result) === baselineText ? 'answered, as for the valid call' : 'answered otherwise, soundly');
          },
        ),
        { seed: 9_009, numRuns: entry.runs ?? 120 },
      );
    });
  }
});

/** The message of a call's refusal: one InputError, one line (fails the test on an answer or any other error). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(api.InputError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a refusal, got an answer');
}

describe('library arguments: the calls that used to fail from inside or answer wrongly', () => {
  it('visibilityWindows: null, and a target record with NaN and an impossible declination', () => {
    expect(refusal(() => api.visibilityWindows(null as never, MONTH))).toMatch(
      /^visibilityWindows: target: expected a catalogue name, a target or target input/,
    );
    const message = refusal(() => api.visibilityWindows({ ...V.target(), raDeg: Number.NaN, decDeg: 95 }, MONTH));
    expect(message).toMatch(/^visibilityWindows: target\.raDeg: not a finite number \(NaN\); target\.decDeg: must be at most 90, got 95$/);
  });

  it('scheduleProgram: negative, NaN and year-long durations, and duplicate observation numbers', () => {
    const program = V.program();
    const withVisit = (index: number, change: Record<string, unknown>) => ({
      ...program,
      visits: program.visits.map((visit, i) => (i === index ? { ...visit, ...change } : visit)),
    });
    for (const durationMs of [-3_600_000, Number.NaN, 400 * DAY]) {
      expect(refusal(() => api.scheduleProgram(withVisit(1, { durationMs }) as never, V.programOptions() as never))).toMatch(
        /^scheduleProgram: program\.visits\.1\.durationMs: /,
      );
    }
    expect(refusal(() => api.scheduleProgram(withVisit(2, { observation: 1 }) as never, V.programOptions() as never))).toMatch(
      /^scheduleProgram: program\.visits\.2\.observation: observation 1 is already visits\.0/,
    );
  });

  it('cadenceGaps and the writers: a schedule made by hand with a NaN instant', () => {
    const schedule = V.schedule();
    const spoiled = { ...schedule, visits: schedule.visits.map((visit, i) => (i === 3 ? { ...visit, startMs: Number.NaN } : visit)) };
    expect(refusal(() => api.cadenceGaps(spoiled))).toMatch(/^cadenceGaps: schedule\.visits\.3\.startMs: not a finite instant \(NaN\)/);
    for (const [name, write] of [
      ['scheduleToCsv', api.scheduleToCsv],
      ['scheduleToSvg', api.scheduleToSvg],
      ['scheduleToIcs', api.scheduleToIcs],
    ] as const) {
      expect(refusal(() => write(spoiled))).toMatch(
        new RegExp(`^${name}: schedule\\.visits\\.3\\.startMs: not a finite instant \\(NaN\\)`),
      );
    }
  });

  it('a Horizons table whose arrays do not match, or with a row zeroed', () => {
    const table = V.ephemeris();
    const short = { ...table, positionsKm: table.positionsKm.slice(3) };
    expect(refusal(() => api.ephemerisPositionKm(short, T0))).toMatch(
      /^ephemerisPositionKm: ephemeris\.positionsKm: holds \d+ numbers; \d+ rows need \d+$/,
    );
    const zeroed = { ...table, positionsKm: Float64Array.from(table.positionsKm, (x, i) => (i < 3 ? 0 : x)) };
    expect(refusal(() => api.observerSegments({ observer: 'auto', ephemeris: zeroed } as never, MONTH))).toMatch(
      /^observerSegments: observatory\.ephemeris\.positionsKm\.0: row 0: a distance from the Sun of 0 km is not plausible/,
    );
  });

  it('Sun grids of another span, step or observer', () => {
    const grids = V.grids();
    const otherMonth = { startMs: MONTH.endMs, endMs: MONTH.endMs + 31 * DAY };
    // Grids that do not cover the span.
    expect(
      refusal(() => api.visibilityWindowsForTargets(['HD163466'], otherMonth, { observatory: api.NOMINAL_OBSERVATORY, grids })),
    ).toMatch(/^grids: the grids given do not cover the span/);
    // A segment's grid swapped for one of another month.
    const swapped = { ...grids, segments: [{ ...grids.segments[0]!, grid: api.sunGrid(otherMonth, { model: 'nominal-l2' }) }] };
    expect(
      refusal(() => api.visibilityWindowsForTargets(['HD163466'], MONTH, { observatory: api.NOMINAL_OBSERVATORY, grids: swapped })),
    ).toMatch(/^visibilityWindowsForTargets: options\.grids\.segments\.0\.grid: was made for another span or observer than its segment$/);
    // The samples of another month under this month's fields.
    const grid = grids.segments[0]!.grid;
    const forged = {
      ...grids,
      segments: [
        {
          ...grids.segments[0]!,
          grid: { ...grid, xyz: api.sunGrid({ startMs: MONTH.startMs + DAY, endMs: MONTH.endMs + DAY }, { model: 'nominal-l2' }).xyz },
        },
      ],
    };
    expect(
      refusal(() => api.visibilityWindowsForTargets(['HD163466'], MONTH, { observatory: api.NOMINAL_OBSERVATORY, grids: forged })),
    ).toMatch(/options\.grids\.segments\.0\.grid\.xyz\.0: sample 0 is not the Sun of the grid's source at its instant/);
  });

  it('options the functions do not take, and no raw zod error', () => {
    expect(refusal(() => api.parseProgram(PROGRAM_TEXT, { durations: { 'MIRI Imaging': -1 } }))).toMatch(
      /^parseProgram: options\.durations\.MIRI Imaging: must be above 0, got -1$/,
    );
    expect(refusal(() => api.scheduleToIcs(V.schedule(), { stamp: 'soon' }))).toMatch(
      /^scheduleToIcs: options\.stamp: "soon" is not an ISO-8601 instant/,
    );
    expect(refusal(() => api.parseCadenceSpec({ mode: 'spread', period: 30 }))).toMatch(/^cadence: unknown field "period"$/);
    expect(refusal(() => api.visibilityWindows('HD163466', MONTH, { observatry: {} } as never))).toMatch(
      /^visibilityWindows: options: unknown field "observatry"$/,
    );
  });
});

describe('library arguments: orientation, the MAZ and the rewritten scheduler', () => {
  const schedule = (): Schedule => V.schedule();
  const timeline = (): api.TimelineInput => V.timeline() as api.TimelineInput;

  it('records that look already validated: an orientation, MAZ time and edges that disagree with themselves', () => {
    const full = schedule();
    const visits = (change: Record<string, unknown>) => full.visits.map((visit, i) => (i === 1 ? { ...visit, ...change } : visit));
    // An hour of a two-hour visit in the zone is fine; ten hours is more than the visit.
    expect(refusal(() => api.scheduleToCsv({ ...full, visits: visits({ mazMs: 10 * HOUR }) } as never))).toBe(
      'scheduleToCsv: schedule.visits.1.mazMs: must not exceed the visit (endMs - startMs)',
    );
    // NIRCam's offset is 0: an aperture range 10 degrees away from the V3PA range is another range.
    const orientation = {
      v3pa: { minDeg: 345, maxDeg: 5 },
      aperturePa: { minDeg: 355, maxDeg: 15, offsetDeg: 0, offsetSource: 'NIRCam' },
      origin: 'asked',
    };
    expect(refusal(() => api.scheduleToIcs({ ...full, visits: visits({ orientation }) } as never))).toMatch(
      /^scheduleToIcs: schedule\.visits\.1\.orientation\.aperturePa: is not the V3PA range turned by offsetDeg$/,
    );
    expect(refusal(() => api.cadenceGaps({ ...full, maz: { ...full.maz!, fromMs: Date.UTC(2030, 0, 1) } }))).toMatch(
      /^cadenceGaps: schedule\.maz\.fromMs: must lie in the span/,
    );
    expect(refusal(() => api.scheduleToSvg({ ...full, maz: { ...full.maz!, inMazMs: full.maz!.observingMs + 1 } }))).toMatch(
      /^scheduleToSvg: schedule\.maz\.inMazMs: must not exceed observingMs$/,
    );
    const windows = {
      ...full.windows,
      [api.BUILT_IN_TARGETS[0]!.name]: full.windows[api.BUILT_IN_TARGETS[0]!.name]!.map((w, i) =>
        i === 0 ? { ...w, endEdge: { model: 'nominal-l2', marginMs: DAY, constraint: 'maz' } } : w,
      ),
    };
    expect(refusal(() => api.scheduleToJson({ ...full, windows } as never))).toMatch(
      /^scheduleToJson: schedule\.windows\.BD\+60-1753\.0\.endEdge\.marginMs: must be 0 at the MAZ's edge/,
    );
    // Arcs end below 360, except the whole circle.
    expect(
      refusal(() =>
        api.seriesOrientation([{ observation: 1, series: 's', epoch: 1, startMs: 0, v3pa: { nominalDeg: 10, minDeg: 5, maxDeg: 360 } }]),
      ),
    ).toMatch(/^seriesOrientation: visits\.0\.v3pa\.maxDeg: only the whole circle/);
    expect(refusal(() => api.angleRangeWidthDeg({ minDeg: 10, maxDeg: 360 }))).toMatch(
      /^angleRangeWidthDeg: range\.maxDeg: only the whole circle/,
    );
    expect(
      refusal(() =>
        api.aperturePaOf(
          {
            v3pa: { minDeg: 100, maxDeg: 120 },
            aperturePa: { range: { minDeg: 238.5, maxDeg: 258.5 }, offsetDeg: 130, offsetSource: 'NIRSpec' },
          },
          'NIRSpec',
        ),
      ),
    ).toBe('aperturePaOf: orientation.aperturePa.range: is not the V3PA range turned by offsetDeg');
  });

  it('orientation through time: grids of another observer, visits longer than a visit lasts, windows of another target, spans beyond the model', () => {
    const target = V.target();
    expect(refusal(() => api.heldV3Pa(target, T0, T0 + HOUR, { observatory: api.DEFAULT_OBSERVATORY, grids: V.grids() }))).toMatch(
      /^heldV3Pa: options\.grids: were made for another observer or table/,
    );
    expect(refusal(() => api.heldV3Pa(target, T0, T0 + 400 * DAY, { observatory: api.NOMINAL_OBSERVATORY }))).toBe(
      'heldV3Pa: endMs: makes a visit longer than the 366 days a visit may last',
    );
    expect(refusal(() => api.reachedV3PaRange(target, T0, T0 - HOUR, { observatory: api.NOMINAL_OBSERVATORY }))).toBe(
      'reachedV3PaRange: endMs: must not be before startMs',
    );
    const other = api.findTarget('BD+60-1753');
    expect(
      refusal(() =>
        api.orientationWindows(other, V.windows(), { v3pa: { minDeg: 140, maxDeg: 150 } }, { observatory: api.NOMINAL_OBSERVATORY }),
      ),
    ).toBe('orientationWindows: windows.0.target: is a window of "HD163466", not of the target ("BD+60-1753")');
    expect(
      refusal(() => api.mazIntervals(target, { startMs: Date.UTC(2300, 0, 1), endMs: Date.UTC(2301, 0, 1) }, api.NOMINAL_OBSERVATORY)),
    ).toBe('mazIntervals: span: reaches outside the years the visibility model is stated for');
    expect(
      refusal(() =>
        api.splitWindowsAtMaz(V.ecliptic(), V.eclipticWindows(), [{ startMs: MONTH.startMs - DAY, endMs: MONTH.startMs + DAY }], MONTH, {
          observatory: V.mazObservatory(),
        }),
      ),
    ).toBe('splitWindowsAtMaz: maz.0.startMs: lies outside the span');
    // Options: one orientation constraint, and an aperture PA range with its offset.
    expect(
      refusal(() =>
        api.visibilityWindows('HD163466', MONTH, {
          observatory: api.NOMINAL_OBSERVATORY,
          v3pa: { minDeg: 1, maxDeg: 2 },
          orientation: { v3pa: { minDeg: 1, maxDeg: 2 } },
        }),
      ),
    ).toBe('visibilityWindows: options.orientation: give v3pa or orientation, not both');
    expect(
      refusal(() =>
        api.visibilityWindows('HD163466', MONTH, {
          observatory: api.NOMINAL_OBSERVATORY,
          orientation: { aperturePa: { minDeg: 1, maxDeg: 2 } },
        }),
      ),
    ).toMatch(/^visibilityWindows: options\.orientation: an aperture PA range needs the aperture's offset from V3/);
  });

  it("the timeline: a lead target without windows, and placements that are not the input's", () => {
    const input = timeline();
    expect(refusal(() => api.scheduleTimeline({ ...input, groups: [{ ...input.groups[0]!, target: 'toString' }] }))).toBe(
      'scheduleTimeline: input.groups.0.target: "toString" has no windows (give [] for a target never visible)',
    );
    const placements = api.scheduleTimeline(input);
    expect(
      refusal(() =>
        api.epochStartProblems({ ...input, groups: [...input.groups, { target: 'S', epochs: [] }] }, placements, 0, 0, 30 * HOUR),
      ),
    ).toBe("epochStartProblems: placements: holds 1 placements; the input has 2 groups (give scheduleTimeline's answer for this input)");
    expect(refusal(() => api.epochStartProblems(input, placements, 0, 2, 30 * HOUR))).toBe(
      'epochStartProblems: epoch: must be below 2, the number of epochs of group 0',
    );
    const reasonless = [{ ...placements[0]!, startsMs: [null, placements[0]!.startsMs[1]!] }];
    expect(refusal(() => api.epochStartProblems(input, reasonless, 0, 0, 30 * HOUR))).toBe(
      'epochStartProblems: placements.0.reasons.0: an epoch has a start or a reason why it has none, not both or neither',
    );
  });

  it('angles: a wrap never gives 360, and differences of huge angles keep the smaller', () => {
    // -1e-14 + 360 rounds to 360 in binary floating point: the wrap must still be below 360.
    expect(api.wrapDeg360(-1e-14)).toBe(0);
    expect(api.normalizeAngleRange(-1e-14, 10)).toEqual({ minDeg: 0, maxDeg: 10 });
    // 1e308 is a whole number; its remainder by 360 (exact in floating point) is where it points.
    const pointsAt = 1e308 % 360;
    expect(api.angleDifferenceDeg(1e308, 355)).toBeCloseTo(((pointsAt - 355 + 540) % 360) - 180, 9);
    expect(api.angleRangeContains({ minDeg: pointsAt - 1, maxDeg: pointsAt + 1 }, 1e308)).toBe(true);
  });
});

describe('the quick check of many visits', () => {
  it("gives the visit schema's answer for any value", async () => {
    const { isScheduledVisit, ScheduledVisitSchema } = await import('../src/cadence/schedule-schema.js');
    const base = V.schedule().visits[0]!;
    const anyOf = fc.oneof(
      fc.constantFrom(
        undefined,
        null,
        0,
        -0,
        1,
        1.5,
        2 ** 53,
        2 ** 53 - 1,
        -1,
        360,
        360.5,
        8.64e15,
        8.64e15 + 1,
        Number.NaN,
        Infinity,
        'x',
        '',
        'planned',
        'done',
        'lost',
        'span',
        'ephemeris',
        true,
        [],
        {},
      ),
      fc.double(),
      fc.integer(),
      fc.string(),
    );
    const edge = fc.oneof(
      fc.constant(undefined),
      fc.record({ model: anyOf, marginMs: anyOf, constraint: fc.oneof(anyOf, fc.constantFrom('v3pa', 'maz')) }, { requiredKeys: [] }),
      fc.record({
        model: fc.constantFrom('ephemeris', 'nominal-l2', 'span'),
        marginMs: fc.constantFrom(0, 1),
        constraint: fc.constantFrom(undefined, 'v3pa', 'maz'),
      }),
    );
    const degrees = fc.oneof(anyOf, fc.constantFrom(0, 5, 345, 359.999, 360));
    const arc = fc.record({ minDeg: degrees, maxDeg: degrees }, { requiredKeys: [] });
    const field = (key: string) =>
      ({
        window: fc.oneof(
          anyOf,
          fc.record({ startMs: anyOf, endMs: anyOf, startEdge: edge, endEdge: edge }, { requiredKeys: [] }),
          fc.constant({ startMs: base.window.startMs, endMs: base.window.endMs }),
        ),
        v3pa: fc.oneof(anyOf, fc.record({ nominalDeg: degrees, minDeg: degrees, maxDeg: degrees }, { requiredKeys: [] })),
        orientation: fc.oneof(
          anyOf,
          fc.record(
            {
              v3pa: fc.oneof(anyOf, arc),
              aperturePa: fc.oneof(
                anyOf,
                fc.record(
                  { minDeg: degrees, maxDeg: degrees, offsetDeg: fc.oneof(anyOf, fc.constantFrom(0, 340, -15)), offsetSource: anyOf },
                  { requiredKeys: [] },
                ),
              ),
              origin: fc.oneof(anyOf, fc.constantFrom('asked', 'held')),
            },
            { requiredKeys: [] },
          ),
          fc.constant({
            v3pa: { minDeg: 345, maxDeg: 5 },
            aperturePa: { minDeg: 325, maxDeg: 345, offsetDeg: 340, offsetSource: 'given' },
            origin: 'held',
          }),
        ),
        mazMs: fc.oneof(anyOf, fc.constantFrom(0, 3_600_000, 7_200_000, 7_200_001)),
        slack: fc.oneof(
          anyOf,
          fc.record({ earliestMs: anyOf, latestMs: anyOf }, { requiredKeys: [] }),
          fc.record({
            earliestMs: fc.constant(base.startMs),
            latestMs: fc.constant(base.startMs),
            runs: fc.oneof(
              anyOf,
              fc.array(
                fc.oneof(
                  anyOf,
                  fc.record(
                    {
                      earliestMs: anyOf,
                      latestMs: anyOf,
                      earlierBlockedBy: fc.oneof(anyOf, fc.constant('window edge')),
                      laterBlockedBy: anyOf,
                    },
                    { requiredKeys: [] },
                  ),
                  fc.constant({ earliestMs: base.startMs, latestMs: base.startMs, earlierBlockedBy: 'span start', laterBlockedBy: 'now' }),
                ),
                { maxLength: 3 },
              ),
            ),
          }),
        ),
      })[key] ?? anyOf;
    const keys = Object.keys(ScheduledVisitSchema.shape);
    const visit = fc
      .record({ changes: fc.array(fc.constantFrom(...keys), { maxLength: 3 }), seed: fc.nat() })
      .chain(({ changes }) => fc.tuple(...changes.map((key) => field(key).map((value) => [key, value] as const))))
      .map((changes) => ({ ...base, ...Object.fromEntries(changes) }));
    let sound = 0;
    fc.assert(
      fc.property(fc.oneof(visit, fc.anything()), (value) => {
        const quick = isScheduledVisit(value);
        if (quick) sound += 1;
        return quick === ScheduledVisitSchema.safeParse(value).success;
      }),
      { seed: 1539, numRuns: 20_000 },
    );
    // Both answers are tried often: the draws are not all refused.
    expect(sound).toBeGreaterThan(2_000);
    expect(isScheduledVisit(base)).toBe(true);
    expect(
      isScheduledVisit({
        ...base,
        window: { ...base.window, startEdge: { model: 'span', marginMs: 0 } },
        v3pa: { nominalDeg: 1, minDeg: 0, maxDeg: 360 },
      }),
    ).toBe(true);
    // The record's arcs: only the whole circle ends at 360; an aperture range is its V3PA range turned by the offset.
    expect(isScheduledVisit({ ...base, v3pa: { nominalDeg: 1, minDeg: 5, maxDeg: 360 } })).toBe(false);
    const orientation = {
      v3pa: { minDeg: 345, maxDeg: 5 },
      aperturePa: { minDeg: 325, maxDeg: 345, offsetDeg: 340, offsetSource: 'given' },
      origin: 'held',
    };
    expect(isScheduledVisit({ ...base, orientation })).toBe(true);
    expect(isScheduledVisit({ ...base, orientation: { ...orientation, aperturePa: { ...orientation.aperturePa, offsetDeg: 339 } } })).toBe(
      false,
    );
    // A visit's window is its ends only: what made each edge is the schedule's windows' to say.
    expect(
      isScheduledVisit({ ...base, window: { ...base.window, endEdge: { model: 'nominal-l2', marginMs: 1, constraint: 'maz' } } }),
    ).toBe(true);
    // Each slack run names what blocks it at both ends.
    const run = { earliestMs: base.startMs, latestMs: base.startMs, earlierBlockedBy: 'span start', laterBlockedBy: 'now' };
    expect(isScheduledVisit({ ...base, slack: { earliestMs: base.startMs, latestMs: base.startMs, runs: [run] } })).toBe(true);
    expect(
      isScheduledVisit({ ...base, slack: { earliestMs: base.startMs, latestMs: base.startMs, runs: [{ ...run, laterBlockedBy: '' }] } }),
    ).toBe(false);
  });
});
