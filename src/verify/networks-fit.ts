/**
 * The fits and decision rules of the network claims (verify/claims/networks*.ts; docs/claims.md, "Real networks"),
 * as pure functions of numbers, so that each can be tested on inputs whose answer is known:
 *   scaledLine        weighted line with known errors, the slope's error scaled by the Birge ratio √(χ²/dof) when the
 *                     points scatter more than their errors say (then a Student t interval), as stats/selectivity.ts
 *   logLogSlope       the slope of ln y on ln x (σ(ln y) = se(y)/y): proportionality y ∝ x is slope 1
 *   quadraticTerm     the coefficient c₂ of a weighted quadratic y = c₀ + c₁x + c₂x² with its error (linearity: c₂ = 0)
 *   lawComparison     ln τ against 1/h (the exponential law τ ∝ e^{b/h}) and against ln h (the polynomial τ ∝ h^{−m}),
 *                     each a weighted line, and which one the data favour by χ² (the same number of parameters:
 *                     Δχ² is the log-likelihood ratio ×2 of two Gaussian models)
 *   subspaceOverlap   (1/k)‖UᵀV‖²_F of two k-dimensional orthonormal bases: 1 for the same subspace, k/d by chance
 *   orderingTests     one-sided z tests of k_a − k_b > 0 with Holm's step-down over the family of orderings
 *   signDecision      a slope's sign from its CI (positive / negative / undecided)
 *   relativeCurvature linearity as the relative change of the slope across the range, from c₂
 */
import { Matrix, solve } from 'ml-matrix';
import normalCdfWith from '@stdlib/stats-base-dists-normal-cdf';
import { birgeScaled, holm, weightedLine } from '../stats/index.js';
import type { Verdict } from './claim.js';

export interface LineFit {
  slope: number;
  intercept: number;
  /** the slope's standard error (Birge-scaled when χ²/dof > 1) */
  se: number;
  ci95: [number, number];
  chi2: number;
  dof: number;
  /** whether the Birge ratio scaled the error */
  scaled: boolean;
}

/** y = a + b·x by weighted least squares with known σ; b's error scaled by √(χ²/dof) when that exceeds 1 (t interval on dof) */
export function scaledLine(x: number[], y: number[], sigma: number[]): LineFit {
  const f = weightedLine(x, y, sigma);
  const { se, q } = birgeScaled(f.seSlope, f.chi2, f.dof);
  return { slope: f.slope, intercept: f.intercept, se, ci95: [f.slope - q * se, f.slope + q * se], chi2: f.chi2, dof: f.dof, scaled: se !== f.seSlope };
}

/** the slope of ln y on ln x, with σ(ln yᵢ) = se(yᵢ)/yᵢ (every y > 0, x > 0) */
export function logLogSlope(x: number[], y: number[], seY: number[]): LineFit {
  if (x.some((v) => !(v > 0)) || y.some((v) => !(v > 0))) throw new RangeError('logLogSlope: every x and y must be > 0');
  return scaledLine(x.map(Math.log), y.map(Math.log), y.map((v, i) => seY[i] / v));
}

/** c₂ of y = c₀ + c₁x + c₂x² by weighted least squares with known σ (normal equations; (ṼᵀṼ)⁻¹ is the covariance) */
export function quadraticTerm(x: number[], y: number[], sigma: number[]): { c2: number; se: number; ci95: [number, number]; z: number } {
  if (x.length < 3 || y.length !== x.length || sigma.length !== x.length) throw new RangeError(`quadraticTerm: need ≥ 3 points with x, y and σ of equal length (got ${x.length}, ${y.length}, ${sigma.length})`);
  // centre and scale x so that the normal equations stay well conditioned; c₂ is rescaled back
  const m = x.reduce((a, b) => a + b, 0) / x.length, s = Math.max(...x.map((v) => Math.abs(v - m))) || 1;
  const u = x.map((v) => (v - m) / s);
  const V = new Matrix(u.map((ui, i) => [1, ui, ui * ui].map((t) => t / sigma[i])));
  const cov = solve(V.transpose().mmul(V), Matrix.eye(3));
  const c = cov.mmul(V.transpose()).mmul(Matrix.columnVector(y.map((yi, i) => yi / sigma[i]))).to1DArray();
  const c2 = c[2] / (s * s), se = Math.sqrt(cov.get(2, 2)) / (s * s);
  return { c2, se, ci95: [c2 - 1.959963984540054 * se, c2 + 1.959963984540054 * se], z: c2 / se };
}

export interface LawComparison {
  /** ln τ = a + b/h: the exponential law (b > 0) */
  exponential: LineFit;
  /** ln τ = a − m·ln h: the polynomial alternative τ ∝ h^{−m} (m = −slope) */
  polynomial: LineFit;
  /** χ²_polynomial − χ²_exponential (both on n − 2 degrees of freedom): > 0 favours the exponential law */
  deltaChi2: number;
  /** the likelihood ratio exp(Δχ²/2) of the exponential against the polynomial law */
  likelihoodRatio: number;
  /** which law the data favour: by Δχ² beyond ±4 (a likelihood ratio beyond e² ≈ 7.4), else neither */
  favoured: 'exponential' | 'polynomial' | 'neither';
}

/** Δχ² beyond which one law is favoured: a likelihood ratio of e² ≈ 7.4 (two models with as many parameters) */
export const LAW_DELTA_CHI2 = 4;

