/**
 * The worker threads of the `workers` backend, kept between runs: a run takes idle workers (any scenario: a
 * worker rebuilds its problem when the scenario changes) and starts new ones only for the rest, so repeated runs
 * (`verify`) pay the start-up once. Idle workers are unref'd (they never keep the process alive) and end after
 * IDLE_MS; closeWorkerPool ends them at once.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from './spawn.js';

/** an idle worker ends after this long without a run */
export const IDLE_MS = 10_000;

export interface PoolWorker {
  worker: Worker;
  /** the run it serves: its replies, and its failure (an error or an exit; may come twice) */
  onMessage?: (msg: unknown) => void;
  onFailure?: (e: Error) => void;
  idleTimer?: NodeJS.Timeout;
}

const live = new Set<PoolWorker>();
const idle: PoolWorker[] = [];

/** Workers the pool may hold at once: one per core besides the main thread, which computes too. */
export function poolCapacity(): number {
  return Math.max(0, availableParallelism() - 1);
}

function drop(p: PoolWorker): void {
  live.delete(p);
  const i = idle.indexOf(p);
  if (i >= 0) idle.splice(i, 1);
  clearTimeout(p.idleTimer);
}

function spawn(): PoolWorker {
  const p: PoolWorker = { worker: spawnWorker(import.meta.url, 'worker', {}) };
  p.worker.on('message', (m) => p.onMessage?.(m));
  p.worker.on('error', (e) => { drop(p); p.onFailure?.(e); });
  p.worker.on('exit', (code) => { drop(p); p.onFailure?.(new Error(`worker exited with code ${code}`)); });
  live.add(p);
  return p;
}

/** Up to n workers for a run (idle ones first); fewer when the pool is at capacity (concurrent runs). */
export function acquireWorkers(n: number): PoolWorker[] {
  const out: PoolWorker[] = [];
  while (out.length < n && idle.length > 0) {
    const p = idle.pop()!;
    clearTimeout(p.idleTimer);
    p.worker.ref();
    out.push(p);
  }
  while (out.length < n && live.size < poolCapacity()) out.push(spawn());
  return out;
}

/** Hand back a worker after its run: idle, unref'd, ended after IDLE_MS unless a run takes it first. */
export function releaseWorker(p: PoolWorker): void {
  p.onMessage = p.onFailure = undefined;
  if (!live.has(p)) return; // it died during the run
  p.worker.unref();
  p.idleTimer = setTimeout(() => { drop(p); void p.worker.terminate(); }, IDLE_MS);
  p.idleTimer.unref();
  idle.push(p);
}

/**
 * End a worker in the middle of its run (an interrupted run drops the block it computes): it leaves the pool at once
 * and nothing it still sends reaches the run.
 */
export function discardWorker(p: PoolWorker): void {
  p.onMessage = p.onFailure = undefined;
  drop(p);
  void p.worker.terminate();
}

/** End every worker of the pool (idle or not); a run still using one fails. */
export async function closeWorkerPool(): Promise<void> {
  const all = [...live];
  for (const p of all) drop(p);
  await Promise.all(all.map((p) => p.worker.terminate()));
}

/** workers started and not yet ended (for tests) */
export function liveWorkers(): number {
  return live.size;
}
