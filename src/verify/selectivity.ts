/**
 * The selectivity exponent k measured by simulation (docs/claims.md, "Selectivity exponents by simulation"):
 * rare-event (AMS) mean escape times at several curvatures h and noise levels η, fitted by the prefactor-free
 * two-stage estimator of stats/selectivity.ts (ln τ = a + S/η per h, then ln S = c − k·ln h).
 *
 * The landscape is the derivation's regime (docs/theory.md §4): a quadratic well L = h·θ²/2 with Hessian noise
 * C = H = h exactly (floor 0), left at the loss level ΔL (default 0.01; exit θ ≥ √(2ΔL/h), reflecting wall at −√(2ΔL/h)). There
 * (L′)²·B/C = 2B·L ≤ 2B·ΔL, the same for every h, so for P = v^{−p} the exponent ∫P L′/𝒟 is
 * (2/η)·B^{1−p}·ΔL·h^{p−1} times an h-independent factor: k = 1 − p exactly on this family. η is set per (h, level)
 * so that the exact ln τ (quadrature) hits the same targets at every h, and dt = 1% of the relaxation time 1/(P·h).
 * The exact ln τ of each point is a second route (the quadrature's k, from the same estimator on exact values).
 */
import { compileScenario } from '../scenario/compile.js';
import { theoryOfSystem } from '../theory/scenario.js';
import { solveAms } from '../montecarlo/ams/index.js';
import { selectivityExponent, type EscapePointData, type SelectivityFit } from '../stats/index.js';
import type { RunSize } from './claim.js';

export interface SelectivityProtocol {
  /** curvatures h of the minimum */
  hs: number[];
  /** the exact ln τ at which the noise levels are placed, the same at every h */
  targets: number[];
  /** AMS runs R per point (n = 100 replicas, k = 20) */
  runs: number;
}

export const SELECTIVITY_SIZE: Record<RunSize, SelectivityProtocol> = {
  quick: { hs: [0.5, 2], targets: [8, 16], runs: 10 },
  full: { hs: [0.5, 1, 2, 4], targets: [8, 15, 22, 30], runs: 20 },
};

/** the loss level of the exit (the default), and the batch size */
export const SELECTIVITY_DL = 0.01;
const BATCH = 1;
/** dt as a fraction of the relaxation time 1/(P·h) at the minimum (the default) */
export const SELECTIVITY_DT_FRACTION = 0.01;

export interface SelectivityPoint extends EscapePointData {
  /** the exact ln τ (quadrature) at this point */
  exactLnTau: number;
  /** ΔΦ = ∫ −A/𝒟 dθ from the minimum to the exit (Simpson's rule on the model's coefficients) */
  deltaPhi: number;
  dt: number;
  steps: number;
}

export interface SelectivityMeasurement {
  points: SelectivityPoint[];
  /** the simulated k (AMS) */
  fit: SelectivityFit;
  /** the same estimator on the exact ln τ of the same points (the quadrature route) */
  exact: SelectivityFit;
  deltaPhiMax: number;
  seconds: number;
}

/** the quadratic well at curvature h for model dynamics (lr set), as a scenario */
export function quadraticWell(h: number, dynamics: Record<string, unknown>, simulation?: Record<string, unknown>, dL = SELECTIVITY_DL): Record<string, unknown> {
  const edge = Math.sqrt((2 * dL) / h);
  return {
    name: `quadratic well h=${h} ΔL=${dL}`,
    landscape: { expr: 'h*x^2/2', vars: ['x'], params: { h } }, start: [0],
    exit: { var: 'x', above: edge }, reflect: { var: 'x', below: -edge },
    dynamics: { batch: BATCH, convention: 'ito', ...dynamics },
    ...(simulation ? { simulation } : {}),
  };
}

/** the exact ln τ (quadrature) of the model dynamics (lr set) on the well at curvature h */
export const exactLnTauOnWell = (h: number, dynamics: Record<string, unknown>, dL: number): number =>
  theoryOfSystem(compileScenario(quadraticWell(h, dynamics, { trajectories: 1, dt: 1, maxTime: 1 }, dL))).logMfpt.exact!;

/** η at which lnTauAt(η) = target, for ln τ ≈ c + S/η: secant steps on u = 1/η from u0, u1 */
export function lrForLnTau(lnTauAt: (lr: number) => number, target: number, u0 = 100, u1 = 200, steps = 30): number {
  let f0 = lnTauAt(1 / u0) - target, f1 = lnTauAt(1 / u1) - target;
  for (let i = 0; i < steps && Math.abs(f1) > 1e-9; i++) {
    const u2 = Math.max(u1 - (f1 * (u1 - u0)) / (f1 - f0), u1 / 4);
    [u0, f0, u1] = [u1, f1, u2];
    f1 = lnTauAt(1 / u1) - target;
  }
  return 1 / u1;
}

/** η at which the exact ln τ on the well is `target` */
export function lrForTarget(h: number, dynamics: Record<string, unknown>, target: number, dL: number): number {
  return lrForLnTau((lr) => exactLnTauOnWell(h, { ...dynamics, lr }, dL), target);
}

/**
 * A measurement memoised by its arguments (JSON): claims that share one get the same numbers without running it
 * again; each caller gets its own copy, and a failed run is forgotten.
 */
