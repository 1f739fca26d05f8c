/**
 * DualAdam and InvAdam (Shi, Chen, Jin, Zhou 2026; official DualAdam.py, sources.md §1.2):
 *   θ ← θ − lr·wd·θ (decoupled, before the step)
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  m̂ = m/(1−β1ᵗ),  v̂ = v/(1−β2ᵗ),  n = √v̂ + ε
 *   Adam step u = m̂/n,  inverse step ũ = m̂ ⊙ n
 *   α_t = max(0, 1 − ξt):  α_t ≥ ξ → θ ← θ − lr[(1−α_t)u + α_t ũ],  otherwise θ ← θ − lr·u (pure Adam)
 * InvAdam is the inverse step alone (α ≡ 1): the paper's "multiplication of the first-order and second-order
 * moments" in the code's form m̂(√v̂ + ε); the repository has no separate InvAdam class.
 * Defaults (DualAdam class): lr 1e-3, β 0.9/0.999, ε 1e-8, switch rate ξ 0.01, wd 0.
 */
import { betaRule, epsRule, lrRule, num, resolveHyper, wdRule, type Hyper } from './hyper.js';
import { buf, checkShapes, momentState, type Optimizer } from './types.js';

type DualHyper = Required<Pick<Hyper, 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay'>> & { switchRate: number };

function dual(name: 'dualadam' | 'invadam', given: Hyper | undefined): Optimizer {
  const rules = {
    lr: lrRule(1e-3), beta1: betaRule(0.9), beta2: betaRule(0.999), eps: epsRule(1e-8), weightDecay: wdRule(),
    ...(name === 'dualadam' ? { switchRate: num(0.01, 0, 1, { loOpen: true }) } : {}),
  };
  const h = resolveHyper<DualHyper>(name, rules, given as Record<string, unknown>);
  const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd } = h;
  const xi = name === 'dualadam' ? h.switchRate : 0;
  return {
    name, hyper: Object.freeze({ ...h }),
    init: (p) => momentState(p),
    step(p, g, s) {
      checkShapes(name, p, g, s);
      s.t++;
      const m = buf(s, 'm'), v = buf(s, 'v');
      const bc1 = 1 - b1 ** s.t, bc2 = 1 - b2 ** s.t;
      // InvAdam weight: DualAdam's linear ramp with the hard switch; 1 for InvAdam
      const alpha = name === 'invadam' ? 1 : Math.max(0, 1 - xi * s.t);
      const blend = name === 'invadam' || alpha >= xi;
      for (let i = 0; i < p.length; i++) {
        if (wd !== 0) p[i] -= lr * wd * p[i];
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        const mh = m[i] / bc1;
        const n = Math.sqrt(v[i] / bc2) + eps;
        p[i] -= blend ? lr * ((1 - alpha) * (mh / n) + alpha * mh * n) : lr * (mh / n);
      }
    },
  };
}

export const dualadam = (h?: Hyper) => dual('dualadam', h);
export const invadam = (h?: Hyper) => dual('invadam', h);
