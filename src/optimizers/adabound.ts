/**
 * AdaBound (Luo, Xiong, Liu, Sun, ICLR 2019; official Luolc/AdaBound adabound.py): Adam whose per-element step
 * is clipped to bounds that converge to the SGD rate `finalLr`:
 *   g ← g + wd·θ;  m ← β1m + (1−β1)g;  v ← β2v + (1−β2)g²  (amsgrad: AMSBound, v̂ = max)
 *   η_t = clip(lr·√(1−β2ᵗ)/(1−β1ᵗ) / (√v̂ + ε),  finalLr·(1 − 1/(γt + 1)),  finalLr·(1 + 1/(γt)))
 *   θ ← θ − η_t·m
 * (The official code scales finalLr by lr/base_lr for schedulers; without a scheduler the factor is 1.)
 * Defaults: lr 1e-3, β 0.9/0.999, finalLr 0.1, γ 1e-3, ε 1e-8, wd 0, amsgrad off.
 */
import { betaRule, bool, epsRule, lrRule, num, resolveHyper, wdRule, type Hyper } from './hyper.js';
import { buf, checkShapes, momentState, type Optimizer } from './types.js';

export function adabound(given?: Hyper): Optimizer {
  const h = resolveHyper<Required<Pick<Hyper, 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'amsgrad' | 'finalLr' | 'gamma'>>>('adabound', {
    lr: lrRule(1e-3), beta1: betaRule(0.9), beta2: betaRule(0.999), eps: epsRule(1e-8), weightDecay: wdRule(),
    amsgrad: bool(false), finalLr: lrRule(0.1), gamma: num(1e-3, 0, 1, { loOpen: true, hiOpen: true }),
  }, given as Record<string, unknown>);
  const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd, amsgrad, finalLr, gamma } = h;
  return {
    name: 'adabound', hyper: Object.freeze({ ...h }),
    init: (p) => momentState(p, amsgrad),
    step(p, g, s) {
      checkShapes('adabound', p, g, s);
      s.t++;
      const m = buf(s, 'm'), v = buf(s, 'v'), vmax = buf(s, 'vmax');
      const stepSize = (lr * Math.sqrt(1 - b2 ** s.t)) / (1 - b1 ** s.t);
      const lower = finalLr * (1 - 1 / (gamma * s.t + 1));
      const upper = finalLr * (1 + 1 / (gamma * s.t));
      for (let i = 0; i < p.length; i++) {
        const gi = wd !== 0 ? g[i] + wd * p[i] : g[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        const vh = amsgrad ? (vmax[i] = Math.max(vmax[i], v[i])) : v[i];
        const eta = Math.min(upper, Math.max(lower, stepSize / (Math.sqrt(vh) + eps)));
        p[i] -= eta * m[i];
      }
    },
  };
}
