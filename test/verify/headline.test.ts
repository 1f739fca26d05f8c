/**
 * A row with several deciding parts (discrete-matches-sde: one η → 0 limit per optimizer) shows the numbers of the
 * part that decided its verdict, chosen again after the multiplicity rule, so the interval shown agrees with the
 * verdict beside it.
 */
import { describe, expect, it } from 'vitest';
import type { Claim, ClaimMeasurement, ClaimPart } from '../../src/verify/claim.js';
import { testPart } from '../../src/verify/claims/common.js';
import { applyFamily } from '../../src/verify/family.js';
import { decidingPart, rowOf } from '../../src/verify/row.js';

const claim: Claim = {
  id: 'limits', source: 's', statement: 't', evidence: 'simulation', attribution: 'paper',
  protocol: { quick: 'q', full: 'f' }, run: async () => { throw new Error('not run'); },
};

/** a limit with 95% CI est·e^{±1.96σ} on the log scale, its z against 1 */
function limit(name: string, est: number, sigma: number, precision = 0.15): ClaimPart {
  const z = Math.log(est) / sigma;
  return testPart(name, 'decides', { estimate: est, ci95: [est * Math.exp(-1.96 * sigma), est * Math.exp(1.96 * sigma)], theory: 1, z, precision });
}

/** what discrete-matches-sde measured before: the row showing the smallest p, beside the parts */
function measurement(parts: ClaimPart[]): ClaimMeasurement {
  const worst = parts.reduce((w, p) => (p.test!.p < w.test!.p ? p : w));
  return { statistic: 'limit', headline: 'limit', estimate: worst.test!.estimate, ci95: worst.test!.ci95, theory: 1, parts, details: null };
}

const inside = (ci: [number, number] | null) => ci !== null && ci[0] <= 1 && 1 <= ci[1];

describe('the row of a claim with several deciding parts', () => {
  it('INCONCLUSIVE: shows an undecided part (1 inside a CI wider than the precision), not the narrow one with the smallest p', () => {
    // sgd: narrow, 1 inside, p ≈ 0.11 (CONFIRMED); adam: wide, 1 inside (INCONCLUSIVE)
    const row = rowOf(claim, measurement([limit('sgd', 1.03, 0.0185), limit('adam', 1.02, 0.4)]));
    expect(row.verdict).toBe('INCONCLUSIVE');
    expect(row.parts.map((p) => p.verdict)).toEqual(['CONFIRMED', 'INCONCLUSIVE']);
    expect(row.estimate).toBe(1.02);
    expect(row.ci95).toEqual(row.parts[1].test!.ci95);
    expect((row.ci95![1] - row.ci95![0]) / 2).toBeGreaterThan(0.15);
    expect(row.statistic).toMatch(/^limit; shown: adam \(the undecided part; /);
    expect(row.headline).toEqual({ base: 'limit', part: 'adam' });
  });

  it('REFUTED: shows the part that failed, whose CI excludes 1', () => {
    const row = rowOf(claim, measurement([limit('sgd', 1.06, 0.14), limit('adam', 1.02, 0.4), limit('invadam', 0.27, 0.29)]));
    expect(row.verdict).toBe('REFUTED');
    expect(row.headline?.part).toBe('invadam');
    expect(inside(row.ci95)).toBe(false);
  });

  it('follows the multiplicity rule: once Holm does not reject, the row shows an undecided part whose CI holds 1', () => {
    // alone, sgd lies outside its own 95% CI (p ≈ 0.03): REFUTED; in a family of 20 Holm does not reject it
    const row = rowOf(claim, measurement([limit('sgd', 1.3, 0.12), limit('adam', 1.02, 0.4)]));
    expect([row.verdict, row.headline?.part]).toEqual(['REFUTED', 'sgd']);
    const others = Array.from({ length: 18 }, (_, i) => rowOf({ ...claim, id: `o${i}` }, measurement([limit(`o${i}`, 1.001, 0.05)])));
    applyFamily([row, ...others]);
    expect(row.verdict).toBe('INCONCLUSIVE');
    expect(row.headline?.part).toBe('adam');
    expect(row.ci95).toEqual(row.parts[1].test!.ci95);
  });

  it('CONFIRMED: shows the passing part closest to failing; a row without a headline keeps its own numbers', () => {
    const parts = [limit('a', 1.001, 0.01), limit('b', 1.012, 0.01)];
    const row = rowOf(claim, measurement(parts));
    expect([row.verdict, row.headline?.part]).toEqual(['CONFIRMED', 'b']);
    expect(decidingPart(row)?.why).toBe('the passing part with the smallest p');
    const plain = rowOf(claim, { ...measurement(parts), headline: undefined, estimate: 5, ci95: [4, 6] });
    expect([plain.estimate, plain.ci95, plain.headline]).toEqual([5, [4, 6], undefined]);
  });
});
