/**
 * A command from its bundle: when the package is built (scripts/bundle.ts), each command and
 * everything it uses is bundled into one script, `commands/NAME.cjs` beside this file, with a
 * V8 code cache of a run of it, `commands/NAME.cache`. Loading one file instead of a graph of
 * modules, and compiling from the cache instead of the source, is most of a command's start-up.
 *
 * The cache is an optimisation only: V8 refuses one made by another version of V8 or under
 * other V8 flags, and the script is then compiled from its source, as it would be with no cache,
 * without a message. In the sources (run with a TypeScript loader) there is no bundle, and the
 * command line loads the command's modules instead.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** A command's entry and the error classes of its bundle (the ones its failures are instances of). */
export interface BundledCommand {
  // biome-ignore lint/suspicious/noConfusingVoidType: a command that returns nothing is typed void, which undefined does not accept
  readonly run: (argv: readonly string[]) => void | number | Promise<void | number>;
  readonly InputError: abstract new (...args: never[]) => Error;
  readonly ServiceError: abstract new (...args: never[]) => Error;
  readonly UsageError: abstract new (...args: never[]) => Error;
  /** V8's code cache of the bundle as compiled so far (the build stores one after a run). */
  readonly createCachedData: () => Buffer;
  /** Whether a code cache was given and V8 refused it. */
  readonly cacheRejected: boolean;
}

/** The folder of the bundles. */
const FOLDER = new URL('commands/', import.meta.url);

/**
 * Load the bundle of a command, or `undefined` when there is none (the sources).
 * `useCache: false` compiles from the source alone (the build, before it makes the cache).
 */
export function bundledCommand(name: string, { useCache = true }: { useCache?: boolean } = {}): BundledCommand | undefined {
  const file = new URL(`${name}.cjs`, FOLDER);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let cachedData: Buffer | undefined;
  if (useCache) {
    try {
      cachedData = readFileSync(new URL(`${name}.cache`, FOLDER));
    } catch {
      cachedData = undefined;
    }
  }
  const path = fileURLToPath(file);
  // The bundle is a CommonJS body; `import.meta.url` in the sources became `__moduleUrl`, the
  // address of a file two folders below the package (dist/cli/main.js), so that paths to the
  // package's data resolve as they do from the modules the bundle was made of.
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __moduleUrl) {${source}\n})`, {
    filename: path,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as Record<string, unknown> };
  const body = script.runInThisContext() as (...args: unknown[]) => void;
  body(module.exports, createRequire(path), module, path, dirname(path), new URL('../main.js', FOLDER).href);
  const exports = module.exports as unknown as Omit<BundledCommand, 'createCachedData' | 'cacheRejected'>;
  return {
    run: exports.run,
    InputError: exports.InputError,
    ServiceError: exports.ServiceError,
    UsageError: exports.UsageError,
    createCachedData: () => script.createCachedData(),
    cacheRejected: script.cachedDataRejected === true,
  };
}
