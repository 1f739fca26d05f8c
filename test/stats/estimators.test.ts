// Deterministic tests of the escape-time estimators: hand-worked examples computed here from the definitions,
// exact identities, edge cases, error messages and bootstrap reproducibility.
// The statistical (coverage) tests live in estimators-coverage.test.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import {
  bcaLevels,
  bootstrapCI,
  exponentialMLE,
  kaplanMeier,
  mfptEstimate,
  restrictedMean,
  sampleMean,
  survivalOnGrid,
} from '../../src/stats/index.js';

const F = (xs: number[]): Float64Array => Float64Array.from(xs);
const U = (xs: number[]): Uint8Array => Uint8Array.from(xs);
const meanOfArr = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
};

// Worked example (8 trajectories):
//   time      1  2  2  3  4  5  5  6
//   censored  0  0  1  0  1  0  0  1
// Distinct exit times t_j, at risk n_j = #{time ≥ t_j} (censored at t_j still at risk), exits d_j:
//   t=1: n=8, d=1     t=2: n=7, d=1 (the censoring at 2 is at risk)     t=3: n=5, d=1     t=5: n=3, d=2
const T8 = F([1, 2, 2, 3, 4, 5, 5, 6]);
const C8 = U([0, 0, 1, 0, 1, 0, 0, 1]);
// Kaplan & Meier (1958): S(t) = Π_{t_j ≤ t} (1 − d_j/n_j)
const S1 = 1 - 1 / 8;
const S2 = S1 * (1 - 1 / 7);
const S3 = S2 * (1 - 1 / 5);
const S5 = S3 * (1 - 2 / 3);
// Greenwood (1926): Var S(t) = S(t)² Σ_{t_j ≤ t} d_j/(n_j(n_j − d_j))
const g1 = 1 / (8 * 7);
const g2 = g1 + 1 / (7 * 6);
const g3 = g2 + 1 / (5 * 4);
const g5 = g3 + 2 / (3 * 1);

describe('kaplanMeier — hand-worked example', () => {
  it('product-limit steps, risk sets and events', () => {
    const km = kaplanMeier(T8, C8);
    expect(Array.from(km.time)).toEqual([1, 2, 3, 5]);
    expect(Array.from(km.atRisk)).toEqual([8, 7, 5, 3]);
    expect(Array.from(km.events)).toEqual([1, 1, 1, 2]);
    // closed forms: 7/8, 3/4, 3/5, 1/5
    const expected = [S1, S2, S3, S5];
    expect([7 / 8, 3 / 4, 3 / 5, 1 / 5].every((v, i) => Math.abs(v - expected[i]) < 1e-15)).toBe(true);
    km.survival.forEach((s, i) => expect(s).toBeCloseTo(expected[i], 14));
  });

  it('Greenwood variance', () => {
    const km = kaplanMeier(T8, C8);
    const expected = [S1 ** 2 * g1, S2 ** 2 * g2, S3 ** 2 * g3, S5 ** 2 * g5];
    km.variance.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
  });

  it('input order does not matter', () => {
    const perm = [7, 3, 0, 5, 2, 6, 1, 4];
    const km = kaplanMeier(F(perm.map((i) => T8[i])), U(perm.map((i) => C8[i])));
    expect(Array.from(km.survival)).toEqual(Array.from(kaplanMeier(T8, C8).survival));
  });

  it('last observation an exit: S drops to 0, variance reported as 0', () => {
    // t=1: n=3,d=1 → 2/3; t=2 censored; t=3: n=1,d=1 → 0
    const km = kaplanMeier(F([1, 2, 3]), U([0, 1, 0]));
    expect(km.survival[0]).toBeCloseTo(2 / 3, 15);
    expect(km.survival[1]).toBe(0);
    expect(km.variance[0]).toBeCloseTo((2 / 3) ** 2 * (1 / (3 * 2)), 15);
    expect(km.variance[1]).toBe(0);
  });

  it('all censored: no steps', () => {
    const km = kaplanMeier(F([4, 4, 4]), U([1, 1, 1]));
    expect(km.time.length).toBe(0);
  });
});

