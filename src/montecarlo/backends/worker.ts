/**
 * worker_threads entry of the `workers` backend. Each message is a run: the worker rebuilds the problem and its
 * kernel when the scenario differs from its last run's (no second validation), then claims blocks from the run's
 * shared schedule until none is left, posting each finished block, and ends with 'done'.
 */
import { parentPort } from 'node:worker_threads';
import { restoreProblem, type EscapeProblem } from '../../scenario/restore.js';
import { createKernel, type Kernel } from '../kernels/index.js';
import { runBlock } from './cpu.js';
import { claim } from './schedule.js';
import type { RunMessage } from './workers.js';

let current: { key: string; problem: EscapeProblem; kernel: Kernel } | undefined;

function problemFor(key: string, scenario: EscapeProblem['scenario']) {
  if (current?.key !== key) {
    const problem = restoreProblem(scenario);
    current = { key, problem, kernel: createKernel(problem) };
  }
  return current;
}

parentPort!.on('message', (m: RunMessage) => {
  try {
    const { problem, kernel } = problemFor(m.key, m.scenario);
    for (let b = claim(m.schedule); b; b = claim(m.schedule)) {
      const r = runBlock(problem, kernel, m.work, b.begin, b.end, m.stepsPerLaunch);
      const t = r.results;
      parentPort!.postMessage({ block: r }, [t.index.buffer, t.time.buffer, t.steps.buffer, t.status.buffer, t.boundary.buffer] as ArrayBuffer[]);
    }
    parentPort!.postMessage({ done: true });
  } catch (e) {
    // an Error survives the message (structured clone); anything else as its text
    parentPort!.postMessage({ done: true, error: e instanceof Error ? e : new Error(String(e)) });
  }
});
