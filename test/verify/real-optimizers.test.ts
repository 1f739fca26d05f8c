/**
 * The measurements behind discrete-exponent-* and rotated-minima-exponent (docs/claims.md, "The real optimizers"
 * and "Rotated minima"):
 *   - the rotated minimum's OU prediction ΔΦ_OU = 2BΔL/(η·h·eᵀPe) against a second route that shares no code: the
 *     Lyapunov equation A·Σ + Σ·Aᵀ + 2𝒟 = 0 solved as a linear system (Kronecker form, ml-matrix), then the least
 *     action edge²/(2·eᵀΣe); and the predicted k from those values;
 *   - the scale symmetry that makes τ in iterations a function of η·h^{1−p} on the discrete claims' wells (so k = 1 − p,
 *     up to the ln η of time units): the discrete chain at curvature 4
 *     and rate η is the chain at curvature 1 and rate η·4^{1−p} with ε/2, in coordinates θ = φ/2. With powers of 2
 *     every product is exact in floating point, so the escape iterations agree trajectory by trajectory.
 */
import { describe, expect, it } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import { compileScenario } from '../../src/scenario/compile.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { deltaPhiOU, predictedK, type RotatedCase } from '../../src/verify/rotated.js';
import { quadraticWell } from '../../src/verify/selectivity.js';

/** Σ of dθ = −PHθ dt + √(2𝒟) dW, 𝒟 = (η/2B)·P·H·P, by vec(AΣ + ΣAᵀ) = (I⊗A + A⊗I)·vec Σ = −vec(2𝒟) */
function lyapunovSigma(P: number[], H: number[][], eta: number, B = 1): Matrix {
  const n = P.length;
  const A = new Matrix(H.map((row, i) => row.map((x) => -P[i] * x)));
  const D2 = new Matrix(H.map((row, i) => row.map((x, j) => (eta / B) * P[i] * x * P[j])));
  const K = Matrix.zeros(n * n, n * n), rhs = Matrix.zeros(n * n, 1);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const r = i * n + j;
    rhs.set(r, 0, -D2.get(i, j));
    for (let k = 0; k < n; k++) {
      K.set(r, k * n + j, K.get(r, k * n + j) + A.get(i, k)); // (AΣ)_ij = Σ_k A_ik Σ_kj
      K.set(r, i * n + k, K.get(r, i * n + k) + A.get(j, k)); // (ΣAᵀ)_ij = Σ_k Σ_ik A_jk
    }
  }
  const v = solve(K, rhs);
  return new Matrix(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => v.get(i * n + j, 0))));
}

/** the least action to the line e·θ = edge for the OU process with covariance Σ, at curvature h, transverse T, angle α */
function actionByLyapunov(c: RotatedCase, h: number, eta: number, dL: number): number {
  const a = (c.angle * Math.PI) / 180, e = [Math.cos(a), Math.sin(a)], f = [-Math.sin(a), Math.cos(a)];
  const H = [0, 1].map((i) => [0, 1].map((j) => h * e[i] * e[j] + c.T * f[i] * f[j]));
  const P = [0, 1].map((i) => (c.optimizer === 'adam' ? 1 / Math.sqrt(H[i][i]) : Math.sqrt(H[i][i])));
  const S = lyapunovSigma(P, H, eta);
  const var_ = e[0] * (S.get(0, 0) * e[0] + S.get(0, 1) * e[1]) + e[1] * (S.get(1, 0) * e[0] + S.get(1, 1) * e[1]);
  return (2 * dL) / h / (2 * var_);
}

