/**
 * Escape simulation of the real discrete optimizers (issue 4 item 3).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileScenario } from '../../src/scenario/compile.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { summarize } from '../../src/montecarlo/summary.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { EXITED } from '../../src/montecarlo/state.js';

const base = () => JSON.parse(readFileSync('examples/well-barrier-sgd.json', 'utf8'));
const discrete = (optimizer: string, extra: Record<string, unknown> = {}) => {
  const sc = base();
  const { model: _m, ...rest } = sc.dynamics;
  sc.dynamics = { discrete: optimizer, ...rest, ...extra };
  delete sc.simulation.dt;
  return sc;
};

describe('discrete optimizers in scenarios', () => {
  it('discrete SGD is the Euler–Maruyama step of the SGD SDE at dt = η: coupled by the same noise, the paths exit at the same iteration', async () => {
    const N = 400;
    const sde = base();
    sde.simulation.dt = sde.dynamics.lr;
    sde.simulation.bridge = false;
    const cs = compileScenario(sde, { trajectories: N, seed: 5 });
    const cd = compileScenario(discrete('sgd'), { trajectories: N, seed: 5 });
    expect(cd.dt).toBe(sde.dynamics.lr);
    const work = { first: 0, stride: 1, count: N };
    const [rs, rd] = [await runEnsemble(cs, { work, backend: 'cpu' }), await runEnsemble(cd, { work, backend: 'cpu' })];
    let same = 0;
    for (let i = 0; i < N; i++) if (rs.results.steps[i] === rd.results.steps[i] && rs.results.status[i] === rd.results.status[i]) same++;
    // the two compute the same numbers in a different order; rounding can flip a boundary decision only when a path
    // passes within ~1e-15 of the exit, so (nearly) every trajectory must agree
    console.log(`discrete SGD vs EM at dt = η: ${same}/${N} trajectories exit at the same iteration`);
    expect(same).toBeGreaterThanOrEqual(N - 2);
    // times: the SDE reports the step midpoint (k − ½)η, the discrete optimizer the iterate k·η
    const i = rd.results.status.findIndex((s) => s === EXITED);
    expect(rd.results.time[i]).toBeCloseTo(rd.results.steps[i] * cd.dt, 12);
    expect(rs.results.time[i]).toBeCloseTo((rs.results.steps[i] - 0.5) * cs.dt, 12);
  });

  it('results do not depend on chunking or on the backend (dualadam, bit for bit)', async () => {
    const N = 96;
    const c = compileScenario(discrete('dualadam', { switchRate: 0.05 }), { trajectories: N, seed: 9 });
    const work = { first: 0, stride: 1, count: N };
    const a = await runEnsemble(c, { work, backend: 'cpu', chunk: 7, stepsPerLaunch: 33 });
    const b = await runEnsemble(c, { work, backend: 'workers', chunk: 64, workers: 2 });
    expect(Array.from(a.results.time)).toEqual(Array.from(b.results.time));
    const s = summarize(c, a.results, a);
    expect(s.model).toBe('discrete dualadam');
    expect(s.iterations!.estimate).toBeCloseTo(s.mfpt!.estimate / c.dt, 9);
  });

  it('bad input names the field: hyperparameters of the optimizer, dt ≠ lr, unknown optimizer', () => {
    const problem = (sc: unknown) => { try { compileScenario(sc, { trajectories: 1 }); } catch (e) { return (e as ScenarioError).problems[0]; } throw new Error('no error'); };
    expect(problem(discrete('dualadam', { switchRate: 2 })).field).toBe('scenario.dynamics.switchRate');
    expect(problem(discrete('adam', { switchRate: 0.1 })).field).toBe('scenario.dynamics.switchRate');
    const withDt = discrete('adam');
    withDt.simulation.dt = 0.001;
    expect(problem(withDt).message).toMatch(/dt is its learning rate/);
    expect(problem(discrete('lion')).field).toBe('scenario.dynamics.discrete');
  });
});

describe('ND-Adam on unit vectors: a double well in the angle (examples/circle-double-well-ndadam.json)', () => {
  const sc = () => JSON.parse(readFileSync('examples/circle-double-well-ndadam.json', 'utf8'));

  it('iterates stay on the unit circle; every trajectory escapes over the barrier; cpu and workers agree bit for bit', async () => {
    const N = 64;
    const c = compileScenario(sc(), { trajectories: N, seed: 2 });
    expect(c.model).toBeNull();
    const { newChunk, ALIVE } = await import('../../src/montecarlo/state.js');
    const chunk = newChunk(Array.from({ length: 16 }, (_, i) => i), 2, c.start);
    const { createKernel } = await import('../../src/montecarlo/kernels/index.js');
    const kernel = createKernel(c);
    for (let launch = 0; launch < 5; launch++) {
      kernel(chunk, 50);
      for (let i = 0; i < chunk.count; i++) {
        if (chunk.status[i] === ALIVE) expect(Math.abs(Math.hypot(chunk.x[2 * i], chunk.x[2 * i + 1]) - 1)).toBeLessThan(1e-14);
      }
    }
    const work = { first: 0, stride: 1, count: N };
    const a = await runEnsemble(c, { work, backend: 'cpu', chunk: 5 });
    const b = await runEnsemble(c, { work, backend: 'workers', workers: 2 });
    expect(Array.from(a.results.time)).toEqual(Array.from(b.results.time));
    const s = summarize(c, a.results, a);
    console.log(`ndadam on the circle: ${s.escaped}/${N} escaped, mean ${s.iterations!.estimate.toFixed(1)} iterations [${s.iterations!.ci95.map((v) => v.toFixed(1)).join(', ')}]`);
    expect(s.escaped).toBe(N);
  });

  it('theory has no SDE limit for it and says so', async () => {
    const { compileSystem } = await import('../../src/scenario/compile.js');
    const { theoryOfSystem } = await import('../../src/theory/scenario.js');
    const r = theoryOfSystem(compileSystem(sc()));
    expect(r.mfpt).toEqual({ exact: null, asymptotic: null });
    expect(r.exactReason).toMatch(/no SDE model/);
  });
});
