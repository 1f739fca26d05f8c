/**
 * Closed forms of the escape exponent on quadratic pieces and the selectivity exponent k
 * (sources.md §1.4 table, §7; proof: proofs/selectivity-exponent.md).
 *
 * Near critical points the quasi-static second moment is v ≈ C/B = H/B (Hessian noise), and the models of
 * design.md §3 are members of the family P = v^{−p}: sgd p = 0, adam p = ½, padam p, invadam p = −½,
 * power p; adamomentum is adam with v scaled by a = (1−β1)/(1+β1). With 𝒟 = (η/2)P²H/B, on a quadratic
 * piece of height ΔL and curvature H,
 *
 *     ΔΦ = ∫ P L'/𝒟 = (2/η)·B^{1−p}·H^{p−1}·ΔL,
 *
 * and over a well (curvature H_a, share s of the barrier) plus a cap (|H_b|, share 1 − s)
 *
 *     ΔΦ = (2/η)·B^{1−p}·ΔL·[s·H_a^{p−1} + (1 − s)·|H_b|^{p−1}]   (× √a for adamomentum).
 *
 * So log τ ∝ (B/H)^{1−p}: the selectivity exponent is k = 1 − p. White noise (C = σ²) removes H from
 * the exponent (k = 0); Langevin has ΔΦ = ΔL/T (k = 0).
 */
import { MODEL_DEFAULTS, type ModelSpec } from '../dynamics/models.js';

export interface Selectivity {
  /** p of P = v^{−p} near critical points (null for langevin) */
  p: number | null;
  /** k in log τ ∝ H_a^{−k} (s = 1), or null when the noise model gives no power law */
  k: number | null;
  note: string;
}

/** The exponent p with P ≈ v^{−p} near critical points (ε → 0), or null for langevin. */
export function preconditionerExponent(spec: ModelSpec): number | null {
  switch (spec.model) {
    case 'langevin': return null;
    case 'sgd': return 0;
    case 'adam': case 'adamomentum': return 0.5;
    case 'invadam': return -0.5;
    case 'padam': case 'power': return spec.p!;
  }
}

export function selectivity(spec: ModelSpec): Selectivity {
  const p = preconditionerExponent(spec);
  if (spec.model === 'langevin') return { p, k: 0, note: 'constant temperature: H enters only the prefactor (ΔΦ = ΔL/T)' };
  switch (spec.noise.kind) {
    case 'hessian':
      return { p, k: 1 - p!, note: 'C ≈ H near critical points: log τ ∝ (B/H)^{1−p}·ΔL/η (sources.md §7)' };
    case 'white':
      return { p, k: 0, note: 'white noise: v = σ²/B is constant, so H enters only the prefactor' };
    default:
      return { p, k: null, note: 'expression noise: no closed-form selectivity' };
  }
}

export interface QuadraticPieces {
  /** p of P = v^{−p} */
  p: number;
  lr: number;
  batch: number;
  /** barrier ΔL */
  dL: number;
  /** curvature at the minimum H_a > 0 and |H_b| at the barrier top */
  Ha: number;
  Hb: number;
  /** share of the barrier climbed in the well piece, s ∈ [0, 1] (Xie et al.'s s-split) */
  s: number;
  /** momentum scaling √((1−β1)/(1+β1)) of AdaMomentum (1 otherwise) */
  momentumFactor?: number;
}

/** ΔΦ = (2/η)·B^{1−p}·ΔL·[s·H_a^{p−1} + (1−s)·|H_b|^{p−1}]·(momentumFactor) */
export function quadraticPiecesExponent(q: QuadraticPieces): number {
  const { p, lr, batch, dL, Ha, Hb, s } = q;
  if (!(s >= 0 && s <= 1)) throw new RangeError(`quadraticPiecesExponent: s must lie in [0, 1], got ${s}`);
  if (!(Ha > 0 && Hb > 0 && lr > 0 && batch > 0 && dL > 0)) throw new RangeError('quadraticPiecesExponent: lr, batch, dL, Ha, Hb must be > 0');
  const m = q.momentumFactor ?? 1;
  return (2 / lr) * Math.pow(batch, 1 - p) * dL * (s * Math.pow(Ha, p - 1) + (1 - s) * Math.pow(Hb, p - 1)) * m;
}

/** √((1−β1)/(1+β1)): AdaMomentum's exponent relative to Adam's (sources.md §7) */
export function adamomentumFactor(beta1: number = MODEL_DEFAULTS.beta1): number {
  return Math.sqrt((1 - beta1) / (1 + beta1));
}
