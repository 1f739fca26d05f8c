/**
 * One measurement of a claim: a scenario's escape time by Monte Carlo (the engine, all cores) beside its theory
 * (exact quadrature and the Kramers-type asymptotics of `escapelab theory`).
 */
import { compileScenario } from '../scenario/compile.js';
import { runEnsemble } from '../montecarlo/engine.js';
import { summarize, type Summary } from '../montecarlo/summary.js';
import { survivalOnGrid } from '../stats/index.js';
import { EXITED } from '../montecarlo/state.js';
import { theoryOfSystem, type TheoryReport } from '../theory/scenario.js';
import { builtinLandscape } from '../landscapes/builtins/index.js';

export interface EscapePoint {
  /** the swept parameter(s) of this point */
  label: string;
  /** the value of the swept parameter that plots put on their x axis (MeasureOptions.swept), null if none */
  swept: number | null;
  /** Monte Carlo mean escape time (time units; iterations for a discrete optimizer is `iterations`) */
  mc: { estimate: number; ci95: [number, number] };
  /** the same in iterations (null for langevin) */
  iterations: { estimate: number; ci95: [number, number] } | null;
  theory: TheoryReport;
  escaped: number;
  trajectories: number;
  steps: number;
  seconds: number;
  /** the Monte Carlo backend that ran (`auto` resolves to the fastest validated one) */
  backend: string;
  /** Kaplan–Meier survival S(t) on 41 times from 0 to 3·(exact MFPT) (time units) */
  survival: { t: number[]; s: number[] };
}

export interface MeasureOptions {
  trajectories: number;
  seed: number;
  backend?: string;
  /** the swept parameter's value (carried to EscapePoint.swept for plots; does not change the measurement) */
  swept?: number;
}

/**
 * The seed of a point is the string `${seed}:${label}`: points get independent noise streams. (With one shared
 * seed, similar scenarios are driven by the same random numbers, their errors are correlated, and a pooled CI
 * that assumes independence is too narrow.)
 */
export function measureEscape(label: string, scenario: Record<string, unknown>, o: MeasureOptions): Promise<EscapePoint> {
  // a point is a pure function of (label, scenario, options): claims that share points (invadam-escapes-sharp
  // re-measures the SGD and Adam points of their own claims) get the very same numbers without running them again
  const key = JSON.stringify([label, scenario, o.trajectories, o.seed, o.backend ?? 'auto']);
  let p = measured.get(key);
  if (!p) {
    p = measureOnce(label, scenario, o);
    measured.set(key, p);
    p.catch(() => measured.delete(key));
  }
  return p.then((point) => ({ ...structuredClone(point), swept: o.swept ?? null }));
}

/** the points measured in this process (small: a summary and 41 survival values each) */
const measured = new Map<string, Promise<EscapePoint>>();

async function measureOnce(label: string, scenario: Record<string, unknown>, o: MeasureOptions): Promise<EscapePoint> {
  const c = compileScenario(scenario, { trajectories: o.trajectories, seed: `${o.seed}:${label}`, backend: o.backend ?? 'auto' });
  const theory = theoryOfSystem(c);
  const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: o.trajectories } });
  const s: Summary = summarize(c, run.results, run);
  if (s.error || !s.mfpt) throw new Error(`${label}: the Monte Carlo run failed: ${s.error ?? 'no escape-time estimate'}`);
  const horizon = 3 * (theory.mfpt.exact ?? s.mfpt.estimate);
  const grid = Array.from({ length: 41 }, (_, i) => (i * horizon) / 40);
  const cens = new Uint8Array(run.results.status.length);
  for (let i = 0; i < cens.length; i++) cens[i] = run.results.status[i] === EXITED ? 0 : 1;
  const S = survivalOnGrid(run.results.time, cens, grid);
  return {
    label, swept: null, theory, survival: { t: grid, s: Array.from(S) },
    mc: { estimate: s.mfpt.estimate, ci95: s.mfpt.ci95 },
    iterations: s.iterations,
    escaped: s.escaped, trajectories: s.trajectories, steps: s.steps, seconds: s.seconds, backend: s.backend,
  };
}

/**
 * The integrator of every Monte Carlo SDE point of `verify`. Euler–Maruyama's bias with state-dependent noise
 * is visible at the full size: on the InvAdam point H_a = 2 of invadam-escapes-sharp (exact MFPT 16.926, 20000
 * trajectories each) it measured −4.9%, −2.6%, −2.1%, −1.6%, −0.2% at dt = 4, 2, 1, 0.5, 0.25·10⁻³, where Milstein measured
 * +1.2% and +0.2% (± 0.7%) at dt = 2 and 1·10⁻³ (docs/claims.md, "Step-size bias"). With additive noise the two
 * are the same scheme.
 */
export const MC_INTEGRATOR = 'milstein';

/**
 * A 1-D well-barrier scenario (design.md §3 built-in): start at the minimum 0, exit one unit past the barrier
 * top b (as in examples/well-barrier-*.json), reflecting wall three well widths √(2ΔL/H_a) below the minimum.
 */
export function wellBarrier(o: { Ha: number; Hb: number; dL: number; dynamics: Record<string, unknown>; dt?: number; maxTime?: number; name?: string }): Record<string, unknown> {
  const b = builtinLandscape('well-barrier', { Ha: o.Ha, Hb: o.Hb, dL: o.dL }).known.saddle[0];
  const sim: Record<string, unknown> = { trajectories: 1, maxTime: o.maxTime ?? 1e6, seed: 1 };
  if (o.dt !== undefined || !('discrete' in o.dynamics)) sim.dt = o.dt ?? 1e-3;
  if (!('discrete' in o.dynamics)) sim.integrator = MC_INTEGRATOR;
  return {
    name: o.name ?? `well-barrier Ha=${o.Ha} Hb=${o.Hb} dL=${o.dL}`,
    landscape: { builtin: 'well-barrier', Ha: o.Ha, Hb: o.Hb, dL: o.dL },
    start: 'minimum',
    exit: { var: 'x', above: b + 1 },
    reflect: { var: 'x', below: -3 * Math.sqrt((2 * o.dL) / o.Ha) },
    dynamics: o.dynamics,
    simulation: sim,
  };
}
