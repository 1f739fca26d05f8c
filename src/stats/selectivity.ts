/**
 * The prefactor-free selectivity exponent (docs/claims.md, "Selectivity exponents by simulation"): how strongly
 * the mean escape time τ prefers flat minima, from measured ln τ at several curvatures H and noise levels η.
 *   1. Per curvature Hᵢ: ln τ = aᵢ + Sᵢ/η (Kramers: ln τ = ΔΦ + ln prefactor, ΔΦ ∝ 1/η), a weighted line in 1/η
 *      with the standard errors of ln τ; the slope Sᵢ = η·ΔΦ(Hᵢ) carries no prefactor.
 *   2. ln Sᵢ = c − k·ln Hᵢ, a weighted line with σ(ln Sᵢ) = se(Sᵢ)/Sᵢ: the selectivity exponent k (1 for SGD's
 *      B·ΔL/(η·H), ½ for Adam, 0 for white noise; docs/theory.md §4).
 * Each stage's errors are those of the known σ, scaled by the Birge ratio √(χ²/dof) when that exceeds 1 (the
 * points scatter more than their errors say: a line does not describe them exactly); the interval of k is then
 * a Student t interval on the fit's degrees of freedom, else a normal one.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { weightedLine } from './regression.js';
import { Z95 } from './interval.js';

export interface EscapePointData {
  /** the curvature of the minimum */
  h: number;
  eta: number;
  lnTau: number;
  /** standard error of ln τ (the relative standard error of τ) */
  se: number;
}

export interface LineStage {
  value: number;
  se: number;
  chi2: number;
  dof: number;
}

export interface SelectivityFit {
  /** Sᵢ = d ln τ / d(1/η) per curvature, in increasing h */
  slopes: (LineStage & { h: number; points: number })[];
  /** k with its error, 95% interval and the χ² of ln S against ln H */
  k: LineStage & { ci95: [number, number] };
}

/** errors scaled by the Birge ratio when χ²/dof > 1; the quantile for a 95% interval (t on dof then, else normal) */
export function scaled(se: number, chi2: number, dof: number): { se: number; q: number } {
  if (dof >= 1 && chi2 > dof) return { se: se * Math.sqrt(chi2 / dof), q: tQuantile(0.975, dof) };
  return { se, q: Z95 };
}

export function selectivityExponent(points: EscapePointData[]): SelectivityFit {
  const hs = [...new Set(points.map((p) => p.h))].sort((a, b) => a - b);
  if (hs.length < 2) throw new RangeError(`selectivityExponent: need at least 2 curvatures (got ${hs.length})`);
  const slopes = hs.map((h) => {
    const at = points.filter((p) => p.h === h);
    if (new Set(at.map((p) => p.eta)).size < 2) throw new RangeError(`selectivityExponent: curvature ${h} needs at least 2 noise levels η`);
    const f = weightedLine(at.map((p) => 1 / p.eta), at.map((p) => p.lnTau), at.map((p) => p.se));
    if (!(f.slope > 0)) throw new RangeError(`selectivityExponent: at curvature ${h} ln τ does not grow with 1/η (slope ${f.slope})`);
    return { h, points: at.length, value: f.slope, se: scaled(f.seSlope, f.chi2, f.dof).se, chi2: f.chi2, dof: f.dof };
  });
  const g = weightedLine(slopes.map((s) => Math.log(s.h)), slopes.map((s) => Math.log(s.value)), slopes.map((s) => s.se / s.value));
  const { se, q } = scaled(g.seSlope, g.chi2, g.dof);
  const k = -g.slope;
  return { slopes, k: { value: k, se, chi2: g.chi2, dof: g.dof, ci95: [k - q * se, k + q * se] } };
}
