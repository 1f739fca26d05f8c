/**
 * `dataset` gradient noise on a network (src/montecarlo/kernels/gradient-noise.ts datasetGradientNoise) and the discrete
 * kernel on a network scenario: the batch gradient is the mean of the real per-example gradients of B distinct examples
 * drawn by Floyd's algorithm (checked against a re-draw written out here and the per-example gradients), its mean over
 * draws is the full-batch gradient, the kernel never computes the full-batch gradient, a trajectory is the chain written
 * out by hand, and results are the same however the work is split (chunks, workers, shards).
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { datasetGradientNoise } from '../../src/montecarlo/kernels/gradient-noise.js';
import { createKernel } from '../../src/montecarlo/kernels/index.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { newChunk, ALIVE, EXITED } from '../../src/montecarlo/state.js';
import { noiseStream } from '../../src/rng/wasm-stream.js';
import { streamKey } from '../../src/rng/seed.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scenario JSON that the tests edit freely
const small = (dL = 0.006): Record<string, any> => ({
  name: 'small',
  landscape: { network: { data: { kind: 'teacher-student', inputs: 3, teacherHidden: 2, examples: 64, labelNoise: 0.3, seed: 5 }, hidden: [2], weightDecay: 0.01 } },
  start: 'minimum',
  exit: { loss: { above: dL } },
  dynamics: { discrete: 'sgd', lr: 0.2, batch: 4, noise: { kind: 'dataset' } },
  simulation: { trajectories: 24, maxTime: 2000, seed: 4, backend: 'cpu' },
});

/** Floyd's algorithm written out: for j = N−B … N−1, t = ⌊u(j+1)⌋, take t unless taken, else j */
function floyd(N: number, B: number, next: () => number): number[] {
  const picked: number[] = [];
  for (let j = N - B; j < N; j++) {
    const t = Math.floor(next() * (j + 1));
    picked.push(picked.includes(t) ? j : t);
  }
  return picked;
}

describe('dataset noise: real minibatches of the network', () => {
  const p = compileScenario(small());
  const { net, minimum } = p.network!;
  const n = p.dim, N = net.data.examples, B = 4;
  const meanOfExamples = (phi: Float64Array, idx: number[]) => {
    const g = new Float64Array(n), out = new Float64Array(n);
    for (const j of idx) { net.exampleGradient(phi, j, g); for (let a = 0; a < n; a++) out[a] += g[a] / idx.length; }
    return out;
  };

  it('each gradient is the mean of ∇ℓ_j over B distinct examples drawn by Floyd from the trajectory\'s stream', () => {
    const noise = datasetGradientNoise(net, B);
    const phi = Float64Array.from(minimum.phi, (v, i) => v + 0.01 * Math.sin(i + 1));
    const a = noiseStream(streamKey(9, 'noise')), b = noiseStream(streamKey(9, 'noise'));
    const out = new Float64Array(n);
    let distinct = 0;
    for (let k = 0; k < 200; k++) {
      a.seek(k % 7, 3 * k); b.seek(k % 7, 3 * k);
      noise.gradient(phi, out, a);
      const idx = floyd(N, B, () => b.nextUniform());
      distinct += new Set(idx).size === B ? 1 : 0;
      const want = meanOfExamples(phi, idx);
      for (let i = 0; i < n; i++) expect(Math.abs(out[i] - want[i])).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(want[i])));
      expect(a.word).toBe(b.word); // the same words consumed
    }
    expect(distinct).toBe(200);
  });

  it('the mean over many draws is the full-batch gradient ∇L (every coordinate within 4.5 standard errors)', () => {
    // H0: E g_B = ∇L (each example is in a batch with probability B/N). M draws at a point where ∇L ≠ 0; z per
    // coordinate from the sample SE; |z| < 4.5 for all 11 coordinates: family-wise false-alarm rate < 11·6.8e-6 < 1e-4
    // (Bonferroni, which holds for the correlated coordinates too).
    const noise = datasetGradientNoise(net, B);
    const phi = Float64Array.from(minimum.phi, (v, i) => v + 0.05 * Math.cos(i));
    const full = new Float64Array(n);
    net.gradient(phi, full);
    const M = 20_000, s = noiseStream(streamKey(2, 'noise')), g = new Float64Array(n);
    const s1 = new Float64Array(n), s2 = new Float64Array(n);
    s.seek(0, 0);
    for (let k = 0; k < M; k++) {
      noise.gradient(phi, g, s);
      for (let i = 0; i < n; i++) { s1[i] += g[i]; s2[i] += g[i] * g[i]; }
    }
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const m = s1[i] / M, v = (s2[i] - M * m * m) / (M - 1);
      worst = Math.max(worst, Math.abs(m - full[i]) / Math.sqrt(v / M));
    }
    const norm = Math.hypot(...full);
    console.log(`mean of ${M} batch gradients vs ∇L (‖∇L‖ = ${norm.toPrecision(3)}): max |z| = ${worst.toFixed(2)}`);
    expect(norm).toBeGreaterThan(1e-2); // a point where the test can fail
    expect(worst).toBeLessThan(4.5);
  });

  it('batch must be an integer in [1, N − 1]', () => {
    for (const b of [0, N, 1.5]) expect(() => datasetGradientNoise(net, b)).toThrow(/integer batch in \[1, 63\]/);
  });
});

