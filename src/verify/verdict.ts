/**
 * The verdict rules of `verify` (issue 7, issue 16): how a measured interval and a theory value become a verdict,
 * in the words of the evidence that decided it (docs/claims.md, "Verdicts"). The statistics behind the intervals
 * live in src/stats/.
 */
import { twoSidedP } from '../stats/index.js';
import type { ClaimPart, Evidence, FamilyTest, Verdict } from './claim.js';

/** pass / fail / not decided, before it is put in the evidence's words */
export type Outcome = 'pass' | 'fail' | 'open';

const WORDS: Record<Evidence, Record<Outcome, Verdict>> = {
  simulation: { pass: 'CONFIRMED', fail: 'REFUTED', open: 'INCONCLUSIVE' },
  search: { pass: 'CONFIRMED', fail: 'REFUTED', open: 'INCONCLUSIVE' },
  quadrature: { pass: 'DERIVED', fail: 'NOT DERIVED', open: 'INCONCLUSIVE' },
  identity: { pass: 'HOLDS', fail: 'FAILS', open: 'INCONCLUSIVE' },
};

export const verdictWord = (e: Evidence, o: Outcome): Verdict => WORDS[e][o];
/** the verdicts a row decided by this evidence can have */
export const verdictsOf = (e: Evidence): Verdict[] => Object.values(WORDS[e]);

export function outcomeOf(v: Verdict): Outcome {
  if (v === 'CONFIRMED' || v === 'DERIVED' || v === 'HOLDS') return 'pass';
  if (v === 'REFUTED' || v === 'NOT DERIVED' || v === 'FAILS') return 'fail';
  return 'open';
}

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4));

/**
 * Issue 7's rule for a simulation: CONFIRMED when the theory value lies in the 95% CI and the CI's half-width is
 * at most the precision the claim states; REFUTED when it lies outside; INCONCLUSIVE otherwise (in the CI, but the CI
 * is too wide). Used alone for comparisons outside the Monte Carlo-vs-exact family (decideTest is for those).
 */
export function decide(theory: number, ci: [number, number], precision: number): { verdict: Verdict; rule: string } {
  const half = (ci[1] - ci[0]) / 2;
  const where = `theory ${fmt(theory)} ${theory >= ci[0] && theory <= ci[1] ? 'inside' : 'outside'} the 95% CI [${fmt(ci[0])}, ${fmt(ci[1])}]`;
  if (theory < ci[0] || theory > ci[1]) return { verdict: 'REFUTED', rule: `${where} → REFUTED` };
  if (half <= precision) return { verdict: 'CONFIRMED', rule: `${where}, half-width ${fmt(half)} ≤ precision ${fmt(precision)} → CONFIRMED` };
  return { verdict: 'INCONCLUSIVE', rule: `${where}, but half-width ${fmt(half)} > precision ${fmt(precision)} → INCONCLUSIVE` };
}

/**
 * The rule for a number from quadrature (an exponent integral, a limit of exact MFPTs: numerical error ≪ the
 * tolerance). It has no sampling CI: DERIVED when it lies within the claim's stated tolerance of the theory value,
 * else NOT DERIVED. It says what the model's own integrals give, not what an experiment found.
 */
export function decideDeterministic(theory: number, estimate: number, tolerance: number): { verdict: Verdict; rule: string } {
  const dev = Math.abs(estimate - theory);
  const f = (v: number) => v.toPrecision(4);
  return dev <= tolerance
    ? { verdict: 'DERIVED', rule: `|${f(estimate)} − ${f(theory)}| = ${f(dev)} ≤ tolerance ${f(tolerance)} → DERIVED` }
    : { verdict: 'NOT DERIVED', rule: `|${f(estimate)} − ${f(theory)}| = ${f(dev)} > tolerance ${f(tolerance)} → NOT DERIVED` };
}

