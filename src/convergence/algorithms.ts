/**
 * The online algorithms in the exact form each regret theorem analyses (which is not always the code form of
 * src/optimizers): step size α_t = α/√t, a first-moment weight β1,t that may decay, and a projection onto F.
 * For a diagonal preconditioner and a box, the weighted projection Π_{F,diag(w)} of Reddi et al. (2018) is the
 * coordinate-wise clip, so every algorithm ends with x ← clip(x − step, lo, hi).
 *
 *   adam        Kingma & Ba (2015) Algorithm 1:  m = β1,t m + (1−β1,t) g,  v = β2 v + (1−β2) g²,
 *               m̂ = m/(1−β1ᵗ),  v̂ = v/(1−β2ᵗ),  x ← Π(x − α_t m̂/(√v̂ + ε))
 *   amsgrad     Reddi et al. (2018) Algorithm 2:  m, v as above (no bias correction),  v̂ = max(v̂, v),
 *               x ← Π(x − α_t m/√v̂)              (ε = 0 by default; 0/0 := 0, i.e. a coordinate never seen moves not)
 *   padam       Chen et al. Algorithm 1:  as amsgrad with v̂ᵖ in place of √v̂ (p ∈ (0, ½]; p = ½ is amsgrad)
 *   adamomentum Wang et al. (ICDM 2023) Theorem 4 setting:  m as above,  v = β2 v + (1−β2) m² + ε,
 *               x ← Π(x − α_t m/√v)   (the analysed iterate has no bias correction)
 *   invadam     Shi et al.: bias-corrected m̂, v̂ as adam,  x ← Π(x − α_t m̂ ⊙ (√v̂ + ε))
 *   dualadam    Shi et al.: a_t = max(0, 1 − ξt); while a_t ≥ ξ the step is (1−a_t)·adam + a_t·invadam, then adam
 */
import type { OnlineProblem } from './problems.js';

export const ONLINE_ALGORITHMS = ['adam', 'amsgrad', 'padam', 'adamomentum', 'invadam', 'dualadam'] as const;
export type OnlineAlgorithm = (typeof ONLINE_ALGORITHMS)[number];

/** how β1,t depends on t: constant β1, β1·λ^{t−1} (Kingma & Ba; Reddi Cor. 1), β1·λᵗ (AdaMomentum Cor. 2), or β1/t */
export type Beta1Schedule = 'constant' | 'exp' | 'exp-t' | 'inverse';

export interface OnlineHyper {
  alpha: number;
  beta1: number;
  beta2: number;
  /** λ of the exponential β1 schedules */
  lambda: number;
  beta1Schedule: Beta1Schedule;
  /** 'sqrt': α_t = α/√t (every theorem here); 'constant': α_t = α (to compare with src/optimizers) */
  stepSchedule: 'sqrt' | 'constant';
  eps: number;
  /** Padam's partial exponent */
  p: number;
  /** DualAdam's switch rate ξ */
  xi: number;
}

export const DEFAULT_ONLINE_HYPER: OnlineHyper = {
  alpha: 0.1, beta1: 0.9, beta2: 0.999, lambda: 0.999, beta1Schedule: 'constant', stepSchedule: 'sqrt', eps: 0, p: 0.25, xi: 0.01,
};

export function beta1At(h: OnlineHyper, t: number): number {
  switch (h.beta1Schedule) {
    case 'constant': return h.beta1;
    case 'exp': return h.beta1 * h.lambda ** (t - 1);
    case 'exp-t': return h.beta1 * h.lambda ** t;
    case 'inverse': return h.beta1 / t;
  }
}

export const stepAt = (h: OnlineHyper, t: number): number => (h.stepSchedule === 'sqrt' ? h.alpha / Math.sqrt(t) : h.alpha);

/** State of one run; `vBound` is the second moment the theorems' bounds are written in (v̂ for adam/amsgrad/padam, v for adamomentum). */
export interface OnlineState {
  t: number;
  x: Float64Array;
  m: Float64Array;
  v: Float64Array;
  vhat: Float64Array;
  vBound: Float64Array;
}

export function initOnline(p: OnlineProblem): OnlineState {
  const d = p.dim;
  return { t: 0, x: Float64Array.from(p.start), m: new Float64Array(d), v: new Float64Array(d), vhat: new Float64Array(d), vBound: new Float64Array(d) };
}

const safeDiv = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** One round: the learner has played s.x and sees the gradient g; updates s in place (t ← t + 1, x ← x_{t+1}). */
export function onlineStep(alg: OnlineAlgorithm, h: OnlineHyper, p: OnlineProblem, s: OnlineState, g: Float64Array): void {
  const t = ++s.t;
  const b1t = beta1At(h, t), b2 = h.beta2, at = stepAt(h, t);
  const bc1 = 1 - h.beta1 ** t, bc2 = 1 - b2 ** t;
  const a = alg === 'dualadam' ? Math.max(0, 1 - h.xi * t) : 0;
  const blend = alg === 'dualadam' && a >= h.xi;
  for (let i = 0; i < p.dim; i++) {
    const gi = g[i];
    s.m[i] = b1t * s.m[i] + (1 - b1t) * gi;
    let step: number;
    switch (alg) {
      case 'amsgrad':
      case 'padam': {
        s.v[i] = b2 * s.v[i] + (1 - b2) * gi * gi;
        s.vhat[i] = Math.max(s.vhat[i], s.v[i]);
        s.vBound[i] = s.vhat[i];
        const den = alg === 'amsgrad' ? Math.sqrt(s.vhat[i]) : s.vhat[i] ** h.p;
        step = at * safeDiv(s.m[i], den + h.eps);
        break;
      }
      case 'adamomentum': {
        s.v[i] = b2 * s.v[i] + (1 - b2) * s.m[i] * s.m[i] + h.eps;
        s.vBound[i] = s.v[i];
        step = at * safeDiv(s.m[i], Math.sqrt(s.v[i]));
        break;
      }
      default: {
        s.v[i] = b2 * s.v[i] + (1 - b2) * gi * gi;
        const mh = s.m[i] / bc1, vh = s.v[i] / bc2;
        s.vhat[i] = vh;
        s.vBound[i] = vh;
        const n = Math.sqrt(vh) + h.eps;
        const adamStep = safeDiv(mh, n), invStep = mh * n;
        step = at * (alg === 'adam' ? adamStep : alg === 'invadam' ? invStep : blend ? (1 - a) * adamStep + a * invStep : adamStep);
      }
    }
    s.x[i] = Math.min(p.hi[i], Math.max(p.lo[i], s.x[i] - step));
  }
}
