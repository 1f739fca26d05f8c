/**
 * Scenario → the objects a run needs (landscape, SDE model, first-passage sets, kernel factory), with the
 * semantic checks a schema cannot make: dimensions, variable names, start outside the exit set, a model
 * whose coefficients are finite and whose diffusion is ≥ 0 where the trajectory will go.
 * Every error is raised before any simulation work starts.
 */

import { builtinLandscape } from '../landscapes/builtins.js';
import { expressionLandscape } from '../landscapes/expr.js';
import type { Landscape } from '../landscapes/types.js';
import { buildModel, type ModelSpec, type SDEModel } from '../dynamics/models.js';
import { buildNoise } from '../noise/index.js';
import type { Boundary, Passage } from '../dynamics/passage.js';
import type { TheorySystem } from '../theory/scenario.js';
import { scalarKernel, vectorKernel, type Kernel, type KernelSpec } from '../montecarlo/kernels.js';
import { streamKey } from '../rng/seed.js';
import { discreteDynamicsSchema, discreteScenarioSchema, minibatchNoiseSchema, dynamicsSchema, isDiscrete, noiseSchema, scenarioSchema, simulationSchema, type DiscreteDynamicsSpec, type Scenario, type SimulationSpec } from './schema.js';
import { createOptimizer, type Hyper } from '../optimizers/index.js';
import { discreteKernel } from '../montecarlo/discrete.js';
import { gaussianGradientNoise, generateDataset, minibatchGradientNoise, type GradientNoise } from '../montecarlo/gradient-noise.js';
import { ScenarioError, fromZod } from './errors.js';

/**
 * The system a scenario describes (landscape, model, start, exit and walls: what the theory needs), without
 * the simulation block. `passage.bridge` is the simulation's choice (true when there is no simulation block).
 */
export interface CompiledSystem extends TheorySystem {
  scenario: Scenario;
}

export interface CompiledScenario extends CompiledSystem {
  scenario: Scenario & { simulation: SimulationSpec };
  /** set for a discrete optimizer (one step per iteration, dt = η; exit times are k·η, not (k − ½)dt) */
  discrete: { optimizer: string } | null;
  dt: number;
  maxSteps: number;
  /** Philox key of the trajectories' noise streams */
  noiseKey: [number, number];
  /** a fresh CPU kernel (each worker / backend instance makes its own) */
  kernel(): Kernel;
  /** advice that does not stop the run (e.g. a step size likely to bias the result) */
  warnings: string[];
}

/**
 * Above this value of dt·max(A²/𝒟) along the path, the Euler–Maruyama bias of the mean escape time is
 * of order 1% or more (measured: docs/engine.md, "Step size").
 */
export const STEP_BIAS_THRESHOLD = 0.01;

/** Command-line overrides of the scenario's simulation block. */
export interface SimulationOverrides {
  trajectories?: number;
  seed?: number | string;
  backend?: string;
  dt?: number;
  maxTime?: number;
  integrator?: string;
  bridge?: boolean;
}

function keysOf(schema: unknown): string[] | undefined {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : undefined;
}

function allowedKeys(input: unknown) {
  return (path: readonly PropertyKey[]): string[] | undefined => {
    const p = path.join('.');
    if (p === '') return keysOf(scenarioSchema);
    if (p === 'simulation') return keysOf(simulationSchema);
    const dyn = (input as { dynamics?: { model?: unknown; discrete?: unknown; noise?: { kind?: unknown } } })?.dynamics;
    if (p === 'dynamics' && dyn?.discrete !== undefined) return keysOf(discreteDynamicsSchema);
    if (p === 'dynamics') {
      const opt = dynamicsSchema.options.find((o) => o.shape.model.value === dyn?.model);
      return opt ? keysOf(opt) : undefined;
    }
    if (p === 'dynamics.noise' && dyn?.noise?.kind === 'minibatch') return keysOf(minibatchNoiseSchema);
    if (p === 'dynamics.noise') {
      const opt = noiseSchema.options.find((o) => o.shape.kind.value === dyn?.noise?.kind);
      return opt ? keysOf(opt) : undefined;
    }
    return undefined;
  };
}

