/**
 * Exact (Clopper–Pearson) confidence interval of a binomial rate (Clopper & Pearson 1934, Biometrika 26:404):
 * for k events in n trials the 95% limits solve
 *   P(X ≥ k; p_lo) = 0.025,   P(X ≤ k; p_hi) = 0.025,   X ~ Binomial(n, p),
 * with p_lo = 0 for k = 0 and p_hi = 1 for k = n.
 */

/**
 * Exact (Clopper–Pearson) 95% interval of a binomial rate for k ∈ {0, 1, …} events in n trials, by bisection on
 * the binomial tail: lo solves P(X ≥ k; p) = 0.025, hi solves P(X ≤ k; p) = 0.025.
 */
export function clopperPearson(k: number, n: number): [number, number] {
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 0 && n >= 1 && k <= n)) throw new RangeError(`clopperPearson: need integers 0 ≤ k ≤ n, n ≥ 1 (k = ${k}, n = ${n})`);
  const cdf = (j: number, p: number) => { // P(X ≤ j), summed in log space ((1−p)ⁿ underflows for large n)
    if (p <= 0) return 1;
    if (p >= 1) return j >= n ? 1 : 0;
    let lt = n * Math.log1p(-p), ls = lt;
    for (let i = 1; i <= j; i++) {
      lt += Math.log((n - i + 1) / i) + Math.log(p) - Math.log1p(-p);
      ls = Math.max(ls, lt) + Math.log1p(Math.exp(-Math.abs(ls - lt)));
    }
    return Math.exp(ls);
  };
  const solve = (f: (p: number) => number) => { // f increasing in p, root in [0, 1]
    let a = 0, b = 1;
    for (let it = 0; it < 100; it++) { const m = (a + b) / 2; if (f(m) > 0) b = m; else a = m; }
    return (a + b) / 2;
  };
  const lo = k === 0 ? 0 : solve((p) => (1 - cdf(k - 1, p)) - 0.025);
  const hi = k === n ? 1 : solve((p) => 0.025 - cdf(k, p));
  return [lo, hi];
}

/**
 * Exact two-sided acceptance region [lo, hi] of a Binomial(n, p) count at level α: the widest region with
 * P(K < lo) ≤ α/2 and P(K > hi) ≤ α/2 (pmf summed from each end, in log space; no normal approximation). A coverage
 * test of a nominal-p interval over n independent replications accepts H0 "coverage = p" iff lo ≤ K ≤ hi.
 */
export function binomialAcceptance(n: number, p: number, alpha: number): [number, number] {
  if (!(Number.isInteger(n) && n >= 1 && p > 0 && p < 1 && alpha > 0 && alpha < 1)) {
    throw new RangeError(`binomialAcceptance: need an integer n ≥ 1, 0 < p < 1, 0 < α < 1 (n = ${n}, p = ${p}, α = ${alpha})`);
  }
  const logFact = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) logFact[k] = logFact[k - 1] + Math.log(k);
  const pmf = (k: number) => Math.exp(logFact[n] - logFact[k] - logFact[n - k] + k * Math.log(p) + (n - k) * Math.log1p(-p));
  let lo = 0, below = 0; // below = P(K < lo)
  while (lo < n && below + pmf(lo) <= alpha / 2) below += pmf(lo++);
  let hi = n, above = 0; // above = P(K > hi)
  while (hi > lo && above + pmf(hi) <= alpha / 2) above += pmf(hi--);
  return [lo, hi];
}
