// Exact derivatives of the network against central finite differences (docs/networks.md "Tests").
// Bound used throughout: for f smooth, |(f(x+h) − f(x−h))/(2h) − f'(x)| ≤ h²|f'''|/6 + ε_f/h (truncation + rounding),
// h = ε^{1/3}; |f'''| is bounded from second differences of the exact derivative (helpers.thirdDerivativeBound)
// and ε_f = 100·ε·(largest per-example magnitude) (helpers.ROUNDING_OPS). The exact side's own rounding is added.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildNetwork, type Network, type NetworkSpec } from '../../src/networks/index.js';
import {
  EPS, H_FD, IRIS, ROUNDING_OPS, axpy, centralDifferenceBound, gaussianVector, maxExampleGradient, maxExampleLoss,
  thirdDerivativeBound, unit,
} from './helpers.js';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };
const l1 = (a: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += Math.abs(a[i]); return s; };

/** check a scalar function's derivative along v: f(t) = F(φ + t v), exact f'(t) = D(φ + t v); returns (error, bound) */
function directional(F: (x: Float64Array) => number, D: (x: Float64Array) => number, phi: Float64Array, v: Float64Array, fScale: number, gScale: number) {
  const h = H_FD, fd = (F(axpy(phi, h, v)) - F(axpy(phi, -h, v))) / (2 * h);
  const exact = D(phi);
  const third = thirdDerivativeBound((t) => D(axpy(phi, t, v)));
  const bound = centralDifferenceBound(third, ROUNDING_OPS * EPS * fScale) + ROUNDING_OPS * EPS * gScale * l1(v);
  return { error: Math.abs(fd - exact), bound };
}

interface Case { spec: NetworkSpec; seed: number; j: number; batch: number[] }

const arbCase: fc.Arbitrary<Case> = fc.record({
  data: fc.constantFrom('iris-ce', 'iris-sq', 'teacher'),
  activation: fc.constantFrom('tanh' as const, 'softplus' as const),
  hidden: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 2 }),
  scale: fc.double({ min: 0.3, max: 3, noNaN: true }),
  weightDecay: fc.double({ min: 1e-3, max: 0.1, noNaN: true }),
  seed: fc.integer({ min: 0, max: 1e6 }),
  j: fc.nat(),
  batch: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
}).map((r) => {
  const data = r.data === 'teacher' ? { kind: 'teacher-student' as const, inputs: 3, teacherHidden: 2, examples: 24, labelNoise: 0.3, seed: r.seed } : { kind: 'iris' as const };
  const N = data.kind === 'iris' ? 150 : 24;
  const spec: NetworkSpec = {
    data, hidden: r.hidden, activation: r.activation, loss: r.data === 'iris-ce' ? 'cross-entropy' : 'squared',
    weightDecay: r.weightDecay, init: { seed: r.seed, scale: 1 }, scale: r.scale, train: { gradientTolerance: 1e-8, maxIterations: 10 },
  };
  return { spec, seed: r.seed, j: r.j % N, batch: r.batch.map((b) => b % N) };
});

/** random φ (θ = αφ of order 1, biases non-zero) */
const randomPhi = (net: Network, seed: number) => gaussianVector(net.dim, `phi-${seed}`, 0.8 / net.spec.scale);

describe('network derivatives vs central differences (property)', () => {
  it('loss, example and batch gradients along random directions; HVP componentwise', () => {
    fc.assert(fc.property(arbCase, ({ spec, seed, j, batch }) => {
      const net = buildNetwork(spec), n = net.dim, phi = randomPhi(net, seed), v = unit(gaussianVector(n, `v-${seed}`));
      const g = new Float64Array(n);
      const fS = maxExampleLoss(net, phi), gS = maxExampleGradient(net, phi);
      const checks = [
        directional((x) => net.loss(x), (x) => (net.gradient(x, g), dot(g, v)), phi, v, fS, gS),
        directional((x) => net.exampleLoss(x, j), (x) => (net.exampleGradient(x, j, g), dot(g, v)), phi, v, fS, gS),
        directional((x) => batch.reduce((s, b) => s + net.exampleLoss(x, b), 0) / batch.length,
          (x) => (net.batchGradient(x, batch, batch.length, g), dot(g, v)), phi, v, fS, gS),
      ];
      for (const c of checks) expect(c.error).toBeLessThanOrEqual(c.bound);
      // HVP: f_r(t) = ∂_r L(φ + t v), f_r' = (H v)_r exact; f_r''' from second differences of the exact HVP
      const hv = (t: number) => { const o = new Float64Array(n); net.hvp(axpy(phi, t, v), v, o); return o; };
      const at = new Map([0, 1e-3, -1e-3, 2e-3, -2e-3].map((t) => [t, hv(t)]));
      const gp = new Float64Array(n), gm = new Float64Array(n);
      net.gradient(axpy(phi, H_FD, v), gp);
      net.gradient(axpy(phi, -H_FD, v), gm);
      for (let r = 0; r < n; r++) {
        const third = thirdDerivativeBound((t) => at.get(t)![r]);
        const bound = centralDifferenceBound(third, ROUNDING_OPS * EPS * gS) + ROUNDING_OPS * EPS * gS * l1(v);
        expect(Math.abs((gp[r] - gm[r]) / (2 * H_FD) - at.get(0)![r])).toBeLessThanOrEqual(bound);
      }
    }), { numRuns: 30, seed: 19 });
  });
});

describe('dense Hessian', () => {
  const net = buildNetwork({ ...IRIS, activation: 'softplus', scale: 1.7, hidden: [6, 4] });
  const n = net.dim, phi = randomPhi(net, 3), H = new Float64Array(n * n);
  net.hessian(phi, H);

  it('is exactly symmetric and equals the matrix of HVPs (column k = H e_k) to rounding', () => {
    const e = new Float64Array(n), col = new Float64Array(n);
    let maxH = 0;
    for (const x of H) maxH = Math.max(maxH, Math.abs(x));
    for (let k = 0; k < n; k++) {
      e[k] = 1;
      net.hvp(phi, e, col);
      e[k] = 0;
      // the same sums in a different order: rounding ≤ 100·ε·max|H|
      for (let r = 0; r < n; r++) {
        expect(H[r * n + k]).toBe(H[k * n + r]);
        expect(Math.abs(H[r * n + k] - col[r])).toBeLessThanOrEqual(ROUNDING_OPS * EPS * maxH);
      }
    }
  });

  it('agrees with central differences of the exact gradient, column by column', () => {
    const gS = maxExampleGradient(net, phi), gp = new Float64Array(n), gm = new Float64Array(n), o = new Float64Array(n), e = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      e[k] = 1;
      net.gradient(axpy(phi, H_FD, e), gp);
      net.gradient(axpy(phi, -H_FD, e), gm);
      const at = new Map([1e-3, -1e-3, 2e-3, -2e-3].map((t) => { net.hvp(axpy(phi, t, e), e, o); return [t, o.slice()]; }));
      at.set(0, Float64Array.from({ length: n }, (_, r) => H[r * n + k]));
      for (let r = 0; r < n; r++) {
        const bound = centralDifferenceBound(thirdDerivativeBound((t) => at.get(t)![r]), ROUNDING_OPS * EPS * gS) + ROUNDING_OPS * EPS * gS;
        expect(Math.abs((gp[r] - gm[r]) / (2 * H_FD) - H[r * n + k])).toBeLessThanOrEqual(bound);
      }
      e[k] = 0;
    }
  });
});
