/**
 * What the package says about itself: where it lives, what it needs, and claims of the README
 * and the help that name real functions and commands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycleSpan, visibilityWindows, visibilityWindowsForTargets } from '../src/index.js';
import { cli } from './support/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

describe('package.json', () => {
  it('names the repository, its home page and where to report bugs, all of one repository', () => {
    const repository = pkg.repository as { type: string; url: string };
    expect(repository.type).toBe('git');
    const base = /^git\+(https:\/\/github\.com\/[\w.-]+\/[\w.-]+)\.git$/.exec(repository.url)?.[1];
    expect(base).toBeDefined();
    expect(pkg.homepage).toBe(`${base}#readme`);
    expect(pkg.bugs).toEqual({ url: `${base}/issues` });
    expect(base!.endsWith(`/${String(pkg.name)}`)).toBe(true);
  });

  it('has keywords', () => {
    expect(pkg.keywords).toEqual(expect.arrayContaining(['jwst', 'astronomy', 'scheduling']));
  });

  it('asks for Node 20.19 or later, where require() of an ES module works', () => {
    expect(pkg.engines).toEqual({ node: '>=20.19' });
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: unknown }> };
    expect(lock.packages['']!.engines).toEqual(pkg.engines);
  });
});

describe('the README', () => {
  it('names the batch function for many targets, which takes an array, and visibilityWindows refuses one', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const claim = readme.slice(readme.indexOf('**Visibility**'), readme.indexOf('**Cadence**'));
    expect(claim).toMatch(/10,000 targets over a year in about [\d.]+ s with\s+`visibilityWindowsForTargets`/);
    expect(() => visibilityWindows(['HD163466', 'BD+60-1753'] as never, cycleSpan(1))).toThrow(/^visibilityWindows: target: /);
    expect(visibilityWindowsForTargets(['HD163466', 'BD+60-1753'], cycleSpan(1))).toHaveLength(2);
  });
});

describe('the help', () => {
  it("describes calendar as any program's, not program 1539's only", async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    const summary = /^\s+calendar\s+(.+)$/m.exec(help.stdout)?.[1];
    expect(summary).toMatch(/^a program's calendar/);
  });
});
