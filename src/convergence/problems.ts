/**
 * Online convex problems on a box (the setting of Kingma & Ba 2015 §4 and Reddi et al. 2018 §2):
 * at step t = 1, 2, … the learner plays x_t ∈ F = [lo, hi] ⊂ ℝᵈ, then sees the convex loss f_t and its
 * (sub)gradient g_t = ∇f_t(x_t). The losses repeat with period P: f_t = slot[(t − 1) mod P].
 *
 * Slot families (all convex):
 *   linear     f(x) = g·x
 *   quadratic  f(x) = Σᵢ aᵢ/2 (xᵢ − cᵢ)²,           aᵢ ≥ 0
 *   abs        f(x) = Σᵢ wᵢ |xᵢ − cᵢ|,              wᵢ ≥ 0
 *   pwl        f(x) = Σᵢ maxₖ (aᵢₖ xᵢ + bᵢₖ)
 *   logistic   f(x) = log(1 + exp(−y z·x)),        y = ±1  (not separable; a problem is all-logistic or none)
 */

export type Slot =
  | { kind: 'linear'; g: number[] }
  | { kind: 'quadratic'; a: number[]; c: number[] }
  | { kind: 'abs'; w: number[]; c: number[] }
  | { kind: 'pwl'; pieces: Array<Array<[number, number]>> }
  | { kind: 'logistic'; z: number[]; y: 1 | -1 };

export interface OnlineProblem {
  dim: number;
  lo: number[];
  hi: number[];
  /** the losses of one period */
  slots: Slot[];
  /** number of rounds T */
  horizon: number;
  /** x₁ ∈ F */
  start: number[];
}

export class ProblemError extends Error {
  constructor(public readonly field: string, message: string) {
    super(`problem.${field}: ${message}`);
  }
}

/** Checks shapes and ranges; throws a ProblemError naming the field. */
export function checkProblem(p: OnlineProblem): void {
  const d = p.dim;
  if (!Number.isInteger(d) || d < 1 || d > 64) throw new ProblemError('dim', `must be an integer in [1, 64], got ${d}`);
  if (!Number.isInteger(p.horizon) || p.horizon < 1) throw new ProblemError('horizon', `must be an integer ≥ 1, got ${p.horizon}`);
  for (const k of ['lo', 'hi', 'start'] as const) {
    if (p[k].length !== d || !p[k].every(Number.isFinite)) throw new ProblemError(k, `must be ${d} finite numbers`);
  }
  for (let i = 0; i < d; i++) {
    if (!(p.lo[i] < p.hi[i])) throw new ProblemError(`lo[${i}]`, `must be < hi[${i}] (${p.lo[i]} ≥ ${p.hi[i]})`);
    if (p.start[i] < p.lo[i] || p.start[i] > p.hi[i]) throw new ProblemError(`start[${i}]`, `must lie in [${p.lo[i]}, ${p.hi[i]}]`);
  }
  if (p.slots.length < 1) throw new ProblemError('slots', 'needs at least one loss');
  const logistic = p.slots.filter((s) => s.kind === 'logistic').length;
  if (logistic !== 0 && logistic !== p.slots.length) throw new ProblemError('slots', 'logistic losses cannot be mixed with separable ones');
  p.slots.forEach((s, j) => {
    const vecs = s.kind === 'linear' ? [s.g] : s.kind === 'quadratic' ? [s.a, s.c] : s.kind === 'abs' ? [s.w, s.c] : s.kind === 'logistic' ? [s.z] : [];
    for (const v of vecs) if (v.length !== d || !v.every(Number.isFinite)) throw new ProblemError(`slots[${j}]`, `${s.kind} coefficients must be ${d} finite numbers`);
    if (s.kind === 'quadratic' && s.a.some((a) => a < 0)) throw new ProblemError(`slots[${j}].a`, 'curvatures must be ≥ 0 (convexity)');
    if (s.kind === 'abs' && s.w.some((w) => w < 0)) throw new ProblemError(`slots[${j}].w`, 'weights must be ≥ 0 (convexity)');
    if (s.kind === 'pwl' && (s.pieces.length !== d || s.pieces.some((q) => q.length < 1))) throw new ProblemError(`slots[${j}].pieces`, `needs ${d} non-empty lists of (slope, intercept)`);
  });
}

export const isSeparable = (p: OnlineProblem): boolean => p.slots[0].kind !== 'logistic';

/** f(x) of one slot */
export function lossValue(s: Slot, x: ArrayLike<number>): number {
  let f = 0;
  switch (s.kind) {
    case 'linear': for (let i = 0; i < x.length; i++) f += s.g[i] * x[i]; return f;
    case 'quadratic': for (let i = 0; i < x.length; i++) f += 0.5 * s.a[i] * (x[i] - s.c[i]) ** 2; return f;
    case 'abs': for (let i = 0; i < x.length; i++) f += s.w[i] * Math.abs(x[i] - s.c[i]); return f;
    case 'pwl': for (let i = 0; i < x.length; i++) f += pwlAt(s.pieces[i], x[i]); return f;
    case 'logistic': {
      let u = 0;
      for (let i = 0; i < x.length; i++) u += s.z[i] * x[i];
      return softplus(-s.y * u);
    }
  }
}

