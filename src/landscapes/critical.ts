/**
 * Critical points of a landscape: Newton's method on ∇L(x) = 0 with backtracking on ‖∇L‖,
 * Hessian eigen-decomposition with ml-matrix.
 */
import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import type { Landscape } from './types.js';

export interface CriticalPointOptions {
  /** stop when ‖∇L‖₂ ≤ tol (default 1e-10) */
  tol?: number;
  /** maximum Newton iterations (default 100) */
  maxIter?: number;
}

export interface CriticalPoint {
  x: number[];
  value: number;
  gradientNorm: number;
  /** Hessian eigenvalues at x, ascending */
  eigenvalues: number[];
  /** number of negative Hessian eigenvalues (0: minimum, 1: index-1 saddle, ...) */
  index: number;
  iterations: number;
  converged: boolean;
}

export interface HessianEigen {
  /** eigenvalues, ascending */
  values: number[];
  /** vectors[k] = unit eigenvector of values[k] */
  vectors: number[][];
}

function hessianMatrix(L: Landscape, x: ArrayLike<number>): Matrix {
  const n = L.dim;
  const h = new Float64Array(n * n);
  L.hessian(x, h);
  const m = new Matrix(n, n);
  // symmetrise: ½(H + Hᵀ) (analytic Hessians are symmetric up to round-off)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, 0.5 * (h[i * n + j] + h[j * n + i]));
  return m;
}

/** Eigenvalues (ascending) and unit eigenvectors of the symmetric Hessian ∇²L(x). */
export function hessianEigen(L: Landscape, x: ArrayLike<number>): HessianEigen {
  const n = L.dim;
  const eig = new EigenvalueDecomposition(hessianMatrix(L, x), { assumeSymmetric: true });
  const vals = eig.realEigenvalues;
  const V = eig.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
  return {
    values: order.map((k) => vals[k]),
    vectors: order.map((k) => Array.from({ length: n }, (_, i) => V.get(i, k))),
  };
}

const norm = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
};

const finite = (v: ArrayLike<number>): boolean => {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
};

/**
 * Newton's method for ∇L(x) = 0 starting at x0.
 *
 * Step p solves ∇²L·p = −∇L. Along p the merit φ = ‖∇L‖ has slope −‖∇L‖ (∇φ·p = gᵀHp/‖g‖), so we
 * backtrack α = 1, ½, ¼, … until ‖∇L(x + αp)‖ ≤ (1 − 10⁻⁴α)‖∇L(x)‖ (or α‖p‖ drops below
 * 10⁻¹⁴(1 + ‖x‖)). If the Hessian is singular or
 * backtracking fails, a Levenberg–Marquardt step (HᵀH + μI)p = −Hᵀg (descent for ½‖g‖² for
 * every μ > 0) is tried with increasing μ. Newton (not minimisation) converges to saddles too:
 * the point found is the critical point near x0, whatever its index.
 */
export function findCriticalPoint(L: Landscape, x0: ArrayLike<number>, opts: CriticalPointOptions = {}): CriticalPoint {
  const n = L.dim;
  if (x0.length !== n) throw new RangeError(`findCriticalPoint: x0 has length ${x0.length}, landscape dim is ${n}`);
  const tol = opts.tol ?? 1e-10;
  const maxIter = opts.maxIter ?? 100;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  L.gradient(x, g);
  let gn = norm(g);
  const trial = new Float64Array(n);
  const gt = new Float64Array(n);
  let iterations = 0;

  const tryStep = (p: ArrayLike<number>, alpha: number): boolean => {
    for (let i = 0; i < n; i++) trial[i] = x[i] + alpha * p[i];
    L.gradient(trial, gt);
    const gtn = norm(gt);
    if (Number.isFinite(gtn) && gtn <= (1 - 1e-4 * alpha) * gn) {
      x = Float64Array.from(trial);
      g = Float64Array.from(gt);
      gn = gtn;
      return true;
    }
    return false;
  };

  while (gn > tol && iterations < maxIter && finite(x)) {
    iterations++;
    const H = hessianMatrix(L, x);
    const rhs = Matrix.columnVector(Array.from(g, (v) => -v));
    let accepted = false;

    // Newton step with backtracking
    let p: number[] | undefined;
    try {
      p = solve(H, rhs).to1DArray();
    } catch {
      p = undefined; // singular Hessian
    }
    if (p && finite(p)) {
      // halve α until accepted or the step is below round-off relative to x (near-singular H gives
      // huge p whose useful length is found only after many halvings)
      const pn = norm(p);
      const floor = 1e-14 * (1 + norm(x));
      for (let alpha = 1; !accepted && alpha * pn >= floor; alpha /= 2) accepted = tryStep(p, alpha);
    }

    // Levenberg–Marquardt fallback: (HᵀH + μI)p = −Hᵀg, μ growing
    if (!accepted) {
      const HtH = H.transpose().mmul(H);
      const Htg = H.transpose().mmul(rhs);
      const scale = Math.max(HtH.norm('frobenius'), gn, 1e-300);
      for (let mu = 1e-6 * scale; mu <= 1e12 * scale && !accepted; mu *= 10) {
        const A = HtH.clone();
        for (let i = 0; i < n; i++) A.set(i, i, A.get(i, i) + mu);
        let q: number[];
        try {
          q = solve(A, Htg).to1DArray();
        } catch {
          continue;
        }
        if (finite(q)) accepted = tryStep(q, 1);
      }
    }
    if (!accepted) break; // no step reduces ‖∇L‖: round-off floor or a non-critical stationary point of ‖∇L‖
  }

  const eig = hessianEigen(L, x);
  return {
    x: Array.from(x),
    value: L.value(x),
    gradientNorm: gn,
    eigenvalues: eig.values,
    index: eig.values.filter((v) => v < 0).length,
    iterations,
    converged: gn <= tol,
  };
}
