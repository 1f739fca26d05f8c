/**
 * The float64 CPU kernel of an escape problem (scenario/problem.ts): the SDE kernels (sde.ts) or the
 * discrete-optimizer kernel with its gradient noise (discrete.ts, gradient-noise.ts). Each backend instance
 * (the cpu loop, every worker) builds its own: a kernel keeps per-trajectory scratch state.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { scalarKernel, vectorKernel } from './sde.js';
import { tabulatedKernel } from './tabulated.js';
import { discreteKernel } from './discrete.js';
import { laneApplies, laneKernel } from './lane.js';
import { datasetGradientNoise, gaussianGradientNoise, generateDataset, minibatchGradientNoise, type GradientNoise } from './gradient-noise.js';
import type { Kernel, SplittingTask } from './types.js';

export type { Kernel, KernelSpec, DiscreteKernelSpec, SplittingTask } from './types.js';

/**
 * The gradient noise of a discrete problem: a network's real minibatches (dataset), a generated dataset's (minibatch;
 * it depends on the seed only, stream 'dataset') or Gaussian.
 */
function gradientNoiseOf(p: EscapeProblem): GradientNoise {
  const d = p.discrete!;
  if (d.dataset) return datasetGradientNoise(d.dataset, d.batch);
  if (!d.covariance) throw new Error('internal: a discrete problem without a covariance or a dataset');
  if (d.examples === null) return gaussianGradientNoise(d.covariance, p.dim, d.batch);
  return minibatchGradientNoise(d.covariance, p.dim, d.batch, generateDataset(p.keys.dataset, d.examples, p.dim));
}

/**
 * A fresh kernel for the problem; with a rare-event `task` it also stops trajectories in the task's return set
 * and tracks the task's score (the chunks it runs need ChunkState.score: state.ts trackScore). A discrete
 * optimizer's trajectory starts from fresh moments at its chunk state (its moments live in the kernel).
 */
export function createKernel(p: EscapeProblem, task?: SplittingTask): Kernel {
  const base = { maxSteps: p.maxSteps, passage: p.passage, key: p.keys.noise, task };
  if (p.discrete) return discreteKernel(p.landscape, gradientNoiseOf(p), p.discrete.makeOptimizer, base);
  const model = p.model;
  if (!model) throw new Error('internal: an SDE problem without a model');
  // the WebAssembly lane (lane.ts) where it applies: the same numbers as the JavaScript kernel below, faster
  if (laneApplies(p, task)) return laneKernel(p);
  // simulation.coefficients "tabulated" (1-D, Euler–Maruyama: compile.ts): A and σ interpolated from a table (tabulated.ts)
  if (p.dim === 1 && p.scenario.simulation.coefficients === 'tabulated') return tabulatedKernel(model.scalar(), { ...base, dt: p.dt, integrator: p.integrator });
  const spec = { ...base, dt: p.dt, integrator: p.integrator };
  return p.dim === 1 ? scalarKernel(model.scalar(), spec) : vectorKernel(() => model.vector(), spec);
}
