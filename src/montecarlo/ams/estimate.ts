/**
 * The rare-event estimate from finished run records: the one step shared by a whole run (solveAms), a resumed
 * run and a merge of shards, so that all three give the same numbers for the same records. The records are put
 * in run order first: splittingMFPT's sums then see the values in the same order wherever they were computed.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { splittingMFPT, type SplittingEstimate } from '../../stats/splitting.js';
import type { RunRecord } from './one-run.js';

export interface AmsOutcome {
  /** time units */
  mfpt: { estimate: number; ci95: [number, number]; relSE: number };
  estimate: SplittingEstimate;
  /** runs in the estimate */
  runs: number;
  replicas: number;
  kill: number;
  iterations: { mean: number; max: number };
  levels: { set: number; sigma: number; exit: number };
  steps: { loops: number; ams: number };
  seconds: number;
  backend: string;
  workers: number;
}

/** How the records were computed (not part of the estimate). */
export interface AmsWork {
  seconds: number;
  backend: string;
  workers: number;
}

/** Throws a RangeError when the records give no estimate (under 2 runs, all extinct, under 2 failed loops). */
export function amsOutcome(problem: EscapeProblem, records: readonly RunRecord[], work: AmsWork): AmsOutcome {
  const ams = problem.ams;
  if (!ams) throw new Error('internal: the AMS estimate needs problem.ams');
  const rs = [...records].sort((a, b) => a.run - b.run);
  rs.forEach((r, i) => { if (i > 0 && rs[i - 1].run === r.run) throw new Error(`internal: AMS run ${r.run} given twice`); });
  const estimate = splittingMFPT({
    p: rs.map((r) => r.p), reactive: rs.map((r) => r.reactive),
    failedLoops: rs.flatMap((r) => r.failedLoops), toLevel: rs.flatMap((r) => r.toLevel),
    replicas: ams.replicas, kill: ams.kill,
  });
  const iterations = rs.map((r) => r.iterations);
  // steps → time; the exit-time rule of the chain (scenario/problem.ts) for the one exit of the path
  const dt = problem.dt, toTime = (steps: number) => (steps - problem.exitOffset) * dt;
  return {
    mfpt: { estimate: toTime(estimate.estimate), ci95: [toTime(estimate.ci95[0]), toTime(estimate.ci95[1])], relSE: estimate.relSE },
    estimate, runs: rs.length, replicas: ams.replicas, kill: ams.kill,
    iterations: { mean: iterations.reduce((a, b) => a + b, 0) / rs.length, max: Math.max(...iterations) },
    levels: { set: ams.setLevel, sigma: ams.sigmaLevel, exit: ams.exit.level },
    steps: { loops: rs.reduce((a, r) => a + r.loopSteps, 0), ams: rs.reduce((a, r) => a + r.amsSteps, 0) },
    seconds: work.seconds, backend: work.backend, workers: work.workers,
  };
}
