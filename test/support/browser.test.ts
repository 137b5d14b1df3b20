/**
 * Without a browser, the browser tests fail saying what is missing and how to get it; npm test
 * itself installs nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';

describe('launchChromium without a browser', () => {
  it('names the missing browser, where it looked and how to install it', async () => {
    const nowhere = '/nonexistent-folder/chromium';
    const failure = launchChromium(nowhere);
    await expect(failure).rejects.toThrow(`needs Chromium, and there is none at ${nowhere}`);
    await expect(failure).rejects.toThrow('apt-get install -y chromium');
    await expect(failure).rejects.toThrow('CHROMIUM_PATH');
  });

  it('is never installed by npm test: no script runs before or around the tests', () => {
    const scripts = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(Object.keys(scripts).filter((name) => /^(pre|post)test$/.test(name))).toEqual([]);
    expect(scripts.test).toBe('vitest run');
  });
});
