/**
 * The scenario file (design.md §5), the common input of `theory`, `simulate` and `verify`, as a zod
 * schema. Unknown keys, missing keys and out-of-range values are errors naming the key and the range.
 */
import { z } from 'zod';
import { NON_HYPER_KEYS } from './discrete.js';
import { networkLandscapeSchema } from './network-schema.js';

export { isDiscrete } from './discrete.js';

const finite = () => z.number().finite();
const positive = () => z.number().finite().positive();

const boundary = z.union([
  z.object({ var: z.string(), above: finite() }).strict(),
  z.object({ var: z.string(), below: finite() }).strict(),
]);

/**
 * An exit: a coordinate half-space { var, above | below }, the level set of an expression of the state
 * { expr, above | below, params? } = {f(θ) ≥ c} or {f(θ) ≤ c}, or the excess loss { loss: { above: ΔL } } =
 * {L(θ) − L(start) ≥ ΔL} (docs/scenarios.md). One object with the exactly-one rules as refinements, so that a mistake
 * is named precisely rather than as "Invalid input".
 */
export const lossExitSchema = z.object({ above: positive() }).strict();
export const exitEntrySchema = z.object({
  var: z.string().optional(),
  expr: z.string().min(1).optional(),
  params: z.record(z.string(), finite()).optional(),
  above: finite().optional(),
  below: finite().optional(),
  loss: lossExitSchema.optional(),
}).strict();
const exitEntry = exitEntrySchema.superRefine((b, ctx) => {
  const kinds = [b.var, b.expr, b.loss].filter((k) => k !== undefined).length;
  if (kinds !== 1) {
    ctx.addIssue({ code: 'custom', message: `give exactly one of 'var' (a coordinate half-space) and 'expr' (the level set of an expression of the state), or 'loss' (the excess loss over the start) (got ${kinds === 0 ? 'none' : 'more than one'})` });
  }
  if (b.loss !== undefined) {
    if (b.above !== undefined || b.below !== undefined) ctx.addIssue({ code: 'custom', message: "a loss exit gives its level inside: { \"loss\": { \"above\": ΔL } }, without 'above' or 'below' beside 'loss'" });
  } else if ((b.above === undefined) === (b.below === undefined)) {
    ctx.addIssue({ code: 'custom', message: `give exactly one of 'above' and 'below' (got ${b.above === undefined ? 'neither' : 'both'})` });
  }
  if (b.params !== undefined && b.expr === undefined) ctx.addIssue({ code: 'custom', path: ['params'], message: "'params' go with 'expr'" });
});

export const noiseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('white'), variance: positive() }).strict(),
  z.object({ kind: z.literal('hessian'), floor: finite().nonnegative().default(0) }).strict(),
  z.object({ kind: z.literal('expr'), expr: z.string().min(1), params: z.record(z.string(), finite()).optional() }).strict(),
]);

const convention = z.enum(['ito', 'hanggi']);
const optimizerBase = {
  lr: positive(),
  batch: positive(),
  noise: noiseSchema,
  convention,
};
const eps = z.number().finite().nonnegative();

export const dynamicsSchema = z.discriminatedUnion('model', [
  z.object({ model: z.literal('langevin'), temperature: positive(), convention: convention.optional() }).strict(),
  z.object({ model: z.literal('sgd'), ...optimizerBase }).strict(),
  z.object({ model: z.literal('adam'), ...optimizerBase, eps: eps.optional() }).strict(),
  z.object({ model: z.literal('invadam'), ...optimizerBase, eps: eps.optional() }).strict(),
  z.object({ model: z.literal('padam'), ...optimizerBase, p: z.number().min(0).max(0.5), eps: eps.optional() }).strict(),
  z.object({ model: z.literal('power'), ...optimizerBase, p: z.number().min(-1).max(1) }).strict(),
  z.object({
    model: z.literal('adamomentum'), ...optimizerBase,
    beta1: z.number().min(0).lt(1).optional(), beta2: z.number().min(0).lt(1).optional(), eps: eps.optional(),
  }).strict(),
]);

