/**
 * Kaplan–Meier product-limit estimator of the survival function and the restricted mean survival time.
 *   Ŝ(t) = Π_{t_j ≤ t} (1 − d_j/n_j)                              Kaplan & Meier (1958), JASA 53:457;
 *   Var Ŝ(t) = Ŝ(t)² Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j))          Greenwood (1926), Rep. Public Health Med. Subj. 33;
 *   μ(τ) = ∫₀^τ Ŝ(t) dt,  Var μ̂(τ) = Σ_{t_j < τ} A_j² d_j / (n_j (n_j − d_j)),  A_j = ∫_{t_j}^τ Ŝ(t) dt
 *                                                                   Klein & Moeschberger (2003), Survival Analysis, §4.5.
 * t_j: distinct observed exit times; n_j: trajectories at risk at t_j; d_j: exits at t_j.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { checkData, checkLevel, type Interval } from './interval.js';

export interface KaplanMeierTable {
  /** distinct observed exit (event) times, ascending */
  time: Float64Array;
  /** Ŝ(t) just after time[j] (right-continuous step function) */
  survival: Float64Array;
  /** n_j: trajectories with observed time ≥ time[j] (censored at time[j] count as at risk) */
  atRisk: Float64Array;
  /** d_j: exits observed at time[j] */
  events: Float64Array;
  /** Greenwood variance of Ŝ(time[j]) */
  variance: Float64Array;
}

