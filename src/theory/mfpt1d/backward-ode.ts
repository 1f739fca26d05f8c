/**
 * Route 2 (`mfptBackwardODE`): the backward Kolmogorov equation (Gardiner §5.2.7)
 *
 *     𝒟T'' + AT' = −1,   T'(r) = 0,   T(e) = 0,
 *
 * as the first-order system u' = −(1 + A u)/𝒟 (u = T', u(r) = 0), Q' = u (Q(x₀) = 0, T(x₀) = −Q(e)), shot
 * from the wall with classical RK4 on piecewise-uniform grids (nodes at breakpoints and at x₀) and
 * Richardson-extrapolated over grid halvings: R = T_{2N} + (T_{2N} − T_N)/15. It shares no numerical code
 * with route 1 (only the problem types and input checks of `types.ts`).
 */
import { checkModel, checkTol, checkedCoefficients, type Diffusion1D, type Interval1D } from './types.js';

const EPS = Number.EPSILON;

export interface BackwardODEOptions {
  /** steps of the coarsest grid (default 1000; raised automatically where |A/𝒟|·h > 1/2) */
  n?: number;
  /** relative error target for the extrapolated value (default 1e-10) */
  relTol?: number;
  /** cap on the steps of the finest grid (default 2²²) */
  maxSteps?: number;
}

export interface BackwardODEResult {
  mfpt: number;
  /** |R₂ − R₁|/R₂ of the last two Richardson values (an estimate for the less accurate one) */
  relError: number;
  evaluations: number;
  /** steps of the finest grid used */
  steps: number;
  /** log₂ of the ratio of successive differences (→ 4 for RK4 in the asymptotic regime) */
  observedOrder: number;
  converged: boolean;
  method: string;
}

/** A(x), 𝒟(x) with validation; counts the evaluations. */
interface Coefficients {
  (x: number): [number, number];
  evaluations: number;
}

function coefficients(model: Diffusion1D, who: string): Coefficients {
  const coef = ((x: number): [number, number] => {
    const AD = checkedCoefficients(model, x, who);
    coef.evaluations++;
    return AD;
  }) as Coefficients;
  coef.evaluations = 0;
  return coef;
}

/** The coarsest grid: sub-segment ends from the wall to the exit, their step counts, and the index of x₀. */
interface Grid {
  grid: number[];
  segSteps: number[];
  startIdx: number;
}

/**
 * The grid: segments between special points (wall, exit, x₀, breakpoints; in the direction of
 * integration), each cut into 32 sub-segments that are uniform inside; coarsest steps per sub-segment
 * ∝ length (`base` over the whole interval) and with |A/𝒟|·h ≤ 1/2 (stiffness near steep walls).
 * All sub-segments are halved together, so the RK4 error keeps its h⁴ expansion.
 */
function buildGrid(model: Diffusion1D, geometry: Interval1D, dir: number, base: number, coef: Coefficients): Grid {
  const { start, exit, reflect } = geometry;
  // special points in the direction of integration
  const lo = Math.min(reflect, exit);
  const hi = Math.max(reflect, exit);
  const pts = [reflect, exit, start, ...(model.breakpoints ?? []).filter((b) => b > lo && b < hi)];
  pts.sort((a, b) => (a - b) * dir);
  const nodes: number[] = [];
  for (const p of pts) if (nodes.length === 0 || (p - nodes[nodes.length - 1]) * dir > 0) nodes.push(p);
  const total = Math.abs(exit - reflect);
  const grid: number[] = [nodes[0]];
  const segSteps: number[] = [];
  const marks: number[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const a = nodes[i];
    const b = nodes[i + 1];
    const K = 32;
    for (let k = 0; k < K; k++) {
      const sa = a + ((b - a) * k) / K;
      const sb = k === K - 1 ? b : a + ((b - a) * (k + 1)) / K;
      const len = Math.abs(sb - sa);
      let lam = 0;
      for (let j = 0; j <= 8; j++) {
        const [A, D] = coef(sa + ((sb - sa) * j) / 8);
        lam = Math.max(lam, Math.abs(A / D));
      }
      segSteps.push(Math.max(2, Math.ceil((base * len) / total), Math.ceil(2 * lam * len)));
      grid.push(sb);
    }
    marks.push(grid.length - 1);
  }
  return { grid, segSteps, startIdx: marks[nodes.indexOf(start) - 1] };
}

/**
 * One RK4 shot on the grid refined `mult` times: u' = −(1 + A u)/𝒟 from u(r) = 0, Q' = u with Q reset to 0
 * at x₀; returns T(x₀) = −Q(e).
 */
