/**
 * Discrete optimizers as pure init/step pairs (optax style, design.md §2): `init(params)` returns the state,
 * `step(params, grad, state)` updates params and state in place. Parameters are one flat Float64Array.
 */
import type { Hyper } from './hyper.js';

export interface OptimizerState {
  /** number of steps taken (PyTorch's `step`; the first step has t = 1) */
  t: number;
  [buffer: string]: Float64Array | number;
}

export interface Optimizer {
  readonly name: string;
  /** the hyperparameters with every default filled in */
  readonly hyper: Readonly<Hyper>;
  init(params: Float64Array): OptimizerState;
  step(params: Float64Array, grad: Float64Array, state: OptimizerState): void;
}

/** state buffers as typed arrays (the index signature makes them number | Float64Array) */
export const buf = (s: OptimizerState, k: string): Float64Array => s[k] as Float64Array;

/** Adam-family state: first and second moments, and the running max of v when `amsgrad` (else empty) */
export function momentState(p: Float64Array, amsgrad = false): OptimizerState {
  const n = p.length;
  return { t: 0, m: new Float64Array(n), v: new Float64Array(n), vmax: new Float64Array(amsgrad ? n : 0) };
}

export function checkShapes(name: string, params: Float64Array, grad: Float64Array, state: OptimizerState): void {
  if (grad.length !== params.length) throw new RangeError(`${name}.step: grad has length ${grad.length}, params ${params.length}`);
  const m = state.m ?? state.buf ?? state.v;
  if (m instanceof Float64Array && m.length !== params.length) throw new RangeError(`${name}.step: state was made for ${m.length} parameters, got ${params.length}`);
}

/**
 * An optimizer's state as one flat vector: the step count and any other numbers, then each buffer, in the order
 * `init` made them. A discrete optimizer is a Markov chain on (θ, state) (docs/rare-events.md): a rare-event solver
 * that clones a trajectory copies this vector with θ.
 */
export function stateLength(s: OptimizerState): number {
  let size = 0;
  for (const k of Object.keys(s)) { const v = s[k]; size += typeof v === 'number' ? 1 : v.length; }
  return size;
}

export function packState(s: OptimizerState, out: Float64Array, at: number): void {
  for (const k of Object.keys(s)) {
    const v = s[k];
    if (typeof v === 'number') out[at++] = v;
    else { out.set(v, at); at += v.length; }
  }
}

/** the inverse of packState, into a state of the same optimizer and dimension (e.g. a fresh `init`) */
export function unpackState(src: Float64Array, at: number, s: OptimizerState): void {
  for (const k of Object.keys(s)) {
    const v = s[k];
    if (typeof v === 'number') s[k] = src[at++];
    else { v.set(src.subarray(at, at + v.length)); at += v.length; }
  }
}
