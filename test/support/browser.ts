/**
 * Headless Chromium from the operating system's packages, driven by playwright-core (which
 * downloads no browser). The flags keep it off the network: no background requests, no
 * component or sync updates, no QUIC; each launch gets a new, empty profile folder.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** A running browser and the way to stop it and remove its profile. */
export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** What is missing and how to get it, when there is no browser at `path`. */
export function missingChromiumMessage(path: string): string {
  return (
    `the report's browser test needs Chromium, and there is none at ${path}. npm test installs nothing: ` +
    `install it from the system's packages (Debian or Ubuntu: sudo apt-get install -y chromium; CI's .ci/run does this), ` +
    `or set CHROMIUM_PATH to the browser's executable`
  );
}

/**
 * Start headless Chromium (at `path`, by default {@link CHROMIUM_PATH}) with a new, empty
 * profile. Throws {@link missingChromiumMessage} when the browser is missing (the tests that
 * need it fail; they do not skip).
 */
export async function launchChromium(path: string = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(path)) throw new Error(missingChromiumMessage(path));
  const profile = mkdtempSync(join(tmpdir(), 'jwst-cadence-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: path,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      viewport: { width: 1280, height: 900 },
    });
    return {
      context,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
