/**
 * `buildNetwork`: an MLP on its dataset as a `Network` (types.ts), in the coordinates φ of the reparametrisation
 * θ = αφ (α = spec.scale). Each method copies θ = αφ into a buffer, runs passes.ts in θ and maps back:
 *
 *   L̃(φ) = L(θ),  ∇̃ = α∇L(θ),  H̃v = α²H(θ)v,  L = (1/N)Σ_j ℓ_j + (λ/2)‖θ‖²,  ∇(λ/2)‖θ‖² = λθ,  ∇² = λI.
 *
 * The Hessian is exact: per example, one forward/backward pass, then one R-pass per unit vector e_k (row k of
 * ∇²ℓ_j), summed over examples and symmetrised ((H + Hᵀ)/2; the rows agree to rounding).
 */
import { makeStream } from '../rng/stream.js';
import { loadDataset } from './datasets.js';
import { networkLayout, validateNetworkSpec } from './layout.js';
import { MlpPasses } from './passes.js';
import type { Network, NetworkSpec } from './types.js';

/** stream purpose of the initialisation W ~ N(0, scale²/fan_in) */
export const INIT_PURPOSE = 'networks/init';

function checkIndex(j: number, N: number): void {
  if (!Number.isInteger(j) || j < 0 || j >= N) throw new RangeError(`example index must be an integer in [0, ${N - 1}], got ${j}`);
}

/** Σ_j (1/N)∇²ℓ_j(θ), row k by an R-pass along e_k, after each example's forward/backward pass (no decay, in θ) */
function dataHessian(passes: MlpPasses, theta: Float64Array, N: number, n: number, unit: Float64Array, out: Float64Array): void {
  out.fill(0, 0, n * n);
  for (let j = 0; j < N; j++) {
    passes.forward(theta, j, true);
    passes.outputLoss(j, true);
    passes.backward(theta, 0, null);
    for (let k = 0; k < n; k++) {
      unit[k] = 1;
      passes.rForward(theta, unit);
      passes.rBackward(theta, unit, 1 / N, out, k * n);
      unit[k] = 0;
    }
  }
}

/** H̃ = α²(H_data + λI), symmetrised: (H + Hᵀ)/2 */
function finishHessian(out: Float64Array, n: number, alpha: number, lambda: number): void {
  const a2 = alpha * alpha;
  for (let r = 0; r < n; r++) {
    out[r * n + r] = a2 * (out[r * n + r] + lambda);
    for (let c = r + 1; c < n; c++) { const s = 0.5 * a2 * (out[r * n + c] + out[c * n + r]); out[r * n + c] = s; out[c * n + r] = s; }
  }
}

export function buildNetwork(spec: NetworkSpec): Network {
  validateNetworkSpec(spec);
  const data = loadDataset(spec.data);
  const layout = networkLayout(spec, data);
  const passes = new MlpPasses(layout, spec.activation, spec.loss, data);
  const n = layout.dim, N = data.examples, alpha = spec.scale, lambda = spec.weightDecay;
  const theta = new Float64Array(n), unit = new Float64Array(n);

  /** θ = αφ; returns (λ/2)‖θ‖² */
  const load = (phi: ArrayLike<number>): number => {
    if (phi.length !== n) throw new RangeError(`parameter vector must have length ${n}, got ${phi.length}`);
    let s = 0;
    for (let i = 0; i < n; i++) { const t = alpha * phi[i]; theta[i] = t; s += t * t; }
    return 0.5 * lambda * s;
  };
  /** out ← α·(out + λθ): the data gradient in θ plus decay, mapped to φ */
  const finishGradient = (out: Float64Array): void => {
    for (let i = 0; i < n; i++) out[i] = alpha * (out[i] + lambda * theta[i]);
  };
  const addExampleGradient = (j: number, weight: number, out: Float64Array | null): void => {
    passes.forward(theta, j, true);
    passes.outputLoss(j, true);
    passes.backward(theta, weight, out);
  };

  return {
    spec, data, dim: n, vars: layout.vars,
    loss(phi) {
      const decay = load(phi);
      return passes.lossSum(theta) / N + decay;
    },
    gradient(phi, out) {
      load(phi);
      out.fill(0);
      for (let j = 0; j < N; j++) addExampleGradient(j, 1 / N, out);
      finishGradient(out);
    },
    exampleLoss(phi, j) {
      checkIndex(j, N);
      const decay = load(phi);
      passes.forward(theta, j, false);
      return passes.outputLoss(j, false) + decay;
    },
    exampleGradient(phi, j, out) {
      checkIndex(j, N);
      load(phi);
      out.fill(0);
      addExampleGradient(j, 1, out);
      finishGradient(out);
    },
    batchGradient(phi, idx, count, out) {
      if (!Number.isInteger(count) || count < 1 || count > idx.length) throw new RangeError(`batch count must be an integer in [1, ${idx.length}], got ${count}`);
      load(phi);
      out.fill(0);
      for (let i = 0; i < count; i++) { checkIndex(idx[i], N); addExampleGradient(idx[i], 1 / count, out); }
      finishGradient(out);
    },
    hvp(phi, v, out) {
      if (v.length !== n) throw new RangeError(`direction must have length ${n}, got ${v.length}`);
      load(phi);
      out.fill(0);
      for (let j = 0; j < N; j++) {
        addExampleGradient(j, 0, null);
        passes.rForward(theta, v);
        passes.rBackward(theta, v, 1 / N, out);
      }
      // H̃v = α²(H_data v + λ v)
      for (let i = 0; i < n; i++) out[i] = alpha * alpha * (out[i] + lambda * v[i]);
    },
    hessian(phi, out) {
      if (out.length < n * n) throw new RangeError(`Hessian buffer must have length ${n * n}, got ${out.length}`);
      load(phi);
      dataHessian(passes, theta, N, n, unit, out);
      finishHessian(out, n, alpha, lambda);
    },
  };
}

/** The seeded initialisation in φ = θ/α: W_l ~ N(0, init.scale²/fan_in) row by row, b_l = 0. */
export function initialParameters(net: Network): Float64Array {
  const { spec, data } = net;
  const widths = [data.inputs, ...spec.hidden, data.outputs];
  const stream = makeStream(spec.init.seed, INIT_PURPOSE);
  const phi = new Float64Array(net.dim);
  let off = 0;
  for (let l = 1; l < widths.length; l++) {
    const nin = widths[l - 1], nout = widths[l], sd = spec.init.scale / Math.sqrt(nin);
    for (let i = 0; i < nout * nin; i++) phi[off + i] = (sd * stream.nextNormal()) / spec.scale;
    off += nout * nin + nout;
  }
  return phi;
}
