/**
 * The exact mean first-passage time (MFPT) problem of a 1-D Itô diffusion
 *
 *     dX = A(X) dt + √(2𝒟(X)) dW,
 *
 * started at x₀, reflected at r, absorbed at e (r < x₀ < e, or the mirror image e < x₀ < r).
 *
 * Gardiner, Handbook of Stochastic Methods, §5.2.7 (sources.md §4.2, §7), with B = 2𝒟:
 *
 *     T(x₀) = ∫_{x₀}^{e} dy e^{Φ(y)} ∫_{r}^{y} e^{−Φ(z)} / 𝒟(z) dz,     Φ(x) = −∫_r^x A/𝒟,
 *
 * i.e. ψ = e^{−Φ}; Φ is the "potential" (Φ' = L'/𝒟 for A = −L'). Realistic barriers make e^{±Φ} span
 * hundreds of orders of magnitude, so route 1 works in log space.
 *
 * Two independent routes compute T:
 *  - route 1 (`gardiner.ts`: `exactMFPT1D`, `mfptProfile1D`): the double integral above by composite
 *    Gauss–Legendre panels in log space;
 *  - route 2 (`backward-ode.ts`: `mfptBackwardODE`): the backward Kolmogorov equation 𝒟T'' + AT' = −1 by
 *    RK4 shooting + Richardson extrapolation. It shares no numerical code with route 1.
 * This file holds the problem types and the input checks both routes use.
 */

export interface Diffusion1D {
  /** Itô drift A(x) */
  drift(x: number): number;
  /** diffusion coefficient 𝒟(x) > 0 (noise amplitude √(2𝒟)) */
  diffusion(x: number): number;
  /** points where A or 𝒟 have kinks or jumps (e.g. zeros of L'' for 𝒟 ∝ |L''| + floor) */
  breakpoints?: number[];
}

export interface Interval1D {
  /** start x₀, strictly between reflect and exit */
  start: number;
  /** absorbing exit e (finite) */
  exit: number;
  /** reflecting wall r; ±Infinity (on the side opposite the exit) for a natural boundary */
  reflect: number;
}

export function checkModel(model: Diffusion1D, who: string): void {
  if (!model || typeof model.drift !== 'function' || typeof model.diffusion !== 'function')
    throw new TypeError(`${who}: model must provide drift(x) and diffusion(x)`);
}

export function checkTol(relTol: number, who: string): void {
  if (!(relTol > 0 && relTol < 1)) throw new RangeError(`${who}: relTol must be in (0, 1), got ${relTol}`);
}

/** A(x) and 𝒟(x) of the model, refusing a 𝒟 that is not finite and > 0 or an A that is not finite (both routes). */
export function checkedCoefficients(model: Diffusion1D, x: number, who: string): [number, number] {
  const D = model.diffusion(x);
  if (!(D > 0) || !Number.isFinite(D))
    throw new Error(`${who}: diffusion 𝒟(x) must be finite and > 0 on the interval; got 𝒟(${x}) = ${D}`);
  const A = model.drift(x);
  if (!Number.isFinite(A)) throw new Error(`${who}: drift A(x) must be finite; got A(${x}) = ${A}`);
  return [A, D];
}
