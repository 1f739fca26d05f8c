/**
 * Runs an ensemble of trajectories of a compiled scenario on a backend and collects per-trajectory
 * outcomes. Work is cut into blocks of `chunk` trajectories; completed blocks are reported as they finish
 * (progress, checkpoints), an abort signal stops the run keeping every finished block, and a previous
 * partial run can be resumed by passing the positions it already has.
 */
import { availableParallelism } from 'node:os';
import type { EscapeProblem } from '../scenario/compile.js';
import { runBlockSliced, yieldToEventLoop, type BlockResult } from './backends/cpu.js';
import { createKernel } from './kernels/index.js';
import { runOnWorkers, workerThreads } from './backends/workers.js';
import { pendingSpans } from './backends/schedule.js';
import { EXITED, NOT_RUN, emptyResults, type TrajectoryResults } from './state.js';
import { blocks, indexAt, type WorkSet } from './work.js';
import { isGpujsBackend, type GpujsBackend } from './gpujs/gpu.js';
import { createGpuRunner } from './gpujs/runner.js';
import { autoBackend } from './gpujs/auto.js';

export type BackendName = 'cpu' | 'workers' | GpujsBackend;

/** trajectories per gpu.js launch at least (one thread each); never changes results */
export const GPUJS_MIN_BLOCK = 4096;

export { NOT_RUN } from './state.js';
export { closeWorkerPool } from './backends/workers.js';

export interface EnsembleOptions {
  work: WorkSet;
  backend?: 'auto' | BackendName;
  /** trajectories per block (default simulation.chunk; at least GPUJS_MIN_BLOCK on the gpu.js backends) */
  chunk?: number;
  stepsPerLaunch?: number;
  /** threads of the `workers` backend, main thread included (default: one per core; at most one per core) */
  workers?: number;
  /** called after each finished block with running totals */
  onProgress?: (p: { done: number; escaped: number; total: number; steps: number; results: TrajectoryResults }) => void;
  /**
   * called as trajectories finish (before onProgress), with the positions that just got their results as flattened
   * spans [begin, end) and the run's results (the arrays the run fills: they live as long as the run)
   */
  onFinished?: (spans: readonly number[], results: TrajectoryResults) => void;
  /**
   * On abort no block starts, a block on the main thread stops within a time slice (backends/cpu.ts SLICE_MS) and
   * keeps its finished trajectories, blocks on worker threads are dropped; the run resolves with what finished.
   */
  signal?: AbortSignal;
  /**
   * results of an earlier partial run of the same work set (positions with status ≠ NOT_RUN are kept). Its arrays
   * become the run's results (not copied, so that a resumed run holds one set of arrays): do not use it afterwards.
   */
  resumeFrom?: TrajectoryResults;
}

export interface EnsembleRun {
  work: WorkSet;
  results: TrajectoryResults;
  /** trajectory steps simulated in this run */
  steps: number;
  seconds: number;
  backend: BackendName;
  /** threads used (the `workers` backend: the main thread and its workers) */
  workers: number;
  complete: boolean;
  /** advice from the backend (the float32 guard of the gpu.js backends) */
  warnings: string[];
}

/** `auto` among the CPU backends: workers when there is more than one core and enough work to share. */
export function chooseBackend(requested: string, trajectories: number, chunk: number): 'cpu' | 'workers' {
  if (requested === 'cpu' || requested === 'workers') return requested;
  return availableParallelism() > 1 && trajectories >= 2 * chunk ? 'workers' : 'cpu';
}

/**
 * The backend a run uses: an explicit one as given; `auto` = the fastest backend that passed its validation on
 * this machine according to the validation cache (gpujs/auto.ts), else chooseBackend's CPU choice.
 */
export function resolveBackend(c: EscapeProblem, requested: string, trajectories: number, chunk: number): BackendName {
  if (requested === 'cpu' || requested === 'workers' || isGpujsBackend(requested)) return requested;
  const cpuChoice = chooseBackend(requested, trajectories, chunk);
  return autoBackend(c, cpuChoice) ?? cpuChoice;
}

