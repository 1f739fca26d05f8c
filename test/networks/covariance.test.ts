// Per-example gradients, their covariance C, and the minibatch covariance C·(N−B)/(B(N−1)) against covariances of
// real batches drawn from the dataset (docs/networks.md "Covariance").
import { describe, expect, it } from 'vitest';
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import {
  floydSample, gradientCovariance, minibatchCovariance, perExampleGradients, sampleBatchGradients, sampleMinibatchCovariance,
  topEigen, trainedMinimum,
} from '../../src/networks/index.js';
import { EPS, IRIS, ROUNDING_OPS, gaussianVector, maxExampleGradient, unit } from './helpers.js';

describe('per-example gradients and C', () => {
  const { net, minimum } = trainedMinimum({ ...IRIS, hidden: [4], train: { gradientTolerance: 1e-8, maxIterations: 100 } });
  const n = net.dim, N = net.data.examples, phi = gaussianVector(n, 'cov-phi', 0.7);
  const G = perExampleGradients(net, phi), gS = maxExampleGradient(net, phi);

  it('their mean is the full-batch gradient (to rounding 100·ε·max|g_j|)', () => {
    const g = new Float64Array(n);
    net.gradient(phi, g);
    for (let a = 0; a < n; a++) {
      let m = 0;
      for (let j = 0; j < N; j++) m += G[j * n + a] / N;
      expect(Math.abs(m - g[a])).toBeLessThanOrEqual(ROUNDING_OPS * EPS * gS);
    }
  });

  it('C = (1/N)Σ g_j g_jᵀ − ḡḡᵀ (a second formula), symmetric, positive semi-definite', () => {
    const C = gradientCovariance(net, phi), g = new Float64Array(n);
    net.gradient(phi, g);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let s = 0;
        for (let j = 0; j < N; j++) s += (G[j * n + a] * G[j * n + b]) / N;
        // the raw second moment cancels against ḡḡᵀ: rounding ≤ 100·ε·max|g_j|²
        expect(Math.abs(C[a * n + b] - (s - g[a] * g[b]))).toBeLessThanOrEqual(ROUNDING_OPS * EPS * gS * gS);
        expect(C[a * n + b]).toBe(C[b * n + a]);
      }
    }
    expect(topEigen(C.map((x) => -x), n, 1).values[0]).toBeLessThanOrEqual(ROUNDING_OPS * EPS * gS * gS * n);
  });

  it('minibatchCovariance: B = 1 gives C, B = N gives 0', () => {
    const C = gradientCovariance(net, minimum.phi);
    expect(Array.from(minibatchCovariance(C, n, 1, N))).toEqual(Array.from(C));
    expect(minibatchCovariance(C, n, N, N).every((x) => x === 0)).toBe(true);
    expect(() => minibatchCovariance(C, n, 0, N)).toThrow(RangeError);
  });

  it('batches of all N examples have zero sample covariance (to rounding)', () => {
    const S = sampleMinibatchCovariance(net, phi, N, 5, 1);
    for (const x of S) expect(Math.abs(x)).toBeLessThanOrEqual((ROUNDING_OPS * EPS * gS) ** 2);
  });
});

describe('sampled batch covariance vs C·(N − B)/(B(N − 1))', () => {
  // H0: batches are uniform B-subsets drawn independently, so the sample covariance S (divisor M − 1) of M batch
  // gradients is unbiased for Σ_B = C·(N − B)/(B(N − 1)). Along a unit direction u, s_i = u·g_B,i has variance
  // σ² = uᵀΣ_B u and its sample variance v̂ has SE = √((m₄ − v̂²)/M) (m₄ the sample fourth central moment: the
  // large-M variance of a variance estimate, no Gaussian assumption); for u ⊥ w eigen-directions, the sample
  // cross-covariance ĉ has mean uᵀΣ_B w = 0 and SE = √(var(s_u s_w)/M). Each z = (estimate − expected)/SE is
  // ≈ N(0, 1); 5 top eigen-directions + 3 random ones + 3 cross pairs = 11 tests, Bonferroni at overall 1e-4.
  const { net, minimum } = trainedMinimum(IRIS);
  const n = net.dim, N = net.data.examples, M = 6000;
  const C = gradientCovariance(net, minimum.phi);
  const zMax = normalQuantile(1 - 1e-4 / (2 * 11), 0, 1);

  it.each([4, 16, 64])('B = %i', (B) => {
    const SigmaB = minibatchCovariance(C, n, B, N);
    const draws = sampleBatchGradients(net, minimum.phi, B, M, `cov-${B}`);
    const S = sampleMinibatchCovariance(net, minimum.phi, B, M, `cov-${B}`);
    const top = topEigen(SigmaB, n, 5);
    const dirs = [...top.vectors, ...[1, 2, 3].map((k) => unit(gaussianVector(n, `dir-${k}`)))];
    const proj = (u: Float64Array) => Float64Array.from({ length: M }, (_, i) => { let s = 0; for (let a = 0; a < n; a++) s += u[a] * draws[i * n + a]; return s; });
    const quad = (A: Float64Array, u: Float64Array, w: Float64Array) => { let s = 0; for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) s += u[a] * A[a * n + b] * w[b]; return s; };
    const zs: number[] = [];
    for (const u of dirs) {
      const s = proj(u), mean = s.reduce((x, y) => x + y, 0) / M;
      const m2 = s.reduce((x, y) => x + (y - mean) ** 2, 0) / M, m4 = s.reduce((x, y) => x + (y - mean) ** 4, 0) / M;
      const vhat = quad(S, u, u);
      zs.push((vhat - quad(SigmaB, u, u)) / Math.sqrt((m4 - m2 * m2) / M));
    }
    for (const [a, b] of [[0, 1], [0, 2], [1, 2]]) {
      const su = proj(top.vectors[a]), sw = proj(top.vectors[b]);
      const mu = su.reduce((x, y) => x + y, 0) / M, mw = sw.reduce((x, y) => x + y, 0) / M;
      const prod = su.map((x, i) => (x - mu) * (sw[i] - mw)), pm = prod.reduce((x, y) => x + y, 0) / M;
      const pv = prod.reduce((x, y) => x + (y - pm) ** 2, 0) / M;
      zs.push((quad(S, top.vectors[a], top.vectors[b]) - quad(SigmaB, top.vectors[a], top.vectors[b])) / Math.sqrt(pv / M));
    }
    for (const z of zs) expect(Math.abs(z)).toBeLessThanOrEqual(zMax);
  });
});

describe("Floyd's algorithm", () => {
  it('draws every 2-subset of 5 equally often (chi-square, 9 d.o.f., level 1e-4) and never repeats an index', () => {
    const counts = new Map<string, number>(), idx = new Int32Array(2), taken = new Uint8Array(5);
    let state = 12345;
    const next = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return (state + 0.5) / 2 ** 32; };
    const M = 20000;
    for (let i = 0; i < M; i++) {
      floydSample(5, 2, next, idx, taken);
      expect(idx[0]).not.toBe(idx[1]);
      const key = [idx[0], idx[1]].sort().join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(10);
    const e = M / 10, chi2 = [...counts.values()].reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThanOrEqual(chisqQuantile(1 - 1e-4, 9));
    expect(taken.every((t) => t === 0)).toBe(true);
  });
});
