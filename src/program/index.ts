/**
 * Programs: parsing a program-information document, the built-in program 1539, and the
 * grouping of visits into series, links and epochs.
 * @module
 */
export * from './program.js';
export * from './templates.js';
export * from './parse.js';
export * from './builtin.js';
export * from './structure.js';
export * from './orientation-plan.js';