/** a subgradient of one slot at x, written into out (at a kink: sign(0) = 0 for abs, the first active piece for pwl) */
export function lossGradient(s: Slot, x: ArrayLike<number>, out: Float64Array): void {
  switch (s.kind) {
    case 'linear': for (let i = 0; i < x.length; i++) out[i] = s.g[i]; return;
    case 'quadratic': for (let i = 0; i < x.length; i++) out[i] = s.a[i] * (x[i] - s.c[i]); return;
    case 'abs': for (let i = 0; i < x.length; i++) out[i] = s.w[i] * Math.sign(x[i] - s.c[i]); return;
    case 'pwl': for (let i = 0; i < x.length; i++) out[i] = pwlSlope(s.pieces[i], x[i]); return;
    case 'logistic': {
      let u = 0;
      for (let i = 0; i < x.length; i++) u += s.z[i] * x[i];
      const w = -s.y * sigmoid(-s.y * u); // d/du softplus(−yu) = −y σ(−yu)
      for (let i = 0; i < x.length; i++) out[i] = w * s.z[i];
      return;
    }
  }
}

export function pwlAt(pieces: Array<[number, number]>, x: number): number {
  let f = -Infinity;
  for (const [a, b] of pieces) f = Math.max(f, a * x + b);
  return f;
}

function pwlSlope(pieces: Array<[number, number]>, x: number): number {
  let f = -Infinity, s = 0;
  for (const [a, b] of pieces) { const v = a * x + b; if (v > f) { f = v; s = a; } }
  return s;
}

/** log(1 + eᵘ) without overflow */
export const softplus = (u: number): number => (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u)));
export const sigmoid = (u: number): number => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u)));

/** The problem's constants, as the theorems use them: sup over F and over t of the gradient norms, and the box diameters. */
export interface ProblemConstants {
  /** G∞ = sup ‖∇f_t(x)‖∞ over x ∈ F, t */
  Ginf: number;
  /** G = sup ‖∇f_t(x)‖₂ over x ∈ F, t */
  G: number;
  /** D∞ = max ‖x − y‖∞ over F */
  Dinf: number;
  /** D = max ‖x − y‖₂ over F */
  D: number;
}

export function problemConstants(p: OnlineProblem): ProblemConstants {
  let Ginf = 0, G2 = 0;
  for (const s of p.slots) {
    let sq = 0;
    if (s.kind === 'logistic') {
      // |∇f| = σ(−y z·x)|z|, largest where y z·x is smallest over the box
      let umin = 0;
      for (let i = 0; i < p.dim; i++) umin += Math.min(s.y * s.z[i] * p.lo[i], s.y * s.z[i] * p.hi[i]);
      const w = sigmoid(-umin);
      for (let i = 0; i < p.dim; i++) { Ginf = Math.max(Ginf, w * Math.abs(s.z[i])); sq += (w * s.z[i]) ** 2; }
    } else {
      // separable: each coordinate's largest |∂ᵢf| is reached independently, so the sup of the 2-norm is the norm of the sups
      for (let i = 0; i < p.dim; i++) {
        const gi = s.kind === 'linear' ? Math.abs(s.g[i])
          : s.kind === 'quadratic' ? s.a[i] * Math.max(Math.abs(p.lo[i] - s.c[i]), Math.abs(p.hi[i] - s.c[i]))
          : s.kind === 'abs' ? s.w[i]
          : activeSlopeMax(s.pieces[i], p.lo[i], p.hi[i]);
        Ginf = Math.max(Ginf, gi);
        sq += gi * gi;
      }
    }
    G2 = Math.max(G2, sq);
  }
  let Dinf = 0, D2 = 0;
  for (let i = 0; i < p.dim; i++) { const w = p.hi[i] - p.lo[i]; Dinf = Math.max(Dinf, w); D2 += w * w; }
  return { Ginf, G: Math.sqrt(G2), Dinf, D: Math.sqrt(D2) };
}

/** largest |slope| of a piece that is active somewhere in [lo, hi] (the subgradients the learner can see) */
function activeSlopeMax(pieces: Array<[number, number]>, lo: number, hi: number): number {
  const pts = [lo, hi, ...kinks(pieces).filter((x) => x > lo && x < hi)].sort((a, b) => a - b);
  let m = 0;
  for (let k = 0; k < pts.length; k++) {
    m = Math.max(m, Math.abs(pwlSlope(pieces, pts[k])));
    if (k + 1 < pts.length) m = Math.max(m, Math.abs(pwlSlope(pieces, 0.5 * (pts[k] + pts[k + 1]))));
  }
  return m;
}

/** every pairwise intersection of the pieces (a superset of the kinks of their max) */
export function kinks(pieces: Array<[number, number]>): number[] {
  const out: number[] = [];
  for (let a = 0; a < pieces.length; a++) {
    for (let b = a + 1; b < pieces.length; b++) {
      const ds = pieces[a][0] - pieces[b][0];
      if (ds !== 0) out.push((pieces[b][1] - pieces[a][1]) / ds);
    }
  }
  return out;
}

/** n_s(t): how many of the rounds 1…t used slot s (period P) */
export function slotCounts(P: number, t: number): number[] {
  const n = new Array<number>(P).fill(0);
  for (let s = 0; s < P; s++) n[s] = s <= t - 1 ? Math.floor((t - 1 - s) / P) + 1 : 0;
  return n;
}
