/**
 * SDE model coefficients against the formulas of design.md §3 / sources.md §7 written out here
 * independently: 𝒟 = (η/2)·P²·C/B with P from the quasi-static v, the Hänggi drift +𝒟′, and the n-D
 * matrix forms (ml-matrix eigen-decomposition as the second route for |H|).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { buildModel, type ModelSpec } from '../../src/dynamics/models.js';
import { symmetricEigen } from '../../src/noise/index.js';
import { builtinLandscape } from '../../src/landscapes/builtins/index.js';
import { expressionLandscape } from '../../src/landscapes/expr.js';

const L = expressionLandscape({ expr: 'h*(x^2-1)^2 + c*x', vars: ['x'], params: { h: 1, c: 0.2 } });
// L' = 4hx(x²−1) + c, L'' = 4h(3x²−1)
const d1 = (x: number) => 4 * x * (x * x - 1) + 0.2;
const d2 = (x: number) => 4 * (3 * x * x - 1);
const floor = 0.05, eta = 0.1, B = 4, eps = 1e-3;
const C = (x: number) => Math.abs(d2(x)) + floor;

/** P as the design table defines it, from v = L'² + C/B */
function Pref(model: string, x: number, p = 0.25, b1 = 0.9, b2 = 0.999): number {
  const v = d1(x) ** 2 + C(x) / B;
  switch (model) {
    case 'sgd': return 1;
    case 'adam': return 1 / (Math.sqrt(v) + eps);
    case 'invadam': return Math.sqrt(v) + eps;
    case 'padam': return (Math.sqrt(v) + eps) ** (-2 * p);
    case 'power': return v ** -p;
    case 'adamomentum': return 1 / Math.sqrt(d1(x) ** 2 + ((1 - b1) / (1 + b1)) * C(x) / B + eps / (1 - b2));
  }
  throw new Error(model);
}
const Dref = (model: string, x: number) => 0.5 * eta * Pref(model, x) ** 2 * C(x) / B;

const models = ['sgd', 'adam', 'invadam', 'padam', 'power', 'adamomentum'] as const;
const spec = (model: string, convention: 'ito' | 'hanggi'): ModelSpec => ({
  model: model as 'sgd', lr: eta, batch: B, noise: { kind: 'hessian', floor }, convention, eps, p: 0.25,
});
// points away from the kinks of |L''| (x = ±1/√3) where 𝒟′ jumps
const xs = fc.double({ min: -1.8, max: 1.8, noNaN: true }).filter((x) => Math.abs(Math.abs(x) - 1 / Math.sqrt(3)) > 1e-2);

describe('1-D models', () => {
  for (const m of models) {
    it(`${m}: 𝒟, drift (both conventions) and 𝒟′ match the formulas`, () => {
      const ito = buildModel(spec(m, 'ito'), L).scalar();
      const han = buildModel(spec(m, 'hanggi'), L).scalar();
      fc.assert(fc.property(xs, (x) => {
        ito.eval(x); han.eval(x);
        const D = Dref(m, x);
        expect(ito.d).toBeCloseTo(D, 12);
        expect(Math.abs(ito.d - D)).toBeLessThanOrEqual(1e-12 * Math.max(1, D));
        expect(Math.abs(ito.a + Pref(m, x) * d1(x))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ito.a)));
        // 𝒟′ by Richardson-extrapolated central differences; error O(h⁴) ≈ 1e-12 plus round-off ε·D/h
        const h = 1e-3;
        const c1 = (Dref(m, x + h) - Dref(m, x - h)) / (2 * h);
        const c2 = (Dref(m, x + h / 2) - Dref(m, x - h / 2)) / h;
        const fd = (4 * c2 - c1) / 3;
        expect(Math.abs(ito.dd - fd)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(fd)));
        // Hänggi–Klimontovich: drift gains +𝒟′, diffusion unchanged
        expect(Math.abs(han.a - (ito.a + ito.dd))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(han.a)));
        expect(han.d).toBe(ito.d);
      }), { seed: 42, numRuns: 200 });
    });
  }

  it('langevin: drift −L′, 𝒟 = T constant, 𝒟′ = 0', () => {
    const s = buildModel({ model: 'langevin', temperature: 0.3 }, L).scalar();
    for (const x of [-1.5, -0.2, 0.7]) {
      s.eval(x);
      expect(s.a).toBeCloseTo(-d1(x), 12);
      expect(s.d).toBe(0.3);
      expect(s.dd).toBe(0);
    }
  });

  it('the vector form in 1-D agrees with the scalar form (drift, σ² = 2𝒟), both conventions', () => {
    for (const m of models) for (const conv of ['ito', 'hanggi'] as const) {
      const model = buildModel(spec(m, conv), L);
      const sc = model.scalar(), vec = model.vector();
      const drift = new Float64Array(1), sigma = new Float64Array(1);
      for (const x of [-1.3, -0.9, 0.3, 1.2]) {
        sc.eval(x); vec.eval(Float64Array.of(x), drift, sigma);
        expect(Math.abs(sigma[0] ** 2 - 2 * sc.d)).toBeLessThanOrEqual(1e-12 * sc.d);
        // the vector Hänggi drift uses central differences (h ≈ 6e-6): O(h²) truncation
        expect(Math.abs(drift[0] - sc.a)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(sc.a)));
      }
    }
  });
});

