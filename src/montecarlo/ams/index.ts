/**
 * The rare-event solver (simulation.method "ams"; docs/rare-events.md): for each of R runs, a chain of loops
 * gives n entrance points on Σ and loop durations (loops.ts), and one AMS run gives p̂ (run.ts); the loop
 * identity combines them into the mean first-passage time with its interval (stats/splitting.ts). Runs are
 * independent and keyed by their index, so the estimate is a pure function of (scenario, seed).
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { splittingMFPT, type SplittingEstimate } from '../../stats/splitting.js';
import { availableParallelism } from 'node:os';
import { ScenarioError } from '../../scenario/errors.js';
import { chainOf } from './chain.js';
import { oneRun, type RunRecord } from './one-run.js';
import { runsOnWorkers } from './pool.js';

export interface AmsOutcome {
  /** time units */
  mfpt: { estimate: number; ci95: [number, number]; relSE: number };
  estimate: SplittingEstimate;
  runs: number;
  replicas: number;
  kill: number;
  iterations: { mean: number; max: number };
  levels: { set: number; sigma: number; exit: number };
  steps: { loops: number; ams: number };
  seconds: number;
  backend: 'cpu' | 'workers';
  workers: number;
}

/** `auto`: worker threads when there is more than one core and at least two runs per core. */
export function amsBackend(requested: string, runs: number): 'cpu' | 'workers' {
  if (requested === 'cpu' || requested === 'workers') return requested;
  if (requested !== 'auto') throw new ScenarioError([{ field: 'scenario.simulation.backend', message: `'ams' runs on 'cpu' or 'workers' (or 'auto'), not '${requested}'` }]);
  return availableParallelism() > 1 && runs >= 2 * availableParallelism() ? 'workers' : 'cpu';
}

async function runsOnThisThread(problem: EscapeProblem, signal?: AbortSignal): Promise<RunRecord[]> {
  const c = chainOf(problem), out: RunRecord[] = [];
  for (let r = 0; r < c.ams.runs; r++) {
    if (signal?.aborted) throw new Error(`interrupted after ${r} of ${c.ams.runs} AMS runs`);
    out.push(oneRun(c, r));
    await new Promise((res) => setImmediate(res));
  }
  return out;
}

export async function solveAms(problem: EscapeProblem, opts: { signal?: AbortSignal; backend?: string; workers?: number } = {}): Promise<AmsOutcome> {
  const ams = problem.ams;
  if (!ams) throw new Error('internal: the AMS solver needs problem.ams');
  const sim = problem.scenario.simulation;
  const backend = amsBackend(opts.backend ?? sim.backend, ams.runs);
  const workers = backend === 'workers' ? (opts.workers ?? sim.workers ?? availableParallelism()) : 1;
  const t0 = performance.now();
  const records = backend === 'workers' ? await runsOnWorkers(problem, workers, opts.signal) : await runsOnThisThread(problem, opts.signal);
  const estimate = splittingMFPT({
    p: records.map((r) => r.p), reactive: records.map((r) => r.reactive),
    failedLoops: records.flatMap((r) => r.failedLoops), toLevel: records.flatMap((r) => r.toLevel),
    replicas: ams.replicas, kill: ams.kill,
  });
  const iterations = records.map((r) => r.iterations);
  // steps → time; the exit-time rule of the chain (scenario/problem.ts) for the one exit of the path
  const dt = problem.dt, toTime = (steps: number) => (steps - problem.exitOffset) * dt;
  return {
    mfpt: { estimate: toTime(estimate.estimate), ci95: [toTime(estimate.ci95[0]), toTime(estimate.ci95[1])], relSE: estimate.relSE },
    estimate, runs: ams.runs, replicas: ams.replicas, kill: ams.kill,
    iterations: { mean: iterations.reduce((a, b) => a + b, 0) / ams.runs, max: Math.max(...iterations) },
    levels: { set: ams.setLevel, sigma: ams.sigmaLevel, exit: ams.exit.level },
    steps: { loops: records.reduce((a, r) => a + r.loopSteps, 0), ams: records.reduce((a, r) => a + r.amsSteps, 0) },
    seconds: (performance.now() - t0) / 1000,
    backend, workers,
  };
}
