/**
 * ND-Adam (Zhang, Ma, Li, Wu; Algorithm 1 of arXiv:1709.04546, sources.md §5.3). The parameters are consecutive
 * vectors w of length `vectorSize` (the input weights of one hidden unit each), normalised to ‖w‖ = 1 by `init`
 * (in place, as the paper does at initialisation):
 *   g = ḡ − (ḡ·w)w   (tangent projection, Eq. 12)
 *   m ← β1m + (1−β1)g (vector),  v ← β2v + (1−β2)‖g‖² (one scalar per vector, Eq. 9)
 *   w̄ = w − lr·m̂/(√v̂ + ε)  (Eq. 13a),  w = w̄/‖w̄‖  (Eq. 13b)
 * `form: 'code'` (the default) follows the official PyTorch class (zj10/ND-Adam pytorch/ndadam.py, sources.md §5.3):
 * L2 weight decay added to the gradient, no normalisation at init (the first "projection" uses the un-normalised w),
 * and the bias correction folded into the step,
 *   w̄ = w − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m/(√v + ε).
 * `form: 'paper'` is Algorithm 1 as written above (no weight decay; the paper's α^v is 0.05).
 * Defaults (the PyTorch class): lr 1e-3, β 0.9/0.999, ε 1e-8, wd 0.
 */
import { betaRule, epsRule, form, lrRule, num, OptimizerError, resolveHyper, wdRule, type Hyper } from './hyper.js';
import { buf, type Optimizer } from './types.js';

export function ndadam(given?: Hyper): Optimizer {
  const h = resolveHyper<Required<Pick<Hyper, 'lr' | 'beta1' | 'beta2' | 'eps' | 'vectorSize' | 'form' | 'weightDecay'>>>('ndadam', {
    lr: lrRule(1e-3), beta1: betaRule(0.9), beta2: betaRule(0.999), eps: epsRule(1e-8), weightDecay: wdRule(),
    vectorSize: num(null, 1, 1 << 24, { integer: true }), form: form(['code', 'paper']),
  }, given as Record<string, unknown>);
  const { lr, beta1: b1, beta2: b2, eps, vectorSize: k, weightDecay: wd } = h;
  const code = h.form === 'code';
  if (!code && wd !== 0) throw new OptimizerError('ndadam.weightDecay', "the paper's Algorithm 1 has no weight decay; use form 'code' (L2 added to the gradient) or weightDecay 0");
  const vectors = (p: Float64Array, who: string) => {
    if (p.length % k !== 0) throw new OptimizerError('ndadam.vectorSize', `${who}: ${p.length} parameters are not a whole number of vectors of size ${k}`);
    return p.length / k;
  };
  const normalise = (p: Float64Array, o: number) => {
    let n2 = 0;
    for (let j = 0; j < k; j++) n2 += p[o + j] * p[o + j];
    if (!(n2 > 0)) throw new RangeError(`ndadam: vector ${o / k} has zero norm`);
    const inv = 1 / Math.sqrt(n2);
    for (let j = 0; j < k; j++) p[o + j] *= inv;
  };
  return {
    name: 'ndadam', hyper: Object.freeze({ ...h }),
    init(p) {
      const nv = vectors(p, 'init');
      if (!code) for (let q = 0; q < nv; q++) normalise(p, q * k);
      return { t: 0, m: new Float64Array(p.length), v: new Float64Array(nv) };
    },
    step(p, g, s) {
      const nv = vectors(p, 'step');
      if (g.length !== p.length) throw new RangeError(`ndadam.step: grad has length ${g.length}, params ${p.length}`);
      s.t++;
      const m = buf(s, 'm'), v = buf(s, 'v');
      const bc1 = 1 - b1 ** s.t, bc2 = 1 - b2 ** s.t;
      for (let q = 0; q < nv; q++) {
        const o = q * k;
        let dot = 0;
        for (let j = 0; j < k; j++) dot += (g[o + j] + wd * p[o + j]) * p[o + j];
        let g2 = 0;
        for (let j = 0; j < k; j++) {
          const gt = g[o + j] + wd * p[o + j] - dot * p[o + j];
          m[o + j] = b1 * m[o + j] + (1 - b1) * gt;
          g2 += gt * gt;
        }
        v[q] = b2 * v[q] + (1 - b2) * g2;
        if (code) {
          const scale = (lr * Math.sqrt(bc2)) / bc1 / (Math.sqrt(v[q]) + eps);
          for (let j = 0; j < k; j++) p[o + j] -= scale * m[o + j];
        } else {
          const scale = lr / (Math.sqrt(v[q] / bc2) + eps);
          for (let j = 0; j < k; j++) p[o + j] -= (scale * m[o + j]) / bc1;
        }
        normalise(p, o);
      }
    },
  };
}
