/**
 * Fetching a table from the JPL Horizons API, against a local server on 127.0.0.1 that answers
 * in the API's documented JSON form: `{ "result": "<the table's text>" }` on success, an
 * `error` field when the API refuses. No test reaches an outside network.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchHorizonsEphemeris, horizonsQueryUrl, InputError, ServiceError } from '../../src/advanced.js';
import { cli } from '../support/cli.js';
import { EPHEMERIS_2023, readData } from '../support/data.js';

const TABLE = readData(EPHEMERIS_2023);
const SIGNATURE = { source: 'NASA/JPL Horizons API', version: '1.2' };
/** The table with one row zeroed: it fails validation. */
const ZEROED = TABLE.replace(/^(2459884\.5[^,]*, A\.D\. [^,]*,).*$/m, '$1 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,');

/** What the local server answers on each path. */
const ANSWERS: Record<string, { status: number; body: string }> = {
  '/ok/horizons.api': { status: 200, body: JSON.stringify({ signature: SIGNATURE, result: TABLE }) },
  '/refuses/horizons.api': {
    status: 400,
    body: JSON.stringify({ signature: SIGNATURE, error: 'Cannot interpret date. Type "?!" for more information.' }),
  },
  '/garbled/horizons.api': { status: 200, body: '<html>Service unavailable</html>' },
  '/zeroed/horizons.api': { status: 200, body: JSON.stringify({ signature: SIGNATURE, result: ZEROED }) },
};

let server: Server;
let base = '';
const queries: URL[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-fetch-'));

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    queries.push(url);
    const answer = ANSWERS[url.pathname] ?? { status: 404, body: JSON.stringify({ error: 'not found' }) };
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

describe('the query', () => {
  it('asks for the documented settings, daily rows from 4 days before the span to 4 after', () => {
    const url = new URL(horizonsQueryUrl(Date.UTC(2027, 6, 1), Date.UTC(2028, 6, 1)));
    expect(`${url.origin}${url.pathname}`).toBe('https://ssd.jpl.nasa.gov/api/horizons.api');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'json',
      COMMAND: "'-170'",
      OBJ_DATA: "'NO'",
      MAKE_EPHEM: "'YES'",
      EPHEM_TYPE: "'VECTORS'",
      CENTER: "'500@10'",
      REF_SYSTEM: "'ICRF'",
      REF_PLANE: "'FRAME'",
      VEC_TABLE: "'2'",
      VEC_CORR: "'LT'",
      OUT_UNITS: "'KM-S'",
      CSV_FORMAT: "'YES'",
      VEC_LABELS: "'YES'",
      STEP_SIZE: "'1 d'",
      START_TIME: "'2027-06-27'",
      STOP_TIME: "'2028-07-05'",
    });
  });
});

describe('fetchHorizonsEphemeris against a local server', () => {
  it('saves the result text as the API sent it, validated', async () => {
    const out = join(scratch, 'lib.txt');
    const fetched = await fetchHorizonsEphemeris({
      from: '2023-01-01T00:00Z',
      to: '2023-02-01T00:00Z',
      endpoint: `${base}/ok/horizons.api`,
      out,
    });
    expect(readFileSync(out, 'utf8')).toBe(TABLE);
    expect(fetched.text).toBe(TABLE);
    expect(fetched.ephemeris.timesMs.length).toBe(1251);
    const asked = queries[queries.length - 1]!;
    expect(asked.searchParams.get('START_TIME')).toBe("'2022-12-28'");
    expect(asked.searchParams.get('COMMAND')).toBe("'-170'");
  });

  it('turns each failure into a ServiceError of one line, and writes nothing', async () => {
    const out = join(scratch, 'never.txt');
    const attempt = (path: string, span = { from: '2023-01-01', to: '2023-02-01' }) =>
      fetchHorizonsEphemeris({ ...span, endpoint: `${base}${path}`, out });
    await expect(attempt('/refuses/horizons.api')).rejects.toThrow(/the API answered with an error: Cannot interpret date/);
    await expect(attempt('/garbled/horizons.api')).rejects.toThrow(
      /the answer is not the API's JSON \(it starts "<html>Service unavailable/,
    );
    await expect(attempt('/zeroed/horizons.api')).rejects.toThrow(
      /JPL Horizons \(127\.0\.0\.1:\d+\): its table line \d+: JWST 0\.0000 au from the Sun on 2022-Nov-01/,
    );
    // A span the table does not serve (it ends 2025-05-29).
    await expect(attempt('/ok/horizons.api', { from: '2027-07-01', to: '2028-07-01' })).rejects.toThrow(
      /the table serves .* not the span asked for/,
    );
    await expect(attempt('/refuses/horizons.api')).rejects.toBeInstanceOf(ServiceError);
    await expect(
      fetchHorizonsEphemeris({ from: '2023-02-01', to: '2023-01-01', endpoint: `${base}/ok/horizons.api` }),
    ).rejects.toBeInstanceOf(InputError);
    expect(existsSync(out)).toBe(false);
  });

  it('says it cannot reach a service where nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      fetchHorizonsEphemeris({ from: '2023-01-01', to: '2023-02-01', endpoint: `http://127.0.0.1:${port}/api/horizons.api` }),
    ).rejects.toThrow(/^JPL Horizons \(127\.0\.0\.1:\d+\): cannot reach the service \(ECONNREFUSED\); check the network connection$/);
  });
});

describe('jwst-cadence ephemeris', () => {
  it('saves the table and says what it holds; failures exit 4 with one line and leave an existing file alone', async () => {
    const out = join(scratch, 'cli.txt');
    const ok = await cli('ephemeris', '--from', '2023-01-01', '--to', '2023-02-01', '--out', out, '--endpoint', `${base}/ok/horizons.api`);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^Saved .*cli\.txt: 1251 rows, 2021-12-25T23:58:50\.816Z to 2025-05-28T23:58:50\.816Z, generated 2023-06-20 \(rows after that day are predicted\)\n$/,
    );
    expect(readFileSync(out, 'utf8')).toBe(TABLE);

    const kept = join(scratch, 'kept.txt');
    writeFileSync(kept, 'an earlier table\n');
    for (const path of ['/refuses/horizons.api', '/garbled/horizons.api', '/zeroed/horizons.api']) {
      const run = await cli('ephemeris', '--from', '2023-01-01', '--to', '2023-02-01', '--out', kept, '--endpoint', `${base}${path}`);
      expect(run.code, path).toBe(4);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^jwst-cadence ephemeris: JPL Horizons \(127\.0\.0\.1:\d+\): /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(kept, 'utf8')).toBe('an earlier table\n');
  }, 60_000);

  it('refuses bad options with exit 2', async () => {
    const [both, none, twice] = await Promise.all([
      cli('ephemeris', '--cycle', '6', '--from', '2027-07-01'),
      cli('ephemeris'),
      cli('ephemeris', '--cycle', '6', '--cycle', '5'),
    ]);
    for (const run of [both, none, twice]) {
      expect(run.code).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(twice.stderr).toMatch(/--cycle is given more than once/);
  }, 60_000);
});
