/**
 * Folders the commands create get the permissions any folder gets (the umask's), not the
 * private 0700 of a temporary folder renamed into place.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFilesAllOrNothing } from '../../src/cli/io.js';

describe('calendar --out-dir: a new folder', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'jwst-cadence-folders-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is created with the permissions of the umask, and leaves no staging folder', () => {
    const previous = process.umask(0o022);
    try {
      const folder = join(scratch, 'plan');
      writeFilesAllOrNothing(folder, [['a.txt', 'a']], '--out-dir');
      expect(statSync(folder).mode & 0o777).toBe(0o755);
      const other = join(scratch, 'shared');
      process.umask(0o002);
      writeFilesAllOrNothing(other, [['a.txt', 'a']], '--out-dir');
      expect(statSync(other).mode & 0o777).toBe(0o775);
    } finally {
      process.umask(previous);
    }
  });
});
