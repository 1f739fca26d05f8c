/**
 * The network's speed (issue 19), on one core, for the two reference nets of docs/networks.md at their seeded
 * initialisation (the cost does not depend on φ):
 *   gradient   per-example gradients over the whole dataset (forward + backward pass, one exampleGradient call
 *              each, as perExampleGradients does): examples/s; and the full-batch gradient (one call, as a
 *              minibatch step's batchGradient): examples/s
 *   loss       the full-batch loss (forward pass only, the exit test of a simulation step): evaluations/s and examples/s
 *   hvp        the full-batch Hessian–vector product (forward, backward and R-passes): examples/s
 * and the cost ratios gradient/loss and hvp/loss per example (from one run). Each figure is the rate over repeated
 * sweeps lasting at least SECONDS.
 */
import { buildNetwork, initialParameters } from '../networks/mlp.js';
import type { NetworkSpec } from '../networks/types.js';

export interface NetworkFigure {
  impl: string;
  network: string;
  parameters: number;
  examples: number;
  /** forward + backward, examples per second */
  gradientExamplesPerSecond: number;
  /** the full-batch gradient (one call over all examples), examples per second */
  batchGradientExamplesPerSecond: number;
  /** full-batch loss evaluations per second, and the same in examples per second */
  lossEvalsPerSecond: number;
  lossExamplesPerSecond: number;
  /** full-batch HVP, examples per second */
  hvpExamplesPerSecond: number;
  /** time per example of the gradient (of the HVP) over that of the loss */
  gradientOverLoss: number;
  hvpOverLoss: number;
}

const SECONDS = 1;
const TRAIN = { gradientTolerance: 1e-10, maxIterations: 200 };

export const BENCH_NETWORKS: Record<'iris' | 'teacher', NetworkSpec> = {
  iris: { data: { kind: 'iris' }, hidden: [16], activation: 'tanh', loss: 'cross-entropy', weightDecay: 1e-2, init: { seed: 1, scale: 1 }, scale: 1, train: TRAIN },
  teacher: {
    data: { kind: 'teacher-student', inputs: 4, teacherHidden: 4, examples: 128, labelNoise: 0.5, seed: 1 },
    hidden: [8], activation: 'tanh', loss: 'squared', weightDecay: 1e-3, init: { seed: 1, scale: 1 }, scale: 1, train: TRAIN,
  },
};

/** sweeps per second of `sweep`, repeated until SECONDS have passed (after one warm-up second) */
function rate(sweep: () => void): number {
  for (const measure of [false, true]) {
    let count = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < SECONDS * 1000) { sweep(); count++; t = performance.now(); }
    if (measure) return count / ((t - t0) / 1000);
  }
  return NaN;
}

export function benchNetwork(which: 'iris' | 'teacher'): Promise<NetworkFigure> {
  const net = buildNetwork(BENCH_NETWORKS[which]);
  const phi = initialParameters(net), n = net.dim, N = net.data.examples;
  const g = new Float64Array(n), v = phi.map((_, i) => Math.cos(i));
  let sink = 0;
  const gradient = rate(() => { for (let j = 0; j < N; j++) net.exampleGradient(phi, j, g); sink += g[0]; }) * N;
  const batch = rate(() => { net.gradient(phi, g); sink += g[0]; }) * N;
  const loss = rate(() => { sink += net.loss(phi); });
  const hvp = rate(() => { net.hvp(phi, v, g); sink += g[0]; }) * N;
  if (!Number.isFinite(sink)) throw new Error('network bench: non-finite result');
  const widths = [net.data.inputs, ...net.spec.hidden, net.data.outputs].join('-');
  return Promise.resolve({
    impl: `network-${which}`, network: `${net.data.name.split('(')[0]} ${widths} ${net.spec.activation} ${net.spec.loss}`,
    parameters: n, examples: N, gradientExamplesPerSecond: gradient, batchGradientExamplesPerSecond: batch, lossEvalsPerSecond: loss, lossExamplesPerSecond: loss * N,
    hvpExamplesPerSecond: hvp, gradientOverLoss: (loss * N) / gradient, hvpOverLoss: (loss * N) / hvp,
  });
}
