/**
 * A claim's result row: the claim's own fields (id, source, statement, evidence, attribution), its measurement,
 * and the verdict that the rules of verdict.ts give its parts. `redecide` recomputes the verdicts from the stored
 * numbers, so a row can be decided again once its Monte Carlo-vs-exact tests have Holm's decisions (family.ts).
 */
import type { Claim, ClaimMeasurement, ClaimResult, RunSize } from './claim.js';
import { decideTest, rowVerdict } from './verdict.js';

/** each test part's verdict and rule from its numbers (and Holm's decision, when set), then the row's */
export function redecide(row: ClaimResult): ClaimResult {
  for (const p of row.parts) {
    if (!p.test) continue;
    const d = decideTest(p.test);
    p.verdict = d.verdict;
    p.rule = d.rule;
  }
  if (row.parts.length === 0) return row; // a failed measurement keeps its INCONCLUSIVE and its reason
  const v = rowVerdict(row.evidence, row.parts);
  row.verdict = v.verdict;
  row.rule = `${row.parts.map((p) => `${p.name} [${p.evidence}${p.role === 'check' ? ', check' : ''}]: ${p.rule}`).join('; ')} ⇒ ${v.why}`;
  return row;
}

export function rowOf(c: Claim, m: ClaimMeasurement): ClaimResult {
  const ci95 = m.ci95 ?? null;
  if (ci95 && (c.evidence === 'quadrature')) throw new Error(`${c.id}: a quadrature number has no confidence interval (give its interval as range)`);
  if ((c.attribution === 'derived') !== Boolean(c.derivedFrom)) throw new Error(`${c.id}: derivedFrom names the paper exactly when attribution is 'derived'`);
  const row: ClaimResult = {
    id: c.id, source: c.source, statement: c.statement, evidence: c.evidence, attribution: c.attribution,
    ...(c.derivedFrom ? { derivedFrom: c.derivedFrom } : {}),
    statistic: m.statistic, estimate: m.estimate, ci95, range: m.range ?? null, theory: m.theory,
    verdict: 'INCONCLUSIVE', rule: '', parts: m.parts, ...(m.measured ? { measured: m.measured } : {}), details: m.details,
  };
  return redecide(row);
}

/** the row of a claim whose measurement threw: INCONCLUSIVE, with the reason */
export function failedRow(c: Claim, e: unknown): ClaimResult {
  return {
    ...rowOf(c, { statistic: '—', estimate: null, theory: null, parts: [], details: null }),
    verdict: 'INCONCLUSIVE', rule: `the measurement failed: ${e instanceof Error ? e.message : String(e)}`,
  };
}

export async function runClaim(c: Claim, size: RunSize): Promise<ClaimResult> {
  return rowOf(c, await c.run(size));
}
