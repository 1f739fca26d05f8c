/**
 * The best fixed point θ* against an independent route: brute force on a grid.
 * Null hypothesis: bestFixedPoint returns min_{x∈F} Σ_s n_s f_s(x).
 * Tolerances are error bounds, not fitted numbers: on a grid of spacing h a function with Lipschitz constant L
 * has grid-min − min ≤ L·h/2, with L ≤ Σ_s n_s·(sup |∂f_s|) on F.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestFixedPoint } from '../../src/convergence/comparator.js';
import { problemArb } from '../../src/convergence/generators.js';
import { lossValue, problemConstants, slotCounts, type OnlineProblem } from '../../src/convergence/problems.js';

function gridMin1D(F: (x: number) => number, lo: number, hi: number, n: number): number {
  let m = Infinity;
  for (let k = 0; k <= n; k++) m = Math.min(m, F(lo + ((hi - lo) * k) / n));
  return m;
}

describe('comparator: exact minimum of separable problems vs a grid (fast-check, 300 problems)', () => {
  it('min ≤ grid-min and grid-min − min ≤ L·h/2 in every coordinate', () => {
    fc.assert(fc.property(problemArb({ maxDim: 3, minHorizon: 1, maxHorizon: 40 }), (p: OnlineProblem) => {
      const t = p.horizon;
      const c = bestFixedPoint(p, t);
      const n = slotCounts(p.slots.length, t);
      const { Ginf } = problemConstants(p);
      for (let i = 0; i < p.dim; i++) {
        // F restricted to coordinate i (other coordinates at θ*): F(x) − the others' constant part
        const Fi = (x: number) => {
          const z = [...c.argmin]; z[i] = x;
          return p.slots.reduce((a, s, k) => a + n[k] * lossValue(s, z), 0);
        };
        const N = 4000, h = (p.hi[i] - p.lo[i]) / N;
        const g = gridMin1D(Fi, p.lo[i], p.hi[i], N);
        const exact = Fi(c.argmin[i]);
        const L = t * Ginf;
        expect(exact).toBeLessThanOrEqual(g + 1e-9 * Math.max(1, Math.abs(g)));
        expect(g - exact).toBeLessThanOrEqual((L * h) / 2 + 1e-9 * Math.max(1, Math.abs(g)));
      }
      // the reported value is F(θ*)
      const F = p.slots.reduce((a, s, k) => a + n[k] * lossValue(s, c.argmin), 0);
      expect(Math.abs(F - c.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(F)));
      expect(c.lower).toBe(c.value);
    }), { numRuns: 300, seed: 11 });
  });
});

describe('comparator: logistic problems, certified bracket vs a 2-D grid (fast-check, 40 problems)', () => {
  it('lower ≤ min ≤ value, with a tight certificate', () => {
    fc.assert(fc.property(problemArb({ kinds: ['logistic'], maxDim: 2, minHorizon: 1, maxHorizon: 30 }), (p) => {
      const t = p.horizon, c = bestFixedPoint(p, t), n = slotCounts(p.slots.length, t);
      const F = (x: number[]) => p.slots.reduce((a, s, k) => a + n[k] * lossValue(s, x), 0);
      const N = p.dim === 1 ? 20000 : 400;
      let g = Infinity;
      const hs = p.lo.map((lo, i) => (p.hi[i] - lo) / N);
      if (p.dim === 1) for (let k = 0; k <= N; k++) g = Math.min(g, F([p.lo[0] + k * hs[0]]));
      else for (let a = 0; a <= N; a++) for (let b = 0; b <= N; b++) g = Math.min(g, F([p.lo[0] + a * hs[0], p.lo[1] + b * hs[1]]));
      const { G } = problemConstants(p);
      const Lh = t * G * Math.hypot(...hs) / 2; // grid-min − min ≤ L·(half diagonal of a cell)
      expect(c.lower).toBeLessThanOrEqual(g + 1e-9);
      expect(c.value).toBeLessThanOrEqual(g + 1e-9);
      expect(c.value).toBeGreaterThanOrEqual(g - Lh - 1e-9);
      expect(c.value - c.lower).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(c.value)));
    }), { numRuns: 40, seed: 12 });
  });
});
