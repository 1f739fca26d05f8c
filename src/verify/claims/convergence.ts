/**
 * Convergence-bound claims (design.md §7 item 13): one claim per regret theorem of src/convergence/theorems.ts,
 * decided by the fast-check counterexample search, plus `invariants-adamomentum`.
 *
 * Statistic: bound violations among the covered cases (those meeting every assumption). Decision rule (evidence
 * `search`; an identity checked on generated cases says HOLDS / FAILS instead of CONFIRMED / REFUTED):
 *   REFUTED       a counterexample was found (a certified bound violation, or a persistent linear-regret witness)
 *   CONFIRMED     none was found and the 95% Clopper–Pearson upper limit of the violation rate is ≤ the size's
 *                 precision (quick 2%, full 0.2%): the search was large enough to have seen a violation that common
 *   INCONCLUSIVE  none was found but too few cases were covered
 * A CONFIRMED verdict is for the searched family of problems and budget, not a proof. A theorem of status
 * `hypothesis` is the toolkit's own (the paper states none): its row has attribution `toolkit`, and a REFUTED
 * refutes that hypothesis, not the paper.
 */
import fc from 'fast-check';
import { ALL_KINDS, hyperArb, problemArb, type ProblemArbOptions } from '../../convergence/generators.js';
import { lossGradient, problemConstants, type OnlineProblem } from '../../convergence/problems.js';
import { runOnline } from '../../convergence/run.js';
import { searchTheorem, type PropertyResult, type SearchBudget } from '../../convergence/search.js';
import { THEOREMS, type RegretTheorem } from '../../convergence/theorems.js';
import { adamomentum } from '../../optimizers/adamomentum.js';
import type { Claim, ClaimMeasurement, RunSize, Verdict } from '../claim.js';
import { verdictWord } from '../verdict.js';
import { clopperPearson } from '../../stats/index.js';
import type { Plot } from '../plot.js';
import { boundCounterexamplePlots, linearRegretPlot } from './counterexample-plots.js';

export const CONVERGENCE_BUDGET: Record<RunSize, SearchBudget & { precision: number }> = {
  quick: { runs: 2000, seed: 1, minHorizon: 100, maxHorizon: 3000, maxDim: 8, maxPeriod: 6, kinds: ALL_KINDS, precision: 0.02 },
  full: { runs: 20000, seed: 1, minHorizon: 100, maxHorizon: 10000, maxDim: 8, maxPeriod: 6, kinds: ALL_KINDS, precision: 0.002 },
};

const describeBudget = (b: SearchBudget) =>
  `fast-check, seed ${b.seed}, ${b.runs} generated cases per property; ${(b.kinds ?? []).join('/')} losses, dimension 1–${b.maxDim}, period 1–${b.maxPeriod}, horizon ${b.minHorizon}–${b.maxHorizon}`;

export function verdictOf(found: number, covered: number, precision: number, evidence: 'search' | 'identity' = 'search'): { verdict: Verdict; ci95: [number, number] | null; rule: string } {
  const fail = verdictWord(evidence, 'fail'), pass = verdictWord(evidence, 'pass');
  if (covered === 0) return { verdict: found ? fail : 'INCONCLUSIVE', ci95: null, rule: found ? `a counterexample was found → ${fail}` : 'no covered case → INCONCLUSIVE' };
  const ci95 = clopperPearson(found, covered);
  if (found > 0) return { verdict: fail, ci95, rule: `a counterexample was found → ${fail}` };
  return ci95[1] <= precision
    ? { verdict: pass, ci95, rule: `no counterexample in ${covered} covered cases; 95% upper limit ${ci95[1].toExponential(2)} ≤ precision ${precision} → ${pass} (for this search)` }
    : { verdict: 'INCONCLUSIVE', ci95, rule: `no counterexample in ${covered} covered cases; 95% upper limit ${ci95[1].toExponential(2)} > precision ${precision} → INCONCLUSIVE` };
}

/** the measurement of an identity checked as a fast-check property: a failure is a counterexample */
export function propertyMeasurement<T>(details: fc.RunDetails<T>, covered: number, precision: number, statistic: string): ClaimMeasurement {
  const found = details.failed ? 1 : 0;
  const v = verdictOf(found, covered, precision, 'identity');
  return {
    statistic, estimate: covered ? found / covered : null, ci95: v.ci95, theory: 0,
    parts: [{ name: 'fast-check cases against the identity', evidence: 'identity', role: 'decides', verdict: v.verdict, rule: v.rule }],
    details: { runs: details.numRuns, covered, counterexample: details.counterexample ?? null },
  };
}

/** the toolkit's own hypotheses (no theorem in the paper) say so in their statement */
const HYPOTHESIS = 'A hypothesis this toolkit tests, not a theorem the paper states: ';

