/**
 * Counterexample search: fast-check draws (problem, hyperparameters), keeps the cases that satisfy the theorem's
 * assumptions (the covered cases; their fraction is the coverage, so a vacuous property shows), plays the
 * algorithm and checks two properties at every horizon of the grid:
 *   bound       R(t) ≤ bound(t)                         (theorems with constants)
 *   no-regret   the average regret decays                (every theorem, and the hypotheses without constants)
 * A failure is shrunk by fast-check to a small case, which is then replayed for its regret curve.
 *
 * "Average regret decays", operationally. A linear-regret witness is a run that at its horizon T
 *   (a) has a normalised average regret ρ(t) = R(t)/(t·d·G∞·D∞) ≥ 0.01 (ρ ≤ 1 always for convex losses:
 *       f(x) − f(x*) ≤ g·(x − x*) ≤ d·G∞·D∞) that fell by less than a quarter since T/4, where R = O(√t)
 *       predicts a halving;
 *   (b) has settled: no coordinate moved by more than D∞/20 in the last period, so the regret is not an
 *       overshoot transient of a large step size (such as InvAdam's α_t·g² early on);
 *   (c) is not approaching θ*: the period-averaged iterate is at least D∞/100 from θ*, and its distance fell by
 *       no more than one settled step since T/4 (a drift towards θ*, however slow, would end the linear phase);
 * and stays one when replayed 16× and 256× longer (persistence). A finite run cannot prove linear regret; a
 * persistent witness is the evidence, and the docs say so. Cases whose horizon is shorter than 20 memory lengths
 * of the algorithm (1/(1−β1) for a constant β1, 1/(1−β2)) are not covered by this property.
 */
import fc from 'fast-check';
import type { OnlineHyper } from './algorithms.js';
import { hyperArb, problemArb, type ProblemArbOptions } from './generators.js';
import type { OnlineProblem } from './problems.js';
import { runOnline, type HorizonRecord, type RunRecord } from './run.js';
import type { RegretTheorem } from './theorems.js';

export interface SearchBudget extends ProblemArbOptions {
  runs: number;
  seed: number;
}

export interface CurvePoint { t: number; regret: number; bound: number | null }

export interface Counterexample {
  problem: OnlineProblem;
  hyper: OnlineHyper;
  /** first horizon at which the property fails */
  horizon: number;
  regret: number;
  bound: number | null;
  /** normalised average regret ρ at the horizon */
  rho: number;
  curve: CurvePoint[];
  /** fast-check shrink steps that led here */
  shrinks: number;
  /** for a linear-regret witness: does it persist at 16× and 256× the horizon? */
  persistent?: boolean;
  longCurve?: CurvePoint[];
}

export interface PropertyResult {
  property: 'bound' | 'no-regret';
  runs: number;
  covered: number;
  coverage: number;
  /** over covered cases without a violation: the largest R(t)/bound(t) seen (how close the search came) */
  maxRatio: number | null;
  counterexample: Counterexample | null;
  /**
   * cases that met every assumption except one about the iterates (e.g. AdaMomentum's v_t ≤ v_{t+1}), where
   * the bound was checked anyway: how many, and how many broke it (information, not part of the verdict)
   */
  beyondAssumptions: { checked: number; violated: number } | null;
}

export interface SearchResult {
  theorem: string;
  budget: SearchBudget;
  bound: PropertyResult | null;
  noRegret: PropertyResult;
  seconds: number;
}

/**
 * Round-off allowance: a sum of t terms carries an error ≤ (t−1)·u·Σ|terms| (u = 2⁻⁵²; recursive summation),
 * so R(t) is trusted to t·u·scale; the bound, a short formula, to 1e-9 relative.
 */
const SLACK = (b: number, at: HorizonRecord) => b * (1 + 1e-9) + at.t * 2 ** -52 * at.scale + 1e-300;

/** the assumptions decidable before the run */
export function preconditions(th: RegretTheorem, p: OnlineProblem, h: OnlineHyper): boolean {
  return th.assumptions.every((a) => a.onRun || a.holds(p, h));
}

export function postconditions(th: RegretTheorem, p: OnlineProblem, h: OnlineHyper, r: RunRecord): boolean {
  return th.assumptions.every((a) => !a.onRun || a.holds(p, h, r));
}

export function firstBoundViolation(th: RegretTheorem, h: OnlineHyper, r: RunRecord): HorizonRecord | null {
  if (!th.bound) return null;
  for (const at of r.horizons) if (at.regret > SLACK(th.bound(h, r, at), at)) return at;
  return null;
}

export function rho(r: RunRecord, at: HorizonRecord): number {
  const scale = at.t * r.final.length * r.constants.Ginf * r.constants.Dinf;
  return scale > 0 ? at.regret / scale : 0;
}

