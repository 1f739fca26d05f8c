/** worker_threads entry of the `workers` backend: compiles the scenario once, then runs blocks on request. */
import { parentPort, workerData } from 'node:worker_threads';
import { compileScenario } from '../../scenario/compile.js';
import { runBlock } from './cpu.js';
import type { WorkSet } from '../work.js';

const { scenario } = workerData as { scenario: unknown };
const compiled = compileScenario(scenario);
const kernel = compiled.kernel();

parentPort!.on('message', (msg: { work: WorkSet; begin: number; end: number; stepsPerLaunch: number }) => {
  const r = runBlock(compiled, kernel, msg.work, msg.begin, msg.end, msg.stepsPerLaunch);
  const t = r.results;
  parentPort!.postMessage(r, [t.index.buffer, t.time.buffer, t.steps.buffer, t.status.buffer, t.boundary.buffer] as ArrayBuffer[]);
});
