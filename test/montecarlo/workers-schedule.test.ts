/**
 * The `workers` backend's guided schedule and thread pool: the schedule hands out every pending position exactly
 * once in shrinking blocks; results match `cpu` bit for bit (fresh, resumed, aborted); the thread count is capped
 * by the cores; workers are reused between runs and never keep the process alive.
 */
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { NOT_RUN, runEnsemble } from '../../src/montecarlo/engine.js';
import { claim, countBlocks, createSchedule, guidedSize, pendingSpans } from '../../src/montecarlo/backends/schedule.js';
import { closeWorkerPool, workerThreads } from '../../src/montecarlo/backends/workers.js';
import { liveWorkers, poolCapacity } from '../../src/montecarlo/backends/pool.js';
import type { TrajectoryResults } from '../../src/montecarlo/state.js';
import { bytes } from '../helpers.js';

const cores = availableParallelism();

/** a quick double well: most trajectories exit within maxTime, some are censored */
function scenario(seed: number | string, trajectories = 240) {
  return {
    landscape: { builtin: 'quartic', h: 1 }, start: [-1],
    exit: { var: 'x', above: 0 },
    dynamics: { model: 'langevin', temperature: 0.5 },
    simulation: { trajectories, dt: 0.01, maxTime: 4, seed },
  };
}

function same(a: TrajectoryResults, b: TrajectoryResults): void {
  for (const k of ['index', 'time', 'steps', 'status', 'boundary'] as const) expect(bytes(a[k]).equals(bytes(b[k])), k).toBe(true);
}

afterAll(() => closeWorkerPool());

describe('guided schedule', () => {
  it('hands out every pending position exactly once, in blocks that shrink to the minimum', () => {
    const status = new Uint8Array(1000).fill(NOT_RUN);
    for (let p = 0; p < status.length; p++) if (p % 97 < 20 || (p > 500 && p < 560)) status[p] = 1; // earlier run's results
    const spans = pendingSpans(status);
    const s = createSchedule(spans, 3, 64, 4);
    const seen = new Uint8Array(status.length);
    const sizes: number[] = [];
    // three "threads" taking turns, one of them with a smaller cap (the main thread)
    for (let t = 0, b = claim(s); b; t++, b = claim(s, t % 3 === 0 ? 8 : undefined)) {
      expect(b.end).toBeGreaterThan(b.begin);
      for (let p = b.begin; p < b.end; p++) seen[p]++;
      sizes.push(b.end - b.begin);
    }
    for (let p = 0; p < status.length; p++) expect(seen[p], `position ${p}`).toBe(status[p] === NOT_RUN ? 1 : 0);
    expect(Math.max(...sizes)).toBe(64);
    expect(sizes.slice(-5).every((n) => n <= 4)).toBe(true);
    expect(claim(s)).toBeNull();
  });

  it('sizes: 1/(2·threads) of the rest within [min, max]; countBlocks counts them', () => {
    expect(guidedSize(1000, 2, 256, 4)).toBe(250);
    expect(guidedSize(10000, 2, 256, 4)).toBe(256);
    expect(guidedSize(10, 2, 256, 4)).toBe(4);
    expect(guidedSize(3, 2, 256, 4)).toBe(3);
    expect(countBlocks(0, 2, 256, 4)).toBe(0);
    expect(countBlocks(3, 4, 256, 4)).toBe(1);
    let left = 5000, n = 0;
    while (left > 0) { left -= guidedSize(left, 2, 256, 4); n++; }
    expect(countBlocks(5000, 2, 256, 4)).toBe(n);
    expect(countBlocks(5000, 2, 256, 4, 3)).toBe(3);
  });
});

describe('thread count', () => {
  it('is capped at one thread per core, with a warning', () => {
    const w: string[] = [];
    expect(workerThreads(undefined, w)).toBe(cores);
    expect(workerThreads(1, w)).toBe(1);
    expect(w).toEqual([]);
    expect(workerThreads(cores + 3, w)).toBe(cores);
    expect(w[0]).toMatch(/threads requested/);
    expect(poolCapacity()).toBe(cores - 1);
  });

  it('never starts more workers than there are blocks', async () => {
    await closeWorkerPool();
    const c = compileScenario(scenario(3, 4));
    const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: 4 }, backend: 'workers', workers: 2, chunk: 4 });
    expect(run.workers).toBe(1); // one block of MIN_BLOCK: the main thread alone
    expect(liveWorkers()).toBe(0);
  });
});

