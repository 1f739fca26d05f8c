/**
 * Start a worker thread on the module `name` beside `moduleUrl`: the built `.js`, or, when running from the
 * TypeScript sources (vitest, tsx), the `.ts` file through tsx's loader API.
 */
import { Worker } from 'node:worker_threads';

export function spawnWorker(moduleUrl: string, name: string, workerData: unknown): Worker {
  if (!moduleUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, moduleUrl), { workerData });
  const entry = new URL(`./${name}.ts`, moduleUrl).href;
  const boot = `import('tsx/esm/api').then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(moduleUrl)}))`;
  return new Worker(boot, { eval: true, workerData });
}
