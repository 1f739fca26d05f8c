/**
 * Selectivity on rotated minima (docs/claims.md, "Rotated minima"): a 2-D quadratic minimum with escape curvature h
 * along e = (cos α, sin α) and a fixed transverse curvature T along e⊥,
 *   L = h·(e·θ)²/2 + T·(e⊥·θ)²/2,   gradient noise C = H (Hessian noise, B = 1),   exit e·θ ≥ √(2ΔL/h),
 * run by the real discrete optimizers with the rare-event solver (an expression exit; the score is e·θ).
 *
 * The prediction (this toolkit's, docs/theory.md §4): linearise at the minimum with Adam's coordinate-wise
 * preconditioner P = diag(v)^{−½} at v = diag(C)/B (InvAdam: P = diag(v)^{½}). For C = H the Lyapunov equation
 * PHΣ + ΣHP = (η/B)·PHP of the Ornstein–Uhlenbeck process is solved by Σ = η·P/(2B) exactly, and the least action
 * to reach the line e·θ = edge is edge²/(2·eᵀΣe):
 *   ΔΦ_OU = 2B·ΔL / (η·h·eᵀPe).
 * Axis-aligned (α = 0) eᵀPe = h^{−½}: k = ½ (InvAdam 3/2). At 45° the diagonal of H is (h + T)/2 for both
 * coordinates, dominated by T ≫ h, so P hardly sees h and k → 1 (SGD's). η is placed where ΔΦ_OU hits the targets.
 */
import { compileScenario } from '../scenario/compile.js';
import { solveAms } from '../montecarlo/ams/index.js';
import { birgeScaled, selectivityExponent, weightedLine, type EscapePointData, type SelectivityFit } from '../stats/index.js';
import type { RunSize } from './claim.js';

export interface RotatedCase {
  optimizer: 'adam' | 'invadam';
  /** rotation angle of the escape direction from the x axis, degrees */
  angle: number;
  /** transverse curvature */
  T: number;
}

export interface RotatedProtocol { hs: number[]; targets: number[]; runs: number }

export const ROTATED_SIZE: Record<RunSize, RotatedProtocol> = {
  quick: { hs: [0.5, 2], targets: [8, 14], runs: 5 },
  full: { hs: [0.5, 1, 2, 4], targets: [8, 15, 22, 30], runs: 10 },
};

/** the exit's loss level: (∇L)² adds at most 2h·ΔL to a coordinate of v, a few % of v = (h + T)/2 at 45° with T = 10, up to 2ΔL = 10% of v = h axis-aligned */
export const ROTATED_DL = 0.05;
const NOISE = { kind: 'hessian', floor: 0 };
/** P = v^{−p} of the optimizer (ε negligible) */
const POWER = { adam: 0.5, invadam: -0.5 } as const;

/** eᵀPe at the minimum for curvature h (B = 1) */
export function ePe(c: RotatedCase, h: number): number {
  const a = (c.angle * Math.PI) / 180, co = Math.cos(a), si = Math.sin(a);
  const v1 = h * co * co + c.T * si * si, v2 = h * si * si + c.T * co * co, p = POWER[c.optimizer];
  return co * co * v1 ** -p + si * si * v2 ** -p;
}

/** ΔΦ_OU = 2B·ΔL/(η·h·eᵀPe) */
export const deltaPhiOU = (c: RotatedCase, h: number, eta: number, dL = ROTATED_DL) => (2 * dL) / (eta * h * ePe(c, h));

/** the predicted k on the protocol's curvatures: −(least-squares slope of ln(η·ΔΦ_OU) against ln h) */
export function predictedK(c: RotatedCase, hs: number[]): number {
  const f = weightedLine(hs.map(Math.log), hs.map((h) => Math.log(deltaPhiOU(c, h, 1))), hs.map(() => 1));
  return -f.slope;
}

