/**
 * Benchmark workload W1 (design.md §8): dx = −4x(x²−1) dt + √(2T) dW, T = 0.25, dt = 1e-3, x₀ = −1,
 * exit at x ≥ 0.5, float64, Euler–Maruyama. Figure of merit: trajectory steps per second.
 */
import { compileScenario } from '../scenario/compile.js';
import { runEnsemble } from '../montecarlo/engine.js';
import { summarize } from '../montecarlo/summary.js';
import type { BackendName } from '../montecarlo/engine.js';
import { isGpujsBackend } from '../montecarlo/gpujs/gpu.js';

/**
 * W1; with `discrete`, the same process run as the discrete SGD iteration (lr = dt, white gradient noise of
 * variance 2T/dt: θ − η(L' − √(2T/η)ξ) is W1's Euler–Maruyama step), which times the discrete-optimizer kernel.
 */
export function w1Scenario(trajectories: number, bridge = false, discrete = false, wall = false) {
  const T = 0.25, dt = 1e-3;
  return {
    name: discrete ? 'W1-discrete-sgd' : 'W1',
    landscape: { builtin: 'quartic', h: 1 },
    start: [-1],
    exit: { var: 'x', above: 0.5 },
    // the gpu.js kernels tabulate coefficients on a bounded interval: a wall at −3, where L − L(−1) = 64 = 256·T,
    // which no trajectory reaches (probability of order e^{−256} per attempt), so W1's law is unchanged
    ...(wall ? { reflect: { var: 'x', below: -3 } } : {}),
    dynamics: discrete
      ? { discrete: 'sgd', lr: dt, batch: 1, noise: { kind: 'white', variance: (2 * T) / dt } }
      : { model: 'langevin', temperature: T },
    simulation: discrete
      ? { trajectories, maxTime: 1e4, seed: 1, backend: 'cpu' }
      : { trajectories, dt, maxTime: 1e4, seed: 1, backend: 'cpu', bridge },
  };
}

export interface BackendFigure {
  impl: string;
  trajectories: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  meanExitTime: number;
  ci95: [number, number] | null;
  workers: number;
}

export async function benchBackend(backend: BackendName, trajectories: number, opts: { bridge?: boolean; workers?: number; discrete?: boolean } = {}): Promise<BackendFigure> {
  const c = compileScenario(w1Scenario(trajectories, opts.bridge ?? false, opts.discrete ?? false, isGpujsBackend(backend)), { backend });
  const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: trajectories }, workers: opts.workers });
  const s = summarize(c, run.results, run);
  return {
    impl: (opts.discrete ? 'discrete-sgd/' : '') + backend + (opts.bridge ? '+bridge' : ''),
    trajectories,
    steps: run.steps,
    seconds: run.seconds,
    stepsPerSecond: run.steps / run.seconds,
    meanExitTime: s.mfpt?.estimate ?? NaN,
    ci95: s.mfpt?.ci95 ?? null,
    workers: run.workers,
  };
}
