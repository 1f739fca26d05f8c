/**
 * `escapelab bench` (`npm run bench`): workload W1 on every backend present and on the external
 * baselines, in one run, as steps/s and as ratios (design.md §8). Timings are measured, never asserted.
 */
import { availableParallelism, cpus } from 'node:os';
import { benchBackend, type BackendFigure } from '../bench/w1.js';
import { runCBaseline, runNumpyBaseline } from '../bench/baselines.js';
import { benchAms } from '../bench/ams.js';
import { fmt } from './common.js';
import { GPUJS_BACKENDS, unavailableReason } from '../montecarlo/gpujs/gpu.js';

export async function benchCommand(opts: { trajectories?: number; json?: boolean }): Promise<void> {
  const n = opts.trajectories ?? 2000;
  const rows: (BackendFigure | { impl: string; unavailable: string })[] = [];
  const log = (m: string) => { if (!opts.json) process.stderr.write(m + '\n'); };
  log(`W1 with ${n} trajectories (T = 0.25, dt = 1e-3, x0 = -1, exit x ≥ 0.5) on ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})`);
  for (const [name, run] of [
    ['cpu', () => benchBackend('cpu', n)],
    ['workers', () => benchBackend('workers', n)],
    ['cpu+bridge', () => benchBackend('cpu', n, { bridge: true })],
    ['discrete-sgd/cpu', () => benchBackend('cpu', n, { discrete: true })],
    // float32 gpu.js backends (docs/engine.md), each where it can run here; the reason otherwise
    ...GPUJS_BACKENDS.map((b) => [b, async () => {
      const why = await unavailableReason(b);
      return why ? { impl: b, unavailable: why } : benchBackend(b, n);
    }] as const),
    ['discrete-sgd/gpujs-webasm', () => benchBackend('gpujs-webasm', n, { discrete: true })],
    ['c-ziggurat', () => runCBaseline({ trajectories: n, maxSteps: 1e7, seed: 1 })],
    ['numpy', () => runNumpyBaseline({ trajectories: n, maxSteps: 1e7, seed: 1 })],
  ] as const) {
    log(`  running ${name} …`);
    rows.push(await (run as () => Promise<BackendFigure | { impl: string; unavailable: string }>)());
  }
  const rate = (impl: string) => {
    const r = rows.find((x) => x.impl === impl);
    return r && 'stepsPerSecond' in r ? r.stepsPerSecond : NaN;
  };
  const base = { cpu: rate('cpu'), workers: rate('workers'), c: rate('c-ziggurat'), numpy: rate('numpy') };
  const table = rows.map((r) => ('unavailable' in r ? r : {
    ...r,
    vsCpu: r.stepsPerSecond / base.cpu,
    vsWorkers: r.stepsPerSecond / base.workers,
    vsC: r.stepsPerSecond / base.c,
    vsNumpy: r.stepsPerSecond / base.numpy,
  }));
  log('  running AMS on the quartic at ΔΦ = 20 and 40 …');
  const ams = [await benchAms(20), await benchAms(40)];
  if (opts.json) {
    process.stdout.write(JSON.stringify({ workload: 'W1', trajectories: n, cores: availableParallelism(), cpu: cpus()[0]?.model, results: table, ams }, null, 2) + '\n');
    return;
  }
  const lines = ['impl                        steps/s      ×cpu    ×workers  ×C      ×NumPy  mean exit time'];
  for (const r of table) {
    if ('unavailable' in r) { lines.push(`${r.impl.padEnd(26)}  unavailable: ${r.unavailable}`); continue; }
    lines.push(`${r.impl.padEnd(26)}  ${fmt(r.stepsPerSecond).padEnd(11)}  ${r.vsCpu.toFixed(2).padEnd(6)}  ${r.vsWorkers.toFixed(2).padEnd(8)}  ${r.vsC.toFixed(2).padEnd(6)}  ${r.vsNumpy.toFixed(2).padEnd(6)}  ${fmt(r.meanExitTime)}`);
  }
  lines.push('', 'AMS (quartic, dt 0.01)  steps      relSE    W = steps·relSE²  estimate/exact  seconds');
  for (const a of ams) lines.push(`ΔΦ = ${String(a.dPhi).padEnd(19)} ${a.steps.toExponential(2).padEnd(10)} ${a.relSE.toFixed(3).padEnd(8)} ${a.workNormalisedVariance.toExponential(2).padEnd(17)} ${(a.estimate / a.exact).toFixed(3).padEnd(15)} ${a.seconds.toFixed(1)}`);
  process.stdout.write(lines.join('\n') + '\n');
}
