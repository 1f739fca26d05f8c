/** Delta-method ratio of two estimates. */
import { describe, expect, it } from 'vitest';
import { ratioWithCI } from '../../src/stats/index.js';

describe('ratioWithCI', () => {
  it('ratio of two estimates: the log-errors add in quadrature', () => {
    const r = ratioWithCI({ estimate: 2, ci95: [1, 4] }, { estimate: 1, ci95: [0.5, 2] });
    const s = Math.SQRT2 * Math.log(4) / (2 * 1.959963984540054);
    expect(r.estimate).toBeCloseTo(2, 12);
    expect(r.ci95[1]).toBeCloseTo(2 * Math.exp(1.959963984540054 * s), 10);
  });
});
