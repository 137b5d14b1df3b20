/**
 * `npm run screenshot`: the top of program 1539's Cycle 1 report in headless Chromium, 1280 px
 * wide, with the tooltip of one epoch showing, saved as docs/images/report-program-1539-cycle-1.png
 * for the README. Run it after changing the report's look.
 */

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scheduleProgram } from '../../src/cadence/face.js';
import { scheduleToHtml } from '../../src/output/face.js';
import { loadBuiltInProgram } from '../../src/program/face.js';

import { launchChromium } from './browser.js';

const OUTPUT = fileURLToPath(new URL('../../docs/images/report-program-1539-cycle-1.png', import.meta.url));
/** The part of the page shown: the heading, the summary, the year and the first months. */
const VIEW = { width: 1280, height: 900 };

const folder = mkdtempSync(join(tmpdir(), 'jwst-cadence-screenshot-'));
const browser = await launchChromium();
try {
  const file = join(folder, 'report.html');
  writeFileSync(file, scheduleToHtml(scheduleProgram(loadBuiltInProgram())));
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEW);
  await page.goto(pathToFileURL(file).href);
  await page.locator('.svg g.epoch[data-tip^="BD+60-1753 epoch 6:"]').hover();
  await page.screenshot({ path: OUTPUT, clip: { x: 0, y: 0, ...VIEW } });
  console.log(`Wrote ${OUTPUT} (${Math.round(statSync(OUTPUT).size / 1024)} KiB)`);
} finally {
  await browser.close();
  rmSync(folder, { recursive: true, force: true });
}
