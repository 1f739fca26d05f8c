// Minimal typings for the @stdlib quantile functions used by src/stats/ (mean.ts, exponential.ts, kaplan-meier.ts,
// bootstrap.ts, mfpt.ts). They are CommonJS modules whose module.exports is the quantile function itself.
// (@stdlib/stats-base-dists-normal-cdf ships its own typings.)

declare module '@stdlib/stats-base-dists-chisquare-quantile' {
  /** Quantile (inverse CDF) of the χ² distribution with k degrees of freedom. */
  const quantile: (p: number, k: number) => number;
  export = quantile;
}

declare module '@stdlib/stats-base-dists-normal-quantile' {
  /** Quantile (inverse CDF) of the normal distribution N(mu, sigma²). */
  const quantile: (p: number, mu: number, sigma: number) => number;
  export = quantile;
}

declare module '@stdlib/stats-base-dists-t-quantile' {
  /** Quantile (inverse CDF) of Student's t distribution with v degrees of freedom. */
  const quantile: (p: number, v: number) => number;
  export = quantile;
}
