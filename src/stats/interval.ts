/**
 * The shared shape of an interval estimate and the input checks every estimator of src/stats/ applies.
 *
 * Interval: a point estimate θ̂ with a two-sided confidence interval [lo, hi] at confidence level 1 − α
 * (0.95 unless the caller says otherwise, despite the field name `ci95`) and its standard error se.
 * Data model of escape times, one entry per trajectory:
 *   times[i]    exit time, or the censoring time (maxTime) if the trajectory never exited;
 *   censored[i] 1 = did not exit before times[i] (right-censored), 0 = exit observed.
 * meanOf: x̄ = Σxᵢ/n with one residual correction pass x̄ += Σ(xᵢ − x̄)/n (Higham 2002, Accuracy and Stability of
 * Numerical Algorithms, §4: the corrected two-pass mean).
 */

/** A point estimate with a two-sided confidence interval (at `level`, 0.95 by default, despite the field name). */
export interface Interval {
  estimate: number;
  ci95: [number, number];
  se: number;
  method: string;
}

/** z_{0.975} = Φ⁻¹(0.975), the half-width factor of a two-sided 95% normal interval. */
export const Z95 = 1.959963984540054;

export function checkLevel(level: number): void {
  if (!(typeof level === 'number' && level > 0 && level < 1)) {
    throw new RangeError(`confidence level must lie strictly between 0 and 1, got ${level}`);
  }
}

export function checkTimes(times: Float64Array, who: string): void {
  if (times.length === 0) throw new RangeError(`${who}: empty input (no trajectories)`);
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (Number.isNaN(t)) throw new RangeError(`${who}: times[${i}] is NaN`);
    if (!Number.isFinite(t)) throw new RangeError(`${who}: times[${i}] is not finite (${t})`);
    if (t < 0) throw new RangeError(`${who}: times[${i}] is negative (${t}); escape times must be ≥ 0`);
  }
}

export function checkData(times: Float64Array, censored: Uint8Array, who: string): void {
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

/** Arithmetic mean with one correction pass (reduces rounding error of the naive sum). */
export function meanOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  let m = s / x.length;
  // one correction pass (reduces rounding error of the naive sum)
  let r = 0;
  for (let i = 0; i < x.length; i++) r += x[i] - m;
  m += r / x.length;
  return m;
}
