/**
 * The best fixed point in hindsight, θ* = argmin_{x∈F} F_t(x) with F_t = Σ_{τ≤t} f_τ = Σ_s n_s(t) f_s,
 * which the regret R(t) = Σ_{τ≤t} f_τ(x_τ) − F_t(θ*) needs.
 *
 * Separable problems (linear, quadratic, abs, pwl slots): F_t = Σᵢ Fᵢ(xᵢ), and each Fᵢ is convex and piecewise
 * quadratic with known breakpoints. Its minimum over [loᵢ, hiᵢ] is at an end, a breakpoint or the stationary
 * point of a smooth piece, so evaluating F at that finite candidate set gives the minimum exactly (round-off only).
 *
 * Logistic problems: F_t is smooth and convex; accelerated projected gradient (FISTA, step 1/L with
 * L = Σ n_s‖z_s‖²/4) gives x̃, and convexity gives the certificate
 *   F(x̃) − maxᵢ-wise ∇F(x̃)·(x̃ − y) ≤ min F ≤ F(x̃)   (y ranging over the box),
 * so the regret computed with F(x̃) is a certified lower bound of the true regret (never a false violation).
 */
import { isSeparable, kinks, lossGradient, lossValue, slotCounts, type OnlineProblem } from './problems.js';

/** FISTA iterations: from a cold start, and warm-started from the previous horizon's minimiser */
const MAX_FISTA_COLD = 5000, MAX_FISTA_WARM = 600;

export interface Comparator {
  /** an upper bound of min F (exact, up to round-off, for separable problems) */
  value: number;
  /** a lower bound of min F (equals value for separable problems) */
  lower: number;
  argmin: number[];
}

export function bestFixedPoint(p: OnlineProblem, t: number, warm?: number[]): Comparator {
  const n = slotCounts(p.slots.length, t);
  return isSeparable(p) ? separableMinimum(p, n) : logisticMinimum(p, n, warm);
}

function separableMinimum(p: OnlineProblem, n: number[]): Comparator {
  const argmin: number[] = [];
  let value = 0;
  for (let i = 0; i < p.dim; i++) {
    const Fi = (x: number) => {
      let f = 0;
      p.slots.forEach((s, k) => { if (n[k] > 0) f += n[k] * coordinateLoss(s, i, x); });
      return f;
    };
    const lo = p.lo[i], hi = p.hi[i];
    const bp = new Set<number>([lo, hi]);
    for (const s of p.slots) {
      if (s.kind === 'abs') bp.add(s.c[i]);
      if (s.kind === 'pwl') for (const x of kinks(s.pieces[i])) bp.add(x);
    }
    const pts = [...bp].filter((x) => x >= lo && x <= hi).sort((a, b) => a - b);
    const cand = [...pts];
    // on each open interval F_i is quadratic, F_i' = A x + B with A = Σ n a (the quadratic slots)
    let A = 0;
    p.slots.forEach((s, k) => { if (s.kind === 'quadratic') A += n[k] * s.a[i]; });
    if (A > 0) {
      for (let k = 0; k + 1 < pts.length; k++) {
        const mid = 0.5 * (pts[k] + pts[k + 1]);
        const B = coordinateSlopeSum(p, n, i, mid) - A * mid;
        const xs = -B / A;
        if (xs > pts[k] && xs < pts[k + 1]) cand.push(xs);
      }
    }
    let best = Infinity, arg = lo;
    for (const x of cand) { const f = Fi(x); if (f < best) { best = f; arg = x; } }
    value += best;
    argmin.push(arg);
  }
  return { value, lower: value, argmin };
}

function coordinateLoss(s: OnlineProblem['slots'][number], i: number, x: number): number {
  switch (s.kind) {
    case 'linear': return s.g[i] * x;
    case 'quadratic': return 0.5 * s.a[i] * (x - s.c[i]) ** 2;
    case 'abs': return s.w[i] * Math.abs(x - s.c[i]);
    case 'pwl': { let f = -Infinity; for (const [a, b] of s.pieces[i]) f = Math.max(f, a * x + b); return f; }
    case 'logistic': throw new Error('coordinateLoss: logistic losses are not separable');
  }
}

/** Σ n_s ∂ᵢf_s at a point where every slot is differentiable in coordinate i */
function coordinateSlopeSum(p: OnlineProblem, n: number[], i: number, x: number): number {
  const pt = new Float64Array(p.dim), g = new Float64Array(p.dim);
  pt[i] = x;
  let s = 0;
  p.slots.forEach((slot, k) => {
    if (n[k] === 0) return;
    if (slot.kind === 'linear' || slot.kind === 'quadratic' || slot.kind === 'abs' || slot.kind === 'pwl') {
      lossGradient(slot, pt, g);
      s += n[k] * g[i];
    }
  });
  return s;
}

function logisticMinimum(p: OnlineProblem, n: number[], warm?: number[]): Comparator {
  const d = p.dim;
  const F = (x: ArrayLike<number>) => { let f = 0; p.slots.forEach((s, k) => { if (n[k] > 0) f += n[k] * lossValue(s, x); }); return f; };
  // scratch: one slot's gradient, and the full gradient of the gap certificate (reused by every call)
  const g = new Float64Array(d), gz = new Float64Array(d);
  const grad = (x: ArrayLike<number>, out: Float64Array) => {
    out.fill(0);
    p.slots.forEach((s, k) => { if (n[k] > 0) { lossGradient(s, x, g); for (let i = 0; i < d; i++) out[i] += n[k] * g[i]; } });
  };
  let L = 0;
  p.slots.forEach((s, k) => { if (s.kind === 'logistic') L += (n[k] * s.z.reduce((a, z) => a + z * z, 0)) / 4; });
  const clip = (v: number, i: number) => Math.min(p.hi[i], Math.max(p.lo[i], v));
  const x = Float64Array.from(warm ?? p.start, clip);
  if (L > 0) {
    const y = Float64Array.from(x);
    let tk = 1;
    const gy = new Float64Array(d), xn = new Float64Array(d);
    for (let it = 0, cap = warm ? MAX_FISTA_WARM : MAX_FISTA_COLD; it < cap; it++) {
      grad(y, gy);
      for (let i = 0; i < d; i++) xn[i] = clip(y[i] - gy[i] / L, i);
      const tn = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
      for (let i = 0; i < d; i++) y[i] = xn[i] + ((tk - 1) / tn) * (xn[i] - x[i]);
      x.set(xn);
      tk = tn;
      if (it % 50 === 49 && gap(x) <= 1e-10 * Math.max(1, Math.abs(F(x)))) break;
    }
  }
  function gap(z: Float64Array): number {
    grad(z, gz);
    let s = 0;
    for (let i = 0; i < d; i++) s += Math.max(gz[i] * (z[i] - p.lo[i]), gz[i] * (z[i] - p.hi[i]), 0);
    return s;
  }
  const value = F(x);
  return { value, lower: value - gap(x), argmin: Array.from(x) };
}
