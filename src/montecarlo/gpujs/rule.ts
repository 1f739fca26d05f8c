/** The discrete optimizer rules the 1-D gpu.js kernels implement (source.ts), read from the problem's resolved hyperparameters. */
import type { EscapeProblem } from '../../scenario/problem.js';
import { ScenarioError } from '../../scenario/errors.js';
import type { DiscreteRule } from './source.js';

export const GPUJS_OPTIMIZERS = ['sgd', 'adam', 'invadam'] as const;

export const unsupported = (field: string, message: string) => new ScenarioError([{ field, message: `${message}; use backend cpu or workers` }]);

/** The rule of a discrete problem, or a ScenarioError naming the field that rules the gpujs kernels out. */
export function discreteRule(c: EscapeProblem): DiscreteRule {
  const d = c.discrete;
  if (!d) throw new Error('internal: not a discrete scenario');
  const bad = (field: string, msg: string) => unsupported(`scenario.dynamics.${field}`, msg);
  if (!(GPUJS_OPTIMIZERS as readonly string[]).includes(d.optimizer)) throw bad('discrete', `the gpujs backends run 'sgd', 'adam' and 'invadam' (got '${d.optimizer}')`);
  const h = d.hyper;
  if ((h.weightDecay ?? 0) !== 0) throw bad('weightDecay', 'the gpujs kernels have no weight decay (allowed: 0)');
  if ((h.momentum ?? 0) !== 0) throw bad('momentum', 'the gpujs sgd kernel has no momentum (allowed: 0)');
  if (h.amsgrad === true) throw bad('amsgrad', 'the gpujs adam kernel has no amsgrad (allowed: false)');
  const lr = h.lr as number;
  if (d.optimizer === 'sgd') return { kind: 'sgd', lr };
  return { kind: d.optimizer as 'adam' | 'invadam', lr, beta1: h.beta1 as number, beta2: h.beta2 as number, eps: h.eps as number };
}
