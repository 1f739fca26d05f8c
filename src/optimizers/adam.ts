/**
 * Adam, AdamW, AMSGrad with PyTorch `torch.optim.Adam` / `AdamW` semantics (Kingma & Ba 2015; Loshchilov &
 * Hutter 2019; Reddi et al. 2018):
 *   adam:  g ← g + wd·θ (L2);   adamw: θ ← θ(1 − lr·wd) (decoupled)
 *   m ← m + (1−β1)(g − m)  (PyTorch's lerp),   v ← β2·v + (1−β2)·g²
 *   v̂ = amsgrad ? (v_max ← max(v_max, v)) : v
 *   θ ← θ − (lr/(1−β1ᵗ)) · m / (√v̂/√(1−β2ᵗ) + ε)
 * Defaults: lr 1e-3, β 0.9/0.999, ε 1e-8, wd 0 (adamw 1e-2); `amsgrad` is adam with amsgrad on.
 */
import { betaRule, bool, epsRule, lrRule, resolveHyper, wdRule, type Hyper } from './hyper.js';
import { buf, checkShapes, momentState, type Optimizer } from './types.js';

type AdamHyper = Required<Pick<Hyper, 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'amsgrad'>>;

function adamFamily(name: 'adam' | 'adamw' | 'amsgrad', given: Hyper | undefined): Optimizer {
  const decoupled = name === 'adamw';
  const h = resolveHyper<AdamHyper>(name, {
    lr: lrRule(1e-3), beta1: betaRule(0.9), beta2: betaRule(0.999), eps: epsRule(1e-8),
    weightDecay: wdRule(decoupled ? 1e-2 : 0), amsgrad: bool(name === 'amsgrad'),
  }, given as Record<string, unknown>);
  const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd, amsgrad } = h;
  return {
    name, hyper: Object.freeze({ ...h }),
    init: (p) => momentState(p, amsgrad),
    step(p, g, s) {
      checkShapes(name, p, g, s);
      s.t++;
      const m = buf(s, 'm'), v = buf(s, 'v'), vmax = buf(s, 'vmax');
      const stepSize = lr / (1 - b1 ** s.t);
      const bc2sqrt = Math.sqrt(1 - b2 ** s.t);
      for (let i = 0; i < p.length; i++) {
        if (decoupled) p[i] *= 1 - lr * wd;
        const gi = !decoupled && wd !== 0 ? g[i] + wd * p[i] : g[i];
        m[i] += (1 - b1) * (gi - m[i]);
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        let vh = v[i];
        if (amsgrad) vh = vmax[i] = Math.max(vmax[i], v[i]);
        p[i] -= (stepSize * m[i]) / (Math.sqrt(vh) / bc2sqrt + eps);
      }
    },
  };
}

export const adam = (h?: Hyper) => adamFamily('adam', h);
export const adamw = (h?: Hyper) => adamFamily('adamw', h);
export const amsgrad = (h?: Hyper) => adamFamily('amsgrad', h);
