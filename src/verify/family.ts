/**
 * The multiplicity rule of a verify run (docs/claims.md, "Multiplicity"): every comparison of a simulated number with a
 * stated or exact value in the report (the parts that carry a `test`: Monte Carlo vs exact, a simulated exponent vs
 * the claimed one) forms one family, and Holm's step-down procedure decides them at
 * family level α = 5%. The rows are then decided again with those decisions.
 */
import { holm } from '../stats/index.js';
import type { ClaimResult } from './claim.js';
import { redecide } from './row.js';

export const FAMILY_ALPHA = 0.05;

export interface FamilyMember {
  claim: string;
  part: string;
  estimate: number;
  ci95: [number, number];
  theory: number;
  z: number;
  p: number;
  /** inside / outside its own 95% CI (the per-check rule without multiplicity) */
  own95: 'inside' | 'outside';
  rank: number;
  threshold: number;
  adjusted: number;
  rejected: boolean;
}

export interface FamilyReport {
  rule: string;
  alpha: number;
  m: number;
  members: FamilyMember[];
}

/** Holm over the tests of all rows (in report order); sets each test's `holm`, re-decides every row */
export function applyFamily(rows: ClaimResult[], alpha = FAMILY_ALPHA): FamilyReport {
  const tests = rows.flatMap((r) => r.parts.filter((p) => p.test).map((p) => ({ row: r, part: p, test: p.test! })));
  const d = holm(tests.map((t) => t.test.p), alpha);
  const m = tests.length;
  const members = tests.map(({ row, part, test }, i) => {
    test.holm = { m, rank: d[i].rank, threshold: d[i].threshold, adjusted: d[i].adjusted, rejected: d[i].rejected };
    const inside = test.theory >= test.ci95[0] && test.theory <= test.ci95[1];
    return {
      claim: row.id, part: part.name, estimate: test.estimate, ci95: test.ci95, theory: test.theory, z: test.z, p: test.p,
      own95: inside ? 'inside' as const : 'outside' as const, rank: d[i].rank, threshold: d[i].threshold, adjusted: d[i].adjusted, rejected: d[i].rejected,
    };
  });
  for (const r of rows) redecide(r);
  return {
    rule: `Holm–Bonferroni step-down over the ${m} simulated-vs-stated comparisons of this report, family-wise error rate ≤ ${alpha}`,
    alpha, m, members,
  };
}
