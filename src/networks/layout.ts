/**
 * The parameter layout of an MLP (types.ts): for each layer l = 1..L, W_l (out × in, row-major) then b_l (out);
 * names W{l}_{r}_{c} and b{l}_{r} (1-based layers, 0-based indices). Also the validation of a NetworkSpec.
 */
import { validateDataSpec } from './datasets.js';
import type { Dataset, NetworkSpec } from './types.js';

export interface Layout {
  /** widths n_0 (inputs), n_1, …, n_L (outputs) */
  widths: number[];
  /** offset of W_l in θ, l = 1..L at index l−1 */
  weightOffset: number[];
  /** offset of b_l in θ */
  biasOffset: number[];
  dim: number;
  vars: string[];
}

/** the most hidden layers and units accepted (a sanity bound: the dense Hessian is dim² numbers) */
const MAX_LAYERS = 8, MAX_WIDTH = 4096, MAX_DIM = 20_000;

export function layoutOf(widths: number[]): Layout {
  const weightOffset: number[] = [], biasOffset: number[] = [], vars: string[] = [];
  let off = 0;
  for (let l = 1; l < widths.length; l++) {
    const nin = widths[l - 1], nout = widths[l];
    weightOffset.push(off);
    for (let r = 0; r < nout; r++) for (let c = 0; c < nin; c++) vars.push(`W${l}_${r}_${c}`);
    off += nout * nin;
    biasOffset.push(off);
    for (let r = 0; r < nout; r++) vars.push(`b${l}_${r}`);
    off += nout;
  }
  return { widths, weightOffset, biasOffset, dim: off, vars };
}

function finitePositive(v: unknown, field: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new RangeError(`${field} must be a finite number > 0, got ${String(v)}`);
}

/** Throws a RangeError naming the field when the spec does not describe a network this module can build. */
export function validateNetworkSpec(spec: NetworkSpec): void {
  if (spec === null || typeof spec !== 'object') throw new RangeError('a network spec must be an object');
  validateDataSpec(spec.data);
  const hidden = spec.hidden as unknown;
  if (!Array.isArray(hidden) || hidden.length > MAX_LAYERS) throw new RangeError(`hidden must be an array of at most ${MAX_LAYERS} layer widths, got ${String(hidden)}`);
  hidden.forEach((w: unknown, i) => {
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > MAX_WIDTH) throw new RangeError(`hidden[${i}] must be an integer in [1, ${MAX_WIDTH}], got ${String(w)}`);
  });
  if (spec.activation !== 'tanh' && spec.activation !== 'softplus') throw new RangeError(`activation must be 'tanh' or 'softplus', got ${String(spec.activation)}`);
  if (spec.loss !== 'cross-entropy' && spec.loss !== 'squared') throw new RangeError(`loss must be 'cross-entropy' or 'squared', got ${String(spec.loss)}`);
  if (spec.loss === 'cross-entropy' && spec.data.kind !== 'iris') throw new RangeError(`loss 'cross-entropy' needs class labels: data.kind '${spec.data.kind}' is a regression; use loss 'squared'`);
  if (typeof spec.weightDecay !== 'number' || !Number.isFinite(spec.weightDecay) || spec.weightDecay < 0) throw new RangeError(`weightDecay must be a finite number ≥ 0, got ${String(spec.weightDecay)}`);
  if (spec.init === null || typeof spec.init !== 'object') throw new RangeError('init must be { seed, scale }');
  const seed = spec.init.seed as unknown;
  if (!((typeof seed === 'number' && Number.isFinite(seed)) || typeof seed === 'string')) throw new RangeError(`init.seed must be a finite number or a string, got ${String(seed)}`);
  finitePositive(spec.init.scale, 'init.scale');
  finitePositive(spec.scale, 'scale');
  if (spec.train === null || typeof spec.train !== 'object') throw new RangeError('train must be { gradientTolerance, maxIterations }');
  finitePositive(spec.train.gradientTolerance, 'train.gradientTolerance');
  const it = spec.train.maxIterations as unknown;
  if (typeof it !== 'number' || !Number.isInteger(it) || it < 1) throw new RangeError(`train.maxIterations must be an integer ≥ 1, got ${String(it)}`);
}

/** the layout of a validated spec on its dataset */
export function networkLayout(spec: NetworkSpec, data: Dataset): Layout {
  const layout = layoutOf([data.inputs, ...spec.hidden, data.outputs]);
  if (layout.dim > MAX_DIM) throw new RangeError(`the network has ${layout.dim} parameters; at most ${MAX_DIM} are supported (the dense Hessian is dim² numbers)`);
  return layout;
}
