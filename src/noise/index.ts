/**
 * Gradient-noise covariance models C(θ): the covariance of ONE per-example stochastic gradient
 * around ∇L(θ). A minibatch of B examples divides it by B (design.md §3).
 *
 *   white    C = σ²·I                       (GD with injected isotropic noise)
 *   hessian  C = |∇²L(θ)| + floor·I         (Xie et al. 2021: C ≈ H near minima; |·| takes absolute
 *                                            eigenvalues so C ⪰ 0 on the barrier, the floor keeps it > 0
 *                                            at inflection points — sources.md §4.3 "practical warning")
 *   expr     C = c(θ)·I, c a mathjs expression in the landscape's variables
 */
import type { Landscape } from '../landscapes/types.js';
import { expressionFunction } from '../landscapes/expr.js';

export type NoiseSpec =
  | { kind: 'white'; variance: number }
  | { kind: 'hessian'; floor: number }
  | { kind: 'expr'; expr: string; params?: Record<string, number> };

export interface NoiseModel {
  readonly kind: NoiseSpec['kind'];
  readonly dim: number;
  /** true when C(θ) is always a multiple of the identity */
  readonly isotropic: boolean;
  /** C(θ), row-major n×n */
  covariance(x: ArrayLike<number>, out: Float64Array): void;
  /**
   * Symmetric square root C(θ)^{1/2}, row-major n×n (for σ = √(η/B)·P·C^{1/2}).
   */
  sqrtCovariance(x: ArrayLike<number>, out: Float64Array): void;
  /** 1-D fast paths: c(x) and c'(x) */
  readonly scalar?: { c(x: number): number; dc(x: number): number };
}

/**
 * The covariance model of `spec` on `landscape`. An invalid `expr` spec throws a FieldError whose fields are
 * relative to the noise spec: "expr", "params", "params.<name>" (re-root them with `within`).
 */
export function buildNoise(spec: NoiseSpec, landscape: Landscape): NoiseModel {
  const n = landscape.dim;
  switch (spec.kind) {
    case 'white': {
      const s2 = spec.variance;
      const s = Math.sqrt(s2);
      return {
        kind: 'white', dim: n, isotropic: true,
        covariance: (_x, out) => fillDiagonal(out, n, s2),
        sqrtCovariance: (_x, out) => fillDiagonal(out, n, s),
        scalar: n === 1 ? { c: () => s2, dc: () => 0 } : undefined,
      };
    }
    case 'hessian': {
      const floor = spec.floor;
      const H = new Float64Array(n * n);
      if (n === 1) {
        const sc = landscape.scalar!;
        // c = |L''| + floor, c' = sign(L'')·L'''
        const c = (x: number) => Math.abs(sc.d2(x)) + floor;
        const dc = (x: number) => Math.sign(sc.d2(x)) * sc.d3(x);
        return {
          kind: 'hessian', dim: 1, isotropic: true,
          covariance: (x, out) => { out[0] = c(x[0]); },
          sqrtCovariance: (x, out) => { out[0] = Math.sqrt(c(x[0])); },
          scalar: { c, dc },
        };
      }
      const eig = symmetricEigen(n);
      const apply = (x: ArrayLike<number>, out: Float64Array, f: (lambda: number) => number) => {
        landscape.hessian(x, H);
        eig.decompose(H);
        // out = V diag(f(λ)) Vᵀ
        const V = eig.vectors, lam = eig.values;
        for (let i = 0; i < n; i++) {
          for (let j = i; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += V[i * n + k] * f(lam[k]) * V[j * n + k];
            out[i * n + j] = s; out[j * n + i] = s;
          }
        }
      };
      return {
        kind: 'hessian', dim: n, isotropic: false,
        covariance: (x, out) => apply(x, out, (l) => Math.abs(l) + floor),
        sqrtCovariance: (x, out) => apply(x, out, (l) => Math.sqrt(Math.abs(l) + floor)),
      };
    }
    case 'expr': {
      const c = noiseExpression(spec, landscape);
      return {
        kind: 'expr', dim: n, isotropic: true,
        covariance: (x, out) => fillDiagonal(out, n, c.value(x)),
        sqrtCovariance: (x, out) => fillDiagonal(out, n, Math.sqrt(c.value(x))),
        scalar: n === 1 ? { c: c.scalar!.L, dc: c.scalar!.d1 } : undefined,
      };
    }
  }
}

/** c(θ) compiled in the landscape's variables; its errors name fields of the noise spec ("expr", "params.<name>"). */
function noiseExpression(spec: { expr: string; params?: Record<string, number> }, landscape: Landscape) {
  return expressionFunction(spec, landscape.vars);
}

function fillDiagonal(out: Float64Array, n: number, v: number): void {
  out.fill(0);
  for (let i = 0; i < n; i++) out[i * n + i] = v;
}

/**
 * Eigen-decomposition of a small symmetric matrix, reusing its buffers (called once per time step in
 * n-D hessian-noise runs, where ml-matrix's allocating decomposition would dominate the cost).
 * Cyclic Jacobi rotations (Golub & Van Loan §8.5); checked against ml-matrix in the tests.
 */
export function symmetricEigen(n: number) {
  const A = new Float64Array(n * n);
  const V = new Float64Array(n * n);
  const values = new Float64Array(n);
  return {
    values,
    /** columns are eigenvectors: V[i*n + k] is component i of eigenvector k */
    vectors: V,
    decompose(M: ArrayLike<number>): void {
      A.set(M as ArrayLike<number>);
      V.fill(0);
      for (let i = 0; i < n; i++) V[i * n + i] = 1;
      for (let sweep = 0; sweep < 50; sweep++) {
        let off = 0, diag = 0;
        for (let p = 0; p < n; p++) {
          diag += A[p * n + p] * A[p * n + p];
          for (let q = p + 1; q < n; q++) off += A[p * n + q] * A[p * n + q];
        }
        if (off <= 1e-30 * diag || off === 0) break;
        for (let p = 0; p < n - 1; p++) {
          for (let q = p + 1; q < n; q++) {
            const apq = A[p * n + q];
            if (apq === 0) continue;
            const app = A[p * n + p], aqq = A[q * n + q];
            const theta = (aqq - app) / (2 * apq);
            const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
            const c = 1 / Math.sqrt(t * t + 1), s = t * c;
            for (let k = 0; k < n; k++) {
              const akp = A[k * n + p], akq = A[k * n + q];
              A[k * n + p] = c * akp - s * akq;
              A[k * n + q] = s * akp + c * akq;
            }
            for (let k = 0; k < n; k++) {
              const apk = A[p * n + k], aqk = A[q * n + k];
              A[p * n + k] = c * apk - s * aqk;
              A[q * n + k] = s * apk + c * aqk;
            }
            for (let k = 0; k < n; k++) {
              const vkp = V[k * n + p], vkq = V[k * n + q];
              V[k * n + p] = c * vkp - s * vkq;
              V[k * n + q] = s * vkp + c * vkq;
            }
          }
        }
      }
      for (let i = 0; i < n; i++) values[i] = A[i * n + i];
    },
  };
}
