/**
 * The four network claims at the quick size (issue 19; docs/claims.md, "Real networks"), run end to end as
 * `escapelab verify` runs them: each row is decided by simulation, carries its statistic with a finite 95% CI in
 * the row and in measured.ci95, a verdict a simulation row can have, parts that say what decided it, and figures that
 * pass the figure contract. Takes about a minute and a half on two cores.
 */
import { describe, expect, it } from 'vitest';
import { NETWORK_CLAIMS } from '../../src/verify/claims/networks.js';
import { runClaim } from '../../src/verify/row.js';
import { applyFamily } from '../../src/verify/family.js';
import { plotsOf } from '../../src/verify/report.js';
import { verdictsOf } from '../../src/verify/verdict.js';
import { validatePlot } from '../../src/figures/validate.js';
import type { ClaimResult } from '../../src/verify/claim.js';

const finite = (c: unknown): boolean => Array.isArray(c) && c.length === 2 && c.every(Number.isFinite) && c[0] <= c[1];

describe('the network claims at the quick size', () => {
  const rows: ClaimResult[] = [];
  it('run, each decided by simulation with a finite CI in the row and in measured.ci95', async () => {
    expect(NETWORK_CLAIMS.map((c) => c.id)).toEqual(['nn-noise-covariance', 'nn-escape-sharpness', 'nn-escape-batch-lr', 'nn-optimizer-selectivity']);
    for (const c of NETWORK_CLAIMS) rows.push(await runClaim(c, 'quick'));
    applyFamily(rows);
    for (const r of rows) {
      expect(r.evidence, r.id).toBe('simulation');
      expect(verdictsOf('simulation'), r.id).toContain(r.verdict);
      expect(r.rule, r.id).not.toMatch(/measurement failed/);
      expect(Number.isFinite(r.estimate), r.id).toBe(true);
      expect(finite(r.ci95), r.id).toBe(true);
      expect(finite(r.measured?.ci95), r.id).toBe(true);
      expect(r.parts.some((p) => p.role === 'decides'), r.id).toBe(true);
      for (const p of r.parts) {
        expect(p.evidence, `${r.id}: ${p.name}`).toBe('simulation');
        if (p.test) expect(finite(p.test.ci95), `${r.id}: ${p.name}`).toBe(true);
      }
      const plots = plotsOf(r);
      expect(plots.length, r.id).toBeGreaterThan(0);
      for (const p of plots) expect(() => validatePlot(p), `${r.id}: ${p.id}`).not.toThrow();
    }
  });
  it('reports what each claim measured beside its prediction', () => {
    const by = Object.fromEntries(rows.map((r) => [r.id, r.measured as Record<string, unknown>]));
    const noise = by['nn-noise-covariance'].byNetwork as Array<{ network: string; batchLaw: { ratio: { ci95: [number, number] } } }>;
    expect(noise.map((n) => n.network)).toEqual(['iris', 'teacher-student']);
    // the drawn minibatches against C/B_eff: the covariance route check must hold 1 (it checks A's sampler and B_eff)
    for (const n of noise) expect(n.batchLaw.ratio.ci95[0] <= 1 && 1 <= n.batchLaw.ratio.ci95[1], n.network).toBe(true);
    expect(typeof (by['nn-escape-sharpness'].law as { favoured: string }).favoured).toBe('string');
    expect(Number.isFinite((by['nn-escape-batch-lr'].invLr as { predictedSlope: number }).predictedSlope)).toBe(true);
    const opt = by['nn-optimizer-selectivity'].byOptimizer as Array<{ optimizer: string; k: number; kSde: number }>;
    expect(opt.map((o) => o.optimizer)).toEqual(['sgd', 'adam', 'invadam']);
    expect(opt.map((o) => o.kSde)).toEqual([1, 0.5, 1.5]);
  });
});
