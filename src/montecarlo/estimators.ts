/**
 * Escape-time (mean first-passage time) estimators for Monte Carlo trajectories.
 *
 * Data model, one entry per trajectory:
 *   times[i]    exit time, or the censoring time (maxTime) if the trajectory never exited;
 *   censored[i] 1 = did not exit before times[i] (right-censored), 0 = exit observed.
 *
 * Sources for the formulas quoted in the comments below:
 *   Kaplan & Meier (1958), JASA 53:457 — product-limit estimator;
 *   Greenwood (1926), Rep. Public Health Med. Subj. 33 — variance of the life table;
 *   Klein & Moeschberger (2003), Survival Analysis, §4.5 — restricted mean and its variance;
 *   Cox & Oakes (1984), Analysis of Survival Data, §3.2 — exponential MLE, χ² pivot;
 *   Efron (1987), JASA 82:171 — BCa bootstrap; Efron & Tibshirani (1993), ch. 13–14.
 */
import seedrandom from 'seedrandom';
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** A point estimate with a two-sided confidence interval (at `level`, 0.95 by default, despite the field name). */
export interface Interval {
  estimate: number;
  ci95: [number, number];
  se: number;
  method: string;
}

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

export interface BootstrapOptions {
  /** number of bootstrap resamples B (default 2000) */
  resamples?: number;
  /** seed; the stream is seedrandom(String(seed) + '\u0000bootstrap') */
  seed: number | string;
  /** two-sided confidence level (default 0.95) */
  level?: number;
  /** 'bca' (default; Efron 1987) or 'percentile' */
  method?: 'bca' | 'percentile';
}

// ───────────────────────────── validation ─────────────────────────────

function checkLevel(level: number): void {
  if (!(typeof level === 'number' && level > 0 && level < 1)) {
    throw new RangeError(`confidence level must lie strictly between 0 and 1, got ${level}`);
  }
}

function checkTimes(times: Float64Array, who: string): void {
  if (times.length === 0) throw new RangeError(`${who}: empty input (no trajectories)`);
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (Number.isNaN(t)) throw new RangeError(`${who}: times[${i}] is NaN`);
    if (!Number.isFinite(t)) throw new RangeError(`${who}: times[${i}] is not finite (${t})`);
    if (t < 0) throw new RangeError(`${who}: times[${i}] is negative (${t}); escape times must be ≥ 0`);
  }
}

function checkData(times: Float64Array, censored: Uint8Array, who: string): void {
  checkTimes(times, who);
  if (censored.length !== times.length) {
    throw new RangeError(
      `${who}: times and censored have different lengths (${times.length} vs ${censored.length})`,
    );
  }
  for (let i = 0; i < censored.length; i++) {
    const c = censored[i];
    if (c !== 0 && c !== 1) throw new RangeError(`${who}: censored[${i}] must be 0 or 1, got ${c}`);
  }
}

// ───────────────────────────── helpers ─────────────────────────────

/** Standard normal CDF Φ(z) = erfc(−z/√2)/2, erfc by the Chebyshev fit of Numerical Recipes §6.2 (rel. err < 1.2e-7). */
function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const x = -z / Math.SQRT2;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.5 * ax);
  const e =
    t *
    Math.exp(
      -ax * ax -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return 0.5 * (x >= 0 ? e : 2 - e);
}

/** Linear-interpolation quantile (Hyndman & Fan type 7) of an ascending sorted array, 0 ≤ p ≤ 1. */
function sortedQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function meanOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  let m = s / x.length;
  // one correction pass (reduces rounding error of the naive sum)
  let r = 0;
  for (let i = 0; i < x.length; i++) r += x[i] - m;
  m += r / x.length;
  return m;
}

// ───────────────────────────── estimators ─────────────────────────────

/**
 * Sample mean with a Student-t interval  x̄ ± t_{1−α/2, n−1} · s/√n,  s² = Σ(xᵢ − x̄)²/(n − 1).
 * Valid only without censoring: pass `censored` to have that checked (throws if any trajectory is censored).
 * Distribution-free asymptotically (CLT); exact for normal data.
 */
