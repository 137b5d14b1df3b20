/**
 * Every code block in README.md and docs/*.md runs as written, and every sample output is what
 * the command before it prints. The info string after a block's opening fence says what the
 * block is:
 *
 * - `ts`: a TypeScript snippet, run with tsx;
 * - `sh`: shell commands, each run with bash and required to exit 0 (`sh exit=N`: each exits N).
 *   `jwst-cadence` is the command built from the sources; `npm` commands are not run, but
 *   `npm run NAME` must name a script of package.json;
 * - `<language> output`: what the runnable block before it prints (standard output and error,
 *   command after command), compared exactly;
 * - `<language> illustrative`: a made-up or abridged sample; the text before it says so;
 * - `<language> file=NAME`: a file's content, written to NAME for the blocks after it (NAME may
 *   be a path under out/, as `file=out/targets.csv`; the folder is created);
 * - `text usage`: a command's synopsis; `text figure`: a drawing;
 * - `ts no-run`, `sh no-run`: deliberately not run (kept few).
 *
 * Any other block fails the test. The blocks of one page run in order in a folder of their own,
 * laid out like a checkout of the repository (src, data, examples, node_modules and package.json linked,
 * dist freshly built), so a block may use the files an earlier block of the page wrote, import
 * './src/index.js' as the README does, or import 'jwst-cadence' as a project that depends on
 * the package does. What a page writes goes under out/ (git-ignored), so that running a page in
 * a clone leaves `git status` clean: the test fails on any other new entry at the top of the folder.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`),
];

/**
 * A page runs several commands, each a whole process; building the package comes first. Three
 * minutes sufficed on a quiet machine, not on a busy one (docs/cli.md ran out of it with other
 * work on the CPU): ten minutes, so that load makes the suite slower, not red.
 */
const PAGE_TIMEOUT_MS = 600_000;

interface Block {
  /** Line of the opening fence, 1-based. */
  readonly line: number;
  readonly language: string;
  readonly flags: readonly string[];
  readonly code: string;
  /** The text between the previous block and this one. */
  readonly before: string;
}

/** The fenced code blocks of a Markdown page (fences may be indented, as in a list item). */
function codeBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let proseStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    const end = lines.findIndex((line, j) => j > i && line.trim() === fence);
    if (end < 0) throw new Error(`line ${i + 1}: a code block that is not closed`);
    const [language = '', ...flags] = info.trim().split(/\s+/).filter(Boolean);
    const code = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()));
    blocks.push({ line: i + 1, language, flags, code: code.join('\n') + '\n', before: lines.slice(proseStart, i).join('\n') });
    proseStart = end + 1;
    i = end;
  }
  return blocks;
}

interface Run {
  readonly code: number;
  readonly output: string;
}

/** Run a program in a folder; its standard output, then its standard error. */
function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, output: stdout + stderr });
    });
  });
}

