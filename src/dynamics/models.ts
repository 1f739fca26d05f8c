/**
 * SDE models of optimizers near minima (design.md §3, sources.md §1.4, §4.3, §7):
 *
 *   dθ = A(θ) dt + √(2𝒟(θ)) dW,   A = −P(θ)∇L(θ)  [+ ∇·𝒟 in the Hänggi convention],
 *   𝒟 = (η/2)·P·C·P/B,   time t = η·(iterations).
 *
 * P is a diagonal preconditioner built from the quasi-static second moment v = (∇L)² + diag C/B:
 *
 *   langevin     P = 1, 𝒟 = T·I                  sgd          P = 1
 *   adam         P = 1/(√v + ε)                  invadam      P = √v + ε
 *   padam        P = (√v + ε)^(−2p), p ∈ [0,½]   power        P = v^(−p), p ∈ [−1, 1]
 *   adamomentum  P = 1/√v_m,  v_m = (∇L)² + (1−β1)/(1+β1)·diag C/B + ε/(1−β2)   (sources.md §7)
 *
 * Conventions: `ito` is the SDE as written; `hanggi` (Hänggi–Klimontovich, "𝒟 outside the derivative"
 * in the Fokker–Planck flux) is the Itô SDE with the extra drift +∇·𝒟 (sources.md §4.3, §7).
 */
import type { Landscape } from '../landscapes/types.js';
import { buildNoise, type NoiseModel } from '../noise/index.js';
import { preconditioner, type Convention, type ModelSpec } from './preconditioner.js';
import { scalarStepper, type ScalarStepper } from './specialised.js';

export {
  MODEL_DEFAULTS, MODEL_NAMES, preconditioner,
  type Convention, type ModelName, type ModelSpec, type Preconditioner, type PreconditionerInfo,
} from './preconditioner.js';
export type { ScalarStepper } from './specialised.js';

/** 1-D SDE in scalar form, evaluated once per step by `eval`, which sets the public fields. */
export interface ScalarSDE {
  readonly dim: 1;
  /** A(x) (with the Hänggi correction when that convention is chosen) */
  a: number;
  /** 𝒟(x) */
  d: number;
  /** 𝒟'(x) */
  dd: number;
  eval(x: number): void;
  /**
   * The exact step of this model specialised to its convention and an integrator (specialised.ts): the states
   * `eval` + eulerMaruyama1D (milstein: milstein1D) give, bit for bit, with less work. Optional for hand-built SDEs.
   */
  stepper?(dt: number, milstein: boolean): ScalarStepper;
}

/** n-D SDE: drift into `drift`, a noise matrix σ (σσᵀ = 2𝒟, row-major) into `sigma`. */
export interface VectorSDE {
  readonly dim: number;
  /** true when σ is diagonal (only its diagonal is written) */
  readonly diagonalNoise: boolean;
  eval(x: Float64Array, drift: Float64Array, sigma: Float64Array): void;
}

export interface SDEModel {
  readonly spec: ModelSpec;
  readonly convention: Convention;
  readonly dim: number;
  /** learning rate η (time units per iteration), or null for langevin */
  readonly lr: number | null;
  readonly noise: NoiseModel | null;
  scalar(): ScalarSDE;
  vector(): VectorSDE;
  /** 1-D drift and diffusion as plain functions (for quadrature in the theory module) */
  coefficients1D(): { drift(x: number): number; diffusion(x: number): number; diffusionDerivative(x: number): number };
}

/** The 1-D model in scalar form: A, 𝒟 and 𝒟' at x (with the Hänggi drift when chosen). */
function scalarSDE(spec: ModelSpec, L: Landscape, noise: NoiseModel | null, hanggi: boolean): ScalarSDE {
  const n = L.dim;
  if (n !== 1) throw new Error('scalar SDE requested for a landscape of dimension ' + n);
  const sc = L.scalar!;
  if (spec.model === 'langevin') {
    const T = spec.temperature;
    return {
      dim: 1, a: 0, d: T, dd: 0,
      eval(x) { this.a = -sc.d1(x); },
      stepper: (dt, milstein) => scalarStepper(spec, sc, null, hanggi, dt, milstein),
    };
  }
  const eta = spec.lr, B = spec.batch;
  const { P, momentFactor, momentFloor } = preconditioner(spec);
  const nsc = noise!.scalar!;
  const dP = new Float64Array(1);
  const plain = spec.model === 'sgd';
  return {
    dim: 1, a: 0, d: 0, dd: 0,
    stepper: (dt, milstein) => scalarStepper(spec, sc, nsc, hanggi, dt, milstein),
    eval(x) {
      const g = sc.d1(x);
      const q = nsc.c(x) / B, dq = nsc.dc(x) / B;
      if (plain) {
        // 𝒟 = ηC/(2B), 𝒟' = ηC'/(2B)
        this.d = 0.5 * eta * q;
        this.dd = 0.5 * eta * dq;
        this.a = hanggi ? -g + this.dd : -g;
        return;
      }
      const h = sc.d2(x);
      const v = g * g + momentFactor * q + momentFloor;
      const p = P(v, dP);
      const dv = 2 * g * h + momentFactor * dq;
      // 𝒟 = (η/2)P²q,  𝒟' = (η/2)(2P·P'(v)·v'·q + P²q')
      this.d = 0.5 * eta * p * p * q;
      this.dd = 0.5 * eta * (2 * p * dP[0] * dv * q + p * p * dq);
      this.a = hanggi ? -p * g + this.dd : -p * g;
    },
  };
}

