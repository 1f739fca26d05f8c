/**
 * `auto`: the fastest backend that passed its validation on this machine (design.md §4).
 *
 * `escapelab backends --validate` runs validate.ts's checks on every gpu.js backend present (whose speed is
 * taken from that run, kernel compilation included), times cpu and workers on 4× the trajectories of the same
 * scenario (worker start-up amortised), and writes the verdicts to a cache file; `auto` reads it (never validates by
 * itself, so a run's start-up time stays predictable) and falls back to the CPU choice when there is no cache,
 * when the cache was written on another machine or by another version, or when the scenario is one the
 * gpu.js kernels do not take (support.ts gpujsSupport).
 * Cache: $ESCAPELAB_CACHE_DIR/backends.json, default ~/.cache/escapelab/backends.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, homedir, hostname } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { EscapeProblem } from '../../scenario/compile.js';
import { gpujs, isGpujsBackend, type GpujsBackend } from './gpu.js';
import { gpujsSupport } from './support.js';
import type { Verdict } from './types.js';

export interface CacheEntry {
  backend: string;
  /** null: not available here (reason says why) */
  passed: boolean | null;
  stepsPerSecond: number | null;
  reason?: string;
  uniformMismatches?: number;
  verdict?: Verdict;
}

export interface BackendCache {
  version: 1;
  machine: string;
  at: string;
  entries: CacheEntry[];
}

export function cachePath(): string {
  return join(process.env.ESCAPELAB_CACHE_DIR ?? join(homedir(), '.cache', 'escapelab'), 'backends.json');
}

/** What a cache is valid for: this host, CPU, Node, gpu.js and escapelab versions. */
export function machineId(): string {
  const req = createRequire(import.meta.url);
  const version = (p: string) => { try { return (req(p) as { version: string }).version; } catch { return '?'; } };
  return [hostname(), cpus()[0]?.model ?? '?', availableParallelism(), process.version, `gpu.js ${version('gpu.js/package.json')}`,
    `escapelab ${version('../../../package.json')}`].join(' | ');
}

export function readCache(): BackendCache | null {
  const p = cachePath();
  if (!existsSync(p)) return null;
  try {
    const c = JSON.parse(readFileSync(p, 'utf8')) as BackendCache;
    return c.version === 1 && c.machine === machineId() ? c : null;
  } catch {
    return null;
  }
}

export function writeCache(entries: CacheEntry[]): BackendCache {
  const cache: BackendCache = { version: 1, machine: machineId(), at: new Date().toISOString(), entries };
  const p = cachePath();
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, JSON.stringify(cache, null, 2) + '\n');
  return cache;
}

/** available right now, decided synchronously (a cached webgpu pass is trusted: its probe is asynchronous) */
function availableNow(b: GpujsBackend): boolean {
  if (b === 'gpujs-headlessgl') return gpujs().GPU.isHeadlessGLSupported;
  return true;
}

/**
 * The backend `auto` should use for this scenario according to the cache, or null (no usable cache): the fastest
 * passed entry among `cpu`, `workers` (only when the CPU choice is workers: enough work to share) and the gpu.js
 * backends that take this scenario and can run now.
 */
export function autoBackend(c: EscapeProblem, cpuChoice: 'cpu' | 'workers'): 'cpu' | 'workers' | GpujsBackend | null {
  const cache = readCache();
  if (!cache) return null;
  const gpuOk = gpujsSupport(c) === null;
  const candidates = cache.entries.filter((e) => e.passed === true && (e.stepsPerSecond ?? 0) > 0 && (
    e.backend === 'cpu' || (e.backend === 'workers' && cpuChoice === 'workers') ||
    (gpuOk && isGpujsBackend(e.backend) && availableNow(e.backend))));
  if (!candidates.length) return null;
  candidates.sort((a, b) => (b.stepsPerSecond ?? 0) - (a.stepsPerSecond ?? 0));
  return candidates[0].backend as 'cpu' | 'workers' | GpujsBackend;
}
