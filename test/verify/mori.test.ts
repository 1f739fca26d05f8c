/**
 * The mori-power-law scenario (src/verify/claims/escape.ts; docs/claims.md): the user-facing example is the claim's
 * c = 4 scenario, and the reflecting wall at the minimum x = 0 adds no discretisation error.
 *
 * Why the wall is exact: the drift A = −η·h·x is odd and 𝒟 = η/(2B)·2(L* + h x²/2)h is even, so 𝒟′ is odd and both
 * one-step rules satisfy step(−x, −ΔW) = −step(x, ΔW). ΔW is symmetric, hence the mirrored chain X_{n+1} =
 * |step(X_n, ΔW)| has the law of |Y_n| for the free chain Y on the whole line, whose exit through ±x_c is the
 * exit the quadrature computes with a reflecting boundary at 0. The tests check that oddness on the compiled model.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileScenario } from '../../src/scenario/compile.js';
import { eulerMaruyama1D, milstein1D } from '../../src/dynamics/integrators.js';
import { moriScenario } from '../../src/verify/claims/escape.js';

const example = JSON.parse(readFileSync('examples/mori-linear-regression.json', 'utf8'));

describe('mori-power-law scenario', () => {
  it('examples/mori-linear-regression.json is the claim\'s scenario at c = 4', () => {
    const claim = moriScenario(4);
    for (const key of ['landscape', 'start', 'exit', 'reflect', 'dynamics'] as const) expect(example[key], key).toEqual(claim[key]);
    expect(example.simulation.dt).toBe(claim.simulation.dt);
    expect(example.simulation.integrator).toBe(claim.simulation.integrator);
  });

  it('both one-step rules are odd, step(−x, −ΔW) = −step(x, ΔW), so mirroring at x = 0 is exact', () => {
    const sde = compileScenario(example, { trajectories: 1 }).model!.scalar();
    const dt = example.simulation.dt;
    fc.assert(fc.property(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: -0.2, max: 0.2, noNaN: true }), (x, dW) => {
      for (const step of [milstein1D, eulerMaruyama1D]) {
        const plus = step(sde, x, dt, dW), minus = step(sde, -x, dt, -dW);
        expect(Math.abs(plus + minus)).toBeLessThanOrEqual(1e-14 * (1 + Math.abs(plus)));
      }
    }), { seed: 11, numRuns: 500 });
  });

  it('the oddness is a property of this scenario, not of the test: an asymmetric landscape breaks it', () => {
    const tilted = { ...example, landscape: { ...example.landscape, expr: 'L0 + h*x^2/2 + 0.1*x^3' } };
    const sde = compileScenario(tilted, { trajectories: 1 }).model!.scalar();
    expect(Math.abs(milstein1D(sde, 0.5, 1e-3, 0.01) + milstein1D(sde, -0.5, 1e-3, -0.01))).toBeGreaterThan(1e-6);
  });
});
