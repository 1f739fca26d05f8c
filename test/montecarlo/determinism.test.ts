/**
 * Reproducibility (design.md §4): the same seed gives bit-for-bit the same per-trajectory results for any
 * chunk size, steps per launch, backend (cpu / workers), worker count, sharding, or interrupt-and-resume.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { NOT_RUN, runEnsemble } from '../../src/montecarlo/engine.js';
import { mergeFiles } from '../../src/montecarlo/merge.js';
import { toFile } from '../../src/montecarlo/io.js';
import { shardOf } from '../../src/montecarlo/work.js';
import type { TrajectoryResults } from '../../src/montecarlo/state.js';
import { bytes } from '../helpers.js';

const N = 96;
const scenarios = {
  'langevin 1-D': {
    landscape: { expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 1 } }, start: [-1],
    exit: { var: 'x', above: 0 }, reflect: { var: 'x', below: -2 },
    dynamics: { model: 'langevin', temperature: 0.5 },
    simulation: { trajectories: N, dt: 0.01, maxTime: 3, seed: 'determinism' }, // maxTime short: some are censored
  },
  'adam hanggi milstein 1-D': {
    landscape: { builtin: 'well-barrier', Ha: 2, Hb: 1, dL: 0.1 }, start: 'minimum',
    exit: { var: 'x', above: 1.5 },
    dynamics: { model: 'adam', lr: 0.1, batch: 1, noise: { kind: 'hessian', floor: 0.05 }, convention: 'hanggi' },
    simulation: { trajectories: N, dt: 0.01, maxTime: 20, seed: 5, integrator: 'milstein' },
  },
  'sgd 3-D hessian noise': {
    landscape: { builtin: 'eigen-saddle', Ha: 2, Hb: 1, dL: 0.1, minEigs: [3, 4], saddleEigs: [2, 5] }, start: 'minimum',
    exit: { var: 'x1', above: 1.5 },
    dynamics: { model: 'sgd', lr: 0.2, batch: 1, noise: { kind: 'hessian', floor: 0.05 }, convention: 'ito' },
    simulation: { trajectories: N, dt: 0.01, maxTime: 20, seed: 9 },
  },
};

function same(a: TrajectoryResults, b: TrajectoryResults): void {
  expect(bytes(a.index).equals(bytes(b.index))).toBe(true);
  expect(bytes(a.time).equals(bytes(b.time))).toBe(true);
  expect(bytes(a.status).equals(bytes(b.status))).toBe(true);
  expect(bytes(a.boundary).equals(bytes(b.boundary))).toBe(true);
  expect(bytes(a.steps).equals(bytes(b.steps))).toBe(true);
}

describe.each(Object.entries(scenarios))('%s', (_name, sc) => {
  const c = compileScenario(sc);
  const all = shardOf(N);

  it('same results for every chunk size, steps per launch and backend', async () => {
    const ref = await runEnsemble(c, { work: all, backend: 'cpu', chunk: 256, stepsPerLaunch: 4096 });
    const st = ref.results.status;
    // the run must exercise both outcomes for the comparison to mean something
    expect(st.some((s) => s === 1)).toBe(true);
    for (const [chunk, spl] of [[1, 1], [7, 13], [32, 100000]]) {
      same(ref.results, (await runEnsemble(c, { work: all, backend: 'cpu', chunk, stepsPerLaunch: spl })).results);
    }
    for (const workers of [2, 3]) {
      same(ref.results, (await runEnsemble(c, { work: all, backend: 'workers', workers, chunk: 5, stepsPerLaunch: 77 })).results);
    }
  });

  it('shards merge into the single run; a different seed changes it', async () => {
    const ref = await runEnsemble(c, { work: all, backend: 'cpu' });
    const files = [0, 1, 2].map(async (i) => {
      const w = shardOf(N, { index: i, of: 3 });
      const r = await runEnsemble(c, { work: w, backend: 'cpu', chunk: 4 });
      return { name: `shard${i}`, file: toFile(c.scenario, N, w, r.results, { complete: true, steps: r.steps, seconds: r.seconds, backend: 'cpu' }) };
    });
    const merged = mergeFiles(await Promise.all(files));
    same(ref.results, merged.results);
    const other = compileScenario(sc, { seed: 'another seed' });
    const r2 = await runEnsemble(other, { work: all, backend: 'cpu' });
    expect(bytes(r2.results.time).equals(bytes(ref.results.time))).toBe(false);
  });

  it('an interrupted run keeps its finished blocks and resumes to the same result', async () => {
    const ref = await runEnsemble(c, { work: all, backend: 'cpu' });
    const abort = new AbortController();
    let blocks = 0;
    const partial = await runEnsemble(c, {
      work: all, backend: 'cpu', chunk: 8, signal: abort.signal,
      onProgress: () => { if (++blocks === 3) abort.abort(); },
    });
    expect(partial.complete).toBe(false);
    const kept = partial.results.status.filter((s) => s !== NOT_RUN).length;
    expect(kept).toBe(24);
    const resumed = await runEnsemble(c, { work: all, backend: 'cpu', chunk: 8, resumeFrom: partial.results });
    expect(resumed.complete).toBe(true);
    same(ref.results, resumed.results);
  });
});
