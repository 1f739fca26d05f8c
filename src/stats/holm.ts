/**
 * Multiple comparisons: Holm's step-down procedure (Holm 1979, Scand. J. Statist. 6:65–70), which keeps the
 * family-wise error rate (the chance of rejecting any true null hypothesis of the family) at most α.
 *   Sort the m p-values ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎. Reject H₍₁₎, H₍₂₎, … while p₍ᵢ₎ ≤ α/(m − i + 1); at the first
 *   p₍ᵢ₎ above its threshold stop: it and every later hypothesis are not rejected.
 *   Adjusted p-values p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎); H₍ᵢ₎ is rejected exactly when p̃₍ᵢ₎ ≤ α.
 * A hypothesis Holm does not reject has p > α/m, so its value lies inside the (1 − α/m) Bonferroni interval.
 */
import normalCdfWith from '@stdlib/stats-base-dists-normal-cdf';

/** two-sided p-value of a standard normal statistic z: 2Φ(−|z|) (no cancellation for large |z|) */
export function twoSidedP(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('twoSidedP: z is NaN');
  return Math.min(1, 2 * normalCdfWith(-Math.abs(z), 0, 1));
}

export interface HolmDecision {
  /** the input p-value */
  p: number;
  /** 1-based position in the ascending order (ties keep input order) */
  rank: number;
  /** α/(m − rank + 1) */
  threshold: number;
  /** Holm's adjusted p-value */
  adjusted: number;
  rejected: boolean;
}

/** Holm's decisions at family level α, in input order */
export function holm(pValues: number[], alpha = 0.05): HolmDecision[] {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`holm: α must lie in (0, 1), got ${alpha}`);
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`holm: p[${i}] = ${p} is not a probability`);
  });
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const out: HolmDecision[] = new Array(m);
  let running = 0, stopped = false;
  order.forEach(({ p, i }, k) => {
    const threshold = alpha / (m - k);
    running = Math.max(running, Math.min(1, (m - k) * p));
    if (p > threshold) stopped = true;
    out[i] = { p, rank: k + 1, threshold, adjusted: running, rejected: !stopped };
  });
  return out;
}
