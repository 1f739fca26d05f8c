import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  G7_WEIGHTS,
  GK15_NODES,
  GK15_WEIGHTS,
  integrate,
  integrateLog,
  integrateTanhSinh,
  logAddExp,
  logSumExp,
} from '../../src/theory/quadrature/index.js';
import { gaussLegendre, gaussLegendreRule, legendreTail } from '../../src/theory/gauss.js';

const EPS = Number.EPSILON;

/** |computed − exact| must lie within the reported error estimate (plus rounding). */
function expectWithinReported(r: { value: number; error: number }, exact: number): void {
  expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(r.error + 8 * EPS * Math.abs(exact));
}

describe('rules', () => {
  it('Kronrod 15 is exact to degree 22 and its Gauss 7 to degree 13, and not beyond', () => {
    const moment = (d: number, gauss: boolean): number => {
      let s = (gauss ? G7_WEIGHTS[3] : GK15_WEIGHTS[7]) * (d === 0 ? 1 : 0);
      for (let k = 0; k < 7; k++) {
        const v = GK15_NODES[k] ** d + (-GK15_NODES[k]) ** d;
        if (!gauss) s += GK15_WEIGHTS[k] * v;
        else if (k % 2 === 1) s += G7_WEIGHTS[(k - 1) / 2] * v;
      }
      return s;
    };
    for (let d = 0; d <= 22; d++) expect(Math.abs(moment(d, false) - (d % 2 ? 0 : 2 / (d + 1)))).toBeLessThan(4 * EPS);
    for (let d = 0; d <= 13; d++) expect(Math.abs(moment(d, true) - (d % 2 ? 0 : 2 / (d + 1)))).toBeLessThan(4 * EPS);
    expect(Math.abs(moment(24, false) - 2 / 25)).toBeGreaterThan(1e-10);
    expect(Math.abs(moment(14, true) - 2 / 15)).toBeGreaterThan(1e-6);
  });

  it('Gauss–Legendre n points integrate degree 2n−1 exactly; the integration matrix is exact to degree n−1', () => {
    for (const n of [1, 2, 5, 16, 20, 32]) {
      const { nodes, weights } = gaussLegendre(n);
      for (let d = 0; d <= 2 * n - 1; d++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += weights[j] * nodes[j] ** d;
        expect(Math.abs(s - (d % 2 ? 0 : 2 / (d + 1)))).toBeLessThan(20 * EPS);
      }
    }
    const rule = gaussLegendreRule(20);
    for (let d = 0; d <= 19; d++) {
      for (let i = 0; i < 20; i++) {
        let s = 0;
        for (let j = 0; j < 20; j++) s += rule.integration[i * 20 + j] * rule.nodes[j] ** d;
        const exact = (rule.nodes[i] ** (d + 1) - (-1) ** (d + 1)) / (d + 1);
        expect(Math.abs(s - exact)).toBeLessThan(1e-14);
      }
    }
    // Legendre tail: zero for degree ≤ n−3, nonzero for P_{n−1}
    const v = Array.from(rule.nodes, (t) => 3 * t ** 17 - t ** 4 + 2);
    expect(legendreTail(rule, v)).toBeLessThan(1e-13);
    const w = Array.from(rule.nodes, (t) => t ** 19);
    expect(legendreTail(rule, w)).toBeGreaterThan(1e-6);
  });

  it('log-sum-exp handles ±Infinity and huge arguments', () => {
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([-800, -800, -800])).toBeCloseTo(-800 + Math.log(3), 12);
  });
});

describe('integrate (adaptive G7–K15)', () => {
  it('polynomials and exp to rounding, in one or few panels', () => {
    const p = (x: number): number => 5 * x ** 9 - 3 * x ** 4 + x - 7;
    const P = (x: number): number => x ** 10 / 2 - (3 * x ** 5) / 5 + x ** 2 / 2 - 7 * x;
    const r = integrate(p, -1.3, 2.1);
    expectWithinReported(r, P(2.1) - P(-1.3));
    expect(r.evaluations).toBe(15);
    const e = integrate(Math.exp, 0, 3, { relTol: 1e-13 });
    expectWithinReported(e, Math.expm1(3));
    expect(e.error).toBeLessThanOrEqual(1e-13 * e.value);
    // reversed limits
    expect(integrate(Math.exp, 3, 0).value).toBeCloseTo(-Math.expm1(3), 12);
  });

  it('infinite ranges: Gaussian and exponential tails', () => {
    const g = integrate((x) => Math.exp(-x * x), -Infinity, Infinity, { relTol: 1e-12 });
    expectWithinReported(g, Math.sqrt(Math.PI));
    const t = integrate((x) => x * Math.exp(-x * x / 2), 3, Infinity, { relTol: 1e-12 });
    expectWithinReported(t, Math.exp(-4.5));
    const l = integrate((x) => Math.exp(2 * x), -Infinity, 1, { relTol: 1e-12 });
    expectWithinReported(l, Math.exp(2) / 2);
  });

  it('kinked |x − 0.3|: breakpoints give rounding-level accuracy with far fewer evaluations', () => {
    const f = (x: number): number => Math.abs(x - 0.3);
    const exact = (1.3 ** 2 + 0.7 ** 2) / 2;
    const plain = integrate(f, -1, 1, { relTol: 1e-10 });
    const split = integrate(f, -1, 1, { relTol: 1e-10, breakpoints: [0.3, 5] });
    expectWithinReported(plain, exact);
    expectWithinReported(split, exact);
    expect(plain.error).toBeLessThanOrEqual(1e-10 * exact);
    expect(split.evaluations).toBe(30);
    expect(Math.abs(split.value - exact)).toBeLessThan(4 * EPS);
    expect(plain.evaluations).toBeGreaterThan(split.evaluations);
  });

  it('endpoint-peaked and endpoint-singular integrands', () => {
    const peak = integrate((x) => Math.exp(-1000 * x), 0, 1, { relTol: 1e-12 });
    expectWithinReported(peak, -Math.expm1(-1000) / 1000);
    const sing = integrate((x) => 1 / Math.sqrt(x), 0, 1, { relTol: 1e-10 });
    expectWithinReported(sing, 2);
    expect(sing.converged).toBe(true);
    const lorentz = integrate((x) => 1e-4 / (x * x + 1e-8), -1, 1, { relTol: 1e-12 });
    expectWithinReported(lorentz, 2 * Math.atan(1e4));
  });

  it('reports non-convergence when maxEval is too small, and throws on non-finite values', () => {
    const r = integrate((x) => Math.sin(200 * x), 0, 10, { maxEval: 60 });
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBeLessThanOrEqual(60);
    expect(() => integrate((x) => (x > 0.5 ? NaN : 1), 0, 1)).toThrow(/not finite at x = 0\.[5-9]/);
  });

  it('property: random cubics on random intervals are exact to rounding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        (c, a, w) => {
          const b = a + w;
          const F = (x: number): number => c[0] * x + (c[1] * x ** 2) / 2 + (c[2] * x ** 3) / 3 + (c[3] * x ** 4) / 4;
          const r = integrate((x) => c[0] + c[1] * x + c[2] * x ** 2 + c[3] * x ** 3, a, b, { absTol: 1e-12 });
          const scale = Math.abs(F(b)) + Math.abs(F(a)) + 1;
          return Math.abs(r.value - (F(b) - F(a))) <= 1e-13 * scale + r.error;
        },
      ),
      { numRuns: 200, seed: 12345 },
    );
  });
});

