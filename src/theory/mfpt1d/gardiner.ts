/**
 * Route 1 (`exactMFPT1D`, `mfptProfile1D`): Gardiner's formula (Handbook of Stochastic Methods, §5.2.7;
 * sources.md §4.2, §7; see `types.ts`)
 *
 *     T(x₀) = ∫_{x₀}^{e} dy e^{Φ(y)} ∫_{r}^{y} e^{−Φ(z)} / 𝒟(z) dz,     Φ(x) = −∫_r^x A/𝒟,
 *
 * by composite Gauss–Legendre panels on [r, e] (split at breakpoints, at x₀ and adaptively), in log space.
 * On each panel, with q = A/𝒟 sampled at the n Gauss nodes,
 *   Φ at the nodes      = Φ(a) − (h/2)·S q                          (S: spectral integration matrix)
 *   f = e^{−Φ}/𝒟, G(y)  = ∫_r^y f  at nodes = G(a) + (h/2)·S f̂ · e^{m}  (f̂ = f/e^{m}, m = max log f)
 *   g = e^{Φ}G,  T(x)   = ∫_x^e g  = Σ_panels (h/2) Σ_j w_j g_j     (accumulated right to left)
 * Error control: the last two Legendre coefficients of q, f̂ and ĝ on each panel estimate the
 * interpolation error there; each is weighted by how much of the double integral it can reach
 * (see `error-bound.ts`) and summed into a relative error bound for T. Panels whose share exceeds
 * relTol/(4·#panels) are bisected until the sum is below relTol/2; rounding-level tails, the
 * truncation of a natural boundary and the rounding of Φ are added to the reported bound.
 *
 * Files: `orient.ts` (mirror so the exit lies above), `natural-boundary.ts` (r = ±∞), `panels.ts`,
 * `sweeps.ts` (Φ, f, G and g, T, E), `error-bound.ts`, `engine.ts` (the refinement loop).
 */
import { engine } from './engine.js';
import { NATURAL_BOUNDARY_LOG_DROP } from './natural-boundary.js';
import { orient } from './orient.js';
import { checkTol, type Diffusion1D, type Interval1D } from './types.js';

export interface MFPTOptions {
  /** relative error target (default 1e-10) */
  relTol?: number;
  /** Gauss–Legendre nodes per panel (default 20) */
  order?: number;
  /** safety cap on the number of panels (default 5000) */
  maxPanels?: number;
}

export interface MFPTResult {
  /** T(x₀); Infinity when it overflows a double (see logMfpt) */
  mfpt: number;
  /** log T(x₀), finite even for barriers beyond ~700 */
  logMfpt: number;
  /** estimated relative error of mfpt (a bound assembled from per-panel estimates, see file header) */
  relError: number;
  /** number of points at which drift and diffusion were evaluated */
  evaluations: number;
  method: string;
  converged: boolean;
  panels: number;
  /** the wall actually used: reflect, or the truncation point r_eff for a natural boundary */
  reflectUsed: number;
}

export interface MFPTProfile {
  x: number[];
  mfpt: number[];
  logMfpt: number[];
  /** bound on the relative error, valid for every point at once */
  relError: number;
  evaluations: number;
  method: string;
  converged: boolean;
  reflectUsed: number;
}

function methodName(order: number, natural: boolean, rEff: number, s: number): string {
  return (
    `gardiner-nested-quadrature: log-space Gauss–Legendre panels (n=${order}), Φ by spectral integration, ` +
    `Legendre-tail error control` +
    (natural ? `; natural boundary truncated at ${s * rEff} (log density drop ${NATURAL_BOUNDARY_LOG_DROP})` : '')
  );
}

/**
 * Exact MFPT T(x₀) of dX = A dt + √(2𝒟) dW from `start` to `exit`, reflected at `reflect`
 * (Gardiner §5.2.7). `reflect` = ±Infinity (on the far side from the exit) is a natural boundary.
 */
export function exactMFPT1D(model: Diffusion1D, geometry: Interval1D, opts: MFPTOptions = {}): MFPTResult {
  const who = 'exactMFPT1D';
  const relTol = opts.relTol ?? 1e-10;
  const order = opts.order ?? 20;
  checkTol(relTol, who);
  const { start, exit, reflect } = geometry;
  if (!Number.isFinite(start)) throw new RangeError(`${who}: start must be finite, got ${start}`);
  const o = orient(model, exit, reflect, who);
  const x0 = o.s * start;
  if (!(x0 > o.r && x0 < o.e))
    throw new RangeError(`${who}: start ${start} must lie strictly between reflect ${reflect} and exit ${exit}`);
  const res = engine(o, [x0], relTol, order, opts.maxPanels ?? 5000);
  const logT = res.logT[0];
  return {
    mfpt: Math.exp(logT),
    logMfpt: logT,
    relError: res.relError,
    evaluations: o.evaluations,
    method: methodName(order, o.r === -Infinity, res.rEff, o.s),
    converged: res.converged,
    panels: res.panels,
    reflectUsed: o.s * res.rEff,
  };
}

/**
 * T(x) at many start points with one panel structure (every point is a panel boundary, so each value
 * is an exact cumulative sum); the error bound holds for all points simultaneously. Points may include
 * the exit (T = 0) and a finite wall. `points` may also be a count n: n equally spaced points from the
 * wall (or, for a natural boundary, from the nearer of 0 and the exit minus 1) to the exit.
 */
export function mfptProfile1D(
  model: Diffusion1D,
  geometry: Omit<Interval1D, 'start'>,
  points: number[] | number,
  opts: MFPTOptions = {},
): MFPTProfile {
  const who = 'mfptProfile1D';
  const relTol = opts.relTol ?? 1e-10;
  const order = opts.order ?? 20;
  checkTol(relTol, who);
  const o = orient(model, geometry.exit, geometry.reflect, who);
  let xs: number[];
  if (typeof points === 'number') {
    if (!Number.isInteger(points) || points < 2) throw new RangeError(`${who}: need at least 2 points`);
    const lo = Number.isFinite(o.r) ? o.r : Math.min(0, o.e - 1);
    xs = Array.from({ length: points }, (_, i) => o.s * (lo + ((o.e - lo) * i) / (points - 1)));
  } else xs = points.slice();
  for (const x of xs) {
    const y = o.s * x;
    if (!Number.isFinite(x) || y < o.r || y > o.e || (y === o.r && !Number.isFinite(o.r)))
      throw new RangeError(`${who}: point ${x} is outside [reflect ${geometry.reflect}, exit ${geometry.exit}]`);
  }
  const inner = Array.from(new Set(xs.map((x) => o.s * x).filter((y) => y < o.e))).sort((a, b) => a - b);
  let logAt = new Map<number, number>();
  let relError = 0;
  let converged = true;
  let rEff = o.r;
  if (inner.length > 0) {
    const res = engine(o, inner, relTol, order, opts.maxPanels ?? 5000);
    inner.forEach((y, i) => logAt.set(y, res.logT[i]));
    relError = res.relError;
    converged = res.converged;
    rEff = res.rEff;
  }
  const logMfpt = xs.map((x) => {
    const y = o.s * x;
    return y >= o.e ? -Infinity : logAt.get(y)!;
  });
  logAt = new Map();
  return {
    x: xs,
    mfpt: logMfpt.map(Math.exp),
    logMfpt,
    relError,
    evaluations: o.evaluations,
    method: methodName(order, o.r === -Infinity, rEff, o.s),
    converged,
    reflectUsed: o.s * rEff,
  };
}