export function parseScenario(input: unknown, overrides: SimulationOverrides = {}): Scenario {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ScenarioError([{ field: 'scenario', message: 'must be a JSON object' }]);
  }
  const merged = { ...(input as Record<string, unknown>) };
  const sim = { ...((merged.simulation as Record<string, unknown>) ?? {}) };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) sim[k] = v;
  if (merged.simulation !== undefined || Object.keys(sim).length) merged.simulation = sim;
  const dyn = merged.dynamics as { discrete?: unknown } | undefined;
  const discrete = typeof dyn === 'object' && dyn !== null && 'discrete' in dyn;
  const r = (discrete ? discreteScenarioSchema : scenarioSchema).safeParse(merged);
  if (!r.success) throw fromZod(r.error, merged, allowedKeys(merged));
  return r.data;
}

function buildLandscape(spec: Scenario['landscape']): Landscape {
  try {
    if ('expr' in spec && typeof spec.expr === 'string') {
      return expressionLandscape({ expr: spec.expr, vars: spec.vars as string[], params: spec.params as Record<string, number> | undefined });
    }
    const { builtin, ...params } = spec as { builtin: string } & Record<string, unknown>;
    return builtinLandscape(builtin, params);
  } catch (e) {
    const field = (e as { field?: string }).field;
    if (field) throw new ScenarioError([{ field: `scenario.${field}`, message: (e as Error).message.replace(`${field}: `, '') }]);
    throw new ScenarioError([{ field: 'scenario.landscape', message: (e as Error).message }]);
  }
}

function boundaries(raw: Scenario['exit'] | undefined, vars: readonly string[], field: string): Boundary[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((b, i) => {
    const f = Array.isArray(raw) ? `${field}[${i}]` : field;
    const index = vars.indexOf(b.var);
    if (index < 0) throw new ScenarioError([{ field: `${f}.var`, message: `unknown variable '${b.var}'; the landscape's variables are ${vars.join(', ')}` }]);
    return 'above' in b ? { index, level: b.above, side: 1 as const } : { index, level: (b as { below: number }).below, side: -1 as const };
  });
}

/**
 * The landscape, model, start and first-passage sets of a scenario, checked; the simulation block is
 * optional here (`escapelab theory` needs none).
 */
export function compileSystem(input: unknown, overrides: SimulationOverrides = {}): CompiledSystem & { stiffness: number } {
  const scenario = parseScenario(input, overrides);
  const landscape = buildLandscape(scenario.landscape);
  const n = landscape.dim;
  const vars = landscape.vars;

  let start: number[];
  if (scenario.start === 'minimum') {
    if (!landscape.known) throw new ScenarioError([{ field: 'scenario.start', message: `"minimum" needs a built-in landscape with a known minimum; give the start as an array of ${n} numbers` }]);
    start = [...landscape.known.minimum];
  } else start = scenario.start;
  if (start.length !== n) throw new ScenarioError([{ field: 'scenario.start', message: `has ${start.length} coordinates; the landscape has ${n} (${vars.join(', ')})` }]);

  const exit = boundaries(scenario.exit, vars, 'scenario.exit');
  const reflect = boundaries(scenario.reflect, vars, 'scenario.reflect');
  exit.forEach((b, i) => {
    if (b.side * (start[b.index] - b.level) >= 0) {
      const f = exit.length > 1 ? `scenario.exit[${i}]` : 'scenario.exit';
      throw new ScenarioError([{ field: f, message: `the start (${vars[b.index]} = ${start[b.index]}) is already in the exit set ${vars[b.index]} ${b.side > 0 ? '≥' : '≤'} ${b.level}; the exit must lie ${b.side > 0 ? 'above' : 'below'} the start` }]);
    }
  });
  reflect.forEach((b, i) => {
    if (b.side * (start[b.index] - b.level) > 0) {
      const f = reflect.length > 1 ? `scenario.reflect[${i}]` : 'scenario.reflect';
      throw new ScenarioError([{ field: f, message: `the start (${vars[b.index]} = ${start[b.index]}) lies beyond the reflecting wall ${vars[b.index]} ${b.side > 0 ? 'above' : 'below'} ${b.level}` }]);
    }
  });

  const sim = scenario.simulation;
  if (sim && isDiscrete(scenario.dynamics) && sim.dt !== undefined && sim.dt !== scenario.dynamics.lr) {
    throw new ScenarioError([{ field: 'scenario.simulation.dt', message: `a discrete optimizer takes one step per iteration, so dt is its learning rate (t = η·k): omit dt or set it to lr = ${scenario.dynamics.lr} (got ${sim.dt})` }]);
  }
  if (sim && sim.dt !== undefined && sim.maxTime < sim.dt) throw new ScenarioError([{ field: 'scenario.simulation.maxTime', message: `must be ≥ dt = ${sim.dt} (got ${sim.maxTime})` }]);
  if (sim && n > 1 && sim.integrator === 'milstein') {
    throw new ScenarioError([{ field: 'scenario.simulation.integrator', message: `'milstein' is implemented for 1-D landscapes; this one has ${n} dimensions; use 'euler-maruyama'` }]);
  }

  let model: SDEModel | null;
  const dyn = scenario.dynamics;
  if (isDiscrete(dyn)) {
    optimizerOf(dyn, n); // validates the hyperparameters now, before any work
    const nz = dyn.noise;
    if (nz.kind === 'minibatch') {
      if (!Number.isInteger(dyn.batch) || dyn.batch >= nz.examples) {
        throw new ScenarioError([{ field: 'scenario.dynamics.batch', message: `with minibatch noise the batch is a number of examples: an integer in [1, ${nz.examples - 1}] (examples − 1) (got ${dyn.batch})` }]);
      }
      if (nz.examples <= n) throw new ScenarioError([{ field: 'scenario.dynamics.noise.examples', message: `must exceed the dimension ${n} so the examples span every direction (got ${nz.examples})` }]);
    }
    buildNoiseChecked(nz.kind === 'minibatch' ? nz.covariance : nz, landscape);
  }
  try {
    const spec = isDiscrete(dyn) ? sdeLimit(dyn) : (dyn as ModelSpec);
    model = spec ? buildModel(spec, landscape) : null;
  } catch (e) {
    throw dynamicsError(e, 'scenario.dynamics');
  }
  if (!model) checkLandscape(landscape, start);
  const stiffness = model ? checkCoefficients(model, landscape, start, exit, reflect) : 0;
  const passage: Passage = { exit, reflect, bridge: sim?.bridge ?? true };
  return { scenario, name: scenario.name, landscape, model, passage, start, dim: n, stiffness };
}

