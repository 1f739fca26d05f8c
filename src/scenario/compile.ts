/**
 * Scenario → the escape problem it describes (problem.ts): landscape, SDE model or discrete optimizer,
 * start, first-passage sets, step size and budget, stream keys and the exit-time rule. `compileSystem` and
 * `compileScenario` validate everything before any simulation work starts (schema: parse.ts; semantic
 * checks: checks.ts) and build the parts with restore.ts; `restoreProblem` (restore.ts, without zod) rebuilds
 * the compiled functions of an already validated scenario (a worker thread's copy) without validating it
 * again. Nothing here runs a trajectory.
 */
import type { Landscape } from '../landscapes/types.js';
import { maxDimension } from '../dynamics/integrators.js';
import { isDiscrete, type DiscreteDynamicsSpec, type Scenario, type SimulationSpec } from './schema.js';
import { ScenarioError } from './errors.js';
import { parseScenario, type SimulationOverrides } from './parse.js';
import { checkCoefficients, checkLandscape, checkStartAgainstBoundaries, stepSizeWarnings } from './checks.js';
import { modelOf, noiseOf, optimizerOf, problemOf, systemOf, systemParts } from './restore.js';
import { tabulationInterval, type CompiledSystem, type EscapeProblem } from './problem.js';
import type { NetworkSystem } from './network.js';

export type { CompiledSystem, DiscreteProblem, EscapeProblem, StreamKeys } from './problem.js';
export { reportedTime, tabulationInterval } from './problem.js';
export { parseScenario, type SimulationOverrides } from './parse.js';
export { STEP_BIAS_THRESHOLD } from './checks.js';
export { sdeLimit } from './sde-limit.js';
export { restoreProblem } from './restore.js';
export { networkReportOf, lossExit, effectiveBatch, networkDynamicsOf, LOSS_EXIT_EXPR, type NetworkSystem } from './network.js';

function checkSimulationBlock(scenario: Scenario, n: number): void {
  const sim = scenario.simulation;
  if (!sim) return;
  if (isDiscrete(scenario.dynamics) && sim.dt !== undefined && sim.dt !== scenario.dynamics.lr) {
    throw new ScenarioError([{ field: 'scenario.simulation.dt', message: `a discrete optimizer takes one step per iteration, so dt is its learning rate (t = η·k): omit dt or set it to lr = ${scenario.dynamics.lr} (got ${sim.dt})` }]);
  }
  if (sim.dt !== undefined && sim.maxTime < sim.dt) throw new ScenarioError([{ field: 'scenario.simulation.maxTime', message: `must be ≥ dt = ${sim.dt} (got ${sim.maxTime})` }]);
  // the run budget is part of the file: theory refuses one that cannot finish as simulate does
  const lr = isDiscrete(scenario.dynamics) ? scenario.dynamics.lr : undefined;
  checkStepCount(sim.method, sim.maxTime, lr ?? sim.dt, lr);
  if (n > maxDimension(sim.integrator)) {
    throw new ScenarioError([{ field: 'scenario.simulation.integrator', message: `'${sim.integrator}' is implemented for 1-D landscapes; this one has ${n} dimensions; use 'euler-maruyama'` }]);
  }
  checkTabulated(scenario, sim, n);
}

/**
 * simulation.coefficients "tabulated" (montecarlo/kernels/tabulated.ts) is the Euler–Maruyama step of a 1-D SDE model
 * on the float64 backends: Milstein needs 𝒟′, which is not tabulated; the gpu.js backends have their own float32 tables.
 */
function checkTabulated(scenario: Scenario, sim: NonNullable<Scenario['simulation']>, n: number): void {
  if (sim.coefficients !== 'tabulated') return;
  const why = isDiscrete(scenario.dynamics) ? 'a discrete optimizer has no SDE coefficients to tabulate'
    : n > 1 ? `the landscape has ${n} dimensions and the tables are 1-D`
      : sim.integrator === 'milstein' ? "integrator 'milstein' needs 𝒟′, which is not tabulated (use 'euler-maruyama')"
        : sim.backend.startsWith('gpujs-') ? `backend '${sim.backend}' has its own float32 tables (use 'cpu' or 'workers')`
          : null;
  if (why) {
    throw new ScenarioError([{ field: 'scenario.simulation.coefficients', message: `'tabulated' is the Euler–Maruyama step of a 1-D SDE model on the cpu or workers backend; here ${why}. Allowed values: 'exact' (the default) and 'tabulated'` }]);
  }
}

