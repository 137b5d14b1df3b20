/**
 * Writing files so that an interrupted run never leaves half of one.
 * @module
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** A file path to write: not empty, and without the NUL character no file system takes. */
export const FilePathSchema = z
  .string()
  .min(1, 'must not be empty')
  .refine((path) => !path.includes('\0'), 'a path cannot hold the NUL character');

/** The arguments of {@link writeFileAtomic}. */
export const WriteArguments = z.object({ path: FilePathSchema, text: z.string() });

/**
 * Write a file so that an interrupted run never leaves half of it: write a temporary file in
 * the same folder, then rename it over the target (atomic on one file system). Missing folders
 * are created.
 *
 * @example
 * ```ts
 * writeFileAtomic('out/plan.json', scheduleToJson(schedule));
 * ```
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
