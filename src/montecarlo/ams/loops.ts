/**
 * The chain of loops of one run (the loop identity, stats/splitting.ts): one trajectory, never reset, cut at its
 * entries into A. Each loop runs from an A-entry until the score reaches the level Σ (its entrance point Y and
 * duration t_{A→Σ}), then on until A (a failed loop) or B (a success, after which the trajectory restarts at the
 * start). Trajectory `run` of the 'ams-loops' stream.
 */
import { EXITED, LEVEL, RETURNED, newChunk, trackScore } from '../state.js';
import { runToEnd, type Chain } from './chain.js';

export interface LoopSample {
  /** entrance points on Σ, count·dim */
  entrances: Float64Array;
  failedLoops: number[];
  toLevel: number[];
  steps: number;
}

/** `count` loops (entrance points) of run `run`. */
export function loopChain(c: Chain, run: number, count: number): LoopSample {
  const { dim, problem } = c;
  const toSigma = c.kernel('loops', { returnSet: [], score: c.score, target: c.ams.levelScore });
  const onward = c.kernel('loops', { returnSet: c.wellSet, score: c.score });
  const s = newChunk([run], dim, problem.start);
  const entrances = new Float64Array(count * dim);
  const failedLoops: number[] = [], toLevel: number[] = [];
  let steps = 0, found = 0, entry = 0;
  while (found < count) {
    s.status[0] = 0; trackScore(s, c.score);
    steps += runToEnd(toSigma, s, c.stepsPerLaunch);
    if (s.status[0] === EXITED) { s.x.set(problem.start); entry = s.steps[0]; continue; } // jumped over Σ into B
    if (s.status[0] !== LEVEL) throw new Error(`internal: loop chain status ${s.status[0]}`);
    toLevel.push(s.steps[0] - entry);
    entrances.set(s.x, found * dim);
    found++;
    s.status[0] = 0; trackScore(s, c.score);
    steps += runToEnd(onward, s, c.stepsPerLaunch);
    if (s.status[0] === RETURNED) failedLoops.push(s.steps[0] - entry);
    else if (s.status[0] === EXITED) s.x.set(problem.start);
    else throw new Error(`internal: loop chain status ${s.status[0]}`);
    entry = s.steps[0];
  }
  return { entrances, failedLoops, toLevel, steps };
}