/** The n-D model: drift and a noise matrix σ with σσᵀ = 2𝒟 (with the Hänggi drift when chosen). */
function vectorSDE(spec: ModelSpec, L: Landscape, noise: NoiseModel | null, hanggi: boolean): VectorSDE {
  const n = L.dim;
  const grad = new Float64Array(n);
  if (spec.model === 'langevin') {
    const s = Math.sqrt(2 * spec.temperature);
    return {
      dim: n, diagonalNoise: true,
      eval(x, drift, sigma) {
        L.gradient(x, grad);
        for (let i = 0; i < n; i++) { drift[i] = -grad[i]; sigma[i * n + i] = s; }
      },
    };
  }
  const eta = spec.lr, B = spec.batch;
  const { value: P, momentFactor, momentFloor } = preconditioner(spec);
  const nz = noise!;
  const C = new Float64Array(n * n), R = new Float64Array(n * n), Pv = new Float64Array(n);
  const scale = Math.sqrt(eta / B);
  const diagonalNoise = nz.isotropic;
  // SGD's P ≡ 1 does not read v, so a full σ needs C^{1/2} only
  const needC = diagonalNoise || spec.model !== 'sgd';
  // 𝒟 = (η/2B)·P C P; σ = √(η/B)·P·C^{1/2} satisfies σσᵀ = 2𝒟.
  // (C and C^{1/2} from one evaluation of the noise: one eigendecomposition for hessian noise)
  const core = (x: Float64Array, drift: Float64Array, sigma: Float64Array) => {
    L.gradient(x, grad);
    if (diagonalNoise) nz.covariance(x, C);
    else if (needC) nz.covarianceAndSqrt(x, C, R);
    else nz.sqrtCovariance(x, R);
    for (let i = 0; i < n; i++) {
      const v = grad[i] * grad[i] + momentFactor * C[i * n + i] / B + momentFloor;
      Pv[i] = P(v);
      drift[i] = -Pv[i] * grad[i];
    }
    if (diagonalNoise) {
      for (let i = 0; i < n; i++) sigma[i * n + i] = scale * Pv[i] * Math.sqrt(C[i * n + i]);
    } else {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sigma[i * n + j] = scale * Pv[i] * R[i * n + j];
    }
  };
  return hanggi ? withHanggiDrift(core, n, diagonalNoise) : { dim: n, diagonalNoise, eval: core };
}

type NoiseEval = (x: Float64Array, drift: Float64Array, sigma: Float64Array) => void;

/**
 * The Hänggi drift +∇·𝒟 added to an Itô model, (∇·𝒟)_i = Σ_j ∂_j 𝒟_ij, by central differences of the exact 𝒟
 * (h ∝ ε^{1/3}, truncation O(h²) ≈ 1e-11 relative: far below any Monte Carlo error).
 */
function withHanggiDrift(core: NoiseEval, n: number, diagonalNoise: boolean): VectorSDE {
  const xs = new Float64Array(n), dtmp = new Float64Array(n), stmp = new Float64Array(n * n);
  const Dp = new Float64Array(n * n), Dm = new Float64Array(n * n);
  const diffusionMatrix = (y: Float64Array, out: Float64Array) => {
    stmp.fill(0);
    core(y, dtmp, stmp);
    // 𝒟 = ½σσᵀ
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += stmp[i * n + k] * stmp[j * n + k];
      out[i * n + j] = 0.5 * s;
    }
  };
  const divergence = new Float64Array(n);
  return {
    dim: n, diagonalNoise,
    eval(x, drift, sigma) {
      divergence.fill(0);
      for (let j = 0; j < n; j++) {
        const h = 6e-6 * Math.max(1, Math.abs(x[j]));
        xs.set(x); xs[j] = x[j] + h; diffusionMatrix(xs, Dp);
        xs[j] = x[j] - h; diffusionMatrix(xs, Dm);
        for (let i = 0; i < n; i++) divergence[i] += (Dp[i * n + j] - Dm[i * n + j]) / (2 * h);
      }
      core(x, drift, sigma);
      for (let i = 0; i < n; i++) drift[i] += divergence[i];
    },
  };
}

export function buildModel(spec: ModelSpec, L: Landscape): SDEModel {
  const n = L.dim;
  const convention: Convention = spec.convention ?? 'ito';
  const hanggi = convention === 'hanggi';
  const noise = spec.model === 'langevin' ? null : buildNoise(spec.noise, L);

  const scalar = (): ScalarSDE => scalarSDE(spec, L, noise, hanggi);
  const vector = (): VectorSDE => vectorSDE(spec, L, noise, hanggi);


  const coefficients1D = () => {
    const s = scalar();
    return {
      drift: (x: number) => { s.eval(x); return s.a; },
      diffusion: (x: number) => { s.eval(x); return s.d; },
      diffusionDerivative: (x: number) => { s.eval(x); return s.dd; },
    };
  };

  return {
    spec, convention, dim: n,
    lr: spec.model === 'langevin' ? null : spec.lr,
    noise, scalar, vector, coefficients1D,
  };
}
