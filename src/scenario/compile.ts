/**
 * Scenario → the escape problem it describes (problem.ts): landscape, SDE model or discrete optimizer,
 * start, first-passage sets, step size and budget, stream keys and the exit-time rule. `compileSystem` and
 * `compileScenario` validate everything before any simulation work starts (schema: parse.ts; semantic
 * checks: checks.ts); `restoreProblem` rebuilds the compiled functions of an already validated scenario (a
 * worker thread's copy) without validating it again. Nothing here runs a trajectory.
 */
import { builtinLandscape } from '../landscapes/builtins/index.js';
import { expressionFunction, expressionLandscape } from '../landscapes/expr.js';
import type { Landscape } from '../landscapes/types.js';
import { buildModel, type ModelSpec, type SDEModel } from '../dynamics/models.js';
import { maxDimension } from '../dynamics/integrators.js';
import { buildNoise, type NoiseModel } from '../noise/index.js';
import type { Boundary, ExitSet, Passage } from '../dynamics/passage.js';
import { createOptimizer, type Hyper, type Optimizer } from '../optimizers/index.js';
import { streamKey } from '../rng/seed.js';
import { FieldError } from '../field-error.js';
import { isDiscrete, OPTIMIZER_HYPER_KEYS, type DiscreteDynamicsSpec, type Scenario, type SimulationSpec } from './schema.js';
import { ScenarioError } from './errors.js';
import { parseScenario, type SimulationOverrides } from './parse.js';
import { checkCoefficients, checkLandscape, checkStartAgainstBoundaries, stepSizeWarnings } from './checks.js';
import { sdeLimit } from './sde-limit.js';
import { amsProblemOf } from './ams.js';
import { tabulationInterval, type CompiledSystem, type DiscreteProblem, type EscapeProblem } from './problem.js';

export type { CompiledSystem, DiscreteProblem, EscapeProblem, StreamKeys } from './problem.js';
export { reportedTime, tabulationInterval } from './problem.js';
export { parseScenario, type SimulationOverrides } from './parse.js';
export { STEP_BIAS_THRESHOLD } from './checks.js';
export { sdeLimit } from './sde-limit.js';

/** An error of a part (landscape, noise, optimizer) under `root`; one without a field is the part's own. */
function under(e: unknown, root: string, fallback: string): FieldError {
  if (e instanceof FieldError) return e.within(root);
  return new ScenarioError([{ field: fallback, message: (e as Error).message }]);
}

function buildLandscape(spec: Scenario['landscape']): Landscape {
  try {
    if ('expr' in spec && typeof spec.expr === 'string') {
      return expressionLandscape({ expr: spec.expr, vars: spec.vars as string[], params: spec.params as Record<string, number> | undefined });
    }
    const { builtin, ...params } = spec as { builtin: string } & Record<string, unknown>;
    return builtinLandscape(builtin, params);
  } catch (e) {
    throw under(e, 'scenario', 'scenario.landscape');
  }
}

type BoundarySpec = { var: string; above: number } | { var: string; below: number };

function boundaries(raw: BoundarySpec | BoundarySpec[] | undefined, vars: readonly string[], field: string): Boundary[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((b, i) => {
    const f = Array.isArray(raw) ? `${field}[${i}]` : field;
    const index = vars.indexOf(b.var);
    if (index < 0) throw new ScenarioError([{ field: `${f}.var`, message: `unknown variable '${b.var}'; the landscape's variables are ${vars.join(', ')}` }]);
    return 'above' in b ? { index, level: b.above, side: 1 as const } : { index, level: (b as { below: number }).below, side: -1 as const };
  });
}

/** The exit sets, in the scenario's order: coordinate half-spaces and expression level sets (compiled here). */
function exitSets(raw: Scenario['exit'], vars: readonly string[]): ExitSet[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((b, i) => {
    const f = Array.isArray(raw) ? `scenario.exit[${i}]` : 'scenario.exit';
    const side = b.above !== undefined ? 1 as const : -1 as const;
    const level = (b.above ?? b.below)!;
    if (b.expr === undefined) return boundaries(side > 0 ? { var: b.var!, above: level } : { var: b.var!, below: level }, vars, f)[0];
    try {
      return { kind: 'level' as const, expr: b.expr, f: expressionFunction({ expr: b.expr, params: b.params }, vars), level, side };
    } catch (e) {
      throw under(e, f, `${f}.expr`);
    }
  });
}

