/**
 * `cpu` backend: one core, float64, chunks of `chunk` trajectories advanced `stepsPerLaunch` steps per
 * kernel launch until every trajectory has exited, been censored or blown up.
 */
import { reportedTime, type EscapeProblem } from '../../scenario/problem.js';
import type { Kernel } from '../kernels/index.js';
import { ALIVE, EXITED, newChunk, type ChunkState, type TrajectoryResults } from '../state.js';
import { indexAt, type WorkSet } from '../work.js';

export interface BlockResult {
  begin: number;
  end: number;
  results: TrajectoryResults;
  steps: number;
}

/** Simulate positions [begin, end) of a work set to completion with the given kernel. */
export function runBlock(c: EscapeProblem, kernel: Kernel, work: WorkSet, begin: number, end: number, stepsPerLaunch: number): BlockResult {
  const idx = new Float64Array(end - begin);
  for (let p = begin; p < end; p++) idx[p - begin] = indexAt(work, p);
  const s = newChunk(idx, c.dim, c.start);
  let steps = 0;
  while (anyAlive(s)) steps += kernel(s, stepsPerLaunch);
  return { begin, end, results: toResults(s, c), steps };
}

function anyAlive(s: ChunkState): boolean {
  for (let i = 0; i < s.count; i++) if (s.status[i] === ALIVE) return true;
  return false;
}

/** Per-trajectory results of a finished chunk, times by the problem's exit-time rule (scenario/problem.ts). */
export function toResults(s: ChunkState, p: Pick<EscapeProblem, 'dt' | 'exitOffset'>): TrajectoryResults {
  const time = new Float64Array(s.count);
  for (let i = 0; i < s.count; i++) time[i] = reportedTime(p, s.steps[i], s.status[i] === EXITED);
  return { index: s.traj, time, steps: s.steps, status: s.status, boundary: s.boundary };
}
