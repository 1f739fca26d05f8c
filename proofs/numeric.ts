/**
 * Numerical helpers shared by the proof checks (proofs/*.test.ts): finite-difference stencils with
 * their error estimates, a least-squares line, batch means. Each formula is written out here; none
 * comes from src/.
 */

/** Central first-derivative stencils: weights w_k for k = −m…m, f'(x) ≈ Σ w_k f(x + k h)/h. */
export const D1_CENTRAL: Readonly<Record<2 | 4 | 6, readonly number[]>> = {
  2: [-1 / 2, 0, 1 / 2],
  4: [1 / 12, -2 / 3, 0, 2 / 3, -1 / 12],
  6: [-1 / 60, 9 / 60, -45 / 60, 0, 45 / 60, -9 / 60, 1 / 60],
};
/** Central second-derivative stencils: f''(x) ≈ Σ w_k f(x + k h)/h². */
export const D2_CENTRAL: Readonly<Record<2 | 4 | 6, readonly number[]>> = {
  2: [1, -2, 1],
  4: [-1 / 12, 16 / 12, -30 / 12, 16 / 12, -1 / 12],
  6: [2 / 180, -27 / 180, 270 / 180, -490 / 180, 270 / 180, -27 / 180, 2 / 180],
};
/** One-sided 6th-order first derivative at the left end: f'(x) ≈ Σ_{k=0..6} w_k f(x + k h)/h. */
export const D1_FORWARD6: readonly number[] = [-147 / 60, 360 / 60, -450 / 60, 400 / 60, -225 / 60, 72 / 60, -10 / 60];

/** Σ|w_k|: the factor by which a stencil amplifies errors in the function values. */
export const stencilNorm = (w: readonly number[]): number => w.reduce((s, v) => s + Math.abs(v), 0);

/** Apply a central stencil (odd length) at x with step h to f (order: power of h to divide by). */
export function central(f: (x: number) => number, x: number, h: number, w: readonly number[], order: 1 | 2): number {
  const m = (w.length - 1) / 2;
  let s = 0;
  for (let k = -m; k <= m; k++) if (w[k + m] !== 0) s += w[k + m] * f(x + k * h);
  return s / (order === 1 ? h : h * h);
}

/** Least-squares line y = a + b x. */
export function fitLine(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Mean of a correlated series and its standard error by non-overlapping batch means: with batches
 * much longer than the correlation time the batch means are nearly independent, so
 * se = sd(batch means)/√(#batches).
 */
export function batchMeans(x: ArrayLike<number>, batches: number): { mean: number; se: number; batchSize: number } {
  const size = Math.floor(x.length / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += x[i];
    means.push(s / size);
  }
  const mean = means.reduce((s, v) => s + v, 0) / batches;
  const v = means.reduce((s, m) => s + (m - mean) ** 2, 0) / (batches - 1);
  return { mean, se: Math.sqrt(v / batches), batchSize: size };
}

/** Evenly spaced points a, …, b (n of them). */
export const linspace = (a: number, b: number, n: number): number[] => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** Short number format for the log lines. */
export const fmt = (v: number, digits = 3): string => (v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(digits + 1) : v.toExponential(digits));

/**
 * Gauss–Legendre nodes and weights on [−1, 1] (Newton iteration on P_n from the Chebyshev-like
 * initial guesses cos(π(i − ¼)/(n + ½)); P_n and P_n' by the three-term recurrence).
 */
export function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * dp * dp));
  }
  return { nodes, weights };
}

const GL20 = gaussLegendre(20);
/** ∫_a^b f by one 20-point Gauss–Legendre panel (exact to rounding for short intervals of smooth f). */
export function gl20(f: (x: number) => number, a: number, b: number): number {
  const c = (a + b) / 2;
  const r = (b - a) / 2;
  let s = 0;
  for (let i = 0; i < 20; i++) s += GL20.weights[i] * f(c + r * GL20.nodes[i]);
  return s * r;
}