function startOf(scenario: Scenario, landscape: Landscape): number[] {
  const n = landscape.dim;
  let start: number[];
  if (scenario.start === 'minimum') {
    if (!landscape.known) throw new ScenarioError([{ field: 'scenario.start', message: `"minimum" needs a built-in landscape with a known minimum; give the start as an array of ${n} numbers` }]);
    start = [...landscape.known.minimum];
  } else start = scenario.start;
  if (start.length !== n) throw new ScenarioError([{ field: 'scenario.start', message: `has ${start.length} coordinates; the landscape has ${n} (${landscape.vars.join(', ')})` }]);
  return start;
}

/** The discrete optimizer of a scenario (n: the landscape's dimension); hyperparameter errors become scenario fields. */
function optimizerOf(d: DiscreteDynamicsSpec, n: number): Optimizer {
  const hyper: Record<string, unknown> = { lr: d.lr };
  for (const k of OPTIMIZER_HYPER_KEYS) if (d[k] !== undefined) hyper[k] = d[k];
  if (d.discrete === 'ndadam' && hyper.vectorSize === undefined) hyper.vectorSize = n;
  try {
    return createOptimizer(d.discrete, hyper as Hyper);
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    // the optimizer names its fields "<optimizer>.<key>" (else the optimizer itself): in the scenario the keys sit
    // in the dynamics block beside "discrete"
    const own = `${d.discrete}.`;
    throw new FieldError(e.problems.map((p) => ({ field: p.field.startsWith(own) ? p.field.slice(own.length) : 'discrete', message: p.message })))
      .within('scenario.dynamics');
  }
}

function noiseOf(spec: Parameters<typeof buildNoise>[0], L: Landscape): NoiseModel {
  try {
    return buildNoise(spec, L);
  } catch (e) {
    throw noiseError(e, 'scenario.dynamics.noise');
  }
}

/** A noise or model construction error as a scenario error: noise errors name fields of the noise block (e.g. expr). */
function noiseError(e: unknown, fallback: string): FieldError {
  return under(e, 'scenario.dynamics.noise', fallback);
}

function modelOf(scenario: Scenario, landscape: Landscape): SDEModel | null {
  const dyn = scenario.dynamics;
  try {
    const spec = isDiscrete(dyn) ? sdeLimit(dyn) : (dyn as ModelSpec);
    return spec ? buildModel(spec, landscape) : null;
  } catch (e) {
    throw noiseError(e, 'scenario.dynamics');
  }
}

