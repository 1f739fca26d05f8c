/**
 * The chain of loops of one run (the loop identity, stats/splitting.ts): one trajectory, never reset, cut at its
 * entries into A. Each loop runs from an A-entry until the score reaches the level Σ (its entrance point Y and
 * duration t_{A→Σ}), then on until A (a failed loop) or B (a success, after which the trajectory restarts at the
 * start, with a fresh optimizer state for a discrete optimizer). Trajectory `run` of the 'ams-loops' stream; a
 * discrete optimizer's state (moments, step count) carries on through the loops like θ.
 */
import { EXITED, LEVEL, RETURNED, trackScore } from '../state.js';
import { chunkAt, runToEnd, type Chain } from './chain.js';

export interface LoopSample {
  /** entrance points on Σ, count·dim */
  entrances: Float64Array;
  /** their chain state beyond θ (a discrete optimizer's packed state), count·memorySize */
  memory: Float64Array;
  failedLoops: number[];
  toLevel: number[];
  steps: number;
}

/** `count` loops (entrance points) of run `run`. */
export function loopChain(c: Chain, run: number, count: number): LoopSample {
  const { dim, problem } = c;
  const toSigma = c.kernel('loops', { returnSet: [], score: c.score, target: c.ams.levelScore });
  const onward = c.kernel('loops', { returnSet: c.wellSet, score: c.score });
  const s = chunkAt(c, [run], problem.start);
  const restart = () => { s.x.set(problem.start); if (s.memory) s.memory.set[0] = 0; }; // fresh optimizer state too
  const entrances = new Float64Array(count * dim), memory = new Float64Array(count * c.memorySize);
  const failedLoops: number[] = [], toLevel: number[] = [];
  let steps = 0, found = 0, entry = 0;
  while (found < count) {
    s.status[0] = 0; trackScore(s, c.score);
    steps += runToEnd(toSigma, s, c.stepsPerLaunch);
    if (s.status[0] === EXITED) { restart(); entry = s.steps[0]; continue; } // jumped over Σ into B
    if (s.status[0] !== LEVEL) throw new Error(`internal: loop chain status ${s.status[0]}`);
    toLevel.push(s.steps[0] - entry);
    entrances.set(s.x, found * dim);
    if (s.memory) memory.set(s.memory.data, found * c.memorySize);
    found++;
    s.status[0] = 0; trackScore(s, c.score);
    steps += runToEnd(onward, s, c.stepsPerLaunch);
    if (s.status[0] === RETURNED) failedLoops.push(s.steps[0] - entry);
    else if (s.status[0] === EXITED) restart();
    else throw new Error(`internal: loop chain status ${s.status[0]}`);
    entry = s.steps[0];
  }
  return { entrances, memory, failedLoops, toLevel, steps };
}
