/**
 * The selectivity exponent k of the real discrete optimizers, measured by the rare-event solver on the optimizer's
 * whole state (θ, moments, step count; docs/rare-events.md, "Discrete optimizers"), on the quadratic wells of
 * verify/selectivity.ts: L = h·θ²/2, gradient noise g = L′ + √(C/B)·ξ with C = H = h, left at the loss level ΔL.
 *
 * η is placed per (h, level) where the optimizer's quasi-static SDE (docs/theory.md §3) has the target exact ln τ,
 * and the same two-stage fit (stats/selectivity.ts) gives k from the discrete ln τ. Beside it, two continuous
 * descriptions of the same chain (docs/claims.md, "The real optimizers"):
 *   quasi-static       P = P(v) with v = (L′)² + C/B at every θ (the SDE models of this toolkit);
 *   frozen             P = P(C/B), its value at the minimum: SGD at the rate η·P(h/B).
 * Their slopes S = d ln τ/d(1/η) (exact ln τ by quadrature at the same η) against the discrete one say which the
 * optimizer follows; a pooled ratio S_discrete/S_description with its 95% CI, per β2.
 *
 * A symmetry worth knowing: the substitution θ = φ/√h maps the discrete chain at (h, η, ε) onto the chain at
 * (1, η·h^{1−p}, ε/√h) for P ∝ v^{−p} (SGD p = 0, Adam ½, InvAdam −½), bias correction and moments included
 * (test/verify/real-optimizers.test.ts checks it step for step), so on this family τ in iterations is a function of
 * η·h^{1−p} alone and k = 1 − p whatever η, β1 and β2 are (ε being negligible), up to the ln η that time units add
 * to ln τ (the points are placed in time units; it moves the fitted k by about 0.001–0.003). The measurement tests that the
 * optimizers as implemented keep it, in the regime where the claims are stated; the rotated minima
 * (verify/rotated.ts) are where it breaks.
 */
import { compileScenario } from '../scenario/compile.js';
import { solveAms } from '../montecarlo/ams/index.js';
import { selectivityExponent, type SelectivityFit } from '../stats/index.js';
import type { RunSize } from './claim.js';
import { exactLnTauOnWell, exponentAndRate, lrForTarget, memoised, quadraticWell, slopeRatio, SELECTIVITY_SIZE, type SelectivityMeasurement, type SelectivityPoint, type SelectivityProtocol } from './selectivity.js';

/** a discrete optimizer and its quasi-static SDE model; `power` is p of P ∝ v^{−p} (the frozen description) */
export interface DiscreteOptimizerCase {
  optimizer: 'sgd' | 'adam' | 'invadam' | 'padam' | 'dualadam';
  /** the optimizer's hyperparameters besides lr (β2 among them) */
  hyper: Record<string, unknown>;
  /** the quasi-static SDE model (dynamics without lr) */
  model: Record<string, unknown>;
  power: number;
  /**
   * β2 tied to η (the scan with 1 − β2 ∝ η): at each point 1 − β2 = r·η·P·h, i.e. v's memory 1/(1 − β2) is the
   * relaxation time 1/(η·P·h) in steps divided by r (P = h^{−p} at B = 1). Overrides hyper.beta2.
   */
  beta2Coupling?: number;
}

/** ΔL of the discrete wells: (L′)²·B/C reaches 2B·ΔL = 0.1 at the exit, where the two descriptions part by a few % */
export const DISCRETE_DL = 0.05;
const NOISE = { kind: 'hessian', floor: 0 };

/** quick: R = 5 and ln τ = 8, 14 (the discrete chains take small steps); full: the SDE claims' protocol */
export const DISCRETE_SIZE: Record<RunSize, SelectivityProtocol> = {
  quick: { hs: [0.5, 2], targets: [8, 14], runs: 5 },
  full: SELECTIVITY_SIZE.full,
};

export interface DiscretePoint extends SelectivityPoint {
  /** exact ln τ of the frozen-preconditioner description at the same η, in its own time units (η·h^{−p} per iteration: a constant −p·ln h from lnTau's, which leaves the slopes S unchanged) */
  frozenLnTau: number;
}

export interface LimitComparison {
  /** S_discrete / S_quasi-static pooled over h, with its 95% CI */
  quasiStatic: ReturnType<typeof slopeRatio>;
  /** S_discrete / S_frozen */
  frozen: ReturnType<typeof slopeRatio>;
  /** which descriptions the pooled ratio's CI holds at 1 */
  follows: 'quasi-static' | 'frozen' | 'both' | 'neither';
}

