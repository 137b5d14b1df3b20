/**
 * The `spread` objective, solved exactly over a set of candidate start times: the most epochs
 * placed, then the leximax order of the gaps, then the earliest chain. The method is explained
 * in the README beside this file.
 * @module
 */

export { type ChainProblem, type ChainSolution, compareLeximax, MAX_CHAIN_STATE_BYTES, spreadGaps } from './problem.js';
export { chainFeasible, earliestFullestChain, mostPlaceable, solveSpread } from './solve.js';
export { type ChainWorkspace, chainWorkspace } from './workspace.js';
