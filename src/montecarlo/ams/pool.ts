/**
 * The runs of the rare-event solver on worker threads: an idle worker takes the next run index and each record is
 * handed back as it arrives; the caller places records by run index, so they are the same as on one thread for
 * any worker count. On abort no worker gets a new run and the call returns at once: the runs in flight are dropped
 * (their workers are ended) and a resumed call computes them again, with the same numbers.
 */
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../backends/spawn.js';
import type { EscapeProblem } from '../../scenario/problem.js';
import type { RunRecord } from './one-run.js';

export async function runsOnWorkers(problem: EscapeProblem, runs: readonly number[], workers: number, signal: AbortSignal | undefined, onRun: (r: RunRecord) => void): Promise<void> {
  if (runs.length === 0 || signal?.aborted) return;
  let next = 0, over = false;
  const pool = Array.from({ length: Math.max(1, Math.min(workers, runs.length)) }, () => spawnWorker(import.meta.url, 'worker', { scenario: problem.scenario }));
  let onAbort = () => {};
  const aborted = new Promise<void>((resolve) => { onAbort = resolve; });
  signal?.addEventListener('abort', onAbort, { once: true });
  const serve = (w: Worker) => new Promise<void>((resolve, reject) => {
    const give = () => {
      if (signal?.aborted || next >= runs.length) { resolve(); return; }
      w.postMessage(runs[next++]);
    };
    w.on('message', (r: RunRecord) => {
      if (over) return;
      // a throwing callback (a checkpoint that cannot be written) fails the call instead of the process
      try { onRun(r); } catch (e) { reject(e); return; }
      give();
    });
    w.on('error', (e) => { if (!over) reject(e); });
    w.on('exit', (code) => { if (!over && code !== 0) reject(new Error(`AMS worker exited with code ${code}`)); });
    give();
  });
  try {
    await Promise.race([Promise.all(pool.map(serve)), aborted]);
  } finally {
    over = true; // what the ended workers still send or do is no longer this call's
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