describe('restrictedMean — hand-worked example', () => {
  // μ(τ) = ∫₀^τ S(t) dt: S = 1 on [0,1), S1 on [1,2), S2 on [2,3), S3 on [3,5), S5 on [5,τ)
  it('τ = largest observed time (default) = 6', () => {
    const mu = 1 * 1 + S1 * (2 - 1) + S2 * (3 - 2) + S3 * (5 - 3) + S5 * (6 - 5);
    expect(mu).toBeCloseTo(4.025, 14); // 1 + 0.875 + 0.75 + 1.2 + 0.2
    // Greenwood-type variance (Klein & Moeschberger eq. 4.5.2): Σ_j A_j² d_j/(n_j(n_j − d_j)), A_j = ∫_{t_j}^τ S
    const A1 = S1 * 1 + S2 * 1 + S3 * 2 + S5 * 1;
    const A2 = S2 * 1 + S3 * 2 + S5 * 1;
    const A3 = S3 * 2 + S5 * 1;
    const A5 = S5 * 1;
    const v = A1 ** 2 / (8 * 7) + A2 ** 2 / (7 * 6) + A3 ** 2 / (5 * 4) + (A5 ** 2 * 2) / (3 * 1);
    const r = restrictedMean(T8, C8);
    expect(r.estimate).toBeCloseTo(mu, 13);
    expect(r.se).toBeCloseTo(Math.sqrt(v), 13);
    const z = normalQuantile(0.975, 0, 1);
    expect(r.ci95[0]).toBeCloseTo(mu - z * Math.sqrt(v), 12);
    expect(r.ci95[1]).toBeCloseTo(mu + z * Math.sqrt(v), 12);
  });

  it('τ = 4.5 (inside a step) and τ = 3 (at an exit time)', () => {
    const mu45 = 1 + S1 + S2 + S3 * (4.5 - 3);
    const v45 = (S1 + S2 + S3 * 1.5) ** 2 / 56 + (S2 + S3 * 1.5) ** 2 / 42 + (S3 * 1.5) ** 2 / 20;
    const r45 = restrictedMean(T8, C8, 4.5);
    expect(r45.estimate).toBeCloseTo(mu45, 13);
    expect(r45.se).toBeCloseTo(Math.sqrt(v45), 13);
    // at τ = 3 the exit at 3 has A = 0 and does not contribute
    const mu3 = 1 + S1 + S2;
    const v3 = (S1 + S2) ** 2 / 56 + S2 ** 2 / 42;
    const r3 = restrictedMean(T8, C8, 3);
    expect(r3.estimate).toBeCloseTo(mu3, 13);
    expect(r3.se).toBeCloseTo(Math.sqrt(v3), 13);
  });

  it('τ before the first exit: μ = τ exactly, se = 0', () => {
    const r = restrictedMean(T8, C8, 0.5);
    expect(r.estimate).toBe(0.5);
    expect(r.se).toBe(0);
    expect(restrictedMean(T8, C8, 0).estimate).toBe(0);
  });

  it('τ beyond the data while S > 0 is refused', () => {
    expect(() => restrictedMean(T8, C8, 7)).toThrow(/not identified/);
  });
});

