/**
 * The verdict rules of `verify` (issue 7): how a measured interval and a theory value become CONFIRMED, REFUTED
 * or INCONCLUSIVE. The statistics behind the intervals live in src/stats/.
 */
import type { Verdict } from './claim.js';

/**
 * Issue 7's rule: CONFIRMED when the theory value lies in the 95% CI and the CI's half-width is at most the
 * precision the claim states; REFUTED when it lies outside; INCONCLUSIVE otherwise (in the CI, but the CI is too wide).
 */
export function decide(theory: number, ci: [number, number], precision: number): { verdict: Verdict; rule: string } {
  const half = (ci[1] - ci[0]) / 2;
  const f = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4));
  const where = `theory ${f(theory)} ${theory >= ci[0] && theory <= ci[1] ? 'inside' : 'outside'} the 95% CI [${f(ci[0])}, ${f(ci[1])}]`;
  if (theory < ci[0] || theory > ci[1]) return { verdict: 'REFUTED', rule: `${where} → REFUTED` };
  if (half <= precision) return { verdict: 'CONFIRMED', rule: `${where}, half-width ${f(half)} ≤ precision ${f(precision)} → CONFIRMED` };
  return { verdict: 'INCONCLUSIVE', rule: `${where}, but half-width ${f(half)} > precision ${f(precision)} → INCONCLUSIVE` };
}

/** the weaker of several verdicts (REFUTED ≻ INCONCLUSIVE ≻ CONFIRMED) for a claim with several parts */
export function combine(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('REFUTED')) return 'REFUTED';
  if (verdicts.includes('INCONCLUSIVE')) return 'INCONCLUSIVE';
  return 'CONFIRMED';
}

/**
 * The rule for a deterministic number (quadrature, an exponent integral: numerical error ≪ the tolerance): it has
 * no sampling CI, so CONFIRMED when it lies within the claim's stated tolerance of the theory value, else REFUTED.
 */
export function decideDeterministic(theory: number, estimate: number, tolerance: number): { verdict: Verdict; rule: string } {
  const dev = Math.abs(estimate - theory);
  const f = (v: number) => v.toPrecision(4);
  return dev <= tolerance
    ? { verdict: 'CONFIRMED', rule: `|${f(estimate)} − ${f(theory)}| = ${f(dev)} ≤ tolerance ${f(tolerance)} → CONFIRMED` }
    : { verdict: 'REFUTED', rule: `|${f(estimate)} − ${f(theory)}| = ${f(dev)} > tolerance ${f(tolerance)} → REFUTED` };
}
