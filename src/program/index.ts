/**
 * Programs: parsing a program-information document, the built-in program 1539, and the
 * grouping of visits into series, links and epochs.
 *
 * @example
 * ```ts
 * import { loadBuiltInProgram, programStructure } from 'jwst-cadence';
 * const program = loadBuiltInProgram();
 * const structure = programStructure(program);
 * console.log(program.id, program.visits.length, structure.epochs.length);
 * ```
 * @module program
 */
export * from './program.js';
export * from './templates.js';
export * from './parse.js';
export * from './builtin.js';
export * from './structure.js';
export * from './orientation-plan.js';