export function sampleMean(times: Float64Array, level = 0.95, censored?: Uint8Array): Interval {
  checkLevel(level);
  if (censored !== undefined) {
    checkData(times, censored, 'sampleMean');
    let k = 0;
    for (let i = 0; i < censored.length; i++) k += censored[i];
    if (k > 0) {
      throw new RangeError(
        `sampleMean: ${k} of ${censored.length} trajectories are censored; the sample mean of censored ` +
          'times is biased low — use exponentialMLE or restrictedMean',
      );
    }
  } else {
    checkTimes(times, 'sampleMean');
  }
  const n = times.length;
  if (n < 2) throw new RangeError('sampleMean: need at least 2 trajectories for a standard error');
  const m = meanOf(times);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (times[i] - m) ** 2;
  const se = Math.sqrt(ss / (n - 1) / n);
  const q = tQuantile(1 - (1 - level) / 2, n - 1);
  return { estimate: m, ci95: [m - q * se, m + q * se], se, method: 'sample-mean (Student t)' };
}

/**
 * Exponential model with right censoring (Cox & Oakes 1984, §3.2):
 *   d = number of observed exits, TTT = Σ timesᵢ (total time on test, censored included),
 *   θ̂ = TTT/d (mean escape time), rate λ̂ = d/TTT, se(θ̂) = θ̂/√d (observed information).
 * Interval from the pivot 2·TTT/θ ~ χ²(2d):  θ ∈ [2·TTT/χ²_{1−α/2}(2d), 2·TTT/χ²_{α/2}(2d)];
 * exact under type-II censoring, the standard approximation under random/type-I censoring.
 * Throws if d = 0 (no escapes: the data give only a lower bound on the mean).
 */
