/**
 * The mean first-passage time from adaptive multilevel splitting and the loop identity (docs/rare-events.md;
 * Cérou, Guyader, Lelièvre & Pommier, J. Chem. Phys. 134, 2011): a trajectory cut at its entries into the well
 * set A is a sequence of loops A → Σ → A (failures) ended by one loop A → Σ → B (success); with p = P(B before A
 * from the entrance law on Σ), the number of failed loops is geometric with mean (1 − p)/p, so
 *   MFPT = E[T_loop | fail]·(1 − p)/p + E[T_reac],   E[T_reac] = E[t_{A→Σ}] + E[t_{Σ→B} | success].
 * p̄ is the mean of R independent AMS estimates p̂_r (extinct runs count as 0); the p-term T̄_fail·(1 − p̄)/p̄ is
 * multiplied by 1 − V, V = relVar(p̄), which removes the O(1/R) upward bias of 1/p̄. Uncertainty by the delta method:
 *   relSE(p-term)² = V/(1 − p̄)² + var(T_fail)/(M·T̄_fail²),   V = max(var(p̂)/p̄², ideal)/R,
 * relSE(MFPT) = (p-term / MFPT)·relSE(p-term) (the reactive part's error is of lower order), and the interval
 * MFPT·exp(±t_{R−1, 0.975}·relSE(MFPT)), log-symmetric because the estimate is a ratio.
 * Ideal per-run relative variance of p̂ (Bréhier et al., Ann. Appl. Probab. 26, 2016): c_α·log(1/p)/n with
 * c_α = α/((1 − α)(−log(1 − α))), α = k/n.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface SplittingSample {
  /** p̂ of each run (0 for an extinct run) */
  p: number[];
  /** E[t_{Σ→B} | success] of each run (steps), NaN for an extinct run */
  reactive: number[];
  /** durations of the failed loops (steps) */
  failedLoops: number[];
  /** durations A-entry → Σ of every loop (steps) */
  toLevel: number[];
  /** replicas n and killed per iteration k (for the ideal variance) */
  replicas: number;
  kill: number;
}

export interface SplittingEstimate {
  /** in steps */
  estimate: number;
  ci95: [number, number];
  /** relative standard error of the estimate */
  relSE: number;
  p: { estimate: number; ci95: [number, number]; relVarPerRun: number; idealRelVarPerRun: number };
  loop: { meanFailed: number; relSE: number; count: number; meanToLevel: number };
  reactive: number;
  extinct: number;
}

function meanVar(x: number[]): [number, number] {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  const v = x.length > 1 ? x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1) : 0;
  return [m, v];
}

export function splittingMFPT(s: SplittingSample): SplittingEstimate {
  const R = s.p.length;
  if (R < 2) throw new RangeError(`splittingMFPT: need at least 2 runs (got ${R})`);
  const extinct = s.p.filter((v) => v === 0).length;
  if (extinct === R) throw new RangeError(`every one of the ${R} AMS runs went extinct (p̂ = 0 each): there is no estimate; use more replicas or a level Σ closer to the exit`);
  if (s.failedLoops.length < 2) throw new RangeError('splittingMFPT: fewer than 2 failed loops; the level Σ is too close to the exit for the loop identity');
  const [p, varP] = meanVar(s.p);
  const [tFail, varT] = meanVar(s.failedLoops);
  const [toLevel] = meanVar(s.toLevel);
  let wSum = 0, reac = 0;
  s.p.forEach((pr, r) => { if (pr > 0) { wSum += pr; reac += pr * s.reactive[r]; } });
  reac /= wSum;
  const alpha = s.kill / s.replicas;
  const cAlpha = alpha / ((1 - alpha) * -Math.log(1 - alpha));
  const idealRelVar = (cAlpha * Math.log(1 / p)) / s.replicas;
  // the per-run relative variance of p̂: the runs' sample value, but not below the ideal one, which only the optimal
  // score (the committor) reaches (Bréhier et al. 2016): with R ≈ 20 skewed p̂ the sample value is often too small
  const relVarRun = Math.max(varP / (p * p), idealRelVar);
  const relVarMean = relVarRun / R;
  // 1/p̄ overestimates 1/p by the factor 1 + relVar(p̄) + O(R⁻²) (second-order delta method): removed
  const pTerm = ((tFail * (1 - p)) / p) * (1 - relVarMean);
  const estimate = pTerm + toLevel + reac;
  const relSEp = Math.sqrt(relVarMean) / (1 - p);
  const relSET = Math.sqrt(varT / s.failedLoops.length) / tFail;
  const relSE = (pTerm / estimate) * Math.hypot(relSEp, relSET);
  const t = tQuantile(0.975, R - 1);
  const seP = p * Math.sqrt(relVarMean);
  return {
    estimate, ci95: [estimate * Math.exp(-t * relSE), estimate * Math.exp(t * relSE)], relSE,
    p: {
      estimate: p, ci95: [Math.max(0, p - t * seP), p + t * seP],
      relVarPerRun: varP / (p * p), idealRelVarPerRun: idealRelVar,
    },
    loop: { meanFailed: tFail, relSE: relSET, count: s.failedLoops.length, meanToLevel: toLevel },
    reactive: reac,
    extinct,
  };
}
