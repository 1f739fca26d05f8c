/** The symmetric double well L = h(x² − 1)². */
import { quarticScalar, scalarLandscape } from './helpers.js';
import { positive } from './params.js';
import type { BuiltinFamily } from './types.js';

export const quartic: BuiltinFamily = {
  name: 'quartic',
  description: 'L = h(x² − 1)²; escape from the left well x = −1 over x = 0, barrier h (L\'\'(−1) = 8h, L\'\'(0) = −4h).',
  dim: '1',
  params: [positive('h', 'barrier height', 1)],
  create(p) {
    const h = p.num('h');
    return scalarLandscape('quartic', { h }, quarticScalar(h, 0), { minimum: [-1], saddle: [0], barrier: h });
  },
};
