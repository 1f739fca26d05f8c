/**
 * Statistical tests of CounterStream.nextNormal. Fixed seeds; every test states its
 * null hypothesis H0 and rejects only when the p-value under H0 is tiny:
 * z-tests reject at |z| > 4.5 (two-sided p = 6.8e-6), KS and χ² tests at p < 1e-4.
 * With ~25 such checks the chance of a false alarm for a correct generator is < 1e-3
 * (and, with fixed seeds, the outcome is deterministic).
 */
import { describe, expect, it } from 'vitest';
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { makeStream } from '../../src/rng/stream.js';
import { zigguratTables, ZIGGURAT_R } from '../../src/rng/ziggurat.js';
import { chiSquare, ksPValue, ksStatistic, normCdf, normSf, Z_CRIT } from './stats.js';

const SEED = 20240607;

// ---- data set A: one trajectory, 2^21 consecutive normals (KS, autocorrelation) ----
const NA = 2 ** 21;
const A = (() => {
  const s = makeStream(SEED, 'noise');
  s.seek(0, 0);
  const z = new Float64Array(NA);
  for (let k = 0; k < NA; k++) z[k] = s.nextNormal();
  return z;
})();

// ---- data set B: 20 trajectories × 10^6 normals, reduced on the fly ----
const TRAJ_B = 20;
const PER_B = 1_000_000;
const NB = TRAJ_B * PER_B;
const tab = zigguratTables();
// bin edges at the ziggurat layer boundaries: −∞, −X_1 (= −r), …, −X_127, 0, X_127, …, X_1, +∞
const edges: number[] = [];
for (let i = 1; i < 128; i++) edges.push(-tab.x[i]);
edges.push(0);
for (let i = 127; i >= 1; i--) edges.push(tab.x[i]);
const NBINS = edges.length + 1; // 256
const B = (() => {
  const s = makeStream(SEED, 'noise');
  let s1 = 0, s2 = 0, s3 = 0, s4 = 0;
  let over3 = 0, over4 = 0, overR = 0;
  const tail: number[] = [];
  const bins = new Float64Array(NBINS);
  const pos = new Float64Array(127); // positive-half cut points for bisection, increasing: X_127 … X_1 (= r)
  for (let i = 0; i < 127; i++) pos[i] = tab.x[127 - i];
  for (let t = 100; t < 100 + TRAJ_B; t++) {
    s.seek(t, 0);
    for (let k = 0; k < PER_B; k++) {
      const z = s.nextNormal();
      const z2 = z * z;
      s1 += z;
      s2 += z2;
      s3 += z2 * z;
      s4 += z2 * z2;
      const a = Math.abs(z);
      if (a > 3) over3++;
      if (a > 4) over4++;
      if (a > ZIGGURAT_R) {
        overR++;
        tail.push(a);
      }
      // lo = number of cut points ≤ |z|  (0 … 127)
      let lo = 0, hi = 127;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (pos[mid] <= a) lo = mid + 1;
        else hi = mid;
      }
      bins[z >= 0 ? 128 + lo : 127 - lo]++;
    }
  }
  return { s1, s2, s3, s4, over3, over4, overR, tail: Float64Array.from(tail).sort(), bins };
})();

describe('nextNormal: distribution', () => {
  it('Kolmogorov–Smirnov vs N(0,1), n = 2^21 (H0: the draws are i.i.d. N(0,1); reject if p < 1e-4)', () => {
    const sorted = A.slice().sort();
    const d = ksStatistic(sorted, normCdf);
    const p = ksPValue(d, NA);
    expect(p, `D = ${d}`).toBeGreaterThan(1e-4);
  });

  it('moments, n = 2·10^7 (H0: N(0,1); large-sample SEs 1/√n, √(2/n), √(6/n), √(24/n); reject |z| > 4.5)', () => {
    const n = NB;
    const m1 = B.s1 / n;
    const e2 = B.s2 / n, e3 = B.s3 / n, e4 = B.s4 / n;
    const m2 = e2 - m1 * m1;
    const m3 = e3 - 3 * m1 * e2 + 2 * m1 ** 3;
    const m4 = e4 - 4 * m1 * e3 + 6 * m1 * m1 * e2 - 3 * m1 ** 4;
    const zMean = m1 / Math.sqrt(1 / n);
    const zVar = (m2 - 1) / Math.sqrt(2 / n);
    const zSkew = m3 / m2 ** 1.5 / Math.sqrt(6 / n);
    const zKurt = (m4 / (m2 * m2) - 3) / Math.sqrt(24 / n);
    for (const [name, z] of [['mean', zMean], ['variance', zVar], ['skewness', zSkew], ['excess kurtosis', zKurt]] as const) {
      expect(Math.abs(z), `${name}: z = ${z}`).toBeLessThan(Z_CRIT);
    }
  });

  it('tail probabilities P(|Z|>3), P(|Z|>4), P(|Z|>r) (H0: count ~ Binomial(n, p); normal-approx z, reject |z| > 4.5)', () => {
    const n = NB;
    for (const [name, count, p] of [
      ['|Z|>3', B.over3, 2 * normSf(3)],
      ['|Z|>4', B.over4, 2 * normSf(4)],
      ['|Z|>r (ziggurat tail path)', B.overR, 2 * normSf(ZIGGURAT_R)],
    ] as const) {
      // n·p ≥ 1266 in every case, so the normal approximation to the binomial is adequate at this level.
      const z = (count - n * p) / Math.sqrt(n * p * (1 - p));
      expect(Math.abs(z), `${name}: observed ${count}, expected ${n * p}, z = ${z}`).toBeLessThan(Z_CRIT);
    }
  });

  it('shape beyond r: KS of |Z| given |Z| > r vs 1 − Q(x)/Q(r) (H0: exact normal tail; reject if p < 1e-4)', () => {
    const qr = normSf(ZIGGURAT_R);
    const d = ksStatistic(B.tail, (x) => 1 - normSf(x) / qr);
    const p = ksPValue(d, B.tail.length);
    expect(B.tail.length).toBeGreaterThan(5000);
    expect(p, `D = ${d}, n = ${B.tail.length}`).toBeGreaterThan(1e-4);
  });

  it('χ² over the 256 cells cut at ±X_i (each wedge and the tail separately) (H0: N(0,1); 255 df, reject if p < 1e-4 two-sided)', () => {
    const expected = new Float64Array(NBINS);
    const cuts = [-Infinity, ...edges, Infinity];
    for (let b = 0; b < NBINS; b++) {
      const lo = cuts[b], hi = cuts[b + 1];
      // use the upper tail function on the side away from 0 to keep relative accuracy
      const prob = hi <= 0 ? normSf(-hi) - (lo === -Infinity ? 0 : normSf(-lo)) : (lo === -Infinity ? 1 : normSf(lo)) - (hi === Infinity ? 0 : normSf(hi));
      expected[b] = NB * Math.abs(prob);
    }
    let total = 0;
    for (const e of expected) total += e;
    expect(Math.abs(total - NB) / NB).toBeLessThan(1e-9);
    let observed = 0;
    for (const o of B.bins) observed += o;
    expect(observed).toBe(NB);
    const stat = chiSquare(B.bins, expected);
    const df = NBINS - 1;
    expect(stat, `χ² = ${stat}`).toBeLessThan(chisqQuantile(1 - 5e-5, df));
    expect(stat, `χ² = ${stat}`).toBeGreaterThan(chisqQuantile(5e-5, df));
  });
});

