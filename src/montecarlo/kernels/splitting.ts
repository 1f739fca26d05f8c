/** The per-step bookkeeping of a rare-event task (types.ts SplittingTask), shared by the CPU kernels. */
import type { Boundary } from '../../dynamics/passage.js';
import type { ChunkState } from '../state.js';
import type { SplittingTask } from './types.js';

/** x lies in one of the half-spaces side·(x_j − level) ≥ 0 */
export function inHalfSpaces(set: readonly Boundary[], x: ArrayLike<number>): boolean {
  for (const b of set) if (b.side * (x[b.index] - b.level) >= 0) return true;
  return false;
}

/** The chunk's score record, which a task needs (state.ts trackScore). */
export function scoreRecord(s: ChunkState, task: SplittingTask | undefined): ChunkState['score'] {
  if (!task) return undefined;
  if (!s.score) throw new Error('a rare-event task needs the chunk\'s score record: call trackScore(chunk, task.score) first');
  return s.score;
}

/** Raise trajectory i's running maximum to score(x) if higher, recording x (dim coordinates) where it was reached. */
export function raiseScore(rec: NonNullable<ChunkState['score']>, i: number, dim: number, x: ArrayLike<number>, value: number): void {
  if (!(value > rec.max[i])) return;
  rec.max[i] = value;
  for (let j = 0; j < dim; j++) rec.at[i * dim + j] = x[j];
}
