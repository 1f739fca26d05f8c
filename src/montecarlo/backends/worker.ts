/**
 * worker_threads entry of the `workers` backend: rebuilds the problem from the validated scenario it is handed
 * (no second validation), builds its own kernel once, then runs blocks on request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { restoreProblem, type EscapeProblem } from '../../scenario/compile.js';
import { createKernel } from '../kernels/index.js';
import { runBlock } from './cpu.js';
import type { WorkSet } from '../work.js';

const { scenario } = workerData as { scenario: EscapeProblem['scenario'] };
const problem = restoreProblem(scenario);
const kernel = createKernel(problem);

parentPort!.on('message', (msg: { work: WorkSet; begin: number; end: number; stepsPerLaunch: number }) => {
  const r = runBlock(problem, kernel, msg.work, msg.begin, msg.end, msg.stepsPerLaunch);
  const t = r.results;
  parentPort!.postMessage(r, [t.index.buffer, t.time.buffer, t.steps.buffer, t.status.buffer, t.boundary.buffer] as ArrayBuffer[]);
});
