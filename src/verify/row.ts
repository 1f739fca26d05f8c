/**
 * A claim's result row: the claim's own fields (id, source, statement, evidence, attribution), its measurement,
 * and the verdict that the rules of verdict.ts give its parts. `redecide` recomputes the verdicts from the stored
 * numbers, so a row can be decided again once its Monte Carlo-vs-exact tests have Holm's decisions (family.ts).
 */
import type { Claim, ClaimMeasurement, ClaimPart, ClaimResult, RunSize } from './claim.js';
import { decideTest, outcomeOf, rowVerdict } from './verdict.js';

/**
 * The deciding test part whose numbers a row shows: one whose verdict is the row's (failing, undecided or passing)
 * and, among those, one whose interval agrees with it (the theory value outside it for a failing row, inside it
 * otherwise), then the smallest p (for a passing row the part closest to failing); ties in p (both 0 after
 * underflow) go to the larger |z|.
 */
export function decidingPart(row: ClaimResult): { part: ClaimPart; why: string } | null {
  const tested = row.parts.filter((p) => p.role === 'decides' && p.test);
  const outcome = outcomeOf(row.verdict);
  const same = tested.filter((p) => outcomeOf(p.verdict) === outcome);
  const pool = same.length ? same : tested;
  if (!pool.length) return null;
  const agrees = (p: ClaimPart) => {
    const t = p.test!, inside = t.theory >= t.ci95[0] && t.theory <= t.ci95[1];
    return outcome === 'fail' ? !inside : inside;
  };
  const better = (p: ClaimPart, w: ClaimPart) => {
    if (agrees(p) !== agrees(w)) return agrees(p);
    return p.test!.p < w.test!.p || (p.test!.p === w.test!.p && Math.abs(p.test!.z) > Math.abs(w.test!.z));
  };
  const part = pool.reduce((w, p) => (better(p, w) ? p : w));
  const why = !same.length ? 'the part with the smallest p' : outcome === 'fail' ? 'the part that failed' : outcome === 'open' ? 'the undecided part' : 'the passing part with the smallest p';
  return { part, why };
}

/** a headline row shows the numbers of the part that decided its verdict */
function showDecidingPart(row: ClaimResult): void {
  if (!row.headline) return;
  const d = decidingPart(row);
  if (!d) return;
  const t = d.part.test!;
  row.estimate = t.estimate;
  row.ci95 = t.ci95;
  row.theory = t.theory;
  row.headline.part = d.part.name;
  row.statistic = `${row.headline.base}; shown: ${d.part.name} (${d.why}; every part's estimate and interval are in the parts)`;
}

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
  showDecidingPart(row);
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
    ...(m.headline ? { headline: { base: m.headline, part: '' } } : {}),
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