/** A scenario ready to simulate: the system plus the simulation block (required here). */
export function compileScenario(input: unknown, overrides: SimulationOverrides = {}): CompiledScenario {
  const system = compileSystem(input, overrides);
  const { scenario, landscape, model, passage, start, dim: n, stiffness } = system;
  const given = scenario.simulation;
  if (!given) {
    throw new ScenarioError([{ field: 'scenario.simulation', message: 'is required to simulate: give at least { "trajectories": N, "dt": h, "maxTime": T } (N integer ≥ 1; h, T > 0)' }]);
  }
  const dyn = scenario.dynamics;
  if (isDiscrete(dyn)) {
    const sim: SimulationSpec = { ...given, dt: dyn.lr, bridge: false };
    if (sim.maxTime < sim.dt) throw new ScenarioError([{ field: 'scenario.simulation.maxTime', message: `must be ≥ lr = ${sim.dt} (one iteration; got ${sim.maxTime})` }]);
    const maxSteps = Math.ceil(sim.maxTime / sim.dt - 1e-9);
    const noiseKey = streamKey(sim.seed, 'noise');
    const spec = { maxSteps, passage: { ...passage, bridge: false }, key: noiseKey };
    const nz = dyn.noise;
    // the dataset of minibatch noise depends on the seed only (stream 'dataset'), so every worker rebuilds the same one
    const dataset = nz.kind === 'minibatch' ? generateDataset(streamKey(sim.seed, 'dataset'), nz.examples, n) : null;
    const gradientNoise = (): GradientNoise => (nz.kind === 'minibatch'
      ? minibatchGradientNoise(buildNoise(nz.covariance, landscape), n, dyn.batch, dataset!)
      : gaussianGradientNoise(buildNoise(nz, landscape), n, dyn.batch));
    return {
      scenario: { ...scenario, simulation: sim }, name: scenario.name, landscape, model, passage: spec.passage, start, dim: n,
      dt: sim.dt, maxSteps, noiseKey, warnings: [], discrete: { optimizer: dyn.discrete },
      kernel: () => discreteKernel(landscape, gradientNoise(), () => optimizerOf(dyn, n), spec),
    };
  }
  if (!model) throw new Error('internal: an SDE scenario without a model');
  if (given.dt === undefined) throw new ScenarioError([{ field: 'scenario.simulation.dt', message: 'is required for an SDE model (a number > 0)' }]);
  const sim: SimulationSpec = { ...given, dt: given.dt };
  const warnings: string[] = [];
  if (stiffness * sim.dt > STEP_BIAS_THRESHOLD) {
    warnings.push(`dt·max(A²/𝒟) = ${(stiffness * sim.dt).toPrecision(2)} between the start and the exit: the Euler–Maruyama step may bias ` +
      `the mean escape time by up to about that fraction; dt ≤ ${(STEP_BIAS_THRESHOLD / stiffness).toPrecision(1)} brings the scale to 1% ` +
      `(compare with a smaller dt or with the exact MFPT; docs/engine.md)`);
  }

  const maxSteps = Math.ceil(sim.maxTime / sim.dt - 1e-9);
  const noiseKey = streamKey(sim.seed, 'noise');
  const kspec: KernelSpec = { dt: sim.dt, maxSteps, passage, integrator: sim.integrator, key: noiseKey };
  return {
    scenario: { ...scenario, simulation: sim }, name: scenario.name, landscape, model, passage, start, dim: n, dt: sim.dt, maxSteps, noiseKey, warnings,
    discrete: null,
    kernel: () => (n === 1 ? scalarKernel(model.scalar(), kspec) : vectorKernel(() => model.vector(), kspec)),
  };
}

