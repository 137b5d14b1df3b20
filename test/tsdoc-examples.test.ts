/**
 * Every TSDoc `@example` of the sources (a ```ts block in a doc comment under src/) type-checks,
 * as the Markdown pages' blocks run in test/docs.test.ts. An example is checked as a module of
 * its own, strict, with what it may use without saying so: every name the package exports
 * (values and types, the root's and `jwst-cadence/advanced`'s), every name its own module exports, `readFileSync` and `writeFileSync` from
 * node:fs, `z` from zod, and a few values an example may take as given (`schedule`, `target`,
 * `visit`, `span`, `ephemeris`, `text`), each of the library's type.
 *
 * Some examples are a line of an inner caller (the scheduler's own variables): they are listed
 * in FRAGMENTS, and the test fails when one of them starts to type-check, so the list only
 * shrinks. Examples are type-checked, not run: running two hundred of them, each a process,
 * would cost minutes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

/**
 * Examples that do not type-check yet, by file and number (0-based) within the file: a line of
 * an inner caller, using its variables, or an example of a function the module keeps private.
 */
const FRAGMENTS: readonly string[] = [
  'src/cadence/sky-constraints.ts #1', // the scheduler's context
  'src/cadence/sky-constraints.ts #2', // the scheduler's context
  'src/cadence/sky-constraints.ts #3', // the scheduler's context
  'src/cadence/sky-constraints.ts #4', // the scheduler's place and touchesMaz
  'src/cadence/sky-constraints.ts #5', // the scheduler's context
  'src/cadence/starts.ts #0', // passes busy, which the options type leaves out
  'src/cadence/spread/workspace.ts #0', // the solver's problems
  'src/cadence/timeline.ts #0', // reads placements[0] without a check
  'src/output/epochs.ts #5', // visitIdentity is private
  'src/validation.ts #0', // issuesMessage is private
  'src/validation.ts #1', // a parse result in scope
  'src/validation.ts #2', // SpanRecordSchema from another module
  'src/validation.ts #3', // a name in scope
  'src/visibility/orientation.ts #0', // sunLookup is private
  'src/visibility/orientation.ts #5', // orientationEdge is private
];

/** Values an example may take as given, each of the library's type (a global the example's own names shadow). */
const GIVEN = `import type { HorizonsEphemeris, ScheduledVisit, Schedule, Span, Target } from '../src/index.js';
declare global {
  const schedule: Schedule;
  const target: Target;
  const visit: ScheduledVisit;
  const span: Span;
  const ephemeris: HorizonsEphemeris;
  const text: string;
}
export {};
`;

interface Example {
  /** `src/<file> #<n>`. */
  readonly id: string;
  readonly file: string;
  readonly code: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((entry) => {
      const path = join(folder, entry);
      return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
    });
}

/** The ```ts blocks of a file's doc comments, the comment's leading ` * ` taken off. */
function examplesOf(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const found: Example[] = [];
  for (const match of text.matchAll(/^[ \t]*\* ```ts\n([\s\S]*?)^[ \t]*\* ```/gm)) {
    const code = match[1]!
      .split('\n')
      .map((line) => line.replace(/^[ \t]*\* ?/, ''))
      .join('\n');
    found.push({ id: `${relative(ROOT, file)} #${found.length}`, file, code });
  }
  return found;
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
};

/** The names a module exports, values and types. */
function exportedNames(checker: ts.TypeChecker, source: ts.SourceFile | undefined): string[] {
  const symbol = source && checker.getSymbolAtLocation(source);
  return symbol ? checker.getExportsOfModule(symbol).map((exported) => exported.getName()) : [];
}

const mentions = (code: string, name: string): boolean => new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(code);

/** An example as a module: the imports of what it uses without saying so, then the example. */
function asModule(example: Example, rootNames: readonly string[], ownNames: readonly string[], folder: string): string {
  const code = example.code
    .replace(/from 'jwst-cadence\/advanced'/g, "from '../src/advanced.js'")
    .replace(/from 'jwst-cadence'/g, "from '../src/index.js'");
  // Names the example imports or declares itself are its own.
  const declared = (name: string): boolean =>
    new RegExp(`import[^;]*\\b${name}\\b[^;]*from`).test(code) ||
    new RegExp(`\\b(const|let|var|function|class|type|interface)\\s+${name}\\b`).test(code);
  // The module's own export first, where the root exports another of the same name.
  const fromOwn = ownNames.filter((name) => mentions(code, name) && !declared(name));
  const fromRoot = rootNames.filter((name) => !fromOwn.includes(name) && mentions(code, name) && !declared(name));
  const own = `./${relative(folder, example.file).replace(/\.ts$/, '.js')}`;
  const node = ['readFileSync', 'writeFileSync'].filter((name) => mentions(code, name) && !declared(name));
  return [
    fromRoot.length > 0 ? `import { ${fromRoot.join(', ')} } from '../src/advanced.js';` : '',
    fromOwn.length > 0 ? `import { ${fromOwn.join(', ')} } from '${own}';` : '',
    node.length > 0 ? `import { ${node.join(', ')} } from 'node:fs';` : '',
    /(?<![\w$.])z\./.test(code) && !declared('z') ? "import { z } from 'zod';" : '',
    code,
    'export {};',
  ].join('\n');
}

describe('the TSDoc examples of src/', () => {
  const examples = sourceFiles(SRC).flatMap(examplesOf);

  it('are found (every exported function has one)', () => {
    expect(examples.length).toBeGreaterThan(150);
    for (const id of FRAGMENTS)
      expect(
        examples.map((example) => example.id),
        `${id} is listed as a fragment`,
      ).toContain(id);
  });

  it('type-check, each as a module of its own; only the listed fragments do not', () => {
    // One program of the sources gives the names each module exports; a second, reusing it, checks the examples.
    const sources = ts.createProgram([join(SRC, 'advanced.ts'), ...sourceFiles(SRC)], OPTIONS);
    const checker = sources.getTypeChecker();
    // The package's names: jwst-cadence/advanced exports the root's and the rest.
    const rootNames = exportedNames(checker, sources.getSourceFile(join(SRC, 'advanced.ts')));
    expect(rootNames).toContain('scheduleProgram');
    const folder = join(ROOT, '.tsdoc-examples');
    const virtual = new Map<string, string>([[join(folder, 'given.d.ts'), GIVEN]]);
    const idOf = new Map<string, string>();
    examples.forEach((example, index) => {
      const path = join(folder, `example-${index}.ts`);
      virtual.set(path, asModule(example, rootNames, exportedNames(checker, sources.getSourceFile(example.file)), folder));
      idOf.set(path, example.id);
    });
    const host = ts.createCompilerHost(OPTIONS);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (name, language, ...rest) =>
      virtual.has(name) ? ts.createSourceFile(name, virtual.get(name)!, language) : getSourceFile.call(host, name, language, ...rest);
    host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
    host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
    const program = ts.createProgram([...virtual.keys()], OPTIONS, host, sources);
    const problems = new Map<string, string>();
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const id = diagnostic.file && idOf.get(diagnostic.file.fileName);
      if (!id || problems.has(id)) continue;
      problems.set(id, ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
    }
    const failing = [...problems.keys()].filter((id) => !FRAGMENTS.includes(id));
    expect(failing.map((id) => `${id}: ${problems.get(id)}`)).toEqual([]);
    const nowFine = FRAGMENTS.filter((id) => !problems.has(id));
    expect(nowFine, 'fragments that type-check now: take them off the list').toEqual([]);
  });
});
