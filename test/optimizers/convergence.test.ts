/**
 * Convergence on deterministic problems where the method should converge (issue 4): a 5-D quadratic with
 * curvatures 0.1 … 10 and the Rosenbrock function from (−1.2, 1). Success means ‖θ − θ*‖ < 1e-4 within a cap
 * of 10⁵ iterations (a budget, not a fitted number: every count is printed and recorded in docs/optimizers.md).
 * The two known failures are asserted as such: InvAdam's step m̂(√v̂ + ε) ≈ g|g| vanishes quadratically near
 * the optimum (the paper's "may face challenges in convergence"), and DualAdam's InvAdam phase takes steps
 * ≈ lr·g², which on Rosenbrock's initial gradient (|g| ≈ 233) throws it out of the valley for any usable lr.
 */
import { describe, expect, it } from 'vitest';
import { createOptimizer, type Hyper } from '../../src/optimizers/index.js';

interface Problem { grad(x: Float64Array, out: Float64Array): void; x0: number[]; opt: number[] }
const H = [0.1, 0.5, 1, 4, 10];
const quadratic: Problem = { grad: (x, o) => x.forEach((v, i) => { o[i] = H[i] * v; }), x0: [1, -1, 2, -2, 0.5], opt: [0, 0, 0, 0, 0] };
const rosenbrock: Problem = {
  grad: (x, o) => { o[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2); o[1] = 200 * (x[1] - x[0] ** 2); },
  x0: [-1.2, 1], opt: [1, 1],
};

function iterate(name: string, hyper: Hyper, P: Problem, cap: number): { hit: number; dist: number } {
  const o = createOptimizer(name, hyper);
  const x = Float64Array.from(P.x0), g = new Float64Array(x.length);
  const s = o.init(x);
  const dist = () => Math.hypot(...Array.from(x, (v, i) => v - P.opt[i]));
  for (let k = 1; k <= cap; k++) {
    P.grad(x, g);
    o.step(x, g, s);
    const d = dist();
    if (d < 1e-4) return { hit: k, dist: d };
    if (!Number.isFinite(d)) return { hit: -1, dist: d };
  }
  return { hit: -1, dist: dist() };
}

const CAP = 100_000;
const CONVERGES: Array<[string, Hyper, 'quadratic' | 'rosenbrock']> = [
  ['sgd', { lr: 0.05 }, 'quadratic'], ['momentum', { lr: 0.01 }, 'quadratic'], ['adam', { lr: 0.01 }, 'quadratic'],
  ['adamw', { lr: 0.01, weightDecay: 0 }, 'quadratic'], ['amsgrad', { lr: 0.01 }, 'quadratic'], ['dualadam', { lr: 0.01 }, 'quadratic'],
  ['padam', { lr: 0.01 }, 'quadratic'], ['adamomentum', { lr: 0.01 }, 'quadratic'], ['yogi', { lr: 0.01 }, 'quadratic'],
  ['adabound', { lr: 0.01, finalLr: 0.05 }, 'quadratic'], ['adai', { lr: 0.05 }, 'quadratic'],
  ['sgd', { lr: 2e-3 }, 'rosenbrock'], ['momentum', { lr: 2e-4 }, 'rosenbrock'], ['adam', { lr: 0.01 }, 'rosenbrock'],
  ['amsgrad', { lr: 0.01 }, 'rosenbrock'], ['padam', { lr: 0.01 }, 'rosenbrock'], ['adamomentum', { lr: 0.01 }, 'rosenbrock'],
  ['yogi', { lr: 0.01 }, 'rosenbrock'], ['adabound', { lr: 0.01, finalLr: 0.05 }, 'rosenbrock'], ['adai', { lr: 5e-3 }, 'rosenbrock'],
];

describe('convergence where the method should converge (‖θ − θ*‖ < 1e-4 within 10⁵ iterations)', () => {
  for (const [name, hyper, p] of CONVERGES) {
    it(`${name} ${JSON.stringify(hyper)} on the ${p}`, () => {
      const r = iterate(name, hyper, p === 'quadratic' ? quadratic : rosenbrock, CAP);
      console.log(`${p} ${name} ${JSON.stringify(hyper)}: ${r.hit > 0 ? `${r.hit} iterations` : `not converged, distance ${r.dist}`}`);
      expect(r.hit).toBeGreaterThan(0);
    });
  }

  it('ndadam on the sphere: minimises wᵀAw over unit vectors (the eigenvector of the smallest eigenvalue)', () => {
    // A = diag(H): the minimiser on the unit sphere is ±e₁ (H₁ = 0.1 is the smallest)
    const o = createOptimizer('ndadam', { vectorSize: 5, lr: 0.01 });
    const w = Float64Array.from([1, -1, 2, -2, 0.5]), g = new Float64Array(5);
    const s = o.init(w);
    let hit = -1;
    for (let k = 1; k <= CAP; k++) {
      w.forEach((v, i) => { g[i] = 2 * H[i] * v; });
      o.step(w, g, s);
      if (Math.hypot(Math.abs(w[0]) - 1, ...Array.from(w.slice(1))) < 1e-4) { hit = k; break; }
    }
    console.log(`sphere ndadam: ${hit} iterations`);
    expect(hit).toBeGreaterThan(0);
  });
});

describe('documented non-convergence', () => {
  it('InvAdam on the quadratic: still ≥ 1e-3 from the optimum after 10⁵ iterations, though the loss fell', () => {
    const r = iterate('invadam', { lr: 0.01 }, quadratic, CAP);
    console.log(`quadratic invadam {lr: 0.01}: distance after 10⁵ iterations ${r.dist.toExponential(2)}`);
    expect(r.hit).toBe(-1);
    expect(r.dist).toBeGreaterThan(1e-3);
    expect(r.dist).toBeLessThan(Math.hypot(...quadratic.x0) / 10);
  });

  it('DualAdam on Rosenbrock from (−1.2, 1): its InvAdam phase diverges at lr 1e-2, 1e-3 and 1e-4', () => {
    for (const lr of [1e-2, 1e-3, 1e-4]) {
      const r = iterate('dualadam', { lr }, rosenbrock, 2000);
      console.log(`rosenbrock dualadam {lr: ${lr}}: ${Number.isFinite(r.dist) ? `distance ${r.dist}` : 'diverged'}`);
      expect(Number.isFinite(r.dist)).toBe(false);
    }
  });
});
