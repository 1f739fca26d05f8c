/**
 * Heavy censoring on the double well (examples/double-well-langevin.json, exact MFPT 65.925 by quadrature), 4000
 * trajectories, seed 1, cut at maxTime 2, 5 and 20 (censored 97.8%, 93.7%, 75.1%). Before the heavy-censoring rule
 * the summary's mfpt was the exponential MLE, 89.2 [73.2, 111.0], 76.4 [67.8, 86.8], 70.16 [65.99, 74.74]: each 95%
 * CI excluded the exact value (escape from the minimum is not exponential before the walker has relaxed in the
 * well, ~1 time unit here), and nothing was flagged.
 *
 * Null hypothesis of each case: the summary's primary statement is true of the exact MFPT. Under heavy censoring
 * that statement is "MFPT ≥ E[min(τ, T)] ≥ ci95[0]" (kind 'lower-bound', at 97.5% confidence for the second
 * inequality); it fails if exact < ci95[0], or if a mean-kind interval excludes the exact value. The flag must be set
 * (censored fraction > 1/2). Fixed seed: deterministic. The Euler–Maruyama bias at dt = 1e-3 is far below the widths.
 * The all-censored run (maxTime 0.1) must give a finite bound, printable as JSON (no Infinity, which JSON writes null).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileScenario } from '../../src/scenario/compile.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { summarize, type Summary } from '../../src/montecarlo/summary.js';
import { theoryOfSystem } from '../../src/theory/scenario.js';
import { mfptEstimate } from '../../src/stats/index.js';
import { CENSORED, EXITED } from '../../src/montecarlo/state.js';

const N = 4000;

async function run(maxTime: number, n = N): Promise<{ s: Summary; exact: number; old: { estimate: number; ci95: [number, number] } }> {
  const sc = JSON.parse(readFileSync('examples/double-well-langevin.json', 'utf8'));
  sc.simulation.maxTime = maxTime;
  const c = compileScenario(sc, { trajectories: n, seed: 1, backend: 'cpu' });
  const exact = theoryOfSystem(c).mfpt.exact!;
  const r = await runEnsemble(c, { work: { first: 0, stride: 1, count: n }, backend: 'cpu' });
  const s = summarize(c, r.results, r);
  // the primary as it was before the rule: mfptEstimate (unchanged) on the same trajectories
  const keep = Array.from(r.results.status).map((v, i) => (v === EXITED || v === CENSORED ? i : -1)).filter((i) => i >= 0);
  const old = mfptEstimate(Float64Array.from(keep, (i) => r.results.time[i]), Uint8Array.from(keep, (i) => (r.results.status[i] === CENSORED ? 1 : 0))).primary;
  return { s, exact, old };
}

/** is the summary's primary statement true of `exact`? */
function statementHolds(m: NonNullable<Summary['mfpt']>, exact: number): boolean {
  return m.kind === 'lower-bound' ? m.ci95[0] <= exact : m.ci95[0] <= exact && exact <= m.ci95[1];
}

describe('heavy censoring on the double well (4000 trajectories, seed 1)', () => {
  for (const maxTime of [2, 5, 20]) {
    it(`maxTime ${maxTime}: flagged, and the primary statement (a lower bound) is true of the exact MFPT`, async () => {
      const { s, exact, old } = await run(maxTime);
      const m = s.mfpt!;
      console.log(`maxTime ${maxTime}: censored ${s.censored}/${s.trajectories}; before: ${old.estimate.toFixed(2)} ` +
        `[${old.ci95[0].toFixed(2)}, ${old.ci95[1].toFixed(2)}] (holds: ${old.ci95[0] <= exact && exact <= old.ci95[1]}); ` +
        `now ${m.kind} ${m.estimate.toFixed(4)} [${m.ci95[0].toFixed(4)}, ${m.ci95[1].toFixed(4)}]; exponential tail ` +
        `${s.exponentialTail ? `${s.exponentialTail.estimate.toFixed(2)} [${s.exponentialTail.ci95.map((x) => x.toFixed(2)).join(', ')}]` : 'null'}; exact ${exact.toFixed(3)}`);
      expect(exact).toBeCloseTo(65.925, 2);
      expect(s.censoring!.heavy).toBe(true);
      expect(s.censoring!.fraction).toBeGreaterThan(0.5);
      expect(s.censoring!.rule).toMatch(/censored fraction/);
      expect(m.kind).toBe('lower-bound');
      expect(m.horizon).toBe(maxTime);
      expect(m.method).toMatch(/restricted-mean/);
      expect(m.ci95[1]).toBeLessThanOrEqual(maxTime);
      expect(statementHolds(m, exact)).toBe(true);
      expect(s.warnings.some((w) => /^heavy censoring: /.test(w) && w.includes('lower bound'))).toBe(true);
      // the model-based numbers stay, labelled
      expect(s.exponential!.method).toMatch(/exponential-mle/);
      // the point estimate is the Kaplan–Meier restricted mean at the horizon (equal under censoring at one time)
      expect(m.estimate).toBeCloseTo(s.restrictedMean!.estimate, 10);
    });
  }

  it('all censored (maxTime 0.1): a finite lower bound, in the JSON too', async () => {
    const { s } = await run(0.1, 200);
    expect(s.escaped).toBe(0);
    const m = s.mfpt!;
    expect(m.kind).toBe('lower-bound');
    // 0 exits in 200: E[min(τ, 0.1)] ≥ 0.1·0.025^{1/200} at 97.5%
    expect(m.ci95[0]).toBeCloseTo(0.1 * Math.pow(0.025, 1 / 200), 12);
    expect(m.estimate).toBeCloseTo(0.1, 12);
    const json = JSON.parse(JSON.stringify(s));
    expect(json.mfpt).toEqual(m);
    expect(json.censoring.heavy).toBe(true);
  });
});
