/**
 * Convergence order of the integrators, in the style of DiffEqDevTools: the same Brownian paths at every
 * step size (coarse increments are sums of fine ones), errors against the exact solution, and the order
 * fitted as the slope of log(error) against log(dt).
 *
 * Null hypothesis of each test: the scheme has its textbook order (Kloeden & Platen 1992): Euler–Maruyama
 * strong ½, weak 1; Milstein strong 1, weak 1. Acceptance: fitted slope within ±0.2 of it (the issue's
 * tolerance), with fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import { integratePath1D, eulerMaruyama1D, milstein1D, INTEGRATOR_TABLE, type ScalarStep } from '../../src/dynamics/integrators.js';

// the orders the integrator table states (and the compiler and kernels read); each test measures one
const EM = INTEGRATOR_TABLE['euler-maruyama'], MIL = INTEGRATOR_TABLE.milstein;
import type { ScalarSDE } from '../../src/dynamics/models.js';
import { makeStream } from '../../src/rng/stream.js';
import { fitLine } from '../helpers.js';

// Geometric Brownian motion dX = μX dt + σX dW, exact X_T = X₀ exp((μ − σ²/2)T + σW_T).
const mu = 1.01, sigma = 0.87, x0 = 0.5, T = 1;
function gbm(): ScalarSDE {
  // 𝒟 = σ²x²/2, 𝒟' = σ²x
  return { dim: 1, a: 0, d: 0, dd: 0, eval(x) { this.a = mu * x; this.d = 0.5 * sigma * sigma * x * x; this.dd = sigma * sigma * x; } };
}
// Ornstein–Uhlenbeck dX = −θX dt + s dW (additive noise: EM and Milstein coincide, strong order 1).
const theta = 2, s = 0.5;
function ou(): ScalarSDE {
  return { dim: 1, a: 0, d: 0.5 * s * s, dd: 0, eval(x) { this.a = -theta * x; } };
}

const FINE = 2 ** 10;
const LEVELS = [4, 5, 6, 7, 8]; // dt = T/2^k

/** For M paths: error statistics at each level, from one fine Brownian path per sample. */
function errors(make: () => ScalarSDE, step: ScalarStep, exact: (W: number, dWfine: Float64Array) => number, M: number, seed: number) {
  const sde = make();
  const stream = makeStream(seed, 'order-test');
  const dtFine = T / FINE;
  const strong = LEVELS.map(() => 0), weak = LEVELS.map(() => 0);
  const dW = new Float64Array(FINE);
  for (let m = 0; m < M; m++) {
    stream.seek(m, 0);
    let W = 0;
    for (let k = 0; k < FINE; k++) { dW[k] = Math.sqrt(dtFine) * stream.nextNormal(); W += dW[k]; }
    const xT = exact(W, dW);
    LEVELS.forEach((lev, li) => {
      const n = 2 ** lev, r = FINE / n;
      const coarse = new Float64Array(n);
      for (let k = 0; k < n; k++) { let sum = 0; for (let j = 0; j < r; j++) sum += dW[k * r + j]; coarse[k] = sum; }
      const path = integratePath1D(sde, step, x0, T / n, coarse);
      const e = path[n] - xT;
      strong[li] += Math.abs(e) / M;
      weak[li] += e / M; // E[X_N] − E[X(T)] estimated on paired paths
    });
  }
  return { strong, weak };
}

const logdt = LEVELS.map((k) => Math.log(T / 2 ** k));
const gbmExact = (W: number) => x0 * Math.exp((mu - 0.5 * sigma * sigma) * T + sigma * W);
/** exact OU solution on the same path: X_T = x₀e^{−θT} + s∫e^{−θ(T−u)}dW_u, the integral summed on the fine grid (error O(dtFine)) */
const ouExact = (_W: number, dW: Float64Array) => {
  const h = T / FINE;
  let I = 0;
  // exact for piecewise-constant integrand e^{−θ(T−u)} averaged over each fine step
  for (let k = 0; k < FINE; k++) I += Math.exp(-theta * (T - (k + 0.5) * h)) * dW[k];
  return x0 * Math.exp(-theta * T) + s * I;
};

describe('strong and weak order', () => {
  const M = 4000;
  const em = errors(gbm, eulerMaruyama1D, gbmExact, M, 11);
  const mil = errors(gbm, milstein1D, gbmExact, M, 11);

  it('Euler–Maruyama on GBM: strong order ½', () => {
    const f = fitLine(logdt, em.strong.map(Math.log));
    console.log(`EM strong order (GBM) = ${f.slope.toFixed(3)} ± ${f.se.toFixed(3)}; errors ${em.strong.map((e) => e.toExponential(2)).join(' ')}`);
    expect(Math.abs(f.slope - EM.strongOrder)).toBeLessThan(0.2);
  });

  it('Milstein on GBM: strong order 1', () => {
    const f = fitLine(logdt, mil.strong.map(Math.log));
    console.log(`Milstein strong order (GBM) = ${f.slope.toFixed(3)} ± ${f.se.toFixed(3)}`);
    expect(Math.abs(f.slope - MIL.strongOrder)).toBeLessThan(0.2);
  });

  it('Euler–Maruyama on GBM: weak order 1 (E[X_T])', () => {
    // Here the EM weak error is known exactly: E[X_N] = x₀(1+μdt)^N, so the Monte Carlo estimate is checked
    // against it too; the fitted order uses the paired estimates.
    const f = fitLine(logdt, em.weak.map((e) => Math.log(Math.abs(e))));
    const exactBias = LEVELS.map((k) => x0 * (1 + mu / 2 ** k) ** (2 ** k) - x0 * Math.exp(mu * T));
    console.log(`EM weak order (GBM) = ${f.slope.toFixed(3)}; bias MC ${em.weak.map((e) => e.toExponential(2)).join(' ')} exact ${exactBias.map((e) => e.toExponential(2)).join(' ')}`);
    expect(Math.abs(f.slope - EM.weakOrder)).toBeLessThan(0.2);
  });

  it('Milstein on GBM: weak order 1', () => {
    const f = fitLine(logdt, mil.weak.map((e) => Math.log(Math.abs(e))));
    console.log(`Milstein weak order (GBM) = ${f.slope.toFixed(3)}`);
    expect(Math.abs(f.slope - MIL.weakOrder)).toBeLessThan(0.2);
  });

  it('Euler–Maruyama on Ornstein–Uhlenbeck (additive noise): strong order 1', () => {
    const e = errors(ou, eulerMaruyama1D, ouExact, 2000, 12);
    const f = fitLine(logdt, e.strong.map(Math.log));
    console.log(`EM strong order (OU) = ${f.slope.toFixed(3)} ± ${f.se.toFixed(3)}`);
    expect(Math.abs(f.slope - 1)).toBeLessThan(0.2);
  });
});
