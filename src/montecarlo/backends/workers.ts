/**
 * `workers` backend: a pool of worker_threads, each compiling the scenario once and simulating blocks of
 * trajectories handed out dynamically (an idle worker takes the next block), so every core stays busy.
 * Results are placed by trajectory position: identical to `cpu` bit for bit.
 */
import { availableParallelism } from 'node:os';
import type { BlockResult } from './cpu.js';
import type { WorkSet } from '../work.js';
import { spawnWorker } from './spawn.js';

const spawn = (scenario: unknown) => spawnWorker(import.meta.url, 'worker', { scenario });

export function defaultWorkerCount(): number {
  return availableParallelism();
}

export async function runOnWorkers(
  scenario: unknown,
  work: WorkSet,
  pending: { begin: number; end: number }[],
  opts: { workers: number; stepsPerLaunch: number; onBlock: (b: BlockResult) => void; signal?: AbortSignal },
): Promise<void> {
  const queue = pending.slice();
  const n = Math.max(1, Math.min(opts.workers, queue.length));
  const pool = Array.from({ length: n }, () => spawn(scenario));
  try {
    await Promise.all(pool.map((w) => new Promise<void>((resolve, reject) => {
      const next = () => {
        const b = opts.signal?.aborted ? undefined : queue.shift();
        if (!b) { resolve(); return; }
        w.postMessage({ work, begin: b.begin, end: b.end, stepsPerLaunch: opts.stepsPerLaunch });
      };
      w.on('message', (r: BlockResult) => { opts.onBlock(r); next(); });
      w.on('error', reject);
      w.on('exit', (code) => { if (code !== 0) reject(new Error(`worker exited with code ${code}`)); });
      next();
    })));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