describe('integrateLog (positive integrands in log space)', () => {
  it('Gaussian tail of size ~1e-300: ∫_a^∞ x e^{−x²/2} dx = e^{−a²/2}', () => {
    for (const a of [5, 20, 37.2]) {
      const r = integrateLog((x) => Math.log(x) - (x * x) / 2, a, Infinity, { relTol: 1e-12 });
      expect(r.converged).toBe(true);
      expect(r.relError).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(r.logValue - -(a * a) / 2)).toBeLessThanOrEqual(r.relError + 4 * EPS * (a * a) / 2);
    }
    // beyond the double range altogether: e^{−5000}
    const big = integrateLog((x) => Math.log(x) - (x * x) / 2, 100, Infinity, { relTol: 1e-12 });
    expect(Math.abs(big.logValue + 5000)).toBeLessThan(1e-12 * 5000);
  });

  it('huge magnitudes: ∫_0^1 e^{800 x} dx and ∫_0^1 e^{−1000 x} dx', () => {
    const up = integrateLog((x) => 800 * x, 0, 1, { relTol: 1e-12 });
    // log((e^800 − 1)/800) = 800 + log(−expm1(−800)) − log 800
    expect(Math.abs(up.logValue - (800 - Math.log(800)))).toBeLessThanOrEqual(up.relError + 1e-15 * 800);
    const down = integrateLog((x) => -1000 * x, 0, 1, { relTol: 1e-12 });
    expect(Math.abs(down.logValue - Math.log(-Math.expm1(-1000) / 1000))).toBeLessThanOrEqual(down.relError + 1e-14);
  });

  it('kinked log-integrand e^{−|x|/T} with and without breakpoints', () => {
    const T = 1e-3;
    const exact = Math.log(2 * T) + Math.log(-Math.expm1(-1 / T));
    const a = integrateLog((x) => -Math.abs(x) / T, -1, 1, { relTol: 1e-11 });
    const b = integrateLog((x) => -Math.abs(x) / T, -1, 1, { relTol: 1e-11, breakpoints: [0] });
    for (const r of [a, b]) {
      expect(r.converged).toBe(true);
      expect(Math.abs(r.logValue - exact)).toBeLessThanOrEqual(r.relError + 1e-14);
    }
    expect(b.evaluations).toBeLessThan(a.evaluations);
  });

  it('a zero integrand gives −Infinity; NaN log-values throw', () => {
    expect(integrateLog(() => -Infinity, 0, 1).logValue).toBe(-Infinity);
    expect(() => integrateLog(() => NaN, 0, 1)).toThrow(/NaN/);
  });
});

describe('integrateTanhSinh', () => {
  it('endpoint singularities x^{−1/2}, log x, x^{−0.9} at 0 to 1e−12; (1−x²)^{−1/2} to its ε-limited level', () => {
    const a = integrateTanhSinh((x) => 1 / Math.sqrt(x), 0, 1);
    const b = integrateTanhSinh(Math.log, 0, 1);
    const c = integrateTanhSinh((x) => x ** -0.9, 0, 1);
    for (const [r, exact] of [
      [a, 2],
      [b, -1],
      [c, 10],
    ] as const) {
      expect(r.converged).toBe(true);
      expect(Math.abs(r.value - exact)).toBeLessThan(1e-12 * Math.abs(exact));
      expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(r.error + 8 * EPS * Math.abs(exact));
    }
    // singular at ±1: nodes within ε of the ends are dropped, losing ∫ over [1−ε, 1] ≈ 2·√(2ε) ≈ 4e−8
    const d = integrateTanhSinh((x) => 1 / Math.sqrt((1 - x) * (1 + x)), -1, 1, { relTol: 1e-6 });
    expect(Math.abs(d.value - Math.PI)).toBeLessThan(4 * Math.sqrt(2 * EPS));
  });
});