/** the two laws fitted to ln τ at sharpness h (one point per h, errors se of ln τ) */
export function lawComparison(h: number[], lnTau: number[], se: number[]): LawComparison {
  if (new Set(h).size < 3) throw new RangeError(`lawComparison: need ≥ 3 distinct sharpness values to tell the two laws apart (got ${new Set(h).size})`);
  const exponential = scaledLine(h.map((v) => 1 / v), lnTau, se);
  const polynomial = scaledLine(h.map(Math.log), lnTau, se);
  const deltaChi2 = polynomial.chi2 - exponential.chi2;
  const favoured = deltaChi2 > LAW_DELTA_CHI2 ? 'exponential' : deltaChi2 < -LAW_DELTA_CHI2 ? 'polynomial' : 'neither';
  return { exponential, polynomial, deltaChi2, likelihoodRatio: Math.exp(Math.min(700, deltaChi2 / 2)), favoured };
}

/** (1/k)·Σᵢⱼ (uᵢ·vⱼ)² of two orthonormal k-bases of ℝᵈ: 1 when they span the same subspace, k/d on average by chance */
export function subspaceOverlap(U: ArrayLike<number>[], V: ArrayLike<number>[]): number {
  const k = U.length;
  if (k === 0 || V.length !== k) throw new RangeError(`subspaceOverlap: need two bases of the same size k ≥ 1 (got ${U.length}, ${V.length})`);
  let s = 0;
  for (const u of U) for (const v of V) {
    let d = 0;
    for (let r = 0; r < u.length; r++) d += u[r] * v[r];
    s += d * d;
  }
  return s / k;
}

/** percentile interval (type 7 quantiles) of bootstrap replicates */
export function percentileInterval(values: number[], level = 0.95): [number, number] {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length < 2) throw new RangeError('percentileInterval: need ≥ 2 finite replicates');
  const q = (p: number) => {
    const h = (s.length - 1) * p, lo = Math.floor(h), hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  };
  return [q((1 - level) / 2), q((1 + level) / 2)];
}

export interface OrderingTest {
  /** "invadam > sgd" */
  name: string;
  /** k_a − k_b */
  difference: number;
  se: number;
  z: number;
  /** one-sided p of H₀: k_a ≤ k_b */
  p: number;
  /** Holm's decision over the orderings at family level α */
  rejected: boolean;
  adjusted: number;
  /** the other side: the data say k_a < k_b (one-sided p of H₀: k_a ≥ k_b, Holm over the same family) */
  reversed: boolean;
}

/**
 * One-sided tests of the orderings k_a > k_b (independent estimates: se² = se_a² + se_b²), Holm's step-down over the
 * family at level α; `reversed` runs the same family the other way (the data place k_a below k_b).
 */
export function orderingTests(ks: Record<string, { value: number; se: number }>, pairs: [string, string][], alpha = 0.05): OrderingTest[] {
  const rows = pairs.map(([a, b]) => {
    const ka = ks[a], kb = ks[b];
    if (!ka || !kb) throw new RangeError(`orderingTests: no exponent for '${!ka ? a : b}'`);
    const difference = ka.value - kb.value, se = Math.hypot(ka.se, kb.se), z = difference / se;
    return { name: `${a} > ${b}`, difference, se, z, p: normalCdfWith(-z, 0, 1), q: normalCdfWith(z, 0, 1) };
  });
  const up = holm(rows.map((r) => r.p), alpha), down = holm(rows.map((r) => r.q), alpha);
  return rows.map(({ q: _q, ...r }, i) => ({ ...r, rejected: up[i].rejected, adjusted: up[i].adjusted, reversed: down[i].rejected }));
}

/** a slope's sign from its 95% CI: the claim asks for a positive one */
export function signDecision(label: string, f: { slope: number; ci95: [number, number] }): { verdict: Verdict; rule: string } {
  const c = `${f.slope.toPrecision(4)} [${f.ci95[0].toPrecision(4)}, ${f.ci95[1].toPrecision(4)}]`;
  if (f.ci95[0] > 0) return { verdict: 'CONFIRMED', rule: `${label} ${c}: the 95% CI lies above 0 → CONFIRMED` };
  if (f.ci95[1] < 0) return { verdict: 'REFUTED', rule: `${label} ${c}: the 95% CI lies below 0 → REFUTED` };
  return { verdict: 'INCONCLUSIVE', rule: `${label} ${c}: the 95% CI holds 0 → INCONCLUSIVE` };
}

/**
 * Linearity from the quadratic term, as the relative change of the slope across the measured range,
 * ρ = 2c₂·(x_max − x_min)/b (b the line's slope; 0 for a line), with its error from c₂'s (b's own error neglected):
 * the claims compare it with 0 as a member of the run's Holm family (verify/family.ts), so curvature REFUTES only when
 * the family-wise rule rejects ρ = 0, and linearity is CONFIRMED only when ρ's CI lies within the claim's precision.
 */
export function relativeCurvature(q: { c2: number; se: number }, slope: number, span: number): { rho: number; se: number; ci95: [number, number]; z: number } {
  const f = (2 * span) / slope, rho = q.c2 * f, se = Math.abs(q.se * f);
  return { rho, se, ci95: [rho - 1.959963984540054 * se, rho + 1.959963984540054 * se], z: rho / se };
}
