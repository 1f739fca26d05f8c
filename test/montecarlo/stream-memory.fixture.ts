/**
 * Run by trajectory-stream.test.ts in a child process with a small JavaScript heap (--max-old-space-size): writes a
 * run of N trajectories the way `simulate --out` does (format 2, in checkpoints) or the way it did before (one
 * format-1 string), then reads it back. Prints 'ok <rows>' on success.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyResults } from '../../src/montecarlo/state.js';
import { TrajectoryWriter } from '../../src/montecarlo/trajectory-stream.js';
import { readTrajectoryRun } from '../../src/montecarlo/trajectory-read.js';
import { toFile } from '../../src/montecarlo/io.js';

const [how, nText] = process.argv.slice(2);
const N = Number(nText);
const work = { first: 0, stride: 1, count: N };
const scenario = { name: 'memory', simulation: { trajectories: N } } as never;
const r = emptyResults(N);
for (let p = 0; p < N; p++) { r.index[p] = p; r.time[p] = 0.01 * (p % 997) + 1e-9 * p; r.steps[p] = p % 997; r.status[p] = 1 + (p % 2); r.boundary[p] = p % 2 ? -1 : 0; }
const path = join(mkdtempSync(join(tmpdir(), 'escapelab-memory-')), 'run.json');
if (how === 'format-1') {
  writeFileSync(path, JSON.stringify(toFile(scenario, N, work, r, { complete: true, steps: 0, seconds: 0, backend: 'cpu' })));
} else {
  const w = TrajectoryWriter.create(path, { scenario, total: N, work });
  for (let b = 0; b < N; b += N / 4) { w.queue([b, b + N / 4]); w.flush(r); } // four checkpoints
  w.end({ complete: true, steps: 0, seconds: 0, backend: 'cpu' });
  w.close();
}
const back = readTrajectoryRun(path);
let same = back.finished === N;
for (let p = 0; p < N && same; p++) same = back.results.time[p] === r.time[p] && back.results.status[p] === r.status[p] && back.results.boundary[p] === r.boundary[p];
process.stdout.write(same ? `ok ${back.finished}\n` : 'different\n');