export function exponentialMLE(
  times: Float64Array,
  censored: Uint8Array,
  level = 0.95,
): Interval & { rate: number; events: number; exposure: number } {
  checkLevel(level);
  checkData(times, censored, 'exponentialMLE');
  let d = 0;
  let ttt = 0;
  for (let i = 0; i < times.length; i++) {
    ttt += times[i];
    if (censored[i] === 0) d++;
  }
  if (d === 0) {
    throw new RangeError(
      `exponentialMLE: no escapes (events = 0 of ${times.length} trajectories, total time ${ttt}); ` +
        'the mean escape time is not estimable — only a lower bound can be reported',
    );
  }
  if (ttt === 0) throw new RangeError('exponentialMLE: total time on test is 0 (all escape times are 0)');
  const theta = ttt / d;
  const alpha = 1 - level;
  const lo = (2 * ttt) / chisqQuantile(1 - alpha / 2, 2 * d);
  const hi = (2 * ttt) / chisqQuantile(alpha / 2, 2 * d);
  return {
    estimate: theta,
    ci95: [lo, hi],
    se: theta / Math.sqrt(d),
    method: 'exponential-mle (censored, chi-square 2d)',
    rate: 1 / theta,
    events: d,
    exposure: ttt,
  };
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
  let tMax = 0;
  for (let i = 0; i < times.length; i++) if (times[i] > tMax) tMax = times[i];
  const T = tau ?? tMax;
  if (!(Number.isFinite(T) && T >= 0)) throw new RangeError(`restrictedMean: tau must be finite and ≥ 0, got ${tau}`);
  const J = km.time.length;
  const sEnd = J > 0 ? km.survival[J - 1] : 1;
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
 * BCa-adjusted quantile levels (Efron 1987):
 *   α₁ = Φ(z₀ + (z₀ + z_{α/2}) / (1 − a(z₀ + z_{α/2}))),  α₂ = Φ(z₀ + (z₀ + z_{1−α/2}) / (1 − a(z₀ + z_{1−α/2}))),
 * with bias correction z₀ and acceleration a. With z₀ = a = 0 they reduce to the percentile levels α/2, 1 − α/2.
 */
export function bcaLevels(z0: number, a: number, level: number): [number, number] {
  checkLevel(level);
  const alpha = 1 - level;
  const adj = (zq: number): number => {
    const w = z0 + zq;
    const den = 1 - a * w;
    if (den <= 0) return zq < 0 ? 0 : 1; // acceleration so large the map leaves its monotone branch
    return normalCdf(z0 + w / den);
  };
  return [adj(normalQuantile(alpha / 2, 0, 1)), adj(normalQuantile(1 - alpha / 2, 0, 1))];
}

/**
 * Nonparametric bootstrap interval for statistic(times, censored), resampling whole trajectories (time, censored
 * pairs) with replacement (Efron & Tibshirani 1993). Seeded: stream seedrandom(String(seed) + '\u0000bootstrap');
 * the same seed and data give the same interval.
 *
 * method 'bca' (default): bias-corrected and accelerated interval (Efron 1987), second-order accurate, unlike the
 * percentile interval, which is only first-order accurate and is off for skewed statistics such as a mean escape
 * time — hence the default.
 *   z₀ = Φ⁻¹( (#{θ*_b < θ̂} + ½#{θ*_b = θ̂}) / B ),
 *   a  = Σ (θ̄₍·₎ − θ₍ᵢ₎)³ / (6 [Σ (θ̄₍·₎ − θ₍ᵢ₎)²]^{3/2})  from the jackknife values θ₍ᵢ₎;
 * for n > 1000 a delete-group jackknife over 1000 random groups is used (same first-order acceleration, bounded cost).
 * If z₀ is infinite (all θ* on one side of θ̂) the percentile interval is returned and `method` says so.
 * method 'percentile': [θ*_{(α/2)}, θ*_{(1−α/2)}]. Quantiles of the bootstrap values are type-7 (linear interpolation).
 * se = standard deviation of the θ*. The arrays passed to `statistic` during resampling are reused buffers:
 * copy them if the statistic keeps a reference. Non-finite θ* (e.g. a resample without escapes) raise an error.
 */
export function bootstrapCI(
  times: Float64Array,
  censored: Uint8Array,
  statistic: (t: Float64Array, c: Uint8Array) => number,
  opts: BootstrapOptions,
): Interval {
  checkData(times, censored, 'bootstrapCI');
  const level = opts.level ?? 0.95;
  checkLevel(level);
  const B = opts.resamples ?? 2000;
  if (!(Number.isInteger(B) && B >= 2)) throw new RangeError(`bootstrapCI: resamples must be an integer ≥ 2, got ${B}`);
  const method = opts.method ?? 'bca';
  if (method !== 'bca' && method !== 'percentile') throw new RangeError(`bootstrapCI: unknown method '${String(method)}'`);
  const n = times.length;
  if (n < 2) throw new RangeError('bootstrapCI: need at least 2 trajectories to resample');
  const theta = statistic(times, censored);
  if (!Number.isFinite(theta)) throw new RangeError(`bootstrapCI: the statistic of the original data is not finite (${theta})`);

  const rng = seedrandom(String(opts.seed) + '\u0000bootstrap');
  const tb = new Float64Array(n);
  const cb = new Uint8Array(n);
  const stars = new Float64Array(B);
  let bad = 0;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.quick() * n); // quick(): 32 random bits in [0, 1)
      tb[i] = times[j];
      cb[i] = censored[j];
    }
    const v = statistic(tb, cb);
    if (!Number.isFinite(v)) bad++;
    stars[b] = v;
  }
  if (bad > 0) {
    throw new RangeError(
      `bootstrapCI: the statistic was not finite on ${bad} of ${B} resamples ` +
        '(e.g. a resample without escapes); use a statistic defined on every resample',
    );
  }
  const se = Math.sqrt(
    (() => {
      const m = meanOf(stars);
      let ss = 0;
      for (let b = 0; b < B; b++) ss += (stars[b] - m) ** 2;
      return ss / (B - 1);
    })(),
  );
  const sorted = Float64Array.from(stars).sort();
  const alpha = 1 - level;
  const percentile = (): Interval => ({
    estimate: theta,
    ci95: [sortedQuantile(sorted, alpha / 2), sortedQuantile(sorted, 1 - alpha / 2)],
    se,
    method: 'bootstrap-percentile',
  });
  if (sorted[0] === sorted[B - 1] && sorted[0] === theta) {
    return { estimate: theta, ci95: [theta, theta], se: 0, method: `bootstrap-${method} (degenerate: all resamples equal)` };
  }
  if (method === 'percentile') return percentile();

  // bias correction z₀
  let below = 0;
  let ties = 0;
  for (let b = 0; b < B; b++) {
    if (stars[b] < theta) below++;
    else if (stars[b] === theta) ties++;
  }
  const z0 = normalQuantile((below + 0.5 * ties) / B, 0, 1);
  if (!Number.isFinite(z0)) {
    const p = percentile();
    return { ...p, method: 'bootstrap-percentile (BCa undefined: all resamples on one side of the estimate)' };
  }

  // acceleration from the (grouped) jackknife
  const G = n <= 1000 ? n : 1000;
  const group = new Uint32Array(n);
  if (G === n) {
    for (let i = 0; i < n; i++) group[i] = i;
  } else {
    // random balanced assignment: shuffled positions i → group i mod G (groups of size ⌊n/G⌋ or ⌈n/G⌉)
    const perm = new Uint32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.quick() * (i + 1));
      const tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    for (let i = 0; i < n; i++) group[perm[i]] = i % G;
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((x, y) => group[x] - group[y]);
  const jack = new Float64Array(G);
  const tj = new Float64Array(n);
  const cj = new Uint8Array(n);
  let start = 0;
  for (let g = 0; g < G; g++) {
    let end = start;
    while (end < n && group[order[end]] === g) end++;
    let m = 0;
    for (let k = 0; k < n; k++) {
      if (k >= start && k < end) continue;
      tj[m] = times[order[k]];
      cj[m] = censored[order[k]];
      m++;
    }
    const v = statistic(tj.subarray(0, m), cj.subarray(0, m));
    if (!Number.isFinite(v)) {
      throw new RangeError(`bootstrapCI: the statistic was not finite on jackknife sample ${g} (needed for BCa)`);
    }
    jack[g] = v;
    start = end;
  }
  const jm = meanOf(jack);
  let s2 = 0;
  let s3 = 0;
  for (let g = 0; g < G; g++) {
    const u = jm - jack[g];
    s2 += u * u;
    s3 += u * u * u;
  }
  const a = s2 > 0 ? s3 / (6 * Math.pow(s2, 1.5)) : 0;
  const [p1, p2] = bcaLevels(z0, a, level);
  return {
    estimate: theta,
    ci95: [sortedQuantile(sorted, p1), sortedQuantile(sorted, p2)],
    se,
    method: 'bootstrap-bca',
  };
}

