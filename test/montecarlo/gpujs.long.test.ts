/**
 * The gpu.js backends that run on any machine (gpujs-cpu, gpujs-webasm; issue 6). GL: gpujs-gl.test.ts.
 *
 * Validation (item 4), at fixed seeds, 2000 trajectories, against float64 `cpu` run with independent streams.
 * Null hypothesis: the backend samples the same first-passage-time distribution. Checks: the exact MFPT inside
 * the backend's 95% CI (a 5%-level test), the two CIs overlapping, two-sample KS p ≥ 1e-3.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { compileScenario } from '../../src/scenario/compile.js';
import { resolveBackend, runEnsemble } from '../../src/montecarlo/engine.js';
import { summarize } from '../../src/montecarlo/summary.js';
import { uniformMismatches, compareRuns, exitTimes, validationScenario } from '../../src/montecarlo/gpujs/validate.js';
import { ks2PValue, ks2Statistic } from '../../src/stats/index.js';
import { tabulate1D } from '../../src/montecarlo/gpujs/tables.js';
import { guardND } from '../../src/montecarlo/gpujs/plan-nd.js';
import { machineId, writeCache } from '../../src/montecarlo/gpujs/auto.js';
import { example, validateBackend } from './gpujs-helpers.js';

const all = (n: number) => ({ first: 0, stride: 1, count: n });

describe.each(['gpujs-cpu', 'gpujs-webasm'] as const)('%s', (backend) => {
  it('draws uniforms bit-identical to the host reference (256 trajectories × 64 draws)', async () => {
    expect(await uniformMismatches(backend)).toBe(0);
  });

  for (const name of ['langevin', 'sgd-hessian']) {
    it(`${name}: exact MFPT inside the CI, CI overlaps float64 cpu, two-sample KS p ≥ 1e-3`, async () => {
      const v = await validateBackend(backend, name);
      expect(v.exactInside).toBe(true);
      expect(v.overlap).toBe(true);
      expect(v.ksP).toBeGreaterThanOrEqual(1e-3);
      expect(v.passed).toBe(true);
    });
  }
});

describe('gpujs-webasm: reproducibility', () => {
  it('same seed → the same per-trajectory results for block sizes 64, 7, 1 and launches of 4096, 1000, 37 steps', async () => {
    const c = validationScenario(64, 3);
    const runs = [];
    for (const [chunk, stepsPerLaunch] of [[64, 4096], [7, 1000], [1, 37]] as const) {
      runs.push(await runEnsemble(c, { work: all(64), backend: 'gpujs-webasm', chunk, stepsPerLaunch }));
    }
    for (const r of runs.slice(1)) {
      expect(Array.from(r.results.time)).toEqual(Array.from(runs[0].results.time));
      expect(Array.from(r.results.status)).toEqual(Array.from(runs[0].results.status));
    }
  });

  it('a shard of the work set gives the trajectories of the full run', async () => {
    const c = validationScenario(40, 3);
    const full = await runEnsemble(c, { work: all(40), backend: 'gpujs-webasm' });
    const shard = await runEnsemble(c, { work: { first: 1, stride: 3, count: 13 }, backend: 'gpujs-webasm' });
    for (let p = 0; p < 13; p++) expect(shard.results.time[p]).toBe(full.results.time[1 + 3 * p]);
  });
});

describe('gpujs-webasm: discrete optimizers with Gaussian gradient noise, against the float64 discrete kernel', () => {
  // H0 as above; no exact MFPT exists for the discrete iteration, so: KS p ≥ 1e-3 and overlapping CIs
  for (const [opt, lr] of [['sgd', 0.32], ['adam', 0.5], ['invadam', 0.32]] as const) {
    it(`${opt} (lr ${lr}, hessian noise)`, async () => {
      const sc = example('well-barrier-discrete-sgd');
      sc.dynamics.discrete = opt; sc.dynamics.lr = lr;
      const c = compileScenario(sc, { trajectories: 2000, seed: 2 });
      const g = await runEnsemble(c, { work: all(2000), backend: 'gpujs-webasm' });
      const r = await runEnsemble(c, { work: all(2000), backend: 'cpu' });
      const sg = summarize(c, g.results, g), sr = summarize(c, r.results, r);
      const p = ks2PValue(ks2Statistic(exitTimes(g), exitTimes(r)), sg.escaped, sr.escaped);
      console.log(`discrete ${opt}: gpujs ${sg.iterations!.estimate.toFixed(2)} it., cpu ${sr.iterations!.estimate.toFixed(2)} it., KS p ${p.toPrecision(3)}`);
      expect(sg.censored + sr.censored + sg.blowups + sr.blowups).toBe(0);
      expect(p).toBeGreaterThanOrEqual(1e-3);
      expect(sg.mfpt!.ci95[0]).toBeLessThanOrEqual(sr.mfpt!.ci95[1]);
      expect(sr.mfpt!.ci95[0]).toBeLessThanOrEqual(sg.mfpt!.ci95[1]);
    });
  }
});

describe('validation machinery', () => {
  // power: for near-exponential times scaled by 0.8 the expected D = max|e^{−x} − e^{−x/0.8}| ≈ 0.082, so
  // D·√(n/2) ≈ 2.6 at n = 2000 (p ≈ 1e-6); a 10% scaling (D ≈ 0.039, p ≈ 0.1) is below this sample's power
  it('the two-sample KS detects a 20% time scaling at n = 2000 and accepts an identical copy', async () => {
    const c = validationScenario(2000, 4);
    const r = await runEnsemble(c, { work: all(2000), backend: 'cpu' });
    const t = exitTimes(r);
    expect(ks2PValue(ks2Statistic(t, t.map((v) => v * 0.8)), t.length, t.length)).toBeLessThan(1e-3);
    expect(ks2PValue(ks2Statistic(t, t), t.length, t.length)).toBe(1);
    // a run whose times are scaled by 0.6 (what a short-biased generator gives) fails compareRuns
    const fake = { ...r, results: { ...r.results, time: r.results.time.map((v) => v * 0.6) } };
    expect(compareRuns(c, 'fake', fake, r).passed).toBe(false);
  });
});

describe('float32 guard', () => {
  it('warns when the noise increment is below 2⁸ ulps of the state, and not at the example step sizes', () => {
    const tiny = validationScenario(10);
    const sc = { ...tiny.scenario, simulation: { ...tiny.scenario.simulation, dt: 1e-9 } };
    const w = tabulate1D(compileScenario(sc)).warnings;
    expect(w.length).toBe(1);
    expect(w[0]).toMatch(/float32.*ulps.*larger dt or a float64 backend/);
    expect(tabulate1D(validationScenario(10)).warnings).toEqual([]);
    expect(tabulate1D(compileScenario(example('well-barrier-sgd'))).warnings).toEqual([]);
    // n-D: √(2T·dt) = 1e-5 at T = 0.5, dt = 1e-10, against ulp(3) = 2.4e-7: 42 ulps < 2⁸
    const nd = (dt: number) => compileScenario({
      landscape: { expr: '(x^2-1)^2 + y^2', vars: ['x', 'y'] }, start: [-1, 0], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 },
      dynamics: { model: 'langevin', temperature: 0.5 }, simulation: { trajectories: 1, dt, maxTime: 1 },
    });
    expect(guardND(nd(1e-10))[0]).toMatch(/float32: .* ulps/);
    expect(guardND(nd(1e-3))).toEqual([]);
  });
});

describe('errors name the field and the allowed range', () => {
  const fails = (sc: unknown, backend: string) => runEnsemble(compileScenario(sc, { trajectories: 4 }), { work: all(4), backend: backend as 'gpujs-cpu' });
  it('n-D built-in landscapes, an unbounded side, minibatch noise, momentum, unknown backends', async () => {
    await expect(fails(example('eigen-saddle-3d-sgd'), 'gpujs-cpu')).rejects.toThrow(/scenario\.landscape: in n-D the gpujs kernels evaluate the gradient of an expression landscape/);
    const open = example('double-well-langevin'); delete open.reflect;
    await expect(fails(open, 'gpujs-cpu')).rejects.toThrow(/scenario\.reflect: .*nothing bounds x below/);
    const mb = example('well-barrier-discrete-sgd'); mb.dynamics.noise = { kind: 'minibatch', examples: 100, covariance: { kind: 'white', variance: 1 } };
    await expect(fails(mb, 'gpujs-cpu')).rejects.toThrow(/scenario\.dynamics\.noise\.kind: .*not 'minibatch'/);
    const mom = example('well-barrier-discrete-sgd'); mom.dynamics.momentum = 0.9;
    await expect(fails(mom, 'gpujs-cpu')).rejects.toThrow(/scenario\.dynamics\.momentum: .*allowed: 0/);
    expect(() => compileScenario(example('well-barrier-sgd'), { backend: 'gpujs-cuda' })).toThrow(/scenario\.simulation\.backend.*gpujs-webasm/s);
  });
});

describe('auto', () => {
  it('uses the validation cache: the fastest passed backend, never a failed one, nothing from another machine', () => {
    process.env.ESCAPELAB_CACHE_DIR = mkdtempSync(join(tmpdir(), 'escapelab-cache-'));
    const c1 = validationScenario(10), c3 = compileScenario(example('eigen-saddle-3d-sgd'));
    expect(resolveBackend(c1, 'auto', 10, 256)).toBe('cpu'); // no cache
    writeCache([
      { backend: 'cpu', passed: true, stepsPerSecond: 1e7 },
      { backend: 'gpujs-cpu', passed: true, stepsPerSecond: 2e7 },
      { backend: 'gpujs-webasm', passed: false, stepsPerSecond: 9e9 },
    ]);
    expect(resolveBackend(c1, 'auto', 10, 256)).toBe('gpujs-cpu');
    expect(resolveBackend(c3, 'auto', 10, 256)).toBe('cpu'); // a 3-D built-in landscape: not for the gpujs kernels
    expect(resolveBackend(c1, 'cpu', 10, 256)).toBe('cpu');
    writeCache([{ backend: 'cpu', passed: true, stepsPerSecond: 3e7 }, { backend: 'gpujs-cpu', passed: true, stepsPerSecond: 2e7 }]);
    expect(resolveBackend(c1, 'auto', 10, 256)).toBe('cpu'); // slower than cpu
    // enough work for workers, but workers was measured slower than cpu: cpu, whatever the core count
    writeCache([{ backend: 'cpu', passed: true, stepsPerSecond: 3e7 }, { backend: 'workers', passed: true, stepsPerSecond: 1e7 }, { backend: 'gpujs-cpu', passed: true, stepsPerSecond: 2e7 }]);
    expect(resolveBackend(c1, 'auto', 1e5, 256)).toBe('cpu');
    expect(machineId()).toContain('gpu.js 2.');
  });
});

describe('escapelab simulate --backend gpujs-webasm', () => {
  it('prints the design.md §6 keys with backend = gpujs-webasm', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'simulate', '--scenario', 'examples/well-barrier-sgd.json',
      '--trajectories', '200', '--backend', 'gpujs-webasm', '--json'], { maxBuffer: 1 << 24 });
    const s = JSON.parse(stdout);
    for (const k of ['mfpt', 'escaped', 'censored', 'trajectories', 'steps', 'stepsPerSecond', 'backend', 'seed']) expect(s).toHaveProperty(k);
    expect(s.backend).toBe('gpujs-webasm');
    expect(s.escaped).toBe(200);
  });
});

describe('gpujs-webasm: n-D (expression landscape, white noise), against float64 cpu', () => {
  // L = (x²−1)² + (y − 0.3x)² + 2z², minima (±1, ±0.3, 0), saddle 0; exit x ≥ 0.5. H0: same exit-time
  // distribution as float64 cpu (independent streams): KS p ≥ 1e-3 and overlapping 95% CIs (no exact MFPT in n-D).
  const valley = (dynamics: Record<string, unknown>) => ({
    name: 'valley-3d', landscape: { expr: '(x^2-1)^2 + (y - 0.3*x)^2 + 2*z^2', vars: ['x', 'y', 'z'] },
    start: [-1, -0.3, 0], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 }, dynamics,
    simulation: { trajectories: 1000, dt: 1e-3, maxTime: 1e4, seed: 5 },
  });
  for (const [label, dyn] of [
    ['langevin T = 0.5', { model: 'langevin', temperature: 0.5 }],
    ['sgd, white noise', { model: 'sgd', lr: 1, batch: 1, noise: { kind: 'white', variance: 1 }, convention: 'ito' }],
    ['adam, white noise', { model: 'adam', lr: 1, batch: 1, noise: { kind: 'white', variance: 2 }, convention: 'ito' }],
  ] as const) {
    it(label, async () => {
      const c = compileScenario(valley(dyn));
      const g = await runEnsemble(c, { work: all(1000), backend: 'gpujs-webasm' });
      const r = await runEnsemble(c, { work: all(1000), backend: 'cpu' });
      const sg = summarize(c, g.results, g), sr = summarize(c, r.results, r);
      const p = ks2PValue(ks2Statistic(exitTimes(g), exitTimes(r)), sg.escaped, sr.escaped);
      console.log(`3-D ${label}: gpujs ${sg.mfpt!.estimate.toFixed(3)} [${sg.mfpt!.ci95.map((v) => v.toFixed(3))}], cpu ${sr.mfpt!.estimate.toFixed(3)} [${sr.mfpt!.ci95.map((v) => v.toFixed(3))}], KS p ${p.toPrecision(3)}`);
      expect(sg.censored + sg.blowups + sr.censored + sr.blowups).toBe(0);
      expect(p).toBeGreaterThanOrEqual(1e-3);
      expect(sg.mfpt!.ci95[0]).toBeLessThanOrEqual(sr.mfpt!.ci95[1]);
      expect(sr.mfpt!.ci95[0]).toBeLessThanOrEqual(sg.mfpt!.ci95[1]);
    });
  }
  it('8-D runs (R = 3 output cells per trajectory) and reproduces across block sizes', async () => {
    const vars = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'];
    const c = compileScenario({
      landscape: { expr: '(x1^2-1)^2 + ' + vars.slice(1).map((v) => `${v}^2`).join(' + '), vars },
      start: [-1, 0, 0, 0, 0, 0, 0, 0], exit: { var: 'x1', above: 0.5 }, reflect: { var: 'x1', below: -3 },
      dynamics: { model: 'langevin', temperature: 0.5 }, simulation: { trajectories: 16, dt: 1e-3, maxTime: 1e4, seed: 6 },
    });
    const one = await runEnsemble(c, { work: all(16), backend: 'gpujs-webasm', chunk: 16 });
    const two = await runEnsemble(c, { work: all(16), backend: 'gpujs-webasm', chunk: 5, stepsPerLaunch: 333 });
    expect(Array.from(two.results.time)).toEqual(Array.from(one.results.time));
    expect(one.results.status.every((s) => s === 1)).toBe(true);
  });
});
