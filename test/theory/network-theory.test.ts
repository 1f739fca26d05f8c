/**
 * The theory report of a network scenario (src/theory/network.ts, scenario/network.ts networkReportOf): the Hessian
 * directions and C along them against quantities computed here from the network's own methods, the noise each kind of
 * scenario noise gives the quadratic approximation (dataset: the network's C with B_eff = B(N − 1)/(N − B); Gaussian:
 * the model's C with B), and what is reported where the approximation does not apply.
 */
import { describe, expect, it } from 'vitest';
import { compileSystem, networkDynamicsOf, networkReportOf } from '../../src/scenario/compile.js';
import { quadraticEscape } from '../../src/theory/quadratic-escape.js';
import { theoryOfSystem } from '../../src/theory/scenario.js';
import { symmetricEigen } from '../../src/networks/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scenario JSON that the tests edit freely
const small = (dynamics: Record<string, unknown> = {}): Record<string, any> => ({
  name: 'small',
  landscape: { network: { data: { kind: 'teacher-student', inputs: 3, teacherHidden: 2, examples: 64, labelNoise: 0.3, seed: 5 }, hidden: [2], weightDecay: 0.01 } },
  start: 'minimum',
  exit: { loss: { above: 0.015 } },
  dynamics: { discrete: 'sgd', lr: 0.2, batch: 4, noise: { kind: 'dataset' }, ...dynamics },
});

describe('the network report', () => {
  const sys = compileSystem(small());
  const { net, minimum } = sys.network!;
  const n = sys.dim;
  const H = new Float64Array(n * n);
  net.hessian(minimum.phi, H);

  it('reports the minimum, the top Hessian eigenvalues and vᵢᵀCvᵢ with C from the per-example gradients', () => {
    const r = networkReportOf(sys)!;
    expect(r.network).toMatchObject({ dim: 11, examples: 64, widths: [3, 2, 1], loss: 'squared', activation: 'tanh', weightDecay: 0.01 });
    expect(r.minimum.loss).toBe(minimum.loss);
    expect(r.minimum.gradientNorm).toBeLessThanOrEqual(1e-9);
    const eig = symmetricEigen(H, n);
    const N = net.data.examples, g = new Float64Array(n), rows: Float64Array[] = [], mean = new Float64Array(n);
    for (let j = 0; j < N; j++) { net.exampleGradient(minimum.phi, j, g); rows.push(Float64Array.from(g)); for (let a = 0; a < n; a++) mean[a] += g[a] / N; }
    expect(r.hessian.top).toHaveLength(5);
    r.hessian.top.forEach((d, i) => {
      expect(d.value).toBeCloseTo(eig.values[i], 12);
      // vᵀCv = (1/N)Σ_j (v·(g_j − ḡ))²
      let s = 0;
      for (const row of rows) { let dot = 0; for (let a = 0; a < n; a++) dot += eig.vectors[a * n + i] * (row[a] - mean[a]); s += (dot * dot) / N; }
      expect(d.noise / s - 1).toBeCloseTo(0, 9);
      expect(d.ratio).toBeCloseTo(d.noise / d.value, 12);
    });
    let trH = 0;
    for (let i = 0; i < n; i++) trH += H[i * n + i];
    expect(r.hessian.trace).toBeCloseTo(trH, 12);
    expect(r.quadratic!.exitAlignment).toBeGreaterThan(0.5);
    expect(r.quadratic!.exitAlignment).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('dataset noise: the network\'s C with B_eff = B(N − 1)/(N − B); the exponent is quadraticEscape\'s on them', () => {
    const dyn = networkDynamicsOf(sys.scenario, sys.landscape, sys.network!);
    if (typeof dyn === 'string') throw new Error(dyn);
    expect(dyn.batchEff).toBeCloseTo((4 * 63) / 60, 14);
    expect(dyn.covariance).toBe('network');
    const r = networkReportOf(sys)!.quadratic!;
    const N = net.data.examples, g = new Float64Array(n), rows: Float64Array[] = [], mean = new Float64Array(n);
    for (let j = 0; j < N; j++) { net.exampleGradient(minimum.phi, j, g); rows.push(Float64Array.from(g)); for (let a = 0; a < n; a++) mean[a] += g[a] / N; }
    const C = new Float64Array(n * n);
    for (const row of rows) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) C[a * n + b] += ((row[a] - mean[a]) * (row[b] - mean[b])) / N;
    const q = quadraticEscape({ H, C, n, lr: 0.2, batchEff: (4 * 63) / 60, dL: 0.015, optimizer: 'sgd', hyper: { lr: 0.2 }, examples: 64 });
    expect(r.exponent! / q.exponent! - 1).toBeCloseTo(0, 9);
    expect(r.meanExcess / q.meanExcess - 1).toBeCloseTo(0, 9);
    expect(r.slopes.dLnTau_dB! / q.slopes.dLnTau_dB! - 1).toBeCloseTo(0, 6);
  });

  it('Gaussian noise on a network: the model\'s C = σ²I with B; adam: its frozen preconditioner', () => {
    const white = compileSystem(small({ noise: { kind: 'white', variance: 0.01 } }));
    const dyn = networkDynamicsOf(white.scenario, white.landscape, white.network!);
    if (typeof dyn === 'string') throw new Error(dyn);
    expect(dyn.batchEff).toBe(4);
    expect((dyn.covariance as Float64Array)[0]).toBe(0.01);
    expect((dyn.covariance as Float64Array)[1]).toBe(0);
    // SGD with C = σ²I: Σ = (ησ²/B)(H(2 − ηH))⁻¹ in H's eigenbasis, λ_max(HΣ) = max_i ησ²/(B(2 − ηh_i)) at h_max
    const q = networkReportOf(white)!.quadratic!;
    const hmax = symmetricEigen(H, n).values[0];
    expect(q.lambdaMax / ((0.2 * 0.01) / (4 * (2 - 0.2 * hmax))) - 1).toBeCloseTo(0, 9);
    const adam = networkReportOf(compileSystem(small({ discrete: 'adam', lr: 0.002 })))!;
    expect(adam.quadratic!.chain).toBe('adam');
    expect(adam.quadratic!.exponent).toBeGreaterThan(0);
  });

  it('says why there is no quadratic approximation (an optimizer it does not treat); the SDE report names the network', () => {
    const r = networkReportOf(compileSystem(small({ discrete: 'yogi' })))!;
    expect(r.quadratic).toBeNull();
    expect(r.quadraticReason).toMatch(/'yogi' is not linearised/);
    const t = theoryOfSystem(sys);
    expect(t.model).toBe('none');
    expect(t.asymptoticReason).toMatch(/quadratic approximation at the trained minimum/);
  });
});
