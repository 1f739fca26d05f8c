/**
 * The gradient noise of minibatch SGD on a network (docs/networks.md "Covariance"), in φ:
 *
 *   per-example covariance  C = (1/N) Σ_j (g_j − ḡ)(g_j − ḡ)ᵀ,  g_j = ∇ℓ_j(φ),  ḡ = (1/N)Σ_j g_j = ∇L(φ)
 *   batch of B distinct examples drawn uniformly without replacement: g_B = (1/B)Σ_{j∈B} g_j has E g_B = ḡ and
 *                           Cov g_B = C·(N − B)/(B·(N − 1))   (the finite-population correction)
 *
 * (the weight decay is the same in every g_j and cancels from C). `sampleMinibatchCovariance` estimates Cov g_B
 * from real batches instead, the independent route the tests compare against.
 */
import { makeStream } from '../rng/stream.js';
import type { Network } from './types.js';

/** stream purpose of the batches drawn by sampleMinibatchCovariance */
export const COVARIANCE_CHECK_PURPOSE = 'networks/minibatch-covariance-check';

/** N×n row-major: row j is ∇ℓ_j(φ) */
export function perExampleGradients(net: Network, phi: ArrayLike<number>): Float64Array {
  const n = net.dim, N = net.data.examples, G = new Float64Array(N * n), g = new Float64Array(n);
  for (let j = 0; j < N; j++) {
    net.exampleGradient(phi, j, g);
    G.set(g, j * n);
  }
  return G;
}

/** Σ_j (r_j − r̄)(r_j − r̄)ᵀ / divisor over the m rows of R (m×n), r̄ the rows' mean (divisor m by default) */
export function rowCovariance(R: Float64Array, m: number, n: number, divisor = m): Float64Array {
  const mu = new Float64Array(n);
  for (let j = 0; j < m; j++) for (let a = 0; a < n; a++) mu[a] += R[j * n + a] / m;
  const S = new Float64Array(n * n), d = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    for (let a = 0; a < n; a++) d[a] = R[j * n + a] - mu[a];
    for (let a = 0; a < n; a++) {
      const da = d[a] / divisor;
      for (let b = a; b < n; b++) S[a * n + b] += da * d[b];
    }
  }
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) S[b * n + a] = S[a * n + b];
  return S;
}

/** C = (1/N)Σ_j (g_j − ḡ)(g_j − ḡ)ᵀ, row-major n×n */
export function gradientCovariance(net: Network, phi: ArrayLike<number>): Float64Array {
  return rowCovariance(perExampleGradients(net, phi), net.data.examples, net.dim);
}

/** Cov g_B = C·(N − B)/(B·(N − 1)) for B distinct examples of N (a new array) */
export function minibatchCovariance(C: ArrayLike<number>, n: number, B: number, N: number): Float64Array {
  if (!Number.isInteger(N) || N < 2) throw new RangeError(`minibatchCovariance: N must be an integer ≥ 2, got ${N}`);
  if (!Number.isInteger(B) || B < 1 || B > N) throw new RangeError(`minibatchCovariance: B must be an integer in [1, ${N}], got ${B}`);
  if (C.length < n * n) throw new RangeError(`minibatchCovariance: C must have n² = ${n * n} entries, got ${C.length}`);
  const f = (N - B) / (B * (N - 1)), out = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) out[i] = C[i] * f;
  return out;
}

/**
 * Floyd's algorithm (Bentley & Floyd 1987): B distinct indices of [0, N), every B-subset equally likely, from B
 * uniforms: for j = N−B … N−1, t uniform in [0, j] (⌊u·(j+1)⌋, bias ≤ (j+1)/2³² per draw); take t, or j if t
 * was taken. Writes them into idx.
 */
export function floydSample(N: number, B: number, next: () => number, idx: Int32Array, taken: Uint8Array): void {
  let k = 0;
  for (let j = N - B; j < N; j++) {
    const t = Math.floor(next() * (j + 1));
    const pick = taken[t] ? j : t;
    taken[pick] = 1;
    idx[k++] = pick;
  }
  for (let i = 0; i < B; i++) taken[idx[i]] = 0;
}

/**
 * `draws` batch gradients g_B at φ (draws×n row-major), each batch B distinct examples drawn by Floyd's algorithm
 * from the stream (seed, COVARIANCE_CHECK_PURPOSE), draw i from trajectory i of it.
 */
export function sampleBatchGradients(net: Network, phi: ArrayLike<number>, B: number, draws: number, seed: number | string): Float64Array {
  const n = net.dim, N = net.data.examples;
  if (!Number.isInteger(B) || B < 1 || B > N) throw new RangeError(`batch size B must be an integer in [1, ${N}], got ${B}`);
  if (!Number.isInteger(draws) || draws < 2) throw new RangeError(`draws must be an integer ≥ 2, got ${draws}`);
  const stream = makeStream(seed, COVARIANCE_CHECK_PURPOSE), next = () => stream.nextUniform();
  const idx = new Int32Array(B), taken = new Uint8Array(N), g = new Float64Array(n), R = new Float64Array(draws * n);
  for (let i = 0; i < draws; i++) {
    stream.seek(i, 0);
    floydSample(N, B, next, idx, taken);
    net.batchGradient(phi, idx, B, g);
    R.set(g, i * n);
  }
  return R;
}

/** The sample covariance (divisor draws − 1, about the draws' own mean) of `draws` real batch gradients (above). */
export function sampleMinibatchCovariance(net: Network, phi: ArrayLike<number>, B: number, draws: number, seed: number | string): Float64Array {
  return rowCovariance(sampleBatchGradients(net, phi, B, draws, seed), draws, net.dim, draws - 1);
}