describe('without censoring', () => {
  // Uncensored KM is the empirical survival function, ∫₀^τ S = mean for τ ≥ max, Greenwood reduces to the
  // binomial S(1−S)/n, and the restricted-mean variance to Σ(x − x̄)²/n² (both exact algebraic identities).
  const arbTimes = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 40 });

  it('restrictedMean(τ ≥ max) equals the sample mean (property, fixed seed)', () => {
    fc.assert(
      fc.property(arbTimes, fc.double({ min: 0, max: 50, noNaN: true }), (xs, extra) => {
        const t = F(xs);
        const c = new Uint8Array(t.length);
        const m = meanOfArr(t);
        const tmax = Math.max(...xs);
        for (const tau of [undefined, tmax, tmax + extra]) {
          const r = restrictedMean(t, c, tau);
          expect(Math.abs(r.estimate - m)).toBeLessThanOrEqual(1e-12 * (1 + tmax));
          expect(r.estimate).toBeCloseTo(sampleMean(t).estimate, 9);
        }
      }),
      { seed: 20240611, numRuns: 200 },
    );
  });

  it('KM = 1 − ECDF, Greenwood = S(1−S)/n, restricted-mean se = sqrt(Σ(x−x̄)²)/n', () => {
    fc.assert(
      fc.property(arbTimes, (xs) => {
        const t = F(xs);
        const n = t.length;
        const c = new Uint8Array(n);
        const km = kaplanMeier(t, c);
        for (let j = 0; j < km.time.length; j++) {
          const le = xs.filter((x) => x <= km.time[j]).length;
          const S = 1 - le / n;
          expect(km.survival[j]).toBeCloseTo(S, 12);
          expect(km.variance[j]).toBeCloseTo((S * (1 - S)) / n, 12);
        }
        const m = meanOfArr(t);
        const ss = xs.reduce((a, x) => a + (x - m) ** 2, 0);
        expect(restrictedMean(t, c).se).toBeCloseTo(Math.sqrt(ss) / n, 9);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('sampleMean', () => {
  it('Student-t interval from the definition', () => {
    const x = [1, 2, 3, 4, 5];
    // x̄ = 3, s² = Σ(x − 3)²/4 = 10/4, se = s/√5 = √0.5, t_{0.975,4} = 2.7764451 (tables)
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764451, 6);
    const r = sampleMean(F(x));
    const se = Math.sqrt(10 / 4 / 5);
    expect(r.estimate).toBe(3);
    expect(r.se).toBeCloseTo(se, 15);
    expect(r.ci95[0]).toBeCloseTo(3 - tQuantile(0.975, 4) * se, 13);
    expect(r.ci95[1]).toBeCloseTo(3 + tQuantile(0.975, 4) * se, 13);
    const r90 = sampleMean(F(x), 0.9);
    expect(r90.ci95[1]).toBeCloseTo(3 + tQuantile(0.95, 4) * se, 13);
  });

  it('refuses censored data when told about it', () => {
    expect(() => sampleMean(F([1, 2, 3]), 0.95, U([0, 1, 0]))).toThrow(/1 of 3 trajectories are censored/);
    expect(sampleMean(F([1, 2, 3]), 0.95, U([0, 0, 0])).estimate).toBe(2);
  });

  it('needs n ≥ 2', () => {
    expect(() => sampleMean(F([1]))).toThrow(/at least 2/);
  });
});

describe('exponentialMLE', () => {
  it('θ̂ = TTT/d and the χ²(2d) interval (Cox & Oakes §3.2)', () => {
    // times 1,2,3,4 exits and 10 censored: d = 4, TTT = 20, θ̂ = 5, rate 0.2, se = θ̂/√d = 2.5
    const r = exponentialMLE(F([1, 2, 3, 4, 10]), U([0, 0, 0, 0, 1]));
    expect(r.events).toBe(4);
    expect(r.exposure).toBe(20);
    expect(r.estimate).toBe(5);
    expect(r.rate).toBe(0.2);
    expect(r.se).toBe(2.5);
    // tabulated χ²(8): 0.025 → 2.1797, 0.975 → 17.5345
    expect(chisqQuantile(0.025, 8)).toBeCloseTo(2.1797307, 6);
    expect(chisqQuantile(0.975, 8)).toBeCloseTo(17.5345461, 6);
    // 2·TTT/θ ~ χ²(2d) ⇒ θ ∈ [2·TTT/χ²_{0.975}(2d), 2·TTT/χ²_{0.025}(2d)]
    expect(r.ci95[0]).toBeCloseTo(40 / chisqQuantile(0.975, 8), 12);
    expect(r.ci95[1]).toBeCloseTo(40 / chisqQuantile(0.025, 8), 12);
    const r80 = exponentialMLE(F([1, 2, 3, 4, 10]), U([0, 0, 0, 0, 1]), 0.8);
    expect(r80.ci95[0]).toBeCloseTo(40 / chisqQuantile(0.9, 8), 12);
    expect(r80.ci95[1]).toBeCloseTo(40 / chisqQuantile(0.1, 8), 12);
  });

  it('events = 0 is a clear error', () => {
    expect(() => exponentialMLE(F([5, 5, 5]), U([1, 1, 1]))).toThrow(/no escapes.*lower bound/);
  });
});

describe('input validation names the problem', () => {
  const fns: [string, (t: Float64Array, c: Uint8Array) => unknown][] = [
    ['kaplanMeier', kaplanMeier],
    ['restrictedMean', (t, c) => restrictedMean(t, c)],
    ['exponentialMLE', (t, c) => exponentialMLE(t, c)],
    ['mfptEstimate', (t, c) => mfptEstimate(t, c)],
    ['survivalOnGrid', (t, c) => survivalOnGrid(t, c, [1])],
    ['bootstrapCI', (t, c) => bootstrapCI(t, c, (x) => x[0], { seed: 1, resamples: 10 })],
  ];
  for (const [name, f] of fns) {
    it(name, () => {
      expect(() => f(F([]), U([]))).toThrow(/empty input/);
      expect(() => f(F([1, NaN]), U([0, 0]))).toThrow(/times\[1\] is NaN/);
      expect(() => f(F([1, -2]), U([0, 0]))).toThrow(/times\[1\] is negative/);
      expect(() => f(F([Infinity, 1]), U([0, 0]))).toThrow(/times\[0\] is not finite/);
      expect(() => f(F([1, 2]), U([0]))).toThrow(/different lengths/);
      expect(() => f(F([1, 2]), U([0, 2]))).toThrow(/censored\[1\] must be 0 or 1/);
    });
  }
  it('sampleMean and levels', () => {
    expect(() => sampleMean(F([]))).toThrow(/empty input/);
    expect(() => sampleMean(F([1, NaN]))).toThrow(/NaN/);
    expect(() => sampleMean(F([1, 2]), 1)).toThrow(/level/);
    expect(() => exponentialMLE(F([1, 2]), U([0, 0]), 0)).toThrow(/level/);
    expect(() => restrictedMean(F([1, 2]), U([0, 0]), -1)).toThrow(/tau/);
    expect(() => survivalOnGrid(T8, C8, [NaN])).toThrow(/grid\[0\] is NaN/);
  });
});

describe('survivalOnGrid', () => {
  it('right-continuous KM step function; NaN beyond the data while S > 0', () => {
    const grid = [-1, 0, 0.999, 1, 1.5, 2, 2.5, 3, 4.99, 5, 6, 6.01];
    const expected = [1, 1, 1, S1, S1, S2, S2, S3, S3, S5, S5, NaN];
    const s = survivalOnGrid(T8, C8, grid);
    s.forEach((v, i) => (Number.isNaN(expected[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(expected[i], 14)));
  });
  it('after S reaches 0 it stays 0', () => {
    expect(Array.from(survivalOnGrid(F([1, 2]), U([0, 0]), [0.5, 1, 2, 100]))).toEqual([1, 0.5, 0, 0]);
  });
});

describe('mfptEstimate', () => {
  it('no censoring → sample mean (plus exponential fit and restricted mean)', () => {
    const t = F([1, 2, 3, 4, 5]);
    const c = U([0, 0, 0, 0, 0]);
    const r = mfptEstimate(t, c);
    expect(r.primary).toEqual(sampleMean(t));
    expect(r.primary.method).toMatch(/sample-mean/);
    expect(r.restrictedMean.estimate).toBeCloseTo(3, 14);
    expect(r.exponential?.estimate).toBe(3);
    expect([r.escaped, r.censored, r.trajectories]).toEqual([5, 0, 5]);
  });
  it('a single uncensored trajectory → exponential χ²(2) interval (no sample standard error)', () => {
    const r = mfptEstimate(F([2]), U([0]));
    expect(r.primary.method).toMatch(/exponential.*single trajectory/);
    expect(r.primary.estimate).toBe(2);
    expect(r.primary.ci95[0]).toBeCloseTo(4 / chisqQuantile(0.975, 2), 12);
    expect(r.primary.ci95[1]).toBeCloseTo(4 / chisqQuantile(0.025, 2), 12);
  });
  it('censoring → exponential MLE; restricted mean is below it here', () => {
    const r = mfptEstimate(T8, C8);
    expect(r.primary.method).toMatch(/exponential/);
    expect(r.primary.estimate).toBe(28 / 5); // TTT = 28, d = 5
    expect(r.restrictedMean.estimate).toBeCloseTo(4.025, 13);
    expect([r.escaped, r.censored, r.trajectories]).toEqual([5, 3, 8]);
  });
  it('no escapes → infinite MLE with the χ²(2) lower confidence bound', () => {
    const r = mfptEstimate(F([5, 5, 5]), U([1, 1, 1]));
    expect(r.exponential).toBeNull();
    expect(r.primary.estimate).toBe(Infinity);
    // d = 0: θ ≥ 2·TTT/χ²_{0.975}(2) = 30/(−2 ln 0.025)
    expect(r.primary.ci95[0]).toBeCloseTo(30 / (-2 * Math.log(0.025)), 10);
    expect(r.primary.ci95[1]).toBe(Infinity);
    expect(r.restrictedMean.estimate).toBe(5);
    expect(r.escaped).toBe(0);
  });
});

describe('bootstrapCI', () => {
  const t = F([0.3, 1.2, 0.7, 2.9, 0.1, 5.5, 1.1, 0.8, 3.3, 0.4, 2.2, 0.9]);
  const c = U([0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0]);
  const stat = (x: Float64Array, k: Uint8Array): number => restrictedMean(x, k).estimate;

  it('reproducible for the same seed, different for a different seed', () => {
    const a = bootstrapCI(t, c, stat, { seed: 42, resamples: 500 });
    const b = bootstrapCI(t, c, stat, { seed: 42, resamples: 500 });
    const d = bootstrapCI(t, c, stat, { seed: 43, resamples: 500 });
    const e = bootstrapCI(t, c, stat, { seed: '42', resamples: 500 });
    expect(b).toEqual(a);
    expect(e).toEqual(a); // the seed is used as String(seed)
    expect(d.ci95).not.toEqual(a.ci95);
    expect(d.se).not.toBe(a.se);
    expect(a.estimate).toBe(stat(t, c));
    expect(a.method).toBe('bootstrap-bca');
    expect(a.ci95[0]).toBeLessThan(a.ci95[1]);
  });

  it('percentile interval = type-7 quantiles of the bootstrap values (recomputed from the same stream)', () => {
    // Re-derive the bootstrap distribution of the mean by replaying the documented stream, then compare.
    const x = F([1, 4, 2, 8, 5, 7]);
    const k = new Uint8Array(6);
    const B = 300;
    const mean = (v: Float64Array): number => meanOfArr(v);
    const r = bootstrapCI(x, k, mean, { seed: 'replay', resamples: B, method: 'percentile', level: 0.9 });
    {
      const rng = seedrandom('replay' + '\u0000bootstrap');
      const stars: number[] = [];
      for (let b = 0; b < B; b++) {
        let s = 0;
        for (let i = 0; i < 6; i++) s += x[Math.floor(rng.quick() * 6)];
        stars.push(s / 6);
      }
      stars.sort((p, q) => p - q);
      const q7 = (p: number): number => {
        const h = (B - 1) * p;
        const lo = Math.floor(h);
        return stars[lo] + (h - lo) * (stars[lo + 1] - stars[lo]);
      };
      expect(r.ci95[0]).toBeCloseTo(q7(0.05), 12);
      expect(r.ci95[1]).toBeCloseTo(q7(0.95), 12);
      const m = stars.reduce((a, v) => a + v, 0) / B;
      expect(r.se).toBeCloseTo(Math.sqrt(stars.reduce((a, v) => a + (v - m) ** 2, 0) / (B - 1)), 12);
    }
  });

  // Φ(x) = 1/2 + ∫₀^x φ(u) du by composite Simpson (4000 panels) — independent of the implementation's erfc.
  const Phi = (x: number): number => {
    const m = 4000;
    const h = x / m;
    let s = 0;
    for (let i = 0; i <= m; i++) {
      const w = i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2;
      s += w * Math.exp(-0.5 * (i * h) ** 2);
    }
    return 0.5 + (s * h) / 3 / Math.sqrt(2 * Math.PI);
  };

  it('BCa interval replayed from the definitions (Efron 1987; Efron & Tibshirani eq. 14.9–14.15)', () => {
    // right-skewed sample; statistic = mean; replay the documented stream seedrandom(seed + '\0bootstrap')
    const x = F([0.2, 0.4, 0.5, 0.9, 1.1, 1.3, 1.8, 2.4, 3.9, 7.5, 0.7, 0.3, 5.2, 1.0]);
    const n = x.length;
    const k = new Uint8Array(n);
    const B = 500;
    const r = bootstrapCI(x, k, (v) => meanOfArr(v), { seed: 'bca-replay', resamples: B });
    const theta = meanOfArr(x);
    const rng = seedrandom('bca-replay\u0000bootstrap');
    const stars: number[] = [];
    for (let b = 0; b < B; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[Math.floor(rng.quick() * n)];
      stars.push(s / n);
    }
    // z₀ = Φ⁻¹(#{θ* < θ̂}/B) (ties counted half)
    const below = stars.filter((v) => v < theta).length + 0.5 * stars.filter((v) => v === theta).length;
    const z0 = normalQuantile(below / B, 0, 1);
    // a from the delete-one jackknife: Σ(θ̄ − θ₍ᵢ₎)³ / (6 (Σ(θ̄ − θ₍ᵢ₎)²)^{3/2})
    const jack = Array.from(x, (_, i) => (meanOfArr(x) * n - x[i]) / (n - 1));
    const jbar = jack.reduce((p, q) => p + q, 0) / n;
    const a = jack.reduce((p, q) => p + (jbar - q) ** 3, 0) / (6 * jack.reduce((p, q) => p + (jbar - q) ** 2, 0) ** 1.5);
    expect(a).toBeGreaterThan(0); // right skew
    const z = normalQuantile(0.975, 0, 1);
    const a1 = Phi(z0 + (z0 - z) / (1 - a * (z0 - z)));
    const a2 = Phi(z0 + (z0 + z) / (1 - a * (z0 + z)));
    stars.sort((p, q) => p - q);
    const q7 = (p: number): number => {
      const h = (B - 1) * p;
      const lo = Math.floor(h);
      return stars[lo] + (h - lo) * (stars[Math.min(B - 1, lo + 1)] - stars[lo]);
    };
    expect(r.ci95[0]).toBeCloseTo(q7(a1), 5);
    expect(r.ci95[1]).toBeCloseTo(q7(a2), 5);
    // and it differs from the percentile interval (shifted right for right-skewed data)
    const p = bootstrapCI(x, k, (v) => meanOfArr(v), { seed: 'bca-replay', resamples: B, method: 'percentile' });
    expect(r.ci95[1]).toBeGreaterThan(p.ci95[1]);
  });

  it('BCa levels: Φ(z₀ + (z₀ + z_q)/(1 − a(z₀ + z_q))) with Φ by independent quadrature', () => {
    const [p0, p1] = bcaLevels(0, 0, 0.95);
    expect(p0).toBeCloseTo(0.025, 7);
    expect(p1).toBeCloseTo(0.975, 7);
    for (const [z0, a, level] of [
      [0.3, 0.05, 0.9],
      [-0.2, -0.03, 0.95],
      [0.1, 0.1, 0.99],
    ]) {
      const zl = normalQuantile((1 - level) / 2, 0, 1);
      const zu = -zl;
      const [l, u] = bcaLevels(z0, a, level);
      expect(l).toBeCloseTo(Phi(z0 + (z0 + zl) / (1 - a * (z0 + zl))), 6);
      expect(u).toBeCloseTo(Phi(z0 + (z0 + zu) / (1 - a * (z0 + zu))), 6);
    }
  });

  it('degenerate and undefined cases', () => {
    const r = bootstrapCI(F([2, 2, 2]), U([0, 0, 0]), (x) => meanOfArr(x), { seed: 1, resamples: 50 });
    expect(r.ci95).toEqual([2, 2]);
    expect(r.se).toBe(0);
    // exponential MLE on resamples without any exit is not finite → clear error
    expect(() =>
      bootstrapCI(F([1, 5, 5, 5]), U([0, 1, 1, 1]), (x, k) => exponentialMLE(x, k).estimate, { seed: 3, resamples: 200 }),
    ).toThrow(/no escapes/);
    expect(() =>
      bootstrapCI(F([1, 5, 5, 5]), U([0, 1, 1, 1]), (x, k) => (k.includes(0) ? 1 : NaN), { seed: 3, resamples: 200 }),
    ).toThrow(/not finite on \d+ of 200 resamples/);
    expect(() => bootstrapCI(T8, C8, (x) => x[0], { seed: 1, resamples: 1 })).toThrow(/resamples/);
  });

  it('large n uses the grouped jackknife and stays reproducible', () => {
    const n = 3000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = -Math.log(1 - (i + 0.5) / n); // exponential quantiles, sorted order
    const k = new Uint8Array(n);
    const mean = (v: Float64Array): number => meanOfArr(v);
    const a = bootstrapCI(x, k, mean, { seed: 9, resamples: 200 });
    const b = bootstrapCI(x, k, mean, { seed: 9, resamples: 200 });
    expect(b).toEqual(a);
    expect(a.method).toBe('bootstrap-bca');
    expect(a.ci95[0]).toBeLessThan(a.estimate);
    expect(a.ci95[1]).toBeGreaterThan(a.estimate);
  });
});
