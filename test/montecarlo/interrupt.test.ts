/**
 * Interrupts take effect within a second on every CPU backend (docs/cli.md, "Signals"): the main thread computes in
 * time slices and serves its event loop (where signals arrive) during a block that never ends; an abort stops a
 * `cpu` block keeping its finished trajectories bit for bit, drops the `workers` blocks in flight by ending their
 * workers, and drops AMS runs in flight; the pool works again afterwards.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { NOT_RUN, closeWorkerPool, runEnsemble } from '../../src/montecarlo/engine.js';
import { SLICE_MS, runBlock, runBlockSliced } from '../../src/montecarlo/backends/cpu.js';
import { liveWorkers } from '../../src/montecarlo/backends/pool.js';
import { createKernel, type Kernel } from '../../src/montecarlo/kernels/index.js';
import { computeRuns } from '../../src/montecarlo/ams/index.js';
import { shardOf } from '../../src/montecarlo/work.js';
import { bytes } from '../helpers.js';

afterAll(() => closeWorkerPool());

/** a double well at temperature T; at T = 0.01 (barrier 1: escape rate e^{-100}) no trajectory ends in any test's lifetime */
const well = (T: number, exitAt: number, trajectories: number) => compileScenario({
  landscape: { expr: '(x^2-1)^2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: exitAt }, reflect: { var: 'x', below: -2 },
  dynamics: { model: 'langevin', temperature: T }, simulation: { trajectories, dt: 0.01, maxTime: 1e12, seed: 'interrupt' },
});
const never = (n: number) => well(0.01, 0.5, n);

/** the longest time the event loop went unserved while `work` ran (a 5 ms ticker) */
async function largestGap<T>(work: Promise<T>): Promise<{ value: T; gapMs: number }> {
  let last = performance.now(), gapMs = 0;
  const ticker = setInterval(() => { const now = performance.now(); gapMs = Math.max(gapMs, now - last); last = now; }, 5);
  try {
    const value = await work;
    return { value, gapMs };
  } finally {
    clearInterval(ticker);
  }
}

/** abort after `afterMs`; resolves with how long the run took to end after the abort */
async function abortedAfter<T>(afterMs: number, start: (signal: AbortSignal) => Promise<T>): Promise<{ value: T; stopMs: number; gapMs: number }> {
  const abort = new AbortController();
  let at = 0;
  setTimeout(() => { at = performance.now(); abort.abort(); }, afterMs);
  const { value, gapMs } = await largestGap(start(abort.signal));
  return { value, stopMs: performance.now() - at, gapMs };
}

describe('cpu', () => {
  it('a block that never ends: the event loop is served throughout, and an abort ends the run within a second', async () => {
    const c = never(8);
    const { value: run, stopMs, gapMs } = await abortedAfter(800, (signal) => runEnsemble(c, { work: shardOf(8), backend: 'cpu', signal }));
    expect(stopMs).toBeLessThan(1000);
    expect(gapMs).toBeLessThan(500);
    expect(run.complete).toBe(false);
    expect(run.results.status.every((s) => s === NOT_RUN)).toBe(true);
    expect(run.steps).toBe(0);
  });

  it('an aborted block keeps its finished trajectories, equal to the uninterrupted block to the bit', async () => {
    const c = well(0.5, 0, 64);
    const work = shardOf(64);
    const full = runBlock(c, createKernel(c), work, 0, 64, 4096);
    // abort once a third of the block's steps are done (some trajectories have exited, most have not), then hold
    // the thread past the time slice, so that the block sees the abort now, however fast the machine
    const abort = new AbortController();
    const inner = createKernel(c);
    let taken = 0;
    const kernel: Kernel = (s, k) => {
      const n = inner(s, k);
      taken += n;
      if (taken > full.steps / 3 && !abort.signal.aborted) {
        abort.abort();
        for (const t = performance.now(); performance.now() - t < SLICE_MS + 5;) { /* wait out the slice */ }
      }
      return n;
    };
    const part = await runBlockSliced(c, kernel, work, 0, 64, 4096, abort.signal);
    const kept = [...part.results.status.keys()].filter((q) => part.results.status[q] !== NOT_RUN);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(64);
    let steps = 0;
    for (const q of kept) {
      expect([part.results.time[q], part.results.steps[q], part.results.status[q], part.results.boundary[q]])
        .toEqual([full.results.time[q], full.results.steps[q], full.results.status[q], full.results.boundary[q]]);
      steps += full.results.steps[q];
    }
    expect(part.steps).toBe(steps);
  });
});

describe('workers', () => {
  it('an abort drops the blocks in flight and ends their workers within a second; the next run gets new ones', async () => {
    const c = never(64);
    const { value: run, stopMs, gapMs } = await abortedAfter(1500, (signal) => runEnsemble(c, { work: shardOf(64), backend: 'workers', workers: 2, chunk: 8, signal }));
    expect(stopMs).toBeLessThan(1000);
    expect(gapMs).toBeLessThan(500);
    expect(run.complete).toBe(false);
    expect(liveWorkers()).toBe(0);
    const q = well(0.5, 0, 48);
    const [a, b] = [await runEnsemble(q, { work: shardOf(48), backend: 'cpu' }), await runEnsemble(q, { work: shardOf(48), backend: 'workers', workers: 2, chunk: 4 })];
    for (const k of ['time', 'status', 'steps'] as const) expect(bytes(a.results[k]).equals(bytes(b.results[k]))).toBe(true);
  });
});

describe('AMS', () => {
  it('offMainThread: the calling thread stays free during a run, and an abort drops the run in flight within a second', async () => {
    const p = compileScenario({
      name: 'slow-ams', landscape: { expr: 'x^4/4 - x^2/2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 },
      reflect: { var: 'x', below: -3 }, dynamics: { model: 'langevin', temperature: 0.01 },
      simulation: { trajectories: 1, dt: 0.001, maxTime: 1e12, seed: 3, method: 'ams', backend: 'cpu', ams: { replicas: 2000, runs: 4 } },
    });
    const { value: runs, stopMs, gapMs } = await abortedAfter(1500, (signal) => computeRuns(p, { signal, offMainThread: true }));
    expect(stopMs).toBeLessThan(1000);
    expect(gapMs).toBeLessThan(500);
    expect(runs.records).toEqual([]);
    expect(runs.missing).toEqual([0, 1, 2, 3]);
  });
});
