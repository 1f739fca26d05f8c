/**
 * The fits and decision rules of the network claims (src/verify/networks-fit.ts) on inputs whose answer is known:
 * exact lines and curves, seeded noise of a known size (the intervals must cover the truth and reject a wrong value),
 * subspaces with a known overlap, and orderings whose sign is known.
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../../src/rng/stream.js';
import {
  lawComparison, logLogSlope, orderingTests, percentileInterval, quadraticTerm, relativeCurvature, scaledLine, signDecision, subspaceOverlap,
} from '../../src/verify/networks-fit.js';

const normals = (seed: string, n: number) => {
  const s = makeStream(seed, 'test');
  return Array.from({ length: n }, () => s.nextNormal());
};

describe('logLogSlope', () => {
  it('gives slope 1 for y ∝ x exactly and slope 0 for a constant', () => {
    const x = [0.5, 1, 2, 4, 8];
    const p = logLogSlope(x, x.map((v) => 3 * v), x.map((v) => 0.01 * v));
    expect(p.slope).toBeCloseTo(1, 12);
    expect(p.chi2).toBeLessThan(1e-20);
    const c = logLogSlope(x, x.map(() => 2), x.map(() => 0.02));
    expect(c.slope).toBeCloseTo(0, 12);
  });
  it('covers the true slope 0.7 with noise of the stated size, and excludes 1', () => {
    const x = Array.from({ length: 12 }, (_, i) => 2 ** (i / 2)), e = normals('slope', x.length);
    const f = logLogSlope(x, x.map((v, i) => v ** 0.7 * Math.exp(0.05 * e[i])), x.map((v) => 0.05 * v ** 0.7));
    expect(f.ci95[0]).toBeLessThan(0.7);
    expect(f.ci95[1]).toBeGreaterThan(0.7);
    expect(f.ci95[1]).toBeLessThan(1);
  });
  it('widens the interval when the points scatter more than their errors say (Birge ratio)', () => {
    const x = Array.from({ length: 10 }, (_, i) => i + 1), e = normals('birge', x.length);
    const y = x.map((v, i) => v * Math.exp(0.3 * e[i]));
    const tight = logLogSlope(x, y, y.map((v) => 0.01 * v));
    expect(tight.scaled).toBe(true);
    expect(tight.ci95[0]).toBeLessThan(1);
    expect(tight.ci95[1]).toBeGreaterThan(1);
  });
  it('refuses non-positive values', () => {
    expect(() => logLogSlope([1, 2], [1, -1], [0.1, 0.1])).toThrow(/> 0/);
  });
});

describe('quadraticTerm and relativeCurvature', () => {
  it('finds no curvature on a line and the right curvature on a parabola', () => {
    const x = [0.1, 0.2, 0.4, 0.8], s = [0.05, 0.05, 0.05, 0.05];
    const line = quadraticTerm(x, x.map((v) => 2 + 30 * v), s);
    expect(line.c2).toBeCloseTo(0, 8);
    expect(relativeCurvature(line, 30, 0.7).rho).toBeCloseTo(0, 8);
    const curved = quadraticTerm(x, x.map((v) => 2 + 30 * v + 20 * v * v), s);
    expect(curved.c2).toBeCloseTo(20, 8);
    const r = relativeCurvature(curved, 30, 0.7);
    // ρ = 2·20·0.7/30: the slope changes by 93% of itself across the range, far outside the noise
    expect(r.rho).toBeCloseTo(0.9333, 3);
    expect(r.ci95[0]).toBeGreaterThan(0);
    expect(r.z).toBeGreaterThan(5);
  });
  it('covers ρ = 0 on a noisy line with errors of the stated size', () => {
    const x = [1, 2, 3, 4, 5], e = normals('line', 5), s = x.map(() => 0.3);
    const q = quadraticTerm(x, x.map((v, i) => 1 + 2 * v + 0.3 * e[i]), s);
    const r = relativeCurvature(q, 2, 4);
    expect(r.ci95[0]).toBeLessThan(0);
    expect(r.ci95[1]).toBeGreaterThan(0);
  });
  it('scales with x without losing precision (x in the hundreds)', () => {
    const x = [100, 150, 200], q = quadraticTerm(x, x.map((v) => 1 + 0.1 * v + 1e-3 * v * v), [0.1, 0.1, 0.1]);
    expect(q.c2).toBeCloseTo(1e-3, 10);
  });
});

describe('lawComparison', () => {
  const h = [1, 2, 4];
  it('favours the exponential law on ln τ = a + b/h and the polynomial one on ln τ = a − m ln h', () => {
    const se = [0.1, 0.1, 0.1];
    const exp = lawComparison(h, h.map((v) => 1 + 16 / v), se);
    expect(exp.favoured).toBe('exponential');
    expect(exp.exponential.slope).toBeCloseTo(16, 10);
    expect(exp.deltaChi2).toBeGreaterThan(100);
    const poly = lawComparison(h, h.map((v) => 20 - 6 * Math.log(v)), se);
    expect(poly.favoured).toBe('polynomial');
    expect(poly.polynomial.slope).toBeCloseTo(-6, 10);
  });
  it('favours neither when the errors are too large to tell', () => {
    expect(lawComparison(h, h.map((v) => 1 + 16 / v), [5, 5, 5]).favoured).toBe('neither');
  });
  it('needs three sharpness values', () => {
    expect(() => lawComparison([1, 2, 2], [3, 2, 2], [0.1, 0.1, 0.1])).toThrow(/3 distinct/);
  });
});

describe('subspaceOverlap', () => {
  const e = (i: number, d = 4) => Float64Array.from({ length: d }, (_, r) => (r === i ? 1 : 0));
  it('is 1 for the same subspace in another basis, 0 for orthogonal ones, ½ for half shared', () => {
    const r = Math.SQRT1_2;
    expect(subspaceOverlap([e(0), e(1)], [[r, r, 0, 0], [r, -r, 0, 0]])).toBeCloseTo(1, 14);
    expect(subspaceOverlap([e(0), e(1)], [e(2), e(3)])).toBe(0);
    expect(subspaceOverlap([e(0), e(1)], [e(0), e(2)])).toBeCloseTo(0.5, 14);
  });
});

describe('orderingTests', () => {
  it('rejects k_a ≤ k_b where k_a is clearly larger, and reports the reversal where it is clearly smaller', () => {
    const t = orderingTests({ invadam: { value: 1.5, se: 0.05 }, sgd: { value: 1, se: 0.05 }, adam: { value: 0.5, se: 0.05 } }, [['invadam', 'sgd'], ['sgd', 'adam'], ['adam', 'sgd']]);
    expect(t.map((r) => r.rejected)).toEqual([true, true, false]);
    expect(t[2].reversed).toBe(true);
    expect(t[0].z).toBeCloseTo(0.5 / Math.hypot(0.05, 0.05), 12);
  });
  it('rejects nothing when the difference is within the noise (Holm keeps a borderline one)', () => {
    const t = orderingTests({ a: { value: 1.1, se: 0.05 }, b: { value: 1, se: 0.05 }, c: { value: 0.9, se: 0.5 } }, [['a', 'b'], ['b', 'c']]);
    // a − b: z = 1.41, one-sided p = 0.079 > 0.05: not rejected
    expect(t.map((r) => r.rejected)).toEqual([false, false]);
  });
});

describe('signDecision and percentileInterval', () => {
  it('decides the sign by the CI', () => {
    expect(signDecision('b', { slope: 1, ci95: [0.5, 1.5] }).verdict).toBe('CONFIRMED');
    expect(signDecision('b', { slope: -1, ci95: [-1.5, -0.5] }).verdict).toBe('REFUTED');
    expect(signDecision('b', { slope: 0.1, ci95: [-0.5, 0.7] }).verdict).toBe('INCONCLUSIVE');
  });
  it('percentile interval of 0..100 is [2.5, 97.5]', () => {
    const [lo, hi] = percentileInterval(Array.from({ length: 101 }, (_, i) => i));
    expect(lo).toBeCloseTo(2.5, 12);
    expect(hi).toBeCloseTo(97.5, 12);
  });
  it('scaledLine recovers an exact line', () => {
    const f = scaledLine([1, 2, 3], [3, 5, 7], [0.1, 0.1, 0.1]);
    expect(f.slope).toBeCloseTo(2, 12);
    expect(f.intercept).toBeCloseTo(1, 12);
  });
});
