/**
 * The `simulate --method ams --json` summary: the keys of the direct summary that apply (mfpt with `se` the
 * relative standard error, iterations, steps, throughput, backend, seed, the chain's dt, integrator and bridge),
 * `method: "ams"`, and an `ams` object with p, the loop and reactive times, the run counts and diagnostics.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import type { AmsOutcome } from './index.js';

export function amsSummary(c: EscapeProblem, o: AmsOutcome) {
  const sim = c.scenario.simulation, e = o.estimate, dt = c.dt;
  const lr = c.discrete ? c.dt : c.model!.lr;
  const steps = o.steps.loops + o.steps.ams;
  return {
    scenario: c.scenario.name,
    model: c.model!.spec.model,
    convention: c.model!.convention,
    method: 'ams' as const,
    mfpt: { estimate: o.mfpt.estimate, ci95: o.mfpt.ci95, se: o.mfpt.relSE, method: 'ams (loop identity)' },
    iterations: lr !== null ? { estimate: o.mfpt.estimate / lr, ci95: [o.mfpt.ci95[0] / lr, o.mfpt.ci95[1] / lr] as [number, number] } : null,
    steps,
    stepsPerSecond: o.seconds > 0 ? steps / o.seconds : 0,
    seconds: o.seconds,
    backend: o.backend,
    workers: o.workers,
    seed: sim.seed,
    dt,
    integrator: sim.integrator,
    bridge: c.passage.bridge,
    complete: true,
    error: null,
    warnings: c.warnings,
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

export type AmsSummary = ReturnType<typeof amsSummary>;
