/**
 * fast-check arbitraries of online convex problems and of hyperparameters.
 *
 * Every coefficient is an integer multiple of ½ (boxes, slopes, curvatures, centres), and every hyperparameter a
 * point of a fixed grid, so that fast-check's shrinking (integers towards 0, horizons towards the minimum)
 * ends on small readable counterexamples such as "f_t = 3x, −x, −x on [−1, 1]". Nothing here knows a
 * counterexample: periodic sequences of every slot family are drawn alike.
 */
import fc from 'fast-check';
import type { Beta1Schedule, OnlineHyper } from './algorithms.js';
import { DEFAULT_ONLINE_HYPER } from './algorithms.js';
import type { OnlineProblem, Slot } from './problems.js';

export type SlotKind = Slot['kind'];
export const SEPARABLE_KINDS: SlotKind[] = ['linear', 'quadratic', 'abs', 'pwl'];
export const ALL_KINDS: SlotKind[] = [...SEPARABLE_KINDS, 'logistic'];

export interface ProblemArbOptions {
  /** slot families to draw from; 'logistic' problems are all-logistic */
  kinds?: SlotKind[];
  maxDim?: number;
  minHorizon?: number;
  maxHorizon?: number;
  maxPeriod?: number;
}

const half = (k: number) => k / 2;
const coef = (max = 20) => fc.integer({ min: -max, max }).map(half);
const nonneg = (max = 20) => fc.integer({ min: 0, max }).map(half);

function slotArb(kind: SlotKind, d: number): fc.Arbitrary<Slot> {
  const vec = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: d, maxLength: d });
  switch (kind) {
    case 'linear': return vec(coef()).map((g) => ({ kind: 'linear', g }));
    case 'quadratic': return fc.record({ a: vec(nonneg()), c: vec(coef(6)) }).map(({ a, c }) => ({ kind: 'quadratic', a, c }));
    case 'abs': return fc.record({ w: vec(nonneg()), c: vec(coef(6)) }).map(({ w, c }) => ({ kind: 'abs', w, c }));
    case 'pwl': {
      const pieces = fc.array(fc.tuple(coef(), coef(6)), { minLength: 1, maxLength: 3 });
      return vec(pieces).map((p) => ({ kind: 'pwl', pieces: p }));
    }
    case 'logistic':
      return fc.record({ z: vec(coef(8)), y: fc.constantFrom<1 | -1>(1, -1) }).map(({ z, y }) => ({ kind: 'logistic', z, y }));
  }
}

export function problemArb(o: ProblemArbOptions = {}): fc.Arbitrary<OnlineProblem> {
  const kinds = o.kinds ?? SEPARABLE_KINDS;
  const separable = kinds.filter((k) => k !== 'logistic');
  // logistic problems cost ~25× more (an iterative θ*): when both families are asked for, one case in six is logistic
  const family: fc.Arbitrary<'separable' | 'logistic'> = !kinds.includes('logistic') ? fc.constant('separable')
    : !separable.length ? fc.constant('logistic')
    : fc.oneof({ arbitrary: fc.constant('separable' as const), weight: 5 }, { arbitrary: fc.constant('logistic' as const), weight: 1 });
  const maxDim = o.maxDim ?? 8, maxPeriod = o.maxPeriod ?? 6;
  const minH = o.minHorizon ?? 100, maxH = o.maxHorizon ?? 2000;
  // Everything is drawn at the largest dimension and cut to `dim` afterwards (no `chain`), so that fast-check
  // can shrink every field, the dimension and the horizon included, independently.
  const full = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: maxDim, maxLength: maxDim });
  const sepSlot = fc.constantFrom(...(separable.length ? separable : SEPARABLE_KINDS)).chain((k) => slotArb(k, maxDim));
  return fc.record({
    dim: fc.integer({ min: 1, max: maxDim }),
    family,
    horizon: fc.integer({ min: minH, max: maxH }),
    width: full(fc.integer({ min: 1, max: 6 })),
    centre: full(fc.integer({ min: -4, max: 4 })),
    start: full(fc.integer({ min: -4, max: 4 })),
    separableSlots: fc.array(sepSlot, { minLength: 1, maxLength: maxPeriod }),
    logisticSlots: fc.array(slotArb('logistic', maxDim), { minLength: 1, maxLength: maxPeriod }),
    // losses multiplied by 2^−s: scale-dependent methods (InvAdam's step ∝ g², Padam's ∝ g^{1−2p}) meet gradients of every size
    scaleDown: fc.integer({ min: 0, max: 6 }),
  }).map(({ dim, family, horizon, width, centre, start, separableSlots, logisticSlots, scaleDown }): OnlineProblem => {
    const r = width.slice(0, dim).map(half), c = centre.slice(0, dim).map(half);
    const k = 2 ** -scaleDown;
    const slots = (family === 'logistic' ? logisticSlots : separableSlots).map((s) => scaleSlot(cutSlot(s, dim), k));
    return {
      dim, horizon, slots,
      lo: c.map((ci, i) => ci - r[i]),
      hi: c.map((ci, i) => ci + r[i]),
      start: c.map((ci, i) => ci + (start[i] / 4) * r[i]),
    };
  });
}

