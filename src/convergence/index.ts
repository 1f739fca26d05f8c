export * from './problems.js';
export * from './comparator.js';
export * from './algorithms.js';
export * from './run.js';
export * from './generators.js';
export * from './theorems.js';
export * from './search.js';
