/**
 * Fetch a fresh vector table of JWST's orbit from the JPL Horizons API, so that a span the
 * bundled table does not reach (Cycle 6, say) is seen from the real orbit.
 *
 * The API (documented at ssd-api.jpl.nasa.gov/doc/horizons.html) answers a GET of
 * `https://ssd.jpl.nasa.gov/api/horizons.api` with, for `format=json`, a JSON object whose
 * `result` field holds the same text as a table saved from the Horizons web interface, and
 * whose `error` field, when present, says what went wrong.
 * @module
 */
import { z } from 'zod';
import { ServiceError } from '../errors.js';
import { FilePathSchema, writeFileAtomic } from '../files.js';
import { formatDate, formatInstant, InstantMsSchema, InstantSchema, MS_PER_DAY } from '../time/instant.js';
import { type HorizonsEphemeris, parseHorizonsVectors } from './horizons.js';
import { EPHEMERIS_SPARE_MS, ephemerisServes } from './observer.js';

/** The documented endpoint of the JPL Horizons API. */
export const HORIZONS_API_URL = 'https://ssd.jpl.nasa.gov/api/horizons.api';

/** Rows asked for beyond each end of the span, ms: the 3 days a table must serve the span, plus one row. */
const REQUEST_SPARE_MS = EPHEMERIS_SPARE_MS + MS_PER_DAY;

/** How long to wait for the API before giving up, ms (a year of daily rows comes in a second or two). */
const DEFAULT_TIMEOUT_MS = 60_000;

/** Options of {@link fetchHorizonsEphemeris}. */
export interface FetchEphemerisOptions {
  /** The span the table must serve (an instant in any form `parseInstant` reads). */
  readonly from: unknown;
  readonly to: unknown;
  /** The API's URL (default {@link HORIZONS_API_URL}); tests point it at a local server. */
  readonly endpoint?: string;
  /** Write the table's text here, atomically (a temporary file renamed over it). */
  readonly out?: string;
  /** Give up after this many ms (default 60 s). */
  readonly timeoutMs?: number;
}

/** The most the API is waited for, ms: an hour (a year of daily rows comes in a second or two). */
const MAX_TIMEOUT_MS = 3_600_000;

/** An endpoint: an absolute http or https URL. */
const EndpointSchema = z.string().refine((text) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}, 'not an http or https URL');

/** The options of {@link fetchHorizonsEphemeris}, as the API takes them: unknown fields are refused. */
const FetchOptionsSchema = z
  .object({
    from: InstantSchema,
    to: InstantSchema,
    endpoint: EndpointSchema.optional(),
    out: FilePathSchema.optional(),
    timeoutMs: z.number().positive().max(MAX_TIMEOUT_MS).optional(),
  })
  .strict()
  .refine((o) => o.to > o.from, { message: 'must be after from', path: ['to'] });
export const FetchArguments = z.object({ options: FetchOptionsSchema });

/** Checked options of {@link fetchHorizonsEphemeris}: the span's ends in ms. */
export type CheckedFetchOptions = z.output<typeof FetchOptionsSchema>;

/** The arguments of {@link horizonsQueryUrl}. */
export const QueryArguments = z
  .object({ fromMs: InstantMsSchema, toMs: InstantMsSchema, endpoint: EndpointSchema })
  .refine((a) => a.toMs > a.fromMs, { message: 'must be after fromMs', path: ['toMs'] });

/** A fetched table: the text as Horizons wrote it, parsed and validated, and the URL asked. */
export interface FetchedEphemeris {
  readonly text: string;
  readonly ephemeris: HorizonsEphemeris;
  readonly url: string;
}

/**
 * The query of a daily vector table of JWST for [fromMs, toMs], with the settings
 * docs/visibility.md gives: target -170, centre 500@10 (the Sun's body centre), vectors with
 * position and velocity, ICRF with equatorial axes, light-time corrected, km and km/s, CSV.
 * The rows run from 4 days before the span's first day to 4 days after its last.
 *
 * @example
 * ```ts
 * horizonsQueryUrl(Date.UTC(2027, 6, 1), Date.UTC(2028, 6, 1)); // 'https://ssd.jpl.nasa.gov/api/horizons.api?format=json&COMMAND=...'
 * ```
 */
