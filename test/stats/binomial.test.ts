/**
 * Clopper–Pearson limits against their closed forms (k = 0: 1 − 0.025^{1/n}; k = n: 0.025^{1/n}) and published
 * table values.
 */
import { describe, expect, it } from 'vitest';
import { clopperPearson } from '../../src/stats/index.js';

describe('clopperPearson', () => {
  it('k = 0 and k = n have closed forms', () => {
    for (const n of [1, 10, 300, 5000]) {
      expect(clopperPearson(0, n)[1]).toBeCloseTo(1 - 0.025 ** (1 / n), 12);
      expect(clopperPearson(n, n)[0]).toBeCloseTo(0.025 ** (1 / n), 12);
    }
  });
  it('k = 1: the lower limit is 1 − 0.975^{1/n}; n = 10 gives the tabulated upper limit 0.4450', () => {
    const [lo, hi] = clopperPearson(1, 10);
    expect(lo).toBeCloseTo(1 - 0.975 ** 0.1, 12);
    expect(hi).toBeCloseTo(0.4450, 4);
  });
  it('rejects impossible counts, naming them', () => {
    expect(() => clopperPearson(3, 2)).toThrow(/k = 3, n = 2/);
  });
});