function checkSimulationBlock(scenario: Scenario, n: number): void {
  const sim = scenario.simulation;
  if (!sim) return;
  if (isDiscrete(scenario.dynamics) && sim.dt !== undefined && sim.dt !== scenario.dynamics.lr) {
    throw new ScenarioError([{ field: 'scenario.simulation.dt', message: `a discrete optimizer takes one step per iteration, so dt is its learning rate (t = η·k): omit dt or set it to lr = ${scenario.dynamics.lr} (got ${sim.dt})` }]);
  }
  if (sim.dt !== undefined && sim.maxTime < sim.dt) throw new ScenarioError([{ field: 'scenario.simulation.maxTime', message: `must be ≥ dt = ${sim.dt} (got ${sim.maxTime})` }]);
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

function checkDiscrete(dyn: DiscreteDynamicsSpec, landscape: Landscape): void {
  const n = landscape.dim;
  optimizerOf(dyn, n); // validates the hyperparameters now, before any work
  const nz = dyn.noise;
  if (nz.kind === 'minibatch') {
    if (!Number.isInteger(dyn.batch) || dyn.batch >= nz.examples) {
      throw new ScenarioError([{ field: 'scenario.dynamics.batch', message: `with minibatch noise the batch is a number of examples: an integer in [1, ${nz.examples - 1}] (examples − 1) (got ${dyn.batch})` }]);
    }
    if (nz.examples <= n) throw new ScenarioError([{ field: 'scenario.dynamics.noise.examples', message: `must exceed the dimension ${n} so the examples span every direction (got ${nz.examples})` }]);
  }
  noiseOf(nz.kind === 'minibatch' ? nz.covariance : nz, landscape);
}

/** The parts of a system, built from a validated scenario; `check` runs the semantic checks between the parts. */
function assembleSystem(scenario: Scenario, check: boolean): CompiledSystem & { stiffness: number } {
  const landscape = buildLandscape(scenario.landscape);
  const n = landscape.dim;
  const start = startOf(scenario, landscape);
  const exit = exitSets(scenario.exit, landscape.vars);
  const reflect = boundaries(scenario.reflect, landscape.vars, 'scenario.reflect');
  if (check) {
    checkStartAgainstBoundaries(start, landscape.vars, exit, reflect);
    checkSimulationBlock(scenario, n);
    if (isDiscrete(scenario.dynamics)) checkDiscrete(scenario.dynamics, landscape);
  }
  const model = modelOf(scenario, landscape);
  let stiffness = 0;
  if (check && !model) checkLandscape(landscape, start);
  if (check && model) stiffness = checkCoefficients(model, landscape, start, exit, reflect);
  const passage: Passage = { exit, reflect, bridge: scenario.simulation?.bridge ?? true };
  return { scenario, name: scenario.name, landscape, model, passage, start, dim: n, stiffness };
}

/**
 * The landscape, model, start and first-passage sets of a scenario, checked; the simulation block is
 * optional here (`escapelab theory` needs none).
 */
export function compileSystem(input: unknown, overrides: SimulationOverrides = {}): CompiledSystem & { stiffness: number } {
  return assembleSystem(parseScenario(input, overrides), true);
}

function discreteProblem(dyn: DiscreteDynamicsSpec, landscape: Landscape): DiscreteProblem {
  const n = landscape.dim;
  const nz = dyn.noise;
  return {
    optimizer: dyn.discrete,
    hyper: optimizerOf(dyn, n).hyper as Readonly<Record<string, unknown>>,
    makeOptimizer: () => optimizerOf(dyn, n),
    covariance: buildNoise(nz.kind === 'minibatch' ? nz.covariance : nz, landscape),
    batch: dyn.batch,
    examples: nz.kind === 'minibatch' ? nz.examples : null,
  };
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

/** The problem of a system whose simulation block is final (`simulationOf`). */
function problemOf(system: CompiledSystem, sim: SimulationSpec, warnings: string[]): EscapeProblem {
  const dyn = system.scenario.dynamics;
  const discrete = isDiscrete(dyn) ? discreteProblem(dyn, system.landscape) : null;
  const passage = discrete ? { ...system.passage, bridge: false } : system.passage;
  return {
    ...system, scenario: { ...system.scenario, simulation: sim }, passage, discrete,
    integrator: sim.integrator, dt: sim.dt, maxSteps: Math.ceil(sim.maxTime / sim.dt - 1e-9),
    keys: { noise: streamKey(sim.seed, 'noise'), float32: streamKey(sim.seed, 'float32'), dataset: streamKey(sim.seed, 'dataset') },
    exitOffset: discrete ? 0 : 0.5,
    warnings,
    ams: sim.method === 'ams' ? amsProblemOf(sim.ams, system.model, system.start, system.passage.exit, system.landscape.vars) : null,
  };
}

/** A scenario ready to simulate: the system plus the simulation block (required here). */
export function compileScenario(input: unknown, overrides: SimulationOverrides = {}): EscapeProblem {
  const { stiffness, ...system } = compileSystem(input, overrides);
  const sim = simulationOf(system);
  return problemOf(system, sim, isDiscrete(system.scenario.dynamics) ? [] : [...stepSizeWarnings(stiffness, sim.dt), ...tabulationWarnings(system, sim)]);
}

/**
 * The problem of a scenario that `compileScenario` already validated (`problem.scenario`, e.g. handed to a
 * worker thread): rebuilds the compiled functions (landscape, model, optimizer) without validating again.
 */
export function restoreProblem(scenario: EscapeProblem['scenario']): EscapeProblem {
  const { stiffness: _unused, ...system } = assembleSystem(scenario, false);
  return problemOf(system, scenario.simulation, []);
}