/** the scenario: the rotated minimum run by the discrete optimizer at rate eta */
export function rotatedMinimum(c: RotatedCase, h: number, eta: number, simulation: Record<string, unknown>, dL = ROTATED_DL): Record<string, unknown> {
  const a = (c.angle * Math.PI) / 180, co = Math.cos(a), si = Math.sin(a);
  return {
    name: `${c.optimizer}: rotated minimum h=${h}, T=${c.T}, ${c.angle}°`,
    landscape: { expr: 'h*(co*x + si*y)^2/2 + T*(co*y - si*x)^2/2', vars: ['x', 'y'], params: { h, T: c.T, co, si } }, start: [0, 0],
    exit: { expr: `${co}*x + ${si}*y`, above: Math.sqrt((2 * dL) / h) },
    dynamics: { discrete: c.optimizer, lr: eta, batch: 1, noise: NOISE, eps: 1e-8 },
    simulation,
  };
}

export interface RotatedPoint extends EscapePointData { deltaPhiOU: number; steps: number }

/** δ of S(h) ∝ Sref(h)·h^{−δ}: 0 when the measured slopes follow the reference's shape */
export interface ShapeFit { delta: number; se: number; ci95: [number, number]; chi2: number; dof: number }

/**
 * The measured slopes S(h) = d ln τ/d(1/η) against a reference shape Sref(h): a weighted line ln(S/Sref) = c − δ·ln h,
 * errors scaled by the Birge ratio as in k's fit. Between 0° and 45° the OU prediction's local exponent changes with h
 * (ln S_OU is not a line in ln h), so a single k fits its own prediction badly; the shape test compares the
 * prediction as it is.
 */
export function shapeFit(fit: SelectivityFit, ref: (h: number) => number): ShapeFit {
  const s = fit.slopes;
  const g = weightedLine(s.map((x) => Math.log(x.h)), s.map((x) => Math.log(x.value / ref(x.h))), s.map((x) => x.se / x.value));
  const { se, q } = birgeScaled(g.seSlope, g.chi2, g.dof);
  const d = -g.slope;
  return { delta: d, se, ci95: [d - q * se, d + q * se], chi2: g.chi2, dof: g.dof };
}

export interface RotatedMeasurement {
  case: RotatedCase;
  points: RotatedPoint[];
  fit: SelectivityFit;
  /** k of ΔΦ_OU on the same curvatures */
  kPredicted: number;
  /** the axis-aligned k of the same optimizer, 1 − p */
  kAxisAligned: number;
  /** S(h) against the OU prediction's shape 1/(h·eᵀPe) (decides) and against the axis-aligned h^{−(1−p)} (the control) */
  shape: { ou: ShapeFit; axisAligned: ShapeFit };
  seconds: number;
}

export async function measureRotated(c: RotatedCase, size: RunSize, seed = 1): Promise<RotatedMeasurement> {
  const t0 = performance.now();
  const { hs, targets, runs } = ROTATED_SIZE[size];
  const points: RotatedPoint[] = [];
  for (const h of hs) {
    for (const target of targets) {
      const eta = (2 * ROTATED_DL) / (target * h * ePe(c, h));
      const sim = { trajectories: 1, maxTime: 1e300, seed: `${seed}:rotated:${JSON.stringify(c)}:h=${h}:target=${target}`, method: 'ams', ams: { runs } };
      const o = await solveAms(compileScenario(rotatedMinimum(c, h, eta, sim)));
      points.push({ h, eta, lnTau: Math.log(o.mfpt.estimate), se: o.mfpt.relSE, deltaPhiOU: target, steps: o.steps.loops + o.steps.ams });
    }
  }
  const fit = selectivityExponent(points), kAxis = 1 - POWER[c.optimizer];
  const shape = { ou: shapeFit(fit, (h) => deltaPhiOU(c, h, 1)), axisAligned: shapeFit(fit, (h) => h ** -kAxis) };
  return { case: c, points, fit, kPredicted: predictedK(c, hs), kAxisAligned: kAxis, shape, seconds: (performance.now() - t0) / 1000 };
}