export interface DiscreteSelectivityMeasurement extends SelectivityMeasurement {
  points: DiscretePoint[];
  /** the estimator on the frozen description's exact ln τ */
  frozenFit: SelectivityFit;
  limits: LimitComparison;
  beta2: number | null;
}

const inside = (ci: [number, number]) => ci[0] <= 1 && 1 <= ci[1];

function compareLimits(fit: SelectivityFit, qs: SelectivityFit, frozen: SelectivityFit): LimitComparison {
  const a = slopeRatio(fit, qs), b = slopeRatio(fit, frozen);
  const [x, y] = [inside(a.ci95), inside(b.ci95)];
  return { quasiStatic: a, frozen: b, follows: x && y ? 'both' : x ? 'quasi-static' : y ? 'frozen' : 'neither' };
}


/** the discrete optimizer's scenario on the well (no SDE convention; dt is η) */
function discreteWell(c: DiscreteOptimizerCase, h: number, lr: number, sim: Record<string, unknown>, dL: number): Record<string, unknown> {
  const sc = quadraticWell(h, { model: 'sgd', lr, noise: NOISE }, sim, dL);
  const beta2 = c.beta2Coupling === undefined ? {} : { beta2: 1 - c.beta2Coupling * lr * h ** (1 - c.power) };
  return { ...sc, dynamics: { discrete: c.optimizer, lr, batch: 1, noise: NOISE, ...c.hyper, ...beta2 } };
}

async function measurePoint(c: DiscreteOptimizerCase, h: number, target: number, runs: number, seed: number, dL: number): Promise<DiscretePoint> {
  const model = { ...c.model, noise: NOISE };
  const lr = lrForTarget(h, model, target, dL);
  const qs = exactLnTauOnWell(h, { ...model, lr }, dL);
  // frozen: P(v) at v = C/B = h (B = 1), i.e. SGD at the rate η·h^{−p}
  const frozen = exactLnTauOnWell(h, { model: 'sgd', lr: lr * h ** -c.power, noise: NOISE }, dL);
  const sim = { trajectories: 1, maxTime: 1e300, seed: `${seed}:${c.optimizer}:${JSON.stringify(c.hyper)}${c.beta2Coupling === undefined ? '' : `:r=${c.beta2Coupling}`}:h=${h}:target=${target}`, method: 'ams', ams: { runs } };
  const o = await solveAms(compileScenario(discreteWell(c, h, lr, sim, dL)));
  return { h, eta: lr, lnTau: Math.log(o.mfpt.estimate), se: o.mfpt.relSE, exactLnTau: qs, frozenLnTau: frozen, deltaPhi: exponentAndRate(h, { ...model, lr }, dL).deltaPhi, dt: lr, steps: o.steps.loops + o.steps.ams };
}

/** k of a discrete optimizer by AMS on its whole state, with the two continuous descriptions beside it (memoised like measureSelectivity) */
export function measureDiscreteSelectivity(c: DiscreteOptimizerCase, size: RunSize, seed = 1, dL = DISCRETE_DL): Promise<DiscreteSelectivityMeasurement> {
  return measureMemo(c, size, seed, dL);
}

const measureMemo = memoised(measureOnce);

async function measureOnce(c: DiscreteOptimizerCase, size: RunSize, seed: number, dL: number): Promise<DiscreteSelectivityMeasurement> {
  const t0 = performance.now();
  const { hs, targets, runs } = DISCRETE_SIZE[size];
  const points: DiscretePoint[] = [];
  for (const h of hs) for (const target of targets) points.push(await measurePoint(c, h, target, runs, seed, dL));
  const fit = selectivityExponent(points);
  const exact = selectivityExponent(points.map((q) => ({ ...q, lnTau: q.exactLnTau })));
  const frozenFit = selectivityExponent(points.map((q) => ({ ...q, lnTau: q.frozenLnTau })));
  return {
    points, fit, exact, frozenFit, limits: compareLimits(fit, exact, frozenFit),
    // a coupled β2 varies from point to point (sims/discrete-beta2-coupled.mts prints its range)
    beta2: c.beta2Coupling === undefined && typeof c.hyper.beta2 === 'number' ? c.hyper.beta2 : null,
    deltaPhiMax: Math.max(...points.map((q) => q.deltaPhi)),
    seconds: (performance.now() - t0) / 1000,
  };
}
