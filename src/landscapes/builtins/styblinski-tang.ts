/** The separable Styblinski–Tang function in n ≤ 16 dimensions. */
import type { KnownPoints } from '../types.js';
import { coordinateNames, depressedCubicRoots, scalarLandscape } from './helpers.js';
import type { BuiltinFamily } from './types.js';

/** roots of 4x³ − 32x + 5 = 0 (= x³ − 8x + 5/4), ascending: ≈ −2.9035, 0.1567, 2.7468 */
export const STYBLINSKI_TANG_ROOTS: readonly [number, number, number] = Object.freeze(depressedCubicRoots(-8, 1.25));

export const styblinskiTang: BuiltinFamily = {
  name: 'styblinski-tang',
  description:
    'L = ½Σ(x_i⁴ − 16x_i² + 5x_i); escape from the local minimum with every x_i ≈ 2.7468 through the index-1 saddle with x_1 ≈ 0.1567.',
  dim: 'n, 1 ≤ n ≤ 16',
  params: [{ name: 'n', description: 'dimension', type: 'integer', default: 2, min: 1, max: 16, range: 'integer 1 ≤ n ≤ 16' }],
  create(p) {
    const n = p.num('n');
    const [, mid, right] = STYBLINSKI_TANG_ROOTS;
    // per coordinate: g = ½(x⁴ − 16x² + 5x), g' = 2x³ − 16x + 5/2, g'' = 6x² − 16, g''' = 12x
    const g = (x: number) => 0.5 * (x * x * (x * x - 16) + 5 * x);
    const g1 = (x: number) => 2 * x * x * x - 16 * x + 2.5;
    const g2 = (x: number) => 6 * x * x - 16;
    const g3 = (x: number) => 12 * x;
    const minimum = new Array<number>(n).fill(right);
    const saddle = minimum.slice();
    saddle[0] = mid;
    const known: KnownPoints = { minimum, saddle, barrier: g(mid) - g(right) };
    if (n === 1) return scalarLandscape('styblinski-tang', { n }, { L: g, d1: g1, d2: g2, d3: g3 }, known);
    return {
      dim: n,
      name: `builtin styblinski-tang(n=${n})`,
      vars: coordinateNames(n),
      value: (x) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += g(x[i]);
        return s;
      },
      gradient: (x, out) => {
        for (let i = 0; i < n; i++) out[i] = g1(x[i]);
      },
      hessian: (x, out) => {
        out.fill(0, 0, n * n);
        for (let i = 0; i < n; i++) out[i * n + i] = g2(x[i]);
      },
      known,
      builtin: 'styblinski-tang',
      params: Object.freeze({ n }),
    };
  },
};
