/**
 * Sample mean with a Student-t interval:
 *   x̄ ± t_{1−α/2, n−1} · s/√n,   s² = Σ(xᵢ − x̄)²/(n − 1).
 * Exact for normal data, asymptotically distribution-free by the central limit theorem
 * (Student 1908, Biometrika 6:1; any textbook, e.g. Casella & Berger 2002, Statistical Inference, §9.2).
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkData, checkLevel, checkTimes, meanOf, type Interval } from './interval.js';

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
