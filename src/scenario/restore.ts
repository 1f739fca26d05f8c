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
import { streamKey } from '../rng/seed.js';
import { FieldError, echo } from '../field-error.js';
import type { DiscreteDynamicsSpec, Scenario, SimulationSpec } from './schema.js';
import { isDiscrete } from './discrete.js';
import { ScenarioError } from './errors.js';
import { sdeLimit } from './sde-limit.js';
import { amsProblemOf } from './ams.js';
import { optimizerOf } from './optimizer.js';
import { buildNetworkLandscape, lossExit, networkAmsLevels, type NetworkSystem } from './network.js';
import type { CompiledSystem, DiscreteProblem, EscapeProblem } from './problem.js';

export type { EscapeProblem } from './problem.js';
export { optimizerOf } from './optimizer.js';

/** An error of a part (landscape, noise, optimizer) under `root`; one without a field is the part's own. */
function under(e: unknown, root: string, fallback: string): FieldError {
  if (e instanceof FieldError) return e.within(root);
  return new ScenarioError([{ field: fallback, message: (e as Error).message }]);
}

function buildLandscape(spec: Scenario['landscape']): { landscape: Landscape; network: NetworkSystem | null } {
  // the network form is strict (no 'builtin'); a builtin's parameters may be named anything
  if (!('builtin' in spec) && 'network' in spec) return buildNetworkLandscape((spec as Extract<Scenario['landscape'], { network: unknown }>).network);
  return { landscape: plainLandscape(spec), network: null };
}

function plainLandscape(spec: Scenario['landscape']): Landscape {
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

/**
 * The exit sets, in the scenario's order: coordinate half-spaces, expression level sets (compiled here) and the excess
 * loss over the start (network.ts lossExit).
 */
function exitSets(raw: Scenario['exit'], L: Landscape, start: number[]): ExitSet[] {
  const list = Array.isArray(raw) ? raw : [raw];
  const vars = L.vars;
  return list.map((b, i) => {
    const f = Array.isArray(raw) ? `scenario.exit[${i}]` : 'scenario.exit';
    if (b.loss) return lossExit(L, start, b.loss.above);
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

function startOf(scenario: Scenario, landscape: Landscape, network: NetworkSystem | null): number[] {
  const n = landscape.dim;
  let start: number[];
  if (scenario.start === 'minimum' && network) start = Array.from(network.minimum.phi);
  else if (scenario.start === 'minimum') {
    if (!landscape.known) throw new ScenarioError([{ field: 'scenario.start', message: `"minimum" needs a built-in landscape with a known minimum; give the start as an array of ${n} numbers` }]);
    start = [...landscape.known.minimum];
  } else start = scenario.start;
  if (start.length !== n) throw new ScenarioError([{ field: 'scenario.start', message: `has ${start.length} coordinates; the landscape has ${n} (${landscape.vars.join(', ')})` }]);
  return start;
}

/**
 * The landscape, start and first-passage sets of a scenario, built in this order (compile.ts checks them next); a
 * network landscape also gives its network and trained minimum.
 */
export interface SystemParts { landscape: Landscape; start: number[]; exit: ExitSet[]; reflect: Boundary[]; network: NetworkSystem | null }

export function systemParts(scenario: Scenario): SystemParts {
  const { landscape, network } = buildLandscape(scenario.landscape);
  const start = startOf(scenario, landscape, network);
  const exit = exitSets(scenario.exit, landscape, start);
  const reflect = boundaries(scenario.reflect, landscape.vars, 'scenario.reflect');
  return { landscape, start, exit, reflect, network };
}

/** The system of the parts and the model (`modelOf`). */
export function systemOf(scenario: Scenario, parts: SystemParts, model: SDEModel | null): CompiledSystem {
  const { landscape, start, exit, reflect, network } = parts;
  const passage: Passage = { exit, reflect, bridge: scenario.simulation?.bridge ?? true };
  return { scenario, name: scenario.name, landscape, model, passage, start, dim: landscape.dim, network };
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

function discreteProblem(dyn: DiscreteDynamicsSpec, landscape: Landscape, network: NetworkSystem | null): DiscreteProblem {
  const n = landscape.dim;
  const nz = dyn.noise;
  const dataset = nz.kind === 'dataset';
  if (dataset && !network) throw new Error('internal: dataset noise without a network (compile.ts refuses it)');
  return {
    optimizer: dyn.discrete,
    hyper: optimizerOf(dyn, n).hyper as Readonly<Record<string, unknown>>,
    makeOptimizer: () => optimizerOf(dyn, n),
    covariance: dataset ? null : buildNoise(nz.kind === 'minibatch' ? nz.covariance : nz, landscape),
    batch: dyn.batch,
    examples: nz.kind === 'minibatch' ? nz.examples : null,
    dataset: dataset ? network!.net : null,
  };
}

/** The default A and Σ of a loss exit on a network (network.ts), else undefined (ams.ts's own defaults). */
function amsLevels(system: CompiledSystem, sim: SimulationSpec): (() => [number, number]) | undefined {
  const { network, scenario } = system;
  const spec = sim.ams;
  const list = Array.isArray(scenario.exit) ? scenario.exit : [scenario.exit];
  if (!network || list.length !== 1 || !list[0].loss || spec?.score || (spec?.set !== undefined && spec.level !== undefined)) return undefined;
  return () => networkAmsLevels(scenario, system.landscape, network, system.start);
}

/** The problem of a system whose simulation block is final (compile.ts `simulationOf`). */
export function problemOf(system: CompiledSystem, sim: SimulationSpec, warnings: string[]): EscapeProblem {
  const dyn = system.scenario.dynamics;
  const discrete = isDiscrete(dyn) ? discreteProblem(dyn, system.landscape, system.network ?? null) : null;
  const passage = discrete ? { ...system.passage, bridge: false } : system.passage;
  return {
    ...system, scenario: { ...system.scenario, simulation: sim }, passage, discrete,
    integrator: sim.integrator, dt: sim.dt, maxSteps: Math.ceil(sim.maxTime / sim.dt - 1e-9),
    keys: { noise: streamKey(sim.seed, 'noise'), float32: streamKey(sim.seed, 'float32'), dataset: streamKey(sim.seed, 'dataset') },
    exitOffset: discrete ? 0 : 0.5,
    warnings,
    ams: sim.method === 'ams' ? amsProblemOf(sim.ams, system.model, system.start, system.passage.exit, system.landscape.vars, amsLevels(system, sim)) : null,
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
