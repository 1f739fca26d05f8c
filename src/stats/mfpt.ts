/**
 * The mean first-passage time the CLI reports: the choice of the primary estimator.
 *   no censoring   → sample mean, Student t interval                         (mean.ts);
 *   with censoring → exponential MLE θ̂ = TTT/d, χ²(2d) interval               (exponential.ts; Cox & Oakes 1984, §3.2);
 *   no escapes     → θ ≥ 2·TTT/χ²_{1−α/2}(2), the exact type-I-censoring lower bound with d = 0
 *                    (χ² on 2d + 2 = 2 degrees of freedom; Cox & Oakes 1984, §3.2);
 * always with the Kaplan–Meier restricted mean ∫₀^τ Ŝ (kaplan-meier.ts; Klein & Moeschberger 2003, §4.5), a
 * censoring-robust lower bound. Escape over a barrier is asymptotically exponential (Day 1983, Stochastics 8:297),
 * which is what justifies the model-based primary under censoring.
 */
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { checkData, checkLevel, type Interval } from './interval.js';
import { sampleMean } from './mean.js';
import { exponentialMLE, type ExponentialFit } from './exponential.js';
import { restrictedMean } from './kaplan-meier.js';

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
  exponential: ExponentialFit | null;
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