describe('rotated minima: the OU prediction', () => {
  const cases: RotatedCase[] = (['adam', 'invadam'] as const).flatMap((optimizer) => [0, 15, 30, 45, 70].flatMap((angle) => [10, 0.1].map((T) => ({ optimizer, angle, T }))));
  it('ΔΦ_OU = 2BΔL/(η·h·eᵀPe) equals the least action of the Lyapunov covariance (solved as a linear system) to 1e-10', () => {
    for (const c of cases) for (const h of [0.5, 1, 2, 4]) {
      const a = deltaPhiOU(c, h, 0.01, 0.05), b = actionByLyapunov(c, h, 0.01, 0.05);
      expect(Math.abs(a / b - 1), JSON.stringify({ c, h })).toBeLessThan(1e-10);
    }
  });
  it('the predicted k is the least-squares slope of the Lyapunov route; ½ and 3/2 axis-aligned; near 1 at 45° against T = 10', () => {
    const hs = [0.5, 1, 2, 4], lx = hs.map(Math.log), mx = lx.reduce((s, x) => s + x, 0) / 4;
    for (const c of cases) {
      const ly = hs.map((h) => Math.log(actionByLyapunov(c, h, 1, 0.05))), my = ly.reduce((s, y) => s + y, 0) / 4;
      const slope = lx.reduce((s, x, i) => s + (x - mx) * (ly[i] - my), 0) / lx.reduce((s, x) => s + (x - mx) ** 2, 0);
      expect(Math.abs(predictedK(c, hs) + slope), JSON.stringify(c)).toBeLessThan(1e-10);
    }
    expect(predictedK({ optimizer: 'adam', angle: 0, T: 10 }, hs)).toBeCloseTo(0.5, 12);
    expect(predictedK({ optimizer: 'invadam', angle: 0, T: 10 }, hs)).toBeCloseTo(1.5, 12);
    // the figures (0.94 and 1.06 at 45°, T = 10) depend on the curvature range; on h ∈ {0.5, …, 4}:
    expect(predictedK({ optimizer: 'adam', angle: 45, T: 10 }, hs)).toBeGreaterThan(0.9);
    expect(predictedK({ optimizer: 'invadam', angle: 45, T: 10 }, hs)).toBeLessThan(1.1);
  });
});

describe('the discrete optimizers\' scale symmetry on the quadratic wells (why k = 1 − p there)', () => {
  const NOISE = { kind: 'hessian', floor: 0 };
  /** escape iterations of each trajectory of the discrete optimizer on h·θ²/2 left at ΔL (reflecting wall at −edge) */
  async function iterations(optimizer: string, h: number, lr: number, hyper: Record<string, unknown>): Promise<number[]> {
    const sc = quadraticWell(h, { model: 'sgd', lr, noise: NOISE }, { trajectories: 200, maxTime: 1e9, seed: 11 }, 0.05);
    const problem = compileScenario({ ...sc, dynamics: { discrete: optimizer, lr, batch: 1, noise: NOISE, ...hyper } });
    const r = await runEnsemble(problem, { work: { first: 0, stride: 1, count: 200 }, backend: 'cpu' });
    return Array.from(r.results.steps);
  }
  for (const [optimizer, p] of [['sgd', 0], ['adam', 0.5], ['invadam', -0.5]] as const) {
    it(`${optimizer}: the chain at h = 4, rate η is the chain at h = 1, rate η·4^{1−p} (ε halved), step for step`, async () => {
      // ΔΦ = 2ΔL/(η·P·h) = 4 at h = 4 (P = 4^{−p}): a few thousand iterations per escape
      const eta = (2 * 0.05) / (4 * 4 ** -p * 4), hyper = (eps: number) => (optimizer === 'sgd' ? {} : { eps, beta2: 0.99 });
      const a = await iterations(optimizer, 4, eta, hyper(2e-8));
      const b = await iterations(optimizer, 1, eta * 4 ** (1 - p), hyper(1e-8));
      expect(a.length).toBe(200);
      expect(a).toEqual(b);
      // the control: a rate that breaks the symmetry changes the escape iterations
      const c = await iterations(optimizer, 1, eta * 4 ** (1 - p) * 1.1, hyper(1e-8));
      expect(c).not.toEqual(a);
    });
  }
});
