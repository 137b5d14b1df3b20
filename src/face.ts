/**
 * The library's checked face, all areas together: every function whose arguments are checked
 * at the boundary, as the package exports it (see `checked` in validation.ts). The package's
 * entries export these; the library's own code calls the functions behind them.
 * @module
 */
export * from './cadence/face.js';
export * from './observatory/face.js';
export * from './output/face.js';
export * from './program/face.js';
export * from './sky/face.js';
export * from './visibility/face.js';
