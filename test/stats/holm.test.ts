/**
 * Holm's step-down procedure against hand-computed examples. The expected decisions below were worked out by hand
 * from the textbook procedure (Holm 1979): sort the p-values, compare the i-th smallest with α/(m − i + 1), stop at
 * the first that exceeds its threshold.
 */
import { describe, expect, it } from 'vitest';
import { holm, twoSidedP } from '../../src/stats/index.js';

describe('holm', () => {
  it('m = 4, α = 0.05: rejects the two smallest, then stops at 0.03 > 0.025 (so 0.04 ≤ 0.05 is not rejected)', () => {
    // sorted: 0.005 (H4) vs 0.05/4 = 0.0125 → reject; 0.01 (H1) vs 0.05/3 = 0.01667 → reject;
    //         0.03 (H3) vs 0.05/2 = 0.025 → stop; H3 and H2 are not rejected.
    // adjusted: H4 4·0.005 = 0.02; H1 max(0.02, 3·0.01) = 0.03; H3 max(0.03, 2·0.03) = 0.06; H2 max(0.06, 0.04) = 0.06
    const d = holm([0.01, 0.04, 0.03, 0.005]);
    expect(d.map((x) => x.rejected)).toEqual([true, false, false, true]);
    expect(d.map((x) => x.rank)).toEqual([2, 4, 3, 1]);
    const thresholds = [0.05 / 3, 0.05, 0.025, 0.0125];
    d.forEach((x, i) => expect(x.threshold).toBeCloseTo(thresholds[i], 15));
    const adjusted = [0.03, 0.06, 0.06, 0.02];
    d.forEach((x, i) => expect(x.adjusted).toBeCloseTo(adjusted[i], 15));
  });

  it('m = 2: rejects both of 0.012 and 0.02, where Bonferroni (0.025 each) rejects only 0.012', () => {
    // 0.012 ≤ 0.05/2 → reject; 0.02 ≤ 0.05/1 → reject; adjusted 2·0.012 = 0.024 for both
    const d = holm([0.02, 0.012]);
    expect(d.map((x) => x.rejected)).toEqual([true, true]);
    d.forEach((x) => expect(x.adjusted).toBeCloseTo(0.024, 15));
  });

  it('a check outside its own 95% CI (p = 0.03) among 12 is not rejected: its threshold is 0.05/12', () => {
    const p = [0.03, ...Array.from({ length: 11 }, (_, i) => 0.2 + 0.05 * i)];
    const d = holm(p);
    expect(d[0]).toMatchObject({ rank: 1, rejected: false });
    expect(d[0].threshold).toBeCloseTo(0.05 / 12, 15);
    expect(d[0].adjusted).toBeCloseTo(0.36, 15);
    expect(d.some((x) => x.rejected)).toBe(false);
  });

  it('ties keep input order; adjusted p-values are capped at 1; the empty family is empty', () => {
    const d = holm([0.5, 0.5]);
    expect(d.map((x) => x.rank)).toEqual([1, 2]);
    expect(d.map((x) => x.adjusted)).toEqual([1, 1]);
    expect(holm([])).toEqual([]);
    expect(() => holm([1.2])).toThrow(/not a probability/);
    expect(() => holm([0.1], 0)).toThrow(/α must lie/);
  });
});

describe('twoSidedP', () => {
  it('is 2Φ(−|z|)', () => {
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedP(-3)).toBeCloseTo(0.0026997960632601866, 14);
    expect(twoSidedP(30)).toBeGreaterThan(0); // no cancellation: 2Φ(−30) ≈ 1e-197
  });
});
