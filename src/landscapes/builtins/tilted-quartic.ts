/** The tilted double well L = h(x² − 1)² + c·x. */
import { LandscapeError } from '../errors.js';
import { depressedCubicRoots, quarticScalar, scalarLandscape } from './helpers.js';
import { positive } from './params.js';
import type { BuiltinFamily } from './types.js';

/** Tilt limit for two wells: x³ − x + c/(4h) has three real roots iff |c/(4h)| < 2/(3√3). */
export const tiltedQuarticMaxTilt = (h: number): number => (8 * h) / (3 * Math.sqrt(3));

export const tiltedQuartic: BuiltinFamily = {
  name: 'tilted-quartic',
  description: 'L = h(x² − 1)² + c·x; escape from the left well over the local maximum (roots of 4h(x³ − x) + c = 0).',
  dim: '1',
  params: [
    positive('h', 'quartic scale', 1),
    {
      name: 'c',
      description: 'tilt',
      type: 'number',
      default: 0.25,
      range: '|c| < 8h/(3√3) ≈ 1.5396·h (two wells)',
    },
  ],
  create(p) {
    const h = p.num('h');
    const c = p.num('c');
    const cmax = tiltedQuarticMaxTilt(h);
    if (!(Math.abs(c) < cmax)) {
      throw new LandscapeError('landscape.c', `|c| = ${Math.abs(c)} is too large for two wells; allowed: |c| < 8h/(3√3) = ${cmax} (h = ${h})`);
    }
    // critical points: x³ − x + c/(4h) = 0 → left well, local maximum, right well
    const [xa, xb] = depressedCubicRoots(-1, c / (4 * h));
    const s = quarticScalar(h, c);
    return scalarLandscape('tilted-quartic', { h, c }, s, { minimum: [xa], saddle: [xb], barrier: s.L(xb) - s.L(xa) });
  },
};