export function horizonsQueryUrl(fromMs: number, toMs: number, endpoint: string = HORIZONS_API_URL): string {
  const startMs = Math.floor((fromMs - REQUEST_SPARE_MS) / MS_PER_DAY) * MS_PER_DAY;
  const stopMs = Math.ceil((toMs + REQUEST_SPARE_MS) / MS_PER_DAY) * MS_PER_DAY;
  const parameters: Array<[string, string]> = [
    ['format', 'json'],
    ['COMMAND', "'-170'"],
    ['OBJ_DATA', "'NO'"],
    ['MAKE_EPHEM', "'YES'"],
    ['EPHEM_TYPE', "'VECTORS'"],
    ['CENTER', "'500@10'"],
    ['REF_SYSTEM', "'ICRF'"],
    ['REF_PLANE', "'FRAME'"],
    ['VEC_TABLE', "'2'"],
    ['VEC_CORR', "'LT'"],
    ['OUT_UNITS', "'KM-S'"],
    ['CSV_FORMAT', "'YES'"],
    ['VEC_LABELS', "'YES'"],
    ['STEP_SIZE', "'1 d'"],
    ['START_TIME', `'${formatDate(startMs)}'`],
    ['STOP_TIME', `'${formatDate(stopMs)}'`],
  ];
  const url = new URL(endpoint);
  for (const [key, value] of parameters) url.searchParams.set(key, value);
  return url.toString();
}

/** A one-line reason from a failed fetch: the network error's code when there is one. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return 'no answer in time';
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** A table of JWST's orbit from JPL Horizons for checked options (instants read to ms; the public face reads them). */
export async function fetchHorizonsEphemeris(options: CheckedFetchOptions): Promise<FetchedEphemeris> {
  const checked = options;
  const fromMs = checked.from;
  const toMs = checked.to;
  const url = horizonsQueryUrl(fromMs, toMs, checked.endpoint);
  const service = `JPL Horizons (${new URL(url).host})`;
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(checked.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new ServiceError(`${service}: cannot reach the service (${networkReason(error)}); check the network connection`);
  }
  const body = await response.text();
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    const status = response.ok ? '' : `HTTP ${response.status}; `;
    throw new ServiceError(`${service}: ${status}the answer is not the API's JSON (it starts "${body.slice(0, 60).replace(/\s+/g, ' ')}")`);
  }
  const fields = typeof answer === 'object' && answer !== null ? (answer as { result?: unknown; error?: unknown }) : {};
  if (typeof fields.error === 'string') {
    throw new ServiceError(`${service}: the API answered with an error: ${fields.error.replace(/\s+/g, ' ').trim()}`);
  }
  if (!response.ok) throw new ServiceError(`${service}: HTTP ${response.status} ${response.statusText}`);
  if (typeof fields.result !== 'string') throw new ServiceError(`${service}: the answer has no "result" text`);
  const text = fields.result;
  let ephemeris: HorizonsEphemeris;
  try {
    ephemeris = parseHorizonsVectors(text, 'its table');
  } catch (error) {
    throw new ServiceError(`${service}: ${(error as Error).message}`);
  }
  const serves = ephemerisServes(ephemeris);
  if (serves.startMs > fromMs || serves.endMs < toMs) {
    throw new ServiceError(
      `${service}: the table serves ${formatInstant(serves.startMs)} to ${formatInstant(serves.endMs)}, not the span asked for ` +
        `(${formatInstant(fromMs)} to ${formatInstant(toMs)}); Horizons may not predict JWST's orbit that far`,
    );
  }
  if (checked.out === undefined) return { text, ephemeris: Object.freeze({ ...ephemeris, source: 'the table from JPL Horizons' }), url };
  writeFileAtomic(checked.out, text);
  return { text, ephemeris: Object.freeze({ ...ephemeris, source: checked.out }), url };
}
