/** The kernel interface every CPU solver uses: advance the live trajectories of a chunk by up to K steps. */
import type { IntegratorName } from '../../dynamics/integrators.js';
import type { Passage } from '../../dynamics/passage.js';
import type { ChunkState } from '../state.js';

export interface DiscreteKernelSpec {
  maxSteps: number;
  passage: Passage;
  /** Philox key of the 'noise' stream */
  key: readonly [number, number];
}

export interface KernelSpec extends DiscreteKernelSpec {
  dt: number;
  integrator: IntegratorName;
}

/** advance(state, K) → number of steps taken in this launch */
export type Kernel = (state: ChunkState, K: number) => number;
