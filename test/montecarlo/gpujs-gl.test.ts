/**
 * gpujs-headlessgl (WebGL 1 through the `gl` addon; under `xvfb-run -a`, Mesa's software rasteriser here and a
 * real GPU where one is present). The addon is an opt-in build (`npm run build:gl`, README): where it or a display
 * is missing these tests are skipped and the reason is printed, unless ESCAPELAB_REQUIRE_GL=1 (set by .ci/run),
 * which makes them mandatory, so that CI runs them for real and fails with what to install.
 *
 * Null hypotheses as in gpujs.long.test.ts (escape times: the backend samples the float64 engine's distribution;
 * generators: i.i.d. uniform on 2²⁴ levels, f32-battery.ts). gpu.js's own GL Math.random (the sin-hash
 * fract(sin(·)·43758.5453)) must fail the generator battery; ours must pass it on the same GL backend.
 */
import { describe, expect, it } from 'vitest';
import { createGpu, unavailableReason } from '../../src/montecarlo/gpujs/gpu.js';
import { uniformMismatches } from '../../src/montecarlo/gpujs/validate.js';
import { uniformsSource } from '../../src/montecarlo/gpujs/source.js';
import { seedF32State } from '../../src/rng/f32gen.js';
import { batteryPasses, uniformBattery } from '../rng/f32-battery.js';
import { validateBackend } from './gpujs-helpers.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { summarize } from '../../src/montecarlo/summary.js';
import { exitTimes } from '../../src/montecarlo/gpujs/validate.js';
import { ks2PValue, ks2Statistic } from '../../src/stats/index.js';

const why = await unavailableReason('gpujs-headlessgl');
const required = process.env.ESCAPELAB_REQUIRE_GL === '1';
const skip = why !== null && !required;
if (skip) {
  console.log(`gpujs-headlessgl tests not run: ${why} (build it with \`npm run build:gl\`, README; ` +
    'ESCAPELAB_REQUIRE_GL=1 makes these tests mandatory)');
}

/** T streams × C draws from a GL kernel: thread (x = k, y = i) returns draw k of stream i */
function glDraws(body: string, T: number, C: number, args: Float32Array[] = []): Float32Array[] {
  const gpu = createGpu('gpujs-headlessgl');
  try {
    const k = gpu.createKernel(body, { output: [C, T], precision: 'single', loopMaxIterations: C + 1 });
    return k(...args) as Float32Array[];
  } finally {
    void gpu.destroy();
  }
}

describe.skipIf(skip)('gpujs-headlessgl', () => {
  it('is available (the gl addon is built and a display exists)', () => {
    expect(why, `gpujs-headlessgl cannot run: ${why}`).toBeNull();
  });

  it('draws uniforms bit-identical to the host reference (256 trajectories × 64 draws)', async () => {
    expect(why, `${why}`).toBeNull();
    expect(await uniformMismatches('gpujs-headlessgl')).toBe(0);
  });

  it("gpu.js's GL Math.random (sin-hash) fails the generator battery; the float32-exact generator on GL passes it", () => {
    expect(why, `${why}`).toBeNull();
    const T = 128, C = 512;
    const sin = glDraws(`function () { let u = 0.0; for (let k = 0; k < ${C}; k++) { u = Math.random(); if (k == this.thread.x) { break; } } return u; }`, T, C);
    const bs = uniformBattery(sin);
    console.log('GL Math.random (sin-hash) battery', JSON.stringify(bs), 'distinct values', new Set(sin.flatMap((r) => Array.from(r))).size);
    expect(batteryPasses(bs)).toBe(false);
    expect(bs.collisionZ).toBeGreaterThan(100); // about 12 bits of resolution instead of 24
    const st = [0, 1, 2, 3].map(() => new Float32Array(T));
    for (let i = 0; i < T; i++) seedF32State([77, 78], i).forEach((v, j) => { st[j][i] = v; });
    const ours = glDraws(uniformsSource(C), T, C, st);
    const bo = uniformBattery(ours);
    console.log('GL float32-exact generator battery', JSON.stringify(bo));
    expect(batteryPasses(bo), JSON.stringify(bo)).toBe(true);
  });

  for (const name of ['langevin', 'sgd-hessian']) {
    it(`${name}: exact MFPT inside the CI, CI overlaps float64 cpu, two-sample KS p ≥ 1e-3`, async () => {
      expect(why, `${why}`).toBeNull();
      const v = await validateBackend('gpujs-headlessgl', name);
      expect(v.exactInside).toBe(true);
      expect(v.overlap).toBe(true);
      expect(v.ksP).toBeGreaterThanOrEqual(1e-3);
    });
  }

  it('n-D kernel (3-D expression landscape, langevin T = 0.5) against float64 cpu: KS p ≥ 1e-3, CIs overlap', async () => {
    expect(why, `${why}`).toBeNull();
    const c = compileScenario({
      landscape: { expr: '(x^2-1)^2 + (y - 0.3*x)^2 + 2*z^2', vars: ['x', 'y', 'z'] }, start: [-1, -0.3, 0], exit: { var: 'x', above: 0.5 },
      dynamics: { model: 'langevin', temperature: 0.5 }, simulation: { trajectories: 1000, dt: 1e-3, maxTime: 1e4, seed: 7 },
    });
    const work = { first: 0, stride: 1, count: 1000 };
    const g = await runEnsemble(c, { work, backend: 'gpujs-headlessgl' }), r = await runEnsemble(c, { work, backend: 'cpu' });
    const sg = summarize(c, g.results, g), sr = summarize(c, r.results, r);
    const p = ks2PValue(ks2Statistic(exitTimes(g), exitTimes(r)), sg.escaped, sr.escaped);
    console.log(`GL 3-D langevin: ${sg.mfpt!.estimate.toFixed(3)} [${sg.mfpt!.ci95.map((v) => v.toFixed(3))}], cpu ${sr.mfpt!.estimate.toFixed(3)}, KS p ${p.toPrecision(3)}`);
    expect(sg.blowups + sg.censored).toBe(0);
    expect(p).toBeGreaterThanOrEqual(1e-3);
    expect(sg.mfpt!.ci95[0] <= sr.mfpt!.ci95[1] && sr.mfpt!.ci95[0] <= sg.mfpt!.ci95[1]).toBe(true);
  });
});
