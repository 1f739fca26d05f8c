/**
 * AdaMomentum / AdaM³ (Wang et al.; official AdaM3.py, sources.md §5.2): the second moment is built from the
 * momentum, and ε is added to the state in place, so it accumulates to ε/(1−β2):
 *   decoupled: θ ← θ(1 − lr·wd)   else g ← g + wd·θ
 *   m ← β1m + (1−β1)g;  v ← β2v + (1−β2)m² + ε;  v̂ = amsgrad ? max(v_max, v) : v
 *   θ ← θ − (lr/(1−β1ᵗ)) · m / (√v̂/√(1−β2ᵗ))   (no ε in the denominator)
 * The paper writes the same rule. Defaults (class): lr 1e-3, β 0.9/0.999, ε 1e-16, wd 0, decoupled, no amsgrad.
 */
import { betaRule, bool, epsRule, lrRule, resolveHyper, wdRule, type Hyper } from './hyper.js';
import { buf, checkShapes, momentState, type Optimizer } from './types.js';

export function adamomentum(given?: Hyper): Optimizer {
  const h = resolveHyper<Required<Pick<Hyper, 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'decoupled' | 'amsgrad'>>>('adamomentum', {
    lr: lrRule(1e-3), beta1: betaRule(0.9), beta2: betaRule(0.999), eps: epsRule(1e-16), weightDecay: wdRule(),
    decoupled: bool(true), amsgrad: bool(false),
  }, given as Record<string, unknown>);
  const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd, decoupled, amsgrad } = h;
  return {
    name: 'adamomentum', hyper: Object.freeze({ ...h }),
    init: (p) => momentState(p, amsgrad),
    step(p, g, s) {
      checkShapes('adamomentum', p, g, s);
      s.t++;
      const m = buf(s, 'm'), v = buf(s, 'v'), vmax = buf(s, 'vmax');
      const stepSize = lr / (1 - b1 ** s.t);
      const bc2sqrt = Math.sqrt(1 - b2 ** s.t);
      for (let i = 0; i < p.length; i++) {
        let gi = g[i];
        if (wd !== 0) {
          if (decoupled) p[i] *= 1 - lr * wd;
          else gi += wd * p[i];
        }
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * m[i] * m[i];
        v[i] += eps;
        const vh = amsgrad ? (vmax[i] = Math.max(vmax[i], v[i])) : v[i];
        p[i] -= (stepSize * m[i]) / (Math.sqrt(vh) / bc2sqrt);
      }
    },
  };
}
