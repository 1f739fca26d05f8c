/**
 * Network scenarios (docs/scenarios.md "Networks"), zod-free for the workers: the network landscape and its trained
 * minimum from the validated `landscape.network` block, the excess-loss exit { "loss": { "above": ΔL } }, the
 * quadratic approximation of the scenario's optimizer at the minimum (theory/network.ts) and the rare-event defaults
 * it gives for a loss exit.
 */
import type { Landscape } from '../landscapes/types.js';
import type { LevelExit } from '../dynamics/passage.js';
import { buildNoise } from '../noise/index.js';
import { networkLandscape, trainedMinimum, type NetworkSpec } from '../networks/index.js';
import { networkQuadratic, networkTheory, type NetworkDynamics, type NetworkReport, type NetworkSystem } from '../theory/network.js';
import { QuadraticNotApplicable } from '../theory/quadratic-escape.js';
import { ScenarioError } from './errors.js';
import { isDiscrete } from './discrete.js';
import { optimizerOf } from './optimizer.js';
import type { NetworkBlock, Scenario } from './schema.js';

export type { NetworkSystem } from '../theory/network.js';

/** the expression text of a loss exit's LevelExit */
export const LOSS_EXIT_EXPR = 'loss − loss(start)';

/** The networks/ spec of a validated block (a plain copy: defaults filled by the schema). */
export function networkSpecOf(b: NetworkBlock): NetworkSpec {
  const d = b.data;
  const data: NetworkSpec['data'] = d.kind === 'iris' ? { kind: 'iris' }
    : { kind: 'teacher-student', inputs: d.inputs, teacherHidden: d.teacherHidden, examples: d.examples, labelNoise: d.labelNoise, seed: d.seed };
  return {
    data, hidden: [...b.hidden], activation: b.activation, loss: b.loss, weightDecay: b.weightDecay,
    init: { seed: b.init.seed, scale: b.init.scale }, scale: b.scale,
    train: { gradientTolerance: b.train.gradientTolerance, maxIterations: b.train.maxIterations },
  };
}

/** The network landscape (value memoised on its last argument) and the trained minimum (memoised per process). */
export function buildNetworkLandscape(b: NetworkBlock): { landscape: Landscape; network: NetworkSystem } {
  try {
    const { net, minimum } = trainedMinimum(networkSpecOf(b));
    return { landscape: networkLandscape(net), network: { net, minimum } };
  } catch (e) {
    throw new ScenarioError([{ field: 'scenario.landscape.network', message: (e as Error).message }]);
  }
}

/**
 * The exit { "loss": { "above": ΔL } }: the level set {f ≥ ΔL} of the excess loss f(θ) = L(θ) − L(start), for any
 * landscape (for a network: the full-batch loss over the trained minimum's when the start is "minimum").
 */
export function lossExit(L: Landscape, start: readonly number[], dL: number): LevelExit {
  const L0 = L.value(start);
  const f: Landscape = {
    dim: L.dim, name: `${L.name} − L(start)`, vars: L.vars,
    value: (x) => L.value(x) - L0,
    gradient: (x, out) => L.gradient(x, out),
    hessian: (x, out) => L.hessian(x, out),
  };
  return { kind: 'level', expr: LOSS_EXIT_EXPR, f, level: dL, side: 1 };
}

/** ΔL of the scenario's one loss exit, else null (none, or several exits). */
export function lossExitLevel(scenario: Scenario): number | null {
  const list = Array.isArray(scenario.exit) ? scenario.exit : [scenario.exit];
  return list.length === 1 && list[0].loss ? list[0].loss.above : null;
}

/** B_eff = B(N − 1)/(N − B): the batch-mean covariance of B of N examples without replacement is C/B_eff */
export const effectiveBatch = (B: number, N: number): number => (B * (N - 1)) / (N - B);

/**
 * The scenario's dynamics as the quadratic approximation needs them: the optimizer, its resolved hyperparameters, and
 * the noise's covariance at φ* with its effective batch. A string says why there are none.
 */
export function networkDynamicsOf(scenario: Scenario, L: Landscape, network: NetworkSystem): NetworkDynamics | string {
  const dyn = scenario.dynamics;
  if (!isDiscrete(dyn)) return 'a network landscape runs the real discrete optimizers ({ "discrete": … })';
  const n = L.dim, B = dyn.batch, nz = dyn.noise;
  const base = { optimizer: dyn.discrete, hyper: optimizerOf(dyn, n).hyper as Readonly<Record<string, unknown>>, lr: dyn.lr, batch: B, dL: lossExitLevel(scenario), noise: nz.kind };
  if (nz.kind === 'dataset') {
    const N = network.net.data.examples;
    return { ...base, batchEff: effectiveBatch(B, N), examples: N, covariance: 'network' };
  }
  const C = new Float64Array(n * n);
  buildNoise(nz.kind === 'minibatch' ? nz.covariance : nz, L).covariance(network.minimum.phi, C);
  return nz.kind === 'minibatch'
    ? { ...base, batchEff: effectiveBatch(B, nz.examples), examples: nz.examples, covariance: C }
    : { ...base, batchEff: B, examples: null, covariance: C };
}

/** The theory of a network system (escapelab theory): the network, its minimum, H and C, the quadratic approximation. */
export function networkReportOf(system: { scenario: Scenario; landscape: Landscape; network?: NetworkSystem | null }): NetworkReport | null {
  if (!system.network) return null;
  return networkTheory(system.network, networkDynamicsOf(system.scenario, system.landscape, system.network));
}

const amsField = (k: string) => `scenario.simulation.ams.${k}`;

/**
 * The default well set A and level Σ of a loss exit on a network, as values of the excess loss (docs/scenarios.md
 * "Networks"): from the quadratic approximation's stationary law of the excess, mean E = ½tr(HΣ) and standard
 * deviation s = √(½tr((HΣ)²)), A = {excess ≤ min(E, ΔL/4)} and Σ at min(E + 2s, (A + ΔL)/2). Needs the start at the
 * trained minimum and an optimizer the approximation treats; otherwise a named error asks for set and level.
 */
export function networkAmsLevels(scenario: Scenario, L: Landscape, network: NetworkSystem, start: readonly number[]): [number, number] {
  const dL = lossExitLevel(scenario)!;
  const phi = network.minimum.phi;
  if (start.length !== phi.length || start.some((v, i) => v !== phi[i])) {
    throw new ScenarioError([{ field: amsField('set'), message: 'the default set and level of a loss exit come from the quadratic approximation at the trained minimum, and this start is not it ("start": "minimum"); give simulation.ams.set and level (values of the excess loss)' }]);
  }
  const dyn = networkDynamicsOf(scenario, L, network);
  let q;
  try {
    if (typeof dyn === 'string') throw new QuadraticNotApplicable(dyn);
    q = networkQuadratic(network, dyn);
  } catch (e) {
    if (!(e instanceof QuadraticNotApplicable)) throw e;
    throw new ScenarioError([{ field: amsField('set'), message: `the default set and level of a loss exit come from the quadratic approximation at the minimum, which does not apply here (${e.message}); give simulation.ams.set and level (values of the excess loss)` }]);
  }
  const set = Math.min(q.meanExcess, dL / 4);
  return [set, Math.min(q.meanExcess + 2 * q.excessSd, (set + dL) / 2)];
}