describe('workers = cpu bit for bit', () => {
  const c = compileScenario(scenario('workers'));
  const all = { first: 0, stride: 1, count: 240 };

  it('for several chunk sizes and steps per launch; workers are reused between runs', async () => {
    const ref = await runEnsemble(c, { work: all, backend: 'cpu' });
    expect(ref.results.status.some((s) => s === 1)).toBe(true);
    for (const [chunk, spl] of [[16, 50], [7, 13], [256, 4096]]) {
      const run = await runEnsemble(c, { work: all, backend: 'workers', workers: 2, chunk, stepsPerLaunch: spl });
      same(ref.results, run.results);
      expect(run.workers).toBe(Math.min(2, cores));
      expect(run.complete).toBe(true);
    }
    expect(liveWorkers()).toBe(Math.min(1, cores - 1));
    // another scenario on the same workers
    const other = compileScenario(scenario('another'));
    same((await runEnsemble(other, { work: all, backend: 'cpu' })).results, (await runEnsemble(other, { work: all, backend: 'workers', chunk: 16 })).results);
    expect(liveWorkers()).toBe(cores - 1);
  });

  it('a strided shard', async () => {
    const shard = { first: 1, stride: 3, count: 80 };
    same((await runEnsemble(c, { work: shard, backend: 'cpu' })).results, (await runEnsemble(c, { work: shard, backend: 'workers', chunk: 8 })).results);
  });

  it('resumed from scattered finished positions: runs only the others', async () => {
    const ref = await runEnsemble(c, { work: all, backend: 'cpu' });
    const earlier = structuredClone(ref.results);
    let expected = 0;
    for (let p = 0; p < 240; p++) {
      if (p % 11 < 4 || (p >= 100 && p < 150)) { earlier.status[p] = NOT_RUN; expected += ref.results.steps[p]; }
    }
    const run = await runEnsemble(c, { work: all, backend: 'workers', workers: 2, chunk: 8, resumeFrom: earlier });
    same(ref.results, run.results);
    expect(run.steps).toBe(expected);
  });

  it('an aborted run keeps its finished blocks and resumes to the same result', async () => {
    // work enough (≈ 10⁸ steps: T = 1/8, mostly censored at maxTime 400) that the other threads cannot finish it
    // all before the main thread sees the third block's progress, however the OS schedules them
    const slow = compileScenario({ ...scenario('abort', 2400), dynamics: { model: 'langevin', temperature: 0.125 }, simulation: { trajectories: 2400, dt: 0.01, maxTime: 400, seed: 'abort' } });
    const work = { first: 0, stride: 1, count: 2400 };
    const ref = await runEnsemble(slow, { work, backend: 'cpu' });
    const abort = new AbortController();
    let blocks = 0;
    const partial = await runEnsemble(slow, {
      work, backend: 'workers', workers: 2, chunk: 4, signal: abort.signal,
      onProgress: () => { if (++blocks === 3) abort.abort(); },
    });
    expect(partial.complete).toBe(false);
    const kept = partial.results.status.filter((s) => s !== NOT_RUN).length;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(2400);
    for (let p = 0; p < 2400; p++) {
      if (partial.results.status[p] === NOT_RUN) continue;
      expect(partial.results.time[p]).toBe(ref.results.time[p]);
      expect(partial.results.status[p]).toBe(ref.results.status[p]);
    }
    const resumed = await runEnsemble(slow, { work, backend: 'workers', workers: 2, chunk: 32, resumeFrom: partial.results });
    expect(resumed.complete).toBe(true);
    same(ref.results, resumed.results);
  });

  it('a failing progress callback fails the run, not the process', async () => {
    const boom = () => { throw new Error('checkpoint failed'); };
    await expect(runEnsemble(c, { work: all, backend: 'workers', workers: 2, chunk: 8, onProgress: boom })).rejects.toThrow('checkpoint failed');
    // the pool still works afterwards
    same((await runEnsemble(c, { work: all, backend: 'cpu' })).results, (await runEnsemble(c, { work: all, backend: 'workers', chunk: 8 })).results);
  });
});

describe('the pool', () => {
  it('a worker that dies fails the run; the next run starts a new one', async () => {
    if (cores < 2) return;
    const big = compileScenario(scenario('die', 4000));
    const work = { first: 0, stride: 1, count: 4000 };
    let closing: Promise<void> | undefined;
    const run = runEnsemble(big, { work, backend: 'workers', chunk: 8, onProgress: () => { closing ??= closeWorkerPool(); } });
    await expect(run).rejects.toThrow(/worker exited/);
    await closing;
    const c = compileScenario(scenario('after'));
    const all = { first: 0, stride: 1, count: 240 };
    same((await runEnsemble(c, { work: all, backend: 'cpu' })).results, (await runEnsemble(c, { work: all, backend: 'workers', chunk: 8 })).results);
    expect(liveWorkers()).toBe(cores - 1);
  });

  it('closeWorkerPool ends every worker', async () => {
    await closeWorkerPool();
    expect(liveWorkers()).toBe(0);
  });

  it('idle workers do not keep the process alive', async () => {
    const script = `
      import { compileScenario } from './src/scenario/compile.ts';
      import { runEnsemble } from './src/montecarlo/engine.ts';
      const c = compileScenario(${JSON.stringify(scenario(1, 64))});
      const r = await runEnsemble(c, { work: { first: 0, stride: 1, count: 64 }, backend: 'workers', chunk: 4 });
      console.log('ran', r.workers, r.complete);
      const t = performance.now();
      process.on('exit', () => console.log(Math.round(performance.now() - t)));`;
    const out = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 });
    const [ran, after] = out.stdout.trim().split('\n');
    expect(ran).toBe(`ran ${Math.min(2, cores)} true`);
    // the idle timeout is 10 s: an exit well before it means the idle workers were unref'd
    expect(Number(after)).toBeLessThan(5_000);
  });
});
