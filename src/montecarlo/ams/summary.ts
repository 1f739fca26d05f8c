/**
 * The `simulate --method ams --json` summary: the keys of the direct summary that apply (mfpt with `se` the
 * relative standard error, iterations, steps, throughput, backend, seed, the chain's dt, integrator and bridge,
 * shard, complete, notRun), `method: "ams"`, and an `ams` object with p, the loop and reactive times, the run
 * counts and diagnostics. Finished runs that give no estimate (a one-run shard, an early interrupt) keep the keys,
 * with mfpt, iterations and ams null and the reason among the warnings.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import type { AmsOutcome, AmsWork } from './estimate.js';

/** What the summary is of: the whole run, a shard (`shard` "i/n"), or an interrupted call (`notRun` > 0). */
export interface AmsRunState {
  complete: boolean;
  shard: string | null;
  /** runs of this call's set that did not finish */
  notRun: number;
}

const WHOLE: AmsRunState = { complete: true, shard: null, notRun: 0 };

/** The keys that do not need an estimate. */
function head(c: EscapeProblem, steps: number, w: AmsWork, state: AmsRunState, warnings: string[]) {
  const sim = c.scenario.simulation;
  // as the direct summary (montecarlo/summary.ts): a discrete optimizer is named as such
  return {
    scenario: c.scenario.name,
    model: c.discrete ? `discrete ${c.discrete.optimizer}` : c.model!.spec.model,
    convention: c.model?.convention ?? 'ito',
    method: 'ams' as const,
    steps,
    stepsPerSecond: w.seconds > 0 ? steps / w.seconds : 0,
    seconds: w.seconds,
    backend: w.backend,
    workers: w.workers,
    seed: sim.seed,
    dt: c.dt,
    integrator: sim.integrator,
    bridge: c.passage.bridge,
    shard: state.shard,
    complete: state.complete,
    notRun: state.notRun,
    error: null,
    warnings: [...c.warnings, ...warnings],
  };
}

export function amsSummary(c: EscapeProblem, o: AmsOutcome, state: AmsRunState = WHOLE, warnings: string[] = []) {
  const e = o.estimate, dt = c.dt;
  const lr = c.discrete ? c.dt : c.model!.lr;
  const steps = o.steps.loops + o.steps.ams;
  return {
    ...head(c, steps, o, state, warnings),
    mfpt: { estimate: o.mfpt.estimate, ci95: o.mfpt.ci95, se: o.mfpt.relSE, method: 'ams (loop identity)' },
    iterations: lr !== null ? { estimate: o.mfpt.estimate / lr, ci95: [o.mfpt.ci95[0] / lr, o.mfpt.ci95[1] / lr] as [number, number] } : null,
    ams: {
      p: { estimate: e.p.estimate, ci95: e.p.ci95 },
      loop: { meanFailed: e.loop.meanFailed * dt, relSE: e.loop.relSE, count: e.loop.count, meanToLevel: e.loop.meanToLevel * dt },
      reactive: e.reactive * dt,
      runs: o.runs, replicas: o.replicas, kill: o.kill, iterations: o.iterations, extinctRuns: e.extinct,
      relVarPerRun: e.p.relVarPerRun, idealRelVarPerRun: e.p.idealRelVarPerRun,
      levels: o.levels,
      steps: o.steps,
      workNormalisedVariance: steps * o.mfpt.relSE ** 2,
    },
  };
}

/** Finished runs without an estimate: `reason` joins the warnings. */
export function amsSummaryWithout(c: EscapeProblem, steps: number, w: AmsWork, state: AmsRunState, reason: string) {
  return { ...head(c, steps, w, state, [reason]), mfpt: null, iterations: null, ams: null };
}

export type AmsSummary = ReturnType<typeof amsSummary> | ReturnType<typeof amsSummaryWithout>;