/** Indices 0..n−1 ordered by ascending time. */
function orderByTime(times: Float64Array): Uint32Array {
  const idx = new Uint32Array(times.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  idx.sort((a, b) => times[a] - times[b]);
  return idx;
}

/**
 * Kaplan–Meier product-limit estimator (Kaplan & Meier 1958):
 *   Ŝ(t) = Π_{t_j ≤ t} (1 − d_j/n_j)
 * over the distinct exit times t_j, with n_j = #{i : timesᵢ ≥ t_j} (a trajectory censored at t_j is still at risk
 * at t_j) and d_j the exits at t_j. Greenwood (1926) variance:
 *   Var Ŝ(t) = Ŝ(t)² Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j)).
 * Rows are reported at exit times only (Ŝ changes nowhere else). Where n_j = d_j, Ŝ drops to 0 and the
 * variance is reported as 0 (the term d_j/(n_j(n_j − d_j)) is infinite but multiplies Ŝ² = 0).
 */
export function kaplanMeier(times: Float64Array, censored: Uint8Array): KaplanMeierTable {
  checkData(times, censored, 'kaplanMeier');
  const n = times.length;
  const idx = orderByTime(times);
  const tOut: number[] = [];
  const sOut: number[] = [];
  const nOut: number[] = [];
  const dOut: number[] = [];
  const vOut: number[] = [];
  let atRisk = n;
  let s = 1;
  let gw = 0; // Σ d/(n(n−d))
  let k = 0;
  while (k < n) {
    const t = times[idx[k]];
    let d = 0;
    let m = 0;
    while (k + m < n && times[idx[k + m]] === t) {
      if (censored[idx[k + m]] === 0) d++;
      m++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      if (atRisk > d) gw += d / (atRisk * (atRisk - d));
      else s = 0;
      tOut.push(t);
      sOut.push(s);
      nOut.push(atRisk);
      dOut.push(d);
      vOut.push(s === 0 ? 0 : s * s * gw);
    }
    atRisk -= m;
    k += m;
  }
  return {
    time: Float64Array.from(tOut),
    survival: Float64Array.from(sOut),
    atRisk: Float64Array.from(nOut),
    events: Float64Array.from(dOut),
    variance: Float64Array.from(vOut),
  };
}

/** The largest observed time (0 for no data) and Ŝ after the last exit (1 without exits). */
function tail(times: Float64Array, km: KaplanMeierTable): { tMax: number; sEnd: number } {
  let tMax = 0;
  for (let i = 0; i < times.length; i++) if (times[i] > tMax) tMax = times[i];
  const J = km.time.length;
  return { tMax, sEnd: J > 0 ? km.survival[J - 1] : 1 };
}

/**
 * Restricted mean survival time μ(τ) = ∫₀^τ Ŝ(t) dt (area under the KM step function), with the Greenwood-type
 * variance (Klein & Moeschberger 2003, eq. 4.5.2)
 *   Var μ̂(τ) = Σ_{t_j < τ} A_j² d_j / (n_j (n_j − d_j)),   A_j = ∫_{t_j}^τ Ŝ(t) dt,
 * and a normal interval μ̂ ± z_{1−α/2}·se. τ defaults to the largest observed time. μ(τ) ≤ E[min(T, τ)] ≤ E[T],
 * so it is a censoring-robust lower bound on the mean escape time. τ beyond the largest observed time is allowed
 * only if Ŝ has dropped to 0 there (otherwise Ŝ is not identified beyond it).
 */
export function restrictedMean(times: Float64Array, censored: Uint8Array, tau?: number, level = 0.95): Interval {
  checkLevel(level);
  const km = kaplanMeier(times, censored);
  const { tMax, sEnd } = tail(times, km);
  const T = tau ?? tMax;
  if (!(Number.isFinite(T) && T >= 0)) throw new RangeError(`restrictedMean: tau must be finite and ≥ 0, got ${tau}`);
  const J = km.time.length;
  if (T > tMax && sEnd > 0) {
    throw new RangeError(
      `restrictedMean: tau = ${T} exceeds the largest observed time ${tMax} while the KM curve is still ` +
        `${sEnd} > 0 there; the survival function is not identified beyond the data`,
    );
  }
  // exit times strictly below τ contribute steps inside [0, τ)
  let J0 = 0;
  while (J0 < J && km.time[J0] < T) J0++;
  // A_j = ∫_{t_j}^τ Ŝ, accumulated backwards: A_{J0−1} = Ŝ_{J0−1}·(τ − t_{J0−1}), A_j = A_{j+1} + Ŝ_j·(t_{j+1} − t_j)
  let area = 0;
  let variance = 0;
  let next = T;
  for (let j = J0 - 1; j >= 0; j--) {
    area += km.survival[j] * (next - km.time[j]);
    next = km.time[j];
    const nj = km.atRisk[j];
    const dj = km.events[j];
    if (nj > dj) variance += (area * area * dj) / (nj * (nj - dj));
  }
  area += 1 * (J0 > 0 ? km.time[0] : T); // Ŝ = 1 on [0, t_1)
  const se = Math.sqrt(variance);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return {
    estimate: area,
    ci95: [area - z * se, area + z * se],
    se,
    method: `km-restricted-mean (tau=${T})`,
  };
}

/**
 * Kaplan–Meier Ŝ(g) at each grid time g (right-continuous step function: Ŝ(g) = Π_{t_j ≤ g}(1 − d_j/n_j), 1 for
 * g < first exit). Beyond the largest observed time Ŝ is NaN if it has not reached 0 there (not identified).
 */
export function survivalOnGrid(times: Float64Array, censored: Uint8Array, grid: ArrayLike<number>): Float64Array {
  const km = kaplanMeier(times, censored);
  const { tMax, sEnd } = tail(times, km);
  const J = km.time.length;
  const out = new Float64Array(grid.length);
  for (let g = 0; g < grid.length; g++) {
    const x = grid[g];
    if (Number.isNaN(x)) throw new RangeError(`survivalOnGrid: grid[${g}] is NaN`);
    if (x > tMax && sEnd > 0) {
      out[g] = NaN;
      continue;
    }
    // binary search: number of exit times ≤ x
    let lo = 0;
    let hi = J;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (km.time[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    out[g] = lo === 0 ? 1 : km.survival[lo - 1];
  }
  return out;
}