/** The results arrays of a run: fresh, or resumeFrom's after checking that its finished positions are this work set's. */
function startingResults(work: WorkSet, r0: TrajectoryResults | undefined): { results: TrajectoryResults; done: number; escaped: number } {
  if (!r0) {
    const results = emptyResults(work.count);
    results.status.fill(NOT_RUN);
    for (let p = 0; p < work.count; p++) results.index[p] = indexAt(work, p);
    return { results, done: 0, escaped: 0 };
  }
  if (r0.status.length !== work.count) throw new Error(`resume: the earlier run has ${r0.status.length} trajectories, this one ${work.count}`);
  let done = 0, escaped = 0;
  for (let p = 0; p < work.count; p++) {
    const i = indexAt(work, p);
    if (r0.status[p] === NOT_RUN) { r0.index[p] = i; continue; }
    if (r0.index[p] !== i) throw new Error(`resume: trajectory index mismatch at position ${p}`);
    done++; if (r0.status[p] === EXITED) escaped++;
  }
  return { results: r0, done, escaped };
}

export async function runEnsemble(c: EscapeProblem, opts: EnsembleOptions): Promise<EnsembleRun> {
  const sim = c.scenario.simulation;
  const work = opts.work;
  const chunk = opts.chunk ?? sim.chunk;
  const stepsPerLaunch = opts.stepsPerLaunch ?? sim.stepsPerLaunch;
  const backend = resolveBackend(c, opts.backend ?? sim.backend, work.count, chunk);
  const warnings: string[] = [];
  let workers = backend === 'workers' ? workerThreads(opts.workers ?? sim.workers, warnings) : 1;
  const start = startingResults(work, opts.resumeFrom);
  const results = start.results;
  let { done, escaped } = start;
  // (`workers` cuts its own blocks: backends/schedule.ts; block size never changes results)
  const gpujs = isGpujsBackend(backend);
  const blockSize = gpujs ? Math.max(1, Math.min(work.count, opts.chunk ?? Math.max(chunk, GPUJS_MIN_BLOCK))) : chunk;
  const pending = backend === 'workers' ? [] : blocks(work, blockSize).filter((b) => {
    for (let p = b.begin; p < b.end; p++) if (results.status[p] === NOT_RUN) return true;
    return false;
  });

  let steps = 0;
  const accept = (b: BlockResult) => {
    const t = b.results;
    const spans: number[] = [];
    for (let p = b.begin; p < b.end; p++) {
      const q = p - b.begin;
      if (results.status[p] !== NOT_RUN || t.status[q] === NOT_RUN) continue;
      results.time[p] = t.time[q]; results.steps[p] = t.steps[q];
      results.status[p] = t.status[q]; results.boundary[p] = t.boundary[q];
      done++; if (t.status[q] === EXITED) escaped++;
      if (spans.length > 0 && spans[spans.length - 1] === p) spans[spans.length - 1] = p + 1;
      else spans.push(p, p + 1);
    }
    steps += b.steps;
    if (spans.length > 0) opts.onFinished?.(spans, results);
    opts.onProgress?.({ done, escaped, total: work.count, steps, results });
  };

  const t0 = performance.now();
  if (backend === 'cpu') {
    const kernel = createKernel(c);
    for (const b of pending) {
      if (opts.signal?.aborted) break;
      // in time slices, so that progress and signals are served during a block
      accept(await runBlockSliced(c, kernel, work, b.begin, b.end, stepsPerLaunch, opts.signal));
      await yieldToEventLoop();
    }
  } else if (gpujs) {
    const runner = createGpuRunner(c, backend, { stepsPerLaunch, blockSize });
    warnings.push(...runner.warnings);
    try {
      for (const b of pending) {
        if (opts.signal?.aborted) break;
        accept(await runner.runBlock(work, b.begin, b.end));
        await yieldToEventLoop();
      }
    } finally {
      runner.destroy();
    }
  } else {
    const o = { threads: workers, chunk, stepsPerLaunch, onBlock: accept, signal: opts.signal };
    workers = await runOnWorkers(c, work, pendingSpans(results.status), o);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { work, results, steps, seconds, backend, workers, complete: done === work.count, warnings };
}
