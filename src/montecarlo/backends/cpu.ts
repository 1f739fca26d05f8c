/**
 * `cpu` backend: one core, float64, chunks of `chunk` trajectories advanced `stepsPerLaunch` steps per
 * kernel launch until every trajectory has exited, been censored or blown up.
 */
import { reportedTime, type EscapeProblem } from '../../scenario/problem.js';
import type { Kernel } from '../kernels/index.js';
import { ALIVE, EXITED, NOT_RUN, newChunk, type ChunkState, type TrajectoryResults } from '../state.js';
import { indexAt, type WorkSet } from '../work.js';

export interface BlockResult {
  begin: number;
  end: number;
  /** status NOT_RUN marks a trajectory that did not finish (a block stopped by an abort: runBlockSliced) */
  results: TrajectoryResults;
  /** steps of the trajectories that finished */
  steps: number;
}

/**
 * The main thread yields to the event loop at least this often while it computes (signals, progress, worker
 * replies): a signal is seen within a slice, however long a block runs.
 */
export const SLICE_MS = 50;
/** a main-thread launch is sized to take about this long (a step costs 10 ns in 1-D, microseconds in n-D) */
const LAUNCH_MS = 20;
/** trajectory-steps of a block's first launch, before its launches are timed */
const FIRST_LAUNCH_WORK = 1 << 14;

function chunkOf(c: EscapeProblem, work: WorkSet, begin: number, end: number): ChunkState {
  const idx = new Float64Array(end - begin);
  for (let p = begin; p < end; p++) idx[p - begin] = indexAt(work, p);
  return newChunk(idx, c.dim, c.start);
}

/** Simulate positions [begin, end) of a work set to completion with the given kernel. */
export function runBlock(c: EscapeProblem, kernel: Kernel, work: WorkSet, begin: number, end: number, stepsPerLaunch: number): BlockResult {
  const s = chunkOf(c, work, begin, end);
  let steps = 0;
  while (anyAlive(s)) steps += kernel(s, stepsPerLaunch);
  return { begin, end, results: toResults(s, c), steps };
}

export const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * runBlock for the main thread: the same trajectories to the bit (launch sizes never change results), in time
 * slices of about SLICE_MS with a yield to the event loop between them; launches are at most `stepsPerLaunch`
 * steps and shrink so that one takes about LAUNCH_MS. When `signal` aborts, the block stops at the end of the
 * slice: its finished trajectories are returned, the others marked NOT_RUN (a resumed run computes them again from
 * their own streams, with the same numbers).
 */
export async function runBlockSliced(c: EscapeProblem, kernel: Kernel, work: WorkSet, begin: number, end: number, stepsPerLaunch: number, signal?: AbortSignal): Promise<BlockResult> {
  const s = chunkOf(c, work, begin, end);
  let steps = 0, launch = Math.max(1, Math.min(stepsPerLaunch, Math.ceil(FIRST_LAUNCH_WORK / s.count)));
  let slice = performance.now();
  while (anyAlive(s)) {
    const t = performance.now();
    steps += kernel(s, launch);
    const now = performance.now();
    if (now - t < LAUNCH_MS / 2) launch = Math.min(stepsPerLaunch, launch * 2);
    else if (now - t > 2 * LAUNCH_MS) launch = Math.max(1, launch >> 1);
    if (now - slice < SLICE_MS) continue;
    await yieldToEventLoop();
    if (signal?.aborted) return unfinished(s, c, begin, end);
    slice = performance.now();
  }
  return { begin, end, results: toResults(s, c), steps };
}

/** a block stopped before its end: the finished trajectories, the others NOT_RUN; steps of the finished only */
function unfinished(s: ChunkState, c: EscapeProblem, begin: number, end: number): BlockResult {
  const results = toResults(s, c);
  let steps = 0;
  for (let i = 0; i < s.count; i++) {
    if (s.status[i] === ALIVE) results.status[i] = NOT_RUN;
    else steps += s.steps[i];
  }
  return { begin, end, results, steps };
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
