/**
 * `jwst-cadence ephemeris`: fetch a fresh JPL Horizons vector table of JWST for a span.
 * @module
 */

import { fetchHorizonsEphemeris } from '../observatory/face.js';
import { formatInstant } from '../time/instant.js';
import { checkOutPath, emit, parseOptions, STANDARD_STREAM } from './io.js';
import { spanOption } from './windows.js';

export const EPHEMERIS_HELP = `Usage: jwst-cadence ephemeris (--from ISO --to ISO | --cycle N) [--out FILE]

Fetch JWST's orbit from the JPL Horizons API (ssd.jpl.nasa.gov, needs the network) as a vector
table covering the span with 4 days to spare either side, check it, and save it, so that
windows and schedules over that span come from the real orbit (pass it with --ephemeris).

Options:
  --from ISO            span start, UTC
  --to ISO              span end, UTC
  --cycle N             a JWST cycle's span instead (1 to 6)
  --out FILE            where to save the table (default
                        horizons_jwst_wrt_sun_<first day>_<last day>_gen<today>.txt); written
                        whole or not at all; its folder must exist; - for standard output
  --endpoint URL        the API's URL (default https://ssd.jpl.nasa.gov/api/horizons.api)
  -h, --help            this help

Exit codes: 0 saved; 2 bad options; 4 the service could not be reached, answered with an
error, or sent a table that fails the checks (nothing is written).

Examples:
  jwst-cadence ephemeris --cycle 6
  jwst-cadence ephemeris --from 2027-07-01 --to 2028-07-01 --out jwst-cycle6.txt
`;

/** Run the ephemeris command. */
export async function runEphemeris(argv: readonly string[]): Promise<void> {
  const values = parseOptions(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    cycle: { type: 'string' },
    out: { type: 'string' },
    endpoint: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(EPHEMERIS_HELP);
    return;
  }
  const span = spanOption(values);
  const today = new Date().toISOString().slice(0, 10);
  const out =
    values.out ??
    `horizons_jwst_wrt_sun_${formatInstant(span.startMs).slice(0, 10)}_${formatInstant(span.endMs).slice(0, 10)}_gen${today}.txt`;
  // The path is checked before the download: a folder, a path under a file or a missing folder
  // is the user's mistake (exit 2), and nothing is fetched for it.
  checkOutPath(out);
  const { ephemeris, text } = await fetchHorizonsEphemeris({
    from: span.startMs,
    to: span.endMs,
    ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
  });
  // Written as every --out is (atomically, or to standard output for -), once the table passed its checks.
  emit(text, out);
  const rows = ephemeris.timesMs.length;
  // With the table on standard output, the summary goes to standard error.
  (out === STANDARD_STREAM ? process.stderr : process.stdout).write(
    `Saved ${out === STANDARD_STREAM ? 'to standard output' : out}: ${rows} rows, ${formatInstant(ephemeris.timesMs[0]!)} to ${formatInstant(ephemeris.timesMs[rows - 1]!)}` +
      `${ephemeris.generatedMs !== undefined ? `, generated ${formatInstant(ephemeris.generatedMs).slice(0, 10)} (rows after that day are predicted)` : ''}\n`,
  );
}
