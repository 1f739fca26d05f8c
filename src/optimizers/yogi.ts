/**
 * Yogi (Zaheer, Reddi, Sachan, Kale, Kumar, NeurIPS 2018): Adam with an additive second-moment update,
 *   v ← v − (1−β2)·sign(v − g²)·g²,
 * in the PyTorch form of the widely used torch-optimizer package (the authors' code is TensorFlow): m and v start
 * at 1e-6 (initial accumulator), bias-corrected as in Adam, L2 weight decay:
 *   g ← g + wd·θ;  m ← β1m + (1−β1)g;  θ ← θ − (lr/(1−β1ᵗ))·m/(√v/√(1−β2ᵗ) + ε)
 * Defaults: lr 1e-2, β 0.9/0.999, ε 1e-3, wd 0.
 */
import { betaRule, epsRule, lrRule, resolveHyper, wdRule, type Hyper } from './hyper.js';
import { buf, checkShapes, type Optimizer } from './types.js';

export const YOGI_INITIAL_ACCUMULATOR = 1e-6;

export function yogi(given?: Hyper): Optimizer {
  const h = resolveHyper<Required<Pick<Hyper, 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay'>>>('yogi', {
    lr: lrRule(1e-2), beta1: betaRule(0.9), beta2: betaRule(0.999), eps: epsRule(1e-3), weightDecay: wdRule(),
  }, given as Record<string, unknown>);
  const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd } = h;
  return {
    name: 'yogi', hyper: Object.freeze({ ...h }),
    init: (p) => ({ t: 0, m: new Float64Array(p.length).fill(YOGI_INITIAL_ACCUMULATOR), v: new Float64Array(p.length).fill(YOGI_INITIAL_ACCUMULATOR) }),
    step(p, g, s) {
      checkShapes('yogi', p, g, s);
      s.t++;
      const m = buf(s, 'm'), v = buf(s, 'v');
      const stepSize = lr / (1 - b1 ** s.t);
      const bc2sqrt = Math.sqrt(1 - b2 ** s.t);
      for (let i = 0; i < p.length; i++) {
        const gi = wd !== 0 ? g[i] + wd * p[i] : g[i];
        const g2 = gi * gi;
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] -= (1 - b2) * Math.sign(v[i] - g2) * g2;
        p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2sqrt + eps);
      }
    },
  };
}
