/**
 * Eigen-decomposition of a symmetric matrix (a Hessian, a covariance) with ml-matrix: Householder tridiagonalisation
 * and the QL algorithm (ml-matrix's EigenvalueDecomposition with assumeSymmetric, after JAMA), O(n³), fine at the few
 * hundred parameters of these networks.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface SymmetricEigen {
  /** eigenvalues, descending */
  values: Float64Array;
  /** row-major n×n: column k is the unit eigenvector of values[k] */
  vectors: Float64Array;
}

function checkSquare(M: ArrayLike<number>, n: number): void {
  if (!Number.isInteger(n) || n < 1 || M.length < n * n) throw new RangeError(`symmetricEigen: need n ≥ 1 and an n·n matrix, got n = ${n}, length ${M.length}`);
}

/** M = Σ_k λ_k u_k u_kᵀ for a symmetric row-major M (only its symmetric part is used: (M + Mᵀ)/2). */
export function symmetricEigen(M: ArrayLike<number>, n: number): SymmetricEigen {
  checkSquare(M, n);
  const m = new Matrix(n, n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) m.set(r, c, 0.5 * (M[r * n + c] + M[c * n + r]));
  const e = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const raw = e.realEigenvalues, V = e.eigenvectorMatrix;
  const order = raw.map((_, i) => i).sort((a, b) => raw[b] - raw[a]);
  const values = new Float64Array(n), vectors = new Float64Array(n * n);
  order.forEach((src, k) => {
    values[k] = raw[src];
    for (let r = 0; r < n; r++) vectors[r * n + k] = V.get(r, src);
  });
  return { values, vectors };
}

/** The k largest eigenvalues (descending) and their eigenvectors, `vectors[i]` of `values[i]`. */
export function topEigen(M: ArrayLike<number>, n: number, k: number): { values: Float64Array; vectors: Float64Array[] } {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`topEigen: k must be an integer in [1, ${n}], got ${k}`);
  const { values, vectors } = symmetricEigen(M, n);
  const out: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    const u = new Float64Array(n);
    for (let r = 0; r < n; r++) u[r] = vectors[r * n + i];
    out.push(u);
  }
  return { values: values.slice(0, k), vectors: out };
}
