/** The kernel interface every CPU solver uses: advance the live trajectories of a chunk by up to K steps. */
import type { IntegratorName } from '../../dynamics/integrators.js';
import type { Passage, ReturnSet } from '../../dynamics/passage.js';
import type { ChunkState } from '../state.js';

/**
 * What a rare-event solver (adaptive multilevel splitting) asks of a launch besides the problem's own exit set:
 * a return set A whose entry ends a trajectory with status RETURNED, and the running maximum of a score ξ(x)
 * (reaction coordinate) with the state where it was reached, kept in ChunkState.score (state.ts trackScore).
 * The score is evaluated at every state a trajectory visits after each step (after the walls); then the exit
 * set, the return set and the target level are checked in that order (a step that lands in two counts as the first).
 */
export interface SplittingTask {
  /** half-spaces side·(x_j − level) ≥ 0, as a coordinate exit's, or the score's sublevel set {ξ ≤ scoreAtMost} */
  returnSet: ReturnSet;
  score(x: ArrayLike<number>): number;
  /** stop a trajectory (status LEVEL) once its score reaches this level (a splitting interface) */
  target?: number;
  /**
   * called at each new running maximum: chunk index, score, state (valid during the call only), steps so far, and
   * for a discrete optimizer its packed state (ChunkState.memory; valid during the call only)
   */
  onRecord?(i: number, value: number, x: ArrayLike<number>, steps: number, memory?: Float64Array): void;
}

export interface DiscreteKernelSpec {
  maxSteps: number;
  passage: Passage;
  /** Philox key of the 'noise' stream */
  key: readonly [number, number];
  /** a rare-event task (the chunks it runs need ChunkState.score) */
  task?: SplittingTask;
}

export interface KernelSpec extends DiscreteKernelSpec {
  dt: number;
  integrator: IntegratorName;
}

/** advance(state, K) → number of steps taken in this launch */
export type Kernel = (state: ChunkState, K: number) => number;