describe('nextNormal: independence', () => {
  it('lag-1…5 autocorrelations within a stream (H0: independent; √n·ρ_k ≈ N(0,1); reject |z| > 4.5)', () => {
    const n = NA;
    let m = 0;
    for (let k = 0; k < n; k++) m += A[k];
    m /= n;
    let c0 = 0;
    for (let k = 0; k < n; k++) c0 += (A[k] - m) ** 2;
    for (let lag = 1; lag <= 5; lag++) {
      let c = 0;
      for (let k = 0; k + lag < n; k++) c += (A[k] - m) * (A[k + lag] - m);
      const z = (c / c0) * Math.sqrt(n);
      expect(Math.abs(z), `lag ${lag}: z = ${z}`).toBeLessThan(Z_CRIT);
    }
  });

  it('neighbouring trajectories are uncorrelated (H0: independent N(0,1) streams)', () => {
    // Pairs (i, i+1) for i < 500, plus pairs differing only in a high counter word and a pair of purposes.
    const L = 4000;
    const draw = (seed: number, purpose: string, i: number): Float64Array => {
      const s = makeStream(seed, purpose);
      s.seek(i, 0);
      const z = new Float64Array(L);
      for (let k = 0; k < L; k++) z[k] = s.nextNormal();
      return z;
    };
    const pairs: [Float64Array, Float64Array][] = [];
    let prev = draw(SEED, 'noise', 0);
    for (let i = 1; i <= 500; i++) {
      const cur = draw(SEED, 'noise', i);
      pairs.push([prev, cur]);
      prev = cur;
    }
    pairs.push([draw(SEED, 'noise', 2 ** 32 - 1), draw(SEED, 'noise', 2 ** 32)]);
    pairs.push([draw(SEED, 'noise', 5), draw(SEED, 'noise', 5 + 2 ** 32)]);
    pairs.push([draw(SEED, 'noise', 7), draw(SEED, 'init', 7)]);
    // Under H0 each product z·z' has mean 0, variance 1, and all products are uncorrelated, so
    //   Z = Σ z·z' / √(P·L) ≈ N(0,1)                  (pooled linear correlation; reject |Z| > 4.5)
    //   X = Σ_pairs (Σ_t z·z')² / L ≈ χ²_P            (sign-varying pair correlations; reject p < 1e-4)
    let sum = 0;
    let chi = 0;
    for (const [a, b] of pairs) {
      let c = 0;
      for (let k = 0; k < L; k++) c += a[k] * b[k];
      sum += c;
      chi += (c * c) / L;
      // each single pair: √L·ρ ≈ N(0,1); with 503 pairs use the Bonferroni level 1e-4/503 ⇒ |z| < 5.3
      expect(Math.abs(c / Math.sqrt(L))).toBeLessThan(5.3);
    }
    const P = pairs.length;
    const Z = sum / Math.sqrt(P * L);
    expect(Math.abs(Z), `pooled Z = ${Z}`).toBeLessThan(Z_CRIT);
    expect(chi, `χ² = ${chi}`).toBeLessThan(chisqQuantile(1 - 5e-5, P));
    expect(chi, `χ² = ${chi}`).toBeGreaterThan(chisqQuantile(5e-5, P));
  });
});
