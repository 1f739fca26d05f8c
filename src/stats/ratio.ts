/**
 * Errors of logs and ratios of positive estimates by the delta method (Casella & Berger 2002, Statistical
 * Inference, §5.5.4): from a 95% interval [lo, hi] of a positive estimate θ̂,
 *   y = ln θ̂,  σ_y ≈ (ln hi − ln lo)/(2·z₀.₉₇₅);
 * for the ratio r = a/b of two independent estimates, ln r = ln a − ln b with σ = √(σ_a² + σ_b²), and the
 * interval exp(ln r ± z₀.₉₇₅·σ).
 */
import { Z95 } from './interval.js';

/** log of a positive estimate and its standard error from a 95% CI (delta method: σ_log ≈ (ln hi − ln lo)/(2·1.96)) */
export function logWithError(estimate: number, ci: [number, number]): { y: number; sigma: number } {
  if (!(estimate > 0 && ci[0] > 0 && ci[1] > ci[0])) throw new RangeError(`logWithError: need 0 < lo < hi and estimate > 0 (got ${estimate}, [${ci[0]}, ${ci[1]}])`);
  return { y: Math.log(estimate), sigma: (Math.log(ci[1]) - Math.log(ci[0])) / (2 * Z95) };
}

/** ratio a/b of two independent positive estimates with 95% CIs, by the delta method on the logs */
export function ratioWithCI(a: { estimate: number; ci95: [number, number] }, b: { estimate: number; ci95: [number, number] }): { estimate: number; ci95: [number, number] } {
  const la = logWithError(a.estimate, a.ci95), lb = logWithError(b.estimate, b.ci95);
  const s = Math.hypot(la.sigma, lb.sigma), r = la.y - lb.y;
  return { estimate: Math.exp(r), ci95: [Math.exp(r - Z95 * s), Math.exp(r + Z95 * s)] };
}