/** "tabulated" without a bounded interval (problem.ts tabulationInterval) runs every step exactly: say so. */
function tabulationWarnings(system: CompiledSystem, sim: SimulationSpec): string[] {
  if (sim.coefficients !== 'tabulated' || tabulationInterval(system.passage)) return [];
  return [`simulation.coefficients 'tabulated': no reflecting wall or coordinate exit bounds ${system.landscape.vars[0]} on one side, ` +
    'so there is no interval to tabulate and every step evaluates the coefficients exactly (no speed-up); add a wall where the process does not go'];
}

function checkDiscrete(dyn: DiscreteDynamicsSpec, landscape: Landscape, network: NetworkSystem | null): void {
  const n = landscape.dim;
  optimizerOf(dyn, n); // validates the hyperparameters now, before any work
  const nz = dyn.noise;
  if (nz.kind === 'dataset') { checkDatasetNoise(dyn.batch, network); return; }
  if (nz.kind === 'minibatch') {
    if (!Number.isInteger(dyn.batch) || dyn.batch >= nz.examples) {
      throw new ScenarioError([{ field: 'scenario.dynamics.batch', message: `with minibatch noise the batch is a number of examples: an integer in [1, ${nz.examples - 1}] (examples − 1) (got ${dyn.batch})` }]);
    }
    if (nz.examples <= n) throw new ScenarioError([{ field: 'scenario.dynamics.noise.examples', message: `must exceed the dimension ${n} so the examples span every direction (got ${nz.examples})` }]);
  }
  noiseOf(nz.kind === 'minibatch' ? nz.covariance : nz, landscape);
}

/** `dataset` noise: a network's own examples, batches of an integer B in [1, N − 1]. */
function checkDatasetNoise(batch: number, network: NetworkSystem | null): void {
  if (!network) {
    throw new ScenarioError([{ field: 'scenario.dynamics.noise.kind', message: "'dataset' draws real minibatches from a network's examples: it needs a network landscape ({ \"network\": … }); on other landscapes use 'minibatch' (a generated dataset) or Gaussian noise ('white', 'hessian', 'expr')" }]);
  }
  const N = network.net.data.examples;
  if (!Number.isInteger(batch) || batch < 1 || batch >= N) {
    throw new ScenarioError([{ field: 'scenario.dynamics.batch', message: `with dataset noise the batch is a number of examples: an integer in [1, ${N - 1}] (the dataset's ${N} examples − 1) (got ${batch})` }]);
  }
}

/** A network landscape runs the real discrete optimizers (no SDE model takes a network's per-example noise). */
function checkNetworkDynamics(scenario: Scenario, network: NetworkSystem | null): void {
  if (!network || isDiscrete(scenario.dynamics)) return;
  throw new ScenarioError([{
    field: 'scenario.dynamics',
    message: `network landscapes run the real discrete optimizers with real minibatches, not the SDE model '${scenario.dynamics.model}': ` +
      'give { "discrete": "sgd" (or adam, invadam, …), "lr": η, "batch": B, "noise": { "kind": "dataset" } }',
  }]);
}

/** The parts of a system, built from a validated scenario (restore.ts), with the semantic checks between them. */
function assembleSystem(scenario: Scenario): CompiledSystem & { stiffness: number } {
  const parts = systemParts(scenario);
  const { landscape, start, exit, reflect } = parts;
  checkNetworkDynamics(scenario, parts.network);
  checkStartAgainstBoundaries(start, landscape.vars, exit, reflect);
  checkSimulationBlock(scenario, landscape.dim);
  if (isDiscrete(scenario.dynamics)) checkDiscrete(scenario.dynamics, landscape, parts.network);
  const model = modelOf(scenario, landscape);
  let stiffness = 0;
  if (!model) checkLandscape(landscape, start);
  if (model) stiffness = checkCoefficients(model, landscape, start, exit, reflect);
  return { ...systemOf(scenario, parts, model), stiffness };
}

