/**
 * The package's built-in example: program 1539 (CAL-FLUX-004, absolute flux calibration
 * repeatability), its published observations table shipped as `data/program-1539.md`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type ParseProgramOptions, ParseProgramOptionsSchema, parseProgram } from './parse.js';
import type { Program } from './program.js';

/** The arguments of {@link loadBuiltInProgram}: parseProgram's options but the source, which is the built-in file. */
export const LoadArguments = z.object({ options: ParseProgramOptionsSchema.omit({ source: true }).strict() });

/**
 * The file path of the built-in program document. It is resolved from this module's URL,
 * two folders up, so it is found both from the sources (`src/program/`) and from the build
 * (`dist/program/`), with `data/` beside them in the package.
 *
 * @example
 * ```ts
 * builtInProgramPath(); // '.../jwst-cadence/data/program-1539.md'
 * ```
 */
export function builtInProgramPath(): string {
  return fileURLToPath(new URL('../../data/program-1539.md', import.meta.url));
}

/**
 * Read and parse the built-in program 1539.
 *
 * @param options - as for {@link parseProgram}, e.g. other visit durations.
 * @example
 * ```ts
 * loadBuiltInProgram().visits.length; // 86
 * ```
 */
export function loadBuiltInProgram(options: Omit<ParseProgramOptions, 'source'> = {}): Program {
  return parseProgram(readFileSync(builtInProgramPath(), 'utf8'), { ...options, source: 'program-1539.md' });
}