const OPTIMIZER_KEYS = ['beta1', 'beta2', 'eps', 'weightDecay', 'momentum', 'dampening', 'nesterov', 'switchRate', 'partial', 'amsgrad', 'decoupled', 'form', 'vectorSize', 'finalLr', 'gamma', 'beta0'] as const;

/** The discrete optimizer of a scenario (n: the landscape's dimension); hyperparameter errors become scenario fields. */
function optimizerOf(d: DiscreteDynamicsSpec, n: number) {
  const hyper: Record<string, unknown> = { lr: d.lr };
  for (const k of OPTIMIZER_KEYS) if (d[k] !== undefined) hyper[k] = d[k];
  if (d.discrete === 'ndadam' && hyper.vectorSize === undefined) hyper.vectorSize = n;
  try {
    return createOptimizer(d.discrete, hyper as Hyper);
  } catch (e) {
    const field = (e as { field?: string }).field ?? '';
    const key = field.includes('.') ? field.slice(field.indexOf('.') + 1) : 'discrete';
    throw new ScenarioError([{ field: `scenario.dynamics.${key}`, message: (e as Error).message.replace(/^[^:]*: /, '') }]);
  }
}

/**
 * The SDE model a discrete optimizer tends to as η → 0 (design.md §3, theory.md §7): what `theory` reports
 * beside a discrete scenario. Momentum does not change the exponent (theory.md §3.2); DualAdam is Adam after
 * its switch; AdamW and AMSGrad have Adam's quasi-static limit.
 */
export function sdeLimit(d: DiscreteDynamicsSpec): ModelSpec | null {
  // minibatch noise: sampling B of N without replacement scales the covariance by (N − B)/(N − 1), i.e. an
  // effective batch B(N − 1)/(N − B) for the covariance model
  const nz = d.noise;
  const base = nz.kind === 'minibatch'
    ? { lr: d.lr, batch: (d.batch * (nz.examples - 1)) / (nz.examples - d.batch), noise: nz.covariance, convention: d.convention }
    : { lr: d.lr, batch: d.batch, noise: nz, convention: d.convention };
  switch (d.discrete) {
    case 'sgd': case 'momentum': return { model: 'sgd', ...base };
    case 'adam': case 'adamw': case 'amsgrad': case 'dualadam': return { model: 'adam', ...base, eps: d.eps };
    case 'invadam': return { model: 'invadam', ...base, eps: d.eps };
    case 'padam': return { model: 'padam', ...base, p: d.partial ?? 0.25, eps: d.eps };
    case 'adamomentum': return { model: 'adamomentum', ...base, beta1: d.beta1, beta2: d.beta2, eps: d.eps ?? 1e-16 };
    // no SDE model of design.md §3: dynamics on unit vectors (ndadam); clipped steps (adabound); Yogi's additive
    // second moment; Adai's adaptive inertia (its exponent is SGD's order, theory.md §3.2, but not its model)
    case 'ndadam': case 'yogi': case 'adabound': case 'adai': return null;
  }
}

