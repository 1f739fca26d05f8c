/** One independent run of the rare-event solver: its chain of loops, then its AMS run (a pure function of (problem, run)). */
import { loopChain } from './loops.js';
import { amsRun } from './run.js';
import type { Chain } from './chain.js';

export interface RunRecord {
  run: number;
  p: number;
  reactive: number;
  iterations: number;
  failedLoops: number[];
  toLevel: number[];
  loopSteps: number;
  amsSteps: number;
}

export function oneRun(c: Chain, run: number): RunRecord {
  const loops = loopChain(c, run, c.ams.replicas);
  const r = amsRun(c, run, loops);
  return {
    run, p: r.p, reactive: r.reactive, iterations: r.iterations,
    failedLoops: loops.failedLoops, toLevel: loops.toLevel, loopSteps: loops.steps, amsSteps: r.steps,
  };
}
