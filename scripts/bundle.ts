/**
 * `npm run bundle` (run by `npm run build`, after the compiler): each command of the command
 * line, with everything it uses, bundled into one script, dist/cli/commands/NAME.cjs, and a V8
 * code cache of that script after a run of the command, NAME.cache (src/cli/bundled.ts loads
 * both). The library's entry points (dist/index.js) are left as the compiler wrote them.
 *
 * The cache holds the bytecode of every function the run compiled, so a run that goes through
 * the command's usual path makes the most useful cache: each command runs on a small input or
 * the built-in program, except `ephemeris`, which needs the network and is asked for its help
 * (which still caches the loading of its modules).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'cli', 'commands');

/** Each command: its module in src/cli and the function that runs it. */
const COMMANDS: Record<string, { module: string; entry: string }> = {
  windows: { module: 'windows', entry: 'runWindows' },
  schedule: { module: 'schedule', entry: 'runSchedule' },
  gaps: { module: 'gaps', entry: 'runGaps' },
  calendar: { module: 'calendar', entry: 'runCalendar' },
  report: { module: 'report', entry: 'runReport' },
  ephemeris: { module: 'ephemeris', entry: 'runEphemeris' },
};

/** Bundle one command: its entry and the error classes its failures are instances of. */
async function bundle(name: string, { module, entry }: { module: string; entry: string }): Promise<string> {
  const file = join(OUT, `${name}.cjs`);
  await build({
    stdin: {
      contents: [
        `export { ${entry} as run } from './src/cli/${module}.js';`,
        `export { InputError, ServiceError } from './src/errors.js';`,
        `export { UsageError } from './src/cli/io.js';`,
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: `${name}-entry.ts`,
      loader: 'ts',
    },
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // src/cli/bundled.ts passes the address the sources' paths to data resolve against.
    define: { 'import.meta.url': '__moduleUrl' },
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return file;
}

/**
 * Arguments of the run each command's cache is made after, with their input files in `folder`,
 * in the order to run them (`gaps` and `report` read the plan `calendar` writes).
 */
function warmUps(folder: string): Array<[string, string[]]> {
  // Twelve targets spread over the sky, two of them near the ecliptic poles (always in view).
  const targets = join(folder, 'targets.csv');
  const rows = Array.from({ length: 12 }, (_, i) => `t${i},${(i * 30) % 360},${-80 + i * 14.5}`);
  writeFileSync(targets, ['name,ra,dec', ...rows].join('\n'));
  const plan = join(folder, 'calendar', 'schedule.json');
  return [
    ['windows', ['--targets', targets, '--observer', 'nominal-l2', '--format', 'json']],
    ['calendar', ['--out-dir', join(folder, 'calendar')]],
    ['schedule', ['--format', 'json']],
    ['gaps', ['--schedule', plan]],
    ['report', ['--schedule', plan, '--out', join(folder, 'report.html')]],
    // Needs the network to run: its modules' loading is what the cache holds.
    ['ephemeris', ['--help']],
  ];
}

/** Run a command from its bundle without a cache, then store the cache V8 made of it. */
function makeCache(name: string, args: readonly string[]): void {
  const loader = pathToFileURL(join(ROOT, 'dist', 'cli', 'bundled.js')).href;
  const cache = join(OUT, `${name}.cache`);
  const script = `
    import { writeFileSync } from 'node:fs';
    import { bundledCommand } from ${JSON.stringify(loader)};
    const command = bundledCommand(${JSON.stringify(name)}, { useCache: false });
    await command.run(${JSON.stringify(args)});
    writeFileSync(${JSON.stringify(cache)}, command.createCachedData());
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.status !== 0) throw new Error(`making the code cache of ${name} failed:\n${run.stderr}`);
}

mkdirSync(OUT, { recursive: true });
const folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-bundle-'));
try {
  for (const [name, args] of warmUps(folder)) {
    rmSync(join(OUT, `${name}.cache`), { force: true });
    await bundle(name, COMMANDS[name]!);
    makeCache(name, args);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