/** A noise or model construction error as a scenario error: noise errors carry a field (e.g. landscape.expr). */
function dynamicsError(e: unknown, fallback: string): ScenarioError {
  const field = (e as { field?: string }).field;
  return new ScenarioError([{ field: field ? `scenario.dynamics.noise.${field.replace(/^landscape\./, '')}` : fallback, message: (e as Error).message }]);
}

function buildNoiseChecked(spec: Parameters<typeof buildNoise>[0], L: Landscape) {
  try {
    return buildNoise(spec, L);
  } catch (e) {
    throw dynamicsError(e, 'scenario.dynamics.noise');
  }
}

/** Without a model: the landscape must at least be finite, with a finite gradient, at the start. */
function checkLandscape(L: Landscape, start: number[]): void {
  const g = new Float64Array(L.dim);
  L.gradient(start, g);
  const v = L.value(start);
  if (!Number.isFinite(v) || !g.every(Number.isFinite)) {
    throw new ScenarioError([{ field: 'scenario.landscape', message: `L or ∇L is not finite at the start (L = ${v}); check the expression and its params` }]);
  }
}

/**
 * Evaluate the model where the trajectory will go (the start, and in 1-D a grid from the wall or start to
 * past the exit) and refuse coefficients that are not finite or a negative diffusion, naming the place.
 */
function checkCoefficients(model: SDEModel, L: Landscape, start: number[], exit: Boundary[], reflect: Boundary[]): number {
  let stiffness = 0; // max A²/𝒟 on the 1-D grid: dt times it is the scale of the EM step bias
  const n = L.dim;
  const points: number[][] = [start];
  const between: number[] = [];
  if (n === 1) {
    // finiteness is checked from the wall (or start) to the exit; the step-size advice only between start and exit,
    // the stretch every escaping path must cross (beyond a wall the process rarely goes)
    const levels = [start[0], ...exit.map((b) => b.level), ...reflect.map((b) => b.level)];
    const lo = Math.min(...levels), hi = Math.max(...levels);
    for (let k = 0; k <= 64; k++) points.push([lo + ((hi - lo) * k) / 64]);
    const e0 = exit[0].level;
    for (let k = 0; k <= 64; k++) between.push(start[0] + ((e0 - start[0]) * k) / 64);
  }
  const fail = (field: string, message: string) => { throw new ScenarioError([{ field, message }]); };
  const scalar = n === 1 ? model.scalar() : null;
  const vector = n === 1 ? null : model.vector();
  for (const p of points) {
    const where = `at ${L.vars.map((v, i) => `${v} = ${p[i]}`).join(', ')}`;
    const value = L.value(p);
    const g = new Float64Array(n);
    L.gradient(p, g);
    if (!Number.isFinite(value) || !g.every(Number.isFinite)) {
      fail('scenario.landscape', `L or ∇L is not finite ${where} (L = ${value}); check the expression and its params`);
    }
    if (n === 1) {
      const s = scalar!;
      s.eval(p[0]);
      if (!Number.isFinite(s.a) || !Number.isFinite(s.d)) fail('scenario.dynamics', `the ${model.spec.model} model's drift or diffusion is not finite ${where} (A = ${s.a}, 𝒟 = ${s.d}); check its parameters and the noise`);
      if (s.d < 0) fail('scenario.dynamics.noise', `the diffusion is negative ${where} (𝒟 = ${s.d}); the noise covariance must be ≥ 0`);
    } else {
      const v = vector!;
      const drift = new Float64Array(n), sigma = new Float64Array(n * n);
      v.eval(Float64Array.from(p), drift, sigma);
      if (!drift.every(Number.isFinite) || !sigma.every(Number.isFinite)) fail('scenario.dynamics', `the ${model.spec.model} model's drift or noise is not finite ${where}; check its parameters and the noise`);
    }
  }
  if (n === 1) {
    const s = scalar!;
    for (const x of between) { s.eval(x); if (s.d > 0) stiffness = Math.max(stiffness, (s.a * s.a) / s.d); }
  }
  return stiffness;
}

