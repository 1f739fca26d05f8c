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
  /** C(θ) into C and C(θ)^{1/2} into R from one evaluation (one eigendecomposition): the numbers of the two above */
  covarianceAndSqrt(x: ArrayLike<number>, C: Float64Array, R: Float64Array): void;
  /** 1-D fast paths: c(x) and c'(x) */
  readonly scalar?: ScalarNoise;
}

/** The 1-D covariance c(x) and c'(x), with what a caller may share with its own evaluation. */
export interface ScalarNoise {
  c(x: number): number;
  dc(x: number): number;
  /** hessian noise: c = |L''| + floor and c' = sign(L'')·L''' from L'' (h) and L''' (h3), the numbers c, dc give */
  readonly curvature?: { c(h: number): number; dc(h: number, h3: number): number };
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
        covarianceAndSqrt: (_x, C, R) => { fillDiagonal(C, n, s2); fillDiagonal(R, n, s); },
        scalar: n === 1 ? { c: () => s2, dc: () => 0 } : undefined,
      };
    }
    case 'hessian': {
      const floor = spec.floor;
      if (n === 1) {
        const sc = landscape.scalar!;
        // c = |L''| + floor, c' = sign(L'')·L'''
        const curvature = { c: (h: number) => Math.abs(h) + floor, dc: (h: number, h3: number) => Math.sign(h) * h3 };
        const c = (x: number) => curvature.c(sc.d2(x));
        const dc = (x: number) => curvature.dc(sc.d2(x), sc.d3(x));
        return {
          kind: 'hessian', dim: 1, isotropic: true,
          covariance: (x, out) => { out[0] = c(x[0]); },
          sqrtCovariance: (x, out) => { out[0] = Math.sqrt(c(x[0])); },
          covarianceAndSqrt: (x, C, R) => { const v = c(x[0]); C[0] = v; R[0] = Math.sqrt(v); },
          scalar: { c, dc, curvature },
        };
      }
      return hessianNoiseND(landscape, floor);
    }
    case 'expr': {
      const c = noiseExpression(spec, landscape);
      return {
        kind: 'expr', dim: n, isotropic: true,
        covariance: (x, out) => fillDiagonal(out, n, c.value(x)),
        sqrtCovariance: (x, out) => fillDiagonal(out, n, Math.sqrt(c.value(x))),
        covarianceAndSqrt: (x, C, R) => { const v = c.value(x); fillDiagonal(C, n, v); fillDiagonal(R, n, Math.sqrt(v)); },
        scalar: n === 1 ? { c: c.scalar!.L, dc: c.scalar!.d1 } : undefined,
      };
    }
  }
}

/**
 * n-D hessian noise: C = V·diag(|λ| + floor)·Vᵀ and C^{1/2} = V·diag(√(|λ| + floor))·Vᵀ from H = V·diag(λ)·Vᵀ
 * (Jacobi, symmetricEigen); covarianceAndSqrt decomposes once for both.
 */
function hessianNoiseND(landscape: Landscape, floor: number): NoiseModel {
  const n = landscape.dim;
  const H = new Float64Array(n * n), fc = new Float64Array(n), fr = new Float64Array(n);
  const eig = symmetricEigen(n);
  const V = eig.vectors, lam = eig.values;
  const decompose = (x: ArrayLike<number>) => {
    landscape.hessian(x, H);
    eig.decompose(H);
  };
  const covarianceValues = () => { for (let k = 0; k < n; k++) fc[k] = Math.abs(lam[k]) + floor; };
  const rootValues = () => { for (let k = 0; k < n; k++) fr[k] = Math.sqrt(Math.abs(lam[k]) + floor); };
  // out = V diag(f) Vᵀ
  const compose = (out: Float64Array, f: Float64Array) => {
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += V[i * n + k] * f[k] * V[j * n + k];
        out[i * n + j] = s; out[j * n + i] = s;
      }
    }
  };
  return {
    kind: 'hessian', dim: n, isotropic: false,
    covariance: (x, out) => { decompose(x); covarianceValues(); compose(out, fc); },
    sqrtCovariance: (x, out) => { decompose(x); rootValues(); compose(out, fr); },
    covarianceAndSqrt: (x, C, R) => {
      decompose(x); covarianceValues(); rootValues();
      compose(C, fc); compose(R, fr);
    },
  };
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
