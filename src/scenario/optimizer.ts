/**
 * The discrete optimizer of a scenario's dynamics block (zod-free: restore.ts and network.ts use it on a worker thread).
 */
import { createOptimizer, type Hyper, type Optimizer } from '../optimizers/index.js';
import { FieldError } from '../field-error.js';
import type { DiscreteDynamicsSpec } from './schema.js';
import { NON_HYPER_KEYS } from './discrete.js';

/**
 * The discrete optimizer of a scenario (n: the landscape's dimension); hyperparameter errors become scenario fields.
 * The hyperparameters are the block's keys other than NON_HYPER_KEYS, in the block's (the schema's) order.
 */
export function optimizerOf(d: DiscreteDynamicsSpec, n: number): Optimizer {
  const hyper: Record<string, unknown> = { lr: d.lr };
  const block = d as unknown as Record<string, unknown>;
  for (const k of Object.keys(block)) if (!NON_HYPER_KEYS.includes(k) && block[k] !== undefined) hyper[k] = block[k];
  if (d.discrete === 'ndadam' && hyper.vectorSize === undefined) hyper.vectorSize = n;
  try {
    return createOptimizer(d.discrete, hyper as Hyper);
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    // the optimizer names its fields "<optimizer>.<key>" (else the optimizer itself): in the scenario the keys sit
    // in the dynamics block beside "discrete"
    const own = `${d.discrete}.`;
    throw new FieldError(e.problems.map((p) => ({ field: p.field.startsWith(own) ? p.field.slice(own.length) : 'discrete', message: p.message })))
      .within('scenario.dynamics');
  }
}