/**
 * A real discrete optimizer (design.md §5): `{ "discrete": "<optimizer>", lr, batch, noise, ...hyperparameters }`.
 * The gradient fed to it is ∇L(θ) + N(0, C(θ)/B); the hyperparameters are validated by createOptimizer.
 * `convention` selects the SDE limit that `theory` reports beside it.
 */
/**
 * `minibatch` noise (discrete optimizers only): a generated dataset of `examples` per-example gradients
 * ∇ℓ_j = ∇L + C^{1/2}z_j whose average is exactly ∇L and whose spread has covariance exactly C (the `covariance`
 * model); each iteration averages a batch of `batch` distinct examples drawn without replacement.
 */
export const minibatchNoiseSchema = z.object({
  kind: z.literal('minibatch'),
  examples: z.int().min(2).max(1e7),
  covariance: noiseSchema,
}).strict();
/**
 * `dataset` noise (a network landscape only): each iteration's gradient is the mean of the per-example gradients ∇ℓ_j of
 * `batch` distinct examples of the network's own dataset, drawn uniformly without replacement.
 */
export const datasetNoiseSchema = z.object({ kind: z.literal('dataset') }).strict();
export const discreteNoiseSchema = z.discriminatedUnion('kind', [...noiseSchema.options, minibatchNoiseSchema, datasetNoiseSchema]);

export const DISCRETE_OPTIMIZERS = ['sgd', 'momentum', 'adam', 'adamw', 'amsgrad', 'invadam', 'dualadam', 'padam', 'adamomentum', 'ndadam', 'yogi', 'adabound', 'adai'] as const;
export const discreteDynamicsSchema = z.object({
  discrete: z.enum(DISCRETE_OPTIMIZERS),
  lr: positive(),
  batch: positive(),
  noise: discreteNoiseSchema,
  convention: convention.default('ito'),
  beta1: z.number().optional(), beta2: z.number().optional(), eps: z.number().optional(),
  weightDecay: z.number().optional(), momentum: z.number().optional(), dampening: z.number().optional(),
  nesterov: z.boolean().optional(), switchRate: z.number().optional(), partial: z.number().optional(),
  amsgrad: z.boolean().optional(), decoupled: z.boolean().optional(), form: z.enum(['code', 'paper']).optional(),
  /** ndadam: parameters are consecutive unit vectors of this size (default: the landscape's dimension) */
  vectorSize: z.number().optional(),
  finalLr: z.number().optional(), gamma: z.number().optional(), beta0: z.number().optional(),
}).strict();

/** float64: cpu, workers; float32 (gpu.js, docs/engine.md "gpu.js backends"): the gpujs-* ones; auto: montecarlo/gpujs/auto.ts */
export const BACKENDS = ['auto', 'cpu', 'workers', 'gpujs-cpu', 'gpujs-webasm', 'gpujs-headlessgl', 'gpujs-webgpu'] as const;

/**
 * The rare-event method's settings (docs/rare-events.md): replicas n, replicas killed per iteration (an integer
 * k, or a fraction of n), independent runs R, and optionally the levels of the well set A and of the level Σ on
 * the exit coordinate or the score's scale (defaults from the problem), and a score expression.
 */
export const amsSchema = z.object({
  replicas: z.int().min(2).max(4096).default(100),
  kill: z.number().positive().default(0.2),
  runs: z.int().min(2).max(1_000_000).default(20),
  set: z.number().finite().optional(),
  level: z.number().finite().optional(),
  /** a reaction coordinate ξ(θ) other than the exit's expression (expression exits only; scenario/ams-score.ts) */
  score: z.object({ expr: z.string().min(1), params: z.record(z.string(), finite()).optional() }).strict().optional(),
}).strict();

/** simulation.coefficients: how the float64 kernels get A(x) and 𝒟(x) of a 1-D SDE model ('exact' when absent) */
export const COEFFICIENTS = ['exact', 'tabulated'] as const;

