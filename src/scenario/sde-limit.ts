/**
 * The SDE limit of a discrete optimizer (η → 0): what `theory` reports beside a discrete scenario.
 */
import type { ModelSpec } from '../dynamics/models.js';
import type { DiscreteDynamicsSpec } from './schema.js';

/**
 * The SDE model a discrete optimizer tends to as η → 0 (design.md §3, sources.md §7): what `theory` reports
 * beside a discrete scenario. Momentum does not change the exponent (sources.md §3.2); DualAdam is Adam after
 * its switch; AdamW and AMSGrad have Adam's quasi-static limit.
 */
export function sdeLimit(d: DiscreteDynamicsSpec): ModelSpec | null {
  // minibatch noise: sampling B of N without replacement scales the covariance by (N − B)/(N − 1), i.e. an
  // effective batch B(N − 1)/(N − B) for the covariance model
  const nz = d.noise;
  // real minibatches of a network's dataset: C(θ) is the network's per-example covariance, which no SDE model of
  // design.md §3 takes; the theory of a network scenario is the quadratic approximation (theory/network.ts)
  if (nz.kind === 'dataset') return null;
  const base = nz.kind === 'minibatch'
    ? { lr: d.lr, batch: (d.batch * (nz.examples - 1)) / (nz.examples - d.batch), noise: nz.covariance, convention: d.convention }
    : { lr: d.lr, batch: d.batch, noise: nz, convention: d.convention };
  switch (d.discrete) {
    case 'sgd': case 'momentum': return { model: 'sgd', ...base };
    case 'adam': case 'adamw': case 'amsgrad': case 'dualadam': return { model: 'adam', ...base, eps: d.eps };
    case 'invadam': return { model: 'invadam', ...base, eps: d.eps };
    case 'padam': return { model: 'padam', ...base, p: d.partial ?? 0.25, eps: d.eps };
    case 'adamomentum': return { model: 'adamomentum', ...base, beta1: d.beta1, beta2: d.beta2, eps: d.eps ?? 1e-16 };
    // no SDE model of design.md §3: dynamics on unit vectors (ndadam); clipped steps (adabound); Yogi's additive
    // second moment; Adai's adaptive inertia (its exponent is SGD's order, sources.md §3.2, but not its model)
    case 'ndadam': case 'yogi': case 'adabound': case 'adai': return null;
  }
}
