/**
 * The noise a discrete optimizer sees in its gradient, one batch per iteration (design.md §3 "Noise"):
 *
 *   gaussian   g = ∇L − C(θ)^{1/2}ξ/√B,  ξ ~ N(0, I)
 *   minibatch  g = (1/B)Σ_{j∈batch} ∇ℓ_j,  ∇ℓ_j = ∇L − C(θ)^{1/2}z_j, over a generated dataset of N examples whose
 *              z_j have sample mean exactly 0 and sample covariance exactly I (centred and whitened), so the
 *              average over all examples is ∇L and the per-example covariance is C. The batch is B distinct
 *              examples drawn uniformly (Floyd's algorithm, B uniforms from the trajectory's stream); the
 *              batch-mean noise then has covariance C/B·(N − B)/(N − 1) (sampling without replacement) and
 *              is not Gaussian. The dataset describes per-example gradients; for constant C they are the
 *              gradients of per-example losses ℓ_j = L − (C^{1/2}z_j)·θ.
 *   dataset    g = (1/B)Σ_{j∈batch} ∇ℓ_j(θ), the real per-example gradients of a network's own examples (issue 19): the
 *              batch is B distinct examples of its N drawn uniformly (Floyd's algorithm, networks/covariance.ts
 *              floydSample, B uniforms from the trajectory's stream), and the whole gradient is the batch's
 *              (net.batchGradient): the full-batch ∇L is never computed. Cov g = C·(N − B)/(B(N − 1)), C the network's
 *              per-example covariance at θ.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { CounterStream } from '../../rng/stream.js';
import type { NoiseStream } from '../../rng/wasm-stream.js';
import type { NoiseModel } from '../../noise/index.js';
import { floydSample, type Network } from '../../networks/index.js';

/**
 * One iteration's gradient noise: `apply` subtracts a batch's noise from ∇L (the kernel computes ∇L first), or
 * `gradient` writes the whole stochastic gradient itself (then the kernel does not compute ∇L). Exactly one is set.
 */
export type GradientNoise = AdditiveNoise | WholeGradient;

export interface AdditiveNoise {
  /** subtract one batch's noise at θ = p from grad, drawing from `stream` */
  apply(p: Float64Array, grad: Float64Array, stream: NoiseStream): void;
  gradient?: undefined;
}

export interface WholeGradient {
  apply?: undefined;
  /** the stochastic gradient at θ = p into out, drawing from `stream` */
  gradient(p: Float64Array, out: Float64Array, stream: NoiseStream): void;
}

function applyRoot(noise: NoiseModel, n: number) {
  const R = new Float64Array(n * n);
  return (p: Float64Array, grad: Float64Array, z: Float64Array, scale: number) => {
    if (n === 1) { grad[0] -= Math.sqrt(noise.scalar!.c(p[0])) * scale * z[0]; return; }
    noise.sqrtCovariance(p, R);
    for (let a = 0; a < n; a++) {
      let s = 0;
      for (let b = 0; b < n; b++) s += R[a * n + b] * z[b];
      grad[a] -= s * scale;
    }
  };
}

export function gaussianGradientNoise(noise: NoiseModel, n: number, batch: number): AdditiveNoise {
  const root = applyRoot(noise, n);
  const xi = new Float64Array(n);
  const scale = 1 / Math.sqrt(batch);
  return {
    apply(p, grad, stream) {
      for (let j = 0; j < n; j++) xi[j] = stream.nextNormal();
      root(p, grad, xi, scale);
    },
  };
}

/** N×n standard-normal vectors from the 'dataset' stream, centred and whitened: mean 0, (1/N)Σzzᵀ = I exactly. */
export function generateDataset(key: readonly [number, number], examples: number, n: number): Float64Array {
  if (examples <= n) throw new RangeError(`a dataset of ${examples} examples cannot have a full-rank covariance in ${n} dimensions; use more than ${n}`);
  const z = new Float64Array(examples * n);
  const stream = new CounterStream(key);
  for (let j = 0; j < examples; j++) {
    stream.seek(j, 0);
    for (let a = 0; a < n; a++) z[j * n + a] = stream.nextNormal();
  }
  const mean = new Float64Array(n);
  for (let j = 0; j < examples; j++) for (let a = 0; a < n; a++) mean[a] += z[j * n + a] / examples;
  for (let j = 0; j < examples; j++) for (let a = 0; a < n; a++) z[j * n + a] -= mean[a];
  const S = new Matrix(n, n);
  for (let j = 0; j < examples; j++) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) S.set(a, b, S.get(a, b) + (z[j * n + a] * z[j * n + b]) / examples);
  const L = new CholeskyDecomposition(S).lowerTriangularMatrix;
  // z ← L⁻¹z by forward substitution
  for (let j = 0; j < examples; j++) {
    for (let a = 0; a < n; a++) {
      let s = z[j * n + a];
      for (let b = 0; b < a; b++) s -= L.get(a, b) * z[j * n + b];
      z[j * n + a] = s / L.get(a, a);
    }
  }
  return z;
}

export function minibatchGradientNoise(noise: NoiseModel, n: number, batch: number, dataset: Float64Array): AdditiveNoise {
  const N = dataset.length / n;
  if (!Number.isInteger(batch) || batch < 1 || batch >= N) throw new RangeError(`minibatch noise needs an integer batch in [1, ${N - 1}], got ${batch}`);
  const root = applyRoot(noise, n);
  const zbar = new Float64Array(n);
  const chosen = new Set<number>();
  return {
    apply(p, grad, stream) {
      // Floyd: for j = N−B … N−1, t uniform in [0, j]; take t, or j if t was taken
      chosen.clear();
      zbar.fill(0);
      for (let j = N - batch; j < N; j++) {
        const t = Math.floor(stream.nextUniform() * (j + 1));
        const pick = chosen.has(t) ? j : t;
        chosen.add(pick);
        for (let a = 0; a < n; a++) zbar[a] += dataset[pick * n + a];
      }
      root(p, grad, zbar, 1 / batch);
    },
  };
}

/** Real minibatches of a network's dataset (module comment): B distinct examples of N, their mean gradient. */
export function datasetGradientNoise(net: Network, batch: number): WholeGradient {
  const N = net.data.examples;
  if (!Number.isInteger(batch) || batch < 1 || batch >= N) throw new RangeError(`dataset noise needs an integer batch in [1, ${N - 1}], got ${batch}`);
  const idx = new Int32Array(batch), taken = new Uint8Array(N);
  return {
    gradient(p, out, stream) {
      floydSample(N, batch, () => stream.nextUniform(), idx, taken);
      net.batchGradient(p, idx, batch, out);
    },
  };
}
