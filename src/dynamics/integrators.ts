/**
 * One-step rules for dX = A dt + √(2𝒟) dW (Kloeden & Platen 1992, §9.1 and §10.3).
 *
 *   Euler–Maruyama  X' = X + A·dt + σ·ΔW,                        strong order ½, weak order 1
 *   Milstein (1-D)  X' = X + A·dt + σ·ΔW + ½σσ'(ΔW² − dt),       strong order 1, weak order 1
 *
 * with σ = √(2𝒟), so σσ' = 𝒟'. Both use the SDE's `eval`, which leaves A, 𝒟, 𝒟' at the OLD state in
 * the SDE's fields (the first-passage bridge uses 𝒟 from there).
 */
import type { ScalarSDE, VectorSDE } from './models.js';
import type { ScalarStepper } from './specialised.js';

export const INTEGRATORS = ['euler-maruyama', 'milstein'] as const;
export type IntegratorName = (typeof INTEGRATORS)[number];

/** What each integrator is (orders for smooth coefficients, Kloeden & Platen 1992) and where it is implemented. */
export interface IntegratorInfo {
  /** strong order: E|X_N − X(T)| = O(dt^strong) */
  strongOrder: number;
  /** weak order: |E f(X_N) − E f(X(T))| = O(dt^weak) */
  weakOrder: number;
  /** largest dimension implemented (Milstein needs σσ', written here for the scalar case only) */
  maxDim: number;
}

export const INTEGRATOR_TABLE: Readonly<Record<IntegratorName, IntegratorInfo>> = Object.freeze({
  'euler-maruyama': { strongOrder: 0.5, weakOrder: 1, maxDim: Infinity },
  milstein: { strongOrder: 1, weakOrder: 1, maxDim: 1 },
});

/** The largest dimension an integrator is implemented for. */
export function maxDimension(name: IntegratorName): number {
  return INTEGRATOR_TABLE[name].maxDim;
}

export type ScalarStep = (sde: ScalarSDE, x: number, dt: number, dW: number) => number;

export const eulerMaruyama1D: ScalarStep = (sde, x, dt, dW) => {
  sde.eval(x);
  return x + sde.a * dt + Math.sqrt(2 * sde.d) * dW;
};

export const milstein1D: ScalarStep = (sde, x, dt, dW) => {
  sde.eval(x);
  return x + sde.a * dt + Math.sqrt(2 * sde.d) * dW + 0.5 * sde.dd * (dW * dW - dt);
};

export function scalarStep(name: IntegratorName): ScalarStep {
  return name === 'milstein' ? milstein1D : eulerMaruyama1D;
}

/**
 * The step a kernel runs: the SDE's exact specialised stepper (specialised.ts) when it has one, else `eval` and the
 * generic rule above (the same states either way); `d` is 𝒟 at the last step's start.
 */
export function stepperOf(sde: ScalarSDE, name: IntegratorName, dt: number): ScalarStepper {
  if (sde.stepper) return sde.stepper(dt, name === 'milstein');
  const step = scalarStep(name);
  return { d: NaN, step(x, dW) { const y = step(sde, x, dt, dW); this.d = sde.d; return y; } };
}

/**
 * n-D Euler–Maruyama: x ← x + A·dt + σ·ΔW, with ΔW = √dt·z. `drift` and `sigma` are scratch buffers the
 * caller owns (sigma row-major n×n, only the diagonal is used when sde.diagonalNoise).
 */
export function eulerMaruyamaND(
  sde: VectorSDE, x: Float64Array, dt: number, dW: Float64Array, drift: Float64Array, sigma: Float64Array,
): void {
  const n = sde.dim;
  sde.eval(x, drift, sigma);
  if (sde.diagonalNoise) {
    for (let i = 0; i < n; i++) x[i] += drift[i] * dt + sigma[i * n + i] * dW[i];
  } else {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += sigma[i * n + j] * dW[j];
      x[i] += drift[i] * dt + s;
    }
  }
}

/**
 * Integrate one path on a fixed grid from given Brownian increments (order tests, plots).
 * Returns the state after each step (length = dW.length + 1).
 */
export function integratePath1D(sde: ScalarSDE, step: ScalarStep, x0: number, dt: number, dW: ArrayLike<number>): Float64Array {
  const out = new Float64Array(dW.length + 1);
  out[0] = x0;
  let x = x0;
  for (let k = 0; k < dW.length; k++) { x = step(sde, x, dt, dW[k]); out[k + 1] = x; }
  return out;
}