/** The commands of a shell block: continuation lines joined, blank and comment-only lines dropped. */
function shellCommands(code: string): string[] {
  return code
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** An npm command line is not run: it must be `npm ci`, `npm test` or `npm run <script>`, joined by &&. */
function checkNpmLine(command: string): void {
  for (const part of command
    .replace(/\s#.*$/, '')
    .split('&&')
    .map((text) => text.trim())) {
    const script = /^npm run (\S+)$/.exec(part)?.[1];
    if (script !== undefined) expect(SCRIPTS, `npm run ${script}`).toHaveProperty(script);
    else expect(part, 'an npm command').toMatch(/^npm (ci|test)$/);
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The package as built from the sources now: package.json, a fresh dist/, and links to the rest. */
const built = join(scratch, 'package');
/** A folder with the `jwst-cadence` command, for PATH. */
const bin = join(scratch, 'bin');

beforeAll(async () => {
  mkdirSync(built);
  cpSync(join(ROOT, 'package.json'), join(built, 'package.json'));
  for (const entry of ['src', 'data', 'docs', 'node_modules', 'README.md']) symlinkSync(join(ROOT, entry), join(built, entry));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = await run(
    process.execPath,
    [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(built, 'dist')],
    ROOT,
    process.env,
  );
  expect(build.output).toBe('');
  mkdirSync(bin);
  writeFileSync(join(bin, 'jwst-cadence'), `#!/bin/sh\nexec "${process.execPath}" "${join(built, 'dist', 'cli', 'main.js')}" "$@"\n`);
  chmodSync(join(bin, 'jwst-cadence'), 0o755);
}, PAGE_TIMEOUT_MS);

/** The entries of a page's folder that make it look like a checkout: linked, not the page's. */
const BUILT_ENTRIES = ['package.json', 'dist'];
const SOURCE_ENTRIES = ['src', 'data', 'node_modules', 'examples'];
const HARNESS_ENTRIES = new Set([...BUILT_ENTRIES, ...SOURCE_ENTRIES]);

/** A fresh folder laid out like a checkout, for one page. */
function workFolder(page: string): string {
  const folder = join(scratch, page.replace(/[/.]/g, '-'));
  mkdirSync(folder);
  for (const entry of BUILT_ENTRIES) symlinkSync(join(built, entry), join(folder, entry));
  for (const entry of SOURCE_ENTRIES) symlinkSync(join(ROOT, entry), join(folder, entry));
  return folder;
}

describe.concurrent.each(PAGES)('%s', (page) => {
  const blocks = codeBlocks(readFileSync(join(ROOT, page), 'utf8'));

  it('has only blocks of a known kind', () => {
    for (const block of blocks) {
      const where = `${page} line ${block.line}: \`\`\`${[block.language, ...block.flags].join(' ')}`;
      const [flag, ...more] = block.flags;
      expect(more, where).toEqual([]);
      if (flag === undefined) expect(['ts', 'sh'], where).toContain(block.language);
      else if (flag === 'usage' || flag === 'figure') expect(block.language, where).toBe('text');
      else if (flag === 'no-run') expect(['ts', 'sh'], where).toContain(block.language);
      else if (flag === 'illustrative')
        expect(block.before, `${where}: the text before it says it is illustrative`).toMatch(/illustrative/i);
      else expect(flag, where).toMatch(/^(output|exit=\d+|file=(out\/([\w-][\w.-]*\/)*)?[\w-][\w.-]*)$/);
      if (flag?.startsWith('exit=')) expect(block.language, where).toBe('sh');
    }
  });

  it(
    'runs every snippet as written, and every sample output is what it prints',
    async () => {
      const folder = workFolder(page);
      const env = {
        ...process.env,
        PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
        JWST_CADENCE_DEBUG: '',
        FORCE_COLOR: '0',
        NO_COLOR: '1',
      };
      let last: { block: Block; output: string } | undefined;
      for (const [index, block] of blocks.entries()) {
        const where = `${page} line ${block.line}`;
        const flag = block.flags[0];
        if (flag === 'output') {
          expect(last, `${where}: an output block follows a block that ran`).toBeDefined();
          expect(last!.output, `${where}: the output of the block at line ${last!.block.line}`).toBe(block.code);
          continue;
        }
        if (flag?.startsWith('file=')) {
          const file = join(folder, flag.slice('file='.length));
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, block.code);
          continue;
        }
        if (flag === 'no-run' || !['ts', 'sh'].includes(block.language) || (flag !== undefined && !flag.startsWith('exit='))) continue;
        if (block.language === 'ts') {
          const file = join(folder, `snippet-${index + 1}.ts`);
          writeFileSync(file, block.code);
          const result = await run(process.execPath, ['--import', 'tsx', file], folder, env);
          expect({ code: result.code, output: result.code === 0 ? '' : result.output }, `${where}: the snippet runs`).toEqual({
            code: 0,
            output: '',
          });
          last = { block, output: result.output };
          continue;
        }
        const expectedCode = flag?.startsWith('exit=') ? Number(flag.slice('exit='.length)) : 0;
        let output = '';
        for (const command of shellCommands(block.code)) {
          if (/^npm\s/.test(command)) {
            checkNpmLine(command);
            continue;
          }
          const result = await run('bash', ['-o', 'pipefail', '-c', `${command} 2>&1`], folder, env);
          expect({ command, code: result.code, output: result.code === expectedCode ? '' : result.output }, where).toEqual({
            command,
            code: expectedCode,
            output: '',
          });
          output += result.output;
        }
        last = { block, output };
      }
      // A reader who runs the page in a clone must find `git status` clean afterwards: whatever
      // the page writes goes under out/, which .gitignore lists. The folder's own entries (the
      // links of the checkout layout, the snippets the harness wrote) are not the page's.
      const left = readdirSync(folder).filter(
        (entry) => !HARNESS_ENTRIES.has(entry) && !/^snippet-\d+\.ts$/.test(entry) && entry !== 'out',
      );
      expect(left, `${page}: files the page leaves at the top of the checkout (write them under out/)`).toEqual([]);
    },
    PAGE_TIMEOUT_MS,
  );
});
