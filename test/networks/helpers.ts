// Shared specs and the finite-difference error bound of the network tests.
import seedrandom from 'seedrandom';
import type { Network, NetworkSpec } from '../../src/networks/index.js';

/** the iris reference minimum: 4-16-3 tanh, cross-entropy, λ = 1e-2 */
export const IRIS: NetworkSpec = {
  data: { kind: 'iris' }, hidden: [16], activation: 'tanh', loss: 'cross-entropy', weightDecay: 1e-2,
  init: { seed: 1, scale: 1 }, scale: 1, train: { gradientTolerance: 1e-10, maxIterations: 200 },
};

/** the teacher–student reference minimum: 4 inputs, 4 teacher units, 128 examples, σ = 0.5; student [8], squared, λ = 1e-3 */
export const TEACHER: NetworkSpec = {
  data: { kind: 'teacher-student', inputs: 4, teacherHidden: 4, examples: 128, labelNoise: 0.5, seed: 1 },
  hidden: [8], activation: 'tanh', loss: 'squared', weightDecay: 1e-3,
  init: { seed: 1, scale: 1 }, scale: 1, train: { gradientTolerance: 1e-10, maxIterations: 200 },
};

export const EPS = Number.EPSILON;
/** central-difference step h = ε^{1/3} ≈ 6.1e-6: balances truncation h²·f'''/6 against rounding ε_f/h */
export const H_FD = Math.cbrt(EPS);
/**
 * Rounding of a loss or gradient component evaluated as a mean of per-example terms: each term carries a relative
 * error of a few ε per operation along a pass of ≲ 100 operations, so |computed − exact| ≤ ROUNDING_OPS·ε·(scale),
 * scale the largest per-example magnitude.
 */
export const ROUNDING_OPS = 100;

/** N(0, sd²) vector of length n from a seeded generator */
export function gaussianVector(n: number, seed: string, sd = 1): Float64Array {
  const rng = seedrandom(seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng())), t = 2 * Math.PI * rng();
    v[i] = sd * r * Math.cos(t);
    if (i + 1 < n) v[i + 1] = sd * r * Math.sin(t);
  }
  return v;
}

export const unit = (v: Float64Array): Float64Array => {
  const s = Math.hypot(...v);
  return v.map((x) => x / s);
};

export const axpy = (x: ArrayLike<number>, t: number, v: ArrayLike<number>): Float64Array => Float64Array.from(x, (xi, i) => xi + t * v[i]);

/** the largest |ℓ_j| over the examples (the scale of the loss's rounding) */
export function maxExampleLoss(net: Network, phi: Float64Array): number {
  let m = 0;
  for (let j = 0; j < net.data.examples; j++) m = Math.max(m, Math.abs(net.exampleLoss(phi, j)));
  return m;
}

/** the largest |∂ℓ_j/∂φ_i| over examples and components (the scale of a gradient's rounding) */
export function maxExampleGradient(net: Network, phi: Float64Array): number {
  const g = new Float64Array(net.dim);
  let m = 0;
  for (let j = 0; j < net.data.examples; j++) {
    net.exampleGradient(phi, j, g);
    for (const x of g) m = Math.max(m, Math.abs(x));
  }
  return m;
}

/**
 * Bound on |f'''| near 0 from the exact first derivative d = f' (the tested gradient or HVP at shifted points):
 * f''' ≈ D(δ) = (d(δ) − 2d(0) + d(−δ))/δ², and |D(δ)| + |D(δ) − D(2δ)| bounds |f'''| (the second term bounds D's own
 * O(δ²) error, Richardson). δ = 1e-3: D's rounding ≈ 4ε_d/δ² ≈ 1e-8·scale only enlarges the bound.
 */
export function thirdDerivativeBound(d: (t: number) => number, delta = 1e-3): number {
  const d0 = d(0);
  const D1 = (d(delta) - 2 * d0 + d(-delta)) / (delta * delta), D2 = (d(2 * delta) - 2 * d0 + d(-2 * delta)) / (4 * delta * delta);
  return Math.abs(D1) + Math.abs(D1 - D2);
}

/**
 * The central-difference error bound: |(f(x+h) − f(x−h))/(2h) − f'(x)| ≤ h²·|f'''|/6 + ε_f/h, with ε_f the
 * rounding of f; SAFETY 2 covers |f'''| varying over [x − h, x + h] (a relative change of O(h) there).
 */
export function centralDifferenceBound(third: number, rounding: number, h = H_FD): number {
  return 2 * ((h * h * third) / 6 + rounding / h);
}
