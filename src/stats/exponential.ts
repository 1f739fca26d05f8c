/**
 * Exponential model with right censoring (Cox & Oakes 1984, Analysis of Survival Data, §3.2):
 *   d = number of observed exits,  TTT = Σ timesᵢ (total time on test, censored included),
 *   θ̂ = TTT/d (mean escape time),  λ̂ = d/TTT,  se(θ̂) = θ̂/√d (observed information),
 * with the pivot 2·TTT/θ ~ χ²(2d):  θ ∈ [2·TTT/χ²_{1−α/2}(2d), 2·TTT/χ²_{α/2}(2d)].
 */
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { checkData, checkLevel, type Interval } from './interval.js';

/** The exponential fit: the mean θ̂ as an Interval, plus the rate, the number of exits and the total time on test. */
export type ExponentialFit = Interval & { rate: number; events: number; exposure: number };

/**
 * Exponential model with right censoring (Cox & Oakes 1984, §3.2):
 *   d = number of observed exits, TTT = Σ timesᵢ (total time on test, censored included),
 *   θ̂ = TTT/d (mean escape time), rate λ̂ = d/TTT, se(θ̂) = θ̂/√d (observed information).
 * Interval from the pivot 2·TTT/θ ~ χ²(2d):  θ ∈ [2·TTT/χ²_{1−α/2}(2d), 2·TTT/χ²_{α/2}(2d)];
 * exact under type-II censoring, the standard approximation under random/type-I censoring.
 * Throws if d = 0 (no escapes: the data give only a lower bound on the mean).
 */
export function exponentialMLE(times: Float64Array, censored: Uint8Array, level = 0.95): ExponentialFit {
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
