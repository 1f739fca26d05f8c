/**
 * Kolmogorov–Smirnov tails.
 *   Q_KS(t) = P(K > t) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²t²}     Kolmogorov (1933), G. Ist. Ital. Attuari 4:83;
 *   two samples of sizes n, m:  D = sup|F₁ − F₂|,  P(D ≥ d) ≈ Q_KS(d(√nₑ + 0.12 + 0.11/√nₑ)),  nₑ = nm/(n + m)
 *   (Stephens' finite-size correction: Stephens 1970, JRSS B 32:115; Numerical Recipes, Press et al. 2007, §14.3.3).
 * The one-sample test uses Q_KS(d(√n + 0.12 + 0.11/√n)).
 */

/** Q_KS(t) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²t²}, the Kolmogorov distribution's survival function (1 below t = 0.2) */
export function kolmogorovSurvival(t: number): number {
  if (t < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * t * t);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-300) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** D = sup|F₁ − F₂| of two samples. */
export function ks2Statistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = Float64Array.from(a).sort(), y = Float64Array.from(b).sort();
  let i = 0, j = 0, d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/**
 * P(D ≥ d) for two samples of sizes n, m from the Kolmogorov limit P(K > t) = 2Σ(−1)^{k−1}e^{−2k²t²} with
 * nₑ = nm/(n+m) and Stephens' correction t = d(√nₑ + 0.12 + 0.11/√nₑ) (Numerical Recipes §14.3). Ties (the
 * exit times lie on the grid (k − ½)dt) make it conservative.
 */
export function ks2PValue(d: number, n: number, m: number): number {
  const ne = Math.sqrt((n * m) / (n + m));
  return kolmogorovSurvival(d * (ne + 0.12 + 0.11 / ne));
}
