import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  builtinLandscape,
  expressionLandscape,
  findCriticalPoint,
  hessianEigen,
  type Landscape,
} from '../../src/landscapes/index.js';
import { EPS, uniform, uniformArray } from './helpers.js';

const FC = { seed: 42, numRuns: 60 };
const TOL = 1e-10;

const dist = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v, i) => s + (v - b[i]) ** 2, 0));
const nrm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));

/**
 * Newton from x0 lands on x* with index `index`. Near a nondegenerate critical point
 * ‖x − x*‖ ≤ ‖H⁻¹‖·‖∇L(x)‖ (1 + O(‖x − x*‖)) = ‖∇L‖/min|λ|; 2× margin, plus the rounding of x*.
 */
function expectRecovers(L: Landscape, x0: number[], xStar: number[], index: number): void {
  const cp = findCriticalPoint(L, x0, { tol: TOL });
  expect(cp.converged).toBe(true);
  expect(cp.gradientNorm).toBeLessThanOrEqual(TOL);
  expect(cp.index).toBe(index);
  const minAbsEig = Math.min(...cp.eigenvalues.map(Math.abs));
  expect(dist(cp.x, xStar)).toBeLessThanOrEqual((2 * cp.gradientNorm) / minAbsEig + 8 * EPS * (1 + nrm(xStar)));
  expect(cp.value).toBe(L.value(cp.x));
  expect(cp.iterations).toBeLessThanOrEqual(100);
}

const offsets = (n: number, r: number) => uniformArray(n, -r, r);

describe('findCriticalPoint recovers known points from nearby starts', () => {
  it('Styblinski–Tang (n = 4): minimum (index 0) and saddle (index 1) from ±0.3 starts', () => {
    const L = builtinLandscape('styblinski-tang', { n: 4 });
    const { minimum, saddle } = L.known;
    fc.assert(
      fc.property(offsets(4, 0.3), (d) => {
        expectRecovers(L, minimum.map((v, i) => v + d[i]), minimum, 0);
        expectRecovers(L, saddle.map((v, i) => v + d[i]), saddle, 1);
      }),
      FC,
    );
  });

  it('quartic: x = −1 and x = 0 from ±0.3 starts', () => {
    const L = builtinLandscape('quartic', { h: 0.7 });
    fc.assert(
      fc.property(uniform(-0.3, 0.3), (d) => {
        expectRecovers(L, [-1 + d], [-1], 0);
        expectRecovers(L, [d], [0], 1);
      }),
      FC,
    );
  });

  it('tilted quartic and well-barrier from starts within 10% of the well–barrier distance', () => {
    const T = builtinLandscape('tilted-quartic', { h: 1, c: 0.6 });
    const W = builtinLandscape('well-barrier', { Ha: 3, Hb: 0.5, dL: 2 });
    fc.assert(
      fc.property(uniform(-0.1, 0.1), (u) => {
        for (const L of [T, W]) {
          const a = L.known.minimum[0];
          const b = L.known.saddle[0];
          expectRecovers(L, [a + u * (b - a)], [a], 0);
          expectRecovers(L, [b + u * (b - a)], [b], 1);
        }
      }),
      FC,
    );
  });

  it('eigen-saddle (n = 4): minimum and saddle from nearby starts', () => {
    const L = builtinLandscape('eigen-saddle', { Ha: 2, Hb: 0.7, dL: 1.5, minEigs: [1, 3, 0.5], saddleEigs: [0.4, 2, 5] });
    const { minimum, saddle } = L.known;
    const span = saddle[0];
    fc.assert(
      fc.property(offsets(4, 0.1), (d) => {
        const start = (p: number[]) => p.map((v, i) => v + (i === 0 ? d[i] * span : d[i]));
        expectRecovers(L, start(minimum), minimum, 0);
        expectRecovers(L, start(saddle), saddle, 1);
      }),
      FC,
    );
  });

  it('expression landscape: (x²−1)² + 2(y − 0.3x)² has minima (±1, ±0.3) and a saddle at 0', () => {
    const L = expressionLandscape({ expr: '(x^2-1)^2 + 2*(y - s*x)^2', vars: ['x', 'y'], params: { s: 0.3 } });
    fc.assert(
      fc.property(offsets(2, 0.2), (d) => {
        expectRecovers(L, [1 + d[0], 0.3 + d[1]], [1, 0.3], 0);
        expectRecovers(L, [-1 + d[0], -0.3 + d[1]], [-1, -0.3], 0);
        expectRecovers(L, [d[0], d[1]], [0, 0], 1);
      }),
      FC,
    );
  });
});

describe('findCriticalPoint: robustness and reporting', () => {
  it('starting at an exact critical point takes no iteration', () => {
    const L = builtinLandscape('quartic', { h: 1 });
    const cp = findCriticalPoint(L, [0]);
    expect(cp.iterations).toBe(0);
    expect(cp.converged).toBe(true);
    expect(cp.eigenvalues).toEqual([-4]);
    expect(cp.index).toBe(1);
  });

  it('a near-singular Hessian (quartic at x = 1/√3, L\'\' ≈ 0) still converges to a critical point', () => {
    const L = builtinLandscape('quartic', { h: 1 });
    const cp = findCriticalPoint(L, [1 / Math.sqrt(3)]);
    expect(cp.converged).toBe(true);
    expect([-1, 0, 1].some((c) => Math.abs(cp.x[0] - c) <= 1e-9)).toBe(true);
  });

  it('no critical point: reports converged = false with the gradient norm', () => {
    const L = expressionLandscape({ expr: '2*x + y', vars: ['x', 'y'] });
    const cp = findCriticalPoint(L, [0.3, 0.1]);
    expect(cp.converged).toBe(false);
    expect(cp.gradientNorm).toBeCloseTo(Math.sqrt(5), 12);
    const cp2 = findCriticalPoint(expressionLandscape({ expr: 'exp(x)', vars: ['x'] }), [0], { maxIter: 7 });
    expect(cp2.converged).toBe(false);
    expect(cp2.iterations).toBeLessThanOrEqual(7);
  });

  it('rejects a start of the wrong dimension', () => {
    expect(() => findCriticalPoint(builtinLandscape('quartic', {}), [0, 1])).toThrow(RangeError);
  });
});

describe('hessianEigen', () => {
  it('ascending eigenvalues with orthonormal eigenvectors: H v = λ v', () => {
    const L = expressionLandscape({ expr: 'x^2*y + sin(y*z) + exp(x/3)*cos(z) + x*z', vars: ['x', 'y', 'z'] });
    fc.assert(
      fc.property(offsets(3, 2), (x) => {
        const { values, vectors } = hessianEigen(L, x);
        const H = new Float64Array(9);
        L.hessian(x, H);
        const scale = Math.max(...values.map(Math.abs), 1e-300);
        for (let k = 0; k < 3; k++) {
          if (k > 0) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
          const v = vectors[k];
          expect(Math.abs(nrm(v) - 1)).toBeLessThanOrEqual(64 * EPS);
          for (let i = 0; i < 3; i++) {
            const Hv = H[i * 3] * v[0] + H[i * 3 + 1] * v[1] + H[i * 3 + 2] * v[2];
            // backward-stable symmetric eigensolver: residual ≲ n·ε·‖H‖ (64× margin)
            expect(Math.abs(Hv - values[k] * v[i])).toBeLessThanOrEqual(64 * 3 * EPS * scale);
          }
        }
      }),
      FC,
    );
  });
});
