/**
 * The discrete optimizers of design.md §3 (sources.md §1–§5) and their baselines, behind one factory:
 *   const opt = createOptimizer(name, hyper); const state = opt.init(params); opt.step(params, grad, state);
 */
import { adam, adamw, amsgrad } from './adam.js';
import { adabound } from './adabound.js';
import { adai } from './adai.js';
import { adamomentum } from './adamomentum.js';
import { dualadam, invadam } from './dualadam.js';
import { OptimizerError, type Hyper } from './hyper.js';
import { ndadam } from './ndadam.js';
import { padam } from './padam.js';
import { momentum, sgd } from './sgd.js';
import { yogi } from './yogi.js';
import type { Optimizer } from './types.js';

const FACTORIES: Record<string, (h?: Hyper) => Optimizer> = {
  sgd, momentum, adam, adamw, amsgrad, invadam, dualadam, padam, adamomentum, ndadam, yogi, adabound, adai,
};

export const OPTIMIZER_NAMES = Object.freeze(Object.keys(FACTORIES));

/** An optimizer by name; unknown names or keys and out-of-range values throw OptimizerError. */
export function createOptimizer(name: string, hyper: Hyper = {}): Optimizer {
  const f = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : undefined;
  if (!f) throw new OptimizerError('name', `unknown optimizer ${JSON.stringify(name)}; valid names: ${OPTIMIZER_NAMES.join(', ')}`);
  return f(hyper);
}

export { OptimizerError, HYPER_KEYS, type Hyper, type HyperKey, type Form } from './hyper.js';
export type { Optimizer, OptimizerState } from './types.js';
