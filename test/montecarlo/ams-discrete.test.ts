/**
 * The rare-event solver on the real discrete optimizers: a Markov chain on the whole state (θ, moments, step count),
 * cloned whole at a branch (docs/rare-events.md, "Discrete optimizers").
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileScenario } from '../../src/scenario/compile.js';
import { solveAms } from '../../src/montecarlo/ams/index.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { summarize } from '../../src/montecarlo/summary.js';
import { createKernel } from '../../src/montecarlo/kernels/index.js';
import { ALIVE, newChunk, withMemory } from '../../src/montecarlo/state.js';
import { createOptimizer } from '../../src/optimizers/index.js';
import { packState, stateLength, unpackState } from '../../src/optimizers/types.js';

const base = () => JSON.parse(readFileSync('examples/well-barrier-sgd.json', 'utf8'));
/** the well-barrier example (H_a = 2, |H_b| = 1, ΔL = ½, C = |L″| + 1, B = 1) as a discrete optimizer at rate lr */
const discrete = (optimizer: string, lr: number, simulation: Record<string, unknown>) => {
  const sc = base();
  const { model: _m, convention: _c, ...rest } = sc.dynamics;
  sc.dynamics = { ...rest, discrete: optimizer, lr };
  sc.simulation = { trajectories: 1, maxTime: 1e12, seed: 3, ...simulation };
  return sc;
};

describe('discrete optimizer state: packed, handed over, cloned', () => {
  it('pack/unpack round-trips every optimizer\'s state', () => {
    for (const name of ['sgd', 'momentum', 'adam', 'amsgrad', 'invadam', 'padam', 'adamomentum', 'yogi', 'adai']) {
      const hyper = name === 'momentum' ? { momentum: 0.9 } : {};
      const opt = createOptimizer(name === 'momentum' ? 'sgd' : name, { lr: 0.01, ...hyper });
      const p = Float64Array.from([0.3, -0.7, 1.1]), g = Float64Array.from([0.2, 0.5, -0.4]);
      const s = opt.init(p);
      for (let t = 0; t < 3; t++) opt.step(p, g, s);
      const flat = new Float64Array(stateLength(s) + 2);
      packState(s, flat, 2);
      const back = opt.init(new Float64Array(3));
      unpackState(flat, 2, back);
      expect(back, name).toEqual(s);
    }
  });

  it('a trajectory handed from one kernel to another through the chunk memory continues bit for bit', () => {
    // discrete InvAdam (moments and step count matter): 300 steps on one kernel against 120 + 180 on two kernels
    const p = compileScenario(discrete('invadam', 0.05, { maxTime: 1e6 }));
    const size = stateLength(p.discrete!.makeOptimizer().init(new Float64Array(1)));
    const whole = withMemory(newChunk([7], 1, p.start), size);
    createKernel(p)(whole, 300);
    const split = withMemory(newChunk([7], 1, p.start), size);
    createKernel(p)(split, 120);
    const again = withMemory(newChunk([7], 1, split.x), size, split.memory!.data);
    again.steps[0] = split.steps[0]; again.word[0] = split.word[0];
    createKernel(p)(again, 180);
    expect(whole.status[0]).toBe(ALIVE);
    expect([again.x[0], again.steps[0], again.word[0]]).toEqual([whole.x[0], whole.steps[0], whole.word[0]]);
    expect(Array.from(again.memory!.data)).toEqual(Array.from(whole.memory!.data));
    // the control: restarting with fresh moments at the same θ does not continue the path
    const fresh = withMemory(newChunk([7], 1, split.x), size);
    fresh.steps[0] = split.steps[0]; fresh.word[0] = split.word[0];
    createKernel(p)(fresh, 180);
    expect(fresh.x[0]).not.toBe(whole.x[0]);
  });
});

describe('AMS on discrete optimizers', () => {
  it('discrete SGD at η = dt is the Euler–Maruyama chain of the SGD SDE: the same p exactly, the MFPT shifted by the exit-time rule ½η', async () => {
    const lr = 0.05; // ΔΦ ≈ 10 in the SDE limit
    const sim = { method: 'ams', ams: { replicas: 50, runs: 4 } };
    const sde = base();
    sde.dynamics.lr = lr;
    sde.simulation = { trajectories: 1, maxTime: 1e12, seed: 3, dt: lr, bridge: false, ...sim };
    const [a, b] = [await solveAms(compileScenario(sde), { backend: 'cpu' }), await solveAms(compileScenario(discrete('sgd', lr, sim)), { backend: 'cpu' })];
    console.log(`SGD at η = ${lr}: SDE (EM, dt = η) p = ${a.estimate.p.estimate}, MFPT ${a.mfpt.estimate}; discrete p = ${b.estimate.p.estimate}, MFPT ${b.mfpt.estimate}`);
    expect(b.estimate.p).toEqual(a.estimate.p);
    expect(b.steps).toEqual(a.steps);
    // the SDE reports an exit at the step midpoint (k − ½)·dt, the discrete optimizer at the iterate k·η
    expect(b.mfpt.estimate - a.mfpt.estimate).toBeCloseTo(lr / 2, 9);
  });

  // Null hypothesis: AMS is unbiased for the discrete chain, so its log estimate and direct Monte Carlo's agree within
  // their errors (log-normal): |z| < 2.807, a two-sided test at family level α = 0.01 for the two optimizers (Bonferroni).
  // β₂ = 0.999 and fresh moments at the start: the chain the papers' optimizers run, not its SDE limit.
  const cases: [string, number][] = [['adam', 0.17], ['invadam', 0.075]];
  for (const [name, lr] of cases) {
    it(`discrete ${name}: AMS agrees with direct Monte Carlo on the same chain (ΔΦ ≈ 4–5 in the SDE limit)`, async () => {
      const N = 1000;
      const d = compileScenario(discrete(name, lr, { trajectories: N, maxTime: 1e6, method: 'direct' }));
      const run = await runEnsemble(d, { work: { first: 0, stride: 1, count: N } });
      const direct = summarize(d, run.results, run).mfpt!;
      const o = await solveAms(compileScenario(discrete(name, lr, { method: 'ams', ams: { replicas: 100, runs: 30 } })));
      const seDirect = direct.se / direct.estimate;
      const z = (Math.log(o.mfpt.estimate) - Math.log(direct.estimate)) / Math.hypot(o.mfpt.relSE, seDirect);
      console.log(`discrete ${name} η = ${lr}: direct ${direct.estimate.toPrecision(5)} ± ${(100 * seDirect).toFixed(1)}% (${N} trajectories, ${run.steps} steps), ` +
        `AMS ${o.mfpt.estimate.toPrecision(5)} ± ${(100 * o.mfpt.relSE).toFixed(1)}% (${o.steps.loops + o.steps.ams} steps), z = ${z.toFixed(2)}`);
      expect(Math.abs(z)).toBeLessThan(2.807);
    });
  }
});
