/**
 * Weighted least squares against the closed-form normal equations of an exactly linear data set and against a
 * Monte Carlo of its own coverage; polynomial fits against closed forms and against each other.
 */
import { describe, expect, it } from 'vitest';
import { polyfit, quadraticIntercept, weightedLine } from '../../src/stats/index.js';
import { makeStream } from '../../src/rng/stream.js';

describe('weightedLine', () => {
  it('recovers an exact line, with zero χ²', () => {
    const f = weightedLine([0, 1, 2, 3], [1, 3, 5, 7], [0.1, 0.2, 0.1, 0.3]);
    expect(f.slope).toBeCloseTo(2, 12);
    expect(f.intercept).toBeCloseTo(1, 12);
    expect(f.chi2).toBeCloseTo(0, 18);
  });
  it('slope standard error: equal σ gives σ/√Σ(x − x̄)²', () => {
    const x = [0, 1, 2, 3, 4], sxx = 10;
    const f = weightedLine(x, [0, 1, 1.5, 3.2, 4], x.map(() => 0.5));
    expect(f.seSlope).toBeCloseTo(0.5 / Math.sqrt(sxx), 12);
  });
  it('95% slope intervals cover the true slope in 95% ± 1.4% of 2000 simulated data sets (binomial 3σ)', () => {
    // null hypothesis: the interval is an exact 95% interval for Gaussian errors of known σ
    const s = makeStream(2024, 'test');
    const x = [0, 0.5, 1, 2, 3], sig = [0.1, 0.3, 0.2, 0.5, 0.4];
    let cover = 0;
    const N = 2000;
    for (let r = 0; r < N; r++) {
      const y = x.map((xi, i) => 1 - 0.7 * xi + sig[i] * s.nextNormal());
      const f = weightedLine(x, y, sig);
      if (f.slopeCI[0] <= -0.7 && -0.7 <= f.slopeCI[1]) cover++;
    }
    const sd = Math.sqrt((0.95 * 0.05) / N);
    expect(Math.abs(cover / N - 0.95)).toBeLessThanOrEqual(3 * sd);
  });
  it('names the bad point', () => {
    expect(() => weightedLine([0, 1], [0, NaN], [1, 1])).toThrow(/point 1/);
  });
});

describe('polyfit', () => {
  it('recovers an exact quadratic and the least-squares line of three points (closed form)', () => {
    const q = polyfit([0, 1, 2, 3], [1, 3, 7, 13], 2); // 1 + x + x²
    q.forEach((c) => expect(c).toBeCloseTo(1, 12));
    // y = 2, 4, 6.1 on x = 1, 2, 3: slope Σ(x−2)(y−ȳ)/Σ(x−2)² = 4.1/2, intercept ȳ − 2·slope
    const [a, b] = polyfit([1, 2, 3], [2, 4, 6.1], 1);
    expect(b).toBeCloseTo(2.05, 12);
    expect(a).toBeCloseTo(12.1 / 3 - 2 * 2.05, 12);
  });
});

describe('weighted fits for extrapolation to 0', () => {
  it('weighted polyfit of degree 1 equals weightedLine (QR on scaled rows vs the closed-form sums)', () => {
    const x = [0.3, 0.2, 0.15, 0.1], y = [0.39, 0.29, 0.22, 0.2], s = [0.01, 0.02, 0.015, 0.05];
    const [a, b] = polyfit(x, y, 1, s), line = weightedLine(x, y, s);
    expect(a).toBeCloseTo(line.intercept, 12);
    expect(b).toBeCloseTo(line.slope, 12);
  });
  it('quadraticIntercept through three points is the Lagrange value at 0, with σ₀² = Σ ℓᵢ(0)²σᵢ²', () => {
    const x = [0.15, 0.2, 0.3], y = [0.2245, 0.2874, 0.3863], s = [0.007, 0.007, 0.007];
    // Lagrange basis at 0: ℓᵢ(0) = Π_{j≠i} x_j/(x_j − x_i)
    const l = x.map((xi, i) => x.reduce((p, xj, j) => (j === i ? p : (p * xj) / (xj - xi)), 1));
    const q = quadraticIntercept(x, y, s);
    expect(q.intercept).toBeCloseTo(l.reduce((a, li, i) => a + li * y[i], 0), 10);
    expect(q.se).toBeCloseTo(Math.sqrt(l.reduce((a, li, i) => a + li * li * s[i] ** 2, 0)), 10);
  });
  it('quadraticIntercept on five weighted points: normal equations agree with polyfit\'s QR least squares', () => {
    const x = [0.05, 0.1, 0.15, 0.2, 0.3], y = [1.02, 0.93, 0.95, 0.81, 0.77], s = [0.05, 0.02, 0.03, 0.01, 0.04];
    expect(quadraticIntercept(x, y, s).intercept).toBeCloseTo(polyfit(x, y, 2, s)[0], 10);
    expect(() => quadraticIntercept([0.1, 0.2], [1, 2], [1, 1])).toThrow(/need ≥ 3 points/);
  });
});