function shoot(g: Grid, mult: number, coef: Coefficients): number {
  const { grid, segSteps, startIdx } = g;
  let u = 0;
  let Q = 0;
  for (let i = 0; i + 1 < grid.length; i++) {
    const a = grid[i];
    const b = grid[i + 1];
    const m = segSteps[i] * mult;
    const h = (b - a) / m;
    // the coefficients at the segment ends are taken a hair inside, so that a jump at a breakpoint (e.g. the
    // Hänggi drift where |L''| has its kink) is seen from the correct side by each segment
    const nudge = (b - a) * 1e-12;
    let [A0, D0] = coef(a + nudge);
    for (let k = 0; k < m; k++) {
      const x = a + k * h;
      const xe = k === m - 1 ? b - nudge : x + h;
      const [Am, Dm] = coef(x + h / 2);
      const [Ae, De] = coef(xe);
      const k1 = -(1 + A0 * u) / D0;
      const u2 = u + (h / 2) * k1;
      const k2 = -(1 + Am * u2) / Dm;
      const u3 = u + (h / 2) * k2;
      const k3 = -(1 + Am * u3) / Dm;
      const u4 = u + h * k3;
      const k4 = -(1 + Ae * u4) / De;
      Q += (h / 6) * (u + 2 * u2 + 2 * u3 + u4);
      u += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      A0 = Ae;
      D0 = De;
    }
    if (i + 1 === startIdx) Q = 0; // from here on Q = ∫_{x₀}^{x} u: no cancellation for x₀ near e
  }
  return -Q;
}

/**
 * Independent route: solve 𝒟T'' + A T' = −1 with T'(r) = 0 (finite reflecting wall) and T(e) = 0
 * (Gardiner §5.2.7, the backward equation behind the integral formula). With u = T' the problem is the
 * initial-value problem u' = −(1 + A u)/𝒟, u(r) = 0 integrated from the wall towards the exit
 * (in either direction), together with Q' = u from x₀ on (Q(x₀) = 0); then T(x₀) = −Q(e).
 * RK4 on grids whose nodes include breakpoints and x₀ (uniform within each segment), levels with
 * N, 2N, 4N, … steps; Richardson R = T_{2N} + (T_{2N} − T_N)/15 removes the h⁴ term.
 */
export function mfptBackwardODE(model: Diffusion1D, geometry: Interval1D, opts: BackwardODEOptions = {}): BackwardODEResult {
  const who = 'mfptBackwardODE';
  checkModel(model, who);
  const { start, exit, reflect } = geometry;
  if (!Number.isFinite(reflect)) throw new RangeError(`${who}: needs a finite reflecting wall, got ${reflect}`);
  if (!Number.isFinite(exit) || !Number.isFinite(start)) throw new RangeError(`${who}: start and exit must be finite`);
  const dir = Math.sign(exit - reflect);
  if (dir === 0) throw new RangeError(`${who}: reflect must differ from exit`);
  if (!((start - reflect) * dir > 0 && (exit - start) * dir > 0))
    throw new RangeError(`${who}: start ${start} must lie strictly between reflect ${reflect} and exit ${exit}`);
  const relTol = opts.relTol ?? 1e-10;
  checkTol(relTol, who);
  const maxSteps = opts.maxSteps ?? 1 << 22;
  const coef = coefficients(model, who);
  const grid = buildGrid(model, geometry, dir, opts.n ?? 1000, coef);
  const solve = (mult: number): number => shoot(grid, mult, coef);
  const coarse = grid.segSteps.reduce((s, v) => s + v, 0);
  let mult = 1;
  const T: number[] = [solve(1), solve(2), solve(4)];
  mult = 4;
  for (;;) {
    const k = T.length;
    const R1 = T[k - 2] + (T[k - 2] - T[k - 3]) / 15;
    const R2 = T[k - 1] + (T[k - 1] - T[k - 2]) / 15;
    // Richardson difference plus a rounding floor for a sum over many steps
    const relError = Math.abs(R2 - R1) / Math.abs(R2) + 10 * EPS * Math.sqrt(coarse * mult);
    const observedOrder = Math.log2(Math.abs((T[k - 2] - T[k - 3]) / (T[k - 1] - T[k - 2])));
    const steps = coarse * mult;
    if (relError <= relTol || steps * 2 > maxSteps) {
      return {
        mfpt: R2,
        relError,
        evaluations: coef.evaluations,
        steps,
        observedOrder,
        converged: relError <= relTol,
        method: `backward-ode: RK4 shooting from the wall, Richardson over ${k} grids (finest ${steps} steps)`,
      };
    }
    mult *= 2;
    T.push(solve(mult));
  }
}
