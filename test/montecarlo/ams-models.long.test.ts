/**
 * The rare-event solver on the optimizers' SDE models with Hessian noise (C = |L″| + 1, B = 1) on the well-barrier
 * landscape (H_a = 2, |H_b| = 1, ΔL = ½; start at the minimum, exit x ≥ 2.23, wall x ≤ −2), Milstein, at ΔΦ = 10:
 * the exact MFPT by quadrature (`theory`) against AMS (n = 100, k = 20, R = 20, seed 1).
 *
 * Null hypothesis: AMS is unbiased for the chain and the chain's step bias is small against the interval. Six
 * intervals are checked, so each is a 1 − 0.05/6 interval (Bonferroni: family level 5%), built like the reported
 * 95% one, MFPT·exp(±t·relSE) with t the t_{R−1} quantile.
 * The step: dt = 0.002 for the Itô models. The Hänggi models need dt = 0.0005: their drift carries 𝒟′, which jumps
 * where L″ changes sign (the kink of |L″|), and at dt = 0.002 their chains run 24–25% slow at ΔΦ = 10
 * (docs/rare-events.md, "Optimizer models"; sims/ams-models.mts).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import quantile from '@stdlib/stats-base-dists-t-quantile';
import { compileScenario } from '../../src/scenario/compile.js';
import { theoryOfSystem } from '../../src/theory/scenario.js';
import { solveAms } from '../../src/montecarlo/ams/index.js';

const LR: Record<string, number> = { sgd: 0.05089, adam: 0.07701, invadam: 0.03390 }; // theory's ΔΦ = 10.00 (sims/ams-models.mts)

const scenario = (model: string, convention: string, dt: number) => {
  const sc = JSON.parse(readFileSync(`examples/well-barrier-${model}.json`, 'utf8'));
  sc.dynamics = { ...sc.dynamics, lr: LR[model], convention };
  sc.simulation = { trajectories: 1, dt, maxTime: 1e12, seed: 1, integrator: 'milstein', method: 'ams' };
  return sc;
};

describe('AMS on the optimizer models with Hessian noise, ΔΦ = 10: the interval holds the exact MFPT', () => {
  const cases: [string, string, number][] = [
    ['sgd', 'ito', 0.002], ['adam', 'ito', 0.002], ['invadam', 'ito', 0.002],
    ['sgd', 'hanggi', 0.0005], ['adam', 'hanggi', 0.0005], ['invadam', 'hanggi', 0.0005],
  ];
  for (const [model, convention, dt] of cases) {
    it(`${model} (${convention}), dt = ${dt}`, async () => {
      const p = compileScenario(scenario(model, convention, dt));
      const t = theoryOfSystem(p);
      expect(Math.abs(t.exponent! - 10)).toBeLessThan(0.01);
      const exact = t.mfpt.exact!;
      const o = await solveAms(p);
      const half = quantile(1 - 0.05 / 12, o.runs - 1) * o.mfpt.relSE;
      const [lo, hi] = [o.mfpt.estimate * Math.exp(-half), o.mfpt.estimate * Math.exp(half)];
      console.log(`${model}/${convention} dt = ${dt}: AMS ${o.mfpt.estimate.toPrecision(5)} (95% [${o.mfpt.ci95.map((v) => v.toPrecision(4)).join(', ')}], ` +
        `family [${lo.toPrecision(4)}, ${hi.toPrecision(4)}]), exact ${exact.toPrecision(5)}, ratio ${(o.mfpt.estimate / exact).toFixed(3)}`);
      expect(lo).toBeLessThanOrEqual(exact);
      expect(hi).toBeGreaterThanOrEqual(exact);
    });
  }
});
