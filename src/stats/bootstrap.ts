/**
 * Nonparametric bootstrap intervals for any statistic of (time, censored) pairs, resampling whole trajectories
 * (Efron & Tibshirani 1993, An Introduction to the Bootstrap, ch. 13–14), percentile or BCa (Efron 1987, JASA 82:171):
 *   z₀ = Φ⁻¹( (#{θ*_b < θ̂} + ½#{θ*_b = θ̂}) / B ),
 *   a  = Σ (θ̄₍·₎ − θ₍ᵢ₎)³ / (6 [Σ (θ̄₍·₎ − θ₍ᵢ₎)²]^{3/2})         (jackknife values θ₍ᵢ₎),
 *   α₁,₂ = Φ(z₀ + (z₀ + z_q) / (1 − a(z₀ + z_q))),  q = α/2, 1 − α/2,
 *   interval [θ*_{(α₁)}, θ*_{(α₂)}], quantiles of type 7 (Hyndman & Fan 1996, Am. Stat. 50:361).
 * Φ and Φ⁻¹ from @stdlib (stats-base-dists-normal-cdf / -quantile), accurate to a few ulps.
 */
import seedrandom from 'seedrandom';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import normalCdfWith from '@stdlib/stats-base-dists-normal-cdf';
import { checkData, checkLevel, meanOf, type Interval } from './interval.js';

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

type Statistic = (t: Float64Array, c: Uint8Array) => number;
type Rng = seedrandom.PRNG;

/** standard normal CDF Φ(z) */
const normalCdf = (z: number): number => normalCdfWith(z, 0, 1);


/** Linear-interpolation quantile (Hyndman & Fan type 7) of an ascending sorted array, 0 ≤ p ≤ 1. */
function sortedQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
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

/** θ*_b for b = 1..B: the statistic on B resamples of whole trajectories drawn with replacement from `rng`. */
function resampledStatistics(times: Float64Array, censored: Uint8Array, statistic: Statistic, B: number, rng: Rng): Float64Array {
  const n = times.length;
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
  return stars;
}

/**
 * Jackknife groups: group[i] = i for n ≤ 1000; otherwise a random balanced assignment of the n trajectories to
 * 1000 groups (shuffled positions i → group i mod G, groups of size ⌊n/G⌋ or ⌈n/G⌉), drawn from `rng`.
 */
function jackknifeGroups(n: number, rng: Rng): { G: number; group: Uint32Array } {
  const G = n <= 1000 ? n : 1000;
  const group = new Uint32Array(n);
  if (G === n) {
    for (let i = 0; i < n; i++) group[i] = i;
  } else {
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
  return { G, group };
}

/** BCa acceleration a = Σ (θ̄₍·₎ − θ₍ᵢ₎)³ / (6 [Σ (θ̄₍·₎ − θ₍ᵢ₎)²]^{3/2}) from the (delete-group) jackknife values. */
function jackknifeAcceleration(times: Float64Array, censored: Uint8Array, statistic: Statistic, rng: Rng): number {
  const n = times.length;
  const { G, group } = jackknifeGroups(n, rng);
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
  return s2 > 0 ? s3 / (6 * Math.pow(s2, 1.5)) : 0;
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
  const stars = resampledStatistics(times, censored, statistic, B, rng);
  const m = meanOf(stars);
  let ss = 0;
  for (let b = 0; b < B; b++) ss += (stars[b] - m) ** 2;
  const se = Math.sqrt(ss / (B - 1));
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
  const a = jackknifeAcceleration(times, censored, statistic, rng);
  const [p1, p2] = bcaLevels(z0, a, level);
  return {
    estimate: theta,
    ci95: [sortedQuantile(sorted, p1), sortedQuantile(sorted, p2)],
    se,
    method: 'bootstrap-bca',
  };
}
