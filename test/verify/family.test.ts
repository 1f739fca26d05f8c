/**
 * The multiplicity rule of a verify run: the Monte Carlo-vs-exact tests of all rows form one Holm family at 5%,
 * and the rows are decided again with Holm's decisions (docs/claims.md, "Multiplicity").
 */
import { describe, expect, it } from 'vitest';
import type { Claim, ClaimMeasurement, ClaimPart } from '../../src/verify/claim.js';
import { applyFamily } from '../../src/verify/family.js';
import { rowOf } from '../../src/verify/row.js';
import { familyTest } from '../../src/verify/verdict.js';

/** a test part of a ratio against 1 with log-scale error σ */
function ratioPart(name: string, role: ClaimPart['role'], ratio: number, sigma: number): ClaimPart {
  const test = familyTest({ estimate: ratio, ci95: [ratio * Math.exp(-1.96 * sigma), ratio * Math.exp(1.96 * sigma)], theory: 1, z: Math.log(ratio) / sigma, precision: 0.1 });
  return { name, evidence: 'simulation', role, verdict: 'INCONCLUSIVE', rule: '', test };
}

const claim = (id: string, evidence: Claim['evidence']): Claim => ({
  id, source: 'test', statement: 'test', evidence, attribution: 'paper', protocol: { quick: 'q', full: 'f' },
  run: () => Promise.reject(new Error('not run')),
});
const m = (parts: ClaimPart[]): ClaimMeasurement => ({ statistic: 's', estimate: 1, theory: 1, parts, details: null });

describe('applyFamily', () => {
  it('decides every Monte Carlo-vs-exact test by Holm over the whole report', () => {
    const quad: ClaimPart = { name: 'k', evidence: 'quadrature', role: 'decides', verdict: 'DERIVED', rule: '|0.5 − 0.5| ≤ 0.05 → DERIVED' };
    // row a: a quadrature claim whose Monte Carlo check lies outside its own 95% CI (p ≈ 0.022)
    const a = rowOf(claim('a', 'quadrature'), m([quad, ratioPart('MC vs exact', 'check', 1.06, 0.0255)]));
    // row b: a simulation claim decided by a test far from 1 (z ≈ 7.8)
    const b = rowOf(claim('b', 'simulation'), m([ratioPart('limit', 'decides', 1.22, 0.0255)]));
    // rows c…: checks that agree
    const rest = [0.99, 1.01, 1.0, 0.98].map((r, i) => rowOf(claim(`c${i}`, 'simulation'), m([ratioPart('ratio', 'decides', r, 0.02)])));
    // by its own 95% CI alone, a is INCONCLUSIVE (the check disagrees)
    expect(a.verdict).toBe('INCONCLUSIVE');
    const fam = applyFamily([a, b, ...rest]);
    expect(fam.m).toBe(6);
    expect(fam.members.map((x) => x.claim)).toEqual(['a', 'b', 'c0', 'c1', 'c2', 'c3']);
    // b: rank 1, p ≈ 6e-15 ≤ 0.05/6 → rejected; a: rank 2, p ≈ 0.022 > 0.05/5 = 0.01 → not rejected, Holm stops
    expect(fam.members[1]).toMatchObject({ rank: 1, rejected: true });
    expect(fam.members[0]).toMatchObject({ rank: 2, own95: 'outside', rejected: false });
    expect(fam.members[0].threshold).toBeCloseTo(0.01, 15);
    expect(fam.members.filter((x) => x.rejected)).toHaveLength(1);
    expect(b.verdict).toBe('REFUTED');
    expect(a.verdict).toBe('DERIVED');
    expect(a.parts[1].rule).toContain('outside its own 95% CI, but not rejected by the family-wise rule');
    expect(a.rule).toContain('Holm over the run\'s 6 simulated-vs-stated comparisons');
    for (const r of rest) expect(r.verdict).toBe('CONFIRMED');
  });

  it('a row without tests is left as it was; an empty family has m = 0', () => {
    const q = rowOf(claim('q', 'identity'), m([{ name: 'cases', evidence: 'identity', role: 'decides', verdict: 'HOLDS', rule: 'no counterexample → HOLDS' }]));
    const before = structuredClone(q);
    expect(applyFamily([q]).m).toBe(0);
    expect(q).toEqual(before);
  });
});
