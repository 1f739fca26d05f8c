/**
 * Test-only statistics for the rng suite (the Kolmogorov tail is shared with the backend validation).
 */
import { kolmogorovSurvival } from '../../src/stats/index.js';
import { erf } from 'mathjs';

// ---------------------------------------------------------------------------
// Normal distribution via mathjs' erf (W. J. Cody's rational approximations),
// an implementation independent of the code under test.
// ---------------------------------------------------------------------------
const SQRT1_2 = Math.SQRT1_2;
export const erfNum = (x: number): number => erf(x) as number;
/** Φ(x) */
export const normCdf = (x: number): number => 0.5 * (1 + erfNum(x * SQRT1_2));
/** Q(x) = 1 − Φ(x) for x ≥ 0 (absolute error ≈ 1e-16, ample for the tail counts used here). */
export const normSf = (x: number): number => 0.5 * (1 - erfNum(x * SQRT1_2));

// ---------------------------------------------------------------------------
// Kolmogorov–Smirnov
// ---------------------------------------------------------------------------
/** D_n = sup |F_n − F| for sorted data. */
export function ksStatistic(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let k = 0; k < n; k++) {
    const F = cdf(sorted[k]);
    const dPlus = (k + 1) / n - F;
    const dMinus = F - k / n;
    if (dPlus > d) d = dPlus;
    if (dMinus > d) d = dMinus;
  }
  return d;
}

/**
 * P(D_n ≥ d) from the Kolmogorov limit distribution
 *   P(K > t) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²t²),
 * with Stephens' finite-n correction t = d(√n + 0.12 + 0.11/√n)
 * (M. A. Stephens, JRSS B 32 (1970) 115–122; also Numerical Recipes §14.3).
 */
export function ksPValue(d: number, n: number): number {
  const sn = Math.sqrt(n);
  return kolmogorovSurvival(d * (sn + 0.12 + 0.11 / sn));
}

/** Pearson χ² = Σ (O − E)² / E. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < observed.length; k++) {
    const d = observed[k] - expected[k];
    s += (d * d) / expected[k];
  }
  return s;
}

/** Two-sided z-test threshold used throughout: |z| > 4.5 ⇔ p < 6.8e-6 under N(0,1). */
export const Z_CRIT = 4.5;
