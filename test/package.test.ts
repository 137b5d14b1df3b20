/**
 * The package as a user gets it. An unbuilt copy of the repository is packed with `npm pack`
 * (its prepare script builds dist/), the tarball is installed into an empty project with
 * `npm install --offline`, and the installed package is loaded with `import` and `require`,
 * run with `npx jwst-cadence`, type-checked against, and asked for Cycle 1 windows with no
 * options.
 *
 * No network: the empty project starts with a package-lock.json holding the package's
 * dependency tree as the repository's lockfile resolves it (versions, tarball addresses and
 * integrity hashes), so npm takes every dependency from its cache, which `npm ci` filled.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};
/** The bundled JPL Horizons table, by its path in the repository. */
const BUNDLED_TABLE = 'data/horizons_jwst_wrt_sun_2021-12-26_2025-05-29_gen2023-06-20.txt';

/** Packing builds the package, so this file gets more time than a test of code alone. */
const SETUP_TIMEOUT_MS = 180_000;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a program, never rejecting on a non-zero exit. */
function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { cwd, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** Run a program that must succeed; its output, or an error carrying its standard error. */
async function ok(file: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await run(file, args, cwd, env);
  if (result.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result.stdout;
}

/** What the repository's own sources print for `jwst-cadence ARGS`. */
function fromSources(args: readonly string[]): Promise<string> {
  return ok(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], ROOT);
}

const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-package-'));
const clone = join(scratch, 'clone');
const project = join(scratch, 'project');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Paths in the tarball, and the name of the tarball. */
let packed: { filename: string; files: string[] };

/** Run the installed command in the project. */
const npx = (...args: string[]): Promise<Run> => run('npx', ['--offline', 'jwst-cadence', ...args], project);

beforeAll(async () => {
  // An unbuilt clone: the repository without what building, installing and running make.
  const generated = new Set(['.git', 'node_modules', 'dist', 'dist-check', 'out', join('docs', 'api')]);
  cpSync(ROOT, clone, {
    recursive: true,
    filter: (source) => {
      const path = relative(ROOT, source);
      return !generated.has(path) && !path.endsWith('.tsbuildinfo') && !path.startsWith(`out${sep}`);
    },
  });
  // The development tools the prepare script builds with.
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
  const [pack] = JSON.parse(await ok('npm', ['pack', '--json', '--pack-destination', scratch], clone)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  packed = { filename: pack!.filename, files: pack!.files.map((file) => file.path) };

  // The empty project, with the dependency tree the repository's lockfile resolves.
  mkdirSync(project);
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const dependencies = Object.fromEntries(
    Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional),
  );
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }, null, 2)}\n`);
  writeFileSync(
    join(project, 'package-lock.json'),
    `${JSON.stringify({ name: 'empty-project', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'empty-project', version: '1.0.0' }, ...dependencies } }, null, 2)}\n`,
  );
  await ok('npm', ['install', '--offline', '--no-audit', '--no-fund', join(scratch, packed.filename)], project);
}, SETUP_TIMEOUT_MS);

describe.concurrent('the packed and installed package', () => {
  it('the tarball of an unbuilt clone holds the build, the data, the docs and their images, the licence', () => {
    const files = new Set(packed.files);
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/main.js',
      BUNDLED_TABLE,
      'data/PROVENANCE.md',
      'data/program-1539.md',
    ]) {
      expect(files.has(file), file).toBe(true);
    }
    // Every guide, and every image the README and the guides show.
    const guides = packed.files.filter((file) => /^docs\/[^/]+\.md$/.test(file));
    expect(guides).toContain('docs/getting-started.md');
    for (const doc of ['README.md', ...guides]) {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      for (const [, image] of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) {
        expect(
          files.has(
            join(doc.includes('/') ? 'docs' : '', image!)
              .split(sep)
              .join('/'),
          ),
          `${doc} shows ${image}`,
        ).toBe(true);
      }
    }
    // No sources, tests or generated reference, and no source maps pointing at files not shipped.
    expect(packed.files.filter((file) => /^(src|test|bench|examples|docs\/api)\//.test(file) || file.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(project, 'node_modules', PACKAGE.name, 'LICENSE'), 'utf8')).toMatch(
      /^MIT License\n\nCopyright \(c\) \d{4} The jwst-cadence authors\n/,
    );
  });

  it('loads with import and with require, as the same library', async () => {
    const probe = `JSON.stringify({ names: Object.keys(lib).sort(), cycle: lib.cycleSpan(1), error: new lib.InputError('x') instanceof RangeError })`;
    const [imported, required] = await Promise.all([
      ok(process.execPath, ['--input-type=module', '-e', `import * as lib from '${PACKAGE.name}'; console.log(${probe});`], project),
      ok(process.execPath, ['--input-type=commonjs', '-e', `const lib = require('${PACKAGE.name}'); console.log(${probe});`], project),
    ]);
    const fromImport = JSON.parse(imported) as { names: string[]; cycle: { startMs: number; endMs: number }; error: boolean };
    expect(fromImport.names).toContain('visibilityWindows');
    expect(fromImport.names).toContain('scheduleProgram');
    expect(fromImport.cycle).toEqual({ startMs: Date.UTC(2022, 6, 1), endMs: Date.UTC(2023, 6, 1) });
    expect(fromImport.error).toBe(true);
    expect(JSON.parse(required)).toEqual(fromImport);
  });

  it('serves jwst-cadence/advanced, with import and with require: the front door and the parts beneath it', async () => {
    const probe = `JSON.stringify(Object.keys(lib).sort())`;
    const [root, imported, required] = await Promise.all([
      ok(process.execPath, ['--input-type=module', '-e', `import * as lib from '${PACKAGE.name}'; console.log(${probe});`], project),
      ok(
        process.execPath,
        ['--input-type=module', '-e', `import * as lib from '${PACKAGE.name}/advanced'; console.log(${probe});`],
        project,
      ),
      ok(
        process.execPath,
        ['--input-type=commonjs', '-e', `const lib = require('${PACKAGE.name}/advanced'); console.log(${probe});`],
        project,
      ),
    ]);
    const advanced = JSON.parse(imported) as string[];
    expect(advanced).toEqual(expect.arrayContaining(JSON.parse(root) as string[]));
    expect(advanced).toContain('scheduleTimeline');
    expect(JSON.parse(root)).not.toContain('scheduleTimeline');
    expect(JSON.parse(required)).toEqual(advanced);
  });

  it('type-checks a consumer that imports it, with the types the package exports', async () => {
    writeFileSync(
      join(project, 'consumer.mts'),
      [
        `import { cycleSpan, visibilityWindows, type VisibilityWindow } from '${PACKAGE.name}';`,
        `const windows: VisibilityWindow[] = visibilityWindows('HD163466', cycleSpan(1));`,
        `export const days: number = windows[0]?.durationDays ?? 0;`,
        `import { normalizeAngleRange, type AngleRange } from '${PACKAGE.name}/advanced';`,
        `export const arc: AngleRange = normalizeAngleRange(350, 10);`,
        '',
      ].join('\n'),
    );
    writeFileSync(join(project, 'wrong.mts'), `import { cycleSpan } from '${PACKAGE.name}';\nexport const span: string = cycleSpan(1);\n`);
    // One compiler run over both files, as a consumer's build would run it (skipLibCheck).
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--skipLibCheck',
        'consumer.mts',
        'wrong.mts',
      ],
      project,
    );
    const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^wrong\.mts\(2,\d+\): error TS2322: Type 'Span' is not assignable to type 'string'/);
  });

  it('npx jwst-cadence --version prints the version', async () => {
    const [long, short] = await Promise.all([npx('--version'), npx('-v')]);
    expect(long).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    expect(short).toEqual(long);
  });

  it('npx jwst-cadence --help says where the installed docs are, and they are there', async () => {
    const help = await npx('--help');
    expect(help.code).toBe(0);
    const folder = /^Documentation \(Markdown\) in (.+):$/m.exec(help.stdout)?.[1];
    expect(folder).toBe(join(project, 'node_modules', PACKAGE.name) + sep);
    const files = /^Documentation.*\n {2}(.+)$/m.exec(help.stdout)![1]!.split(', ');
    for (const file of files) expect(readFileSync(join(folder!, file), 'utf8').length, file).toBeGreaterThan(0);
  });

  it('runs each command from its bundle, with the code cache built with it or, when Node refuses the cache, without', async () => {
    const commands = ['windows', 'schedule', 'gaps', 'calendar', 'report', 'ephemeris'];
    for (const name of commands) {
      for (const file of [`dist/cli/commands/${name}.cjs`, `dist/cli/commands/${name}.cache`]) expect(packed.files, file).toContain(file);
    }
    const installed = join(project, 'node_modules', PACKAGE.name);
    const loader = pathToFileURL(join(installed, 'dist', 'cli', 'bundled.js')).href;
    const probe = `import { bundledCommand } from '${loader}'; const c = bundledCommand('windows'); console.log(JSON.stringify({ run: typeof c.run, rejected: c.cacheRejected }));`;
    // The same Node accepts the cache; other V8 flags make it refuse the cache, and the bundle still loads.
    const [accepted, refused] = await Promise.all([
      ok(process.execPath, ['--input-type=module', '-e', probe], project),
      ok(process.execPath, ['--max-semi-space-size=2', '--input-type=module', '-e', probe], project),
    ]);
    expect(JSON.parse(accepted)).toEqual({ run: 'function', rejected: false });
    expect(JSON.parse(refused)).toEqual({ run: 'function', rejected: true });

    // A copy of the installed package with no dependencies beside it: the command can only run
    // from its bundle. Its cache damaged, then removed: the same output, and not a word more.
    const copy = join(scratch, 'copy', PACKAGE.name);
    cpSync(installed, copy, { recursive: true });
    const args = ['windows', '--target', 'BD+60-1753', '--format', 'json'];
    const expected = await npx(...args);
    expect(expected.code).toBe(0);
    const cache = join(copy, 'dist', 'cli', 'commands', 'windows.cache');
    const command = join(copy, 'dist', 'cli', 'main.js');
    expect(await run(process.execPath, [command, ...args], project)).toEqual(expected);
    expect(await run(process.execPath, ['--max-semi-space-size=2', command, ...args], project)).toEqual(expected);
    writeFileSync(cache, Buffer.alloc(4096, 7));
    expect(await run(process.execPath, [command, ...args], project)).toEqual(expected);
    rmSync(cache);
    expect(await run(process.execPath, [command, ...args], project)).toEqual(expected);
  });

  it('computes Cycle 1 windows with no options, with the model its output names, as the sources do', async () => {
    // The default observer, as the installed command's table header names it.
    const [table, json, help] = await Promise.all([
      npx('windows', '--target', 'BD+60-1753'),
      npx('windows', '--target', 'BD+60-1753', '--format', 'json'),
      npx('windows', '--help'),
    ]);
    for (const result of [table, json, help]) expect(result.stderr).toBe('');
    // The lines above the table: the span, then the observer (in one line or a line of its own).
    const header = table.stdout.slice(0, table.stdout.indexOf('\n\n'));
    expect(header).toMatch(/^Visibility 2022-07-01T00:00:00Z to 2023-07-01T00:00:00Z, /);
    const statement = /^Observer: (.+)$/m.exec(header)?.[1] ?? header;
    const model = /nominal L2/i.test(statement) ? 'nominal L2' : /orbit|ephemeris|horizons/i.test(statement) ? 'real orbit' : 'unnamed';
    expect(model, header).not.toBe('unnamed');
    // Once the command can choose its observer, the default for a span the bundled table covers
    // is JWST's real orbit.
    const choosesObserver = help.stdout.includes('--observer');
    if (choosesObserver) expect(model, header).toBe('real orbit');

    type Window = { target: string; start: string; end: string; observers?: string[] };
    const edges = (text: string): Window[] => (JSON.parse(text) as Window[]).map(({ target, start, end }) => ({ target, start, end }));
    const installed = edges(json.stdout);
    // Where the JSON names each window's observers, they are the model the header names.
    for (const window of JSON.parse(json.stdout) as Window[]) {
      if (window.observers) expect(window.observers).toEqual([model === 'real orbit' ? 'ephemeris' : 'nominal-l2']);
    }
    // BD+60-1753 is in view when the cycle opens and when it closes, and out of view once between.
    expect(installed).toHaveLength(2);
    expect(installed[0]!.start).toBe('2022-07-01T00:00:00Z');
    expect(installed[1]!.end).toBe('2023-07-01T00:00:00Z');

    // The sources with each model asked for by name: the installed output matches the model it names.
    const base = ['windows', '--target', 'BD+60-1753', '--format', 'json'];
    const [nominal, orbit] = await Promise.all([
      fromSources([...base, ...(choosesObserver ? ['--observer', 'nominal-l2'] : [])]),
      fromSources([...base, '--ephemeris', BUNDLED_TABLE, ...(choosesObserver ? ['--observer', 'ephemeris'] : [])]),
    ]);
    expect(edges(nominal)).not.toEqual(edges(orbit));
    expect(installed).toEqual(edges(model === 'nominal L2' ? nominal : orbit));

    // The library, called with no options, gives the same windows as the command.
    const library = await ok(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { cycleSpan, visibilityWindows, windowsToJson } from '${PACKAGE.name}'; process.stdout.write(windowsToJson(visibilityWindows('BD+60-1753', cycleSpan(1))));`,
      ],
      project,
    );
    expect(edges(library)).toEqual(installed);
  });
});
