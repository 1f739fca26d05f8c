/**
 * Least squares with known errors (Bevington & Robinson 2003, Data Reduction and Error Analysis, ch. 6–7).
 * Weighted line y = a + b·x, wᵢ = 1/σᵢ², S = Σw, Sx = Σwx, Sy = Σwy, Sxx = Σwx², Sxy = Σwxy, D = S·Sxx − Sx²:
 *   b = (S·Sxy − Sx·Sy)/D,  a = (Sxx·Sy − Sx·Sxy)/D,  se(b) = √(S/D),  se(a) = √(Sxx/D),
 *   χ² = Σ((yᵢ − a − b·xᵢ)/σᵢ)² on n − 2 degrees of freedom; 95% intervals ±1.96·se (known σ, no χ² rescaling).
 * Polynomial fits: rows wᵢ·(1, xᵢ, …, xᵢ^deg) of the weighted Vandermonde matrix Ṽ; coefficients by QR least
 * squares (polyfit), or by the normal equations c = (ṼᵀṼ)⁻¹Ṽᵀ(y/σ) with covariance (ṼᵀṼ)⁻¹ (quadraticIntercept).
 */
import { Matrix, solve } from 'ml-matrix';
import { Z95 } from './interval.js';

export interface LinearFit {
  slope: number;
  intercept: number;
  seSlope: number;
  seIntercept: number;
  slopeCI: [number, number];
  interceptCI: [number, number];
  /** χ² of the residuals and its degrees of freedom (n − 2): a check that a line describes the points */
  chi2: number;
  dof: number;
}

/**
 * Weighted least squares y = a + b·x with known standard errors σᵢ (weights 1/σᵢ²); the parameter errors are
 * those of the known σ (no rescaling by χ²), so the 95% intervals are ±1.96·se.
 */
export function weightedLine(x: number[], y: number[], sigma: number[]): LinearFit {
  const n = x.length;
  if (n < 2 || y.length !== n || sigma.length !== n) throw new RangeError(`weightedLine: need ≥ 2 points with x, y, σ of equal length (got ${n}, ${y.length}, ${sigma.length})`);
  let S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
  for (let i = 0; i < n; i++) {
    if (!(sigma[i] > 0) || !Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`weightedLine: point ${i} has x = ${x[i]}, y = ${y[i]}, σ = ${sigma[i]} (need finite x, y and σ > 0)`);
    const w = 1 / sigma[i] ** 2;
    S += w; Sx += w * x[i]; Sy += w * y[i]; Sxx += w * x[i] * x[i]; Sxy += w * x[i] * y[i];
  }
  const D = S * Sxx - Sx * Sx;
  if (!(D > 0)) throw new RangeError('weightedLine: the x values do not vary');
  const slope = (S * Sxy - Sx * Sy) / D, intercept = (Sxx * Sy - Sx * Sxy) / D;
  const seSlope = Math.sqrt(S / D), seIntercept = Math.sqrt(Sxx / D);
  let chi2 = 0;
  for (let i = 0; i < n; i++) chi2 += ((y[i] - intercept - slope * x[i]) / sigma[i]) ** 2;
  return {
    slope, intercept, seSlope, seIntercept,
    slopeCI: [slope - Z95 * seSlope, slope + Z95 * seSlope],
    interceptCI: [intercept - Z95 * seIntercept, intercept + Z95 * seIntercept],
    chi2, dof: n - 2,
  };
}

/**
 * Least-squares polynomial coefficients [c₀, c₁, …] of degree deg (ml-matrix's QR least squares on the
 * Vandermonde matrix), weighted by 1/σᵢ² when σ is given (rows divided by σᵢ).
 */
export function polyfit(x: number[], y: number[], deg: number, sigma?: number[]): number[] {
  if (x.length < deg + 1 || y.length !== x.length || (sigma && sigma.length !== x.length)) throw new RangeError(`polyfit: need ≥ ${deg + 1} points with x, y (and σ) of equal length (got ${x.length}, ${y.length}${sigma ? `, ${sigma.length}` : ''})`);
  const w = x.map((_, i) => 1 / (sigma ? sigma[i] : 1));
  return solve(weightedVandermonde(x, deg, w), Matrix.columnVector(y.map((yi, i) => w[i] * yi))).to1DArray();
}

/** rows w_i·(1, x_i, …, x_i^deg): the design matrix of a weighted polynomial fit */
function weightedVandermonde(x: number[], deg: number, w: number[]): Matrix {
  return new Matrix(x.map((xi, i) => Array.from({ length: deg + 1 }, (_, k) => w[i] * xi ** k)));
}

/**
 * The intercept c₀ of a weighted quadratic fit with its standard error (known σ, as in weightedLine): the
 * rival extrapolation model of a line, for the model error of an extrapolation to x = 0.
 */
export function quadraticIntercept(x: number[], y: number[], sigma: number[]): { intercept: number; se: number; ci95: [number, number] } {
  if (x.length < 3 || y.length !== x.length || sigma.length !== x.length) throw new RangeError(`quadraticIntercept: need ≥ 3 points with x, y and σ of equal length (got ${x.length}, ${y.length}, ${sigma.length})`);
  // normal equations with Ṽ the σ-weighted design: c = (ṼᵀṼ)⁻¹Ṽᵀ(y/σ), and (ṼᵀṼ)⁻¹ is c's covariance
  const V = weightedVandermonde(x, 2, sigma.map((s) => 1 / s));
  const cov = solve(V.transpose().mmul(V), Matrix.eye(3));
  const c = cov.mmul(V.transpose()).mmul(Matrix.columnVector(y.map((yi, i) => yi / sigma[i]))).to1DArray();
  const se = Math.sqrt(cov.get(0, 0));
  return { intercept: c[0], se, ci95: [c[0] - Z95 * se, c[0] + Z95 * se] };
}
