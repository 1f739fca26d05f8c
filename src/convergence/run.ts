/**
 * Plays an online algorithm on a problem for T rounds and records, on a grid of horizons t ≤ T, the regret
 *   R(t) = Σ_{τ≤t} f_τ(x_τ) − min_{x∈F} Σ_{τ≤t} f_τ(x)
 * and every data-dependent quantity the regret bounds are written in (each bound holds for every horizon, so
 * each grid point is a separate check).
 */
import { beta1At, initOnline, onlineStep, stepAt, type OnlineAlgorithm, type OnlineHyper } from './algorithms.js';
import { bestFixedPoint } from './comparator.js';
import { isSeparable, lossGradient, lossValue, problemConstants, type OnlineProblem, type ProblemConstants } from './problems.js';

/** The run's quantities at one horizon t (names follow Reddi et al. 2018 and Kingma & Ba 2015). */
export interface HorizonRecord {
  t: number;
  /** certified lower bound of R(t) (exact for separable problems, up to round-off) */
  regret: number;
  /** Σ_{τ≤t} |f_τ(x_τ)| + |F_t(θ*)|: the scale of the round-off in `regret` */
  scale: number;
  /** Σᵢ √v_{t,i} with the algorithm's bound moment (v̂ or v) */
  sumSqrtV: number;
  /** Σᵢ v_{t,i}^p (Padam) */
  sumVPow: number;
  /** Σ_{τ≤t} Σᵢ β1,τ √v_{τ,i} / α_τ */
  betaSum: number;
  /** Σᵢ ‖g_{1:t,i}‖₂ */
  sumGradNorms: number;
  /**
   * t₀ of Phuong & Phong's Lemma 4.3 over rounds ≤ t: the last round τ at which
   * √((τ−1)v̂_{τ−1,i})/(1−β1,τ−1) ≤ √(τ v̂_{τ,i})/(1−β1,τ) fails for some i (0 if never)
   */
  t0: number;
  /** the iterate averaged over the last period (P rounds) before t */
  xbar: number[];
  /** the largest |x_{τ+1,i} − x_{τ,i}| over the last period */
  maxStep: number;
  /** the comparator θ* at horizon t */
  argmin: number[];
}

export interface RunRecord {
  algorithm: OnlineAlgorithm;
  constants: ProblemConstants;
  horizons: HorizonRecord[];
  /** v_{t,i} ≤ v_{t+1,i} for every t and i (an assumption of AdaMomentum's Theorem 4, checked on the run) */
  vMonotone: boolean;
  /** max over t, i of |m_{t,i}| */
  maxAbsM: number;
  /** max over t, i of v_{t,i} − (G∞² + (1−β2ᵗ)ε/(1−β2)) (≤ 0 is AdaMomentum's invariant) */
  maxVExcess: number;
  final: number[];
}

/** Horizons 1…min(T, 32), then a geometric grid of ratio `ratio`, always ending at T. */
export function horizonGrid(T: number, ratio = 1.05): number[] {
  const out: number[] = [];
  for (let t = 1; t <= Math.min(T, 32); t++) out.push(t);
  let u = 32;
  while (u < T) {
    u = Math.min(T, Math.max(u + 1, Math.round(u * ratio)));
    out.push(u);
  }
  return out;
}

export function runOnline(alg: OnlineAlgorithm, h: OnlineHyper, p: OnlineProblem): RunRecord {
  const d = p.dim, P = p.slots.length;
  const constants = problemConstants(p);
  const grid = horizonGrid(p.horizon, isSeparable(p) ? 1.05 : 1.3);
  const s = initOnline(p);
  const g = new Float64Array(d), gsq = new Float64Array(d), vPrev = new Float64Array(d);
  let cum = 0, cumAbs = 0, betaSum = 0, maxAbsM = 0, maxVExcess = -Infinity, vMonotone = true;
  let next = 0, warm: number[] | undefined, t0 = 0;
  const lemmaPrev = new Float64Array(d);
  // the last P iterates played and the last P step sizes (ring buffers)
  const ringX = new Float64Array(P * d), ringStep = new Float64Array(P);
  const horizons: HorizonRecord[] = [];
  for (let t = 1; t <= p.horizon; t++) {
    const slot = p.slots[(t - 1) % P];
    const ri = (t - 1) % P;
    for (let i = 0; i < d; i++) ringX[ri * d + i] = s.x[i];
    const f = lossValue(slot, s.x);
    cum += f;
    cumAbs += Math.abs(f);
    lossGradient(slot, s.x, g);
    for (let i = 0; i < d; i++) gsq[i] += g[i] * g[i];
    onlineStep(alg, h, p, s, g);
    let step = 0;
    for (let i = 0; i < d; i++) step = Math.max(step, Math.abs(s.x[i] - ringX[ri * d + i]));
    ringStep[ri] = step;
    // s.t === t now; the moments are those of round t
    const b1t = beta1At(h, t), at = stepAt(h, t);
    const vCap = constants.Ginf ** 2 + ((1 - h.beta2 ** t) * h.eps) / (1 - h.beta2);
    for (let i = 0; i < d; i++) {
      betaSum += (b1t * Math.sqrt(s.vBound[i])) / at;
      maxAbsM = Math.max(maxAbsM, Math.abs(s.m[i]));
      maxVExcess = Math.max(maxVExcess, s.v[i] - vCap);
      if (t > 1 && s.v[i] < vPrev[i]) vMonotone = false;
      vPrev[i] = s.v[i];
      const lemma = Math.sqrt(t * s.vBound[i]) / (1 - b1t);
      if (t > 1 && lemmaPrev[i] > lemma) t0 = t;
      lemmaPrev[i] = lemma;
    }
    if (t === grid[next]) {
      const c = bestFixedPoint(p, t, warm);
      warm = c.argmin;
      let sumSqrtV = 0, sumVPow = 0, sumGradNorms = 0;
      for (let i = 0; i < d; i++) {
        sumSqrtV += Math.sqrt(s.vBound[i]);
        sumVPow += s.vBound[i] ** h.p;
        sumGradNorms += Math.sqrt(gsq[i]);
      }
      const n = Math.min(t, P), xbar = new Array<number>(d).fill(0);
      for (let k = 0; k < n; k++) for (let i = 0; i < d; i++) xbar[i] += ringX[k * d + i] / n;
      let maxStep = 0;
      for (let k = 0; k < n; k++) maxStep = Math.max(maxStep, ringStep[k]);
      horizons.push({ t, regret: cum - c.value, scale: cumAbs + Math.abs(c.value), sumSqrtV, sumVPow, betaSum, sumGradNorms, t0, xbar, maxStep, argmin: c.argmin });
      next++;
    }
  }
  return { algorithm: alg, constants, horizons, vMonotone, maxAbsM, maxVExcess, final: Array.from(s.x) };
}
