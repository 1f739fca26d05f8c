/**
 * The escape problem a scenario describes, as data: what to simulate and how to read the result, and
 * nothing that runs (no kernel). Every solver builds its own kernel from it (montecarlo/kernels, the gpu.js
 * runners), so the problem layer never depends on a solver (docs/architecture.md).
 */
import type { NoiseModel } from '../noise/index.js';
import type { Network } from '../networks/index.js';
import type { Optimizer } from '../optimizers/index.js';
import type { IntegratorName } from '../dynamics/integrators.js';
import { isLevelExit, type Passage } from '../dynamics/passage.js';
import type { TheorySystem } from '../theory/scenario.js';
import type { Scenario, SimulationSpec } from './schema.js';
import type { AmsProblem } from './ams.js';

/**
 * The system a scenario describes (landscape, model, start, exit and walls: what the theory needs), without
 * the simulation block. `passage.bridge` is the simulation's choice (true when there is no simulation block).
 */
export interface CompiledSystem extends TheorySystem {
  scenario: Scenario;
}

/** A discrete optimizer as a Markov chain: its rule, resolved hyperparameters and gradient noise. */
export interface DiscreteProblem {
  optimizer: string;
  /** the hyperparameters after defaults (createOptimizer's `hyper`) */
  hyper: Readonly<Record<string, unknown>>;
  /** a fresh optimizer (its state is per trajectory) */
  makeOptimizer(): Optimizer;
  /** per-example gradient-noise covariance C(θ); null for dataset noise (the network's own examples) */
  covariance: NoiseModel | null;
  batch: number;
  /** minibatch noise: examples in the generated dataset (stream 'dataset'); null for Gaussian and dataset noise */
  examples: number | null;
  /** dataset noise: the network whose examples the batches are drawn from; null otherwise */
  dataset: Network | null;
}

/** The Philox keys of a run, derived once from simulation.seed (rng/seed.ts streamKey). */
export interface StreamKeys {
  /** the float64 backends' noise streams */
  noise: [number, number];
  /** the per-trajectory seeds of the gpu.js backends' float32 generator */
  float32: [number, number];
  /** minibatch noise: the generated dataset */
  dataset: [number, number];
}

export interface EscapeProblem extends CompiledSystem {
  scenario: Scenario & { simulation: SimulationSpec };
  /** set for a discrete optimizer (one step per iteration, dt = η); null for an SDE model */
  discrete: DiscreteProblem | null;
  /** the SDE integrator (a discrete optimizer is its own rule: 'euler-maruyama' is recorded, unused) */
  integrator: IntegratorName;
  dt: number;
  maxSteps: number;
  keys: StreamKeys;
  /**
   * The exit-time rule: a trajectory detected in the exit set after step k exited at (k − exitOffset)·dt.
   * SDE: ½ (the crossing lies inside the step; its midpoint removes the O(dt) bias of k·dt); a discrete
   * optimizer exits at an iterate: 0 (time k·η). Censored trajectories report k·dt.
   */
  exitOffset: 0 | 0.5;
  /** advice that does not stop the run (e.g. a step size likely to bias the result) */
  warnings: string[];
  /** simulation.method "ams": the rare-event settings (scenario/ams.ts); null for direct Monte Carlo */
  ams: AmsProblem | null;
}

/** The time a trajectory reports after `steps` steps (exited: the exit-time rule; otherwise steps·dt). */
export function reportedTime(p: Pick<EscapeProblem, 'dt' | 'exitOffset'>, steps: number, exited: boolean): number {
  return (exited ? steps - p.exitOffset : steps) * p.dt;
}

/**
 * simulation.coefficients "tabulated": the interval [lo, hi] a 1-D trajectory lives in, between the innermost
 * coordinate boundaries (reflecting walls and exits) below and above it, or null when a side is open (expression
 * exits bound nothing here). Every step starts from a state in it: a live state is outside the exits and, after
 * the reflection, inside the walls.
 */
export function tabulationInterval(passage: Passage): [number, number] | null {
  let lo = -Infinity, hi = Infinity;
  for (const b of [...passage.exit, ...passage.reflect]) {
    if (isLevelExit(b)) continue;
    if (b.side < 0) lo = Math.max(lo, b.level);
    else hi = Math.min(hi, b.level);
  }
  return Number.isFinite(lo) && Number.isFinite(hi) && lo < hi ? [lo, hi] : null;
}
