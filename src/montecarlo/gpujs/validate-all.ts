/**
 * `escapelab backends --validate`: validate every gpu.js backend present against float64 `cpu` (validate.ts),
 * time cpu and workers, and write the cache that `auto` reads (auto.ts).
 */
import { runEnsemble } from '../engine.js';
import { GPUJS_BACKENDS, unavailableReason } from './gpu.js';
import { writeCache, type BackendCache, type CacheEntry } from './auto.js';
import { compareRuns, uniformMismatches, validationScenario } from './validate.js';

/** Validate every backend present and write the cache (`escapelab backends --validate`). */
export async function validateAll(opts: { trajectories?: number; log?: (m: string) => void } = {}): Promise<BackendCache> {
  const n = opts.trajectories ?? 2000;
  const log = opts.log ?? (() => {});
  const c = validationScenario(n);
  const work = { first: 0, stride: 1, count: n };
  const entries: CacheEntry[] = [];
  log(`float64 reference: cpu, ${n} trajectories`);
  const reference = await runEnsemble(c, { work, backend: 'cpu' });
  // speeds of the float64 backends on 4× the work, so that worker start-up does not dominate the figure
  const big = validationScenario(4 * n), bigWork = { first: 0, stride: 1, count: 4 * n };
  for (const b of ['cpu', 'workers'] as const) {
    log(`${b}: timing ${4 * n} trajectories`);
    const r = await runEnsemble(big, { work: bigWork, backend: b });
    entries.push({ backend: b, passed: true, stepsPerSecond: r.steps / r.seconds, reason: b === 'cpu' ? 'the float64 reference' : 'float64, bit-identical to cpu' });
  }
  for (const b of GPUJS_BACKENDS) {
    const why = await unavailableReason(b);
    if (why) { log(`${b}: not available: ${why}`); entries.push({ backend: b, passed: null, stepsPerSecond: null, reason: why }); continue; }
    log(`${b}: validating`);
    try {
      const mismatches = await uniformMismatches(b);
      const run = await runEnsemble(c, { work, backend: b });
      const v = compareRuns(c, b, run, reference);
      const passed = v.passed && mismatches === 0;
      entries.push({ backend: b, passed, stepsPerSecond: v.stepsPerSecond, uniformMismatches: mismatches, verdict: v,
        reason: passed ? 'passed' : `failed: ${mismatches} uniform mismatches, exact MFPT inside CI ${v.exactInside}, CIs overlap ${v.overlap}, KS p ${v.ksP.toPrecision(2)}` });
    } catch (e) {
      entries.push({ backend: b, passed: false, stepsPerSecond: null, reason: `error: ${(e as Error).message}` });
    }
    log(`${b}: ${entries[entries.length - 1].reason}`);
  }
  return writeCache(entries);
}
