/**
 * Log-sum-exp helpers: log(e^a + e^b) and log Σ e^{x_i} without overflow or underflow, by factoring out
 * the largest term: log Σ e^{x_i} = m + log Σ e^{x_i − m}, m = max x_i.
 */

/** log(e^a + e^b), safe for ±Infinity arguments. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log Σ e^{x_i}; −Infinity for an empty or all −Infinity input. */
export function logSumExp(xs: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) if (xs[i] > m) m = xs[i];
  if (m === -Infinity || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.exp(xs[i] - m);
  return m + Math.log(s);
}