describe('the discrete kernel on a network scenario', () => {
  it('never computes the full-batch gradient, and one trajectory is the SGD chain written out', () => {
    const p = compileScenario(small());
    const { net } = p.network!;
    const n = p.dim, N = net.data.examples, B = 4, lr = 0.2, dL = 0.006;
    const noGradient = { ...p, landscape: { ...p.landscape, gradient: () => { throw new Error('full-batch gradient called'); } } };
    const chunk = newChunk([5], n, p.start);
    createKernel(noGradient)(chunk, 1e6);
    expect(chunk.status[0]).toBe(EXITED);
    // the chain by hand: θ ← θ − η·(1/B)Σ_{j∈batch}∇ℓ_j, batches by Floyd from trajectory 5 of the 'noise' stream,
    // exit at the first iterate whose full-batch loss exceeds L(start) by ΔL
    const s = noiseStream(p.keys.noise);
    s.seek(5, 0);
    const theta = Float64Array.from(p.start), g = new Float64Array(n), L0 = net.loss(theta);
    let k = 0;
    while (net.loss(theta) - L0 < dL) {
      const idx = floyd(N, B, () => s.nextUniform());
      const mean = new Float64Array(n);
      for (const j of idx) { net.exampleGradient(theta, j, g); for (let a = 0; a < n; a++) mean[a] += g[a] / B; }
      for (let a = 0; a < n; a++) theta[a] -= lr * mean[a];
      k++;
    }
    expect(chunk.steps[0]).toBe(k);
    for (let a = 0; a < n; a++) expect(Math.abs(chunk.x[a] - theta[a])).toBeLessThan(1e-12);
    console.log(`trajectory 5: exit after ${k} iterations, excess ${(net.loss(theta) - L0).toPrecision(4)} ≥ ${dL}`);
  });

  it('is reproducible and split-invariant: chunks of 3 and 64, two workers, two shards give the same times', async () => {
    const p = compileScenario(small());
    const T = p.scenario.simulation.trajectories;
    const all = { first: 0, stride: 1, count: T };
    const a = await runEnsemble(p, { work: all, backend: 'cpu', chunk: 3, stepsPerLaunch: 17 });
    const b = await runEnsemble(p, { work: all, backend: 'cpu', chunk: 64 });
    const c = await runEnsemble(p, { work: all, backend: 'workers', workers: 2, chunk: 5 });
    expect(a.results.status.every((s) => s === EXITED)).toBe(true);
    expect(Array.from(b.results.time)).toEqual(Array.from(a.results.time));
    expect(Array.from(c.results.time)).toEqual(Array.from(a.results.time));
    expect(Array.from(c.results.steps)).toEqual(Array.from(a.results.steps));
    const odd = await runEnsemble(p, { work: { first: 1, stride: 2, count: T / 2 }, backend: 'cpu' });
    expect(Array.from(odd.results.time)).toEqual(Array.from(a.results.time).filter((_, i) => i % 2 === 1));
    // the control: another seed gives other times
    const other = await runEnsemble(compileScenario(small(), { seed: 5 }), { work: all, backend: 'cpu' });
    expect(Array.from(other.results.time)).not.toEqual(Array.from(a.results.time));
    expect(ALIVE).not.toBe(EXITED);
  });
});
