/**
 * The online algorithms of src/convergence against independent routes:
 *  - with a constant step, a constant β1 and a box too large to be reached, online adam / invadam / dualadam
 *    are the code forms of src/optimizers (PyTorch rules) step for step, to round-off;
 *  - AMSGrad (Reddi et al. Algorithm 2) reproduces the iterates printed by Phuong & Phong (2019, Example 3.2)
 *    on Reddi's problem f_t = 1010x (t mod 101 = 1), −10x otherwise;
 *  - AdaMomentum's online form follows its rule written out here;
 *  - Reddi's counterexample: Adam (β1 = 0, β2 = 1/(1+C²)) ends at x = +1 with average regret → 2(C−2)/3,
 *    AMSGrad on the same problem ends at the optimum x = −1;
 *  - its mirror image for InvAdam (found by the search, written out here): with a small β2, v̂ ≈ g_t², so InvAdam's
 *    step is α_t·g_t|g_t| and its fixed point solves Σ_s g_s|g_s| = 0 instead of Σ_s g_s = 0. On
 *    f_t = 3x, −1.6x, −1.6x (Σg = −0.2 < 0: θ* = +1; Σg|g| = 3.88 > 0) it ends at −1 with R(T)/T → 2·0.2/3.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ONLINE_HYPER, initOnline, onlineStep, type OnlineAlgorithm, type OnlineHyper } from '../../src/convergence/algorithms.js';
import { lossGradient, type OnlineProblem } from '../../src/convergence/problems.js';
import { runOnline } from '../../src/convergence/run.js';
import { createOptimizer } from '../../src/optimizers/index.js';

const reddi = (C: number, T: number): OnlineProblem => ({
  dim: 1, lo: [-1], hi: [1], start: [0], horizon: T,
  slots: [{ kind: 'linear', g: [C] }, { kind: 'linear', g: [-1] }, { kind: 'linear', g: [-1] }],
});

describe('online forms = code forms where they coincide (fast-check, 100 gradient sequences each)', () => {
  const cases: Array<[OnlineAlgorithm, string, Record<string, number>]> = [
    ['adam', 'adam', {}], ['invadam', 'invadam', {}], ['dualadam', 'dualadam', { switchRate: 0.05 }],
  ];
  for (const [alg, opt, extra] of cases) {
    it(`${alg}: constant α and β1, unreachable box → the iterates of createOptimizer('${opt}')`, () => {
      fc.assert(fc.property(
        fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        (gs, b1, b2) => {
          const h: OnlineHyper = { ...DEFAULT_ONLINE_HYPER, alpha: 1e-3, beta1: b1, beta2: b2, eps: 1e-8, beta1Schedule: 'constant', stepSchedule: 'constant', xi: extra.switchRate ?? 0.01 };
          const p: OnlineProblem = { dim: 3, lo: [-1e9, -1e9, -1e9], hi: [1e9, 1e9, 1e9], start: [0.1, -0.2, 0.3], horizon: gs.length, slots: [{ kind: 'linear', g: [0, 0, 0] }] };
          const s = initOnline(p);
          const o = createOptimizer(opt, { lr: 1e-3, beta1: b1, beta2: b2, eps: 1e-8, ...extra });
          const x = Float64Array.from(p.start), st = o.init(x);
          for (const g of gs) {
            onlineStep(alg, h, p, s, Float64Array.from(g));
            o.step(x, Float64Array.from(g), st);
            // the code forms order their float operations as PyTorch does (lerp, fused step size): round-off only
            for (let i = 0; i < 3; i++) expect(Math.abs(s.x[i] - x[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x[i])));
          }
        }), { numRuns: 100, seed: 21 });
    });
  }
});

describe('AMSGrad, Reddi et al. Algorithm 2', () => {
  it('reproduces Phuong & Phong Example 3.2: x₂ ≈ 0.99684, x₃ ≈ 0.99706 (β1 = 0.9, λ = 0.001, β2 = 0.999, α_t = 0.001/√t, x₁ = 1)', () => {
    const p: OnlineProblem = { dim: 1, lo: [-1], hi: [1], start: [1], horizon: 3, slots: [{ kind: 'linear', g: [1010] }, ...Array.from({ length: 100 }, () => ({ kind: 'linear' as const, g: [-10] }))] };
    const h: OnlineHyper = { ...DEFAULT_ONLINE_HYPER, alpha: 0.001, beta1: 0.9, lambda: 0.001, beta1Schedule: 'exp', beta2: 0.999 };
    const s = initOnline(p), g = new Float64Array(1);
    const xs = [s.x[0]];
    for (let t = 1; t <= 2; t++) { lossGradient(p.slots[t - 1], s.x, g); onlineStep('amsgrad', h, p, s, g); xs.push(s.x[0]); }
    // printed to 5 digits in the restatement: half a unit of the last digit
    expect(Math.abs(xs[1] - 0.99684)).toBeLessThanOrEqual(5e-6);
    expect(Math.abs(xs[2] - 0.99706)).toBeLessThanOrEqual(5e-6);
    // and the written-out first step: x₂ = 1 − 0.001·(0.1·1010)/√(0.001·1010²)
    expect(xs[1]).toBeCloseTo(1 - (0.001 * 101) / Math.sqrt(0.001 * 1010 ** 2), 14);
  });
});

describe('AdaMomentum online form', () => {
  it('follows m = β1,t m + (1−β1,t) g, v = β2 v + (1−β2) m² + ε, x ← clip(x − α_t m/√v) (written out)', () => {
    const h: OnlineHyper = { ...DEFAULT_ONLINE_HYPER, alpha: 0.3, beta1: 0.8, beta2: 0.9, lambda: 0.7, beta1Schedule: 'exp-t', eps: 1e-3 };
    const p: OnlineProblem = { dim: 1, lo: [-2], hi: [2], start: [0.5], horizon: 50, slots: [{ kind: 'quadratic', a: [3], c: [1] }, { kind: 'linear', g: [-2] }] };
    const s = initOnline(p), g = new Float64Array(1);
    let x = 0.5, m = 0, v = 0;
    for (let t = 1; t <= 50; t++) {
      const slot = p.slots[(t - 1) % 2];
      const gi = slot.kind === 'quadratic' ? 3 * (x - 1) : -2;
      lossGradient(slot, s.x, g);
      expect(g[0]).toBeCloseTo(gi, 12);
      onlineStep('adamomentum', h, p, s, g);
      const b1t = 0.8 * 0.7 ** t;
      m = b1t * m + (1 - b1t) * gi;
      v = 0.9 * v + 0.1 * m * m + 1e-3;
      x = Math.min(2, Math.max(-2, x - (0.3 / Math.sqrt(t)) * m / Math.sqrt(v)));
      expect(s.x[0]).toBeCloseTo(x, 12);
    }
  });
});

describe("Reddi et al.'s counterexample (Theorem 1): f_t = Cx once in three rounds, −x otherwise, on [−1, 1]", () => {
  for (const C of [3, 5]) {
    it(`C = ${C}: Adam (β1 = 0, β2 = 1/(1+C²)) ends at +1 with R(T)/T → 2(C−2)/3; AMSGrad ends at −1`, () => {
      const T = 30_000;
      const h: OnlineHyper = { ...DEFAULT_ONLINE_HYPER, alpha: 0.5, beta1: 0, beta2: 1 / (1 + C * C), beta1Schedule: 'constant' };
      const adam = runOnline('adam', h, reddi(C, T));
      const ams = runOnline('amsgrad', h, reddi(C, T));
      const last = adam.horizons[adam.horizons.length - 1];
      const limit = (2 * (C - 2)) / 3;
      console.log(`C = ${C}: Adam x_T = ${adam.final[0].toFixed(4)}, R(T)/T = ${(last.regret / T).toFixed(4)} (limit ${limit.toFixed(4)}); AMSGrad x_T = ${ams.final[0].toFixed(4)}, R(T)/T = ${(ams.horizons[ams.horizons.length - 1].regret / T).toFixed(4)}`);
      expect(adam.final[0]).toBeGreaterThan(0.99);
      // at the fixed point x = +1 a period costs (C − 1 − 1) − (−C + 1 + 1) = 2(C−2) more than θ* = −1;
      // 'linear regret' is asserted as R(T)/T ≥ 90% of that limit
      expect(last.regret / T).toBeGreaterThanOrEqual(0.9 * limit);
      expect(ams.final[0]).toBeLessThan(-0.99);
      expect(ams.horizons[ams.horizons.length - 1].regret / T).toBeLessThan(0.05 * limit);
    });
  }
});

describe('the mirror counterexample for InvAdam: f_t = 3x, −1.6x, −1.6x on [−1, 1]', () => {
  it('InvAdam (β1 = 0, β2 = 0.001) ends at −1 with R(T)/T → 2·0.2/3; Adam ends at the optimum +1, AMSGrad heads there', () => {
    const T = 30_000;
    const p: OnlineProblem = { dim: 1, lo: [-1], hi: [1], start: [0], horizon: T, slots: [{ kind: 'linear', g: [3] }, { kind: 'linear', g: [-1.6] }, { kind: 'linear', g: [-1.6] }] };
    const h: OnlineHyper = { ...DEFAULT_ONLINE_HYPER, alpha: 0.1, beta1: 0, beta2: 0.001, beta1Schedule: 'constant' };
    const inv = runOnline('invadam', h, p), ams = runOnline('amsgrad', h, p), adam = runOnline('adam', h, p);
    const avg = (r: typeof inv) => r.horizons[r.horizons.length - 1].regret / T;
    const limit = (2 * 0.2) / 3;
    console.log(`InvAdam x_T = ${inv.final[0].toFixed(4)}, R(T)/T = ${avg(inv).toFixed(4)} (limit ${limit.toFixed(4)}); AMSGrad x_T = ${ams.final[0].toFixed(4)}; Adam x_T = ${adam.final[0].toFixed(4)}`);
    expect(inv.final[0]).toBeLessThan(-0.99);
    expect(avg(inv)).toBeGreaterThanOrEqual(0.9 * limit);
    // AMSGrad's v̂ = max g² = 9 makes its net drift towards +1 slow (α_t·0.2/9 per period): past the midpoint by T
    expect(ams.final[0]).toBeGreaterThan(0.5);
    expect(adam.final[0]).toBeGreaterThan(0.99);
  });
});