/** the slot's loss times k (k > 0; exact for powers of two). A logistic slot has no weight: its z is scaled instead. */
function scaleSlot(s: Slot, k: number): Slot {
  if (k === 1) return s;
  switch (s.kind) {
    case 'linear': return { kind: 'linear', g: s.g.map((v) => v * k) };
    case 'quadratic': return { kind: 'quadratic', a: s.a.map((v) => v * k), c: s.c };
    case 'abs': return { kind: 'abs', w: s.w.map((v) => v * k), c: s.c };
    case 'pwl': return { kind: 'pwl', pieces: s.pieces.map((q) => q.map(([a, b]): [number, number] => [a * k, b * k])) };
    case 'logistic': return { kind: 'logistic', z: s.z.map((v) => v * k), y: s.y };
  }
}

/** the first `d` coordinates of a slot */
function cutSlot(s: Slot, d: number): Slot {
  switch (s.kind) {
    case 'linear': return { kind: 'linear', g: s.g.slice(0, d) };
    case 'quadratic': return { kind: 'quadratic', a: s.a.slice(0, d), c: s.c.slice(0, d) };
    case 'abs': return { kind: 'abs', w: s.w.slice(0, d), c: s.c.slice(0, d) };
    case 'pwl': return { kind: 'pwl', pieces: s.pieces.slice(0, d) };
    case 'logistic': return { kind: 'logistic', z: s.z.slice(0, d), y: s.y };
  }
}

/** β ∈ {0, 0.01, …, 0.99} ∪ {10⁻ʲ, 1 − 10⁻ʲ : j = 3, 4}: a uniform grid and both ends */
export const betaArb = fc.oneof(
  fc.integer({ min: 0, max: 99 }).map((k) => k / 100),
  fc.constantFrom(0.001, 0.0001, 0.999, 0.9999),
);

export interface HyperArbOptions {
  beta1Schedules?: Beta1Schedule[];
  /** Padam's p grid (k/16, k = 1…8 by default) */
  withP?: boolean;
  withXi?: boolean;
  /** ε values to draw (theorems without ε: [0]) */
  eps?: number[];
}

export function hyperArb(o: HyperArbOptions = {}): fc.Arbitrary<OnlineHyper> {
  return fc.record({
    alpha: fc.integer({ min: 1, max: 40 }).map((k) => k / 20),
    beta1: betaArb,
    beta2: betaArb,
    lambda: fc.oneof(fc.integer({ min: 1, max: 99 }).map((k) => k / 100), fc.constantFrom(0.999, 0.9999)),
    beta1Schedule: fc.constantFrom(...(o.beta1Schedules ?? ['constant'])),
    eps: fc.constantFrom(...(o.eps ?? [0])),
    p: o.withP ? fc.integer({ min: 1, max: 8 }).map((k) => k / 16) : fc.constant(DEFAULT_ONLINE_HYPER.p),
    xi: o.withXi ? fc.constantFrom(0.1, 0.01, 0.001) : fc.constant(DEFAULT_ONLINE_HYPER.xi),
  }).map((h) => ({ ...h, stepSchedule: 'sqrt' as const }));
}