/**
 * The landscape, model, start and first-passage sets of a scenario, checked; the simulation block is
 * optional here (`escapelab theory` needs none).
 */
export function compileSystem(input: unknown, overrides: SimulationOverrides = {}): CompiledSystem & { stiffness: number } {
  return assembleSystem(parseScenario(input, overrides));
}

/**
 * The most steps (iterations) one trajectory of direct Monte Carlo may be given: maxTime/dt beyond it cannot finish
 * (10¹⁵ steps are 1.6 years at 2·10⁷ steps/s) and the float64 step and stream-word counters stop being exact integers
 * near 2⁵³ ≈ 9·10¹⁵. Whether a run under it is worth starting is scenario/cost.ts's question (it refuses from 10¹²).
 * Not applied to method "ams", which does not censor (maxTime does not apply there).
 */
export const MAX_STEPS_PER_TRAJECTORY = 1e15;

function checkStepCount(method: string | undefined, maxTime: number, dt: number | undefined, lr: number | undefined): void {
  if (method === 'ams' || dt === undefined) return;
  const steps = maxTime / dt;
  if (steps <= MAX_STEPS_PER_TRAJECTORY) return;
  const what = lr !== undefined ? `maxTime/lr (scenario.dynamics.lr = ${lr}) = ${steps.toPrecision(3)} iterations` : `maxTime/dt = ${steps.toPrecision(3)} steps`;
  throw new ScenarioError([{
    field: 'scenario.simulation.maxTime',
    message: `${what} per trajectory; at most ${MAX_STEPS_PER_TRAJECTORY.toExponential(0)} are allowed (more cannot finish: ` +
      `1e15 steps take 1.6 years at 2e7 steps/s); lower maxTime or raise ${lr !== undefined ? 'lr' : 'dt'}: at this maxTime, ` +
      `${lr !== undefined ? 'lr' : 'dt'} ≥ ${(maxTime / MAX_STEPS_PER_TRAJECTORY).toPrecision(3)}`,
  }]);
}

/** The simulation block as run (a discrete optimizer: dt = lr, no bridge); checks what needs the system. */
function simulationOf(system: CompiledSystem): SimulationSpec {
  const given = system.scenario.simulation;
  if (!given) {
    throw new ScenarioError([{ field: 'scenario.simulation', message: 'is required to simulate: give at least { "trajectories": N, "dt": h, "maxTime": T } (N integer ≥ 1; h, T > 0)' }]);
  }
  const dyn = system.scenario.dynamics;
  if (isDiscrete(dyn)) {
    const sim: SimulationSpec = { ...given, dt: dyn.lr, bridge: false };
    if (sim.maxTime < sim.dt) throw new ScenarioError([{ field: 'scenario.simulation.maxTime', message: `must be ≥ lr = ${sim.dt} (one iteration; got ${sim.maxTime})` }]);
    return sim;
  }
  if (!system.model) throw new Error('internal: an SDE scenario without a model');
  if (given.dt === undefined) throw new ScenarioError([{ field: 'scenario.simulation.dt', message: 'is required for an SDE model (a number > 0)' }]);
  return { ...given, dt: given.dt };
}

/** A scenario ready to simulate: the system plus the simulation block (required here). */
export function compileScenario(input: unknown, overrides: SimulationOverrides = {}): EscapeProblem {
  const { stiffness, ...system } = compileSystem(input, overrides);
  const sim = simulationOf(system);
  return problemOf(system, sim, isDiscrete(system.scenario.dynamics) ? [] : [...stepSizeWarnings(stiffness, sim.dt), ...tabulationWarnings(system, sim)]);
}
