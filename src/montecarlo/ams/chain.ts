/**
 * The pieces every part of the rare-event solver shares: the problem's chain (the same dt, integrator, bridge
 * and walls as direct Monte Carlo, without censoring), the score ξ and the sets A and B, and the stream
 * addresses of its random draws, keyed by (seed, purpose) and (run, iteration, slot) so that the result does not
 * depend on how the work is spread.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import type { AmsProblem } from '../../scenario/ams.js';
import type { ReturnSet } from '../../dynamics/passage.js';
import { streamKey } from '../../rng/seed.js';
import { createKernel, type Kernel, type SplittingTask } from '../kernels/index.js';
import { ALIVE, newChunk, withMemory, type ChunkState } from '../state.js';
import { stateLength } from '../../optimizers/types.js';

/** slots per iteration and iterations per run in a stream address: run·2³² + iteration·2¹² + slot */
export const MAX_SLOTS = 1 << 12;
export const MAX_ITERATIONS = 1 << 20;

export function streamAddress(run: number, iteration: number, slot: number): number {
  if (iteration >= MAX_ITERATIONS) throw new Error(`AMS run ${run} needed more than ${MAX_ITERATIONS} iterations: the score does not move the replicas toward the exit`);
  return run * 2 ** 32 + iteration * MAX_SLOTS + slot;
}

export interface Chain {
  problem: EscapeProblem;
  ams: AmsProblem;
  dim: number;
  /** ξ(θ) (scenario/ams.ts): side·(θ_j − exit level) for a coordinate exit; ξ ≥ 0 exactly on the exit set B */
  score(x: ArrayLike<number>): number;
  /** A = {ξ ≤ ξ_A}: a half-space of θ_j for a coordinate exit, else the score's sublevel set */
  wellSet: ReturnSet;
  /** a kernel on purpose's stream (uncensored) with the task */
  kernel(purpose: 'loops' | 'replicas' | 'ffs', task: SplittingTask): Kernel;
  parentKey: [number, number];
  /** picks of forward flux sampling's starting states */
  pickKey: [number, number];
  stepsPerLaunch: number;
  /** numbers per trajectory of the chain's state beyond θ (a discrete optimizer's packed state; 0 for an SDE) */
  memorySize: number;
}

/** A chunk of trajectories at given whole states: θ (count·dim) and, for a discrete optimizer, its packed state. */
export function chunkAt(c: Chain, indices: ArrayLike<number>, x: ArrayLike<number>, memory?: Float64Array): ChunkState {
  const s = newChunk(indices, c.dim, x);
  return c.memorySize > 0 ? withMemory(s, c.memorySize, memory) : s;
}

export function chainOf(problem: EscapeProblem): Chain {
  const ams = problem.ams;
  if (!ams) throw new Error('internal: the AMS solver needs problem.ams');
  const seed = problem.scenario.simulation.seed;
  const keys = { loops: streamKey(seed, 'ams-loops'), replicas: streamKey(seed, 'ams-replicas'), ffs: streamKey(seed, 'ffs-trials') };
  return {
    problem, ams, dim: problem.dim,
    score: ams.score,
    wellSet: ams.wellSet,
    kernel: (purpose, task) => createKernel({ ...problem, maxSteps: Number.MAX_SAFE_INTEGER, keys: { ...problem.keys, noise: keys[purpose] } }, task),
    parentKey: streamKey(seed, 'ams-parents'),
    pickKey: streamKey(seed, 'ffs-picks'),
    stepsPerLaunch: problem.scenario.simulation.stepsPerLaunch,
    memorySize: problem.discrete ? stateLength(problem.discrete.makeOptimizer().init(new Float64Array(problem.dim))) : 0,
  };
}

/** Launch until no trajectory of the chunk is alive; the steps taken. */
export function runToEnd(kernel: Kernel, s: ChunkState, K: number): number {
  let steps = 0;
  for (;;) {
    let alive = false;
    for (let i = 0; i < s.count; i++) if (s.status[i] === ALIVE) { alive = true; break; }
    if (!alive) return steps;
    steps += kernel(s, K);
  }
}
