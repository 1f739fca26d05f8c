/** The per-step bookkeeping of a rare-event task (types.ts SplittingTask), shared by the CPU kernels. */
import type { Boundary } from '../../dynamics/passage.js';
import type { ChunkState } from '../state.js';
import type { SplittingTask } from './types.js';

/** x lies in one of the half-spaces side·(x_j − level) ≥ 0 */
export function inHalfSpaces(set: readonly Boundary[], x: ArrayLike<number>): boolean {
  for (const b of set) if (b.side * (x[b.index] - b.level) >= 0) return true;
  return false;
}

/**
 * x lies in the task's return set: one of its half-spaces, or the sublevel set {ξ ≤ scoreAtMost} of the task's
 * score (evaluated again here: the score form is for expression exits only, the half-spaces cost nothing more)
 */
export function inReturnSet(task: SplittingTask, x: ArrayLike<number>): boolean {
  const a = task.returnSet;
  return 'scoreAtMost' in a ? task.score(x) <= a.scoreAtMost : inHalfSpaces(a, x);
}

/** The chunk's score record, which a task needs (state.ts trackScore). */
export function scoreRecord(s: ChunkState, task: SplittingTask | undefined): ChunkState['score'] {
  if (!task) return undefined;
  if (!s.score) throw new Error('a rare-event task needs the chunk\'s score record: call trackScore(chunk, task.score) first');
  return s.score;
}

/**
 * One step's bookkeeping for trajectory i at state x (dim coordinates) after `steps` steps: raise the running
 * maximum to the score if higher (recording x and telling task.onRecord), and say whether the score reached the
 * task's target level. `memory` gives the rest of the chain's state (a discrete optimizer's packed state) for the record.
 */
export function scoreStep(
  rec: NonNullable<ChunkState['score']>, task: SplittingTask, i: number, dim: number, x: ArrayLike<number>, steps: number,
  memory?: () => Float64Array,
): boolean {
  const value = task.score(x);
  if (value > rec.max[i]) {
    rec.max[i] = value;
    for (let j = 0; j < dim; j++) rec.at[i * dim + j] = x[j];
    task.onRecord?.(i, value, x, steps, memory?.());
  }
  return task.target !== undefined && value >= task.target;
}
