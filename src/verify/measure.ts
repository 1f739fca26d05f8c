/**
 * One measurement of a claim: a scenario's escape time by Monte Carlo (the engine, all cores) beside its theory
 * (exact quadrature and the Kramers-type asymptotics of `escapelab theory`).
 */
import { compileScenario } from '../scenario/compile.js';
import { runEnsemble } from '../montecarlo/engine.js';
import { summarize, type Summary } from '../montecarlo/summary.js';
import { survivalOnGrid } from '../montecarlo/estimators.js';
import { EXITED } from '../montecarlo/state.js';
import { theoryOfSystem, type TheoryReport } from '../theory/scenario.js';
import { builtinLandscape } from '../landscapes/builtins.js';

export interface EscapePoint {
  /** the swept parameter(s) of this point */
  label: string;
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
}

/**
 * The seed of a point is the string `${seed}:${label}`: points get independent noise streams. (With one shared
 * seed, similar scenarios are driven by the same random numbers, their errors are correlated, and a pooled CI
 * that assumes independence is too narrow.)
 */
export async function measureEscape(label: string, scenario: Record<string, unknown>, o: MeasureOptions): Promise<EscapePoint> {
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
    label, theory, survival: { t: grid, s: Array.from(S) },
    mc: { estimate: s.mfpt.estimate, ci95: s.mfpt.ci95 },
    iterations: s.iterations,
    escaped: s.escaped, trajectories: s.trajectories, steps: s.steps, seconds: s.seconds, backend: s.backend,
  };
}

/**
 * A 1-D well-barrier scenario (design.md §3 built-in): start at the minimum 0, exit one unit past the barrier
 * top b (as in examples/well-barrier-*.json), reflecting wall three well widths √(2ΔL/H_a) below the minimum.
 */
export function wellBarrier(o: { Ha: number; Hb: number; dL: number; dynamics: Record<string, unknown>; dt?: number; maxTime?: number; name?: string }): Record<string, unknown> {
  const b = builtinLandscape('well-barrier', { Ha: o.Ha, Hb: o.Hb, dL: o.dL }).known.saddle[0];
  const sim: Record<string, unknown> = { trajectories: 1, maxTime: o.maxTime ?? 1e6, seed: 1 };
  if (o.dt !== undefined || !('discrete' in o.dynamics)) sim.dt = o.dt ?? 1e-3;
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
