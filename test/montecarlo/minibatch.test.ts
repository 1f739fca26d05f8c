/**
 * `minibatch` gradient noise (src/montecarlo/kernels/gradient-noise.ts): the generated dataset's exact moments, the
 * covariance of a batch drawn without replacement, and scenarios that use it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateDataset, minibatchGradientNoise } from '../../src/montecarlo/kernels/gradient-noise.js';
import { buildNoise } from '../../src/noise/index.js';
import { expressionLandscape } from '../../src/landscapes/expr.js';
import { CounterStream } from '../../src/rng/stream.js';
import { streamKey } from '../../src/rng/seed.js';
import { compileScenario, compileSystem } from '../../src/scenario/compile.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { ScenarioError } from '../../src/scenario/errors.js';

describe('minibatch noise', () => {
  it('the dataset is centred and whitened exactly: mean 0, (1/N)Σzzᵀ = I', () => {
    const n = 3, N = 50;
    const z = generateDataset(streamKey(4, 'dataset'), N, n);
    for (let a = 0; a < n; a++) {
      let m = 0;
      for (let j = 0; j < N; j++) m += z[j * n + a] / N;
      expect(Math.abs(m)).toBeLessThan(1e-14);
      for (let b = 0; b < n; b++) {
        let c = 0;
        for (let j = 0; j < N; j++) c += (z[j * n + a] * z[j * n + b]) / N;
        expect(Math.abs(c - (a === b ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });

  it('a batch of B of N examples without replacement has noise variance σ²/B·(N−B)/(N−1) (not σ²/B)', () => {
    // H0: Floyd's algorithm draws B distinct examples uniformly, so the batch mean of the whitened z has variance
    // (1/B)(N−B)/(N−1) exactly; tested with the sample variance of M draws and its standard error from the
    // sample fourth moment (4 standard errors). With replacement the variance would be 1/B: 1.8× larger here.
    const N = 10, B = 5, M = 40_000, sigma2 = 2;
    const L = expressionLandscape({ expr: 'x^2', vars: ['x'] });
    const noise = minibatchGradientNoise(buildNoise({ kind: 'white', variance: sigma2 }, L), 1, B, generateDataset(streamKey(1, 'dataset'), N, 1));
    const stream = new CounterStream(streamKey(1, 'noise'));
    stream.seek(0, 0);
    const p = Float64Array.from([0]), g = new Float64Array(1);
    let s1 = 0, s2 = 0, s4 = 0;
    const xs: number[] = [];
    for (let k = 0; k < M; k++) { g[0] = 0; noise.apply(p, g, stream); xs.push(g[0]); s1 += g[0]; }
    const mean = s1 / M;
    for (const x of xs) { const d = x - mean; s2 += d * d; s4 += d ** 4; }
    const v = s2 / (M - 1), m4 = s4 / M;
    const se = Math.sqrt((m4 - v * v) / M);
    const expected = (sigma2 / B) * (N - B) / (N - 1);
    console.log(`minibatch variance ${v.toFixed(5)} ± ${se.toFixed(5)}, expected ${expected.toFixed(5)} (with replacement: ${(sigma2 / B).toFixed(5)}); mean ${mean.toExponential(2)}`);
    expect(Math.abs(v - expected)).toBeLessThan(4 * se);
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(v / M));
  });

  const scenario = () => {
    const sc = JSON.parse(readFileSync('examples/well-barrier-discrete-sgd.json', 'utf8'));
    sc.dynamics = { ...sc.dynamics, batch: 4, noise: { kind: 'minibatch', examples: 64, covariance: { kind: 'hessian', floor: 1 } } };
    return sc;
  };

  it('scenarios: same results on cpu and workers; the SDE limit uses the effective batch B(N−1)/(N−B)', async () => {
    const N = 64;
    const c = compileScenario(scenario(), { trajectories: N, seed: 3 });
    const work = { first: 0, stride: 1, count: N };
    const a = await runEnsemble(c, { work, backend: 'cpu', chunk: 9 });
    const b = await runEnsemble(c, { work, backend: 'workers', workers: 2 });
    expect(Array.from(a.results.time)).toEqual(Array.from(b.results.time));
    const sys = compileSystem(scenario());
    expect((sys.model!.spec as { batch: number }).batch).toBeCloseTo((4 * 63) / 60, 12);
  });

  it('bad minibatch settings name the field', () => {
    const problem = (sc: unknown) => { try { compileScenario(sc, { trajectories: 1 }); } catch (e) { return (e as ScenarioError).problems[0]; } throw new Error('no error'); };
    const big = scenario(); big.dynamics.batch = 64;
    expect(problem(big).field).toBe('scenario.dynamics.batch');
    const frac = scenario(); frac.dynamics.batch = 2.5;
    expect(problem(frac).field).toBe('scenario.dynamics.batch');
    const sde = JSON.parse(readFileSync('examples/well-barrier-sgd.json', 'utf8'));
    sde.dynamics.noise = { kind: 'minibatch', examples: 10, covariance: { kind: 'white', variance: 1 } };
    expect(problem(sde).field).toBe('scenario.dynamics.noise.kind');
  });
});
