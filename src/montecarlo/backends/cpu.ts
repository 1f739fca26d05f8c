/**
 * `cpu` backend: one core, float64, chunks of `chunk` trajectories advanced `stepsPerLaunch` steps per
 * kernel launch until every trajectory has exited, been censored or blown up.
 */
import type { CompiledScenario } from '../../scenario/compile.js';
import type { Kernel } from '../kernels.js';
import { ALIVE, EXITED, newChunk, type ChunkState, type TrajectoryResults } from '../state.js';
import { indexAt, type WorkSet } from '../work.js';

export interface BlockResult {
  begin: number;
  end: number;
  results: TrajectoryResults;
  steps: number;
}

/** Simulate positions [begin, end) of a work set to completion with the given kernel. */
export function runBlock(c: CompiledScenario, kernel: Kernel, work: WorkSet, begin: number, end: number, stepsPerLaunch: number): BlockResult {
  const idx = new Float64Array(end - begin);
  for (let p = begin; p < end; p++) idx[p - begin] = indexAt(work, p);
  const s = newChunk(idx, c.dim, c.start);
  let steps = 0;
  while (anyAlive(s)) steps += kernel(s, stepsPerLaunch);
  return { begin, end, results: toResults(s, c.dt, c.discrete ? 0 : 0.5), steps };
}

function anyAlive(s: ChunkState): boolean {
  for (let i = 0; i < s.count; i++) if (s.status[i] === ALIVE) return true;
  return false;
}

/**
 * Exit time of an exited trajectory = midpoint of the step in which the crossing was detected, (k − ½)·dt:
 * the first crossing lies inside that step, and the midpoint removes the O(dt) bias that reporting its end
 * (k·dt) would add. Censored trajectories report maxTime = k·dt. A discrete optimizer exits at an iterate:
 * its time is exactly k·η (offset 0).
 */
export function toResults(s: ChunkState, dt: number, exitOffset = 0.5): TrajectoryResults {
  const time = new Float64Array(s.count);
  for (let i = 0; i < s.count; i++) time[i] = (s.status[i] === EXITED ? s.steps[i] - exitOffset : s.steps[i]) * dt;
  return { index: s.traj, time, steps: s.steps, status: s.status, boundary: s.boundary };
}
