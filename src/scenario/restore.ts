/**
 * The parts of the escape problem (problem.ts) built from a scenario's blocks: landscape, first-passage sets,
 * start, SDE model or discrete optimizer and its noise, and `restoreProblem`, which rebuilds the compiled
 * functions of a scenario that compile.ts already validated (a worker thread's copy) without validating it
 * again. compile.ts runs the checks between these steps. Nothing here loads zod (the schema's types only), so a
 * worker thread starts without it.
 */
import { builtinLandscape } from '../landscapes/builtins/index.js';
import { expressionFunction, expressionLandscape } from '../landscapes/expr.js';
import type { Landscape } from '../landscapes/types.js';
import { buildModel, type ModelSpec, type SDEModel } from '../dynamics/models.js';
import { buildNoise, type NoiseModel } from '../noise/index.js';
import type { Boundary, ExitSet, Passage } from '../dynamics/passage.js';
import { createOptimizer, type Hyper, type Optimizer } from '../optimizers/index.js';
import { streamKey } from '../rng/seed.js';
import { FieldError, echo } from '../field-error.js';
import type { DiscreteDynamicsSpec, Scenario, SimulationSpec } from './schema.js';
import { isDiscrete, NON_HYPER_KEYS } from './discrete.js';
import { ScenarioError } from './errors.js';
import { sdeLimit } from './sde-limit.js';
import { amsProblemOf } from './ams.js';
import type { CompiledSystem, DiscreteProblem, EscapeProblem } from './problem.js';

export type { EscapeProblem } from './problem.js';

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
    if (index < 0) throw new ScenarioError([{ field: `${f}.var`, message: `unknown variable ${echo(b.var)}; the landscape's variables are ${vars.join(', ')}` }]);
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

/** The landscape, start and first-passage sets of a scenario, built in this order (compile.ts checks them next). */
export interface SystemParts { landscape: Landscape; start: number[]; exit: ExitSet[]; reflect: Boundary[] }

export function systemParts(scenario: Scenario): SystemParts {
  const landscape = buildLandscape(scenario.landscape);
  const start = startOf(scenario, landscape);
  const exit = exitSets(scenario.exit, landscape.vars);
  const reflect = boundaries(scenario.reflect, landscape.vars, 'scenario.reflect');
  return { landscape, start, exit, reflect };
}

/** The system of the parts and the model (`modelOf`). */
export function systemOf(scenario: Scenario, parts: SystemParts, model: SDEModel | null): CompiledSystem {
  const { landscape, start, exit, reflect } = parts;
  const passage: Passage = { exit, reflect, bridge: scenario.simulation?.bridge ?? true };
  return { scenario, name: scenario.name, landscape, model, passage, start, dim: landscape.dim };
}

/**
 * The discrete optimizer of a scenario (n: the landscape's dimension); hyperparameter errors become scenario fields.
 * The hyperparameters are the block's keys other than NON_HYPER_KEYS, in the block's (the schema's) order.
 */
export function optimizerOf(d: DiscreteDynamicsSpec, n: number): Optimizer {
  const hyper: Record<string, unknown> = { lr: d.lr };
  const block = d as unknown as Record<string, unknown>;
  for (const k of Object.keys(block)) if (!NON_HYPER_KEYS.includes(k) && block[k] !== undefined) hyper[k] = block[k];
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

export function noiseOf(spec: Parameters<typeof buildNoise>[0], L: Landscape): NoiseModel {
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

export function modelOf(scenario: Scenario, landscape: Landscape): SDEModel | null {
  const dyn = scenario.dynamics;
  try {
    const spec = isDiscrete(dyn) ? sdeLimit(dyn) : (dyn as ModelSpec);
    return spec ? buildModel(spec, landscape) : null;
  } catch (e) {
    throw noiseError(e, 'scenario.dynamics');
  }
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

/** The problem of a system whose simulation block is final (compile.ts `simulationOf`). */
export function problemOf(system: CompiledSystem, sim: SimulationSpec, warnings: string[]): EscapeProblem {
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

/**
 * The problem of a scenario that `compileScenario` already validated (`problem.scenario`, e.g. handed to a
 * worker thread): rebuilds the compiled functions (landscape, model, optimizer) without validating again.
 */
export function restoreProblem(scenario: EscapeProblem['scenario']): EscapeProblem {
  const parts = systemParts(scenario);
  return problemOf(systemOf(scenario, parts, modelOf(scenario, parts.landscape)), scenario.simulation, []);
}
