/** `escapelab backends [--validate]`: which backends run here and, after validation, which `auto` may pick. */
import { GPUJS_BACKENDS, unavailableReason } from '../montecarlo/gpujs/gpu.js';
import { cachePath, readCache, type BackendCache } from '../montecarlo/gpujs/auto.js';
import { validateAll } from '../montecarlo/gpujs/validate-all.js';
import { fmt } from './common.js';

export async function backendsCommand(opts: { validate?: boolean; trajectories?: number; json?: boolean }): Promise<void> {
  const log = (m: string) => { if (!opts.json) process.stderr.write(m + '\n'); };
  let cache: BackendCache | null;
  if (opts.validate) cache = await validateAll({ trajectories: opts.trajectories, log });
  else cache = readCache();
  const present: Record<string, string | null> = { cpu: null, workers: null };
  for (const b of GPUJS_BACKENDS) present[b] = await unavailableReason(b);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ cache: cachePath(), present, validation: cache }, null, 2) + '\n');
    return;
  }
  const lines = [`validation cache: ${cache ? `${cachePath()} (${cache.at})` : `none at ${cachePath()} (run escapelab backends --validate)`}`];
  for (const [b, why] of Object.entries(present)) {
    const e = cache?.entries.find((x) => x.backend === b);
    const v = e ? `${e.passed === true ? 'passed' : e.passed === false ? 'FAILED' : 'not run'}${e.stepsPerSecond ? `, ${fmt(e.stepsPerSecond)} steps/s` : ''}${e.passed === false ? ` (${e.reason})` : ''}` : 'not validated';
    lines.push(`${b.padEnd(17)} ${why ? `unavailable: ${why}` : `available; ${v}`}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