/**
 * The mean first-passage time the CLI reports.
 *   no censoring   → primary = sampleMean (distribution-free, CLT); with a single trajectory, exponentialMLE;
 *   with censoring → primary = exponentialMLE (model-based: escape over a barrier is asymptotically exponential);
 *   no escapes     → primary = { estimate: Infinity (the exponential MLE TTT/0), ci95: [2·TTT/χ²_{1−α/2}(2), ∞] },
 *                    the lower limit being the exact type-I-censoring bound with d = 0 (χ² on 2d + 2 = 2 d.f.).
 * Always also the KM restricted mean up to the largest observed time (a censoring-robust lower bound), and the
 * exponential fit whenever there is at least one escape (null otherwise). primary.method names the estimator used.
 */
export function mfptEstimate(
  times: Float64Array,
  censored: Uint8Array,
  level = 0.95,
): {
  primary: Interval;
  restrictedMean: Interval;
  exponential: (Interval & { rate: number; events: number; exposure: number }) | null;
  escaped: number;
  censored: number;
  trajectories: number;
} {
  checkLevel(level);
  checkData(times, censored, 'mfptEstimate');
  const n = times.length;
  let nc = 0;
  for (let i = 0; i < n; i++) nc += censored[i];
  const escaped = n - nc;
  const rm = restrictedMean(times, censored, undefined, level);
  const exponential = escaped > 0 ? exponentialMLE(times, censored, level) : null;
  let primary: Interval;
  if (nc === 0 && n >= 2) {
    primary = sampleMean(times, level, censored);
  } else if (nc === 0 && exponential !== null) {
    // a single uncensored trajectory: no sample standard error, the exponential χ²(2) interval still exists
    primary = { ...exponential, method: exponential.method + ' (single trajectory: no sample-mean standard error)' };
  } else if (exponential !== null) {
    primary = exponential;
  } else {
    let ttt = 0;
    for (let i = 0; i < n; i++) ttt += times[i];
    const lower = (2 * ttt) / chisqQuantile(1 - (1 - level) / 2, 2);
    primary = {
      estimate: Infinity,
      ci95: [lower, Infinity],
      se: Infinity,
      method: 'no escapes: exponential lower confidence bound only',
    };
  }
  return { primary, restrictedMean: rm, exponential, escaped, censored: nc, trajectories: n };
}

/**
 * Kaplan–Meier Ŝ(g) at each grid time g (right-continuous step function: Ŝ(g) = Π_{t_j ≤ g}(1 − d_j/n_j), 1 for
 * g < first exit). Beyond the largest observed time Ŝ is NaN if it has not reached 0 there (not identified).
 */
export function survivalOnGrid(times: Float64Array, censored: Uint8Array, grid: ArrayLike<number>): Float64Array {
  const km = kaplanMeier(times, censored);
  let tMax = 0;
  for (let i = 0; i < times.length; i++) if (times[i] > tMax) tMax = times[i];
  const J = km.time.length;
  const sEnd = J > 0 ? km.survival[J - 1] : 1;
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

/** Q_KS(t) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²t²}, the Kolmogorov distribution's survival function (1 below t = 0.2) */
export function kolmogorovSurvival(t: number): number {
  if (t < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * t * t);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-300) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
