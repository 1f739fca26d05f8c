/** The verdict rules of `verify` (issue 7; issue 16: verdict words by evidence, parts, the family-wise rule). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimPart, Evidence } from '../../src/verify/claim.js';
import { decide, decideDeterministic, decideTest, familyTest, rowVerdict, verdictsOf } from '../../src/verify/verdict.js';

const EVIDENCE: Evidence[] = ['simulation', 'quadrature', 'search', 'identity'];

describe('decision rules', () => {
  it('issue 7: inside and narrow → CONFIRMED, outside → REFUTED, inside but wide → INCONCLUSIVE', () => {
    expect(decide(1, [0.95, 1.05], 0.1).verdict).toBe('CONFIRMED');
    expect(decide(1, [1.01, 1.05], 0.1).verdict).toBe('REFUTED');
    expect(decide(1, [0.5, 1.5], 0.1).verdict).toBe('INCONCLUSIVE');
  });
  it('a quadrature number is DERIVED or NOT DERIVED, never CONFIRMED or REFUTED', () => {
    expect(decideDeterministic(0.5, 0.52, 0.05).verdict).toBe('DERIVED');
    expect(decideDeterministic(0.5, 0.56, 0.05).verdict).toBe('NOT DERIVED');
  });
});

describe('row verdicts by evidence', () => {
  const partArb = (evidence: Evidence, role: ClaimPart['role']) =>
    fc.constantFrom(...verdictsOf(evidence)).map((verdict): ClaimPart => ({ name: `${role} part`, evidence, role, verdict, rule: '' }));
  const rowArb = fc.constantFrom(...EVIDENCE).chain((e) => fc.record({
    evidence: fc.constant(e),
    parts: fc.tuple(fc.array(partArb(e, 'decides'), { maxLength: 4 }), fc.array(partArb('simulation', 'check'), { maxLength: 3 })).map(([d, c]) => [...d, ...c]),
  }));

  it('quadrature and identity rows can never be CONFIRMED or REFUTED; every row speaks its evidence\'s words', () => {
    fc.assert(fc.property(rowArb, ({ evidence, parts }) => {
      const v = rowVerdict(evidence, parts).verdict;
      expect(verdictsOf(evidence)).toContain(v);
      if (evidence === 'quadrature' || evidence === 'identity') expect(['CONFIRMED', 'REFUTED']).not.toContain(v);
    }), { numRuns: 500, seed: 16 });
  });

  it('the deciding parts decide; a failing check makes a passing row INCONCLUSIVE, never REFUTED', () => {
    const q = (verdict: ClaimPart['verdict']): ClaimPart => ({ name: 'k', evidence: 'quadrature', role: 'decides', verdict, rule: '' });
    const mc = (verdict: ClaimPart['verdict']): ClaimPart => ({ name: 'MC vs exact', evidence: 'simulation', role: 'check', verdict, rule: '' });
    expect(rowVerdict('quadrature', [q('DERIVED'), mc('CONFIRMED')]).verdict).toBe('DERIVED');
    expect(rowVerdict('quadrature', [q('DERIVED'), mc('REFUTED')]).verdict).toBe('INCONCLUSIVE');
    expect(rowVerdict('quadrature', [q('NOT DERIVED'), mc('CONFIRMED')]).verdict).toBe('NOT DERIVED');
    expect(rowVerdict('quadrature', [mc('CONFIRMED')]).verdict).toBe('INCONCLUSIVE');
    expect(() => rowVerdict('quadrature', [{ ...mc('CONFIRMED'), role: 'decides' }])).toThrow(/simulation evidence, but decides a quadrature row/);
  });
});

describe('Monte Carlo-vs-exact tests under the family-wise rule', () => {
  // a ratio 1.06 with σ_log 0.0255: z = 2.29, p = 0.022, outside its own 95% CI
  const t = familyTest({ estimate: 1.06, ci95: [Math.exp(Math.log(1.06) - 1.96 * 0.0255), Math.exp(Math.log(1.06) + 1.96 * 0.0255)], theory: 1, z: Math.log(1.06) / 0.0255, precision: 0.1 });
  it('before the family is known the test is its own 95% rule', () => {
    expect(t.p).toBeLessThan(0.05);
    expect(decideTest(t).verdict).toBe('REFUTED');
  });
  it('outside its own 95% CI but not rejected by Holm: not a disagreement, and the rule says both', () => {
    const d = decideTest({ ...t, holm: { m: 12, rank: 1, threshold: 0.05 / 12, adjusted: 12 * t.p, rejected: false } });
    expect(d.verdict).toBe('CONFIRMED');
    expect(d.rule).toContain('outside the 95% CI');
    expect(d.rule).toContain('outside its own 95% CI, but not rejected by the family-wise rule');
  });
  it('rejected by Holm → REFUTED', () => {
    expect(decideTest({ ...t, holm: { m: 2, rank: 1, threshold: 0.025, adjusted: 2 * t.p, rejected: true } }).verdict).toBe('REFUTED');
  });
});
