/**
 * Adai, adaptive inertia (Xie, Wang, Zhang, Sato, Sugiyama, ICML 2022; official adai_optim/adai.py,
 * sources.md §3.3):
 *   g ← g + wd·θ (or θ ← θ(1 − lr·wd) when decoupled)
 *   v ← β2v + (1−β2)g²,  v̂ = v/(1−β2ᵗ),  v̄ = mean of v̂ over all parameters
 *   β1,t = clip(1 − β0·v̂/v̄, 0, 1 − ε)   (element-wise; ε bounds the inertia, it is not a denominator term)
 *   m ← β1,t·m + (1 − β1,t)·g,  Π ← Π·β1,t (Π₀ = 1),  m̂ = m/(1 − Π),  θ ← θ − lr·m̂
 * Defaults: lr required, β0 0.1, β2 0.99, ε 1e-3, wd 0, not decoupled.
 */
import { betaRule, bool, lrRule, num, resolveHyper, wdRule, type Hyper } from './hyper.js';
import { buf, checkShapes, type Optimizer } from './types.js';

export function adai(given?: Hyper): Optimizer {
  const h = resolveHyper<Required<Pick<Hyper, 'lr' | 'beta0' | 'beta2' | 'eps' | 'weightDecay' | 'decoupled'>>>('adai', {
    lr: lrRule(null), beta0: num(0.1, 0, Infinity, { loOpen: true, hiOpen: true }), beta2: betaRule(0.99),
    eps: num(1e-3, 0, 1, { hiOpen: true }), weightDecay: wdRule(), decoupled: bool(false),
  }, given as Record<string, unknown>);
  const { lr, beta0, beta2: b2, eps, weightDecay: wd, decoupled } = h;
  let gg = new Float64Array(0);
  return {
    name: 'adai', hyper: Object.freeze({ ...h }),
    init: (p) => ({ t: 0, m: new Float64Array(p.length), v: new Float64Array(p.length), beta1Prod: new Float64Array(p.length).fill(1) }),
    step(p, g, s) {
      checkShapes('adai', p, g, s);
      s.t++;
      const m = buf(s, 'm'), v = buf(s, 'v'), prod = buf(s, 'beta1Prod');
      const n = p.length;
      const bc2 = 1 - b2 ** s.t;
      if (gg.length !== n) gg = new Float64Array(n); // the decayed gradient, reused between steps
      let mean = 0;
      for (let i = 0; i < n; i++) {
        let gi = g[i];
        if (wd !== 0) {
          if (decoupled) p[i] *= 1 - lr * wd;
          else gi += wd * p[i];
        }
        gg[i] = gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        mean += v[i] / bc2;
      }
      mean /= n;
      for (let i = 0; i < n; i++) {
        const b1 = Math.min(1 - eps, Math.max(0, 1 - (beta0 * (v[i] / bc2)) / mean));
        m[i] = b1 * m[i] + (1 - b1) * gg[i];
        prod[i] *= b1;
        p[i] -= (lr * m[i]) / (1 - prod[i]);
      }
    },
  };
}
