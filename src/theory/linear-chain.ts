/**
 * The real discrete optimizers as linear chains near a minimum (quadratic-escape.ts): their update rules
 * (src/optimizers/, PyTorch semantics) with the preconditioner frozen at v = diag(C)/B_eff and the bias corrections at
 * 1, written as  m' = a·m + c·g,  φ' = φ − η·P·(u·m' + w·g). P(v) is the SDE models' (dynamics/preconditioner.ts):
 * adam 1/(√v + ε), invadam √v + ε, padam (√v + ε)^{−2p} (its paper form v^{−p} is the 'power' model's).
 */
import { preconditioner, type ModelSpec } from '../dynamics/preconditioner.js';

/** The quadratic approximation does not apply (an optimizer it does not treat, an unstable chain, …): the reason. */
export class QuadraticNotApplicable extends Error {}

export interface LinearChain {
  /** the optimizer as linearised, e.g. "sgd", "sgd (momentum 0.9)", "adam" */
  name: string;
  /** the buffer's decay a (0: no buffer), its gradient weight c, and the step's weights u (buffer) and w (gradient) */
  a: number;
  c: number;
  u: number;
  w: number;
  /** the frozen preconditioner diag P */
  P: Float64Array;
  /** what was assumed beyond the module's rule */
  notes: string[];
}

const num = (h: Readonly<Record<string, unknown>>, k: string, dflt: number): number => (typeof h[k] === 'number' ? (h[k] as number) : dflt);

/** The chain of a discrete optimizer with resolved hyperparameters `hyper` at the second moment v (diag C/B_eff). */
export function preconditionerOf(optimizer: string, hyper: Readonly<Record<string, unknown>>, v: Float64Array): LinearChain {
  const wd = num(hyper, 'weightDecay', 0);
  if (wd !== 0) {
    throw new QuadraticNotApplicable(`the optimizer's weightDecay (${wd}) moves its fixed point off the trained minimum; ` +
      'put the decay in the network (landscape.network.weightDecay) so that the minimum is the one trained');
  }
  const n = v.length, notes: string[] = [];
  const ones = () => new Float64Array(n).fill(1);
  const b1 = num(hyper, 'beta1', 0.9), eps = num(hyper, 'eps', 1e-8);
  const adamLike = (name: string, model: 'adam' | 'invadam' | 'padam' | 'power', p?: number): LinearChain => {
    if (hyper.amsgrad === true) notes.push('amsgrad: v̂ = max over time of v, taken as v (the EMA fluctuates by ≈ √(2(1 − β2)) relative around it)');
    const spec: ModelSpec = { model, lr: num(hyper, 'lr', 1), batch: 1, noise: { kind: 'white', variance: 1 }, convention: 'ito', eps, p };
    const P = preconditioner(spec).value;
    return { name, a: b1, c: 1 - b1, u: 1, w: 0, P: v.map((vi) => P(vi)), notes };
  };
  switch (optimizer) {
    case 'sgd': case 'momentum': {
      const mu = num(hyper, 'momentum', 0), damp = num(hyper, 'dampening', 0);
      if (mu === 0) return { name: 'sgd', a: 0, c: 1, u: 1, w: 0, P: ones(), notes };
      const nesterov = hyper.nesterov === true;
      return { name: `sgd (momentum ${mu}${nesterov ? ', nesterov' : ''})`, a: mu, c: 1 - damp, u: nesterov ? mu : 1, w: nesterov ? 1 : 0, P: ones(), notes };
    }
    case 'adam': case 'adamw': case 'amsgrad':
      return adamLike(optimizer, 'adam');
    case 'dualadam':
      notes.push(`dualadam after its switch (t ≥ (1 − ξ)/ξ = ${((1 - num(hyper, 'switchRate', 0.01)) / num(hyper, 'switchRate', 0.01)).toFixed(0)} iterations): pure Adam`);
      return adamLike('dualadam', 'adam');
    case 'invadam':
      return adamLike('invadam', 'invadam');
    case 'padam': {
      const p = num(hyper, 'partial', 0.25);
      return hyper.form === 'paper' ? adamLike('padam', 'power', p) : adamLike('padam', 'padam', p);
    }
    default:
      throw new QuadraticNotApplicable(`the quadratic approximation treats sgd, momentum, adam, adamw, amsgrad, dualadam, invadam and padam; ` +
        `'${optimizer}' is not linearised here (simulate it)`);
  }
}