export function memoised<A extends unknown[], R>(run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const memo = new Map<string, Promise<R>>();
  return (...args) => {
    const key = JSON.stringify(args);
    let m = memo.get(key);
    if (!m) {
      m = run(...args);
      memo.set(key, m);
      m.catch(() => memo.delete(key));
    }
    return m.then((r) => structuredClone(r));
  };
}

/** ΔΦ = ∫₀^edge −A/𝒟 dθ (composite Simpson, 2000 panels: the coefficients are smooth on the well) and the rate P·h at 0 */
export function exponentAndRate(h: number, dynamics: Record<string, unknown>, dL: number): { deltaPhi: number; rate: number } {
  const p = compileScenario(quadraticWell(h, dynamics, { trajectories: 1, dt: 1, maxTime: 1 }, dL));
  const f = p.model!.coefficients1D();
  const edge = Math.sqrt((2 * dL) / h), m = 2000, step = edge / m;
  let sum = 0;
  for (let i = 0; i <= m; i++) {
    const x = i * step, w = i === 0 || i === m ? 1 : i % 2 ? 4 : 2;
    sum += w * (x === 0 ? 0 : -f.drift(x) / f.diffusion(x));
  }
  const tiny = 1e-9 * edge;
  return { deltaPhi: (sum * step) / 3, rate: Math.abs(f.drift(tiny) / tiny) };
}

/**
 * One point: η for the target, then AMS at dt = dtFraction/(P·h), seeded by (seed, model, h, target): every point of
 * every model draws its own noise. (On a quadratic well the SGD model with C = H at rate η is the white-noise model at
 * rate η·h, so with shared seeds two claims would rest on the very same paths.)
 */
async function measurePoint(h: number, dynamics: Record<string, unknown>, target: number, runs: number, seed: number, dL: number, dtFraction: number): Promise<SelectivityPoint> {
  const lr = lrForTarget(h, dynamics, target, dL);
  return amsPoint(h, { ...dynamics, lr }, runs, `${seed}:${JSON.stringify(dynamics)}:h=${h}:target=${target}`, dL, dtFraction);
}

/** AMS for the model dyn (lr set) on the well at curvature h, at dt = dtFraction/(P·h), with its exact ln τ and ΔΦ */
export async function amsPoint(h: number, dyn: Record<string, unknown>, runs: number, seed: string, dL: number, dtFraction: number): Promise<SelectivityPoint> {
  const { deltaPhi, rate } = exponentAndRate(h, dyn, dL);
  const dt = dtFraction / rate;
  const sim = { trajectories: 1, dt, maxTime: 1e300, seed, integrator: 'milstein', method: 'ams', ams: { runs } };
  const problem = compileScenario(quadraticWell(h, dyn, sim, dL));
  const exactLnTau = theoryOfSystem(problem).logMfpt.exact!;
  const o = await solveAms(problem);
  return { h, eta: dyn.lr as number, lnTau: Math.log(o.mfpt.estimate), se: o.mfpt.relSE, exactLnTau, deltaPhi, dt, steps: o.steps.loops + o.steps.ams };
}

/**
 * k of a model (dynamics without lr) by simulation, beside the quadrature route on the same points; the exit's loss
 * level dL (default SELECTIVITY_DL) and dt as a fraction of the relaxation time (default SELECTIVITY_DT_FRACTION). A measurement is a pure function of its arguments: claims that share one (the
 * InvAdam claim re-measures SGD and Adam) get the same numbers without running it again.
 */
export function measureSelectivity(dynamics: Record<string, unknown>, size: RunSize, seed = 1, dL = SELECTIVITY_DL, dtFraction = SELECTIVITY_DT_FRACTION): Promise<SelectivityMeasurement> {
  return measureMemo(dynamics, size, seed, dL, dtFraction);
}

const measureMemo = memoised((dynamics: Record<string, unknown>, size: RunSize, seed: number, dL: number, dtFraction: number) => measureOnce(dynamics, size, seed, dL, dtFraction));

async function measureOnce(dynamics: Record<string, unknown>, size: RunSize, seed: number, dL: number, dtFraction: number): Promise<SelectivityMeasurement> {
  const t0 = performance.now();
  const { hs, targets, runs } = SELECTIVITY_SIZE[size];
  const points: SelectivityPoint[] = [];
  for (const h of hs) for (const target of targets) points.push(await measurePoint(h, dynamics, target, runs, seed, dL, dtFraction));
  return {
    points,
    fit: selectivityExponent(points),
    exact: selectivityExponent(points.map((q) => ({ ...q, lnTau: q.exactLnTau }))),
    deltaPhiMax: Math.max(...points.map((q) => q.deltaPhi)),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** S_a(h)/S_b(h) pooled over the curvatures h (weighted mean of the log ratios), with its 95% CI and the ratio per h */
export function slopeRatio(a: SelectivityFit, b: SelectivityFit): { estimate: number; ci95: [number, number]; seLog: number; perH: number[] } {
  let W = 0, m = 0;
  const perH = a.slopes.map((sa, i) => {
    const sb = b.slopes[i];
    const y = Math.log(sa.value / sb.value), w = 1 / ((sa.se / sa.value) ** 2 + (sb.se / sb.value) ** 2);
    W += w; m += w * y;
    return sa.value / sb.value;
  });
  m /= W;
  const se = 1 / Math.sqrt(W);
  return { estimate: Math.exp(m), ci95: [Math.exp(m - 1.96 * se), Math.exp(m + 1.96 * se)], seLog: se, perH };
}
