/**
 * The rare-event solver (simulation.method "ams"; docs/rare-events.md): for each of R runs, a chain of loops
 * gives n entrance points on Σ and loop durations (loops.ts), and one AMS run gives p̂ (run.ts); the loop
 * identity combines them into the mean first-passage time with its interval (stats/splitting.ts). Runs are
 * independent and keyed by their index, so the estimate is a pure function of (scenario, seed).
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { splittingMFPT, type SplittingEstimate } from '../../stats/splitting.js';
import { chainOf } from './chain.js';
import { loopChain } from './loops.js';
import { amsRun } from './run.js';

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
}

export async function solveAms(problem: EscapeProblem, opts: { signal?: AbortSignal } = {}): Promise<AmsOutcome> {
  const c = chainOf(problem);
  const { replicas: n, kill: k, runs: R } = c.ams;
  const t0 = performance.now();
  const p: number[] = [], reactive: number[] = [], failedLoops: number[] = [], toLevel: number[] = [], iterations: number[] = [];
  let loopSteps = 0, amsSteps = 0;
  for (let r = 0; r < R; r++) {
    if (opts.signal?.aborted) throw new Error(`interrupted after ${r} of ${R} AMS runs`);
    const loops = loopChain(c, r, n);
    failedLoops.push(...loops.failedLoops);
    toLevel.push(...loops.toLevel);
    loopSteps += loops.steps;
    const run = amsRun(c, r, loops.entrances);
    p.push(run.p);
    reactive.push(run.reactive);
    iterations.push(run.iterations);
    amsSteps += run.steps;
    await new Promise((res) => setImmediate(res));
  }
  const estimate = splittingMFPT({ p, reactive, failedLoops, toLevel, replicas: n, kill: k });
  // steps → time; the exit-time rule of the chain (scenario/problem.ts) for the one exit of the path
  const dt = problem.dt, toTime = (steps: number) => (steps - problem.exitOffset) * dt;
  return {
    mfpt: { estimate: toTime(estimate.estimate), ci95: [toTime(estimate.ci95[0]), toTime(estimate.ci95[1])], relSE: estimate.relSE },
    estimate, runs: R, replicas: n, kill: k,
    iterations: { mean: iterations.reduce((a, b) => a + b, 0) / R, max: Math.max(...iterations) },
    levels: { set: c.ams.setLevel, sigma: c.ams.sigmaLevel, exit: c.ams.exit.level },
    steps: { loops: loopSteps, ams: amsSteps },
    seconds: (performance.now() - t0) / 1000,
  };
}