export function theoremClaim(th: RegretTheorem): Claim {
  return {
    id: th.id, source: th.source, statement: th.status === 'hypothesis' ? `${HYPOTHESIS}${th.statement}` : th.statement,
    evidence: 'search', attribution: th.status === 'hypothesis' ? 'toolkit' : 'paper',
    protocol: { quick: describeBudget(CONVERGENCE_BUDGET.quick), full: describeBudget(CONVERGENCE_BUDGET.full) },
    async run(size) {
      const b = CONVERGENCE_BUDGET[size];
      const r = searchTheorem(th, b);
      // the theorem's own property decides; a hypothesis has only the no-regret property
      const primary: PropertyResult = r.bound ?? r.noRegret;
      const found = (r.bound?.counterexample ? 1 : 0) + (r.noRegret.counterexample?.persistent ? 1 : 0);
      const v = verdictOf(found, primary.covered, b.precision);
      const own = th.status === 'hypothesis' && v.verdict === 'REFUTED' ? ' (this refutes the toolkit\'s hypothesis; the paper states no such theorem)' : '';
      const result: ClaimMeasurement = {
        statistic: r.bound ? 'bound violations among covered cases (R(t) > bound(t) at some horizon t)' : 'persistent linear-regret witnesses among covered cases',
        estimate: primary.covered ? Math.min(found, 1) / primary.covered : null,
        ci95: v.ci95, theory: 0,
        parts: [{ name: r.bound ? 'fast-check search for a bound violation' : 'fast-check search for linear regret', evidence: 'search', role: 'decides', verdict: v.verdict, rule: `${v.rule}${own}` }],
        details: { status: th.status, search: r, plots: counterexamplePlots(th, r) },
      };
      return result;
    },
  };
}

/** the figures of the counterexamples: a bound violation (zoomed ratio and full curves), a linear-regret witness */
function counterexamplePlots(th: RegretTheorem, r: ReturnType<typeof searchTheorem>): Plot[] {
  const b = r.bound?.counterexample, w = r.noRegret.counterexample;
  return [...(b ? boundCounterexamplePlots(th.id, b) : []), ...(w?.longCurve ? [linearRegretPlot(th.id, { ...w, longCurve: w.longCurve })] : [])];
}

/**
 * AdaMomentum's invariants (Wang et al., ICDM 2023 supplement §VIII; sources.md §5.2 and §6 item 12):
 * |m_{t,i}| ≤ G∞ and v_{t,i} ≤ G∞² + (1−β2ᵗ)ε/(1−β2) whenever ‖g_t‖∞ ≤ G∞. Checked on two implementations: the
 * online (theorem) form of src/convergence and the official-code form of src/optimizers (iterates clipped to F).
 */
const INVARIANTS = {
  id: 'invariants-adamomentum',
  source: 'Wang et al. 2023 (ICDM, AdaM³ supplement §VIII), invariants used in the proof of Theorem 4',
  statement: '|m_t| ≤ G∞ and v_t ≤ G∞² + (1−β2ᵗ)ε/(1−β2) element-wise for every t',
};

export const invariantsAdamomentum: Claim = {
  ...INVARIANTS, evidence: 'identity', attribution: 'paper',
  protocol: { quick: describeBudget(CONVERGENCE_BUDGET.quick), full: describeBudget(CONVERGENCE_BUDGET.full) },
  async run(size) {
    const b = CONVERGENCE_BUDGET[size];
    let covered = 0;
    const details = fc.check(
      fc.property(problemArb(b as ProblemArbOptions), hyperArb({ beta1Schedules: ['constant', 'exp-t'], eps: [0, 1e-8, 1e-2] }), (p, h) => {
        if (!(h.beta2 > 0 && h.beta2 < 1 && h.beta1 < 1)) return true;
        covered++;
        const r = runOnline('adamomentum', h, p);
        const tol = (x: number) => 1e-12 * Math.max(1, Math.abs(x));
        const G = r.constants.Ginf;
        if (r.maxAbsM > G + tol(G) || r.maxVExcess > tol(G * G)) return false;
        return codeFormInvariants(p, h.beta1, h.beta2, h.eps, h.alpha);
      }),
      { numRuns: b.runs, seed: b.seed },
    );
    return propertyMeasurement(details, covered, b.precision, 'cases with an invariant broken, among covered cases (0 < β2 < 1)');
  },
};

/** the code form (bias-corrected step, ε accumulated in v) with its iterates clipped to F */
function codeFormInvariants(p: OnlineProblem, beta1: number, beta2: number, eps: number, lr: number): boolean {
  const opt = adamomentum({ lr, beta1, beta2, eps, decoupled: true });
  const x = Float64Array.from(p.start), g = new Float64Array(p.dim), s = opt.init(x);
  const G = problemConstants(p).Ginf;
  for (let t = 1; t <= p.horizon; t++) {
    lossGradient(p.slots[(t - 1) % p.slots.length], x, g);
    opt.step(x, g, s);
    for (let i = 0; i < p.dim; i++) x[i] = Math.min(p.hi[i], Math.max(p.lo[i], x[i]));
    const m = s.m as Float64Array, v = s.v as Float64Array;
    const cap = G * G + ((1 - beta2 ** t) * eps) / (1 - beta2);
    for (let i = 0; i < p.dim; i++) {
      if (Math.abs(m[i]) > G * (1 + 1e-12) + 1e-300) return false;
      if (v[i] > cap * (1 + 1e-12)) return false;
    }
  }
  return true;
}

export const CONVERGENCE_CLAIMS: Claim[] = [...THEOREMS.map(theoremClaim), invariantsAdamomentum];
