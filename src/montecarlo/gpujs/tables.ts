/**
 * 1-D coefficient tables for the gpu.js kernels. A kernel cannot call the landscape's JS closures, so the
 * drift, diffusion and 𝒟' (SDE) or L' and √(C/B) (discrete optimizer) are tabulated in float64 on a uniform
 * grid of TABLE_CELLS cells over the interval the process lives in — between the reflecting wall or exit on
 * each side — and interpolated linearly in the kernel (error ≤ h²/8·max|f''|, h = width/2¹⁶: far below float32
 * resolution for smooth coefficients; one cell of smearing at a kink).
 */
import type { EscapeProblem } from '../../scenario/compile.js';
import { ScenarioError } from '../../scenario/errors.js';
import type { Table1D } from './source.js';

export const TABLE_CELLS = 1 << 16;

/**
 * Float32 guard threshold: a noise increment smaller than 2⁸ ulps of the state is rounded by ≥ 0.2% per step
 * (ulp/2 over 2⁸ ulps); below it the float32 state no longer resolves the increments well enough.
 */
export const MIN_INCREMENT_ULPS = 2 ** 8;

export interface Tables1D {
  table: Table1D;
  /** SDE: A, 𝒟, 𝒟'; discrete: L', √(C/B) */
  columns: Float32Array[];
  warnings: string[];
}

/** The interval [lo, hi] bounded by walls or exits; an open side is an error naming the fix. */
export function interval(c: EscapeProblem): [number, number] {
  const levels = (side: 1 | -1) => [...c.passage.exit, ...c.passage.reflect].filter((b) => b.side === side).map((b) => b.level);
  const below = levels(-1), above = levels(1);
  if (!below.length || !above.length) {
    const missing = !below.length ? 'below' : 'above';
    throw new ScenarioError([{
      field: 'scenario.reflect',
      message: `the gpujs backends tabulate the 1-D coefficients on a bounded interval, and nothing bounds x ${missing} the start: ` +
        `add a reflecting wall { "var": "${c.landscape.vars[0]}", "${missing}": <level> } (or an exit) there, or use backend cpu or workers`,
    }]);
  }
  return [Math.max(...below), Math.min(...above)];
}

/** ulp of float32 numbers of magnitude ≤ X: 2^(⌊log₂X⌋ − 23) */
export function float32Ulp(X: number): number {
  return 2 ** (Math.floor(Math.log2(Math.max(X, 2 ** -126))) - 23);
}

/** The 1-D discrete kernels draw Gaussian gradient noise, not minibatches. */
export function checkGaussianNoise(c: EscapeProblem): void {
  const d = c.discrete;
  if (d && (d.examples !== null || d.covariance === null)) throw new ScenarioError([{ field: 'scenario.dynamics.noise.kind', message: `the gpujs backends simulate Gaussian gradient noise ('white', 'hessian', 'expr'), not '${d.covariance === null ? 'dataset' : 'minibatch'}'; use backend cpu or workers` }]);
}

export function tabulate1D(c: EscapeProblem): Tables1D {
  const [lo, hi] = interval(c);
  const N = TABLE_CELLS, h = (hi - lo) / N;
  const xs = (k: number) => lo + k * h;
  const columns: Float32Array[] = [];
  let smallest = Infinity; // smallest non-zero noise increment on the grid (zero noise is the model's, not a rounding issue)
  const d = c.discrete;
  if (d) {
    checkGaussianNoise(c);
    const noise = d.covariance!, lr = c.dt; // checkGaussianNoise: not null
    const sc = c.landscape.scalar!;
    const G = new Float32Array(N + 1), S = new Float32Array(N + 1);
    for (let k = 0; k <= N; k++) {
      const x = xs(k);
      G[k] = sc.d1(x);
      S[k] = Math.sqrt(noise.scalar!.c(x) / d.batch);
      if (S[k] > 0) smallest = Math.min(smallest, lr * S[k]);
    }
    columns.push(G, S);
  } else {
    const sde = c.model!.scalar();
    const A = new Float32Array(N + 1), D = new Float32Array(N + 1), DD = new Float32Array(N + 1);
    for (let k = 0; k <= N; k++) {
      sde.eval(xs(k));
      A[k] = sde.a; D[k] = Math.max(0, sde.d); DD[k] = sde.dd;
      if (D[k] > 0) smallest = Math.min(smallest, Math.sqrt(2 * D[k] * c.dt));
    }
    columns.push(A, D, DD);
  }
  for (const col of columns) {
    const bad = col.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new ScenarioError([{ field: 'scenario.dynamics', message: `a coefficient is not finite (in float32) at x = ${xs(bad)}, inside [${lo}, ${hi}] where the gpujs backends tabulate it; use backend cpu or workers` }]);
  }
  const warnings: string[] = [];
  const ulp = float32Ulp(Math.max(Math.abs(lo), Math.abs(hi)));
  if (smallest < MIN_INCREMENT_ULPS * ulp) {
    warnings.push(`float32: the smallest noise increment per step, ${smallest.toPrecision(3)}, is ${(smallest / ulp).toPrecision(3)} ulps of the ` +
      `float32 state (|x| ≤ ${Math.max(Math.abs(lo), Math.abs(hi))}, ulp ${ulp.toPrecision(3)}); below ${MIN_INCREMENT_ULPS} ulps rounding distorts each step ` +
      `by more than 0.2%: use a larger dt or a float64 backend (cpu, workers)`);
  }
  return { table: { lo, invh: 1 / h, cells: N }, columns, warnings };
}
