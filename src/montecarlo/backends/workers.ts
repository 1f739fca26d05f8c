/**
 * `workers` backend: the main thread and worker threads (pool.ts) share a run's pending positions through a
 * guided schedule (schedule.ts). Workers claim blocks by themselves; the main thread claims small blocks and
 * yields to the event loop between them, so worker replies, progress and Ctrl-C are served. Results are placed
 * by trajectory position: identical to `cpu` bit for bit, for any thread count or block sizes.
 */
import { availableParallelism } from 'node:os';
import type { EscapeProblem } from '../../scenario/problem.js';
import { createKernel } from '../kernels/index.js';
import type { WorkSet } from '../work.js';
import { runBlockSliced, yieldToEventLoop, type BlockResult } from './cpu.js';
import { acquireWorkers, discardWorker, releaseWorker, type PoolWorker } from './pool.js';
import { claim, countBlocks, createSchedule, stopSchedule, type Schedule } from './schedule.js';

export { closeWorkerPool } from './pool.js';

/** the smallest block (the tail of a run): a few trajectories, so the last blocks end close together */
export const MIN_BLOCK = 4;
/** the main thread's blocks are at most chunk/MAIN_SHARE, so it yields to the event loop often */
const MAIN_SHARE = 8;

/** what a worker is sent for a run (worker.ts) */
export interface RunMessage {
  /** the scenario as JSON: a worker rebuilds its problem only when this changes */
  key: string;
  scenario: EscapeProblem['scenario'];
  work: WorkSet;
  stepsPerLaunch: number;
  schedule: Schedule;
}

export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * Threads of a `workers` run (main thread included): as requested (default: one per core), but at most one per
 * core: more threads than cores only contend for them. A clamped request adds a warning.
 */
export function workerThreads(requested: number | undefined, warnings: string[]): number {
  const cores = availableParallelism();
  const n = Math.max(1, Math.floor(requested ?? cores));
  if (n <= cores) return n;
  warnings.push(`workers: ${n} threads requested, ${cores} used (one per core; more would only contend)`);
  return cores;
}

export interface WorkersOptions {
  /** threads including the main thread (workerThreads) */
  threads: number;
  /** the largest block */
  chunk: number;
  stepsPerLaunch: number;
  onBlock: (b: BlockResult) => void;
  signal?: AbortSignal;
}

/**
 * Simulate the pending positions `spans` (schedule.ts pendingSpans) on the main thread and up to threads − 1
 * pool workers (never more workers than blocks). On abort no thread takes a new block, the main thread's block
 * stops within a time slice (its finished trajectories are reported), and the workers' blocks in flight are
 * dropped: those workers are ended, not awaited, so that an interrupt takes effect at once (a resumed run computes
 * the dropped trajectories again, with the same numbers). Returns the number of threads used.
 */
export async function runOnWorkers(c: EscapeProblem, work: WorkSet, spans: Int32Array, opts: WorkersOptions): Promise<number> {
  const s = createSchedule(spans, opts.threads, opts.chunk, MIN_BLOCK);
  if (s.total === 0) return 1;
  const helpers = acquireWorkers(countBlocks(s.total, opts.threads, s.max, s.min, opts.threads) - 1);
  s.threads = 1 + helpers.length; // sizes by the threads that actually share the run
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => { failure ??= { error }; stopSchedule(s); };
  const msg: RunMessage = { key: JSON.stringify(c.scenario), scenario: c.scenario, work, stepsPerLaunch: opts.stepsPerLaunch, schedule: s };
  const parts = helpers.map((p) => serve(p, msg, opts.onBlock, fail));
  const abort = abortOf(opts.signal);
  try {
    await computeOnMain(c, work, s, opts);
  } catch (e) {
    fail(e);
  }
  await Promise.race([Promise.all(parts.map((x) => x.over)), abort.happened]);
  abort.dispose();
  helpers.forEach((p, k) => (parts[k].ended() ? releaseWorker(p) : discardWorker(p)));
  if (failure) throw failure.error;
  return 1 + helpers.length;
}

/** a promise that resolves when `signal` aborts (never without one), and the removal of its listener */
function abortOf(signal?: AbortSignal): { happened: Promise<void>; dispose: () => void } {
  let dispose = () => {};
  const happened = new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) { resolve(); return; }
    const on = () => resolve();
    signal.addEventListener('abort', on, { once: true });
    dispose = () => signal.removeEventListener('abort', on);
  });
  return { happened, dispose };
}

/** The main thread's share: small blocks from the schedule, computed in time slices (cpu.ts runBlockSliced). */
async function computeOnMain(c: EscapeProblem, work: WorkSet, s: Schedule, opts: WorkersOptions): Promise<void> {
  const kernel = createKernel(c);
  const max = Math.max(s.min, Math.ceil(s.max / MAIN_SHARE));
  for (;;) {
    if (opts.signal?.aborted) { stopSchedule(s); return; }
    const b = claim(s, max);
    if (!b) return;
    opts.onBlock(await runBlockSliced(c, kernel, work, b.begin, b.end, opts.stepsPerLaunch, opts.signal));
    await yieldToEventLoop();
  }
}

/** One worker's part of a run: `over` resolves once it reports 'done' or dies; errors go to `fail`. */
function serve(p: PoolWorker, msg: RunMessage, onBlock: (b: BlockResult) => void, fail: (e: unknown) => void): { over: Promise<void>; ended: () => boolean } {
  let over = false;
  const done = new Promise<void>((resolve) => {
    const end = (error?: unknown) => {
      if (over) return;
      over = true;
      if (error !== undefined) fail(error);
      resolve();
    };
    p.onMessage = (m) => {
      const r = m as { block?: BlockResult; done?: boolean; error?: unknown };
      if (r.block) {
        // a throwing callback (a checkpoint that cannot be written) fails the run, not the process
        try { onBlock(r.block); } catch (e) { fail(e); }
      } else if (r.done) end(r.error);
    };
    p.onFailure = end;
    p.worker.postMessage(msg);
  });
  return { over: done, ended: () => over };
}
