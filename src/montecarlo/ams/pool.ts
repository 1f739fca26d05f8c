/**
 * The runs of the rare-event solver on worker threads: an idle worker takes the next run index; results are placed
 * by index, so they are the same as on one thread for any worker count.
 */
import { spawnWorker } from '../backends/spawn.js';
import type { EscapeProblem } from '../../scenario/problem.js';
import type { RunRecord } from './one-run.js';

export async function runsOnWorkers(problem: EscapeProblem, workers: number, signal?: AbortSignal): Promise<RunRecord[]> {
  const R = problem.ams!.runs;
  const out: RunRecord[] = new Array(R);
  let next = 0;
  const pool = Array.from({ length: Math.max(1, Math.min(workers, R)) }, () => spawnWorker(import.meta.url, 'worker', { scenario: problem.scenario }));
  try {
    await Promise.all(pool.map((w) => new Promise<void>((resolve, reject) => {
      const give = () => {
        if (signal?.aborted || next >= R) { resolve(); return; }
        w.postMessage(next++);
      };
      w.on('message', (r: RunRecord) => { out[r.run] = r; give(); });
      w.on('error', reject);
      w.on('exit', (code) => { if (code !== 0) reject(new Error(`AMS worker exited with code ${code}`)); });
      give();
    })));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (signal?.aborted) throw new Error(`interrupted after ${out.filter(Boolean).length} of ${R} AMS runs`);
  return out;
}