describe('n-D models', () => {
  const E = builtinLandscape('eigen-saddle', { Ha: 2, Hb: 1, dL: 0.25, minEigs: [3, 4], saddleEigs: [2, 5] });
  const n = 3;
  /** 𝒟 = (η/2B)·P·C·P with C = |H| + floor·I from ml-matrix's eigen-decomposition */
  function Dmat(model: string, x: number[]): Matrix {
    const H = new Float64Array(n * n), g = new Float64Array(n);
    E.hessian(x, H); E.gradient(x, g);
    const Hm = new Matrix(Array.from({ length: n }, (_, i) => Array.from(H.slice(i * n, i * n + n))));
    const ev = new EigenvalueDecomposition(Hm, { assumeSymmetric: true });
    const V = ev.eigenvectorMatrix;
    const Cm = V.mmul(Matrix.diag(ev.realEigenvalues.map((l) => Math.abs(l) + floor))).mmul(V.transpose());
    const P = Array.from({ length: n }, (_, i) => {
      const v = g[i] ** 2 + Cm.get(i, i) / B;
      return model === 'adam' ? 1 / (Math.sqrt(v) + eps) : model === 'invadam' ? Math.sqrt(v) + eps : 1;
    });
    return Matrix.diag(P).mmul(Cm).mmul(Matrix.diag(P)).mul(eta / (2 * B));
  }
  // |H| is not differentiable where an eigenvalue of H crosses 0: keep the points ≥ 0.05 away from that
  const minAbsEig = (p: number[]) => {
    const H = new Float64Array(n * n);
    E.hessian(p, H);
    const Hm = new Matrix(Array.from({ length: n }, (_, i) => Array.from(H.slice(i * n, i * n + n))));
    return Math.min(...new EigenvalueDecomposition(Hm, { assumeSymmetric: true }).realEigenvalues.map(Math.abs));
  };
  const pts = fc.tuple(fc.double({ min: -0.5, max: 2.5, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true }))
    .filter((p) => minAbsEig(p) > 0.05)
    // the family is C² but its third derivative jumps on the planes x₁ = a and x₁ = b (where κᵢ(x₁) starts and
    // stops changing), so ∇·𝒟 is discontinuous there: keep finite differences off them
    .filter((p) => Math.abs(p[0] - E.known!.minimum[0]) > 2e-3 && Math.abs(p[0] - E.known!.saddle[0]) > 2e-3);

  for (const m of ['sgd', 'adam', 'invadam']) {
    it(`${m}: σσᵀ = 2𝒟 and the Hänggi drift adds ∇·𝒟`, () => {
      const ito = buildModel(spec(m, 'ito'), E).vector();
      const han = buildModel(spec(m, 'hanggi'), E).vector();
      const a1 = new Float64Array(n), a2 = new Float64Array(n), s1 = new Float64Array(n * n), s2 = new Float64Array(n * n);
      fc.assert(fc.property(pts, (p) => {
        const x = Float64Array.from(p);
        ito.eval(x, a1, s1); han.eval(x, a2, s2);
        const S = new Matrix(Array.from({ length: n }, (_, i) => Array.from(s1.slice(i * n, i * n + n))));
        const twoD = Dmat(m, p).mul(2);
        const diff = S.mmul(S.transpose()).sub(twoD);
        expect(diff.norm('frobenius')).toBeLessThanOrEqual(1e-10 * Math.max(1, twoD.norm('frobenius')));
        // ∇·𝒟 by Richardson central differences of the reference 𝒟
        for (let i = 0; i < n; i++) {
          let div = 0;
          for (let j = 0; j < n; j++) {
            const h = 1e-3;
            const at = (dh: number) => { const y = [...p]; y[j] += dh; return Dmat(m, y).get(i, j); };
            const c1 = (at(h) - at(-h)) / (2 * h), c2 = (at(h / 2) - at(-h / 2)) / h;
            div += (4 * c2 - c1) / 3;
          }
          expect(Math.abs(a2[i] - a1[i] - div)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(div)));
        }
      }), { seed: 7, numRuns: 40 });
    });
  }
});

describe('symmetric eigen-decomposition (Jacobi) vs ml-matrix', () => {
  it('eigenvalues and reconstruction agree on random symmetric matrices', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 64, maxLength: 64 }), (n, raw) => {
      const M = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { M[i * n + j] = raw[i * 8 + j]; M[j * n + i] = raw[i * 8 + j]; }
      const e = symmetricEigen(n);
      e.decompose(M);
      const ref = new EigenvalueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => Array.from(M.slice(i * n, i * n + n)))), { assumeSymmetric: true }).realEigenvalues;
      const ours = Array.from(e.values).sort((a, b) => a - b), theirs = [...ref].sort((a, b) => a - b);
      const scale = Math.max(1, ...theirs.map(Math.abs));
      ours.forEach((v, k) => expect(Math.abs(v - theirs[k])).toBeLessThanOrEqual(1e-10 * scale));
      // V diag(λ) Vᵀ = M
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += e.vectors[i * n + k] * e.values[k] * e.vectors[j * n + k];
        expect(Math.abs(s - M[i * n + j])).toBeLessThanOrEqual(1e-10 * scale);
      }
    }), { seed: 3, numRuns: 200 });
  });
});
