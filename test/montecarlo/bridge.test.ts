/**
 * First passage with and without the Brownian-bridge correction, on a problem with an exact answer:
 * Brownian motion dX = √(2D) dW, reflecting wall at 0, start x₀ = 0, exit at e, has MFPT T = (e² − x₀²)/(2D).
 * Euler–Maruyama is exact in law on the grid here, so the only error is where passage is checked.
 *
 * Null hypotheses (fixed seed, 95%-CI-based):
 *  - with the bridge, the MC mean exit time is unbiased at every dt: |mean − T| < 4·SE (one-sided z > 4 ⇒ p < 3e-5);
 *  - without it, the bias grows like √dt: the fitted log-log slope of the bias against dt is ½ ± 0.2, and the
 *    bias at each dt agrees with Siegmund's corrected-boundary prediction (e + β·σ√dt with β = −ζ(½)/√(2π) ≈ 0.5826,
 *    Siegmund 1979; Broadie, Glasserman & Kou 1997): bias ≈ (e/D)·β·√(2D·dt), to within 4 SE plus its O(dt) remainder.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { summarize } from '../../src/montecarlo/summary.js';
import { fitLine } from '../helpers.js';

const D = 0.5, e = 1, exact = (e * e) / (2 * D);
const dts = [0.04, 0.01, 0.0025];
const N = 20000;
const BETA = 0.5825971579390106; // −ζ(1/2)/√(2π)

async function mfpt(dt: number, bridge: boolean) {
  const c = compileScenario({
    landscape: { expr: 'mu*x', vars: ['x'], params: { mu: 0 } }, start: [0],
    exit: { var: 'x', above: e }, reflect: { var: 'x', below: 0 },
    dynamics: { model: 'langevin', temperature: D },
    simulation: { trajectories: N, dt, maxTime: 1000, seed: 2024, bridge },
  });
  const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: N }, backend: 'cpu' });
  const s = summarize(c, run.results, run);
  expect(s.censored + s.blowups).toBe(0);
  return s.mfpt!;
}

describe('Brownian-bridge crossing correction', () => {
  it('removes the O(√dt) bias of grid-only passage checks', async () => {
    const rows = [];
    for (const dt of dts) {
      const withB = await mfpt(dt, true), without = await mfpt(dt, false);
      rows.push({ dt, withB, without });
      console.log(`dt=${dt}: exact ${exact}, bridge ${withB.estimate.toFixed(4)} ± ${withB.se.toFixed(4)}, grid-only ${without.estimate.toFixed(4)} ± ${without.se.toFixed(4)} (Siegmund: +${((e / D) * BETA * Math.sqrt(2 * D * dt)).toFixed(4)})`);
      expect(Math.abs(withB.estimate - exact)).toBeLessThan(4 * withB.se);
      const predicted = (e / D) * BETA * Math.sqrt(2 * D * dt);
      // the prediction is the first-order term of T(e + δ) − T(e) = eδ/D + δ²/(2D), δ = β√(2D·dt); the O(dt) remainder
      // is allowed as twice the δ²/(2D) = β²·dt term (the shift expansion has further O(dt) terms of that size)
      expect(Math.abs(without.estimate - exact - predicted)).toBeLessThan(4 * without.se + 2 * BETA ** 2 * dt);
    }
    const fit = fitLine(rows.map((r) => Math.log(r.dt)), rows.map((r) => Math.log(r.without.estimate - exact)));
    console.log(`grid-only bias ∝ dt^${fit.slope.toFixed(3)}`);
    expect(Math.abs(fit.slope - 0.5)).toBeLessThan(0.2);
  });
});
