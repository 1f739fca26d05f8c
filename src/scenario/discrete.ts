/**
 * Zod-free helpers of the dynamics block (schema.ts re-exports them): which block is a discrete optimizer, and
 * which of its keys are optimizer hyperparameters. A worker thread's restore path (restore.ts) needs these
 * without loading the schema.
 */

/** A discrete optimizer's dynamics block (`{ "discrete": "<optimizer>", … }`) rather than an SDE model's. */
export const isDiscrete = <D extends object>(d: D): d is Extract<D, { discrete: unknown }> => 'discrete' in d;

/** The keys of a discrete dynamics block that are not optimizer hyperparameters (not passed to createOptimizer). */
export const NON_HYPER_KEYS: readonly string[] = ['discrete', 'lr', 'batch', 'noise', 'convention'];
