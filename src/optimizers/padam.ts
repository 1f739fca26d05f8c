/**
 * Padam (Chen, Zhou, Tang, Yang, Cao, Gu 2020; official Padam.py, sources.md §5.1).
 *   code:  g ← g + wd·θ;  m ← β1m + (1−β1)g;  v ← β2v + (1−β2)g²;  v̂ = amsgrad ? max(v̂, v) : v
 *          θ ← θ − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v̂ + ε)^{2p}
 *   paper: θ ← θ − lr·m / v̂^p  (Algorithm 1: no ε, no bias correction)
 * Defaults (class): lr 0.1, β 0.9/0.999, ε 1e-8, wd 0, amsgrad on, partial p = 1/4 (p ∈ [0, ½]).
 */
import { betaRule, bool, epsRule, form, lrRule, num, resolveHyper, wdRule, type Hyper } from './hyper.js';
import { buf, checkShapes, momentState, type Optimizer } from './types.js';

export function padam(given?: Hyper): Optimizer {
  const h = resolveHyper<Required<Pick<Hyper, 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'amsgrad' | 'partial' | 'form'>>>('padam', {
    lr: lrRule(0.1), beta1: betaRule(0.9), beta2: betaRule(0.999), eps: epsRule(1e-8), weightDecay: wdRule(),
    amsgrad: bool(true), partial: num(0.25, 0, 0.5), form: form(['code', 'paper']),
  }, given as Record<string, unknown>);
  const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd, amsgrad, partial: pp } = h;
  const paper = h.form === 'paper';
  return {
    name: 'padam', hyper: Object.freeze({ ...h }),
    init: (p) => momentState(p, amsgrad),
    step(p, g, s) {
      checkShapes('padam', p, g, s);
      s.t++;
      const m = buf(s, 'm'), v = buf(s, 'v'), vmax = buf(s, 'vmax');
      const stepSize = paper ? lr : (lr * Math.sqrt(1 - b2 ** s.t)) / (1 - b1 ** s.t);
      for (let i = 0; i < p.length; i++) {
        const gi = wd !== 0 ? g[i] + wd * p[i] : g[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        const vh = amsgrad ? (vmax[i] = Math.max(vmax[i], v[i])) : v[i];
        const denom = paper ? Math.pow(vh, pp) : Math.pow(Math.sqrt(vh) + eps, 2 * pp);
        p[i] -= (stepSize * m[i]) / denom;
      }
    },
  };
}
