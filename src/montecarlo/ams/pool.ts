/**
 * The runs of the rare-event solver on worker threads: an idle worker takes the next run index and each record is
 * handed back as it arrives; the caller places records by run index, so they are the same as on one thread for
 * any worker count. On abort no worker gets a new run; the runs in flight still finish and are handed back.
 */
import { spawnWorker } from '../backends/spawn.js';
import type { EscapeProblem } from '../../scenario/problem.js';
import type { RunRecord } from './one-run.js';

export async function runsOnWorkers(problem: EscapeProblem, runs: readonly number[], workers: number, signal: AbortSignal | undefined, onRun: (r: RunRecord) => void): Promise<void> {
  if (runs.length === 0) return;
  let next = 0;
  const pool = Array.from({ length: Math.max(1, Math.min(workers, runs.length)) }, () => spawnWorker(import.meta.url, 'worker', { scenario: problem.scenario }));
  try {
    await Promise.all(pool.map((w) => new Promise<void>((resolve, reject) => {
      const give = () => {
        if (signal?.aborted || next >= runs.length) { resolve(); return; }
        w.postMessage(runs[next++]);
      };
      w.on('message', (r: RunRecord) => {
        // a throwing callback (a checkpoint that cannot be written) fails the call instead of the process
        try { onRun(r); } catch (e) { reject(e); return; }
        give();
      });
      w.on('error', reject);
      w.on('exit', (code) => { if (code !== 0) reject(new Error(`AMS worker exited with code ${code}`)); });
      give();
    })));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