/** the linear-regret witness test at the run's last horizon (null when it is not a witness) */
export function linearRegretWitness(r: RunRecord): HorizonRecord | null {
  const H = r.horizons, last = H[H.length - 1];
  if (last.t < 64) return null;
  let quarter = H[0];
  for (const at of H) if (at.t <= last.t / 4) quarter = at;
  const rT = rho(r, last), rQ = rho(r, quarter);
  if (!(rT >= 0.01 && rT >= 0.75 * rQ)) return null;
  const D = r.constants.Dinf;
  if (last.maxStep > D / 20) return null;
  const dist = (at: HorizonRecord) => Math.max(...at.xbar.map((x, i) => Math.abs(x - at.argmin[i])));
  // not approaching: since T/4 the distance to θ* fell by no more than one (settled) step, so a slow drift towards
  // θ* (which would end the linear phase, however late) is not taken for linear regret
  const dT = dist(last), dQ = dist(quarter);
  return dT >= D / 100 && dT >= dQ - last.maxStep ? last : null;
}

/** the longest averaging time of the algorithm's moments, in rounds */
export function memory(h: OnlineHyper): number {
  const m1 = h.beta1Schedule === 'constant' ? 1 / (1 - h.beta1) : 1;
  return Math.max(m1, 1 / (1 - h.beta2));
}

/** the replays of a witness, as multiples of its horizon */
export const PERSISTENCE = [16, 256];

/** a linear-regret witness at T that is still one at 16T and at 256T */
export function persistentWitness(th: RegretTheorem, h: OnlineHyper, p: OnlineProblem, r: RunRecord): boolean {
  if (linearRegretWitness(r) === null) return false;
  return PERSISTENCE.every((k) => linearRegretWitness(runOnline(th.algorithm, h, { ...p, horizon: k * p.horizon })) !== null);
}

function curveOf(th: RegretTheorem, h: OnlineHyper, r: RunRecord): CurvePoint[] {
  return r.horizons.map((at) => ({ t: at.t, regret: at.regret, bound: th.bound ? th.bound(h, r, at) : null }));
}

export function searchTheorem(th: RegretTheorem, budget: SearchBudget): SearchResult {
  const t0 = performance.now();
  const problems = problemArb(budget);
  const hypers = hyperArb({ beta1Schedules: th.beta1Schedules, eps: th.eps, withP: th.algorithm === 'padam', withXi: th.algorithm === 'dualadam' });

  const runProperty = (kind: 'bound' | 'no-regret'): PropertyResult => {
    const flags: boolean[] = [];
    const beyond = { checked: 0, violated: 0 };
    let maxRatio: number | null = null;
    // fast-check generates until the first failure, then shrinks: only the generated cases count for coverage
    let generating = true;
    const check = (p: OnlineProblem, h: OnlineHyper): boolean => {
      if (kind === 'no-regret' && p.horizon < 20 * memory(h)) { if (generating) flags.push(false); return true; }
      if (!preconditions(th, p, h)) { if (generating) flags.push(false); return true; }
      const r = runOnline(th.algorithm, h, p);
      if (!postconditions(th, p, h, r)) {
        if (generating) {
          flags.push(false);
          // the bound checked anyway where only an assumption about the iterates failed (information, not a verdict)
          if (kind === 'bound') { beyond.checked++; if (firstBoundViolation(th, h, r)) beyond.violated++; }
        }
        return true;
      }
      if (generating) flags.push(true);
      if (kind === 'bound') {
        const bad = firstBoundViolation(th, h, r);
        if (bad) return false;
        if (generating) for (const at of r.horizons) {
          const b = th.bound!(h, r, at);
          if (b > 0) maxRatio = Math.max(maxRatio ?? -Infinity, at.regret / b);
        }
        return true;
      }
      return !persistentWitness(th, h, p, r);
    };
    const details = fc.check(
      fc.property(problems, hypers, (p, h) => {
        const ok = check(p, h);
        if (!ok) generating = false;
        return ok;
      }),
      { numRuns: budget.runs, seed: budget.seed },
    );
    const runs = details.numRuns;
    const covered = flags.slice(0, runs).filter(Boolean).length;
    let counterexample: Counterexample | null = null;
    if (details.failed && details.counterexample) {
      const [p, h] = details.counterexample as [OnlineProblem, OnlineHyper];
      counterexample = describeCounterexample(th, kind, p, h, details.numShrinks);
    }
    return {
      property: kind, runs, covered, coverage: runs ? covered / runs : 0, maxRatio, counterexample,
      beyondAssumptions: th.assumptions.some((a) => a.onRun) && kind === 'bound' ? beyond : null,
    };
  };

  const bound = th.bound ? runProperty('bound') : null;
  const noRegret = runProperty('no-regret');
  return { theorem: th.id, budget, bound, noRegret, seconds: (performance.now() - t0) / 1000 };
}

export function describeCounterexample(th: RegretTheorem, kind: 'bound' | 'no-regret', p: OnlineProblem, h: OnlineHyper, shrinks: number): Counterexample {
  const r = runOnline(th.algorithm, h, p);
  const at = kind === 'bound' ? firstBoundViolation(th, h, r)! : linearRegretWitness(r)!;
  const ce: Counterexample = {
    problem: p, hyper: h, horizon: at.t, regret: at.regret, bound: th.bound ? th.bound(h, r, at) : null,
    rho: rho(r, at), curve: curveOf(th, h, r), shrinks,
  };
  if (kind === 'no-regret') {
    ce.persistent = persistentWitness(th, h, p, r);
    const k = PERSISTENCE[PERSISTENCE.length - 1];
    ce.longCurve = curveOf(th, h, runOnline(th.algorithm, h, { ...p, horizon: k * p.horizon }));
  }
  return ce;
}