export const simulationSchema = z.object({
  // ≤ 1e8: a run holds ~70 bytes a trajectory (engine arrays and the summary's; ~7 GB at 1e8), and merge holds a
  // whole run, so sharding does not lift it (measured, docs/cli.md "Trajectory files")
  trajectories: z.int().positive().max(1e8),
  dt: positive(),
  maxTime: positive(),
  seed: z.union([z.int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().min(1)]).default(1),
  backend: z.enum(BACKENDS).default('auto'),
  integrator: z.enum(['euler-maruyama', 'milstein']).default('euler-maruyama'),
  bridge: z.boolean().default(true),
  /**
   * 1-D SDE models: 'exact' (absent = exact) evaluates A and 𝒟 every step; 'tabulated' interpolates them from a
   * table (montecarlo/kernels/tabulated.ts). No default is filled in, so a scenario without it echoes unchanged.
   */
  coefficients: z.enum(COEFFICIENTS).optional(),
  /** trajectories per chunk (state arrays); does not change results */
  chunk: z.int().positive().max(1 << 20).default(256),
  /** steps per kernel launch; does not change results */
  stepsPerLaunch: z.int().positive().default(4096),
  /** worker threads for the 'workers' backend (default: all cores) */
  workers: z.int().positive().max(1024).optional(),
  /** 'direct' Monte Carlo (the default) or 'ams' (adaptive multilevel splitting, docs/rare-events.md) */
  method: z.enum(['direct', 'ams']).optional(),
  ams: amsSchema.optional(),
}).strict();

/**
 * The most exits and the most reflecting walls: every step tests each one, so their number multiplies the work
 * of a step (10⁵ took minutes). 256 is four per coordinate of the largest expression landscape (64 vars).
 */
export const MAX_BOUNDARIES = 256;
const boundaryList = <T extends z.ZodType>(entry: T, what: string) => z.array(entry).max(MAX_BOUNDARIES, {
  error: (iss) => `${Array.isArray(iss.input) ? iss.input.length : 'too many'} ${what}; at most ${MAX_BOUNDARIES} are allowed (each is tested every step)`,
});

const landscape = z.union([
  networkLandscapeSchema,
  z.object({ expr: z.string(), vars: z.array(z.string()).min(1), params: z.record(z.string(), z.number()).optional() }).strict(),
  z.looseObject({ builtin: z.string() }),
]);

const scenarioShape = {
  name: z.string().default('scenario'),
  description: z.string().optional(),
  landscape,
  start: z.union([z.array(finite()).min(1), z.literal('minimum')]),
  exit: z.union([exitEntry, boundaryList(exitEntry, 'exits').min(1)]),
  reflect: z.union([boundary, boundaryList(boundary, 'reflecting walls')]).optional(),
  dynamics: dynamicsSchema,
  /** required by `simulate` (and `verify`), not by `theory` */
  simulation: simulationSchema.optional(),
};
export const scenarioSchema = z.object(scenarioShape).strict();
/** the same with a discrete optimizer: one step per iteration, so dt is the learning rate and may be omitted */
export const discreteScenarioSchema = z.object({
  ...scenarioShape,
  dynamics: discreteDynamicsSchema,
  simulation: simulationSchema.extend({ dt: positive().optional() }).strict().optional(),
}).strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema> | z.output<typeof discreteScenarioSchema>;
export type DiscreteDynamicsSpec = z.output<typeof discreteDynamicsSchema>;
export type MinibatchNoiseSpec = z.output<typeof minibatchNoiseSchema>;
export type DynamicsSpec = z.output<typeof dynamicsSchema>;
export type SimulationSpec = z.output<typeof simulationSchema>;
export type AmsSpec = z.output<typeof amsSchema>;
export type ExitSpec = z.output<typeof exitEntrySchema>;
export type { NetworkBlock } from './network-schema.js';

/** The discrete block's keys that are optimizer hyperparameters (passed to createOptimizer), in schema order. */
export const OPTIMIZER_HYPER_KEYS = Object.keys(discreteDynamicsSchema.shape)
  .filter((k) => !NON_HYPER_KEYS.includes(k)) as (keyof DiscreteDynamicsSpec)[];