/** a family test from its statistic z (normal under H₀) and the interval it shows */
export function familyTest(t: Omit<FamilyTest, 'p' | 'holm'>): FamilyTest {
  return { ...t, p: twoSidedP(t.z) };
}

/**
 * A Monte Carlo-vs-exact comparison, decided under the run's multiplicity rule: REFUTED when Holm rejects H₀ at
 * family level 5% (before the family is known: when the theory lies outside its own 95% CI); otherwise CONFIRMED
 * when the CI's half-width is at most the precision, else INCONCLUSIVE. A check outside its own 95% CI that Holm
 * does not reject says both.
 */
export function decideTest(t: FamilyTest): { verdict: Verdict; rule: string } {
  const inside = t.theory >= t.ci95[0] && t.theory <= t.ci95[1];
  const half = (t.ci95[1] - t.ci95[0]) / 2;
  let rule = `theory ${fmt(t.theory)} ${inside ? 'inside' : 'outside'} the 95% CI [${fmt(t.ci95[0])}, ${fmt(t.ci95[1])}] (z = ${t.z.toFixed(2)}, p = ${fmt(t.p)})`;
  let rejected = !inside;
  if (t.holm) {
    const h = t.holm;
    rejected = h.rejected;
    rule += `; Holm over the run's ${h.m} simulated-vs-stated comparisons: rank ${h.rank}, threshold ${fmt(h.threshold)}, adjusted p ${fmt(h.adjusted)} → ${h.rejected ? 'rejected' : 'not rejected'} at family level 5%`;
    if (!inside && !h.rejected) rule += ' (outside its own 95% CI, but not rejected by the family-wise rule)';
  }
  if (rejected) return { verdict: 'REFUTED', rule: `${rule} → REFUTED` };
  if (half <= t.precision) return { verdict: 'CONFIRMED', rule: `${rule}; half-width ${fmt(half)} ≤ precision ${fmt(t.precision)} → CONFIRMED` };
  return { verdict: 'INCONCLUSIVE', rule: `${rule}; half-width ${fmt(half)} > precision ${fmt(t.precision)} → INCONCLUSIVE` };
}

/**
 * A row's verdict from its parts (docs/claims.md, "Verdicts"): the `decides` parts, all of the row's evidence,
 * decide (one failing → REFUTED / NOT DERIVED / FAILS); a `check` part that does not pass (the Monte Carlo and
 * quadrature routes disagree, or the check is too wide) makes a passing row INCONCLUSIVE and never decides it.
 */
export function rowVerdict(evidence: Evidence, parts: ClaimPart[]): { verdict: Verdict; why: string } {
  const dec = parts.filter((p) => p.role === 'decides'), chk = parts.filter((p) => p.role === 'check');
  const bad = dec.find((p) => p.evidence !== evidence);
  if (bad) throw new Error(`the part '${bad.name}' is ${bad.evidence} evidence, but decides a ${evidence} row`);
  if (dec.length === 0) return { verdict: 'INCONCLUSIVE', why: 'no part decides the statement → INCONCLUSIVE' };
  const outs = dec.map((p) => outcomeOf(p.verdict));
  const word = (o: Outcome) => verdictWord(evidence, o);
  if (outs.includes('fail')) return { verdict: word('fail'), why: `a ${evidence} part fails → ${word('fail')}` };
  if (outs.includes('open')) return { verdict: word('open'), why: `a ${evidence} part is undecided → INCONCLUSIVE` };
  if (chk.some((p) => outcomeOf(p.verdict) !== 'pass')) return { verdict: 'INCONCLUSIVE', why: `the ${evidence} parts pass, but a check of the model (${chk.filter((p) => outcomeOf(p.verdict) !== 'pass').map((p) => p.name).join(', ')}) does not → INCONCLUSIVE` };
  return { verdict: word('pass'), why: `${dec.length > 1 ? `all ${dec.length} ${evidence} parts pass` : `the ${evidence} part passes`}${chk.length ? ' and the checks agree' : ''} → ${word('pass')}` };
}
